"""Import times of ember_ml's modules against the libraries they wrap.

Each import runs in a fresh interpreter (``python -X importtime -c "import M"``) with
bytecode caching on, as an installed package has it; the best of ``--runs`` counts,
and every row is timed in the same run, interleaved, so the differences hold on a
noisy machine. Goals (issue 8): ``ember_ml.ops`` ≤ 30 ms; ``ember_ml.backend.numpy``
no slower than ``numpy`` + 20 ms.

Run: ``python benchmarks/imports.py [--runs 9]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

PAIRS = [  # (ember_ml module, the library it wraps; None: nothing to compare with)
    ("ember_ml", None),
    ("ember_ml.ops", None),
    ("ember_ml.backend.numpy", "numpy"),
    ("ember_ml.backend.torch", "torch"),
    ("ember_ml.backend.mlx", "mlx.core"),
]


def import_ms(module: str) -> float:
    """Cumulative import time of ``module`` in a fresh interpreter, in milliseconds."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for line in reversed(done.stderr.splitlines()):
        fields = [field.strip() for field in line.split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1]) / 1000
    raise RuntimeError(f"no import time reported for {module}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=9, help="fresh interpreters per module (best counts)"
    )
    options = parser.parse_args()
    modules = sorted({m for pair in PAIRS for m in pair if m is not None})
    available = []
    for module in modules:
        try:
            import_ms(module)  # also writes the bytecode caches
            available.append(module)
        except subprocess.CalledProcessError:
            pass
    best = dict.fromkeys(available, float("inf"))
    for _ in range(options.runs):
        for module in available:
            best[module] = min(best[module], import_ms(module))
    print(f"import times, best of {options.runs} fresh interpreters (ms)")
    for ours, theirs in PAIRS:
        if ours not in best:
            continue
        line = f"  {ours:24} {best[ours]:7.1f}"
        if theirs in best:
            line += f"   {theirs} {best[theirs]:.1f}, difference {best[ours] - best[theirs]:+.1f}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
