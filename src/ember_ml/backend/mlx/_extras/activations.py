"""MLX fast paths of ``ember_ml.ops.activations``: native kernels and compiled graphs.

``mx.sigmoid``, ``mx.tanh``, ``mx.softmax`` and ``mx.erf`` are MLX's own kernels; the
element-wise formulas are the generic ones (see ``ember_ml.ops.activations``) written
in ``mlx.core`` and fused by ``mx.compile(shapeless=True)``. Compiled functions nest
inside a user's ``mx.compile`` and differentiate under ``mx.grad``.
"""

from __future__ import annotations

import math
from functools import partial

import mlx.core as mx

_compile = partial(mx.compile, shapeless=True)

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_SQRT_HALF = math.sqrt(0.5)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)

sigmoid = mx.sigmoid
tanh = mx.tanh


@_compile
def relu(x):
    return mx.where(x <= 0, 0.0, x)


@_compile
def relu6(x):
    return mx.where(x <= 0, 0.0, mx.where(x >= 6, 6.0, x))


def leaky_relu(x, negative_slope):
    return _leaky_relu(x, mx.array(negative_slope, dtype=x.dtype))


@_compile
def _leaky_relu(x, negative_slope):
    return mx.where(x > 0, x, x * negative_slope)


def _elu_core(x, alpha):
    return mx.where(x > 0, x, alpha * mx.expm1(mx.where(x > 0, 0.0, x)))


def elu(x, alpha):
    return _elu(x, mx.array(alpha, dtype=x.dtype))


_elu = _compile(_elu_core)


@_compile
def selu(x):
    return _SELU_SCALE * _elu_core(x, _SELU_ALPHA)


def celu(x, alpha):
    return _celu(x, mx.array(alpha, dtype=x.dtype))


@_compile
def _celu(x, alpha):
    return mx.where(x > 0, x, alpha * mx.expm1(mx.where(x > 0, 0.0, x) / alpha))


@_compile
def _gelu_erf(x):
    return x * (0.5 + 0.5 * mx.erf(x * _SQRT_HALF))


@_compile
def _gelu_tanh(x):
    return 0.5 * x * (1.0 + mx.tanh(_SQRT_2_OVER_PI * x * (1.0 + 0.044715 * x * x)))


def gelu(x, approximate):
    return _gelu_tanh(x) if approximate == "tanh" else _gelu_erf(x)


@_compile
def silu(x):
    return x * mx.sigmoid(x)


def _softplus_core(x, beta, threshold):
    z = x * beta
    return mx.where(
        z > threshold, x, mx.log1p(mx.exp(mx.where(z > threshold, threshold, z))) / beta
    )


_softplus = _compile(_softplus_core)


def softplus(x, beta, threshold):
    return _softplus(x, mx.array(beta, dtype=x.dtype), mx.array(threshold, dtype=x.dtype))


@_compile
def mish(x):
    return x * mx.tanh(_softplus_core(x, 1.0, 20.0))


@_compile
def hard_sigmoid(x):
    return mx.clip(x + 3.0, 0.0, 6.0) / 6.0


@_compile
def hard_swish(x):
    return x * mx.clip(x + 3.0, 0.0, 6.0) / 6.0


@_compile
def log_sigmoid(x):
    positive = x >= 0
    return mx.where(positive, 0.0, x) - mx.log1p(mx.exp(mx.where(positive, -x, x)))


@_compile
def softsign(x):
    return x / (1.0 + mx.abs(x))


@_compile
def lecun_tanh(x):
    return 1.7159 * mx.tanh(0.666 * x)


def softmax(x, axis):
    return mx.softmax(x, axis=axis, precise=True)


def log_softmax(x, axis):
    shifted = x - mx.stop_gradient(mx.max(x, axis=axis, keepdims=True))
    return shifted - mx.log(mx.sum(mx.exp(shifted), axis=axis, keepdims=True))
