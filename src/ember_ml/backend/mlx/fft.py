"""``fft`` extension of the MLX namespace (array API 2025.12)."""

from __future__ import annotations

from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx._aliases import _stream

__all__ = [
    "fft", "ifft", "fftn", "ifftn", "rfft", "irfft", "rfftn", "irfftn", "hfft", "ihfft",
    "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]

_NORMS = ("backward", "ortho", "forward")


def _norm(norm: str) -> str:
    if norm not in _NORMS:
        raise ValueError(f"norm must be one of {_NORMS}, got {norm!r}")
    return norm


def fft(x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> mx.array:
    return mx.fft.fft(x, n=n, axis=axis, norm=_norm(norm))


def ifft(x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> mx.array:
    return mx.fft.ifft(x, n=n, axis=axis, norm=_norm(norm))


def rfft(x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> mx.array:
    return mx.fft.rfft(x, n=n, axis=axis, norm=_norm(norm))


def irfft(x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> mx.array:
    return mx.fft.irfft(x, n=n, axis=axis, norm=_norm(norm))


def _axes(s: Any, axes: Any) -> Any:
    if axes is not None:
        return list(axes)
    return None if s is None else list(range(-len(s), 0))


def fftn(x: mx.array, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> mx.array:
    return mx.fft.fftn(x, s=None if s is None else list(s), axes=_axes(s, axes), norm=_norm(norm))


def ifftn(x: mx.array, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> mx.array:
    return mx.fft.ifftn(x, s=None if s is None else list(s), axes=_axes(s, axes), norm=_norm(norm))


def rfftn(x: mx.array, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> mx.array:
    return mx.fft.rfftn(x, s=None if s is None else list(s), axes=_axes(s, axes), norm=_norm(norm))


def irfftn(x: mx.array, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> mx.array:
    return mx.fft.irfftn(x, s=None if s is None else list(s), axes=_axes(s, axes), norm=_norm(norm))


_SWAP = {"backward": "forward", "forward": "backward", "ortho": "ortho"}


def hfft(x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> mx.array:
    # hfft(x, n) == irfft(conj(x), n) with the normalisation swapped
    if x.dtype not in (mx.complex64,):
        x = x.astype(mx.complex64)
    return mx.fft.irfft(mx.conj(x), n=n, axis=axis, norm=_SWAP[_norm(norm)])


def ihfft(x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward") -> mx.array:
    return mx.conj(mx.fft.rfft(x, n=n, axis=axis, norm=_SWAP[_norm(norm)]))


def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> mx.array:
    dtype = dtype or mx.float32
    st = _stream(device)
    # computed in the requested dtype (MLX's own fftfreq is float32 only)
    k = mx.concatenate(
        [mx.arange(0, (n - 1) // 2 + 1, dtype=dtype, stream=st), mx.arange(-(n // 2), 0, dtype=dtype, stream=st)]
    )
    return k / mx.array(n * d, dtype=dtype)


def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> mx.array:
    dtype = dtype or mx.float32
    return mx.arange(0, n // 2 + 1, dtype=dtype, stream=_stream(device)) / mx.array(n * d, dtype=dtype)


def fftshift(x: mx.array, /, *, axes: Any = None) -> mx.array:
    return mx.fft.fftshift(x, axes=axes if axes is None or isinstance(axes, int) else list(axes))


def ifftshift(x: mx.array, /, *, axes: Any = None) -> mx.array:
    return mx.fft.ifftshift(x, axes=axes if axes is None or isinstance(axes, int) else list(axes))
