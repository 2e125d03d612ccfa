"""MLX fast paths for ``ember_ml.ops.stats`` (found by ``ember_ml._hooks.fast_path``).

Each takes arguments already checked and converted by the public function; a
fast path may return None to hand a case back to the generic implementation.
"""

from __future__ import annotations

import mlx.core as mx

from ember_ml.backend.mlx._extras.indexing import check_allocation  # noqa: F401 - found by fast_path

# Up to this many order statistics, ``mx.partition`` (O(n) each) beats a full sort.
_MAX_SELECTIONS = 4


def order_statistics(y, positions):
    """The order statistics of y's last axis at the given static positions, each kept as a length-1 axis."""
    if len(positions) > _MAX_SELECTIONS:
        return None
    return {p: mx.partition(y, p, axis=-1)[..., p : p + 1] for p in positions}


def logsumexp(x, axes, keepdims):
    """``mx.logsumexp`` over the given axes.

    float64 goes generic: ``mx.exp`` (and so ``mx.logsumexp``) is accurate only to
    about 1e-9 relative there; the generic code uses the namespace's exact ``exp``.
    """
    if x.ndim == 0 or x.dtype == mx.float64:
        return None
    return mx.logsumexp(x, axis=list(axes), keepdims=keepdims)


def bincount_fixed(x, length, weights):
    """Counts or weight sums of the values in [0, length) by ``.at[].add`` (static shape).

    Values outside [0, length) go to a spare last slot that is dropped, so MLX
    never sees an out-of-range index.
    """
    valid = x >= 0
    if length <= mx.iinfo(x.dtype).max:
        valid = valid & (x < mx.array(length, dtype=x.dtype))
    idx = mx.where(valid, x.astype(mx.int64), mx.array(length, dtype=mx.int64))
    src = mx.ones(idx.shape, dtype=mx.int32) if weights is None else weights
    out = mx.zeros((length + 1,), dtype=src.dtype).at[idx].add(src)
    return out[:length]
