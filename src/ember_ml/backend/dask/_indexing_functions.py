"""Indexing functions of the Dask namespace: Dask's ``take``; ``take_along_axis`` blockwise.

``take_along_axis`` gathers with one block of ``x`` along ``axis`` (as Dask's own
``take`` of an unknown index does): the other axes keep their chunks.
"""

import importlib as _importlib
from typing import Any

import dask.array as _da
import numpy as _np

_compat: Any = _importlib.import_module("array_api_compat.dask.array")
take = _compat.take

__all__ = ["take", "take_along_axis"]


def take_along_axis(x: Any, indices: Any, /, *, axis: int = -1) -> Any:
    """``x`` gathered at ``indices`` along ``axis`` (NumPy's ``take_along_axis``), blockwise.

    >>> import numpy as np
    >>> x = asarray([[3, 1, 2]], chunks=1)
    >>> take_along_axis(x, asarray([[1, 2, 0]], chunks=1), axis=-1).compute().tolist()
    [[1, 2, 3]]
    """
    if x.ndim != indices.ndim:
        raise ValueError(
            f"take_along_axis: x ({x.ndim} axes) and indices ({indices.ndim} axes) need the same "
            "number of axes"
        )
    if not -x.ndim <= axis < x.ndim:
        raise IndexError(f"take_along_axis: axis {axis} is out of range for {x.ndim} axes")
    axis = axis % x.ndim
    whole = x.rechunk({axis: -1})
    idx = _da.asarray(indices).rechunk({axis: -1})
    shape = _np.broadcast_shapes(
        tuple(1 if i == axis else n for i, n in enumerate(x.shape)),
        tuple(1 if i == axis else n for i, n in enumerate(idx.shape)),
    )
    whole = _da.broadcast_to(whole, (*shape[:axis], x.shape[axis], *shape[axis + 1 :]))
    idx = _da.broadcast_to(idx, (*shape[:axis], idx.shape[axis], *shape[axis + 1 :]))
    whole, idx = whole.rechunk({**dict(enumerate(idx.chunks)), axis: -1}), idx
    idx = idx.rechunk(tuple(c if i != axis else -1 for i, c in enumerate(whole.chunks)))
    return _da.map_blocks(
        _np.take_along_axis, whole, idx, axis=axis, dtype=x.dtype, chunks=idx.chunks
    )
