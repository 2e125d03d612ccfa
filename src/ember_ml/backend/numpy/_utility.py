"""Utility functions of the NumPy namespace: NumPy's all and any; diff reads a None
``prepend``/``append`` as none and stops once the result is empty."""

import numpy as _np

from ember_ml.backend.numpy._library import library as _lib

__all__ = ["all", "any", "diff"]

all = _lib.all
any = _lib.any
_diff = _np.diff


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None):
    """n-th discrete difference along an axis; ``prepend``/``append`` of None mean none.

    (``numpy.diff`` reads an explicit None as data.)

    >>> diff(asarray([1, 4, 9]), prepend=None).tolist()
    [3, 5]
    """
    if n == 1 and prepend is None and append is None:  # the common call: NumPy's own, unchanged
        return _diff(x, 1, axis)
    extra = {}
    if prepend is not None:
        extra["prepend"] = prepend
    if append is not None:
        extra["append"] = append
    return _diff_steps(x, n, axis, extra)


def _diff_steps(x, n, axis, extra):
    """np.diff loops n times even when n exceeds the axis length (``n=2**31`` hangs): stop once empty."""
    if n < 0:
        raise ValueError(f"diff: order n must be non-negative, got {n}")
    if n <= 1 or x.ndim == 0:
        return _np.diff(x, axis=axis, n=n, **extra)
    first = _np.diff(x, axis=axis, n=1, **extra)
    return _np.diff(first, axis=axis, n=n - 1 if n - 1 < first.shape[axis] else first.shape[axis])
