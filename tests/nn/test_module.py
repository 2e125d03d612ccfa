"""The module system: native modules per backend, state dicts, seeds and clear errors."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from ember_ml import backend as _backend
from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.nn import wirings
from ember_ml.tensor import convert_to_tensor

INSTALLED = [b for b in ("numpy", "torch", "mlx") if _backend.is_installed(b)]


def _arrays(model):
    return {k: to_numpy(v) for k, v in model.state_dict().items()}


def test_native_module_classes():
    if "torch" in INSTALLED:
        import torch

        model = nn.CfC(2, 4, backbone_units=3, backend="torch", seed=0)
        assert isinstance(model, torch.nn.Module) and isinstance(model, nn.CfC)
        names = {name for name, _ in model.named_parameters()}
        assert "rnn_cell.ff1.weight" in names
        wired = nn.CfC(2, wirings.AutoNCP(6, 2), backend="torch", seed=0)
        assert not any("sparsity_mask" in name for name, _ in wired.named_parameters())
        assert any("sparsity_mask" in name for name in wired.state_dict())
    if "mlx" in INSTALLED:
        import mlx.nn
        from mlx.utils import tree_flatten

        model = nn.LTC(2, wirings.AutoNCP(6, 2), backend="mlx", seed=0)
        assert isinstance(model, mlx.nn.Module) and isinstance(model, nn.LTC)
        trainable = dict(tree_flatten(model.trainable_parameters()))
        assert "rnn_cell.w" in trainable and "rnn_cell.sparsity_mask" not in trainable


@pytest.mark.parametrize("kind", ["CfC", "LTC"])
def test_same_seed_same_parameters_on_every_backend(kind):
    models = {
        b: getattr(nn, kind)(3, wirings.AutoNCP(8, 2), mixed_memory=True, backend=b, seed=7)
        for b in INSTALLED
    }
    reference = _arrays(models["numpy"])
    for b, model in models.items():
        arrays = _arrays(model)
        assert sorted(arrays) == sorted(reference), b
        for name in reference:
            np.testing.assert_allclose(
                arrays[name], reference[name], rtol=1e-6, atol=1e-7, err_msg=name
            )
    other = _arrays(
        getattr(nn, kind)(3, wirings.AutoNCP(8, 2), mixed_memory=True, backend="numpy", seed=8)
    )
    assert any(not np.array_equal(other[k], reference[k]) for k in reference)


@pytest.mark.parametrize("source", INSTALLED)
@pytest.mark.parametrize("target", INSTALLED)
def test_state_dict_round_trips_across_backends(source, target):
    a = nn.CfC(3, 5, proj_size=2, backbone_units=4, backend=source, seed=1)
    b = nn.CfC(3, 5, proj_size=2, backbone_units=4, backend=target, seed=2)
    b.load_state_dict(a.state_dict())
    for name, value in _arrays(a).items():
        np.testing.assert_array_equal(_arrays(b)[name], value)
    x = np.random.default_rng(0).standard_normal((2, 4, 3)).astype(np.float32)
    ya = to_numpy(a(convert_to_tensor(x, backend=source))[0])
    yb = to_numpy(b(convert_to_tensor(x, backend=target))[0])
    np.testing.assert_allclose(ya, yb, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("backend", INSTALLED)
def test_bad_state_dicts(backend):
    model = nn.LTC(2, 4, backend=backend, seed=0)
    state = _arrays(model)
    missing = dict(state)
    del missing["rnn_cell.w"]
    with pytest.raises(ValueError, match=r"missing \['rnn_cell.w'\]"):
        model.load_state_dict(missing)
    with pytest.raises(ValueError, match=r"unexpected \['extra'\]"):
        model.load_state_dict({**state, "extra": np.zeros(1)})
    with pytest.raises(ValueError, match=r"rnn_cell.cm: expected \(4,\), got \(5,\)"):
        model.load_state_dict({**state, "rnn_cell.cm": np.zeros(5, dtype=np.float32)})
    wired = nn.LTC(2, wirings.AutoNCP(8, 2, seed=1), backend=backend, seed=0)
    other = nn.LTC(2, wirings.AutoNCP(8, 2, seed=2), backend="numpy", seed=0)
    with pytest.raises(ValueError, match="sparsity_mask"):
        wired.load_ncps_state_dict(_arrays(other))


@pytest.mark.parametrize("backend", INSTALLED)
def test_bad_inputs(backend):
    model = nn.CfC(3, 4, backbone_units=4, backend=backend, seed=0)
    x = convert_to_tensor(np.zeros((2, 5, 3), dtype=np.float32), backend=backend)
    with pytest.raises(ValueError, match="input_size=3"):
        model(convert_to_tensor(np.zeros((2, 5, 4), dtype=np.float32), backend=backend))
    with pytest.raises(ValueError, match="3-D"):
        model(convert_to_tensor(np.zeros((5,), dtype=np.float32), backend=backend))
    foreign = "torch" if backend != "torch" and "torch" in INSTALLED else "numpy"
    if foreign != backend:
        with pytest.raises(TypeError, match=f"{backend} model.*{foreign}.*convert_to_tensor"):
            model(convert_to_tensor(np.zeros((2, 5, 3), dtype=np.float32), backend=foreign))
    with pytest.raises(ValueError, match=r"timespans of shape \(3,\)"):
        model(x, timespans=convert_to_tensor(np.ones(3, dtype=np.float32), backend=backend))
    with pytest.raises(ValueError, match=r"h0 has shape \(2, 3\); expected \(2, 4\)"):
        model(x, convert_to_tensor(np.zeros((2, 3), dtype=np.float32), backend=backend))


def test_bad_constructor_arguments():
    with pytest.raises(ValueError, match="default, pure, no_gate"):
        nn.CfC(2, 4, mode="fast", backend="numpy")
    with pytest.raises(ValueError, match="lecun_tanh, silu, relu, tanh, gelu"):
        nn.CfC(2, 4, activation="swish", backend="numpy")
    with pytest.raises(ValueError, match="affine, linear, none"):
        nn.LTC(2, 4, input_mapping="square", backend="numpy")
    with pytest.raises(ValueError, match="affine, linear, none"):
        nn.LTC(2, 4, output_mapping="cube", backend="numpy")
    with pytest.raises(ValueError, match="backbone_units"):
        nn.CfC(2, wirings.AutoNCP(6, 2), backbone_units=3, backend="numpy")
    with pytest.raises(ValueError, match="unknown backend"):
        nn.CfC(2, 4, backend="jax")
    with pytest.raises(ValueError, match="input_dim"):
        wiring = wirings.AutoNCP(6, 2)
        nn.CfC(2, wiring, backend="numpy")
        nn.LTC(3, wiring, backend="numpy")


def test_submodules_must_share_the_backend():
    class Net(nn.Module):
        def __init__(self, *, backend=None, dtype=None, device=None):
            super().__init__()
            self.inner = nn.Linear(2, 2, backend="numpy")

    for backend in INSTALLED:
        if backend != "numpy":
            with pytest.raises(TypeError, match="backend='"):
                Net(backend=backend)


@pytest.mark.parametrize("backend", INSTALLED)
def test_copy_and_pickle(backend):
    model = nn.CfC(2, wirings.AutoNCP(6, 2), backend=backend, seed=3)
    for clone in (copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        assert type(clone) is type(model) and clone.backend == backend
        for name, value in _arrays(model).items():
            np.testing.assert_array_equal(_arrays(clone)[name], value)


def test_float64_models():
    for backend in (b for b in INSTALLED if b != "mlx"):
        model = nn.LTC(2, 4, backend=backend, dtype="float64", seed=0)
        x = convert_to_tensor(np.ones((1, 3, 2)), backend=backend)
        y, _ = model(x)
        assert to_numpy(y).dtype == np.float64
    with pytest.raises(ValueError, match="float32"):
        nn.LTC(2, 4, backend="numpy", dtype="int32")


@pytest.mark.parametrize("backend", INSTALLED)
def test_backbone_dropout_acts_in_training_mode_only(backend):
    model = nn.CfC(
        2, 4, backbone_units=6, backbone_layers=2, backbone_dropout=0.5, backend=backend, seed=0
    )
    x = convert_to_tensor(np.ones((2, 3, 2), dtype=np.float32), backend=backend)
    model.eval()
    first, second = to_numpy(model(x)[0]), to_numpy(model(x)[0])
    np.testing.assert_array_equal(first, second)
    model.train()
    trained = [to_numpy(model(x)[0]) for _ in range(3)]
    assert any(not np.allclose(t, first) for t in trained)


def test_import_ember_ml_nn_loads_neither_torch_nor_mlx():
    import subprocess
    import sys

    code = (
        "import sys, ember_ml.nn, ember_ml.nn.wirings\n"
        "print(sorted(m for m in ('torch', 'mlx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
