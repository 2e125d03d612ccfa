"""Elementwise functions of the NumPy namespace: NumPy's own, but for four fixes.

``floor_divide`` (infinite operands), ``sign`` (complex NaN), ``clip`` (the bounds cast to
x's dtype) and ``tanh`` (complex infinities) give the standard's answers where NumPy's
differ; every other function is NumPy's object (array-api-compat's with NumPy < 2.1).
"""

import builtins as _builtins
import math as _math

import numpy as _np

from ember_ml.backend.numpy._library import OWN_NAMESPACE as _OWN_NAMESPACE
from ember_ml.backend.numpy._library import count_all as _count_all
from ember_ml.backend.numpy._library import library as _lib

__all__ = [
    "abs",
    "acos",
    "acosh",
    "add",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_invert",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "ceil",
    "clip",
    "conj",
    "copysign",
    "cos",
    "cosh",
    "divide",
    "equal",
    "exp",
    "expm1",
    "floor",
    "floor_divide",
    "greater",
    "greater_equal",
    "hypot",
    "imag",
    "isfinite",
    "isinf",
    "isnan",
    "less",
    "less_equal",
    "log",
    "log1p",
    "log2",
    "log10",
    "logaddexp",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "nextafter",
    "not_equal",
    "positive",
    "pow",
    "real",
    "reciprocal",
    "remainder",
    "round",
    "sign",
    "signbit",
    "sin",
    "sinh",
    "square",
    "sqrt",
    "subtract",
    "tan",
    "tanh",
    "trunc",
]

abs = _lib.abs
acos = _lib.acos
acosh = _lib.acosh
add = _lib.add
asin = _lib.asin
asinh = _lib.asinh
atan = _lib.atan
atan2 = _lib.atan2
atanh = _lib.atanh
bitwise_and = _lib.bitwise_and
bitwise_left_shift = _lib.bitwise_left_shift
bitwise_invert = _lib.bitwise_invert
bitwise_or = _lib.bitwise_or
bitwise_right_shift = _lib.bitwise_right_shift
bitwise_xor = _lib.bitwise_xor
ceil = _lib.ceil
conj = _lib.conj
copysign = _lib.copysign
cos = _lib.cos
cosh = _lib.cosh
divide = _lib.divide
equal = _lib.equal
exp = _lib.exp
expm1 = _lib.expm1
floor = _lib.floor
greater = _lib.greater
greater_equal = _lib.greater_equal
hypot = _lib.hypot
imag = _lib.imag
isfinite = _lib.isfinite
isinf = _lib.isinf
isnan = _lib.isnan
less = _lib.less
less_equal = _lib.less_equal
log = _lib.log
log1p = _lib.log1p
log2 = _lib.log2
log10 = _lib.log10
logaddexp = _lib.logaddexp
logical_and = _lib.logical_and
logical_not = _lib.logical_not
logical_or = _lib.logical_or
logical_xor = _lib.logical_xor
maximum = _lib.maximum
minimum = _lib.minimum
multiply = _lib.multiply
negative = _lib.negative
nextafter = _lib.nextafter
not_equal = _lib.not_equal
positive = _lib.positive
pow = _lib.pow
real = _lib.real
reciprocal = _lib.reciprocal
remainder = _lib.remainder
round = _lib.round
signbit = _lib.signbit
sin = _lib.sin
sinh = _lib.sinh
square = _lib.square
sqrt = _lib.sqrt
subtract = _lib.subtract
tan = _lib.tan
trunc = _lib.trunc

_ndarray = _np.ndarray
_asarray = _np.asarray
_floor_divide = _np.floor_divide
_isinf = _np.isinf
_isfinite_number = _math.isfinite
_sign = _np.sign
_tanh = _np.tanh
_REAL_SCALARS = (float, int)

if _OWN_NAMESPACE:

    def _complex_sign(x):
        # complex x: x / |x|, and 0 where x is 0
        out = _np.divide(x, _np.abs(x))[...]
        out[x == 0j] = 0j
        return out[()]
else:  # NumPy < 2.1: array-api-compat's sign
    _complex_sign = _lib.sign


def floor_divide(x1, x2, /):
    """Elementwise x1 / x2 rounded down, with the standard's results for infinite operands.

    ``numpy.floor_divide`` gives NaN or -1 where the standard asks for +-infinity or
    -0 (``floor_divide(-1.0, inf)`` is -0); those elements are recomputed as
    ``floor(x1 / x2)``, only when an operand is infinite.

    The check costs one C call where it can: for two 1-d arrays of one length, their
    inner product ``x1.dot(x2)`` is finite unless an operand holds inf or NaN (or a
    product overflows, which only sends the call to the exact check). Otherwise it is
    one ``isinf`` per operand, counted by NumPy's C counter.

    >>> floor_divide(asarray([7.0, -1.0, inf]), asarray([2.0, inf, 3.0])).tolist()
    [3.0, -0.0, inf]
    """
    out = _floor_divide(x1, x2)
    if out.dtype.kind == "f":
        if (
            type(x1) is _ndarray
            and type(x2) is _ndarray
            and x1.ndim == 1 == x2.ndim
            and len(x1) == len(x2)
        ):
            if _isfinite_number(x1.dot(x2)):
                return out
        elif not (_count_all(_isinf(x1)) or _count_all(_isinf(x2))):
            return out
        infinite = _isinf(x1) | _isinf(x2)
        if _count_all(infinite):
            out = _np.where(infinite, _np.floor(_np.divide(x1, x2)), out)
    return out


def sign(x, /):
    """Sign of each element (z/|z| for complex, NaN for NaN): ``numpy.sign`` for real input.

    NumPy's complex sign gives 1 for NaN + 0j, so complex input goes through array-api-compat.

    >>> sign(asarray([-2.0, 0.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    if x.dtype.kind == "c":
        return _complex_sign(x)
    return _sign(x)


def clip(x, /, min=None, max=None):
    """x with its elements clamped to [min, max], in x's dtype.

    A floating array with Python-number bounds goes straight to ``numpy.clip``
    (NEP 50 keeps x's dtype). Otherwise the bounds are cast to x's dtype first
    (for an integer x, a bound beyond the dtype's range on its own side is no bound;
    one beyond it on the other side is an OverflowError) and the result has the broadcast shape of x and the bounds.

    >>> clip(asarray([-1.0, 0.5, 2.0], dtype=float32), 0.0, 1.0).tolist()
    [0.0, 0.5, 1.0]
    >>> clip(asarray([-5, 0, 300], dtype=int16), min=-1000000, max=100).tolist()
    [-5, 0, 100]
    """
    if (
        type(min) in _REAL_SCALARS
        and type(max) in _REAL_SCALARS
        and type(x) is _ndarray
        and x.dtype.kind == "f"
        and x.ndim
    ):
        return _np.clip(x, min, max)
    return _clip_general(x, min, max)


def _clip_general(x, lower, upper):
    x = _asarray(x)
    dtype = x.dtype
    if dtype.kind in "iu":
        info = _np.iinfo(dtype)
        lower = _integer_bound(lower, info, is_lower=True)
        upper = _integer_bound(upper, info, is_lower=False)
    if lower is None and upper is None:
        return x.copy()[()]
    bounds = [None if b is None else _asarray(b, dtype=dtype) for b in (lower, upper)]
    shape = _np.broadcast_shapes(x.shape, *(b.shape for b in bounds if b is not None))
    out = _np.empty(shape, dtype)
    _np.clip(x, bounds[0], bounds[1], out=out, casting="no")
    return out[()]


def _integer_bound(bound, info, is_lower):
    """A number bound of an integer array: None where it bounds nothing, else one NumPy casts (OverflowError beyond)."""
    if isinstance(bound, int | _np.integer) and not isinstance(bound, _builtins.bool | _np.bool_):
        if (bound <= info.min) if is_lower else (bound >= info.max):
            return None
        return bound
    if isinstance(bound, float | _np.floating):  # beyond the range on its own side: the range's end
        if is_lower and bound < info.min:
            return info.min
        if not is_lower and bound > info.max:
            return info.max
    return bound


def tanh(x, /):
    """Hyperbolic tangent of each element; for complex x, tanh(+-inf + yj) is +-1 with the sign of y as its zero imaginary part.

    NumPy follows C99 there (the sign of sin(2y)); the standard asks for the sign of y.
    Real input goes straight to ``numpy.tanh``.

    >>> import math
    >>> signbit(tanh(asarray([complex(math.inf, 2.0), complex(math.inf, -2.0)])).imag).tolist()
    [False, True]
    """
    out = _tanh(x)
    if out.dtype.kind == "c":
        fix = _np.isinf(x.real) & _np.isfinite(x.imag)
        if fix.any():
            fixed = _np.empty(out.shape, out.dtype)
            fixed.real = out.real
            fixed.imag = _np.where(fix, _np.copysign(0.0, x.imag), out.imag)
            return fixed[()]
    return out
