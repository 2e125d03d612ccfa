"""Cost of the hardening on ordinary inputs: microseconds per call of the guarded paths.

Times the MLX namespace on small, valid inputs (where the guards must cost ~nothing):
indexing with ``index_checks(False)`` and with checks on, setitem, integer and float
``floor_divide``/``remainder``, reductions, creation, ``reshape``, and LAPACK-backed
``linalg`` with the non-finite guard. Run it with this checkout's Python and with
another checkout's (e.g. main) in the same session and compare the columns:

    python benchmarks/harden.py --json new.json
    /path/to/main/.venv/bin/python benchmarks/harden.py --json old.json
    python benchmarks/harden.py --compare old.json new.json

Each figure is the best of 7 repeats; MLX calls are built and evaluated (``mx.eval``).
"""

from __future__ import annotations

import argparse
import json
import timeit


def cases():
    import mlx.core as mx

    import ember_ml.backend.mlx as b

    x = mx.arange(100, dtype=mx.float32).reshape(10, 10)
    v = mx.arange(10, dtype=mx.float32)
    idx = mx.array([1, 3, 5], dtype=mx.int32)
    xi = mx.arange(1, 101, dtype=mx.int32)
    yi = mx.full((100,), 7, dtype=mx.int32)
    xf = mx.linspace(1, 2, 100)
    m = mx.eye(8) + 0.1
    mx.eval(x, v, idx, xi, yi, xf, m)

    def setitem_int():
        v[3] = 2.0
        return v

    def setitem_slice():
        v[2:5] = 1.0
        return v

    def setitem_arr():
        v[idx] = 0.5
        return v

    out = {
        "x[3]": lambda: x[3],
        "x[2:5]": lambda: x[2:5],
        "x[..., 1]": lambda: x[..., 1],
        "x[1, 2]": lambda: x[1, 2],
        "x[idx]": lambda: x[idx],
        "v[3] = 2.0": setitem_int,
        "v[2:5] = 1.0": setitem_slice,
        "v[idx] = 0.5": setitem_arr,
        "floor_divide int32": lambda: b.floor_divide(xi, yi),
        "floor_divide int32, scalar 7": lambda: b.floor_divide(xi, 7),
        "floor_divide float32": lambda: b.floor_divide(xf, xf),
        "remainder int32": lambda: b.remainder(xi, yi),
        "xi // yi": lambda: xi // yi,
        "xf // xf": lambda: xf // xf,
        "sum": lambda: b.sum(xf),
        "mean axis=0": lambda: b.mean(x, axis=0),
        "max": lambda: b.max(xf),
        "var": lambda: b.var(xf),
        "zeros((10, 10))": lambda: b.zeros((10, 10)),
        "reshape": lambda: b.reshape(x, (100,)),
        "broadcast_to": lambda: b.broadcast_to(v, (4, 10)),
        "tile": lambda: b.tile(v, (2,)),
        "take": lambda: b.take(v, idx),
        "fft.fft": lambda: b.fft.fft(xf),
        "linalg.eigvalsh 8x8": lambda: b.linalg.eigvalsh(m),
        "linalg.svdvals 8x8": lambda: b.linalg.svdvals(m),
        "linalg.inv 8x8": lambda: b.linalg.inv(m),
        "linalg.trace": lambda: b.linalg.trace(x),
    }
    return out, b, mx


def run(number: int) -> dict[str, float]:
    table, b, mx = cases()
    res = {}
    for checks in (True, False):
        with b.index_checks(checks):
            for name, fn in table.items():

                def call(fn=fn):
                    mx.eval(fn())

                call()
                t = min(timeit.Timer(call).repeat(repeat=7, number=number)) / number * 1e6
                res[f"{name} [checks {'on' if checks else 'off'}]"] = t
    return res


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--number", type=int, default=300)
    p.add_argument("--json", default=None)
    p.add_argument("--compare", nargs=2, default=None, metavar=("OLD", "NEW"))
    a = p.parse_args()
    if a.compare:
        old, new = (json.load(open(f)) for f in a.compare)
        print(f"{'case':<48} {'old us':>8} {'new us':>8} {'new/old':>8}")
        for k in old:
            if k in new:
                print(f"{k:<48} {old[k]:>8.2f} {new[k]:>8.2f} {new[k] / old[k]:>8.2f}")
        return
    res = run(a.number)
    for k, t in res.items():
        print(f"{k:<48} {t:>8.2f} us")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
