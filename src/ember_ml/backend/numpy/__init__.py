"""ember_ml's NumPy namespace: array-api-compat's conforming wrapper of NumPy.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.numpy``). ember_ml re-exports
array-api-compat here rather than wrapping NumPy again; the extras' NumPy
fast paths live beside the extras.
"""

from array_api_compat.numpy import *
from array_api_compat.numpy import __array_api_version__, __array_namespace_info__, fft, linalg
