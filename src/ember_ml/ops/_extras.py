"""How an extra picks its backend's native fast path: ``fast_path`` lives in ``ember_ml._hooks``.

Re-exported here for the ops modules written before the declaration moved there (the
same function and the same cache: ``_cache is ember_ml._hooks._cache``).
"""

from __future__ import annotations

from typing import Any

from ember_ml._hooks import _cache, fast_path  # noqa: F401 - re-exported


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
