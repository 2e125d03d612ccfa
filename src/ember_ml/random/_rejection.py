"""The rejection samplers: ``truncated_normal`` and ``gamma``.

Both follow ``_samplers`` (a key first, the key's library out, no host round trip) and
compute in float64 from the key's words, rounded once to the output dtype. Each runs a
fixed number of whole-array rounds, chosen so that an element is left unaccepted with
probability below 1e-15 (``_FAILURE``); a decision taken on a 1-ulp difference of the
libraries' ``log``/``exp`` may differ between libraries with probability of the same order.
"""

from __future__ import annotations

import math
import numbers
from types import ModuleType
from typing import Any

from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _device
from ember_ml._typing import Array, ArrayT, Chunks, Device, DType
from ember_ml.random._distributions import _is_array, _open_unit64, _start
from ember_ml.random._keys import Shape, check_key, check_shape, fold_in, on_device
from ember_ml.random._samplers import (
    _float_bound,
    float_dtype,
    interleave,
    on_float64_stream,
    standard_normal_pairs,
)

__all__ = ["gamma", "truncated_normal"]

_FAILURE = 1e-15  # the chance an element of a rejection sampler is never accepted


def _normal64(xp: ModuleType, key: Any, n: int) -> Any:
    z0, z1 = standard_normal_pairs(xp, key, (n + 1) // 2)
    return interleave(xp, z0, z1, n)


def _phi_interval(a: float, b: float) -> float:
    """P(a <= Z <= b) for a standard normal Z, accurate in the tails."""
    if a >= 0.0:
        return 0.5 * (math.erfc(a / math.sqrt(2.0)) - math.erfc(b / math.sqrt(2.0)))
    if b <= 0.0:
        return _phi_interval(-b, -a)
    return 1.0 - 0.5 * math.erfc(-a / math.sqrt(2.0)) - 0.5 * math.erfc(b / math.sqrt(2.0))


def _rounds(acceptance: float) -> int:
    if acceptance >= 1.0:
        return 1
    if not acceptance > 0.0:
        acceptance = 0.01
    return max(1, min(512, math.ceil(math.log(_FAILURE) / math.log1p(-acceptance))))


@on_float64_stream
def truncated_normal(
    key: ArrayT,
    /,
    lower: float,
    upper: float,
    shape: Shape = (),
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Standard normal numbers conditioned on ``lower <= z <= upper`` (default float32).

    Rejection sampling after C. P. Robert, "Simulation of truncated normal variables"
    (Statistics and Computing 5, 1995): proposals are standard normals, uniforms on
    [lower, upper] (accepted with probability ``exp((m**2 - z**2)/2)``, ``m`` the point of
    the interval nearest 0), or for a tail ``[a, b]`` with ``a > 0`` shifted exponentials
    ``a + E/alpha``, ``alpha = (a + sqrt(a**2 + 4))/2`` (accepted with probability
    ``exp(-(z - alpha)**2/2)``), whichever accepts most often for the given bounds. All
    elements draw the same fixed number of rounds, chosen from that acceptance rate so
    that an element stays unaccepted with probability below 1e-15; such an element gets
    its last proposal clipped to the interval. ``lower < upper`` are Python numbers
    (infinite allowed, not both on the same side).

    >>> from ember_ml import random
    >>> import numpy as np
    >>> z = random.truncated_normal(random.key(0), -1.0, 2.0, (1000,))
    >>> bool(np.all(z >= -1.0) and np.all(z <= 2.0))
    True
    """
    xp, key, dims, (dtype, name) = _start(key, shape, dtype, device)
    a = _bound(lower, "lower")
    b = _bound(upper, "upper")
    if not a < b or a == math.inf or b == -math.inf:
        raise ValueError(
            f"truncated_normal needs lower < upper, got lower={lower} and upper={upper}"
        )
    mirror = b <= 0.0
    if mirror:
        a, b = -b, -a
    n = math.prod(dims)
    mass = _phi_interval(a, b)
    methods = {"normal": mass}
    if math.isfinite(b):
        nearest = max(a, 0.0)
        methods["uniform"] = (
            math.sqrt(2 * math.pi) * mass / (b - a) * math.exp(nearest * nearest / 2)
        )
    if a > 0.0:
        alpha = (a + math.sqrt(a * a + 4.0)) / 2.0
        try:
            methods["exponential"] = (
                alpha * math.exp(alpha * a - alpha * alpha / 2) * math.sqrt(2 * math.pi) * mass
            )
        except OverflowError:
            methods["exponential"] = 0.5
        if mass == 0.0:  # beyond erfc's range: the exponential proposal accepts almost always
            methods["exponential"] = a * a / (a * a + 1.0)
    method = max(methods, key=lambda m: min(methods[m], 1.0))
    rounds = _rounds(min(methods[method], 1.0))
    result = xp.zeros((n,), dtype=xp.float64, device=_device(key))
    done = xp.zeros((n,), dtype=xp.bool, device=_device(key))
    for r in range(rounds):
        round_key = fold_in(key, r)
        if method == "normal":
            z = _normal64(xp, round_key, n)
            accept = (z >= a) & (z <= b)
        elif method == "uniform":
            both = _open_unit64(xp, round_key, 2 * n, True)
            z = a + (b - a) * both[:n]
            nearest = max(a, 0.0)
            accept = both[n:] <= xp.exp((nearest * nearest - z * z) / 2.0)
        else:
            both = _open_unit64(xp, round_key, 2 * n, True)
            z = a - xp.log(both[:n]) / alpha
            accept = (both[n:] <= xp.exp(-((z - alpha) ** 2) / 2.0)) & (z <= b)
        result = xp.where(accept & ~done, z, result)
        done = done | accept
    if rounds:
        result = xp.where(done, result, xp.clip(z, a, b))
    if mirror:
        result = -result
        a, b = -b, -a
    out = xp.astype(result, dtype)
    return xp.reshape(xp.clip(out, a, b) if n else out, dims)


def _bound(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a real Python number, got {value!r}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{what} must not be NaN")
    return value


_GAMMA_ROUNDS = 12  # Marsaglia–Tsang accepts with probability >= 0.95: 0.05**12 < 1e-15


@on_float64_stream
def gamma(
    key: ArrayT,
    /,
    alpha: Array | float,
    shape: Shape | None = None,
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Gamma numbers with shape ``alpha`` and scale 1 (default float32).

    G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables" (ACM
    TOMS 26, 2000): with ``d = alpha - 1/3`` and ``c = 1/sqrt(9 d)``, draw a normal ``x``
    and a uniform ``u``, set ``v = (1 + c x)**3``, and accept ``d v`` when ``v > 0`` and
    ``log u < x**2/2 + d - d v + d log v``. For ``alpha < 1`` the draw for ``alpha + 1`` is
    multiplied by ``u**(1/alpha)``. Every element runs the same 12 rounds in whole-array form
    (acceptance is at least 0.95 per round, so an element is left unaccepted with
    probability below 1e-15; it then gets ``d``). ``alpha`` is a positive number
    (``ValueError`` otherwise) or a floating array of the key's library (not checked);
    ``shape`` defaults to ``alpha``'s shape.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> g = random.gamma(random.key(0), 3.0, (20000,))
    >>> abs(float(np.mean(g)) - 3.0) < 0.1
    True
    """
    if _is_array(alpha):
        xp = array_namespace(key, alpha)
        check_key(key)
        dims = tuple(alpha.shape) if shape is None else check_shape(shape)
        if dtype is None:
            dtype = alpha.dtype
        dtype, _ = float_dtype(xp, dtype)
        key = on_device(key, device if device is not None else _device(alpha))
        a = xp.broadcast_to(xp.astype(alpha, xp.float64), dims)
        a = xp.reshape(a, (-1,))
    else:
        xp = check_key(key)
        value = _float_bound(alpha, "alpha")
        if not value > 0.0:
            raise ValueError(f"alpha must be positive, got {alpha!r}")
        dims = check_shape(shape)
        dtype, _ = float_dtype(xp, dtype)
        key = on_device(key, device)
        a = xp.full((math.prod(dims),), value, dtype=xp.float64, device=_device(key))
    n = math.prod(dims)
    small = a < 1.0
    boosted = xp.where(small, a + 1.0, a)
    d = boosted - 1.0 / 3.0
    c = 1.0 / xp.sqrt(9.0 * d)
    result = d
    done = xp.zeros((n,), dtype=xp.bool, device=_device(key))
    for r in range(_GAMMA_ROUNDS):
        round_key = fold_in(key, r)
        x = _normal64(xp, round_key, n)
        u = _open_unit64(xp, fold_in(round_key, 1 << 40), n, True)
        v = 1.0 + c * x
        v = v * v * v
        positive = v > 0.0
        safe_v = xp.where(positive, v, 1.0)
        accept = positive & (xp.log(u) < 0.5 * x * x + d - d * safe_v + d * xp.log(safe_v))
        result = xp.where(accept & ~done, d * safe_v, result)
        done = done | accept
    boost = _open_unit64(xp, fold_in(key, _GAMMA_ROUNDS), n, True)
    factor = xp.exp(xp.log(boost) / xp.where(small, a, 1.0))
    result = xp.where(small, result * factor, result)
    return xp.reshape(xp.astype(result, dtype), dims)
