"""Data type functions of the MLX namespace: MLX's ``isdtype``; the rest promote as the standard does."""

from __future__ import annotations

import functools
from typing import Any

import mlx.core as mx
from mlx.core import isdtype

from ember_ml.backend._dtype_functions import finfo_from, finfo_object, iinfo_object, memo_by_dtype
from ember_ml.backend.mlx._dtypes import (
    _BUILTIN_DTYPES,
    _as_dtype,
    _code,
    _Dtype,
    _fill_dtype,
    _kind,
    _pybool,
)
from ember_ml.backend.mlx._info import _stream

__all__ = [
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
]


# mlx 0.32.4: array.astype has no copy=/device=
def astype(x: mx.array, dtype: Any, /, *, copy: _pybool = True, device: Any = None) -> mx.array:
    if device is not None:
        _stream(device)
    if type(dtype) is _Dtype:  # the one dtype test by code (no Python-level Dtype.__eq__)
        if _code(x.dtype) == _code(dtype):
            return mx.array(x) if copy else x  # copy=True: a real copy, as the standard asks
        return x.astype(dtype)
    dtype = _as_dtype(dtype)  # Python's bool/int/float/complex, as NumPy and torch take them
    if x.dtype == dtype:
        return mx.array(x) if copy else x
    return x.astype(dtype)


# mlx 0.32.4: mx.can_cast allows float64 -> complex64, which the standard refuses
def can_cast(from_: Any, to: Any, /) -> _pybool:
    from_ = from_.dtype if isinstance(from_, mx.array) else _as_dtype(from_)
    to = _as_dtype(to)
    kf, kt = _kind(from_), _kind(to)
    if kf != kt:
        # the standard promotes across kinds only from real to complex floating
        return kf == 2 and kt == 3 and from_ != mx.float64
    return mx.result_type(from_, to) == to


def _finfo_of(dtype: Any) -> finfo_object:
    dtype = _as_dtype(dtype)
    real = mx.float32 if dtype == mx.complex64 else dtype
    return finfo_from(mx.finfo(real), real)


def _iinfo_of(dtype: Any) -> iinfo_object:
    dtype = _as_dtype(dtype)
    info = mx.iinfo(dtype)
    return iinfo_object(bits=dtype.size * 8, max=int(info.max), min=int(info.min), dtype=dtype)


# mlx 0.32.4: mx.finfo takes a dtype only (the standard: an array too)
finfo = memo_by_dtype(
    _finfo_of,
    mx.array,
    "finfo",
    """Limits of a floating-point dtype (or an array's), with Python floats; complex64 gives float32's.""",
)


# mlx 0.32.4: mx.iinfo has no bits and takes a dtype only
iinfo = memo_by_dtype(
    _iinfo_of,
    mx.array,
    "iinfo",
    """Limits of an integer dtype (or an array's), with Python ints.""",
)


# mlx 0.32.4: mx.result_type refuses Python scalars
def result_type(*arrays_and_dtypes: Any) -> Any:
    if len(arrays_and_dtypes) == 2:
        a, b = arrays_and_dtypes
        if type(a) is mx.Dtype and type(b) is mx.Dtype:
            return _result_type_of_dtypes(a, b)
    return _result_type(arrays_and_dtypes)


@functools.lru_cache(maxsize=512)
def _result_type_of_dtypes(a: Any, b: Any) -> Any:
    return _result_type((a, b))


def _result_type(arrays_and_dtypes: tuple[Any, ...]) -> Any:
    dtypes = []
    scalars = []
    for a in arrays_and_dtypes:
        if isinstance(a, mx.array):
            dtypes.append(a.dtype)
        elif isinstance(a, mx.Dtype):
            dtypes.append(a)
        elif a in _BUILTIN_DTYPES:  # Python's bool/int/float/complex as dtypes
            dtypes.append(_as_dtype(a))
        elif isinstance(a, (_pybool, int, float, complex)):
            scalars.append(a)
        else:
            raise TypeError(f"result_type: expected arrays, dtypes or Python scalars, got {a!r}")
    if not dtypes:
        if not scalars:
            raise ValueError("result_type needs at least one array or dtype")
        dtypes = [_fill_dtype(s) for s in scalars]
        scalars = []
    out = mx.result_type(*dtypes) if len(dtypes) > 1 else dtypes[0]
    for s in scalars:
        k = (
            0
            if isinstance(s, _pybool)
            else 1
            if isinstance(s, int)
            else 2
            if isinstance(s, float)
            else 3
        )
        if k > _kind(out):
            if k == 3:
                out = mx.complex64
            elif k == 2:
                out = mx.float32
            else:
                out = mx.int32
    return out
