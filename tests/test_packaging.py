"""What a release needs: the version on the command line, the license, links that work on PyPI."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import ember_ml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_version_flag_prints_the_package_version():
    out = subprocess.run(
        [sys.executable, "-m", "ember_ml", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"ember-ml {ember_ml.__version__} (array API 2025.12)"


def test_license_is_an_spdx_expression_with_its_file():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # no tomllib on Python 3.10
    assert re.search(r'^license = "MIT"$', pyproject, re.M)
    assert re.search(r'^license-files = \["LICENSE"\]$', pyproject, re.M)
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert re.search(r'^dynamic = \["version"\]$', pyproject, re.M)  # one source: __version__


def test_readme_links_are_absolute_so_they_work_on_pypi():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", text)
    assert targets
    assert [t for t in targets if not t.startswith("https://")] == []
