"""MLX fast paths for ``ember_ml.random``: MLX's own keyed generator for ``random.native``.

Threefry runs in the generic form: MLX has uint32 arithmetic and evaluates the whole
graph lazily, so the generic code is already one fused computation per draw.
"""

from __future__ import annotations

import mlx.core as mx


class NativeState:
    """MLX's own keys (``mx.random.key``), split once per call, for ``ember_ml.random.native``."""

    def __init__(self, seed: int) -> None:
        self.key = mx.random.key(seed)

    def _next(self):
        self.key, sub = mx.random.split(self.key)
        return sub

    def normal(self, shape, dtype, loc, scale, device):
        stream = None if device is None else device
        return mx.random.normal(shape, dtype=dtype, loc=loc, scale=scale, key=self._next(), stream=stream)

    def uniform(self, shape, dtype, low, high, device):
        stream = None if device is None else device
        return mx.random.uniform(low, high, shape, dtype=dtype, key=self._next(), stream=stream)
