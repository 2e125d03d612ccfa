"""Scatter-family speed: ``ember_ml.ops`` against the best native call, as ratios in one run.

Cases (default sizes: 10^6 float32 values, 10^4 bins, random int64 indices):

* scatter-add  -- NumPy: ``np.add.at`` (and ``np.bincount`` for reference);
  torch: ``torch.zeros(n).index_add_``; MLX: ``.at[].add`` *with* a bounds check
  (``mx.any`` out of range + ``.item()``), since MLX unchecked may crash.
* scatter-max  -- NumPy ``np.maximum.at``; torch ``scatter_reduce_(amax, include_self=False)``;
  MLX checked ``.at[].maximum`` (which drops NaN in some orders; ops fixes that).
* segment_sum  -- the same native calls as scatter-add (ids must also be >= 0).

Each row prints the best-of-repeats milliseconds of ``ops`` and of the native call,
measured alternately, and ops/native (below 1 is faster). MLX timings include
``mx.eval``. The issue's goals: NumPy scatter-add >= 5x faster than
``np.add.at``, torch within 1.1x of ``index_add_``, MLX within 1.2x of checked ``.at[].add``.
``--generic`` adds the generic (standard calls only) kernel on NumPy arrays.

Run: ``python benchmarks/scatter.py [--size 1000000] [--bins 10000] [--repeat 25] [--generic]``
"""

from __future__ import annotations

import argparse
import importlib.util
import time

import numpy as np

from ember_ml import ops
from ember_ml.ops import _scatter_kernel

GOALS = {("numpy", "scatter-add"): 0.2, ("torch", "scatter-add"): 1.1, ("mlx", "scatter-add"): 1.2}


def _median_pair(ours, native, repeat: int) -> tuple[float, float]:
    ours(), native()  # warm up
    a, b = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        native()
        b.append(time.perf_counter() - t)
    return min(a) * 1e3, min(b) * 1e3


def numpy_cases(v, i, n):
    def add_at():
        out = np.zeros(n, v.dtype)
        np.add.at(out, i, v)
        return out

    def max_at():
        out = np.full(n, -np.inf, v.dtype)
        np.maximum.at(out, i, v)
        return out

    yield "scatter-add", lambda: ops.scatter(v, i, dim_size=n), add_at, "np.add.at"
    yield (
        "scatter-add",
        lambda: ops.scatter(v, i, dim_size=n),
        lambda: np.bincount(i, v, n).astype(v.dtype),
        "np.bincount",
    )
    yield "scatter-max", lambda: ops.scatter(v, i, dim_size=n, aggr="max"), max_at, "np.maximum.at"
    yield "segment_sum", lambda: ops.segment_sum(v, i, num_segments=n), add_at, "np.add.at"


def torch_cases(v, i, n):
    import torch

    tv, ti = torch.from_numpy(v), torch.from_numpy(i)
    yield (
        "scatter-add",
        lambda: ops.scatter(tv, ti, dim_size=n),
        lambda: torch.zeros(n).index_add_(0, ti, tv),
        "index_add_",
    )
    yield (
        "scatter-max",
        lambda: ops.scatter(tv, ti, dim_size=n, aggr="max"),
        lambda: torch.zeros(n).scatter_reduce_(0, ti, tv, "amax", include_self=False),
        "scatter_reduce_",
    )
    yield (
        "segment_sum",
        lambda: ops.segment_sum(tv, ti, num_segments=n),
        lambda: torch.zeros(n).index_add_(0, ti, tv),
        "index_add_",
    )


def mlx_cases(v, i, n):
    import mlx.core as mx

    mv, mi = mx.array(v), mx.array(i)
    mx.eval(mv, mi)

    def checked(method):
        def run():
            if mx.any((mi < -n) | (mi >= n)).item():
                raise IndexError("out of range")
            out = getattr(mx.zeros(n, dtype=mv.dtype).at[mi], method)(mv)
            mx.eval(out)

        return run

    def ours(f, **kw):
        return lambda: mx.eval(f(mv, mi, n, **kw))

    yield "scatter-add", ours(ops.scatter), checked("add"), "checked .at[].add"
    yield "scatter-max", ours(ops.scatter, aggr="max"), checked("maximum"), "checked .at[].maximum"
    yield "segment_sum", ours(ops.segment_sum), checked("add"), "checked .at[].add"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--bins", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument(
        "--generic", action="store_true", help="also time the generic kernel on NumPy"
    )
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    v = rng.standard_normal(args.size).astype(np.float32)
    i = rng.integers(0, args.bins, args.size)
    print(
        f"{args.size} float32 values into {args.bins} bins; best of {args.repeat} alternating runs"
    )
    print(
        f"{'backend':8} {'case':12} {'ops ms':>9} {'native ms':>10} {'ops/native':>10}  native call"
    )
    suites = {"numpy": numpy_cases, "torch": torch_cases, "mlx": mlx_cases}
    for name, cases in suites.items():
        if (
            importlib.util.find_spec({"numpy": "numpy", "torch": "torch", "mlx": "mlx"}[name])
            is None
        ):
            print(f"{name:8} not installed")
            continue
        for case, ours, native, label in cases(v, i, args.bins):
            t_ours, t_native = _median_pair(ours, native, args.repeat)
            ratio = t_ours / t_native
            goal = GOALS.get((name, case)) if label != "np.bincount" else None
            mark = (
                ""
                if goal is None
                else (f"  goal <= {goal}: " + ("met" if ratio <= goal else "NOT met"))
            )
            print(f"{name:8} {case:12} {t_ours:9.2f} {t_native:10.2f} {ratio:10.2f}  {label}{mark}")
    if args.generic:
        import array_api_compat.numpy as cnp

        for reduce, label in (("sum", "scatter-add"), ("max", "scatter-max")):
            t = time.perf_counter()
            _scatter_kernel._scatter_generic(cnp, v, i, args.bins, reduce, 0)
            print(
                f"generic  {label:12} {(time.perf_counter() - t) * 1e3:9.2f} ms (sort + segmented scan, one run)"
            )


if __name__ == "__main__":
    main()
