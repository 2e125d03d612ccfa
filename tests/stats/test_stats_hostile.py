"""Hostile input to the statistics and linear-algebra extras never crashes or hangs (DESIGN.md rule 5, issue 7).

Found with a crash probe: MLX's mean of an empty array made from a NumPy buffer
hangs (stats routes empty reductions around it), LAPACK ends the process on MLX
and segfaults torch for eig/eigvals of NaN/inf matrices (guarded lazily: NaN
results), MLX's triangular solve divides by zero on an empty system.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from ember_ml.backend import to_numpy
from ember_ml.ops import linalg, stats

# Hostile inputs run in a child process (RLIMIT_AS-limited, with a timeout), so that a
# regression to a crash or a hang fails this test instead of killing or stalling pytest.
_CHILD = r"""
import json, math, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import numpy as np
backend = sys.argv[1]
if backend == "mlx":
    import mlx.core as mx
    def A(obj, dtype=None):
        return mx.array(np.asarray(obj, dtype=dtype))
    def force(r):
        leaves = [v for v in (r if isinstance(r, tuple) else (r,)) if isinstance(v, mx.array)]
        mx.eval(*leaves)
elif backend == "torch":
    import torch
    def A(obj, dtype=None):
        return torch.from_numpy(np.array(np.asarray(obj, dtype=dtype)))
    def force(r):
        pass
else:
    def A(obj, dtype=None):
        return np.asarray(obj, dtype=dtype)
    def force(r):
        pass
from ember_ml import ops
from ember_ml.backend import to_numpy
from ember_ml.ops import linalg, stats
env = {"A": A, "N": to_numpy, "np": np, "ops": ops, "stats": stats, "linalg": linalg, "nan": math.nan, "inf": math.inf}
for i, code in enumerate(json.loads(sys.stdin.read())):
    print("START", i, flush=True)
    try:
        result = eval(code, env)
        force(result)
        outcome = "wrong" if result is False else "returned"  # a check written as a bool expression
    except Exception as err:
        outcome = type(err).__name__
    print("END", i, outcome, flush=True)
"""
_LIMIT = 6 * 2**30  # bytes of address space for the child: the huge cases must fail cleanly under it


def run_hostile(backend: str, cases: list[tuple[str, str | tuple[str, ...]]], timeout: float = 60.0) -> None:
    """Run each ``(code, expected outcome(s))`` in one child process; fail on a crash, hang or surprise."""
    pytest.importorskip(backend)
    codes = [code for code, _ in cases]
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, backend, str(_LIMIT)], input=json.dumps(codes), capture_output=True,
            text=True, timeout=timeout, env={**os.environ, "EMBER_ML_BACKEND": backend, "OMP_NUM_THREADS": "1"},
        )
    except subprocess.TimeoutExpired as err:
        started = [line for line in (err.stdout or b"").decode().splitlines() if line.startswith("START")]
        last = codes[int(started[-1].split()[1])] if started else "(start-up)"
        pytest.fail(f"{backend}: hang (over {timeout} s) in {last}")
    outcomes: dict[int, str] = {}
    last = None
    for line in proc.stdout.splitlines():
        parts = line.split()
        if parts[0] == "START":
            last = int(parts[1])
        elif parts[0] == "END":
            outcomes[int(parts[1])] = parts[2]
    if proc.returncode != 0:
        where = codes[last] if last is not None else "(start-up)"
        pytest.fail(f"{backend}: the process died (status {proc.returncode}) in {where}\n{proc.stderr[-2000:]}")
    for i, (code, expected) in enumerate(cases):
        allowed = (expected,) if isinstance(expected, str) else expected
        assert outcomes.get(i) in allowed, f"{backend}: {code} gave {outcomes.get(i)}, expected one of {allowed}"


EMPTY_CASES = [
    # three tries each: the MLX hang struck in about 2 of 3 runs
    *[("stats.mean(A(np.zeros(0), 'float32'))", "returned")] * 3,
    *[("stats.mean(A(np.ones((2, 0, 3)), 'float32'), axis=1)", "returned")] * 3,
    ("stats.var(A(np.zeros(0), 'float32'), correction=1)", "returned"),
    ("stats.std(A(np.ones((2, 0, 3)), 'float32'), axis=1)", "returned"),
    ("stats.moment(A(np.zeros(0), 'float32'), order=3)", "returned"),
    ("stats.skew(A(np.zeros(0), 'float32'))", "returned"),
    ("stats.kurtosis(A(np.ones((2, 0)), 'float32'), axis=1)", "returned"),
    ("stats.zscore(A(np.zeros(0), 'float32'))", "returned"),
    ("stats.cov(A(np.ones((2, 0)), 'float32'))", "returned"),
]
BATCH = "A([[[inf, 1.0], [0.0, 1.0]], [[2.0, 1.0], [0.0, 3.0]]], 'float32')"
NON_FINITE_CASES = [
    ("linalg.eig(A([[nan, 2.0], [3.0, 4.0]], 'float32'))", "returned"),
    ("linalg.eigvals(A([[nan, 2.0], [3.0, 4.0]], 'float32'))", "returned"),
    ("linalg.eigvals(A([[inf, -inf], [nan, 4.0]], 'float32'))", "returned"),
    # NaN for the non-finite matrix; the finite one keeps its eigenvalues (NumPy's: 2 and 3)
    (f"bool(np.isnan(N(linalg.eigvals({BATCH}))[0]).all())", "returned"),
    (f"bool(np.allclose(np.sort(N(linalg.eigvals({BATCH}))[1].real), np.linalg.eigvals(np.diag([2.0, 3.0]))))",
     "returned"),
    (f"bool(np.isnan(N(linalg.eig({BATCH}).eigenvectors)[0]).all())", "returned"),
    (f"bool(np.allclose(np.sort(N(linalg.eig({BATCH}).eigenvalues)[1].real), [2.0, 3.0]))", "returned"),
]


def test_mlx_hostile_stats_linalg_calls_raise_or_return():
    run_hostile("mlx", [
        *EMPTY_CASES,
        *NON_FINITE_CASES,
        ("N(linalg.solve_triangular(A(np.zeros((0, 0)), 'float32'), A(np.zeros((0, 2)), 'float32'))).shape == (0, 2)",
         "returned"),
        ("linalg.solve_triangular(A(np.zeros((0, 0)), 'float32'), A(np.zeros(0), 'float32'), lower=True)",
         "returned"),
        ("linalg.cholesky_solve(A(np.zeros((0, 0)), 'float32'), A(np.zeros(0), 'float32'))", "returned"),
        ("stats.bincount(A([0, 2**40]))", "ValueError"),
        ("stats.bincount(A([0, 1]), minlength=2**30)", "MemoryError"),
        ("stats.histogram(A([0.0, 1.0], 'float32'), bins=2**31)", "ValueError"),
        ("linalg.orthogonal((2**16, 2**16), like=A([0.0], 'float32'))", "ValueError"),
    ])


def test_torch_eig_of_non_finite_matrices_does_not_segfault():
    run_hostile("torch", NON_FINITE_CASES)


def test_empty_reductions_give_numpy_nan(xp):
    """The route around the library's mean gives NumPy's answer: NaN in the reduced shape."""
    x = xp.zeros((2, 0, 3), dtype=xp.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = np.zeros((2, 0, 3), dtype=np.float32)
        cases = [
            (stats.mean(x, axis=1), np.mean(ref, axis=1)),
            (stats.mean(x, axis=(0, 1), keepdims=True), np.mean(ref, axis=(0, 1), keepdims=True)),
            (stats.var(x, axis=1, correction=1), np.var(ref, axis=1, ddof=1)),
            (stats.std(x, axis=1), np.std(ref, axis=1)),
            (stats.mean(x), np.mean(ref)),
        ]
    for got, want in cases:
        got = to_numpy(got)
        assert got.shape == want.shape and got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)


def test_lstsq_rcond_edges_match_numpy(xp):
    """LAPACK's gelsd (NumPy) reads rcond < 0 or >= 1 as machine precision; the generic path cut everything."""
    a = np.asarray([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    b = np.asarray([1.0, 2.0, 4.0])
    for rcond in (-1.0, 0.5, 2.0, 1e300, math.inf):
        x, residuals, rank, s = linalg.lstsq(xp.asarray(a), xp.asarray(b), rcond=rcond)
        wx, wres, wrank, ws = np.linalg.lstsq(a, b, rcond=rcond)
        assert rank == wrank, rcond
        np.testing.assert_allclose(to_numpy(x), wx, atol=1e-10)
        assert to_numpy(residuals).shape == wres.shape
    with pytest.raises(ValueError, match="nan"):
        linalg.lstsq(xp.asarray(a), xp.asarray(b), rcond=math.nan)
    with pytest.raises(TypeError, match="rcond"):
        linalg.lstsq(xp.asarray(a), xp.asarray(b), rcond="small")


def test_orthogonal_with_no_dtype_at_all_says_so(xp):
    """torch raised AttributeError ('int' object has no attribute 'is_floating_point')."""
    for bad in (42, "float32"):
        with pytest.raises(ValueError, match="real floating dtype"):
            linalg.orthogonal((3, 3), dtype=bad, like=xp.zeros((1,)))
