"""Counting: ``bincount`` and ``histogram``, both over one kernel.

``_bincount_fixed`` counts (or sums the weights of) the values 0 .. length-1: its
generic form sorts the values and searches the bin edges, a backend's native bincount
is its fast path. ``_guard`` checks that the library can hold the bins before they
are allocated.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._typing import Array, ArrayT
from ember_ml.backend._memory import CHECK_FROM, allocatable_bytes
from ember_ml.ops._extras import guard_allocation, namespace_of_arrays
from ember_ml.ops.stats._common import AnyArray, _real_float

__all__ = ["bincount", "histogram"]

_GROUP = "stats"


def _guard(xp: ModuleType, shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Refuse, before the library allocates, an array it would crash on.

    MLX: int32 axes and failed allocations (its own check). Every other library:
    more bytes than the process can allocate (``dtype`` given as bytes per element,
    else 8), which NumPy and torch are granted on an overcommitting Linux and then
    killed for.
    """
    if guard_allocation(xp, _GROUP, shape, dtype, what):
        return
    nbytes = math.prod(shape) * (dtype if isinstance(dtype, int) else 8)
    if nbytes >= CHECK_FROM and nbytes > allocatable_bytes():
        raise MemoryError(
            f"{what}: {nbytes} bytes of working arrays for shape {tuple(shape)}, "
            "more than this process can allocate"
        )


def _bincount_fixed(xp: ModuleType, x: AnyArray, length: int, weights: AnyArray | None) -> AnyArray:
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


def _weights(xp: ModuleType, weights: AnyArray, x: AnyArray, name: str) -> AnyArray:
    """``weights`` checked to have x's shape, as a real floating array."""
    if tuple(weights.shape) != tuple(x.shape):
        raise ValueError(
            f"{name}: weights shape {tuple(weights.shape)} differs from x shape {tuple(x.shape)}"
        )
    return _real_float(xp, weights, name)


def bincount(x: ArrayT, /, *, weights: Array | None = None, minlength: int = 0) -> ArrayT:
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
    xp = namespace_of_arrays(x) if weights is None else namespace_of_arrays(x, weights)
    if not xp.isdtype(x.dtype, "integral"):
        raise TypeError(f"bincount: x must hold integers, got dtype {x.dtype}")
    if x.ndim != 1:
        raise ValueError(f"bincount: x must be 1-D, got shape {tuple(x.shape)}")
    minlength = check_int(minlength, "bincount: minlength", minimum=0)
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
    x: ArrayT,
    /,
    *,
    bins: int = 10,
    range: tuple[float, float] | None = None,  # noqa: A002
    weights: Array | None = None,
) -> tuple[ArrayT, ArrayT]:
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
    xp = namespace_of_arrays(x) if weights is None else namespace_of_arrays(x, weights)
    bins = check_int(bins, "histogram: bins (a static bin count)")
    if bins < 1:
        raise ValueError(f"histogram: bins must be a positive int (a static bin count), got {bins}")
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
    # a range wider than the dtype's largest value (float32: -3e38 to 3e38) overflows hi - lo:
    # then every difference is taken of halves (exact), and the edges are blended from lo and hi
    width = hi - lo
    wide = ~xp.isfinite(width)
    half = xp.where(wide, xp.asarray(0.5, dtype=dtype), xp.asarray(1.0, dtype=dtype))
    step = width / bins
    ks = xp.arange(bins + 1, dtype=dtype)
    edges = ks * step + lo
    t = ks / bins
    edges = xp.where(wide, lo * (1 - t) + hi * t, edges)
    edges = xp.concat([edges[:-1], xp.reshape(hi, (1,))])
    keep = (flat >= lo) & (flat <= hi)
    index = xp.__array_namespace_info__().default_dtypes()["indexing"]
    scaled = (xp.where(keep, flat, lo) * half - lo * half) / (hi * half - lo * half) * bins
    idx = xp.astype(scaled, index)
    idx = xp.where(idx == bins, idx - 1, idx)
    idx = xp.where(flat < xp.take(edges, idx), idx - 1, idx)
    idx = xp.where((flat >= xp.take(edges, idx + 1)) & (idx != bins - 1), idx + 1, idx)
    idx = xp.where(keep, idx, xp.full_like(idx, bins))
    counts = _bincount_fixed(xp, idx, bins, weights)
    return counts, edges
