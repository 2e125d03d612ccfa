"""Searching functions of the torch namespace: array-api-compat's argmax, argmin and
searchsorted; ``where`` and the whole-array ``count_nonzero`` call torch directly, and
``nonzero`` refuses a 0-d tensor."""

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import argmax, argmin, searchsorted
from array_api_compat.torch import where as _compat_where

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]

_Tensor = _torch.Tensor
_compat_count_nonzero = _compat.count_nonzero


def where(condition, x1, x2, /):
    """Elements of x1 where condition is true, else of x2, with the standard's promotion.

    Tensors of one dtype go straight to ``torch.where``; otherwise
    array-api-compat corrects torch's 0-D promotion first.

    >>> import torch
    >>> where(torch.tensor([True, False]), torch.ones(2), torch.zeros(2)).tolist()
    [1.0, 0.0]
    """
    if type(x1) is _Tensor is type(x2) and x1.dtype is x2.dtype:
        return _torch.where(condition, x1, x2)
    return _compat_where(condition, x1, x2)


def count_nonzero(x, /, *, axis=None, keepdims=False):
    """Number of nonzero elements of x over the given axes (an int64 tensor).

    >>> import torch
    >>> count_nonzero(torch.tensor([0.0, 2.0, -1.0])).item()
    2
    """
    if axis is None and not keepdims:
        return _torch.count_nonzero(x)
    return _compat_count_nonzero(x, axis=axis, keepdims=keepdims)


def nonzero(x, /, **kwargs):
    """Indices of the nonzero elements of x, one int64 tensor per axis (x must have an axis).

    The output's shape depends on the data, so this waits for x's values.

    >>> import torch
    >>> nonzero(torch.tensor([0, 3, 0, 5]))[0].tolist()
    [1, 3]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.nonzero(x, **kwargs)
    if x.ndim == 0:
        raise ValueError("nonzero() does not support zero-dimensional arrays")
    return _torch.nonzero(x, as_tuple=True)
