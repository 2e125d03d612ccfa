"""Data type functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

astype = _compat.astype
can_cast = _compat.can_cast
finfo = _compat.finfo
iinfo = _compat.iinfo
isdtype = _compat.isdtype
result_type = _compat.result_type

__all__ = [
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
]
