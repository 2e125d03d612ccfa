"""Windows: ``hann_window``, ``hamming_window``, ``blackman_window``, ``bartlett_window``, ``kaiser_window``.

Each computes as ``torch.<name>`` does (periodic by default) and is made on the
selected backend, or on the library whose dtype is given. One setup checks the
arguments (``_window_setup``), one function picks the backend's native window or the
generic formula (``_make_window``); the generic formulas are the cosine sums
(``_cosine_window``), the triangle (``_bartlett``) and the Kaiser window's Bessel
series (``_kaiser``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._namespace import array_namespace
from ember_ml._typing import Device, DType, SelectedArray
from ember_ml.ops._extras import guard_allocation, is_real_floating

__all__ = ["bartlett_window", "blackman_window", "hamming_window", "hann_window", "kaiser_window"]


def _window_setup(
    name: str, window_length: Any, dtype: Any, device: Any
) -> tuple[ModuleType, int, Any]:
    window_length = check_int(window_length, "window_length", minimum=0)
    xp = array_namespace(dtype)  # a library's dtype decides; None: the selected backend
    if dtype is None:
        dtype = xp.__array_namespace_info__().default_dtypes(device=device)["real floating"]
    elif not is_real_floating(xp, dtype):
        raise TypeError(f"{name} needs a real floating dtype, got {dtype}")
    guard_allocation(xp, "signal", (window_length,), dtype, name)
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
    generic: Callable[..., Any],  # (xp, n, periodic, dtype, device, **options) -> window
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
    window_length: int,
    *,
    periodic: bool = True,
    dtype: DType | None = None,
    device: Device | None = None,
) -> SelectedArray:
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
    window_length: int,
    *,
    periodic: bool = True,
    dtype: DType | None = None,
    device: Device | None = None,
) -> SelectedArray:
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
    window_length: int,
    *,
    periodic: bool = True,
    dtype: DType | None = None,
    device: Device | None = None,
) -> SelectedArray:
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
    window_length: int,
    *,
    periodic: bool = True,
    dtype: DType | None = None,
    device: Device | None = None,
) -> SelectedArray:
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
    dtype: DType | None = None,
    device: Device | None = None,
) -> SelectedArray:
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
