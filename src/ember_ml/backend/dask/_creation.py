"""Creation functions of the Dask namespace: array-api-compat's, with Dask's ``chunks=`` keyword.

Every creation function takes Dask's ``chunks=`` (default ``"auto"``: Dask picks chunks of
about ``array.chunk-size``, 128 MiB); the compat wrappers pass it through to Dask.
``asarray`` chunks what it converts (a Dask array keeps its chunks unless ``chunks`` is
given), and ``from_dlpack`` reads through NumPy.
"""

import importlib as _importlib
from typing import Any

import dask.array as _da
import numpy as _np
from array_api_compat.dask.array import asarray as _compat_asarray

_compat: Any = _importlib.import_module("array_api_compat.dask.array")

arange = _compat.arange
empty = _compat.empty
empty_like = _compat.empty_like
eye = _compat.eye
full = _compat.full
full_like = _compat.full_like
linspace = _compat.linspace
meshgrid = _compat.meshgrid
ones = _compat.ones
ones_like = _compat.ones_like
tril = _compat.tril
triu = _compat.triu
zeros = _compat.zeros
zeros_like = _compat.zeros_like

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


def asarray(
    obj: Any,
    /,
    *,
    dtype: Any = None,
    device: Any = None,
    copy: bool | None = None,
    chunks: Any = "auto",
) -> Any:
    """A Dask array of ``obj`` (an array of any library, a scalar or a nested sequence).

    ``chunks`` is Dask's (``"auto"``, a size, or sizes per axis); a Dask array keeps its
    chunks unless ``chunks`` is given.

    >>> x = asarray([1.0, 2.0, 3.0, 4.0], chunks=2)
    >>> x.chunks, float(x.sum().compute())
    (((2, 2),), 10.0)
    """
    if isinstance(obj, _da.Array):
        out = _compat_asarray(obj, dtype=dtype, device=device, copy=copy)
        return out if isinstance(chunks, str) and chunks == "auto" else out.rechunk(chunks)
    if copy is False:
        raise ValueError("asarray: converting to a Dask array always copies; copy=False is refused")
    if not isinstance(obj, _np.ndarray) and hasattr(obj, "__dlpack__") and hasattr(obj, "shape"):
        obj = _host(obj)
    data = _np.array(obj, dtype=dtype, copy=True)
    return _da.from_array(data, chunks=chunks)


def _host(obj: Any) -> Any:
    try:
        return _np.from_dlpack(obj)
    except (TypeError, ValueError, RuntimeError, BufferError, AttributeError):
        return _np.asarray(obj)


def from_dlpack(x: Any, /, *, device: Any = None, copy: bool | None = None) -> Any:
    """A Dask array (one chunk) of an array that speaks DLPack, read through NumPy.

    >>> import numpy as np
    >>> from_dlpack(np.arange(3)).compute().tolist()
    [0, 1, 2]
    """
    if copy is False:
        raise ValueError("from_dlpack: a Dask array always copies; copy=False is refused")
    return _da.from_array(_np.array(_np.from_dlpack(x), copy=True), chunks=-1)
