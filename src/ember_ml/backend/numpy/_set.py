"""Set functions of the NumPy namespace: NumPy's isin and unique_values; unique_all,
unique_counts and unique_inverse answer named tuples with x's shape kept (NumPy >= 2.1)."""

from typing import Any

import numpy as _np

from ember_ml.backend.numpy._library import OWN_NAMESPACE as _OWN_NAMESPACE
from ember_ml.backend.numpy._library import library as _lib

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]

isin = _lib.isin
unique_values = _lib.unique_values

if _OWN_NAMESPACE:
    from typing import NamedTuple as _NamedTuple

    class UniqueAllResult(_NamedTuple):
        """``unique_all``'s answer.

        >>> UniqueAllResult(*unique_all(asarray([2, 2]))).counts.tolist()
        [2]
        """

        values: Any
        indices: Any
        inverse_indices: Any
        counts: Any

    class UniqueCountsResult(_NamedTuple):
        """``unique_counts``'s answer.

        >>> unique_counts(asarray([2, 2])).counts.tolist()
        [2]
        """

        values: Any
        counts: Any

    class UniqueInverseResult(_NamedTuple):
        """``unique_inverse``'s answer.

        >>> unique_inverse(asarray([[3, 1]])).inverse_indices.tolist()
        [[1, 0]]
        """

        values: Any
        inverse_indices: Any

    def unique_all(x, /):
        """Sorted unique values of x, the index of each one's first occurrence, the inverse indices (x's shape) and the counts.

        ``numpy.unique`` with ``equal_nan=False`` (every NaN is its own value), as array-api-compat did.

        >>> [a.tolist() for a in unique_all(asarray([3, 1, 3]))]
        [[1, 3], [1, 0], [1, 0, 1], [1, 2]]
        """
        values, indices, inverse, counts = _np.unique(
            x, return_index=True, return_inverse=True, return_counts=True, equal_nan=False
        )
        return UniqueAllResult(values, indices, inverse.reshape(x.shape), counts)

    def unique_counts(x, /):
        """Sorted unique values of x and how often each occurs (every NaN is its own value).

        >>> [a.tolist() for a in unique_counts(asarray([3, 1, 3]))]
        [[1, 3], [1, 2]]
        """
        return UniqueCountsResult(*_np.unique(x, return_counts=True, equal_nan=False))

    def unique_inverse(x, /):
        """Sorted unique values of x and, in x's shape, the index of each element among them.

        >>> [a.tolist() for a in unique_inverse(asarray([3, 1, 3]))]
        [[1, 3], [1, 0, 1]]
        """
        values, inverse = _np.unique(x, return_inverse=True, equal_nan=False)
        return UniqueInverseResult(values, inverse.reshape(x.shape))

    __all__ += ["UniqueAllResult", "UniqueCountsResult", "UniqueInverseResult"]
else:  # NumPy < 2.1: array-api-compat's
    unique_all = _lib.unique_all
    unique_counts = _lib.unique_counts
    unique_inverse = _lib.unique_inverse
