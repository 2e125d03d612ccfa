"""The ember-ml command: ``info``."""

from __future__ import annotations

import os
import subprocess
import sys

import ember_ml
from ember_ml import backend as _backend
from ember_ml.cli import info_lines, main


def test_info_lists_every_backend_and_the_selection_rule():
    text = "\n".join(info_lines())
    assert "2025.12" in text and ember_ml.__version__ in text
    for name in _backend.BACKENDS:
        line = next(line for line in text.splitlines() if line.strip().startswith(name))
        if _backend.is_installed(name):
            assert _backend.library_version(name) in line and "devices:" in line
        else:
            assert "not installed" in line and "pip install" in line
    with ember_ml.use_backend("numpy"):
        assert "selected backend: numpy (chosen by use_backend())" in info_lines()


def test_python_dash_m_runs_info():
    out = subprocess.run(
        [sys.executable, "-m", "ember_ml", "info"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "EMBER_ML_BACKEND": "numpy"},
    )
    assert (
        "selected backend: numpy (chosen by the EMBER_ML_BACKEND environment variable)"
        in out.stdout
    )


def test_unknown_command_exits_with_usage(capsys):
    try:
        main(["frobnicate"])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:  # pragma: no cover - argparse always exits here
        raise AssertionError("expected SystemExit")
