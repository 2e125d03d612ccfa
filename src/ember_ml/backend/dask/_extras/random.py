"""Dask's fast path and hooks for ``ember_ml.random``: Threefry words chunk by chunk, Dask's own generator.

Threefry is a function of each counter alone, so every chunk computes its words from its
own counter range: ``counter_words`` makes a Dask array whose chunk ``[a, b)`` runs NumPy's
blocked Threefry on counters ``start + a .. start + b - 1``. The samplers' conversions are
elementwise, so a Dask array of random numbers is bit-identical to NumPy's for the same key,
whatever the chunking (Dask's ``array.chunk-size`` picks it). ``threefry2x32`` (behind
``split`` and ``fold_in``) runs the 20 rounds on NumPy blocks: one task per chunk instead of
the ~140 elementwise Dask operations of the standard-call form.

>>> k = da.from_array(np.asarray([0, 42], dtype=np.uint32))
>>> y0, y1 = counter_words(k, 0, 5)
>>> y0.compute().dtype, y0.shape
(dtype('uint32'), (5,))
"""

from __future__ import annotations

from typing import Any

import dask.array as da
import numpy as np

from ember_ml.backend.numpy._extras.random import _rounds as _host_rounds


def _threefry_block(k0: np.ndarray, k1: np.ndarray, c0: np.ndarray, c1: np.ndarray) -> np.ndarray:
    """Threefry-2x32-20 on NumPy words (key words may be arrays), both outputs stacked."""
    k0, k1, c0, c1 = np.broadcast_arrays(
        *(np.asarray(w, dtype=np.uint32) for w in (k0, k1, c0, c1))
    )
    with np.errstate(over="ignore"):
        x0 = c0 + k0
        x1 = c1 + k1
        _host_rounds(x0, x1, k0, k1, np.empty_like(x1))
    return np.stack([x0, x1])


def threefry2x32(k0: Any, k1: Any, c0: Any, c1: Any) -> tuple[Any, Any] | None:
    """Threefry-2x32-20 of Dask word arrays, broadcast together: one NumPy task per chunk."""
    words = [da.asarray(w) for w in (k0, k1, c0, c1)]
    if any(np.dtype(w.dtype) != np.uint32 for w in words):
        return None  # (Dask holds uint32; anything else takes the standard-call form)
    words = list(da.broadcast_arrays(*words))
    index = "abcdefghijklmnopqrstuvxyz"[: words[0].ndim]
    both = da.blockwise(
        _threefry_block,
        "w" + index,
        *[part for w in words for part in (w, index)],
        new_axes={"w": 2},
        dtype=np.uint32,
        meta=np.empty((0,) * (len(index) + 1), dtype=np.uint32),
    )
    return both[0], both[1]


def counter_words(key: Any, start: int, count: int, high: int = 0) -> tuple[Any, Any]:
    """The two Threefry words of counters ``(high, start .. start+count-1)``, one task per chunk."""
    if start + count > 1 << 32:
        raise ValueError(
            f"at most 2**32 counters per key; asked for counters {start} to {start + count - 1}"
        )
    from ember_ml.backend.numpy._extras.random import counter_words as host

    chunks = da.core.normalize_chunks("auto", (count,), dtype=np.uint32)[0]
    edges = np.cumsum((0, *chunks))
    key_block = da.asarray(key).rechunk(-1)

    def words(k: np.ndarray, block_info: Any = None) -> np.ndarray:
        i = block_info[None]["chunk-location"][1]
        a, b = int(edges[i]), int(edges[i + 1])
        y0, y1 = host(k.astype(np.uint32), start + a, b - a, high)
        return np.stack([y0, y1])

    both = da.map_blocks(
        words, key_block, chunks=((2,), chunks), new_axis=1, dtype=np.dtype(key.dtype)
    )
    return both[0], both[1]


class NativeState:
    """Dask's own generator (``dask.array.random.default_rng``, PCG64 per chunk) for ``random.native``.

    Its numbers change with the chunking; the keyed samplers' do not.
    """

    def __init__(self, seed: int) -> None:
        self.generator = da.random.default_rng(seed)

    def normal(self, shape: Any, dtype: Any, loc: float, scale: float, device: Any) -> Any:
        x = self.generator.standard_normal(shape, dtype=dtype)
        if (loc, scale) != (0.0, 1.0):
            x = x * dtype(scale) + dtype(loc)
        return x

    def uniform(self, shape: Any, dtype: Any, low: float, high: float, device: Any) -> Any:
        x = self.generator.random(shape, dtype=dtype)
        if (low, high) != (0.0, 1.0):
            x = x * dtype(high - low) + dtype(low)
            x = da.minimum(x, np.nextafter(dtype(high), dtype(low)))
        return x
