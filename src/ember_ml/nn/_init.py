"""Parameter initialisers: every initial value of every model is drawn here.

Draws go through ``ember_ml.random`` keys, so the same ``seed`` gives the same
initial parameters on every backend. A ``KeyStream`` hands out one fresh key per
parameter, in the order the model creates them.

>>> from ember_ml.nn import _init
>>> stream = _init.KeyStream(0)
>>> w = _init.xavier_uniform(stream, (3, 2), backend="numpy", dtype=None, device=None)
>>> w.shape, bool(abs(w).max() <= (6 / 5) ** 0.5)
((3, 2), True)
"""

from __future__ import annotations

import math
import secrets
from typing import Any

from ember_ml import backend as _backend
from ember_ml._checks import check_int

__all__ = [
    "KeyStream",
    "constant",
    "from_host",
    "key_stream",
    "linear_bias",
    "orthogonal",
    "uniform",
    "xavier_uniform",
]


class KeyStream:
    """Fresh random keys from one seed (``seed=None``: a random seed).

    Key ``n`` is ``random.fold_in(random.key(seed), n)``, made in the library of the
    backend that asks, so the n-th draw is the same on every backend.

    >>> KeyStream(3).seed
    3
    """

    def __init__(self, seed: int | None) -> None:
        if seed is None:
            seed = secrets.randbits(31)
        self.seed = check_int(seed, "seed")
        self._count = 0
        self._roots: dict[tuple[str, str], Any] = {}

    def next(self, backend: str, device: Any = None) -> Any:
        """The next key, an array of ``backend`` (on ``device``)."""
        from ember_ml import random

        root_id = (backend, str(device))
        root = self._roots.get(root_id)
        if root is None:
            xp = _backend.load(backend)
            root = random.key(self.seed, like=xp.zeros(0), device=device)
            self._roots[root_id] = root
        self._count += 1
        return random.fold_in(root, self._count)


def key_stream(seed: Any) -> KeyStream:
    """``seed`` itself when it is a ``KeyStream`` (shared by a model's parts), else a new one.

    >>> stream = KeyStream(0)
    >>> key_stream(stream) is stream, type(key_stream(0)).__name__
    (True, 'KeyStream')
    """
    return seed if isinstance(seed, KeyStream) else KeyStream(seed)


def _dtype(backend: str, dtype: Any) -> Any:
    xp = _backend.load(backend)
    if dtype is None:
        return xp.float32
    return getattr(xp, dtype) if isinstance(dtype, str) else dtype


def uniform(
    stream: KeyStream,
    shape: tuple[int, ...],
    low: float = 0.0,
    high: float = 1.0,
    *,
    backend: str,
    dtype: Any,
    device: Any,
) -> Any:
    """Uniform draws in ``[low, high)`` as an array of ``backend``.

    >>> uniform(KeyStream(1), (2,), 3.0, 8.0, backend="numpy", dtype=None, device=None).dtype
    dtype('float32')
    """
    from ember_ml import random

    key = stream.next(backend, device)
    return random.uniform(
        key, tuple(shape), dtype=_dtype(backend, dtype), low=low, high=high, device=device
    )


def normal(
    stream: KeyStream, shape: tuple[int, ...], *, backend: str, dtype: Any, device: Any
) -> Any:
    """Standard normal draws as an array of ``backend``.

    >>> normal(KeyStream(1), (2, 2), backend="numpy", dtype=None, device=None).shape
    (2, 2)
    """
    from ember_ml import random

    key = stream.next(backend, device)
    return random.normal(key, tuple(shape), dtype=_dtype(backend, dtype), device=device)


def xavier_uniform(
    stream: KeyStream, shape: tuple[int, int], *, backend: str, dtype: Any, device: Any
) -> Any:
    """Glorot/Xavier uniform for a ``(fan_out, fan_in)`` weight (torch's layout).

    >>> xavier_uniform(KeyStream(0), (4, 3), backend="numpy", dtype=None, device=None).shape
    (4, 3)
    """
    fan_out, fan_in = shape
    bound = math.sqrt(6.0 / (fan_in + fan_out))
    return uniform(stream, shape, -bound, bound, backend=backend, dtype=dtype, device=device)


def linear_bias(
    stream: KeyStream, fan_in: int, size: int, *, backend: str, dtype: Any, device: Any
) -> Any:
    """torch ``nn.Linear``'s default bias: uniform in ``+-1/sqrt(fan_in)``.

    >>> linear_bias(KeyStream(0), 4, 3, backend="numpy", dtype=None, device=None).shape
    (3,)
    """
    bound = 1.0 / math.sqrt(fan_in) if fan_in > 0 else 0.0
    return uniform(stream, (size,), -bound, bound, backend=backend, dtype=dtype, device=device)


def orthogonal(
    stream: KeyStream, shape: tuple[int, int], *, backend: str, dtype: Any, device: Any
) -> Any:
    """A (semi-)orthogonal matrix (QR of a normal draw, signs fixed by ``diag(R)``).

    >>> import numpy as np
    >>> q = orthogonal(KeyStream(0), (6, 3), backend="numpy", dtype="float64", device=None)
    >>> bool(np.allclose(q.T @ q, np.eye(3)))
    True
    """
    rows, cols = shape
    xp = _backend.load(backend)
    flat = normal(
        stream, (max(rows, cols), min(rows, cols)), backend=backend, dtype=dtype, device=device
    )
    q, r = xp.linalg.qr(flat)
    signs = xp.sign(xp.linalg.diagonal(r))
    q = q * signs[None, :]
    return q if rows >= cols else xp.matrix_transpose(q)


def constant(value: float, shape: tuple[int, ...], *, backend: str, dtype: Any, device: Any) -> Any:
    """An array of ``shape`` filled with ``value``.

    >>> constant(2.0, (2,), backend="numpy", dtype=None, device=None)
    array([2., 2.], dtype=float32)
    """
    xp = _backend.load(backend)
    return xp.full(tuple(shape), value, dtype=_dtype(backend, dtype), device=device)


def from_host(matrix: Any, *, backend: str, dtype: Any, device: Any) -> Any:
    """A host matrix (a wiring's adjacency) as a float array of ``backend``.

    >>> from ember_ml.backend import _host
    >>> from_host(_host.int_matrix(1, 2), backend="numpy", dtype=None, device=None)
    array([[0., 0.]], dtype=float32)
    """
    from ember_ml.backend import _host
    from ember_ml.tensor import convert_to_tensor

    return convert_to_tensor(
        _host.float_copy(matrix, "float64"),
        dtype=_dtype(backend, dtype),
        device=device,
        backend=backend,
    )
