"""``fft`` extension of the MLX namespace (array API 2025.12)."""

from __future__ import annotations

from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._dtypes import _code
from ember_ml.backend.mlx._info import _stream

__all__ = [
    "fft",
    "ifft",
    "fftn",
    "ifftn",
    "rfft",
    "irfft",
    "rfftn",
    "irfftn",
    "hfft",
    "ihfft",
    "fftfreq",
    "rfftfreq",
    "fftshift",
    "ifftshift",
]

_NORMS = ("backward", "ortho", "forward")
_FLOAT32 = mx.float32
_FAST_FREQ_N = (
    2**24
)  # fftfreq/rfftfreq lengths answered without the size validator (64 MiB in float32)
_FREQ_DTYPE_C = frozenset(map(_code, (mx.float16, mx.bfloat16, mx.float32, mx.float64)))

# Fast paths: the defaults (n=None, axis=-1 / s=None, axes=None, norm="backward") on an array whose
# transformed axes are non-empty go straight to MLX, the same call the checked path ends in.


def _norm(norm: str) -> str:
    if norm not in _NORMS:
        raise ValueError(f"norm must be one of {_NORMS}, got {norm!r}")
    return norm


def _n(x: mx.array, n: Any, axis: Any, what: str, *, half: bool = False) -> tuple[Any, int]:
    """Checked ``n`` and ``axis`` (sizes through the one validator: no int32 overflow in MLX)."""
    ax = _bounds.axis(axis, x.ndim, what)
    if n is not None:
        n = _bounds.size(n, f"{what}: n")
        if n < 1:
            raise ValueError(f"{what}: n must be at least 1, got {n}")
        others = 1
        for i, d in enumerate(x.shape):
            others *= d if i != ax else 1
        _bounds.nbytes_ok(n * others, 8, what)
    elif x.shape[ax] == 0 or (half and x.shape[ax] < 2 and n is None and what == "irfft"):
        raise ValueError(f"{what}: the transformed axis has length {x.shape[ax]}")
    return n, ax


def _one_axis_transform(name: str, shortest: int = 1) -> tuple[Any, Any]:
    """``(transform, general)`` for MLX's ``mx.fft.<name>``: ``general`` checks ``n`` and ``axis``
    first; ``transform`` calls MLX directly for the default arguments on a last axis of at
    least ``shortest`` samples (the same call ``general`` ends in), ``general`` otherwise."""
    native = getattr(mx.fft, name)
    half = name == "irfft"

    def general(
        x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward"
    ) -> mx.array:
        n, axis = _n(x, n, axis, name, half=half)
        return native(x, n=n, axis=axis, norm=_norm(norm))

    def transform(
        x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward"
    ) -> mx.array:
        if (
            n is None
            and type(axis) is int
            and axis == -1
            and type(norm) is str
            and norm == "backward"
        ):
            shape = x.shape
            if shape and shape[-1] >= shortest:
                return native(x)
        return general(x, n=n, axis=axis, norm=norm)

    transform.__name__ = transform.__qualname__ = name
    general.__name__ = general.__qualname__ = f"_{name}_general"
    return transform, general


# mlx 0.32.4: n and axis not checked (a terminate past int32); empty axes
fft, _fft_general = _one_axis_transform("fft")
# mlx 0.32.4: n and axis not checked (a terminate past int32); empty axes
ifft, _ifft_general = _one_axis_transform("ifft")
# mlx 0.32.4: n and axis not checked (a terminate past int32); empty axes
rfft, _rfft_general = _one_axis_transform("rfft")
# mlx 0.32.4: n and axis not checked (a terminate past int32); empty axes
irfft, _irfft_general = _one_axis_transform("irfft", shortest=2)


def _s_axes(x: mx.array, s: Any, axes: Any, what: str) -> tuple[Any, Any]:
    """Checked ``s`` and ``axes`` of an n-D transform (one validator, before MLX sees them)."""
    if axes is not None:
        axes = _bounds.axes(axes, x.ndim, what)
    if s is not None:
        s = list(_bounds.shape(s, f"{what}: s"))
        if any(v < 1 for v in s):
            raise ValueError(f"{what}: every entry of s must be at least 1, got {s}")
        if axes is None:
            if len(s) > x.ndim:
                raise ValueError(
                    f"{what}: s has {len(s)} entries for an array of dimension {x.ndim}"
                )
            axes = list(range(x.ndim - len(s), x.ndim))
        elif len(s) != len(axes):
            raise ValueError(f"{what}: s has {len(s)} entries but axes has {len(axes)}")
        out = list(x.shape)
        for a, v in zip(axes, s, strict=True):
            out[a] = v
        _bounds.shape(out, what, itemsize=8)
    for a in axes if axes is not None else range(x.ndim):
        if x.shape[a] == 0 and s is None:
            raise ValueError(f"{what}: the transformed axis {a} has length 0")
    return s, axes


def _n_axes_transform(name: str) -> tuple[Any, Any]:
    """``(transform, general)`` for MLX's n-D ``mx.fft.<name>``, as ``_one_axis_transform``:
    MLX directly for the default arguments on an array with no empty axis."""
    native = getattr(mx.fft, name)

    def general(
        x: mx.array, /, *, s: Any = None, axes: Any = None, norm: str = "backward"
    ) -> mx.array:
        s, axes = _s_axes(x, s, axes, name)
        return native(x, s=s, axes=axes, norm=_norm(norm))

    def transform(
        x: mx.array, /, *, s: Any = None, axes: Any = None, norm: str = "backward"
    ) -> mx.array:
        if s is None and axes is None and type(norm) is str and norm == "backward":
            shape = x.shape
            if shape and 0 not in shape:
                return native(x)
        return general(x, s=s, axes=axes, norm=norm)

    transform.__name__ = transform.__qualname__ = name
    general.__name__ = general.__qualname__ = f"_{name}_general"
    return transform, general


# mlx 0.32.4: s and axes not checked (a terminate on s=(2**40,)); empty axes
fftn, _fftn_general = _n_axes_transform("fftn")
# mlx 0.32.4: s and axes not checked (a terminate on s=(2**40,)); empty axes
ifftn, _ifftn_general = _n_axes_transform("ifftn")
# mlx 0.32.4: s and axes not checked (a terminate on s=(2**40,)); empty axes
rfftn, _rfftn_general = _n_axes_transform("rfftn")
# mlx 0.32.4: s and axes not checked (a terminate on s=(2**40,)); empty axes
irfftn, _irfftn_general = _n_axes_transform("irfftn")


_SWAP = {"backward": "forward", "forward": "backward", "ortho": "ortho"}


# mlx 0.32.4: no mx.fft.hfft
def hfft(
    x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward"
) -> mx.array:
    # hfft(x, n) == irfft(conj(x), n) with the normalisation swapped
    if x.dtype not in (mx.complex64,):
        x = x.astype(mx.complex64)
    n, axis = _n(x, n, axis, "hfft")
    return mx.fft.irfft(mx.conj(x), n=n, axis=axis, norm=_SWAP[_norm(norm)])


# mlx 0.32.4: no mx.fft.ihfft
def ihfft(
    x: mx.array, /, *, n: int | None = None, axis: int = -1, norm: str = "backward"
) -> mx.array:
    n, axis = _n(x, n, axis, "ihfft")
    return mx.conj(mx.fft.rfft(x, n=n, axis=axis, norm=_SWAP[_norm(norm)]))


# mlx 0.32.4: no dtype=/device=
def fftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> mx.array:
    if (
        type(n) is int
        and 0 < n <= _FAST_FREQ_N
        and device is None
        and (type(d) is float or type(d) is int)
        and (dtype is None or type(dtype) is mx.Dtype and _code(dtype) in _FREQ_DTYPE_C)
    ):
        dt = dtype or _FLOAT32
        k = mx.concatenate(
            [mx.arange(0, (n - 1) // 2 + 1, dtype=dt), mx.arange(-(n // 2), 0, dtype=dt)]
        )
        return k / (n * d)  # the Python number becomes dt, as mx.array(n * d, dtype=dt) does
    return _fftfreq_general(n, d=d, dtype=dtype, device=device)


def _fftfreq_general(
    n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None
) -> mx.array:
    dtype = dtype or mx.float32
    n = _bounds.size(n, "fftfreq: n")
    if n < 1:
        raise ValueError(f"fftfreq: n must be at least 1, got {n}")
    _bounds.nbytes_ok(n, dtype.size, "fftfreq")
    st = _stream(device)
    # computed in the requested dtype (MLX's own fftfreq is float32 only)
    k = mx.concatenate(
        [
            mx.arange(0, (n - 1) // 2 + 1, dtype=dtype, stream=st),
            mx.arange(-(n // 2), 0, dtype=dtype, stream=st),
        ]
    )
    return k / mx.array(n * d, dtype=dtype)


# mlx 0.32.4: no dtype=/device=
def rfftfreq(n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None) -> mx.array:
    if (
        type(n) is int
        and 0 < n <= _FAST_FREQ_N
        and device is None
        and (type(d) is float or type(d) is int)
        and (dtype is None or type(dtype) is mx.Dtype and _code(dtype) in _FREQ_DTYPE_C)
    ):
        return mx.arange(0, n // 2 + 1, dtype=dtype or _FLOAT32) / (n * d)
    return _rfftfreq_general(n, d=d, dtype=dtype, device=device)


def _rfftfreq_general(
    n: int, /, *, d: float = 1.0, dtype: Any = None, device: Any = None
) -> mx.array:
    dtype = dtype or mx.float32
    n = _bounds.size(n, "rfftfreq: n")
    if n < 1:
        raise ValueError(f"rfftfreq: n must be at least 1, got {n}")
    _bounds.nbytes_ok(n // 2 + 1, dtype.size, "rfftfreq")
    return mx.arange(0, n // 2 + 1, dtype=dtype, stream=_stream(device)) / mx.array(
        n * d, dtype=dtype
    )


# mlx 0.32.4: none measured for valid axes: the axes check
def fftshift(x: mx.array, /, *, axes: Any = None) -> mx.array:
    if axes is None:
        return mx.fft.fftshift(x)
    return _fftshift_general(x, axes=axes)


def _fftshift_general(x: mx.array, /, *, axes: Any = None) -> mx.array:
    return mx.fft.fftshift(x, axes=axes if axes is None or isinstance(axes, int) else list(axes))


# mlx 0.32.4: none measured for valid axes: the axes check
def ifftshift(x: mx.array, /, *, axes: Any = None) -> mx.array:
    if axes is None:
        return mx.fft.ifftshift(x)
    return _ifftshift_general(x, axes=axes)


def _ifftshift_general(x: mx.array, /, *, axes: Any = None) -> mx.array:
    return mx.fft.ifftshift(x, axes=axes if axes is None or isinstance(axes, int) else list(axes))
