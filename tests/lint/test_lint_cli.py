"""The command line: output formats, exit statuses, options, configuration, --explain."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from ember_ml.cli import main as ember_main
from ember_ml.lint import RULES
from ember_ml.lint._rules import render_markdown

REPO = pathlib.Path(__file__).resolve().parents[2]
BAD = "import numpy as np\n\n\ndef f(x, xp):\n    return xp.concatenate([x]), xp.arccos(x)\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with one bad module, the current directory during the test."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bad.py").write_text(BAD)
    (tmp_path / "pkg" / "good.py").write_text("def f(x, xp):\n    return xp.concat([x])\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args, capsys):
    status = ember_main(["lint", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_text_output_is_sorted_one_line_each_and_exit_1(project, capsys):
    status, out, _ = run(["pkg"], capsys)
    assert status == 1
    assert out.splitlines() == [
        "pkg/bad.py:1:1: EM101 `import numpy` in backend-agnostic code "
        "(use ember_ml.array_namespace(x) or ember_ml.ops)",
        "pkg/bad.py:5:15: EM201 `xp.concatenate` is not in the array API standard (use xp.concat)",
        "pkg/bad.py:5:36: EM201 `xp.arccos` is not in the array API standard (use xp.acos)",
    ]


def test_clean_exit_0_and_usage_errors_exit_2(project, capsys):
    assert run(["pkg/good.py"], capsys)[0] == 0
    assert run(["no/such/path"], capsys)[0] == 2
    assert run(["--format", "xml", "pkg"], capsys)[0] == 2
    status, _, err = run(["--select", "EM999", "pkg"], capsys)
    assert status == 2 and "unknown rule code" in err


def test_select_ignore_and_noqa(project, capsys):
    assert [
        line.split()[1] for line in run(["--select", "EM1", "pkg"], capsys)[1].splitlines()
    ] == ["EM101"]
    status, out, _ = run(["--ignore", "EM101,EM201", "pkg"], capsys)
    assert (status, out) == (0, "")
    (project / "pkg" / "bad.py").write_text(BAD.replace("as np", "as np  # noqa: EM101"))
    assert "EM101" not in run(["pkg"], capsys)[1]


def test_json_github_statistics_and_fix_suggestions(project, capsys):
    status, out, err = run(["--format", "json", "--statistics", "pkg"], capsys)
    records = json.loads(out)
    assert status == 1 and [r["code"] for r in records] == ["EM101", "EM201", "EM201"]
    assert records[1] == {
        "path": "pkg/bad.py",
        "line": 5,
        "col": 15,
        "code": "EM201",
        "severity": "error",
        "message": "`xp.concatenate` is not in the array API standard",
        "suggestion": "use xp.concat",
        "fix": "xp.concat",
    }
    assert "     2 EM201" in err and "     3 total" in err
    out = run(["--format", "github", "pkg"], capsys)[1]
    assert out.splitlines()[1].startswith(
        "::error file=pkg/bad.py,line=5,col=15,title=EM201::EM201 "
    )
    out = run(["--fix-suggestions", "pkg"], capsys)[1]
    assert "    fix: xp.acos" in out.splitlines()


def test_explain_every_rule(capsys):
    for code, rule in RULES.items():
        status, out, _ = run(["--explain", code.lower()], capsys)
        assert status == 0
        assert out.startswith(code) and rule.explain in out and "Before:" in out and "After:" in out
    assert run(["--explain", "EM000"], capsys)[0] == 2


def test_em901_is_opt_in_and_explains_the_measurement(tmp_path, capsys):
    path = tmp_path / "ops.py"
    path.write_text("def f(x: Array):\n    return x + 1\n")
    assert run(["--isolated", str(path)], capsys)[0] == 0
    assert run(["--isolated", "--select", "ALL", str(path)], capsys)[0] == 0
    status, out, _ = run(["--isolated", "--extend-select", "EM901", str(path)], capsys)
    assert status == 1 and "EM901" in out
    assert "same lazy graph" in RULES["EM901"].explain


def test_pyproject_configuration(project, capsys):
    (project / "pyproject.toml").write_text(
        '[tool.ember-ml.lint]\nignore = ["EM101"]\n'
        '[tool.ember-ml.lint.per-file-ignores]\n"pkg/bad.py" = ["EM201"]\n'
    )
    assert run(["pkg"], capsys)[:2] == (0, "")
    (project / "pyproject.toml").write_text(
        '[tool.ember-ml.lint]\nbackend-specific = ["pkg/bad.py"]\n'
    )
    assert run(["pkg"], capsys)[0] == 0
    (project / "pyproject.toml").write_text(
        '[tool.ember-ml.lint]\nbackend-agnostic = ["pkg/good.py"]\n'
    )
    assert run(["pkg"], capsys)[0] == 0
    (project / "pyproject.toml").write_text('[tool.ember-ml.lint]\nselect = ["EM2"]\n')
    assert {line.split()[1] for line in run(["pkg"], capsys)[1].splitlines()} == {"EM201"}
    assert run(["--isolated", "pkg"], capsys)[0] == 1
    (project / "pyproject.toml").write_text('[tool.ember-ml.lint]\nselct = ["EM2"]\n')
    status, _, err = run(["pkg"], capsys)
    assert status == 2 and "unknown option(s) selct" in err


def test_backend_folders_are_skipped_by_default(project, capsys):
    (project / "pkg" / "backend").mkdir()
    (project / "pkg" / "backend" / "fast.py").write_text("import torch\n")
    (project / "pkg" / "torch").mkdir()
    (project / "pkg" / "torch" / "aliases.py").write_text("import torch\n")
    out = run(["pkg"], capsys)[1]
    assert "backend/fast.py" not in out and "torch/aliases.py" not in out
    assert run(["pkg/torch/aliases.py"], capsys)[:2] == (0, "")  # even when named


def test_folders_above_what_was_asked_for_do_not_count(tmp_path, monkeypatch, capsys):
    """A checkout that happens to live in a folder called torch/ is still checked."""
    checkout = tmp_path / "torch" / "mylib"
    checkout.mkdir(parents=True)
    (checkout / "m.py").write_text(BAD)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run(["--isolated", str(checkout)], capsys)[0] == 1
    assert run(["--isolated", str(checkout / "m.py")], capsys)[0] == 1


def test_without_tomllib_the_table_is_still_read(project, capsys, monkeypatch):
    """Python 3.10 has no tomllib: without tomli, ember_ml reads its own table (strings and
    lists of strings) and warns when it cannot."""
    import builtins

    real_import = builtins.__import__

    def no_toml(name, *args, **kwargs):
        if name in ("tomllib", "tomli"):
            raise ModuleNotFoundError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_toml)
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"  # [tool.ember-ml.lint]\n'
        '[tool.ember-ml.lint]\nignore = [\n  "EM101",  # numpy is fine here\n]\n'
        '[tool.ember-ml.lint.per-file-ignores]\n"pkg/*.py" = [\'EM201\']\n[tool.ruff]\nignore = ["E"]\n'
    )
    assert run(["pkg"], capsys)[:3] == (0, "", "")
    (project / "pyproject.toml").write_text("[tool.ember-ml.lint]\nignore = {a = 1}\n")
    status, out, err = run(["pkg"], capsys)
    assert status == 1 and "install tomli" in err


def test_the_fallback_reader_agrees_with_tomllib(tmp_path):
    import tomllib

    from ember_ml.lint._config import _read_our_tables

    text = (
        '[tool.ember-ml.lint]\nselect = ["EM1", "EM2"]  # c\nignore = [\n "EM701",  # x\n \'EM702\',\n]\n'
        'backend-agnostic = "src/**"\n[tool.ember-ml.lint.per-file-ignores]\n"t#/**" = ["EM4"]\n'
        "[tool.other]\nselect = 3\n"
    )
    (tmp_path / "pyproject.toml").write_text(text)
    expected = {"tool": {"ember-ml": tomllib.loads(text)["tool"]["ember-ml"]}}
    assert _read_our_tables(tmp_path / "pyproject.toml") == expected


def test_python_dash_m_and_the_console_script():
    code = "def f(xp):\n    return xp.power(2, 3)\n"
    done = subprocess.run(
        [sys.executable, "-m", "ember_ml", "lint", "--isolated", "-"],
        capture_output=True,
        text=True,
        input=code,
    )
    assert done.returncode == 2  # "-" is not a path: a usage error, not a crash
    done = subprocess.run(
        [sys.executable, "-m", "ember_ml", "lint", "--explain", "EM201"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.startswith("EM201")
    done = subprocess.run(
        [sys.executable, "-m", "ember_ml", "info"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "backends:" in done.stdout


def test_docs_list_every_rule_with_before_and_after():
    text = (REPO / "docs" / "lint.md").read_text(encoding="utf-8")
    assert render_markdown() in text


def test_pre_commit_hook_runs_the_console_script():
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: ember-ml-lint" in text and "entry: ember-ml lint" in text
    assert "language: python" in text and "types: [python]" in text
    script = pathlib.Path(sys.executable).parent / "ember-ml"
    if script.exists():  # the entry point pre-commit calls, with the files it passes
        done = subprocess.run(
            [str(script), "lint", "--isolated", __file__], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout
