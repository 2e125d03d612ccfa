"""MLX linalg on batches of tiny float64 matrices: the right answer, in a process that survives.

(The LAPACK input guard once ran under a shapeless ``mx.compile``, which read out of
bounds for a batch of 1x1 float64 matrices and killed the process.)
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("mlx.core", reason="mlx is not installed")

_PROGRAM = """
import numpy as np, mlx.core as mx
import ember_ml.backend.mlx as xp
for shape in [(2, 1, 1), (3, 1, 1), (1, 1), (2, 2, 2), (4, 3, 3)]:
    for dtype in ("float32", "float64"):
        a = np.broadcast_to(np.eye(shape[-1]) * 4.0, shape).astype(dtype)
        a = np.ascontiguousarray(a)
        np.testing.assert_allclose(np.asarray(xp.linalg.cholesky(mx.array(a))), np.linalg.cholesky(a), rtol=1e-6)
        np.testing.assert_allclose(np.asarray(xp.linalg.inv(mx.array(a))), np.linalg.inv(a), rtol=1e-6)
print("ok")
"""


def test_cholesky_and_inv_of_small_batches_match_numpy_in_a_surviving_process():
    proc = subprocess.run(
        [sys.executable, "-c", _PROGRAM], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
