"""Hostile input to the signal extras never crashes or hangs the process (DESIGN.md rule 5, issue 7).

Found with a crash probe: MLX segfaulted on windows it could not allocate, and
``kaiser_window`` with a huge ``beta`` looped for ~beta / 2 series terms (a hang on
every backend).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from ember_ml import ops
from ember_ml.backend import to_numpy

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
_LIMIT = 6 * 2**30  # bytes of address space for the child: the huge cases must fail cleanly under it


def run_hostile(backend: str, cases: list[tuple[str, str | tuple[str, ...]]], timeout: float = 60.0) -> None:
    """Run each ``(code, expected outcome(s))`` in one child process; fail on a crash, hang or surprise."""
    pytest.importorskip(backend)
    codes = [code for code, _ in cases]
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, backend, str(_LIMIT)], input=json.dumps(codes), capture_output=True,
            text=True, timeout=timeout, env={**os.environ, "EMBER_ML_BACKEND": backend, "OMP_NUM_THREADS": "1"},
        )
    except subprocess.TimeoutExpired as err:
        started = [line for line in (err.stdout or b"").decode().splitlines() if line.startswith("START")]
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
        pytest.fail(f"{backend}: the process died (status {proc.returncode}) in {where}\n{proc.stderr[-2000:]}")
    for i, (code, expected) in enumerate(cases):
        allowed = (expected,) if isinstance(expected, str) else expected
        assert outcomes.get(i) in allowed, f"{backend}: {code} gave {outcomes.get(i)}, expected one of {allowed}"


WINDOWS = ["hann_window", "hamming_window", "blackman_window", "bartlett_window", "kaiser_window"]


def test_mlx_hostile_signal_calls_raise_or_return():
    cases: list[tuple[str, str | tuple[str, ...]]] = []
    for name in WINDOWS:
        cases += [
            (f"ops.{name}(2**31 - 1, dtype=A(0.0, 'float32').dtype)", "MemoryError"),
            (f"ops.{name}(2**31, dtype=A(0.0, 'float32').dtype)", "ValueError"),
            (f"ops.{name}(2**63, dtype=A(0.0, 'float32').dtype)", "ValueError"),
        ]
    cases += [
        ("ops.kaiser_window(8, beta=2.0**70, dtype=A(0.0, 'float32').dtype)", "ValueError"),
        ("ops.frame(A(np.arange(16.0), 'float32'), 2**63, 1)", "ValueError"),
        ("ops.frame(A(np.arange(16.0), 'float32'), 2**31, 1, pad_end=True)", "ValueError"),
        ("ops.frame(A(np.arange(16.0), 'float32'), 2**31 - 100, 1, pad_end=True)", "MemoryError"),
        ("ops.stft(A(np.arange(16.0), 'float32'), 2**31, pad_mode='constant')", "ValueError"),
        ("ops.istft(A(np.ones((5, 4)) + 0j, 'complex64'), 8, 2, length=2**40)", "ValueError"),
        ("ops.istft(A(np.ones((5, 4)) + 0j, 'complex64'), 8, 2, length=2**31 - 1)", "MemoryError"),
    ]
    run_hostile("mlx", cases)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_kaiser_huge_beta_raises_instead_of_hanging(backend):
    """The I0 series ran until k > beta / 2: 2**69 iterations for beta = 2**70."""
    run_hostile(backend, [
        ("ops.kaiser_window(8, beta=2.0**70, dtype=A(0.0, 'float32').dtype)", "ValueError"),
        ("ops.kaiser_window(8, beta=1e300, dtype=A(0.0, 'float64').dtype)", "ValueError"),
        ("ops.kaiser_window(8, beta=700.0, dtype=A(0.0, 'float64').dtype)", "returned"),
        # no dtype at all, on the selected backend: a TypeError naming it (torch raised AttributeError)
        ("ops.hann_window(8, dtype=42)", "TypeError"),
    ], timeout=30)


def test_kaiser_largest_beta_matches_scipy():
    """beta = 700, the largest accepted, is still computed right (float64, generic series)."""
    from scipy.signal.windows import kaiser

    got = to_numpy(ops.kaiser_window(9, periodic=False, beta=700.0, dtype=np.float64))
    np.testing.assert_allclose(got, kaiser(9, 700.0, sym=True), rtol=1e-10, atol=1e-300)
    with pytest.raises(ValueError, match="700"):
        ops.kaiser_window(9, beta=700.5, dtype=np.float64)


@pytest.mark.parametrize("beta", [12.0, 60.0, 95.0])
def test_kaiser_float32_large_beta_matches_scipy(xp, beta):
    """torch.kaiser_window in float32 is NaN from beta ~ 90 (I0(beta) overflows): computed in float64, cast.

    Up to the documented limit (beta below about 100 for float32, where 1 / I0(beta) becomes subnormal).
    """
    from scipy.signal.windows import kaiser

    got = to_numpy(ops.kaiser_window(16, beta=beta, dtype=xp.float32))
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, kaiser(16, beta, sym=False), rtol=2e-5, atol=1e-37)
