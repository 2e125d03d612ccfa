"""Indexing functions of the MLX namespace: ``take`` and ``take_along_axis`` with the indices
bounds-checked first (MLX reads out-of-range indices out of bounds: garbage or a crash)."""

from __future__ import annotations

from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds
from ember_ml.backend.mlx._bounds import _optional_axis
from ember_ml.backend.mlx._bounds import _state as _checks_state
from ember_ml.backend.mlx._dtypes import _array, _pybool

__all__ = ["take", "take_along_axis"]


def _small_indices_checked(indices: mx.array, n: int) -> _pybool:
    """True when ``indices`` is a short, eager, 1-d integer array whose values are all in
    ``[-n, n)`` (or the checks are off); False sends the caller to ``_bounds.check_array``
    (which raises, clamps inside a trace, or checks a larger array). The same rule as
    ``check_array``, spelled out here because ``take`` / ``take_along_axis`` build their
    graph in about 1 us and the check is most of it."""
    if not _checks_state[0]:
        return True
    if indices.ndim == 1 and indices.size <= 64 and n:
        try:
            host: Any = indices.tolist()  # evaluates lazy indices (once); raises inside mx.compile
        except ValueError:
            return False
        if host:
            host.sort()  # sorting ten ints costs less than min() plus max()
            # an integer dtype lists Python ints (bool and floating dtypes do not: check_array
            # leaves those to MLX, which refuses them)
            return type(host[0]) is int and -n <= host[0] and host[-1] < n
        return True
    return False


# mlx 0.32.4: out-of-range indices are read out of bounds (garbage, or a crash)
def take(x: mx.array, indices: Any, /, *, axis: int | None = None) -> mx.array:
    if axis is None and type(indices) is _array and x.ndim == 1:  # the common 1-d case, lean
        n = x.shape[0]
        if _small_indices_checked(indices, n):
            return mx.take(x, indices, 0)
        return mx.take(x, _bounds.check_array(indices, n), 0)
    x, ax = _optional_axis(x, axis, "take")
    n = x.shape[ax]
    if isinstance(indices, int):
        return mx.take(x, _bounds.check_int(indices, n), axis=ax)
    if not isinstance(indices, mx.array):
        indices = mx.array(indices)
    return mx.take(x, _bounds.check_array(indices, n), axis=ax)


# mlx 0.32.4: out-of-range indices are read out of bounds (garbage, or a crash)
def take_along_axis(x: mx.array, indices: mx.array, /, *, axis: int = -1) -> mx.array:
    try:
        n = x.shape[axis]  # an int axis in range (a negative one counts from the end)
    except (IndexError, TypeError):
        n = None
    if n is not None:
        if type(indices) is _array and _small_indices_checked(indices, n):
            return mx.take_along_axis(x, indices, axis)
        return mx.take_along_axis(x, _bounds.check_array(indices, n), axis)
    if not -x.ndim <= axis < x.ndim:
        raise IndexError(f"axis {axis} is out of bounds for an array of dimension {x.ndim}")
    return mx.take_along_axis(x, _bounds.check_array(indices, x.shape[axis]), axis=axis)
