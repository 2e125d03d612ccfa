"""Data type functions of the torch namespace: array-api-compat's astype and isdtype; finfo,
iinfo and can_cast answer the standard's objects; result_type caches two dtypes' answer."""

from functools import lru_cache as _lru_cache

import array_api_compat.torch as _compat
import torch as _torch
from array_api_compat.torch import astype, isdtype

from ember_ml.backend._dtype_functions import (
    can_cast_by_promotion,
    finfo_from,
    iinfo_from,
    memo_by_dtype,
)

__all__ = [
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
]

_Tensor = _torch.Tensor
_compat_result_type = _compat.result_type
_torch_dtype = _torch.dtype


def _finfo_of(dtype):
    info = _torch.finfo(dtype)
    return finfo_from(info, getattr(_torch, info.dtype))


def _iinfo_of(dtype):
    info = _torch.iinfo(dtype)
    return iinfo_from(info, getattr(_torch, info.dtype))


finfo = memo_by_dtype(
    _finfo_of,
    _Tensor,
    "finfo",
    """Limits of a floating-point dtype (or a tensor's); ``.dtype`` is a torch dtype, as the standard asks.

    >>> finfo(float32).dtype
    torch.float32
    """,
)
iinfo = memo_by_dtype(
    _iinfo_of,
    _Tensor,
    "iinfo",
    """Limits of an integer dtype (or a tensor's); ``.dtype`` is a torch dtype.

    >>> iinfo(int8).max
    127
    """,
)


def can_cast(from_, to, /):
    """Whether the standard's promotion rules allow casting ``from_`` (a dtype or an array's) to ``to``.

    >>> can_cast(int8, int16), can_cast(int16, int8), can_cast(bool, int8)
    (True, False, False)
    """
    if isinstance(from_, _Tensor):
        from_ = from_.dtype
    return _can_cast_dtypes(from_, to)


@_lru_cache(maxsize=256)
def _can_cast_dtypes(from_, to):
    return can_cast_by_promotion(isdtype, result_type, from_, to)


def result_type(*arrays_and_dtypes):
    """The dtype the standard's promotion gives for these arrays, dtypes and Python scalars.

    Two torch dtypes are answered from a cache of array-api-compat's answers.

    >>> import torch
    >>> result_type(torch.int8, torch.uint8)
    torch.int16
    """
    if len(arrays_and_dtypes) == 2:
        a, b = arrays_and_dtypes
        if type(a) is _torch_dtype and type(b) is _torch_dtype:
            return _result_type_of_dtypes(a, b)
    return _compat_result_type(*arrays_and_dtypes)


@_lru_cache(maxsize=512)
def _result_type_of_dtypes(a, b):
    return _compat_result_type(a, b)
