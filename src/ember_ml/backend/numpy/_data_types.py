"""Data type functions of the NumPy namespace: NumPy's isdtype and result_type; finfo, iinfo
and can_cast answer the standard's objects; astype takes ``device``."""

from functools import lru_cache as _lru_cache
from typing import Any

import numpy as _np

from ember_ml.backend.numpy._library import library as _lib

# (ember_ml.backend._dtype_functions, which imports dataclasses, is imported at the first
# finfo/iinfo/can_cast of a dtype: ~2 ms off the import.)

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type"]

isdtype = _lib.isdtype
result_type = _lib.result_type


def _dtype_of(type: Any) -> Any:
    return type.dtype if isinstance(type, _np.ndarray | _np.generic) else type


def finfo(type, /):
    """Limits of a floating-point dtype (or an array's), with Python floats as the standard asks.

    >>> finfo(float32).eps == 2.0**-23
    True
    """
    return _finfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _finfo_of(dtype):
    from ember_ml.backend._dtype_functions import finfo_from

    info = _np.finfo(dtype)
    return finfo_from(info, info.dtype)


def iinfo(type, /):
    """Limits of an integer dtype (or an array's), with Python ints.

    >>> iinfo(int8).min
    -128
    """
    return _iinfo_of(_dtype_of(type))


@_lru_cache(maxsize=64)
def _iinfo_of(dtype):
    from ember_ml.backend._dtype_functions import iinfo_from

    info = _np.iinfo(dtype)
    return iinfo_from(info, info.dtype)


def can_cast(from_, to, /):
    """Whether the standard's promotion rules allow casting ``from_`` (a dtype or an array's) to ``to``.

    >>> can_cast(int8, int16), can_cast(int16, int8), can_cast(bool, int8)
    (True, False, False)
    """
    if isinstance(from_, _np.ndarray):
        from_ = from_.dtype
    return _can_cast_dtypes(from_, to)


@_lru_cache(maxsize=256)
def _can_cast_dtypes(from_, to):
    from ember_ml.backend._dtype_functions import can_cast_by_promotion

    return can_cast_by_promotion(isdtype, result_type, from_, to)


def astype(x, dtype, /, *, copy=True, device=None):
    """x converted to ``dtype`` (a copy unless ``copy=False`` and nothing changes).

    >>> astype(asarray([1.7]), int32).tolist()
    [1]
    """
    if device is None and copy is True:  # the common call, without a keyword to pass
        return x.astype(dtype)
    if device is not None and device != "cpu":
        raise ValueError(f"NumPy arrays live on the 'cpu' device only, not {device!r}")
    return x.astype(dtype, copy=copy)
