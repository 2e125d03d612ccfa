"""Threefry-2x32 (20 rounds) in whole-array integer operations on any standard namespace.

This is the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
numbers: as easy as 1, 2, 3" (SC 2011), as shipped in the Random123 library and used by
JAX. A 64-bit key and a 64-bit counter, each held as two 32-bit words, give two 32-bit
output words; distinct counters give independent words.

Words are arrays of the namespace's *word dtype*: ``uint32`` where the library has uint32
arithmetic (NumPy, MLX, array-api-strict), ``int32`` holding the same 32 bits where it does
not (torch has no uint32 add or shift). In the int32 form, addition wraps modulo 2**32 (as
two's-complement addition does) and right shifts are made logical by masking, so both forms
give the same bits. A backend may replace ``threefry2x32`` and ``counter_words`` by a
faster native version in ``ember_ml.backend.<library>._random``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path
from ember_ml._namespace import device as _device

MASK32 = 0xFFFFFFFF
ROTATIONS = (13, 15, 26, 6, 17, 29, 16, 24)
PARITY = 0x1BD11BDA
ROUNDS = 20
# The high counter word separates uses of one key: samplers draw from counters (0, i),
# split makes keys from counters (1, i), fold_in uses the key made from counter (2, 0).
SAMPLE_DOMAIN = 0
SPLIT_DOMAIN = 1
FOLD_DOMAIN = 2


def word_dtype(xp: ModuleType) -> Any:
    """The dtype that holds 32-bit words for ``xp``: uint32, or int32 where uint32 lacks arithmetic."""
    native = fast_path(xp, "random", "word_dtype")
    if native is not None:
        return native()
    return xp.uint32


def is_signed(xp: ModuleType, words: Any) -> bool:
    """Whether ``words`` hold 32-bit words as int32 (torch) rather than uint32."""
    return words.dtype == xp.int32


def word_constant(value: int, signed: bool) -> int:
    """A Python int with the 32 bits of ``value``, as a uint32 or int32 value."""
    value &= MASK32
    if signed and value >= 1 << 31:
        value -= 1 << 32
    return value


def shift_right(xp: ModuleType, x: Any, bits: int, signed: bool) -> Any:
    """Logical right shift of 32-bit words by a constant."""
    shifted = x >> bits
    if signed:
        shifted = shifted & ((1 << (32 - bits)) - 1)
    return shifted


def _rotate_left(xp: ModuleType, x: Any, bits: int, signed: bool) -> Any:
    return (x << bits) | shift_right(xp, x, 32 - bits, signed)


def threefry2x32(xp: ModuleType, k0: Any, k1: Any, c0: Any, c1: Any) -> tuple[Any, Any]:
    """Threefry-2x32-20 of counters (c0, c1) under key (k0, k1); all are word arrays, broadcast together."""
    fast = fast_path(xp, "random", "threefry2x32")
    if fast is not None:
        out = fast(k0, k1, c0, c1)
        if out is not None:  # None: the fast path declines these words (NumPy: array-valued keys)
            return out
    return generic_threefry2x32(xp, k0, k1, c0, c1)


def generic_threefry2x32(xp: ModuleType, k0: Any, k1: Any, c0: Any, c1: Any) -> tuple[Any, Any]:
    """``threefry2x32`` in standard calls (the reference the fast paths are tested against)."""
    signed = is_signed(xp, c1)
    k2 = k0 ^ k1 ^ word_constant(PARITY, signed)
    keys = (k0, k1, k2)
    x0 = c0 + k0
    x1 = c1 + k1
    for i in range(ROUNDS):
        x0 = x0 + x1
        x1 = _rotate_left(xp, x1, ROTATIONS[i % 8], signed)
        x1 = x1 ^ x0
        if i % 4 == 3:
            j = i // 4 + 1
            x0 = x0 + keys[j % 3]
            x1 = x1 + keys[(j + 1) % 3] + j
    return x0, x1


def counter_words(
    xp: ModuleType, key: Any, start: int, count: int, high: int = SAMPLE_DOMAIN
) -> tuple[Any, Any]:
    """The two output words of Threefry-2x32 under ``key`` for counters (high, start .. start+count-1).

    ``start + count`` must not exceed 2**32. Returns two word arrays of shape ``(count,)``
    on the key's device.
    """
    fast = fast_path(xp, "random", "counter_words")
    if fast is not None:
        return fast(key, start, count, high)
    return generic_counter_words(xp, key, start, count, high)


def generic_counter_words(
    xp: ModuleType, key: Any, start: int, count: int, high: int = SAMPLE_DOMAIN
) -> tuple[Any, Any]:
    """``counter_words`` in standard calls (the reference the fast paths are tested against)."""
    if start + count > 1 << 32:
        raise ValueError(
            f"at most 2**32 counters per key; asked for counters {start} to {start + count - 1}"
        )
    dtype = key.dtype
    signed = is_signed(xp, key)
    device = _device(key)
    if signed:
        # int32 cannot hold counters >= 2**31 in arange: build them in int64 and wrap.
        low = xp.arange(start, start + count, dtype=xp.int64, device=device)
        low = xp.astype(xp.where(low >= 1 << 31, low - (1 << 32), low), dtype)
    else:
        low = xp.arange(start, start + count, dtype=dtype, device=device)
    high_words = xp.full((count,), high, dtype=dtype, device=device)
    return threefry2x32(xp, key[0:1], key[1:2], high_words, low)
