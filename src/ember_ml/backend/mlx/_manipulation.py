"""Manipulation functions of the MLX namespace: MLX's calls behind the standard's signatures,
with shapes, repeats and axes checked before MLX sees them."""

from __future__ import annotations

import builtins
import functools
import math
from typing import Any

import mlx.core as mx
from mlx.core import flip  # MLX's own: it conforms

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._bounds import _norm_axis
from ember_ml.backend.mlx._creation import asarray
from ember_ml.backend.mlx._dtypes import _INTEGRAL, _pybool

__all__ = [
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "concat",
    "expand_dims",
    "flip",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "squeeze",
    "stack",
    "tile",
    "unstack",
]


# mlx 0.32.4: answers a list (standard: tuple)
def broadcast_arrays(*arrays: mx.array) -> tuple[mx.array, ...]:
    if not arrays:
        return ()
    return tuple(mx.broadcast_arrays(*arrays))


# mlx 0.32.4: shape entries past int32 raise OverflowError (a terminate elsewhere)
def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    if not shapes:
        return ()
    shapes = tuple(_bounds.shape(s, "broadcast_shapes") for s in shapes)
    try:
        return tuple(mx.broadcast_shapes(*shapes))
    except ValueError as err:
        raise ValueError(str(err)) from None


# mlx 0.32.4: none measured (mx.concat takes axis=None): the shim may go
def concat(arrays: Any, /, *, axis: int | None = 0) -> mx.array:
    arrays = list(arrays)
    if axis is None:
        arrays = [a.reshape(-1) for a in arrays]
        axis = 0
    return mx.concatenate(arrays, axis=axis)


# mlx 0.32.4: none measured (tuple axes and their errors as NumPy's): the shim may go
def expand_dims(x: mx.array, /, axis: Any = 0) -> mx.array:
    if type(axis) is int and -x.ndim - 1 <= axis <= x.ndim:
        return mx.expand_dims(x, axis)
    axes = axis if isinstance(axis, tuple) else (axis,)
    ndim = x.ndim + len(axes)
    for a in axes:
        if not -ndim <= a < ndim:
            raise IndexError(f"expand_dims: axis {a} out of bounds for result of dimension {ndim}")
    norm = [a % ndim for a in axes]
    if len(set(norm)) != len(norm):
        raise ValueError("expand_dims: repeated axis")
    return mx.expand_dims(x, list(axes) if isinstance(axis, tuple) else axis)


# mlx 0.32.4: no tuple source/destination
def moveaxis(x: mx.array, source: Any, destination: Any, /) -> mx.array:
    if type(source) is int and type(destination) is int:
        return mx.moveaxis(x, source, destination)
    return mx.transpose(
        x,
        _move_perm(
            x.ndim,
            tuple(source) if not isinstance(source, int) else (source,),
            tuple(destination) if not isinstance(destination, int) else (destination,),
        ),
    )


@functools.lru_cache(maxsize=256)
def _move_perm(ndim: int, source: tuple[int, ...], destination: tuple[int, ...]) -> list[int]:
    src = list(source)
    dst = list(destination)
    if len(src) != len(dst):
        raise ValueError("moveaxis: source and destination need the same number of axes")
    src = [_norm_axis(a, ndim) for a in src]
    dst = [_norm_axis(a, ndim) for a in dst]
    if len(set(src)) != len(src) or len(set(dst)) != len(dst):
        raise ValueError("moveaxis: repeated axis")
    order = [a for a in range(ndim) if a not in src]
    for d, s in sorted(zip(dst, src, strict=True)):
        order.insert(d, s)
    return order


# mlx 0.32.4: none measured (mx.permute_dims exists): the shim may go
def permute_dims(x: mx.array, /, axes: tuple[int, ...]) -> mx.array:
    return mx.transpose(x, axes if type(axes) is tuple else list(axes))


# mlx 0.32.4: no array repeats; counts past int32 or memory unchecked
def repeat(x: mx.array, repeats: Any, /, *, axis: int | None = None) -> mx.array:
    """Repeat elements. With an array ``repeats`` the output shape depends on data: evaluates."""
    if (
        type(repeats) is int
        and 0 <= repeats <= _bounds.INT32_MAX
        and x.ndim
        and x.nbytes * repeats <= _bounds.MEMORY_LIMIT
    ):
        if axis is None:
            if x.size * repeats <= _bounds.INT32_MAX:
                return mx.repeat(x, repeats)  # MLX flattens first, as the standard asks
        elif (
            type(axis) is int
            and -x.ndim <= axis < x.ndim
            and x.shape[axis] * repeats <= _bounds.INT32_MAX
        ):
            return mx.repeat(x, repeats, axis=axis)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    ax = _norm_axis(axis, x.ndim)
    if not isinstance(repeats, (mx.array, list, tuple)):
        r = _bounds.size(repeats, "repeat: repeats")
        _bounds.size(r * x.shape[ax], "repeat: output length")
        _bounds.nbytes_ok(r * x.size, x.dtype.size, "repeat")
        return mx.repeat(x, r, axis=ax)
    reps = repeats if isinstance(repeats, mx.array) else asarray(repeats)
    if reps.dtype not in _INTEGRAL:
        raise TypeError(f"repeat: repeats must be integers, got dtype {reps.dtype}")
    if reps.ndim > 1:
        raise ValueError(f"repeat: repeats must be 0-d or 1-d, got shape {reps.shape}")
    n = x.shape[ax]
    if reps.ndim == 0 or reps.size == 1:
        return repeat(x, int(reps.reshape(-1)[0].item()), axis=ax)  # type: ignore[arg-type]
    if reps.size != n:
        raise ValueError(f"repeat: {reps.size} repeats for an axis of length {n}")
    reps = reps.astype(mx.int64)
    if mx.any(reps < 0).item():
        raise ValueError("repeat: repeats must be non-negative")
    ends = mx.cumsum(reps)
    total = int(ends[-1].item()) if n else 0  # type: ignore[arg-type]
    _bounds.size(total, "repeat: output length")
    _bounds.nbytes_ok(total * (x.size // builtins.max(n, 1)), x.dtype.size, "repeat")
    if total == 0:
        shape = list(x.shape)
        shape[ax] = 0
        return mx.zeros(shape, dtype=x.dtype)
    src = mx.searchsorted(ends, mx.arange(total, dtype=mx.int64), side="right").astype(mx.int32)
    return mx.take(x, src, axis=ax)


# mlx 0.32.4: no copy=; shape entries past int32 unchecked
def reshape(x: mx.array, /, shape: tuple[int, ...], *, copy: _pybool | None = None) -> mx.array:
    if not _bounds.fits(shape, 0, -1):
        shape = _bounds.shape(shape, "reshape", allow_infer=True)
    out = mx.reshape(x, shape)
    return mx.array(out) if copy else out


# mlx 0.32.4: none measured (mx.roll takes axis=None): the shim may go
def roll(x: mx.array, /, shift: Any, *, axis: Any = None) -> mx.array:
    if axis is None:
        return mx.roll(x, shift)
    return mx.roll(x, shift, axis)


# mlx 0.32.4: none measured (tuple axes, size-1 check): the shim may go
def squeeze(x: mx.array, /, axis: Any) -> mx.array:
    if type(axis) is int and -x.ndim <= axis < x.ndim and x.shape[axis] == 1:
        return mx.squeeze(x, axis)
    axes = axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if x.shape[_norm_axis(a, x.ndim)] != 1:
            raise ValueError(f"squeeze: axis {a} has size {x.shape[a]}, not 1")
    return mx.squeeze(x, list(axes) if isinstance(axis, tuple) else axis)


# mlx 0.32.4: none measured for a tuple or list of arrays: the shim may go
def stack(arrays: Any, /, *, axis: int = 0) -> mx.array:
    return mx.stack(list(arrays), axis=axis)


# mlx 0.32.4: repetitions past int32 or memory unchecked (a crash)
def tile(x: mx.array, repetitions: tuple[int, ...], /) -> mx.array:
    reps = repetitions
    if not (
        _bounds.fits(reps)
        and (
            not reps
            or not x.ndim
            or builtins.max(reps) * builtins.max(x.shape) <= _bounds.INT32_MAX
        )
        and x.nbytes * math.prod(reps) <= _bounds.MEMORY_LIMIT
    ):
        reps = _bounds.shape(repetitions, "tile: repetitions")
        full = (1,) * (len(reps) - x.ndim) + tuple(x.shape)
        out = [a * r for a, r in zip(full, (1,) * (len(full) - len(reps)) + reps, strict=True)]
        _bounds.shape(out, "tile: result", itemsize=x.dtype.size)
    return mx.tile(x, list(reps))


# mlx 0.32.4: shape entries past int32 raise OverflowError (a terminate elsewhere)
def broadcast_to(x: mx.array, /, shape: tuple[int, ...]) -> mx.array:
    if not _bounds.fits(shape):
        shape = _bounds.shape(shape, "broadcast_to")
    return mx.broadcast_to(x, shape)


# mlx 0.32.4: none measured (out-of-range axis raises IndexError): the shim may go
def unstack(x: mx.array, /, *, axis: int = 0) -> tuple[mx.array, ...]:
    return mx.unstack(x, axis=_norm_axis(axis, x.ndim))
