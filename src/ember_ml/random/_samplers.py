"""Samplers over Threefry-2x32 words: the same numbers on every library.

Every sampler takes a key first (jax.random's argument order), returns an array of the
key's library on the key's device (or ``device=``), and never reads a value back to the
host, so it works inside ``mx.compile`` and ``torch.compile`` for static shapes.

How words become numbers (the same integer and IEEE operations on every library):

* A draw of ``n`` values reads counters ``0 .. ceil(n/2)-1``; each counter's two words
  are used in order (word ``2i`` and ``2i+1`` come from counter ``i``), so a longer draw
  starts with the numbers of a shorter one.
* float32 uniforms are ``(w >> 8) * 2**-24`` (24 random bits, every multiple of 2**-24 in
  [0, 1)); float16 uses 11 bits; float64 uses 53 bits from both words of one counter.
  These conversions are exact, so uniforms are bit-identical everywhere.
* normals use the Box–Muller transform on the two words of a counter, computed in float64
  and rounded once to the output dtype, so libraries agree to within 1 ulp.
"""

from __future__ import annotations

import functools
import math
import numbers
import struct
from collections.abc import Callable
from types import ModuleType
from typing import Any, ParamSpec, TypeVar

from ember_ml._hooks import fast_path
from ember_ml._namespace import array_namespace
from ember_ml._namespace import device as _dev
from ember_ml._typing import ArrayT, Chunks, Device, DType
from ember_ml.random._keys import Shape, check_key, check_shape, on_device
from ember_ml.random._threefry import counter_words, is_signed, shift_right

__all__ = ["normal", "uniform"]

_FLOAT_NAMES = ("float16", "float32", "float64")

_P = ParamSpec("_P")
_R = TypeVar("_R")


def on_float64_stream(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a sampler inside its backend's ``float64_scope()`` when it has one; take ``chunks=``.

    Samplers compute in float64; MLX has no float64 on the GPU, so its scope moves the
    sampler's operations to the CPU stream there (MLX arrays live in unified memory).
    Every sampler also takes Dask's ``chunks=`` keyword (for a Dask key; see ``_chunked``).
    """

    @functools.wraps(function)
    def sampler(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        chunks = kwargs.pop("chunks", None)
        key = args[0] if args else None  # every sampler takes its key first, positionally
        scope = None
        if hasattr(key, "shape"):
            scope = fast_path(array_namespace(key), "random", "float64_scope")
        if scope is None:
            out = function(*args, **kwargs)
        else:
            with scope():
                out = function(*args, **kwargs)
        return out if chunks is None else _chunked(out, chunks)

    return sampler


def _chunked(out: Any, chunks: Any) -> Any:
    """A sampler's Dask result in ``chunks`` (Dask's forms): the numbers do not depend on them.

    The words are made in chunks of Dask's ``array.chunk-size`` and regrouped. Any other
    library's result is a ``TypeError``.
    """
    if not hasattr(out, "rechunk"):
        raise TypeError(
            "chunks= is for Dask arrays: this key gives "
            f"{type(out).__module__.partition('.')[0]} arrays (make the key under "
            'use_backend("dask") or pass a Dask key)'
        )
    return out.rechunk(chunks)


_BITS = {"float16": 11, "float32": 24}


def float_dtype(xp: ModuleType, dtype: Any) -> tuple[Any, str]:
    """The floating dtype of ``xp`` that ``dtype`` names (None: float32), and its name."""
    if dtype is None:
        return xp.float32, "float32"
    found = named_dtype(xp, dtype, _FLOAT_NAMES)
    if found is None:
        raise ValueError(
            f"dtype must be a real floating dtype ({', '.join(_FLOAT_NAMES)}) of the key's library, got {dtype!r}"
        )
    return found


def named_dtype(xp: ModuleType, dtype: Any, names: tuple[str, ...]) -> tuple[Any, str] | None:
    """The dtype of ``xp`` among ``names`` that ``dtype`` is (or names), and its name; None if none."""
    for name in names:
        candidate = getattr(xp, name, None)
        if candidate is not None and (dtype == name or _same_dtype(dtype, candidate)):
            return candidate, name
    return None


def _same_dtype(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def _float_bound(value: Any, what: str) -> float:
    """A finite Python number (NumPy scalars too); arrays are refused, as reading them would sync."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{what} must be a real Python number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{what} must be finite, got {value!r}")
    return result


def _below(value: float, name: str) -> float:
    """The largest ``name``-dtype number below ``value`` (as a Python float)."""
    if name == "float64":
        return math.nextafter(value, -math.inf)
    fmt, int_fmt = ("<f", "<i") if name == "float32" else ("<e", "<h")
    rounded = struct.unpack(fmt, struct.pack(fmt, value))[0]
    bits = struct.unpack(int_fmt, struct.pack(fmt, rounded))[0]
    if rounded == 0.0:
        bits = -(1 << (31 if name == "float32" else 15)) + 1  # the negative number nearest zero
        return struct.unpack(fmt, struct.pack(int_fmt, bits))[0]
    bits = bits - 1 if rounded > 0 else bits + 1
    return struct.unpack(fmt, struct.pack(int_fmt, bits))[0]


def interleave(xp: ModuleType, y0: Any, y1: Any, n: int) -> Any:
    """Words ``y0[0], y1[0], y0[1], y1[1], ...``, the first ``n`` of them."""
    words = xp.reshape(xp.stack([y0, y1], axis=-1), (-1,))
    if words.shape[0] != n:
        words = words[:n]
    return words


def words_to_unit(xp: ModuleType, key: Any, n: int, dtype: Any, name: str, start: int = 0) -> Any:
    """``n`` uniform numbers in [0, 1) of dtype ``name`` from counters from ``start`` on (flat).

    float64 takes one counter per number, the others one word per number.
    """
    signed = is_signed(xp, key)
    if name == "float64":
        y0, y1 = counter_words(xp, key, start, n)
        high = xp.astype(shift_right(xp, y0, 5, signed), xp.float64)
        low = xp.astype(shift_right(xp, y1, 6, signed), xp.float64)
        return (high * 67108864.0 + low) * (2.0**-53)
    y0, y1 = counter_words(xp, key, start, (n + 1) // 2)
    bits = _BITS[name]
    words = interleave(xp, y0, y1, n)
    unit = xp.astype(shift_right(xp, words, 32 - bits, signed), xp.float32) * (2.0**-bits)
    return unit if name == "float32" else xp.astype(unit, dtype)


def by_blocks(
    xp: ModuleType, key: Any, counters: int, per_counter: int, dtype: Any, block: Any
) -> Any:
    """``block(start, m)`` (the values of counters ``start .. start+m-1``, ``per_counter`` each)
    for all ``counters``, computed in cache-sized blocks where the backend asks for it.

    A backend's ``block_size(key)`` fast path (NumPy; torch on the CPU outside compilation)
    gives the block length; the values do not depend on it, since each counter's values
    are a function of that counter alone.
    """
    size_of_block = fast_path(xp, "random", "block_size")
    length = None if size_of_block is None else size_of_block(key)
    if length is None or counters <= length:
        return block(0, counters)
    out = xp.empty((counters * per_counter,), dtype=dtype, device=_dev(key))
    for begin in range(0, counters, length):
        m = min(length, counters - begin)
        out[begin * per_counter : (begin + m) * per_counter] = block(begin, m)  # noqa: EM501 - NumPy/torch-CPU blocks only (the fast path chooses)
    return out


def _first(xp: ModuleType, values: Any, n: int) -> Any:
    return values if values.shape[0] == n else values[:n]


@on_float64_stream
def uniform(
    key: ArrayT,
    /,
    shape: Shape = (),
    *,
    dtype: DType | None = None,
    low: float = 0.0,
    high: float = 1.0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Uniform numbers in ``[low, high)`` of the given shape and floating dtype (default float32).

    The numbers are ``low + (high - low) * u`` with ``u`` a multiple of 2**-24 (float32),
    2**-11 (float16) or 2**-53 (float64) in [0, 1), computed in ``dtype`` and kept below
    ``high``; they are bit-identical on NumPy, torch, MLX and any standard library.
    ``low`` and ``high`` are finite Python numbers with ``low < high``.

    >>> from ember_ml import random
    >>> import numpy as np
    >>> u = random.uniform(random.key(0), (1000,), low=-1.0, high=1.0)
    >>> u.dtype, bool(np.all(u >= -1.0)) and bool(np.all(u < 1.0))
    (dtype('float32'), True)
    """
    xp = check_key(key)
    dims = check_shape(shape)
    dtype, name = float_dtype(xp, dtype)
    low = _float_bound(low, "low")
    high = _float_bound(high, "high")
    if not low < high:
        raise ValueError(f"uniform needs low < high, got low={low} and high={high}")
    key = on_device(key, device)
    n = math.prod(dims)
    per_counter = 1 if name == "float64" else 2
    shifted = (low, high) != (0.0, 1.0)
    if shifted:
        span = xp.asarray(high - low, dtype=dtype, device=_dev(key))
        start = xp.asarray(low, dtype=dtype, device=_dev(key))
        top = _below(high, name)

    def block(begin: int, m: int) -> Any:
        values = words_to_unit(xp, key, m * per_counter, dtype, name, begin)
        if shifted:
            values = xp.clip(values * span + start, low, top)
        return values

    values = by_blocks(xp, key, -(-n // per_counter), per_counter, dtype, block)
    return xp.reshape(_first(xp, values, n), dims)


# Taylor coefficients of sin and cos on [0, pi/4]. The long forms leave out terms below
# 1e-17 (float64 results); the short forms terms below 1e-11 (float32 and float16 results,
# which are rounded from float64 and need about 1e-9).
_SIN = tuple((-1) ** k / math.factorial(2 * k + 1) for k in range(9))
_COS = tuple((-1) ** k / math.factorial(2 * k) for k in range(10))
_SIN_SHORT = _SIN[:6]
_COS_SHORT = _COS[:7]


def _horner(x2: Any, coefficients: tuple[float, ...]) -> Any:
    result = coefficients[-1]
    for c in reversed(coefficients[:-1]):
        result = result * x2 + c
    return result


def unit_circle(xp: ModuleType, words: Any, signed: bool, precise: bool = True) -> tuple[Any, Any]:
    """cos and sin (float64) of the angle ``2 pi w 2**-32`` for 32-bit words ``w``.

    The top three bits pick the octant ``o`` (an exact range reduction); the other 29 give
    the angle ``x`` in [0, pi/4] from the octant's even edge (reflected in odd octants,
    exactly, in integers). sin x and cos x are Taylor polynomials (+ and * only, so every
    library rounds them identically; library sin/cos differ, and MLX's float64 ones are
    only float32-accurate); the octant then swaps them and sets signs, which is exact.
    """
    octant = shift_right(xp, words, 29, signed)
    fraction = words & 0x1FFFFFFF
    odd = octant & 1
    # Odd octants measure from the far edge: 2**29 - f == (f ^ (2**29 - 1)) + 1.
    fraction = (fraction ^ (odd * 0x1FFFFFFF)) + odd
    x = xp.astype(fraction, xp.float64) * (math.pi / 4 * 2.0**-29)
    x2 = x * x
    sin_x = x * _horner(x2, _SIN if precise else _SIN_SHORT)
    cos_x = _horner(x2, _COS if precise else _COS_SHORT)
    # Octants 1, 2, 5, 6 swap sin and cos; cos is negated in 3, 4, 5, 2 and sin in 4 .. 7.
    half = octant >> 1
    swap = ((odd ^ half) & 1) == 1
    cos_sign = 1.0 - 2.0 * xp.astype((half ^ (octant >> 2)) & 1, xp.float64)
    sin_sign = 1.0 - 2.0 * xp.astype(octant >> 2, xp.float64)
    return cos_sign * xp.where(swap, sin_x, cos_x), sin_sign * xp.where(swap, cos_x, sin_x)


def standard_normal_pairs(
    xp: ModuleType, key: Any, m: int, start: int = 0, precise: bool = True
) -> tuple[Any, Any]:
    """Box–Muller on counters ``start .. start+m-1``: two float64 arrays of independent N(0, 1) numbers.

    For each counter's words (a, b): ``r = sqrt(-2 log((a + 1) 2**-32))``,
    ``t = 2 pi b 2**-32``; the normals are ``r cos t`` and ``r sin t`` (cos and sin as in
    ``unit_circle``; only ``log`` is the library's own, which agrees to 1 ulp).
    ``precise=False`` uses the shorter polynomials, enough for float32 results.
    """
    signed = is_signed(xp, key)
    y0, y1 = counter_words(xp, key, start, m)
    if signed:
        # int32 words: flipping the sign bit gives w - 2**31, so a + 1 = that + (2**31 + 1).
        a1 = xp.astype(y0 ^ -(1 << 31), xp.float64) + 2147483649.0
    else:
        a1 = xp.astype(y0, xp.float64) + 1.0
    radius = xp.sqrt(xp.log(a1 * (2.0**-32)) * -2.0)
    cos_t, sin_t = unit_circle(xp, y1, signed, precise)
    return radius * cos_t, radius * sin_t


@on_float64_stream
def normal(
    key: ArrayT,
    /,
    shape: Shape = (),
    *,
    dtype: DType | None = None,
    loc: float = 0.0,
    scale: float = 1.0,
    device: Device | None = None,
    chunks: Chunks | None = None,
) -> ArrayT:
    """Normal numbers with mean ``loc`` and standard deviation ``scale`` (default dtype float32).

    Box–Muller on Threefry words, computed in float64 and rounded once to ``dtype``:
    libraries agree to within 1 ulp (in practice exactly). The 32-bit uniforms bound
    ``|z|`` below 6.66 standard deviations (a tail of probability 3e-11).

    >>> from ember_ml import random
    >>> import numpy as np
    >>> z = random.normal(random.key(0), (10000,))
    >>> z.dtype, abs(float(np.mean(z))) < 0.05, abs(float(np.std(z)) - 1.0) < 0.05
    (dtype('float32'), True, True)
    """
    xp = check_key(key)
    dims = check_shape(shape)
    dtype, name = float_dtype(xp, dtype)
    precise = name == "float64"
    loc = _float_bound(loc, "loc")
    scale = _float_bound(scale, "scale")
    if scale < 0.0:
        raise ValueError(f"scale must be non-negative, got {scale}")
    key = on_device(key, device)
    n = math.prod(dims)
    shifted = (loc, scale) != (0.0, 1.0)

    def block(begin: int, m: int) -> Any:
        z0, z1 = standard_normal_pairs(xp, key, m, begin, precise)
        z = interleave(xp, z0, z1, 2 * m)
        if shifted:
            z = z * scale + loc
        return xp.astype(z, dtype)

    values = by_blocks(xp, key, (n + 1) // 2, 2, dtype, block)
    return xp.reshape(_first(xp, values, n), dims)
