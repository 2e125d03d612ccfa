"""ember_ml's PyTorch namespace: array-api-compat's conforming wrapper of PyTorch.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.torch``). ember_ml re-exports
array-api-compat here rather than wrapping torch again; the extras' torch
fast paths live beside the extras.
"""

from array_api_compat.torch import *
from array_api_compat.torch import __array_api_version__, __array_namespace_info__, fft, linalg
