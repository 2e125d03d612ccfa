"""NumPy fast paths for ``ember_ml.ops.indexing``: ``ufunc.at`` (unbuffered, duplicates accumulate).

On NumPy >= 1.25 ``np.add.at`` has a fast loop for 1-D integer indices and beats
``np.bincount`` (which also accumulates in float64). ``ufunc.at`` raises
``IndexError`` itself on out-of-range indices and wraps negative ones, so the
caller needs no extra pass over valid indices (``native_bounds_check``).

>>> import numpy as np
>>> scatter(np.asarray([1.0, 2.0, 3.0]), np.asarray([1, 1, 0]), 2, "sum", 0)
array([3., 3.])
"""

from __future__ import annotations

from typing import Any

import numpy as np

_UFUNC = {"sum": np.add, "prod": np.multiply, "max": np.maximum, "min": np.minimum}


def native_bounds_check(indices: Any) -> str:
    """``ufunc.at`` wraps negative indices and raises ``IndexError`` past the end by itself."""
    return "wrap"


def _counts(indices: np.ndarray, n: int) -> np.ndarray:
    try:
        return np.bincount(indices, minlength=n)
    except ValueError:  # negative (wrapped) indices: bincount refuses them
        count = np.zeros(n, dtype=np.int64)
        np.add.at(count, indices, np.ones(indices.shape, dtype=np.int64))
        return count


def _init(dtype: np.dtype, reduce: str) -> Any:
    if reduce in ("sum", "prod"):
        return 0 if reduce == "sum" else 1
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return info.min if reduce == "max" else info.max
    return -np.inf if reduce == "max" else np.inf


def scatter(
    values: Any, indices: Any, n: int, reduce: str, axis: int, presorted: bool = False
) -> Any:
    """Reduce ``values`` along ``axis`` into ``n`` slots (``reduce`` in sum/prod/max/min/count)."""
    if reduce == "count":
        return _counts(indices, n)
    moved = np.moveaxis(values, axis, 0) if axis else values
    if reduce == "sum":
        out = np.zeros((n, *moved.shape[1:]), dtype=values.dtype)
        np.add.at(out, indices, moved)
        return np.moveaxis(out, 0, axis) if axis else out
    sentinel = _init(values.dtype, reduce)
    out = np.full((n, *moved.shape[1:]), sentinel, dtype=values.dtype)
    with np.errstate(invalid="ignore"):  # NaN among max/min values propagates, quietly
        _UFUNC[reduce].at(out, indices, moved)
    # max/min: a slot still holding its start value may be empty; count only then
    if reduce == "prod" or bool(np.any(out == sentinel)):
        out[_counts(indices, n) == 0] = 0
    return np.moveaxis(out, 0, axis) if axis else out
