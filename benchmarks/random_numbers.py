"""ember_ml.random's Threefry samplers against each library's own generator, in one run.

Run:  python benchmarks/random_numbers.py [--size N] [--repeat R] [--only BACKEND] [--torch-threads T]

For every installed backend (NumPy, torch, MLX) it times, best of ``R`` repeats:

* normal: ``random.normal(key, (N,))`` (float32, bit-identical across libraries) against
  ``np.random.default_rng().standard_normal(N, dtype=np.float32)``, ``torch.randn(N)`` and
  ``mx.random.normal((N,))``;
* uniform: ``random.uniform(key, (N,))`` against ``rng.random``, ``torch.rand`` and
  ``mx.random.uniform``.

MLX results are evaluated (``mx.eval``) inside the timing. It prints milliseconds and the
ratio ember/native. Goal: within 3x of the native generator (default N = 10**7).

``--torch-threads`` sets ``torch.set_num_threads`` for both torch rows. On a machine whose
cores are busy with other work, torch's intra-op threads wait on each other at the end of
every operation; the Threefry samplers run ~150 operations where ``torch.randn`` runs one,
so they suffer far more: compare with ``--torch-threads 1`` there.
"""

from __future__ import annotations

import argparse
import importlib.util
import time

import ember_ml
from ember_ml import random

GOAL = 3.0


def _best(call, repeat: int) -> float:
    times = []  # the best of the repeats leaves out first-use costs (imports, MLX compilation)
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times) * 1e3


def _cases(backend: str, n: int):
    with ember_ml.use_backend(backend):
        key = random.key(0)
    ours = {
        "normal": lambda: random.normal(key, (n,)),
        "uniform": lambda: random.uniform(key, (n,)),
    }
    if backend == "numpy":
        import numpy as np

        rng = np.random.default_rng(0)
        native = {
            "normal": lambda: rng.standard_normal(n, dtype=np.float32),
            "uniform": lambda: rng.random(n, dtype=np.float32),
        }
        sync = None
    elif backend == "torch":
        import torch

        native = {"normal": lambda: torch.randn(n), "uniform": lambda: torch.rand(n)}
        sync = None
    else:
        import mlx.core as mx

        native = {
            "normal": lambda: mx.random.normal((n,)),
            "uniform": lambda: mx.random.uniform(shape=(n,)),
        }
        sync = mx.eval
    if sync is not None:
        ours = {k: (lambda f=f: sync(f())) for k, f in ours.items()}
        native = {k: (lambda f=f: sync(f())) for k, f in native.items()}
    return ours, native


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10**7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=None)
    parser.add_argument("--torch-threads", type=int, default=None)
    args = parser.parse_args()
    if args.torch_threads is not None and importlib.util.find_spec("torch") is not None:
        import torch

        torch.set_num_threads(args.torch_threads)
    modules = {"numpy": "numpy", "torch": "torch", "mlx": "mlx"}
    print(f"N = {args.size}, best of {args.repeat}; goal: ember/native <= {GOAL}")
    print(f"{'backend':8} {'sampler':8} {'native ms':>10} {'ember ms':>10} {'ratio':>7}")
    for backend, module in modules.items():
        if args.only and backend != args.only or importlib.util.find_spec(module) is None:
            continue
        ours, native = _cases(backend, args.size)
        for name in ours:
            t_native = _best(native[name], args.repeat)
            t_ours = _best(ours[name], args.repeat)
            ratio = t_ours / t_native
            flag = "" if ratio <= GOAL else "  (over goal)"
            print(f"{backend:8} {name:8} {t_native:10.1f} {t_ours:10.1f} {ratio:7.2f}{flag}")


if __name__ == "__main__":
    main()
