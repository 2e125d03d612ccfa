"""Data type functions of the Dask namespace: array-api-compat's, and NumPy's ``isdtype``.

Dask's dtypes are NumPy's; NumPy's own ``isdtype`` refuses what is no dtype (a string),
where array-api-compat's coerces it.
"""

import importlib as _importlib
from typing import Any as _Any

import numpy as _np

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

astype = _compat.astype
can_cast = _compat.can_cast
finfo = _compat.finfo
iinfo = _compat.iinfo
isdtype = getattr(_np, "isdtype", _compat.isdtype)  # NumPy >= 2.0
result_type = _compat.result_type

__all__ = [
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
]
