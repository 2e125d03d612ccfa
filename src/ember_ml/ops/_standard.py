# generated from _spec.py by `python -m ember_ml.ops._generate` — do not edit
"""The array API standard's functions of the main namespace, as ``ember_ml.ops`` exposes them.

Generated from the table in ``_spec.py`` by ``python -m ember_ml.ops._generate``; edit
the table or the generator, not this file. Each function finds the namespace of its
array arguments (one dictionary access per deciding argument once their types were
seen) and calls that namespace's function of the same name; with no array argument,
the selected backend's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, overload

from ember_ml._selection import current_name as _current
from ember_ml._typing import (
    Array,
    ArrayT,
    Chunks,
    Device,
    DType,
    FInfo,
    IInfo,
    NestedSequence,
    SelectedArray,
    SupportsBufferProtocol,
    SupportsDLPack,
    UniqueAllResult,
    UniqueCountsResult,
    UniqueInverseResult,
)
from ember_ml.ops._dispatch import Lookup as _Lookup

_type = type  # the builtin, which finfo's and iinfo's parameter shadows

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
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
    "abs",
    "acos",
    "acosh",
    "add",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_invert",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "ceil",
    "clip",
    "conj",
    "copysign",
    "cos",
    "cosh",
    "divide",
    "equal",
    "exp",
    "expm1",
    "floor",
    "floor_divide",
    "greater",
    "greater_equal",
    "hypot",
    "imag",
    "isfinite",
    "isinf",
    "isnan",
    "less",
    "less_equal",
    "log",
    "log1p",
    "log2",
    "log10",
    "logaddexp",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "nextafter",
    "not_equal",
    "positive",
    "pow",
    "real",
    "reciprocal",
    "remainder",
    "round",
    "sign",
    "signbit",
    "sin",
    "sinh",
    "square",
    "sqrt",
    "subtract",
    "tan",
    "tanh",
    "trunc",
    "take",
    "take_along_axis",
    "matmul",
    "matrix_transpose",
    "tensordot",
    "vecdot",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "concat",
    "expand_dims",
    "flip",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "squeeze",
    "stack",
    "tile",
    "unstack",
    "argmax",
    "argmin",
    "count_nonzero",
    "nonzero",
    "searchsorted",
    "where",
    "isin",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
    "argsort",
    "sort",
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
    "all",
    "any",
    "diff",
]


_arange = _Lookup("", "arange")
_arange_cache = _arange.cache
_arange_by_backend = _arange.by_backend


def arange(
    start: float,
    /,
    stop: float | None = None,
    step: float = 1,
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """Evenly spaced values in [start, stop) with the given step.

    Array API standard function ``arange(start, /, stop=None, step=1, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.arange.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _arange_by_backend[_current()]
        except KeyError:
            f = _arange.selected()
    else:
        try:
            f = _arange_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _arange.resolve(dtype)
    if chunks is not None:
        return f(start, stop, step, dtype=dtype, device=device, chunks=chunks)
    if dtype is None and device is None:
        return f(start, stop, step)
    return f(start, stop, step, dtype=dtype, device=device)


_asarray = _Lookup("", "asarray")
_asarray_cache = _asarray.cache
_asarray_by_backend = _asarray.by_backend


if TYPE_CHECKING:

    @overload
    def asarray(
        obj: ArrayT,
        /,
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        copy: bool | None = None,
    ) -> ArrayT: ...

    @overload
    def asarray(
        obj: complex | NestedSequence[complex] | SupportsBufferProtocol,
        /,
        *,
        dtype: DType | None = None,
        device: Device | None = None,
        copy: bool | None = None,
    ) -> SelectedArray: ...


def asarray(
    obj: ArrayT | complex | NestedSequence[complex] | SupportsBufferProtocol,
    /,
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    copy: bool | None = None,
) -> ArrayT | SelectedArray:
    """Convert obj (array, scalar, nested sequence, buffer) to an array.

    Array API standard function ``asarray(obj, /, *, dtype=None, device=None, copy=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.asarray.html
    """
    try:
        f = _asarray_cache[type(obj)]
    except KeyError:
        f = _asarray.resolve_data(obj)
    if f is None:
        try:
            f = _asarray_by_backend[_current()]
        except KeyError:
            f = _asarray.selected()
    if dtype is None and device is None and copy is None:
        return f(obj)
    return f(obj, dtype=dtype, device=device, copy=copy)


_empty = _Lookup("", "empty")
_empty_cache = _empty.cache
_empty_by_backend = _empty.by_backend


def empty(
    shape: int | tuple[int, ...],
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """New array of the given shape with uninitialized contents.

    Array API standard function ``empty(shape, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.empty.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _empty_by_backend[_current()]
        except KeyError:
            f = _empty.selected()
    else:
        try:
            f = _empty_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _empty.resolve(dtype)
    if chunks is not None:
        return f(shape, dtype=dtype, device=device, chunks=chunks)
    if dtype is None and device is None:
        return f(shape)
    return f(shape, dtype=dtype, device=device)


_empty_like = _Lookup("", "empty_like")
_empty_like_cache = _empty_like.cache


def empty_like(x: ArrayT, /, *, dtype: DType | None = None, device: Device | None = None) -> ArrayT:
    """Uninitialized array with the same shape as x.

    Array API standard function ``empty_like(x, /, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.empty_like.html
    """
    try:
        f = _empty_like_cache[type(x)]
    except KeyError:
        f = _empty_like.resolve(x)
    if dtype is None and device is None:
        return f(x)
    return f(x, dtype=dtype, device=device)


_eye = _Lookup("", "eye")
_eye_cache = _eye.cache
_eye_by_backend = _eye.by_backend


def eye(
    n_rows: int,
    n_cols: int | None = None,
    /,
    *,
    k: int = 0,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """2-D array with ones on the k-th diagonal and zeros elsewhere.

    Array API standard function ``eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.eye.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _eye_by_backend[_current()]
        except KeyError:
            f = _eye.selected()
    else:
        try:
            f = _eye_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _eye.resolve(dtype)
    if chunks is not None:
        return f(n_rows, n_cols, k=k, dtype=dtype, device=device, chunks=chunks)
    if dtype is None and device is None:
        return f(n_rows, n_cols, k=k)
    return f(n_rows, n_cols, k=k, dtype=dtype, device=device)


_from_dlpack = _Lookup("", "from_dlpack")
_from_dlpack_by_backend = _from_dlpack.by_backend


def from_dlpack(
    x: SupportsDLPack, /, *, device: Device | None = None, copy: bool | None = None
) -> SelectedArray:
    """Array built from an object supporting the DLPack protocol.

    Array API standard function ``from_dlpack(x, /, *, device=None, copy=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.from_dlpack.html
    """
    try:
        f = _from_dlpack_by_backend[_current()]
    except KeyError:
        f = _from_dlpack.selected()
    if device is None and copy is None:
        return f(x)
    return f(x, device=device, copy=copy)


_full = _Lookup("", "full")
_full_cache = _full.cache
_full_by_backend = _full.by_backend


def full(
    shape: int | tuple[int, ...],
    fill_value: complex,
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """New array of the given shape filled with fill_value.

    Array API standard function ``full(shape, fill_value, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.full.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _full_by_backend[_current()]
        except KeyError:
            f = _full.selected()
    else:
        try:
            f = _full_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _full.resolve(dtype)
    if chunks is not None:
        return f(shape, fill_value, dtype=dtype, device=device, chunks=chunks)
    if dtype is None and device is None:
        return f(shape, fill_value)
    return f(shape, fill_value, dtype=dtype, device=device)


_full_like = _Lookup("", "full_like")
_full_like_cache = _full_like.cache


def full_like(
    x: ArrayT, /, fill_value: complex, *, dtype: DType | None = None, device: Device | None = None
) -> ArrayT:
    """Array shaped like x, filled with fill_value.

    Array API standard function ``full_like(x, /, fill_value, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.full_like.html
    """
    try:
        f = _full_like_cache[type(x)]
    except KeyError:
        f = _full_like.resolve(x)
    if dtype is None and device is None:
        return f(x, fill_value)
    return f(x, fill_value, dtype=dtype, device=device)


_linspace = _Lookup("", "linspace")
_linspace_cache = _linspace.cache
_linspace_by_backend = _linspace.by_backend


def linspace(
    start: complex,
    stop: complex,
    /,
    num: int,
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    endpoint: bool = True,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """num evenly spaced values over [start, stop], stop excluded if not endpoint.

    Array API standard function ``linspace(start, stop, /, num, *, dtype=None, device=None, endpoint=True)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linspace.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _linspace_by_backend[_current()]
        except KeyError:
            f = _linspace.selected()
    else:
        try:
            f = _linspace_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _linspace.resolve(dtype)
    if chunks is not None:
        return f(start, stop, num, dtype=dtype, device=device, endpoint=endpoint, chunks=chunks)
    if dtype is None and device is None and endpoint is True:
        return f(start, stop, num)
    return f(start, stop, num, dtype=dtype, device=device, endpoint=endpoint)


_meshgrid = _Lookup("", "meshgrid")
_meshgrid_cache = _meshgrid.cache


def meshgrid(*arrays: ArrayT, indexing: Literal["xy", "ij"] = "xy") -> tuple[ArrayT, ...]:
    """Coordinate grids from 1-D arrays; 'xy' or 'ij' indexing.

    Array API standard function ``meshgrid(*arrays, indexing='xy')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.meshgrid.html
    """
    try:
        first = type(arrays[0])
        f = _meshgrid_cache[first]
    except (KeyError, IndexError):
        f = _meshgrid.resolve_sequence(arrays)
    except TypeError:  # not a list or tuple: read it once
        arrays = tuple(arrays)
        f = _meshgrid.resolve_sequence(arrays)
    else:
        for element in arrays:
            if type(element) is not first:
                f = _meshgrid.resolve_sequence(arrays)
                break
    return f(*arrays, indexing=indexing)


_ones = _Lookup("", "ones")
_ones_cache = _ones.cache
_ones_by_backend = _ones.by_backend


def ones(
    shape: int | tuple[int, ...],
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """New array of the given shape filled with ones.

    Array API standard function ``ones(shape, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.ones.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _ones_by_backend[_current()]
        except KeyError:
            f = _ones.selected()
    else:
        try:
            f = _ones_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _ones.resolve(dtype)
    if chunks is not None:
        return f(shape, dtype=dtype, device=device, chunks=chunks)
    if dtype is None and device is None:
        return f(shape)
    return f(shape, dtype=dtype, device=device)


_ones_like = _Lookup("", "ones_like")
_ones_like_cache = _ones_like.cache


def ones_like(x: ArrayT, /, *, dtype: DType | None = None, device: Device | None = None) -> ArrayT:
    """Array of ones with the same shape as x.

    Array API standard function ``ones_like(x, /, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.ones_like.html
    """
    try:
        f = _ones_like_cache[type(x)]
    except KeyError:
        f = _ones_like.resolve(x)
    if dtype is None and device is None:
        return f(x)
    return f(x, dtype=dtype, device=device)


_tril = _Lookup("", "tril")
_tril_cache = _tril.cache


def tril(x: ArrayT, /, *, k: int = 0) -> ArrayT:
    """Copy of x with entries above the k-th diagonal set to zero.

    Array API standard function ``tril(x, /, *, k=0)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.tril.html
    """
    try:
        f = _tril_cache[type(x)]
    except KeyError:
        f = _tril.resolve(x)
    return f(x, k=k)


_triu = _Lookup("", "triu")
_triu_cache = _triu.cache


def triu(x: ArrayT, /, *, k: int = 0) -> ArrayT:
    """Copy of x with entries below the k-th diagonal set to zero.

    Array API standard function ``triu(x, /, *, k=0)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.triu.html
    """
    try:
        f = _triu_cache[type(x)]
    except KeyError:
        f = _triu.resolve(x)
    return f(x, k=k)


_zeros = _Lookup("", "zeros")
_zeros_cache = _zeros.cache
_zeros_by_backend = _zeros.by_backend


def zeros(
    shape: int | tuple[int, ...],
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> SelectedArray:
    """New array of the given shape filled with zeros.

    Array API standard function ``zeros(shape, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    With the Dask backend selected, ``chunks=`` is Dask's chunking of the result
    (Dask's ``"auto"`` when left out); the other libraries take no ``chunks``.

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.zeros.html
    """
    if dtype is None or _current() == "dask":
        try:
            f = _zeros_by_backend[_current()]
        except KeyError:
            f = _zeros.selected()
    else:
        try:
            f = _zeros_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _zeros.resolve(dtype)
    if chunks is not None:
        return f(shape, dtype=dtype, device=device, chunks=chunks)
    if dtype is None and device is None:
        return f(shape)
    return f(shape, dtype=dtype, device=device)


_zeros_like = _Lookup("", "zeros_like")
_zeros_like_cache = _zeros_like.cache


def zeros_like(x: ArrayT, /, *, dtype: DType | None = None, device: Device | None = None) -> ArrayT:
    """Array of zeros with the same shape as x.

    Array API standard function ``zeros_like(x, /, *, dtype=None, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.zeros_like.html
    """
    try:
        f = _zeros_like_cache[type(x)]
    except KeyError:
        f = _zeros_like.resolve(x)
    if dtype is None and device is None:
        return f(x)
    return f(x, dtype=dtype, device=device)


_astype = _Lookup("", "astype")
_astype_cache = _astype.cache


def astype(
    x: ArrayT, dtype: DType, /, *, copy: bool = True, device: Device | None = None
) -> ArrayT:
    """Copy of x cast to the given dtype (may skip the copy if copy=False).

    Array API standard function ``astype(x, dtype, /, *, copy=True, device=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.astype.html
    """
    try:
        f = _astype_cache[type(x)]
    except KeyError:
        f = _astype.resolve(x)
    if copy is True and device is None:
        return f(x, dtype)
    return f(x, dtype, copy=copy, device=device)


_can_cast = _Lookup("", "can_cast")
_can_cast_cache = _can_cast.cache


def can_cast(from_: DType | Array, to: DType, /) -> bool:
    """Whether from_ (a dtype or array) can be cast to dtype to under promotion rules.

    Array API standard function ``can_cast(from_, to, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.can_cast.html
    """
    try:
        f = _can_cast_cache[from_ if type(from_) is type else type(from_)][
            to if type(to) is type else type(to)
        ]
    except KeyError:
        f = _can_cast.resolve(from_, to)
    return f(from_, to)


_finfo = _Lookup("", "finfo")
_finfo_cache = _finfo.cache


def finfo(type: DType | Array, /) -> FInfo:
    """Machine limits (eps, max, min, ...) of a floating-point dtype.

    Array API standard function ``finfo(type, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.finfo.html
    """
    try:
        f = _finfo_cache[type if _type(type) is _type else _type(type)]
    except KeyError:
        f = _finfo.resolve(type)
    return f(type)


_iinfo = _Lookup("", "iinfo")
_iinfo_cache = _iinfo.cache


def iinfo(type: DType | Array, /) -> IInfo:
    """Machine limits (bits, max, min) of an integer dtype.

    Array API standard function ``iinfo(type, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.iinfo.html
    """
    try:
        f = _iinfo_cache[type if _type(type) is _type else _type(type)]
    except KeyError:
        f = _iinfo.resolve(type)
    return f(type)


_isdtype = _Lookup("", "isdtype")
_isdtype_cache = _isdtype.cache
_isdtype_by_backend = _isdtype.by_backend


def isdtype(dtype: DType, kind: DType | str | tuple[DType | str, ...]) -> bool:
    """Whether dtype is of the given kind or one of the given kinds.

    Array API standard function ``isdtype(dtype, kind)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.isdtype.html
    """
    if dtype is None:
        try:
            f = _isdtype_by_backend[_current()]
        except KeyError:
            f = _isdtype.selected()
    else:
        try:
            f = _isdtype_cache[dtype if type(dtype) is type else type(dtype)]
        except KeyError:
            f = _isdtype.resolve(dtype)
    return f(dtype, kind)


_result_type = _Lookup("", "result_type")
_result_type_cache = _result_type.cache


def result_type(*arrays_and_dtypes: Array | DType | complex) -> DType:
    """Dtype that results from promoting the given arrays and dtypes.

    Array API standard function ``result_type(*arrays_and_dtypes)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.result_type.html
    """
    try:
        first = type(arrays_and_dtypes[0])
        f = _result_type_cache[first]
    except (KeyError, IndexError):
        f = _result_type.resolve_sequence(arrays_and_dtypes)
    except TypeError:  # not a list or tuple: read it once
        arrays_and_dtypes = tuple(arrays_and_dtypes)
        f = _result_type.resolve_sequence(arrays_and_dtypes)
    else:
        for element in arrays_and_dtypes:
            if type(element) is not first:
                f = _result_type.resolve_sequence(arrays_and_dtypes)
                break
    return f(*arrays_and_dtypes)


_abs = _Lookup("", "abs")
_abs_cache = _abs.cache


def abs(x: ArrayT, /) -> ArrayT:
    """Elementwise absolute value (magnitude for complex x).

    Array API standard function ``abs(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.abs.html
    """
    try:
        f = _abs_cache[type(x)]
    except KeyError:
        f = _abs.resolve(x)
    return f(x)


_acos = _Lookup("", "acos")
_acos_cache = _acos.cache


def acos(x: ArrayT, /) -> ArrayT:
    """Elementwise inverse cosine.

    Array API standard function ``acos(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.acos.html
    """
    try:
        f = _acos_cache[type(x)]
    except KeyError:
        f = _acos.resolve(x)
    return f(x)


_acosh = _Lookup("", "acosh")
_acosh_cache = _acosh.cache


def acosh(x: ArrayT, /) -> ArrayT:
    """Elementwise inverse hyperbolic cosine.

    Array API standard function ``acosh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.acosh.html
    """
    try:
        f = _acosh_cache[type(x)]
    except KeyError:
        f = _acosh.resolve(x)
    return f(x)


_add = _Lookup("", "add")
_add_cache = _add.cache


def add(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise sum x1 + x2.

    Array API standard function ``add(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.add.html
    """
    try:
        f = _add_cache[type(x1)][type(x2)]
    except KeyError:
        f = _add.resolve(x1, x2)
    return f(x1, x2)


_asin = _Lookup("", "asin")
_asin_cache = _asin.cache


def asin(x: ArrayT, /) -> ArrayT:
    """Elementwise inverse sine.

    Array API standard function ``asin(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.asin.html
    """
    try:
        f = _asin_cache[type(x)]
    except KeyError:
        f = _asin.resolve(x)
    return f(x)


_asinh = _Lookup("", "asinh")
_asinh_cache = _asinh.cache


def asinh(x: ArrayT, /) -> ArrayT:
    """Elementwise inverse hyperbolic sine.

    Array API standard function ``asinh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.asinh.html
    """
    try:
        f = _asinh_cache[type(x)]
    except KeyError:
        f = _asinh.resolve(x)
    return f(x)


_atan = _Lookup("", "atan")
_atan_cache = _atan.cache


def atan(x: ArrayT, /) -> ArrayT:
    """Elementwise inverse tangent.

    Array API standard function ``atan(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.atan.html
    """
    try:
        f = _atan_cache[type(x)]
    except KeyError:
        f = _atan.resolve(x)
    return f(x)


_atan2 = _Lookup("", "atan2")
_atan2_cache = _atan2.cache


def atan2(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise angle of the point (x2, x1), respecting quadrants.

    Array API standard function ``atan2(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.atan2.html
    """
    try:
        f = _atan2_cache[type(x1)][type(x2)]
    except KeyError:
        f = _atan2.resolve(x1, x2)
    return f(x1, x2)


_atanh = _Lookup("", "atanh")
_atanh_cache = _atanh.cache


def atanh(x: ArrayT, /) -> ArrayT:
    """Elementwise inverse hyperbolic tangent.

    Array API standard function ``atanh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.atanh.html
    """
    try:
        f = _atanh_cache[type(x)]
    except KeyError:
        f = _atanh.resolve(x)
    return f(x)


_bitwise_and = _Lookup("", "bitwise_and")
_bitwise_and_cache = _bitwise_and.cache


def bitwise_and(x1: ArrayT | int, x2: ArrayT | int, /) -> ArrayT:
    """Elementwise bitwise AND of integer or boolean arrays.

    Array API standard function ``bitwise_and(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.bitwise_and.html
    """
    try:
        f = _bitwise_and_cache[type(x1)][type(x2)]
    except KeyError:
        f = _bitwise_and.resolve(x1, x2)
    return f(x1, x2)


_bitwise_left_shift = _Lookup("", "bitwise_left_shift")
_bitwise_left_shift_cache = _bitwise_left_shift.cache


def bitwise_left_shift(x1: ArrayT | int, x2: ArrayT | int, /) -> ArrayT:
    """Elementwise shift of x1's bits left by x2 places.

    Array API standard function ``bitwise_left_shift(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.bitwise_left_shift.html
    """
    try:
        f = _bitwise_left_shift_cache[type(x1)][type(x2)]
    except KeyError:
        f = _bitwise_left_shift.resolve(x1, x2)
    return f(x1, x2)


_bitwise_invert = _Lookup("", "bitwise_invert")
_bitwise_invert_cache = _bitwise_invert.cache


def bitwise_invert(x: ArrayT, /) -> ArrayT:
    """Elementwise bitwise NOT of an integer or boolean array.

    Array API standard function ``bitwise_invert(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.bitwise_invert.html
    """
    try:
        f = _bitwise_invert_cache[type(x)]
    except KeyError:
        f = _bitwise_invert.resolve(x)
    return f(x)


_bitwise_or = _Lookup("", "bitwise_or")
_bitwise_or_cache = _bitwise_or.cache


def bitwise_or(x1: ArrayT | int, x2: ArrayT | int, /) -> ArrayT:
    """Elementwise bitwise OR of integer or boolean arrays.

    Array API standard function ``bitwise_or(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.bitwise_or.html
    """
    try:
        f = _bitwise_or_cache[type(x1)][type(x2)]
    except KeyError:
        f = _bitwise_or.resolve(x1, x2)
    return f(x1, x2)


_bitwise_right_shift = _Lookup("", "bitwise_right_shift")
_bitwise_right_shift_cache = _bitwise_right_shift.cache


def bitwise_right_shift(x1: ArrayT | int, x2: ArrayT | int, /) -> ArrayT:
    """Elementwise shift of x1's bits right by x2 places.

    Array API standard function ``bitwise_right_shift(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.bitwise_right_shift.html
    """
    try:
        f = _bitwise_right_shift_cache[type(x1)][type(x2)]
    except KeyError:
        f = _bitwise_right_shift.resolve(x1, x2)
    return f(x1, x2)


_bitwise_xor = _Lookup("", "bitwise_xor")
_bitwise_xor_cache = _bitwise_xor.cache


def bitwise_xor(x1: ArrayT | int, x2: ArrayT | int, /) -> ArrayT:
    """Elementwise bitwise XOR of integer or boolean arrays.

    Array API standard function ``bitwise_xor(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.bitwise_xor.html
    """
    try:
        f = _bitwise_xor_cache[type(x1)][type(x2)]
    except KeyError:
        f = _bitwise_xor.resolve(x1, x2)
    return f(x1, x2)


_ceil = _Lookup("", "ceil")
_ceil_cache = _ceil.cache


def ceil(x: ArrayT, /) -> ArrayT:
    """Elementwise smallest integer value not less than x.

    Array API standard function ``ceil(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.ceil.html
    """
    try:
        f = _ceil_cache[type(x)]
    except KeyError:
        f = _ceil.resolve(x)
    return f(x)


_clip = _Lookup("", "clip")
_clip_cache = _clip.cache


def clip(
    x: ArrayT, /, min: ArrayT | float | None = None, max: ArrayT | float | None = None
) -> ArrayT:
    """Clamp each element of x to the range [min, max].

    Array API standard function ``clip(x, /, min=None, max=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.clip.html
    """
    try:
        f = _clip_cache[type(x)][type(min)][type(max)]
    except KeyError:
        f = _clip.resolve(x, min, max)
    return f(x, min, max)


_conj = _Lookup("", "conj")
_conj_cache = _conj.cache


def conj(x: ArrayT, /) -> ArrayT:
    """Elementwise complex conjugate.

    Array API standard function ``conj(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.conj.html
    """
    try:
        f = _conj_cache[type(x)]
    except KeyError:
        f = _conj.resolve(x)
    return f(x)


_copysign = _Lookup("", "copysign")
_copysign_cache = _copysign.cache


def copysign(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise magnitude of x1 with the sign of x2.

    Array API standard function ``copysign(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.copysign.html
    """
    try:
        f = _copysign_cache[type(x1)][type(x2)]
    except KeyError:
        f = _copysign.resolve(x1, x2)
    return f(x1, x2)


_cos = _Lookup("", "cos")
_cos_cache = _cos.cache


def cos(x: ArrayT, /) -> ArrayT:
    """Elementwise cosine (x in radians).

    Array API standard function ``cos(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.cos.html
    """
    try:
        f = _cos_cache[type(x)]
    except KeyError:
        f = _cos.resolve(x)
    return f(x)


_cosh = _Lookup("", "cosh")
_cosh_cache = _cosh.cache


def cosh(x: ArrayT, /) -> ArrayT:
    """Elementwise hyperbolic cosine.

    Array API standard function ``cosh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.cosh.html
    """
    try:
        f = _cosh_cache[type(x)]
    except KeyError:
        f = _cosh.resolve(x)
    return f(x)


_divide = _Lookup("", "divide")
_divide_cache = _divide.cache


def divide(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise true division x1 / x2.

    Array API standard function ``divide(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.divide.html
    """
    try:
        f = _divide_cache[type(x1)][type(x2)]
    except KeyError:
        f = _divide.resolve(x1, x2)
    return f(x1, x2)


_equal = _Lookup("", "equal")
_equal_cache = _equal.cache


def equal(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise test x1 == x2.

    Array API standard function ``equal(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.equal.html
    """
    try:
        f = _equal_cache[type(x1)][type(x2)]
    except KeyError:
        f = _equal.resolve(x1, x2)
    return f(x1, x2)


_exp = _Lookup("", "exp")
_exp_cache = _exp.cache


def exp(x: ArrayT, /) -> ArrayT:
    """Elementwise exponential e**x.

    Array API standard function ``exp(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.exp.html
    """
    try:
        f = _exp_cache[type(x)]
    except KeyError:
        f = _exp.resolve(x)
    return f(x)


_expm1 = _Lookup("", "expm1")
_expm1_cache = _expm1.cache


def expm1(x: ArrayT, /) -> ArrayT:
    """Elementwise exp(x) - 1, accurate for small x.

    Array API standard function ``expm1(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.expm1.html
    """
    try:
        f = _expm1_cache[type(x)]
    except KeyError:
        f = _expm1.resolve(x)
    return f(x)


_floor = _Lookup("", "floor")
_floor_cache = _floor.cache


def floor(x: ArrayT, /) -> ArrayT:
    """Elementwise largest integer value not greater than x.

    Array API standard function ``floor(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.floor.html
    """
    try:
        f = _floor_cache[type(x)]
    except KeyError:
        f = _floor.resolve(x)
    return f(x)


_floor_divide = _Lookup("", "floor_divide")
_floor_divide_cache = _floor_divide.cache


def floor_divide(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise x1 / x2 rounded down to the nearest integer.

    Array API standard function ``floor_divide(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.floor_divide.html
    """
    try:
        f = _floor_divide_cache[type(x1)][type(x2)]
    except KeyError:
        f = _floor_divide.resolve(x1, x2)
    return f(x1, x2)


_greater = _Lookup("", "greater")
_greater_cache = _greater.cache


def greater(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise test x1 > x2.

    Array API standard function ``greater(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.greater.html
    """
    try:
        f = _greater_cache[type(x1)][type(x2)]
    except KeyError:
        f = _greater.resolve(x1, x2)
    return f(x1, x2)


_greater_equal = _Lookup("", "greater_equal")
_greater_equal_cache = _greater_equal.cache


def greater_equal(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise test x1 >= x2.

    Array API standard function ``greater_equal(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.greater_equal.html
    """
    try:
        f = _greater_equal_cache[type(x1)][type(x2)]
    except KeyError:
        f = _greater_equal.resolve(x1, x2)
    return f(x1, x2)


_hypot = _Lookup("", "hypot")
_hypot_cache = _hypot.cache


def hypot(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise sqrt(x1**2 + x2**2) without undue overflow.

    Array API standard function ``hypot(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.hypot.html
    """
    try:
        f = _hypot_cache[type(x1)][type(x2)]
    except KeyError:
        f = _hypot.resolve(x1, x2)
    return f(x1, x2)


_imag = _Lookup("", "imag")
_imag_cache = _imag.cache


def imag(x: ArrayT, /) -> ArrayT:
    """Elementwise imaginary part of a complex array.

    Array API standard function ``imag(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.imag.html
    """
    try:
        f = _imag_cache[type(x)]
    except KeyError:
        f = _imag.resolve(x)
    return f(x)


_isfinite = _Lookup("", "isfinite")
_isfinite_cache = _isfinite.cache


def isfinite(x: ArrayT, /) -> ArrayT:
    """Elementwise test for finite values (not inf or NaN).

    Array API standard function ``isfinite(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.isfinite.html
    """
    try:
        f = _isfinite_cache[type(x)]
    except KeyError:
        f = _isfinite.resolve(x)
    return f(x)


_isinf = _Lookup("", "isinf")
_isinf_cache = _isinf.cache


def isinf(x: ArrayT, /) -> ArrayT:
    """Elementwise test for positive or negative infinity.

    Array API standard function ``isinf(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.isinf.html
    """
    try:
        f = _isinf_cache[type(x)]
    except KeyError:
        f = _isinf.resolve(x)
    return f(x)


_isnan = _Lookup("", "isnan")
_isnan_cache = _isnan.cache


def isnan(x: ArrayT, /) -> ArrayT:
    """Elementwise test for NaN.

    Array API standard function ``isnan(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.isnan.html
    """
    try:
        f = _isnan_cache[type(x)]
    except KeyError:
        f = _isnan.resolve(x)
    return f(x)


_less = _Lookup("", "less")
_less_cache = _less.cache


def less(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise test x1 < x2.

    Array API standard function ``less(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.less.html
    """
    try:
        f = _less_cache[type(x1)][type(x2)]
    except KeyError:
        f = _less.resolve(x1, x2)
    return f(x1, x2)


_less_equal = _Lookup("", "less_equal")
_less_equal_cache = _less_equal.cache


def less_equal(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise test x1 <= x2.

    Array API standard function ``less_equal(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.less_equal.html
    """
    try:
        f = _less_equal_cache[type(x1)][type(x2)]
    except KeyError:
        f = _less_equal.resolve(x1, x2)
    return f(x1, x2)


_log = _Lookup("", "log")
_log_cache = _log.cache


def log(x: ArrayT, /) -> ArrayT:
    """Elementwise natural logarithm.

    Array API standard function ``log(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.log.html
    """
    try:
        f = _log_cache[type(x)]
    except KeyError:
        f = _log.resolve(x)
    return f(x)


_log1p = _Lookup("", "log1p")
_log1p_cache = _log1p.cache


def log1p(x: ArrayT, /) -> ArrayT:
    """Elementwise log(1 + x), accurate for small x.

    Array API standard function ``log1p(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.log1p.html
    """
    try:
        f = _log1p_cache[type(x)]
    except KeyError:
        f = _log1p.resolve(x)
    return f(x)


_log2 = _Lookup("", "log2")
_log2_cache = _log2.cache


def log2(x: ArrayT, /) -> ArrayT:
    """Elementwise base-2 logarithm.

    Array API standard function ``log2(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.log2.html
    """
    try:
        f = _log2_cache[type(x)]
    except KeyError:
        f = _log2.resolve(x)
    return f(x)


_log10 = _Lookup("", "log10")
_log10_cache = _log10.cache


def log10(x: ArrayT, /) -> ArrayT:
    """Elementwise base-10 logarithm.

    Array API standard function ``log10(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.log10.html
    """
    try:
        f = _log10_cache[type(x)]
    except KeyError:
        f = _log10.resolve(x)
    return f(x)


_logaddexp = _Lookup("", "logaddexp")
_logaddexp_cache = _logaddexp.cache


def logaddexp(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise log(exp(x1) + exp(x2)) computed stably.

    Array API standard function ``logaddexp(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.logaddexp.html
    """
    try:
        f = _logaddexp_cache[type(x1)][type(x2)]
    except KeyError:
        f = _logaddexp.resolve(x1, x2)
    return f(x1, x2)


_logical_and = _Lookup("", "logical_and")
_logical_and_cache = _logical_and.cache


def logical_and(x1: ArrayT | bool, x2: ArrayT | bool, /) -> ArrayT:
    """Elementwise logical AND, as booleans.

    Array API standard function ``logical_and(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.logical_and.html
    """
    try:
        f = _logical_and_cache[type(x1)][type(x2)]
    except KeyError:
        f = _logical_and.resolve(x1, x2)
    return f(x1, x2)


_logical_not = _Lookup("", "logical_not")
_logical_not_cache = _logical_not.cache


def logical_not(x: ArrayT, /) -> ArrayT:
    """Elementwise logical NOT, as booleans.

    Array API standard function ``logical_not(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.logical_not.html
    """
    try:
        f = _logical_not_cache[type(x)]
    except KeyError:
        f = _logical_not.resolve(x)
    return f(x)


_logical_or = _Lookup("", "logical_or")
_logical_or_cache = _logical_or.cache


def logical_or(x1: ArrayT | bool, x2: ArrayT | bool, /) -> ArrayT:
    """Elementwise logical OR, as booleans.

    Array API standard function ``logical_or(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.logical_or.html
    """
    try:
        f = _logical_or_cache[type(x1)][type(x2)]
    except KeyError:
        f = _logical_or.resolve(x1, x2)
    return f(x1, x2)


_logical_xor = _Lookup("", "logical_xor")
_logical_xor_cache = _logical_xor.cache


def logical_xor(x1: ArrayT | bool, x2: ArrayT | bool, /) -> ArrayT:
    """Elementwise logical XOR, as booleans.

    Array API standard function ``logical_xor(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.logical_xor.html
    """
    try:
        f = _logical_xor_cache[type(x1)][type(x2)]
    except KeyError:
        f = _logical_xor.resolve(x1, x2)
    return f(x1, x2)


_maximum = _Lookup("", "maximum")
_maximum_cache = _maximum.cache


def maximum(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise larger of x1 and x2; NaN if either is NaN.

    Array API standard function ``maximum(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.maximum.html
    """
    try:
        f = _maximum_cache[type(x1)][type(x2)]
    except KeyError:
        f = _maximum.resolve(x1, x2)
    return f(x1, x2)


_minimum = _Lookup("", "minimum")
_minimum_cache = _minimum.cache


def minimum(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise smaller of x1 and x2; NaN if either is NaN.

    Array API standard function ``minimum(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.minimum.html
    """
    try:
        f = _minimum_cache[type(x1)][type(x2)]
    except KeyError:
        f = _minimum.resolve(x1, x2)
    return f(x1, x2)


_multiply = _Lookup("", "multiply")
_multiply_cache = _multiply.cache


def multiply(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise product x1 * x2.

    Array API standard function ``multiply(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.multiply.html
    """
    try:
        f = _multiply_cache[type(x1)][type(x2)]
    except KeyError:
        f = _multiply.resolve(x1, x2)
    return f(x1, x2)


_negative = _Lookup("", "negative")
_negative_cache = _negative.cache


def negative(x: ArrayT, /) -> ArrayT:
    """Elementwise negation -x.

    Array API standard function ``negative(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.negative.html
    """
    try:
        f = _negative_cache[type(x)]
    except KeyError:
        f = _negative.resolve(x)
    return f(x)


_nextafter = _Lookup("", "nextafter")
_nextafter_cache = _nextafter.cache


def nextafter(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise next representable float after x1 toward x2.

    Array API standard function ``nextafter(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.nextafter.html
    """
    try:
        f = _nextafter_cache[type(x1)][type(x2)]
    except KeyError:
        f = _nextafter.resolve(x1, x2)
    return f(x1, x2)


_not_equal = _Lookup("", "not_equal")
_not_equal_cache = _not_equal.cache


def not_equal(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise test x1 != x2.

    Array API standard function ``not_equal(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.not_equal.html
    """
    try:
        f = _not_equal_cache[type(x1)][type(x2)]
    except KeyError:
        f = _not_equal.resolve(x1, x2)
    return f(x1, x2)


_positive = _Lookup("", "positive")
_positive_cache = _positive.cache


def positive(x: ArrayT, /) -> ArrayT:
    """Elementwise unary plus +x.

    Array API standard function ``positive(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.positive.html
    """
    try:
        f = _positive_cache[type(x)]
    except KeyError:
        f = _positive.resolve(x)
    return f(x)


_pow = _Lookup("", "pow")
_pow_cache = _pow.cache


def pow(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise x1 raised to the power x2.

    Array API standard function ``pow(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.pow.html
    """
    try:
        f = _pow_cache[type(x1)][type(x2)]
    except KeyError:
        f = _pow.resolve(x1, x2)
    return f(x1, x2)


_real = _Lookup("", "real")
_real_cache = _real.cache


def real(x: ArrayT, /) -> ArrayT:
    """Elementwise real part of a complex array.

    Array API standard function ``real(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.real.html
    """
    try:
        f = _real_cache[type(x)]
    except KeyError:
        f = _real.resolve(x)
    return f(x)


_reciprocal = _Lookup("", "reciprocal")
_reciprocal_cache = _reciprocal.cache


def reciprocal(x: ArrayT, /) -> ArrayT:
    """Elementwise 1 / x.

    Array API standard function ``reciprocal(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.reciprocal.html
    """
    try:
        f = _reciprocal_cache[type(x)]
    except KeyError:
        f = _reciprocal.resolve(x)
    return f(x)


_remainder = _Lookup("", "remainder")
_remainder_cache = _remainder.cache


def remainder(x1: ArrayT | float, x2: ArrayT | float, /) -> ArrayT:
    """Elementwise remainder of x1 / x2, with the sign of x2.

    Array API standard function ``remainder(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.remainder.html
    """
    try:
        f = _remainder_cache[type(x1)][type(x2)]
    except KeyError:
        f = _remainder.resolve(x1, x2)
    return f(x1, x2)


_round = _Lookup("", "round")
_round_cache = _round.cache


def round(x: ArrayT, /) -> ArrayT:
    """Elementwise rounding to the nearest integer, ties to even.

    Array API standard function ``round(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.round.html
    """
    try:
        f = _round_cache[type(x)]
    except KeyError:
        f = _round.resolve(x)
    return f(x)


_sign = _Lookup("", "sign")
_sign_cache = _sign.cache


def sign(x: ArrayT, /) -> ArrayT:
    """Elementwise sign of x: -1, 0 or 1 (x / |x| for complex).

    Array API standard function ``sign(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.sign.html
    """
    try:
        f = _sign_cache[type(x)]
    except KeyError:
        f = _sign.resolve(x)
    return f(x)


_signbit = _Lookup("", "signbit")
_signbit_cache = _signbit.cache


def signbit(x: ArrayT, /) -> ArrayT:
    """Elementwise test whether the sign bit of x is set.

    Array API standard function ``signbit(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.signbit.html
    """
    try:
        f = _signbit_cache[type(x)]
    except KeyError:
        f = _signbit.resolve(x)
    return f(x)


_sin = _Lookup("", "sin")
_sin_cache = _sin.cache


def sin(x: ArrayT, /) -> ArrayT:
    """Elementwise sine (x in radians).

    Array API standard function ``sin(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.sin.html
    """
    try:
        f = _sin_cache[type(x)]
    except KeyError:
        f = _sin.resolve(x)
    return f(x)


_sinh = _Lookup("", "sinh")
_sinh_cache = _sinh.cache


def sinh(x: ArrayT, /) -> ArrayT:
    """Elementwise hyperbolic sine.

    Array API standard function ``sinh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.sinh.html
    """
    try:
        f = _sinh_cache[type(x)]
    except KeyError:
        f = _sinh.resolve(x)
    return f(x)


_square = _Lookup("", "square")
_square_cache = _square.cache


def square(x: ArrayT, /) -> ArrayT:
    """Elementwise x * x.

    Array API standard function ``square(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.square.html
    """
    try:
        f = _square_cache[type(x)]
    except KeyError:
        f = _square.resolve(x)
    return f(x)


_sqrt = _Lookup("", "sqrt")
_sqrt_cache = _sqrt.cache


def sqrt(x: ArrayT, /) -> ArrayT:
    """Elementwise principal square root.

    Array API standard function ``sqrt(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.sqrt.html
    """
    try:
        f = _sqrt_cache[type(x)]
    except KeyError:
        f = _sqrt.resolve(x)
    return f(x)


_subtract = _Lookup("", "subtract")
_subtract_cache = _subtract.cache


def subtract(x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Elementwise difference x1 - x2.

    Array API standard function ``subtract(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.subtract.html
    """
    try:
        f = _subtract_cache[type(x1)][type(x2)]
    except KeyError:
        f = _subtract.resolve(x1, x2)
    return f(x1, x2)


_tan = _Lookup("", "tan")
_tan_cache = _tan.cache


def tan(x: ArrayT, /) -> ArrayT:
    """Elementwise tangent (x in radians).

    Array API standard function ``tan(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.tan.html
    """
    try:
        f = _tan_cache[type(x)]
    except KeyError:
        f = _tan.resolve(x)
    return f(x)


_tanh = _Lookup("", "tanh")
_tanh_cache = _tanh.cache


def tanh(x: ArrayT, /) -> ArrayT:
    """Elementwise hyperbolic tangent.

    Array API standard function ``tanh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.tanh.html
    """
    try:
        f = _tanh_cache[type(x)]
    except KeyError:
        f = _tanh.resolve(x)
    return f(x)


_trunc = _Lookup("", "trunc")
_trunc_cache = _trunc.cache


def trunc(x: ArrayT, /) -> ArrayT:
    """Elementwise rounding toward zero.

    Array API standard function ``trunc(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.trunc.html
    """
    try:
        f = _trunc_cache[type(x)]
    except KeyError:
        f = _trunc.resolve(x)
    return f(x)


_take = _Lookup("", "take")
_take_cache = _take.cache


def take(x: ArrayT, indices: ArrayT, /, *, axis: int | None = None) -> ArrayT:
    """Select elements of x at integer indices along an axis.

    Array API standard function ``take(x, indices, /, *, axis=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.take.html
    """
    try:
        f = _take_cache[type(x)][type(indices)]
    except KeyError:
        f = _take.resolve(x, indices)
    if axis is None:
        return f(x, indices)
    return f(x, indices, axis=axis)


_take_along_axis = _Lookup("", "take_along_axis")
_take_along_axis_cache = _take_along_axis.cache


def take_along_axis(x: ArrayT, indices: ArrayT, /, *, axis: int = -1) -> ArrayT:
    """Pick values of x using an index array of matching shape along one axis.

    Array API standard function ``take_along_axis(x, indices, /, *, axis=-1)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.take_along_axis.html
    """
    try:
        f = _take_along_axis_cache[type(x)][type(indices)]
    except KeyError:
        f = _take_along_axis.resolve(x, indices)
    return f(x, indices, axis=axis)


_matmul = _Lookup("", "matmul")
_matmul_cache = _matmul.cache


def matmul(x1: ArrayT, x2: ArrayT, /) -> ArrayT:
    """Matrix product of x1 and x2, broadcasting over batch dimensions.

    Array API standard function ``matmul(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.matmul.html
    """
    try:
        f = _matmul_cache[type(x1)][type(x2)]
    except KeyError:
        f = _matmul.resolve(x1, x2)
    return f(x1, x2)


_matrix_transpose = _Lookup("", "matrix_transpose")
_matrix_transpose_cache = _matrix_transpose.cache


def matrix_transpose(x: ArrayT, /) -> ArrayT:
    """Swap the last two axes of x.

    Array API standard function ``matrix_transpose(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.matrix_transpose.html
    """
    try:
        f = _matrix_transpose_cache[type(x)]
    except KeyError:
        f = _matrix_transpose.resolve(x)
    return f(x)


_tensordot = _Lookup("", "tensordot")
_tensordot_cache = _tensordot.cache


def tensordot(
    x1: ArrayT, x2: ArrayT, /, *, axes: int | tuple[Sequence[int], Sequence[int]] = 2
) -> ArrayT:
    """Sum of products of x1 and x2 over the given axes.

    Array API standard function ``tensordot(x1, x2, /, *, axes=2)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.tensordot.html
    """
    try:
        f = _tensordot_cache[type(x1)][type(x2)]
    except KeyError:
        f = _tensordot.resolve(x1, x2)
    return f(x1, x2, axes=axes)


_vecdot = _Lookup("", "vecdot")
_vecdot_cache = _vecdot.cache


def vecdot(x1: ArrayT, x2: ArrayT, /, *, axis: int = -1) -> ArrayT:
    """Dot product of vectors along an axis (conjugating x1).

    Array API standard function ``vecdot(x1, x2, /, *, axis=-1)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.vecdot.html
    """
    try:
        f = _vecdot_cache[type(x1)][type(x2)]
    except KeyError:
        f = _vecdot.resolve(x1, x2)
    return f(x1, x2, axis=axis)


_broadcast_arrays = _Lookup("", "broadcast_arrays")
_broadcast_arrays_cache = _broadcast_arrays.cache


def broadcast_arrays(*arrays: ArrayT) -> tuple[ArrayT, ...]:
    """Broadcast the given arrays against one another.

    Array API standard function ``broadcast_arrays(*arrays)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.broadcast_arrays.html
    """
    try:
        first = type(arrays[0])
        f = _broadcast_arrays_cache[first]
    except (KeyError, IndexError):
        f = _broadcast_arrays.resolve_sequence(arrays)
    except TypeError:  # not a list or tuple: read it once
        arrays = tuple(arrays)
        f = _broadcast_arrays.resolve_sequence(arrays)
    else:
        for element in arrays:
            if type(element) is not first:
                f = _broadcast_arrays.resolve_sequence(arrays)
                break
    return f(*arrays)


_broadcast_shapes = _Lookup("", "broadcast_shapes")
_broadcast_shapes_by_backend = _broadcast_shapes.by_backend


def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """Shape obtained by broadcasting the given shapes together.

    Array API standard function ``broadcast_shapes(*shapes)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.broadcast_shapes.html
    """
    try:
        f = _broadcast_shapes_by_backend[_current()]
    except KeyError:
        f = _broadcast_shapes.selected()
    return f(*shapes)


_broadcast_to = _Lookup("", "broadcast_to")
_broadcast_to_cache = _broadcast_to.cache


def broadcast_to(x: ArrayT, /, shape: tuple[int, ...]) -> ArrayT:
    """Broadcast x to the given shape.

    Array API standard function ``broadcast_to(x, /, shape)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.broadcast_to.html
    """
    try:
        f = _broadcast_to_cache[type(x)]
    except KeyError:
        f = _broadcast_to.resolve(x)
    return f(x, shape)


_concat = _Lookup("", "concat")
_concat_cache = _concat.cache


def concat(arrays: tuple[ArrayT, ...] | list[ArrayT], /, *, axis: int | None = 0) -> ArrayT:
    """Join arrays along an existing axis (flattened if axis=None).

    Array API standard function ``concat(arrays, /, *, axis=0)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.concat.html
    """
    try:
        first = type(arrays[0])
        f = _concat_cache[first]
    except (KeyError, IndexError):
        f = _concat.resolve_sequence(arrays)
    except TypeError:  # not a list or tuple: read it once
        arrays = tuple(arrays)
        f = _concat.resolve_sequence(arrays)
    else:
        for element in arrays:
            if type(element) is not first:
                f = _concat.resolve_sequence(arrays)
                break
    return f(arrays, axis=axis)


_expand_dims = _Lookup("", "expand_dims")
_expand_dims_cache = _expand_dims.cache


def expand_dims(x: ArrayT, /, axis: int | tuple[int, ...]) -> ArrayT:
    """Insert a new axis of size one at the given position.

    Array API standard function ``expand_dims(x, /, axis)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.expand_dims.html
    """
    try:
        f = _expand_dims_cache[type(x)]
    except KeyError:
        f = _expand_dims.resolve(x)
    return f(x, axis)


_flip = _Lookup("", "flip")
_flip_cache = _flip.cache


def flip(x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None) -> ArrayT:
    """Reverse the order of elements along the given axes.

    Array API standard function ``flip(x, /, *, axis=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.flip.html
    """
    try:
        f = _flip_cache[type(x)]
    except KeyError:
        f = _flip.resolve(x)
    if axis is None:
        return f(x)
    return f(x, axis=axis)


_moveaxis = _Lookup("", "moveaxis")
_moveaxis_cache = _moveaxis.cache


def moveaxis(
    x: ArrayT, source: int | tuple[int, ...], destination: int | tuple[int, ...], /
) -> ArrayT:
    """Move axes of x from source to destination positions.

    Array API standard function ``moveaxis(x, source, destination, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.moveaxis.html
    """
    try:
        f = _moveaxis_cache[type(x)]
    except KeyError:
        f = _moveaxis.resolve(x)
    return f(x, source, destination)


_permute_dims = _Lookup("", "permute_dims")
_permute_dims_cache = _permute_dims.cache


def permute_dims(x: ArrayT, /, axes: tuple[int, ...]) -> ArrayT:
    """Reorder the axes of x as given by axes.

    Array API standard function ``permute_dims(x, /, axes)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.permute_dims.html
    """
    try:
        f = _permute_dims_cache[type(x)]
    except KeyError:
        f = _permute_dims.resolve(x)
    return f(x, axes)


_repeat = _Lookup("", "repeat")
_repeat_cache = _repeat.cache


def repeat(x: ArrayT, repeats: int | ArrayT, /, *, axis: int | None = None) -> ArrayT:
    """Repeat each element of x repeats times along an axis.

    Array API standard function ``repeat(x, repeats, /, *, axis=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.repeat.html
    """
    try:
        f = _repeat_cache[type(x)][type(repeats)]
    except KeyError:
        f = _repeat.resolve(x, repeats)
    if axis is None:
        return f(x, repeats)
    return f(x, repeats, axis=axis)


_reshape = _Lookup("", "reshape")
_reshape_cache = _reshape.cache


def reshape(x: ArrayT, /, shape: tuple[int, ...], *, copy: bool | None = None) -> ArrayT:
    """Give x a new shape without changing its data.

    Array API standard function ``reshape(x, /, shape, *, copy=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.reshape.html
    """
    try:
        f = _reshape_cache[type(x)]
    except KeyError:
        f = _reshape.resolve(x)
    if copy is None:
        return f(x, shape)
    return f(x, shape, copy=copy)


_roll = _Lookup("", "roll")
_roll_cache = _roll.cache


def roll(
    x: ArrayT, /, shift: int | tuple[int, ...], *, axis: int | tuple[int, ...] | None = None
) -> ArrayT:
    """Cyclically shift elements of x by shift along the given axes.

    Array API standard function ``roll(x, /, shift, *, axis=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.roll.html
    """
    try:
        f = _roll_cache[type(x)]
    except KeyError:
        f = _roll.resolve(x)
    if axis is None:
        return f(x, shift)
    return f(x, shift, axis=axis)


_squeeze = _Lookup("", "squeeze")
_squeeze_cache = _squeeze.cache


def squeeze(x: ArrayT, /, axis: int | tuple[int, ...]) -> ArrayT:
    """Remove the given axes of size one.

    Array API standard function ``squeeze(x, /, axis)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.squeeze.html
    """
    try:
        f = _squeeze_cache[type(x)]
    except KeyError:
        f = _squeeze.resolve(x)
    return f(x, axis)


_stack = _Lookup("", "stack")
_stack_cache = _stack.cache


def stack(arrays: tuple[ArrayT, ...] | list[ArrayT], /, *, axis: int = 0) -> ArrayT:
    """Join arrays along a new axis.

    Array API standard function ``stack(arrays, /, *, axis=0)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.stack.html
    """
    try:
        first = type(arrays[0])
        f = _stack_cache[first]
    except (KeyError, IndexError):
        f = _stack.resolve_sequence(arrays)
    except TypeError:  # not a list or tuple: read it once
        arrays = tuple(arrays)
        f = _stack.resolve_sequence(arrays)
    else:
        for element in arrays:
            if type(element) is not first:
                f = _stack.resolve_sequence(arrays)
                break
    return f(arrays, axis=axis)


_tile = _Lookup("", "tile")
_tile_cache = _tile.cache


def tile(x: ArrayT, repetitions: tuple[int, ...], /) -> ArrayT:
    """Build an array by tiling x as given by repetitions.

    Array API standard function ``tile(x, repetitions, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.tile.html
    """
    try:
        f = _tile_cache[type(x)]
    except KeyError:
        f = _tile.resolve(x)
    return f(x, repetitions)


_unstack = _Lookup("", "unstack")
_unstack_cache = _unstack.cache


def unstack(x: ArrayT, /, *, axis: int = 0) -> tuple[ArrayT, ...]:
    """Split x into a tuple of arrays along an axis.

    Array API standard function ``unstack(x, /, *, axis=0)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.unstack.html
    """
    try:
        f = _unstack_cache[type(x)]
    except KeyError:
        f = _unstack.resolve(x)
    return f(x, axis=axis)


_argmax = _Lookup("", "argmax")
_argmax_cache = _argmax.cache


def argmax(x: ArrayT, /, *, axis: int | None = None, keepdims: bool = False) -> ArrayT:
    """Indices of the first maximum values along an axis.

    Array API standard function ``argmax(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.argmax.html
    """
    try:
        f = _argmax_cache[type(x)]
    except KeyError:
        f = _argmax.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_argmin = _Lookup("", "argmin")
_argmin_cache = _argmin.cache


def argmin(x: ArrayT, /, *, axis: int | None = None, keepdims: bool = False) -> ArrayT:
    """Indices of the first minimum values along an axis.

    Array API standard function ``argmin(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.argmin.html
    """
    try:
        f = _argmin_cache[type(x)]
    except KeyError:
        f = _argmin.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_count_nonzero = _Lookup("", "count_nonzero")
_count_nonzero_cache = _count_nonzero.cache


def count_nonzero(
    x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> ArrayT:
    """Number of nonzero elements over the given axes.

    Array API standard function ``count_nonzero(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.count_nonzero.html
    """
    try:
        f = _count_nonzero_cache[type(x)]
    except KeyError:
        f = _count_nonzero.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_nonzero = _Lookup("", "nonzero")
_nonzero_cache = _nonzero.cache


def nonzero(x: ArrayT, /) -> tuple[ArrayT, ...]:
    """Tuple of index arrays, one per axis, of the nonzero elements.

    Array API standard function ``nonzero(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.nonzero.html
    """
    try:
        f = _nonzero_cache[type(x)]
    except KeyError:
        f = _nonzero.resolve(x)
    return f(x)


_searchsorted = _Lookup("", "searchsorted")
_searchsorted_cache = _searchsorted.cache


def searchsorted(
    x1: ArrayT,
    x2: ArrayT | float,
    /,
    *,
    side: Literal["left", "right"] = "left",
    sorter: ArrayT | None = None,
) -> ArrayT:
    """Indices at which to insert x2 into sorted 1-D x1 to keep order.

    Array API standard function ``searchsorted(x1, x2, /, *, side='left', sorter=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.searchsorted.html
    """
    try:
        f = _searchsorted_cache[type(x1)][type(x2)][type(sorter)]
    except KeyError:
        f = _searchsorted.resolve(x1, x2, sorter)
    if sorter is None:
        return f(x1, x2, side=side)
    return f(x1, x2, side=side, sorter=sorter)


_where = _Lookup("", "where")
_where_cache = _where.cache


def where(condition: ArrayT, x1: ArrayT | complex, x2: ArrayT | complex, /) -> ArrayT:
    """Pick x1 where condition is true, else x2, elementwise.

    Array API standard function ``where(condition, x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.where.html
    """
    try:
        f = _where_cache[type(condition)][type(x1)][type(x2)]
    except KeyError:
        f = _where.resolve(condition, x1, x2)
    return f(condition, x1, x2)


_isin = _Lookup("", "isin")
_isin_cache = _isin.cache


def isin(x1: ArrayT | int, x2: ArrayT | int, /, *, invert: bool = False) -> ArrayT:
    """Elementwise test whether each element of x1 is in x2.

    Array API standard function ``isin(x1, x2, /, *, invert=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.isin.html
    """
    try:
        f = _isin_cache[type(x1)][type(x2)]
    except KeyError:
        f = _isin.resolve(x1, x2)
    if invert is False:
        return f(x1, x2)
    return f(x1, x2, invert=invert)


_unique_all = _Lookup("", "unique_all")
_unique_all_cache = _unique_all.cache


def unique_all(x: ArrayT, /) -> UniqueAllResult[ArrayT]:
    """Unique values with first indices, inverse indices and counts.

    Array API standard function ``unique_all(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.unique_all.html
    """
    try:
        f = _unique_all_cache[type(x)]
    except KeyError:
        f = _unique_all.resolve(x)
    return f(x)


_unique_counts = _Lookup("", "unique_counts")
_unique_counts_cache = _unique_counts.cache


def unique_counts(x: ArrayT, /) -> UniqueCountsResult[ArrayT]:
    """Unique values of x and how often each occurs.

    Array API standard function ``unique_counts(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.unique_counts.html
    """
    try:
        f = _unique_counts_cache[type(x)]
    except KeyError:
        f = _unique_counts.resolve(x)
    return f(x)


_unique_inverse = _Lookup("", "unique_inverse")
_unique_inverse_cache = _unique_inverse.cache


def unique_inverse(x: ArrayT, /) -> UniqueInverseResult[ArrayT]:
    """Unique values of x and indices that rebuild x from them.

    Array API standard function ``unique_inverse(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.unique_inverse.html
    """
    try:
        f = _unique_inverse_cache[type(x)]
    except KeyError:
        f = _unique_inverse.resolve(x)
    return f(x)


_unique_values = _Lookup("", "unique_values")
_unique_values_cache = _unique_values.cache


def unique_values(x: ArrayT, /) -> ArrayT:
    """Unique values of x.

    Array API standard function ``unique_values(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.unique_values.html
    """
    try:
        f = _unique_values_cache[type(x)]
    except KeyError:
        f = _unique_values.resolve(x)
    return f(x)


_argsort = _Lookup("", "argsort")
_argsort_cache = _argsort.cache


def argsort(
    x: ArrayT, /, *, axis: int = -1, descending: bool = False, stable: bool = True
) -> ArrayT:
    """Indices that sort x along an axis.

    Array API standard function ``argsort(x, /, *, axis=-1, descending=False, stable=True)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.argsort.html
    """
    try:
        f = _argsort_cache[type(x)]
    except KeyError:
        f = _argsort.resolve(x)
    if descending is False and stable is True:
        return f(x, axis=axis)
    return f(x, axis=axis, descending=descending, stable=stable)


_sort = _Lookup("", "sort")
_sort_cache = _sort.cache


def sort(x: ArrayT, /, *, axis: int = -1, descending: bool = False, stable: bool = True) -> ArrayT:
    """Sorted copy of x along an axis.

    Array API standard function ``sort(x, /, *, axis=-1, descending=False, stable=True)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.sort.html
    """
    try:
        f = _sort_cache[type(x)]
    except KeyError:
        f = _sort.resolve(x)
    if descending is False and stable is True:
        return f(x, axis=axis)
    return f(x, axis=axis, descending=descending, stable=stable)


_cumulative_prod = _Lookup("", "cumulative_prod")
_cumulative_prod_cache = _cumulative_prod.cache


def cumulative_prod(
    x: ArrayT,
    /,
    *,
    axis: int | None = None,
    dtype: DType | None = None,
    include_initial: bool = False,
) -> ArrayT:
    """Running product of x along an axis, optionally starting with 1.

    Array API standard function ``cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.cumulative_prod.html
    """
    try:
        f = _cumulative_prod_cache[type(x)]
    except KeyError:
        f = _cumulative_prod.resolve(x)
    if axis is None and dtype is None and include_initial is False:
        return f(x)
    return f(x, axis=axis, dtype=dtype, include_initial=include_initial)


_cumulative_sum = _Lookup("", "cumulative_sum")
_cumulative_sum_cache = _cumulative_sum.cache


def cumulative_sum(
    x: ArrayT,
    /,
    *,
    axis: int | None = None,
    dtype: DType | None = None,
    include_initial: bool = False,
) -> ArrayT:
    """Running sum of x along an axis, optionally starting with 0.

    Array API standard function ``cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.cumulative_sum.html
    """
    try:
        f = _cumulative_sum_cache[type(x)]
    except KeyError:
        f = _cumulative_sum.resolve(x)
    if axis is None and dtype is None and include_initial is False:
        return f(x)
    return f(x, axis=axis, dtype=dtype, include_initial=include_initial)


_max = _Lookup("", "max")
_max_cache = _max.cache


def max(
    x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> ArrayT:
    """Largest element of x over the given axes.

    Array API standard function ``max(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.max.html
    """
    try:
        f = _max_cache[type(x)]
    except KeyError:
        f = _max.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_mean = _Lookup("", "mean")
_mean_cache = _mean.cache


def mean(
    x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> ArrayT:
    """Arithmetic mean of x over the given axes.

    Array API standard function ``mean(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.mean.html
    """
    try:
        f = _mean_cache[type(x)]
    except KeyError:
        f = _mean.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_min = _Lookup("", "min")
_min_cache = _min.cache


def min(
    x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> ArrayT:
    """Smallest element of x over the given axes.

    Array API standard function ``min(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.min.html
    """
    try:
        f = _min_cache[type(x)]
    except KeyError:
        f = _min.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_prod = _Lookup("", "prod")
_prod_cache = _prod.cache


def prod(
    x: ArrayT,
    /,
    *,
    axis: int | tuple[int, ...] | None = None,
    dtype: DType | None = None,
    keepdims: bool = False,
) -> ArrayT:
    """Product of the elements of x over the given axes.

    Array API standard function ``prod(x, /, *, axis=None, dtype=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.prod.html
    """
    try:
        f = _prod_cache[type(x)]
    except KeyError:
        f = _prod.resolve(x)
    if axis is None and dtype is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, dtype=dtype, keepdims=keepdims)


_std = _Lookup("", "std")
_std_cache = _std.cache


def std(
    x: ArrayT,
    /,
    *,
    axis: int | tuple[int, ...] | None = None,
    correction: float = 0.0,
    keepdims: bool = False,
) -> ArrayT:
    """Standard deviation of x over axes; correction is the ddof.

    Array API standard function ``std(x, /, *, axis=None, correction=0.0, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.std.html
    """
    try:
        f = _std_cache[type(x)]
    except KeyError:
        f = _std.resolve(x)
    if axis is None and keepdims is False:
        return f(x, correction=correction)
    return f(x, axis=axis, correction=correction, keepdims=keepdims)


_sum = _Lookup("", "sum")
_sum_cache = _sum.cache


def sum(
    x: ArrayT,
    /,
    *,
    axis: int | tuple[int, ...] | None = None,
    dtype: DType | None = None,
    keepdims: bool = False,
) -> ArrayT:
    """Sum of the elements of x over the given axes.

    Array API standard function ``sum(x, /, *, axis=None, dtype=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.sum.html
    """
    try:
        f = _sum_cache[type(x)]
    except KeyError:
        f = _sum.resolve(x)
    if axis is None and dtype is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, dtype=dtype, keepdims=keepdims)


_var = _Lookup("", "var")
_var_cache = _var.cache


def var(
    x: ArrayT,
    /,
    *,
    axis: int | tuple[int, ...] | None = None,
    correction: float = 0.0,
    keepdims: bool = False,
) -> ArrayT:
    """Variance of x over the given axes; correction is the ddof.

    Array API standard function ``var(x, /, *, axis=None, correction=0.0, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.var.html
    """
    try:
        f = _var_cache[type(x)]
    except KeyError:
        f = _var.resolve(x)
    if axis is None and keepdims is False:
        return f(x, correction=correction)
    return f(x, axis=axis, correction=correction, keepdims=keepdims)


_all = _Lookup("", "all")
_all_cache = _all.cache


def all(
    x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> ArrayT:
    """Whether all elements are true over the given axes.

    Array API standard function ``all(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.all.html
    """
    try:
        f = _all_cache[type(x)]
    except KeyError:
        f = _all.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_any = _Lookup("", "any")
_any_cache = _any.cache


def any(
    x: ArrayT, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False
) -> ArrayT:
    """Whether any element is true over the given axes.

    Array API standard function ``any(x, /, *, axis=None, keepdims=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.any.html
    """
    try:
        f = _any_cache[type(x)]
    except KeyError:
        f = _any.resolve(x)
    if axis is None and keepdims is False:
        return f(x)
    return f(x, axis=axis, keepdims=keepdims)


_diff = _Lookup("", "diff")
_diff_cache = _diff.cache


def diff(
    x: ArrayT,
    /,
    *,
    axis: int = -1,
    n: int = 1,
    prepend: ArrayT | None = None,
    append: ArrayT | None = None,
) -> ArrayT:
    """n-th discrete difference of x along an axis.

    Array API standard function ``diff(x, /, *, axis=-1, n=1, prepend=None, append=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.diff.html
    """
    try:
        f = _diff_cache[type(x)][type(prepend)][type(append)]
    except KeyError:
        f = _diff.resolve(x, prepend, append)
    if prepend is None and append is None:
        return f(x, axis=axis, n=n)
    return f(x, axis=axis, n=n, prepend=prepend, append=append)


for _name in __all__:  # the functions are ember_ml.ops's
    globals()[_name].__module__ = "ember_ml.ops"
del _name
