"""Utility functions of the MLX namespace: ``all``/``any`` over empty inputs and tuple axes,
``diff`` on bool arrays and with ``n`` past the axis length (MLX would loop n times)."""

from __future__ import annotations

from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._bounds import _norm_axis
from ember_ml.backend.mlx._dtypes import _BOOL_C, _code, _pybool
from ember_ml.backend.mlx._statistical import _axis, _empty_reduction

__all__ = ["all", "any", "diff"]


# mlx 0.32.4: a reduction over an empty input can hang (deadlock in evaluation)
def all(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, True, mx.bool_, "all")
    if axis is None and not keepdims:
        return mx.all(x)
    return mx.all(x, axis=_axis(axis), keepdims=keepdims)


# mlx 0.32.4: a reduction over an empty input can hang (deadlock in evaluation)
def any(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, False, mx.bool_, "any")
    if axis is None and not keepdims:
        return mx.any(x)
    return mx.any(x, axis=_axis(axis), keepdims=keepdims)


# mlx 0.32.4: no prepend=/append=; n past the axis length loops n times (hangs)
def diff(
    x: mx.array,
    /,
    *,
    axis: int = -1,
    n: int = 1,
    prepend: mx.array | None = None,
    append: mx.array | None = None,
) -> mx.array:
    n = _bounds.size(n, "diff: n")
    if prepend is not None or append is not None:
        parts = [p for p in (prepend, x, append) if p is not None]
        x = mx.concatenate(parts, axis=axis)
    if x.ndim == 0:
        raise ValueError("diff: x must have at least one dimension")
    length = x.shape[_norm_axis(axis, x.ndim)]
    if n > length:
        n = length  # the result is empty from there on; MLX would loop n times
    if _code(x.dtype) == _BOOL_C:
        ax = _norm_axis(axis, x.ndim)
        for _ in range(n):
            sl1 = [slice(None)] * x.ndim
            sl0 = [slice(None)] * x.ndim
            sl1[ax] = slice(1, None)
            sl0[ax] = slice(None, -1)
            x = mx.not_equal(x[tuple(sl1)], x[tuple(sl0)])
        return x
    return mx.diff(x, n=n, axis=axis)
