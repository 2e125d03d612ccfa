"""torch fast paths for ``ember_ml.ops.signal``: torch's windows, ``Tensor.unfold``, ``torch.stft`` / ``torch.istft``.

Called by ``ember_ml.ops.signal`` after it has checked the arguments (see ``ember_ml._hooks.fast_path``).
"""

from __future__ import annotations

from typing import Any

import torch

from ember_ml._messages import NOLA_MESSAGE

# torch's windows take ops.signal's call ``(n, periodic=, dtype=, device=)`` as they are.
hann_window = torch.hann_window
hamming_window = torch.hamming_window
blackman_window = torch.blackman_window
bartlett_window = torch.bartlett_window


def read_flag(flag: torch.Tensor) -> bool | None:
    """The value of a 0-D bool tensor, or None while torch.compile traces."""
    if torch.compiler.is_compiling():
        return None
    return bool(flag)


def kaiser_window(n: int, *, periodic: bool, dtype: Any, device: Any, beta: float) -> torch.Tensor:
    """In float64, then cast: torch's float32 window is NaN from beta ~ 90 on (I0(beta) overflows float32)."""
    if dtype == torch.float64:
        return torch.kaiser_window(n, periodic=periodic, beta=beta, dtype=dtype, device=device)
    host = "cpu" if str(device).startswith("mps") else device  # MPS has no float64
    return torch.kaiser_window(
        n, periodic=periodic, beta=beta, dtype=torch.float64, device=host
    ).to(device, dtype)


def frame(
    x: torch.Tensor, frame_length: int, hop_length: int, axis: int, frames: int
) -> torch.Tensor:
    """A view: ``unfold`` puts the frame samples last; move them next to the frames axis."""
    if frames == 0:
        return x.new_empty((*x.shape[:axis], 0, frame_length, *x.shape[axis + 1 :]))
    return x.unfold(axis, frame_length, hop_length).movedim(-1, axis + 1)


def stft(
    x: torch.Tensor,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: torch.Tensor | None,
    center: bool,
    pad_mode: str,
    normalized: bool,
    onesided: bool,
) -> torch.Tensor:
    """``torch.stft`` over the leading axes flattened into one batch axis (torch takes 1-D or 2-D)."""
    if window is None:  # torch warns on a missing window; rectangular is what it would use
        real = torch.float32 if x.dtype in (torch.float32, torch.complex64) else torch.float64
        window = torch.ones(win_length, dtype=real, device=x.device)
    flat = x.reshape(-1, x.shape[-1]) if x.ndim > 2 else x
    out = torch.stft(
        flat,
        n_fft,
        hop_length=hop_length,
        win_length=win_length,
        window=window,
        center=center,
        pad_mode=pad_mode,
        normalized=normalized,
        onesided=onesided,
        return_complex=True,
    )
    return out.reshape(*x.shape[:-1], *out.shape[-2:]) if x.ndim > 2 else out


def istft(
    stft_matrix: torch.Tensor,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: torch.Tensor | None,
    center: bool,
    normalized: bool,
    onesided: bool,
    length: int | None,
    return_complex: bool,
) -> torch.Tensor:
    """``torch.istft`` over the leading axes flattened into one batch axis (torch takes 2-D or 3-D)."""
    if window is None:
        real = torch.float32 if stft_matrix.dtype == torch.complex64 else torch.float64
        window = torch.ones(win_length, dtype=real, device=stft_matrix.device)
    flat = stft_matrix.reshape(-1, *stft_matrix.shape[-2:]) if stft_matrix.ndim > 3 else stft_matrix
    try:
        out = torch.istft(
            flat,
            n_fft,
            hop_length=hop_length,
            win_length=win_length,
            window=window,
            center=center,
            normalized=normalized,
            onesided=onesided,
            length=length,
            return_complex=return_complex,
        )
    except RuntimeError as err:
        if "window overlap add min" not in str(err):
            raise
        raise ValueError(NOLA_MESSAGE.format(n_fft=n_fft, hop_length=hop_length)) from None
    return out.reshape(*stft_matrix.shape[:-2], out.shape[-1]) if stft_matrix.ndim > 3 else out
