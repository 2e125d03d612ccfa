"""Windows against torch.*_window and frame against Tensor.unfold, on every backend and both paths."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from signal_helpers import EXAMPLES, library_name

import ember_ml
from ember_ml import ops
from ember_ml.backend import to_numpy

torch = pytest.importorskip("torch")

WINDOWS = ["hann_window", "hamming_window", "blackman_window", "bartlett_window", "kaiser_window"]


def _float_dtypes(xp):
    return [xp.float32] if library_name(xp) == "mlx" else [xp.float32, xp.float64]


@pytest.mark.parametrize("name", WINDOWS)
@pytest.mark.parametrize("periodic", [True, False])
def test_windows_match_torch(xp, path, name, periodic):
    for dtype in _float_dtypes(xp):
        tdtype = torch.float32 if dtype == xp.float32 else torch.float64
        for n in (0, 1, 2, 3, 16, 17, 400):
            kwargs = {"beta": 12.0} if name == "kaiser_window" else {}
            got = getattr(ops, name)(n, periodic=periodic, dtype=dtype, **kwargs)
            # Dask's dtypes are NumPy's: a window made from one is a NumPy array (Dask takes it)
            lib = np.empty(0) if library_name(xp) == "dask" else xp.empty(0)
            assert ember_ml.array_namespace(got) is ember_ml.array_namespace(lib)
            assert got.dtype == dtype and got.shape == (n,)
            want = getattr(torch, name)(n, periodic=periodic, dtype=tdtype, **kwargs).numpy()
            np.testing.assert_allclose(to_numpy(got), want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("beta", [0.0, 0.5, 5.0, 12.0, 30.0, 80.0])
def test_kaiser_beta_matches_torch(xp, path, beta):
    got = ops.kaiser_window(33, beta=beta, dtype=xp.float32)
    want = torch.kaiser_window(33, True, beta, dtype=torch.float64).numpy()
    np.testing.assert_allclose(to_numpy(got), want, rtol=1e-5, atol=1e-7)


def test_window_library_comes_from_dtype_or_selection(path):
    ember_ml.set_backend("numpy")
    assert isinstance(ops.hann_window(8), np.ndarray) and ops.hann_window(8).dtype == np.float64
    t = ops.hann_window(8, dtype=torch.float64)
    assert isinstance(t, torch.Tensor) and t.dtype == torch.float64
    ember_ml.set_backend("torch")
    assert (
        isinstance(ops.blackman_window(8), torch.Tensor)
        and ops.blackman_window(8).dtype == torch.float32
    )


def test_window_errors(path):
    with pytest.raises(ValueError, match="-1"):
        ops.hann_window(-1, dtype=np.float32)
    with pytest.raises(TypeError, match="real floating"):
        ops.hann_window(4, dtype=np.int32)
    with pytest.raises(TypeError):
        ops.hann_window(4.5, dtype=np.float32)
    with pytest.raises(ValueError, match="beta"):
        ops.kaiser_window(4, beta=-1.0, dtype=np.float32)


def _frame_oracle(x, frame_length, hop, axis, pad_end, pad_value):
    n = x.shape[axis]
    if pad_end:
        frames = -(-n // hop)
        target = (frames - 1) * hop + frame_length if frames else 0
        if target > n:
            widths = [(0, 0)] * x.ndim
            widths[axis] = (0, target - n)
            x = np.pad(x, widths, constant_values=pad_value)
    if x.shape[axis] < frame_length:
        shape = list(x.shape)
        shape[axis : axis + 1] = [0, frame_length]
        return np.zeros(shape, dtype=x.dtype)
    out = torch.from_numpy(np.ascontiguousarray(x)).unfold(
        axis, frame_length, hop
    )  # frames at axis, samples last
    return out.movedim(-1, axis + 1).numpy()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    shape=st.lists(st.integers(1, 4), min_size=0, max_size=2),
    n=st.integers(0, 40),
    frame_length=st.integers(1, 12),
    hop=st.integers(1, 9),
    pad_end=st.booleans(),
    data=st.data(),
)
def test_frame_matches_unfold(xp, path, shape, n, frame_length, hop, pad_end, data):
    axis = data.draw(st.integers(-(len(shape) + 1), len(shape)))
    full = list(shape)
    full.insert(axis % (len(shape) + 1), n)
    x = np.arange(int(np.prod(full)), dtype=np.float32).reshape(full)
    got = ops.frame(xp.asarray(x), frame_length, hop, axis=axis, pad_end=pad_end, pad_value=-1.0)
    want = _frame_oracle(x, frame_length, hop, axis % x.ndim, pad_end, -1.0)
    assert got.shape == want.shape
    np.testing.assert_array_equal(to_numpy(got), want)


def test_frame_is_a_view_on_numpy_and_torch():
    x = np.arange(20.0)
    assert np.shares_memory(ops.frame(x, 8, 4), x)
    t = torch.arange(20.0)
    assert ops.frame(t, 8, 4).untyped_storage().data_ptr() == t.untyped_storage().data_ptr()


def test_frame_errors(xp):
    x = xp.asarray(np.arange(10.0, dtype=np.float32))
    with pytest.raises(ValueError, match="hop_length must be >= 1, got 0"):
        ops.frame(x, 4, 0)
    with pytest.raises(ValueError, match="frame_length must be >= 1, got -2"):
        ops.frame(x, -2, 1)
    with pytest.raises(ValueError, match="axis 1"):
        ops.frame(x, 4, 2, axis=1)
