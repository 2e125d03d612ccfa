"""pyright (basic) and mypy on a library author's typed code: the types follow the array.

``user_example.py`` must pass both checkers with the revealed types below;
``user_errors.py`` must fail both, on exactly the lines and rules its ``# E:`` comments
name. The checkers read their settings from pyproject.toml ([tool.pyright], [tool.mypy]),
and need the stubs of NumPy, PyTorch and MLX, so the test runs where all are installed.
"""

from __future__ import annotations

import getpass
import importlib.util
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[1]
EXAMPLE = HERE / "user_example.py"
ERRORS = HERE / "user_errors.py"

# reveal_type's argument -> the start of the type (pyright's spelling, mypy's spelling)
REVEALED = {
    "ops.sin(a)": ("ndarray[", "numpy.ndarray["),
    "ops.matmul(t, t)": ("Tensor", "torch._tensor.Tensor"),
    "ops.linalg.vector_norm(m)": ("array", "mlx.core.array"),
    "ops.fft.rfft(a)": ("ndarray[", "numpy.ndarray["),
    "ops.scatter(a, np.asarray([0, 1, 0, 1, 2, 3]), dim_size=4)": ("ndarray[", "numpy.ndarray["),
    "ops.stats.quantile(t, 0.5, axis=0)": ("Tensor", "torch._tensor.Tensor"),
    "ops.activations.softmax(m, axis=-1)": ("array", "mlx.core.array"),
    "random.normal(random.key(0, like=t), 3)": ("Tensor", "torch._tensor.Tensor"),
}


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(pathlib.Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="module", autouse=True)
def _libraries():
    for module in ("numpy", "torch", "mlx.core"):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            pytest.skip(f"{module} is not installed; the checkers need its stubs")


def _expected_errors() -> dict[str, set[tuple[int, str]]]:
    """{checker: {(line, rule)}} from the ``# E: mypy[code] pyright[rule]`` comments."""
    expected: dict[str, set[tuple[int, str]]] = {"mypy": set(), "pyright": set()}
    for number, line in enumerate(ERRORS.read_text(encoding="utf-8").splitlines(), start=1):
        _, marker, rules = line.partition("  # E: ")
        if marker:
            for checker, rule in re.findall(r"(mypy|pyright)\[([\w-]+)\]", rules):
                expected[checker].add((number, rule))
    return expected


def _reveal_lines() -> dict[int, str]:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    found = {}
    for number, line in enumerate(lines, start=1):
        match = re.match(r"reveal_type\((.*)\)  #", line)
        if match:
            found[number] = match.group(1)
    assert set(found.values()) == set(REVEALED)
    return found


@pytest.fixture(scope="module")
def pyright_diagnostics():
    command = [_tool("pyright"), "--outputjson", "--pythonpath", sys.executable]
    done = subprocess.run(
        [*command, str(EXAMPLE), str(ERRORS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"pyright gave no report:\n{done.stdout}\n{done.stderr}")
    return report["generalDiagnostics"]


@pytest.fixture(scope="module")
def mypy_messages():
    command = [_tool("mypy"), "--no-error-summary", "--no-pretty", "--show-error-codes"]
    if (
        "MYPY_CACHE_DIR" not in os.environ
    ):  # a cache outside the checkout (NumPy's and torch's stubs)
        cache = pathlib.Path(tempfile.gettempdir()) / f"ember_ml-mypy-cache-{getpass.getuser()}"
        command += ["--cache-dir", str(cache)]
    done = subprocess.run(
        [*command, str(EXAMPLE.relative_to(ROOT)), str(ERRORS.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    pattern = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>\w+): (?P<message>.*)$")
    messages = [m.groupdict() for m in map(pattern.match, done.stdout.splitlines()) if m]
    assert messages, f"mypy gave no report:\n{done.stdout}\n{done.stderr}"
    return messages


def test_pyright_passes_the_example_with_the_types_of_the_arrays(pyright_diagnostics):
    mine = [d for d in pyright_diagnostics if pathlib.Path(d["file"]) == EXAMPLE]
    assert [d for d in mine if d["severity"] != "information"] == []
    revealed = {d["range"]["start"]["line"] + 1: d["message"] for d in mine}
    for line, expression in _reveal_lines().items():
        expected = REVEALED[expression][0]
        assert revealed[line].startswith(f'Type of "{expression}" is "{expected}'), revealed[line]


def test_pyright_reports_exactly_the_mistakes(pyright_diagnostics):
    mine = [d for d in pyright_diagnostics if pathlib.Path(d["file"]) == ERRORS]
    assert {d["severity"] for d in mine} == {"error"}
    found = {(d["range"]["start"]["line"] + 1, d.get("rule", "")) for d in mine}
    assert found == _expected_errors()["pyright"]


def test_mypy_passes_the_example_with_the_types_of_the_arrays(mypy_messages):
    mine = [m for m in mypy_messages if pathlib.Path(m["file"]).name == EXAMPLE.name]
    assert [m for m in mine if m["kind"] != "note"] == []
    revealed = {int(m["line"]): m["message"] for m in mine}
    for line, expression in _reveal_lines().items():
        expected = REVEALED[expression][1]
        assert revealed[line].startswith(f'Revealed type is "{expected}'), revealed[line]


def test_mypy_reports_exactly_the_mistakes(mypy_messages):
    mine = [m for m in mypy_messages if pathlib.Path(m["file"]).name == ERRORS.name]
    errors = {m["line"] for m in mine if m["kind"] == "error"}
    # notes only beside an error ("stft" defined in ...), never alone
    assert {m["line"] for m in mine if m["kind"] != "error"} <= errors
    mine = [m for m in mine if m["kind"] == "error"]
    codes = [re.search(r"  \[([\w-]+)\]$", m["message"]) for m in mine]
    found = {
        (int(m["line"]), code.group(1) if code else "") for m, code in zip(mine, codes, strict=True)
    }
    assert found == _expected_errors()["mypy"]


def test_no_other_file_has_findings(pyright_diagnostics, mypy_messages):
    assert {pathlib.Path(d["file"]) for d in pyright_diagnostics} <= {EXAMPLE, ERRORS}
    assert {pathlib.Path(m["file"]).name for m in mypy_messages} <= {EXAMPLE.name, ERRORS.name}


def test_the_example_runs():
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
