"""Dask fast paths for ``ember_ml.ops.signal``: frames from overlapping pieces, overlap-add across chunks.

``frame`` and ``stft`` cut the output into chunks of about one input chunk's worth of frames;
the piece of signal a chunk of frames reads (``_chunkwise.pieces``) includes the samples
of the next input chunk that its last frames straddle, so every frame is built from its
neighbours' edges and no task holds more than a chunk and a frame. The output is chunked
along the frame axis. ``istft`` inverts each chunk of frames and overlap-adds it locally;
the tail that spills past a chunk's own stretch of output is added into the next stretch.
The window is taken as one NumPy block (made once), and the NOLA check reads only it.

>>> import numpy as np
>>> x = da.from_array(np.arange(10.0), chunks=4)
>>> frame(x, 4, 2, 0, 4).compute()[:, 0].tolist()
[0.0, 2.0, 4.0, 6.0]
"""

from __future__ import annotations

from typing import Any

import dask.array as da
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ember_ml._messages import NOLA_MESSAGE
from ember_ml.backend.dask._chunkwise import as_block, pieces

_PAD_MODES = {"reflect": "reflect", "constant": "constant", "replicate": "edge", "circular": "wrap"}


def _frames_of(block: np.ndarray, frame_length: int, hop: int, axis: int, count: int) -> np.ndarray:
    windows = sliding_window_view(block, frame_length, axis=axis)
    index = (slice(None),) * axis + (slice(None, (count - 1) * hop + 1, hop),)
    return np.moveaxis(windows[index], -1, axis + 1)


def frame(x: Any, frame_length: int, hop_length: int, axis: int, frames: int) -> Any:
    """Frames along ``axis``, chunked along the new frame axis (the frame axis is one chunk)."""
    if frames == 0:
        shape = (*x.shape[:axis], 0, frame_length, *x.shape[axis + 1 :])
        return da.empty(shape, dtype=x.dtype)
    parts = []
    for t0, t1, piece in pieces(x, axis, frame_length, hop_length, frames):
        chunks = (*piece.chunks[:axis], (t1 - t0,), (frame_length,), *piece.chunks[axis + 1 :])
        parts.append(
            piece.map_blocks(
                _frames_of,
                frame_length,
                hop_length,
                axis,
                t1 - t0,
                chunks=chunks,
                new_axis=axis + 1,
                dtype=x.dtype,
            )
        )
    return da.concatenate(parts, axis=axis)


def _pad_last(x: Any, pad: int, mode: str) -> Any:
    """Pad the last axis on both sides, touching only the edge chunks."""
    n = x.shape[-1]
    if mode == "constant":
        zeros = da.zeros((*x.shape[:-1], pad), dtype=x.dtype, chunks=(*x.chunks[:-1], pad))
        left = right = zeros
    elif mode == "reflect":
        left, right = x[..., 1 : pad + 1][..., ::-1], x[..., n - 1 - pad : n - 1][..., ::-1]
    elif mode == "replicate":
        left = da.broadcast_to(x[..., :1], (*x.shape[:-1], pad))
        right = da.broadcast_to(x[..., n - 1 :], (*x.shape[:-1], pad))
    else:
        left, right = x[..., n - pad :], x[..., :pad]
    return da.concatenate([left, x, right], axis=-1)


def _full_window(window: Any, win_length: int, n_fft: int, dtype: Any) -> Any:
    full = np.zeros(n_fft, dtype=dtype)
    left = (n_fft - win_length) // 2
    full[left : left + win_length] = 1 if window is None else window
    return full


def _spectra(
    block: np.ndarray,
    window: np.ndarray,
    n_fft: int,
    hop: int,
    count: int,
    norm: Any,
    onesided: bool,
) -> np.ndarray:
    framed = _frames_of(block, n_fft, hop, block.ndim - 1, count) * window
    spectrum = (
        np.fft.rfft(framed, axis=-1, norm=norm)
        if onesided
        else np.fft.fft(framed, axis=-1, norm=norm)
    )
    return np.swapaxes(spectrum, -1, -2)


def _window_block(window: Any, win_length: int, n_fft: int, dtype: Any) -> Any:
    """The window padded to n_fft samples, as one Dask block (a Dask window stays lazy)."""
    if window is None or not isinstance(window, da.Array):
        host = None if window is None else np.asarray(window)
        return as_block(_full_window(host, win_length, n_fft, dtype))
    left = (n_fft - win_length) // 2
    w = window.astype(dtype)
    return da.concatenate(
        [da.zeros(left, dtype=dtype), w, da.zeros(n_fft - win_length - left, dtype=dtype)]
    ).rechunk(-1)


def stft(
    x: Any,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: Any,
    center: bool,
    pad_mode: str,
    normalized: bool,
    onesided: bool,
) -> Any:
    """``(..., freq, frames)``, chunked along the frames as the signal is along its samples."""
    if center:
        x = _pad_last(x, n_fft // 2, pad_mode)
    frames = 1 + (x.shape[-1] - n_fft) // hop_length
    real = np.float32 if x.dtype in (np.float32, np.complex64) else np.float64
    wdtype = real if window is None else np.result_type(real, window.dtype)
    w = _window_block(window, win_length, n_fft, wdtype)
    out_dtype = np.result_type(x.dtype, wdtype, np.complex64)
    freq = n_fft // 2 + 1 if onesided else n_fft
    norm = "ortho" if normalized else "backward"
    axis = x.ndim - 1
    lead = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:axis]
    parts = []
    for t0, t1, piece in pieces(x, axis, n_fft, hop_length, frames):
        parts.append(
            da.blockwise(
                _spectra,
                lead + "ft",
                piece,
                lead + "s",
                w,
                "w",
                n_fft=n_fft,
                hop=hop_length,
                count=t1 - t0,
                norm=norm,
                onesided=onesided,
                new_axes={"f": freq, "t": t1 - t0},
                concatenate=True,
                dtype=out_dtype,
                meta=np.empty((0,) * (axis + 2), dtype=out_dtype),
            )
        )
    return da.concatenate(parts, axis=-1)


def _segment(
    block: np.ndarray,
    window: np.ndarray,
    n_fft: int,
    hop: int,
    norm: Any,
    onesided: bool,
    return_complex: bool,
) -> np.ndarray:
    """The windowed inverse frames of one chunk, overlap-added: ``n_fft + hop * (frames - 1)``."""
    spectra = np.swapaxes(block, -1, -2)
    frames: Any
    if return_complex:
        frames = np.fft.ifft(spectra, n=n_fft, axis=-1, norm=norm)
    else:
        if not onesided:
            spectra = spectra[..., : n_fft // 2 + 1]
        frames = np.fft.irfft(spectra, n=n_fft, axis=-1, norm=norm)
    frames = frames * window
    count = frames.shape[-2]
    out = np.zeros((*frames.shape[:-2], n_fft + hop * (count - 1)), dtype=frames.dtype)
    for t in range(count):
        out[..., t * hop : t * hop + n_fft] += frames[..., t, :]
    return out


def _envelope(a: int, b: int, window: np.ndarray, hop: int, frames: int) -> np.ndarray:
    """The sum of squared windows over output samples ``a .. b-1``."""
    n_fft = window.shape[0]
    p = np.arange(a, b)
    w2 = window * window
    env = np.zeros(b - a, dtype=window.dtype)
    for j in range(-(-n_fft // hop) + 1):
        t = p // hop - j
        offset = p - t * hop
        ok = (t >= 0) & (t < frames) & (offset < n_fft)
        env += np.where(ok, w2[np.clip(offset, 0, n_fft - 1)], 0)
    return env


def istft(
    stft_matrix: Any,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: Any,
    center: bool,
    normalized: bool,
    onesided: bool,
    length: int | None,
    return_complex: bool,
) -> Any:
    """Overlap-add across chunk edges; the output is chunked as the frames were."""
    real = np.float32 if stft_matrix.dtype == np.complex64 else np.float64
    host = None if window is None else np.asarray(window)  # a Dask window: read once (small)
    full = _full_window(host, win_length, n_fft, real)
    frames = stft_matrix.shape[-1]
    total = n_fft + hop_length * (frames - 1)
    start = n_fft // 2 if center else 0
    end = start + length if length is not None else (total - n_fft // 2 if center else total)
    stop = min(end, total)
    edge = n_fft + hop_length
    for a, b in ((start, min(stop, start + edge)), (max(start, stop - edge), stop)):
        if b > a and not np.all(np.abs(_envelope(a, b, full, hop_length, frames)) >= 1e-11):
            raise ValueError(NOLA_MESSAGE.format(n_fft=n_fft, hop_length=hop_length))
    m = stft_matrix.rechunk({stft_matrix.ndim - 2: -1})
    out_dtype = m.dtype if return_complex else real
    norm = "ortho" if normalized else "backward"
    segments, starts, t0 = [], [], 0
    for size in m.chunks[-1]:
        piece = m[..., t0 : t0 + size]
        seg_len = n_fft + hop_length * (size - 1)
        chunks = (*piece.chunks[:-2], (seg_len,))
        segments.append(
            piece.map_blocks(
                _segment,
                full,
                n_fft,
                hop_length,
                norm,
                onesided,
                return_complex,
                drop_axis=piece.ndim - 2,
                chunks=chunks,
                dtype=out_dtype,
            )
        )
        starts.append(t0 * hop_length)
        t0 += size
    bounds = [*starts[1:], total]
    regions = []
    for r, (a, b) in enumerate(zip(starts, bounds, strict=True)):
        a, b = max(a, start), min(b, stop)
        if b <= a:
            continue
        total_r = None
        for k in range(r + 1):
            s = starts[k]
            lo, hi = max(a, s), min(b, s + segments[k].shape[-1])
            if hi <= lo:
                continue
            part = segments[k][..., lo - s : hi - s]
            if (lo, hi) != (a, b):
                part = da.concatenate(
                    [
                        da.zeros((*part.shape[:-1], lo - a), dtype=out_dtype),
                        part,
                        da.zeros((*part.shape[:-1], b - hi), dtype=out_dtype),
                    ],
                    axis=-1,
                ).rechunk({part.ndim - 1: -1})
            total_r = part if total_r is None else total_r + part
        if total_r is None:
            continue
        env = _envelope(a, b, full, hop_length, frames)
        regions.append(total_r / env.astype(real))
    signal = da.concatenate(regions, axis=-1)
    if end > total:
        tail = da.zeros((*signal.shape[:-1], end - total), dtype=out_dtype)
        signal = da.concatenate([signal, tail], axis=-1)
    return signal
