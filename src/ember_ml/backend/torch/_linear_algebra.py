"""Linear algebra functions of the main torch namespace: direct forms for tensors of one dtype.

``torch.linalg`` (``linalg.py``) uses these same functions.
"""

import array_api_compat.torch as _compat
import torch as _torch

from ember_ml.backend.torch._factories import _same_dtype_fast_path

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]

_Tensor = _torch.Tensor
_compat_vecdot = _compat.vecdot
_torch_vecdot = _torch.linalg.vecdot
_compat_tensordot = _compat.tensordot

matmul = _same_dtype_fast_path(_compat.matmul, _torch.matmul)


def vecdot(x1, x2, /, *, axis=-1, **kwargs):
    """Dot products of vectors along ``axis`` (x1 conjugated), with broadcasting over the rest.

    Tensors with equal contracted lengths and a negative ``axis`` go straight to
    ``torch.linalg.vecdot`` (``dim`` passed only when it is not -1: torch's parser
    charges for the keyword). torch raises RuntimeError for what it does not take
    (two dtypes, integer or bool tensors); those go through array-api-compat,
    which promotes or computes them. The length check stays: torch broadcasts a
    length-1 contracted axis, the standard does not.

    >>> import torch
    >>> vecdot(torch.ones(2, 3), torch.ones(3)).tolist()
    [3.0, 3.0]
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.vecdot(x1, x2, axis=axis, **kwargs)
    if type(x1) is _Tensor is type(x2):
        try:
            if axis == -1 and x1.ndim == 1 == x2.ndim:  # torch refuses unequal 1-D lengths itself
                return _torch_vecdot(x1, x2)
            if x1.shape[axis] == x2.shape[axis] and axis < 0:
                return _torch_vecdot(x1, x2) if axis == -1 else _torch_vecdot(x1, x2, dim=axis)
        except (IndexError, TypeError, RuntimeError):  # 0-d input, bad axis, dtypes torch refuses
            pass
    return _compat_vecdot(x1, x2, axis=axis)


def matrix_transpose(x, /):
    """Transpose of each matrix in x (the last two axes swapped).

    >>> import torch
    >>> matrix_transpose(torch.ones(2, 3)).shape
    torch.Size([3, 2])
    """
    if x.ndim < 2:  # torch's x.mT is the identity on 0-d tensors (with a deprecation warning)
        raise ValueError(
            f"matrix_transpose needs at least 2 dimensions, got shape {tuple(x.shape)}"
        )
    return x.mT


def tensordot(x1, x2, /, *, axes=2, **kwargs):
    """Tensor contraction of x1 and x2 over ``axes`` (an int, or two sequences of axes).

    Tensors of one dtype go straight to ``torch.tensordot``; otherwise
    array-api-compat applies the standard's promotion first.

    >>> import torch
    >>> tensordot(torch.ones(2, 3), torch.ones(3, 4), axes=1).shape
    torch.Size([2, 4])
    """
    if kwargs:  # library keywords (out=, requires_grad=, ...): array-api-compat passes them on
        return _compat.tensordot(x1, x2, axes=axes, **kwargs)
    if type(axes) is not int and hasattr(axes, "__index__") and not isinstance(axes, bool):
        axes = axes.__index__()  # a NumPy integer: torch takes Python ints only
    try:
        if type(x1) is _Tensor is type(x2) and x1.dtype is x2.dtype:
            return _torch.tensordot(x1, x2, axes)
        return _compat_tensordot(x1, x2, axes=axes)
    except RuntimeError as error:  # torch's word for bad axes (NumPy and the standard: ValueError)
        raise ValueError(f"tensordot: {error}") from None
