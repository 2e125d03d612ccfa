"""Statistics beyond the standard (``ember_ml.ops.stats``): quantiles, NaN-aware reductions, moments, ...

Every function takes the arrays of any library ember_ml serves and returns that
library's arrays. Integer and boolean input to a float-valued statistic is first
converted to the library's default floating dtype (float64 for NumPy, float32 for
PyTorch and MLX); floating input keeps its dtype. Functions with a static output
shape never force evaluation and work inside ``mx.compile`` and
``torch.compile(fullgraph=True)``; the few that need data to know their output
shape (``bincount`` without ``minlength``) say so.

>>> import numpy as np
>>> from ember_ml.ops import stats
>>> x = np.asarray([1.0, 2.0, 3.0, 4.0])
>>> float(stats.median(x)), float(stats.quantile(x, 0.25)), float(stats.logsumexp(x))
(2.5, 1.75, 4.440189698561196)
"""

from __future__ import annotations

import math
import operator
from types import ModuleType
from typing import Any

from ember_ml import array_namespace
from ember_ml.backend._memory import CHECK_FROM, allocatable_bytes
from ember_ml.ops._extras import fast_path

__all__ = [
    "bincount",
    "corrcoef",
    "cov",
    "gaussian",
    "histogram",
    "kurtosis",
    "logsumexp",
    "mean",
    "median",
    "moment",
    "nanmax",
    "nanmean",
    "nanmedian",
    "nanmin",
    "nanpercentile",
    "nanquantile",
    "nanstd",
    "nansum",
    "nanvar",
    "percentile",
    "quantile",
    "skew",
    "std",
    "var",
    "zscore",
]

Array = Any
Axis = int | tuple[int, ...] | None

_GROUP = "stats"

# NumPy's method names; those with (alpha, beta) are the continuous Hyndman-Fan family.
_CONTINUOUS = {
    "linear": None,
    "weibull": (0.0, 0.0),
    "hazen": (0.5, 0.5),
    "median_unbiased": (1.0 / 3.0, 1.0 / 3.0),
    "normal_unbiased": (3.0 / 8.0, 3.0 / 8.0),
    "interpolated_inverted_cdf": (0.0, 1.0),
}
_DISCRETE = ("lower", "higher", "nearest", "midpoint")
QUANTILE_METHODS: tuple[str, ...] = (*_CONTINUOUS, *_DISCRETE)


# --------------------------------------------------------------------------- helpers


def _is_float(xp: ModuleType, dtype: Any) -> bool:
    return xp.isdtype(dtype, ("real floating", "complex floating"))


def _default_float(xp: ModuleType) -> Any:
    return xp.__array_namespace_info__().default_dtypes()["real floating"]


def _to_float(xp: ModuleType, x: Array) -> Array:
    """x itself when floating, else x converted to the library's default floating dtype."""
    if _is_float(xp, x.dtype):
        return x
    return xp.astype(x, _default_float(xp))


def _real_float(xp: ModuleType, x: Array, name: str) -> Array:
    if xp.isdtype(x.dtype, "complex floating"):
        raise TypeError(f"{name}: complex input is not supported (got dtype {x.dtype})")
    return _to_float(xp, x)


def _axes(axis: Axis, ndim: int, name: str) -> tuple[int, ...]:
    """``axis`` as a sorted tuple of non-negative axes (all axes for None)."""
    if axis is None:
        return tuple(range(ndim))
    raw = (axis,) if not isinstance(axis, (tuple, list)) else tuple(axis)
    out = []
    for a in raw:
        a = operator.index(a)
        if not -ndim <= a < max(ndim, 1) or (ndim == 0 and a not in (0, -1)):
            raise ValueError(f"{name}: axis {a} is out of range for an array of {ndim} dimensions")
        out.append(a % ndim if ndim else 0)
    if len(set(out)) != len(out):
        raise ValueError(f"{name}: repeated axis in {axis!r}")
    return tuple(sorted(out)) if ndim else ()


def _reduced_shape(
    shape: tuple[int, ...], axes: tuple[int, ...], keepdims: bool
) -> tuple[int, ...]:
    if keepdims:
        return tuple([1 if i in axes else n for i, n in enumerate(shape)])
    return tuple([n for i, n in enumerate(shape) if i not in axes])


def _to_last(xp: ModuleType, x: Array, axes: tuple[int, ...]) -> Array:
    """x with the reduced axes moved to the end and merged into one (a 0-D x becomes shape (1,))."""
    if x.ndim == 0:
        return xp.reshape(x, (1,))
    rest = [i for i in range(x.ndim) if i not in axes]
    order = (*rest, *axes)
    if order != tuple(range(x.ndim)):
        x = xp.permute_dims(x, order)
    n = math.prod(x.shape[len(rest) :])
    return xp.reshape(x, (*x.shape[: len(rest)], n))


def _count(x: Array, axes: tuple[int, ...]) -> int:
    return math.prod([x.shape[a] for a in axes]) if x.ndim else 1


def _guard(xp: ModuleType, shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Refuse, before the library allocates, an array it would crash on.

    MLX: int32 axes and failed allocations (its own check). Every other library:
    more bytes than the process can allocate (``dtype`` given as bytes per element,
    else 8), which NumPy and torch are granted on an overcommitting Linux and then
    killed for.
    """
    check = fast_path(xp, _GROUP, "check_allocation")
    if check is not None:
        check(shape, dtype, what)
        return
    nbytes = math.prod(shape) * (dtype if isinstance(dtype, int) else 8)
    if nbytes >= CHECK_FROM and nbytes > allocatable_bytes():
        raise MemoryError(
            f"{what}: {nbytes} bytes of working arrays for shape {tuple(shape)}, "
            "more than this process can allocate"
        )


def _empty_nan(xp: ModuleType, x: Array, axis: Axis, keepdims: bool, name: str) -> Array | None:
    """NaN in the reduced shape when the reduction over ``axis`` is empty (NumPy's answer), else None.

    Empty reductions never reach the library's mean: MLX's hangs on some empty
    arrays (those made from NumPy buffers), and the answer is known from the shape.
    """
    axes = _axes(axis, x.ndim, name)
    if _count(x, axes) != 0:
        return None
    dtype = x.dtype if _is_float(xp, x.dtype) else _default_float(xp)
    return xp.full(_reduced_shape(tuple(x.shape), axes, keepdims), math.nan, dtype=dtype)


def _mean(xp: ModuleType, x: Array, axis: Axis, keepdims: bool, name: str) -> Array:
    """``xp.mean`` with empty reductions answered from the shape (``_empty_nan``)."""
    empty = _empty_nan(xp, x, axis, keepdims, name)
    return xp.mean(x, axis=axis, keepdims=keepdims) if empty is None else empty


def _q_list(q: Any, scale: float, method: str, name: str) -> tuple[list[float], bool]:
    """After checking ``method``: q as a list of Python floats in [0, 1] and whether it was a scalar.

    q may be a Python number, a sequence of numbers, or a 0-D/1-D array (an array q
    is read once, which evaluates it).
    """
    if method not in QUANTILE_METHODS:
        raise ValueError(
            f"{name}: unknown method {method!r}; valid methods are {', '.join(QUANTILE_METHODS)}"
        )
    if hasattr(q, "shape") and hasattr(q, "dtype"):
        from ember_ml.backend import to_numpy

        q = to_numpy(q).tolist()
    scalar = not isinstance(q, (list, tuple))
    values = [q] if scalar else list(q)
    if not scalar and any([isinstance(v, (list, tuple)) for v in values]):
        raise ValueError(f"{name}: q must be a number or a 1-D sequence of numbers")
    out = []
    for v in values:
        f = float(v) / scale
        if not 0.0 <= f <= 1.0:
            bound = "[0, 100]" if scale == 100.0 else "[0, 1]"
            raise ValueError(f"{name}: q must lie in {bound}, got {v!r}")
        out.append(f)
    return out, scalar


def _virtual_index(
    q: Any, n: Any, method: str, floor: Any = math.floor, ceil: Any = math.ceil, rnd: Any = round
) -> Any:
    """NumPy's virtual index of quantile q among n sorted values.

    Python numbers, or arrays given the namespace's ``floor``, ``ceil`` and ``round``
    (both round half to even, as ``np.around``).
    """
    top = n - 1
    if method == "linear":
        return top * q
    if method == "lower":
        return floor(top * q)
    if method == "higher":
        return ceil(top * q)
    if method == "nearest":
        return rnd(top * q)
    if method == "midpoint":
        return 0.5 * (floor(top * q) + ceil(top * q))
    alpha, beta = _CONTINUOUS[method]
    return n * q + (alpha + q * (1 - alpha - beta)) - 1


def _static_positions(
    qs: list[float], n: int, method: str
) -> tuple[list[int], list[int], list[float]]:
    """(previous index, next index, weight) per quantile, exactly as NumPy chooses them."""
    prev, nxt, gamma = [], [], []
    for q in qs:
        v = _virtual_index(q, n, method)
        if method in ("lower", "higher", "nearest"):
            i = min(max(int(v), 0), n - 1)
            prev.append(i)
            nxt.append(i)
            gamma.append(0.0)
            continue
        p = math.floor(v)
        if v >= n - 1:
            p_idx, n_idx, p = n - 1, n - 1, -1
        elif v < 0:
            p_idx, n_idx, p = 0, 0, 0
        else:
            p_idx, n_idx = p, p + 1
        g = v - p
        if method == "midpoint":
            g = 0.0 if v % 1 == 0 else 0.5
        prev.append(p_idx)
        nxt.append(n_idx)
        gamma.append(g)
    return prev, nxt, gamma


def _lerp(xp: ModuleType, a: Array, b: Array, t: Array) -> Array:
    """NumPy's interpolation: a + (b - a) t, from the upper end when t >= 0.5."""
    diff = b - a
    return xp.where(t >= 0.5, b - diff * (1 - t), a + diff * t)


def _finish(
    xp: ModuleType,
    out: Array,
    x_shape: tuple[int, ...],
    axes: tuple[int, ...],
    keepdims: bool,
    scalar: bool,
) -> Array:
    """Move the quantile axis (last) to the front, drop it for a scalar q, restore kept dims."""
    nq = out.shape[-1]
    kept = _reduced_shape(x_shape, axes, keepdims)
    if scalar:
        return xp.reshape(out[..., 0], kept)
    out = xp.moveaxis(out, -1, 0) if out.ndim > 1 else out
    return xp.reshape(out, (nq, *kept))


def _quantile(
    x: Array, qs: list[float], scalar: bool, axis: Axis, keepdims: bool, method: str, name: str
) -> Array:
    xp = array_namespace(x)
    x = _real_float(xp, x, name)
    axes = _axes(axis, x.ndim, name)
    if isinstance(axis, list):
        axis = tuple(axis)
    fast = fast_path(xp, _GROUP, "quantile")
    if fast is not None:
        out = fast(x, qs, scalar, axis, keepdims, method)
        if out is not None:
            return out
    n = _count(x, axes)
    y = _to_last(xp, x, axes)
    if n == 0:
        out = xp.full((*y.shape[:-1], len(qs)), math.nan, dtype=x.dtype)
        return _finish(xp, out, x.shape, axes, keepdims, scalar)
    prev, nxt, gamma = _static_positions(qs, n, method)
    select = fast_path(xp, _GROUP, "order_statistics")
    value = None if select is None else select(y, sorted(set(prev) | set(nxt)))
    if (
        value is not None
    ):  # the backend's selection: {position: that order statistic, kept as a length-1 axis}

        def pick(positions: list[int]) -> Array:
            return xp.concat([value[p] for p in positions], axis=-1)

        has_nan = xp.any(xp.isnan(y), axis=-1, keepdims=True)
        nan = xp.full_like(has_nan, math.nan, dtype=x.dtype)
    else:
        s = xp.sort(y, axis=-1)
        index = xp.__array_namespace_info__().default_dtypes()["indexing"]

        def pick(positions: list[int]) -> Array:
            return xp.take(s, xp.asarray(positions, dtype=index), axis=s.ndim - 1)

        # NaN sorts last: a slice holding one has a NaN quantile (as NumPy)
        nan = s[..., -1:]
        has_nan = xp.isnan(nan)
    if method in ("lower", "higher", "nearest"):
        out = pick(prev)
    else:
        out = _lerp(xp, pick(prev), pick(nxt), xp.asarray(gamma, dtype=x.dtype))
    out = xp.where(has_nan, nan, out)
    return _finish(xp, out, x.shape, axes, keepdims, scalar)


def _nanquantile(
    x: Array, qs: list[float], scalar: bool, axis: Axis, keepdims: bool, method: str, name: str
) -> Array:
    xp = array_namespace(x)
    x = _real_float(xp, x, name)
    axes = _axes(axis, x.ndim, name)
    n = _count(x, axes)
    y = _to_last(xp, x, axes)
    if n == 0:
        out = xp.full((*y.shape[:-1], len(qs)), math.nan, dtype=x.dtype)
        return _finish(xp, out, x.shape, axes, keepdims, scalar)
    s = xp.sort(y, axis=-1)  # NaNs last: the first `count` values of a slice are its numbers
    count = xp.sum(xp.astype(~xp.isnan(s), x.dtype), axis=-1, keepdims=True)
    q = xp.asarray(qs, dtype=x.dtype)
    top = count - 1
    v = _virtual_index(q, count, method, xp.floor, xp.ceil, xp.round)
    floor_v = xp.floor(v)
    above = v >= top
    below = v < 0
    prev = xp.where(above, top, xp.where(below, xp.zeros_like(v), floor_v))
    nxt = xp.where(above | below, prev, floor_v + 1)
    index = xp.__array_namespace_info__().default_dtypes()["indexing"]
    bound = float(n - 1)
    prev_i = xp.astype(xp.clip(prev, 0.0, bound), index)
    nxt_i = xp.astype(xp.clip(nxt, 0.0, bound), index)
    lo = xp.take_along_axis(s, prev_i, axis=-1)
    if method in ("lower", "higher", "nearest"):
        out = lo
    else:
        hi = xp.take_along_axis(s, nxt_i, axis=-1)
        if method == "midpoint":
            gamma = xp.where(v == floor_v, xp.zeros_like(v), xp.full_like(v, 0.5))
        else:
            gamma = v - xp.where(
                above, -xp.ones_like(v), xp.where(below, xp.zeros_like(v), floor_v)
            )
        out = _lerp(xp, lo, hi, gamma)
    out = xp.where(count == 0, xp.full_like(out, math.nan), out)
    return _finish(xp, out, x.shape, axes, keepdims, scalar)


# --------------------------------------------------------------------------- standard re-exports


def mean(x: Array, /, *, axis: Axis = None, keepdims: bool = False) -> Array:
    """Arithmetic mean (the standard's ``mean``; integer input promotes to the default float).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.mean(np.asarray([1, 2, 3, 4]))
    np.float64(2.5)
    """
    xp = array_namespace(x)
    return _mean(xp, _to_float(xp, x), axis, keepdims, "mean")


def var(
    x: Array, /, *, axis: Axis = None, correction: float = 0.0, keepdims: bool = False
) -> Array:
    """Variance with ``correction`` degrees of freedom removed (the standard's ``var``).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.var(np.asarray([1.0, 2.0, 3.0, 4.0]), correction=1)
    np.float64(1.6666666666666667)
    """
    return _spread(x, axis, correction, keepdims, "var")


def std(
    x: Array, /, *, axis: Axis = None, correction: float = 0.0, keepdims: bool = False
) -> Array:
    """Standard deviation with ``correction`` degrees of freedom removed (the standard's ``std``).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.std(np.asarray([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]))
    np.float64(2.0)
    """
    return _spread(x, axis, correction, keepdims, "std")


def _spread(x: Array, axis: Axis, correction: float, keepdims: bool, name: str) -> Array:
    """``var`` or ``std`` (``name``): the namespace's, with empty reductions and fractional corrections done here."""
    xp = array_namespace(x)
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
    xp: ModuleType, x: Array, axis: Axis, correction: float, keepdims: bool
) -> Array:
    axes = _axes(axis, x.ndim, "var")
    d = x - _mean(xp, x, axes, True, "var")
    squares = xp.real(d * xp.conj(d)) if xp.isdtype(x.dtype, "complex floating") else d * d
    return xp.sum(squares, axis=axes, keepdims=keepdims) / max(_count(x, axes) - correction, 0.0)


# --------------------------------------------------------------------------- quantiles


def quantile(
    x: Array, q: Any, axis: Axis = None, keepdims: bool = False, method: str = "linear"
) -> Array:
    """The q-th quantile(s) of x along ``axis`` (all axes for None), as ``numpy.quantile``.

    ``q`` is a number in [0, 1] or a 1-D sequence of them (then the quantiles come
    first in the result's shape); it is read in Python, so an array ``q`` is
    evaluated. ``method`` is one of NumPy's: linear (default), lower, higher,
    nearest, midpoint, weibull, hazen, median_unbiased, normal_unbiased,
    interpolated_inverted_cdf. A slice holding a NaN gives NaN; an empty slice
    gives NaN. Sort based: the output shape is static, nothing is evaluated.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.quantile(np.asarray([1.0, 2.0, 3.0, 4.0]), [0.5, 1.0], method="lower")
    array([2., 4.])
    """
    qs, scalar = _q_list(q, 1.0, method, "quantile")
    return _quantile(x, qs, scalar, axis, keepdims, method, "quantile")


def percentile(
    x: Array, q: Any, axis: Axis = None, keepdims: bool = False, method: str = "linear"
) -> Array:
    """The q-th percentile(s) of x (q in [0, 100]), as ``numpy.percentile``; see ``quantile``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.percentile(np.asarray([1.0, 2.0, 3.0, 4.0]), 50)
    np.float64(2.5)
    """
    qs, scalar = _q_list(q, 100.0, method, "percentile")
    return _quantile(x, qs, scalar, axis, keepdims, method, "percentile")


def median(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """Median along ``axis`` (mean of the two middle values for an even count), as ``numpy.median``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.median(np.asarray([[1.0, 5.0, 2.0], [4.0, 3.0, 6.0]]), axis=1)
    array([2., 4.])
    """
    xp = array_namespace(x)
    fast = fast_path(xp, _GROUP, "median")
    if fast is not None:
        _axes(axis, x.ndim, "median")
        axis = tuple(axis) if isinstance(axis, list) else axis
        out = fast(_real_float(xp, x, "median"), axis, keepdims)
        if out is not None:
            return out
    return _quantile(x, [0.5], True, axis, keepdims, "linear", "median")


def nanquantile(
    x: Array, q: Any, axis: Axis = None, keepdims: bool = False, method: str = "linear"
) -> Array:
    """``quantile`` ignoring NaNs, as ``numpy.nanquantile`` (an all-NaN slice gives NaN).

    Static output shape; the positions are computed from each slice's count of numbers.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanquantile(np.asarray([1.0, np.nan, 3.0]), 0.5))
    2.0
    """
    qs, scalar = _q_list(q, 1.0, method, "nanquantile")
    return _nanquantile(x, qs, scalar, axis, keepdims, method, "nanquantile")


def nanpercentile(
    x: Array, q: Any, axis: Axis = None, keepdims: bool = False, method: str = "linear"
) -> Array:
    """``percentile`` ignoring NaNs, as ``numpy.nanpercentile``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanpercentile(np.asarray([1.0, np.nan, 3.0]), 100))
    3.0
    """
    qs, scalar = _q_list(q, 100.0, method, "nanpercentile")
    return _nanquantile(x, qs, scalar, axis, keepdims, method, "nanpercentile")


def nanmedian(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """Median ignoring NaNs, as ``numpy.nanmedian`` (an all-NaN slice gives NaN).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nanmedian(np.asarray([[1.0, np.nan, 3.0], [np.nan, np.nan, 2.0]]), axis=1)
    array([2., 2.])
    """
    return _nanquantile(x, [0.5], True, axis, keepdims, "linear", "nanmedian")


# --------------------------------------------------------------------------- NaN-aware reductions


def _nan_to(xp: ModuleType, x: Array, value: float) -> Array:
    return xp.where(xp.isnan(x), xp.full_like(x, value), x)


def nansum(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """Sum treating NaN as zero, as ``numpy.nansum`` (integers sum as the standard's ``sum``).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nansum(np.asarray([1.0, np.nan, 2.0]))
    np.float64(3.0)
    """
    xp = array_namespace(x)
    if _is_float(xp, x.dtype):
        x = _nan_to(xp, x, 0.0)
    return xp.sum(x, axis=axis, keepdims=keepdims)


def _nan_extreme(x: Array, axis: Axis, keepdims: bool, name: str, largest: bool) -> Array:
    xp = array_namespace(x)
    axes = _axes(axis, x.ndim, name)
    if _count(x, axes) == 0:
        raise ValueError(
            f"{name}: zero-size reduction (axis {axis!r} of shape {tuple(x.shape)}) has no identity"
        )
    reduce = xp.max if largest else xp.min
    if not xp.isdtype(x.dtype, "real floating"):
        return reduce(x, axis=axis, keepdims=keepdims)
    nan = xp.isnan(x)
    m = reduce(_nan_to(xp, x, -math.inf if largest else math.inf), axis=axis, keepdims=keepdims)
    all_nan = xp.all(nan, axis=axis, keepdims=keepdims)
    return xp.where(all_nan, xp.full_like(m, math.nan), m)


def nanmax(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """Maximum ignoring NaNs, as ``numpy.nanmax`` (all-NaN slice: NaN; empty reduction: ValueError).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanmax(np.asarray([1.0, np.nan, 2.0])))
    2.0
    """
    return _nan_extreme(x, axis, keepdims, "nanmax", True)


def nanmin(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """Minimum ignoring NaNs, as ``numpy.nanmin`` (all-NaN slice: NaN; empty reduction: ValueError).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanmin(np.asarray([1.0, np.nan, 2.0])))
    1.0
    """
    return _nan_extreme(x, axis, keepdims, "nanmin", False)


def _nan_count(xp: ModuleType, x: Array, axis: Axis, keepdims: bool, dtype: Any) -> Array:
    return xp.sum(xp.astype(~xp.isnan(x), dtype), axis=axis, keepdims=keepdims)


def nanmean(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """Mean ignoring NaNs, as ``numpy.nanmean`` (an all-NaN or empty slice gives NaN).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nanmean(np.asarray([1.0, np.nan, 2.0]))
    np.float64(1.5)
    """
    xp = array_namespace(x)
    x = _to_float(xp, x)
    total = xp.sum(_nan_to(xp, x, 0.0), axis=axis, keepdims=keepdims)
    real = xp.real(x) if xp.isdtype(x.dtype, "complex floating") else x
    return total / _nan_count(xp, real, axis, keepdims, total.dtype)


def nanvar(x: Array, axis: Axis = None, correction: float = 0.0, keepdims: bool = False) -> Array:
    """Variance ignoring NaNs, as ``numpy.nanvar(x, ddof=correction)`` (NaN where count <= correction).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanvar(np.asarray([1.0, np.nan, 3.0]), correction=1))
    2.0
    """
    xp = array_namespace(x)
    x = _real_float(xp, x, "nanvar")
    centre = nanmean(x, axis=axis, keepdims=True)
    d = _nan_to(xp, x - centre, 0.0)
    squares = xp.sum(d * d, axis=axis, keepdims=keepdims)
    dof = _nan_count(xp, x, axis, keepdims, x.dtype) - correction
    return xp.where(
        dof > 0,
        squares / xp.where(dof > 0, dof, xp.ones_like(dof)),
        xp.full_like(squares, math.nan),
    )


def nanstd(x: Array, axis: Axis = None, correction: float = 0.0, keepdims: bool = False) -> Array:
    """Standard deviation ignoring NaNs, as ``numpy.nanstd(x, ddof=correction)``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nanstd(np.asarray([1.0, np.nan, 3.0]))
    np.float64(1.0)
    """
    xp = array_namespace(x)
    return xp.sqrt(nanvar(x, axis=axis, correction=correction, keepdims=keepdims))


# --------------------------------------------------------------------------- covariance


def _observations(xp: ModuleType, x: Array, rowvar: bool, name: str) -> Array:
    if x.ndim > 2:
        raise ValueError(f"{name}: x must be 1-D or 2-D, got shape {tuple(x.shape)}")
    x = _to_float(xp, x)
    if x.ndim < 2:
        return xp.reshape(x, (1, -1) if x.ndim else (1, 1))
    return x if rowvar else xp.matrix_transpose(x)


def cov(x: Array, rowvar: bool = True, correction: float = 1) -> Array:
    """Covariance matrix of the variables in x, as ``numpy.cov(x, rowvar=rowvar, ddof=correction)``.

    Each row is a variable (each column when ``rowvar`` is False); a single
    variable gives a 0-D result, as NumPy.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.cov(np.asarray([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    xp = array_namespace(x)
    obs = _observations(xp, x, rowvar, "cov")
    n = obs.shape[1]
    centred = obs - _mean(xp, obs, 1, True, "cov")
    other = xp.conj(centred) if xp.isdtype(obs.dtype, "complex floating") else centred
    c = xp.matmul(centred, xp.matrix_transpose(other)) / float(max(n - correction, 0))
    return xp.reshape(c, ()) if c.shape == (1, 1) else c


def corrcoef(x: Array, rowvar: bool = True) -> Array:
    """Pearson correlation coefficients, as ``numpy.corrcoef`` (clipped to [-1, 1]).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.corrcoef(np.asarray([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]]))
    array([[ 1., -1.],
           [-1.,  1.]])
    """
    xp = array_namespace(x)
    c = cov(x, rowvar=rowvar)
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


# --------------------------------------------------------------------------- counting


def _bincount_fixed(xp: ModuleType, x: Array, length: int, weights: Array | None) -> Array:
    """Counts (or weight sums) of the values 0 .. length-1 in 1-D integer x; other values are ignored."""
    fast = fast_path(xp, _GROUP, "bincount_fixed")
    if fast is not None:
        return fast(x, length, weights)
    info = xp.__array_namespace_info__().default_dtypes()
    valid = x >= 0
    if length <= xp.iinfo(x.dtype).max:
        valid = valid & (x < length)
    index = info["indexing"]
    key = xp.where(valid, xp.astype(x, index), xp.full(x.shape, length, dtype=index))
    bins = xp.arange(length + 1, dtype=index)
    if weights is None:
        edges = xp.searchsorted(xp.sort(key), bins)
        return xp.astype(edges[1:] - edges[:-1], info["integral"])
    order = xp.argsort(key)
    edges = xp.searchsorted(xp.take(key, order), bins)
    sums = xp.cumulative_sum(xp.take(weights, order), include_initial=True)
    return xp.take(sums, edges[1:]) - xp.take(sums, edges[:-1])


def _weights(xp: ModuleType, weights: Array, x: Array, name: str) -> Array:
    """``weights`` checked to have x's shape, as a real floating array."""
    if tuple(weights.shape) != tuple(x.shape):
        raise ValueError(
            f"{name}: weights shape {tuple(weights.shape)} differs from x shape {tuple(x.shape)}"
        )
    return _real_float(xp, weights, name)


def bincount(x: Array, weights: Array | None = None, minlength: int = 0) -> Array:
    """Number of occurrences (or sum of ``weights``) of each value 0, 1, ... in 1-D integer x.

    With ``minlength > 0`` the result has exactly ``minlength`` bins: a static
    shape, nothing is evaluated (works under ``mx.compile``/``torch.compile``), and
    values outside ``[0, minlength)`` are not counted (NumPy would lengthen the
    result). With ``minlength == 0`` the length is ``max(x) + 1`` as NumPy's: a
    data-dependent shape, so x is evaluated, and a negative value raises
    ``ValueError``. Counts have the default integer dtype; weighted sums the
    weights' floating dtype (integer weights: the default float).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.bincount(np.asarray([0, 1, 1, 3]))
    array([1, 2, 0, 1])
    >>> stats.bincount(np.asarray([0, 1, 1, 3]), weights=np.asarray([0.5, 1.0, 1.0, 2.0]), minlength=5)
    array([0.5, 2. , 0. , 2. , 0. ])
    """
    xp = array_namespace(x) if weights is None else array_namespace(x, weights)
    if not xp.isdtype(x.dtype, "integral"):
        raise TypeError(f"bincount: x must hold integers, got dtype {x.dtype}")
    if x.ndim != 1:
        raise ValueError(f"bincount: x must be 1-D, got shape {tuple(x.shape)}")
    minlength = operator.index(minlength)
    if minlength < 0:
        raise ValueError(f"bincount: minlength must be non-negative, got {minlength}")
    if weights is not None:
        weights = _weights(xp, weights, x, "bincount")
    length = minlength
    if minlength == 0:
        # data-dependent output length: evaluates x (as NumPy)
        if x.shape[0] == 0:
            length = 0
        else:
            if int(xp.min(x)) < 0:  # noqa: EM401 - data-dependent length (documented)
                raise ValueError("bincount: x must hold non-negative integers")
            length = int(xp.max(x)) + 1  # noqa: EM401 - data-dependent length (documented)
    _guard(xp, (length + 1,), 24, "bincount")  # the bins, the search result and the counts
    if length == 0:
        if weights is None:
            return xp.zeros((0,), dtype=xp.__array_namespace_info__().default_dtypes()["integral"])
        return xp.zeros((0,), dtype=weights.dtype)
    return _bincount_fixed(xp, x, length, weights)


def histogram(
    x: Array,
    bins: int = 10,
    range: tuple[float, float] | None = None,  # noqa: A002
    weights: Array | None = None,
) -> tuple[Array, Array]:
    """Counts of x (flattened) in ``bins`` equal-width bins and the ``bins + 1`` edges, as ``numpy.histogram``.

    The bin count is a static int, so the shapes are static and nothing is
    evaluated: with ``range=None`` the edges span ``[min(x), max(x)]`` computed
    lazily (widened by 0.5 each side when they are equal, as NumPy). Values
    outside ``range`` and NaNs are not counted; the last bin includes its right
    edge. Unlike NumPy, non-finite data with ``range=None`` gives non-finite
    edges rather than a ``ValueError`` (that check would evaluate x).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> counts, edges = stats.histogram(np.asarray([0.0, 0.5, 1.0, 1.0]), bins=2)
    >>> counts, edges
    (array([1, 3]), array([0. , 0.5, 1. ]))
    """
    xp = array_namespace(x) if weights is None else array_namespace(x, weights)
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise ValueError(
            f"histogram: bins must be a positive int (a static bin count), got {bins!r}"
        )
    flat = xp.reshape(_real_float(xp, x, "histogram"), (-1,))
    # ~5 arrays of bins + 1 entries at 8 bytes: edges, bin numbers, their sort, the search, counts
    _guard(xp, (bins + 1,), 40, "histogram")
    if weights is not None:
        weights = xp.reshape(_weights(xp, weights, x, "histogram"), (-1,))
    dtype = flat.dtype
    if range is not None:
        lo_f, hi_f = [float(v) for v in range]
        if not (math.isfinite(lo_f) and math.isfinite(hi_f)) or lo_f > hi_f:
            raise ValueError(f"histogram: range must be finite with min <= max, got {range!r}")
        if lo_f == hi_f:
            lo_f, hi_f = lo_f - 0.5, hi_f + 0.5
        lo = xp.asarray(lo_f, dtype=dtype)
        hi = xp.asarray(hi_f, dtype=dtype)
    elif flat.shape[0] == 0:
        lo, hi = xp.asarray(0.0, dtype=dtype), xp.asarray(1.0, dtype=dtype)
    else:
        lo, hi = xp.min(flat), xp.max(flat)
        same = lo == hi
        lo, hi = xp.where(same, lo - 0.5, lo), xp.where(same, hi + 0.5, hi)
    step = (hi - lo) / bins
    edges = xp.arange(bins + 1, dtype=dtype) * step + lo
    edges = xp.concat([edges[:-1], xp.reshape(hi, (1,))])
    keep = (flat >= lo) & (flat <= hi)
    index = xp.__array_namespace_info__().default_dtypes()["indexing"]
    scaled = (xp.where(keep, flat, lo) - lo) / (hi - lo) * bins
    idx = xp.astype(scaled, index)
    idx = xp.where(idx == bins, idx - 1, idx)
    idx = xp.where(flat < xp.take(edges, idx), idx - 1, idx)
    idx = xp.where((flat >= xp.take(edges, idx + 1)) & (idx != bins - 1), idx + 1, idx)
    idx = xp.where(keep, idx, xp.full_like(idx, bins))
    counts = _bincount_fixed(xp, idx, bins, weights)
    return counts, edges


# --------------------------------------------------------------------------- logsumexp


def logsumexp(x: Array, axis: Axis = None, keepdims: bool = False) -> Array:
    """log(sum(exp(x))) along ``axis`` without overflow, as ``scipy.special.logsumexp``.

    All ``-inf``: ``-inf``; any ``+inf`` (and no NaN): ``+inf``; any NaN: NaN; an
    empty reduction: ``-inf``. Integer input promotes to the default float.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.logsumexp(np.asarray([1000.0, 1000.0]))
    np.float64(1000.6931471805599)
    """
    xp = array_namespace(x)
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
    xp: ModuleType, x: Array, order: int, axis: Axis, centre: Array, keepdims: bool
) -> Array:
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
    x: Array, order: int = 1, axis: Axis = 0, keepdims: bool = False, center: Any = None
) -> Array:
    """The ``order``-th central moment along ``axis`` (None: flattened), as ``scipy.stats.moment``.

    About the mean unless ``center`` (a number or broadcastable array) is given;
    order 0 is 1 and order 1 about the mean is 0, exactly.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.moment(np.asarray([1.0, 2.0, 3.0, 4.0, 5.0]), order=2)
    np.float64(2.0)
    """
    order = operator.index(order)
    if order < 0:
        raise ValueError(f"moment: order must be a non-negative int, got {order}")
    xp = array_namespace(x)
    x = _real_float(xp, x, "moment")
    axes = _axes(axis, x.ndim, "moment")
    shape = _reduced_shape(tuple(x.shape), axes, keepdims)
    if order == 0 or (order == 1 and center is None):
        return xp.full(shape, 1.0 if order == 0 else 0.0, dtype=x.dtype)
    centre = _mean(xp, x, axes, True, "moment") if center is None else center
    return _central_moment(xp, x, order, axes, centre, keepdims)


def _moments_2_k(x: Array, k: int, axis: Axis, keepdims: bool, name: str):
    xp = array_namespace(x)
    x = _real_float(xp, x, name)
    axes = _axes(axis, x.ndim, name)
    centre = _mean(xp, x, axes, True, name)
    m2 = _central_moment(xp, x, 2, axes, centre, keepdims)
    mk = _central_moment(xp, x, k, axes, centre, keepdims)
    centre = centre if keepdims else xp.reshape(centre, m2.shape)
    zero = m2 <= (xp.finfo(m2.dtype).eps * centre) ** 2
    return xp, m2, mk, zero, float(_count(x, axes))


def skew(x: Array, axis: Axis = 0, bias: bool = True, keepdims: bool = False) -> Array:
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
    x: Array, axis: Axis = 0, fisher: bool = True, bias: bool = True, keepdims: bool = False
) -> Array:
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


def zscore(x: Array, axis: Axis = 0, ddof: float = 0) -> Array:
    """Standard scores (x - mean) / std along ``axis`` (None: over all), as ``scipy.stats.zscore``.

    A slice with zero standard deviation (to rounding) gives NaN.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.zscore(np.asarray([1.0, 2.0, 3.0]))
    array([-1.2247...,  0.        ,  1.2247...])
    """
    xp = array_namespace(x)
    x = _real_float(xp, x, "zscore")
    axes = _axes(axis, x.ndim, "zscore")
    if _count(x, axes) == 0:  # nothing to standardise (and MLX's mean of some empty arrays hangs)
        return xp.asarray(x, copy=True)
    mn = xp.mean(x, axis=axes, keepdims=True)
    sd = xp.std(x, axis=axes, correction=ddof, keepdims=True)
    z = (x - mn) / sd
    zero = sd <= xp.abs(xp.finfo(x.dtype).eps * mn)
    return xp.where(zero, xp.full_like(z, math.nan), z)


def gaussian(x: Array, mu: Any = 0.0, sigma: Any = 1.0) -> Array:
    """Gaussian (normal) density with mean ``mu`` and standard deviation ``sigma`` at x.

    The original Ember ML's ``stats.gaussian``; equal to ``scipy.stats.norm.pdf(x, mu, sigma)``.
    ``mu`` and ``sigma`` are numbers or arrays broadcasting with x; a number
    ``sigma`` must be positive.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.gaussian(np.asarray([0.0]), 0.0, 1.0)
    array([0.39894228])
    """
    if isinstance(sigma, (int, float)) and not sigma > 0:
        raise ValueError(f"gaussian: sigma must be positive, got {sigma!r}")
    xp = array_namespace(x)
    x = _real_float(xp, x, "gaussian")
    z = (x - mu) / sigma
    return xp.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))
