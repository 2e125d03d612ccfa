"""Indexing functions of the torch namespace: ``take`` through ``torch.take`` or advanced
indexing, ``take_along_axis`` through ``torch.gather`` (which checks the indices: an
out-of-range one is an ``IndexError``, where ``torch.take_along_dim`` silently wraps)."""

import builtins as _builtins

import array_api_compat.torch as _compat
import torch as _torch

__all__ = ["take", "take_along_axis"]

_Tensor = _torch.Tensor
_int = _builtins.int
_INDEX_DTYPES = frozenset((_torch.int64, _torch.int32))
# torch indexes with int32/int64 only (index_select refuses the rest; advanced indexing reads uint8 as a mask)
_SMALL_INDEX_DTYPES = frozenset((_torch.int16, _torch.int8, _torch.uint8))
_compat_take = _compat.take
_torch_take = _torch.take


def take(x, indices, /, *, axis=None, **kwargs):
    """Elements of x at the 1-D integer ``indices`` along ``axis`` (negative indices count from the end).

    On the CPU, a 1-D x with int64 indices goes to ``torch.take``; other integer
    index tensors (8- and 16-bit ones widened to int64 first) go through torch's advanced indexing (one kernel; both handle
    negative indices and raise ``IndexError`` out of range); other forms go
    through array-api-compat.

    >>> import torch
    >>> take(torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([2, -3]), axis=1).tolist()
    [[3, 1], [6, 4]]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.take(x, indices, axis=axis, **kwargs)
    try:
        if axis is None or axis == 0 or axis == -1:
            # 1-D x (the usual form): torch.take is one kernel, wraps negative indices and
            # raises IndexError out of range; it takes int64 indices only (RuntimeError otherwise)
            if (
                type(x) is _Tensor is type(indices)
                and x.ndim == 1
                and indices.ndim == 1
                and x.is_cpu
            ):
                try:
                    return _torch_take(x, indices)
                except RuntimeError:
                    pass
        if type(indices) is _Tensor and indices.dtype in _SMALL_INDEX_DTYPES:
            indices = indices.to(_torch.int64)
        if (
            type(indices) is _Tensor
            and indices.ndim == 1
            and indices.dtype in _INDEX_DTYPES
            and type(x) is _Tensor
            and x.ndim
            and x.device.type == "cpu" == indices.device.type
        ):
            if axis is None:
                if x.ndim == 1:
                    return x[indices]
            elif type(axis) is _int and -x.ndim <= axis < x.ndim:
                return x[(slice(None),) * (axis % x.ndim) + (indices,)]
        return _compat_take(x, indices, axis=axis)
    except RuntimeError as error:  # some shapes report an out-of-range index as a RuntimeError
        if "bounds" in str(error) or "out of range" in str(error):
            raise IndexError(str(error)) from None
        raise


def take_along_axis(x, indices, /, *, axis=-1):
    """Elements of x at ``indices`` along ``axis``; the other axes broadcast.

    ``torch.take_along_dim`` (what array-api-compat calls) silently wraps an
    out-of-range index; ``torch.gather`` checks it, and the error becomes an
    ``IndexError`` as for NumPy and MLX.

    >>> import torch
    >>> take_along_axis(torch.tensor([[10, 20, 30]]), torch.tensor([[2, -1, 0]]), axis=1).tolist()
    [[30, 30, 10]]
    """
    if not -x.ndim <= axis < x.ndim:  # (``%`` would wrap it onto a valid axis)
        raise IndexError(f"axis {axis} is out of bounds for an array of dimension {x.ndim}")
    axis = axis % x.ndim
    if (
        x.device.type == "cpu"
        and indices.dtype == _torch.int64
        and indices.ndim == x.ndim
        and indices.shape[:axis] == x.shape[:axis]
        and indices.shape[axis + 1 :] == x.shape[axis + 1 :]
    ):
        try:  # the common case: same shapes, indices in [0, size); anything else takes the path below
            return _torch.gather(x, axis, indices)
        except RuntimeError:
            pass
    size = x.shape[axis]
    indices = _torch.where(indices < 0, indices + size, indices)
    others = _torch.broadcast_shapes(
        x.shape[:axis] + (1,) + x.shape[axis + 1 :],
        indices.shape[:axis] + (1,) + indices.shape[axis + 1 :],
    )
    x_shape, indices_shape = list(others), list(others)
    x_shape[axis], indices_shape[axis] = size, indices.shape[axis]
    try:
        return _torch.gather(x.expand(x_shape), axis, indices.expand(indices_shape))
    except RuntimeError as error:
        if "out of bounds" in str(error):
            raise IndexError(str(error)) from None
        raise
