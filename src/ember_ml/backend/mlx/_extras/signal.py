"""MLX fast paths for ``ember_ml.ops.signal``: ``mx.as_strided`` framing and ``mx.fft`` over the frames.

Called by ``ember_ml.ops.signal`` after it has checked the arguments (see ``ember_ml._hooks.fast_path``),
so every strided view below stays inside its array: ``frames`` was computed from the
length, and the last frame ends at or before the last sample.
"""

from __future__ import annotations

import math

import mlx.core as mx

from ember_ml.backend.mlx._bounds import _is_tracing_error
from ember_ml.backend.mlx._extras.indexing import check_allocation  # noqa: F401 - found by fast_path


def read_flag(flag: mx.array) -> bool | None:
    """The value of a 0-D bool array, or None inside mx.compile / vmap (nothing to read)."""
    try:
        return bool(flag.item())
    except ValueError as err:
        if not _is_tracing_error(err):
            raise
        return None


def _frames_last(x: mx.array, frame_length: int, hop_length: int, frames: int) -> mx.array:
    """(..., n) -> (..., frames, frame_length) as a strided view of the row-contiguous ``x``."""
    shape = x.shape
    strides = [math.prod(shape[i + 1 :]) for i in range(len(shape) - 1)]
    if frames == 0:
        return mx.zeros((*shape[:-1], 0, frame_length), dtype=x.dtype)
    # Largest offset read: sum((s - 1) * stride) + (frames - 1) * hop + frame_length - 1 < x.size,
    # since (frames - 1) * hop + frame_length <= n (checked by the caller).
    return mx.as_strided(x, (*shape[:-1], frames, frame_length), (*strides, hop_length, 1))


def frame(x: mx.array, frame_length: int, hop_length: int, axis: int, frames: int) -> mx.array:
    last = x.ndim - 1
    moved = x if axis == last else mx.moveaxis(x, axis, -1)
    out = _frames_last(moved, frame_length, hop_length, frames)
    if axis == last:
        return out
    return mx.moveaxis(mx.moveaxis(out, -1, axis), -1, axis)


def _pad(x: mx.array, pad: int, mode: str) -> mx.array:
    if pad == 0:
        return x
    n = x.shape[-1]
    if mode == "constant":
        return mx.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)])
    if mode == "replicate":
        return mx.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)], mode="edge")
    if mode == "reflect":
        left = x[..., pad:0:-1]
        stop = (
            n - 2 - pad
        )  # -1 when pad = n - 1 (the longest reflection): the slice runs to the start
        right = x[..., n - 2 : stop if stop >= 0 else None : -1]
    else:  # circular
        left = x[..., n - pad :]
        right = x[..., :pad]
    return mx.concatenate([left, x, right], axis=-1)


def stft(
    x: mx.array,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: mx.array | None,
    center: bool,
    pad_mode: str,
    normalized: bool,
    onesided: bool,
) -> mx.array:
    """Pad, strided frames, one multiply by the window, ``mx.fft.rfft`` (``fft`` two-sided)."""
    if center:
        x = _pad(x, n_fft // 2, pad_mode)
    frames = 1 + (x.shape[-1] - n_fft) // hop_length
    framed = _frames_last(x, n_fft, hop_length, frames)
    if window is not None or win_length < n_fft:
        left = (n_fft - win_length) // 2
        real = window.dtype if window is not None else mx.float32
        core = window if window is not None else mx.ones((win_length,), dtype=real)
        if win_length < n_fft:
            core = mx.pad(core, [(left, n_fft - win_length - left)])
        framed = framed * core
    norm = "ortho" if normalized else "backward"
    spectrum = (
        mx.fft.rfft(framed, axis=-1, norm=norm)
        if onesided
        else mx.fft.fft(framed, axis=-1, norm=norm)
    )
    return mx.swapaxes(spectrum, -1, -2)
