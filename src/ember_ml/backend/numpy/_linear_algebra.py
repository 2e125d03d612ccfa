"""Linear algebra functions of the main NumPy namespace: NumPy's own.

``matmul`` is ``numpy.matmul`` with any NumPy (array-api-compat's is that call behind a
wrapper); NumPy >= 2.1's matrix_transpose refuses a 1-d array and vecdot exists.
"""

import numpy as _np

from ember_ml.backend.numpy._library import library as _lib

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]

matmul = _np.matmul
matrix_transpose = _lib.matrix_transpose
tensordot = _lib.tensordot
vecdot = _lib.vecdot
