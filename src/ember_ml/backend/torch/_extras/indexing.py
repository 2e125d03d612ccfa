"""torch fast paths for ``ember_ml.ops.indexing``: out-of-place ``index_add`` / ``scatter_reduce``.

Both are functional (a new tensor; autograd records them) and raise
``IndexError``/``RuntimeError`` themselves for an out-of-range or negative index
on the CPU, so valid input pays no extra pass (``native_bounds_check``); the
caller then checks, wraps negative indices and retries. On other devices a bad
index is a fatal device assert, so the caller checks first. Inside
``torch.compile`` (``is_traced``) the caller masks instead of raising.

>>> import torch
>>> scatter(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1, 1, 0]), 2, "sum", 0)
tensor([3., 3.])
"""

from __future__ import annotations

from typing import Any

import torch

_REDUCE = {"prod": "prod", "max": "amax", "min": "amin"}


def is_traced(indices: Any) -> bool:
    """True while torch.compile traces the call."""
    return torch.compiler.is_compiling()


def native_bounds_check(indices: Any) -> str:
    """The CPU kernels raise on any index outside [0, n); other devices assert fatally."""
    return "raise" if indices.device.type == "cpu" else ""


def scatter(
    values: Any, indices: Any, n: int, reduce: str, axis: int, presorted: bool = False
) -> Any:
    """Reduce ``values`` along ``axis`` into ``n`` slots (``reduce`` in sum/prod/max/min/count)."""
    if indices.dtype not in (torch.int64, torch.int32):
        indices = indices.to(torch.int64)
    if reduce == "count":
        ones = torch.ones(indices.shape, dtype=torch.int64, device=indices.device)
        return torch.zeros(n, dtype=torch.int64, device=indices.device).index_add(0, indices, ones)
    shape = list(values.shape)
    shape[axis] = n
    out = torch.zeros(shape, dtype=values.dtype, device=values.device)
    if reduce == "sum":
        return out.index_add(axis, indices, values)
    view = [1] * values.ndim
    view[axis] = indices.shape[0]
    index = indices.to(torch.int64).reshape(view).expand(values.shape)
    return out.scatter_reduce(axis, index, values, _REDUCE[reduce], include_self=False)
