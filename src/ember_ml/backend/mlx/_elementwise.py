"""Elementwise functions of the MLX namespace: MLX's own where they conform, shims elsewhere.

Python-scalar operands take the array's dtype (``_pair``), integer shifts and divisions
are defined where C's are not, and float64 transcendental functions keep float64
precision. Hot paths compile to one fused kernel per call (shapeless ``mx.compile``).
"""

from __future__ import annotations

import math
from typing import Any

import mlx.core as mx
from mlx.core import (  # MLX's own function objects: they conform
    abs,
    acos,
    acosh,
    add,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    bitwise_and,
    bitwise_invert,
    bitwise_or,
    bitwise_xor,
    ceil,
    conj,
    cosh,
    divide,
    equal,
    floor,
    greater,
    greater_equal,
    imag,
    isfinite,
    isinf,
    isnan,
    less,
    less_equal,
    log,
    log1p,
    log2,
    log10,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    positive,
    pow,
    real,
    reciprocal,
    sinh,
    sqrt,
    square,
    subtract,
    tan,
    trunc,
)

from ember_ml.backend.mlx._creation import asarray
from ember_ml.backend.mlx._dtypes import (
    _COMPLEX_C,
    _F64_C,
    _INTEGRAL,
    _INTEGRAL_C,
    _LOW_FLOAT_C,
    _REAL_FLOAT,
    _REAL_FLOAT_C,
    _UNSIGNED,
    _array,
    _code,
    _kind,
    _pybool,
)
from ember_ml.backend.mlx._integer_ops import (
    _FD,
    _LSHIFT_BY_CODE,
    _REM,
    _RSHIFT_BY_CODE,
)

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


# mlx 0.32.4: mx.clip needs a bound and refuses integer bounds outside x's dtype (ValueError)
def clip(x: mx.array, /, min: Any = None, max: Any = None) -> mx.array:  # noqa: A002
    if min is None and max is None:
        return x
    dt = x.dtype
    if dt in _INTEGRAL:
        # Python bounds out of the dtype's range must not overflow the cast.
        info = mx.iinfo(dt)
        if isinstance(min, (int, float)) and not isinstance(min, _pybool):
            if min > info.max:
                return (
                    mx.full(x.shape, info.max, dtype=dt)
                    if max is None
                    else mx.full(x.shape, max, dtype=dt)
                )
            min = None if min < info.min else min
        if isinstance(max, (int, float)) and not isinstance(max, _pybool):
            if max < info.min:
                return mx.full(x.shape, info.min, dtype=dt)
            max = None if max > info.max else max
        if min is None and max is None:
            return x
    out = x
    if min is not None:
        out = mx.maximum(out, min)
    if max is not None:
        out = mx.minimum(out, max)
    if out.dtype != dt:
        out = out.astype(dt)
    return out


# mlx 0.32.4: no mx.signbit
def signbit(x: mx.array, /) -> mx.array:
    dt = x.dtype
    if dt == mx.float32:
        return mx.view(x, mx.int32) < 0
    if dt == mx.float64:
        return mx.view(x, mx.int64) < 0
    if dt in (mx.float16, mx.bfloat16):
        return mx.view(x, mx.int16) < 0
    if dt in _UNSIGNED or dt == mx.bool_:
        return mx.zeros(x.shape, dtype=mx.bool_)
    return x < 0


def _scalar_like(value: Any, other: Any) -> mx.array:
    """A Python scalar as an array of ``other``'s dtype when its kind fits (the standard's rule)."""
    if isinstance(other, mx.array):
        k = (
            0
            if isinstance(value, _pybool)
            else 1
            if isinstance(value, int)
            else 2
            if isinstance(value, float)
            else 3
        )
        if k <= _kind(other.dtype) and not (k == 0 and other.dtype != mx.bool_):
            return asarray(value, dtype=other.dtype)  # asarray reads ints >= 2**63 into uint64
    return mx.array(value)


def _pair(x1: Any, x2: Any) -> tuple[mx.array, mx.array]:
    """Both operands as arrays of their promoted dtype (a Python scalar takes the array's dtype)."""
    if not isinstance(x1, mx.array):
        x1 = _scalar_like(x1, x2)
    if not isinstance(x2, mx.array):
        x2 = _scalar_like(x2, x1)
    if x1.dtype != x2.dtype:
        dt = mx.result_type(x1, x2)
        x1, x2 = x1.astype(dt), x2.astype(dt)
    return x1, x2


# mlx 0.32.4: no mx.copysign
def copysign(x1: Any, x2: Any, /) -> mx.array:
    x1, x2 = _pair(x1, x2)
    a = mx.abs(x1)
    # multiply rather than where: cheaper on large arrays, same bits (|x1| * -1 flips the sign bit)
    return a * (1 - 2 * signbit(x2).astype(a.dtype))


# mlx 0.32.4: a shift by >= the bit width is C's undefined behaviour (standard: 0)
def bitwise_left_shift(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and type(x2) is _array:
        c = _code(x1.dtype)
        if c == _code(x2.dtype) and c in _LSHIFT_BY_CODE and x1.shape == x2.shape:
            return _LSHIFT_BY_CODE[c](x1, x2)
    return _left_shift_general(x1, x2)


def _left_shift_general(x1: Any, x2: Any) -> mx.array:
    """Any operands (Python ints, mixed dtypes, broadcasting): eager, unfused."""
    if (
        type(x2) is int
        and type(x1) is mx.array
        and _code(x1.dtype) in _INTEGRAL_C
        and 0 <= x2 < x1.dtype.size * 8
    ):
        return mx.left_shift(x1, x2)  # a shift the hardware does as the standard says
    x1, x2 = _pair(x1, x2)
    out = mx.left_shift(x1, x2)
    bits = x1.dtype.size * 8
    # shifting by >= the bit width is undefined in C (MLX); the standard wants 0
    return mx.where(x2 >= bits, mx.zeros((), dtype=out.dtype), out)


# mlx 0.32.4: a shift by >= the bit width is C's undefined behaviour (standard: fill)
def bitwise_right_shift(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and type(x2) is _array:
        c = _code(x1.dtype)
        if c == _code(x2.dtype) and c in _RSHIFT_BY_CODE and x1.shape == x2.shape:
            return _RSHIFT_BY_CODE[c](x1, x2)
    return _right_shift_general(x1, x2)


def _right_shift_general(x1: Any, x2: Any) -> mx.array:
    """Any operands (Python ints, mixed dtypes, broadcasting): eager, unfused."""
    if (
        type(x2) is int
        and type(x1) is mx.array
        and _code(x1.dtype) in _INTEGRAL_C
        and 0 <= x2 < x1.dtype.size * 8
    ):
        return mx.right_shift(x1, x2)
    x1, x2 = _pair(x1, x2)
    out = mx.right_shift(x1, x2)
    bits = x1.dtype.size * 8
    if x1.dtype in _UNSIGNED:
        fill = mx.zeros((), dtype=out.dtype)
    else:
        fill = mx.where(x1 < 0, -1, 0).astype(out.dtype)
    return mx.where(x2 >= bits, fill, out)


# mlx 0.32.4: complex tanh(+-inf + yj) takes the sign of sin(2y), the standard the sign of y
def tanh(x: mx.array, /) -> mx.array:
    r = mx.tanh(x)
    # x.itemsize first: an int read, where x.dtype makes a new Dtype object (~0.05 us)
    if r.itemsize != 8 or _code(r.dtype) not in _COMPLEX_C:
        return r
    re, im = mx.real(x), mx.imag(x)
    # the standard: tanh(+inf + yj) is 1 + 0j for finite y > 0 (and conj-symmetric for y < 0)
    fix = mx.isinf(re) & mx.isfinite(im)
    w = mx.sign(re).astype(r.dtype)  # +-1 + 0j
    w = mx.where(signbit(im), mx.conj(w), w)  # conj flips the zero's sign
    return mx.where(fix, w, r)


# mlx 0.32.4: float64 exp runs at float32 precision (relative error 5e-8)
def exp(x: mx.array, /) -> mx.array:
    if x.itemsize != 8 or _code(x.dtype) != _F64_C:
        return mx.exp(x)
    # MLX's float64 exp runs at float32 precision; its float64 expm1 does not
    return mx.where(x < 0, 1 / (mx.expm1(-x) + 1), mx.expm1(x) + 1)


# mlx 0.32.4: float64 logaddexp runs at float32 precision
def logaddexp(x1: Any, x2: Any, /) -> mx.array:
    r = mx.logaddexp(x1, x2)
    if r.itemsize != 8 or _code(r.dtype) != _F64_C:
        return r
    a, b = _pair(x1, x2)
    m = mx.maximum(a, b)
    out = m + mx.log1p(exp(-mx.abs(a - b)))
    return mx.where(a == b, a + math.log(2.0), out)


# mlx 0.32.4: no complex expm1
def expm1(x: mx.array, /) -> mx.array:
    if isinstance(x, mx.array) and x.itemsize == 8 and _code(x.dtype) in _COMPLEX_C:
        return mx.exp(x) - 1
    return mx.expm1(x)


# mlx 0.32.4: no mx.hypot
def hypot(x1: Any, x2: Any, /) -> mx.array:
    x1, x2 = _pair(x1, x2)
    a = mx.abs(x1)
    b = mx.abs(x2)
    hi = mx.maximum(a, b)
    lo = mx.minimum(a, b)
    safe = mx.where(hi == 0, 1, hi)
    r = hi * mx.sqrt(1 + mx.square(lo / safe))
    r = mx.where(hi == 0, 0, r)
    r = mx.where(mx.isnan(a) | mx.isnan(b), math.nan, r)
    return mx.where(mx.isinf(a) | mx.isinf(b), math.inf, r)


_BITS = {mx.float32: (mx.int32, 1), mx.float64: (mx.int64, 1), mx.float16: (mx.int16, 1)}


# mlx 0.32.4: no mx.nextafter
def nextafter(x1: Any, x2: Any, /) -> mx.array:
    x1, x2 = mx.broadcast_arrays(*_pair(x1, x2))
    dt = mx.result_type(x1, x2)
    if dt not in _BITS:
        raise TypeError(
            f"nextafter: real floating-point operands required, got {x1.dtype} and {x2.dtype}"
        )
    x1 = x1.astype(dt)
    x2 = x2.astype(dt)
    ity, one = _BITS[dt]
    bits = mx.view(x1, ity)
    up = (x2 > x1) == (x1 > 0)
    moved = mx.view(mx.where(up, bits + one, bits - one), dt)
    tiny = mx.view(mx.ones(x1.shape, dtype=ity), dt)
    from_zero = mx.where(x2 > 0, tiny, -tiny)
    out = mx.where(x1 == 0, from_zero, moved)
    out = mx.where(x1 == x2, x2, out)
    return mx.where(mx.isnan(x1) | mx.isnan(x2), math.nan, out)


def _int_operands(x1: Any, x2: Any) -> tuple[mx.array, mx.array] | None:
    """Both operands as arrays when the division is an integer one whose divisor may trap, else None.

    Integer ``INT_MIN // -1`` and ``INT_MIN % -1`` overflow (SIGFPE on x86) and a
    zero divisor is undefined in C: the callers rewrite such divisors with
    ``where`` before MLX sees them (no host sync, lazy, works in ``mx.compile``).
    """
    t2 = type(x2)
    if t2 is float or t2 is complex:
        return None
    if t2 is int and x2 != 0 and x2 != -1:
        return None  # a Python int divisor that cannot trap
    d1 = x1.dtype if isinstance(x1, mx.array) else None
    d2 = x2.dtype if isinstance(x2, mx.array) else None
    if (d1 is not None and d1 not in _INTEGRAL and d1 != mx.bool_) or (
        d2 is not None and d2 not in _INTEGRAL and d2 != mx.bool_
    ):
        return None  # a floating operand: floating division
    if d1 is None and d2 is None and (type(x1) is float or type(x1) is complex):
        return None
    a, d = _pair(x1, x2)
    return (a, d) if a.dtype in _INTEGRAL else None


# mlx 0.32.4: integer x // 0 and INT_MIN // -1 trap (SIGFPE) or are undefined
def floor_divide(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and _code(x1.dtype) in _REAL_FLOAT_C:
        # a floating x1 makes the division floating whatever x2 is: it cannot trap (one dtype read)
        return mx.floor_divide(x1, x2)
    return _floor_divide_general(x1, x2)


def _floor_divide_general(x1: Any, x2: Any) -> mx.array:
    """Any operands: integer divisors that may trap are rewritten (see _int_operands)."""
    ints = _int_operands(x1, x2)
    if ints is None:
        return mx.floor_divide(x1, x2)
    a, d = ints
    return _FD[a.dtype in _UNSIGNED](a, d)


def _remainder_float(a: mx.array, b: mx.array) -> mx.array:
    r = mx.remainder(a, b)
    # the sign of a zero result follows b (MLX gives it a's sign); where r == 0, b is not
    # zero or NaN (those give NaN), so sign(b) is +-1. (No -0.0 constant: mx.compile
    # merges it with 0.0.)
    return mx.where(r == 0, mx.abs(r) * mx.sign(b), r)


_REM_FLOAT = mx.compile(_remainder_float, shapeless=True)


# mlx 0.32.4: a zero result takes x1's sign (standard: x2's); integer % 0 and % -1 trap
def remainder(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and type(x2) is _array and x1.shape == x2.shape:
        c = _code(x1.dtype)
        if c in _REAL_FLOAT_C and c == _code(x2.dtype):
            return _REM_FLOAT(x1, x2)
    return _remainder_general(x1, x2)


def _remainder_general(x1: Any, x2: Any) -> mx.array:
    """Any operands (Python scalars, mixed dtypes, broadcasting, integers)."""
    ints = _int_operands(x1, x2)
    if ints is not None:
        a, d = ints
        return _REM[a.dtype in _UNSIGNED](a, d)
    r = mx.remainder(x1, x2)
    if r.dtype in _REAL_FLOAT:
        x2a = x2 if isinstance(x2, mx.array) else mx.array(x2, dtype=r.dtype)
        # the sign of a zero result follows x2 (MLX gives it x1's sign)
        r = mx.where(r == 0, mx.where(signbit(x2a), -0.0, 0.0).astype(r.dtype), r)
    return r


# mlx 0.32.4: none measured (integer dtypes kept): the integer check may go
def round(x: mx.array, /) -> mx.array:  # noqa: A001
    if _code(x.dtype) in _INTEGRAL_C:
        return x
    return mx.round(x)


def _sign_float(x: mx.array) -> mx.array:
    return mx.where(mx.isnan(x), x, mx.sign(x))


def _sin_float(x: mx.array) -> mx.array:
    r = mx.sin(x)
    # keeps the sign of zero: sin(-0) is -0. r itself is the condition (nonzero and NaN are
    # true): no comparison constant, which makes the compiled call ~0.08 us cheaper to build.
    return mx.where(r, r, x)


# unary elementwise: one fused kernel per call (shapeless compile, one trace per dtype)
_SIGN_FLOAT = mx.compile(_sign_float, shapeless=True)
_SIN_FLOAT = mx.compile(_sin_float, shapeless=True)


# mlx 0.32.4: sign(NaN) is 0 (standard: NaN)
def sign(x: mx.array, /) -> mx.array:
    c = _code(x.dtype)
    if c in _REAL_FLOAT_C:
        return _SIGN_FLOAT(x)
    if c in _COMPLEX_C:
        mag = mx.abs(x)
        return mx.where(mag == 0, mx.zeros((), dtype=x.dtype), x / mx.where(mag == 0, 1, mag))
    return mx.sign(x)


def _half_angle(x: mx.array) -> tuple[mx.array, mx.array, mx.array]:
    """tan(x/2) terms: MLX's float64 sin/cos run at float32 precision, its float64 tan does not."""
    t = mx.tan(x * 0.5)
    t2 = mx.square(t)
    return t, t2, 1 + t2


# mlx 0.32.4: float64 cos runs at float32 precision
def cos(x: mx.array, /) -> mx.array:
    if x.itemsize != 8 or _code(x.dtype) != _F64_C:
        return mx.cos(x)
    t, t2, d = _half_angle(x)
    c = (1 - t2) / d
    return mx.where(mx.isinf(t2), -1.0, c).astype(mx.float64)


# mlx 0.32.4: float64 sin runs at float32 precision; sin(-0.0) is +0.0
def sin(x: mx.array, /) -> mx.array:
    c = _code(x.dtype)
    if c in _LOW_FLOAT_C:
        return _SIN_FLOAT(x)
    return _sin_general(x, c)


def _sin_general(x: mx.array, c: int) -> mx.array:
    """float64 (MLX's own runs at float32 precision), integers and complex: eager."""
    if c == _F64_C:
        t, t2, d = _half_angle(x)
        r = mx.where(mx.isinf(t2), 0.0, 2 * t / d).astype(mx.float64)
        return mx.where(x == 0, x, r)  # keeps the sign of zero
    r = mx.sin(x)
    if r.dtype in _REAL_FLOAT:
        return mx.where(r == 0, x, r)  # keeps the sign of zero: sin(-0) is -0
    return r
