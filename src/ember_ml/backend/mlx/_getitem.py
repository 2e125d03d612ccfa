"""Checked ``mx.array.__getitem__`` / ``__setitem__`` (installed by ``_patches``).

MLX gap (mlx 0.32.4): ``mx.arange(3)[5]`` and ``mx.arange(3)[mx.array([7])]`` read garbage
(no ``IndexError``) and ``mx.arange(3)[::0]`` traps (SIGFPE).

MLX segfaults, aborts, traps (SIGFPE) or returns garbage on many keys NumPy and
the standard accept or reject cleanly: out-of-range ints and integer arrays,
lists, NumPy integers, a slice step of 0, slice bounds outside int32, 0-d array
slice bounds, boolean masks. Every key goes through ONE normaliser,
:func:`normalize_key`, which rewrites it into a form MLX handles safely or
raises ``IndexError`` / ``ValueError`` / ``TypeError``:

* int / NumPy integer / anything with ``__index__`` -> a Python int checked
  against the axis (``IndexError``);
* slice -> bounds and step as Python ints (0-d integer arrays and NumPy
  integers read), step 0 -> ``ValueError``, bounds clamped into
  ``[-n - 1, n]`` and the step into ``[-n, n]`` (the same selection as Python's
  slicing, and inside MLX's int32 range);
* list / tuple element that is a sequence / NumPy array -> converted in NumPy
  (integer or boolean only), checked there, then an MLX array;
* integer MLX array -> ``_bounds.check_array`` (one reduction + sync eagerly,
  clamped inside ``mx.compile``);
* boolean MLX array -> its shape is checked, then it is expanded to integer
  positions (data-dependent: evaluates), 0-d masks as NumPy does;
* ``None`` / ``Ellipsis`` kept (at most one Ellipsis); too many indices ->
  ``IndexError``; anything else -> ``IndexError``.

Fast paths (proven safe, no normalisation): ``None``, ``Ellipsis``, a plain
Python int (one bounds comparison), a slice of Python ints or ``None`` whose
step is not 0 and whose bounds are inside int32.

``__setitem__`` also checks the value: ``None`` and strings -> ``TypeError``;
a complex value into a non-complex array -> ``TypeError`` (MLX silently turned
the array complex); the value's shape must broadcast to the selection even
when the selection is empty (an empty index array or an all-False mask).
"""

from __future__ import annotations

import builtins
import math
import operator
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _bounds

_INT_KINDS = frozenset(
    (mx.int8, mx.int16, mx.int32, mx.int64, mx.uint8, mx.uint16, mx.uint32, mx.uint64)
)
_INT_OR_BOOL = _INT_KINDS | {mx.bool_}
_I32 = 2**31 - 1
_SCALARS = (builtins.bool, int, float, complex)
_EMPTY = ("empty",)  # marker: the key selects no element


def _safe_slice(k: slice) -> builtins.bool:
    """A slice MLX takes as it is: Python int/None parts, step not 0, all inside int32."""
    for v in (k.start, k.stop, k.step):
        if v is not None and (type(v) is not int or not -_I32 <= v <= _I32):
            return False
    return k.step != 0


def _bound(v: Any, what: str) -> Any:
    """A slice bound as a Python int (or None): ints, NumPy integers, 0-d integer arrays."""
    if v is None:
        return None
    if isinstance(v, mx.array):
        if v.ndim != 0 or v.dtype not in _INT_KINDS:
            raise IndexError(
                f"slice {what} must be an integer or a 0-d integer array, got shape {v.shape} {v.dtype}"
            )
        return int(v.item())  # type: ignore[arg-type]  # an integer dtype: item() is an int
    if isinstance(v, builtins.bool):
        raise IndexError(f"slice {what} must be an integer, not a bool")
    try:
        return operator.index(v)
    except TypeError:
        raise IndexError(
            f"slice {what} must be an integer or None, got {type(v).__name__}"
        ) from None


def _norm_slice(k: slice, n: int) -> slice:
    start, stop, step = _bound(k.start, "start"), _bound(k.stop, "stop"), _bound(k.step, "step")
    if step == 0:
        raise ValueError("slice step cannot be zero")
    # Python's selection is unchanged by clamping the bounds to [-n - 1, n] and |step| to max(n, 1)
    if start is not None:
        start = builtins.min(builtins.max(start, -n - 1), n)
    if stop is not None:
        stop = builtins.min(builtins.max(stop, -n - 1), n)
    if step is not None:
        m = builtins.max(n, 1)
        step = builtins.min(builtins.max(step, -m), m)
    return slice(start, stop, step)


def _numpy_key(k: Any, n: int) -> Any:
    """A list / NumPy array key: integer or boolean, checked in NumPy (no MLX sync), as an MLX array."""
    import numpy

    try:
        a = numpy.asarray(k)
    except (ValueError, TypeError) as err:
        raise IndexError(f"invalid index {k!r}: {err}") from None
    if a.size == 0 and a.dtype.kind not in "iub":
        a = a.astype(numpy.int64)  # [] is an empty integer index, as NumPy reads it
    if a.dtype.kind == "b":
        return mx.array(a)
    if a.dtype.kind not in "iu":
        raise IndexError(
            f"arrays used as indices must be integer or boolean, got {a.dtype} from {type(k).__name__}"
        )
    if a.size and _bounds._checks_on():
        lo, hi = int(a.min()), int(a.max())
        if n == 0 or lo < -n or hi >= n:
            raise IndexError(
                f"index out of bounds for axis of size {n} (got values in [{lo}, {hi}]); valid indices are in [-size, size)"
            )
    return mx.array(a.astype(numpy.int32 if n <= _I32 else numpy.int64))


def _consumes(k: Any) -> int:
    if k is None or k is Ellipsis or isinstance(k, builtins.bool):
        return 0
    if isinstance(k, mx.array) and k.dtype == mx.bool_:
        return k.ndim
    if (
        isinstance(k, (list, tuple))
        or type(k).__module__ == "numpy"
        and getattr(k, "dtype", None) is not None
    ):
        try:
            import numpy

            a = numpy.asarray(k)
            if a.dtype.kind == "b":
                return a.ndim
        except (ValueError, TypeError):
            pass
    return 1


def normalize_key(shape: tuple[int, ...], key: Any) -> Any:
    """The key rewritten for MLX (a tuple), ``("mask0", rest, flag, np_key)``, ``("gather", np_key)``
    (a 0-d boolean beside other array indices: read through ``_flat_positions``), or raises.

    See the module docstring for what each key form becomes.
    """
    if not isinstance(key, tuple):
        key = (key,)
    ndim = len(shape)
    n_ell = 0
    for k in key:
        if k is Ellipsis:
            n_ell += 1
    if n_ell > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    ell_span = 0
    if n_ell:
        used = builtins.sum(_consumes(k) for k in key)
        if used > ndim:
            raise IndexError(
                f"too many indices: array is {ndim}-dimensional, but {used} were indexed"
            )
        ell_span = ndim - used
    out: list[Any] = []
    dim = 0
    masks = False
    mask0: list[tuple[int, builtins.bool]] = []
    for k in key:
        if k is None:
            out.append(None)
            continue
        if k is Ellipsis:
            out.append(Ellipsis)
            dim += ell_span
            continue
        if isinstance(k, slice):
            if dim >= ndim:
                raise IndexError(f"too many indices for an array of dimension {ndim}")
            out.append(_norm_slice(k, shape[dim]))
            dim += 1
            continue
        if isinstance(k, mx.array):
            if k.dtype == mx.bool_:
                size = shape[dim : dim + k.ndim]
                if len(size) != k.ndim:
                    raise IndexError(
                        f"too many indices: a boolean index of {k.ndim} dimensions at axis {dim} "
                        f"of a {ndim}-dimensional array"
                    )
                if builtins.any(ks not in (xs, 0) for ks, xs in zip(k.shape, size, strict=True)):
                    raise IndexError(
                        f"boolean index of shape {k.shape} does not match the indexed shape {size}"
                    )
                if k.ndim == 0:
                    mask0.append((len(out), builtins.bool(k.item())))
                    out.append(None)  # a 0-d mask adds an axis of length 1 (True) or 0 (False)
                    continue
                masks = True
                out.append(k)
                dim += k.ndim
                continue
            if k.dtype in _INT_KINDS:
                if dim >= ndim:
                    raise IndexError(f"too many indices for an array of dimension {ndim}")
                out.append(_bounds.check_array(k, shape[dim]))
                dim += 1
                continue
            raise IndexError(f"arrays used as indices must be integer or boolean, not {k.dtype}")
        if isinstance(k, builtins.bool) or (
            type(k).__module__ == "numpy" and getattr(k, "ndim", 1) == 0 and k.dtype.kind == "b"
        ):
            # NumPy: a Python bool is a 0-d mask
            mask0.append((len(out), builtins.bool(k)))
            out.append(None)
            continue
        if isinstance(k, (list, tuple)) or (
            hasattr(k, "__array__") and hasattr(k, "dtype") and getattr(k, "ndim", 0) > 0
        ):
            a = _numpy_key(k, shape[dim] if dim < ndim else 0)
            if a.dtype == mx.bool_:
                size = shape[dim : dim + a.ndim]
                if a.ndim > len(size) or builtins.any(
                    ks != xs for ks, xs in zip(a.shape, size, strict=True)
                ):
                    raise IndexError(
                        f"boolean index of shape {tuple(a.shape)} does not match the indexed shape {size}"
                    )
                masks = True
                out.append(a)
                dim += a.ndim
            else:
                out.append(a)
                dim += 1
            continue
        try:
            i = operator.index(k)  # Python int subclasses, NumPy integers, 0-d NumPy integer arrays
        except TypeError:
            raise IndexError(
                "only integers, slices (':'), ellipsis ('...'), None, and integer or boolean arrays are valid "
                f"indices, got {type(k).__name__}"
            ) from None
        if dim >= ndim:
            raise IndexError(f"too many indices for an array of dimension {ndim}")
        _bounds.check_int(i, shape[dim])
        out.append(i)
        dim += 1
    if dim > ndim:
        raise IndexError(f"too many indices: array is {ndim}-dimensional, but {dim} were indexed")
    before = out
    if masks:
        expanded: list[Any] = []
        for k in out:
            if isinstance(k, mx.array) and k.dtype == mx.bool_:
                if k.size == 0:
                    return _EMPTY + (tuple(out),)
                from ember_ml.backend.mlx._searching import nonzero

                expanded.extend(nonzero(k))
            else:
                expanded.append(k)
        out = expanded
    if mask0:
        np_key = list(before)
        for pos, flag in mask0:
            np_key[pos] = flag
        if masks or builtins.any(isinstance(k, mx.array) for k in out):
            # with another array index, a 0-d mask is an index array of its own (NumPy): it
            # joins their broadcast and can move the indexed axes to the front
            return ("gather", tuple(np_key))
        return ("mask0", tuple(out), builtins.all(f for _, f in mask0), tuple(np_key))
    return tuple(out)


def _flat_positions(shape: tuple[int, ...], key: tuple[Any, ...]) -> Any:
    """The flat positions (a NumPy array shaped as the selection) that NumPy's ``x[key]`` reads.

    For the rare keys MLX cannot express (a 0-d boolean beside other array indices); the
    key's arrays are read on the host.
    """
    import numpy

    host = tuple(numpy.asarray(k) if isinstance(k, mx.array) else k for k in key)
    return numpy.arange(math.prod(shape), dtype=numpy.int64).reshape(shape)[host]


def _empty_shape(shape: tuple[int, ...], key: tuple[Any, ...]) -> tuple[int, ...]:
    """Shape a key with an empty index selects (computed on a zero-cost stand-in)."""
    import numpy

    stand_in = numpy.broadcast_to(numpy.zeros((), numpy.int8), shape)
    np_key = tuple(numpy.asarray(k) if isinstance(k, mx.array) else k for k in key)
    return stand_in[np_key].shape


_ORIG_GET: list[
    Any
] = []  # MLX's own __getitem__, for shapes of normalised keys (lazy: no data read)


def make_getitem(orig: Any) -> Any:
    _ORIG_GET[:] = [orig]

    def __getitem__(self: mx.array, key: Any) -> mx.array:
        t = type(key)
        if t is int:
            if self.ndim == 0:
                raise IndexError("too many indices for a 0-d array")
            _bounds.check_int(key, self.shape[0])
            return orig(self, key)
        if t is slice:
            st = key.step
            if (
                (st is None or (type(st) is int and st != 0))
                and type(key.start) is not mx.array
                and type(key.stop) is not mx.array
            ):
                try:
                    return orig(
                        self, key
                    )  # MLX refuses bounds outside int32 cleanly: normalised below
                except (ValueError, TypeError, OverflowError, RuntimeError):
                    pass
        elif key is None or key is Ellipsis:
            return orig(self, key)
        elif t is mx.array and key.dtype in _INT_KINDS and self.ndim:
            return orig(self, _bounds.check_array(key, self.shape[0]))
        nk = normalize_key(self.shape, key)
        if nk and nk[0] == "empty":
            return mx.zeros(_empty_shape(self.shape, nk[1]), dtype=self.dtype)
        if nk and nk[0] == "mask0":
            _, rest, flag, np_key = nk
            shape = _empty_shape(self.shape, np_key)
            if not flag:
                return mx.zeros(shape, dtype=self.dtype)
            return orig(self, rest).reshape(shape)
        if nk and nk[0] == "gather":
            flat = _flat_positions(self.shape, nk[1])
            if flat.size == 0:
                return mx.zeros(flat.shape, dtype=self.dtype)
            return mx.take(self.reshape(-1), mx.array(flat))
        return orig(self, nk)

    return __getitem__


def _check_value(self: mx.array, value: Any) -> Any:
    """The value of a setitem as something MLX stores without changing the array's dtype."""
    if isinstance(value, mx.array):
        if value.dtype == mx.complex64 and self.dtype != mx.complex64:
            raise TypeError(f"cannot store complex values into an array of dtype {self.dtype}")
        return value
    if isinstance(value, _SCALARS):
        if isinstance(value, complex) and self.dtype != mx.complex64:
            raise TypeError(
                f"cannot store the complex value {value!r} into an array of dtype {self.dtype}"
            )
        return mx.array(value).astype(self.dtype)
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"cannot store {value!r} into an array")
    try:
        import numpy

        a = numpy.asarray(value)
    except (ValueError, TypeError) as err:
        raise TypeError(f"cannot store a {type(value).__name__} into an array: {err}") from None
    if a.dtype.kind not in "biufc":
        raise TypeError(f"cannot store values of dtype {a.dtype} into an array")
    if a.dtype.kind == "c" and self.dtype != mx.complex64:
        raise TypeError(f"cannot store complex values into an array of dtype {self.dtype}")
    return mx.array(a).astype(self.dtype)


def _value_shape(value: Any) -> tuple[int, ...]:
    return tuple(value.shape) if isinstance(value, mx.array) else ()


def _check_broadcast(vshape: tuple[int, ...], target: tuple[int, ...]) -> None:
    ok = len(vshape) <= len(target) or builtins.all(
        s == 1 for s in vshape[: len(vshape) - len(target)]
    )
    if ok:
        for a, b in zip(reversed(vshape), reversed(target), strict=False):
            if a != b and a != 1:
                ok = False
                break
    if not ok:
        raise ValueError(
            f"could not broadcast a value of shape {vshape} into a selection of shape {target}"
        )


def make_setitem(orig: Any) -> Any:
    def __setitem__(self: mx.array, key: Any, value: Any) -> None:
        t = type(value)
        if t is mx.array:
            if value.dtype != self.dtype:
                # MLX would turn the whole array into the value's dtype (x[...] = v): cast the value instead
                value = _check_value(self, value).astype(self.dtype)
        elif t is float:
            if self.dtype in _INT_OR_BOOL:
                value = mx.array(value).astype(self.dtype)  # MLX would make the array float
        elif t is not int or self.dtype == mx.bool_:
            value = _check_value(self, value)
        t = type(key)
        if key is None or key is Ellipsis or (t is slice and _safe_slice(key)):
            return orig(self, key, value)
        if t is mx.array and key.dtype in _INT_KINDS and self.size and key.size:
            return orig(self, _bounds.check_array(key, self.shape[0]), value)
        if t is int:
            if self.ndim == 0:
                raise IndexError("too many indices for a 0-d array")
            _bounds.check_int(key, self.shape[0])
            return orig(self, key, value)
        nk = normalize_key(self.shape, key)
        if nk and nk[0] == "empty":
            _check_broadcast(_value_shape(value), _empty_shape(self.shape, nk[1]))
            return None
        if nk and nk[0] == "gather":
            import numpy

            flat = _flat_positions(self.shape, nk[1])
            _check_broadcast(_value_shape(value), flat.shape)
            if flat.size == 0:
                return None
            where = tuple(mx.array(i) for i in numpy.unravel_index(flat, self.shape))
            v = mx.broadcast_to(value, flat.shape) if isinstance(value, mx.array) else value
            return orig(self, where, v)
        if nk and nk[0] == "mask0":
            _, rest, flag, np_key = nk
            shape = _empty_shape(self.shape, np_key)
            _check_broadcast(_value_shape(value), shape)
            if not flag:
                return None
            real = tuple(k for k in rest if k is not None) or (Ellipsis,)
            v = value
            if isinstance(v, mx.array):
                v = mx.broadcast_to(v, shape).reshape(self[real].shape)
            return orig(self, real, v)
        if builtins.any(isinstance(k, mx.array) for k in nk):
            # a scatter: one that updates nothing (an empty index, or an empty axis) traps in MLX
            # (SIGFPE); it sets nothing, but the value must still fit
            target = tuple(_ORIG_GET[0](self, nk).shape)  # graph only, nothing evaluated: no sync
            if 0 in target or self.size == 0:
                _check_broadcast(_value_shape(value), target)
                return None
        return orig(self, nk, value)

    return __setitem__
