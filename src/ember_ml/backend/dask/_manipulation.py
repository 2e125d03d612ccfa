"""Manipulation functions of the Dask namespace: array-api-compat's (Dask's own where it conforms).

``broadcast_shapes`` is NumPy's (shapes are known without computing).
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
reshape = _compat.reshape
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
