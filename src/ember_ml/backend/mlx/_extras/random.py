"""MLX fast paths for ``ember_ml.random``.

``threefry2x32`` is the same Threefry-2x32-20 as the generic code, compiled with
``mx.compile`` (shapeless), so MLX fuses its ~110 elementwise uint32 operations instead of
running each over the whole array. ``NativeState`` is MLX's own keyed generator for
``random.native``.
"""

from __future__ import annotations

import contextlib

import mlx.core as mx

_ROTATIONS = (13, 15, 26, 6, 17, 29, 16, 24)


def _threefry(k0, k1, c0, c1):
    k2 = k0 ^ k1 ^ mx.array(0x1BD11BDA, dtype=mx.uint32)
    keys = (k0, k1, k2)
    x0 = c0 + k0
    x1 = c1 + k1
    for i in range(20):
        r = _ROTATIONS[i % 8]
        x0 = x0 + x1
        x1 = (x1 << r) | (x1 >> (32 - r))
        x1 = x1 ^ x0
        if i % 4 == 3:
            j = i // 4 + 1
            x0 = x0 + keys[j % 3]
            x1 = x1 + keys[(j + 1) % 3] + j
    return x0, x1


_compiled = mx.compile(_threefry, shapeless=True)


def threefry2x32(k0, k1, c0, c1):
    """Threefry-2x32-20 of uint32 counters (c0, c1) under uint32 key words (k0, k1), broadcast together."""
    shape = mx.broadcast_shapes(k0.shape, k1.shape, c0.shape, c1.shape)
    if len(shape) != 1:
        return _threefry(k0, k1, c0, c1)
    # One compiled graph for every length: inputs all of rank 1.
    return _compiled(*(x.reshape(1) if x.ndim == 0 else x for x in (k0, k1, c0, c1)))


class NativeState:
    """MLX's own keys (``mx.random.key``), split once per call, for ``ember_ml.random.native``."""

    def __init__(self, seed: int) -> None:
        self.key = mx.random.key(seed)

    def _next(self):
        self.key, sub = mx.random.split(self.key)
        return sub

    def normal(self, shape, dtype, loc, scale, device):
        stream = None if device is None else device
        return mx.random.normal(
            shape, dtype=dtype, loc=loc, scale=scale, key=self._next(), stream=stream
        )

    def uniform(self, shape, dtype, low, high, device):
        stream = None if device is None else device
        return mx.random.uniform(low, high, shape, dtype=dtype, key=self._next(), stream=stream)


def float64_scope():
    """Samplers compute in float64, which MLX runs only on the CPU: use the CPU stream off it."""
    if mx.default_device() == mx.cpu:
        return contextlib.nullcontext()
    return mx.stream(mx.cpu)
