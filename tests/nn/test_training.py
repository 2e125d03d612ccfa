"""The same model trains with torch autograd and MLX value_and_grad; gradients agree; compile works."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.nn import wirings
from ember_ml.tensor import convert_to_tensor

torch = pytest.importorskip("torch", reason="torch is not installed")
mx = pytest.importorskip("mlx.core", reason="mlx is not installed")
mlx_nn = pytest.importorskip("mlx.nn")
from mlx.utils import tree_flatten  # noqa: E402

MODELS = {
    "cfc-backbone-mixed-proj": lambda b: nn.CfC(
        2, 6, proj_size=1, mixed_memory=True, backbone_units=5, backend=b, seed=0
    ),
    "cfc-wired-pure": lambda b: nn.CfC(2, wirings.AutoNCP(7, 1), mode="pure", backend=b, seed=0),
    "ltc-ncp": lambda b: nn.LTC(2, wirings.AutoNCP(7, 1), backend=b, seed=0),
}


def _data():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 6, 2)).astype(np.float32)
    target = rng.standard_normal((3, 6, 1)).astype(np.float32)
    ts = (rng.random((3, 6)) + 0.5).astype(np.float32)
    return x, target, ts


@pytest.mark.parametrize("name", sorted(MODELS))
def test_mlx_gradients_equal_torch_gradients(name):
    x, target, ts = _data()
    t_model = MODELS[name]("torch")
    m_model = MODELS[name]("mlx")
    m_model.load_state_dict(t_model.state_dict())

    y, _ = t_model(torch.from_numpy(x), timespans=torch.from_numpy(ts))
    loss = torch.mean((y - torch.from_numpy(target)) ** 2)
    loss.backward()
    torch_grads = {k: p.grad.numpy() for k, p in t_model.named_parameters()}

    def loss_fn(model, x, ts, target):
        y, _ = model(x, timespans=ts)
        return mx.mean((y - target) ** 2)

    m_loss, grads = mlx_nn.value_and_grad(m_model, loss_fn)(
        m_model, mx.array(x), mx.array(ts), mx.array(target)
    )
    mlx_grads = dict(tree_flatten(grads))
    assert sorted(mlx_grads) == sorted(torch_grads)
    np.testing.assert_allclose(float(m_loss.item()), float(loss.item()), rtol=1e-5)
    for key, value in torch_grads.items():
        np.testing.assert_allclose(
            np.array(mlx_grads[key]), value, rtol=1e-4, atol=1e-5, err_msg=key
        )


def test_torch_optimizer_steps_change_parameters_and_lower_the_loss():
    x, target, ts = _data()
    model = MODELS["cfc-wired-pure"]("torch")
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = []
    for _ in range(15):
        optimizer.zero_grad()
        y, _ = model(torch.from_numpy(x))
        loss = torch.mean((y - torch.from_numpy(target)) ** 2)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.9 * losses[0]


def test_mlx_optimizer_steps_lower_the_loss():
    import mlx.optimizers as optim

    x, target, _ = _data()
    model = MODELS["ltc-ncp"]("mlx")
    optimizer = optim.Adam(learning_rate=0.05)

    def loss_fn(model, x, target):
        return mx.mean((model(x)[0] - target) ** 2)

    step = mlx_nn.value_and_grad(model, loss_fn)
    losses = []
    for _ in range(15):
        loss, grads = step(model, mx.array(x), mx.array(target))
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state)
        losses.append(loss.item())
    assert losses[-1] < 0.9 * losses[0]
    # The frozen masks did not move.
    mask = np.array(model.rnn_cell.sparsity_mask)
    np.testing.assert_array_equal(mask, np.abs(model.wiring.adjacency_matrix))


@pytest.mark.parametrize("name", sorted(MODELS))
def test_forward_inside_compile(name):
    x, _, ts = _data()
    t_model = MODELS[name]("torch")
    eager = t_model(torch.from_numpy(x), timespans=torch.from_numpy(ts))[0]
    if name == "ltc-ncp":  # torch.compile takes seconds per model: one model here
        compiled = torch.compile(t_model, fullgraph=True, backend="eager")
        out = compiled(torch.from_numpy(x), timespans=torch.from_numpy(ts))[0]
        torch.testing.assert_close(out, eager)

    m_model = MODELS[name]("mlx")
    m_model.load_state_dict(t_model.state_dict())
    forward = mx.compile(lambda x, ts: m_model(x, timespans=ts)[0])
    m_out = forward(mx.array(x), mx.array(ts))
    np.testing.assert_allclose(np.array(m_out), to_numpy(eager), rtol=1e-5, atol=1e-5)


def test_numpy_models_run_inference_only():
    model = MODELS["ltc-ncp"]("numpy")
    x, _, _ = _data()
    y, _ = model(convert_to_tensor(x, backend="numpy"))
    assert y.shape == (3, 6, 1)
    assert all(isinstance(v, np.ndarray) for v in model.parameters().values())
