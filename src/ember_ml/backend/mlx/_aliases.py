"""Shims: standard functions MLX lacks or does not yet conform in.

Each shim is thin: argument renaming, output dtype fixes, special cases, or a
composition of MLX ops. Functions with data-dependent output shapes
(``nonzero``, ``unique_*``, ``repeat`` with array repeats) evaluate their input;
all other functions stay lazy and work inside ``mx.compile``.
"""

from __future__ import annotations

import builtins
import functools
import math
from collections import namedtuple
from typing import Any

import mlx.core as mx

from ember_ml.backend._dtype_functions import finfo_from, finfo_object, iinfo_object, memo_by_dtype
from ember_ml.backend.mlx import _indices, _sizes
from ember_ml.backend.mlx._indices import _state as _checks_state

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

__all__ = [
    "device_of",
    "to_device_of",
    # creation
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
    # data types
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "result_type",
    # elementwise
    "bitwise_left_shift",
    "bitwise_right_shift",
    "tanh",
    "cos",
    "exp",
    "logaddexp",
    "clip",
    "copysign",
    "expm1",
    "hypot",
    "nextafter",
    "remainder",
    "floor_divide",
    "round",
    "sign",
    "signbit",
    "sin",
    # indexing
    "take",
    "take_along_axis",
    # linear algebra (top level)
    "matmul",
    "matrix_transpose",
    "tensordot",
    "vecdot",
    # manipulation
    "broadcast_arrays",
    "broadcast_shapes",
    "concat",
    "expand_dims",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "broadcast_to",
    "squeeze",
    "stack",
    "tile",
    "unstack",
    # searching
    "argmax",
    "argmin",
    "count_nonzero",
    "nonzero",
    "searchsorted",
    "where",
    # set
    "isin",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
    # sorting
    "argsort",
    "sort",
    # statistical
    "all",
    "any",
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
    # utility
    "diff",
]


# ----------------------------------------------------------------------------------------
# devices
# ----------------------------------------------------------------------------------------
def _stream(device: Any) -> Any:
    """The ``stream=`` argument MLX takes for a standard ``device=``."""
    if device is None:
        return None
    if isinstance(device, (mx.Device, mx.Stream, mx.DeviceType)):
        return device
    if isinstance(device, str) and device in ("cpu", "gpu"):
        return mx.Device(mx.cpu if device == "cpu" else mx.gpu)
    raise ValueError(
        f"unknown device {device!r}; valid devices are mlx.core.Device(cpu) and Device(gpu)"
    )


def device_of(x: Any, /) -> Any:
    """The device of MLX array ``x``: MLX arrays live in unified memory, so the default device."""
    return mx.default_device()


def to_device_of(x: Any, device: Any, /, *, stream: Any = None) -> Any:
    """Return ``x`` for ``device`` (no copy: MLX memory is unified; ops pick the device)."""
    _stream(device)
    if stream is not None and not isinstance(stream, (mx.Stream, mx.Device, mx.DeviceType)):
        raise ValueError(f"unsupported stream {stream!r}")
    return x


# ----------------------------------------------------------------------------------------
# creation
# ----------------------------------------------------------------------------------------
_SMALL = 2**24  # counts this small need no memory check


def arange(
    start: Any, /, stop: Any = None, step: Any = 1, *, dtype: Any = None, device: Any = None
) -> mx.array:
    if (
        stop is None
        and type(start) is int
        and 0 < start <= _SMALL
        and step == 1
        and dtype is None
        and device is None
    ):
        return mx.arange(start)  # int32, as the general path gives
    if stop is None:
        start, stop = 0, start
    if dtype is None:
        if builtins.all(isinstance(v, int) for v in (start, stop, step)):
            dtype = mx.int32
        else:
            dtype = mx.float32
    if step == 0:
        raise ValueError("arange: step must not be zero")
    n = builtins.max(0, math.ceil((stop - start) / step))
    _sizes.nbytes_ok(n, dtype.size, "arange")
    if n == 0:
        return mx.zeros((0,), dtype=dtype, stream=_stream(device))
    return mx.arange(start, stop, step, dtype=dtype, stream=_stream(device))


def asarray(
    obj: Any, /, *, dtype: Any = None, device: Any = None, copy: _pybool | None = None
) -> mx.array:
    _stream(device)
    if isinstance(obj, mx.array):
        if dtype is None or obj.dtype == dtype:
            if copy:
                return mx.array(obj)
            return obj
        if copy is False:
            raise ValueError("asarray(copy=False): changing the dtype needs a copy")
        return obj.astype(dtype)
    if copy is False:
        raise ValueError("asarray(copy=False): MLX cannot share memory with a non-MLX object")
    if (
        hasattr(obj, "__dlpack__")
        and not hasattr(obj, "__array__")
        and not isinstance(obj, (list, tuple))
    ):
        out = mx.array(obj)
        return out if dtype is None else out.astype(dtype)
    if getattr(obj, "size", None) == 0 and hasattr(obj, "shape") and hasattr(obj, "dtype"):
        # MLX arrays made from empty foreign buffers reduce wrongly (all() -> False, prod() -> 0)
        dt = dtype or _BUFFER_DTYPES.get(str(obj.dtype)) or mx.array(obj).dtype
        return mx.zeros(tuple(obj.shape), dtype=dt)
    if dtype is None:
        # mx.array turns float64 buffers into float32; keep the buffer's dtype (no silent precision loss)
        buffer_dtype = str(getattr(obj, "dtype", ""))
        if buffer_dtype == "complex128":
            raise TypeError(
                "MLX has no complex128; convert explicitly with asarray(x, dtype=complex64) if the "
                "precision loss is acceptable"
            )
        dtype = _BUFFER_DTYPES.get(buffer_dtype)
        if dtype is None:
            return mx.array(obj)
    try:
        return mx.array(obj, dtype=dtype)
    except RuntimeError:
        if dtype != mx.uint64:
            raise
        # MLX reads Python ints through int64; values >= 2**63 need an unsigned path.
        import numpy

        return mx.array(numpy.asarray(obj, dtype=numpy.uint64))


_BUFFER_DTYPES = {"float64": mx.float64}


def _plain_shape(shape: Any) -> _pybool:
    """Whether ``shape`` is an int or a tuple of ints small enough to create float32 without checks."""
    if type(shape) is int:
        return 0 <= shape <= _SMALL
    if type(shape) is tuple and len(shape) == 1:
        n = shape[0]
        return type(n) is int and 0 <= n <= _SMALL
    return _sizes.fits(shape, 4)


def _shape(shape: Any, dtype: Any, what: str) -> tuple[int, ...]:
    itemsize = dtype.size if isinstance(dtype, mx.Dtype) else 4
    if _sizes.fits(shape, itemsize):
        return shape
    return _sizes.shape(shape, what, itemsize=itemsize)


def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None and _plain_shape(shape):
        return mx.zeros(shape)
    dtype = dtype or mx.float32
    return mx.zeros(_shape(shape, dtype, "empty"), dtype=dtype, stream=_stream(device))


def empty_like(x: mx.array, /, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None:
        return mx.zeros_like(x)
    return mx.zeros(x.shape, dtype=dtype or x.dtype, stream=_stream(device))


def eye(
    n_rows: int, n_cols: int | None = None, /, *, k: int = 0, dtype: Any = None, device: Any = None
) -> mx.array:
    n_rows = _sizes.size(n_rows, "eye: n_rows")
    n_cols = n_rows if n_cols is None else _sizes.size(n_cols, "eye: n_cols")
    k = _sizes.integer(k, "eye: k")
    _sizes.nbytes_ok(n_rows * n_cols, (dtype or mx.float32).size, "eye")
    if k >= n_cols or -k >= n_rows:  # also keeps k out of MLX's int32 range away from it
        return mx.zeros((n_rows, n_cols), dtype=dtype or mx.float32, stream=_stream(device))
    return mx.eye(n_rows, n_cols, k, dtype=dtype or mx.float32, stream=_stream(device))


def from_dlpack(x: Any, /, *, device: Any = None, copy: _pybool | None = None) -> mx.array:
    _stream(device)
    if isinstance(x, mx.array):
        return mx.array(x) if copy else x
    buffer_dtype = str(getattr(x, "dtype", "")).rpartition(".")[2]
    if buffer_dtype == "complex128":
        raise TypeError(
            "MLX has no complex128; convert to complex64 first if the precision loss is acceptable"
        )
    if buffer_dtype == "float64" or getattr(x, "numel", lambda: getattr(x, "size", 1))() == 0:
        # mx.from_dlpack turns float64 into float32, and empty buffers reduce wrongly: copy instead
        if copy is False:
            raise ValueError(
                "from_dlpack(copy=False): MLX cannot share this buffer without converting it"
            )
        import numpy

        return asarray(numpy.from_dlpack(x))
    return mx.from_dlpack(x, copy=copy) if copy is not None else mx.from_dlpack(x)


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


def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if type(fill_value) is float and dtype is None and device is None and _plain_shape(shape):
        return mx.full(shape, fill_value)  # float32, as the general path gives
    if dtype is None:
        dtype = _fill_dtype(fill_value)
    shape = _shape(shape, dtype, "full")
    out = mx.full(shape, fill_value, dtype=dtype, stream=_stream(device))
    return (
        out if dtype is None or out.dtype == dtype else out.astype(dtype)
    )  # MLX: complex dtype, real fill


def full_like(
    x: mx.array, /, fill_value: Any, *, dtype: Any = None, device: Any = None
) -> mx.array:
    dtype = dtype or x.dtype
    out = mx.full(x.shape, fill_value, dtype=dtype, stream=_stream(device))
    return out if out.dtype == dtype else out.astype(dtype)


def linspace(
    start: Any,
    stop: Any,
    /,
    num: int,
    *,
    dtype: Any = None,
    device: Any = None,
    endpoint: _pybool = True,
) -> mx.array:
    num = _sizes.size(num, "linspace: num")
    _sizes.nbytes_ok(num, 8, "linspace")
    is_complex = isinstance(start, complex) or isinstance(stop, complex)
    if dtype is None:
        dtype = mx.complex64 if is_complex else mx.float32
    if is_complex or dtype in _COMPLEX:
        start, stop = complex(start), complex(stop)
        re = linspace(
            start.real, stop.real, num, dtype=mx.float32, device=device, endpoint=endpoint
        )
        im = linspace(
            start.imag, stop.imag, num, dtype=mx.float32, device=device, endpoint=endpoint
        )
        return (re + 1j * im).astype(dtype)
    if dtype == mx.float64:
        # MLX's linspace computes in float32; NumPy's formula in float64
        div = (num - 1) if endpoint else num
        step = (stop - start) / div if div > 0 else 0.0
        out = mx.arange(num, dtype=mx.float64, stream=_stream(device)) * step + start
        if endpoint and num > 1:
            out = mx.concatenate([out[:-1], mx.array([stop], dtype=mx.float64)])
        return out
    if not endpoint:
        if num == 0:
            return mx.zeros((0,), dtype=dtype, stream=_stream(device))
        return mx.linspace(start, stop, num + 1, dtype=dtype, stream=_stream(device))[:num]
    return mx.linspace(start, stop, num, dtype=dtype, stream=_stream(device))


def meshgrid(*arrays: mx.array, indexing: str = "xy") -> tuple[mx.array, ...]:
    if indexing not in ("xy", "ij"):
        raise ValueError(f"indexing must be 'xy' or 'ij', got {indexing!r}")
    return tuple(mx.meshgrid(*arrays, indexing=indexing))


def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None and _plain_shape(shape):
        return mx.ones(shape)
    dtype = dtype or mx.float32
    return mx.ones(_shape(shape, dtype, "ones"), dtype=dtype, stream=_stream(device))


def ones_like(x: mx.array, /, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None:
        return mx.ones_like(x)
    return mx.ones(x.shape, dtype=dtype or x.dtype, stream=_stream(device))


def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None and _plain_shape(shape):
        return mx.zeros(shape)
    dtype = dtype or mx.float32
    return mx.zeros(_shape(shape, dtype, "zeros"), dtype=dtype, stream=_stream(device))


def zeros_like(x: mx.array, /, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None:
        return mx.zeros_like(x)
    return mx.zeros(x.shape, dtype=dtype or x.dtype, stream=_stream(device))


def tril(x: mx.array, /, *, k: int = 0) -> mx.array:
    if x.ndim == 2:
        return mx.tril(x, k)
    n, m = x.shape[-2:]
    mask = mx.tri(n, m, k, dtype=mx.bool_)
    return mx.where(mask, x, mx.zeros((), dtype=x.dtype))


def triu(x: mx.array, /, *, k: int = 0) -> mx.array:
    if x.ndim == 2:
        return mx.triu(x, k)
    n, m = x.shape[-2:]
    mask = mx.tri(n, m, k - 1, dtype=mx.bool_)
    return mx.where(mask, mx.zeros((), dtype=x.dtype), x)


# ----------------------------------------------------------------------------------------
# data types
# ----------------------------------------------------------------------------------------
def astype(x: mx.array, dtype: Any, /, *, copy: _pybool = True, device: Any = None) -> mx.array:
    if device is not None:
        _stream(device)
    if type(dtype) is _Dtype:  # the one dtype test by code (no Python-level Dtype.__eq__)
        if _code(x.dtype) == _code(dtype):
            return mx.array(x) if copy else x  # copy=True: a real copy, as the standard asks
        return x.astype(dtype)
    if x.dtype == dtype:
        return mx.array(x) if copy else x
    return x.astype(dtype)


def can_cast(from_: Any, to: Any, /) -> _pybool:
    if isinstance(from_, mx.array):
        from_ = from_.dtype
    kf, kt = _kind(from_), _kind(to)
    if kf != kt:
        # the standard promotes across kinds only from real to complex floating
        return kf == 2 and kt == 3 and from_ != mx.float64
    return mx.result_type(from_, to) == to


def _finfo_of(dtype: Any) -> finfo_object:
    real = mx.float32 if dtype == mx.complex64 else dtype
    return finfo_from(mx.finfo(real), real)


def _iinfo_of(dtype: Any) -> iinfo_object:
    info = mx.iinfo(dtype)
    return iinfo_object(bits=dtype.size * 8, max=int(info.max), min=int(info.min), dtype=dtype)


finfo = memo_by_dtype(
    _finfo_of,
    mx.array,
    "finfo",
    """Limits of a floating-point dtype (or an array's), with Python floats; complex64 gives float32's.""",
)
iinfo = memo_by_dtype(
    _iinfo_of,
    mx.array,
    "iinfo",
    """Limits of an integer dtype (or an array's), with Python ints.""",
)


_KIND_ORDER = {mx.bool_: 0}


def _kind(dt: Any) -> int:
    if dt == mx.bool_:
        return 0
    if dt in _INTEGRAL:
        return 1
    if dt in _REAL_FLOAT:
        return 2
    return 3


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


# ----------------------------------------------------------------------------------------
# elementwise
# ----------------------------------------------------------------------------------------
_ZERO_CACHE: dict[Any, mx.array] = {}


def _is_real_float(x: Any) -> _pybool:
    return isinstance(x, mx.array) and x.dtype in _REAL_FLOAT


def clip(x: mx.array, /, min: Any = None, max: Any = None) -> mx.array:  # noqa: A002
    if min is None and max is None:
        return x
    dt = x.dtype
    if dt in _INTEGRAL:
        # Python bounds out of the dtype's range must not overflow the cast.
        info = mx.iinfo(dt)
        if isinstance(min, (int, float)) and not isinstance(min, _pybool):
            if min > info.max:
                return (
                    mx.full(x.shape, info.max, dtype=dt)
                    if max is None
                    else mx.full(x.shape, max, dtype=dt)
                )
            min = None if min < info.min else min
        if isinstance(max, (int, float)) and not isinstance(max, _pybool):
            if max < info.min:
                return mx.full(x.shape, info.min, dtype=dt)
            max = None if max > info.max else max
        if min is None and max is None:
            return x
    out = x
    if min is not None:
        out = mx.maximum(out, min)
    if max is not None:
        out = mx.minimum(out, max)
    if out.dtype != dt:
        out = out.astype(dt)
    return out


def signbit(x: mx.array, /) -> mx.array:
    dt = x.dtype
    if dt == mx.float32:
        return mx.view(x, mx.int32) < 0
    if dt == mx.float64:
        return mx.view(x, mx.int64) < 0
    if dt in (mx.float16, mx.bfloat16):
        return mx.view(x, mx.int16) < 0
    if dt in _UNSIGNED or dt == mx.bool_:
        return mx.zeros(x.shape, dtype=mx.bool_)
    return x < 0


def _scalar_like(value: Any, other: Any) -> mx.array:
    """A Python scalar as an array of ``other``'s dtype when its kind fits (the standard's rule)."""
    if isinstance(other, mx.array):
        k = (
            0
            if isinstance(value, _pybool)
            else 1
            if isinstance(value, int)
            else 2
            if isinstance(value, float)
            else 3
        )
        if k <= _kind(other.dtype) and not (k == 0 and other.dtype != mx.bool_):
            return asarray(value, dtype=other.dtype)  # asarray reads ints >= 2**63 into uint64
    return mx.array(value)


def _pair(x1: Any, x2: Any) -> tuple[mx.array, mx.array]:
    """Both operands as arrays of their promoted dtype (a Python scalar takes the array's dtype)."""
    if not isinstance(x1, mx.array):
        x1 = _scalar_like(x1, x2)
    if not isinstance(x2, mx.array):
        x2 = _scalar_like(x2, x1)
    if x1.dtype != x2.dtype:
        dt = mx.result_type(x1, x2)
        x1, x2 = x1.astype(dt), x2.astype(dt)
    return x1, x2


def copysign(x1: Any, x2: Any, /) -> mx.array:
    x1, x2 = _pair(x1, x2)
    a = mx.abs(x1)
    # multiply rather than where: cheaper on large arrays, same bits (|x1| * -1 flips the sign bit)
    return a * (1 - 2 * signbit(x2).astype(a.dtype))


def _left_shift(a: mx.array, b: mx.array) -> mx.array:
    # shifting by >= the bit width is undefined in C (MLX); the standard wants 0. Branch-free
    # (a where() on data made the fused CPU kernel 2.5x slower with mixed shift amounts):
    # shift by at most bits - 1, then zero the lanes whose shift was too long.
    bits = a.dtype.size * 8
    return mx.left_shift(a, mx.minimum(b, bits - 1)) * (b < bits).astype(a.dtype)


def _right_shift(a: mx.array, b: mx.array) -> mx.array:
    bits = a.dtype.size * 8
    out = mx.right_shift(
        a, mx.minimum(b, bits - 1)
    )  # signed: the sign fill (-1 or 0), as the standard asks
    if a.dtype in _UNSIGNED:
        out = out * (b < bits).astype(a.dtype)
    return out


# Fast kernels for two arrays of one shape and one integer dtype, by dtype code. Fused (one
# kernel per call: shapeless compile of same-shape, same-dtype elementwise graphs only;
# shapeless compile with broadcasting between differently-shaped inputs segfaulted in mlx
# 0.32, tests/test_mlx_linalg_batches.py). Up to 32 bits the shift runs in the next wider
# integer type by at most ``bits`` places and is truncated back: a shift by ``bits`` or more
# leaves no bit in the low half, which is the standard's 0 (left, and right for unsigned)
# with no select at all (measured 1.25x the raw shift at n=10**6 against 1.5x for the
# masked form above). 64-bit dtypes keep the masked form.
_WIDER = {
    mx.int8: mx.int16,
    mx.int16: mx.int32,
    mx.int32: mx.int64,
    mx.uint8: mx.uint16,
    mx.uint16: mx.uint32,
    mx.uint32: mx.uint64,
}


def _left_shift_wide(a: mx.array, b: mx.array) -> mx.array:
    dt = a.dtype
    w = _WIDER[dt]
    return mx.left_shift(a.astype(w), mx.minimum(b, dt.size * 8).astype(w)).astype(dt)


def _right_shift_unsigned_wide(a: mx.array, b: mx.array) -> mx.array:
    dt = a.dtype
    w = _WIDER[dt]
    return mx.right_shift(a.astype(w), mx.minimum(b, dt.size * 8).astype(w)).astype(dt)


def _right_shift_signed(a: mx.array, b: mx.array) -> mx.array:
    # signed: a shift by bits - 1 already gives the sign fill (-1 or 0), as the standard asks
    return mx.right_shift(a, mx.minimum(b, a.dtype.size * 8 - 1))


_LSHIFT_WIDE = mx.compile(_left_shift_wide, shapeless=True)
_LSHIFT = mx.compile(_left_shift, shapeless=True)
_RSHIFT_WIDE = mx.compile(_right_shift_unsigned_wide, shapeless=True)
_RSHIFT_SIGNED = mx.compile(_right_shift_signed, shapeless=True)
_RSHIFT = mx.compile(_right_shift, shapeless=True)
_LSHIFT_BY_CODE = {_code(dt): _LSHIFT_WIDE if dt in _WIDER else _LSHIFT for dt in _INTEGRAL}
_RSHIFT_BY_CODE = {
    _code(dt): _RSHIFT_SIGNED if dt in _SIGNED else _RSHIFT_WIDE if dt in _WIDER else _RSHIFT
    for dt in _INTEGRAL
}


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


def bitwise_left_shift(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and type(x2) is _array:
        c = _code(x1.dtype)
        if c == _code(x2.dtype) and c in _LSHIFT_BY_CODE and x1.shape == x2.shape:
            return _LSHIFT_BY_CODE[c](x1, x2)
    return _left_shift_general(x1, x2)


def _left_shift_general(x1: Any, x2: Any) -> mx.array:
    """Any operands (Python ints, mixed dtypes, broadcasting): eager, unfused."""
    if (
        type(x2) is int
        and type(x1) is mx.array
        and _code(x1.dtype) in _INTEGRAL_C
        and 0 <= x2 < x1.dtype.size * 8
    ):
        return mx.left_shift(x1, x2)  # a shift the hardware does as the standard says
    x1, x2 = _pair(x1, x2)
    out = mx.left_shift(x1, x2)
    bits = x1.dtype.size * 8
    # shifting by >= the bit width is undefined in C (MLX); the standard wants 0
    return mx.where(x2 >= bits, mx.zeros((), dtype=out.dtype), out)


def bitwise_right_shift(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and type(x2) is _array:
        c = _code(x1.dtype)
        if c == _code(x2.dtype) and c in _RSHIFT_BY_CODE and x1.shape == x2.shape:
            return _RSHIFT_BY_CODE[c](x1, x2)
    return _right_shift_general(x1, x2)


def _right_shift_general(x1: Any, x2: Any) -> mx.array:
    """Any operands (Python ints, mixed dtypes, broadcasting): eager, unfused."""
    if (
        type(x2) is int
        and type(x1) is mx.array
        and _code(x1.dtype) in _INTEGRAL_C
        and 0 <= x2 < x1.dtype.size * 8
    ):
        return mx.right_shift(x1, x2)
    x1, x2 = _pair(x1, x2)
    out = mx.right_shift(x1, x2)
    bits = x1.dtype.size * 8
    if x1.dtype in _UNSIGNED:
        fill = mx.zeros((), dtype=out.dtype)
    else:
        fill = mx.where(x1 < 0, -1, 0).astype(out.dtype)
    return mx.where(x2 >= bits, fill, out)


def tanh(x: mx.array, /) -> mx.array:
    r = mx.tanh(x)
    # x.itemsize first: an int read, where x.dtype makes a new Dtype object (~0.05 us)
    if r.itemsize != 8 or _code(r.dtype) not in _COMPLEX_C:
        return r
    re, im = mx.real(x), mx.imag(x)
    # the standard: tanh(+inf + yj) is 1 + 0j for finite y > 0 (and conj-symmetric for y < 0)
    fix = mx.isinf(re) & mx.isfinite(im)
    w = mx.sign(re).astype(r.dtype)  # +-1 + 0j
    w = mx.where(signbit(im), mx.conj(w), w)  # conj flips the zero's sign
    return mx.where(fix, w, r)


def exp(x: mx.array, /) -> mx.array:
    if x.itemsize != 8 or _code(x.dtype) != _F64_C:
        return mx.exp(x)
    # MLX's float64 exp runs at float32 precision; its float64 expm1 does not
    return mx.where(x < 0, 1 / (mx.expm1(-x) + 1), mx.expm1(x) + 1)


def logaddexp(x1: Any, x2: Any, /) -> mx.array:
    r = mx.logaddexp(x1, x2)
    if r.itemsize != 8 or _code(r.dtype) != _F64_C:
        return r
    a, b = _pair(x1, x2)
    m = mx.maximum(a, b)
    out = m + mx.log1p(exp(-mx.abs(a - b)))
    return mx.where(a == b, a + math.log(2.0), out)


def expm1(x: mx.array, /) -> mx.array:
    if isinstance(x, mx.array) and x.itemsize == 8 and _code(x.dtype) in _COMPLEX_C:
        return mx.exp(x) - 1
    return mx.expm1(x)


def hypot(x1: Any, x2: Any, /) -> mx.array:
    x1, x2 = _pair(x1, x2)
    a = mx.abs(x1)
    b = mx.abs(x2)
    hi = mx.maximum(a, b)
    lo = mx.minimum(a, b)
    safe = mx.where(hi == 0, 1, hi)
    r = hi * mx.sqrt(1 + mx.square(lo / safe))
    r = mx.where(hi == 0, 0, r)
    r = mx.where(mx.isnan(a) | mx.isnan(b), math.nan, r)
    return mx.where(mx.isinf(a) | mx.isinf(b), math.inf, r)


_BITS = {mx.float32: (mx.int32, 1), mx.float64: (mx.int64, 1), mx.float16: (mx.int16, 1)}


def nextafter(x1: Any, x2: Any, /) -> mx.array:
    x1, x2 = mx.broadcast_arrays(*_pair(x1, x2))
    dt = mx.result_type(x1, x2)
    if dt not in _BITS:
        raise TypeError(
            f"nextafter: real floating-point operands required, got {x1.dtype} and {x2.dtype}"
        )
    x1 = x1.astype(dt)
    x2 = x2.astype(dt)
    ity, one = _BITS[dt]
    bits = mx.view(x1, ity)
    up = (x2 > x1) == (x1 > 0)
    moved = mx.view(mx.where(up, bits + one, bits - one), dt)
    tiny = mx.view(mx.ones(x1.shape, dtype=ity), dt)
    from_zero = mx.where(x2 > 0, tiny, -tiny)
    out = mx.where(x1 == 0, from_zero, moved)
    out = mx.where(x1 == x2, x2, out)
    return mx.where(mx.isnan(x1) | mx.isnan(x2), math.nan, out)


def _int_operands(x1: Any, x2: Any) -> tuple[mx.array, mx.array] | None:
    """Both operands as arrays when the division is an integer one whose divisor may trap, else None.

    Integer ``INT_MIN // -1`` and ``INT_MIN % -1`` overflow (SIGFPE on x86) and a
    zero divisor is undefined in C: the callers rewrite such divisors with
    ``where`` before MLX sees them (no host sync, lazy, works in ``mx.compile``).
    """
    t2 = type(x2)
    if t2 is float or t2 is complex:
        return None
    if t2 is int and x2 != 0 and x2 != -1:
        return None  # a Python int divisor that cannot trap
    d1 = x1.dtype if isinstance(x1, mx.array) else None
    d2 = x2.dtype if isinstance(x2, mx.array) else None
    if (d1 is not None and d1 not in _INTEGRAL and d1 != mx.bool_) or (
        d2 is not None and d2 not in _INTEGRAL and d2 != mx.bool_
    ):
        return None  # a floating operand: floating division
    if d1 is None and d2 is None and (type(x1) is float or type(x1) is complex):
        return None
    a, d = _pair(x1, x2)
    return (a, d) if a.dtype in _INTEGRAL else None


def _floor_divide_signed(a: mx.array, d: mx.array) -> mx.array:
    minus_one = d == -1
    zero = d == 0
    q = mx.floor_divide(a, mx.where(minus_one | zero, mx.ones((), dtype=d.dtype), d))
    # x // -1 is -x (INT_MIN wraps to itself, as NumPy); x // 0 is 0 (as NumPy)
    return mx.where(minus_one, mx.negative(a), mx.where(zero, mx.zeros((), dtype=a.dtype), q))


def _floor_divide_unsigned(a: mx.array, d: mx.array) -> mx.array:
    zero = d == 0
    q = mx.floor_divide(a, mx.where(zero, mx.ones((), dtype=d.dtype), d))
    return mx.where(zero, mx.zeros((), dtype=a.dtype), q)


def _remainder_signed(a: mx.array, d: mx.array) -> mx.array:
    # x % -1 and x % 0 are 0 (as NumPy): x % 1 gives exactly that
    return mx.remainder(a, mx.where((d == 0) | (d == -1), mx.ones((), dtype=d.dtype), d))


def _remainder_unsigned(a: mx.array, d: mx.array) -> mx.array:
    return mx.remainder(a, mx.where(d == 0, mx.ones((), dtype=d.dtype), d))


# compiled (shapeless): the guard's few elementwise ops become one fused kernel
_FD = {
    False: mx.compile(_floor_divide_signed, shapeless=True),
    True: mx.compile(_floor_divide_unsigned, shapeless=True),
}
_REM = {
    False: mx.compile(_remainder_signed, shapeless=True),
    True: mx.compile(_remainder_unsigned, shapeless=True),
}


def floor_divide(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and _code(x1.dtype) in _REAL_FLOAT_C:
        # a floating x1 makes the division floating whatever x2 is: it cannot trap (one dtype read)
        return mx.floor_divide(x1, x2)
    return _floor_divide_general(x1, x2)


def _floor_divide_general(x1: Any, x2: Any) -> mx.array:
    """Any operands: integer divisors that may trap are rewritten (see _int_operands)."""
    ints = _int_operands(x1, x2)
    if ints is None:
        return mx.floor_divide(x1, x2)
    a, d = ints
    return _FD[a.dtype in _UNSIGNED](a, d)


def _remainder_float(a: mx.array, b: mx.array) -> mx.array:
    r = mx.remainder(a, b)
    # the sign of a zero result follows b (MLX gives it a's sign); where r == 0, b is not
    # zero or NaN (those give NaN), so sign(b) is +-1. (No -0.0 constant: mx.compile
    # merges it with 0.0.)
    return mx.where(r == 0, mx.abs(r) * mx.sign(b), r)


_REM_FLOAT = mx.compile(_remainder_float, shapeless=True)


def remainder(x1: Any, x2: Any, /) -> mx.array:
    if type(x1) is _array and type(x2) is _array and x1.shape == x2.shape:
        c = _code(x1.dtype)
        if c in _REAL_FLOAT_C and c == _code(x2.dtype):
            return _REM_FLOAT(x1, x2)
    return _remainder_general(x1, x2)


def _remainder_general(x1: Any, x2: Any) -> mx.array:
    """Any operands (Python scalars, mixed dtypes, broadcasting, integers)."""
    ints = _int_operands(x1, x2)
    if ints is not None:
        a, d = ints
        return _REM[a.dtype in _UNSIGNED](a, d)
    r = mx.remainder(x1, x2)
    if r.dtype in _REAL_FLOAT:
        x2a = x2 if isinstance(x2, mx.array) else mx.array(x2, dtype=r.dtype)
        # the sign of a zero result follows x2 (MLX gives it x1's sign)
        r = mx.where(r == 0, mx.where(signbit(x2a), -0.0, 0.0).astype(r.dtype), r)
    return r


def round(x: mx.array, /) -> mx.array:  # noqa: A001
    if _code(x.dtype) in _INTEGRAL_C:
        return x
    return mx.round(x)


def _sign_float(x: mx.array) -> mx.array:
    return mx.where(mx.isnan(x), x, mx.sign(x))


def _sin_float(x: mx.array) -> mx.array:
    r = mx.sin(x)
    # keeps the sign of zero: sin(-0) is -0. r itself is the condition (nonzero and NaN are
    # true): no comparison constant, which makes the compiled call ~0.08 us cheaper to build.
    return mx.where(r, r, x)


# unary elementwise: one fused kernel per call (shapeless compile, one trace per dtype)
_SIGN_FLOAT = mx.compile(_sign_float, shapeless=True)
_SIN_FLOAT = mx.compile(_sin_float, shapeless=True)


def sign(x: mx.array, /) -> mx.array:
    c = _code(x.dtype)
    if c in _REAL_FLOAT_C:
        return _SIGN_FLOAT(x)
    if c in _COMPLEX_C:
        mag = mx.abs(x)
        return mx.where(mag == 0, mx.zeros((), dtype=x.dtype), x / mx.where(mag == 0, 1, mag))
    return mx.sign(x)


def _half_angle(x: mx.array) -> tuple[mx.array, mx.array, mx.array]:
    """tan(x/2) terms: MLX's float64 sin/cos run at float32 precision, its float64 tan does not."""
    t = mx.tan(x * 0.5)
    t2 = mx.square(t)
    return t, t2, 1 + t2


def cos(x: mx.array, /) -> mx.array:
    if x.itemsize != 8 or _code(x.dtype) != _F64_C:
        return mx.cos(x)
    t, t2, d = _half_angle(x)
    c = (1 - t2) / d
    return mx.where(mx.isinf(t2), -1.0, c).astype(mx.float64)


def sin(x: mx.array, /) -> mx.array:
    c = _code(x.dtype)
    if c in _LOW_FLOAT_C:
        return _SIN_FLOAT(x)
    return _sin_general(x, c)


def _sin_general(x: mx.array, c: int) -> mx.array:
    """float64 (MLX's own runs at float32 precision), integers and complex: eager."""
    if c == _F64_C:
        t, t2, d = _half_angle(x)
        r = mx.where(mx.isinf(t2), 0.0, 2 * t / d).astype(mx.float64)
        return mx.where(x == 0, x, r)  # keeps the sign of zero
    r = mx.sin(x)
    if r.dtype in _REAL_FLOAT:
        return mx.where(r == 0, x, r)  # keeps the sign of zero: sin(-0) is -0
    return r


# ----------------------------------------------------------------------------------------
# indexing
# ----------------------------------------------------------------------------------------
def _norm_axis(axis: int, ndim: int) -> int:
    if not -ndim <= axis < ndim:
        raise IndexError(f"axis {axis} is out of bounds for an array of dimension {ndim}")
    return axis % ndim


def _optional_axis(x: mx.array, axis: int | None, what: str) -> tuple[mx.array, int]:
    """``x`` (a 0-d one as 1-d) and its normalized axis; ``axis=None`` is allowed for 1-d only."""
    if axis is None:
        if x.ndim > 1:
            raise ValueError(f"{what}: axis is required for arrays with more than one dimension")
        axis = 0
    if x.ndim == 0:
        x = x.reshape(1)
    return x, _norm_axis(axis, x.ndim)


def _small_indices_checked(indices: mx.array, n: int) -> _pybool:
    """True when ``indices`` is a short, eager, 1-d integer array whose values are all in
    ``[-n, n)`` (or the checks are off); False sends the caller to ``_indices.check_array``
    (which raises, clamps inside a trace, or checks a larger array). The same rule as
    ``check_array``, spelled out here because ``take`` / ``take_along_axis`` build their
    graph in about 1 us and the check is most of it."""
    if not _checks_state[0]:
        return True
    if indices.ndim == 1 and indices.size <= 64 and n:
        try:
            host = indices.tolist()  # evaluates lazy indices (once); raises inside mx.compile
        except ValueError:
            return False
        if host:
            host.sort()  # sorting ten ints costs less than min() plus max()
            # an integer dtype lists Python ints (bool and floating dtypes do not: check_array
            # leaves those to MLX, which refuses them)
            return type(host[0]) is int and -n <= host[0] and host[-1] < n
        return True
    return False


def take(x: mx.array, indices: Any, /, *, axis: int | None = None) -> mx.array:
    if axis is None and type(indices) is _array and x.ndim == 1:  # the common 1-d case, lean
        n = x.shape[0]
        if _small_indices_checked(indices, n):
            return mx.take(x, indices, 0)
        return mx.take(x, _indices.check_array(indices, n), 0)
    x, ax = _optional_axis(x, axis, "take")
    n = x.shape[ax]
    if isinstance(indices, int):
        return mx.take(x, _indices.check_int(indices, n), axis=ax)
    if not isinstance(indices, mx.array):
        indices = mx.array(indices)
    return mx.take(x, _indices.check_array(indices, n), axis=ax)


def take_along_axis(x: mx.array, indices: mx.array, /, *, axis: int = -1) -> mx.array:
    try:
        n = x.shape[axis]  # an int axis in range (a negative one counts from the end)
    except (IndexError, TypeError):
        n = None
    if n is not None:
        if type(indices) is _array and _small_indices_checked(indices, n):
            return mx.take_along_axis(x, indices, axis)
        return mx.take_along_axis(x, _indices.check_array(indices, n), axis)
    if not -x.ndim <= axis < x.ndim:
        raise IndexError(f"axis {axis} is out of bounds for an array of dimension {x.ndim}")
    return mx.take_along_axis(x, _indices.check_array(indices, x.shape[axis]), axis=axis)


# ----------------------------------------------------------------------------------------
# linear algebra (top level)
# ----------------------------------------------------------------------------------------
def matmul(x1: mx.array, x2: mx.array, /) -> mx.array:
    try:
        return mx.matmul(x1, x2)  # floating results: MLX's own, mixed dtypes promoted by MLX
    except ValueError:
        dt = mx.result_type(x1, x2)
        if dt in _REAL_FLOAT or dt in _COMPLEX:
            raise  # a shape error
        return _integral_matmul(x1, x2, dt)


def _integral_matmul(x1: mx.array, x2: mx.array, dt: Any) -> mx.array:
    # MLX's matmul is floating only: integer/bool product as a broadcast sum.
    if x1.ndim == 0 or x2.ndim == 0:
        raise ValueError("matmul: inputs must be at least 1-D")
    a = x1 if x1.ndim > 1 else x1[None, :]
    b = x2 if x2.ndim > 1 else x2[:, None]
    if a.shape[-1] != b.shape[-2]:
        raise ValueError(f"matmul: shapes {x1.shape} and {x2.shape} are not aligned")
    if dt == mx.bool_:
        out = mx.any(mx.logical_and(a[..., :, :, None], b[..., None, :, :]), axis=-2)
    else:
        out = mx.sum(a.astype(dt)[..., :, :, None] * b.astype(dt)[..., None, :, :], axis=-2)
        out = out.astype(dt)
    if x1.ndim == 1:
        out = mx.squeeze(out, -2)
    if x2.ndim == 1:
        out = mx.squeeze(out, -1)
    return out


def matrix_transpose(x: mx.array, /) -> mx.array:
    if x.ndim < 2:
        raise ValueError("matrix_transpose needs an array of at least 2 dimensions")
    return mx.swapaxes(x, -1, -2)


def tensordot(x1: mx.array, x2: mx.array, /, *, axes: Any = 2) -> mx.array:
    if (
        type(axes) is int
        and _same_dtype_real_float(x1, x2)
        and 0 <= axes <= x1.ndim
        and axes <= x2.ndim
        and x1.shape[x1.ndim - axes :] == x2.shape[:axes]
    ):
        return mx.tensordot(x1, x2, axes=axes)  # checked axes, one real floating dtype: MLX's own
    if hasattr(axes, "__index__") and not isinstance(axes, (tuple, list)):
        axes = _sizes.integer(axes, "tensordot: axes")
        if axes < 0:
            raise ValueError(f"tensordot: axes must be non-negative, got {axes}")
        if axes > x1.ndim or axes > x2.ndim:  # checked before any list is built from it
            raise ValueError(
                f"tensordot: axes={axes} exceeds the dimensions of the inputs ({x1.ndim}, {x2.ndim})"
            )
        a1 = list(range(x1.ndim - axes, x1.ndim))
        a2 = list(range(axes))
    else:
        try:
            first, second = axes
        except (TypeError, ValueError):
            raise ValueError(
                f"tensordot: axes must be an integer or a pair of axis sequences, got {axes!r}"
            ) from None
        a1 = _sizes.axes(first, x1.ndim, "tensordot: x1")
        a2 = _sizes.axes(second, x2.ndim, "tensordot: x2")
        if len(a1) != len(a2):
            raise ValueError(f"tensordot: {len(a1)} axes of x1 but {len(a2)} of x2")
    free1 = [i for i in range(x1.ndim) if i not in a1]
    free2 = [i for i in range(x2.ndim) if i not in a2]
    k = 1
    for a, b in zip(a1, a2, strict=True):
        if x1.shape[a] != x2.shape[b]:
            raise ValueError("tensordot: contracted axes have different sizes")
        k *= x1.shape[a]
    m = math.prod(x1.shape[i] for i in free1)
    n = math.prod(x2.shape[i] for i in free2)
    dt = mx.result_type(x1, x2)
    p1 = mx.transpose(x1, free1 + a1).reshape(m, k).astype(dt)
    p2 = mx.transpose(x2, a2 + free2).reshape(k, n).astype(dt)
    out = matmul(p1, p2)
    return out.reshape([x1.shape[i] for i in free1] + [x2.shape[i] for i in free2])


def vecdot(x1: mx.array, x2: mx.array, /, *, axis: int = -1) -> mx.array:
    if (
        type(axis) is int
        and _same(x1, x2)
        and _code(x1.dtype) in _REAL_FLOAT_C
        and -x1.ndim <= axis < x1.ndim
    ):
        return mx.sum(
            x1 * x2, axis=axis
        )  # one real dtype, one shape: no broadcast, no conj, no cast
    dt = mx.result_type(x1, x2)
    ndim = builtins.max(x1.ndim, x2.ndim)
    if not -builtins.min(x1.ndim, x2.ndim) <= axis < 0 and not 0 <= axis < builtins.min(
        x1.ndim, x2.ndim
    ):
        raise ValueError(f"vecdot: axis {axis} is out of bounds")
    s1 = (1,) * (ndim - x1.ndim) + tuple(x1.shape)
    s2 = (1,) * (ndim - x2.ndim) + tuple(x2.shape)
    if s1[axis] != s2[axis]:
        raise ValueError(f"vecdot: the axis has size {s1[axis]} in x1 and {s2[axis]} in x2")
    x1, x2 = mx.broadcast_arrays(x1, x2)
    if dt in _COMPLEX:
        x1 = mx.conj(x1)
    out = mx.sum(mx.multiply(x1, x2), axis=axis)
    return out.astype(dt) if out.dtype != dt else out


# ----------------------------------------------------------------------------------------
# manipulation
# ----------------------------------------------------------------------------------------
def broadcast_arrays(*arrays: mx.array) -> tuple[mx.array, ...]:
    if not arrays:
        return ()
    return tuple(mx.broadcast_arrays(*arrays))


def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    if not shapes:
        return ()
    shapes = tuple(_sizes.shape(s, "broadcast_shapes") for s in shapes)
    try:
        return tuple(mx.broadcast_shapes(*shapes))
    except ValueError as err:
        raise ValueError(str(err)) from None


def concat(arrays: Any, /, *, axis: int | None = 0) -> mx.array:
    arrays = list(arrays)
    if axis is None:
        arrays = [a.reshape(-1) for a in arrays]
        axis = 0
    return mx.concatenate(arrays, axis=axis)


def expand_dims(x: mx.array, /, axis: Any = 0) -> mx.array:
    if type(axis) is int and -x.ndim - 1 <= axis <= x.ndim:
        return mx.expand_dims(x, axis)
    axes = axis if isinstance(axis, tuple) else (axis,)
    ndim = x.ndim + len(axes)
    for a in axes:
        if not -ndim <= a < ndim:
            raise IndexError(f"expand_dims: axis {a} out of bounds for result of dimension {ndim}")
    norm = [a % ndim for a in axes]
    if len(set(norm)) != len(norm):
        raise ValueError("expand_dims: repeated axis")
    return mx.expand_dims(x, list(axes) if isinstance(axis, tuple) else axis)


def moveaxis(x: mx.array, source: Any, destination: Any, /) -> mx.array:
    if type(source) is int and type(destination) is int:
        return mx.moveaxis(x, source, destination)
    return mx.transpose(
        x,
        _move_perm(
            x.ndim,
            tuple(source) if not isinstance(source, int) else (source,),
            tuple(destination) if not isinstance(destination, int) else (destination,),
        ),
    )


@functools.lru_cache(maxsize=256)
def _move_perm(ndim: int, source: tuple[int, ...], destination: tuple[int, ...]) -> list[int]:
    src = list(source)
    dst = list(destination)
    if len(src) != len(dst):
        raise ValueError("moveaxis: source and destination need the same number of axes")
    src = [_norm_axis(a, ndim) for a in src]
    dst = [_norm_axis(a, ndim) for a in dst]
    if len(set(src)) != len(src) or len(set(dst)) != len(dst):
        raise ValueError("moveaxis: repeated axis")
    order = [a for a in range(ndim) if a not in src]
    for d, s in sorted(zip(dst, src, strict=True)):
        order.insert(d, s)
    return order


def permute_dims(x: mx.array, /, axes: tuple[int, ...]) -> mx.array:
    return mx.transpose(x, axes if type(axes) is tuple else list(axes))


def repeat(x: mx.array, repeats: Any, /, *, axis: int | None = None) -> mx.array:
    """Repeat elements. With an array ``repeats`` the output shape depends on data: evaluates."""
    if (
        type(repeats) is int
        and 0 <= repeats <= _sizes.INT32_MAX
        and x.ndim
        and x.nbytes * repeats <= _sizes.MEMORY_LIMIT
    ):
        if axis is None:
            if x.size * repeats <= _sizes.INT32_MAX:
                return mx.repeat(x, repeats)  # MLX flattens first, as the standard asks
        elif (
            type(axis) is int
            and -x.ndim <= axis < x.ndim
            and x.shape[axis] * repeats <= _sizes.INT32_MAX
        ):
            return mx.repeat(x, repeats, axis=axis)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    ax = _norm_axis(axis, x.ndim)
    if not isinstance(repeats, (mx.array, list, tuple)):
        r = _sizes.size(repeats, "repeat: repeats")
        _sizes.size(r * x.shape[ax], "repeat: output length")
        _sizes.nbytes_ok(r * x.size, x.dtype.size, "repeat")
        return mx.repeat(x, r, axis=ax)
    reps = repeats if isinstance(repeats, mx.array) else asarray(repeats)
    if reps.dtype not in _INTEGRAL:
        raise TypeError(f"repeat: repeats must be integers, got dtype {reps.dtype}")
    if reps.ndim > 1:
        raise ValueError(f"repeat: repeats must be 0-d or 1-d, got shape {reps.shape}")
    n = x.shape[ax]
    if reps.ndim == 0 or reps.size == 1:
        return repeat(x, int(reps.reshape(-1)[0].item()), axis=ax)
    if reps.size != n:
        raise ValueError(f"repeat: {reps.size} repeats for an axis of length {n}")
    reps = reps.astype(mx.int64)
    if mx.any(reps < 0).item():
        raise ValueError("repeat: repeats must be non-negative")
    ends = mx.cumsum(reps)
    total = int(ends[-1].item()) if n else 0
    _sizes.size(total, "repeat: output length")
    _sizes.nbytes_ok(total * (x.size // builtins.max(n, 1)), x.dtype.size, "repeat")
    if total == 0:
        shape = list(x.shape)
        shape[ax] = 0
        return mx.zeros(shape, dtype=x.dtype)
    src = mx.searchsorted(ends, mx.arange(total, dtype=mx.int64), side="right").astype(mx.int32)
    return mx.take(x, src, axis=ax)


def reshape(x: mx.array, /, shape: tuple[int, ...], *, copy: _pybool | None = None) -> mx.array:
    if not _sizes.fits(shape, 0, -1):
        shape = _sizes.shape(shape, "reshape", allow_infer=True)
    out = mx.reshape(x, shape)
    return mx.array(out) if copy else out


def roll(x: mx.array, /, shift: Any, *, axis: Any = None) -> mx.array:
    if axis is None:
        return mx.roll(x, shift)
    return mx.roll(x, shift, axis)


def squeeze(x: mx.array, /, axis: Any) -> mx.array:
    if type(axis) is int and -x.ndim <= axis < x.ndim and x.shape[axis] == 1:
        return mx.squeeze(x, axis)
    axes = axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if x.shape[_norm_axis(a, x.ndim)] != 1:
            raise ValueError(f"squeeze: axis {a} has size {x.shape[a]}, not 1")
    return mx.squeeze(x, list(axes) if isinstance(axis, tuple) else axis)


def stack(arrays: Any, /, *, axis: int = 0) -> mx.array:
    return mx.stack(list(arrays), axis=axis)


def tile(x: mx.array, repetitions: tuple[int, ...], /) -> mx.array:
    reps = repetitions
    if not (
        _sizes.fits(reps)
        and (
            not reps or not x.ndim or builtins.max(reps) * builtins.max(x.shape) <= _sizes.INT32_MAX
        )
        and x.nbytes * math.prod(reps) <= _sizes.MEMORY_LIMIT
    ):
        reps = _sizes.shape(repetitions, "tile: repetitions")
        full = (1,) * (len(reps) - x.ndim) + tuple(x.shape)
        out = [a * r for a, r in zip(full, (1,) * (len(full) - len(reps)) + reps, strict=True)]
        _sizes.shape(out, "tile: result", itemsize=x.dtype.size)
    return mx.tile(x, list(reps))


def broadcast_to(x: mx.array, /, shape: tuple[int, ...]) -> mx.array:
    if not _sizes.fits(shape):
        shape = _sizes.shape(shape, "broadcast_to")
    return mx.broadcast_to(x, shape)


def unstack(x: mx.array, /, *, axis: int = 0) -> tuple[mx.array, ...]:
    return mx.unstack(x, axis=_norm_axis(axis, x.ndim))


# ----------------------------------------------------------------------------------------
# searching
# ----------------------------------------------------------------------------------------
def argmax(x: mx.array, /, *, axis: int | None = None, keepdims: _pybool = False) -> mx.array:
    if x.ndim == 0:
        return mx.zeros((), dtype=_INDEX)
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, _INDEX, "argmax")
    return mx.argmax(x, axis=axis, keepdims=keepdims).astype(_INDEX)


def argmin(x: mx.array, /, *, axis: int | None = None, keepdims: _pybool = False) -> mx.array:
    if x.ndim == 0:
        return mx.zeros((), dtype=_INDEX)
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, _INDEX, "argmin")
    return mx.argmin(x, axis=axis, keepdims=keepdims).astype(_INDEX)


def count_nonzero(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, 0, _INDEX, "count_nonzero")
    out = mx.sum(x != 0, axis=axis, keepdims=keepdims)
    return out.astype(_INDEX)


def _flat_true_positions(mask: mx.array) -> mx.array:
    """Positions of the True entries of 1-D bool ``mask``, ascending (one sync)."""
    n = mask.size
    k = int(mx.sum(mask).item())
    pos = mx.where(mask, mx.arange(n, dtype=mx.int32), n)
    return mx.sort(pos)[:k]


def nonzero(x: mx.array, /) -> tuple[mx.array, ...]:
    """Indices of the non-zero elements. Output shape depends on data: evaluates ``x``."""
    if x.ndim == 0:
        raise ValueError("nonzero is not defined for 0-d arrays")
    flat = _flat_true_positions((x != 0).reshape(-1))
    out = []
    stride = 1
    strides = []
    for s in reversed(x.shape):
        strides.append(stride)
        stride *= s
    strides.reverse()
    for s, st in zip(x.shape, strides, strict=True):
        out.append(((flat // st) % s).astype(_INDEX))
    return tuple(out)


def searchsorted(
    x1: mx.array, x2: Any, /, *, side: str = "left", sorter: mx.array | None = None
) -> mx.array:
    if sorter is None and type(x2) is _array:
        # the common case: MLX checks side and x1's ndim itself, promotes mixed dtypes as
        # result_type does (as the general path below) and answers uint32. Only an integer x1
        # against another dtype needs the general path (a float x2 is compared in a float wide
        # enough for the integers). Any refusal is reported by the general path in its words.
        try:
            c = _code(x1.dtype)
        except AttributeError:
            c = None
        if c is not None and (c not in _INTEGRAL_C or c == _code(x2.dtype)):
            try:
                return mx.searchsorted(x1, x2, side).astype(_INDEX)
            except (ValueError, TypeError):
                pass
    if side not in ("left", "right"):
        raise ValueError(f"side must be 'left' or 'right', got {side!r}")
    if x1.ndim != 1:
        raise ValueError(f"searchsorted: x1 must be 1-D, got shape {x1.shape}")
    if sorter is not None:
        if not isinstance(sorter, mx.array) or sorter.dtype not in _INTEGRAL:
            raise TypeError("searchsorted: sorter must be an integer array")
        if tuple(sorter.shape) != tuple(x1.shape):
            raise ValueError(
                f"searchsorted: sorter has shape {sorter.shape}, x1 has shape {x1.shape}"
            )
        x1 = take(x1, sorter)
    if not isinstance(x2, mx.array):
        x2 = _scalar_like(x2, x1)  # a Python float against an integer x1 stays a float (as NumPy)
    if _code(x2.dtype) != _code(x1.dtype):
        dt = mx.result_type(x1, x2)
        if x1.dtype in _INTEGRAL and x2.dtype in _REAL_FLOAT:
            # compare in a float wide enough for the integers (NumPy: inf lands at len, not 0)
            dt = mx.float64 if x1.dtype.size > 2 or x2.dtype == mx.float64 else mx.float32
        x1, x2 = x1.astype(dt), x2.astype(dt)
    return mx.searchsorted(x1, x2, side=side).astype(_INDEX)


def where(condition: mx.array, x1: Any, x2: Any, /) -> mx.array:
    return mx.where(condition, x1, x2)


# ----------------------------------------------------------------------------------------
# set functions
# ----------------------------------------------------------------------------------------
UniqueAllResult = namedtuple("UniqueAllResult", ["values", "indices", "inverse_indices", "counts"])
UniqueCountsResult = namedtuple("UniqueCountsResult", ["values", "counts"])
UniqueInverseResult = namedtuple("UniqueInverseResult", ["values", "inverse_indices"])


def _unique(x: mx.array) -> tuple[mx.array, mx.array, mx.array, mx.array, mx.array]:
    """Sort-based unique in MLX ops (one sync for the count). Each NaN is its own value."""
    flat = x.reshape(-1)
    n = flat.size
    if n == 0:
        empty_i = mx.zeros((0,), dtype=_INDEX)
        return flat, empty_i, empty_i, empty_i, empty_i
    order = mx.argsort(flat).astype(_INDEX)
    s = flat[order]
    new = mx.concatenate([mx.array([True]), s[1:] != s[:-1]])
    starts = _flat_true_positions(new)
    values = s[starts]
    ends = mx.concatenate([starts[1:], mx.array([n], dtype=starts.dtype)])
    counts = (ends - starts).astype(_INDEX)
    group = (mx.cumsum(new.astype(_INDEX)) - 1).astype(_INDEX)
    inverse = group[mx.argsort(order)]
    return values, order[starts], inverse, counts, group


def unique_all(x: mx.array, /) -> UniqueAllResult:
    """Unique values, first indices, inverse indices and counts. Evaluates ``x``."""
    values, indices, inverse, counts, _ = _unique(x)
    return UniqueAllResult(values, indices, inverse.reshape(x.shape), counts)


def unique_counts(x: mx.array, /) -> UniqueCountsResult:
    """Unique values and their counts. Evaluates ``x``."""
    values, _, _, counts, _ = _unique(x)
    return UniqueCountsResult(values, counts)


def unique_inverse(x: mx.array, /) -> UniqueInverseResult:
    """Unique values and inverse indices. Evaluates ``x``."""
    values, _, inverse, _, _ = _unique(x)
    return UniqueInverseResult(values, inverse.reshape(x.shape))


def unique_values(x: mx.array, /) -> mx.array:
    """Unique values. Evaluates ``x``."""
    return _unique(x)[0]


def isin(x1: Any, x2: Any, /, *, invert: _pybool = False) -> mx.array:
    a = x1 if isinstance(x1, mx.array) else _scalar_like(x1, x2)
    b = x2 if isinstance(x2, mx.array) else _scalar_like(x2, a)
    dt = mx.result_type(a, b)
    a = a.astype(dt)
    b = b.reshape(-1).astype(dt)
    if b.size == 0:
        found = mx.zeros(a.shape, dtype=mx.bool_)
    else:
        s = mx.sort(b)
        pos = mx.minimum(mx.searchsorted(s, a.reshape(-1)), b.size - 1)
        found = (s[pos] == a.reshape(-1)).reshape(a.shape)
    return mx.logical_not(found) if invert else found


# ----------------------------------------------------------------------------------------
# sorting
# ----------------------------------------------------------------------------------------
def argsort(
    x: mx.array, /, *, axis: int = -1, descending: _pybool = False, stable: _pybool = True
) -> mx.array:
    if not descending:
        try:
            return mx.argsort(x, axis).astype(_INDEX)  # MLX answers uint32
        except IndexError:
            if x.ndim:
                raise
            return mx.zeros((), dtype=_INDEX)  # MLX refuses a 0-d array
    if x.ndim == 0:
        return mx.zeros((), dtype=_INDEX)
    ax = _norm_axis(axis, x.ndim)
    n = x.shape[ax]
    # stable descending: sort the reversed array ascending, reverse, map back
    idx = mx.argsort(mx.flip(x, axis=ax), axis=ax)
    return (n - 1 - mx.flip(idx, axis=ax).astype(_INDEX)).astype(_INDEX)


def sort(
    x: mx.array, /, *, axis: int = -1, descending: _pybool = False, stable: _pybool = True
) -> mx.array:
    if x.ndim == 0:
        return x
    out = mx.sort(x, axis=axis)
    return mx.flip(out, axis=axis) if descending else out


# ----------------------------------------------------------------------------------------
# statistical
# ----------------------------------------------------------------------------------------
def _empty_reduction(
    x: mx.array, axis: Any, keepdims: _pybool, fill: Any, dtype: Any, name: str
) -> mx.array:
    """The reduction of an EMPTY array, built in Python without running an MLX reduction.

    MLX's reductions over zero-size inputs hang now and then (a deadlock in the
    evaluation, see docs/mlx.md): the result is known from the shape alone.
    ``fill`` None means the reduction has no identity (max/min/argmax):
    ``ValueError`` when a reduced axis is empty, as NumPy.
    """
    ndim = x.ndim
    axes = list(range(ndim)) if axis is None else _sizes.axes(axis, ndim, name)
    if fill is None and math.prod(x.shape[a] for a in axes) == 0:
        raise ValueError(
            f"{name}: zero-size reduction over axes {tuple(axes)} of shape {tuple(x.shape)} "
            "has no identity"
        )
    shape = (
        [1 if i in axes else d for i, d in enumerate(x.shape)]
        if keepdims
        else [d for i, d in enumerate(x.shape) if i not in axes]
    )
    return mx.full(shape, fill if fill is not None else 0, dtype=dtype)


def _fresh_if_empty(x: mx.array) -> mx.array:
    """An empty array made from a foreign buffer reduces wrongly in MLX; a fresh empty one does not."""
    return mx.zeros(x.shape, dtype=x.dtype) if x.size == 0 else x


def all(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, True, mx.bool_, "all")
    if axis is None and not keepdims:
        return mx.all(x)
    return mx.all(x, axis=_axis(axis), keepdims=keepdims)


def any(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, False, mx.bool_, "any")
    if axis is None and not keepdims:
        return mx.any(x)
    return mx.any(x, axis=_axis(axis), keepdims=keepdims)


def _sum_dtype(dt: Any, dtype: Any) -> Any:
    if dtype is not None:
        return dtype
    return _SUM_UPCAST.get(dt, dt)


def _axis(axis: Any) -> Any:
    return list(axis) if isinstance(axis, tuple) else axis


def sum(  # noqa: A001
    x: mx.array, /, *, axis: Any = None, dtype: Any = None, keepdims: _pybool = False
) -> mx.array:
    if dtype is None and type(axis) is not tuple and x.ndim and x.size:
        # MLX already sums bool/int8/int16/uint8/uint16 in 32 bits, as _SUM_UPCAST asks (not 0-d ones)
        return (
            mx.sum(x) if axis is None and not keepdims else mx.sum(x, axis=axis, keepdims=keepdims)
        )
    xdt = x.dtype
    dt = _SUM_UPCAST.get(xdt, xdt) if dtype is None else dtype
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, 0, dt, "sum")
    if dtype is not None and dt != xdt:
        x = x.astype(dt)  # MLX already accumulates small integers in 32 bits: cast only on request
    out = mx.sum(x, axis=list(axis) if type(axis) is tuple else axis, keepdims=keepdims)
    return out if out.dtype == dt else out.astype(dt)


def prod(
    x: mx.array, /, *, axis: Any = None, dtype: Any = None, keepdims: _pybool = False
) -> mx.array:
    if dtype is None and type(axis) is not tuple and x.ndim and x.size:
        # MLX already multiplies bool/int8/int16/uint8/uint16 in 32 bits, as _SUM_UPCAST asks (as sum)
        return (
            mx.prod(x)
            if axis is None and not keepdims
            else mx.prod(x, axis=axis, keepdims=keepdims)
        )
    dt = _sum_dtype(x.dtype, dtype)
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, 1, dt, "prod")
    if dtype is not None and dt != x.dtype:
        x = x.astype(dt)  # MLX already accumulates small integers in 32 bits: cast only on request
    out = mx.prod(x, axis=_axis(axis), keepdims=keepdims)
    return out if out.dtype == dt else out.astype(dt)


def max(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, x.dtype, "max")
    if axis is None and not keepdims:
        return mx.max(x)
    return mx.max(x, axis=_axis(axis), keepdims=keepdims)


def min(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:  # noqa: A001
    if x.size == 0:
        return _empty_reduction(x, axis, keepdims, None, x.dtype, "min")
    if axis is None and not keepdims:
        return mx.min(x)
    return mx.min(x, axis=_axis(axis), keepdims=keepdims)


def mean(x: mx.array, /, *, axis: Any = None, keepdims: _pybool = False) -> mx.array:
    if x.size == 0:
        dt = x.dtype if x.dtype in _REAL_FLOAT or x.dtype in _COMPLEX else mx.float32
        return _empty_reduction(x, axis, keepdims, math.nan, dt, "mean")
    if axis is None and not keepdims:
        return mx.mean(x)
    return mx.mean(x, axis=_axis(axis), keepdims=keepdims)


def _count(x: mx.array, axis: Any) -> int:
    if axis is None:
        return x.size
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return math.prod(x.shape[a] for a in axes)


def var(
    x: mx.array, /, *, axis: Any = None, correction: float = 0.0, keepdims: _pybool = False
) -> mx.array:
    if x.size == 0:
        dt = (
            _REAL_OF.get(x.dtype, x.dtype)
            if x.dtype in _REAL_FLOAT or x.dtype in _COMPLEX
            else mx.float32
        )
        return _empty_reduction(x, axis, keepdims, math.nan, dt, "var")
    if correction == int(correction):
        return mx.var(x, axis=_axis(axis), keepdims=keepdims, ddof=int(correction))
    n = _count(x, axis)
    v = mx.var(x, axis=_axis(axis), keepdims=keepdims)
    return v * (n / builtins.max(n - correction, 0.0)) if n - correction > 0 else v * math.inf


def std(
    x: mx.array, /, *, axis: Any = None, correction: float = 0.0, keepdims: _pybool = False
) -> mx.array:
    return mx.sqrt(var(x, axis=axis, correction=correction, keepdims=keepdims))


def _cumulative(
    fn: Any, init: int, x: mx.array, axis: Any, dtype: Any, include_initial: _pybool
) -> mx.array:
    x, ax = _optional_axis(_fresh_if_empty(x), axis, "cumulative_sum/prod")
    dt = _sum_dtype(x.dtype, dtype)
    if dt != x.dtype:
        x = x.astype(dt)
    out = fn(x, axis=ax)
    if out.dtype != dt:
        out = out.astype(dt)
    if include_initial:
        shape = list(x.shape)
        shape[ax] = 1
        out = mx.concatenate([mx.full(shape, init, dtype=out.dtype), out], axis=ax)
    return out


def cumulative_sum(
    x: mx.array, /, *, axis: int | None = None, dtype: Any = None, include_initial: _pybool = False
) -> mx.array:
    # x.itemsize first (an int; x.dtype makes a new Dtype object): the upcast dtypes are 1-2 bytes
    if (
        dtype is None
        and not include_initial
        and x.size
        and (x.itemsize > 2 or _code(x.dtype) not in _SUM_UPCAST_C)
    ):
        # MLX keeps these dtypes (as the standard asks): only the axis needs checking
        if axis is None:
            if x.ndim == 1:
                return mx.cumsum(x, axis=0)
        elif type(axis) is int and -x.ndim <= axis < x.ndim:
            return mx.cumsum(x, axis=axis)
    return _cumulative(mx.cumsum, 0, x, axis, dtype, include_initial)


def cumulative_prod(
    x: mx.array, /, *, axis: int | None = None, dtype: Any = None, include_initial: _pybool = False
) -> mx.array:
    # x.itemsize first (an int; x.dtype makes a new Dtype object): the upcast dtypes are 1-2 bytes
    if (
        dtype is None
        and not include_initial
        and x.size
        and (x.itemsize > 2 or _code(x.dtype) not in _SUM_UPCAST_C)
    ):
        # MLX keeps these dtypes (as the standard asks): only the axis needs checking
        if axis is None:
            if x.ndim == 1:
                return mx.cumprod(x, axis=0)
        elif type(axis) is int and -x.ndim <= axis < x.ndim:
            return mx.cumprod(x, axis=axis)
    return _cumulative(mx.cumprod, 1, x, axis, dtype, include_initial)


# ----------------------------------------------------------------------------------------
# utility
# ----------------------------------------------------------------------------------------
def diff(
    x: mx.array,
    /,
    *,
    axis: int = -1,
    n: int = 1,
    prepend: mx.array | None = None,
    append: mx.array | None = None,
) -> mx.array:
    n = _sizes.size(n, "diff: n")
    if prepend is not None or append is not None:
        parts = [p for p in (prepend, x, append) if p is not None]
        x = mx.concatenate(parts, axis=axis)
    if x.ndim == 0:
        raise ValueError("diff: x must have at least one dimension")
    length = x.shape[_norm_axis(axis, x.ndim)]
    if n > length:
        n = length  # the result is empty from there on; MLX would loop n times
    if _code(x.dtype) == _BOOL_C:
        ax = _norm_axis(axis, x.ndim)
        for _ in range(n):
            sl1 = [slice(None)] * x.ndim
            sl0 = [slice(None)] * x.ndim
            sl1[ax] = slice(1, None)
            sl0[ax] = slice(None, -1)
            x = mx.not_equal(x[tuple(sl1)], x[tuple(sl0)])
        return x
    return mx.diff(x, n=n, axis=axis)
