"""What the extras share: a dtype predicate and the allocation guard (fast paths: ``ember_ml._hooks``)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path


def is_real_floating(xp: Any, dtype: Any) -> bool:
    """``xp.isdtype(dtype, "real floating")``, False for what is no dtype at all (torch raised AttributeError).

    >>> import numpy as np
    >>> import ember_ml
    >>> xp = ember_ml.array_namespace(np.zeros(1))
    >>> is_real_floating(xp, xp.float32), is_real_floating(xp, "float32")
    (True, False)
    """
    try:
        return bool(xp.isdtype(dtype, "real floating"))
    except (AttributeError, TypeError, ValueError, KeyError):
        return False


def guard_allocation(
    xp: ModuleType, group: str, shape: tuple[int, ...], dtype: Any, what: str
) -> bool:
    """Refuse, before the library allocates, an array it would crash on; True where a backend checked.

    Asks the backend's ``check_allocation`` hook of extras group ``group`` (MLX: int32
    axes and failed allocations raise ``ValueError`` / ``MemoryError`` naming ``what``).
    ``dtype`` is the array's dtype, or its bytes per element for working arrays.

    >>> import numpy as np
    >>> import ember_ml
    >>> guard_allocation(ember_ml.array_namespace(np.zeros(1)), "signal", (4,), 8, "frame")
    False
    """
    check = fast_path(xp, group, "check_allocation")
    if check is None:
        return False
    check(shape, dtype, what)
    return True
