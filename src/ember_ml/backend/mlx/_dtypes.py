"""Dtype sets, dtype codes and the standard's kinds: what every MLX section tests dtypes with.

No MLX gap of its own: the helpers the shims share to promote as the standard does
(``_kind``, the default dtype of a Python fill value, the accumulation dtype of a sum).
"""

from __future__ import annotations

import builtins
from typing import Any

import mlx.core as mx

_pybool = builtins.bool


# frozensets: membership is one hash + one __eq__ (a tuple scan is up to eight __eq__ calls)
_SIGNED = frozenset((mx.int8, mx.int16, mx.int32, mx.int64))
_UNSIGNED = frozenset((mx.uint8, mx.uint16, mx.uint32, mx.uint64))
_INTEGRAL = _SIGNED | _UNSIGNED
_REAL_FLOAT = frozenset((mx.float16, mx.bfloat16, mx.float32, mx.float64))
_COMPLEX = frozenset((mx.complex64,))
_SUM_UPCAST = {
    mx.bool_: mx.int32,
    mx.int8: mx.int32,
    mx.int16: mx.int32,
    mx.uint8: mx.uint32,
    mx.uint16: mx.uint32,
}
_INDEX = mx.int32
_array = mx.array  # module globals: one dict lookup on the hot paths, not two
_Dtype = mx.Dtype
_REAL_OF = {mx.complex64: mx.float32}


# Hot-path dtype tests by code: ``mx.Dtype.__eq__`` is a Python-level patch (~0.2 us per
# comparison, see _patches), while ``hash(dtype)`` is MLX's own C++ hash, a distinct small
# int per dtype in mlx 0.32. Checked at import: should a future MLX hash two dtypes alike,
# the codes fall back to the dtypes themselves (slower, same answers).
_ALL_DTYPES = (mx.bool_, *_INTEGRAL, *_REAL_FLOAT, *_COMPLEX)
_code: Any = hash if len({hash(d) for d in _ALL_DTYPES}) == len(_ALL_DTYPES) else (lambda d: d)
_F64_C = _code(mx.float64)
_REAL_FLOAT_C = frozenset(map(_code, _REAL_FLOAT))
_LOW_FLOAT_C = _REAL_FLOAT_C - {_F64_C}  # float16, bfloat16, float32
_COMPLEX_C = frozenset(map(_code, _COMPLEX))
_INTEGRAL_C = frozenset(map(_code, _INTEGRAL))
_UNSIGNED_C = frozenset(map(_code, _UNSIGNED))
_SIGNED_C = frozenset(map(_code, _SIGNED))
_SUM_UPCAST_C = frozenset(map(_code, _SUM_UPCAST))
_BOOL_C = _code(mx.bool_)


# Python's own types as dtypes, as NumPy and torch accept them (``zeros(3, dtype=float)``):
# the width NumPy gives them where MLX has it; ``complex`` is complex64, MLX's only complex.
_BUILTIN_DTYPES = {
    _pybool: mx.bool_,
    int: mx.int64,
    float: mx.float64,
    complex: mx.complex64,
}


def _as_dtype(dtype: Any) -> Any:
    """``dtype`` as an MLX dtype: MLX dtypes and None pass; Python's bool/int/float/complex map
    to bool, int64, float64 and complex64; anything else is a ``TypeError``."""
    if dtype is None or type(dtype) is _Dtype:
        return dtype
    try:
        return _BUILTIN_DTYPES[dtype]
    except (KeyError, TypeError):
        pass
    raise TypeError(
        f"dtype must be a dtype of this namespace (float32, int64, ...) or one of Python's "
        f"bool, int, float, complex; got {dtype!r}"
    )


def _fill_dtype(fill_value: Any) -> Any:
    if isinstance(fill_value, _pybool):
        return mx.bool_
    if isinstance(fill_value, int):
        return mx.int32
    if isinstance(fill_value, float):
        return mx.float32
    if isinstance(fill_value, complex):
        return mx.complex64
    return None


def _kind(dt: Any) -> int:
    if dt == mx.bool_:
        return 0
    if dt in _INTEGRAL:
        return 1
    if dt in _REAL_FLOAT:
        return 2
    return 3


def _same_dtype_real_float(x1: Any, x2: Any) -> _pybool:
    """Two arrays of one real floating dtype."""
    return (
        type(x1) is mx.array
        and type(x2) is mx.array
        and _code(x1.dtype) == _code(x2.dtype)
        and _code(x1.dtype) in _REAL_FLOAT_C
    )


def _same(x1: Any, x2: Any) -> _pybool:
    """Two arrays of one shape and one dtype (where a shapeless compiled kernel is safe)."""
    return (
        type(x1) is mx.array
        and type(x2) is mx.array
        and x1.shape == x2.shape
        and _code(x1.dtype) == _code(x2.dtype)
    )


def _sum_dtype(dt: Any, dtype: Any) -> Any:
    if dtype is not None:
        return dtype
    return _SUM_UPCAST.get(dt, dt)


# linalg's dtype code sets
# dtypes whose sum keeps the dtype (the standard's trace without dtype=); the rest are upcast (_sum_dtype)
_SUM_KEEPS_C = frozenset(
    map(
        _code,
        (
            mx.int32,
            mx.int64,
            mx.uint32,
            mx.uint64,
            mx.float16,
            mx.bfloat16,
            mx.float32,
            mx.float64,
            mx.complex64,
        ),
    )
)
_FLOAT_C = frozenset(map(_code, (mx.float16, mx.bfloat16, mx.float32, mx.float64)))


def _float(x: mx.array) -> mx.array:
    if x.dtype in _REAL_FLOAT or x.dtype in _COMPLEX:
        return x
    return x.astype(mx.float32)


def _real_dtype(dt: Any) -> Any:
    return mx.float32 if dt == mx.complex64 else dt
