"""The checks CI runs beside the tests: ruff (lint and format), mypy on src/, the generated files.

Each runs the tool the ``test`` extra pins (``pip install -e ".[all,test]"``), found beside
this interpreter, in the repository root with the settings of pyproject.toml; a tool that
is not installed is skipped with its reason shown. pyright and mypy on the typed user
example are in ``tests/typing/test_type_checkers.py``; ``tox -e typecheck`` and
``.pre-commit-config.yaml`` run the same checks.
"""

from __future__ import annotations

import getpass
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
# what ruff checks and formats (tests/lint/corpus is excluded in pyproject.toml)
PYTHON_PATHS = ["src", "tests", "benchmarks", "examples", "conformance"]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(pathlib.Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f'{name} is not installed (pip install -e ".[test]")')
    return found


def _run(command: list[str], timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def _report(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit status {done.returncode}\n{done.stdout}\n{done.stderr}"


def test_ruff_check_finds_nothing():
    done = _run([_tool("ruff"), "check", "--no-cache", *PYTHON_PATHS])
    assert done.returncode == 0, _report(done)


def test_ruff_format_changes_nothing():
    done = _run([_tool("ruff"), "format", "--check", "--no-cache", *PYTHON_PATHS])
    assert done.returncode == 0, _report(done)


def test_mypy_passes_on_src():
    """``mypy`` with no arguments checks ``files = ["src"]`` of ``[tool.mypy]``."""
    command = [_tool("mypy"), "--no-error-summary"]
    if (
        "MYPY_CACHE_DIR" not in os.environ
    ):  # a cache outside the checkout (NumPy's and torch's stubs)
        cache = pathlib.Path(tempfile.gettempdir()) / f"ember_ml-mypy-cache-{getpass.getuser()}"
        command += ["--cache-dir", str(cache)]
    done = _run(command)
    assert done.returncode == 0, _report(done)


def test_generated_standard_functions_are_up_to_date():
    """``ops/_standard*.py`` are what ``python -m ember_ml.ops._generate`` writes from ``_spec.py``."""
    done = _run([sys.executable, "-m", "ember_ml.ops._generate", "--check"], timeout=300)
    assert done.returncode == 0, _report(done)
