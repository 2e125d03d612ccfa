"""Dask fast paths for ``ember_ml.ops.stats``: exact order statistics by radix selection, bincount by partials.

``order_statistics`` finds the k-th smallest value of a long axis exactly, without
sorting and without any task holding the whole axis: each float is mapped to an unsigned
integer key of the same order (flip the sign bit of a positive number, every bit of a
negative one), and the key is found 16 bits at a time. A pass histograms the next 16-bit
digit of the keys that share the prefix found so far, per chunk (65536 counts per wanted
position), sums the histograms by a tree reduction, and picks the digit where the running
count passes k. float32 keys take 2 passes over the data, float64 keys 4. The prefix and
the remaining rank travel as a small Dask array, so the whole selection is one lazy graph.
Each pass after the first reads its own copy of the input's graph, bound to the end of the
previous pass: no worker keeps the data between passes (memory stays a few chunks whatever
the length), at the price of computing or reading the input once per pass (``persist`` an
input that is expensive to make and fits in the cluster's memory).
The quantile's interpolation (all of NumPy's methods) then runs on the selected values in
``ops.stats`` as for every library, so the answers equal NumPy's. An axis of at most 65536
values is left to the generic sort (one task holding it holds less than one histogram).

>>> import numpy as np
>>> y = da.from_array(np.arange(70000.0)[::-1] - 5.0, chunks=20000)
>>> float(order_statistics(y, [2])[2].compute()[0])
-3.0
"""

from __future__ import annotations

from typing import Any

import dask.array as da
import numpy as np
from dask.graph_manipulation import bind

from ember_ml.backend.dask._chunkwise import slot_partials

_DIGIT = 16
_BINS = 1 << _DIGIT
_MAX_WORK = 16  # rows x positions selected at once (histograms of 65536 counts each)
_SHORT = _BINS  # an axis this short is sorted in one task: it holds less than one histogram
_KEY = {np.dtype(np.float32): np.uint32, np.dtype(np.float64): np.uint64}
_SIGNED = {np.dtype(np.float32): np.int32, np.dtype(np.float64): np.int64}


def _keys(y: np.ndarray) -> np.ndarray:
    """Unsigned keys in the order of the floats (NaN with the sign bit clear sorts last).

    ``bits ^ flip``: ``flip`` is all ones for a negative number (the arithmetic shift of its
    sign bit), the sign bit alone for a positive one; three passes over the data.
    """
    utype = _KEY[y.dtype]
    width = 8 * y.dtype.itemsize
    top = utype(1) << utype(width - 1)
    flip = (y.view(_SIGNED[y.dtype]) >> (width - 1)).view(utype)
    flip |= top
    flip ^= y.view(utype)
    return flip


def _floats(keys: np.ndarray, dtype: np.dtype) -> np.ndarray:
    utype = _KEY[dtype]
    top = utype(1) << utype(8 * dtype.itemsize - 1)
    bits = np.where(keys & top, keys ^ top, ~keys)
    return bits.astype(utype).view(dtype)


def _histograms(block: np.ndarray, state: np.ndarray, shift: int, width: int) -> np.ndarray:
    """Counts of the next digit per (row, position) among keys with the prefix in ``state``.

    The first pass (no prefix yet) counts once for every position of a row; later passes
    keep the keys whose prefix is wanted (one selection per row), then count per prefix.
    """
    keys = _keys(block)  # (rows, c)
    utype = keys.dtype.type
    rows, positions = state.shape[0], state.shape[1]
    out = np.empty((rows, positions, _BINS), dtype=np.int64)
    high = shift + _DIGIT
    for r in range(rows):
        if high >= width:
            out[r] = np.bincount((keys[r] >> utype(shift)).astype(np.intp), minlength=_BINS)
            continue
        wanted = sorted({int(p) for p in state[r, :, 0]})
        prefix = keys[r] >> utype(high)
        mask = prefix == utype(wanted[0])
        for p in wanted[1:]:
            mask |= prefix == utype(p)
        kept = keys[r][mask]
        kept_prefix = kept >> utype(high)
        digits = ((kept >> utype(shift)) & utype(_BINS - 1)).astype(np.intp)
        counts = {p: np.bincount(digits[kept_prefix == utype(p)], minlength=_BINS) for p in wanted}
        for j in range(positions):
            out[r, j] = counts[int(state[r, j, 0])]
    return out


def _step(hist: np.ndarray, state: np.ndarray) -> np.ndarray:
    """The next state: the digit where the running count passes the rank, and the rank left."""
    counts = np.cumsum(hist, axis=-1)
    rank = state[..., 1]
    digit = np.argmax(counts > rank[..., None].astype(np.int64), axis=-1).astype(np.uint64)
    before = np.take_along_axis(counts, digit.astype(np.intp)[..., None], axis=-1)[..., 0]
    before = before - np.take_along_axis(hist, digit.astype(np.intp)[..., None], axis=-1)[..., 0]
    new = np.empty_like(state)
    new[..., 0] = (state[..., 0] << np.uint64(_DIGIT)) | digit
    new[..., 1] = rank - before.astype(np.uint64)
    return new


def order_statistics(y: Any, positions: list[int]) -> dict[int, Any] | None:
    """The order statistics of ``y``'s last axis at ``positions``, each kept as a length-1 axis.

    Declines (None: the generic sort runs) for non-float dtypes, an axis of at most 65536
    values (one task sorting it holds less than one histogram does), or more than 16
    (rows x positions) selections at once.
    """
    dtype = np.dtype(y.dtype)
    if dtype not in _KEY or y.shape[-1] <= _SHORT:
        return None
    lead = tuple(y.shape[:-1])
    rows = int(np.prod(lead)) if lead else 1
    if rows * len(positions) > _MAX_WORK or rows == 0:
        return None
    # 1-D and 2-D inputs are read as they are (no reshape layer), so the optimiser fuses the
    # first pass with the tasks that make each chunk and no chunk waits in memory
    flat = y if y.ndim == 1 else y.reshape((rows, y.shape[-1])).rechunk({0: -1})
    width = 8 * dtype.itemsize
    start = np.zeros((rows, len(positions), 2), dtype=np.uint64)
    start[..., 1] = np.asarray(positions, dtype=np.uint64)
    state: Any = da.from_array(start, chunks=-1)
    for shift in range(width - _DIGIT, -1, -_DIGIT):
        # a later pass reads a copy of the input's graph made after the previous pass ended,
        # so no worker keeps the data between passes (each pass recomputes or rereads it)
        source = flat if shift == width - _DIGIT else bind(flat, state)
        hist = _pass(source, state, shift, width, len(positions))
        state = da.map_blocks(
            _step, hist, state, dtype=np.uint64, meta=np.empty((0, 0, 0), np.uint64)
        )
    values = da.map_blocks(
        lambda s: _floats(s[..., 0], dtype),
        state,
        drop_axis=2,
        dtype=dtype,
        meta=np.empty((0, 0), dtype=dtype),
    )
    return {p: values[:, j].reshape((*lead, 1)) for j, p in enumerate(positions)}


def _pass(flat: Any, state: Any, shift: int, width: int, count: int) -> Any:
    """One radix pass: per-chunk histograms of the next digit, summed over the chunks."""

    def partial(block: np.ndarray, s: np.ndarray) -> np.ndarray:
        return _histograms(block.reshape((-1, block.shape[-1])), s, shift, width)[None]

    stacked = da.blockwise(
        partial,
        "crpd",
        flat,
        "rc" if flat.ndim == 2 else "c",
        state,
        "rpk",
        new_axes={"p": count, "d": _BINS},
        adjust_chunks={"c": 1},
        concatenate=True,
        dtype=np.int64,
        meta=np.empty((0, 0, 0, 0), dtype=np.int64),
    )
    return da.sum(stacked, axis=0, split_every=8)  # at most 8 histograms per combining task


def bincount_fixed(x: Any, length: int, weights: Any) -> Any:
    """Counts (or weight sums) of the values in [0, length) of 1-D integer x, by per-chunk partials."""
    valid = (x >= 0) & (x < length) if length <= np.iinfo(x.dtype).max else x >= 0
    slot = da.where(valid, x.astype(np.int64), length)
    if weights is None:
        ones = da.zeros(x.shape, dtype=np.int8, chunks=x.chunks)

        def count(v: np.ndarray, i: np.ndarray) -> np.ndarray:
            return np.bincount(i.astype(np.intp), minlength=length + 1).astype(np.int64)

        return slot_partials(count, ones, slot, length + 1, np.dtype(np.int64), da.sum)[:length]
    wdtype = np.dtype(weights.dtype)

    def add(v: np.ndarray, i: np.ndarray) -> np.ndarray:
        out = np.zeros(length + 1, dtype=wdtype)
        np.add.at(out, i.astype(np.intp), v)
        return out

    return slot_partials(add, weights, slot, length + 1, wdtype, da.sum)[:length]
