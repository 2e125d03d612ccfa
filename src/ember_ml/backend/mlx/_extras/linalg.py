"""MLX fast paths for the ``ember_ml.ops.linalg`` extras (found by ``ember_ml._hooks.fast_path``).

Each takes arguments already checked and promoted by the public function.
MLX runs its triangular solve on the CPU stream only.
"""

from __future__ import annotations

import mlx.core as mx

from ember_ml.backend.mlx._extras.indexing import check_allocation  # noqa: F401 - found by fast_path


def diag(x, k):
    """``mx.diag``."""
    return mx.diag(x, k=k)


def solve_triangular(a, b, lower):
    """``mx.linalg.solve_triangular`` on the CPU stream (real a only; complex goes generic)."""
    if a.dtype in (mx.complex64,) or b.dtype in (mx.complex64,) or a.ndim != 2 or b.ndim > 2:
        return _generic(a, b, lower)
    column = b.ndim == 1
    # a zero on the diagonal makes MLX's *trtri throw in its worker thread (then the stream
    # can hang): such a system is solved with the identity and answers NaN
    singular = mx.any(mx.diagonal(a) == 0)
    a = mx.where(singular, mx.eye(a.shape[0], dtype=a.dtype), a)
    out = mx.linalg.solve_triangular(a, b[:, None] if column else b, upper=not lower, stream=mx.cpu)
    out = mx.where(singular, mx.array(float("nan"), dtype=out.dtype), out)
    return out[:, 0] if column else out


def _generic(a, b, lower):
    from ember_ml.backend.mlx import linalg, tril, triu

    return linalg.solve(tril(a) if lower else triu(a), b)
