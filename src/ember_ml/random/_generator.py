"""``Generator``: NumPy-style stateful use of the keyed samplers; ``native``: each library's own generator."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from ember_ml._typing import Array, Chunks, Device, DType, SelectedArray
from ember_ml.random import _distributions as _d
from ember_ml.random import _rejection as _r
from ember_ml.random import _samplers as _s
from ember_ml.random._keys import Shape, _check_seed, fold_in, key

__all__ = ["Generator", "NativeGenerator", "native"]


class Generator:
    """A stateful convenience over the keyed samplers: ``g = Generator(seed); g.normal((3,))``.

    Each call uses the next key ``fold_in(base, i)`` (``i = 0, 1, 2, ...``, counted on the
    host, so no array is read back) of the base key ``key(seed, like=like)``; the numbers
    are therefore the same on every library, and ``Generator(seed)`` repeats them. The
    methods take the samplers' arguments without the key (Dask's ``chunks=`` too). Not for use inside compiled
    functions (the counter is Python state): pass keys there.

    >>> from ember_ml import random
    >>> g = random.Generator(0)
    >>> a = g.normal((2, 3))
    >>> b = g.uniform((4,), low=-1.0, high=1.0)
    >>> a.shape, b.shape
    ((2, 3), (4,))
    >>> bool((random.Generator(0).normal((2, 3)) == a).all())
    True
    """

    def __init__(
        self, seed: int, *, like: Array | None = None, device: Device | None = None
    ) -> None:
        self._base = key(seed, like=like, device=device)
        self._count = 0
        self._lock = threading.Lock()

    def key(self) -> SelectedArray:
        """The next key of this generator's stream (the one the next sampler call would use)."""
        with self._lock:
            count = self._count
            self._count += 1
        return fold_in(self._base, count)

    def uniform(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        low: float = 0.0,
        high: float = 1.0,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.uniform`` with the next key."""
        return _s.uniform(
            self.key(), shape, dtype=dtype, low=low, high=high, device=device, chunks=chunks
        )

    def normal(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        loc: float = 0.0,
        scale: float = 1.0,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.normal`` with the next key."""
        return _s.normal(
            self.key(), shape, dtype=dtype, loc=loc, scale=scale, device=device, chunks=chunks
        )

    def truncated_normal(
        self,
        lower: float,
        upper: float,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.truncated_normal`` with the next key."""
        return _r.truncated_normal(
            self.key(), lower, upper, shape, dtype=dtype, device=device, chunks=chunks
        )

    def bernoulli(
        self,
        p: Array | float = 0.5,
        shape: Shape | None = None,
        *,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.bernoulli`` with the next key."""
        return _d.bernoulli(self.key(), p, shape, device=device, chunks=chunks)

    def categorical(
        self,
        logits: Array,
        /,
        *,
        axis: int = -1,
        shape: Shape | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.categorical`` with the next key."""
        return _d.categorical(
            self.key(), logits, axis=axis, shape=shape, device=device, chunks=chunks
        )

    def randint(
        self,
        shape: Shape,
        low: int,
        high: int,
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.randint`` with the next key."""
        return _d.randint(self.key(), shape, low, high, dtype=dtype, device=device, chunks=chunks)

    def permutation(
        self,
        x: Array | int,
        /,
        *,
        axis: int = 0,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.permutation`` with the next key."""
        return _d.permutation(self.key(), x, axis=axis, device=device, chunks=chunks)

    def choice(
        self,
        a: Array | int,
        /,
        shape: Shape = (),
        *,
        replace: bool = True,
        p: Array | Sequence[float] | None = None,
        axis: int = 0,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.choice`` with the next key."""
        rechunk: Any = chunks  # one type: mypy gives up on choice's overloads times three unions
        return _d.choice(
            self.key(), a, shape, replace=replace, p=p, axis=axis, device=device, chunks=rechunk
        )

    def gumbel(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.gumbel`` with the next key."""
        return _d.gumbel(self.key(), shape, dtype=dtype, device=device, chunks=chunks)

    def exponential(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.exponential`` with the next key."""
        return _d.exponential(self.key(), shape, dtype=dtype, device=device, chunks=chunks)

    def laplace(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.laplace`` with the next key."""
        return _d.laplace(self.key(), shape, dtype=dtype, device=device, chunks=chunks)

    def gamma(
        self,
        alpha: Array | float,
        shape: Shape | None = None,
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        chunks: Chunks | None = None,
    ) -> SelectedArray:
        """``random.gamma`` with the next key."""
        return _r.gamma(self.key(), alpha, shape, dtype=dtype, device=device, chunks=chunks)


class NativeGenerator:
    """A library's own generator behind one interface (made by ``native``).

    >>> from ember_ml import random
    >>> g = random.native(0, backend="numpy")
    >>> isinstance(g, random.NativeGenerator), g.backend
    (True, 'numpy')
    """

    def __init__(self, backend: str, state: Any) -> None:
        self.backend = backend
        self._state = state

    def __repr__(self) -> str:
        return f"NativeGenerator(backend={self.backend!r})"

    def uniform(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        low: float = 0.0,
        high: float = 1.0,
        device: Device | None = None,
    ) -> SelectedArray:
        """Uniform numbers in ``[low, high)`` from the library's own generator (default float32).

        >>> from ember_ml import random
        >>> random.native(0, backend="numpy").uniform((2,), low=5.0, high=6.0).shape
        (2,)
        """
        dims, dtype, low, high = _native_args(self.backend, shape, dtype, low, high, "low", "high")
        if not low < high:
            raise ValueError(f"uniform needs low < high, got low={low} and high={high}")
        return self._state.uniform(dims, dtype, low, high, device)

    def normal(
        self,
        shape: Shape = (),
        *,
        dtype: DType | None = None,
        loc: float = 0.0,
        scale: float = 1.0,
        device: Device | None = None,
    ) -> SelectedArray:
        """Normal numbers from the library's own generator (default float32).

        >>> from ember_ml import random
        >>> random.native(0, backend="numpy").normal((2, 2)).dtype
        dtype('float32')
        """
        dims, dtype, loc, scale = _native_args(
            self.backend, shape, dtype, loc, scale, "loc", "scale"
        )
        if scale < 0.0:
            raise ValueError(f"scale must be non-negative, got {scale}")
        return self._state.normal(dims, dtype, loc, scale, device)


def _native_args(
    backend: str, shape: Shape, dtype: Any, a: Any, b: Any, a_name: str, b_name: str
) -> tuple:
    from ember_ml import backend as _backend
    from ember_ml.random._keys import check_shape

    xp = _backend.load(backend)
    dtype, _ = _s.float_dtype(xp, dtype)
    return check_shape(shape), dtype, _s._float_bound(a, a_name), _s._float_bound(b, b_name)


def native(seed: int, *, backend: str | None = None) -> NativeGenerator:
    """The library's own fast generator, seeded: NumPy's PCG64 ``Generator``, a ``torch.Generator``, MLX's keys.

    For users who prefer speed over identity: the numbers differ between libraries (and
    between library versions). ``backend`` defaults to the selected backend.
    ``ember_ml.random``'s keyed samplers remain the default everywhere in ember_ml.

    >>> from ember_ml import random
    >>> g = random.native(0, backend="numpy")
    >>> g.normal((3,)).shape
    (3,)
    """
    from ember_ml import backend as _backend
    from ember_ml._hooks import fast_path
    from ember_ml._selection import get_backend

    seed = _check_seed(seed)
    name = get_backend() if backend is None else backend
    xp = _backend.load(name)
    factory = fast_path(xp, "random", "NativeState")
    if factory is None:
        raise ValueError(f"backend {name!r} has no native generator")
    return NativeGenerator(name, factory(seed))
