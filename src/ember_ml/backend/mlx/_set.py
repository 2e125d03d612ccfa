"""Set functions of the MLX namespace (MLX has none): sort-based, in MLX ops. Their output
shape depends on the data, so they evaluate their input."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx._dtypes import _INDEX, _pybool
from ember_ml.backend.mlx._elementwise import _scalar_like
from ember_ml.backend.mlx._searching import _flat_true_positions

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]
UniqueAllResult = namedtuple("UniqueAllResult", ["values", "indices", "inverse_indices", "counts"])
UniqueCountsResult = namedtuple("UniqueCountsResult", ["values", "counts"])
UniqueInverseResult = namedtuple("UniqueInverseResult", ["values", "inverse_indices"])


def _unique(x: mx.array) -> tuple[mx.array, mx.array, mx.array, mx.array, mx.array]:
    """Sort-based unique in MLX ops (one sync for the count). Each NaN is its own value."""
    flat = x.reshape(-1)
    n = flat.size
    if n == 0:
        empty_i = mx.zeros((0,), dtype=_INDEX)
        return flat, empty_i, empty_i, empty_i, empty_i
    order = mx.argsort(flat).astype(_INDEX)
    s = flat[order]
    new = mx.concatenate([mx.array([True]), s[1:] != s[:-1]])
    starts = _flat_true_positions(new)
    values = s[starts]
    ends = mx.concatenate([starts[1:], mx.array([n], dtype=starts.dtype)])
    counts = (ends - starts).astype(_INDEX)
    group = (mx.cumsum(new.astype(_INDEX)) - 1).astype(_INDEX)
    inverse = group[mx.argsort(order)]
    return values, order[starts], inverse, counts, group


# mlx 0.32.4: no unique_all (mx.unique takes no options)
def unique_all(x: mx.array, /) -> UniqueAllResult:
    """Unique values, first indices, inverse indices and counts. Evaluates ``x``."""
    values, indices, inverse, counts, _ = _unique(x)
    return UniqueAllResult(values, indices, inverse.reshape(x.shape), counts)


# mlx 0.32.4: no unique_counts
def unique_counts(x: mx.array, /) -> UniqueCountsResult:
    """Unique values and their counts. Evaluates ``x``."""
    values, _, _, counts, _ = _unique(x)
    return UniqueCountsResult(values, counts)


# mlx 0.32.4: no unique_inverse
def unique_inverse(x: mx.array, /) -> UniqueInverseResult:
    """Unique values and inverse indices. Evaluates ``x``."""
    values, _, inverse, _, _ = _unique(x)
    return UniqueInverseResult(values, inverse.reshape(x.shape))


# mlx 0.32.4: no unique_values
def unique_values(x: mx.array, /) -> mx.array:
    """Unique values. Evaluates ``x``."""
    return _unique(x)[0]


# mlx 0.32.4: no mx.isin
def isin(x1: Any, x2: Any, /, *, invert: _pybool = False) -> mx.array:
    a = x1 if isinstance(x1, mx.array) else _scalar_like(x1, x2)
    b = x2 if isinstance(x2, mx.array) else _scalar_like(x2, a)
    dt = mx.result_type(a, b)
    a = a.astype(dt)
    b = b.reshape(-1).astype(dt)
    if b.size == 0:
        found = mx.zeros(a.shape, dtype=mx.bool_)
    else:
        s = mx.sort(b)
        pos = mx.minimum(mx.searchsorted(s, a.reshape(-1)), b.size - 1)
        found = (s[pos] == a.reshape(-1)).reshape(a.shape)
    return mx.logical_not(found) if invert else found
