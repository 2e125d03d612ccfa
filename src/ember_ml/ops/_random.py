"""The original Ember ML's random function names (``ops.random_normal``, ...), over ``ember_ml.random``.

These keep the original's argument names and take an optional integer ``seed``. With a
seed, the numbers are those of ``ember_ml.random`` with ``random.key(seed)`` (the same on
every backend). Without one, each call takes the next key of a process-wide stream:
``set_seed(s)`` restarts that stream; before any ``set_seed`` it starts from OS entropy.
The stream is a host-side counter (no array is read back), so calls never synchronise.
Arrays come from the selected backend (``ember_ml.get_backend()``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from ember_ml._typing import ArrayT, Device, DType, SelectedArray

__all__ = ["random_bernoulli", "random_normal", "random_uniform", "set_seed", "shuffle"]


class _Stream:
    """The process-wide stream: its seed (None until set or first used) and calls so far."""

    seed: int | None = None
    count: int = 0


_lock = threading.Lock()
_stream = _Stream()


def set_seed(seed: int) -> None:
    """Restart the process-wide random stream used by the ``random_*`` functions when no ``seed`` is given.

    A process-wide convenience, as in the original Ember ML; code that must be
    reproducible under threads or compilation should pass keys (``ember_ml.random``).

    >>> from ember_ml import ops
    >>> ops.set_seed(0)
    >>> a = ops.random_uniform((3,))
    >>> ops.set_seed(0)
    >>> bool((ops.random_uniform((3,)) == a).all())
    True
    """
    from ember_ml.random._keys import _check_seed

    _check_seed(seed)
    with _lock:
        _stream.seed = seed
        _stream.count = 0


def _key(seed: int | None, like: Any = None) -> Any:
    from ember_ml import random

    if seed is not None:
        return random.key(seed, like=like)
    with _lock:
        if _stream.seed is None:
            import secrets  # only for the first unseeded call (it imports hashlib)

            _stream.seed = secrets.randbits(63)
        base, count = _stream.seed, _stream.count
        _stream.count = count + 1
    return random.fold_in(random.key(base, like=like), count)


def random_normal(
    shape: int | Sequence[int],
    /,
    *,
    mean: float = 0.0,
    stddev: float = 1.0,
    dtype: DType | None = None,
    seed: int | None = None,
    device: Device | None = None,
) -> SelectedArray:
    """Normal numbers (the original's ``ops.random_normal``): ``random.normal`` with ``loc=mean, scale=stddev``.

    >>> from ember_ml import ops
    >>> ops.random_normal((2, 3), seed=1).shape
    (2, 3)
    """
    from ember_ml import random

    return random.normal(_key(seed), shape, dtype=dtype, loc=mean, scale=stddev, device=device)


def random_uniform(
    shape: int | Sequence[int],
    /,
    *,
    minval: float = 0.0,
    maxval: float = 1.0,
    dtype: DType | None = None,
    seed: int | None = None,
    device: Device | None = None,
) -> SelectedArray:
    """Uniform numbers in ``[minval, maxval)`` (the original's ``ops.random_uniform``).

    >>> from ember_ml import ops
    >>> x = ops.random_uniform((4,), minval=2.0, maxval=3.0, seed=1)
    >>> bool(((x >= 2.0) & (x < 3.0)).all())
    True
    """
    from ember_ml import random

    return random.uniform(_key(seed), shape, dtype=dtype, low=minval, high=maxval, device=device)


def random_bernoulli(
    shape: int | Sequence[int],
    /,
    *,
    p: float = 0.5,
    dtype: DType | None = None,
    seed: int | None = None,
    device: Device | None = None,
) -> SelectedArray:
    """Bernoulli draws (0 or 1) with probability ``p`` of a 1, as ``dtype`` (default float32).

    ``random.bernoulli`` gives booleans; this keeps the original's numeric result.

    >>> from ember_ml import ops
    >>> x = ops.random_bernoulli((1000,), p=0.25, seed=0)
    >>> 0.2 < float(x.mean()) < 0.3
    True
    """
    from ember_ml import random
    from ember_ml._namespace import array_namespace
    from ember_ml.random._samplers import float_dtype

    mask = random.bernoulli(_key(seed), p, shape, device=device)
    xp = array_namespace(mask)
    target, _ = float_dtype(xp, dtype)
    return xp.astype(mask, target)


def shuffle(x: ArrayT, /, *, seed: int | None = None) -> ArrayT:
    """A shuffled copy of ``x`` along its first axis (the original's ``ops.shuffle``; never in place).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> sorted(ops.shuffle(np.arange(5), seed=0).tolist())
    [0, 1, 2, 3, 4]
    """
    from ember_ml import random

    return random.permutation(_key(seed, like=x), x)
