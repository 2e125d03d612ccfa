"""Checked ``mx.array.__getitem__`` / ``__setitem__`` (installed by ``_patches``).

MLX returns garbage or segfaults on out-of-range integer keys and integer-array
keys, rejects boolean masks and 0-d integer arrays as slice bounds. The wrappers
add exactly that and hand everything else to MLX's own method unchanged. Keys
that are a plain int/slice/None/Ellipsis take a fast path (one type test and,
for an int, one comparison with the shape).
"""

from __future__ import annotations

import builtins
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _indices

_INT_KINDS = frozenset((mx.int8, mx.int16, mx.int32, mx.int64, mx.uint8, mx.uint16, mx.uint32, mx.uint64))


def _as_int(v: Any) -> Any:
    if isinstance(v, mx.array):
        if v.ndim != 0 or v.dtype not in _INT_KINDS:
            raise IndexError("slice bounds must be integers or 0-d integer arrays")
        return int(v.item())
    return v


def _expand(key: tuple[Any, ...], ndim: int) -> int:
    """Number of array dimensions the key consumes (ints, slices, arrays)."""
    used = 0
    for k in key:
        if k is None or k is Ellipsis:
            continue
        if isinstance(k, mx.array) and k.dtype == mx.bool_:
            used += k.ndim
        else:
            used += 1
    return used


def _mask_positions(mask: mx.array) -> tuple[mx.array, ...]:
    from ember_ml.backend.mlx._aliases import nonzero

    return nonzero(mask)


def _normalize(self: mx.array, key: Any) -> Any:
    """Check a non-trivial key and rewrite what MLX does not take (masks, 0-d array bounds)."""
    if not isinstance(key, tuple):
        key = (key,)
    used = _expand(key, self.ndim)
    if used > self.ndim:
        raise IndexError(f"too many indices: array is {self.ndim}-dimensional, but {used} were indexed")
    out: list[Any] = []
    dim = 0
    ell_span = self.ndim - used
    has_mask = False
    for k in key:
        if k is None:
            out.append(k)
        elif k is Ellipsis:
            out.append(k)
            dim += ell_span
        elif isinstance(k, slice):
            out.append(slice(_as_int(k.start), _as_int(k.stop), _as_int(k.step)))
            dim += 1
        elif isinstance(k, bool):
            raise IndexError("Python bool keys are not supported; use a boolean array")
        elif isinstance(k, int):
            _indices.check_int(k, self.shape[dim])
            out.append(k)
            dim += 1
        elif isinstance(k, mx.array):
            if k.dtype == mx.bool_:
                size = self.shape[dim : dim + k.ndim]
                # each mask axis matches the indexed axis, or is empty (selecting nothing)
                if len(size) != k.ndim or builtins.any(ks not in (xs, 0) for ks, xs in zip(k.shape, size, strict=True)):
                    raise IndexError(f"boolean index of shape {k.shape} does not match the indexed shape {size}")
                has_mask = True
                out.append(k)
                dim += k.ndim
            elif k.dtype in _INT_KINDS:
                out.append(_indices.check_array(k, self.shape[dim]))
                dim += 1
            else:
                raise IndexError(f"arrays used as indices must be integer or boolean, not {k.dtype}")
        else:
            out.append(k)
            dim += 1
    if has_mask:
        expanded: list[Any] = []
        for k in out:
            if isinstance(k, mx.array) and k.dtype == mx.bool_:
                if k.ndim == 0:
                    return ("mask0", out)
                expanded.extend(_mask_positions(k))
            else:
                expanded.append(k)
        out = expanded
    return tuple(out)


def make_getitem(orig: Any) -> Any:
    def __getitem__(self: mx.array, key: Any) -> mx.array:
        t = type(key)
        if key is None or key is Ellipsis or (
            t is slice and type(key.start) is not mx.array and type(key.stop) is not mx.array
            and type(key.step) is not mx.array
        ):
            return orig(self, key)
        if t is int:
            if self.ndim == 0:
                raise IndexError("too many indices for a 0-d array")
            _indices.check_int(key, self.shape[0])
            return orig(self, key)
        key = _normalize(self, key)
        if key and key[0] == "mask0":
            # a 0-d boolean mask: x[True] adds an axis of 1, x[False] one of 0
            rest = tuple(k for k in key[1] if not (isinstance(k, mx.array) and k.dtype == mx.bool_ and k.ndim == 0))
            mask = next(k for k in key[1] if isinstance(k, mx.array) and k.dtype == mx.bool_ and k.ndim == 0)
            base = orig(self, rest) if rest else self
            base = mx.expand_dims(base, 0)
            return base if mask.item() else base[:0]
        return orig(self, key)

    return __getitem__


def make_setitem(orig: Any) -> Any:
    def __setitem__(self: mx.array, key: Any, value: Any) -> None:
        t = type(key)
        if key is None or key is Ellipsis or (
            t is slice and type(key.start) is not mx.array and type(key.stop) is not mx.array
            and type(key.step) is not mx.array
        ):
            return orig(self, key, value)
        if t is int:
            if self.ndim == 0:
                raise IndexError("too many indices for a 0-d array")
            _indices.check_int(key, self.shape[0])
            return orig(self, key, value)
        key = _normalize(self, key)
        if key and key[0] == "mask0":
            rest = tuple(k for k in key[1] if not (isinstance(k, mx.array) and k.dtype == mx.bool_ and k.ndim == 0))
            mask = next(k for k in key[1] if isinstance(k, mx.array) and k.dtype == mx.bool_ and k.ndim == 0)
            if mask.item():
                target = orig(self, rest) if rest else self
                v = value if not isinstance(value, mx.array) else value.reshape(target.shape) if value.size == target.size else value
                return orig(self, rest if rest else Ellipsis, v)
            return None
        if any(isinstance(k, mx.array) and k.size == 0 for k in key):
            return None  # an empty index (or an all-False mask) sets nothing
        return orig(self, key, value)

    return __setitem__
