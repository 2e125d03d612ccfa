"""ember_ml.tensor.convert_to_tensor: data and other libraries' arrays into a chosen backend."""

from __future__ import annotations

import pytest

import ember_ml
from ember_ml import backend as _backend
from ember_ml.tensor import convert_to_tensor

np = pytest.importorskip("numpy")


def installed(name):
    if not _backend.is_installed(name):
        pytest.skip(f"{name} is not installed")
    return _backend.load(name)


@pytest.mark.parametrize("name", ["numpy", "torch", "mlx"])
def test_lists_become_arrays_of_the_backend(name):
    xp = installed(name)
    x = convert_to_tensor([[1.5, 2.0], [3.0, -4.0]], dtype="float32", backend=name)
    assert ember_ml.array_namespace(x) is xp
    assert x.dtype == xp.float32 and tuple(x.shape) == (2, 2)
    np.testing.assert_array_equal(
        np.asarray(convert_to_tensor(x, backend="numpy")),
        np.array([[1.5, 2.0], [3.0, -4.0]], dtype=np.float32),
    )


def test_default_backend_is_the_selected_one():
    with ember_ml.use_backend("numpy"):
        assert isinstance(convert_to_tensor([1, 2]), np.ndarray)


def test_numpy_to_torch_and_back_is_zero_copy():
    torch = installed("torch")
    a = np.arange(6.0)
    t = convert_to_tensor(a, backend="torch")
    assert isinstance(t, torch.Tensor)
    a[0] = 42.0  # shared memory: the tensor sees the write
    assert float(t[0]) == 42.0
    back = convert_to_tensor(t, backend="numpy")
    assert np.shares_memory(back, a)


def test_torch_tensor_requiring_grad_converts():
    torch = installed("torch")
    t = torch.ones(3, requires_grad=True)
    out = convert_to_tensor(t, backend="numpy")
    np.testing.assert_array_equal(out, np.ones(3, dtype=np.float32))


@pytest.mark.parametrize(
    "source, target", [("numpy", "mlx"), ("mlx", "numpy"), ("torch", "mlx"), ("mlx", "torch")]
)
def test_conversions_through_mlx_keep_values_and_dtype(source, target):
    installed(source)
    xp_target = installed(target)
    x = convert_to_tensor([[1.0, 2.0, 3.0]], dtype="float32", backend=source)
    y = convert_to_tensor(x, backend=target)
    assert ember_ml.array_namespace(y) is xp_target
    assert y.dtype == xp_target.float32
    np.testing.assert_array_equal(
        np.asarray(convert_to_tensor(y, backend="numpy")), [[1.0, 2.0, 3.0]]
    )


def test_same_backend_array_is_returned_as_is():
    a = np.ones(3)
    assert convert_to_tensor(a, backend="numpy") is a
    assert convert_to_tensor(a, dtype="float32", backend="numpy").dtype == np.float32


def test_array_api_strict_arrays_convert():
    strict = pytest.importorskip("array_api_strict")
    out = convert_to_tensor(strict.asarray([1.0, 2.0]), backend="numpy")
    np.testing.assert_array_equal(out, [1.0, 2.0])


def test_unknown_dtype_name_raises_value_error():
    with pytest.raises(ValueError, match="no dtype 'float17'"):
        convert_to_tensor([1.0], dtype="float17", backend="numpy")


def test_unknown_backend_raises_value_error():
    with pytest.raises(ValueError, match="valid backends"):
        convert_to_tensor([1.0], backend="jax")
