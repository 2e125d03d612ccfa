"""torch fast paths for ``ember_ml.random``.

torch has no uint32 addition or shifts, so 32-bit words live in int32 tensors holding
the same bits: addition wraps modulo 2**32 and right shifts are masked to be logical.
The rounds run in place, which is several times faster than allocating each step.
"""

from __future__ import annotations

import torch

_ROTATIONS = (13, 15, 26, 6, 17, 29, 16, 24)
_PARITY = 0x1BD11BDA - (0 if 0x1BD11BDA < 1 << 31 else 1 << 32)


def word_dtype():
    """torch holds 32-bit random words in int32 (it lacks uint32 arithmetic)."""
    return torch.int32


def _broadcast_shape(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape of compatible ``shapes`` (torch.broadcast_shapes imports sympy: ~1 s)."""
    ndim = max(len(shape) for shape in shapes)
    out = [1] * ndim
    for shape in shapes:
        for axis, n in enumerate(shape, ndim - len(shape)):
            if n != 1:
                out[axis] = n
    return tuple(out)


def threefry2x32(k0, k1, c0, c1):
    """Threefry-2x32-20 of int32 counters (c0, c1) under int32 key words (k0, k1), broadcast together."""
    k2 = k0 ^ k1 ^ _PARITY
    keys = (k0, k1, k2)
    shape = _broadcast_shape(k0.shape, k1.shape, c0.shape, c1.shape)
    x0 = (c0 + k0).expand(shape).contiguous()
    x1 = (c1 + k1).expand(shape).contiguous()
    t = torch.empty_like(x1)
    for i in range(20):
        r = _ROTATIONS[i % 8]
        x0.add_(x1)
        torch.bitwise_left_shift(x1, r, out=t)
        x1.bitwise_right_shift_(32 - r).bitwise_and_((1 << r) - 1).bitwise_or_(t).bitwise_xor_(x0)
        if i % 4 == 3:
            j = i // 4 + 1
            x0.add_(keys[j % 3])
            x1.add_(keys[(j + 1) % 3]).add_(j)
    return x0, x1


def counter_words(key, start, count, high=0):
    """Threefry-2x32 words (int32) of counters (high, start .. start+count-1) under ``key``."""
    if start + count > 1 << 32:
        raise ValueError(
            f"at most 2**32 counters per key; asked for counters {start} to {start + count - 1}"
        )
    low = torch.arange(start, start + count, dtype=torch.int64, device=key.device)
    if start + count > 1 << 31:
        low = torch.where(low >= 1 << 31, low - (1 << 32), low)
    low = low.to(torch.int32)
    high_word = torch.full((), high, dtype=torch.int32, device=key.device)
    return threefry2x32(key[0], key[1], high_word, low)


class NativeState:
    """torch's own generators (one per device, Philox on CUDA, MT19937 on CPU) for ``ember_ml.random.native``."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.generators: dict = {}

    def _generator(self, device):
        device = torch.device("cpu" if device is None else device)
        generator = self.generators.get(device)
        if generator is None:
            generator = torch.Generator(device=device)
            generator.manual_seed(self.seed)
            self.generators[device] = generator
        return generator, device

    def normal(self, shape, dtype, loc, scale, device):
        generator, device = self._generator(device)
        x = torch.randn(shape, generator=generator, dtype=dtype, device=device)
        if (loc, scale) != (0.0, 1.0):
            x = x * scale + loc
        return x

    def uniform(self, shape, dtype, low, high, device):
        generator, device = self._generator(device)
        x = torch.rand(shape, generator=generator, dtype=dtype, device=device)
        if (low, high) != (0.0, 1.0):
            top = torch.nextafter(
                torch.tensor(high, dtype=dtype, device=device),
                torch.tensor(low, dtype=dtype, device=device),
            )
            x = torch.minimum(x * (high - low) + low, top)
        return x


def block_size(key):
    """On the CPU outside compilation, samplers work in cache-sized blocks of counters."""
    if key.device.type != "cpu" or torch.compiler.is_compiling():
        return None
    return 1 << 16
