"""Training on a MAD task: AdamW, cosine schedule, early stop, token and macro accuracy.

``train(model, task, backend=...)`` builds the task's arrays and the model, then
runs epochs of shuffled batches (MAD's protocol: AdamW, the learning rate annealed
along a cosine to ``min_lr`` over all steps, the test set scored after every epoch,
stop once its token accuracy reaches ``target``). The optimiser step is the
backend's own (``torch.optim.AdamW``; ``mlx.optimizers.AdamW`` with bias
correction), in ``ember_ml.backend.<lib>._training``. The reported accuracies are
those of the best epoch (MAD scores a run by its best test accuracy).

>>> from ember_ml.nn.mad import scores
>>> import numpy as np
>>> scores(np.asarray([[2, 1, 0, 1]]), np.asarray([[2, 1, 0, 0]]))  # torchmetrics' example
(0.75, 0.8333333333333334)
"""

from __future__ import annotations

import importlib
import math
import sys
import time
from collections.abc import Callable
from typing import Any, NamedTuple, TextIO

from ember_ml import backend as _backend
from ember_ml.backend import _host
from ember_ml.nn.mad.models import build_model
from ember_ml.nn.mad.tasks import IGNORE_INDEX, TASKS, make_task

__all__ = ["TRAINABLE_BACKENDS", "Result", "cosine_lr", "scores", "train"]

#: The backends with autodiff, where a MAD model trains.
TRAINABLE_BACKENDS = ("torch", "mlx")


class Result(NamedTuple):
    """A run's outcome: the best epoch's test ``accuracy`` (token) and ``macro`` accuracy.

    Also the optimiser ``steps`` taken, the training ``seconds``, the ``epochs`` run and
    the training loss of every step.

    >>> Result(0.5, 0.4, 10, 1.5, 2, []).steps
    10
    """

    accuracy: float
    macro: float
    steps: int
    seconds: float
    epochs: int
    losses: list[float]


def scores(predictions: Any, targets: Any) -> tuple[float, float]:
    """Token accuracy and macro accuracy over the positions whose target is not ignored.

    Macro accuracy is torchmetrics' ``MulticlassAccuracy(average="macro")``, the one
    MAD reports: the mean, over every class that occurs among the scored targets or
    predictions, of that class's recall (0 for a class that is predicted but never a
    target).

    >>> import numpy as np
    >>> scores(np.asarray([[5, 3]]), np.asarray([[5, -100]]))
    (1.0, 1.0)
    """
    xp = _backend.load("numpy")
    scored = targets != IGNORE_INDEX
    p = predictions[scored]
    t = targets[scored]
    if t.size == 0:
        raise ValueError("no scored targets: every target is the ignore index")
    token = float(xp.mean(xp.astype(p == t, xp.float64)))
    classes = xp.unique_values(xp.concat([p, t]))
    recalls = []
    for c in classes:
        support = t == c
        hits = float(xp.sum(xp.astype(support & (p == c), xp.float64)))
        total = float(xp.sum(xp.astype(support, xp.float64)))
        recalls.append(hits / total if total else 0.0)
    return token, sum(recalls) / len(recalls)


def cosine_lr(step: int, total: int, lr: float, min_lr: float) -> float:
    """The learning rate at ``step`` of ``total``: ``lr`` annealed to ``min_lr`` along a cosine.

    >>> cosine_lr(0, 10, 1e-3, 0.0), cosine_lr(10, 10, 1e-3, 0.0)
    (0.001, 0.0)
    """
    fraction = min(max(step / max(total, 1), 0.0), 1.0)
    return min_lr + 0.5 * (lr - min_lr) * (1.0 + math.cos(math.pi * fraction))


class _Progress:
    """tqdm's bar when tqdm is installed; else a line rewritten in place (one per epoch off a tty)."""

    def __init__(self, total: int, enabled: bool, stream: TextIO) -> None:
        self.stream, self.enabled, self.total, self.count = stream, enabled, total, 0
        self.bar: Any = None
        self.last = 0.0
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        if enabled:
            try:
                tqdm = importlib.import_module("tqdm").tqdm
                self.bar = tqdm(total=total, file=stream, unit="step", leave=False)
            except ImportError:
                self.bar = None

    def update(self, text: str, epoch_end: bool = False) -> None:
        self.count += 1 if not epoch_end else 0
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(0 if epoch_end else 1)
            self.bar.set_postfix_str(text, refresh=False)
            return
        now = time.monotonic()
        if self.tty and (now - self.last > 0.2 or epoch_end):
            self.last = now
            width = 24
            done = int(width * self.count / max(self.total, 1))
            line = f"\r[{'#' * done}{'.' * (width - done)}] {self.count}/{self.total} {text}"
            self.stream.write(line)
            self.stream.flush()
        elif not self.tty and epoch_end:
            self.stream.write(f"{self.count}/{self.total} steps {text}\n")
            self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _trainer_module(backend: str) -> Any:
    if backend not in TRAINABLE_BACKENDS:
        raise ValueError(
            f"backend {backend!r} cannot train (no autodiff); valid backends are "
            f"{', '.join(TRAINABLE_BACKENDS)}"
        )
    _backend.load(backend)  # ImportError with the install command when missing
    return importlib.import_module(f"ember_ml.backend.{backend}._training")


def train(
    model: str,
    task: str,
    *,
    backend: str,
    seed: int = 0,
    vocab_size: int,
    seq_len: int,
    num_train: int,
    num_test: int,
    epochs: int = 200,
    lr: float = 1e-3,
    min_lr: float = 1e-6,
    weight_decay: float = 0.0,
    batch_size: int = 128,
    dim: int = 128,
    num_blocks: int = 2,
    channel: str = "swiglu",
    target: float = 0.99,
    max_seconds: float | None = None,
    threads: int | None = None,
    task_params: dict[str, Any] | None = None,
    progress: bool = False,
    stream: TextIO | None = None,
    on_epoch: Callable[[int, float, float], None] | None = None,
) -> Result:
    """Train MAD model ``model`` on task ``task`` on ``backend``; the best epoch's test scores.

    Training stops after ``epochs``, at the first epoch whose test accuracy reaches
    ``target``, or at the first epoch end past ``max_seconds``. Raises ``ValueError``
    naming the valid models, tasks, channels or backends.

    >>> from ember_ml.nn.mad import train
    >>> result = train("attention", "compression", backend="torch", vocab_size=4, seq_len=4,
    ...                num_train=8, num_test=4, epochs=1, dim=8, num_blocks=1)
    >>> result.steps, 0.0 <= result.accuracy <= 1.0
    (1, True)
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; valid tasks are {', '.join(TASKS)}")
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an int >= 1, got {value!r}")
    trainer_module = _trainer_module(backend)
    if threads is not None:
        trainer_module.set_threads(threads)
    data = make_task(
        task,
        vocab_size=vocab_size,
        seq_len=seq_len,
        num_train=num_train,
        num_test=num_test,
        seed=seed,
        **(task_params or {}),
    )
    net = build_model(
        model,
        vocab_size=vocab_size,
        seq_len=seq_len,
        backend=backend,
        seed=seed,
        dim=dim,
        num_blocks=num_blocks,
        channel=channel,
        task=task,
    )
    trainer = trainer_module.Trainer(net, lr=lr, weight_decay=weight_decay)
    shuffle = _host.generator(seed)
    per_epoch = math.ceil(num_train / batch_size)
    total = epochs * per_epoch
    bar = _Progress(total, progress, stream or sys.stderr)
    best = (-1.0, 0.0)
    losses: list[float] = []
    step = 0
    start = time.perf_counter()
    epoch = 0
    try:
        for epoch in range(1, epochs + 1):
            order = shuffle.permutation(num_train)
            for first in range(0, num_train, batch_size):
                rows = order[first : first + batch_size]
                rate = cosine_lr(step, total, lr, min_lr)
                losses.append(trainer.step(data.train_inputs[rows], data.train_targets[rows], rate))
                step += 1
                bar.update(f"epoch {epoch} loss {losses[-1]:.3f} best {max(best[0], 0):.3f}")
            predictions = [
                trainer.predict(data.test_inputs[i : i + 256]) for i in range(0, num_test, 256)
            ]
            xp = _backend.load("numpy")
            accuracy, macro = scores(xp.concat(predictions), data.test_targets)
            if accuracy > best[0]:
                best = (accuracy, macro)
            bar.update(f"epoch {epoch} loss {losses[-1]:.3f} acc {accuracy:.3f}", epoch_end=True)
            if on_epoch is not None:
                on_epoch(epoch, losses[-1], accuracy)
            if accuracy >= target:
                break
            if max_seconds is not None and time.perf_counter() - start > max_seconds:
                break
    finally:
        bar.close()
    seconds = time.perf_counter() - start
    return Result(best[0], best[1], step, seconds, epoch, losses)
