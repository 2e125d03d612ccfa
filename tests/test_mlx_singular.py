"""Singular and non-positive-definite matrices on MLX (issue 19): NaN per matrix, lazily.

Raw MLX (0.32.4) throws ``LU factorization failed`` / ``triangular inversion failed`` in its
CPU worker thread for a singular matrix, answers finite garbage on some calls, and hangs
for good after a few dozen such failures; its Cholesky returns a half-factored matrix for
a matrix that is not positive definite. ember_ml answers NaN for each such matrix (the
others of a batch untouched), as for a matrix holding NaN. NumPy is the oracle: it raises
``LinAlgError`` exactly for these matrices and gives the other results. Singular means an
exact zero pivot, as for NumPy and LAPACK (the matrices here are singular in exact binary
arithmetic); a nearly singular matrix gives large finite values, as NumPy's do.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

mx = pytest.importorskip("mlx.core", reason="mlx is not installed")

from ember_ml.ops import linalg  # noqa: E402

SINGULAR = [
    np.zeros((2, 2)),
    np.array([[1.0, 2.0], [2.0, 4.0]]),
    np.array([[0.0]]),
    np.array([[1.0, 2.0, 4.0], [2.0, 4.0, 8.0], [1.0, 1.0, 1.0]]),  # row 2 = 2 * row 1
    np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
]
REGULAR = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])
NOT_POSITIVE_DEFINITE = [
    np.array([[1.0, 2.0], [2.0, 1.0]]),  # indefinite
    np.array([[0.0, 0.0], [0.0, 1.0]]),  # semi-definite
    np.array([[-1.0, 0.0], [0.0, 1.0]]),
    np.array([[1.0, 1.0], [1.0, 1.0]]),
    np.array([[4.0, 2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),  # fails at the second pivot
]


def _mx(a: np.ndarray) -> mx.array:
    """An MLX array of a's dtype (``mx.array`` alone makes float64 float32)."""
    return mx.array(a, dtype=getattr(mx, str(a.dtype)))


def _refused(fn, m: np.ndarray) -> bool:
    try:
        fn(m)
    except np.linalg.LinAlgError:
        return True
    return False


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("index", range(len(SINGULAR)))
def test_inv_of_a_singular_matrix_is_nan(index, dtype):
    a = SINGULAR[index].astype(dtype)
    assert _refused(np.linalg.inv, a)  # the oracle agrees the matrix is singular
    for _ in range(3):  # the same answer on every call (raw MLX: garbage that changes)
        out = np.array(linalg.inv(_mx(a)))
        assert out.dtype == a.dtype and out.shape == a.shape
        assert np.isnan(out).all()


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64"])
def test_inv_in_a_batch_is_nan_only_for_the_singular_matrices(dtype):
    n = 3
    batch = np.stack([REGULAR, SINGULAR[3], np.eye(n), SINGULAR[4]]).astype(dtype)
    out = np.array(linalg.inv(_mx(batch)))
    for i, m in enumerate(batch):
        if _refused(np.linalg.inv, m):
            assert np.isnan(out[i]).all(), i
        else:
            np.testing.assert_allclose(out[i], np.linalg.inv(m), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_solve_with_a_singular_matrix_is_nan(dtype):
    batch = np.stack([SINGULAR[3], REGULAR, SINGULAR[4]]).astype(dtype)
    b = np.arange(9.0, dtype=dtype).reshape(3, 3, 1) + 1
    out = np.array(linalg.solve(_mx(batch), _mx(b)))
    assert out.shape == b.shape
    assert np.isnan(out[0]).all() and np.isnan(out[2]).all()
    np.testing.assert_allclose(out[1], np.linalg.solve(batch[1], b[1]), rtol=1e-5)
    # one matrix and one vector, and a broadcast right-hand side
    v = np.ones(2, dtype=dtype)
    assert np.isnan(np.array(linalg.solve(_mx(SINGULAR[1].astype(dtype)), _mx(v)))).all()
    out = np.array(linalg.solve(_mx(batch), _mx(np.ones((3, 2), dtype=dtype))))
    assert np.isnan(out[[0, 2]]).all()
    np.testing.assert_allclose(out[1], np.linalg.solve(batch[1], np.ones((3, 2))), rtol=1e-5)


def test_solve_with_a_singular_complex_matrix_is_nan():
    a = (SINGULAR[1] * (1 + 1j)).astype("complex64")
    out = np.array(linalg.solve(_mx(a), _mx(np.ones(2, dtype="complex64"))))
    assert np.isnan(out.real).all() and np.isnan(out.imag).all()


@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64"])
def test_cholesky_of_a_matrix_that_is_not_positive_definite_is_nan(dtype, upper):
    for m in NOT_POSITIVE_DEFINITE:
        a = m.astype(dtype)
        assert _refused(np.linalg.cholesky, a)
        out = np.array(linalg.cholesky(_mx(a), upper=upper))
        assert np.isnan(out).all(), m
    good = REGULAR.astype(dtype)
    batch = np.stack([good, np.pad(NOT_POSITIVE_DEFINITE[0], ((0, 1), (0, 1)))]).astype(dtype)
    batch[1, 2, 2] = 1.0
    out = np.array(linalg.cholesky(_mx(batch), upper=upper))
    want = np.linalg.cholesky(good)
    np.testing.assert_allclose(out[0], want.conj().T if upper else want, rtol=1e-5, atol=1e-6)
    assert np.isnan(out[1]).all()


def test_the_guards_stay_lazy_inside_compile():
    f = mx.compile(lambda x, b: (linalg.inv(x), linalg.solve(x, b), linalg.cholesky(x)))
    inv, sol, chol = f(_mx(SINGULAR[1].astype("float32")), mx.ones((2,)))
    assert np.isnan(np.array(inv)).all() and np.isnan(np.array(sol)).all()
    assert np.isnan(np.array(chol)).all()


def test_solve_triangular_with_a_zero_on_the_diagonal_is_nan():
    a = np.array([[1.0, 0.0], [2.0, 0.0]], dtype="float32")
    out = np.array(linalg.solve_triangular(_mx(a), mx.ones((2,)), lower=True))
    assert np.isnan(out).all()
    good = np.array([[2.0, 0.0], [1.0, 1.0]], dtype="float32")
    out = np.array(
        linalg.solve_triangular(_mx(good), _mx(np.array([2.0, 3.0], dtype="float32")), lower=True)
    )
    np.testing.assert_allclose(out, np.linalg.solve(good, [2.0, 3.0]))


_LOOP = textwrap.dedent(
    """
    import mlx.core as mx
    from ember_ml.ops import linalg
    for _ in range(200):
        mx.eval(linalg.inv(mx.zeros((2, 2))))
        mx.eval(linalg.solve(mx.array([[1.0, 2.0], [2.0, 4.0]]), mx.ones((2,))))
        mx.eval(linalg.solve_triangular(mx.zeros((2, 2)), mx.ones((2,))))
    print("done")
    """
)


def test_a_loop_of_singular_inverses_finishes():
    """Raw MLX hangs for good after ~46 failed inverses: run 200 of each in a child process."""
    done = subprocess.run(
        [sys.executable, "-c", _LOOP], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"


def test_the_other_lapack_calls_answer_singular_matrices_as_numpy():
    """det/slogdet (0, -inf), pinv (zeros) need no guard; matrix_power(-n) goes through inv."""
    s = np.zeros((5, 5), dtype="float32")
    s[:, :4] = np.arange(20.0).reshape(5, 4)
    s[:, 4] = s[:, 0]
    assert float(np.array(linalg.det(_mx(s)))) == np.linalg.det(s) == 0.0
    sign, logabs = linalg.slogdet(_mx(s))
    want_sign, want_logabs = np.linalg.slogdet(s)
    assert float(np.array(sign)) == want_sign and float(np.array(logabs)) == want_logabs
    zeros = np.zeros((3, 3), dtype="float32")
    np.testing.assert_array_equal(np.array(linalg.pinv(_mx(zeros))), np.linalg.pinv(zeros))
    assert np.isnan(np.array(linalg.matrix_power(_mx(zeros), -2))).all()
