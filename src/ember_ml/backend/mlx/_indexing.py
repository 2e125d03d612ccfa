"""MLX fast paths for ``ember_ml.ops.indexing``: ``x.at[indices].add/multiply/maximum/minimum``.

MLX checks no index (a bad one aborts or corrupts memory): the caller has
checked or masked the indices before this runs. ``.at[].maximum``/``minimum``
drop NaN depending on order, so NaN flags are scattered with the slot counts
(one extra int64 scatter) and put back; nothing is evaluated here.

>>> import mlx.core as mx
>>> scatter(mx.array([1.0, 2.0, 3.0]), mx.array([1, 1, 0]), 2, "sum", 0).tolist()
[3.0, 3.0]
"""

from __future__ import annotations

from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx._indices import _is_tracing_error

_NAN_BIT = 1 << 32


def is_traced(indices: Any) -> bool:
    """True inside mx.compile / mx.vmap, where arrays cannot be evaluated."""
    try:
        mx.eval(indices)
    except ValueError as err:
        if _is_tracing_error(err):
            return True
        raise
    return False


def _init(dtype: Any, reduce: str) -> Any:
    if reduce in ("sum", "prod"):
        return 0 if reduce == "sum" else 1
    if mx.issubdtype(dtype, mx.integer):
        info = mx.iinfo(dtype)
        return info.min if reduce == "max" else info.max
    return -float("inf") if reduce == "max" else float("inf")


def _counts(indices: Any, n: int) -> Any:
    return mx.zeros((n,), dtype=mx.int32).at[indices].add(mx.ones(indices.shape, dtype=mx.int32))


def scatter(values: Any, indices: Any, n: int, reduce: str, axis: int, presorted: bool = False) -> Any:
    """Reduce ``values`` along ``axis`` into ``n`` slots (``reduce`` in sum/prod/max/min/count)."""
    if reduce == "count":
        return _counts(indices, n)
    moved = mx.moveaxis(values, axis, 0) if axis != 0 else values
    shape = (n, *moved.shape[1:])
    out = mx.full(shape, _init(values.dtype, reduce), dtype=values.dtype)
    at = out.at[indices]
    if reduce == "sum":
        out = at.add(moved)
    else:
        out = {"prod": at.multiply, "max": at.maximum, "min": at.minimum}[reduce](moved)
        zero = mx.zeros((), dtype=values.dtype)
        if reduce != "prod" and mx.issubdtype(values.dtype, mx.inexact):
            # one int64 scatter gives both the count (low 32 bits) and a NaN flag (high bits),
            # without evaluating anything: the call stays lazy and works inside mx.compile
            code = mx.isnan(moved).astype(mx.int64) * _NAN_BIT + 1
            acc = mx.zeros(shape, dtype=mx.int64).at[indices].add(code)
            out = mx.where(acc >= _NAN_BIT, mx.array(float("nan"), dtype=values.dtype), out)
            out = mx.where(acc == 0, zero, out)
        else:
            empty = (_counts(indices, n) == 0).reshape((n,) + (1,) * (moved.ndim - 1))
            out = mx.where(empty, zero, out)
    return mx.moveaxis(out, 0, axis) if axis != 0 else out
