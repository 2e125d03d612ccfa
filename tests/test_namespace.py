"""ember_ml.array_namespace, device helpers and the clear errors of mixed inputs."""

from __future__ import annotations

import pytest

import ember_ml
from ember_ml import _namespace

np = pytest.importorskip("numpy")


def test_numpy_arrays_get_ember_mls_numpy_namespace():
    xp = ember_ml.array_namespace(np.ones(3))
    assert xp.__name__ == "ember_ml.backend.numpy"
    import array_api_compat.numpy as compat

    # NumPy's own function objects where NumPy >= 2.1 conforms (no wrapper), and every
    # linalg function array-api-compat offers.
    assert xp.sum is np.sum and xp.asarray is np.asarray
    assert set(compat.linalg.__all__) - {"__builtins__"} <= set(xp.linalg.__all__)


def test_numpy_scalars_belong_to_numpy():
    assert ember_ml.array_namespace(np.float32(1.0)).__name__ == "ember_ml.backend.numpy"


def test_torch_tensors_and_subclasses_get_the_torch_namespace():
    torch = pytest.importorskip("torch")
    assert ember_ml.array_namespace(torch.ones(2)).__name__ == "ember_ml.backend.torch"
    parameter = torch.nn.Parameter(torch.ones(2))
    assert ember_ml.array_namespace(parameter).__name__ == "ember_ml.backend.torch"


def test_mlx_arrays_get_ember_mls_own_namespace():
    mx = pytest.importorskip("mlx.core")
    assert ember_ml.array_namespace(mx.ones(2)).__name__ == "ember_ml.backend.mlx"


def test_other_standard_arrays_pass_through_to_their_namespace():
    strict = pytest.importorskip("array_api_strict")
    assert ember_ml.array_namespace(strict.ones(2)) is strict


def test_python_scalars_and_none_are_ignored():
    x = np.ones(2)
    assert ember_ml.array_namespace(1, x, 2.5, None, True, 1j) is ember_ml.array_namespace(x)


def test_no_array_gives_the_selected_backend():
    with ember_ml.use_backend("numpy"):
        assert ember_ml.array_namespace().__name__ == "ember_ml.backend.numpy"
        assert ember_ml.array_namespace(1.0, None).__name__ == "ember_ml.backend.numpy"


def test_mixed_libraries_raise_type_error_naming_both():
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError) as raised:
        ember_ml.array_namespace(np.ones(2), torch.ones(2))
    message = str(raised.value)
    assert "numpy" in message and "torch" in message and "convert_to_tensor" in message


def test_unknown_objects_raise_type_error():
    with pytest.raises(TypeError, match="does not know"):
        ember_ml.array_namespace([1, 2, 3])


def test_bad_api_version_raises_value_error():
    with pytest.raises(ValueError, match="2025.12"):
        ember_ml.array_namespace(np.ones(1), api_version="1999.01")
    assert ember_ml.array_namespace(np.ones(1), api_version="2025.12").__name__.endswith("numpy")


def test_resolution_is_cached_by_type():
    x = np.ones(2)
    ember_ml.array_namespace(x)
    assert _namespace._by_type[np.ndarray] is ember_ml.array_namespace(x)


def test_device_and_to_device(xp):
    x = xp.ones(3)
    dev = ember_ml.device(x)
    assert dev == xp.__array_namespace_info__().default_device() or str(dev) == "cpu"
    moved = ember_ml.to_device(x, dev)
    assert moved.shape == (3,)


@pytest.mark.parametrize("backend", ["numpy", "torch", "mlx"])
def test_get_available_devices_lists_the_cpu(backend):
    if not ember_ml.backend.is_installed(backend):
        pytest.skip(f"{backend} is not installed")
    devices = ember_ml.get_available_devices(backend)
    assert devices and any("cpu" in str(d).lower() for d in devices)
