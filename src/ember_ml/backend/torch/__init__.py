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

from ember_ml.backend._dtype_functions import (
    can_cast_by_promotion,
    finfo_from,
    iinfo_from,
    memo_by_dtype,
)

_Tensor = _torch.Tensor


def _named(function, name, doc):
    """``function`` (made by one of the factories below) as the namespace's ``name``, documented."""
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


def _same_dtype_fast_path(compat_function, torch_function):
    """``compat_function``, but straight to ``torch_function`` for two tensors of one dtype.

    array-api-compat corrects torch's promotion of mixed dtypes (0-d tensors,
    Python scalars, matmul); with one dtype there is nothing to correct. The
    check is by identity (``type(x) is Tensor``, torch dtypes are singletons):
    each ``.dtype`` read costs about as much as the rest of the wrapper.
    """

    def function(x1, x2, /, **kwargs):
        if type(x1) is _Tensor is type(x2) and x1.dtype is x2.dtype and not kwargs:
            return torch_function(x1, x2)
        return compat_function(x1, x2, **kwargs)

    function.__name__ = function.__qualname__ = compat_function.__name__
    function.__doc__ = (
        f"Array API ``{compat_function.__name__}(x1, x2, /)``: ``torch.{torch_function.__name__}`` "
        "for tensors of one dtype, array-api-compat's promotion-correcting wrapper otherwise."
    )
    return function


# array-api-compat's two-argument wrappers (each keeps the torch function in __wrapped__).
_BINARY = (
    "add",
    "atan2",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "copysign",
    "divide",
    "equal",
    "floor_divide",
    "greater",
    "greater_equal",
    "hypot",
    "less",
    "less_equal",
    "logaddexp",
    "logical_and",
    "logical_or",
    "logical_xor",
    "maximum",
    "minimum",
    "multiply",
    "nextafter",
    "not_equal",
    "pow",
    "remainder",
    "subtract",
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
    if type(x1) is _Tensor is type(x2) and x1.dtype is x2.dtype:
        return _torch.where(condition, x1, x2)
    return _compat_where(condition, x1, x2)


# the star import above binds float, int, bool, range, ... to torch objects: use the builtins by name
_int, _float = _builtins.int, _builtins.float
_PLAIN_NUMBERS = (_float, _int)
_torch_sum = _torch.sum
_compat_prod, _compat_max, _compat_min, _compat_mean = (
    _compat.prod,
    _compat.max,
    _compat.min,
    _compat.mean,
)
_compat_std, _compat_var, _compat_count_nonzero = _compat.std, _compat.var, _compat.count_nonzero


def _reduction(name, torch_function, compat_function, doc):
    """``sum``/``prod``: torch's own call for a whole-array reduction without ``keepdims``;
    array-api-compat's otherwise (tuple and empty axes, ``keepdims``, library keywords)."""

    def function(x, /, *, axis=None, dtype=None, keepdims=False, **kwargs):
        if axis is None and not keepdims and not kwargs:
            # torch's argument parser charges ~0.1 us for a keyword: pass dtype only when given
            return torch_function(x) if dtype is None else torch_function(x, dtype=dtype)
        return compat_function(x, axis=axis, dtype=dtype, keepdims=keepdims, **kwargs)

    return _named(function, name, doc)


sum = _reduction(
    "sum",
    _torch_sum,
    _compat_sum,
    """Sum of the elements of x over the given axes, as the standard defines it.

    A whole-array sum without ``keepdims`` goes straight to ``torch.sum``; other
    forms go through array-api-compat (tuple and empty axes, ``keepdims``).

    >>> import torch
    >>> sum(torch.ones(2, 3), axis=1).tolist()
    [3.0, 3.0]
    """,
)
prod = _reduction(
    "prod",
    _torch.prod,
    _compat_prod,
    """Product of the elements of x over the given axes, as the standard defines it.

    A whole-array product without ``keepdims`` goes straight to ``torch.prod``;
    other forms go through array-api-compat.

    >>> import torch
    >>> prod(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), axis=0).tolist()
    [3.0, 8.0]
    """,
)


def max(x, /, *, axis=None, keepdims=False):
    """Largest element of x over the given axes (NaN propagates).

    A whole-array maximum without ``keepdims`` is ``torch.max(x)`` (the same value
    and error as ``torch.amax``, one dispatch cheaper); other forms go through
    array-api-compat.

    >>> import torch
    >>> max(torch.tensor([[1.0, 5.0], [3.0, 2.0]]), axis=1).tolist()
    [5.0, 3.0]
    """
    if axis is None and not keepdims:
        return _torch.max(x)
    return _compat_max(x, axis=axis, keepdims=keepdims)


def min(x, /, *, axis=None, keepdims=False):
    """Smallest element of x over the given axes (NaN propagates).

    A whole-array minimum without ``keepdims`` is ``torch.min(x)``; other forms
    go through array-api-compat.

    >>> import torch
    >>> min(torch.tensor([[1.0, 5.0], [3.0, 2.0]]), axis=1).tolist()
    [1.0, 2.0]
    """
    if axis is None and not keepdims:
        return _torch.min(x)
    return _compat_min(x, axis=axis, keepdims=keepdims)


def mean(x, /, *, axis=None, keepdims=False, **kwargs):
    """Arithmetic mean of x over the given axes.

    A whole-array mean without ``keepdims`` goes straight to ``torch.mean``;
    other forms go through array-api-compat.

    >>> import torch
    >>> mean(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), axis=0).tolist()
    [2.0, 3.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.mean(x, axis=axis, keepdims=keepdims, **kwargs)
    if axis is None and not keepdims:
        return _torch.mean(x)
    return _compat_mean(x, axis=axis, keepdims=keepdims)


def _spread(name, torch_function, compat_function, doc):
    """``std``/``var``: torch's own call (positional ``unbiased``: torch's parser charges for the
    ``correction`` keyword) for a whole-array result with correction 0 or 1; array-api-compat's otherwise."""

    def function(x, /, *, axis=None, correction=0.0, keepdims=False, **kwargs):
        if (
            axis is None
            and not keepdims
            and not kwargs
            and type(correction) in _PLAIN_NUMBERS
            and (correction == 0 or correction == 1)
        ):
            return torch_function(x, None, correction == 1)
        return compat_function(x, axis=axis, correction=correction, keepdims=keepdims, **kwargs)

    return _named(function, name, doc)


std = _spread(
    "std",
    _torch.std,
    _compat_std,
    """Standard deviation of x over the given axes, with ``correction`` degrees of freedom removed.

    A whole-array result without ``keepdims`` and with correction 0 or 1 goes
    straight to ``torch.std`` (positional ``unbiased``: torch's parser charges
    for the ``correction`` keyword); other forms go through array-api-compat.

    >>> import torch
    >>> std(torch.tensor([1.0, 3.0])).item(), std(torch.tensor([1.0, 3.0]), correction=1).item()
    (1.0, 1.4142135381698608)
    """,
)
var = _spread(
    "var",
    _torch.var,
    _compat_var,
    """Variance of x over the given axes, with ``correction`` degrees of freedom removed.

    A whole-array result without ``keepdims`` and with correction 0 or 1 goes
    straight to ``torch.var``; other forms go through array-api-compat.

    >>> import torch
    >>> var(torch.tensor([1.0, 3.0])).item(), var(torch.tensor([1.0, 3.0]), correction=1).item()
    (1.0, 2.0)
    """,
)


def count_nonzero(x, /, *, axis=None, keepdims=False):
    """Number of nonzero elements of x over the given axes (an int64 tensor).

    >>> import torch
    >>> count_nonzero(torch.tensor([0.0, 2.0, -1.0])).item()
    2
    """
    if axis is None and not keepdims:
        return _torch.count_nonzero(x)
    return _compat_count_nonzero(x, axis=axis, keepdims=keepdims)


def _finfo_of(dtype):
    info = _torch.finfo(dtype)
    return finfo_from(info, getattr(_torch, info.dtype))


def _iinfo_of(dtype):
    info = _torch.iinfo(dtype)
    return iinfo_from(info, getattr(_torch, info.dtype))


finfo = memo_by_dtype(
    _finfo_of,
    _Tensor,
    "finfo",
    """Limits of a floating-point dtype (or a tensor's); ``.dtype`` is a torch dtype, as the standard asks.

    >>> finfo(float32).dtype
    torch.float32
    """,
)
iinfo = memo_by_dtype(
    _iinfo_of,
    _Tensor,
    "iinfo",
    """Limits of an integer dtype (or a tensor's); ``.dtype`` is a torch dtype.

    >>> iinfo(int8).max
    127
    """,
)


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


_INDEX_DTYPES = frozenset((_torch.int64, _torch.int32))
# torch indexes with int32/int64 only (index_select refuses the rest; advanced indexing reads uint8 as a mask)
_SMALL_INDEX_DTYPES = frozenset((_torch.int16, _torch.int8, _torch.uint8))
_compat_take = _compat.take
_torch_take = _torch.take


def take(x, indices, /, *, axis=None, **kwargs):
    """Elements of x at the 1-D integer ``indices`` along ``axis`` (negative indices count from the end).

    On the CPU, a 1-D x with int64 indices goes to ``torch.take``; other integer
    index tensors (8- and 16-bit ones widened to int64 first) go through torch's advanced indexing (one kernel; both handle
    negative indices and raise ``IndexError`` out of range); other forms go
    through array-api-compat.

    >>> import torch
    >>> take(torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([2, -3]), axis=1).tolist()
    [[3, 1], [6, 4]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.take(x, indices, axis=axis, **kwargs)
    try:
        if axis is None or axis == 0 or axis == -1:
            # 1-D x (the usual form): torch.take is one kernel, wraps negative indices and
            # raises IndexError out of range; it takes int64 indices only (RuntimeError otherwise)
            if (
                type(x) is _Tensor is type(indices)
                and x.ndim == 1
                and indices.ndim == 1
                and x.is_cpu
            ):
                try:
                    return _torch_take(x, indices)
                except RuntimeError:
                    pass
        if type(indices) is _Tensor and indices.dtype in _SMALL_INDEX_DTYPES:
            indices = indices.to(_torch.int64)
        if (
            type(indices) is _Tensor
            and indices.ndim == 1
            and indices.dtype in _INDEX_DTYPES
            and type(x) is _Tensor
            and x.ndim
            and x.device.type == "cpu" == indices.device.type
        ):
            if axis is None:
                if x.ndim == 1:
                    return x[indices]
            elif type(axis) is _int and -x.ndim <= axis < x.ndim:
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
    if (
        x.device.type == "cpu"
        and indices.dtype == _torch.int64
        and indices.ndim == x.ndim
        and indices.shape[:axis] == x.shape[:axis]
        and indices.shape[axis + 1 :] == x.shape[axis + 1 :]
    ):
        try:  # the common case: same shapes, indices in [0, size); anything else takes the path below
            return _torch.gather(x, axis, indices)
        except RuntimeError:
            pass
    size = x.shape[axis]
    indices = _torch.where(indices < 0, indices + size, indices)
    others = _torch.broadcast_shapes(
        x.shape[:axis] + (1,) + x.shape[axis + 1 :],
        indices.shape[:axis] + (1,) + indices.shape[axis + 1 :],
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
_torch_vecdot = _torch.linalg.vecdot
_compat_cumulative_sum, _compat_cumulative_prod = _compat.cumulative_sum, _compat.cumulative_prod
_compat_any, _compat_all = _compat.any, _compat.all


def vecdot(x1, x2, /, *, axis=-1, **kwargs):
    """Dot products of vectors along ``axis`` (x1 conjugated), with broadcasting over the rest.

    Tensors with equal contracted lengths and a negative ``axis`` go straight to
    ``torch.linalg.vecdot`` (``dim`` passed only when it is not -1: torch's parser
    charges for the keyword). torch raises RuntimeError for what it does not take
    (two dtypes, integer or bool tensors); those go through array-api-compat,
    which promotes or computes them. The length check stays: torch broadcasts a
    length-1 contracted axis, the standard does not.

    >>> import torch
    >>> vecdot(torch.ones(2, 3), torch.ones(3)).tolist()
    [3.0, 3.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.vecdot(x1, x2, axis=axis, **kwargs)
    if type(x1) is _Tensor is type(x2):
        try:
            if axis == -1 and x1.ndim == 1 == x2.ndim:  # torch refuses unequal 1-D lengths itself
                return _torch_vecdot(x1, x2)
            if x1.shape[axis] == x2.shape[axis] and axis < 0:
                return _torch_vecdot(x1, x2) if axis == -1 else _torch_vecdot(x1, x2, dim=axis)
        except (IndexError, TypeError, RuntimeError):  # 0-d input, bad axis, dtypes torch refuses
            pass
    return _compat_vecdot(x1, x2, axis=axis)


def _cumulative(name, torch_function, compat_function, doc):
    """``cumulative_sum``/``cumulative_prod``: torch's own call, positional, without ``dtype`` or
    ``include_initial`` (array-api-compat makes the same call for that form); array-api-compat's otherwise."""

    def function(x, /, *, axis=None, dtype=None, include_initial=False, **kwargs):
        if dtype is None and not include_initial and not kwargs:
            if axis is None:
                if x.ndim > 1:
                    raise ValueError(f"axis must be given for an array of {x.ndim} dimensions")
                return torch_function(x, 0)
            return torch_function(x, axis)
        return compat_function(x, axis=axis, dtype=dtype, include_initial=include_initial, **kwargs)

    return _named(function, name, doc)


cumulative_sum = _cumulative(
    "cumulative_sum",
    _torch.cumsum,
    _compat_cumulative_sum,
    """Cumulative sum of x along ``axis``; without ``dtype`` or ``include_initial``, ``torch.cumsum``.

    array-api-compat calls ``torch.cumsum(x, axis, dtype=None)`` for that form too
    (same dtype rules); it is called here with positional arguments only.

    >>> import torch
    >>> cumulative_sum(torch.tensor([1.0, 2.0, 3.0])).tolist()
    [1.0, 3.0, 6.0]
    """,
)
cumulative_prod = _cumulative(
    "cumulative_prod",
    _torch.cumprod,
    _compat_cumulative_prod,
    """Cumulative product of x along ``axis``; without ``dtype`` or ``include_initial``, ``torch.cumprod``.

    >>> import torch
    >>> cumulative_prod(torch.tensor([1.0, 2.0, 3.0])).tolist()
    [1.0, 2.0, 6.0]
    """,
)


_bool = _torch.bool


def any(x, /, *, axis=None, keepdims=False, **kwargs):
    """Whether any element of x is true over ``axis`` (a bool tensor).

    >>> import torch
    >>> any(torch.tensor([False, True])).item()
    True
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.any(x, axis=axis, keepdims=keepdims, **kwargs)
    if axis is None and not keepdims and x.dtype is _bool:
        return _torch.any(x)
    return _compat_any(x, axis=axis, keepdims=keepdims)


def all(x, /, *, axis=None, keepdims=False, **kwargs):
    """Whether every element of x is true over ``axis`` (a bool tensor).

    >>> import torch
    >>> all(torch.tensor([False, True])).item()
    False
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.all(x, axis=axis, keepdims=keepdims, **kwargs)
    if axis is None and not keepdims and x.dtype is _bool:
        return _torch.all(x)
    return _compat_all(x, axis=axis, keepdims=keepdims)


def squeeze(x, /, axis):
    """x without the given axes, each of which must have length 1.

    >>> import torch
    >>> squeeze(torch.ones(1, 3), 0).shape
    torch.Size([3])
    """
    if type(axis) is _int:
        # torch.squeeze raises IndexError out of range and leaves an axis of another
        # length in place (then array-api-compat raises); two ndim reads cost less than x.shape
        out = _torch.squeeze(x, axis)
        if out.ndim < x.ndim:
            return out
    return _compat_squeeze(x, axis)


def matrix_transpose(x, /):
    """Transpose of each matrix in x (the last two axes swapped).

    >>> import torch
    >>> matrix_transpose(torch.ones(2, 3)).shape
    torch.Size([3, 2])
    """
    if x.ndim < 2:  # torch's x.mT is the identity on 0-d tensors (with a deprecation warning)
        raise ValueError(
            f"matrix_transpose needs at least 2 dimensions, got shape {tuple(x.shape)}"
        )
    return x.mT


def sign(x, /):
    """Sign of each element: -1, 0 or 1; NaN for NaN; z/|z| (0 at 0) for complex z.

    ``torch.sign`` maps NaN to 0 (array-api-compat writes NaN back through a
    boolean-mask assignment, which syncs with the host). Here, floating input
    takes one more elementwise kernel, ``torch.clamp(s, x, s)`` with
    ``s = torch.sign(x)``, that is ``min(max(s, x), s)``: ``s`` wherever x is a number
    (+0 for -0, as the standard asks) and NaN where x is NaN (``max`` propagates a NaN
    bound). Integer and bool input is ``torch.sign``
    alone; complex input is array-api-compat's ``x / |x|`` with 0 at 0, through ``where``.

    >>> import math, torch
    >>> sign(torch.tensor([-2.0, 0.0, 3.0, math.nan])).tolist()
    [-1.0, 0.0, 1.0, nan]
    """
    dtype = x.dtype
    if dtype in _FLOATING_DTYPES:
        out = _torch_sign(x)
        return _torch_clamp(out, x, out)
    if dtype in _COMPLEX_DTYPES:
        # array-api-compat's formula (torch.sgn differs at infinite parts and tiny moduli),
        # with `where` for its boolean-mask assignment (which syncs with the host)
        return _torch.where(x == 0, 0, x / _torch.abs(x))
    return _torch_sign(x)


def round(x, /, **kwargs):
    """Each element rounded to the nearest integer (halves to even); complex input rounds both parts.

    Real input goes straight to ``torch.round``, which raises NotImplementedError
    for complex input; that goes through array-api-compat.

    >>> import torch
    >>> round(torch.tensor([0.5, 1.5, -2.7])).tolist()
    [0.0, 2.0, -3.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.round(x, **kwargs)
    try:
        return _torch_round(x)
    except NotImplementedError:
        return _compat_round(x)


_AXES = tuple(tuple(_builtins.range(ndim)) for ndim in _builtins.range(65))


def flip(x, /, *, axis=None, **kwargs):
    """x with the order of its elements reversed along ``axis`` (every axis by default).

    >>> import torch
    >>> flip(torch.tensor([[1, 2], [3, 4]]), axis=1).tolist()
    [[2, 1], [4, 3]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.flip(x, axis=axis, **kwargs)
    if axis is None:
        return _torch.flip(x, _AXES[x.ndim])
    if type(axis) is _int:
        return _torch.flip(x, (axis,))
    return _compat_flip(x, axis=axis)


def tensordot(x1, x2, /, *, axes=2, **kwargs):
    """Tensor contraction of x1 and x2 over ``axes`` (an int, or two sequences of axes).

    Tensors of one dtype go straight to ``torch.tensordot``; otherwise
    array-api-compat applies the standard's promotion first.

    >>> import torch
    >>> tensordot(torch.ones(2, 3), torch.ones(3, 4), axes=1).shape
    torch.Size([2, 4])
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.tensordot(x1, x2, axes=axes, **kwargs)
    if type(x1) is _Tensor is type(x2) and x1.dtype is x2.dtype:
        return _torch.tensordot(x1, x2, axes)
    return _compat_tensordot(x1, x2, axes=axes)


def clip(x, /, min=None, max=None, **kwargs):
    """x with each element clamped to [min, max].

    Two Python float bounds that are not NaN go straight to ``torch.clamp``
    (what array-api-compat calls for them, after its checks); other bounds go
    through array-api-compat (None, NaN, integer bounds outside the dtype, tensors).

    >>> import torch
    >>> clip(torch.tensor([-1.0, 0.25, 2.0]), 0.0, 0.5).tolist()
    [0.0, 0.25, 0.5]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.clip(x, min, max, **kwargs)
    if type(min) is _float and type(max) is _float and min == min and max == max:
        return _torch_clamp(x, min, max)
    return _compat_clip(x, min, max)


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None):
    """n-th discrete difference of x along ``axis``, after prepending/appending the given arrays.

    >>> import torch
    >>> diff(torch.tensor([1, 4, 9, 16])).tolist()
    [3, 5, 7]
    """
    if prepend is None and append is None:
        if axis == -1 and n == 1:
            return _torch.diff(x)
        return _torch.diff(x, n, axis)
    return _compat_diff(x, axis=axis, n=n, prepend=prepend, append=append)


def roll(x, /, shift, *, axis=None, **kwargs):
    """x with its elements shifted by ``shift`` along ``axis`` (the flattened array when None), wrapping around.

    >>> import torch
    >>> roll(torch.tensor([1, 2, 3]), 1).tolist()
    [3, 1, 2]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.roll(x, shift, axis=axis, **kwargs)
    if axis is None:
        return _torch.roll(x, shift)
    return _torch.roll(x, shift, axis)


def broadcast_to(x, /, shape, **kwargs):
    """x broadcast to ``shape`` (a view).

    >>> import torch
    >>> broadcast_to(torch.tensor([1, 2]), (2, 2)).tolist()
    [[1, 2], [1, 2]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.broadcast_to(x, shape, **kwargs)
    return _torch.broadcast_to(x, shape)


def expand_dims(x, /, axis):
    """x with a new axis of length 1 at ``axis`` (or at each of a tuple of axes).

    >>> import torch
    >>> expand_dims(torch.ones(3), 0).shape
    torch.Size([1, 3])
    """
    if type(axis) is _int:
        return _torch.unsqueeze(x, axis)
    return _compat_expand_dims(x, axis)


def repeat(x, repeats, /, *, axis=None):
    """Each element of x repeated ``repeats`` times along ``axis`` (the flattened array when None).

    >>> import torch
    >>> repeat(torch.tensor([1, 2]), 2).tolist()
    [1, 1, 2, 2]
    """
    if type(repeats) is _int:
        if axis is None:
            return _torch.repeat_interleave(x, repeats)
        return _torch.repeat_interleave(x, repeats, axis)
    return _compat_repeat(x, repeats, axis=axis)


def nonzero(x, /, **kwargs):
    """Indices of the nonzero elements of x, one int64 tensor per axis (x must have an axis).

    The output's shape depends on the data, so this waits for x's values.

    >>> import torch
    >>> nonzero(torch.tensor([0, 3, 0, 5]))[0].tolist()
    [1, 3]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.nonzero(x, **kwargs)
    if x.ndim == 0:
        raise ValueError("nonzero() does not support zero-dimensional arrays")
    return _torch.nonzero(x, as_tuple=True)


def reshape(x, /, shape, *, copy=None, **kwargs):
    """x with the given shape (a view where torch can make one, unless ``copy=True``).

    >>> import torch
    >>> reshape(torch.arange(6), (2, -1)).shape
    torch.Size([2, 3])
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.reshape(x, shape, copy=copy, **kwargs)
    if copy is None:
        return _torch.reshape(x, shape)
    return _compat_reshape(x, shape, copy=copy)


def concat(arrays, /, *, axis=0, **kwargs):
    """The arrays joined along ``axis`` (flattened first when ``axis`` is None).

    >>> import torch
    >>> concat([torch.ones(2), torch.zeros(1)]).tolist()
    [1.0, 1.0, 0.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.concat(arrays, axis=axis, **kwargs)
    if axis == 0:
        return _torch.cat(arrays)
    if axis is None:
        return _compat_concat(arrays, axis=None)
    return _torch.cat(arrays, axis)


def sort(x, /, *, axis=-1, descending=False, stable=True, **kwargs):
    """Sorted copy of x along ``axis`` (stable by default, as the standard asks).

    >>> import torch
    >>> sort(torch.tensor([3, 1, 2])).tolist()
    [1, 2, 3]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.sort(x, axis=axis, descending=descending, stable=stable, **kwargs)
    if axis == -1 and not descending:
        return (_torch_sort(x, stable=True) if stable else _torch_sort(x))[0]
    return _compat_sort(x, axis=axis, descending=descending, stable=stable)


def argsort(x, /, *, axis=-1, descending=False, stable=True, **kwargs):
    """Indices that sort x along ``axis`` (stable by default: ties keep their order).

    >>> import torch
    >>> argsort(torch.tensor([3, 1, 1])).tolist()
    [1, 2, 0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.argsort(x, axis=axis, descending=descending, stable=stable, **kwargs)
    if axis == -1 and not descending:
        return _torch.argsort(x, stable=True) if stable else _torch.argsort(x)
    return _compat_argsort(x, axis=axis, descending=descending, stable=stable)


_FLOATING_DTYPES = frozenset((_torch.float16, _torch.bfloat16, _torch.float32, _torch.float64))
_torch_sign, _torch_clamp, _torch_round, _torch_sort = (
    _torch.sign,
    _torch.clamp,
    _torch.round,
    _torch.sort,
)
_compat_round, _compat_flip, _compat_tensordot = _compat.round, _compat.flip, _compat.tensordot
_compat_expand_dims, _compat_repeat = _compat.expand_dims, _compat.repeat
_compat_clip, _compat_diff, _compat_reshape = _compat.clip, _compat.diff, _compat.reshape
_compat_concat, _compat_sort, _compat_argsort = _compat.concat, _compat.sort, _compat.argsort


def tanh(x, /):
    """Hyperbolic tangent of each element; for complex x, tanh(+-inf + yj) is +-1 with the sign of y as its zero imaginary part.

    torch follows C99 there (the sign of sin(2y)); the standard asks for the sign of y.
    Real input goes straight to ``torch.tanh``.

    >>> import math, torch
    >>> torch.signbit(tanh(torch.tensor([math.inf + 2.0j, math.inf - 2.0j])).imag).tolist()
    [False, True]
    """
    if x.dtype not in _COMPLEX_DTYPES:
        return _torch_tanh(x)
    out = _torch_tanh(x)
    fix = _torch.isinf(x.real) & _torch.isfinite(x.imag)
    return _torch.where(
        fix, _torch.complex(out.real, _torch.copysign(_torch.zeros_like(out.real), x.imag)), out
    )


_COMPLEX_DTYPES = frozenset((_torch.complex32, _torch.complex64, _torch.complex128))
_torch_tanh = _torch.tanh


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
    if (
        strides is not None
        and type(x).__module__ == "numpy"
        and _builtins.any(s < 0 for s in strides)
    ):
        if copy is False:
            raise BufferError(
                "from_dlpack(copy=False): a view with negative strides cannot be shared without a copy"
            )
        import numpy

        x = numpy.ascontiguousarray(x)
    return _compat.from_dlpack(x, device=device, copy=copy)


_compat_asarray, _compat_eye, _compat_unstack = _compat.asarray, _compat.eye, _compat.unstack
_compat_result_type = _compat.result_type
_torch_dtype = _torch.dtype


def asarray(obj, /, *, dtype=None, device=None, copy=None, **kwargs):
    """obj as a tensor; a tensor with no dtype, device or copy request is returned as it is.

    >>> import torch
    >>> t = torch.ones(2)
    >>> asarray(t) is t, asarray([1, 2]).tolist()
    (True, [1, 2])
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.asarray(obj, dtype=dtype, device=device, copy=copy, **kwargs)
    if type(obj) is _Tensor and dtype is None and device is None and copy is None:
        return obj
    return _compat_asarray(obj, dtype=dtype, device=device, copy=copy)


def eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None, **kwargs):
    """The n_rows x n_cols matrix with ones on diagonal ``k``: ``torch.eye`` for a square one with k=0.

    >>> eye(2).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.eye(n_rows, n_cols, k=k, dtype=dtype, device=device, **kwargs)
    if n_cols is None and k == 0 and type(n_rows) is _int:
        if dtype is None and device is None:
            return _torch.eye(n_rows)
        return _torch.eye(n_rows, dtype=dtype, device=device)
    return _compat_eye(n_rows, n_cols, k=k, dtype=dtype, device=device)


_compat_arange, _compat_full = _compat.arange, _compat.full


def arange(start, /, stop=None, step=1, *, dtype=None, device=None, **kwargs):
    """Evenly spaced values in [start, stop): ``torch.arange(n)`` for ``arange(n)`` with a positive int n.

    >>> arange(3).tolist()
    [0, 1, 2]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.arange(start, stop, step, dtype=dtype, device=device, **kwargs)
    if (
        stop is None
        and type(start) is _int
        and start > 0
        and step == 1
        and dtype is None
        and device is None
    ):
        return _torch.arange(start)
    return _compat_arange(start, stop, step, dtype=dtype, device=device)


def full(shape, fill_value, *, dtype=None, device=None, **kwargs):
    """A new tensor of ``shape`` filled with ``fill_value`` (dtype from the fill value unless given).

    >>> full(2, 1.5).tolist()
    [1.5, 1.5]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.full(shape, fill_value, dtype=dtype, device=device, **kwargs)
    if dtype is None and device is None:
        return _torch.full((shape,) if type(shape) is _int else shape, fill_value)
    return _compat_full(shape, fill_value, dtype=dtype, device=device)


def _filled(torch_function, compat_function, doc):
    """``zeros``/``ones``/``empty``: torch's own call when neither dtype nor device is given."""

    def function(shape, *, dtype=None, device=None, **kwargs):
        if dtype is None and device is None and not kwargs:
            return torch_function(shape)
        # a dtype or device (or a library keyword: requires_grad=, ...): array-api-compat's call
        return compat_function(shape, dtype=dtype, device=device, **kwargs)

    return _named(function, torch_function.__name__, doc)


zeros = _filled(
    _torch.zeros,
    _compat.zeros,
    """A new tensor of zeros (the default floating dtype unless given).

    >>> zeros(2).tolist()
    [0.0, 0.0]
    """,
)
ones = _filled(
    _torch.ones,
    _compat.ones,
    """A new tensor of ones (the default floating dtype unless given).

    >>> ones(2).tolist()
    [1.0, 1.0]
    """,
)
empty = _filled(
    _torch.empty,
    _compat.empty,
    """A new uninitialised tensor (the default floating dtype unless given).

    >>> empty((2, 3)).shape
    torch.Size([2, 3])
    """,
)


def unstack(x, /, *, axis=0):
    """The slices of x along ``axis``, as a tuple of views (``torch.unbind``).

    >>> import torch
    >>> [t.tolist() for t in unstack(torch.tensor([[1, 2], [3, 4]]))]
    [[1, 2], [3, 4]]
    """
    if x.ndim == 0:
        return _compat_unstack(x, axis=axis)  # its ValueError
    return _torch.unbind(x, axis)


def result_type(*arrays_and_dtypes):
    """The dtype the standard's promotion gives for these arrays, dtypes and Python scalars.

    Two torch dtypes are answered from a cache of array-api-compat's answers.

    >>> import torch
    >>> result_type(torch.int8, torch.uint8)
    torch.int16
    """
    if len(arrays_and_dtypes) == 2:
        a, b = arrays_and_dtypes
        if type(a) is _torch_dtype and type(b) is _torch_dtype:
            return _result_type_of_dtypes(a, b)
    return _compat_result_type(*arrays_and_dtypes)


@_lru_cache(maxsize=512)
def _result_type_of_dtypes(a, b):
    return _compat_result_type(a, b)


# ember_ml's linalg (array-api-compat's plus guards, and this module's matmul, tensordot,
# vecdot and matrix_transpose); imported last, by name, since the star import above
# already bound compat's module to ``linalg``.
linalg = _importlib.import_module(__name__ + ".linalg")
