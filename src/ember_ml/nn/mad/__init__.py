"""MAD (Mechanistic Architecture Design) in ember_ml: the six synthetic tasks, models by name, training.

``make_task`` builds a task's arrays; ``build_model`` a MAD architecture by name on
torch or MLX; ``train`` fits it (AdamW, cosine schedule, early stop) and scores the
test set. ``python -m ember_ml.nn.mad --model attention --task in_context_recall``
runs one from the command line (docs/mad.md).

>>> from ember_ml.nn.mad import TASKS, MODELS
>>> sorted(TASKS)[:2], MODELS["striped"]
(['compression', 'fuzzy_recall'], ('mh-hyena', 'mh-attention'))
"""

from __future__ import annotations

from ember_ml.nn.mad.models import CHANNELS, MODELS, build_model, model_config
from ember_ml.nn.mad.tasks import IGNORE_INDEX, TASKS, TaskData, make_task
from ember_ml.nn.mad.train import TRAINABLE_BACKENDS, Result, cosine_lr, scores, train

__all__ = [
    "CHANNELS",
    "IGNORE_INDEX",
    "MODELS",
    "TASKS",
    "TRAINABLE_BACKENDS",
    "Result",
    "TaskData",
    "build_model",
    "cosine_lr",
    "make_task",
    "model_config",
    "scores",
    "train",
]
