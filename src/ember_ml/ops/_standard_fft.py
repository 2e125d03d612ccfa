# generated from _spec.py by `python -m ember_ml.ops._generate` — do not edit
"""The array API standard's functions of the ``fft`` extension, as ``ember_ml.ops.fft`` exposes them.

Generated from the table in ``_spec.py`` by ``python -m ember_ml.ops._generate``; edit
the table or the generator, not this file. Each function finds the namespace of its
array arguments (one dictionary access per deciding argument once their types were
seen) and calls that namespace's function of the same name; with no array argument,
the selected backend's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ember_ml._selection import current_name as _current
from ember_ml._typing import ArrayT, Device, DType, SelectedArray
from ember_ml.ops._dispatch import Lookup as _Lookup

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


_fft = _Lookup("fft", "fft")
_fft_cache = _fft.cache


def fft(
    x: ArrayT,
    /,
    *,
    n: int | None = None,
    axis: int = -1,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """1-D discrete Fourier transform along an axis.

    Array API standard function ``fft.fft(x, /, *, n=None, axis=-1, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.fft.html
    """
    try:
        f = _fft_cache[type(x)]
    except KeyError:
        f = _fft.resolve(x)
    if n is None:
        return f(x, axis=axis, norm=norm)
    return f(x, n=n, axis=axis, norm=norm)


_ifft = _Lookup("fft", "ifft")
_ifft_cache = _ifft.cache


def ifft(
    x: ArrayT,
    /,
    *,
    n: int | None = None,
    axis: int = -1,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """1-D inverse discrete Fourier transform along an axis.

    Array API standard function ``fft.ifft(x, /, *, n=None, axis=-1, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.ifft.html
    """
    try:
        f = _ifft_cache[type(x)]
    except KeyError:
        f = _ifft.resolve(x)
    if n is None:
        return f(x, axis=axis, norm=norm)
    return f(x, n=n, axis=axis, norm=norm)


_fftn = _Lookup("fft", "fftn")
_fftn_cache = _fftn.cache


def fftn(
    x: ArrayT,
    /,
    *,
    s: Sequence[int] | None = None,
    axes: Sequence[int] | None = None,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """N-D discrete Fourier transform over the given axes.

    Array API standard function ``fft.fftn(x, /, *, s=None, axes=None, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.fftn.html
    """
    try:
        f = _fftn_cache[type(x)]
    except KeyError:
        f = _fftn.resolve(x)
    if s is None and axes is None:
        return f(x, norm=norm)
    return f(x, s=s, axes=axes, norm=norm)


_ifftn = _Lookup("fft", "ifftn")
_ifftn_cache = _ifftn.cache


def ifftn(
    x: ArrayT,
    /,
    *,
    s: Sequence[int] | None = None,
    axes: Sequence[int] | None = None,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """N-D inverse discrete Fourier transform over the given axes.

    Array API standard function ``fft.ifftn(x, /, *, s=None, axes=None, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.ifftn.html
    """
    try:
        f = _ifftn_cache[type(x)]
    except KeyError:
        f = _ifftn.resolve(x)
    if s is None and axes is None:
        return f(x, norm=norm)
    return f(x, s=s, axes=axes, norm=norm)


_rfft = _Lookup("fft", "rfft")
_rfft_cache = _rfft.cache


def rfft(
    x: ArrayT,
    /,
    *,
    n: int | None = None,
    axis: int = -1,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """1-D Fourier transform of real input; non-negative terms only.

    Array API standard function ``fft.rfft(x, /, *, n=None, axis=-1, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.rfft.html
    """
    try:
        f = _rfft_cache[type(x)]
    except KeyError:
        f = _rfft.resolve(x)
    if n is None:
        return f(x, axis=axis, norm=norm)
    return f(x, n=n, axis=axis, norm=norm)


_irfft = _Lookup("fft", "irfft")
_irfft_cache = _irfft.cache


def irfft(
    x: ArrayT,
    /,
    *,
    n: int | None = None,
    axis: int = -1,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """Inverse of rfft; returns real output of length n.

    Array API standard function ``fft.irfft(x, /, *, n=None, axis=-1, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.irfft.html
    """
    try:
        f = _irfft_cache[type(x)]
    except KeyError:
        f = _irfft.resolve(x)
    if n is None:
        return f(x, axis=axis, norm=norm)
    return f(x, n=n, axis=axis, norm=norm)


_rfftn = _Lookup("fft", "rfftn")
_rfftn_cache = _rfftn.cache


def rfftn(
    x: ArrayT,
    /,
    *,
    s: Sequence[int] | None = None,
    axes: Sequence[int] | None = None,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """N-D Fourier transform of real input over the given axes.

    Array API standard function ``fft.rfftn(x, /, *, s=None, axes=None, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.rfftn.html
    """
    try:
        f = _rfftn_cache[type(x)]
    except KeyError:
        f = _rfftn.resolve(x)
    if s is None and axes is None:
        return f(x, norm=norm)
    return f(x, s=s, axes=axes, norm=norm)


_irfftn = _Lookup("fft", "irfftn")
_irfftn_cache = _irfftn.cache


def irfftn(
    x: ArrayT,
    /,
    *,
    s: Sequence[int] | None = None,
    axes: Sequence[int] | None = None,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """Inverse of rfftn; returns real output.

    Array API standard function ``fft.irfftn(x, /, *, s=None, axes=None, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.irfftn.html
    """
    try:
        f = _irfftn_cache[type(x)]
    except KeyError:
        f = _irfftn.resolve(x)
    if s is None and axes is None:
        return f(x, norm=norm)
    return f(x, s=s, axes=axes, norm=norm)


_hfft = _Lookup("fft", "hfft")
_hfft_cache = _hfft.cache


def hfft(
    x: ArrayT,
    /,
    *,
    n: int | None = None,
    axis: int = -1,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """1-D FFT of a Hermitian-symmetric signal; real output.

    Array API standard function ``fft.hfft(x, /, *, n=None, axis=-1, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.hfft.html
    """
    try:
        f = _hfft_cache[type(x)]
    except KeyError:
        f = _hfft.resolve(x)
    if n is None:
        return f(x, axis=axis, norm=norm)
    return f(x, n=n, axis=axis, norm=norm)


_ihfft = _Lookup("fft", "ihfft")
_ihfft_cache = _ihfft.cache


def ihfft(
    x: ArrayT,
    /,
    *,
    n: int | None = None,
    axis: int = -1,
    norm: Literal["backward", "ortho", "forward"] = "backward",
) -> ArrayT:
    """Inverse of hfft for real input; Hermitian half-spectrum.

    Array API standard function ``fft.ihfft(x, /, *, n=None, axis=-1, norm='backward')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.ihfft.html
    """
    try:
        f = _ihfft_cache[type(x)]
    except KeyError:
        f = _ihfft.resolve(x)
    if n is None:
        return f(x, axis=axis, norm=norm)
    return f(x, n=n, axis=axis, norm=norm)


_fftfreq = _Lookup("fft", "fftfreq")
_fftfreq_cache = _fftfreq.cache
_fftfreq_by_backend = _fftfreq.by_backend


def fftfreq(
    n: int, /, *, d: float = 1.0, dtype: DType | None = None, device: Device | None = None
) -> SelectedArray:
    """Sample frequencies of an fft of length n with spacing d.

    Array API standard function ``fft.fftfreq(n, /, *, d=1.0, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.fftfreq.html
    """
    if dtype is None:
        try:
            f = _fftfreq_by_backend[_current()]
        except KeyError:
            f = _fftfreq.selected()
    else:
        try:
            f = _fftfreq_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _fftfreq.resolve(dtype)
    if dtype is None and device is None:
        return f(n, d=d)
    return f(n, d=d, dtype=dtype, device=device)


_rfftfreq = _Lookup("fft", "rfftfreq")
_rfftfreq_cache = _rfftfreq.cache
_rfftfreq_by_backend = _rfftfreq.by_backend


def rfftfreq(
    n: int, /, *, d: float = 1.0, dtype: DType | None = None, device: Device | None = None
) -> SelectedArray:
    """Sample frequencies of an rfft of length n with spacing d.

    Array API standard function ``fft.rfftfreq(n, /, *, d=1.0, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.rfftfreq.html
    """
    if dtype is None:
        try:
            f = _rfftfreq_by_backend[_current()]
        except KeyError:
            f = _rfftfreq.selected()
    else:
        try:
            f = _rfftfreq_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _rfftfreq.resolve(dtype)
    if dtype is None and device is None:
        return f(n, d=d)
    return f(n, d=d, dtype=dtype, device=device)


_fftshift = _Lookup("fft", "fftshift")
_fftshift_cache = _fftshift.cache


def fftshift(x: ArrayT, /, *, axes: int | Sequence[int] | None = None) -> ArrayT:
    """Move the zero-frequency term to the center of the spectrum.

    Array API standard function ``fft.fftshift(x, /, *, axes=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.fftshift.html
    """
    try:
        f = _fftshift_cache[type(x)]
    except KeyError:
        f = _fftshift.resolve(x)
    if axes is None:
        return f(x)
    return f(x, axes=axes)


_ifftshift = _Lookup("fft", "ifftshift")
_ifftshift_cache = _ifftshift.cache


def ifftshift(x: ArrayT, /, *, axes: int | Sequence[int] | None = None) -> ArrayT:
    """Undo fftshift: move the center term back to index zero.

    Array API standard function ``fft.ifftshift(x, /, *, axes=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.fft.ifftshift.html
    """
    try:
        f = _ifftshift_cache[type(x)]
    except KeyError:
        f = _ifftshift.resolve(x)
    if axes is None:
        return f(x)
    return f(x, axes=axes)


for _name in __all__:  # the functions are ember_ml.ops.fft's
    globals()[_name].__module__ = "ember_ml.ops.fft"
del _name
