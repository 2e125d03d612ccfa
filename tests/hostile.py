"""One harness for the hostile-input tests: each case runs in a child process.

The child is RLIMIT_AS-limited and has a timeout, so that a regression to a crash or a
hang fails the test that found it instead of killing or stalling pytest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Hostile inputs run in a child process (RLIMIT_AS-limited, with a timeout), so that a
# regression to a crash or a hang fails this test instead of killing or stalling pytest.
_CHILD = r"""
import json, math, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import numpy as np
backend = sys.argv[1]
if backend == "mlx":
    import mlx.core as mx
    def A(obj, dtype=None):
        return mx.array(np.asarray(obj, dtype=dtype))
    def force(r):
        leaves = [v for v in (r if isinstance(r, tuple) else (r,)) if isinstance(v, mx.array)]
        mx.eval(*leaves)
elif backend == "torch":
    import torch
    def A(obj, dtype=None):
        return torch.from_numpy(np.array(np.asarray(obj, dtype=dtype)))
    def force(r):
        pass
else:
    def A(obj, dtype=None):
        return np.asarray(obj, dtype=dtype)
    def force(r):
        pass
from ember_ml import ops
from ember_ml.backend import to_numpy
from ember_ml.ops import linalg, stats
env = {"A": A, "N": to_numpy, "np": np, "ops": ops, "stats": stats, "linalg": linalg, "nan": math.nan, "inf": math.inf}
for i, code in enumerate(json.loads(sys.stdin.read())):
    print("START", i, flush=True)
    try:
        result = eval(code, env)
        force(result)
        outcome = "wrong" if result is False else "returned"  # a check written as a bool expression
    except Exception as err:
        outcome = type(err).__name__
    print("END", i, outcome, flush=True)
"""
_LIMIT = (
    6 * 2**30
)  # bytes of address space for the child: the huge cases must fail cleanly under it


def run_hostile(
    backend: str, cases: list[tuple[str, str | tuple[str, ...]]], timeout: float = 60.0
) -> None:
    """Run each ``(code, expected outcome(s))`` in one child process; fail on a crash, hang or surprise."""
    pytest.importorskip(backend)
    codes = [code for code, _ in cases]
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, backend, str(_LIMIT)],
            input=json.dumps(codes),
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "EMBER_ML_BACKEND": backend, "OMP_NUM_THREADS": "1"},
        )
    except subprocess.TimeoutExpired as err:
        started = [
            line for line in (err.stdout or b"").decode().splitlines() if line.startswith("START")
        ]
        last = codes[int(started[-1].split()[1])] if started else "(start-up)"
        pytest.fail(f"{backend}: hang (over {timeout} s) in {last}")
    outcomes: dict[int, str] = {}
    last = None
    for line in proc.stdout.splitlines():
        parts = line.split()
        if parts[0] == "START":
            last = int(parts[1])
        elif parts[0] == "END":
            outcomes[int(parts[1])] = parts[2]
    if proc.returncode != 0:
        where = codes[last] if last is not None else "(start-up)"
        pytest.fail(
            f"{backend}: the process died (status {proc.returncode}) in {where}\n{proc.stderr[-2000:]}"
        )
    for i, (code, expected) in enumerate(cases):
        allowed = (expected,) if isinstance(expected, str) else expected
        assert outcomes.get(i) in allowed, (
            f"{backend}: {code} gave {outcomes.get(i)}, expected one of {allowed}"
        )
