"""Statistics extras against the best native call on the same library, ratios from one run.

Cases (float32 and float64, 10**6 elements):

* quantile: ``stats.quantile(x, 0.3)`` (1-D, and a (1000, 1000) array along axis 1)
  against ``np.quantile`` / ``torch.quantile``; MLX has no quantile, so its row
  compares with a native ``mx.sort`` plus the two gathers (the least a
  sort-based quantile does).
* logsumexp: ``stats.logsumexp`` (all, and along axis 1 of (1000, 1000)) against
  ``scipy.special.logsumexp`` (NumPy), ``torch.logsumexp`` and ``mx.logsumexp``.

Each row prints the best-of-repeats time of ember_ml and of the native call
(timed alternately, so both see the same load on a shared machine) and their ratio. Goal: ember_ml within 1.2x of the native call. MLX outputs are
``mx.eval``-ed inside the timed call.

Run: ``python benchmarks/stats.py [--quick]``
"""

from __future__ import annotations

import argparse
import importlib.util
import time
import timeit

import numpy as np

from ember_ml.ops import stats

GOAL = 1.2


def _best_pair(ours, native, budget: float) -> tuple[float, float]:
    """Best seconds per call of each, timed alternately (both see the same machine load).

    Repeats until ``budget`` seconds are spent (at least 3, at most 200 pairs), so
    fast calls get many tries and the minimum sheds the noise of a shared machine.
    """
    ours(), native()  # warm up (fast-path lookup, allocator)
    t_ours, t_native = [], []
    start = time.perf_counter()
    while len(t_ours) < 3 or (time.perf_counter() - start < budget and len(t_ours) < 200):
        t_native.append(timeit.timeit(native, number=1))
        t_ours.append(timeit.timeit(ours, number=1))
    return min(t_ours), min(t_native)


def _cases(n: int):
    rng = np.random.default_rng(0)
    data = rng.standard_normal(n)
    square = data.reshape(int(n**0.5), -1)
    cases = []
    from scipy.special import logsumexp as scipy_logsumexp

    for dtype in ("float32", "float64"):
        v, m = data.astype(dtype), square.astype(dtype)
        cases += [
            (
                "numpy",
                dtype,
                "quantile 1-D",
                lambda v=v: stats.quantile(v, 0.3),
                lambda v=v: np.quantile(v, 0.3),
            ),
            (
                "numpy",
                dtype,
                "quantile axis=1",
                lambda m=m: stats.quantile(m, 0.3, axis=1),
                lambda m=m: np.quantile(m, 0.3, axis=1),
            ),
            (
                "numpy",
                dtype,
                "logsumexp all",
                lambda v=v: stats.logsumexp(v),
                lambda v=v: scipy_logsumexp(v),
            ),
            (
                "numpy",
                dtype,
                "logsumexp axis=1",
                lambda m=m: stats.logsumexp(m, axis=1),
                lambda m=m: scipy_logsumexp(m, axis=1),
            ),
        ]
    if importlib.util.find_spec("torch"):
        import torch

        for dtype in (torch.float32, torch.float64):
            v, m = torch.asarray(data, dtype=dtype), torch.asarray(square, dtype=dtype)
            name = str(dtype).removeprefix("torch.")
            cases += [
                (
                    "torch",
                    name,
                    "quantile 1-D",
                    lambda v=v: stats.quantile(v, 0.3),
                    lambda v=v: torch.quantile(v, 0.3),
                ),
                (
                    "torch",
                    name,
                    "quantile axis=1",
                    lambda m=m: stats.quantile(m, 0.3, axis=1),
                    lambda m=m: torch.quantile(m, 0.3, dim=1),
                ),
                (
                    "torch",
                    name,
                    "logsumexp all",
                    lambda v=v: stats.logsumexp(v),
                    lambda v=v: torch.logsumexp(v, dim=0),
                ),
                (
                    "torch",
                    name,
                    "logsumexp axis=1",
                    lambda m=m: stats.logsumexp(m, axis=1),
                    lambda m=m: torch.logsumexp(m, dim=1),
                ),
            ]
    if importlib.util.find_spec("mlx"):
        import mlx.core as mx

        def ev(f):
            return lambda: mx.eval(f())

        def sort_gather(a, axis):
            s = mx.sort(a, axis=axis)
            k = 0.3 * (a.shape[axis] - 1)
            lo = int(k)
            return mx.take(s, lo, axis=axis) * (1 - (k - lo)) + mx.take(s, lo + 1, axis=axis) * (
                k - lo
            )

        for dtype in (mx.float32, mx.float64):
            v, m = mx.array(data).astype(dtype), mx.array(square).astype(dtype)
            name = str(dtype).removeprefix("mlx.core.")
            cases += [
                (
                    "mlx",
                    name,
                    "quantile 1-D (vs sort+gather)",
                    ev(lambda v=v: stats.quantile(v, 0.3)),
                    ev(lambda v=v: sort_gather(v, 0)),
                ),
                (
                    "mlx",
                    name,
                    "quantile axis=1 (vs sort+gather)",
                    ev(lambda m=m: stats.quantile(m, 0.3, axis=1)),
                    ev(lambda m=m: sort_gather(m, 1)),
                ),
                (
                    "mlx",
                    name,
                    "logsumexp all",
                    ev(lambda v=v: stats.logsumexp(v)),
                    ev(lambda v=v: mx.logsumexp(v)),
                ),
                (
                    "mlx",
                    name,
                    "logsumexp axis=1",
                    ev(lambda m=m: stats.logsumexp(m, axis=1)),
                    ev(lambda m=m: mx.logsumexp(m, axis=1)),
                ),
            ]
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="less time per case")
    args = parser.parse_args()
    budget = 0.3 if args.quick else 1.5
    print(f"{'backend':8} {'dtype':8} {'case':34} {'ember ms':>9} {'native ms':>9} {'ratio':>6}")
    for lib, dtype, case, ours, native in _cases(10**6):
        t_ours, t_native = _best_pair(ours, native, budget)
        ratio = t_ours / t_native
        flag = "" if ratio <= GOAL else "  > goal"
        print(
            f"{lib:8} {dtype:8} {case:34} {t_ours * 1e3:9.2f} {t_native * 1e3:9.2f} {ratio:6.2f}{flag}"
        )


if __name__ == "__main__":
    main()
