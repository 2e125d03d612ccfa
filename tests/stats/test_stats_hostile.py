"""Hostile input to the statistics and linear-algebra extras never crashes or hangs (DESIGN.md rule 5, issue 7).

Found with a crash probe: MLX's mean of an empty array made from a NumPy buffer
hangs (stats routes empty reductions around it), LAPACK ends the process on MLX
and segfaults torch for eig/eigvals of NaN/inf matrices (guarded lazily: NaN
results), MLX's triangular solve divides by zero on an empty system.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hostile import run_hostile

from ember_ml.backend import to_numpy
from ember_ml.ops import linalg, stats

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
    (
        f"bool(np.allclose(np.sort(N(linalg.eigvals({BATCH}))[1].real), np.linalg.eigvals(np.diag([2.0, 3.0]))))",
        "returned",
    ),
    (f"bool(np.isnan(N(linalg.eig({BATCH}).eigenvectors)[0]).all())", "returned"),
    (
        f"bool(np.allclose(np.sort(N(linalg.eig({BATCH}).eigenvalues)[1].real), [2.0, 3.0]))",
        "returned",
    ),
]


def test_mlx_hostile_stats_linalg_calls_raise_or_return():
    run_hostile(
        "mlx",
        [
            *EMPTY_CASES,
            *NON_FINITE_CASES,
            (
                "N(linalg.solve_triangular(A(np.zeros((0, 0)), 'float32'), A(np.zeros((0, 2)), 'float32'))).shape == (0, 2)",
                "returned",
            ),
            (
                "linalg.solve_triangular(A(np.zeros((0, 0)), 'float32'), A(np.zeros(0), 'float32'), lower=True)",
                "returned",
            ),
            (
                "linalg.cholesky_solve(A(np.zeros((0, 0)), 'float32'), A(np.zeros(0), 'float32'))",
                "returned",
            ),
            ("stats.bincount(A([0, 2**40]))", "ValueError"),
            ("stats.bincount(A([0, 1]), minlength=2**30)", "MemoryError"),
            ("stats.histogram(A([0.0, 1.0], 'float32'), bins=2**31)", "ValueError"),
            ("linalg.orthogonal((2**16, 2**16), like=A([0.0], 'float32'))", "ValueError"),
        ],
    )


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


@pytest.mark.parametrize(
    "name, call",
    [
        ("histogram", lambda x, n: stats.histogram(x, bins=n)),
        ("bincount", lambda x, n: stats.bincount(x, minlength=n)),
    ],
)
def test_bin_counts_beyond_memory_are_refused_before_allocating(xp, name, call):
    """A bin count whose working arrays exceed memory raises at once (NumPy and torch were
    granted the pages on an overcommitting Linux and ground on or were killed)."""
    from ember_ml.backend._memory import allocatable_bytes

    x = xp.asarray([1.0, 2.0]) if name == "histogram" else xp.asarray([1, 2])
    with pytest.raises((MemoryError, ValueError), match=name):
        call(x, allocatable_bytes() // 8)
