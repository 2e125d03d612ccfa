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

This package imports no array library: the suite runs in a child process. Its
parts: ``_lists`` (the xfail/skip lists), ``_rows`` (which standard function a suite
test checks), ``_run`` (running the suite on a target and summarizing the report),
``_matrix`` (the support matrix) and ``_cli`` (the command line).
"""

from ember_ml.conformance._cli import build_parser, main
from ember_ml.conformance._lists import check_id_match, matching_entry, read_list
from ember_ml.conformance._matrix import extras_rows, write_matrix
from ember_ml.conformance._rows import (
    ARRAY_ATTRIBUTES,
    ARRAY_METHODS,
    EXTRA_FUNCTIONS,
    row_of_test,
    standard_rows,
)
from ember_ml.conformance._run import (
    API_VERSION,
    BACKENDS,
    TARGETS,
    TORCH_SKIP_DTYPES,
    collect_ids,
    repo_root,
    run_target,
    suite_commit,
    suite_environment,
    summarize,
    summary_line,
    target_key,
    target_library,
    target_module,
)

__all__ = [
    "API_VERSION",
    "ARRAY_ATTRIBUTES",
    "ARRAY_METHODS",
    "BACKENDS",
    "EXTRA_FUNCTIONS",
    "TARGETS",
    "TORCH_SKIP_DTYPES",
    "build_parser",
    "check_id_match",
    "collect_ids",
    "extras_rows",
    "main",
    "matching_entry",
    "read_list",
    "repo_root",
    "row_of_test",
    "run_target",
    "standard_rows",
    "suite_commit",
    "suite_environment",
    "summarize",
    "summary_line",
    "target_key",
    "target_library",
    "target_module",
    "write_matrix",
]
