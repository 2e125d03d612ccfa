"""Dask fast path for ``ember_ml.ops.indexing``: per-chunk partial scatters and a tree reduction.

Each chunk of ``values`` (along the scattered axis) is reduced into all ``n`` slots with
NumPy's ``ufunc.at`` (``sum``/``prod``/``max``/``min``; ``count`` by ``bincount``); the
partials, one per chunk, are combined by Dask's tree reduction (``da.sum``, ``da.max``,
...). Memory per task: one chunk plus ``n`` slots. The other axes keep their chunks.
Dask arrays are lazy: ``ops.indexing`` drops out-of-range indices for them (as inside a
compiled graph) instead of raising, and hands this kernel indices in ``[0, n)``.

>>> import numpy as np
>>> v = da.from_array(np.asarray([1.0, 2.0, 3.0, 4.0]), chunks=2)
>>> scatter(v, da.from_array(np.asarray([0, 1, 0, 2]), chunks=2), 3, "sum", 0).compute()
array([4., 2., 4.])
"""

from __future__ import annotations

from functools import partial
from typing import Any

import dask.array as da
import numpy as np

from ember_ml.backend.dask._chunkwise import slot_partials

_UFUNC = {"sum": np.add, "prod": np.multiply, "max": np.maximum, "min": np.minimum}
_COMBINE = {"sum": da.sum, "prod": da.prod, "max": da.max, "min": da.min}


def _start(dtype: np.dtype, reduce: str) -> Any:
    if reduce == "sum":
        return 0
    if reduce == "prod":
        return 1
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return info.min if reduce == "max" else info.max
    return -np.inf if reduce == "max" else np.inf


def _counts(n: int) -> Any:
    def kernel(v: np.ndarray, i: np.ndarray) -> np.ndarray:
        return np.bincount(i.astype(np.intp, copy=False), minlength=n)[:n].astype(np.int64)

    return kernel


def _reducer(n: int, reduce: str, dtype: np.dtype) -> Any:
    ufunc = _UFUNC[reduce]
    start = _start(dtype, reduce)

    def kernel(v: np.ndarray, i: np.ndarray) -> np.ndarray:
        out = np.full((n, *v.shape[1:]), start, dtype=dtype)
        with np.errstate(invalid="ignore"):  # NaN among max/min values propagates, quietly
            ufunc.at(out, i.astype(np.intp, copy=False), v)
        return out

    return kernel


def scatter(
    values: Any, indices: Any, n: int, reduce: str, axis: int, presorted: bool = False
) -> Any:
    """Reduce ``values`` along ``axis`` into ``n`` slots (``reduce``: sum/prod/max/min/count)."""
    indices = da.asarray(indices)
    if reduce == "count":
        ones = da.zeros((indices.shape[0],), dtype=np.int8, chunks=(indices.chunks[0],))
        return slot_partials(_counts(n), ones, indices, n, np.dtype(np.int64), da.sum)
    moved = da.moveaxis(values, axis, 0) if axis else values
    dtype = np.dtype(values.dtype)
    combine = _COMBINE[reduce]
    if reduce in ("sum", "prod"):  # keep the dtype (Dask's sum widens small integers)
        combine = partial(combine, dtype=dtype)
    if reduce in ("sum", "prod"):
        out = slot_partials(_reducer(n, reduce, dtype), moved, indices, n, dtype, combine)
        if reduce == "prod":  # empty slots are 0, as torch_scatter
            count = scatter(values, indices, n, "count", axis)
            shape = (n,) + (1,) * (moved.ndim - 1)
            out = da.where(count.reshape(shape) > 0, out, da.zeros((), dtype=dtype))
        return da.moveaxis(out, 0, axis) if axis else out
    out = slot_partials(_reducer(n, reduce, dtype), moved, indices, n, dtype, combine)
    count = scatter(values, indices, n, "count", axis)
    shape = (n,) + (1,) * (moved.ndim - 1)
    out = da.where(count.reshape(shape) > 0, out, da.zeros((), dtype=dtype))
    return da.moveaxis(out, 0, axis) if axis else out
