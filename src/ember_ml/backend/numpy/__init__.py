"""ember_ml's NumPy namespace: array-api-compat's conforming wrapper of NumPy.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.numpy``). ember_ml re-exports
array-api-compat here rather than wrapping NumPy again. Where array-api-compat
only forwards to NumPy through an extra Python layer, the NumPy function is
exported directly.
"""

import importlib as _importlib
from functools import lru_cache as _lru_cache
from typing import Any

import numpy as _np
from array_api_compat.numpy import *
from array_api_compat.numpy import __array_api_version__, __array_namespace_info__, fft

from ember_ml.backend._dtype_functions import can_cast_by_promotion, finfo_from, iinfo_from

# ember_ml's linalg (array-api-compat's plus guards); imported by name, since the star
# import above already bound compat's module to ``linalg``.
linalg = _importlib.import_module(__name__ + ".linalg")

# array-api-compat's matmul is ``np.matmul(x1, x2)`` behind a wrapper; skip the wrapper.
matmul = _np.matmul


def _dtype_of(type: Any) -> Any:
    return type.dtype if isinstance(type, _np.ndarray | _np.generic) else type


def finfo(type, /):
    """Limits of a floating-point dtype (or an array's), with Python floats as the standard asks.

    >>> finfo(float32).eps == 2.0**-23
    True
    """
    return _finfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _finfo_of(dtype):
    info = _np.finfo(dtype)
    return finfo_from(info, info.dtype)


def iinfo(type, /):
    """Limits of an integer dtype (or an array's), with Python ints.

    >>> iinfo(int8).min
    -128
    """
    return _iinfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _iinfo_of(dtype):
    info = _np.iinfo(dtype)
    return iinfo_from(info, info.dtype)


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None):
    """n-th discrete difference along an axis; ``prepend``/``append`` of None mean none.

    (``numpy.diff``, which array-api-compat re-exports, reads an explicit None as data.)

    >>> diff(asarray([1, 4, 9]), prepend=None).tolist()
    [3, 5]
    """
    extra = {}
    if prepend is not None:
        extra["prepend"] = prepend
    if append is not None:
        extra["append"] = append
    return _diff_steps(x, n, axis, extra)


def can_cast(from_, to, /):
    """Whether the standard's promotion rules allow casting ``from_`` (a dtype or an array's) to ``to``.

    >>> can_cast(int8, int16), can_cast(int16, int8), can_cast(bool, int8)
    (True, False, False)
    """
    if isinstance(from_, _np.ndarray):
        from_ = from_.dtype
    return _can_cast_dtypes(from_, to)


@_lru_cache(maxsize=256)
def _can_cast_dtypes(from_, to):
    return can_cast_by_promotion(isdtype, result_type, from_, to)


def floor_divide(x1, x2, /):
    """Elementwise x1 / x2 rounded down, with the standard's results for infinite operands.

    ``numpy.floor_divide`` gives NaN or -1 where the standard asks for +-infinity or
    -0 (``floor_divide(-1.0, inf)`` is -0); those elements are recomputed as
    ``floor(x1 / x2)``, only when an operand is infinite.

    >>> floor_divide(asarray([7.0, -1.0, inf]), asarray([2.0, inf, 3.0])).tolist()
    [3.0, -0.0, inf]
    """
    out = _np.floor_divide(x1, x2)
    if out.dtype.kind == "f":
        infinite = _np.isinf(x1) | _np.isinf(x2)
        if infinite.any():
            out = _np.where(infinite, _np.floor(_np.divide(x1, x2)), out)
    return out


# NumPy >= 2 conforms for these; array-api-compat still routes them through its own
# wrappers (written for NumPy 1.x), which cost 1.5-6x on small arrays.
if int(_np.__version__.partition(".")[0]) >= 2:
    # (NumPy 2's zeros_like/ones_like take device=; its ceil/floor/trunc keep integer dtypes.)
    from numpy import (  # noqa: F811
        ceil,
        floor,
        ones_like,
        permute_dims,
        trunc,
        unique_values,
        zeros_like,
    )
if hasattr(_np, "cumulative_sum"):  # NumPy >= 2.1
    from numpy import cumulative_prod, cumulative_sum  # noqa: F811

_compat_clip = clip
_compat_sign = sign


def sign(x, /):
    """Sign of each element (z/|z| for complex, NaN for NaN): ``numpy.sign`` for real input.

    NumPy's complex sign gives 1 for NaN + 0j, so complex input goes through array-api-compat.

    >>> sign(asarray([-2.0, 0.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    if x.dtype.kind == "c":
        return _compat_sign(x)
    return _np.sign(x)
_compat_sort, _compat_argsort = sort, argsort
_REAL_SCALARS = (float, int)


def clip(x, /, min=None, max=None):
    """x with its elements clamped to [min, max], in x's dtype.

    A floating array with Python-number bounds goes straight to ``numpy.clip``
    (NEP 50 keeps x's dtype); other forms go through array-api-compat, which
    casts array bounds to x's dtype first.

    >>> clip(asarray([-1.0, 0.5, 2.0], dtype=float32), 0.0, 1.0).tolist()
    [0.0, 0.5, 1.0]
    """
    if (type(min) in _REAL_SCALARS and type(max) in _REAL_SCALARS and type(x) is _np.ndarray
            and x.dtype.kind == "f" and x.ndim):
        return _np.clip(x, min, max)
    return _compat_clip(x, min, max)


def sort(x, /, *, axis=-1, descending=False, stable=True):
    """Sorted copy of x along ``axis`` (stable by default, as the standard asks).

    >>> sort(asarray([3, 1, 2]), descending=True).tolist()
    [3, 2, 1]
    """
    if descending:
        return _compat_sort(x, axis=axis, descending=True, stable=stable)
    return _np.sort(x, axis=axis, kind="stable" if stable else None)


def argsort(x, /, *, axis=-1, descending=False, stable=True):
    """Indices that sort x along ``axis`` (stable by default).

    >>> argsort(asarray([3, 1, 2])).tolist()
    [1, 2, 0]
    """
    if descending:
        return _compat_argsort(x, axis=axis, descending=True, stable=stable)
    return _np.argsort(x, axis=axis, kind="stable" if stable else None)


def count_nonzero(x, /, *, axis=None, keepdims=False):
    """Number of non-zero elements of x over ``axis``, as an array (0-d for a whole-array count).

    >>> count_nonzero(asarray([0, 1, 2]))
    array(2)
    """
    result = _np.count_nonzero(x, axis=axis, keepdims=keepdims)
    return _np.asarray(result) if axis is None and not keepdims else result


def astype(x, dtype, /, *, copy=True, device=None):
    """x converted to ``dtype`` (a copy unless ``copy=False`` and nothing changes).

    >>> astype(asarray([1.7]), int32).tolist()
    [1]
    """
    if device is not None and device != "cpu":
        raise ValueError(f"NumPy arrays live on the 'cpu' device only, not {device!r}")
    return x.astype(dtype, copy=copy)


def tanh(x, /):
    """Hyperbolic tangent of each element; for complex x, tanh(+-inf + yj) is +-1 with the sign of y as its zero imaginary part.

    NumPy follows C99 there (the sign of sin(2y)); the standard asks for the sign of y.
    Real input goes straight to ``numpy.tanh``.

    >>> import math
    >>> signbit(tanh(asarray([complex(math.inf, 2.0), complex(math.inf, -2.0)])).imag).tolist()
    [False, True]
    """
    out = _np.tanh(x)
    if out.dtype.kind == "c":
        fix = _np.isinf(x.real) & _np.isfinite(x.imag)
        if fix.any():
            fixed = _np.empty(out.shape, out.dtype)
            fixed.real = out.real
            fixed.imag = _np.where(fix, _np.copysign(0.0, x.imag), out.imag)
            return fixed[()]
    return out


def _diff_steps(x, n, axis, extra):
    """np.diff loops n times even when n exceeds the axis length (``n=2**31`` hangs): stop once empty."""
    if n < 0:
        raise ValueError(f"diff: order n must be non-negative, got {n}")
    if n <= 1 or x.ndim == 0:
        return _np.diff(x, axis=axis, n=n, **extra)
    first = _np.diff(x, axis=axis, n=1, **extra)
    return _np.diff(first, axis=axis, n=n - 1 if n - 1 < first.shape[axis] else first.shape[axis])

