"""int32 against int64 in MLX for what index arrays see (the default integer dtype, issue 19).

Each op is evaluated (``mx.eval``) and timed as the median of ``--repeats`` runs, both widths
in the same run. docs/mlx.md ("Default integer dtype") records the figures.

Run: ``python benchmarks/mlx_int_width.py [--n 1000000] [--repeats 50]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import mlx.core as mx


def median_us(fn: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        mx.eval(fn())  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**6)
    parser.add_argument("--repeats", type=int, default=50)
    ns = parser.parse_args()
    n = ns.n
    x = mx.random.normal((n,))
    rows: dict[str, list[float]] = {}
    for dt in (mx.int32, mx.int64):
        a = mx.arange(n, dtype=dt)
        b = mx.arange(n, dtype=dt)[::-1] + 1
        idx = mx.random.randint(0, n, (n,)).astype(dt)
        mx.eval(a, b, idx, x)
        for name, fn in _ops(a, b, idx, x, n).items():
            rows.setdefault(name, []).append(median_us(fn, ns.repeats))
    print(f"| op (n={n}) | int32 µs | int64 µs | int64 / int32 |")
    print("|---|---|---|---|")
    for name, (t32, t64) in rows.items():
        print(f"| `{name}` | {t32:.0f} | {t64:.0f} | {t64 / t32:.1f}x |")


def _ops(a: mx.array, b: mx.array, idx: mx.array, x: mx.array, n: int) -> dict[str, object]:
    return {
        "a + b": lambda: a + b,
        "a * b": lambda: a * b,
        "a // b": lambda: a // b,
        "cumsum": lambda: mx.cumsum(a),
        "sum": lambda: mx.sum(a),
        "take(x, idx)": lambda: mx.take(x, idx),
        "x[idx]": lambda: x[idx],
        "argsort": lambda: mx.argsort(a[::-1]),
        "scatter-add": lambda: mx.zeros((n,)).at[idx].add(x),
    }


if __name__ == "__main__":
    main()
