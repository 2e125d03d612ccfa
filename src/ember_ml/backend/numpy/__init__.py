"""ember_ml's NumPy namespace: array-api-compat's conforming wrapper of NumPy.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.numpy``). ember_ml re-exports
array-api-compat here rather than wrapping NumPy again. Where array-api-compat
only forwards to NumPy through an extra Python layer, the NumPy function is
exported directly.
"""

import numpy as _np
from array_api_compat.numpy import *
from array_api_compat.numpy import __array_api_version__, __array_namespace_info__, fft, linalg

# array-api-compat's matmul is ``np.matmul(x1, x2)`` behind a wrapper; skip the wrapper.
matmul = _np.matmul
