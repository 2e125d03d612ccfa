"""The bounded, fixed-seed crash-fuzzer run of CI: zero crashes, zero hangs, zero memory blow-ups.

Runs ``python -m tests.fuzz`` (worker subprocesses; see fuzzer.py) over
``ember_ml.backend.mlx`` and ``ember_ml.ops`` on MLX, NumPy and torch arrays,
a fixed number of cases per target with a fixed seed, and a time budget per
target so the run stays bounded on a slow machine. The long run is
``python -m tests.fuzz --cases 20000 ...`` (tox env ``fuzz-long``); EMBER_ML_FUZZ_CASES
changes the count here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("EMBER_ML_FUZZ_CASES", "1000"))
BUDGET_PER_TARGET = float(os.environ.get("EMBER_ML_FUZZ_BUDGET", "18"))


def _targets() -> list[str]:
    import importlib.util

    out = ["ops-numpy"]
    if importlib.util.find_spec("mlx") is not None:
        out[:0] = ["mlx", "ops-mlx"]
    if importlib.util.find_spec("torch") is not None:
        out.append("ops-torch")
    return out


def test_fuzz_fixed_seed_has_no_crash_and_no_hang(tmp_path):
    report = tmp_path / "fuzz.json"
    targets = _targets()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz",
            "--targets",
            ",".join(targets),
            "--cases",
            str(CASES),
            "--seed",
            "7",
            "--budget",
            str(BUDGET_PER_TARGET),
            "--json",
            str(report),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=len(targets) * (BUDGET_PER_TARGET + 30),
    )
    assert report.exists(), proc.stdout + proc.stderr
    reports = json.loads(report.read_text())
    assert [r["target"] for r in reports] == targets
    for r in reports:
        assert r["crashes"] == [], f"{r['target']}: {r['crashes']}\n{proc.stdout}"
        assert r["hangs"] == [], f"{r['target']}: {r['hangs']}\n{proc.stdout}"
        assert r["memory"] == [], f"{r['target']}: {r['memory']}\n{proc.stdout}"
        # the run is real: most cases ran, and both outcomes occur
        assert r["cases"] >= min(CASES, 100), r
        assert r["statuses"].get("returned", 0) > 0 and r["statuses"].get("exception", 0) > 0, r
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_fuzzer_detects_a_crash_and_a_hang(tmp_path, monkeypatch):
    """The harness itself: a worker that segfaults or sleeps is reported as such (not as a pass)."""
    sys.path.insert(0, str(ROOT))
    from tests.fuzz import fuzzer

    script = tmp_path / "fake_worker.py"
    script.write_text(
        "import json, os, signal, sys, time\n"
        "start = int(sys.argv[sys.argv.index('--start') + 1])\n"
        "for i in range(start, 6):\n"
        "    print(json.dumps({'start': i}), flush=True)\n"
        "    if i == 2: os.kill(os.getpid(), signal.SIGSEGV)\n"
        "    if i == 4: time.sleep(60)\n"
        "    print(json.dumps({'index': i, 'fn': 'f', 'status': 'returned'}), flush=True)\n"
    )
    real_spawn = fuzzer._spawn

    def fake_spawn(target, seed, start, stop, differential, mem_limit):
        proc = real_spawn(target, seed, start, stop, differential, mem_limit)
        proc.kill()
        proc.wait()
        import tempfile

        err = tempfile.TemporaryFile(mode="w+")
        p = subprocess.Popen(
            [sys.executable, str(script), "--start", str(start)], stdout=subprocess.PIPE, stderr=err
        )
        p.err_file = err
        return p

    monkeypatch.setattr(fuzzer, "_spawn", fake_spawn)
    monkeypatch.setattr(fuzzer, "functions_for", lambda target: [("abs", [])])
    rep = fuzzer.run_target("ops-numpy", 0, 6, timeout=2.0)
    assert [c["index"] for c in rep.crashes] == [2] and rep.crashes[0]["signal"] == "SIGSEGV"
    assert [h["index"] for h in rep.hangs] == [4]
    assert rep.statuses["returned"] == 4 and rep.cases == 6


@pytest.mark.parametrize("target", ["mlx", "ops-numpy"])
def test_cases_are_reproducible(target):
    sys.path.insert(0, str(ROOT))
    from tests.fuzz import fuzzer

    if target == "mlx":
        pytest.importorskip("mlx.core")
    table = fuzzer.functions_for(target)
    a = [fuzzer.repro(fuzzer.case_for(3, target, i, table), target) for i in range(50)]
    b = [fuzzer.repro(fuzzer.case_for(3, target, i, table), target) for i in range(50)]
    assert a == b
    # every function of the table is drawn once in the first len(table) cases
    names = {fuzzer.case_for(3, target, i, table)["fn"] for i in range(len(table))}
    assert names == {n for n, _ in table}
