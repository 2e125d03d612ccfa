"""lstsq, norm, diag, solve_triangular, cholesky_solve, expm, orthogonal, eig/eigvals vs NumPy/SciPy."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from stats_helpers import check, dtype_name, make

import ember_ml
from ember_ml.backend import to_numpy
from ember_ml.ops import linalg


@pytest.mark.parametrize("shape", [(6, 3), (3, 6), (4, 4)])
def test_lstsq_matches_numpy(xp, rng, generic, shape):
    a = rng.standard_normal(shape)
    for b in (rng.standard_normal(shape[0]), rng.standard_normal((shape[0], 2))):
        ref = np.linalg.lstsq(a, b)
        for _ in range(2):
            x, residuals, rank, s = linalg.lstsq(make(xp, a), make(xp, b))
            check(x, ref[0], rtol=1e-9, atol=1e-12)
            check(residuals, ref[1], rtol=1e-9, atol=1e-12)
            assert rank == ref[2] and isinstance(rank, int)
            check(s, ref[3], rtol=1e-12)
            generic("linalg", "lstsq")


def test_lstsq_rank_deficient_and_rcond(xp, generic):
    a = np.asarray([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    b = np.asarray([1.0, 2.0, 2.0])
    generic("linalg", "lstsq")
    for rcond in (None, 0.5):
        x, residuals, rank, s = linalg.lstsq(make(xp, a), make(xp, b), rcond=rcond)
        ref = np.linalg.lstsq(a, b, rcond=rcond)
        check(x, ref[0], rtol=1e-9)
        check(residuals, ref[1])
        assert rank == ref[2]
    with pytest.raises(ValueError, match="lstsq"):
        linalg.lstsq(make(xp, a), make(xp, np.ones(2)))


VECTOR_ORDS = [None, 1, 2, 3, 0.5, -1, 0, np.inf, -np.inf]
MATRIX_ORDS = [None, "fro", "nuc", np.inf, -np.inf, 1, -1, 2, -2]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_norm_matches_numpy(xp, rng):
    a = rng.standard_normal((3, 4, 5))
    a[0, 0, 0] = 0.0
    check(linalg.norm(make(xp, a)), np.linalg.norm(a))
    check(linalg.norm(make(xp, a), keepdims=True), np.linalg.norm(a, keepdims=True))
    for ord in VECTOR_ORDS:
        for axis in (0, -1):
            check(
                linalg.norm(make(xp, a), ord=ord, axis=axis), np.linalg.norm(a, ord=ord, axis=axis)
            )
        check(linalg.norm(make(xp, a[0, 0]), ord=ord), np.linalg.norm(a[0, 0], ord=ord))
    for ord in MATRIX_ORDS:
        for axis in ((1, 2), (2, 0)):
            for keepdims in (False, True):
                check(
                    linalg.norm(make(xp, a), ord=ord, axis=axis, keepdims=keepdims),
                    np.linalg.norm(a, ord=ord, axis=axis, keepdims=keepdims),
                    rtol=1e-9,
                )
        check(linalg.norm(make(xp, a[0]), ord=ord), np.linalg.norm(a[0], ord=ord), rtol=1e-9)
    ints = np.asarray([3, 4])
    got = linalg.norm(make(xp, ints))
    assert got.dtype == xp.__array_namespace_info__().default_dtypes()["real floating"]
    check(got, 5.0)
    assert dtype_name(linalg.norm(make(xp, a, dtype=np.float32), ord=1, axis=1)) == "float32"


def test_norm_bad_orders(xp):
    v, m = make(xp, np.ones(3)), make(xp, np.ones((2, 2)))
    with pytest.raises(ValueError, match="valid orders"):
        linalg.norm(v, ord="fro", axis=0)
    with pytest.raises(ValueError, match="valid orders"):
        linalg.norm(m, ord=3)
    with pytest.raises(ValueError, match="1-D or 2-D"):
        linalg.norm(make(xp, np.ones((2, 2, 2))), ord=1)


def test_diag_matches_numpy(xp, rng, generic):
    v = rng.standard_normal(4)
    m = rng.standard_normal((3, 5))
    for _ in range(2):
        for k in (-2, 0, 1, 3):
            check(linalg.diag(make(xp, v), k=k), np.diag(v, k))
            check(linalg.diag(make(xp, m), k=k), np.diag(m, k))
        check(linalg.diag(make(xp, np.asarray([np.inf, 1.0]))), np.diag([np.inf, 1.0]))
        assert dtype_name(linalg.diag(make(xp, np.arange(3)))) == "int64" or xp.__name__.endswith(
            "mlx"
        )
        generic("linalg", "diag")
    with pytest.raises(ValueError, match="1-D or 2-D"):
        linalg.diag(make(xp, np.zeros((2, 2, 2))))


def test_triangular_and_cholesky_solves_match_scipy(xp, rng, generic):
    a = rng.standard_normal((5, 5))
    low = np.tril(a) + 4 * np.eye(5)
    spd = a @ a.T + 5 * np.eye(5)
    c_low = np.linalg.cholesky(spd)
    for _ in range(2):
        for b in (rng.standard_normal(5), rng.standard_normal((5, 3))):
            for lower, t in ((True, low), (False, low.T)):
                # the other triangle is ignored, as SciPy does
                noisy = t + (np.triu(a, 1) if lower else np.tril(a, -1))
                check(
                    linalg.solve_triangular(make(xp, noisy), make(xp, b), lower=lower),
                    scipy.linalg.solve_triangular(noisy, b, lower=lower),
                    rtol=1e-9,
                )
            check(
                linalg.cholesky_solve(make(xp, c_low), make(xp, b)),
                scipy.linalg.cho_solve((c_low, True), b),
                rtol=1e-9,
            )
            check(
                linalg.cholesky_solve(make(xp, c_low.T), make(xp, b), lower=False),
                scipy.linalg.cho_solve((c_low.T, False), b),
                rtol=1e-9,
            )
        generic("linalg", "solve_triangular", "cholesky_solve")
    with pytest.raises(ValueError, match="square"):
        linalg.solve_triangular(make(xp, np.ones((2, 3))), make(xp, np.ones(2)))
    with pytest.raises(ValueError, match="does not match"):
        linalg.cholesky_solve(make(xp, c_low), make(xp, np.ones(4)))


@pytest.mark.parametrize("scale", [0.1, 1.0, 30.0])
def test_expm_matches_scipy(xp, rng, generic, scale):
    a = rng.standard_normal((4, 4)) * scale
    for _ in range(2):
        check(linalg.expm(make(xp, a)), scipy.linalg.expm(a), rtol=1e-9, atol=1e-12)
        batch = np.stack([a, -a / 2])
        check(linalg.expm(make(xp, batch)), scipy.linalg.expm(batch), rtol=1e-9, atol=1e-12)
        generic("linalg", "expm")
    check(linalg.expm(make(xp, np.zeros((3, 3)))), np.eye(3))
    assert dtype_name(linalg.expm(make(xp, a, dtype=np.float32))) == "float32"


def test_orthogonal_is_orthonormal_and_the_same_on_every_library(xp):
    like = make(xp, np.zeros(1))
    reference = to_numpy(linalg.orthogonal((4, 3, 2), seed=11, like=np.zeros(1), dtype=np.float64))
    for shape in ((5, 3), (3, 5), (4, 3, 2), (6, 6)):
        w = to_numpy(linalg.orthogonal(shape, seed=11, like=like, gain=2.0))
        assert w.shape == shape
        flat = w.reshape(shape[0], -1)
        gram = flat @ flat.T if flat.shape[0] <= flat.shape[1] else flat.T @ flat
        np.testing.assert_allclose(gram, 4.0 * np.eye(gram.shape[0]), atol=1e-5)
    same = to_numpy(linalg.orthogonal((4, 3, 2), seed=11, like=like))
    np.testing.assert_allclose(same, reference, atol=1e-5)
    other = to_numpy(linalg.orthogonal((4, 3, 2), seed=12, like=like))
    assert not np.allclose(other, reference, atol=1e-2)
    with pytest.raises(ValueError, match="2 or more"):
        linalg.orthogonal((3,), like=like)


def test_orthogonal_uses_the_selected_backend():
    with ember_ml.use_backend("numpy"):
        w = linalg.orthogonal((3, 3), seed=1)
    assert type(w).__module__ == "numpy"


def test_eig_and_eigvals_match_numpy(xp):
    a = np.asarray([[2.0, 1.0], [0.5, 3.0]])
    vals = to_numpy(linalg.eigvals(make(xp, a)))
    np.testing.assert_allclose(
        np.sort_complex(vals), np.sort_complex(np.linalg.eigvals(a)), rtol=1e-6
    )
    w, v = linalg.eig(make(xp, a))
    w, v = to_numpy(w), to_numpy(v)
    np.testing.assert_allclose(a @ v, v * w, rtol=1e-5, atol=1e-6)


def test_eig_missing_from_a_library_raises_not_implemented(monkeypatch):
    strict = pytest.importorskip("array_api_strict")
    monkeypatch.delattr(strict.linalg, "eig")
    monkeypatch.delattr(strict.linalg, "eigvals")
    x = strict.asarray([[1.0, 0.0], [0.0, 2.0]])
    with pytest.raises(NotImplementedError, match="array_api_strict"):
        linalg.eig(x)
    with pytest.raises(NotImplementedError, match="array_api_strict.*eigvals"):
        linalg.eigvals(x)
