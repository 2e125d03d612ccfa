"""The shapes of computation the Dask fast paths share (the extras in ``_extras/`` use them).

* ``slot_partials``: a partial reduction of every chunk into ``n`` slots, the partials
  stacked on a new axis (one element per chunk) and reduced by Dask's tree reduction;
* ``as_block``: a small array (a window) as one Dask block, made once;
* ``pieces``: the overlapping pieces of a long axis that each output chunk reads (frames
  that straddle a chunk edge take the neighbour's samples).

Nothing here computes: every function only builds graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dask.array as da
import numpy as np

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # the kept axes (the new ones are lower case)


def slot_partials(
    kernel: Callable[[np.ndarray, np.ndarray], np.ndarray],
    values: Any,
    indices: Any,
    n: int,
    dtype: Any,
    combine: Callable[..., Any],
) -> Any:
    """``combine(axis=0)`` of ``kernel(values chunk, indices chunk)`` over the chunks along axis 0.

    ``kernel`` answers ``(n, *chunk.shape[1:])``; the other axes keep their chunks.
    """
    indices = indices.rechunk((values.chunks[0],))
    rest = _LETTERS[: values.ndim - 1]

    def partial(v: np.ndarray, i: np.ndarray) -> np.ndarray:
        return kernel(v, i)[None]

    stacked = da.blockwise(
        partial,
        "bs" + rest,
        values,
        "b" + rest,
        indices,
        "b",
        new_axes={"s": n},
        adjust_chunks={"b": 1},
        dtype=dtype,
        meta=np.empty((0,) * (values.ndim + 1), dtype=dtype),
    )
    return combine(stacked, axis=0)


def as_block(small: Any) -> Any:
    """A NumPy (or other host) array as a Dask array of one block; a Dask array joined into one."""
    if isinstance(small, da.Array):
        return small.rechunk(-1)
    return da.from_array(np.asarray(small), chunks=-1)


def frame_starts(total_frames: int, hop: int, chunks: tuple[int, ...]) -> list[tuple[int, int]]:
    """Frame ranges ``[t0, t1)`` per output chunk: about one input chunk of samples each."""
    size = max(1, max(chunks) // hop if chunks else 1)
    return [(t, min(t + size, total_frames)) for t in range(0, total_frames, size)]


def pieces(
    x: Any, axis: int, frame_length: int, hop: int, frames: int
) -> list[tuple[int, int, Any]]:
    """``(t0, t1, piece)``: the samples frames ``t0 .. t1-1`` read, as one block along ``axis``."""
    out = []
    for t0, t1 in frame_starts(frames, hop, x.chunks[axis]):
        start, stop = t0 * hop, (t1 - 1) * hop + frame_length
        key = (slice(None),) * axis + (slice(start, stop),)
        out.append((t0, t1, x[key].rechunk({axis: -1})))
    return out
