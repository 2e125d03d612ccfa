"""DESIGN.md rule 1: only ember_ml.backend imports numpy, torch or mlx; import ember_ml imports neither torch nor mlx."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "src" / "ember_ml"
LIBRARIES = {"numpy", "torch", "mlx"}


def imported_roots(path: pathlib.Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.partition(".")[0])
    return roots


def test_only_the_backend_package_imports_array_libraries():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_roots(path) & LIBRARIES)
        for path in PACKAGE.rglob("*.py")
        if "backend" not in path.relative_to(PACKAGE).parts
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_the_check_sees_every_import_form(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import numpy as np\nfrom torch.nn import Linear\nimport mlx.core\nfrom . import x\n"
    )
    assert imported_roots(sample) == {"numpy", "torch", "mlx"}


def test_import_ember_ml_and_ops_loads_neither_torch_nor_mlx():
    code = (
        "import sys, ember_ml, ember_ml.ops, ember_ml.ops.linalg, ember_ml.tensor, ember_ml.cli\n"
        "print(sorted(m for m in ('torch', 'mlx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
