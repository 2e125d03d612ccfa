"""ember_ml's NumPy namespace: array-api-compat's conforming wrapper of NumPy.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.numpy``). ember_ml re-exports
array-api-compat here rather than wrapping NumPy again. Where array-api-compat
only forwards to NumPy through an extra Python layer, the NumPy function is
exported directly.
"""

from typing import Any

import numpy as _np
from array_api_compat.numpy import *
from array_api_compat.numpy import __array_api_version__, __array_namespace_info__, fft, linalg

from ember_ml.backend._dtype_functions import can_cast_by_promotion, finfo_from, iinfo_from

# array-api-compat's matmul is ``np.matmul(x1, x2)`` behind a wrapper; skip the wrapper.
matmul = _np.matmul


def _dtype_of(type: Any) -> Any:
    return type.dtype if isinstance(type, _np.ndarray | _np.generic) else type


def finfo(type, /):
    """Limits of a floating-point dtype (or an array's), with Python floats as the standard asks.

    >>> finfo(float32).eps == 2.0**-23
    True
    """
    info = _np.finfo(_dtype_of(type))
    return finfo_from(info, info.dtype)


def iinfo(type, /):
    """Limits of an integer dtype (or an array's), with Python ints.

    >>> iinfo(int8).min
    -128
    """
    info = _np.iinfo(_dtype_of(type))
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


def _diff_steps(x, n, axis, extra):
    """np.diff loops n times even when n exceeds the axis length (``n=2**31`` hangs): stop once empty."""
    if n < 0:
        raise ValueError(f"diff: order n must be non-negative, got {n}")
    if n <= 1 or x.ndim == 0:
        return _np.diff(x, axis=axis, n=n, **extra)
    first = _np.diff(x, axis=axis, n=1, **extra)
    return _np.diff(first, axis=axis, n=n - 1 if n - 1 < first.shape[axis] else first.shape[axis])

