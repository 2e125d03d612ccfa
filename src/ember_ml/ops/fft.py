"""The standard's ``fft`` extension, dispatched on the input arrays."""

# ruff: noqa: F405 - __all__ lists the names of the star import, as type checkers read it
from ember_ml.ops._standard_fft import *  # noqa: F403 - the generated functions

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
