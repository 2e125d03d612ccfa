"""Moments and the statistics built on them, with ``logsumexp`` and the Gaussian density.

``mean``, ``var`` and ``std`` are the standard's functions with integer input promoted
to the default float, empty reductions answered from the shape (``_empty_nan``: NaN,
as NumPy, without calling the library's mean, which hangs on some empty MLX arrays)
and fractional corrections computed here; ``moment``, ``skew``, ``kurtosis``,
``zscore`` follow ``scipy.stats``, ``cov`` and ``corrcoef`` NumPy, ``logsumexp``
``scipy.special``.
"""

from __future__ import annotations

import math
from types import ModuleType

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._typing import ArrayT
from ember_ml.ops._extras import namespace_of_arrays
from ember_ml.ops.stats._common import (
    AnyArray,
    Axis,
    _axes,
    _count,
    _default_float,
    _is_float,
    _real_float,
    _reduced_shape,
    _to_float,
)

__all__ = [
    "corrcoef",
    "cov",
    "gaussian",
    "kurtosis",
    "logsumexp",
    "mean",
    "moment",
    "skew",
    "std",
    "var",
    "zscore",
]

_GROUP = "stats"


def _empty_nan(
    xp: ModuleType, x: AnyArray, axis: Axis, keepdims: bool, name: str
) -> AnyArray | None:
    """NaN in the reduced shape when the reduction over ``axis`` is empty (NumPy's answer), else None.

    Empty reductions never reach the library's mean: MLX's hangs on some empty
    arrays (those made from NumPy buffers), and the answer is known from the shape.
    """
    axes = _axes(axis, x.ndim, name)
    if _count(x, axes) != 0:
        return None
    dtype = x.dtype if _is_float(xp, x.dtype) else _default_float(xp)
    return xp.full(_reduced_shape(tuple(x.shape), axes, keepdims), math.nan, dtype=dtype)


def _mean(xp: ModuleType, x: AnyArray, axis: Axis, keepdims: bool, name: str) -> AnyArray:
    """``xp.mean`` with empty reductions answered from the shape (``_empty_nan``)."""
    empty = _empty_nan(xp, x, axis, keepdims, name)
    return xp.mean(x, axis=axis, keepdims=keepdims) if empty is None else empty


# --------------------------------------------------------------------------- standard re-exports


def mean(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Arithmetic mean (the standard's ``mean``; integer input promotes to the default float).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.mean(np.asarray([1, 2, 3, 4]))
    np.float64(2.5)
    """
    xp = namespace_of_arrays(x)
    return _mean(xp, _to_float(xp, x), axis, keepdims, "mean")


def var(
    x: ArrayT, /, *, axis: Axis = None, correction: float = 0.0, keepdims: bool = False
) -> ArrayT:
    """Variance with ``correction`` degrees of freedom removed (the standard's ``var``).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.var(np.asarray([1.0, 2.0, 3.0, 4.0]), correction=1)
    np.float64(1.6666666666666667)
    """
    return _spread(x, axis, correction, keepdims, "var")


def std(
    x: ArrayT, /, *, axis: Axis = None, correction: float = 0.0, keepdims: bool = False
) -> ArrayT:
    """Standard deviation with ``correction`` degrees of freedom removed (the standard's ``std``).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.std(np.asarray([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]))
    np.float64(2.0)
    """
    return _spread(x, axis, correction, keepdims, "std")


def _spread(x: AnyArray, axis: Axis, correction: float, keepdims: bool, name: str) -> AnyArray:
    """``var`` or ``std`` (``name``): the namespace's, with empty reductions and fractional corrections done here."""
    xp = namespace_of_arrays(x)
    x = _to_float(xp, x)
    empty = _empty_nan(xp, x, axis, keepdims, name)
    if empty is not None:
        return xp.real(empty) if xp.isdtype(empty.dtype, "complex floating") else empty
    if correction != int(correction):  # not every library takes a fractional correction (torch)
        v = _var_any_correction(xp, x, axis, correction, keepdims)
        return xp.sqrt(v) if name == "std" else v
    reduce = xp.std if name == "std" else xp.var
    return reduce(x, axis=axis, correction=correction, keepdims=keepdims)


def _var_any_correction(
    xp: ModuleType, x: AnyArray, axis: Axis, correction: float, keepdims: bool
) -> AnyArray:
    axes = _axes(axis, x.ndim, "var")
    d = x - _mean(xp, x, axes, True, "var")
    squares = xp.real(d * xp.conj(d)) if xp.isdtype(x.dtype, "complex floating") else d * d
    return xp.sum(squares, axis=axes, keepdims=keepdims) / max(_count(x, axes) - correction, 0.0)


# --------------------------------------------------------------------------- covariance


def _observations(xp: ModuleType, x: AnyArray, rowvar: bool, name: str) -> AnyArray:
    if x.ndim > 2:
        raise ValueError(f"{name}: x must be 1-D or 2-D, got shape {tuple(x.shape)}")
    x = _to_float(xp, x)
    if x.ndim < 2:
        return xp.reshape(x, (1, -1) if x.ndim else (1, 1))
    return x if rowvar else xp.matrix_transpose(x)


def cov(x: ArrayT, /, *, rowvar: bool = True, correction: float = 1) -> ArrayT:
    """Covariance matrix of the variables in x, as ``numpy.cov(x, rowvar=rowvar, ddof=correction)``.

    Each row is a variable (each column when ``rowvar`` is False); a single
    variable gives a 0-D result, as NumPy.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.cov(np.asarray([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    xp = namespace_of_arrays(x)
    obs = _observations(xp, x, rowvar, "cov")
    n = obs.shape[1]
    centred = obs - _mean(xp, obs, 1, True, "cov")
    other = xp.conj(centred) if xp.isdtype(obs.dtype, "complex floating") else centred
    c = xp.matmul(centred, xp.matrix_transpose(other)) / float(max(n - correction, 0))
    return xp.reshape(c, ()) if c.shape == (1, 1) else c


def corrcoef(x: ArrayT, /, *, rowvar: bool = True) -> ArrayT:
    """Pearson correlation coefficients, as ``numpy.corrcoef`` (clipped to [-1, 1]).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.corrcoef(np.asarray([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    xp = namespace_of_arrays(x)
    c: AnyArray = cov(x, rowvar=rowvar)
    if c.ndim == 0:
        return c / c
    d = xp.linalg.diagonal(c)
    sd = xp.sqrt(xp.real(d)) if xp.isdtype(c.dtype, "complex floating") else xp.sqrt(d)
    c = c / sd[:, None] / sd[None, :]
    if xp.isdtype(c.dtype, "complex floating"):
        re = xp.clip(xp.real(c), -1.0, 1.0)
        im = xp.clip(xp.imag(c), -1.0, 1.0)
        return xp.astype(re, c.dtype) + xp.astype(im, c.dtype) * xp.asarray(1j, dtype=c.dtype)
    return xp.clip(c, -1.0, 1.0)


# --------------------------------------------------------------------------- logsumexp


def logsumexp(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """log(sum(exp(x))) along ``axis`` without overflow, as ``scipy.special.logsumexp``.

    All ``-inf``: ``-inf``; any ``+inf`` (and no NaN): ``+inf``; any NaN: NaN; an
    empty reduction: ``-inf``. Integer input promotes to the default float.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.logsumexp(np.asarray([1000.0, 1000.0]))
    np.float64(1000.6931471805599)
    """
    xp = namespace_of_arrays(x)
    x = _real_float(xp, x, "logsumexp")
    axes = _axes(axis, x.ndim, "logsumexp")
    if _count(x, axes) == 0:
        return xp.full(_reduced_shape(tuple(x.shape), axes, keepdims), -math.inf, dtype=x.dtype)
    fast = fast_path(xp, _GROUP, "logsumexp")
    if fast is not None:
        out = fast(x, axes, keepdims)
        if out is not None:
            return out
    m = xp.max(x, axis=axes, keepdims=True)
    m = xp.where(xp.isfinite(m), m, xp.zeros_like(m))
    out = xp.log(xp.sum(xp.exp(x - m), axis=axes, keepdims=True)) + m
    return out if keepdims else xp.reshape(out, _reduced_shape(tuple(x.shape), axes, False))


# --------------------------------------------------------------------------- moments


def _central_moment(
    xp: ModuleType, x: AnyArray, order: int, axis: Axis, centre: AnyArray, keepdims: bool
) -> AnyArray:
    d = x - centre
    empty = _empty_nan(xp, d, axis, keepdims, "moment")
    if empty is not None:
        return empty
    s = xp.ones_like(d)
    power = d
    k = order
    while k:  # exponentiation by squaring
        if k & 1:
            s = s * power
        k >>= 1
        if k:
            power = power * power
    return xp.mean(s, axis=axis, keepdims=keepdims)


def moment(
    x: ArrayT,
    /,
    *,
    order: int = 1,
    axis: Axis = 0,
    keepdims: bool = False,
    center: ArrayT | float | None = None,
) -> ArrayT:
    """The ``order``-th central moment along ``axis`` (None: flattened), as ``scipy.stats.moment``.

    About the mean unless ``center`` (a number or broadcastable array) is given;
    order 0 is 1 and order 1 about the mean is 0, exactly.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.moment(np.asarray([1.0, 2.0, 3.0, 4.0, 5.0]), order=2)
    np.float64(2.0)
    """
    order = check_int(order, "moment: order", minimum=0)
    xp = namespace_of_arrays(x)
    x = _real_float(xp, x, "moment")
    axes = _axes(axis, x.ndim, "moment")
    shape = _reduced_shape(tuple(x.shape), axes, keepdims)
    if order == 0 or (order == 1 and center is None):
        return xp.full(shape, 1.0 if order == 0 else 0.0, dtype=x.dtype)
    centre = _mean(xp, x, axes, True, "moment") if center is None else center
    return _central_moment(xp, x, order, axes, centre, keepdims)


def _moments_2_k(x: AnyArray, k: int, axis: Axis, keepdims: bool, name: str):
    xp = namespace_of_arrays(x)
    x = _real_float(xp, x, name)
    axes = _axes(axis, x.ndim, name)
    centre = _mean(xp, x, axes, True, name)
    m2 = _central_moment(xp, x, 2, axes, centre, keepdims)
    mk = _central_moment(xp, x, k, axes, centre, keepdims)
    centre = centre if keepdims else xp.reshape(centre, m2.shape)
    zero = m2 <= (xp.finfo(m2.dtype).eps * centre) ** 2
    return xp, m2, mk, zero, float(_count(x, axes))


def skew(x: ArrayT, /, *, axis: Axis = 0, bias: bool = True, keepdims: bool = False) -> ArrayT:
    """Sample skewness along ``axis`` (None: flattened), as ``scipy.stats.skew``.

    NaN where the variance is zero (to rounding); ``bias=False`` applies the
    adjusted Fisher-Pearson correction where n > 2.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> round(float(stats.skew(np.asarray([1.0, 2.0, 3.0, 10.0]))), 6)
    1.018234
    """
    xp, m2, m3, zero, n = _moments_2_k(x, 3, axis, keepdims, "skew")
    vals = xp.where(zero, xp.full_like(m2, math.nan), m3 / m2**1.5)
    if not bias and n > 2:
        corrected = ((n - 1.0) * n) ** 0.5 / (n - 2.0) * m3 / m2**1.5
        vals = xp.where(zero, vals, corrected)
    return vals


def kurtosis(
    x: ArrayT,
    /,
    *,
    axis: Axis = 0,
    fisher: bool = True,
    bias: bool = True,
    keepdims: bool = False,
) -> ArrayT:
    """Kurtosis along ``axis`` (None: flattened), as ``scipy.stats.kurtosis`` (Fisher's: normal is 0).

    NaN where the variance is zero (to rounding); ``bias=False`` corrects for
    statistical bias where n > 3.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> round(float(stats.kurtosis(np.asarray([1.0, 2.0, 3.0, 4.0]))), 6)
    -1.36
    """
    xp, m2, m4, zero, n = _moments_2_k(x, 4, axis, keepdims, "kurtosis")
    vals = xp.where(zero, xp.full_like(m2, math.nan), m4 / m2**2.0)
    if not bias and n > 3:
        corrected = (
            1.0 / (n - 2) / (n - 3) * ((n**2 - 1.0) * m4 / m2**2.0 - 3 * (n - 1) ** 2.0) + 3.0
        )
        vals = xp.where(zero, vals, corrected)
    return vals - 3.0 if fisher else vals


def zscore(x: ArrayT, /, *, axis: Axis = 0, correction: float = 0) -> ArrayT:
    """Standard scores (x - mean) / std along ``axis`` (None: over all), as ``scipy.stats.zscore``.

    The standard deviation removes ``correction`` degrees of freedom (scipy's ``ddof``;
    the standard's name, as in ``std``). A slice with zero standard deviation (to
    rounding) gives NaN.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.zscore(np.asarray([1.0, 2.0, 3.0]))
    array([-1.2247...,  0.        ,  1.2247...])
    """
    xp = namespace_of_arrays(x)
    x = _real_float(xp, x, "zscore")
    axes = _axes(axis, x.ndim, "zscore")
    if _count(x, axes) == 0:  # nothing to standardise (and MLX's mean of some empty arrays hangs)
        return xp.asarray(x, copy=True)
    mn = xp.mean(x, axis=axes, keepdims=True)
    sd = xp.std(x, axis=axes, correction=correction, keepdims=True)
    z = (x - mn) / sd
    zero = sd <= xp.abs(xp.finfo(x.dtype).eps * mn)
    return xp.where(zero, xp.full_like(z, math.nan), z)


def gaussian(x: ArrayT, /, *, mu: ArrayT | float = 0.0, sigma: ArrayT | float = 1.0) -> ArrayT:
    """Gaussian (normal) density with mean ``mu`` and standard deviation ``sigma`` at x.

    The original Ember ML's ``stats.gaussian``; equal to ``scipy.stats.norm.pdf(x, mu, sigma)``.
    ``mu`` and ``sigma`` are numbers or arrays broadcasting with x; a number
    ``sigma`` must be positive.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.gaussian(np.asarray([0.0]), mu=0.0, sigma=1.0)
    array([0.39894228])
    """
    if isinstance(sigma, (int, float)) and not sigma > 0:
        raise ValueError(f"gaussian: sigma must be positive, got {sigma!r}")
    xp = namespace_of_arrays(x)
    a = _real_float(xp, x, "gaussian")
    loc: AnyArray = mu  # a number or an array of x's library
    scale: AnyArray = sigma
    z = (a - loc) / scale
    return xp.exp(-0.5 * z * z) / (scale * math.sqrt(2.0 * math.pi))
