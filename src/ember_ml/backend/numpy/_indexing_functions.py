"""Indexing functions of the NumPy namespace: NumPy's own take and take_along_axis.

NumPy >= 2.1's take_along_axis defaults to axis=-1, as the standard asks.
"""

from ember_ml.backend.numpy._library import library as _lib

__all__ = ["take", "take_along_axis"]

take = _lib.take
take_along_axis = _lib.take_along_axis
