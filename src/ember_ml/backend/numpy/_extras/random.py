"""NumPy fast paths for ``ember_ml.random``: Threefry-2x32 with in-place uint32 operations, in cache-sized blocks."""

from __future__ import annotations

import numpy as np

_ROTATIONS = (13, 15, 26, 6, 17, 29, 16, 24)
_PARITY = np.uint32(0x1BD11BDA)
_BLOCK = 1 << 15


def _rounds(x0: np.ndarray, x1: np.ndarray, k0: np.ndarray, k1: np.ndarray, t: np.ndarray) -> None:
    """Threefry-2x32-20 in place on uint32 arrays already holding counter + key.

    The key words are uint32 scalars or arrays broadcastable to ``x0`` (Dask's blocks); call
    under ``np.errstate(over="ignore")`` (the additions wrap modulo 2**32).
    """
    keys = (k0, k1, k0 ^ k1 ^ _PARITY)
    for i in range(20):
        r = _ROTATIONS[i % 8]
        np.add(x0, x1, out=x0)
        np.left_shift(x1, np.uint32(r), out=t)
        np.right_shift(x1, np.uint32(32 - r), out=x1)
        np.bitwise_or(x1, t, out=x1)
        np.bitwise_xor(x1, x0, out=x1)
        if i % 4 == 3:
            j = i // 4 + 1
            np.add(x0, keys[j % 3], out=x0)
            np.add(x1, keys[(j + 1) % 3] + np.uint32(j), out=x1)


def threefry2x32(k0, k1, c0, c1):
    """Threefry-2x32-20 of counters (c0, c1) under scalar key words (k0, k1), broadcast together.

    Array-valued key words are declined (None): the caller's generic, allocating form serves them.
    """
    k0 = np.asarray(k0, dtype=np.uint32)
    k1 = np.asarray(k1, dtype=np.uint32)
    if k0.ndim or k1.ndim:
        return None
    c0, c1 = np.broadcast_arrays(np.asarray(c0, dtype=np.uint32), np.asarray(c1, dtype=np.uint32))
    with np.errstate(over="ignore"):
        x0 = c0 + k0
        x1 = c1 + k1
        x0 = np.ascontiguousarray(x0)
        x1 = np.ascontiguousarray(x1)
        _rounds(x0, x1, k0[()], k1[()], np.empty_like(x1))
    return x0, x1


def counter_words(key, start, count, high=0):
    """Threefry-2x32 words of counters (high, start .. start+count-1) under ``key``, block by block."""
    if start + count > 1 << 32:
        raise ValueError(
            f"at most 2**32 counters per key; asked for counters {start} to {start + count - 1}"
        )
    k0 = np.uint32(key[0])
    k1 = np.uint32(key[1])
    y0 = np.empty(count, dtype=np.uint32)
    y1 = np.empty(count, dtype=np.uint32)
    t = np.empty(min(count, _BLOCK), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for begin in range(0, count, _BLOCK):
            end = min(begin + _BLOCK, count)
            x0 = y0[begin:end]
            x1 = y1[begin:end]
            x0.fill(np.uint32((int(k0) + high) & 0xFFFFFFFF))
            np.add(np.arange(start + begin, start + end, dtype=np.uint32), k1, out=x1)
            _rounds(x0, x1, k0, k1, t[: end - begin])
    return y0, y1


class NativeState:
    """NumPy's own generator (PCG64) for ``ember_ml.random.native``."""

    def __init__(self, seed: int) -> None:
        self.generator = np.random.default_rng(seed)

    def normal(self, shape, dtype, loc, scale, device):
        x = self.generator.standard_normal(shape, dtype=dtype)
        if (loc, scale) != (0.0, 1.0):
            x = x * dtype(scale) + dtype(loc)
        return x

    def uniform(self, shape, dtype, low, high, device):
        x = self.generator.random(shape, dtype=dtype)
        if (low, high) != (0.0, 1.0):
            x = x * dtype(high - low) + dtype(low)
            x = np.minimum(x, np.nextafter(dtype(high), dtype(low)))
        return x


def block_size(key):
    """Samplers work through NumPy arrays in blocks of this many counters (they stay in cache)."""
    return 1 << 15
