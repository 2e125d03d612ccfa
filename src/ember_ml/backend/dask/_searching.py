"""Searching functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

argmax = _compat.argmax
argmin = _compat.argmin
count_nonzero = _compat.count_nonzero
nonzero = _compat.nonzero
searchsorted = _compat.searchsorted
where = _compat.where

__all__ = [
    "argmax",
    "argmin",
    "count_nonzero",
    "nonzero",
    "searchsorted",
    "where",
]
