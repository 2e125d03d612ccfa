"""The NumPy and torch namespaces' direct paths give array-api-compat's answers (values, dtype, shape, errors)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ember_ml.backend.numpy as bnp

torch = pytest.importorskip("torch")
import array_api_compat.numpy as cnp  # noqa: E402
import array_api_compat.torch as ctorch  # noqa: E402

import ember_ml.backend.torch as btorch  # noqa: E402

FLOATS = st.floats(-1e3, 1e3, width=32) | st.sampled_from([math.nan, math.inf, -math.inf, -0.0])
SHAPES = st.sampled_from([(0,), (1,), (5,), (2, 3), (1, 4), (3, 1, 2)])


def _same(ours, theirs):
    if isinstance(theirs, tuple):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            _same(a, b)
        return
    assert type(ours) is type(theirs) or (np.isscalar(ours) and np.isscalar(theirs))
    assert ours.dtype == theirs.dtype and tuple(ours.shape) == tuple(theirs.shape)
    a = ours.numpy() if hasattr(ours, "numpy") else np.asarray(ours)
    b = theirs.numpy() if hasattr(theirs, "numpy") else np.asarray(theirs)
    if a.dtype.kind in "fc":  # vecdot: torch.linalg.vecdot and a sum of products round differently
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=0, equal_nan=True)
    else:
        np.testing.assert_array_equal(a, b)


def _outcome(function, *args, **kwargs):
    try:
        return function(*args, **kwargs), None
    except Exception as error:  # noqa: BLE001 - the comparison is of the error type
        return None, type(error)


def _compare(ours, theirs, *args, **kwargs):
    mine, my_error = _outcome(ours, *args, **kwargs)
    reference, reference_error = _outcome(theirs, *args, **kwargs)
    if reference_error is not None or my_error is not None:
        assert my_error is not None and reference_error is not None, (my_error, reference_error)
        return
    _same(mine, reference)


NUMPY_DTYPES = st.sampled_from(
    ["float32", "float64", "int8", "int64", "uint8", "complex64", "bool"]
)


@settings(max_examples=40, deadline=None)
@given(shape=SHAPES, dtype=NUMPY_DTYPES, data=st.data())
def test_numpy_direct_functions_match_array_api_compat(shape, dtype, data):
    values = data.draw(st.lists(FLOATS, min_size=math.prod(shape), max_size=math.prod(shape)))
    with np.errstate(all="ignore"):
        x = np.asarray(values, dtype=np.float64).reshape(shape).astype(dtype)
    axis = data.draw(st.sampled_from([-1, 0]))
    # The standard leaves the order of unique_values open (NumPy >= 2.3 does not sort).
    _compare(lambda v: np.sort(bnp.unique_values(v)), lambda v: np.sort(cnp.unique_values(v)), x)
    for name in ("ceil", "floor", "trunc", "sign", "zeros_like", "ones_like"):
        if dtype == "complex64" and name in ("ceil", "floor", "trunc"):
            continue
        _compare(getattr(bnp, name), getattr(cnp, name), x)
    _compare(bnp.permute_dims, cnp.permute_dims, x, tuple(reversed(range(x.ndim))))
    for name in ("cumulative_sum", "cumulative_prod"):
        _compare(getattr(bnp, name), getattr(cnp, name), x, axis=axis if x.ndim > 1 else None)
        _compare(getattr(bnp, name), getattr(cnp, name), x, axis=axis, include_initial=True)
    if dtype != "complex64":
        bounds = data.draw(st.tuples(st.floats(-10, 10), st.floats(-10, 10)))
        _compare(bnp.clip, cnp.clip, x, *bounds)
        _compare(bnp.clip, cnp.clip, x, bounds[0], None)
        for descending in (False, True):
            _compare(bnp.sort, cnp.sort, x, axis=axis, descending=descending)
            _compare(bnp.argsort, cnp.argsort, x, axis=axis, descending=descending)
    _compare(bnp.count_nonzero, cnp.count_nonzero, x)
    _compare(bnp.count_nonzero, cnp.count_nonzero, x, axis=axis, keepdims=True)
    for target in (np.float32, np.int16, np.bool_):
        with np.errstate(all="ignore"):
            _compare(bnp.astype, cnp.astype, x, target)
            _compare(bnp.astype, cnp.astype, x, target, copy=False)


TORCH_DTYPES = st.sampled_from(
    ["float32", "float64", "int32", "int64", "uint8", "bool", "complex64"]
)


@settings(max_examples=40, deadline=None)
@given(shape=SHAPES, dtype=TORCH_DTYPES, data=st.data())
def test_torch_direct_functions_match_array_api_compat(shape, dtype, data):
    values = data.draw(
        st.lists(
            st.floats(-100, 100, width=32), min_size=math.prod(shape), max_size=math.prod(shape)
        )
    )
    x = torch.tensor(values, dtype=torch.float64).reshape(shape).to(getattr(torch, dtype))
    axis = data.draw(st.sampled_from([-1, 0, None]))
    for name in ("cumulative_sum", "cumulative_prod"):
        _compare(getattr(btorch, name), getattr(ctorch, name), x, axis=axis)
        _compare(getattr(btorch, name), getattr(ctorch, name), x, axis=axis, include_initial=True)
        _compare(getattr(btorch, name), getattr(ctorch, name), x, axis=axis, dtype=torch.float64)
    for name in ("any", "all"):
        _compare(getattr(btorch, name), getattr(ctorch, name), x)
        _compare(getattr(btorch, name), getattr(ctorch, name), x, axis=axis, keepdims=True)
    _compare(btorch.squeeze, ctorch.squeeze, x, 0)
    _compare(btorch.squeeze, ctorch.squeeze, x, -1)
    _compare(btorch.matrix_transpose, ctorch.matrix_transpose, x)
    other_shape = data.draw(st.sampled_from([shape, shape[-1:], (1, *shape), (2,)]))
    other = torch.ones(other_shape, dtype=x.dtype)
    for vec_axis in (-1, -2, 0):
        _compare(btorch.vecdot, ctorch.vecdot, x, other, axis=vec_axis)


@pytest.mark.parametrize("library", ["numpy", "torch"])
def test_complex_tanh_at_infinite_real_part_has_the_sign_of_the_imaginary_part(library):
    values = [
        complex(r, i) for r in (math.inf, -math.inf, 0.5) for i in (2.0, -2.0, 0.25, -0.0, 0.0)
    ]
    z = np.asarray(values, dtype=np.complex64)
    if library == "numpy":
        out = bnp.tanh(z)
    else:
        out = btorch.tanh(torch.from_numpy(z)).numpy()
    reference = np.tanh(z.astype(np.complex128))
    np.testing.assert_allclose(out, reference.astype(np.complex64), rtol=1e-6)
    special = np.isinf(z.real)
    assert (np.signbit(out.imag[special]) == np.signbit(z.imag[special])).all()
    assert (out.real[special] == np.sign(z.real[special])).all()
    real = np.linspace(-3, 3, 7, dtype=np.float32)
    assert (
        bnp.tanh(real) if library == "numpy" else btorch.tanh(torch.from_numpy(real)).numpy()
    ).dtype == np.float32


def test_numpy_svd_family_refuses_non_finite_input_and_matches_numpy_otherwise():
    good = np.asarray([[3.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(bnp.linalg.svdvals(good), np.linalg.svd(good, compute_uv=False))
    np.testing.assert_allclose(bnp.linalg.pinv(good), np.linalg.pinv(good))
    assert int(bnp.linalg.matrix_rank(good)) == 2
    for bad in (np.asarray([[np.inf, 1.0], [1.0, 2.0]]), np.asarray([[np.nan, 1.0], [1.0, 2.0]])):
        for name in ("svd", "svdvals", "pinv", "matrix_rank"):
            with pytest.raises(np.linalg.LinAlgError, match="inf or NaN"):
                getattr(bnp.linalg, name)(bad)


def test_torch_eig_of_non_finite_matrices_is_nan_in_a_surviving_process():
    import subprocess
    import sys

    program = (
        "import math, torch\n"
        "import ember_ml.backend.torch as xp\n"
        "x = torch.tensor([[[math.nan, 1.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]], [[math.inf, 0.0], [0.0, 1.0]]])\n"
        "v = xp.linalg.eigvals(x)\n"
        "assert v[0].isnan().all() and v[2].isnan().all(), v\n"
        "assert sorted(v[1].real.tolist()) == [2.0, 3.0], v\n"
        "r = xp.linalg.eig(x)\n"
        "assert r.eigenvalues[0].isnan().all() and r.eigenvectors[2].isnan().all()\n"
        "assert torch.allclose(r.eigenvalues[1], torch.linalg.eig(x[1]).eigenvalues)\n"
        "print('ok')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


@settings(max_examples=60, deadline=None)
@given(shape=st.sampled_from([(5,), (2, 3), (3, 1, 4), (1, 6)]), data=st.data())
def test_torch_take_and_take_along_axis_match_numpy_with_negative_and_out_of_range_indices(
    shape, data
):
    x = np.arange(math.prod(shape), dtype=np.float32).reshape(shape)
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    size = shape[axis]
    index_dtype = data.draw(st.sampled_from([np.int64, np.int32]))
    idx = np.asarray(
        data.draw(st.lists(st.integers(-size - 2, size + 1), min_size=1, max_size=6)),
        dtype=index_dtype,
    )
    in_range = bool(((idx >= -size) & (idx < size)).all())
    if in_range:
        np.testing.assert_array_equal(
            btorch.take(torch.from_numpy(x), torch.from_numpy(idx), axis=axis).numpy(),
            np.take(x, idx, axis=axis),
        )
    else:
        with pytest.raises(IndexError):
            btorch.take(torch.from_numpy(x), torch.from_numpy(idx), axis=axis)
    # take_along_axis: indices shaped like x except along axis
    along_shape = list(shape)
    along_shape[axis] = len(idx)
    along = np.broadcast_to(
        idx.reshape([-1 if d == axis % len(shape) else 1 for d in range(len(shape))]), along_shape
    ).astype(np.int64)
    if in_range:
        np.testing.assert_array_equal(
            btorch.take_along_axis(
                torch.from_numpy(x), torch.from_numpy(along.copy()), axis=axis
            ).numpy(),
            np.take_along_axis(x, along, axis=axis),
        )
    else:
        with pytest.raises(IndexError):
            btorch.take_along_axis(torch.from_numpy(x), torch.from_numpy(along.copy()), axis=axis)
