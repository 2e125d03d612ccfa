"""Statistical functions of the Dask namespace: array-api-compat's (Dask's own where it conforms)."""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

cumulative_prod = _compat.cumulative_prod
cumulative_sum = _compat.cumulative_sum
max = _compat.max
mean = _compat.mean
min = _compat.min
prod = _compat.prod
std = _compat.std
sum = _compat.sum
var = _compat.var

__all__ = [
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
]
