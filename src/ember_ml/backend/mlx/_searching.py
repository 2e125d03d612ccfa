"""Searching functions of the MLX namespace: int32 indices as the namespace's default index
dtype, empty inputs answered without an MLX reduction, ``nonzero`` in MLX ops."""

from __future__ import annotations

from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx._dtypes import (
    _INDEX,
    _INTEGRAL,
    _INTEGRAL_C,
    _REAL_FLOAT,
    _array,
    _code,
    _pybool,
)
from ember_ml.backend.mlx._elementwise import _scalar_like
from ember_ml.backend.mlx._indexing_functions import take
from ember_ml.backend.mlx._statistical import _empty_reduction

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]


# mlx 0.32.4: answers uint32 (standard: the default index dtype); empty input can hang
def argmax(x: mx.array, /, *, axis: int | None = None, keepdims: _pybool = False) -> mx.array:
    if x.ndim == 0:
        return mx.zeros((), dtype=_INDEX)
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, _INDEX, "argmax")
    return mx.argmax(x, axis=axis, keepdims=keepdims).astype(_INDEX)


# mlx 0.32.4: answers uint32 (standard: the default index dtype); empty input can hang
def argmin(x: mx.array, /, *, axis: int | None = None, keepdims: _pybool = False) -> mx.array:
    if x.ndim == 0:
        return mx.zeros((), dtype=_INDEX)
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, _INDEX, "argmin")
    return mx.argmin(x, axis=axis, keepdims=keepdims).astype(_INDEX)


# mlx 0.32.4: a count over an empty input can hang (MLX's empty reductions)
def count_nonzero(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, 0, _INDEX, "count_nonzero")
    out = mx.sum(x != 0, axis=axis, keepdims=keepdims)
    return out.astype(_INDEX)


def _flat_true_positions(mask: mx.array) -> mx.array:
    """Positions of the True entries of 1-D bool ``mask``, ascending (one sync)."""
    n = mask.size
    k = int(mx.sum(mask).item())  # type: ignore[arg-type]
    pos = mx.where(mask, mx.arange(n, dtype=mx.int32), n)
    return mx.sort(pos)[:k]


# mlx 0.32.4: no mx.nonzero
def nonzero(x: mx.array, /) -> tuple[mx.array, ...]:
    """Indices of the non-zero elements. Output shape depends on data: evaluates ``x``."""
    if x.ndim == 0:
        raise ValueError("nonzero is not defined for 0-d arrays")
    flat = _flat_true_positions((x != 0).reshape(-1))
    out = []
    stride = 1
    strides = []
    for s in reversed(x.shape):
        strides.append(stride)
        stride *= s
    strides.reverse()
    for s, st in zip(x.shape, strides, strict=True):
        out.append(((flat // st) % s).astype(_INDEX))
    return tuple(out)


# mlx 0.32.4: answers uint32; no sorter=
def searchsorted(
    x1: mx.array, x2: Any, /, *, side: str = "left", sorter: mx.array | None = None
) -> mx.array:
    if sorter is None and type(x2) is _array:
        # the common case: MLX checks side and x1's ndim itself, promotes mixed dtypes as
        # result_type does (as the general path below) and answers uint32. Only an integer x1
        # against another dtype needs the general path (a float x2 is compared in a float wide
        # enough for the integers). Any refusal is reported by the general path in its words.
        try:
            c = _code(x1.dtype)
        except AttributeError:
            c = None
        if c is not None and (c not in _INTEGRAL_C or c == _code(x2.dtype)):
            try:
                return mx.searchsorted(x1, x2, side).astype(_INDEX)
            except (ValueError, TypeError):
                pass
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', got {side!r}")
    if x1.ndim != 1:
        raise ValueError(f"searchsorted: x1 must be 1-D, got shape {x1.shape}")
    if sorter is not None:
        if not isinstance(sorter, mx.array) or sorter.dtype not in _INTEGRAL:
            raise TypeError("searchsorted: sorter must be an integer array")
        if tuple(sorter.shape) != tuple(x1.shape):
            raise ValueError(
                f"searchsorted: sorter has shape {sorter.shape}, x1 has shape {x1.shape}"
            )
        x1 = take(x1, sorter)
    if not isinstance(x2, mx.array):
        x2 = _scalar_like(x2, x1)  # a Python float against an integer x1 stays a float (as NumPy)
    if _code(x2.dtype) != _code(x1.dtype):
        dt = mx.result_type(x1, x2)
        if x1.dtype in _INTEGRAL and x2.dtype in _REAL_FLOAT:
            # compare in a float wide enough for the integers (NumPy: inf lands at len, not 0)
            dt = mx.float64 if x1.dtype.size > 2 or x2.dtype == mx.float64 else mx.float32
        x1, x2 = x1.astype(dt), x2.astype(dt)
    return mx.searchsorted(x1, x2, side=side).astype(_INDEX)


# mlx 0.32.4: none measured (mx.where takes positional scalars): the shim may go
def where(condition: mx.array, x1: Any, x2: Any, /) -> mx.array:
    return mx.where(condition, x1, x2)
