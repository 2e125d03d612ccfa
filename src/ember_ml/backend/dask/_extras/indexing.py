"""Dask fast path for ``ember_ml.ops.indexing``: per-chunk partial scatters and a tree reduction.

Each chunk of ``values`` (along the scattered axis) is reduced into all ``n`` slots with
NumPy's ``ufunc.at`` (``sum``/``prod``/``max``/``min``; ``count`` by ``bincount``); the
partials, one per chunk, are combined by Dask's tree reduction (``da.sum``, ``da.max``,
...). Memory per task: one chunk plus ``n`` slots. The other axes keep their chunks.
Dask arrays are lazy: out-of-range indices are dropped (as inside a compiled graph) instead
of raising. The kernel does it chunk by chunk (``native_bounds_check`` answers ``"drop"``):
a chunk whose indices all lie in ``[0, n)`` (two small reductions tell) is scattered as it
is; only a chunk holding a bad index pays for wrapping negatives and sending the rest to a
spare slot, so valid indices cost no elementwise passes before the scatter.

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


def native_bounds_check(indices: Any) -> str:
    """``"drop"``: the kernel wraps negative indices (when asked) and drops the rest itself, per chunk."""
    return "drop"


def _slots(i: np.ndarray, n: int, negative_ok: bool | None) -> np.ndarray:
    """Indices in ``[0, n]`` (``n``: the spare slot of dropped ones); valid ones pass as they are.

    ``ufunc.at`` takes int32 indices as fast as intp ones, so valid indices are not copied:
    a chunk costs two small reductions (min, max) before the scatter.
    """
    if i.dtype == np.uint64:  # (the one integer dtype that does not cast safely to intp)
        i = i.astype(np.intp)
    if negative_ok is None or i.size == 0 or (int(i.min()) >= 0 and int(i.max()) < n):
        return i
    i = i.astype(np.intp)
    if negative_ok:
        i = np.where(i < 0, i + n, i)
    return np.where((i >= 0) & (i < n), i, n)


def _start(dtype: np.dtype, reduce: str) -> Any:
    if reduce == "sum":
        return 0
    if reduce == "prod":
        return 1
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return info.min if reduce == "max" else info.max
    return -np.inf if reduce == "max" else np.inf


def _counts(n: int, negative_ok: bool | None) -> Any:
    def kernel(v: np.ndarray, i: np.ndarray) -> np.ndarray:
        return np.bincount(_slots(i, n, negative_ok), minlength=n)[:n].astype(np.int64)

    return kernel


def _reducer(n: int, reduce: str, dtype: np.dtype, negative_ok: bool | None) -> Any:
    ufunc = _UFUNC[reduce]
    start = _start(dtype, reduce)

    def kernel(v: np.ndarray, i: np.ndarray) -> np.ndarray:
        out = np.full((n + 1, *v.shape[1:]), start, dtype=dtype)  # slot n: the dropped
        with np.errstate(invalid="ignore"):  # NaN among max/min values propagates, quietly
            ufunc.at(out, _slots(i, n, negative_ok), v)
        return out[:n]

    return kernel


def scatter(
    values: Any,
    indices: Any,
    n: int,
    reduce: str,
    axis: int,
    presorted: bool = False,
    negative_ok: bool | None = None,
) -> Any:
    """Reduce ``values`` along ``axis`` into ``n`` slots (``reduce``: sum/prod/max/min/count).

    ``negative_ok``: None when the indices are known to lie in ``[0, n)``; True to wrap
    negative ones and drop the rest, False to drop every index outside ``[0, n)``.
    """
    indices = da.asarray(indices)
    if reduce == "count":
        ones = da.zeros((indices.shape[0],), dtype=np.int8, chunks=(indices.chunks[0],))
        kernel = _counts(n, negative_ok)
        return slot_partials(kernel, ones, indices, n, np.dtype(np.int64), da.sum)
    moved = da.moveaxis(values, axis, 0) if axis else values
    dtype = np.dtype(values.dtype)
    combine = _COMBINE[reduce]
    if reduce in ("sum", "prod"):  # keep the dtype (Dask's sum widens small integers)
        combine = partial(combine, dtype=dtype)
    if reduce in ("sum", "prod"):
        out = slot_partials(
            _reducer(n, reduce, dtype, negative_ok), moved, indices, n, dtype, combine
        )
        if reduce == "prod":  # empty slots are 0, as torch_scatter
            count = scatter(values, indices, n, "count", axis, negative_ok=negative_ok)
            shape = (n,) + (1,) * (moved.ndim - 1)
            out = da.where(count.reshape(shape) > 0, out, da.zeros((), dtype=dtype))
        return da.moveaxis(out, 0, axis) if axis else out
    out = slot_partials(_reducer(n, reduce, dtype, negative_ok), moved, indices, n, dtype, combine)
    count = scatter(values, indices, n, "count", axis, negative_ok=negative_ok)
    shape = (n,) + (1,) * (moved.ndim - 1)
    out = da.where(count.reshape(shape) > 0, out, da.zeros((), dtype=dtype))
    return da.moveaxis(out, 0, axis) if axis else out
