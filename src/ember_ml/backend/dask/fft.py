"""ember_ml's Dask ``fft``: array-api-compat's (Dask's FFTs need the transformed axis in one chunk)."""

from array_api_compat.dask.array.fft import *  # noqa: F403
from array_api_compat.dask.array.fft import __all__ as __all__
