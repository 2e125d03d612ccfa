"""Sorting functions of the torch namespace: ``torch.sort``/``torch.argsort`` along the last
axis, ascending (stable by default); array-api-compat's wrapper for the rest."""

import array_api_compat.torch as _compat
import torch as _torch

__all__ = ["argsort", "sort"]

_torch_sort = _torch.sort
_compat_sort, _compat_argsort = _compat.sort, _compat.argsort


def sort(x, /, *, axis=-1, descending=False, stable=True, **kwargs):
    """Sorted copy of x along ``axis`` (stable by default, as the standard asks).

    >>> import torch
    >>> sort(torch.tensor([3, 1, 2])).tolist()
    [1, 2, 3]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.sort(x, axis=axis, descending=descending, stable=stable, **kwargs)
    if axis == -1 and not descending:
        return (_torch_sort(x, stable=True) if stable else _torch_sort(x))[0]
    return _compat_sort(x, axis=axis, descending=descending, stable=stable)


def argsort(x, /, *, axis=-1, descending=False, stable=True, **kwargs):
    """Indices that sort x along ``axis`` (stable by default: ties keep their order).

    >>> import torch
    >>> argsort(torch.tensor([3, 1, 1])).tolist()
    [1, 2, 0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.argsort(x, axis=axis, descending=descending, stable=stable, **kwargs)
    if axis == -1 and not descending:
        return _torch.argsort(x, stable=True) if stable else _torch.argsort(x)
    return _compat_argsort(x, axis=axis, descending=descending, stable=stable)
