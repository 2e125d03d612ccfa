"""The activation functions of ``ember_ml.ops.activations``, where model code looks for them."""

from __future__ import annotations

from ember_ml.ops.activations import *  # noqa: F403
from ember_ml.ops.activations import __all__  # noqa: F401
