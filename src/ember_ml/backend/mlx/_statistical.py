"""Statistical functions of the MLX namespace: the standard's accumulation dtypes, tuple axes,
non-integer ``correction``, and empty inputs answered from their shape (MLX's reductions over
zero-size inputs can hang)."""

from __future__ import annotations

import builtins
import math
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._bounds import _optional_axis
from ember_ml.backend.mlx._dtypes import (
    _COMPLEX,
    _REAL_FLOAT,
    _REAL_OF,
    _SUM_UPCAST,
    _SUM_UPCAST_C,
    _code,
    _pybool,
    _sum_dtype,
)

__all__ = [
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
]


def _empty_reduction(
    x: mx.array, axis: Any, keepdims: _pybool, fill: Any, dtype: Any, name: str
) -> mx.array:
    """The reduction of an EMPTY array, built in Python without running an MLX reduction.

    MLX's reductions over zero-size inputs hang now and then (a deadlock in the
    evaluation, see docs/mlx.md): the result is known from the shape alone.
    ``fill`` None means the reduction has no identity (max/min/argmax):
    ``ValueError`` when a reduced axis is empty, as NumPy.
    """
    ndim = x.ndim
    axes = list(range(ndim)) if axis is None else _bounds.axes(axis, ndim, name)
    if fill is None and math.prod(x.shape[a] for a in axes) == 0:
        raise ValueError(
            f"{name}: zero-size reduction over axes {tuple(axes)} of shape {tuple(x.shape)} "
            "has no identity"
        )
    shape = (
        [1 if i in axes else d for i, d in enumerate(x.shape)]
        if keepdims
        else [d for i, d in enumerate(x.shape) if i not in axes]
    )
    return mx.full(shape, fill if fill is not None else 0, dtype=dtype)


def _fresh_if_empty(x: mx.array) -> mx.array:
    """An empty array made from a foreign buffer reduces wrongly in MLX; a fresh empty one does not."""
    return mx.zeros(x.shape, dtype=x.dtype) if x.size == 0 else x


def _axis(axis: Any) -> Any:
    return list(axis) if isinstance(axis, tuple) else axis


# mlx 0.32.4: no dtype=; a 0-d small integer keeps its dtype; empty input can hang
def sum(  # noqa: A001
    x: mx.array, /, *, axis: Any = None, dtype: Any = None, keepdims: _pybool = False
) -> mx.array:
    if dtype is None and type(axis) is not tuple and x.ndim and x.size:
        # MLX already sums bool/int8/int16/uint8/uint16 in 32 bits, as _SUM_UPCAST asks (not 0-d ones)
        return (
            mx.sum(x) if axis is None and not keepdims else mx.sum(x, axis=axis, keepdims=keepdims)
        )
    xdt = x.dtype
    dt = _SUM_UPCAST.get(xdt, xdt) if dtype is None else dtype
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, 0, dt, "sum")
    if dtype is not None and dt != xdt:
        x = x.astype(dt)  # MLX already accumulates small integers in 32 bits: cast only on request
    out = mx.sum(x, axis=list(axis) if type(axis) is tuple else axis, keepdims=keepdims)
    return out if out.dtype == dt else out.astype(dt)


# mlx 0.32.4: no dtype=; a 0-d small integer keeps its dtype; empty input can hang
def prod(
    x: mx.array, /, *, axis: Any = None, dtype: Any = None, keepdims: _pybool = False
) -> mx.array:
    if dtype is None and type(axis) is not tuple and x.ndim and x.size:
        # MLX already multiplies bool/int8/int16/uint8/uint16 in 32 bits, as _SUM_UPCAST asks (as sum)
        return (
            mx.prod(x)
            if axis is None and not keepdims
            else mx.prod(x, axis=axis, keepdims=keepdims)
        )
    dt = _sum_dtype(x.dtype, dtype)
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, 1, dt, "prod")
    if dtype is not None and dt != x.dtype:
        x = x.astype(dt)  # MLX already accumulates small integers in 32 bits: cast only on request
    out = mx.prod(x, axis=_axis(axis), keepdims=keepdims)
    return out if out.dtype == dt else out.astype(dt)


# mlx 0.32.4: a reduction over an empty input can hang (deadlock in evaluation)
def max(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, x.dtype, "max")
    if axis is None and not keepdims:
        return mx.max(x)
    return mx.max(x, axis=_axis(axis), keepdims=keepdims)


# mlx 0.32.4: a reduction over an empty input can hang (deadlock in evaluation)
def min(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, x.dtype, "min")
    if axis is None and not keepdims:
        return mx.min(x)
    return mx.min(x, axis=_axis(axis), keepdims=keepdims)


# mlx 0.32.4: a reduction over an empty input can hang (deadlock in evaluation)
def mean(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:
    if x.size == 0:
        dt = x.dtype if x.dtype in _REAL_FLOAT or x.dtype in _COMPLEX else mx.float32
        return _empty_reduction(x, axis, keepdims, math.nan, dt, "mean")
    if axis is None and not keepdims:
        return mx.mean(x)
    return mx.mean(x, axis=_axis(axis), keepdims=keepdims)


def _count(x: mx.array, axis: Any) -> int:
    if axis is None:
        return x.size
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return math.prod(x.shape[a] for a in axes)


# mlx 0.32.4: no non-integer correction; a reduction over an empty input can hang
def var(
    x: mx.array, /, *, axis: Any = None, correction: float = 0.0, keepdims: _pybool = False
) -> mx.array:
    if x.size == 0:
        dt = (
            _REAL_OF.get(x.dtype, x.dtype)
            if x.dtype in _REAL_FLOAT or x.dtype in _COMPLEX
            else mx.float32
        )
        return _empty_reduction(x, axis, keepdims, math.nan, dt, "var")
    if correction == int(correction):
        return mx.var(x, axis=_axis(axis), keepdims=keepdims, ddof=int(correction))
    n = _count(x, axis)
    v = mx.var(x, axis=_axis(axis), keepdims=keepdims)
    return v * (n / builtins.max(n - correction, 0.0)) if n - correction > 0 else v * math.inf


# mlx 0.32.4: no non-integer correction; a reduction over an empty input can hang
def std(
    x: mx.array, /, *, axis: Any = None, correction: float = 0.0, keepdims: _pybool = False
) -> mx.array:
    return mx.sqrt(var(x, axis=axis, correction=correction, keepdims=keepdims))


def _cumulative(
    fn: Any, init: int, x: mx.array, axis: Any, dtype: Any, include_initial: _pybool
) -> mx.array:
    x, ax = _optional_axis(_fresh_if_empty(x), axis, "cumulative_sum/prod")
    dt = _sum_dtype(x.dtype, dtype)
    if dt != x.dtype:
        x = x.astype(dt)
    out = fn(x, axis=ax)
    if out.dtype != dt:
        out = out.astype(dt)
    if include_initial:
        shape = list(x.shape)
        shape[ax] = 1
        out = mx.concatenate([mx.full(shape, init, dtype=out.dtype), out], axis=ax)
    return out


# mlx 0.32.4: no include_initial=; small integer dtypes kept (standard: upcast)
def cumulative_sum(
    x: mx.array, /, *, axis: int | None = None, dtype: Any = None, include_initial: _pybool = False
) -> mx.array:
    # x.itemsize first (an int; x.dtype makes a new Dtype object): the upcast dtypes are 1-2 bytes
    if (
        dtype is None
        and not include_initial
        and x.size
        and (x.itemsize > 2 or _code(x.dtype) not in _SUM_UPCAST_C)
    ):
        # MLX keeps these dtypes (as the standard asks): only the axis needs checking
        if axis is None:
            if x.ndim == 1:
                return mx.cumsum(x, axis=0)
        elif type(axis) is int and -x.ndim <= axis < x.ndim:
            return mx.cumsum(x, axis=axis)
    return _cumulative(mx.cumsum, 0, x, axis, dtype, include_initial)


# mlx 0.32.4: no include_initial=; small integer dtypes kept (standard: upcast)
def cumulative_prod(
    x: mx.array, /, *, axis: int | None = None, dtype: Any = None, include_initial: _pybool = False
) -> mx.array:
    # x.itemsize first (an int; x.dtype makes a new Dtype object): the upcast dtypes are 1-2 bytes
    if (
        dtype is None
        and not include_initial
        and x.size
        and (x.itemsize > 2 or _code(x.dtype) not in _SUM_UPCAST_C)
    ):
        # MLX keeps these dtypes (as the standard asks): only the axis needs checking
        if axis is None:
            if x.ndim == 1:
                return mx.cumprod(x, axis=0)
        elif type(axis) is int and -x.ndim <= axis < x.ndim:
            return mx.cumprod(x, axis=axis)
    return _cumulative(mx.cumprod, 1, x, axis, dtype, include_initial)
