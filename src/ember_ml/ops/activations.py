"""Activation functions (``ember_ml.ops.activations``, also ``ember_ml.nn.activations``).

Every function takes a real floating-point array of any library ember_ml serves
and returns the same library's array with the same dtype (float16 and bfloat16
included); integer input is promoted to the library's default floating dtype,
boolean and complex input raise ``TypeError``. The formulas and constants are
those of ``torch.nn.functional``; the generic implementations are written so
that neither their values nor their gradients overflow for large ``|x|`` (no
``where`` whose unused branch is ``inf`` or ``nan``). PyTorch uses
``torch.nn.functional`` directly; MLX uses its native kernels (``mx.sigmoid``,
``mx.softmax``, ``mx.erf``) and compiled element-wise graphs.

>>> import numpy as np
>>> from ember_ml.ops import activations
>>> activations.relu(np.asarray([-1.0, 2.0]))
array([0., 2.])
>>> activations.softmax(np.asarray([0.0, 0.0]))
array([0.5, 0.5])
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Real
from typing import Any, Literal

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._namespace import array_namespace
from ember_ml._typing import ArrayT

__all__ = [
    "celu",
    "elu",
    "gelu",
    "hard_sigmoid",
    "hard_swish",
    "leaky_relu",
    "lecun_tanh",
    "log_sigmoid",
    "log_softmax",
    "mish",
    "relu",
    "relu6",
    "selu",
    "sigmoid",
    "silu",
    "softmax",
    "softplus",
    "softsign",
    "swish",
    "tanh",
]

_GROUP = "activations"

# torch.nn.functional.selu's constants.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
# ncps's LeCun tanh: 1.7159 * tanh(0.666 * x).
LECUN_SCALE = 1.7159
LECUN_SLOPE = 0.666
_SQRT_HALF = math.sqrt(0.5)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_TANH_CUBIC = 0.044715

# Chebyshev coefficients c_k of P(t) = log(erfc(z) / t) + z**2 on t = 2 / (2 + z) in
# [0, 1] (z >= 0), in the variable y = 2t - 1, so that erfc(z) = t * exp(-z**2 + P(t)).
# Computed for ember_ml with mpmath at 50 digits (48 Chebyshev nodes); the first 30
# terms leave an error below 3e-18 in P, the first 16 below 3e-10 (enough for float32).
_ERFC_CHEBYSHEV = (
    -6.513268598908547171e-1,
    6.419697923564902603e-1,
    1.9476473204185836312e-2,
    -9.5615147868086316419e-3,
    -9.465953444820368663e-4,
    3.6683949785276145187e-4,
    4.2523324806907771645e-5,
    -2.0278578112534243154e-5,
    -1.6242900046470255135e-6,
    1.3036558355805232018e-6,
    1.5626441722066143178e-8,
    -8.5238095914926542525e-8,
    6.5290544390988514964e-9,
    5.0593434955514689418e-9,
    -9.9136415649303308674e-10,
    -2.2736512229318358557e-10,
    9.646791102015526802e-11,
    2.3940380830391147447e-12,
    -6.8860275264975533984e-12,
    8.9448792730907257167e-13,
    3.1309213993429580783e-13,
    -1.1270822361367252366e-13,
    3.8109052551892320552e-16,
    7.1060976136092369878e-15,
    -1.5230282014571043043e-15,
    -9.4574945712912340005e-17,
    1.2102371892242789923e-16,
    -2.8166630877471769718e-17,
    5.0030055594459016117e-20,
    2.328104257952925289e-18,
)
_ERFC_TERMS_32 = 16


# --- argument handling -------------------------------------------------------------------


def _prepare(x: Any, name: str) -> tuple[Any, Any]:
    """(namespace, floating array): integers promote to the default float, others raise."""
    xp = array_namespace(x)
    dtype = x.dtype
    if xp.isdtype(dtype, "real floating"):
        return xp, x
    if xp.isdtype(dtype, "integral"):
        info = xp.__array_namespace_info__()
        default = info.default_dtypes(device=getattr(x, "device", None))["real floating"]
        return xp, xp.astype(x, default)
    raise TypeError(f"{name} needs a real floating-point (or integer) array, got dtype {dtype}")


def _check_real(value: Any, what: str, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}: {what} must be a real number, got {value!r}")
    return float(value)


def _generic(xp: Any, function: Callable[..., Any], x: Any, *args: Any) -> Any:
    """Run a generic formula, in float32 for 16-bit floats (then back to the input's dtype)."""
    if xp.finfo(x.dtype).bits < 32:
        return xp.astype(function(xp, xp.astype(x, xp.float32), *args), x.dtype)
    return function(xp, x, *args)


def _apply(name: str, x: Any, *args: Any) -> Any:
    """The backend's fast path of activation ``name`` if it has one, else ``_GENERIC[name]``."""
    xp, x = _prepare(x, name)
    fast = fast_path(xp, _GROUP, name)
    if fast is not None:
        return fast(x, *args)
    return _generic(xp, _GENERIC[name], x, *args)


# --- generic implementations (standard calls only) ---------------------------------------
# Each takes (xp, x, *parameters). Where a formula has branches, every branch is
# evaluated on an input clamped to the branch's own range, so that the branch not taken
# is finite and contributes a zero (not a nan) gradient.


def _relu(xp: Any, x: Any) -> Any:
    return xp.where(x <= 0, 0.0, x)


def _relu6(xp: Any, x: Any) -> Any:
    return xp.where(x <= 0, 0.0, xp.where(x >= 6, 6.0, x))


def _leaky_relu(xp: Any, x: Any, negative_slope: float) -> Any:
    return xp.where(x > 0, x, x * negative_slope)


def _elu(xp: Any, x: Any, alpha: float) -> Any:
    return xp.where(x > 0, x, alpha * xp.expm1(xp.where(x > 0, 0.0, x)))


def _selu(xp: Any, x: Any) -> Any:
    return SELU_SCALE * _elu(xp, x, SELU_ALPHA)


def _celu(xp: Any, x: Any, alpha: float) -> Any:
    return xp.where(x > 0, x, alpha * xp.expm1(xp.where(x > 0, 0.0, x) / alpha))


def _erfc_nonnegative(xp: Any, z: Any) -> Any:
    """erfc(z) for z >= 0 (or nan): t * exp(-z**2 + P(t)), P by Clenshaw's recurrence."""
    t = 2.0 / (2.0 + z)
    y2 = 4.0 * t - 2.0  # 2y, y = 2t - 1 in [-1, 1]
    terms = _ERFC_CHEBYSHEV if xp.finfo(z.dtype).bits > 32 else _ERFC_CHEBYSHEV[:_ERFC_TERMS_32]
    b1 = xp.zeros_like(z)
    b2 = xp.zeros_like(z)
    for c in reversed(terms[1:]):
        b1, b2 = y2 * b1 - b2 + c, b1
    p = 0.5 * y2 * b1 - b2 + terms[0]
    return t * xp.exp(p - z * z)


def _normal_cdf(xp: Any, x: Any) -> Any:
    """Phi(x) = erfc(-x / sqrt(2)) / 2, accurate in both tails (no 1 + erf cancellation)."""
    # |x| written with where, so that the gradient at 0 is the right one (d|x|/dx = 1 there).
    positive = x >= 0
    half_tail = 0.5 * _erfc_nonnegative(xp, xp.where(positive, x, -x) * _SQRT_HALF)
    return xp.where(positive, 1.0 - half_tail, half_tail)


def _gelu(xp: Any, x: Any, approximate: str) -> Any:
    if approximate == "tanh":
        inner = _SQRT_2_OVER_PI * x * (1.0 + _GELU_TANH_CUBIC * x * x)
        return 0.5 * x * (1.0 + xp.tanh(inner))
    return x * _normal_cdf(xp, x)


def _sigmoid(xp: Any, x: Any) -> Any:
    positive = x >= 0
    e = xp.exp(xp.where(positive, -x, x))  # exp(-|x|) in (0, 1]: never overflows
    return xp.where(positive, 1.0, e) / (1.0 + e)


def _silu(xp: Any, x: Any) -> Any:
    return x * _sigmoid(xp, x)


def _softplus(xp: Any, x: Any, beta: float, threshold: float) -> Any:
    z = x * beta
    soft = xp.log1p(xp.exp(xp.where(z > threshold, threshold, z))) / beta
    return xp.where(z > threshold, x, soft)


def _mish(xp: Any, x: Any) -> Any:
    return x * xp.tanh(_softplus(xp, x, 1.0, 20.0))


def _hard_sigmoid(xp: Any, x: Any) -> Any:
    return _relu6(xp, x + 3.0) / 6.0


def _hard_swish(xp: Any, x: Any) -> Any:
    return x * _relu6(xp, x + 3.0) / 6.0


def _log_sigmoid(xp: Any, x: Any) -> Any:
    positive = x >= 0
    return xp.where(positive, 0.0, x) - xp.log1p(xp.exp(xp.where(positive, -x, x)))


def _tanh(xp: Any, x: Any) -> Any:
    return xp.tanh(x)


def _softsign(xp: Any, x: Any) -> Any:
    return x / (1.0 + xp.abs(x))


def _lecun_tanh(xp: Any, x: Any) -> Any:
    return LECUN_SCALE * xp.tanh(LECUN_SLOPE * x)


def _softmax(xp: Any, x: Any, axis: int) -> Any:
    e = xp.exp(x - xp.max(x, axis=axis, keepdims=True))
    return e / xp.sum(e, axis=axis, keepdims=True)


def _log_softmax(xp: Any, x: Any, axis: int) -> Any:
    shifted = x - xp.max(x, axis=axis, keepdims=True)
    return shifted - xp.log(xp.sum(xp.exp(shifted), axis=axis, keepdims=True))


_GENERIC: dict[str, Callable[..., Any]] = {
    "relu": _relu,
    "relu6": _relu6,
    "leaky_relu": _leaky_relu,
    "elu": _elu,
    "selu": _selu,
    "celu": _celu,
    "gelu": _gelu,
    "silu": _silu,
    "swish": _silu,
    "mish": _mish,
    "sigmoid": _sigmoid,
    "hard_sigmoid": _hard_sigmoid,
    "hard_swish": _hard_swish,
    "log_sigmoid": _log_sigmoid,
    "tanh": _tanh,
    "softplus": _softplus,
    "softsign": _softsign,
    "softmax": _softmax,
    "log_softmax": _log_softmax,
    "lecun_tanh": _lecun_tanh,
}


# --- public functions --------------------------------------------------------------------


def relu(x: ArrayT, /) -> ArrayT:
    """max(x, 0), element-wise (nan stays nan).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import relu
    >>> relu(np.asarray([-2.0, 0.5]))
    array([0. , 0.5])
    """
    return _apply("relu", x)


def relu6(x: ArrayT, /) -> ArrayT:
    """min(max(x, 0), 6), element-wise.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import relu6
    >>> relu6(np.asarray([-1.0, 3.0, 9.0]))
    array([0., 3., 6.])
    """
    return _apply("relu6", x)


def leaky_relu(x: ArrayT, /, *, negative_slope: float = 0.01) -> ArrayT:
    """x where x > 0, else ``negative_slope * x``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import leaky_relu
    >>> leaky_relu(np.asarray([-2.0, 3.0]), negative_slope=0.5)
    array([-1.,  3.])
    """
    return _apply("leaky_relu", x, _check_real(negative_slope, "negative_slope", "leaky_relu"))


def elu(x: ArrayT, /, *, alpha: float = 1.0) -> ArrayT:
    """x where x > 0, else ``alpha * (exp(x) - 1)`` (computed with expm1).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import elu
    >>> elu(np.asarray([0.0, 2.0]))
    array([0., 2.])
    """
    return _apply("elu", x, _check_real(alpha, "alpha", "elu"))


def selu(x: ArrayT, /) -> ArrayT:
    """``scale * elu(x, alpha)`` with torch's constants (alpha 1.6732632..., scale 1.0507009...).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import selu
    >>> float(selu(np.asarray(1.0)))
    1.0507009873554805
    """
    return _apply("selu", x)


def celu(x: ArrayT, /, *, alpha: float = 1.0) -> ArrayT:
    """x where x > 0, else ``alpha * (exp(x / alpha) - 1)``; ``alpha`` must not be 0.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import celu
    >>> celu(np.asarray([3.0]), alpha=2.0)
    array([3.])
    """
    alpha = _check_real(alpha, "alpha", "celu")
    if alpha == 0:
        raise ValueError("celu: alpha must not be 0")
    return _apply("celu", x, alpha)


def gelu(x: ArrayT, /, *, approximate: Literal["none", "tanh"] = "none") -> ArrayT:
    """Gaussian error linear unit: ``x * Phi(x)`` (``approximate="none"``) or the tanh form.

    ``approximate="tanh"`` is ``0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3)))``. The
    exact form needs the error function, which the standard lacks: the generic
    implementation computes ``Phi(x) = erfc(-x / sqrt(2)) / 2`` from a Chebyshev
    expansion of ``log(erfc(z) / t) + z**2`` in ``t = 2 / (2 + z)`` (30 terms in
    float64, 16 in float32), accurate to a few ulp in both tails; torch and MLX use
    their native ``erf``. ``gelu(+inf)`` is ``inf`` and ``gelu(-inf)`` is nan
    (``-inf * 0``), as torch's float64 kernel gives.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import gelu
    >>> np.round(gelu(np.asarray([-1.0, 0.0, 1.0])), 6)
    array([-0.158655,  0.      ,  0.841345])
    """
    if approximate not in ("none", "tanh"):
        raise ValueError(f"gelu: approximate must be 'none' or 'tanh', got {approximate!r}")
    return _apply("gelu", x, approximate)


def silu(x: ArrayT, /) -> ArrayT:
    """``x * sigmoid(x)`` (also called swish).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import silu
    >>> silu(np.asarray([0.0]))
    array([0.])
    """
    return _apply("silu", x)


def swish(x: ArrayT, /) -> ArrayT:
    """Another name of :func:`silu`: ``x * sigmoid(x)``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import swish
    >>> swish(np.asarray([0.0]))
    array([0.])
    """
    return _apply("silu", x)


def mish(x: ArrayT, /) -> ArrayT:
    """``x * tanh(softplus(x))``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import mish
    >>> mish(np.asarray([0.0]))
    array([0.])
    """
    return _apply("mish", x)


def sigmoid(x: ArrayT, /) -> ArrayT:
    """The logistic function ``1 / (1 + exp(-x))``, with no overflow for large ``|x|``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import sigmoid
    >>> sigmoid(np.asarray([-1e4, 0.0, 1e4], dtype=np.float32))
    array([0. , 0.5, 1. ], dtype=float32)
    """
    return _apply("sigmoid", x)


def hard_sigmoid(x: ArrayT, /) -> ArrayT:
    """``relu6(x + 3) / 6`` (torch's hardsigmoid).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import hard_sigmoid
    >>> hard_sigmoid(np.asarray([-4.0, 0.0, 4.0]))
    array([0. , 0.5, 1. ])
    """
    return _apply("hard_sigmoid", x)


def hard_swish(x: ArrayT, /) -> ArrayT:
    """``x * relu6(x + 3) / 6`` (torch's hardswish).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import hard_swish
    >>> hard_swish(np.asarray([-4.0, 4.0]))
    array([-0.,  4.])
    """
    return _apply("hard_swish", x)


def log_sigmoid(x: ArrayT, /) -> ArrayT:
    """``log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|))``, stable for large ``|x|``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import log_sigmoid
    >>> log_sigmoid(np.asarray([-1e4, 1e4], dtype=np.float32))
    array([-10000.,      0.], dtype=float32)
    """
    return _apply("log_sigmoid", x)


def tanh(x: ArrayT, /) -> ArrayT:
    """The hyperbolic tangent (the standard's ``tanh``).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import tanh
    >>> tanh(np.asarray([0.0]))
    array([0.])
    """
    return _apply("tanh", x)


def softplus(x: ArrayT, /, *, beta: float = 1.0, threshold: float = 20.0) -> ArrayT:
    """``log1p(exp(beta * x)) / beta``, and ``x`` itself where ``beta * x > threshold``.

    ``beta`` must not be 0.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import softplus
    >>> softplus(np.asarray([-1e4, 0.0, 1e4], dtype=np.float32)).tolist()
    [0.0, 0.6931471824645996, 10000.0]
    """
    beta = _check_real(beta, "beta", "softplus")
    if beta == 0:
        raise ValueError("softplus: beta must not be 0")
    return _apply("softplus", x, beta, _check_real(threshold, "threshold", "softplus"))


def softsign(x: ArrayT, /) -> ArrayT:
    """``x / (1 + |x|)``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import softsign
    >>> softsign(np.asarray([-1.0, 3.0]))
    array([-0.5 ,  0.75])
    """
    return _apply("softsign", x)


def lecun_tanh(x: ArrayT, /) -> ArrayT:
    """LeCun's scaled tanh as ncps defines it: ``1.7159 * tanh(0.666 * x)``.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import lecun_tanh
    >>> lecun_tanh(np.asarray([0.0]))
    array([0.])
    """
    return _apply("lecun_tanh", x)


def _check_axis(x: Any, axis: Any, name: str) -> int:
    axis = check_int(axis, f"{name}: axis")
    if not hasattr(x, "shape"):
        array_namespace(x)  # raises its TypeError for a non-array
    ndim = len(x.shape)
    if ndim == 0:
        raise ValueError(f"{name} needs an array with at least one dimension, got a 0-d array")
    if not -ndim <= axis < ndim:
        raise ValueError(f"{name}: axis {axis} is out of range for an array with {ndim} dimensions")
    return axis


def softmax(x: ArrayT, /, *, axis: int = -1) -> ArrayT:
    """``exp(x) / sum(exp(x))`` along ``axis``, computed on ``x - max(x)`` (no overflow).

    A slice containing ``+inf``, or only ``-inf``, gives nan, as torch does.

    >>> import numpy as np
    >>> from ember_ml.ops.activations import softmax
    >>> softmax(np.asarray([[1e4, 1e4], [0.0, 0.0]], dtype=np.float32), axis=1)
    array([[0.5, 0.5],
           [0.5, 0.5]], dtype=float32)
    """
    return _apply("softmax", x, _check_axis(x, axis, "softmax"))


def log_softmax(x: ArrayT, /, *, axis: int = -1) -> ArrayT:
    """``x - logsumexp(x)`` along ``axis``, computed on ``x - max(x)`` (no overflow).

    >>> import numpy as np
    >>> from ember_ml.ops.activations import log_softmax
    >>> log_softmax(np.asarray([0.0, 0.0]))
    array([-0.69314718, -0.69314718])
    """
    return _apply("log_softmax", x, _check_axis(x, axis, "log_softmax"))
