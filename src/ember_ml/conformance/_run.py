"""Running the official suite against one target and summarizing its report.

``run_target`` sets the suite's environment for a target (``suite_environment``:
the module under test, the standard's version, the dtypes to skip), hands it the
bare xfail/skip lists, runs pytest with ``--json-report`` in a child process and
turns the report into the small per-target summary kept in
``conformance/results/<key>.json`` (``summarize``: counts, failures, stale xfails and
one status per row of the support matrix). ``collect_ids`` writes the suite's test ids
for checking the lists offline.
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import Any

from ember_ml.conformance._lists import matching_entry, read_list
from ember_ml.conformance._rows import row_of_test, standard_rows

API_VERSION = "2025.12"
TARGETS = ("numpy", "torch", "mlx", "ops")
BACKENDS = ("numpy", "torch", "mlx")
TORCH_SKIP_DTYPES = "uint16,uint32,uint64"

_STATUS_ORDER = ("missing", "fail", "xfail", "pass", "skip")
_OUTCOMES = ("passed", "failed", "xfailed", "xpassed", "skipped")


# --------------------------------------------------------------------------- paths


def repo_root() -> pathlib.Path:
    """The checkout holding ``conformance/`` (the package sits in ``src/ember_ml``)."""
    here = pathlib.Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "conformance").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return pathlib.Path.cwd()


def target_key(target: str, backend: str | None) -> str:
    """``numpy`` / ``torch`` / ``mlx``, or ``ops-<backend>`` for the frontend."""
    if target == "ops":
        return f"ops-{backend or 'numpy'}"
    return target


def target_module(target: str) -> str:
    return "ember_ml.ops" if target == "ops" else f"ember_ml.backend.{target}"


def target_library(key: str) -> str:
    return key.removeprefix("ops-")


# --------------------------------------------------------------------------- running


def suite_commit(suite: pathlib.Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(suite), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def suite_environment(target: str, backend: str | None, skip_dtypes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["ARRAY_API_TESTS_MODULE"] = target_module(target)
    env["ARRAY_API_TESTS_VERSION"] = API_VERSION
    key = target_key(target, backend)
    if skip_dtypes is None:
        skip_dtypes = TORCH_SKIP_DTYPES if target_library(key) == "torch" else ""
    if skip_dtypes:
        env["ARRAY_API_TESTS_SKIP_DTYPES"] = skip_dtypes
    else:
        env.pop("ARRAY_API_TESTS_SKIP_DTYPES", None)
    if target == "ops":
        env["EMBER_ML_BACKEND"] = backend or "numpy"
    return env


def _bare_copy(
    entries: list[tuple[str, str, int]], directory: pathlib.Path, name: str
) -> pathlib.Path:
    path = directory / name
    path.write_text("".join(f"{test_id}\n" for test_id, _, _ in entries), encoding="utf-8")
    return path


def _message(test: dict[str, Any]) -> str:
    for stage in ("setup", "call", "teardown"):
        report = test.get(stage) or {}
        if report.get("outcome") in ("failed", "error") or test.get("outcome") == "error":
            crash = report.get("crash") or {}
            message = crash.get("message") or str(report.get("longrepr") or "")
            if message:
                first = message.strip().splitlines()[0] if message.strip() else ""
                return first[:300]
    return ""


def summarize(
    report: dict[str, Any],
    xfails: list,
    skips: list,
    *,
    key: str,
    module: str,
    max_examples: int,
    commit: str,
    duration: float,
    skip_dtypes: str,
) -> dict[str, Any]:
    """The small per-target summary kept in conformance/results/<key>.json."""
    rows = standard_rows()
    row_set = set(rows)
    counts = dict.fromkeys(_OUTCOMES, 0)
    failures: dict[str, str] = {}
    xpassed: list[str] = []
    per_row: dict[str, dict[str, Any]] = {}
    missing: set[str] = set()
    for test in report.get("tests", []):
        nodeid = test["nodeid"].removeprefix("array-api-tests/")
        outcome = test["outcome"]
        if outcome == "error":
            outcome = "failed"
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome == "failed":
            failures[nodeid] = _message(test)
        elif outcome == "xpassed":
            xpassed.append(nodeid)
        row = row_of_test(nodeid, row_set)
        if row is None:
            continue
        if "test_has_names.py" in nodeid and outcome in ("failed", "xfailed"):
            missing.add(row)
        cell = per_row.setdefault(row, {"outcomes": dict.fromkeys(_OUTCOMES, 0), "reasons": []})
        cell["outcomes"][outcome] += 1
        if outcome in ("xfailed", "xpassed"):
            entry = matching_entry(nodeid, xfails)
            if entry and entry[1] and entry[1] not in cell["reasons"]:
                cell["reasons"].append(entry[1])
    matrix = {}
    for row in rows:
        tally = per_row.get(row)
        if row in missing:
            matrix[row] = {"status": "missing"}
        elif tally is None:
            continue
        elif tally["outcomes"]["failed"]:
            matrix[row] = {"status": "fail", "failed": tally["outcomes"]["failed"]}
        elif tally["outcomes"]["xfailed"]:
            matrix[row] = {"status": "xfail", "reasons": tally["reasons"]}
        elif tally["outcomes"]["passed"] or tally["outcomes"]["xpassed"]:
            matrix[row] = {"status": "pass"}
        else:
            matrix[row] = {"status": "skip"}
    stale = sorted({entry[0] for nodeid in xpassed if (entry := matching_entry(nodeid, xfails))})
    matched = {
        entry[0]
        for test in report.get("tests", [])
        if (entry := matching_entry(test["nodeid"], xfails + skips))
    }
    unmatched = sorted({e[0] for e in xfails + skips} - matched)
    return {
        "target": key,
        "module": module,
        "api_version": API_VERSION,
        "suite_commit": commit,
        "max_examples": max_examples,
        "skip_dtypes": skip_dtypes,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "duration_s": round(duration, 1),
        "counts": counts,
        "stale_xfails": stale,
        "unmatched_list_entries": unmatched,
        "failures": dict(sorted(failures.items())),
        "matrix": matrix,
    }


def summary_line(result: dict[str, Any]) -> str:
    c = result["counts"]
    return (
        f"{result['target']}: {c['passed']} passed, {c['failed']} failed, {c['xfailed']} xfailed, "
        f"{c['xpassed']} xpassed, {c['skipped']} skipped in {result['duration_s']:.0f}s "
        f"(max-examples={result['max_examples']})"
    )


def run_target(
    suite: pathlib.Path,
    target: str,
    backend: str | None,
    *,
    max_examples: int,
    lists_dir: pathlib.Path,
    results_dir: pathlib.Path | None,
    skip_dtypes: str | None,
    pytest_args: Sequence[str] = (),
    tests: Sequence[str] = (),
) -> dict[str, Any]:
    key = target_key(target, backend)
    xfails = read_list(lists_dir / f"{key}-xfails.txt")
    skips = read_list(lists_dir / f"{key}-skips.txt")
    env = suite_environment(target, backend, skip_dtypes)
    with tempfile.TemporaryDirectory(prefix=f"ember-conformance-{key}-") as tmp:
        tmpdir = pathlib.Path(tmp)
        report_path = tmpdir / "report.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *(tests or ["array_api_tests/"]),
            "-p",
            "no:cacheprovider",
            "-q",
            "--no-header",
            "-rN",
            "--tb=no",
            f"--max-examples={max_examples}",
            "--hypothesis-disable-deadline",
            "--json-report",
            f"--json-report-file={report_path}",
            "--json-report-omit",
            "collectors",
            "keywords",
            "log",
            "streams",
            "warnings",
            "traceback",
            "--xfails-file",
            str(_bare_copy(xfails, tmpdir, "xfails.txt")),
            "--skips-file",
            str(_bare_copy(skips, tmpdir, "skips.txt")),
            *pytest_args,
        ]
        start = time.monotonic()
        completed = subprocess.run(
            command, cwd=suite, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        duration = time.monotonic() - start
        if not report_path.is_file():
            sys.stderr.write(completed.stdout[-5000:])
            raise RuntimeError(
                f"the suite produced no report for {key} (exit status {completed.returncode})"
            )
        report = json.loads(report_path.read_text(encoding="utf-8"))
    module = target_module(target)
    if target == "ops":
        module += f" (EMBER_ML_BACKEND={backend or 'numpy'})"
    result = summarize(
        report,
        xfails,
        skips,
        key=key,
        module=module,
        max_examples=max_examples,
        commit=suite_commit(suite),
        duration=duration,
        skip_dtypes=env.get("ARRAY_API_TESTS_SKIP_DTYPES", ""),
    )
    if tests:
        result["partial"] = list(tests)
    if results_dir is not None and not tests:
        results_dir.mkdir(parents=True, exist_ok=True)
        (results_dir / f"{key}.json").write_text(
            json.dumps(result, indent=1) + "\n", encoding="utf-8"
        )
    return result


def collect_ids(suite: pathlib.Path, output: pathlib.Path) -> int:
    """Write the suite's test ids (``--collect-only -q``), the union over the targets, with the suite commit."""
    ids: set[str] = set()
    used = []
    for target in BACKENDS:
        env = suite_environment(target, None, "")
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "array_api_tests/",
                "--collect-only",
                "-q",
                "-p",
                "no:cacheprovider",
            ],
            cwd=suite,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        found = {
            line.strip()
            for line in out.stdout.splitlines()
            if line.startswith("array_api_tests/") and "::" in line
        }
        if found:
            used.append(target_module(target))
            ids |= found
    header = (
        "# Test ids of data-apis/array-api-tests, for checking the xfail/skip lists offline.\n"
        f"# suite commit: {suite_commit(suite)}\n"
        f"# union of --collect-only -q with ARRAY_API_TESTS_VERSION={API_VERSION} and "
        f"ARRAY_API_TESTS_MODULE in {', '.join(used)}\n"
        "# regenerate: ember-ml conformance --suite PATH --collect-ids conformance/suite-tests.txt\n"
    )
    output.write_text(header + "".join(f"{i}\n" for i in sorted(ids)), encoding="utf-8")
    return len(ids)
