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

__all__ = [
    "KeyStream",
    "constant",
    "from_host",
    "linear_bias",
    "orthogonal",
    "uniform",
    "xavier_uniform",
]


def _random() -> Any:
    import ember_ml.random as random

    return random if hasattr(random, "uniform") and hasattr(random, "key") else None


class KeyStream:
    """Fresh random keys from one seed (``seed=None``: a random seed).

    >>> KeyStream(3).seed
    3
    """

    def __init__(self, seed: int | None) -> None:
        if seed is None:
            seed = secrets.randbits(31)
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"seed must be an int or None, got {type(seed).__name__}")
        self.seed = seed
        self._count = 0
        random = _random()
        self._key = random.key(seed) if random is not None else None

    def next(self) -> Any:
        """The next key (a host counter while ``ember_ml.random`` has no samplers)."""
        self._count += 1
        random = _random()
        if random is None or self._key is None:
            return (self.seed, self._count)
        self._key, sub = random.split(self._key)
        return sub


def _dtype(backend: str, dtype: Any) -> Any:
    xp = _backend.load(backend)
    if dtype is None:
        return xp.float32
    return getattr(xp, dtype) if isinstance(dtype, str) else dtype


def uniform(stream: KeyStream, shape: tuple[int, ...], low: float = 0.0, high: float = 1.0, *,
            backend: str, dtype: Any, device: Any) -> Any:
    """Uniform draws in ``[low, high)`` as an array of ``backend``.

    >>> uniform(KeyStream(1), (2,), 3.0, 8.0, backend="numpy", dtype=None, device=None).dtype
    dtype('float32')
    """
    key = stream.next()
    dtype = _dtype(backend, dtype)
    random = _random()
    if random is not None:
        import ember_ml

        with ember_ml.use_backend(backend):
            return random.uniform(key, tuple(shape), dtype, low, high, device=device)
    from ember_ml.backend import _host

    return _host_array(_host.generator(list(key)).uniform(low, high, tuple(shape)), backend, dtype, device)


def _host_array(values: Any, backend: str, dtype: Any, device: Any) -> Any:
    from ember_ml.tensor import convert_to_tensor

    return convert_to_tensor(values, dtype=dtype, device=device, backend=backend)


def normal(stream: KeyStream, shape: tuple[int, ...], *, backend: str, dtype: Any, device: Any) -> Any:
    """Standard normal draws as an array of ``backend``.

    >>> normal(KeyStream(1), (2, 2), backend="numpy", dtype=None, device=None).shape
    (2, 2)
    """
    key = stream.next()
    dtype = _dtype(backend, dtype)
    random = _random()
    if random is not None and hasattr(random, "normal"):
        import ember_ml

        with ember_ml.use_backend(backend):
            return random.normal(key, tuple(shape), dtype, device=device)
    from ember_ml.backend import _host

    return _host_array(_host.generator(list(key)).standard_normal(tuple(shape)), backend, dtype, device)


def xavier_uniform(stream: KeyStream, shape: tuple[int, int], *, backend: str, dtype: Any,
                   device: Any) -> Any:
    """Glorot/Xavier uniform for a ``(fan_out, fan_in)`` weight (torch's layout).

    >>> xavier_uniform(KeyStream(0), (4, 3), backend="numpy", dtype=None, device=None).shape
    (4, 3)
    """
    fan_out, fan_in = shape
    bound = math.sqrt(6.0 / (fan_in + fan_out))
    return uniform(stream, shape, -bound, bound, backend=backend, dtype=dtype, device=device)


def linear_bias(stream: KeyStream, fan_in: int, size: int, *, backend: str, dtype: Any,
                device: Any) -> Any:
    """torch ``nn.Linear``'s default bias: uniform in ``+-1/sqrt(fan_in)``.

    >>> linear_bias(KeyStream(0), 4, 3, backend="numpy", dtype=None, device=None).shape
    (3,)
    """
    bound = 1.0 / math.sqrt(fan_in) if fan_in > 0 else 0.0
    return uniform(stream, (size,), -bound, bound, backend=backend, dtype=dtype, device=device)


def orthogonal(stream: KeyStream, shape: tuple[int, int], *, backend: str, dtype: Any,
               device: Any) -> Any:
    """A (semi-)orthogonal matrix (QR of a normal draw, signs fixed by ``diag(R)``).

    >>> import numpy as np
    >>> q = orthogonal(KeyStream(0), (6, 3), backend="numpy", dtype="float64", device=None)
    >>> bool(np.allclose(q.T @ q, np.eye(3)))
    True
    """
    rows, cols = shape
    xp = _backend.load(backend)
    flat = normal(stream, (max(rows, cols), min(rows, cols)), backend=backend, dtype=dtype, device=device)
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

    return _host_array(_host.float_copy(matrix, "float64"), backend, _dtype(backend, dtype), device)
