"""What the extras share: a dtype predicate and the allocation guard (fast paths: ``ember_ml._hooks``)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path
from ember_ml._namespace import array_namespace

_NUMBERS = (bool, int, float, complex)


def namespace_of_arrays(*arrays: Any) -> ModuleType:
    """``ember_ml.array_namespace(*arrays)`` for an extra whose arguments must be arrays.

    A Python number or None is a ``TypeError`` here (array_namespace ignores them, and the
    extra would fail later with an ``AttributeError`` on ``.dtype``).

    >>> import numpy as np
    >>> namespace_of_arrays(np.zeros(2)).__name__
    'ember_ml.backend.numpy'
    """
    for a in arrays:
        if a is None or type(a) in _NUMBERS:
            raise TypeError(
                f"expected an array, got {'None' if a is None else f'the Python {type(a).__name__} {a!r}'}; "
                "convert it with ember_ml.ops.asarray (or xp.asarray) first"
            )
    return array_namespace(*arrays)


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
