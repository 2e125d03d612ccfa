"""PyTorch fast paths for the ``ember_ml.ops.linalg`` extras (found by ``ember_ml._hooks.fast_path``).

Each takes arguments already checked and promoted by the public function.
"""

from __future__ import annotations

import torch


def diag(x, k):
    """``torch.diag``."""
    return torch.diag(x, k)


def solve_triangular(a, b, lower):
    """``torch.linalg.solve_triangular`` (a 1-D b as one column)."""
    if b.ndim == 1:
        return torch.linalg.solve_triangular(a, b[:, None], upper=not lower)[..., 0]
    return torch.linalg.solve_triangular(a, b, upper=not lower)


def cholesky_solve(c, b, lower):
    """``torch.cholesky_solve`` (a 1-D b as one column)."""
    if b.ndim == 1:
        return torch.cholesky_solve(b[:, None], c, upper=not lower)[..., 0]
    return torch.cholesky_solve(b, c, upper=not lower)


def expm(x):
    """``torch.linalg.matrix_exp`` (no evaluation: works under torch.compile).

    torch picks its scaling from the 1-norm; when that norm overflows (a float32 matrix of
    3.4e38 entries) it answers the identity. Those matrices give NaN, as SciPy's expm does.
    """
    out = torch.linalg.matrix_exp(x)
    if x.numel() == 0:
        return out
    norm = torch.linalg.matrix_norm(x, ord=1)
    return torch.where(torch.isinf(norm)[..., None, None], torch.nan, out)
