"""MAD (Mechanistic Architecture Design) in ember_ml: the six synthetic tasks, models by name, training.

``make_task`` builds a task's arrays; ``build_model`` a MAD architecture by name on
torch or MLX; ``train`` fits it (AdamW, cosine schedule, early stop) and scores the
test set. ``python -m ember_ml.nn.mad --model attention --task in_context_recall``
runs one from the command line (docs/mad.md).

>>> from ember_ml.nn.mad import TASKS, make_task
>>> sorted(TASKS)[:2]
['compression', 'fuzzy_recall']
"""

from __future__ import annotations

from ember_ml.nn.mad.tasks import IGNORE_INDEX, TASKS, TaskData, make_task

__all__ = ["IGNORE_INDEX", "TASKS", "TaskData", "make_task"]
