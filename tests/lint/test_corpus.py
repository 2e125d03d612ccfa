"""Every rule on the corpus: flagged files report exactly the expected (line, code) pairs;
clean files report nothing."""

from __future__ import annotations

import pytest
from lint_corpus import CORPUS, expected, selected

from ember_ml.lint import Config, check_file, check_paths

FLAGGED = sorted((CORPUS / "flagged").glob("*.py"))
CLEAN = sorted((CORPUS / "clean").rglob("*.py"))


def _findings(path):
    config = Config(root=CORPUS)
    if selected(path) is not None:
        config.select = selected(path)
    return check_file(path, config)


@pytest.mark.parametrize("path", FLAGGED, ids=lambda p: p.name)
def test_flagged_file_reports_exactly_the_expected_lines_and_codes(path):
    want = expected(path)
    assert want, f"{path.name} has no '# expect:' comment"
    got = sorted((f.line, f.code) for f in _findings(path))
    assert got == want


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: str(p.relative_to(CORPUS)))
def test_clean_file_reports_nothing(path):
    assert expected(path) == []
    assert _findings(path) == []


def test_every_rule_has_a_flagged_example():
    from ember_ml.lint import RULES

    covered = {code for path in FLAGGED for _, code in expected(path)}
    assert covered == set(RULES) - {"EM001"}


def test_the_backend_folder_would_be_flagged_if_it_were_agnostic():
    path = CORPUS / "clean" / "backend" / "numpy_fast.py"
    config = Config(root=CORPUS, backend_agnostic=["**"])
    codes = sorted(f.code for f in check_file(path, config))
    assert "EM101" in codes
    assert check_paths([str(CORPUS / "clean")], Config(root=CORPUS)) == []


def test_columns_point_at_the_offending_name():
    from ember_ml.lint import check_source

    code = "def f(y: Tensor, xp):\n    return y.cpu().detach(), xp.concatenate([y])\n"
    got = [(f.line, f.col, f.code) for f in check_source(code)]
    assert got == [(2, 14, "EM301"), (2, 20, "EM301"), (2, 33, "EM201")]


def test_mechanical_fixes():
    from ember_ml.lint import check_source

    code = (
        "def f(x: Array, xp):\n"
        "    a = xp.concatenate([x])\n"
        "    b = x.reshape(2, 3)\n"
        "    c = x.sum(axis=0)\n"
        "    x[0] = 1.0\n"
        "    x[1] -= a\n"
        "    x += 2\n"
    )
    fixes = [(f.line, f.code, f.fix) for f in check_source(code)]
    assert fixes == [
        (2, "EM201", "xp.concat"),
        (3, "EM301", "xp.reshape(x, (2, 3))"),
        (4, "EM301", "xp.sum(x, axis=0)"),
        (5, "EM501", "x = ops.index_update(x, xp.asarray([0]), 1.0)"),
        (6, "EM501", "x = ops.index_update(x, xp.asarray([1]), a, op='subtract')"),
        (7, "EM502", "x = x + 2"),
    ]


def test_unparsable_and_too_deep_files_are_em001_not_a_crash(tmp_path):
    from ember_ml.lint import check_source

    assert [(f.line, f.code) for f in check_source("def f(:\n    pass\n")] == [(1, "EM001")]
    deep = "def f(x: Array):\n    return " + " + ".join(["x"] * 3000) + "\n"
    assert [f.code for f in check_source(deep)] in ([], ["EM001"])
    assert check_source("def f(:\n", enabled={"EM201"}) == []
