"""Linear algebra functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

matmul = _compat.matmul
matrix_transpose = _compat.matrix_transpose
tensordot = _compat.tensordot
vecdot = _compat.vecdot

__all__ = [
    "matmul",
    "matrix_transpose",
    "tensordot",
    "vecdot",
]
