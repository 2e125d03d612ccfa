"""Neural network building blocks: activations, wirings, cells and sequence models."""

from __future__ import annotations

from ember_ml.nn import activations, wirings

__all__ = ["activations", "wirings"]
