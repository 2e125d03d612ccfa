"""The conformance xfail/skip lists are minimal and explained.

Every entry of every ``conformance/*-xfails.txt`` and ``*-skips.txt`` carries a reason
(``test_id  # reason``) and names a test of the official suite, as recorded in
``conformance/suite-tests.txt`` (the suite's ids at its pinned commit, written by
``ember-ml conformance --collect-ids``), so CI needs no clone of the suite.
"""

from __future__ import annotations

import pathlib

import pytest

from ember_ml import conformance

ROOT = pathlib.Path(__file__).resolve().parents[1]
LISTS = sorted((ROOT / "conformance").glob("*-xfails.txt")) + sorted(
    (ROOT / "conformance").glob("*-skips.txt")
)
SNAPSHOT = ROOT / "conformance" / "suite-tests.txt"


def suite_ids() -> list[str]:
    return [
        line.strip()
        for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_the_snapshot_names_its_suite_commit():
    header = SNAPSHOT.read_text(encoding="utf-8").splitlines()[:5]
    assert any(
        line.startswith("# suite commit: ") and len(line.split()[-1]) == 40 for line in header
    )
    assert len(suite_ids()) > 1000


@pytest.mark.parametrize("path", LISTS, ids=[p.name for p in LISTS])
def test_every_entry_has_a_reason_and_names_a_suite_test(path):
    ids = suite_ids()
    problems = []
    seen = set()
    for test_id, reason, number in conformance.read_list(path):
        where = f"{path.name}:{number}"
        if len(reason) < 10:
            problems.append(f"{where}: no reason (write `test_id  # why it fails`)")
        if not any(conformance.check_id_match(i, test_id) for i in ids):
            problems.append(f"{where}: {test_id} is not a test of the suite (see {SNAPSHOT.name})")
        if test_id in seen:
            problems.append(f"{where}: {test_id} is listed twice")
        seen.add(test_id)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", LISTS, ids=[p.name for p in LISTS])
def test_list_names_a_known_target(path):
    key = path.name.rsplit("-", 1)[0]
    valid = {*conformance.BACKENDS, *(f"ops-{b}" for b in conformance.BACKENDS)}
    assert key in valid, f"{path.name}: the target must be one of {sorted(valid)}"


def test_read_list_parses_reasons(tmp_path):
    sample = tmp_path / "x-xfails.txt"
    sample.write_text(
        "# comment\n\narray_api_tests/test_a.py::test_b[c]  # a reason # with a hash\n"
        "array_api_tests/test_a.py::test_d\n",
        encoding="utf-8",
    )
    assert conformance.read_list(sample) == [
        ("array_api_tests/test_a.py::test_b[c]", "a reason # with a hash", 3),
        ("array_api_tests/test_a.py::test_d", "", 4),
    ]


def test_matrix_rows_cover_the_standard_and_map_suite_tests():
    rows = conformance.standard_rows()
    assert len(rows) == len(set(rows))
    row_set = set(rows)
    mapped = {conformance.row_of_test(i, row_set) for i in suite_ids()}
    # every function and array method of the standard is reached by some suite test
    unreached = row_set - mapped
    assert not unreached, sorted(unreached)


def test_summary_counts_outcomes_reports_stale_xfails_and_builds_the_matrix(tmp_path):
    xfails = [
        ("array_api_tests/test_operators_and_elementwise_functions.py::test_add", "a reason", 1),
        ("array_api_tests/test_sorting_functions.py::test_sort", "sorts badly", 2),
    ]
    report = {
        "tests": [
            {
                "nodeid": "array_api_tests/test_operators_and_elementwise_functions.py::test_add[add(x1, x2)]",
                "outcome": "xpassed",
            },
            {
                "nodeid": "array_api_tests/test_sorting_functions.py::test_sort",
                "outcome": "xfailed",
            },
            {
                "nodeid": "array_api_tests/test_has_names.py::test_has_names[elementwise-sin]",
                "outcome": "failed",
                "call": {"outcome": "failed", "crash": {"message": "AssertionError: missing sin"}},
            },
            {"nodeid": "array_api_tests/test_linalg.py::test_det", "outcome": "passed"},
            {"nodeid": "array_api_tests/test_linalg.py::test_inv", "outcome": "skipped"},
        ]
    }
    result = conformance.summarize(
        report,
        xfails,
        [],
        key="numpy",
        module="m",
        max_examples=5,
        commit="c" * 40,
        duration=1.0,
        skip_dtypes="",
    )
    assert result["counts"] == {"passed": 1, "failed": 1, "xfailed": 1, "xpassed": 1, "skipped": 1}
    assert result["stale_xfails"] == [xfails[0][0]]
    assert result["matrix"]["sort"] == {"status": "xfail", "reasons": ["sorts badly"]}
    assert result["matrix"]["sin"]["status"] == "missing"
    assert result["matrix"]["linalg.det"]["status"] == "pass"
    assert result["matrix"]["linalg.inv"]["status"] == "skip"
    assert "AssertionError: missing sin" in next(iter(result["failures"].values()))
    assert conformance.summary_line(result).startswith(
        "numpy: 1 passed, 1 failed, 1 xfailed, 1 xpassed, 1 skipped"
    )
    (tmp_path / "numpy.json").write_text(__import__("json").dumps(result), encoding="utf-8")
    matrix = tmp_path / "m.md"
    conformance.write_matrix(tmp_path, matrix)
    text = matrix.read_text(encoding="utf-8")
    assert "| `sort` | xfail (sorts badly) |" in text
    assert "| `sin` | **missing** |" in text
