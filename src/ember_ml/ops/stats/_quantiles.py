"""Quantiles: ``quantile``, ``percentile``, ``median`` and their NaN-ignoring forms.

NumPy's methods (``QUANTILE_METHODS``) and NumPy's numbers: the positions of the
requested quantiles among the sorted values are computed in Python when the count is
static (``_static_positions``), or as arrays from each slice's count of numbers for
the NaN-ignoring forms (``_nanquantile``). The reduced axes are moved to the end and
merged into one (``_to_last``), sorted (or, where a backend has one, selected by its
native order-statistic fast path), and the result is put back in NumPy's layout
(``_finish``: the quantile axis first for a sequence ``q``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from types import ModuleType
from typing import Any, Literal, TypeAlias, get_args

from ember_ml._hooks import fast_path
from ember_ml._typing import Array, ArrayT
from ember_ml.ops._extras import namespace_of_arrays
from ember_ml.ops.stats._common import (
    AnyArray,
    Axis,
    _axes,
    _count,
    _real_float,
    _reduced_shape,
)

__all__ = ["median", "nanmedian", "nanpercentile", "nanquantile", "percentile", "quantile"]

_GROUP = "stats"

# NumPy's method names; those with (alpha, beta) are the continuous Hyndman-Fan family.
_CONTINUOUS: dict[str, tuple[float, float]] = {
    "linear": (1.0, 1.0),  # Hyndman and Fan's type 7, computed as (n - 1) q
    "weibull": (0.0, 0.0),
    "hazen": (0.5, 0.5),
    "median_unbiased": (1.0 / 3.0, 1.0 / 3.0),
    "normal_unbiased": (3.0 / 8.0, 3.0 / 8.0),
    "interpolated_inverted_cdf": (0.0, 1.0),
}
_DISCRETE = ("lower", "higher", "nearest", "midpoint")
QuantileMethod: TypeAlias = Literal[
    "linear",
    "weibull",
    "hazen",
    "median_unbiased",
    "normal_unbiased",
    "interpolated_inverted_cdf",
    "lower",
    "higher",
    "nearest",
    "midpoint",
]
QUANTILE_METHODS: tuple[str, ...] = get_args(QuantileMethod)  # (*_CONTINUOUS, *_DISCRETE)
#: ``q``: a number, a sequence of numbers, or a 0-D/1-D array (read once: it is evaluated)
Quantiles: TypeAlias = "float | Sequence[float] | Array"


def _to_last(xp: ModuleType, x: AnyArray, axes: tuple[int, ...]) -> AnyArray:
    """x with the reduced axes moved to the end and merged into one (a 0-D x becomes shape (1,))."""
    if x.ndim == 0:
        return xp.reshape(x, (1,))
    rest = [i for i in range(x.ndim) if i not in axes]
    order = (*rest, *axes)
    if order != tuple(range(x.ndim)):
        x = xp.permute_dims(x, order)
    n = math.prod(x.shape[len(rest) :])
    return xp.reshape(x, (*x.shape[: len(rest)], n))


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


def _lerp(xp: ModuleType, a: AnyArray, b: AnyArray, t: AnyArray) -> AnyArray:
    """NumPy's interpolation: a + (b - a) t, from the upper end when t >= 0.5."""
    diff = b - a
    return xp.where(t >= 0.5, b - diff * (1 - t), a + diff * t)


def _finish(
    xp: ModuleType,
    out: AnyArray,
    x_shape: tuple[int, ...],
    axes: tuple[int, ...],
    keepdims: bool,
    scalar: bool,
) -> AnyArray:
    """Move the quantile axis (last) to the front, drop it for a scalar q, restore kept dims."""
    nq = out.shape[-1]
    kept = _reduced_shape(x_shape, axes, keepdims)
    if scalar:
        return xp.reshape(out[..., 0], kept)
    out = xp.moveaxis(out, -1, 0) if out.ndim > 1 else out
    return xp.reshape(out, (nq, *kept))


def _quantile(
    x: AnyArray, qs: list[float], scalar: bool, axis: Axis, keepdims: bool, method: str, name: str
) -> AnyArray:
    xp = namespace_of_arrays(x)
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

        def pick(positions: list[int]) -> AnyArray:
            return xp.concat([value[p] for p in positions], axis=-1)

        has_nan = xp.any(xp.isnan(y), axis=-1, keepdims=True)
        nan = xp.full_like(has_nan, math.nan, dtype=x.dtype)
    else:
        s = xp.sort(y, axis=-1)
        index = xp.__array_namespace_info__().default_dtypes()["indexing"]

        def pick(positions: list[int]) -> AnyArray:
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
    x: AnyArray, qs: list[float], scalar: bool, axis: Axis, keepdims: bool, method: str, name: str
) -> AnyArray:
    xp = namespace_of_arrays(x)
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


# --------------------------------------------------------------------------- quantiles


def quantile(
    x: ArrayT,
    q: Quantiles,
    /,
    *,
    axis: Axis = None,
    keepdims: bool = False,
    method: QuantileMethod = "linear",
) -> ArrayT:
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
    x: ArrayT,
    q: Quantiles,
    /,
    *,
    axis: Axis = None,
    keepdims: bool = False,
    method: QuantileMethod = "linear",
) -> ArrayT:
    """The q-th percentile(s) of x (q in [0, 100]), as ``numpy.percentile``; see ``quantile``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.percentile(np.asarray([1.0, 2.0, 3.0, 4.0]), 50)
    np.float64(2.5)
    """
    qs, scalar = _q_list(q, 100.0, method, "percentile")
    return _quantile(x, qs, scalar, axis, keepdims, method, "percentile")


def median(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Median along ``axis`` (mean of the two middle values for an even count), as ``numpy.median``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.median(np.asarray([[1.0, 5.0, 2.0], [4.0, 3.0, 6.0]]), axis=1)
    array([2., 4.])
    """
    xp = namespace_of_arrays(x)
    fast = fast_path(xp, _GROUP, "median")
    if fast is not None:
        _axes(axis, x.ndim, "median")
        axis = tuple(axis) if isinstance(axis, list) else axis
        out = fast(_real_float(xp, x, "median"), axis, keepdims)
        if out is not None:
            return out
    return _quantile(x, [0.5], True, axis, keepdims, "linear", "median")


def nanquantile(
    x: ArrayT,
    q: Quantiles,
    /,
    *,
    axis: Axis = None,
    keepdims: bool = False,
    method: QuantileMethod = "linear",
) -> ArrayT:
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
    x: ArrayT,
    q: Quantiles,
    /,
    *,
    axis: Axis = None,
    keepdims: bool = False,
    method: QuantileMethod = "linear",
) -> ArrayT:
    """``percentile`` ignoring NaNs, as ``numpy.nanpercentile``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanpercentile(np.asarray([1.0, np.nan, 3.0]), 100))
    3.0
    """
    qs, scalar = _q_list(q, 100.0, method, "nanpercentile")
    return _nanquantile(x, qs, scalar, axis, keepdims, method, "nanpercentile")


def nanmedian(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Median ignoring NaNs, as ``numpy.nanmedian`` (an all-NaN slice gives NaN).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nanmedian(np.asarray([[1.0, np.nan, 3.0], [np.nan, np.nan, 2.0]]), axis=1)
    array([2., 2.])
    """
    return _nanquantile(x, [0.5], True, axis, keepdims, "linear", "nanmedian")
