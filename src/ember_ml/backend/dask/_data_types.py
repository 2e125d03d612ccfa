"""Data type functions of the Dask namespace: array-api-compat's, and NumPy's ``isdtype``.

Dask's dtypes are NumPy's; NumPy's own ``isdtype`` refuses what is no dtype (a string),
where array-api-compat's coerces it; ``finfo`` and ``iinfo`` are the NumPy namespace's
(Python numbers, as the standard asks).
"""

import importlib as _importlib
from typing import Any as _Any

import numpy as _np

# Dask's dtypes are NumPy's: the NumPy namespace's finfo/iinfo (Python numbers, as the standard asks)
from ember_ml.backend.numpy._data_types import finfo as _host_finfo
from ember_ml.backend.numpy._data_types import iinfo as _host_iinfo

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

astype = _compat.astype
can_cast = _compat.can_cast
isdtype = getattr(_np, "isdtype", _compat.isdtype)  # NumPy >= 2.0
result_type = _compat.result_type

__all__ = [
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
]


def finfo(type: _Any, /) -> _Any:
    """Limits of a floating dtype or a Dask array's, with Python floats.

    >>> finfo(float32).eps == 2.0**-23
    True
    """
    return _host_finfo(type.dtype if hasattr(type, "chunks") else type)


def iinfo(type: _Any, /) -> _Any:
    """Limits of an integer dtype or a Dask array's, with Python ints.

    >>> iinfo(int8).min
    -128
    """
    return _host_iinfo(type.dtype if hasattr(type, "chunks") else type)
