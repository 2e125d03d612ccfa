"""ember_ml's NumPy ``fft``: ``numpy.fft``'s transforms, with ``fftfreq``/``rfftfreq`` taking the standard's ``dtype``.

With NumPy >= 2.1 every transform is NumPy's own function (NumPy 2 keeps float32 and
complex64 input in single precision, answering complex64/float32 as the standard
asks), looked up in ``numpy.fft`` on first use, which imports it; ``fftfreq`` and
``rfftfreq`` gain the ``dtype`` keyword. With an older NumPy this is
array-api-compat's module.

>>> import numpy as np
>>> import ember_ml.backend.numpy as xp
>>> xp.fft.fft(np.ones(4, dtype=np.float32)).dtype
dtype('complex64')
"""

import numpy as _np

# NumPy's transforms (taken as they are) and the two functions defined here.
_NUMPY_TRANSFORMS = frozenset(
    {
        "fft",
        "fft2",
        "fftn",
        "fftshift",
        "hfft",
        "ifft",
        "ifft2",
        "ifftn",
        "ifftshift",
        "ihfft",
        "irfft",
        "irfft2",
        "irfftn",
        "rfft",
        "rfft2",
        "rfftn",
    }
)
__all__ = sorted(_NUMPY_TRANSFORMS | {"fftfreq", "rfftfreq"})

if tuple(
    int("".join(c for c in p if c.isdigit()) or 0) for p in _np.__version__.split(".")[:2]
) >= (2, 1):

    def __getattr__(name):
        # NumPy's transforms, taken from numpy.fft (imported here, on first use: ~2 ms
        # off the namespace's import) and kept as this module's attributes.
        if name in _NUMPY_TRANSFORMS:
            import numpy.fft

            value = globals()[name] = getattr(numpy.fft, name)
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(globals()) | _NUMPY_TRANSFORMS)

    def fftfreq(n, /, *, d=1.0, dtype=None, device=None):
        """Sample frequencies of an n-point discrete Fourier transform, in ``dtype`` (default float64).

        >>> fftfreq(4, d=0.5).tolist()
        [0.0, 0.5, -1.0, -0.5]
        """
        out = _np.fft.fftfreq(n, d=d, device=device)
        return out if dtype is None else out.astype(dtype, copy=False)

    def rfftfreq(n, /, *, d=1.0, dtype=None, device=None):
        """Sample frequencies of an n-point real discrete Fourier transform (the non-negative ones).

        >>> rfftfreq(4).tolist()
        [0.0, 0.25, 0.5]
        """
        out = _np.fft.rfftfreq(n, d=d, device=device)
        return out if dtype is None else out.astype(dtype, copy=False)
else:  # NumPy 1.26 / 2.0
    from array_api_compat.numpy.fft import *  # noqa: F403
    from array_api_compat.numpy.fft import fft2, ifft2, irfft2, rfft2  # noqa: F401
