"""MLX's side of ``ember_ml.nn.mad``'s training loop: AdamW steps and predictions on NumPy batches.

The loop itself (batches, cosine schedule, early stop, scores) is generic; what needs
MLX (its optimizer, ``value_and_grad``, the NumPy hand-over) is here (DESIGN.md rule 1).
The optimizer is ``mlx.optimizers.AdamW`` with ``bias_correction=True``: torch's AdamW.

>>> from ember_ml import nn
>>> from ember_ml.backend.mlx._training import Trainer
>>> import numpy as np
>>> model = nn.LanguageModel(8, 16, [("attention", "mlp")], backend="mlx", seed=0)
>>> trainer = Trainer(model, lr=1e-3, weight_decay=0.0)
>>> tokens = np.zeros((2, 4), dtype=np.int64)
>>> loss = trainer.step(tokens, tokens, 1e-3)
>>> trainer.predict(tokens).shape
(2, 4)
"""

from __future__ import annotations

from typing import Any

import mlx.core as mx
import mlx.nn
import mlx.optimizers
import numpy as np

IGNORE_INDEX = -100


def set_threads(count: int) -> None:
    """MLX's CPU backend picks its own threads: nothing to set."""


def _loss(model: Any, inputs: mx.array, targets: mx.array) -> mx.array:
    logits = model(inputs)
    logits = logits.reshape(-1, logits.shape[-1])
    targets = targets.reshape(-1)
    keep = targets != IGNORE_INDEX
    losses = mlx.nn.losses.cross_entropy(logits, mx.where(keep, targets, 0), reduction="none")
    return (losses * keep).sum() / mx.maximum(keep.sum(), 1)


class Trainer:
    """``step(inputs, targets, lr)``: one AdamW step on the masked cross-entropy; ``predict``: argmax."""

    def __init__(self, model: Any, *, lr: float, weight_decay: float) -> None:
        self.model = model
        self.optimizer = mlx.optimizers.AdamW(
            learning_rate=lr, weight_decay=weight_decay, bias_correction=True
        )
        self._grad = mlx.nn.value_and_grad(model, _loss)

    def step(self, inputs: Any, targets: Any, lr: float) -> float:
        self.optimizer.learning_rate = lr
        self.model.train()
        loss, grads = self._grad(self.model, mx.array(inputs), mx.array(targets))
        self.optimizer.update(self.model, grads)
        mx.eval(self.model.parameters(), self.optimizer.state, loss)
        return float(loss.item())

    def predict(self, inputs: Any) -> Any:
        self.model.eval()
        logits = self.model(mx.array(inputs))
        return np.array(mx.argmax(logits, axis=-1))
