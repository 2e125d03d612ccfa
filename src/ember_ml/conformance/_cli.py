"""The command line: ``ember-ml conformance`` and ``python conformance/run.py``.

``build_parser`` declares the options; ``main`` resolves the folders (lists, results,
matrix) from the checkout, checks that the suite and what it imports are there, and
runs each target (or only rebuilds the matrix, or only collects the test ids).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
import sys
from collections.abc import Sequence

from ember_ml.conformance._matrix import write_matrix
from ember_ml.conformance._run import (
    BACKENDS,
    TARGETS,
    collect_ids,
    repo_root,
    run_target,
    summary_line,
)


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
