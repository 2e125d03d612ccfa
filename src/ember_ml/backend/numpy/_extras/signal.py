"""NumPy fast paths for ``ember_ml.ops.signal``: strided framing and ``np.fft`` over the frames.

Called by ``ember_ml.ops.signal`` after it has checked the arguments (see ``ember_ml._hooks.fast_path``).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

_PAD_MODES: dict[str, Any] = {
    "reflect": "reflect",
    "constant": "constant",
    "replicate": "edge",
    "circular": "wrap",
}


def frame(x: np.ndarray, frame_length: int, hop_length: int, axis: int, frames: int) -> np.ndarray:
    """A read-only strided view (``sliding_window_view``), frames next to their samples."""
    if frames == 0:
        return np.empty((*x.shape[:axis], 0, frame_length, *x.shape[axis + 1 :]), dtype=x.dtype)
    windows = sliding_window_view(x, frame_length, axis=axis)  # window samples on a new last axis
    index = (slice(None),) * axis + (slice(None, (frames - 1) * hop_length + 1, hop_length),)
    return np.moveaxis(windows[index], -1, axis + 1)


def stft(
    x: np.ndarray,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: np.ndarray | None,
    center: bool,
    pad_mode: str,
    normalized: bool,
    onesided: bool,
) -> np.ndarray:
    if center:
        pad = n_fft // 2
        x = np.pad(x, [(0, 0)] * (x.ndim - 1) + [(pad, pad)], mode=_PAD_MODES[pad_mode])
    frames = 1 + (x.shape[-1] - n_fft) // hop_length
    framed = sliding_window_view(x, n_fft, axis=-1)[
        ..., : (frames - 1) * hop_length + 1 : hop_length, :
    ]
    if window is not None or win_length < n_fft:
        real = np.float32 if x.dtype in (np.float32, np.complex64) else np.float64
        full = np.zeros(n_fft, dtype=real if window is None else window.dtype)
        left = (n_fft - win_length) // 2
        full[left : left + win_length] = 1 if window is None else window
        framed = framed * full
    norm: Literal["ortho", "backward"] = "ortho" if normalized else "backward"
    spectrum = (
        np.fft.rfft(framed, axis=-1, norm=norm)
        if onesided
        else np.fft.fft(framed, axis=-1, norm=norm)
    )
    return np.swapaxes(spectrum, -1, -2)
