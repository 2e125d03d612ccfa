"""Linear algebra functions of the main MLX namespace (``linalg.py`` is the extension)."""

from __future__ import annotations

import builtins
import math
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._dtypes import (
    _COMPLEX,
    _REAL_FLOAT,
    _REAL_FLOAT_C,
    _code,
    _same,
    _same_dtype_real_float,
)

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]


# mlx 0.32.4: integer and bool matmul refused (floating only)
def matmul(x1: mx.array, x2: mx.array, /) -> mx.array:
    try:
        return mx.matmul(x1, x2)  # floating results: MLX's own, mixed dtypes promoted by MLX
    except ValueError:
        dt = mx.result_type(x1, x2)
        if dt in _REAL_FLOAT or dt in _COMPLEX:
            raise  # a shape error
        return _integral_matmul(x1, x2, dt)


def _integral_matmul(x1: mx.array, x2: mx.array, dt: Any) -> mx.array:
    # MLX's matmul is floating only: integer/bool product as a broadcast sum.
    if x1.ndim == 0 or x2.ndim == 0:
        raise ValueError("matmul: inputs must be at least 1-D")
    a = x1 if x1.ndim > 1 else x1[None, :]
    b = x2 if x2.ndim > 1 else x2[:, None]
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(f"matmul: shapes {x1.shape} and {x2.shape} are not aligned")
    if dt == mx.bool_:
        out = mx.any(mx.logical_and(a[..., :, :, None], b[..., None, :, :]), axis=-2)
    else:
        out = mx.sum(a.astype(dt)[..., :, :, None] * b.astype(dt)[..., None, :, :], axis=-2)
        out = out.astype(dt)
    if x1.ndim == 1:
        out = mx.squeeze(out, -2)
    if x2.ndim == 1:
        out = mx.squeeze(out, -1)
    return out


# mlx 0.32.4: none measured (mx.matrix_transpose exists): the shim may go
def matrix_transpose(x: mx.array, /) -> mx.array:
    if x.ndim < 2:
        raise ValueError("matrix_transpose needs an array of at least 2 dimensions")
    return mx.swapaxes(x, -1, -2)


# mlx 0.32.4: integer tensordot refused (floating only)
def tensordot(x1: mx.array, x2: mx.array, /, *, axes: Any = 2) -> mx.array:
    if (
        type(axes) is int
        and _same_dtype_real_float(x1, x2)
        and 0 <= axes <= x1.ndim
        and axes <= x2.ndim
        and x1.shape[x1.ndim - axes :] == x2.shape[:axes]
    ):
        return mx.tensordot(x1, x2, axes=axes)  # checked axes, one real floating dtype: MLX's own
    if hasattr(axes, "__index__") and not isinstance(axes, (tuple, list)):
        axes = _bounds.integer(axes, "tensordot: axes")
        if axes < 0:
            raise ValueError(f"tensordot: axes must be non-negative, got {axes}")
        if axes > x1.ndim or axes > x2.ndim:  # checked before any list is built from it
            raise ValueError(
                f"tensordot: axes={axes} exceeds the dimensions of the inputs ({x1.ndim}, {x2.ndim})"
            )
        a1 = list(range(x1.ndim - axes, x1.ndim))
        a2 = list(range(axes))
    else:
        try:
            first, second = axes
        except (TypeError, ValueError):
            raise ValueError(
                f"tensordot: axes must be an integer or a pair of axis sequences, got {axes!r}"
            ) from None
        a1 = _bounds.axes(first, x1.ndim, "tensordot: x1")
        a2 = _bounds.axes(second, x2.ndim, "tensordot: x2")
        if len(a1) != len(a2):
            raise ValueError(f"tensordot: {len(a1)} axes of x1 but {len(a2)} of x2")
    free1 = [i for i in range(x1.ndim) if i not in a1]
    free2 = [i for i in range(x2.ndim) if i not in a2]
    k = 1
    for a, b in zip(a1, a2, strict=True):
        if x1.shape[a] != x2.shape[b]:
            raise ValueError("tensordot: contracted axes have different sizes")
        k *= x1.shape[a]
    m = math.prod(x1.shape[i] for i in free1)
    n = math.prod(x2.shape[i] for i in free2)
    dt = mx.result_type(x1, x2)
    p1 = mx.transpose(x1, free1 + a1).reshape(m, k).astype(dt)
    p2 = mx.transpose(x2, a2 + free2).reshape(k, n).astype(dt)
    out = matmul(p1, p2)
    return out.reshape([x1.shape[i] for i in free1] + [x2.shape[i] for i in free2])


# mlx 0.32.4: none measured for one dtype (mx.vecdot checks the axis length): may go
def vecdot(x1: mx.array, x2: mx.array, /, *, axis: int = -1) -> mx.array:
    if (
        type(axis) is int
        and _same(x1, x2)
        and _code(x1.dtype) in _REAL_FLOAT_C
        and -x1.ndim <= axis < x1.ndim
    ):
        return mx.sum(
            x1 * x2, axis=axis
        )  # one real dtype, one shape: no broadcast, no conj, no cast
    dt = mx.result_type(x1, x2)
    ndim = builtins.max(x1.ndim, x2.ndim)
    if not -builtins.min(x1.ndim, x2.ndim) <= axis < 0 and not 0 <= axis < builtins.min(
        x1.ndim, x2.ndim
    ):
        raise ValueError(f"vecdot: axis {axis} is out of bounds")
    s1 = (1,) * (ndim - x1.ndim) + tuple(x1.shape)
    s2 = (1,) * (ndim - x2.ndim) + tuple(x2.shape)
    if s1[axis] != s2[axis]:
        raise ValueError(f"vecdot: the axis has size {s1[axis]} in x1 and {s2[axis]} in x2")
    x1, x2 = mx.broadcast_arrays(x1, x2)
    if dt in _COMPLEX:
        x1 = mx.conj(x1)
    out = mx.sum(mx.multiply(x1, x2), axis=axis)
    return out.astype(dt) if out.dtype != dt else out
