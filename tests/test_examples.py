"""The README's demo runs and its libraries agree (examples/quickstart.py in a fresh process)."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_quickstart_runs_and_every_library_agrees_with_numpy():
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    assert "DISAGREE" not in out
    verdicts = [line for line in out.splitlines() if line.startswith("max |")]
    assert verdicts and all(line.endswith("agree") for line in verdicts)
    scatter_lines = [
        line.split("  stft")[0].split(None, 1)[1] for line in out.splitlines() if " bins " in line
    ]
    assert len(set(scatter_lines)) == 1 and len(scatter_lines) == len(verdicts)
