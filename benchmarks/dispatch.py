"""Dispatch overhead: ``ops.f(x)`` against the native call and against array-api-compat.

For sin, add, matmul, sum and where on 10-element arrays, on every installed
backend, one run measures three ways of calling the same function:

* native: the library's own function (``np.sin``, ``torch.sin``, ``mx.sin``);
* compat: ``array_api_compat.array_namespace(x).sin(x)`` (how a library author
  writes standard code today);
* ops: ``ember_ml.ops.sin(x)``.

It prints microseconds per call (best of several repeats) and the ratios
ops/native and compat/native. Goal: ops within 1.25x of native.
MLX ops are lazy: the ``mlx`` rows time building the graph, like the native call,
and the ``mlx+eval`` rows time building and evaluating it (``mx.eval``), which is
what a program pays in the end.

Run: ``python benchmarks/dispatch.py [--number N]``
"""

from __future__ import annotations

import argparse
import importlib
import timeit

import array_api_compat

from ember_ml import backend, ops

GOAL = 1.25


_LIBRARY = {"numpy": "numpy", "torch": "torch", "mlx": "mlx.core"}
FUNCTIONS = ("sin", "add", "matmul", "sum", "where")


def _cases(name: str):
    """(function name, native function, args) for backend ``name``."""
    lib = importlib.import_module(_LIBRARY[name])
    x = lib.linspace(0.1, 1.0, 10)
    m = lib.ones((10, 10))
    args = {"sin": (x,), "add": (x, x), "matmul": (m, m), "sum": (x,), "where": (x > 0.5, x, x)}
    return [(f, getattr(lib, f), args[f]) for f in FUNCTIONS]


def _best(call, args, number: int, repeat: int = 7) -> float:
    timer = timeit.Timer(lambda: call(*args))
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def _compat_call(fname):
    def call(*args):
        return getattr(array_api_compat.array_namespace(*args), fname)(*args)

    return call


def _evaluated(call):
    import mlx.core as mx

    def evaluated_call(*args):
        mx.eval(call(*args))

    return evaluated_call


def run(number: int) -> list[tuple[str, str, float, float, float]]:
    rows = []
    variants = [(name, lambda call: call) for name in backend.installed_backends()]
    if "mlx" in backend.installed_backends():
        variants.append(("mlx+eval", _evaluated))
    for label, wrap in variants:
        for fname, native, args in _cases(label.partition("+")[0]):
            ops_call = getattr(ops, fname)
            ops_call(*args)  # warm the dispatch cache
            t_native = _best(wrap(native), args, number)
            t_ops = _best(wrap(ops_call), args, number)
            t_compat = _best(wrap(_compat_call(fname)), args, number)
            rows.append((label, fname, t_native, t_ops, t_compat))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=20000, help="calls per repeat")
    number = parser.parse_args().number
    rows = run(number)
    print(f"{'backend':9} {'op':7} {'native us':>10} {'ops us':>8} {'compat us':>10} "
          f"{'ops/native':>10} {'compat/native':>13}")
    worst = 0.0
    for name, fname, t_native, t_ops, t_compat in rows:
        ratio = t_ops / t_native
        worst = max(worst, ratio)
        print(f"{name:9} {fname:7} {t_native:10.3f} {t_ops:8.3f} {t_compat:10.3f} "
              f"{ratio:10.2f} {t_compat / t_native:13.2f}")
    print(f"worst ops/native ratio: {worst:.2f} (goal <= {GOAL})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
