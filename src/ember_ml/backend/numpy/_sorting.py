"""Sorting functions of the NumPy namespace: stable by default, with ``descending``."""

import numpy as _np

from ember_ml.backend.numpy._library import OWN_NAMESPACE as _OWN_NAMESPACE
from ember_ml.backend.numpy._library import library as _lib

__all__ = ["argsort", "sort"]

if _OWN_NAMESPACE:

    def _descending_sort(x, axis, stable):
        # descending: the ascending sort reversed
        return _np.flip(_np.sort(x, axis=axis, kind="stable" if stable else None), axis=axis)

    def _descending_argsort(x, axis, stable):
        # descending and stable: sort the reversed array ascending, then map the indices back
        # (equal elements keep their order, which reversing an ascending argsort would not)
        order = _np.flip(
            _np.argsort(_np.flip(x, axis=axis), axis=axis, kind="stable" if stable else None),
            axis=axis,
        )
        return (x.shape[axis] - 1) - order
else:  # NumPy < 2.1: array-api-compat's sort and argsort do it
    _compat_sort, _compat_argsort = _lib.sort, _lib.argsort

    def _descending_sort(x, axis, stable):
        return _compat_sort(x, axis=axis, descending=True, stable=stable)

    def _descending_argsort(x, axis, stable):
        return _compat_argsort(x, axis=axis, descending=True, stable=stable)


def sort(x, /, *, axis=-1, descending=False, stable=True):
    """Sorted copy of x along ``axis`` (stable by default, as the standard asks).

    >>> sort(asarray([3, 1, 2]), descending=True).tolist()
    [3, 2, 1]
    """
    if descending:
        return _descending_sort(x, axis, stable)
    return _np.sort(x, axis=axis, kind="stable" if stable else None)


def argsort(x, /, *, axis=-1, descending=False, stable=True):
    """Indices that sort x along ``axis`` (stable by default).

    >>> argsort(asarray([3, 1, 2])).tolist()
    [1, 2, 0]
    """
    if descending:
        return _descending_argsort(x, axis, stable)
    return _np.argsort(x, axis=axis, kind="stable" if stable else None)
