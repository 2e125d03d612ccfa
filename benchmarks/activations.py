"""Activations: ``ember_ml.ops.activations`` against each library's own call, in one run.

For softmax and gelu (exact and tanh), plus sigmoid, silu and softplus, on a
1000 x 1000 float32 array:

* torch: ``activations.f(t)`` against ``torch.nn.functional.f(t)``;
* mlx: ``activations.f(a)`` against ``mlx.nn.f(a)`` / ``mx.softmax``, both evaluated
  (``mx.eval``), which is what a program pays;
* numpy: NumPy has no activations; the generic implementation against the same
  formula written directly in NumPy (gelu: with ``scipy.special.erf`` when SciPy is
  installed).

Prints milliseconds per call (best of several repeats) and the ratio ember/native.
Goal: within 1.2x of the native call.

Run: ``python benchmarks/activations.py [--size N] [--number N] [--repeat N] [--threads N]``
"""

from __future__ import annotations

import argparse
import math
import timeit

from ember_ml import backend
from ember_ml.ops import activations

GOAL = 1.2


def _best_pair(native, ours, number: int, repeat: int) -> tuple[float, float]:
    """Best ms per call of each, the repeats interleaved so both see the same machine load."""
    native(), ours()
    t_native, t_ours = [], []
    for _ in range(repeat):
        t_native.append(timeit.timeit(native, number=number))
        t_ours.append(timeit.timeit(ours, number=number))
    return min(t_native) / number * 1e3, min(t_ours) / number * 1e3


def _torch_cases(size):
    import torch
    import torch.nn.functional as F

    x = torch.randn(size, size, generator=torch.Generator().manual_seed(0))
    return [
        ("softmax", lambda: activations.softmax(x), lambda: F.softmax(x, -1)),
        ("log_softmax", lambda: activations.log_softmax(x), lambda: F.log_softmax(x, -1)),
        ("gelu", lambda: activations.gelu(x), lambda: F.gelu(x)),
        (
            "gelu_tanh",
            lambda: activations.gelu(x, approximate="tanh"),
            lambda: F.gelu(x, approximate="tanh"),
        ),
        ("sigmoid", lambda: activations.sigmoid(x), lambda: torch.sigmoid(x)),
        ("silu", lambda: activations.silu(x), lambda: F.silu(x)),
        ("softplus", lambda: activations.softplus(x), lambda: F.softplus(x)),
    ]


def _mlx_cases(size):
    import mlx.core as mx
    import mlx.nn as nn

    x = mx.random.normal((size, size), key=mx.random.key(0))
    mx.eval(x)

    def ev(f):
        return lambda: mx.eval(f())

    return [
        (
            "softmax",
            ev(lambda: activations.softmax(x)),
            ev(lambda: mx.softmax(x, axis=-1, precise=True)),
        ),
        ("log_softmax", ev(lambda: activations.log_softmax(x)), ev(lambda: nn.log_softmax(x))),
        ("gelu", ev(lambda: activations.gelu(x)), ev(lambda: nn.gelu(x))),
        (
            "gelu_tanh",
            ev(lambda: activations.gelu(x, approximate="tanh")),
            ev(lambda: nn.gelu_approx(x)),
        ),
        ("sigmoid", ev(lambda: activations.sigmoid(x)), ev(lambda: mx.sigmoid(x))),
        ("silu", ev(lambda: activations.silu(x)), ev(lambda: nn.silu(x))),
        ("softplus", ev(lambda: activations.softplus(x)), ev(lambda: nn.softplus(x))),
    ]


def _numpy_cases(size):
    import numpy as np

    x = np.random.default_rng(0).normal(size=(size, size)).astype(np.float32)

    def softmax():
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    try:
        from scipy.special import erf

        def gelu():
            return x * 0.5 * (1.0 + erf(x * np.float32(math.sqrt(0.5))))
    except ImportError:  # pragma: no cover
        gelu = None

    def sigmoid():
        return 1.0 / (1.0 + np.exp(-x))

    cases = [
        ("softmax", lambda: activations.softmax(x), softmax),
        ("sigmoid", lambda: activations.sigmoid(x), sigmoid),
    ]
    if gelu is not None:
        cases.append(("gelu", lambda: activations.gelu(x), gelu))
    return cases


def run(size: int, number: int, repeat: int):
    rows = []
    installed = backend.installed_backends()
    for name, cases in (("torch", _torch_cases), ("mlx", _mlx_cases), ("numpy", _numpy_cases)):
        if name not in installed:
            continue
        for fname, ours, native in cases(size):
            t_native, t_ours = _best_pair(native, ours, number, repeat)
            rows.append((name, fname, t_native, t_ours))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="the array is size x size float32")
    parser.add_argument("--number", type=int, default=5, help="calls per repeat")
    parser.add_argument("--repeat", type=int, default=15, help="interleaved repeats")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    args = parser.parse_args()
    if "torch" in backend.installed_backends():
        import torch

        torch.set_num_threads(args.threads)
    rows = run(args.size, args.number, args.repeat)
    print(
        f"{args.size}x{args.size} float32, torch threads {args.threads}; ms per call "
        f"(best of {args.repeat}, interleaved); goal ember/native <= {GOAL}"
    )
    print(f"{'library':8} {'function':12} {'native':>9} {'ember':>9} {'ratio':>6}")
    for name, fname, t_native, t_ours in rows:
        flag = "" if t_ours / t_native <= GOAL else "  (over goal)"
        print(f"{name:8} {fname:12} {t_native:9.3f} {t_ours:9.3f} {t_ours / t_native:6.2f}{flag}")


if __name__ == "__main__":
    main()
