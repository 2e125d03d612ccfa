"""NaN-aware reductions: ``nansum``, ``nanmax``, ``nanmin``, ``nanmean``, ``nanvar``, ``nanstd``.

Each reduces as NumPy's function of the same name: NaNs are replaced by the identity
of the reduction (0 for a sum, -inf/+inf for max/min) and counted out of the
denominators, so the output shape stays static and nothing is evaluated. The
NaN-ignoring quantiles (``nanquantile``, ``nanmedian``, ...) are in ``_quantiles``.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from ember_ml._typing import ArrayT
from ember_ml.ops._extras import namespace_of_arrays
from ember_ml.ops.stats._common import (
    AnyArray,
    Axis,
    _axes,
    _count,
    _is_float,
    _real_float,
    _to_float,
)

__all__ = ["nanmax", "nanmean", "nanmin", "nanstd", "nansum", "nanvar"]


def _nan_to(xp: ModuleType, x: AnyArray, value: float) -> AnyArray:
    return xp.where(xp.isnan(x), xp.full_like(x, value), x)


def nansum(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Sum treating NaN as zero, as ``numpy.nansum`` (integers sum in 64 bits, as NumPy's).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nansum(np.asarray([1.0, np.nan, 2.0]))
    np.float64(3.0)
    """
    xp = namespace_of_arrays(x)
    if _is_float(xp, x.dtype):
        x = _nan_to(xp, x, 0.0)
        return xp.sum(x, axis=axis, keepdims=keepdims)
    if x.dtype == xp.bool:  # counted as int64, as NumPy (the standard's sum refuses bool)
        x = xp.astype(x, xp.int64)
    if xp.isdtype(x.dtype, "signed integer"):
        # NumPy's accumulator, int64 (the MLX namespace's default int is int32: it would wrap)
        return xp.sum(x, axis=axis, keepdims=keepdims, dtype=xp.int64)
    if xp.isdtype(x.dtype, "unsigned integer") and x.dtype != xp.uint64:
        # NumPy's uint64, summed as int64 (exact: fewer than 2**31 values below 2**32 each;
        # torch has no uint64 sum)
        total = xp.sum(x, axis=axis, keepdims=keepdims, dtype=xp.int64)
        return xp.astype(total, xp.uint64)
    return xp.sum(x, axis=axis, keepdims=keepdims)


def _nan_extreme(x: AnyArray, axis: Axis, keepdims: bool, name: str, largest: bool) -> AnyArray:
    xp = namespace_of_arrays(x)
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


def nanmax(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Maximum ignoring NaNs, as ``numpy.nanmax`` (all-NaN slice: NaN; empty reduction: ValueError).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanmax(np.asarray([1.0, np.nan, 2.0])))
    2.0
    """
    return _nan_extreme(x, axis, keepdims, "nanmax", True)


def nanmin(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Minimum ignoring NaNs, as ``numpy.nanmin`` (all-NaN slice: NaN; empty reduction: ValueError).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanmin(np.asarray([1.0, np.nan, 2.0])))
    1.0
    """
    return _nan_extreme(x, axis, keepdims, "nanmin", False)


def _nan_count(xp: ModuleType, x: AnyArray, axis: Axis, keepdims: bool, dtype: Any) -> AnyArray:
    return xp.sum(xp.astype(~xp.isnan(x), dtype), axis=axis, keepdims=keepdims)


def nanmean(x: ArrayT, /, *, axis: Axis = None, keepdims: bool = False) -> ArrayT:
    """Mean ignoring NaNs, as ``numpy.nanmean`` (an all-NaN or empty slice gives NaN).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nanmean(np.asarray([1.0, np.nan, 2.0]))
    np.float64(1.5)
    """
    xp = namespace_of_arrays(x)
    x = _to_float(xp, x)
    total = xp.sum(_nan_to(xp, x, 0.0), axis=axis, keepdims=keepdims)
    real = xp.real(x) if xp.isdtype(x.dtype, "complex floating") else x
    return total / _nan_count(xp, real, axis, keepdims, total.dtype)


def nanvar(
    x: ArrayT, /, *, axis: Axis = None, correction: float = 0.0, keepdims: bool = False
) -> ArrayT:
    """Variance ignoring NaNs, as ``numpy.nanvar(x, ddof=correction)`` (NaN where count <= correction).

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> float(stats.nanvar(np.asarray([1.0, np.nan, 3.0]), correction=1))
    2.0
    """
    xp = namespace_of_arrays(x)
    a = _real_float(xp, x, "nanvar")
    centre = nanmean(a, axis=axis, keepdims=True)
    d = _nan_to(xp, a - centre, 0.0)
    squares = xp.sum(d * d, axis=axis, keepdims=keepdims)
    dof = _nan_count(xp, a, axis, keepdims, a.dtype) - correction
    return xp.where(
        dof > 0,
        squares / xp.where(dof > 0, dof, xp.ones_like(dof)),
        xp.full_like(squares, math.nan),
    )


def nanstd(
    x: ArrayT, /, *, axis: Axis = None, correction: float = 0.0, keepdims: bool = False
) -> ArrayT:
    """Standard deviation ignoring NaNs, as ``numpy.nanstd(x, ddof=correction)``.

    >>> import numpy as np
    >>> from ember_ml.ops import stats
    >>> stats.nanstd(np.asarray([1.0, np.nan, 3.0]))
    np.float64(1.0)
    """
    xp = namespace_of_arrays(x)
    return xp.sqrt(nanvar(x, axis=axis, correction=correction, keepdims=keepdims))
