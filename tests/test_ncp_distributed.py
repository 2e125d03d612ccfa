"""Data-parallel NCP training equals single-process training on the full batch (to 1e-5).

``examples/ncp_ddp.py`` starts two worker processes on loopback (torch: gloo and
``DistributedDataParallel``; MLX: the ring backend and ``mx.distributed.all_sum`` of the
gradients), each training ``nn.CfC`` on half the batch. The oracle is the plain
single-process training loop of docs/ncp.md, written here and run in this process on the
full batch with the same initial weights. The example runs in a subprocess with a timeout
of seconds, and it kills its workers after its own ``--timeout``: a hang fails, never blocks.
If ``mx.distributed`` cannot start here, the MLX test fails with the example's error
message (a missing library is skipped, as everywhere in the suite).
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ncp_ddp.py"
STEPS, BATCH, LR = 8, 8, 0.02
TOL = 1e-5


def _example():
    """The example as a module (its data and model; the training loops here are our own)."""
    spec = importlib.util.spec_from_file_location("ncp_ddp_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_distributed(backend: str, tmp_path: pathlib.Path, *extra: str) -> dict:
    out = tmp_path / "losses.json"
    env = {k: v for k, v in os.environ.items() if k not in {"RANK", "MLX_RANK", "WORLD_SIZE"}}
    env.pop("TORCHELASTIC_RUN_ID", None)
    command = [sys.executable, str(EXAMPLE), "--backend", backend, "--world-size", "2"]
    command += ["--steps", str(STEPS), "--batch", str(BATCH), "--lr", str(LR)]
    command += ["--timeout", "75", "--json", str(out), *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=100, env=env)
    assert done.returncode == 0, f"exit status {done.returncode}\n{done.stdout}\n{done.stderr}"
    return json.loads(out.read_text())


def test_torch_ddp_loss_curve_equals_single_process_full_batch(tmp_path):
    torch = pytest.importorskip("torch", reason="torch is not installed")
    example = _example()
    x, y = (torch.from_numpy(a) for a in example.make_batch(BATCH))
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        model = example.make_model("torch")
        optimizer = torch.optim.Adam(model.parameters(), lr=LR)
        expected = []
        for _ in range(STEPS):
            optimizer.zero_grad()
            loss = torch.mean((model(x)[0] - y) ** 2)
            loss.backward()
            optimizer.step()
            expected.append(loss.item())
    finally:
        torch.set_num_threads(threads)
    losses = _run_distributed("torch", tmp_path, "--no-reference")["distributed"]
    assert len(losses) == STEPS
    np.testing.assert_allclose(losses, expected, rtol=0, atol=TOL)
    assert expected[-1] < 0.9 * expected[0]  # it trains: the curve is not flat


def test_mlx_distributed_loss_curve_equals_single_process_full_batch(tmp_path):
    mx = pytest.importorskip("mlx.core", reason="mlx is not installed")
    import mlx.nn as mlx_nn
    import mlx.optimizers as optim

    example = _example()
    x, y = (mx.array(a) for a in example.make_batch(BATCH))
    model = example.make_model("mlx")
    optimizer = optim.Adam(learning_rate=LR, bias_correction=True)
    loss_and_grad = mlx_nn.value_and_grad(model, lambda m, x, y: mx.mean((m(x)[0] - y) ** 2))
    expected = []
    for _ in range(STEPS):
        loss, grads = loss_and_grad(model, x, y)
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state)
        expected.append(loss.item())
    # (this also fills MLX's compiled-kernel cache, which the two workers then share)
    losses = _run_distributed("mlx", tmp_path, "--no-reference")["distributed"]
    assert len(losses) == STEPS
    np.testing.assert_allclose(losses, expected, rtol=0, atol=TOL)
    assert expected[-1] < 0.9 * expected[0]


def test_an_mlx_worker_that_cannot_start_prints_a_clear_error(tmp_path):
    pytest.importorskip("mlx.core", reason="mlx is not installed")
    hostfile = tmp_path / "hosts.json"
    hostfile.write_text("{not json")
    env = dict(os.environ, MLX_RANK="0", MLX_HOSTFILE=str(hostfile))
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--backend", "mlx", "--worker"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode != 0
    assert "mlx.distributed has no usable CPU backend here" in done.stderr
    assert "backend='ring'" in done.stderr and str(hostfile) in done.stderr


def test_the_launcher_stops_its_workers_at_the_timeout_with_status_2():
    pytest.importorskip("mlx.core", reason="mlx is not installed")
    command = [sys.executable, str(EXAMPLE), "--backend", "mlx", "--no-reference"]
    done = subprocess.run(
        [*command, "--steps", "1000", "--timeout", "0.5"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "the workers did not finish within 0.5 s" in done.stderr
