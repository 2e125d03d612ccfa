"""NumPy fast paths for the ``ember_ml.ops.linalg`` extras (found by ``ember_ml._hooks.fast_path``).

Each takes arguments already checked and promoted by the public function.
"""

from __future__ import annotations

import numpy as np


def lstsq(a, b, rcond):
    """``np.linalg.lstsq`` (LAPACK gelsd); the rank as a Python int."""
    x, residuals, rank, s = np.linalg.lstsq(a, b, rcond=rcond)
    return x, residuals, int(rank), s


def diag(x, k):
    """``np.diag`` (a copy, never a view)."""
    return np.diag(x, k).copy()
