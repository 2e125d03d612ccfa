"""The flake8 plugin: usable without flake8; with flake8 installed, found by its entry point."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys

import pytest

from ember_ml.lint.flake8 import EmberLintPlugin

CODE = "import numpy as np\n\n\ndef f(xp):\n    return xp.arccos(1.0)  # noqa: EM999\n"


def test_plugin_yields_flake8_tuples(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(CODE)
    found = list(EmberLintPlugin(ast.parse(CODE), str(path)).run())
    assert [(line, col, message.split()[0]) for line, col, message, _ in found] == [
        (1, 0, "EM101"),
        (5, 14, "EM201"),
    ]
    assert all(kind is EmberLintPlugin for *_, kind in found)


def test_plugin_reads_the_project_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ember-ml.lint]\nignore = ["EM1"]\nextend-select = ["EM901"]\n'
    )
    path = tmp_path / "m.py"
    path.write_text(CODE + "def g(x: Array):\n    return x + 1\n")
    found = list(EmberLintPlugin(ast.parse(path.read_text()), str(path)).run())
    assert [message.split()[0] for _, _, message, _ in found] == ["EM201", "EM901"]


def test_importing_the_plugin_does_not_need_flake8():
    code = "import sys, ember_ml.lint.flake8\nprint('flake8' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.skipif(importlib.util.find_spec("flake8") is None, reason="flake8 is not installed")
def test_flake8_runs_the_plugin(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(CODE)
    done = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "EM", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    lines = [line.split(":", 3)[1:] for line in done.stdout.splitlines()]
    assert [(int(line), int(col), rest.split()[0]) for line, col, rest in lines] == [
        (1, 1, "EM101"),
        (5, 15, "EM201"),
    ]
    assert done.returncode == 1
