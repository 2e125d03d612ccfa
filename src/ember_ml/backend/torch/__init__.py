"""ember_ml's PyTorch namespace: array-api-compat's conforming wrapper of PyTorch.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.torch``). ember_ml re-exports
array-api-compat here rather than wrapping torch again, with fast paths where
array-api-compat does work that same-dtype inputs do not need.
"""

import builtins as _builtins
import importlib as _importlib
from functools import lru_cache as _lru_cache

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import *
from array_api_compat.torch import __array_api_version__, __array_namespace_info__, fft
from array_api_compat.torch import sum as _compat_sum
from array_api_compat.torch import where as _compat_where

from ember_ml.backend._dtype_functions import can_cast_by_promotion, finfo_from, iinfo_from

# ember_ml's linalg (array-api-compat's plus guards); imported by name, since the star
# import above already bound compat's module to ``linalg``.
linalg = _importlib.import_module(__name__ + ".linalg")

_Tensor = _torch.Tensor


def _same_dtype_fast_path(compat_function, torch_function):
    """``compat_function``, but straight to ``torch_function`` for two tensors of one dtype.

    array-api-compat corrects torch's promotion of mixed dtypes (0-d tensors,
    Python scalars, matmul); with one dtype there is nothing to correct.
    """

    def function(x1, x2, /):
        if isinstance(x1, _Tensor) and isinstance(x2, _Tensor) and x1.dtype == x2.dtype:
            return torch_function(x1, x2)
        return compat_function(x1, x2)

    function.__name__ = function.__qualname__ = compat_function.__name__
    function.__doc__ = (
        f"Array API ``{compat_function.__name__}(x1, x2, /)``: ``torch.{torch_function.__name__}`` "
        "for tensors of one dtype, array-api-compat's promotion-correcting wrapper otherwise."
    )
    return function


# array-api-compat's two-argument wrappers (each keeps the torch function in __wrapped__).
_BINARY = (
    "add", "atan2", "bitwise_and", "bitwise_left_shift", "bitwise_or", "bitwise_right_shift",
    "bitwise_xor", "copysign", "divide", "equal", "floor_divide", "greater", "greater_equal",
    "hypot", "less", "less_equal", "logaddexp", "logical_and", "logical_or", "logical_xor",
    "maximum", "minimum", "multiply", "nextafter", "not_equal", "pow", "remainder", "subtract",
)
for _name in _BINARY:
    _compat_function = getattr(_compat, _name)
    _torch_function = getattr(_compat_function, "__wrapped__", None)
    if _torch_function is not None:
        globals()[_name] = _same_dtype_fast_path(_compat_function, _torch_function)
del _name, _compat_function, _torch_function

matmul = _same_dtype_fast_path(_compat.matmul, _torch.matmul)


def where(condition, x1, x2, /):
    """Elements of x1 where condition is true, else of x2, with the standard's promotion.

    Tensors of one dtype go straight to ``torch.where``; otherwise
    array-api-compat corrects torch's 0-D promotion first.

    >>> import torch
    >>> where(torch.tensor([True, False]), torch.ones(2), torch.zeros(2)).tolist()
    [1.0, 0.0]
    """
    if isinstance(x1, _Tensor) and isinstance(x2, _Tensor) and x1.dtype == x2.dtype:
        return _torch.where(condition, x1, x2)
    return _compat_where(condition, x1, x2)


def sum(x, /, *, axis=None, dtype=None, keepdims=False):
    """Sum of the elements of x over the given axes, as the standard defines it.

    A whole-array sum without ``keepdims`` goes straight to ``torch.sum``; other
    forms go through array-api-compat (tuple and empty axes, ``keepdims``).

    >>> import torch
    >>> sum(torch.ones(2, 3), axis=1).tolist()
    [3.0, 3.0]
    """
    if axis is None and not keepdims:
        return _torch.sum(x, dtype=dtype)
    return _compat_sum(x, axis=axis, dtype=dtype, keepdims=keepdims)


def _dtype_of(type):
    return type.dtype if isinstance(type, _Tensor) else type


def finfo(type, /):
    """Limits of a floating-point dtype (or a tensor's); ``.dtype`` is a torch dtype, as the standard asks.

    >>> finfo(float32).dtype
    torch.float32
    """
    return _finfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _finfo_of(dtype):
    info = _torch.finfo(dtype)
    return finfo_from(info, getattr(_torch, info.dtype))


def iinfo(type, /):
    """Limits of an integer dtype (or a tensor's); ``.dtype`` is a torch dtype.

    >>> iinfo(int8).max
    127
    """
    return _iinfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _iinfo_of(dtype):
    info = _torch.iinfo(dtype)
    return iinfo_from(info, getattr(_torch, info.dtype))


def can_cast(from_, to, /):
    """Whether the standard's promotion rules allow casting ``from_`` (a dtype or an array's) to ``to``.

    >>> can_cast(int8, int16), can_cast(int16, int8), can_cast(bool, int8)
    (True, False, False)
    """
    if isinstance(from_, _Tensor):
        from_ = from_.dtype
    return _can_cast_dtypes(from_, to)


@_lru_cache(maxsize=256)
def _can_cast_dtypes(from_, to):
    return can_cast_by_promotion(isdtype, result_type, from_, to)


_INDEX_DTYPES = frozenset((_torch.int64, _torch.int32, _torch.int16, _torch.int8))
_compat_take = _compat.take


def take(x, indices, /, *, axis=None):
    """Elements of x at the 1-D integer ``indices`` along ``axis`` (negative indices count from the end).

    On the CPU, integer index tensors go through torch's advanced indexing (one
    kernel; it handles negative indices and raises ``IndexError`` out of range);
    other forms go through array-api-compat.

    >>> import torch
    >>> take(torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([2, -3]), axis=1).tolist()
    [[3, 1], [6, 4]]
    """
    try:
        if (type(indices) is _Tensor and indices.ndim == 1 and indices.dtype in _INDEX_DTYPES
                and type(x) is _Tensor and x.ndim and x.device.type == "cpu" == indices.device.type):
            if axis is None:
                if x.ndim == 1:
                    return x[indices]
            elif type(axis) is int and -x.ndim <= axis < x.ndim:
                return x[(slice(None),) * (axis % x.ndim) + (indices,)]
        return _compat_take(x, indices, axis=axis)
    except RuntimeError as error:  # some shapes report an out-of-range index as a RuntimeError
        if "bounds" in str(error) or "out of range" in str(error):
            raise IndexError(str(error)) from None
        raise


def take_along_axis(x, indices, /, *, axis=-1):
    """Elements of x at ``indices`` along ``axis``; the other axes broadcast.

    ``torch.take_along_dim`` (what array-api-compat calls) silently wraps an
    out-of-range index; ``torch.gather`` checks it, and the error becomes an
    ``IndexError`` as for NumPy and MLX.

    >>> import torch
    >>> take_along_axis(torch.tensor([[10, 20, 30]]), torch.tensor([[2, -1, 0]]), axis=1).tolist()
    [[30, 30, 10]]
    """
    axis = axis % x.ndim
    if (x.device.type == "cpu" and indices.dtype == _torch.int64 and indices.ndim == x.ndim
            and indices.shape[:axis] == x.shape[:axis] and indices.shape[axis + 1:] == x.shape[axis + 1:]):
        try:  # the common case: same shapes, indices in [0, size); anything else takes the path below
            return _torch.gather(x, axis, indices)
        except RuntimeError:
            pass
    size = x.shape[axis]
    indices = _torch.where(indices < 0, indices + size, indices)
    others = _torch.broadcast_shapes(
        x.shape[:axis] + (1,) + x.shape[axis + 1:],
        indices.shape[:axis] + (1,) + indices.shape[axis + 1:],
    )
    x_shape, indices_shape = list(others), list(others)
    x_shape[axis], indices_shape[axis] = size, indices.shape[axis]
    try:
        return _torch.gather(x.expand(x_shape), axis, indices.expand(indices_shape))
    except RuntimeError as error:
        if "out of bounds" in str(error):
            raise IndexError(str(error)) from None
        raise


# Direct paths for the common forms of functions whose array-api-compat wrappers
# go through generic, multi-layer code; every other form still goes to array-api-compat.
_compat_vecdot, _compat_squeeze = _compat.vecdot, _compat.squeeze
_compat_cumulative_sum, _compat_cumulative_prod = _compat.cumulative_sum, _compat.cumulative_prod
_compat_any, _compat_all = _compat.any, _compat.all


def vecdot(x1, x2, /, *, axis=-1):
    """Dot products of vectors along ``axis`` (x1 conjugated), with broadcasting over the rest.

    Floating tensors of one dtype and equal contracted length go straight to
    ``torch.linalg.vecdot``.

    >>> import torch
    >>> vecdot(torch.ones(2, 3), torch.ones(3)).tolist()
    [3.0, 3.0]
    """
    if (type(x1) is _Tensor and type(x2) is _Tensor and x1.dtype == x2.dtype
            and (x1.dtype.is_floating_point or x1.dtype.is_complex)
            and -x1.ndim <= axis < 0 and -x2.ndim <= axis and x1.shape[axis] == x2.shape[axis]):
        return _torch.linalg.vecdot(x1, x2, dim=axis)
    return _compat_vecdot(x1, x2, axis=axis)


def _cumulative(torch_function, compat_function, x, axis, dtype, include_initial):
    if dtype is None and not include_initial and x.dtype.is_floating_point and x.ndim:
        if axis is None:
            if x.ndim > 1:
                raise ValueError("axis must be given for arrays of more than one dimension")
            axis = 0
        return torch_function(x, axis)
    return compat_function(x, axis=axis, dtype=dtype, include_initial=include_initial)


def cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False):
    """Cumulative sum of x along ``axis`` (floating input without options: ``torch.cumsum``).

    >>> import torch
    >>> cumulative_sum(torch.tensor([1.0, 2.0, 3.0])).tolist()
    [1.0, 3.0, 6.0]
    """
    return _cumulative(_torch.cumsum, _compat_cumulative_sum, x, axis, dtype, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False):
    """Cumulative product of x along ``axis`` (floating input without options: ``torch.cumprod``).

    >>> import torch
    >>> cumulative_prod(torch.tensor([1.0, 2.0, 3.0])).tolist()
    [1.0, 2.0, 6.0]
    """
    return _cumulative(_torch.cumprod, _compat_cumulative_prod, x, axis, dtype, include_initial)


def any(x, /, *, axis=None, keepdims=False):
    """Whether any element of x is true over ``axis`` (a bool tensor).

    >>> import torch
    >>> any(torch.tensor([False, True])).item()
    True
    """
    if axis is None and not keepdims and x.dtype == _torch.bool:
        return _torch.any(x)
    return _compat_any(x, axis=axis, keepdims=keepdims)


def all(x, /, *, axis=None, keepdims=False):
    """Whether every element of x is true over ``axis`` (a bool tensor).

    >>> import torch
    >>> all(torch.tensor([False, True])).item()
    False
    """
    if axis is None and not keepdims and x.dtype == _torch.bool:
        return _torch.all(x)
    return _compat_all(x, axis=axis, keepdims=keepdims)


def squeeze(x, /, axis):
    """x without the given axes, each of which must have length 1.

    >>> import torch
    >>> squeeze(torch.ones(1, 3), 0).shape
    torch.Size([3])
    """
    if type(axis) is int and -x.ndim <= axis < x.ndim:
        if x.shape[axis] != 1:
            raise ValueError(f"cannot squeeze axis {axis} of length {x.shape[axis]} (shape {tuple(x.shape)})")
        return _torch.squeeze(x, axis)
    return _compat_squeeze(x, axis)


def matrix_transpose(x, /):
    """Transpose of each matrix in x (the last two axes swapped).

    >>> import torch
    >>> matrix_transpose(torch.ones(2, 3)).shape
    torch.Size([3, 2])
    """
    if x.ndim < 2:
        raise ValueError(f"matrix_transpose needs at least 2 dimensions, got shape {tuple(x.shape)}")
    return x.mT


def tanh(x, /):
    """Hyperbolic tangent of each element; for complex x, tanh(+-inf + yj) is +-1 with the sign of y as its zero imaginary part.

    torch follows C99 there (the sign of sin(2y)); the standard asks for the sign of y.
    Real input goes straight to ``torch.tanh``.

    >>> import math, torch
    >>> torch.signbit(tanh(torch.tensor([math.inf + 2.0j, math.inf - 2.0j])).imag).tolist()
    [False, True]
    """
    out = _torch.tanh(x)
    if x.dtype.is_complex:
        fix = _torch.isinf(x.real) & _torch.isfinite(x.imag)
        out = _torch.where(fix, _torch.complex(out.real, _torch.copysign(_torch.zeros_like(out.real), x.imag)), out)
    return out


def from_dlpack(x, /, *, device=None, copy=None):
    """``from_dlpack`` that copies a NumPy view with negative strides instead of aborting.

    ``torch.from_dlpack`` of such a view kills the process (SIGABRT); DLPack
    cannot describe it without a copy, so ``copy=False`` raises ``BufferError``.
    The check reads ``x.strides`` only (no data pass).

    >>> import numpy as np
    >>> from_dlpack(np.arange(3.0)[::-1]).tolist()
    [2.0, 1.0, 0.0]
    """
    strides = getattr(x, "strides", None)
    if strides is not None and type(x).__module__ == "numpy" and _builtins.any(s < 0 for s in strides):
        if copy is False:
            raise BufferError("from_dlpack(copy=False): a view with negative strides cannot be shared without a copy")
        import numpy

        x = numpy.ascontiguousarray(x)
    return _compat.from_dlpack(x, device=device, copy=copy)
