"""Run the official array API test suite against ember_ml, and keep the support matrix.

``ember-ml conformance --suite PATH --target TARGET [--max-examples N] [--backend B]``
(also ``python conformance/run.py ...``) points data-apis/array-api-tests at one
of ember_ml's namespaces:

- ``numpy``, ``torch``, ``mlx``: ``ember_ml.backend.<name>``;
- ``ops``: the ``ember_ml.ops`` frontend, with ``EMBER_ML_BACKEND=<backend>``
  (``--backend``, default numpy); its lists and results are named ``ops-<backend>``.

For each target the runner applies ``conformance/<key>-xfails.txt`` and
``conformance/<key>-skips.txt``, where every entry reads ``test_id  # reason``
(the suite itself takes bare ids, so the runner hands it copies without the
reasons), runs pytest with ``--json-report``, prints one summary line, reports
xfail entries that now pass as stale, writes a small summary to
``conformance/results/<key>.json`` and rebuilds ``docs/support-matrix.md``
from every summary there.

Environment: the suite's path comes from ``--suite`` or ``ARRAY_API_TESTS_DIR``;
the runner sets ``ARRAY_API_TESTS_MODULE`` and ``ARRAY_API_TESTS_VERSION=2025.12``.
For torch-based targets it also sets ``ARRAY_API_TESTS_SKIP_DTYPES=uint16,uint32,uint64``
as array-api-compat's CI does: PyTorch has only limited support for those dtypes
(no arithmetic on most of them), so the suite does not draw them; override with
``--skip-dtypes`` (an empty value draws every dtype).

This module imports no array library: the suite runs in a child process.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from typing import Any

from ember_ml.ops._spec import SPEC

API_VERSION = "2025.12"
TARGETS = ("numpy", "torch", "mlx", "ops")
BACKENDS = ("numpy", "torch", "mlx")
TORCH_SKIP_DTYPES = "uint16,uint32,uint64"

# The array object's attributes and methods in the 2025.12 standard (array_object.py stubs).
ARRAY_ATTRIBUTES = ("dtype", "device", "mT", "ndim", "shape", "size", "T")
ARRAY_METHODS = (
    "__abs__",
    "__add__",
    "__and__",
    "__array_namespace__",
    "__bool__",
    "__complex__",
    "__dlpack__",
    "__dlpack_device__",
    "__eq__",
    "__float__",
    "__floordiv__",
    "__ge__",
    "__getitem__",
    "__gt__",
    "__index__",
    "__int__",
    "__invert__",
    "__le__",
    "__lshift__",
    "__lt__",
    "__matmul__",
    "__mod__",
    "__mul__",
    "__ne__",
    "__neg__",
    "__or__",
    "__pos__",
    "__pow__",
    "__rshift__",
    "__setitem__",
    "__sub__",
    "__truediv__",
    "__xor__",
    "to_device",
)
# Standard functions that are not in ember_ml.ops' table (inspection namespace).
EXTRA_FUNCTIONS = ("__array_namespace_info__",)

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


# --------------------------------------------------------------------------- lists


def read_list(path: pathlib.Path) -> list[tuple[str, str, int]]:
    """Entries of an xfail/skip list: (test id, reason, line number); blank and ``#`` lines ignored."""
    entries = []
    if not path.is_file():
        return entries
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        test_id, _, reason = stripped.partition("#")
        entries.append((test_id.strip(), reason.strip(), number))
    return entries


def check_id_match(nodeid: str, pattern: str) -> bool:
    """The suite's own rule (conftest.py) for whether a list entry names a test id."""
    nodeid = nodeid.removeprefix("array-api-tests/")
    if nodeid == pattern:
        return True
    if nodeid.startswith(pattern.removesuffix("/") + "/"):
        return True
    if pattern.endswith(".py") and nodeid.startswith(pattern):
        return True
    if nodeid.split("::", maxsplit=2)[0] == pattern:
        return True
    return nodeid.split("[", maxsplit=2)[0] == pattern


def matching_entry(
    nodeid: str, entries: Iterable[tuple[str, str, int]]
) -> tuple[str, str, int] | None:
    for entry in entries:
        if check_id_match(nodeid, entry[0]):
            return entry
    return None


# --------------------------------------------------------------------------- rows


def standard_rows() -> list[str]:
    """One row per function and array attribute/method of the standard, in table order."""
    rows = []
    for extension, name, _params, _summary in SPEC:
        rows.append(f"{extension}.{name}" if extension else name)
    rows.extend(EXTRA_FUNCTIONS)
    rows.extend(f"array.{name}" for name in ARRAY_ATTRIBUTES)
    rows.extend(f"array.{name}" for name in ARRAY_METHODS)
    return rows


_IDENT = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)(\(|$)")


def row_of_test(nodeid: str, rows: set[str]) -> str | None:
    """The standard function or array method a suite test checks, or None."""
    nodeid = nodeid.removeprefix("array-api-tests/")
    path, _, rest = nodeid.partition("::")
    filename = path.rsplit("/", 1)[-1]
    function, _, param = rest.partition("[")
    param = param.removesuffix("]")
    if "::" in function:  # a test class: TestBroadcastShapes::test_error -> broadcast_shapes
        cls, _, function = function.partition("::")
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.removeprefix("Test")).lower()
        if snake == "inspection":
            snake = "__array_namespace_info__"
        function = f"test_{snake}"
    if filename == "test_dlpack.py":
        function = {
            "test_dlpack_device": "test___dlpack_device__",
            "test_dunder_dlpack": "test___dlpack__",
        }.get(function, function)
    if filename == "test_has_names.py":
        category, _, name = param.partition("-")
        if category in ("linalg", "fft"):
            candidates = [f"{category}.{name}"]
        elif category.startswith("array_"):
            candidates = [f"array.{name}"]
        else:
            candidates = [name]
    else:
        match = _IDENT.match(param)
        name = match.group(1) if match else function.removeprefix("test_")
        if filename == "test_linalg.py" and function.startswith("test_linalg_"):
            candidates = [f"linalg.{function.removeprefix('test_linalg_')}"]
        elif filename == "test_fft.py":
            candidates = [f"fft.{name}", name]
        elif filename == "test_linalg.py":
            candidates = [name, f"linalg.{name}"]
        else:
            candidates = [name, f"array.{name}"]
        if name.startswith("__i") or name.startswith("__r"):  # in-place and reflected operators
            candidates.append(f"array.__{name[3:]}")
        stem = function.removeprefix("test_")
        candidates += [stem, f"array.{stem}"]
        if "info" in stem:
            candidates.append("__array_namespace_info__")
        for prefix in ("linalg.", "fft."):
            if name.startswith(prefix):
                candidates.insert(0, name)
        special = {
            "getitem": "array.__getitem__",
            "setitem": "array.__setitem__",
            "getitem_masking": "array.__getitem__",
            "setitem_masking": "array.__setitem__",
            "scalar_casting": None,
        }
        stem = function.removeprefix("test_")
        for key, row in special.items():
            if stem == key or stem.startswith(key + "_arrays"):
                if row:
                    candidates.insert(0, row)
        if filename == "test_array_object.py" and stem.startswith("getitem"):
            candidates.insert(0, "array.__getitem__")
    for candidate in candidates:
        if candidate in rows:
            return candidate
    # test_<function>_<variant> (test_diff_append_prepend, test_sort_stable, ...)
    parts = function.removeprefix("test_").split("_")
    for end in range(len(parts) - 1, 0, -1):
        stem = "_".join(parts[:end])
        for candidate in ((f"linalg.{stem}",) if filename == "test_linalg.py" else ()) + (
            stem,
            f"fft.{stem}",
        ):
            if candidate in rows:
                return candidate
    return None


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
        cell = per_row.get(row)
        if row in missing:
            matrix[row] = {"status": "missing"}
        elif cell is None:
            continue
        elif cell["outcomes"]["failed"]:
            matrix[row] = {"status": "fail", "failed": cell["outcomes"]["failed"]}
        elif cell["outcomes"]["xfailed"]:
            matrix[row] = {"status": "xfail", "reasons": cell["reasons"]}
        elif cell["outcomes"]["passed"] or cell["outcomes"]["xpassed"]:
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


# --------------------------------------------------------------------------- matrix


def _cell(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "—"
    status = entry["status"]
    if status == "xfail":
        reasons = "; ".join(entry.get("reasons") or []) or "no reason given"
        return f"xfail ({reasons.replace('|', '/')})"
    if status == "fail":
        return f"**fail** ({entry.get('failed', '?')})"
    if status == "missing":
        return "**missing**"
    return status


# The module whose ``__all__`` lists a fast-path group's extras, where it is not ``ops.<group>``.
_GROUP_MODULE = {"linalg_extras": "ember_ml.ops.linalg", "random": "ember_ml.random"}


def _defined_functions(path: pathlib.Path) -> set[str]:
    """Names of the functions a fast-path module defines (read with ast: no library import)."""
    import ast

    if not path.exists():
        return set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    for node in tree.body:  # name = ... bindings (compiled functions, aliases)
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def extras_rows() -> list[str]:
    """Markdown rows: each group of extras, and the native fast paths each backend has for it."""
    import importlib

    from ember_ml import backend
    from ember_ml.ops._spec import SPEC

    standard = {name for ext, name, _, _ in SPEC if ext == "linalg"}
    backend_dir = pathlib.Path(backend.__file__).parent
    lines = [
        "",
        "## Extras",
        "",
        "Not part of the standard, so the official suite does not test them; ember_ml's own tests",
        "compare each with its oracle (docs/extras.md) on NumPy, torch, MLX and array-api-strict.",
        "Every extra runs its generic implementation (standard calls) on any standard library;",
        "a backend column names the native fast paths (`backend/<library>/_<group>.py`) that",
        "serve the group there, each tested against the generic code.",
        "",
        "| group | extras | " + " | ".join(backend.BACKENDS) + " |",
        "|---|---|" + "---|" * len(backend.BACKENDS),
    ]
    for group in backend.FAST_PATH_GROUPS:
        module_name = _GROUP_MODULE.get(group, f"ember_ml.ops.{group}")
        module = importlib.import_module(module_name)
        extras = [n for n in module.__all__ if n not in standard and callable(getattr(module, n))]
        cells = []
        for b in backend.BACKENDS:
            native = sorted(
                n
                for n in _defined_functions(backend_dir / b / f"_{group}.py")
                if not n.startswith("_")
            )
            cells.append(", ".join(f"`{n}`" for n in native) or "generic only")
        names = ", ".join(f"`{n}`" for n in extras)
        lines.append(
            f"| `{module_name.removeprefix('ember_ml.')}` | {names} | " + " | ".join(cells) + " |"
        )
    return lines


def write_matrix(results_dir: pathlib.Path, output: pathlib.Path) -> None:
    """Rebuild the support matrix from every ``results/*.json``."""
    results = []
    for path in sorted(results_dir.glob("*.json")):
        results.append(json.loads(path.read_text(encoding="utf-8")))
    order = {
        key: i
        for i, key in enumerate(["numpy", "torch", "mlx", "ops-numpy", "ops-torch", "ops-mlx"])
    }
    results.sort(key=lambda r: (order.get(r["target"], 99), r["target"]))
    lines = [
        "# Support matrix: the array API standard (2025.12) on ember_ml's namespaces",
        "",
        "Generated by `ember-ml conformance` from `conformance/results/*.json`; do not edit by hand.",
        "Each cell sums the official suite's tests of that function or array method on one target:",
        "**pass** (every test passed), **xfail** (a test is expected to fail, with the reason from",
        "`conformance/<target>-xfails.txt`), **fail** (number of unexpected failures), **missing**",
        "(the namespace lacks the name), skip (only skipped tests), — (no test of the suite maps to it).",
        "",
        "| target | module | passed | failed | xfailed | xpassed | skipped | max-examples | skipped dtypes | suite commit | date |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = r["counts"]
        lines.append(
            f"| {r['target']} | `{r['module']}` | {c['passed']} | {c['failed']} | {c['xfailed']} | "
            f"{c['xpassed']} | {c['skipped']} | {r['max_examples']} | {r.get('skip_dtypes') or '—'} | "
            f"{r['suite_commit'][:7]} | {r['date']} |"
        )
    lines += [
        "",
        "| function | " + " | ".join(r["target"] for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for row in standard_rows():
        name = f"`{row}`" if not row.startswith("array.") else f"`x.{row[6:]}`"
        lines.append(
            f"| {name} | " + " | ".join(_cell(r["matrix"].get(row)) for r in results) + " |"
        )
    lines += extras_rows()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ember-ml conformance",
        description="Run the official array API test suite against ember_ml namespaces.",
    )
    parser.add_argument(
        "--suite", help="path of a data-apis/array-api-tests clone (default: $ARRAY_API_TESTS_DIR)"
    )
    parser.add_argument(
        "--target",
        action="append",
        choices=TARGETS,
        help="namespace to test; repeatable (default: numpy)",
    )
    parser.add_argument(
        "--backend",
        action="append",
        choices=BACKENDS,
        help="backend of the ops target (EMBER_ML_BACKEND); repeatable (default: numpy)",
    )
    parser.add_argument(
        "--max-examples", type=int, default=200, help="hypothesis examples per test"
    )
    parser.add_argument(
        "--skip-dtypes",
        default=None,
        help="ARRAY_API_TESTS_SKIP_DTYPES (default: uint16,uint32,uint64 for torch, none otherwise)",
    )
    parser.add_argument(
        "--lists-dir", help="folder of the xfail/skip lists (default: conformance/)"
    )
    parser.add_argument(
        "--results-dir", help="folder of the per-target summaries (default: conformance/results/)"
    )
    parser.add_argument(
        "--matrix", help="support matrix to rebuild (default: docs/support-matrix.md)"
    )
    parser.add_argument(
        "--no-matrix", action="store_true", help="do not rebuild the support matrix"
    )
    parser.add_argument(
        "--matrix-only",
        action="store_true",
        help="only rebuild the support matrix from the stored results",
    )
    parser.add_argument(
        "--collect-ids",
        metavar="FILE",
        help="write the suite's test ids to FILE (e.g. conformance/suite-tests.txt) and exit",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        default=[],
        help="run only these suite test ids or files (results are not stored)",
    )
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments, after --")
    return parser


# What the official suite imports besides the namespace under test.
_SUITE_NEEDS = ("pytest", "hypothesis", "pytest_jsonreport", "ndindex")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``ember-ml conformance`` and ``python conformance/run.py``."""
    args = build_parser().parse_args(argv)
    root = repo_root()
    lists_dir = pathlib.Path(args.lists_dir) if args.lists_dir else root / "conformance"
    results_dir = pathlib.Path(args.results_dir) if args.results_dir else lists_dir / "results"
    matrix = pathlib.Path(args.matrix) if args.matrix else root / "docs" / "support-matrix.md"
    if args.matrix_only:
        write_matrix(results_dir, matrix)
        print(f"wrote {matrix}")
        return 0
    suite_dir = args.suite or os.environ.get("ARRAY_API_TESTS_DIR")
    if not suite_dir:
        print(
            "ember-ml conformance: give --suite PATH or set ARRAY_API_TESTS_DIR to a clone of "
            "https://github.com/data-apis/array-api-tests (with --recurse-submodules)",
            file=sys.stderr,
        )
        return 2
    suite = pathlib.Path(suite_dir).expanduser().resolve()
    if not (suite / "array_api_tests").is_dir():
        print(f"ember-ml conformance: {suite} is not a clone of array-api-tests", file=sys.stderr)
        return 2
    missing = [name for name in _SUITE_NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        print(
            f"ember-ml conformance: the suite needs {', '.join(missing)}; install with: "
            'pip install "ember-ml[conformance]"',
            file=sys.stderr,
        )
        return 2
    if args.collect_ids:
        count = collect_ids(suite, pathlib.Path(args.collect_ids))
        print(f"wrote {count} test ids to {args.collect_ids}")
        return 0
    status = 0
    for target in args.target or ["numpy"]:
        backends = (args.backend or ["numpy"]) if target == "ops" else [None]
        for backend in backends:
            result = run_target(
                suite,
                target,
                backend,
                max_examples=args.max_examples,
                lists_dir=lists_dir,
                results_dir=results_dir,
                skip_dtypes=args.skip_dtypes,
                pytest_args=args.pytest_args,
                tests=args.tests,
            )
            print(summary_line(result), flush=True)
            for entry in result["stale_xfails"]:
                print(
                    f"  stale xfail (passed this run; stale, or its failing examples were not drawn): {entry}"
                )
            if not args.tests:
                for entry in result["unmatched_list_entries"]:
                    print(f"  list entry matches no test: {entry}")
            for nodeid, message in result["failures"].items():
                print(f"  FAILED {nodeid} - {message}")
            if result["counts"]["failed"]:
                status = 1
    if not args.no_matrix and not args.tests:
        write_matrix(results_dir, matrix)
        print(f"wrote {matrix}")
    return status


if __name__ == "__main__":
    sys.exit(main())
