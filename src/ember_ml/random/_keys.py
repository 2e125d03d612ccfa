"""Keys: ``key``, ``split``, ``fold_in``, and the argument checks every sampler shares.

A key is a small array of the library it is used with: shape ``(2,)``, the two 32-bit
words of a Threefry-2x32 key, in the library's word dtype (``uint32``; ``int32`` holding
the same bits on torch). ``key(seed)`` makes one with the selected backend
(``ember_ml.get_backend()``); every sampler returns arrays of its key's library, on the
key's device unless ``device=`` says otherwise. The key words for a given seed, and
every number drawn from them, are the same on every library.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from types import ModuleType
from typing import Any, TypeAlias, overload

from ember_ml._checks import check_int
from ember_ml._namespace import array_namespace, selected_namespace
from ember_ml._namespace import to_device as _to_device
from ember_ml._typing import ArrayT, Device, SelectedArray
from ember_ml.random._threefry import (
    FOLD_DOMAIN,
    MASK32,
    SPLIT_DOMAIN,
    counter_words,
    is_signed,
    threefry2x32,
    word_constant,
    word_dtype,
)

__all__ = ["fold_in", "key", "key_data", "split"]

#: A sampler's shape: an int or a sequence of ints (a tuple, a list, ``torch.Size``).
Shape: TypeAlias = "int | Sequence[int]"


def _check_seed(seed: Any, what: str = "seed") -> int:
    value = check_int(seed, what)
    if not -(1 << 63) <= value < 1 << 64:
        raise ValueError(f"{what} must fit in 64 bits (-2**63 <= {what} < 2**64), got {value}")
    return value & ((1 << 64) - 1)


@overload
def key(seed: int, /, *, like: None = None, device: Device | None = None) -> SelectedArray: ...


@overload
def key(seed: int, /, *, like: ArrayT, device: Device | None = None) -> ArrayT: ...


def key(seed: int, /, *, like: Any = None, device: Device | None = None) -> Any:
    """A random key from an integer seed, as an array of the selected backend (or of ``like``'s library).

    With ``like`` (any array), the key is an array of that array's library on its
    device; ``device=`` overrides the device.

    ``seed`` is any int in ``[-2**63, 2**64)`` (negative seeds are taken modulo 2**64);
    a float, a bool or any other type raises ``TypeError``, an int outside that range
    ``ValueError``. The key is the pair of
    32-bit words (high, low) of the 64-bit seed (for a non-negative seed, the words of
    JAX's Threefry key).

    >>> from ember_ml import random
    >>> k = random.key(42)
    >>> k.shape
    (2,)
    >>> import numpy as np
    >>> bool(np.array_equal(random.key_data(k), [0, 42]))
    True
    """
    value = _check_seed(seed)
    if like is None:
        xp = selected_namespace()
    else:
        xp = array_namespace(like)
        if device is None:
            device = _device_of(like)
    dtype = word_dtype(xp)
    signed = dtype == xp.int32
    words = [word_constant(value >> 32, signed), word_constant(value & MASK32, signed)]
    return xp.asarray(words, dtype=dtype, device=device)


def check_key(k: Any, batch: bool = False) -> ModuleType:
    """The namespace of key ``k``; ``TypeError``/``ValueError`` if it is not a key.

    With ``batch``, an array of keys (shape ``(..., 2)``, as ``split`` returns) is accepted too.
    """
    if isinstance(k, (int, float)) or k is None:
        raise TypeError(
            f"expected a key from ember_ml.random.key(seed), got {k!r}; "
            f"make one with random.key(seed)"
        )
    xp = array_namespace(k)
    shape = tuple(k.shape)
    good_shape = shape[-1:] == (2,) if batch else shape == (2,)
    if not good_shape or k.dtype != word_dtype(xp):
        raise ValueError(
            f"expected a key of shape (2,) and dtype {word_dtype(xp)} (from ember_ml.random.key), "
            f"got shape {shape} and dtype {k.dtype}"
        )
    return xp


def key_data(k: ArrayT, /) -> ArrayT:
    """The key's two 32-bit words as unsigned values (a uint32 array, or int64 on torch).

    ``k`` may also be an array of keys of shape ``(..., 2)``, as ``split`` returns.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> np.asarray(random.key_data(random.key(2**32 + 7))).tolist()
    [1, 7]
    """
    xp = check_key(k, batch=True)
    if is_signed(xp, k):
        return xp.astype(k, xp.int64) & MASK32
    return k


def split(k: ArrayT, /, num: int = 2) -> ArrayT:
    """``num`` new independent keys from ``k``, as an array of shape ``(num, 2)``.

    Key ``i`` is Threefry-2x32 of the counter (1, ``i``) under ``k``. Samplers only use
    counters (0, ``j``), and ``fold_in`` a key of its own, so a key's children never repeat
    the numbers drawn from the key itself (in JAX both come from the same counters). Unpack
    them as ``k1, k2 = split(k)`` (or index ``keys[i, ...]`` on array-api-strict).

    >>> from ember_ml import random
    >>> k1, k2 = random.split(random.key(0))
    >>> k1.shape, random.split(random.key(0), 5).shape
    ((2,), (5, 2))
    """
    xp = check_key(k)
    num = check_int(num, "num", minimum=0)
    y0, y1 = counter_words(xp, k, 0, num, high=SPLIT_DOMAIN)
    return xp.stack([y0, y1], axis=-1)


def fold_in(k: ArrayT, /, data: int) -> ArrayT:
    """A new key from ``k`` and an integer ``data`` (a step number, a layer index, ...).

    The new key is Threefry-2x32 of the counter (high word, low word of ``data``) under
    the key Threefry-2x32(``k``, (2, 0)), so it is neither a split key nor a word that
    a sampler draws from ``k``. Different ``data`` give independent keys.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> a, b = random.fold_in(random.key(0), 1), random.fold_in(random.key(0), 2)
    >>> bool(np.array_equal(random.key_data(a), random.key_data(b)))
    False
    """
    xp = check_key(k)
    value = _check_seed(data, "data")
    signed = is_signed(xp, k)
    dtype = k.dtype
    device = _device_of(k)
    c0 = xp.asarray([FOLD_DOMAIN, 0], dtype=dtype, device=device)
    c1 = xp.asarray(
        [word_constant(value >> 32, signed), word_constant(value & MASK32, signed)],
        dtype=dtype,
        device=device,
    )
    words: Any = k  # the key's two words (an array of xp)
    f0, f1 = threefry2x32(xp, words[0:1], words[1:2], c0[0:1], c0[1:2])
    y0, y1 = threefry2x32(xp, f0, f1, c1[0:1], c1[1:2])
    return xp.concat([y0, y1])


def _device_of(x: Any) -> Any:
    from ember_ml._namespace import device

    return device(x)


def check_shape(shape: Any) -> tuple[int, ...]:
    """``shape`` as a tuple of non-negative ints; ``TypeError`` for what holds no ints, ``ValueError`` for a negative size."""
    if shape is None:
        return ()
    if isinstance(shape, numbers.Integral):
        dims: tuple[int, ...] = (check_int(shape, "shape"),)
    else:
        try:
            sizes = tuple(shape)
        except TypeError:
            raise TypeError(
                f"shape must be an int or a tuple of ints, got {type(shape).__name__}"
            ) from None
        dims = tuple([check_int(d, f"shape {shape!r}: each size") for d in sizes])
    if any([d < 0 for d in dims]):
        raise ValueError(f"shape must not have negative sizes, got {shape!r}")
    return dims


def on_device(k: Any, device: Any) -> Any:
    """The key moved to ``device`` (unchanged when ``device`` is None)."""
    if device is None:
        return k
    return _to_device(k, device)


def size_of(shape: tuple[int, ...]) -> int:
    return math.prod(shape)
