"""Elementwise functions of the torch namespace: array-api-compat's wrappers, with direct forms.

Two tensors of one dtype go straight to torch's function (``_BINARY``: nothing to
promote); ``sign`` keeps NaN without a host sync, ``round`` and ``clip`` call torch for
the common forms, and ``tanh`` gives the standard's sign at complex infinities.
"""

import builtins as _builtins

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import (
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
    bitwise_left_shift,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    ceil,
    conj,
    copysign,
    cos,
    cosh,
    divide,
    equal,
    exp,
    expm1,
    floor,
    floor_divide,
    greater,
    greater_equal,
    hypot,
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
    logaddexp,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    multiply,
    negative,
    nextafter,
    not_equal,
    positive,
    pow,
    real,
    reciprocal,
    remainder,
    signbit,
    sin,
    sinh,
    sqrt,
    square,
    subtract,
    tan,
    trunc,
)

from ember_ml.backend.torch._factories import _same_dtype_fast_path

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

_float = _builtins.float

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


_FLOATING_DTYPES = frozenset((_torch.float16, _torch.bfloat16, _torch.float32, _torch.float64))
_COMPLEX_DTYPES = frozenset((_torch.complex32, _torch.complex64, _torch.complex128))
_torch_sign, _torch_clamp, _torch_round, _torch_tanh = (
    _torch.sign,
    _torch.clamp,
    _torch.round,
    _torch.tanh,
)
_compat_round, _compat_clip = _compat.round, _compat.clip


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
