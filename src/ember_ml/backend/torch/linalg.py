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

# the package's __init__ imports this module after defining these
from ember_ml.backend.torch import matmul, matrix_transpose, tensordot, vecdot  # noqa: F401


def _finite_matrices(x):
    """(per-matrix "holds NaN/inf" mask, x with those matrices zeroed)."""
    bad = ~_torch.isfinite(x).all(dim=-1).all(dim=-1)
    return bad, _torch.where(bad[..., None, None], _torch.zeros((), dtype=x.dtype, device=x.device), x)


def _nan_where(bad, result):
    """``result`` with NaN in the slices of the matrices marked ``bad``."""
    nan = _torch.tensor(complex(float("nan"), float("nan")), dtype=result.dtype, device=result.device)
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
