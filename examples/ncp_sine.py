"""Fit a sine wave with an NCP-wired CfC (or LTC), trained by torch's and by MLX's own autodiff.

The model is defined once (``ember_ml.nn``); on torch it is a ``torch.nn.Module``
trained with ``torch.optim.Adam`` and ``loss.backward()``, on MLX an
``mlx.nn.Module`` trained with ``mlx.optimizers.Adam`` and ``nn.value_and_grad``.
NumPy models run inference only (no autodiff).

    python examples/ncp_sine.py                 # CfC on every installed autodiff backend
    python examples/ncp_sine.py --model ltc --steps 300
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import time

import numpy as np

from ember_ml import nn
from ember_ml.nn.wirings import AutoNCP


def sine_data(seq_len: int = 48):
    """Input (sin t, cos t), target sin(2t): shapes (1, seq, 2) and (1, seq, 1)."""
    t = np.linspace(0.0, 3.0 * math.pi, seq_len, dtype=np.float32)
    x = np.stack([np.sin(t), np.cos(t)], axis=-1)[None]
    y = np.sin(2.0 * t)[None, :, None]
    return x.astype(np.float32), y.astype(np.float32)


def make_model(kind: str, backend: str):
    wiring = AutoNCP(16, 1, seed=22222)  # 16 neurons, 1 motor neuron (the output)
    if kind == "ltc":
        return nn.LTC(2, wiring, backend=backend, seed=0)
    return nn.CfC(2, wiring, backend=backend, seed=0)


def train_torch(kind: str, steps: int, lr: float) -> list[float]:
    import torch

    x, y = (torch.from_numpy(a) for a in sine_data())
    model = make_model(kind, "torch")  # a torch.nn.Module
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        prediction, _ = model(x)
        loss = torch.mean((prediction - y) ** 2)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def train_mlx(kind: str, steps: int, lr: float) -> list[float]:
    import mlx.core as mx
    import mlx.nn as mlx_nn
    import mlx.optimizers as optim

    x, y = (mx.array(a) for a in sine_data())
    model = make_model(kind, "mlx")  # an mlx.nn.Module
    optimizer = optim.Adam(learning_rate=lr, bias_correction=True)  # torch's Adam

    def loss_fn(model, x, y):
        return mx.mean((model(x)[0] - y) ** 2)

    loss_and_grad = mlx_nn.value_and_grad(model, loss_fn)
    losses = []
    for _ in range(steps):
        loss, grads = loss_and_grad(model, x, y)
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state)
        losses.append(loss.item())
    return losses


def main(argv: list[str] | None = None) -> dict[str, list[float]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["cfc", "ltc"], default="cfc")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.02)
    args = parser.parse_args(argv)
    trainers = {"torch": train_torch, "mlx": train_mlx}
    results = {}
    for backend, train in trainers.items():
        if importlib.util.find_spec(backend) is None:
            print(f"{backend}: not installed, skipped")
            continue
        start = time.perf_counter()
        losses = train(args.model, args.steps, args.lr)
        seconds = time.perf_counter() - start
        results[backend] = losses
        print(
            f"{backend:5s} {args.model}: loss {losses[0]:.4f} -> {losses[-1]:.5f} "
            f"({losses[0] / losses[-1]:.0f}x lower) in {args.steps} steps, {seconds:.1f} s"
        )
    return results


if __name__ == "__main__":
    main()
