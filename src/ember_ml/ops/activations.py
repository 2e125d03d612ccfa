"""Activation functions (``ember_ml.ops.activations``, also ``ember_ml.nn.activations``)."""

from __future__ import annotations

__all__: list[str] = []
