"""Creation functions of the MLX namespace (array API 2025.12).

MLX's own creation calls behind ``device=`` (MLX takes ``stream=``), size checks
(``_bounds``: MLX shapes are int32 and a failed allocation crashes), the standard's
default dtypes, and float64 kept where MLX would read it as float32.
"""

from __future__ import annotations

import builtins
import math
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._dtypes import _COMPLEX, _as_dtype, _Dtype, _fill_dtype, _pybool
from ember_ml.backend.mlx._info import _stream

__all__ = [
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
]

_SMALL = 2**24  # counts this small need no memory check


# mlx 0.32.4: no device=; a count past int32 or memory is not checked (crash); int/float default
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
    start, stop, step = _py(start), _py(stop), _py(step)
    dtype = _as_dtype(dtype)
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
    _bounds.nbytes_ok(n, dtype.size, "arange")
    if n == 0:
        return mx.zeros((0,), dtype=dtype, stream=_stream(device))
    return mx.arange(start, stop, step, dtype=dtype, stream=_stream(device))


def _py(value: Any) -> Any:
    """A NumPy scalar (``np.float64(3.0)``) as the Python number it holds (MLX refuses it)."""
    if value is None or type(value) in (int, float):
        return value
    item = getattr(value, "item", None)
    if item is not None and getattr(value, "ndim", None) == 0 and not isinstance(value, mx.array):
        return item()
    return value


# mlx 0.32.4: no copy=/device=; float64 buffers read as float32; uint64 >= 2**63 fails;
# NumPy scalars inside lists and negative-stride NumPy arrays refused (ValueError);
# NumPy datetime64 segfaults and object/string/void arrays raise std::bad_cast
def asarray(
    obj: Any, /, *, dtype: Any = None, device: Any = None, copy: _pybool | None = None
) -> mx.array:
    _stream(device)
    if dtype is not None and type(dtype) is not _Dtype:
        dtype = _as_dtype(dtype)
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
    if type(obj) is list or type(obj) is tuple:
        try:
            return mx.array(obj) if dtype is None else _from_values(obj, dtype)
        except ValueError:  # NumPy scalars MLX cannot read (np.float32, np.int64, np.bool_)
            return _from_numpy_values(obj, dtype)
    kind = getattr(getattr(obj, "dtype", None), "kind", None)
    if kind is not None and type(kind) is str and kind in _REFUSED_KINDS:
        _refuse(obj.dtype)
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
            try:
                return mx.array(obj)
            except ValueError as err:
                return _contiguous(obj, None, err)
    try:
        return _from_values(obj, dtype)
    except ValueError as err:
        return _contiguous(obj, dtype, err)


# NumPy dtype kinds MLX cannot hold: object, datetime64, timedelta64, bytes, str, void
_REFUSED_KINDS = frozenset("OMmSUV")


def _refuse(dt: Any) -> None:
    raise TypeError(
        f"asarray: MLX arrays hold bool, integer, floating and complex numbers; got NumPy dtype "
        f"{dt} (object, datetime64, timedelta64, string and void are refused)"
    )


def _from_values(obj: Any, dtype: Any) -> mx.array:
    try:
        return mx.array(obj, dtype=dtype)
    except RuntimeError:
        if dtype != mx.uint64:
            raise
        # MLX reads Python ints through int64; values >= 2**63 need an unsigned path.
        import numpy

        return mx.array(numpy.asarray(obj, dtype=numpy.uint64))


def _from_numpy_values(obj: Any, dtype: Any) -> mx.array:
    """A list or tuple holding NumPy scalars: read as the Python values they hold (their
    ``.item()``), so the namespace's default dtypes apply, as for Python scalars."""
    import numpy

    try:
        values = numpy.asarray(obj)
    except ValueError:
        values = None
    if values is None or values.dtype.kind in _REFUSED_KINDS:
        if values is not None:
            _refuse(values.dtype)
        return mx.array(obj) if dtype is None else _from_values(obj, dtype)  # MLX's own error
    if dtype is None and values.dtype == numpy.uint64:
        dtype = mx.uint64  # Python ints past 2**63 that MLX reads through int64
    items = values.tolist()
    return mx.array(items) if dtype is None else _from_values(items, dtype)


def _contiguous(obj: Any, dtype: Any, err: ValueError) -> mx.array:
    """A NumPy array (negative strides) or scalar (``np.bool_``) MLX refuses: read through a
    C-contiguous NumPy array; any other object gets MLX's own error."""
    import numpy

    if isinstance(obj, numpy.ndarray) and not obj.flags.c_contiguous:
        return asarray(numpy.ascontiguousarray(obj), dtype=dtype)
    if isinstance(obj, numpy.generic):
        return asarray(numpy.asarray(obj), dtype=dtype)
    raise err


_BUFFER_DTYPES = {"float64": mx.float64}


def _plain_shape(shape: Any) -> _pybool:
    """Whether ``shape`` is an int or a tuple of ints small enough to create float32 without checks."""
    if type(shape) is int:
        return 0 <= shape <= _SMALL
    if type(shape) is tuple and len(shape) == 1:
        n = shape[0]
        return type(n) is int and 0 <= n <= _SMALL
    return _bounds.fits(shape, 4)


def _shape(shape: Any, dtype: Any, what: str) -> tuple[int, ...]:
    itemsize = dtype.size if isinstance(dtype, mx.Dtype) else 4
    if _bounds.fits(shape, itemsize):
        return shape
    return _bounds.shape(shape, what, itemsize=itemsize)


# mlx 0.32.4: no device=; sizes unchecked (int32 overflow, failed allocation crashes)
def empty(shape: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None and _plain_shape(shape):
        return mx.zeros(shape)
    dtype = _as_dtype(dtype)
    dtype = dtype or mx.float32
    return mx.zeros(_shape(shape, dtype, "empty"), dtype=dtype, stream=_stream(device))


# mlx 0.32.4: no device=
def empty_like(x: mx.array, /, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None:
        return mx.zeros_like(x)
    dtype = _as_dtype(dtype)
    return mx.zeros(x.shape, dtype=dtype or x.dtype, stream=_stream(device))


# mlx 0.32.4: no device=; n_rows/n_cols/k not checked against int32 (crash) or memory
def eye(
    n_rows: int, n_cols: int | None = None, /, *, k: int = 0, dtype: Any = None, device: Any = None
) -> mx.array:
    dtype = _as_dtype(dtype)
    n_rows = _bounds.size(n_rows, "eye: n_rows")
    n_cols = n_rows if n_cols is None else _bounds.size(n_cols, "eye: n_cols")
    k = _bounds.integer(k, "eye: k")
    _bounds.nbytes_ok(n_rows * n_cols, (dtype or mx.float32).size, "eye")
    if k >= n_cols or -k >= n_rows:  # also keeps k out of MLX's int32 range away from it
        return mx.zeros((n_rows, n_cols), dtype=dtype or mx.float32, stream=_stream(device))
    return mx.eye(n_rows, n_cols, k, dtype=dtype or mx.float32, stream=_stream(device))


# mlx 0.32.4: float64 buffers read as float32; no complex128 (a clear error here)
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


# mlx 0.32.4: no device=; a complex dtype with a real fill answers float32; sizes unchecked
def full(shape: Any, fill_value: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if type(fill_value) is float and dtype is None and device is None and _plain_shape(shape):
        return mx.full(shape, fill_value)  # float32, as the general path gives
    dtype = _as_dtype(dtype)
    if dtype is None:
        dtype = _fill_dtype(fill_value)
    shape = _shape(shape, dtype, "full")
    out = mx.full(shape, fill_value, dtype=dtype, stream=_stream(device))
    return (
        out if dtype is None or out.dtype == dtype else out.astype(dtype)
    )  # MLX: complex dtype, real fill


# mlx 0.32.4: no device=
def full_like(
    x: mx.array, /, fill_value: Any, *, dtype: Any = None, device: Any = None
) -> mx.array:
    dtype = _as_dtype(dtype)
    dtype = dtype or x.dtype
    out = mx.full(x.shape, fill_value, dtype=dtype, stream=_stream(device))
    return out if out.dtype == dtype else out.astype(dtype)


# mlx 0.32.4: no device=, no complex start/stop; (float64 measured exact: that branch may go)
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
    dtype = _as_dtype(dtype)
    num = _bounds.size(num, "linspace: num")
    _bounds.nbytes_ok(num, 8, "linspace")
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


# mlx 0.32.4: none measured (tuple answer, indexing checked): the shim may go
def meshgrid(*arrays: mx.array, indexing: str = "xy") -> tuple[mx.array, ...]:
    if indexing not in ("xy", "ij"):
        raise ValueError(f"indexing must be 'xy' or 'ij', got {indexing!r}")
    return tuple(mx.meshgrid(*arrays, indexing=indexing))


# mlx 0.32.4: no device=; sizes unchecked (int32 overflow, failed allocation crashes)
def ones(shape: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None and _plain_shape(shape):
        return mx.ones(shape)
    dtype = _as_dtype(dtype)
    dtype = dtype or mx.float32
    return mx.ones(_shape(shape, dtype, "ones"), dtype=dtype, stream=_stream(device))


# mlx 0.32.4: no device=
def ones_like(x: mx.array, /, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None:
        return mx.ones_like(x)
    dtype = _as_dtype(dtype)
    return mx.ones(x.shape, dtype=dtype or x.dtype, stream=_stream(device))


# mlx 0.32.4: no device=; sizes unchecked (int32 overflow, failed allocation crashes)
def zeros(shape: Any, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None and _plain_shape(shape):
        return mx.zeros(shape)
    dtype = _as_dtype(dtype)
    dtype = dtype or mx.float32
    return mx.zeros(_shape(shape, dtype, "zeros"), dtype=dtype, stream=_stream(device))


# mlx 0.32.4: no device=
def zeros_like(x: mx.array, /, *, dtype: Any = None, device: Any = None) -> mx.array:
    if dtype is None and device is None:
        return mx.zeros_like(x)
    dtype = _as_dtype(dtype)
    return mx.zeros(x.shape, dtype=dtype or x.dtype, stream=_stream(device))


# mlx 0.32.4: none measured for n-d input (mx.tril takes it): only the mask form for ndim > 2
def tril(x: mx.array, /, *, k: int = 0) -> mx.array:
    if x.ndim == 2:
        return mx.tril(x, k)
    n, m = x.shape[-2:]
    mask = mx.tri(n, m, k, dtype=mx.bool_)
    return mx.where(mask, x, mx.zeros((), dtype=x.dtype))


# mlx 0.32.4: none measured for n-d input (mx.triu takes it): only the mask form for ndim > 2
def triu(x: mx.array, /, *, k: int = 0) -> mx.array:
    if x.ndim == 2:
        return mx.triu(x, k)
    n, m = x.shape[-2:]
    mask = mx.tri(n, m, k - 1, dtype=mx.bool_)
    return mx.where(mask, mx.zeros((), dtype=x.dtype), x)
