"""Element-wise functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

abs = _compat.abs
acos = _compat.acos
acosh = _compat.acosh
add = _compat.add
asin = _compat.asin
asinh = _compat.asinh
atan = _compat.atan
atan2 = _compat.atan2
atanh = _compat.atanh
bitwise_and = _compat.bitwise_and
bitwise_invert = _compat.bitwise_invert
bitwise_left_shift = _compat.bitwise_left_shift
bitwise_or = _compat.bitwise_or
bitwise_right_shift = _compat.bitwise_right_shift
bitwise_xor = _compat.bitwise_xor
ceil = _compat.ceil
clip = _compat.clip
conj = _compat.conj
copysign = _compat.copysign
cos = _compat.cos
cosh = _compat.cosh
divide = _compat.divide
equal = _compat.equal
exp = _compat.exp
expm1 = _compat.expm1
floor = _compat.floor
floor_divide = _compat.floor_divide
greater = _compat.greater
greater_equal = _compat.greater_equal
hypot = _compat.hypot
imag = _compat.imag
isfinite = _compat.isfinite
isinf = _compat.isinf
isnan = _compat.isnan
less = _compat.less
less_equal = _compat.less_equal
log = _compat.log
log10 = _compat.log10
log1p = _compat.log1p
log2 = _compat.log2
logaddexp = _compat.logaddexp
logical_and = _compat.logical_and
logical_not = _compat.logical_not
logical_or = _compat.logical_or
logical_xor = _compat.logical_xor
maximum = _compat.maximum
minimum = _compat.minimum
multiply = _compat.multiply
negative = _compat.negative
nextafter = _compat.nextafter
not_equal = _compat.not_equal
positive = _compat.positive
pow = _compat.pow
real = _compat.real
reciprocal = _compat.reciprocal
remainder = _compat.remainder
round = _compat.round
sign = _compat.sign
signbit = _compat.signbit
sin = _compat.sin
sinh = _compat.sinh
sqrt = _compat.sqrt
square = _compat.square
subtract = _compat.subtract
tan = _compat.tan
tanh = _compat.tanh
trunc = _compat.trunc

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
    "bitwise_invert",
    "bitwise_left_shift",
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
    "log10",
    "log1p",
    "log2",
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
    "sqrt",
    "square",
    "subtract",
    "tan",
    "tanh",
    "trunc",
]
