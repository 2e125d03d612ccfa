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

from ember_ml.backend._memory import CHECK_FROM as _CHECK_FROM
from ember_ml.backend._memory import allocatable_bytes
from ember_ml.backend.mlx._bounds import _is_tracing_error

_NAN_BIT = 1 << 32

# MLX shapes are int32 per axis, and MLX does not survive a failed allocation (it
# segfaults): ``check_allocation`` refuses both before MLX sees them. Below this many
# bytes nothing is read (no system call on ordinary sizes).
_INT32_MAX = 2**31 - 1


def check_allocation(shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Raise before MLX allocates an array it cannot address or the machine cannot hold.

    ``ValueError`` for an axis longer than MLX's int32 shapes allow; ``MemoryError``
    (naming the size) for more bytes than physical memory or the process's
    address-space limit leaves, where MLX would crash instead of raising.
    """
    for n in shape:
        if n > _INT32_MAX:
            raise ValueError(
                f"{what}: an axis of {n} elements exceeds MLX's limit of {_INT32_MAX} (int32 shapes); "
                f"shape {tuple(shape)}"
            )
    nbytes = (
        dtype if isinstance(dtype, int) else getattr(dtype, "size", 8)
    )  # a bad dtype: the caller says so
    for n in shape:
        nbytes *= n
    if nbytes >= _CHECK_FROM and nbytes > allocatable_bytes():
        raise MemoryError(
            f"{what}: an array of shape {tuple(shape)} needs {nbytes} bytes, more than this process can "
            "allocate (MLX would crash on the failed allocation)"
        )


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


def scatter(
    values: Any, indices: Any, n: int, reduce: str, axis: int, presorted: bool = False
) -> Any:
    """Reduce ``values`` along ``axis`` into ``n`` slots (``reduce`` in sum/prod/max/min/count)."""
    if reduce == "count":
        return _counts(indices, n)
    moved = mx.moveaxis(values, axis, 0) if axis != 0 else values
    shape = (n, *moved.shape[1:])
    if moved.size == 0:  # MLX's scatter divides by the slice size: SIGFPE on a zero-size slice
        out = mx.zeros(shape, dtype=values.dtype)
    elif reduce == "sum":
        out = mx.zeros(shape, dtype=values.dtype).at[indices].add(moved)
    else:
        at = mx.full(shape, _init(values.dtype, reduce), dtype=values.dtype).at[indices]
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
