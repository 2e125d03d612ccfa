"""Searching functions of the NumPy namespace: NumPy's argmax, argmin, searchsorted and where;
count_nonzero answers an array, and both it and nonzero skip NumPy's Python layer."""

import numpy as _np

from ember_ml.backend.numpy._library import count_all as _count_all
from ember_ml.backend.numpy._library import library as _lib

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]

argmax = _lib.argmax
argmin = _lib.argmin
searchsorted = _lib.searchsorted
where = _lib.where

_ndarray = _np.ndarray
_asarray = _np.asarray


def count_nonzero(x, /, *, axis=None, keepdims=False):
    """Number of non-zero elements of x over ``axis``, as an array (0-d for a whole-array count).

    A whole-array count of an ndarray calls NumPy's C counter directly (``numpy.count_nonzero``
    reaches it through a Python layer and answers a Python int).

    >>> count_nonzero(asarray([0, 1, 2]))
    array(2)
    """
    if axis is None and type(x) is _ndarray and not keepdims:
        return _asarray(_count_all(x))
    result = _np.count_nonzero(x, axis=axis, keepdims=keepdims)
    return _asarray(result) if axis is None and not keepdims else result


def nonzero(x, /):
    """Indices of the non-zero elements of x, one array per axis; ValueError for a 0-d x.

    An ndarray's own ``nonzero`` method (``numpy.nonzero`` reaches it through a Python layer).

    >>> [a.tolist() for a in nonzero(asarray([[0, 1], [2, 0]]))]
    [[0, 1], [1, 0]]
    """
    if type(x) is _ndarray:
        return x.nonzero()
    return _np.nonzero(x)
