"""The short-time Fourier transform and its inverse: ``stft`` and ``istft``, as torch's.

``stft`` pads the signal (``_pad_last``), frames it, windows the frames and takes
their FFT; ``istft`` inverts each frame, windows it again and adds the frames back
(``_overlap_add``, in standard calls), dividing by the squared-window envelope, which
must not vanish (the NOLA condition, ``_check_nola``). A backend's native transform
is its fast path. Real signals give complex64 for float32 and complex128 for float64
(``_complex_dtype``, with a clear error where the library lacks complex128).
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, Literal, TypeAlias, get_args

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._messages import NOLA_MESSAGE
from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _device
from ember_ml._typing import Array, ArrayT
from ember_ml.ops._extras import guard_allocation
from ember_ml.ops.signal._frame import _frame_generic

__all__ = ["istft", "stft"]

PadMode: TypeAlias = Literal["reflect", "constant", "replicate", "circular"]
PAD_MODES: tuple[str, ...] = get_args(PadMode)

_complex_names: dict[str, Any] = {}  # namespace name -> the complex dtype names it has


def _complex_dtype(xp: ModuleType, real_dtype: Any) -> Any:
    """complex64 for float32, complex128 for float64; a clear error where the library lacks it."""
    name = "complex64" if real_dtype == xp.float32 else "complex128"
    try:
        available = _complex_names[xp.__name__]
    except KeyError:
        available = _complex_names[xp.__name__] = set(
            xp.__array_namespace_info__().dtypes(kind="complex floating")
        )
    if name not in available:
        raise TypeError(
            f"{xp.__name__} has no {name}, which a {real_dtype} input needs; "
            "cast the input to float32 first (x.astype(float32)) to get complex64"
        )
    return getattr(xp, name)


def _real_dtype(xp: ModuleType, dtype: Any) -> Any:
    return xp.float32 if dtype in (xp.float32, xp.complex64) else xp.float64


def _read_flag(xp: ModuleType, flag: Any) -> bool | None:
    """``bool(flag)`` for a 0-D boolean array, or None while a compiler traces (no value to read)."""
    reader = fast_path(xp, "signal", "read_flag")
    if reader is not None:
        return reader(flag)
    return bool(flag)


# --------------------------------------------------------------------------- STFT


def _pad_last(xp: ModuleType, x: Any, pad: int, mode: str) -> Any:
    """Pad the last axis by ``pad`` on both sides (torch.nn.functional.pad's modes), in standard calls."""
    if pad == 0:
        return x
    n = x.shape[-1]
    if mode == "constant":
        zeros = xp.zeros((*x.shape[:-1], pad), dtype=x.dtype, device=_device(x))
        left = right = zeros
    elif mode == "reflect":
        left = xp.flip(x[..., 1 : pad + 1], axis=-1)
        right = xp.flip(x[..., n - 1 - pad : n - 1], axis=-1)
    elif mode == "replicate":
        left = xp.broadcast_to(x[..., :1], (*x.shape[:-1], pad))
        right = xp.broadcast_to(x[..., n - 1 :], (*x.shape[:-1], pad))
    else:  # circular
        left = x[..., n - pad :]
        right = x[..., :pad]
    return xp.concat([left, x, right], axis=-1)


def _check_pad(n: int, pad: int, mode: str) -> None:
    if mode == "reflect" and pad >= n:
        raise ValueError(
            f"reflect padding of n_fft // 2 = {pad} samples needs a signal longer than {pad} "
            f"samples, got {n}; use a smaller n_fft, pad_mode='constant', or center=False"
        )
    if mode in ("replicate", "circular") and (n == 0 or pad > n):
        raise ValueError(
            f"{mode} padding of {pad} samples needs at least {max(pad, 1)} samples, got {n}"
        )


def _window_argument(
    xp: ModuleType, window: Any, win_length: int, n_fft: int, real_dtype: Any
) -> tuple[Any, Any]:
    """(window of win_length in the computing dtype or None, computing real dtype)."""
    if window is None:
        return None, real_dtype
    if window.ndim != 1 or window.shape[0] != win_length:
        raise ValueError(
            f"window must be 1-D with win_length = {win_length} samples (n_fft = {n_fft}), "
            f"got shape {tuple(window.shape)}"
        )
    if window.dtype == real_dtype:
        return window, real_dtype
    if not xp.isdtype(window.dtype, "real floating"):
        raise TypeError(f"window must be real floating, got {window.dtype}")
    dtype = xp.result_type(real_dtype, window.dtype)
    return xp.astype(window, dtype), dtype


def _full_window(
    xp: ModuleType, window: Any, win_length: int, n_fft: int, dtype: Any, device: Any
) -> Any:
    """The window zero-padded, centred, to n_fft samples (all ones when window is None)."""
    if window is None:
        window = xp.ones((win_length,), dtype=dtype, device=device)
    left = (n_fft - win_length) // 2
    if left == 0 and win_length == n_fft:
        return window
    right = n_fft - win_length - left
    return xp.concat(
        [
            xp.zeros((left,), dtype=dtype, device=device),
            window,
            xp.zeros((right,), dtype=dtype, device=device),
        ]
    )


def stft(
    x: ArrayT,
    /,
    n_fft: int,
    *,
    hop_length: int | None = None,
    win_length: int | None = None,
    window: Array | None = None,
    center: bool = True,
    pad_mode: PadMode = "reflect",
    normalized: bool = False,
    onesided: bool = True,
) -> ArrayT:
    """Short-time Fourier transform with ``torch.stft``'s conventions; output ``(..., freq, frames)``.

    ``x`` is ``(..., samples)`` with any number of leading batch axes, real
    (float32 -> complex64, float64 -> complex128) or complex (then ``onesided=False``
    is required). ``hop_length`` defaults to ``n_fft // 4``, ``win_length`` to
    ``n_fft``; ``window`` is a 1-D array of ``win_length`` samples, zero-padded
    centred to ``n_fft`` (None: rectangular). ``center=True`` pads ``n_fft // 2``
    samples on both sides with ``pad_mode`` (``reflect``, ``constant``,
    ``replicate``, ``circular``), so frame ``t`` is centred on sample
    ``t * hop_length``. ``normalized=True`` multiplies by ``n_fft ** -0.5``.
    ``onesided=True`` keeps the ``n_fft // 2 + 1`` non-negative frequencies.
    There are ``1 + (padded_length - n_fft) // hop_length`` frames.

    Frames that were cut and windowed already (the original Ember ML's
    ``ops.stft(frames * window)``) are transformed with
    ``ops.fft.rfft(ops.frame(x, n, hop) * window, axis=-1)``, which is
    ``ops.stft(x, n, hop_length=hop, window=window, center=False)`` with frames and frequencies
    swapped (``ops.matrix_transpose``).

    Raises ``ValueError`` (with the numbers) for ``n_fft`` longer than the padded
    signal, ``hop_length <= 0``, a window of the wrong length, reflect padding longer
    than the signal, or complex input with ``onesided=True``; ``TypeError`` for
    integer input or, on MLX, float64 input (MLX has no complex128).

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> x = np.cos(2 * np.pi * 0.25 * np.arange(64))  # a quarter of the sampling rate
    >>> S = ops.stft(x, n_fft=16, hop_length=4, window=ops.hann_window(16, dtype=np.float64))
    >>> S.shape, S.dtype
    ((9, 17), dtype('complex128'))
    >>> int(np.argmax(np.abs(S[:, 8])))  # bin 4 of 16 = 0.25
    4
    """
    xp = array_namespace(x, window)
    n_fft = check_int(n_fft, "n_fft", minimum=1)
    hop_length = check_int(
        n_fft // 4 if hop_length is None else hop_length, "hop_length", minimum=1
    )
    win_length = check_int(n_fft if win_length is None else win_length, "win_length", minimum=1)
    if win_length > n_fft:
        raise ValueError(f"win_length = {win_length} must be <= n_fft = {n_fft}")
    if x.ndim == 0:
        raise ValueError(
            "stft needs a signal with at least one axis (..., samples), got a 0-D array"
        )
    if x.dtype == xp.float32 or x.dtype == xp.float64:
        is_complex = False
    elif xp.isdtype(x.dtype, "complex floating"):
        is_complex = True
        if onesided:
            raise ValueError(
                "stft of a complex signal needs onesided=False (it has no Hermitian symmetry)"
            )
    else:
        raise TypeError(
            f"stft needs float32, float64, complex64 or complex128 input, got {x.dtype}"
        )
    if pad_mode not in PAD_MODES:
        raise ValueError(f"pad_mode must be one of {', '.join(PAD_MODES)}; got {pad_mode!r}")
    n = x.shape[-1]
    pad = n_fft // 2 if center else 0
    if center:
        _check_pad(n, pad, pad_mode)
    padded = n + 2 * pad
    guard_allocation(xp, "signal", (*x.shape[:-1], padded), x.dtype, "stft")
    if n_fft > padded:
        raise ValueError(
            f"n_fft = {n_fft} is larger than the {'padded ' if center else ''}signal "
            f"({padded} samples{f' = {n} + 2 * {pad}' if center else ''})"
        )
    window, real_dtype = _window_argument(xp, window, win_length, n_fft, _real_dtype(xp, x.dtype))
    out_dtype = _complex_dtype(xp, real_dtype)
    if x.dtype != (out_dtype if is_complex else real_dtype):
        x = xp.astype(x, out_dtype if is_complex else real_dtype)
    frames = 1 + (padded - n_fft) // hop_length
    guard_allocation(
        xp, "signal", (*x.shape[:-1], frames, n_fft), out_dtype, "stft"
    )  # the framed spectra
    args = (
        x,
        n_fft,
        hop_length,
        win_length,
        window,
        center,
        pad_mode,
        bool(normalized),
        bool(onesided),
    )
    if math.prod(x.shape[:-1]) == 0:  # an empty batch (torch's FFT refuses it)
        freq = n_fft // 2 + 1 if onesided else n_fft
        return xp.zeros((*x.shape[:-1], freq, frames), dtype=out_dtype, device=_device(x))
    fast = fast_path(xp, "signal", "stft")
    if fast is not None:
        return fast(*args)
    return _stft_generic(xp, *args, frames=frames)


def _stft_generic(
    xp: ModuleType,
    x: Any,
    n_fft: int,
    hop_length: int,
    win_length: int,
    window: Any,
    center: bool,
    pad_mode: str,
    normalized: bool,
    onesided: bool,
    *,
    frames: int,
) -> Any:
    if center:
        x = _pad_last(xp, x, n_fft // 2, pad_mode)
    framed = _frame_generic(xp, x, n_fft, hop_length, x.ndim - 1, frames)  # (..., frames, n_fft)
    if window is not None:
        framed = framed * _full_window(xp, window, win_length, n_fft, window.dtype, _device(x))
    elif win_length < n_fft:
        framed = framed * _full_window(
            xp, None, win_length, n_fft, _real_dtype(xp, x.dtype), _device(x)
        )
    norm = "ortho" if normalized else "backward"
    if onesided:
        spectrum = xp.fft.rfft(framed, axis=-1, norm=norm)
    else:
        if not xp.isdtype(framed.dtype, "complex floating"):
            framed = xp.astype(framed, _complex_dtype(xp, framed.dtype))
        spectrum = xp.fft.fft(framed, axis=-1, norm=norm)
    return xp.matrix_transpose(spectrum)


# --------------------------------------------------------------------------- inverse STFT


def _overlap_add(xp: ModuleType, frames: Any, hop_length: int) -> Any:
    """Sum frames ``(..., T, n)`` placed ``hop_length`` apart: ``(..., n + hop_length * (T - 1))``.

    Standard calls only (the standard has no scatter-add): each frame is cut into
    ``R = ceil(n / hop)`` blocks of ``hop`` samples; block ``r`` of frame ``t`` lands
    on output block ``t + r``. Laying the blocks out as ``(R, T + R, hop)`` with zero
    rows appended and re-reading the flat buffer with rows of ``T + R - 1`` blocks
    shifts row ``r`` right by ``r`` blocks, so one sum over ``R`` does the adding.
    """
    *batch, t, n = frames.shape
    r = -(-n // hop_length)
    if r * hop_length > n:
        frames = xp.concat(
            [
                frames,
                xp.zeros(
                    (*batch, t, r * hop_length - n), dtype=frames.dtype, device=_device(frames)
                ),
            ],
            axis=-1,
        )
    blocks = xp.reshape(frames, (*batch, t, r, hop_length))
    nb = len(batch)
    blocks = xp.permute_dims(blocks, (*range(nb), nb + 1, nb, nb + 2))  # (..., R, T, hop)
    blocks = xp.concat(
        [blocks, xp.zeros((*batch, r, r, hop_length), dtype=frames.dtype, device=_device(frames))],
        axis=-2,
    )
    flat = xp.reshape(blocks, (*batch, r * (t + r), hop_length))
    width = t + r - 1
    shifted = xp.reshape(flat[..., : r * width, :], (*batch, r, width, hop_length))
    summed = xp.reshape(xp.sum(shifted, axis=-3), (*batch, width * hop_length))
    return summed[..., : n + hop_length * (t - 1)]


def istft(
    stft_matrix: ArrayT,
    /,
    n_fft: int,
    *,
    hop_length: int | None = None,
    win_length: int | None = None,
    window: Array | None = None,
    center: bool = True,
    normalized: bool = False,
    onesided: bool | None = None,
    length: int | None = None,
    return_complex: bool = False,
) -> ArrayT:
    """Inverse of ``stft`` by windowed overlap-add, with ``torch.istft``'s conventions.

    ``stft_matrix`` is ``(..., freq, frames)`` complex; the arguments must be those
    given to ``stft``. ``onesided`` defaults to ``freq != n_fft``. The output is
    real (complex64 -> float32, complex128 -> float64) unless ``return_complex=True``
    (for the transform of a complex signal, needs a two-sided ``stft_matrix``); a
    two-sided matrix with a real output uses its first ``n_fft // 2 + 1`` rows, as
    torch does. ``length`` trims or zero-pads the output to that many samples.

    The sum of squared windows must not vanish anywhere in the output (the NOLA
    condition), else ``ValueError``. Checking it reads the window (not the signal)
    once; inside ``torch.compile`` / ``mx.compile`` the check is skipped.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> x = np.random.default_rng(0).standard_normal(1000)
    >>> w = ops.hann_window(64, dtype=np.float64)
    >>> y = ops.istft(ops.stft(x, 64, hop_length=16, window=w), 64, hop_length=16, window=w, length=1000)
    >>> bool(np.max(np.abs(y - x)) < 1e-12)
    True
    """
    xp = array_namespace(stft_matrix, window)
    n_fft = check_int(n_fft, "n_fft", minimum=1)
    hop_length = check_int(
        n_fft // 4 if hop_length is None else hop_length, "hop_length", minimum=1
    )
    win_length = check_int(n_fft if win_length is None else win_length, "win_length", minimum=1)
    if win_length > n_fft:
        raise ValueError(f"win_length = {win_length} must be <= n_fft = {n_fft}")
    if hop_length > win_length:
        raise ValueError(
            f"hop_length = {hop_length} > win_length = {win_length} leaves samples that no window "
            "covers: the window fails the NOLA condition"
        )
    if stft_matrix.ndim < 2:
        raise ValueError(
            f"istft needs a (..., freq, frames) matrix, got shape {tuple(stft_matrix.shape)}"
        )
    if not xp.isdtype(stft_matrix.dtype, "complex floating"):
        raise TypeError(f"istft needs a complex stft_matrix, got {stft_matrix.dtype}")
    freq, frames = stft_matrix.shape[-2], stft_matrix.shape[-1]
    if onesided is None:
        onesided = freq != n_fft
    expected_freq = n_fft // 2 + 1 if onesided else n_fft
    if freq != expected_freq:
        raise ValueError(
            f"stft_matrix has {freq} frequencies; n_fft = {n_fft} with onesided={bool(onesided)} "
            f"needs {expected_freq}"
        )
    if return_complex and onesided:
        raise ValueError("return_complex=True needs a two-sided stft_matrix (onesided=False)")
    if frames < 1:
        raise ValueError("istft needs at least one frame, got 0")
    if length is not None:
        length = check_int(length, "length", minimum=0)
    window, real_dtype = _window_argument(
        xp, window, win_length, n_fft, _real_dtype(xp, stft_matrix.dtype)
    )
    complex_dtype = _complex_dtype(xp, real_dtype)
    if stft_matrix.dtype != complex_dtype:
        stft_matrix = xp.astype(stft_matrix, complex_dtype)
    start, end = _output_range(n_fft, hop_length, frames, center, length)
    guard_allocation(
        xp, "signal", (*stft_matrix.shape[:-2], max(end - start, 0)), complex_dtype, "istft"
    )
    guard_allocation(xp, "signal", (*stft_matrix.shape[:-2], frames, n_fft), complex_dtype, "istft")
    if end <= start or math.prod(stft_matrix.shape[:-2]) == 0:  # empty (torch.istft fails on it)
        out_dtype = complex_dtype if return_complex else real_dtype
        size = max(end - start, 0)
        return xp.zeros(
            (*stft_matrix.shape[:-2], size), dtype=out_dtype, device=_device(stft_matrix)
        )
    args = (
        stft_matrix,
        n_fft,
        hop_length,
        win_length,
        window,
        center,
        bool(normalized),
        bool(onesided),
        length,
        bool(return_complex),
    )
    fast = fast_path(xp, "signal", "istft")
    if fast is not None:  # it checks NOLA itself (torch.istft does)
        return fast(*args)
    return _istft_generic(xp, *args)


def _output_range(
    n_fft: int, hop_length: int, frames: int, center: bool, length: int | None
) -> tuple[int, int]:
    total = n_fft + hop_length * (frames - 1)
    start = n_fft // 2 if center else 0
    if length is not None:
        return start, start + length
    return start, total - n_fft // 2 if center else total


def _check_nola(xp: ModuleType, envelope: Any, n_fft: int, hop_length: int) -> None:
    """Raise ValueError if the squared-window envelope (over the output samples) vanishes anywhere."""
    ok = _read_flag(xp, xp.all(xp.abs(envelope) >= 1e-11))
    if ok is False:
        raise ValueError(NOLA_MESSAGE.format(n_fft=n_fft, hop_length=hop_length))


def _istft_generic(
    xp: ModuleType,
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
    real_dtype = _real_dtype(xp, stft_matrix.dtype)
    full_window = _full_window(xp, window, win_length, n_fft, real_dtype, _device(stft_matrix))
    spectra = xp.matrix_transpose(stft_matrix)  # (..., frames, freq)
    norm = "ortho" if normalized else "backward"
    if return_complex:
        frames = xp.fft.ifft(spectra, n=n_fft, axis=-1, norm=norm)
    else:
        if not onesided:
            spectra = spectra[..., : n_fft // 2 + 1]
        frames = xp.fft.irfft(spectra, n=n_fft, axis=-1, norm=norm)
    t = spectra.shape[-2]
    signal = _overlap_add(xp, frames * full_window, hop_length)
    envelope = _overlap_add(xp, xp.broadcast_to(full_window * full_window, (t, n_fft)), hop_length)
    start, end = _output_range(n_fft, hop_length, t, center, length)
    total = signal.shape[-1]
    stop = min(end, total)
    envelope = envelope[start:stop]
    _check_nola(xp, envelope, n_fft, hop_length)
    signal = signal[..., start:stop] / envelope
    if end > total:
        tail = xp.zeros(
            (*signal.shape[:-1], end - total), dtype=signal.dtype, device=_device(signal)
        )
        signal = xp.concat([signal, tail], axis=-1)
    return signal
