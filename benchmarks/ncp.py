"""CfC and LTC speed against ncps, measured in one run (ratios, not absolute times).

Forward pass and one training step (forward + backward + Adam) of CfC and LTC on an
AutoNCP(32, 4) wiring, batch 64, 100 steps, 8 input features. torch: ember_ml's
model over ncps's torch model with the same weights (ratio < 1 is faster). MLX with
and without ``mx.compile`` and NumPy are reported beside it (times in ms).

    python benchmarks/ncp.py            # about 30 s of CPU time
    python benchmarks/ncp.py --repeats 5 --train-repeats 3

Times are CPU time of the process (``time.process_time``), which a machine shared
with other jobs disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import importlib.util
import time

import numpy as np

from ember_ml import nn
from ember_ml.nn.wirings import AutoNCP


def best_ms(fn, repeats: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return 1e3 * min(times)


def interleaved(fns: dict, repeats: int) -> dict[str, float]:
    """Best time of each function, alternating them so machine noise hits all alike."""
    for fn in fns.values():
        fn()
    best = {name: float("inf") for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - start)
    return {name: 1e3 * t for name, t in best.items()}


def run(kind: str, batch: int, seq: int, features: int, repeats: int, train_repeats: int) -> None:
    import torch
    from ncps import torch as ncps_torch
    from ncps import wirings as ncps_wirings

    x_np = np.random.default_rng(0).standard_normal((batch, seq, features)).astype(np.float32)
    target_np = np.random.default_rng(1).standard_normal((batch, seq, 4)).astype(np.float32)
    torch.manual_seed(0)
    theirs = getattr(ncps_torch, kind)(features, ncps_wirings.AutoNCP(32, 4))
    ours = getattr(nn, kind)(features, AutoNCP(32, 4), backend="torch", seed=0)
    ours.load_ncps_state_dict(theirs.state_dict())
    x, target = torch.from_numpy(x_np), torch.from_numpy(target_np)

    def forward(model):
        def f():
            with torch.no_grad():
                model(x)

        return f

    def train_step(model):
        optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)

        def f():
            optimizer.zero_grad()
            loss = torch.mean((model(x)[0] - target) ** 2)
            loss.backward()
            optimizer.step()

        return f

    fwd = interleaved({"ember_ml": forward(ours), "ncps": forward(theirs)}, repeats)
    step = interleaved({"ember_ml": train_step(ours), "ncps": train_step(theirs)}, train_repeats)
    print(
        f"{kind} forward   torch: ember_ml {fwd['ember_ml']:7.1f} ms  ncps {fwd['ncps']:7.1f} ms  "
        f"ratio {fwd['ember_ml'] / fwd['ncps']:.2f}"
    )
    print(
        f"{kind} train step torch: ember_ml {step['ember_ml']:7.1f} ms  ncps {step['ncps']:7.1f} ms  "
        f"ratio {step['ember_ml'] / step['ncps']:.2f}"
    )

    numpy_model = getattr(nn, kind)(features, AutoNCP(32, 4), backend="numpy", seed=0)
    numpy_model.load_ncps_state_dict(theirs.state_dict())
    print(f"{kind} forward   numpy: {best_ms(lambda: numpy_model(x_np), repeats):7.1f} ms")

    if importlib.util.find_spec("mlx") is not None:
        import mlx.core as mx
        import mlx.nn as mlx_nn
        import mlx.optimizers as optim

        model = getattr(nn, kind)(features, AutoNCP(32, 4), backend="mlx", seed=0)
        model.load_ncps_state_dict(theirs.state_dict())
        mx_x, mx_target = mx.array(x_np), mx.array(target_np)
        eager = best_ms(lambda: mx.eval(model(mx_x)[0]), repeats)
        compiled_forward = mx.compile(lambda x: model(x)[0])
        compiled = best_ms(lambda: mx.eval(compiled_forward(mx_x)), repeats)
        optimizer = optim.Adam(learning_rate=1e-3)

        def loss_fn(model, x, y):
            return mx.mean((model(x)[0] - y) ** 2)

        loss_and_grad = mlx_nn.value_and_grad(model, loss_fn)

        def mlx_step():
            _, grads = loss_and_grad(model, mx_x, mx_target)
            optimizer.update(model, grads)
            mx.eval(model.parameters(), optimizer.state)

        print(f"{kind} forward   mlx: eager {eager:7.1f} ms  mx.compile {compiled:7.1f} ms")
        print(f"{kind} train step mlx: {best_ms(mlx_step, train_repeats):7.1f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seq", type=int, default=100)
    parser.add_argument("--features", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--train-repeats", type=int, default=1)
    args = parser.parse_args(argv)
    print(
        f"batch {args.batch}, {args.seq} steps, AutoNCP(32, 4), {args.features} features; "
        "best CPU time (process_time) of each, ember_ml and ncps interleaved"
    )
    for kind in ("CfC", "LTC"):
        run(kind, args.batch, args.seq, args.features, args.repeats, args.train_repeats)


if __name__ == "__main__":
    main()
