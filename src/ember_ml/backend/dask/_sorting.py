"""Sorting functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

argsort = _compat.argsort
sort = _compat.sort

__all__ = [
    "argsort",
    "sort",
]
