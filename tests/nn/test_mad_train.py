"""MAD models, training loop and CLI: scores against torchmetrics' and scikit-learn's definitions,
models by name, the same run on torch and MLX, and the CLI's last line (a CI smoke run)."""

from __future__ import annotations

import math
import os
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest

from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.nn.mad import (
    CHANNELS,
    MODELS,
    TRAINABLE_BACKENDS,
    build_model,
    cosine_lr,
    model_config,
    scores,
    train,
)
from ember_ml.nn.mad.cli import main
from ember_ml.tensor import convert_to_tensor

ROOT = pathlib.Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(r"^accuracy (\d\.\d+) macro (\d\.\d+) steps (\d+) seconds (\d+\.\d)$")
TINY = {
    "vocab_size": 8,
    "seq_len": 12,
    "num_train": 32,
    "num_test": 16,
    "dim": 16,
    "num_blocks": 1,
    "batch_size": 16,
}


def test_macro_accuracy_is_torchmetrics_and_token_accuracy_is_the_mean():
    # torchmetrics' documented example: MulticlassAccuracy(num_classes=3) (macro) gives 0.8333
    token, macro = scores(np.asarray([[2, 1, 0, 1]]), np.asarray([[2, 1, 0, 0]]))
    assert token == 0.75 and macro == pytest.approx(5 / 6)
    # where every predicted class is a target class, macro is balanced accuracy
    sklearn = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    targets = rng.integers(0, 5, (6, 20))
    predictions = np.where(rng.random((6, 20)) < 0.6, targets, rng.integers(0, 5, (6, 20)))
    targets[:, ::3] = -100
    keep = targets != -100
    token, macro = scores(predictions, targets)
    assert token == pytest.approx((predictions[keep] == targets[keep]).mean())
    assert macro == pytest.approx(sklearn.balanced_accuracy_score(targets[keep], predictions[keep]))
    with pytest.raises(ValueError, match="no scored targets"):
        scores(np.zeros((1, 2)), np.full((1, 2), -100))


def test_cosine_schedule():
    assert cosine_lr(0, 100, 1e-3, 1e-6) == 1e-3
    assert cosine_lr(50, 100, 1e-3, 1e-6) == pytest.approx((1e-3 + 1e-6) / 2)
    assert cosine_lr(100, 100, 1e-3, 1e-6) == pytest.approx(1e-6)
    assert cosine_lr(25, 100, 1.0, 0.0) == pytest.approx(0.5 * (1 + math.cos(math.pi / 4)))


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_model_builds_from_its_config_and_runs(name):
    # width 32: 16 heads of 2 features in the multi-head attention (MAD's 16 heads)
    model = build_model(name, vocab_size=8, seq_len=6, dim=32, backend="numpy", seed=0)
    assert model(np.zeros((2, 6), dtype=np.int64)).shape == (2, 6, 8)
    config = model.to_config()
    assert config == nn.from_config(config, backend="numpy").to_config()
    kinds = [b["sequence_mixer"]["type"] for b in config["blocks"]]
    expected = [nn.layer_config(MODELS[name][i % len(MODELS[name])], 32, 6)["type"] for i in (0, 1)]
    assert kinds == expected


def test_striped_alternates_and_channels_and_compression_backbone():
    config = model_config("striped", vocab_size=16, seq_len=8, dim=32, num_blocks=4, channel="moe")
    assert [b["sequence_mixer"]["type"] for b in config["blocks"]] == [
        "MultiHeadHyena",
        "MultiHeadAttention",
    ] * 2
    assert {b["channel_mixer"]["type"] for b in config["blocks"]} == {"MoE"}
    assert model_config("gru", vocab_size=4, seq_len=4, task="compression")["type"] == "AutoEncoder"
    assert set(CHANNELS) == {"swiglu", "moe", "mlp"}


def test_unknown_names_raise_value_errors_naming_the_valid_ones():
    with pytest.raises(ValueError, match="valid models are attention, mh-attention"):
        model_config("transformer", vocab_size=4, seq_len=4)
    with pytest.raises(ValueError, match="valid channels are swiglu, moe, mlp"):
        model_config("gru", vocab_size=4, seq_len=4, channel="glu")
    with pytest.raises(ValueError, match="valid backends are torch, mlx"):
        train("gru", "compression", backend="numpy", **TINY)
    with pytest.raises(ValueError, match="valid tasks are"):
        train("gru", "copying", backend="torch", **TINY)
    with pytest.raises(SystemExit) as exit_info:
        main(["--model", "transformer", "--task", "compression"])
    assert exit_info.value.code == 2


def test_the_same_run_on_torch_and_mlx_takes_the_same_steps():
    """Same seed: same weights, batches and schedule; the losses agree to float32 round-off."""
    pytest.importorskip("torch")
    pytest.importorskip("mlx.core")
    runs = {
        backend: train(
            "attention",
            "selective_copying",
            backend=backend,
            epochs=2,
            lr=1e-2,
            target=1.01,
            task_params={"num_tokens_to_copy": 2},
            **TINY,
        )
        for backend in TRAINABLE_BACKENDS
    }
    torch_run, mlx_run = runs["torch"], runs["mlx"]
    assert torch_run.steps == mlx_run.steps == 4
    np.testing.assert_allclose(mlx_run.losses, torch_run.losses, rtol=2e-3)
    assert torch_run.losses[-1] < torch_run.losses[0]
    assert abs(torch_run.accuracy - mlx_run.accuracy) <= 0.05


def test_early_stop_and_time_limit_end_after_the_first_epoch():
    pytest.importorskip("torch")
    stopped = train("gru", "compression", backend="torch", target=0.0, **TINY)
    assert stopped.epochs == 1 and stopped.steps == 2
    capped = train("gru", "compression", backend="torch", max_seconds=0.0, **TINY)
    assert capped.epochs == 1 and capped.steps == 2


@pytest.mark.parametrize("backend", TRAINABLE_BACKENDS)
def test_cli_smoke_run_prints_the_score_last(backend):
    pytest.importorskip({"torch": "torch", "mlx": "mlx.core"}[backend])
    command = [
        sys.executable,
        "-m",
        "ember_ml.nn.mad",
        *("--model", "attention", "--task", "selective_copying", "--backend", backend),
        *("--seed", "1", "--vocab-size", "8", "--seq-len", "12", "--num-tokens-to-copy", "2"),
        *("--num-train", "32", "--num-test", "16", "--epochs", "2", "--dim", "16"),
        *("--blocks", "1", "--batch-size", "16", "--target", "1.01", "--threads", "1"),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    match = LAST_LINE.match(done.stdout.strip().splitlines()[-1])
    assert match, done.stdout
    accuracy, macro, steps = float(match[1]), float(match[2]), int(match[3])
    assert 0.0 <= accuracy <= 1.0 and 0.0 <= macro <= 1.0 and steps == 4
    assert "epoch 2" in done.stderr  # the progress report


def _mad_attention_model(state, tokens, blocks):
    """MAD's attention LanguageModel written out in NumPy (float64) from its equations."""
    s = {k: np.asarray(to_numpy(v), dtype=np.float64) for k, v in state.items()}

    def norm(x, prefix):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-5) * s[prefix + ".weight"] + s[prefix + ".bias"]

    def rope(x):  # rotate-half (flash-attn's non-interleaved) over the whole head, base 1e4
        length, dim = x.shape[-2], x.shape[-1]
        angle = np.arange(length)[:, None] * 10000.0 ** (-np.arange(0, dim, 2) / dim)[None]
        a, b = x[..., : dim // 2], x[..., dim // 2 :]
        return np.concatenate(
            [a * np.cos(angle) - b * np.sin(angle), a * np.sin(angle) + b * np.cos(angle)], -1
        )

    x = s["embedding.weight"][tokens]
    length = tokens.shape[1]
    future = np.triu(np.ones((length, length), dtype=bool), 1)
    for i in range(blocks):
        p = f"blocks.{i}."
        h = norm(x, p + "sequence_norm")
        q, k, v = np.split(
            h @ s[p + "sequence_mixer.in_proj_weight"].T + s[p + "sequence_mixer.in_proj_bias"],
            3,
            -1,
        )
        scores = rope(q) @ np.swapaxes(rope(k), -1, -2) / np.sqrt(q.shape[-1])
        scores = np.where(future, -np.inf, scores)
        weights = np.exp(scores - scores.max(-1, keepdims=True))
        weights /= weights.sum(-1, keepdims=True)
        out = weights @ v
        x = (
            x
            + out @ s[p + "sequence_mixer.out_proj.weight"].T
            + s[p + "sequence_mixer.out_proj.bias"]
        )
        h = norm(x, p + "channel_norm")
        gate = h @ s[p + "channel_mixer.w1.weight"].T
        x = (
            x
            + (gate / (1 + np.exp(-gate)) * (h @ s[p + "channel_mixer.w2.weight"].T))
            @ s[p + "channel_mixer.w3.weight"].T
        )
    return norm(x, "norm") @ s["head.weight"].T + s["head.bias"]


def test_the_attention_model_is_mads_equations(backend):
    """Causal mask, RoPE, pre-norm residuals, SwiGLU, head: the whole model, not layer by layer."""
    model = build_model("attention", vocab_size=16, seq_len=24, dim=16, backend=backend, seed=3)
    tokens = np.random.default_rng(0).integers(0, 16, (2, 24))
    expected = _mad_attention_model(model.state_dict(), tokens, 2)
    got = to_numpy(model(convert_to_tensor(tokens, backend=backend)))
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
