"""Manipulation functions of the NumPy namespace: NumPy's own, all of them.

NumPy >= 2.1 has permute_dims and unstack; with an older NumPy these are array-api-compat's.
"""

from ember_ml.backend.numpy._library import library as _lib

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

broadcast_arrays = _lib.broadcast_arrays
broadcast_shapes = _lib.broadcast_shapes
broadcast_to = _lib.broadcast_to
concat = _lib.concat
expand_dims = _lib.expand_dims
flip = _lib.flip
moveaxis = _lib.moveaxis
permute_dims = _lib.permute_dims
repeat = _lib.repeat
reshape = _lib.reshape
roll = _lib.roll
squeeze = _lib.squeeze
stack = _lib.stack
tile = _lib.tile
unstack = _lib.unstack
