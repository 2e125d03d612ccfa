"""Manipulation functions of the torch namespace: torch's own call for the common forms
(an int axis, no copy request), array-api-compat's wrapper for the rest."""

import builtins as _builtins

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import (
    broadcast_arrays,
    broadcast_shapes,
    moveaxis,
    permute_dims,
    stack,
    tile,
)

__all__ = [
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "concat",
    "expand_dims",
    "flip",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "squeeze",
    "stack",
    "tile",
    "unstack",
]

_int = _builtins.int
_AXES = tuple(tuple(_builtins.range(ndim)) for ndim in _builtins.range(65))
_compat_squeeze, _compat_flip = _compat.squeeze, _compat.flip
_compat_expand_dims, _compat_repeat = _compat.expand_dims, _compat.repeat
_compat_reshape, _compat_concat, _compat_unstack = _compat.reshape, _compat.concat, _compat.unstack


def squeeze(x, /, axis):
    """x without the given axes, each of which must have length 1.

    >>> import torch
    >>> squeeze(torch.ones(1, 3), 0).shape
    torch.Size([3])
    """
    if type(axis) is _int:
        # torch.squeeze raises IndexError out of range and leaves an axis of another
        # length in place (then array-api-compat raises); two ndim reads cost less than x.shape
        out = _torch.squeeze(x, axis)
        if out.ndim < x.ndim:
            return out
    return _compat_squeeze(x, axis)


def flip(x, /, *, axis=None, **kwargs):
    """x with the order of its elements reversed along ``axis`` (every axis by default).

    >>> import torch
    >>> flip(torch.tensor([[1, 2], [3, 4]]), axis=1).tolist()
    [[2, 1], [4, 3]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.flip(x, axis=axis, **kwargs)
    if axis is None:
        return _torch.flip(x, _AXES[x.ndim])
    if type(axis) is _int:
        return _torch.flip(x, (axis,))
    return _compat_flip(x, axis=axis)


def roll(x, /, shift, *, axis=None, **kwargs):
    """x with its elements shifted by ``shift`` along ``axis`` (the flattened array when None), wrapping around.

    >>> import torch
    >>> roll(torch.tensor([1, 2, 3]), 1).tolist()
    [3, 1, 2]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.roll(x, shift, axis=axis, **kwargs)
    if axis is None:
        return _torch.roll(x, shift)
    return _torch.roll(x, shift, axis)


def broadcast_to(x, /, shape, **kwargs):
    """x broadcast to ``shape`` (a view).

    >>> import torch
    >>> broadcast_to(torch.tensor([1, 2]), (2, 2)).tolist()
    [[1, 2], [1, 2]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.broadcast_to(x, shape, **kwargs)
    return _torch.broadcast_to(x, shape)


def expand_dims(x, /, axis):
    """x with a new axis of length 1 at ``axis`` (or at each of a tuple of axes).

    >>> import torch
    >>> expand_dims(torch.ones(3), 0).shape
    torch.Size([1, 3])
    """
    if type(axis) is _int:
        return _torch.unsqueeze(x, axis)
    return _compat_expand_dims(x, axis)


def repeat(x, repeats, /, *, axis=None):
    """Each element of x repeated ``repeats`` times along ``axis`` (the flattened array when None).

    >>> import torch
    >>> repeat(torch.tensor([1, 2]), 2).tolist()
    [1, 1, 2, 2]
    """
    if type(repeats) is _int:
        if axis is None:
            return _torch.repeat_interleave(x, repeats)
        return _torch.repeat_interleave(x, repeats, axis)
    return _compat_repeat(x, repeats, axis=axis)


def reshape(x, /, shape, *, copy=None, **kwargs):
    """x with the given shape (a view where torch can make one, unless ``copy=True``).

    >>> import torch
    >>> reshape(torch.arange(6), (2, -1)).shape
    torch.Size([2, 3])
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.reshape(x, shape, copy=copy, **kwargs)
    if copy is None:
        return _torch.reshape(x, shape)
    return _compat_reshape(x, shape, copy=copy)


def concat(arrays, /, *, axis=0, **kwargs):
    """The arrays joined along ``axis`` (flattened first when ``axis`` is None).

    >>> import torch
    >>> concat([torch.ones(2), torch.zeros(1)]).tolist()
    [1.0, 1.0, 0.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.concat(arrays, axis=axis, **kwargs)
    if axis == 0:
        return _torch.cat(arrays)
    if axis is None:
        return _compat_concat(arrays, axis=None)
    return _torch.cat(arrays, axis)


def unstack(x, /, *, axis=0):
    """The slices of x along ``axis``, as a tuple of views (``torch.unbind``).

    >>> import torch
    >>> [t.tolist() for t in unstack(torch.tensor([[1, 2], [3, 4]]))]
    [[1, 2], [3, 4]]
    """
    if x.ndim == 0:
        return _compat_unstack(x, axis=axis)  # its ValueError
    return _torch.unbind(x, axis)
