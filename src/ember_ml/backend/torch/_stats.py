"""PyTorch fast paths for ``ember_ml.ops.stats`` (found by ``ember_ml.ops._extras.fast_path``).

Each takes arguments already checked and converted by the public function; a
fast path may return None to hand a case back to the generic implementation.
"""

from __future__ import annotations

import torch

_TORCH_METHODS = frozenset(("linear", "lower", "higher", "nearest", "midpoint"))
_TORCH_QUANTILE_LIMIT = 2**24  # torch.quantile refuses larger inputs


def quantile(x, qs, scalar, axis, keepdims, method):
    """``torch.quantile`` where it applies: one axis (or all), a torch method, a non-empty input it accepts."""
    if (method not in _TORCH_METHODS or isinstance(axis, tuple) or x.numel() == 0 or x.ndim == 0
            or x.numel() > _TORCH_QUANTILE_LIMIT or x.dtype not in (torch.float32, torch.float64)):
        return None
    q = qs[0] if scalar else torch.tensor(qs, dtype=x.dtype, device=x.device)
    if axis is None and keepdims:
        out = torch.quantile(x.reshape(-1), q, dim=0, interpolation=method)
        return out.reshape((*out.shape, *(1,) * x.ndim))
    return torch.quantile(x, q, dim=axis, keepdim=keepdims, interpolation=method)


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
