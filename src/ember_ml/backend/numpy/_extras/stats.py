"""NumPy fast paths for ``ember_ml.ops.stats`` (found by ``ember_ml._hooks.fast_path``).

Each takes arguments already checked and converted by the public function; a
fast path may return None to hand a case back to the generic implementation.
"""

from __future__ import annotations

import numpy as np

_NUMPY_METHODS = frozenset(
    (
        "linear",
        "lower",
        "higher",
        "nearest",
        "midpoint",
        "weibull",
        "hazen",
        "median_unbiased",
        "normal_unbiased",
        "interpolated_inverted_cdf",
    )
)


def _empty_reduction(x, axis):
    if x.size:
        return False
    if axis is None:
        return True
    axes = axis if isinstance(axis, tuple) else (axis,)
    return any(x.shape[a] == 0 for a in axes) if x.ndim else True


def quantile(x, qs, scalar, axis, keepdims, method):
    """``np.quantile`` on floating x; q as x's dtype so float32 stays float32."""
    if method not in _NUMPY_METHODS or _empty_reduction(x, axis):
        return None
    q = qs[0] if scalar else np.asarray(qs, dtype=x.dtype)
    with np.errstate(invalid="ignore"):
        out = np.quantile(x, q, axis=axis, keepdims=keepdims, method=method)
    return np.asarray(out, dtype=x.dtype) if np.ndim(out) else x.dtype.type(out)


def median(x, axis, keepdims):
    """``np.median`` on floating x (partition based)."""
    if _empty_reduction(x, axis):
        return None
    with np.errstate(invalid="ignore"):
        return np.median(x, axis=axis, keepdims=keepdims)


def logsumexp(x, axes, keepdims):
    """Stable log-sum-exp with one temporary, reused in place."""
    if x.ndim == 0:
        return None
    m = np.max(x, axis=axes, keepdims=True)
    if not np.all(np.isfinite(m)):
        m = np.where(np.isfinite(m), m, 0)
    t = np.subtract(x, m)
    np.exp(t, out=t)
    s = np.log(np.sum(t, axis=axes, keepdims=True))
    s += m
    if not keepdims:
        s = s.reshape([n for i, n in enumerate(x.shape) if i not in axes])
        if s.ndim == 0:
            return s[()]
    return s


def bincount_fixed(x, length, weights):
    """``np.bincount`` of the values in [0, length) of 1-D integer x; others are dropped."""
    valid = x >= 0
    if length <= np.iinfo(x.dtype).max:
        valid &= x < length
    if not valid.all():
        x = x[valid]
        weights = None if weights is None else weights[valid]
    x = x.astype(np.intp, copy=False)
    if weights is None:
        return np.bincount(x, minlength=length)[:length].astype(np.int64, copy=False)
    return np.bincount(x, weights, minlength=length)[:length].astype(weights.dtype, copy=False)
