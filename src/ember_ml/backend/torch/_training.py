"""torch's side of ``ember_ml.nn.mad``'s training loop: AdamW steps and predictions on NumPy batches.

The loop itself (batches, cosine schedule, early stop, scores) is generic; what needs
torch (its optimizer, autograd, the NumPy hand-over) is here (DESIGN.md rule 1).

>>> from ember_ml import nn
>>> from ember_ml.backend.torch._training import Trainer
>>> import numpy as np
>>> model = nn.LanguageModel(8, 16, [("attention", "mlp")], backend="torch", seed=0)
>>> trainer = Trainer(model, lr=1e-3, weight_decay=0.0)
>>> tokens = np.zeros((2, 4), dtype=np.int64)
>>> loss = trainer.step(tokens, tokens, 1e-3)
>>> trainer.predict(tokens).shape
(2, 4)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

IGNORE_INDEX = -100


def set_threads(count: int) -> None:
    """torch's intra-op thread count (``torch.set_num_threads``)."""
    torch.set_num_threads(int(count))


class Trainer:
    """``step(inputs, targets, lr)``: one AdamW step on the masked cross-entropy; ``predict``: argmax."""

    def __init__(self, model: Any, *, lr: float, weight_decay: float) -> None:
        self.model = model
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)

    def step(self, inputs: Any, targets: Any, lr: float) -> float:
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        self.model.train()
        logits = self.model(torch.from_numpy(np.ascontiguousarray(inputs)))
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]),
            torch.from_numpy(np.ascontiguousarray(targets)).reshape(-1),
            ignore_index=IGNORE_INDEX,
        )
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        return float(loss.item())

    def predict(self, inputs: Any) -> Any:
        self.model.eval()
        with torch.no_grad():
            logits = self.model(torch.from_numpy(np.ascontiguousarray(inputs)))
        return logits.argmax(dim=-1).numpy()
