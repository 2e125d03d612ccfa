"""Set functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

isin = _compat.isin
unique_all = _compat.unique_all
unique_counts = _compat.unique_counts
unique_inverse = _compat.unique_inverse
unique_values = _compat.unique_values

__all__ = [
    "isin",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
]
