"""Utility functions of the torch namespace: ``torch.any``/``torch.all`` for a whole bool
tensor, ``torch.diff`` without prepend/append; array-api-compat's wrapper for the rest."""

import array_api_compat.torch as _compat
import torch as _torch

__all__ = ["all", "any", "diff"]

_compat_any, _compat_all = _compat.any, _compat.all
_compat_diff = _compat.diff
_bool = _torch.bool


def any(x, /, *, axis=None, keepdims=False, **kwargs):
    """Whether any element of x is true over ``axis`` (a bool tensor).

    >>> import torch
    >>> any(torch.tensor([False, True])).item()
    True
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.any(x, axis=axis, keepdims=keepdims, **kwargs)
    if axis is None and not keepdims and x.dtype is _bool:
        return _torch.any(x)
    return _compat_any(x, axis=axis, keepdims=keepdims)


def all(x, /, *, axis=None, keepdims=False, **kwargs):
    """Whether every element of x is true over ``axis`` (a bool tensor).

    >>> import torch
    >>> all(torch.tensor([False, True])).item()
    False
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.all(x, axis=axis, keepdims=keepdims, **kwargs)
    if axis is None and not keepdims and x.dtype is _bool:
        return _torch.all(x)
    return _compat_all(x, axis=axis, keepdims=keepdims)


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None):
    """n-th discrete difference of x along ``axis``, after prepending/appending the given arrays.

    >>> import torch
    >>> diff(torch.tensor([1, 4, 9, 16])).tolist()
    [3, 5, 7]
    """
    if prepend is None and append is None:
        if axis == -1 and n == 1:
            return _torch.diff(x)
        return _torch.diff(x, n, axis)
    return _compat_diff(x, axis=axis, n=n, prepend=prepend, append=append)
