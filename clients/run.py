"""Run the clients' own array-API tests with "MLX through ember_ml" as one more backend.

Prints a table (client x numpy / array_api_strict / torch / mlx: passed / failed) and the
MLX failures grouped by cause, each cause labelled (``clients/causes.py``). Not in CI: the
whole run takes a long time; ``--subset small`` (the default) runs a fixed part of each
suite, ``--subset full`` all of it (what issue 19's table measured).

    python clients/run.py [--clients sklearn,scipy,xpx] [--subset small|full]
        [--xpx-tests PATH] [--report-dir DIR] [-- extra pytest args]

``tox -e clients`` installs the clients (array-api-extra's tests come from its sdist) and
runs this. The plugin doing the work is ``clients/ember_ml_clients.py``.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clients.causes import label_of  # noqa: E402

# What each client's array-API tests are: (pytest targets, selection) per subset.
SUITES: dict[str, dict[str, list[str]]] = {
    "sklearn": {
        "small": [
            "--pyargs",
            "sklearn.utils.tests.test_array_api",
            "sklearn.metrics.tests.test_common",
            "sklearn.preprocessing.tests.test_data",
            "-k",
            "array_api",
        ],
        "full": ["--pyargs", "sklearn", "-k", "array_api or array_namespace"],
    },
    "scipy": {
        "small": [
            "--pyargs",
            "scipy._lib.tests.test_array_api",
            "scipy.special.tests.test_logsumexp",
            "scipy.signal.tests.test_windows",
            "scipy.stats.tests.test_variation",
            "-m",
            "array_api_backends and not slow",
        ],
        "full": ["--pyargs", "scipy", "-m", "array_api_backends and not slow"],
    },
    "xpx": {  # tests/main: the suite proper (tests/vendoring needs a vendored copy)
        "small": [
            "{xpx}/main/test_elementwise.py",
            "{xpx}/main/test_at.py",
            "{xpx}/main/test_helpers.py",
        ],
        "full": ["{xpx}/main"],
    },
}
BACKENDS = ("numpy", "strict", "torch", "mlx")


def run_client(
    client: str, subset: str, xpx_tests: str, report: pathlib.Path, extra: list[str]
) -> float:
    """Run one client's tests; their results are appended to ``report``. Returns seconds."""
    args = [a.format(xpx=xpx_tests) for a in SUITES[client][subset]]
    env = {
        **os.environ,
        "SCIPY_ARRAY_API": "1",
        "EMBER_ML_CLIENTS_REPORT": str(report),
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "clients.ember_ml_clients",
        "-p",
        "no:cacheprovider",
        "-q",
        "--no-header",
        "-rN",
        *args,
        *extra,
    ]
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=False)
    return time.perf_counter() - start


def table(results: list[dict[str, str]]) -> str:
    counts: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    clients = []
    for r in results:
        if r["client"] not in clients:
            clients.append(r["client"])
        counts[r["client"], r["backend"] or ""][r["outcome"]] += 1
    head = "| client | " + " | ".join(BACKENDS) + " |"
    lines = [head, "|---" * (len(BACKENDS) + 1) + "|"]
    for client in clients:
        cells = []
        for b in BACKENDS:
            c = counts[client, b]
            cell = f"{c['passed'] + c['xpassed']} / {c['failed']}"
            if c["error"]:
                cell += f" (+{c['error']} errors)"
            cells.append(cell)
        lines.append(f"| {client} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def causes(results: list[dict[str, str]], backend: str = "mlx", top: int = 40) -> str:
    grouped: collections.Counter[tuple[str, str]] = collections.Counter()
    for r in results:
        if r["backend"] == backend and r["outcome"] in ("failed", "error"):
            grouped[label_of(r["cause"], r["nodeid"]), r["cause"]] += 1
    by_label: collections.Counter[str] = collections.Counter()
    for (label, _), n in grouped.items():
        by_label[label] += n
    lines = [
        f"{backend} failures by label: " + ", ".join(f"{k}: {v}" for k, v in by_label.most_common())
    ]
    for (label, cause), n in grouped.most_common(top):
        lines.append(f"{n:5d}  [{label}]  {cause}")
    return "\n".join(lines)


def fetch_xpx_tests(folder: pathlib.Path) -> pathlib.Path:
    """array-api-extra's ``tests/`` for the installed version, from its sdist (pip download)."""
    import importlib.metadata
    import tarfile

    version = importlib.metadata.version("array-api-extra")
    folder.mkdir(parents=True, exist_ok=True)
    sdist = folder / f"array_api_extra-{version}.tar.gz"
    if not sdist.exists():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"array-api-extra=={version}"]
            + ["--no-binary", "array-api-extra", "--no-deps", "-d", str(folder)],
            check=True,
        )
    with tarfile.open(sdist) as tar:
        members = [m for m in tar.getmembers() if "/tests/" in m.name]
        tar.extractall(folder, members=members, filter="data")
    return folder / f"array_api_extra-{version}" / "tests"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default="sklearn,scipy,xpx")
    parser.add_argument("--subset", choices=("small", "full"), default="small")
    parser.add_argument("--xpx-tests", default=os.environ.get("EMBER_ML_XPX_TESTS", ""))
    parser.add_argument("--report-dir", default=str(ROOT / ".clients"))
    parser.add_argument("--read-only", action="store_true", help="tabulate existing reports")
    parser.add_argument("--fetch-xpx", default="", help="download array-api-extra's tests here")
    parser.add_argument("extra", nargs="*", help="more pytest arguments (after --)")
    ns = parser.parse_args(argv)
    out = pathlib.Path(ns.report_dir)
    out.mkdir(parents=True, exist_ok=True)
    if ns.fetch_xpx:
        ns.xpx_tests = str(fetch_xpx_tests(pathlib.Path(ns.fetch_xpx)))
    results: list[dict[str, str]] = []
    for client in ns.clients.split(","):
        report = out / f"{client}-{ns.subset}.jsonl"
        if not ns.read_only:
            if client == "xpx" and not ns.xpx_tests:
                print("xpx: no --xpx-tests (array-api-extra's tests/ folder): skipped")
                continue
            report.unlink(missing_ok=True)
            seconds = run_client(client, ns.subset, ns.xpx_tests, report, ns.extra)
            print(f"{client}: {seconds:.0f} s")
        if report.exists():
            for line in report.read_text(encoding="utf-8").splitlines():
                results.append({**json.loads(line), "client": client})
    print()
    print(table(results))
    print()
    print(causes(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
