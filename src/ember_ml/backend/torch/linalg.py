"""ember_ml's torch ``linalg``: array-api-compat's, with ``eig``/``eigvals`` safe on non-finite input.

torch's LAPACK path (oneMKL) segfaults on a matrix holding NaN or inf. Such
matrices are replaced by zeros before torch sees them and their results become
NaN -- elementwise ops only, no host sync, as ember_ml's MLX namespace does.
``matmul``, ``tensordot``, ``vecdot`` and ``matrix_transpose`` are the main
namespace's functions (its direct paths for tensors of one dtype); everything
else is array-api-compat's function object.
"""

import torch as _torch
from array_api_compat.torch import linalg as _compat
from array_api_compat.torch.linalg import *  # noqa: F403
from array_api_compat.torch.linalg import __all__  # noqa: F401
from torch import Tensor as _Tensor

# the main namespace's functions (its direct paths for tensors of one dtype)
from ember_ml.backend.torch._linear_algebra import (  # noqa: F401
    matmul,
    matrix_transpose,
    tensordot,
    vecdot,
)

_FLOATING = frozenset((_torch.float16, _torch.bfloat16, _torch.float32, _torch.float64))
_compat_trace, _compat_vector_norm, _compat_solve = (
    _compat.trace,
    _compat.vector_norm,
    _compat.solve,
)
_torch_trace, _torch_vector_norm, _torch_solve = (
    _torch.trace,
    _torch.linalg.vector_norm,
    _torch.linalg.solve,
)


def trace(x, /, *, offset=0, dtype=None):
    """Sum of the diagonal of each matrix: ``torch.trace`` for one real floating matrix.

    >>> import torch
    >>> trace(torch.tensor([[1.0, 2.0], [3.0, 4.0]])).item()
    5.0
    """
    if offset == 0 and dtype is None and x.ndim == 2 and x.dtype in _FLOATING:
        return _torch_trace(x)
    return _compat_trace(x, offset=offset, dtype=dtype)


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2, **kwargs):  # noqa: A002
    """The ``ord``-norm of x over ``axis``: ``torch.linalg.vector_norm`` for the whole-array 2-norm of real floats.

    >>> import torch
    >>> vector_norm(torch.tensor([3.0, 4.0])).item()
    5.0
    """
    if kwargs:  # library keywords (out=, dtype=, ...): array-api-compat passes them on
        return _compat_vector_norm(x, axis=axis, keepdims=keepdims, ord=ord, **kwargs)
    if axis is None and ord == 2 and not keepdims and x.dtype in _FLOATING:
        return _torch_vector_norm(x)
    return _compat_vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)


def solve(x1, x2, /, **kwargs):
    """The solution of x1 @ y = x2: ``torch.linalg.solve`` for two matrices of one dtype.

    >>> import torch
    >>> solve(torch.eye(2) * 2.0, torch.ones(2, 1)).flatten().tolist()
    [0.5, 0.5]
    """
    if kwargs:  # library keywords (left=, out=): array-api-compat passes them on
        return _compat_solve(x1, x2, **kwargs)
    if (
        type(x1) is _Tensor
        and type(x2) is _Tensor
        and x1.ndim == 2
        and x2.ndim == 2
        and x1.dtype is x2.dtype
    ):
        return _torch_solve(x1, x2)
    return _compat_solve(x1, x2)


def _finite_matrices(x):
    """(per-matrix "holds NaN/inf" mask, x with those matrices zeroed)."""
    bad = ~_torch.isfinite(x).all(dim=-1).all(dim=-1)
    return bad, _torch.where(
        bad[..., None, None], _torch.zeros((), dtype=x.dtype, device=x.device), x
    )


def _nan_where(bad, result):
    """``result`` with NaN in the slices of the matrices marked ``bad``."""
    nan = _torch.tensor(
        complex(float("nan"), float("nan")), dtype=result.dtype, device=result.device
    )
    return _torch.where(bad.reshape(bad.shape + (1,) * (result.ndim - bad.ndim)), nan, result)


def eig(x, /):
    """Eigenvalues and eigenvectors of each square matrix; a matrix holding NaN/inf gives NaN.

    >>> import math, torch
    >>> eig(torch.tensor([[math.nan, 0.0], [0.0, 1.0]])).eigenvalues.isnan().tolist()
    [True, True]
    """
    if x.ndim < 2 or not (x.dtype.is_floating_point or x.dtype.is_complex):
        return _compat.eig(x)
    bad, clean = _finite_matrices(x)
    result = _compat.eig(clean)
    return type(result)(tuple(_nan_where(bad, part) for part in result))


def eigvals(x, /):
    """Eigenvalues of each square matrix; a matrix holding NaN/inf gives NaN.

    >>> import torch
    >>> eigvals(torch.tensor([[2.0, 0.0], [0.0, float("inf")]])).isnan().tolist()
    [True, True]
    """
    if x.ndim < 2 or not (x.dtype.is_floating_point or x.dtype.is_complex):
        return _compat.eigvals(x)
    bad, clean = _finite_matrices(x)
    return _nan_where(bad, _compat.eigvals(clean))
