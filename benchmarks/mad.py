"""MAD-mini: MAD's synthetic tasks at CPU size, model x task x backend, token and macro accuracy.

Width 64, 2 blocks, 2,048 training and 512 test examples, batch 128, AdamW on a cosine
schedule, stop at 0.99 test accuracy. Each model x task x backend runs at the settings
``--lrs`` x ``--weight-decays`` (lr 1e-3 and 5e-4, weight decay 0 and 0.1: four of MAD's
six) in that order, until one run reaches 0.99, and is scored, as MAD scores, by its
best run. The sizes per task are ``ember_ml.nn.mad.cli.DEFAULTS`` (recall: vocab 16,
length 64; noisy recall: vocab 32, length 64, noise 0.2; selective copying: vocab 16,
length 64, 8 tokens; memorization: vocab 256, length 32, 256 examples; fuzzy recall:
vocab 16, length 64; compression: vocab 16, length 32). Each run is one ``python -m
ember_ml.nn.mad`` process; its last line is parsed. Results are appended to ``--out`` as
JSON lines (a rerun skips the runs already there) and printed as a markdown table of each
cell's best run; each epoch's progress line goes to the ``.log`` file beside ``--out``
while the run trains.

    python benchmarks/mad.py --models attention,striped --tasks in_context_recall \\
        --backends torch,mlx --max-seconds 600
    python benchmarks/mad.py --table-only          # the table of what --out holds
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
TASKS = (
    "in_context_recall",
    "noisy_recall",
    "selective_copying",
    "fuzzy_recall",
    "compression",
    "memorization",
)
SHORT = {
    "in_context_recall": "CR",
    "noisy_recall": "NR",
    "selective_copying": "SC",
    "fuzzy_recall": "FR",
    "compression": "C",
    "memorization": "M",
}
MODELS = ("attention", "mh-hyena", "hyena", "striped")


def run_one(model, task, backend, lr, weight_decay, args):
    command = [
        sys.executable,
        "-m",
        "ember_ml.nn.mad",
        "--model",
        model,
        "--task",
        task,
        "--backend",
        backend,
        "--seed",
        str(args.seed),
        "--epochs",
        str(args.epochs),
        "--lr",
        str(lr),
        "--weight-decay",
        str(weight_decay),
        "--dim",
        str(args.dim),
        "--channel",
        args.channel,
        "--threads",
        "1",
    ]
    if args.max_seconds:
        command += ["--max-seconds", str(args.max_seconds)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "OMP_NUM_THREADS": "1"}
    log = args.out.with_suffix(".log")  # the progress lines, one per epoch, as they come
    with log.open("a") as err:
        err.write(f"# {model} {task} {backend}\n")
        err.flush()
        offset = err.tell()
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=err, text=True, env=env, cwd=ROOT
        )
        wall = time.perf_counter() - start
    with log.open() as err:
        err.seek(offset)
        stderr = err.read()
    if done.returncode != 0:
        return {"error": stderr.strip().splitlines()[-1:] or ["failed"], "wall": wall}
    words = done.stdout.strip().splitlines()[-1].split()
    result = dict(zip(words[0::2], (float(w) for w in words[1::2]), strict=True))
    history = [
        float(line.rsplit(" acc ", 1)[1])
        for line in stderr.splitlines()
        if " steps epoch " in line and " acc " in line
    ]
    return {**result, "history": history, "wall": wall, "command": " ".join(command[1:])}


def load(path):
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for r in rows:  # rows from before the sweep: lr 1e-3, no weight decay
        r.setdefault("lr", 1e-3)
        r.setdefault("weight_decay", 0.0)
    return rows


def setting(row):
    return (row["model"], row["task"], row["backend"], row["lr"], row["weight_decay"])


def table(rows):
    """Markdown: one line per (model, backend), one cell per task, its best run over the
    settings: token / macro (lr, weight decay, seconds, steps; * where it stopped short of 0.99)."""
    best = {}
    for r in rows:
        key = (r["model"], r["backend"], r["task"])
        score = r.get("accuracy", -1.0)
        if key not in best or score > best[key].get("accuracy", -1.0):
            best[key] = r
    cells = {}
    for (model, backend, task), r in best.items():
        if "error" in r:
            text = "error"
        else:
            stopped = "" if r["accuracy"] >= 0.99 else "*"
            text = (
                f"{r['accuracy']:.3f} / {r['macro']:.3f} (lr {r['lr']:g}, wd {r['weight_decay']:g}, "
                f"{r['seconds']:.0f} s, {int(r['steps'])} steps{stopped})"
            )
        cells.setdefault((model, backend), {})[task] = text
    tasks = [t for t in TASKS if any(t in c for c in cells.values())]
    lines = [
        "| model | backend | " + " | ".join(SHORT[t] for t in tasks) + " |",
        "|---|---|" + "---|" * len(tasks),
    ]
    for (model, backend), by_task in sorted(cells.items()):
        lines.append(
            f"| {model} | {backend} | " + " | ".join(by_task.get(t, "-") for t in tasks) + " |"
        )
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--models", default=",".join(MODELS))
    p.add_argument("--tasks", default="in_context_recall,noisy_recall,selective_copying")
    p.add_argument("--backends", default="torch,mlx")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lrs", default="1e-3,5e-4", help="learning rates to sweep, in order")
    p.add_argument("--weight-decays", default="0,0.1", help="weight decays to sweep, in order")
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--channel", default="swiglu")
    p.add_argument("--max-seconds", type=float, default=600.0, help="per run (0: none)")
    p.add_argument("--out", type=pathlib.Path, default=ROOT / "benchmarks" / "mad-results.jsonl")
    p.add_argument("--table-only", action="store_true")
    args = p.parse_args(argv)
    if not args.table_only:
        rows = load(args.out)
        done = {setting(r) for r in rows}
        reached = {setting(r)[:3] for r in rows if r.get("accuracy", 0.0) >= 0.99}
        grid = [
            (float(lr), float(wd))
            for lr in args.lrs.split(",")
            for wd in args.weight_decays.split(",")
        ]
        for task in args.tasks.split(","):
            for model in args.models.split(","):
                for backend in args.backends.split(","):
                    for lr, decay in grid:
                        row = {"model": model, "task": task, "backend": backend}
                        row |= {"lr": lr, "weight_decay": decay}
                        if setting(row) in done or setting(row)[:3] in reached:
                            continue
                        row |= run_one(model, task, backend, lr, decay, args)
                        with args.out.open("a") as f:
                            f.write(json.dumps(row) + "\n")
                        print(json.dumps(row), flush=True)
                        if row.get("accuracy", 0.0) >= 0.99:
                            reached.add(setting(row)[:3])
    print(table(load(args.out)))


if __name__ == "__main__":
    main()
