"""NumPy fast paths of ``ember_ml.ops.activations``: the same formulas as ufunc chains.

NumPy has no activation functions; the generic implementations pick branches with
``where``, which NumPy runs slowly on unpredictable masks, so these write each
formula with ``maximum``/``minimum``/``clip`` and in-place ufuncs instead. Overflow
to ``inf`` inside a formula is expected and its warning silenced where the final
value is right (``sigmoid(-1e4) = 1 / (1 + inf) = 0``). ``gelu`` uses SciPy's
``erfc`` when SciPy is installed (else the generic Chebyshev ``erfc``).
"""

from __future__ import annotations

import math
from functools import wraps

import numpy as np

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_SQRT_HALF = math.sqrt(0.5)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def _arrays(function):
    """Run ``function`` on a 1-element array for 0-d input (ufuncs return scalars there, and
    the in-place steps need arrays); the result is a 0-d array."""

    @wraps(function)
    def wrapper(x, *args):
        if x.ndim == 0:
            return function(x.reshape(1), *args).reshape(())
        return function(x, *args)

    return wrapper


def relu(x):
    return np.maximum(x, 0.0)


def relu6(x):
    return np.clip(x, 0.0, 6.0)


def leaky_relu(x, negative_slope):
    # slope <= 1: x > 0 gives x >= slope x; slope > 1: the other way round.
    pick = np.maximum if negative_slope <= 1 else np.minimum
    return pick(x, x * negative_slope)


def _elu(x, alpha):
    negative = np.minimum(x, 0.0)
    np.expm1(negative, out=negative)
    negative *= alpha
    return np.maximum(x, 0.0) + negative


elu = _arrays(_elu)


@_arrays
def selu(x):
    out = _elu(x, _SELU_ALPHA)
    out *= _SELU_SCALE
    return out


@_arrays
def celu(x, alpha):
    negative = np.minimum(x, 0.0)
    negative /= alpha
    np.expm1(negative, out=negative)
    negative *= alpha
    return np.maximum(x, 0.0) + negative


@_arrays
def sigmoid(x):
    out = np.negative(x)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


@_arrays
def silu(x):
    out = np.negative(x)
    with np.errstate(over="ignore", invalid="ignore"):
        np.exp(out, out=out)
        out += 1.0
        return np.divide(x, out, out=out)


@_arrays
def softplus(x, beta, threshold):
    z = x * beta
    with np.errstate(over="ignore"):
        out = np.exp(z)
    np.log1p(out, out=out)
    out /= beta
    np.copyto(out, x, where=z > threshold)
    return out


@_arrays
def mish(x):
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.exp(x)
        np.log1p(out, out=out)
        np.tanh(out, out=out)
        out *= x
    return out


@_arrays
def log_sigmoid(x):
    tail = np.abs(x)
    np.negative(tail, out=tail)
    np.exp(tail, out=tail)
    np.log1p(tail, out=tail)
    return np.subtract(np.minimum(x, 0.0), tail, out=tail)


@_arrays
def hard_sigmoid(x):
    out = x + 3.0
    np.clip(out, 0.0, 6.0, out=out)
    out /= 6.0
    return out


@_arrays
def hard_swish(x):
    out = hard_sigmoid(x)
    out *= x
    return out


def _gelu_tanh(x):
    inner = x * x
    inner *= 0.044715
    inner += 1.0
    inner *= x
    inner *= _SQRT_2_OVER_PI
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= 0.5  # before x: 2 x would overflow near the largest float
    inner *= x
    return inner


def softmax(x, axis):
    out = x - np.max(x, axis=axis, keepdims=True)
    np.exp(out, out=out)
    out /= np.sum(out, axis=axis, keepdims=True)
    return out


try:
    from scipy.special import erfc as _erfc
except ImportError:  # pragma: no cover - SciPy absent: gelu's exact form stays generic
    _erfc = None

if _erfc is not None:

    @_arrays
    def gelu(x, approximate):
        if approximate == "tanh":
            return _gelu_tanh(x)
        # Phi(x) = erfc(-x / sqrt 2) / 2 keeps the lower tail (no 1 + erf cancellation).
        out = _erfc(x * -_SQRT_HALF).astype(x.dtype, copy=False)  # float16 comes back float64
        out *= 0.5
        out *= x
        return out
