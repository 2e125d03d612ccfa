"""The command line of ``python -m ember_ml.nn.mad`` (``main``) and MAD-mini's sizes per task.

>>> from ember_ml.nn.mad.cli import DEFAULTS
>>> DEFAULTS["memorization"]
{'vocab_size': 256, 'seq_len': 32, 'num_train': 256}
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ember_ml.nn.mad.models import CHANNELS, MODELS
from ember_ml.nn.mad.tasks import TASKS
from ember_ml.nn.mad.train import TRAINABLE_BACKENDS, train

__all__ = ["DEFAULTS", "main", "parser"]

#: MAD-mini's sizes per task (width 64, 2 blocks, 2,048 train and 512 test examples otherwise).
DEFAULTS: dict[str, dict[str, Any]] = {
    "in_context_recall": {"vocab_size": 16, "seq_len": 64},
    "noisy_recall": {"vocab_size": 32, "seq_len": 64, "frac_noise": 0.2},
    "fuzzy_recall": {"vocab_size": 16, "seq_len": 64},
    "selective_copying": {"vocab_size": 16, "seq_len": 64, "num_tokens_to_copy": 8},
    "compression": {"vocab_size": 16, "seq_len": 32},
    "memorization": {"vocab_size": 256, "seq_len": 32, "num_train": 256},
}

_TASK_PARAMS = ("frac_noise", "noise_vocab_size", "num_tokens_to_copy")


def parser() -> argparse.ArgumentParser:
    """The argument parser (``--help`` lists every option).

    >>> parser().parse_args(["--model", "gru", "--task", "compression"]).backend
    'torch'
    """
    p = argparse.ArgumentParser(
        prog="python -m ember_ml.nn.mad",
        description="Train a MAD architecture on a MAD synthetic task.",
    )
    p.add_argument("--model", required=True, choices=list(MODELS))
    p.add_argument("--task", required=True, choices=list(TASKS))
    p.add_argument("--backend", default="torch", choices=list(TRAINABLE_BACKENDS))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--vocab-size", type=int)
    p.add_argument("--seq-len", type=int)
    p.add_argument("--num-train", type=int)
    p.add_argument("--num-test", type=int, default=512)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--blocks", type=int, default=2)
    p.add_argument("--channel", default="swiglu", choices=list(CHANNELS))
    p.add_argument("--target", type=float, default=0.99, help="stop at this test accuracy")
    p.add_argument("--max-seconds", type=float, help="stop at the first epoch end past this")
    p.add_argument("--threads", type=int, help="torch's thread count")
    p.add_argument("--frac-noise", type=float, help="noisy_recall's share of noise slots")
    p.add_argument("--noise-vocab-size", type=int, help="noisy_recall's noise tokens")
    p.add_argument("--num-tokens-to-copy", type=int, help="selective_copying's tokens")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; print ``accuracy A macro M steps S seconds T`` last; exit status 0.

    Bad sizes or settings exit with status 2 and the reason on stderr.

    >>> main(["--model", "gru", "--task", "in_context_recall", "--seq-len", "7"])
    2
    """
    args = parser().parse_args(argv)
    sizes = {**DEFAULTS[args.task]}
    for name in ("vocab_size", "seq_len", "num_train", *_TASK_PARAMS):
        value = getattr(args, name)
        if value is not None:
            sizes[name] = value
    task_params = {k: sizes.pop(k) for k in _TASK_PARAMS if k in sizes}
    if args.task != "noisy_recall":
        task_params.pop("frac_noise", None)
        task_params.pop("noise_vocab_size", None)
    if args.task != "selective_copying":
        task_params.pop("num_tokens_to_copy", None)
    try:
        result = train(
            args.model,
            args.task,
            backend=args.backend,
            seed=args.seed,
            vocab_size=sizes["vocab_size"],
            seq_len=sizes["seq_len"],
            num_train=sizes.get("num_train", 2048),
            num_test=args.num_test,
            epochs=args.epochs,
            lr=args.lr,
            weight_decay=args.weight_decay,
            batch_size=args.batch_size,
            dim=args.dim,
            num_blocks=args.blocks,
            channel=args.channel,
            target=args.target,
            max_seconds=args.max_seconds,
            threads=args.threads,
            task_params=task_params,
            progress=not args.no_progress,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"accuracy {result.accuracy:.4f} macro {result.macro:.4f} "
        f"steps {result.steps} seconds {result.seconds:.1f}"
    )
    return 0
