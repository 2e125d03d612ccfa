"""PyTorch fast paths for ``ember_ml.ops.stats`` (found by ``ember_ml._hooks.fast_path``).

Each takes arguments already checked and converted by the public function; a
fast path may return None to hand a case back to the generic implementation.
"""

from __future__ import annotations

import torch

# Up to this many order statistics, selection (``torch.kthvalue``, O(n) each) beats
# sorting (what ``torch.quantile`` and the generic code do).
_MAX_SELECTIONS = 4


def order_statistics(y, positions):
    """The order statistics of y's last axis at the given static positions, each kept as a length-1 axis."""
    if len(positions) > _MAX_SELECTIONS or y.dtype not in (torch.float32, torch.float64):
        return None
    return {p: torch.kthvalue(y, p + 1, dim=-1, keepdim=True).values for p in positions}


def logsumexp(x, axes, keepdims):
    """``torch.logsumexp`` over the given axes."""
    if x.ndim == 0:
        return None
    return torch.logsumexp(x, dim=axes, keepdim=keepdims)


def bincount_fixed(x, length, weights):
    """Counts or weight sums of the values in [0, length) by ``scatter_add_`` into a fresh tensor (static shape)."""
    valid = x >= 0
    if length <= torch.iinfo(x.dtype).max:
        valid = valid & (x < length)
    idx = torch.where(valid, x.to(torch.int64), length)
    src = torch.ones_like(idx) if weights is None else weights
    out = torch.zeros(length + 1, dtype=src.dtype, device=x.device)
    return out.scatter_add_(0, idx, src)[:length]
