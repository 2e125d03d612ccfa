"""The original Ember ML's random function names (``ops.random_normal``, ...), over ``ember_ml.random``."""

from __future__ import annotations

__all__: list[str] = []
