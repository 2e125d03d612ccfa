"""Dtype predicates the extras share (their fast paths are found by ``ember_ml._hooks.fast_path``)."""

from __future__ import annotations

from typing import Any


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
