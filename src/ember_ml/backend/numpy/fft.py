"""ember_ml's NumPy ``fft``: ``numpy.fft`` with the standard's signatures and dtypes.

array-api-compat's generic wrappers (``array_api_compat.common._fft``), bound to NumPy
as ``array_api_compat.numpy.fft`` binds them: NumPy's transforms of float32/complex64
input answer complex64, and ``fftfreq``/``rfftfreq`` take ``dtype`` and ``device``.
NumPy's other transforms (``fft2``, ``ifft2``, ``rfft2``, ``irfft2``) are NumPy's own.

>>> import numpy as np
>>> fft(np.ones(4, dtype=np.float32)).dtype
dtype('complex64')
"""

import numpy as _np
import numpy.fft as _numpy_fft
from array_api_compat._internal import get_xp as _get_xp
from array_api_compat.common import _fft

_bind = _get_xp(_np)
fft = _bind(_fft.fft)
ifft = _bind(_fft.ifft)
fftn = _bind(_fft.fftn)
ifftn = _bind(_fft.ifftn)
rfft = _bind(_fft.rfft)
irfft = _bind(_fft.irfft)
rfftn = _bind(_fft.rfftn)
irfftn = _bind(_fft.irfftn)
hfft = _bind(_fft.hfft)
ihfft = _bind(_fft.ihfft)
fftfreq = _bind(_fft.fftfreq)
rfftfreq = _bind(_fft.rfftfreq)
fftshift = _bind(_fft.fftshift)
ifftshift = _bind(_fft.ifftshift)
fft2, ifft2, rfft2, irfft2 = _numpy_fft.fft2, _numpy_fft.ifft2, _numpy_fft.rfft2, _numpy_fft.irfft2

__all__ = [
    "fft", "fft2", "fftfreq", "fftn", "fftshift", "hfft", "ifft", "ifft2", "ifftn", "ifftshift", "ihfft",
    "irfft", "irfft2", "irfftn", "rfft", "rfft2", "rfftfreq", "rfftn",
]
