"""``python -m tests.fuzz``: the crash fuzzer's command line (run from the repository root).

Examples::

    python -m tests.fuzz --targets mlx,ops-mlx --cases 2000 --seed 1
    python -m tests.fuzz --targets mlx,raw-mlx --cases 500 --differential --json out.json
    python -m tests.fuzz --repro mlx:1234 --seed 1      # the code of one case
"""

from __future__ import annotations

import argparse
import json
import sys

from tests.fuzz import fuzzer


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    p.add_argument(
        "--targets",
        default=",".join(fuzzer.CI_TARGETS),
        help=f"comma-separated, from {', '.join(fuzzer.TARGETS)}",
    )
    p.add_argument("--cases", type=int, default=300, help="cases per target")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        help="seconds a case may take before it counts as a hang",
    )
    p.add_argument("--budget", type=float, default=None, help="seconds per target (stop early)")
    p.add_argument(
        "--mem-limit", type=int, default=2 * 2**30, help="RLIMIT_AS of the workers, bytes"
    )
    p.add_argument("--differential", action="store_true", help="compare returned cases with NumPy")
    p.add_argument("--json", default=None, help="write the reports as JSON here")
    p.add_argument("--repro", default=None, help="TARGET:INDEX: print the code of one case")
    # internal: the worker
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--target", default=None, help=argparse.SUPPRESS)
    p.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--stop", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker:
        fuzzer.worker(a.target, a.seed, a.start, a.stop, a.differential, a.mem_limit)
        return 0
    if a.repro:
        target, _, idx = a.repro.partition(":")
        print(
            fuzzer.repro(
                fuzzer.case_for(a.seed, target, int(idx), fuzzer.functions_for(target)), target
            )
        )
        return 0
    reports = []
    for target in a.targets.split(","):
        reports.append(
            fuzzer.run_target(
                target,
                a.seed,
                a.cases,
                timeout=a.timeout,
                differential=a.differential,
                mem_limit=a.mem_limit,
                budget=a.budget,
            )
        )
        print(
            f"... {target}: {reports[-1].cases} cases in {reports[-1].seconds:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    fuzzer.print_report(reports)
    if a.json:
        with open(a.json, "w") as f:
            json.dump([r.as_dict() for r in reports], f, indent=1)
    return 1 if any(r.crashes or r.hangs or r.memory for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
