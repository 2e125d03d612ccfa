"""The inspection namespace of the NumPy namespace: NumPy's, with ``devices()`` a tuple."""

import numpy as _np

from ember_ml.backend.numpy._library import OWN_NAMESPACE as _OWN_NAMESPACE
from ember_ml.backend.numpy._library import library as _lib

__all__ = ["__array_namespace_info__"]

if _OWN_NAMESPACE:

    class __array_namespace_info__(_np.__array_namespace_info__):  # type: ignore[misc]  # noqa: N801
        """NumPy's inspection namespace, with ``devices()`` a tuple as the 2025.12 standard asks.

        >>> __array_namespace_info__().devices()
        ('cpu',)
        """

        def devices(self):
            """The devices NumPy arrays can live on: ``('cpu',)``.

            >>> __array_namespace_info__().devices()
            ('cpu',)
            """
            return tuple(super().devices())
else:  # NumPy < 2.1: array-api-compat's
    __array_namespace_info__ = _lib.__array_namespace_info__  # type: ignore[misc]
