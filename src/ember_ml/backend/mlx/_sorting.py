"""Sorting functions of the MLX namespace: ``descending`` and 0-d arrays, int32 indices."""

from __future__ import annotations

import mlx.core as mx

from ember_ml.backend.mlx._bounds import _norm_axis
from ember_ml.backend.mlx._dtypes import _INDEX, _pybool

__all__ = ["argsort", "sort"]


# mlx 0.32.4: no descending=/stable=; answers uint32; refuses a 0-d array
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


# mlx 0.32.4: no descending=/stable=; refuses a 0-d array
def sort(
    x: mx.array, /, *, axis: int = -1, descending: _pybool = False, stable: _pybool = True
) -> mx.array:
    if x.ndim == 0:
        return x
    out = mx.sort(x, axis=axis)
    return mx.flip(out, axis=axis) if descending else out
