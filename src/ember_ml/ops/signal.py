"""Signal processing: windows, framing, STFT and inverse STFT (extras the standard lacks).

Re-exported at the top of ``ember_ml.ops`` (``ops.stft``, ``ops.hann_window``, ...).
The conventions are torch's (``torch.stft`` / ``torch.istft`` / ``torch.*_window``):
periodic windows by default, ``(..., freq, frames)`` complex output, reflect padding
when ``center=True``, ``normalized=True`` scales by ``n_fft ** -0.5``.

Each function has one generic implementation in standard calls (it runs on any
standard library, e.g. array-api-strict) and a native fast path per backend where the
library has one (``ember_ml.backend.<library>._signal``).

>>> import numpy as np
>>> from ember_ml import ops
>>> x = np.sin(np.linspace(0.0, 40.0, 400))
>>> ops.stft(x, n_fft=64, hop_length=16, window=ops.hann_window(64, dtype=np.float64)).shape
(33, 26)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _device
from ember_ml.ops._extras import fast_path, is_real_floating

__all__ = [
    "bartlett_window",
    "blackman_window",
    "frame",
    "hamming_window",
    "hann_window",
    "istft",
    "kaiser_window",
    "stft",
]

PAD_MODES = ("reflect", "constant", "replicate", "circular")


# --------------------------------------------------------------------------- helpers


def _check_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(value.__index__())
        except (AttributeError, TypeError):
            raise TypeError(f"{name} must be an int, got {value!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def _guard(xp: ModuleType, shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Refuse, before the library allocates, an array it would crash on (MLX: int32 axes, failed allocations)."""
    check = fast_path(xp, "signal", "check_allocation")
    if check is not None:
        check(shape, dtype, what)


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


# --------------------------------------------------------------------------- windows


def _window_setup(
    name: str, window_length: Any, dtype: Any, device: Any
) -> tuple[ModuleType, int, Any]:
    window_length = _check_int("window_length", window_length, 0)
    xp = array_namespace(dtype)  # a library's dtype decides; None: the selected backend
    if dtype is None:
        dtype = xp.__array_namespace_info__().default_dtypes(device=device)["real floating"]
    elif not is_real_floating(xp, dtype):
        raise TypeError(f"{name} needs a real floating dtype, got {dtype}")
    _guard(xp, (window_length,), dtype, name)
    return xp, window_length, dtype


def _cosine_window(
    xp: ModuleType,
    n: int,
    periodic: bool,
    dtype: Any,
    device: Any,
    *,
    coefficients: tuple[float, ...],
) -> Any:
    """sum_k (-1)^k a_k cos(2 pi k i / d), d = n (periodic) or n - 1 (symmetric)."""
    phase = xp.arange(n, dtype=dtype, device=device) * (2.0 * math.pi / (n if periodic else n - 1))
    window = xp.full((n,), coefficients[0], dtype=dtype, device=device)
    for k, a in enumerate(coefficients[1:], start=1):
        term = a * xp.cos(phase * float(k))
        window = window - term if k % 2 else window + term
    return window


def _make_window(
    name: str,
    generic: Callable[[ModuleType, int, bool, Any, Any], Any],
    window_length: Any,
    periodic: bool,
    dtype: Any,
    device: Any,
    **options: Any,
) -> Any:
    xp, n, dtype = _window_setup(name, window_length, dtype, device)
    fast = fast_path(xp, "signal", name)
    if fast is not None:
        return fast(n, periodic=bool(periodic), dtype=dtype, device=device, **options)
    if n <= 1:  # every window of 0 or 1 points is ones
        return xp.ones((n,), dtype=dtype, device=device)
    return generic(xp, n, bool(periodic), dtype, device, **options)


def hann_window(
    window_length: int, *, periodic: bool = True, dtype: Any = None, device: Any = None
) -> Any:
    """Hann window ``0.5 - 0.5 cos(2 pi n / N)`` as ``torch.hann_window`` computes it.

    ``periodic=True`` (the default, for spectral analysis) gives the first
    ``window_length`` points of a symmetric window of ``window_length + 1``;
    ``periodic=False`` the symmetric window (``np.hanning``). The array is made on the
    selected backend, or on the library of ``dtype`` when that is a library's dtype
    (``dtype=torch.float64`` makes a torch tensor), in ``dtype`` (default: the library's
    default floating dtype) on ``device``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.hann_window(4, dtype=np.float64)
    array([0. , 0.5, 1. , 0.5])
    >>> ops.hann_window(4, periodic=False, dtype=np.float64)
    array([0.  , 0.75, 0.75, 0.  ])
    """
    return _make_window("hann_window", _hann, window_length, periodic, dtype, device)


_hann = functools.partial(_cosine_window, coefficients=(0.5, 0.5))


def hamming_window(
    window_length: int, *, periodic: bool = True, dtype: Any = None, device: Any = None
) -> Any:
    """Hamming window ``0.54 - 0.46 cos(2 pi n / N)`` as ``torch.hamming_window`` computes it.

    Arguments as in ``hann_window``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.hamming_window(4, dtype=np.float64)
    array([0.08, 0.54, 1.  , 0.54])
    """
    return _make_window("hamming_window", _hamming, window_length, periodic, dtype, device)


_hamming = functools.partial(_cosine_window, coefficients=(0.54, 0.46))


def blackman_window(
    window_length: int, *, periodic: bool = True, dtype: Any = None, device: Any = None
) -> Any:
    """Blackman window ``0.42 - 0.5 cos(2 pi n / N) + 0.08 cos(4 pi n / N)`` as torch computes it.

    Arguments as in ``hann_window``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> w = ops.blackman_window(8, dtype=np.float64)
    >>> bool(abs(w[4] - 1.0) < 1e-12 and abs(w[0]) < 1e-12)
    True
    """
    return _make_window("blackman_window", _blackman, window_length, periodic, dtype, device)


_blackman = functools.partial(_cosine_window, coefficients=(0.42, 0.5, 0.08))


def bartlett_window(
    window_length: int, *, periodic: bool = True, dtype: Any = None, device: Any = None
) -> Any:
    """Bartlett (triangular) window ``1 - |2n / N - 1|`` as ``torch.bartlett_window`` computes it.

    Arguments as in ``hann_window``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.bartlett_window(4, dtype=np.float64)
    array([0. , 0.5, 1. , 0.5])
    """
    return _make_window("bartlett_window", _bartlett, window_length, periodic, dtype, device)


def _bartlett(xp: ModuleType, n: int, periodic: bool, dtype: Any, device: Any) -> Any:
    ramp = xp.arange(n, dtype=dtype, device=device) * (2.0 / (n if periodic else n - 1))
    return 1.0 - xp.abs(ramp - 1.0)


def kaiser_window(
    window_length: int,
    *,
    periodic: bool = True,
    beta: float = 12.0,
    dtype: Any = None,
    device: Any = None,
) -> Any:
    """Kaiser window ``I0(beta sqrt(1 - (2n/N - 1)^2)) / I0(beta)`` as ``torch.kaiser_window``.

    ``beta`` is a Python number >= 0 (default 12.0, torch's). The Bessel function
    ``I0`` is summed as its power series in the window's dtype, scaled by
    ``1 / I0(beta)`` so no term exceeds 1; float32 windows therefore need
    ``beta`` below about 100 (``1 / I0(beta)`` underflows beyond). Other arguments as
    in ``hann_window``.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> w = ops.kaiser_window(5, periodic=False, beta=0.0, dtype=np.float64)
    >>> w
    array([1., 1., 1., 1., 1.])
    """
    if isinstance(beta, bool) or not isinstance(beta, (int, float)):
        raise TypeError(f"beta must be a Python number, got {beta!r}")
    beta = float(beta)
    if not (beta >= 0.0 and math.isfinite(beta)):
        raise ValueError(f"beta must be a finite number >= 0, got {beta}")
    if (
        beta > _KAISER_MAX_BETA
    ):  # I0(beta) overflows float64 (and its series would take ~beta / 2 terms)
        raise ValueError(
            f"beta must be <= {_KAISER_MAX_BETA} (I0(beta) overflows float64 beyond), got {beta}"
        )
    return _make_window("kaiser_window", _kaiser, window_length, periodic, dtype, device, beta=beta)


_KAISER_MAX_BETA = 700.0


def _bessel_i0_terms(beta: float) -> tuple[int, float]:
    """How many power-series terms I0 needs on [0, beta], and I0(beta), both in Python floats."""
    quarter = (beta / 2.0) ** 2
    total, term, k = 1.0, 1.0, 0
    while True:
        k += 1
        term *= quarter / (k * k)
        total += term
        if k > beta / 2.0 and term < 1e-18 * total:
            return k, total


def _kaiser(xp: ModuleType, n: int, periodic: bool, dtype: Any, device: Any, *, beta: float) -> Any:
    m = n if periodic else n - 1  # the symmetric window of m + 1 points, first n of them
    ramp = xp.arange(n, dtype=dtype, device=device) * (2.0 / m) - 1.0
    quarter = xp.clip(1.0 - ramp * ramp, min=0.0) * (
        beta * beta / 4.0
    )  # (x / 2)^2, x = beta sqrt(.)
    terms, i0_beta = _bessel_i0_terms(beta)
    scale = 1.0 / i0_beta
    # Horner on sum_k q^k / (k!)^2, each level scaled by 1 / I0(beta): every partial value <= 1.
    result = xp.full((n,), scale, dtype=dtype, device=device)
    for k in range(terms, 0, -1):
        result = scale + result * quarter * (1.0 / (k * k))
    return result


# --------------------------------------------------------------------------- frame


def frame(
    x: Any,
    frame_length: int,
    hop_length: int,
    axis: int = -1,
    pad_end: bool = False,
    pad_value: float = 0,
) -> Any:
    """Split ``axis`` of ``x`` into overlapping frames: that axis becomes ``(frames, frame_length)``.

    Frame ``t`` holds samples ``t * hop_length ... t * hop_length + frame_length - 1``.
    Without ``pad_end`` there are ``1 + (n - frame_length) // hop_length`` frames (0
    when the signal is shorter than one frame); with ``pad_end`` there are
    ``ceil(n / hop_length)`` and the signal is extended with ``pad_value``, as
    ``tf.signal.frame`` does. For ``axis=-1`` the result is ``[..., frames,
    frame_length]`` (``Tensor.unfold``'s layout). NumPy, torch and MLX return a
    strided view where no padding is needed (do not write into it); other libraries
    a gathered copy.

    >>> import numpy as np
    >>> from ember_ml import ops
    >>> ops.frame(np.arange(7), 3, 2)
    array([[0, 1, 2],
           [2, 3, 4],
           [4, 5, 6]])
    >>> ops.frame(np.arange(7), 3, 2, pad_end=True).shape
    (4, 3)
    """
    xp = array_namespace(x)
    frame_length = _check_int("frame_length", frame_length, 1)
    hop_length = _check_int("hop_length", hop_length, 1)
    if x.ndim == 0:
        raise ValueError("frame needs an array with at least one axis, got a 0-D array")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis {axis} is out of range for an array with {x.ndim} axes")
    axis %= x.ndim
    n = x.shape[axis]
    if pad_end:
        frames = -(-n // hop_length)
        padded = (frames - 1) * hop_length + frame_length if frames else 0
        _guard(xp, (*x.shape[:axis], padded, *x.shape[axis + 1 :]), x.dtype, "frame")
        if padded > n:
            x = _pad_axis_value(xp, x, axis, padded - n, pad_value)
    else:
        frames = 1 + (n - frame_length) // hop_length if n >= frame_length else 0
    _guard(xp, (*x.shape[:axis], frames, frame_length, *x.shape[axis + 1 :]), x.dtype, "frame")
    fast = fast_path(xp, "signal", "frame")
    if fast is not None:
        return fast(x, frame_length, hop_length, axis, frames)
    return _frame_generic(xp, x, frame_length, hop_length, axis, frames)


def _pad_axis_value(xp: ModuleType, x: Any, axis: int, count: int, value: float) -> Any:
    shape = list(x.shape)
    shape[axis] = count
    fill = xp.full(tuple(shape), value, dtype=x.dtype, device=_device(x))
    return xp.concat([x, fill], axis=axis)


def _frame_generic(
    xp: ModuleType, x: Any, frame_length: int, hop_length: int, axis: int, frames: int
) -> Any:
    """Frames by one ``take`` of a (frames * frame_length) index vector along ``axis``."""
    starts = xp.arange(frames, dtype=xp.int64, device=_device(x)) * hop_length
    offsets = xp.arange(frame_length, dtype=xp.int64, device=_device(x))
    index = xp.reshape(starts[:, None] + offsets[None, :], (frames * frame_length,))
    taken = xp.take(x, index, axis=axis)
    shape = (*x.shape[:axis], frames, frame_length, *x.shape[axis + 1 :])
    return xp.reshape(taken, shape)


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
    x: Any,
    n_fft: int,
    hop_length: int | None = None,
    win_length: int | None = None,
    window: Any = None,
    center: bool = True,
    pad_mode: str = "reflect",
    normalized: bool = False,
    onesided: bool = True,
) -> Any:
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
    ``ops.stft(x, n, hop, window=window, center=False)`` with frames and frequencies
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
    n_fft = _check_int("n_fft", n_fft, 1)
    hop_length = _check_int("hop_length", n_fft // 4 if hop_length is None else hop_length, 1)
    win_length = _check_int("win_length", n_fft if win_length is None else win_length, 1)
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
    _guard(xp, (*x.shape[:-1], padded), x.dtype, "stft")
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
    _guard(xp, (*x.shape[:-1], frames, n_fft), out_dtype, "stft")  # the framed spectra
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
    stft_matrix: Any,
    n_fft: int,
    hop_length: int | None = None,
    win_length: int | None = None,
    window: Any = None,
    center: bool = True,
    normalized: bool = False,
    onesided: bool | None = None,
    length: int | None = None,
    return_complex: bool = False,
) -> Any:
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
    >>> y = ops.istft(ops.stft(x, 64, 16, window=w), 64, 16, window=w, length=1000)
    >>> bool(np.max(np.abs(y - x)) < 1e-12)
    True
    """
    xp = array_namespace(stft_matrix, window)
    n_fft = _check_int("n_fft", n_fft, 1)
    hop_length = _check_int("hop_length", n_fft // 4 if hop_length is None else hop_length, 1)
    win_length = _check_int("win_length", n_fft if win_length is None else win_length, 1)
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
        length = _check_int("length", length, 0)
    window, real_dtype = _window_argument(
        xp, window, win_length, n_fft, _real_dtype(xp, stft_matrix.dtype)
    )
    complex_dtype = _complex_dtype(xp, real_dtype)
    if stft_matrix.dtype != complex_dtype:
        stft_matrix = xp.astype(stft_matrix, complex_dtype)
    start, end = _output_range(n_fft, hop_length, frames, center, length)
    _guard(xp, (*stft_matrix.shape[:-2], max(end - start, 0)), complex_dtype, "istft")
    _guard(xp, (*stft_matrix.shape[:-2], frames, n_fft), complex_dtype, "istft")
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


NOLA_MESSAGE = (
    "the window fails the NOLA condition for n_fft = {n_fft}, hop_length = {hop_length}: the sum of "
    "squared windows vanishes (< 1e-11) at some output samples, which cannot be reconstructed; "
    "use a smaller hop_length or a window without zeros over a hop"
)


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
