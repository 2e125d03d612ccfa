"""Manipulation functions of the Dask namespace: array-api-compat's (Dask's own where it conforms).

``broadcast_shapes`` is NumPy's (shapes are known without computing); ``reshape`` joins
the trailing axes into one chunk where Dask cannot map the chunks through the new shape.
"""

import importlib as _importlib
from typing import Any as _Any

from numpy import broadcast_shapes

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

broadcast_arrays = _compat.broadcast_arrays
broadcast_to = _compat.broadcast_to
concat = _compat.concat
expand_dims = _compat.expand_dims
flip = _compat.flip
moveaxis = _compat.moveaxis
permute_dims = _compat.permute_dims
repeat = _compat.repeat
roll = _compat.roll
squeeze = _compat.squeeze
stack = _compat.stack
tile = _compat.tile
unstack = _compat.unstack

__all__ = [
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
]


def reshape(x: _Any, /, shape: tuple[int, ...], *, copy: bool | None = None) -> _Any:
    """``x`` in ``shape`` (the standard's ``reshape``); chunks are joined where Dask needs it.

    >>> import numpy as np
    >>> reshape(asarray(np.arange(6), chunks=4), (2, 3)).compute().tolist()
    [[0, 1, 2], [3, 4, 5]]
    """
    if 0 in x.shape:  # Dask's chunk mapping fails on empty arrays
        import numpy as np

        new = np.empty(x.shape, dtype=x.dtype).reshape(shape)
        return _compat.asarray(new)
    try:
        return _compat.reshape(x, shape, copy=copy)
    except NotImplementedError:  # Dask cannot reshape across these chunk edges
        pass
    if x.ndim > 1:
        try:
            return _compat.reshape(x.rechunk({i: -1 for i in range(1, x.ndim)}), shape, copy=copy)
        except NotImplementedError:
            pass
    return _compat.reshape(x.rechunk(-1), shape, copy=copy)
