"""The other samplers: bernoulli, randint, permutation, choice, categorical, gumbel,
exponential and laplace (the rejection samplers are in ``_rejection``).

All follow ``_samplers``: a key first, the key's library out, no host round trip.
Discrete samplers (bernoulli, randint, permutation, choice without ``p``) use integer
operations only and are bit-identical on every library. Continuous ones are computed in
float64 from the same words and rounded once to the output dtype; they agree to about
1 ulp (only the libraries' ``log``/``exp`` differ, by at most 1 ulp).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, ParamSpec, TypeGuard, TypeVar, overload

from ember_ml._checks import check_int
from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _device
from ember_ml._typing import Array, ArrayT, Chunks, Device, DType
from ember_ml.random._keys import Shape, check_key, check_shape, on_device
from ember_ml.random._samplers import (
    _float_bound,
    float_dtype,
    interleave,
    named_dtype,
)
from ember_ml.random._samplers import on_float64_stream as _wrap
from ember_ml.random._threefry import MASK32, counter_words, is_signed, shift_right

__all__ = [
    "bernoulli",
    "categorical",
    "choice",
    "exponential",
    "gumbel",
    "laplace",
    "permutation",
    "randint",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _on_float64_stream(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``_samplers.on_float64_stream``, re-wrapped here so doctest finds these samplers' examples."""
    wrapped = _wrap(function)

    def sampler(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        return wrapped(*args, **kwargs)

    functools.update_wrapper(sampler, function)
    return sampler  # the chance an element of a rejection sampler is never accepted


def _is_array(value: object) -> TypeGuard[Array]:
    return hasattr(value, "shape") and hasattr(value, "dtype")


def _unsigned64(xp: ModuleType, words: Any, signed: bool) -> Any:
    """32-bit words as their unsigned values in int64."""
    wide = xp.astype(words, xp.int64)
    return wide & MASK32 if signed else wide


def _open_unit64(xp: ModuleType, key: Any, n: int, precise: bool) -> Any:
    """``n`` float64 uniforms in the open interval (0, 1).

    ``(w + 1/2) 2**-32`` from one 32-bit word each, or, with ``precise``, from 53 bits of a
    counter's two words, ``(m + 1/2) 2**-53``.
    """
    signed = is_signed(xp, key)
    if precise:
        y0, y1 = counter_words(xp, key, 0, n)
        high = xp.astype(shift_right(xp, y0, 5, signed), xp.float64)
        low = xp.astype(shift_right(xp, y1, 6, signed), xp.float64)
        return (high * 67108864.0 + low + 0.5) * (2.0**-53)
    y0, y1 = counter_words(xp, key, 0, (n + 1) // 2)
    words = interleave(xp, y0, y1, n)
    if signed:
        # int32 words: flipping the sign bit gives w - 2**31.
        return (xp.astype(words ^ -(1 << 31), xp.float64) + 2147483648.5) * (2.0**-32)
    return (xp.astype(words, xp.float64) + 0.5) * (2.0**-32)


def _start(
    key: Any, shape: Shape | None, dtype: Any, device: Any
) -> tuple[ModuleType, Any, tuple[int, ...], Any]:
    xp = check_key(key)
    dims = check_shape(shape)
    dtype, name = float_dtype(xp, dtype)
    return xp, on_device(key, device), dims, (dtype, name)


@_on_float64_stream
def gumbel(
    key: ArrayT,
    /,
    shape: Shape = (),
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Standard Gumbel numbers, ``-log(-log(u))`` with ``u`` uniform in (0, 1) (default float32).

    >>> from ember_ml import random
    >>> import numpy as np
    >>> g = random.gumbel(random.key(0), (20000,))
    >>> abs(float(np.mean(g)) - 0.5772) < 0.03
    True
    """
    xp, key, dims, (dtype, name) = _start(key, shape, dtype, device)
    u = _open_unit64(xp, key, math.prod(dims), name == "float64")
    return xp.reshape(xp.astype(-xp.log(-xp.log(u)), dtype), dims)


@_on_float64_stream
def exponential(
    key: ArrayT,
    /,
    shape: Shape = (),
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Standard exponential numbers (rate 1), ``-log(u)`` with ``u`` uniform in (0, 1).

    >>> from ember_ml import random
    >>> import numpy as np
    >>> e = random.exponential(random.key(0), (20000,))
    >>> bool(np.all(e > 0)), abs(float(np.mean(e)) - 1.0) < 0.03
    (True, True)
    """
    xp, key, dims, (dtype, name) = _start(key, shape, dtype, device)
    u = _open_unit64(xp, key, math.prod(dims), name == "float64")
    return xp.reshape(xp.astype(-xp.log(u), dtype), dims)


@_on_float64_stream
def laplace(
    key: ArrayT,
    /,
    shape: Shape = (),
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Standard Laplace numbers (location 0, scale 1): ``-sign(v) log(1 - 2|v|)``, ``v = u - 1/2``.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> x = random.laplace(random.key(0), (20000,))
    >>> abs(float(np.mean(np.abs(x))) - 1.0) < 0.03
    True
    """
    xp, key, dims, (dtype, name) = _start(key, shape, dtype, device)
    v = _open_unit64(xp, key, math.prod(dims), name == "float64") - 0.5
    x = -xp.sign(v) * xp.log1p(-2.0 * xp.abs(v))
    return xp.reshape(xp.astype(x, dtype), dims)


@_on_float64_stream
def bernoulli(
    key: ArrayT,
    /,
    p: Array | float = 0.5,
    shape: Shape | None = None,
    *,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Booleans that are True with probability ``p``.

    ``p`` is a number in [0, 1] (``ValueError`` otherwise), or a floating array of the
    key's library (its values are not checked: that would read them back). ``shape``
    defaults to ``p``'s shape. For a number ``p``, an element is True when its 32-bit
    word is below ``round(p 2**32)``, so the probability is exact to 2**-33 and the
    result bit-identical on every library.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> b = random.bernoulli(random.key(0), 0.3, (10000,))
    >>> str(b.dtype), abs(float(np.mean(b)) - 0.3) < 0.02
    ('bool', True)
    """
    if _is_array(p):
        xp = array_namespace(key, p)
        check_key(key)
        dims = tuple(p.shape) if shape is None else check_shape(shape)
        key = on_device(key, device)
        signed = is_signed(xp, key)
        n = math.prod(dims)
        y0, y1 = counter_words(xp, key, 0, (n + 1) // 2)
        words = _unsigned64(xp, interleave(xp, y0, y1, n), signed)
        u = xp.reshape(xp.astype(words, xp.float64) * (2.0**-32), dims)
        return u < xp.astype(p, xp.float64)
    xp = check_key(key)
    value = _float_bound(p, "p")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p!r}")
    dims = check_shape(shape)
    key = on_device(key, device)
    n = math.prod(dims)
    threshold = round(value * 2.0**32)
    if threshold >= 1 << 32:
        return xp.ones(dims, dtype=xp.bool, device=_device(key))
    signed = is_signed(xp, key)
    y0, y1 = counter_words(xp, key, 0, (n + 1) // 2)
    words = interleave(xp, y0, y1, n)
    if signed:
        # Unsigned comparison on int32 words: flipping the sign bit maps w to w - 2**31.
        below = (words ^ -(1 << 31)) < threshold - (1 << 31)
    else:
        below = words < threshold
    return xp.reshape(below, dims)


def _int_dtype(xp: ModuleType, dtype: Any) -> tuple[Any, str]:
    if dtype is None:
        return xp.int32, "int32"
    found = named_dtype(
        xp, dtype, ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
    )
    if found is None:
        raise ValueError(f"dtype must be an integer dtype of the key's library, got {dtype!r}")
    return found


def _below_range(xp: ModuleType, key: Any, n: int, span: int) -> Any:
    """``n`` int64 values uniform on ``0 .. span-1`` (span <= 2**32): each is the 64-bit word pair
    of one counter taken modulo ``span`` (bias below 2**-32), in exact int64 arithmetic."""
    signed = is_signed(xp, key)
    y0, y1 = counter_words(xp, key, 0, n)
    high = _unsigned64(xp, y0, signed) % span
    low = _unsigned64(xp, y1, signed) % span
    step = (1 << 16) % span
    high = (high * step) % span
    high = (high * step) % span  # high * 2**32 mod span, in two steps that fit in int64
    return (high + low) % span


@_on_float64_stream
def randint(
    key: ArrayT,
    /,
    shape: Shape,
    low: int,
    high: int,
    *,
    dtype: DType | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Integers uniform on ``low .. high-1`` (default dtype int32), bit-identical on every library.

    ``low < high`` are Python ints that fit the dtype and ``high - low <= 2**32``.
    Each value is a counter's 64 random bits modulo ``high - low`` (bias below 2**-32).

    >>> from ember_ml import random
    >>> import numpy as np
    >>> r = random.randint(random.key(0), (1000,), 0, 6)
    >>> sorted(np.unique(np.asarray(r)).tolist())
    [0, 1, 2, 3, 4, 5]
    """
    xp = check_key(key)
    dims = check_shape(shape)
    low = check_int(low, "low")
    high = check_int(high, "high")
    dtype, name = _int_dtype(xp, dtype)
    if not low < high:
        raise ValueError(f"randint needs low < high, got low={low} and high={high}")
    info = xp.iinfo(dtype)
    if low < info.min or high - 1 > info.max:
        raise ValueError(f"low={low} and high={high} do not fit dtype {name}")
    if high - low > 1 << 32:
        raise ValueError(f"randint supports high - low <= 2**32, got {high - low}")
    key = on_device(key, device)
    values = _below_range(xp, key, math.prod(dims), high - low) + low
    return xp.reshape(xp.astype(values, dtype), dims)


def _sort_keys(xp: ModuleType, key: Any, n: int) -> Any:
    """63-bit int64 sort keys, one per counter (ties have probability about n**2 2**-64)."""
    signed = is_signed(xp, key)
    y0, y1 = counter_words(xp, key, 0, n)
    return _unsigned64(xp, y0, signed) * (1 << 31) + (_unsigned64(xp, y1, signed) >> 1)


@overload
def permutation(
    key: ArrayT,
    x: int,
    /,
    *,
    axis: int = 0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT: ...


@overload
def permutation(
    key: Array,
    x: ArrayT,
    /,
    *,
    axis: int = 0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT: ...


@_on_float64_stream
def permutation(
    key: Any,
    x: Any,
    /,
    *,
    axis: int = 0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> Any:
    """A random permutation of ``range(x)`` (int64) for an int ``x``, or a shuffled copy of array ``x`` along ``axis``.

    Sorts 63-bit random keys (stable argsort), so the permutation is bit-identical on
    every library. Never shuffles in place.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> p = random.permutation(random.key(0), 6)
    >>> sorted(np.asarray(p).tolist())
    [0, 1, 2, 3, 4, 5]
    >>> random.permutation(random.key(0), np.arange(6.0)).tolist() == np.asarray(p, dtype=float).tolist()
    True
    """
    if _is_array(x):
        xp = array_namespace(key, x)
        check_key(key)
        if x.ndim == 0:
            raise ValueError("permutation needs an int or an array with at least one axis")
        if not -x.ndim <= axis < x.ndim:
            raise ValueError(f"axis {axis} is out of range for an array of {x.ndim} axes")
        key = on_device(key, device if device is not None else _device(x))
        order = xp.argsort(_sort_keys(xp, key, x.shape[axis]), stable=True)
        return xp.take(x, order, axis=axis)
    xp = check_key(key)
    n = check_int(x, "x")
    if n < 0:
        raise ValueError(f"permutation of a negative count {n}")
    key = on_device(key, device)
    return xp.astype(xp.argsort(_sort_keys(xp, key, n), stable=True), xp.int64)


@overload
def choice(
    key: ArrayT,
    a: int,
    /,
    shape: Shape = (),
    *,
    replace: bool = True,
    p: Array | Sequence[float] | None = None,
    axis: int = 0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT: ...


@overload
def choice(
    key: Array,
    a: ArrayT,
    /,
    shape: Shape = (),
    *,
    replace: bool = True,
    p: Array | Sequence[float] | None = None,
    axis: int = 0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT: ...


@_on_float64_stream
def choice(
    key: Any,
    a: Any,
    /,
    shape: Shape = (),
    *,
    replace: bool = True,
    p: Any = None,
    axis: int = 0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> Any:
    """Random picks from ``range(a)`` (int64) or from array ``a`` along ``axis``.

    With replacement and no ``p``: ``randint`` indices. Without replacement: the first
    picks of ``permutation``. With ``p`` (an array of ``a``'s length, or a list): with
    replacement, inverse-CDF lookup (``searchsorted`` on the cumulative sum, in float64);
    without, the Gumbel-top-k trick. A list ``p`` is checked (non-negative, sums to 1);
    an array ``p`` is not (that would read it back).

    >>> from ember_ml import random
    >>> import numpy as np
    >>> c = random.choice(random.key(0), 5, (3,), replace=False)
    >>> len(set(np.asarray(c).tolist())), random.choice(random.key(1), 5, (2, 2)).shape
    (3, (2, 2))
    """
    arrays = [v for v in (a, p) if _is_array(v)]
    xp = array_namespace(key, *arrays)
    check_key(key)
    dims = check_shape(shape)
    if _is_array(a):
        if a.ndim == 0:
            raise ValueError("choice needs an int or an array with at least one axis")
        if not -a.ndim <= axis < a.ndim:
            raise ValueError(f"axis {axis} is out of range for an array of {a.ndim} axes")
        n = a.shape[axis]
    else:
        n = check_int(a, "a")
        if n < 0:
            raise ValueError(f"choice from a negative count {n}")
    k = math.prod(dims)
    if k and n == 0:
        raise ValueError("cannot choose from an empty population")
    if not replace and k > n:
        raise ValueError(f"cannot take {k} picks without replacement from {n}")
    key = on_device(key, device if device is not None or not _is_array(a) else _device(a))
    if p is not None and not _is_array(p):
        values = [float(v) for v in p]
        if len(values) != n or any(not v >= 0.0 for v in values) or abs(sum(values) - 1.0) > 1e-6:
            raise ValueError(f"p must hold {n} non-negative probabilities that sum to 1, got {p!r}")
        p = xp.asarray(values, dtype=xp.float64, device=_device(key))
    if p is not None and tuple(p.shape) != (n,):
        raise ValueError(f"p must have shape ({n},), got {tuple(p.shape)}")
    if p is None:
        if replace:
            index = (
                _below_range(xp, key, k, n)
                if n
                else xp.zeros((0,), dtype=xp.int64, device=_device(key))
            )
        else:
            index = xp.argsort(_sort_keys(xp, key, n), stable=True)[:k]
    else:
        weights = xp.astype(p, xp.float64)
        if replace:
            cdf = xp.cumulative_sum(weights)
            u = _open_unit64(xp, key, k, True) * cdf[-1]
            index = xp.clip(xp.searchsorted(cdf, u, side="right"), 0, n - 1)
            index = xp.astype(index, xp.int64)
        else:
            scores = xp.log(weights) - xp.log(-xp.log(_open_unit64(xp, key, n, True)))
            index = xp.argsort(-scores, stable=True)[:k]
    if not _is_array(a):
        return xp.reshape(xp.astype(index, xp.int64), dims)
    picked = xp.take(a, xp.reshape(index, (-1,)), axis=axis)
    axis = axis % a.ndim
    new_shape = tuple(a.shape[:axis]) + dims + tuple(a.shape[axis + 1 :])
    return xp.reshape(picked, new_shape)


@_on_float64_stream
def categorical(
    key: ArrayT,
    logits: Array,
    /,
    *,
    axis: int = -1,
    shape: Shape | None = None,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Category indices (int64) drawn with probabilities ``softmax(logits)`` along ``axis``.

    The Gumbel-max trick: ``argmax(logits + gumbel noise)``. ``shape`` defaults to the
    batch shape (``logits``'s shape without ``axis``) and must end with it.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> c = random.categorical(random.key(0), np.log(np.asarray([0.2, 0.8])), shape=(5000,))
    >>> abs(float(np.mean(c)) - 0.8) < 0.03
    True
    """
    xp = array_namespace(key, logits)
    check_key(key)
    if logits.ndim == 0:
        raise ValueError("categorical needs logits with at least one axis")
    if not -logits.ndim <= axis < logits.ndim:
        raise ValueError(f"axis {axis} is out of range for logits of {logits.ndim} axes")
    moved = xp.moveaxis(logits, axis, -1)
    batch = tuple(moved.shape[:-1])
    dims = batch if shape is None else check_shape(shape)
    if dims[len(dims) - len(batch) :] != batch:
        raise ValueError(f"shape {dims} must end with the batch shape {batch} of the logits")
    count = moved.shape[-1]
    key = on_device(key, device if device is not None else _device(logits))
    noise = gumbel(key, dims + (count,), dtype=xp.float64)
    scores = xp.astype(moved, xp.float64) + noise
    return xp.astype(xp.argmax(scores, axis=-1), xp.int64)
