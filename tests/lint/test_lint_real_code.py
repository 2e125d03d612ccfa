"""The checker on real code: ember_ml's own src/ (clean), and standard-only code from
array-api-extra and scikit-learn (no false EM2xx/EM3xx)."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

from ember_ml.lint import Config, check_paths

SRC = pathlib.Path(__file__).resolve().parents[2] / "src"


def test_ember_ml_src_is_clean():
    """The backend folder is backend-specific (skipped by default); everything else is clean."""
    findings = check_paths([str(SRC)], Config(root=SRC.parent))
    assert [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings] == []


def _package_dir(name: str) -> pathlib.Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(f"{name} is a test dependency (pip install 'ember-ml[test]')")
    return pathlib.Path(next(iter(spec.submodule_search_locations)))


def _standard_only_sources() -> list[str]:
    xpx = _package_dir("array_api_extra")
    sklearn = _package_dir("sklearn")
    paths = [
        xpx / "_agnostic",
        xpx / "_lib",
        *sorted(xpx.glob("*.py")),
        sklearn / "utils" / "_array_api.py",
    ]
    return [str(p) for p in paths if p.exists()]


def test_no_namespace_or_method_findings_on_standard_only_code():
    findings = check_paths(_standard_only_sources(), Config(root=SRC.parent))
    wrong = [
        f"{f.path}:{f.line}: {f.code} {f.message}"
        for f in findings
        if f.code.startswith(("EM2", "EM3"))
    ]
    assert wrong == []
    # the other rules do report there (true findings: in-place writes, a NumPy round trip)
    assert {"EM501", "EM402"} <= {f.code for f in findings}
