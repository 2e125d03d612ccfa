"""Statistical functions of the NumPy namespace: NumPy's own, all of them.

NumPy >= 2.1's std and var take ``correction`` and cumulative_sum/prod exist.
"""

from ember_ml.backend.numpy._library import library as _lib

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

cumulative_prod = _lib.cumulative_prod
cumulative_sum = _lib.cumulative_sum
max = _lib.max
mean = _lib.mean
min = _lib.min
prod = _lib.prod
std = _lib.std
sum = _lib.sum
var = _lib.var
