"""Every layer trains on torch and MLX alike: MLX's gradients equal torch's, compiled forwards equal
eager ones, and a striped language model learns a toy task on both.

``torch.compile`` is slow on CPU: CI traces two representative layers with the
``eager`` backend (the whole graph captured, no code generated);
``EMBER_ML_COMPILE_ALL=1`` (``tox -e layers-compile``) compiles every one, with
the backend ``EMBER_ML_COMPILE_BACKEND`` names (the tox environment: inductor).
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from layer_cases import CASES, first, flat_outputs

from ember_ml.backend import to_numpy

torch = pytest.importorskip("torch", reason="torch is not installed")
mx = pytest.importorskip("mlx.core", reason="mlx is not installed")
mlx_nn = pytest.importorskip("mlx.nn")
from mlx.utils import tree_flatten  # noqa: E402

COMPILE_ALL = os.environ.get("EMBER_ML_COMPILE_ALL", "") not in ("", "0")
COMPILE_BACKEND = os.environ.get("EMBER_ML_COMPILE_BACKEND", "eager")
TORCH_COMPILED_IN_CI = ("Block", "Mamba")


def _pair(name):
    build, make_input, _ = CASES[name]
    t_model = build("torch", 0)
    m_model = build("mlx", 0)
    m_model.load_state_dict(t_model.state_dict())
    return t_model, m_model, make_input(np.random.default_rng(0))


def _weights(output, seed=1):
    """Fixed random weights per output array: a loss whose gradient reaches every output."""
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(tuple(o.shape)).astype(np.float32) for o in flat_outputs(output)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_mlx_gradients_equal_torch_gradients(name):
    t_model, m_model, x = _pair(name)
    t_model.train()
    m_model.train()
    out = t_model(torch.from_numpy(x))
    weights = _weights(out)
    loss = sum(
        (o * torch.from_numpy(w)).sum() for o, w in zip(flat_outputs(out), weights, strict=True)
    )
    loss.backward()
    torch_grads = {k: p.grad.numpy() for k, p in t_model.named_parameters() if p.grad is not None}

    def loss_fn(model, x):
        outs = flat_outputs(model(x))
        return sum((o * mx.array(w)).sum() for o, w in zip(outs, weights, strict=True))

    m_loss, grads = mlx_nn.value_and_grad(m_model, loss_fn)(m_model, mx.array(x))
    mlx_grads = dict(tree_flatten(grads))
    assert sorted(mlx_grads) == sorted(dict(t_model.named_parameters()))
    np.testing.assert_allclose(m_loss.item(), loss.item(), rtol=1e-4, atol=1e-4)
    for key, value in torch_grads.items():
        scale = max(1.0, float(np.abs(value).max()))
        np.testing.assert_allclose(
            np.array(mlx_grads[key]), value, rtol=1e-4, atol=1e-4 * scale, err_msg=key
        )


@pytest.mark.parametrize("name", sorted(CASES))
def test_forward_inside_mx_compile(name):
    _, m_model, x = _pair(name)
    m_model.eval()
    eager = first(m_model(mx.array(x)))
    compiled = mx.compile(lambda x: first(m_model(x)))(mx.array(x))
    np.testing.assert_allclose(np.array(compiled), np.array(eager), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            n,
            marks=pytest.mark.skipif(
                not COMPILE_ALL and n not in TORCH_COMPILED_IN_CI,
                reason="torch.compile is slow on CPU: set EMBER_ML_COMPILE_ALL=1",
            ),
        )
        for n in sorted(CASES)
    ],
)
def test_forward_inside_torch_compile_fullgraph(name):
    t_model, _, x = _pair(name)
    t_model.eval()
    with torch.no_grad():
        eager = first(t_model(torch.from_numpy(x)))
        compiled = torch.compile(t_model, fullgraph=True, backend=COMPILE_BACKEND)
        out = first(compiled(torch.from_numpy(x)))
    torch.testing.assert_close(out, eager, rtol=1e-5, atol=1e-5)


def _copy_task(rng, batch=16, length=12, vocab=8):
    """Targets are the previous token: learnable by attention (and by convolution) in a few steps."""
    tokens = rng.integers(0, vocab, (batch, length))
    targets = np.concatenate([np.full((batch, 1), -100), tokens[:, :-1]], axis=1)
    return tokens.astype(np.int64), targets.astype(np.int64)


def _striped(backend):
    from ember_ml import nn

    return nn.LanguageModel(
        8,
        32,
        [("mh-hyena", "swiglu"), ("mh-attention", "swiglu")],
        max_length=12,
        backend=backend,
        seed=0,
    )


def test_striped_language_model_learns_on_torch():
    model = _striped("torch")
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-2)
    rng = np.random.default_rng(0)
    losses = []
    for _ in range(20):
        tokens, targets = _copy_task(rng)
        logits = model(torch.from_numpy(tokens))
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, 8), torch.from_numpy(targets).reshape(-1), ignore_index=-100
        )
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert np.mean(losses[-3:]) < 0.5 * np.mean(losses[:3]), losses


def test_striped_language_model_learns_on_mlx():
    import mlx.optimizers as optim

    model = _striped("mlx")
    optimizer = optim.AdamW(learning_rate=2e-2)

    def loss_fn(model, tokens, targets):
        logits = model(tokens).reshape(-1, 8)
        targets = targets.reshape(-1)
        keep = targets != -100
        losses = mlx_nn.losses.cross_entropy(logits, mx.where(keep, targets, 0), reduction="none")
        return (losses * keep).sum() / keep.sum()

    step = mlx_nn.value_and_grad(model, loss_fn)
    rng = np.random.default_rng(0)
    losses = []
    for _ in range(20):
        tokens, targets = _copy_task(rng)
        loss, grads = step(model, mx.array(tokens), mx.array(targets))
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state)
        losses.append(loss.item())
    assert np.mean(losses[-3:]) < 0.5 * np.mean(losses[:3]), losses


def test_moe_auxiliary_loss_flows_through_the_language_model():
    t_model, m_model, x = _pair("LanguageModel")
    _, aux = t_model(torch.from_numpy(x), return_aux_loss=True)
    _, m_aux = m_model(mx.array(x), return_aux_loss=True)
    assert aux.item() > 0.5  # one MoE: about 1 when balanced
    np.testing.assert_allclose(np.array(m_aux), to_numpy(aux), rtol=1e-5)
    aux.backward()
    assert t_model.blocks.block(1).channel_mixer.router.weight.grad is not None
