"""Bounds checks before MLX sees an index, a size or an axis (MLX aborts or segfaults past them).

MLX gap (mlx 0.32.4): out-of-range indices are read out of bounds (garbage, or a crash),
shape entries are int32 (a larger Python int is an ``OverflowError`` at best and a C++
``terminate``, SIGABRT, at worst: ``fft.fftn`` with ``s=(2**40,)``), and an allocation
larger than the machine's memory segfaults on evaluation instead of raising.

Indices (policy in docs/mlx.md):

* eager arrays: the indices are read on the host once; an out-of-range index raises
  ``IndexError``; negative in-range indices work.
* inside ``mx.compile`` / ``mx.vmap`` (where ``.item()`` is not allowed) the check
  cannot raise on data, so indices are wrapped (negative) and clamped into
  range instead: no crash, no sync, shapes stay static. Statically impossible
  cases (an empty axis) still raise ``IndexError`` at trace time.
* ``index_checks(False)`` (a context manager, also usable as a plain call that
  sets the process-wide default) turns both off for hot loops whose indices are
  known to be valid.

Sizes: every function of the namespace that takes a size passes it through here:

* :func:`size` -- one count (``n``, a repeat count, a shape entry): an integer
  (``TypeError`` otherwise), ``>= 0`` (``ValueError``), ``<= 2**31 - 1``
  (``ValueError`` naming the number);
* :func:`shape` -- a shape (int or sequence of counts), optionally with one
  ``-1`` (``reshape``), and with a total byte size the machine can hold
  (``MemoryError`` naming the size), checked in Python: no MLX call, no sync;
* :func:`axes` -- axis numbers checked against ``ndim`` (``ValueError`` /
  ``IndexError`` naming the axis) *before* anything is built from them.
"""

from __future__ import annotations

import math
import operator
import os
from typing import Any

import mlx.core as mx
import numpy

from ember_ml.backend.mlx._dtypes import _INTEGRAL_C as _INTEGER_C
from ember_ml.backend.mlx._dtypes import _UNSIGNED, _UNSIGNED_C, _code

# --- indices -----------------------------------------------------------------------------
_state = [True]

_SMALL = 64  # indices read as a Python list up to this many


class index_checks:
    """Turn the bounds check of index arguments on or off.

    ``index_checks(False)`` switches it off for the process at once;
    ``with index_checks(False): ...`` switches it off for the block and restores
    the previous state on exit. ``index_checks.enabled()`` tells the state.
    The switch is process-wide (not per thread).
    """

    def __init__(self, enabled: bool = True) -> None:
        self._previous = _state[0]
        _state[0] = bool(enabled)

    def __enter__(self) -> index_checks:
        return self

    def __exit__(self, *exc: Any) -> None:
        _state[0] = self._previous

    @staticmethod
    def enabled() -> bool:
        return _state[0]


def _checks_on() -> bool:
    return _state[0]


def _is_tracing_error(err: BaseException) -> bool:
    return "function transformations" in str(err) or "compile" in str(err)


def check_int(index: int, size: int, what: str = "index") -> int:
    """Check and normalise a Python int index against an axis of length ``size``."""
    if not -size <= index < size:
        raise IndexError(f"{what} {index} is out of bounds for axis of size {size}")
    return index


def check_array(indices: mx.array, size: int, what: str = "index") -> mx.array:
    """Return ``indices`` (an integer mx.array) after checking it against ``size``.

    Eager: raise ``IndexError`` on any out-of-range value. The indices are read
    on the host (a short 1-d array as a Python list, anything else through the
    buffer protocol: one evaluation of their graph if they are lazy, none if they
    are already evaluated) and their range is taken there: no MLX reduction, no
    extra device round trip.
    Traced (inside mx.compile / vmap): wrap negatives and clamp, never raise on data.
    """
    if not _state[0]:
        return indices
    c = _code(indices.dtype)
    if c in _INTEGER_C and indices.ndim == 1 and indices.size <= _SMALL:
        # the common case, kept lean: a short 1-d integer array, read as a Python list and
        # sorted (sorting ten ints costs less than min() plus max())
        try:
            host: Any = indices.tolist()
        except ValueError as err:  # inside mx.compile / vmap: no data-dependent raise possible
            if not _is_tracing_error(err):
                raise
            if indices.size == 0:
                return indices
            if size == 0:
                raise IndexError(f"{what} out of bounds: cannot index an axis of size 0") from None
            return _clamp(indices, size)
        if host:
            host.sort()
            if host[0] < -size or host[-1] >= size:
                if size == 0:
                    raise IndexError(f"{what} out of bounds: cannot index an axis of size 0")
                _raise_out_of_bounds(what, size, host[0], host[-1])
        return indices
    if indices.size == 0:
        return indices
    if size == 0:
        raise IndexError(f"{what} out of bounds: cannot index an axis of size 0")
    if c in _INTEGER_C:
        try:
            host = numpy.asarray(indices)  # a zero-copy view of the evaluated buffer
            lo, hi = host.min(), host.max()
        except ValueError as err:  # inside mx.compile / vmap: no data-dependent raise possible
            if not _is_tracing_error(err):
                raise
            return _clamp(indices, size)
        if lo < -size or hi >= size:
            _raise_out_of_bounds(what, size, int(lo), int(hi))
        return indices
    # not an integer array: MLX reports the dtype itself; only the range is checked here
    if c in _UNSIGNED_C:
        bad = mx.any(indices >= size)
    else:
        bad = mx.any((indices < -size) | (indices >= size))
    try:
        is_bad = bad.item()
    except ValueError as err:
        if not _is_tracing_error(err):
            raise
        return _clamp(indices, size)
    if is_bad:
        _raise_out_of_bounds(what, size, mx.min(indices).item(), mx.max(indices).item())
    return indices


def _clamp(indices: mx.array, size: int) -> mx.array:
    """Inside a trace: negative indices wrapped, the rest clamped into range (no crash, no sync)."""
    if indices.dtype not in _UNSIGNED:
        indices = mx.where(indices < 0, indices + size, indices)
    return mx.clip(indices, 0, size - 1)


def _raise_out_of_bounds(what: str, size: int, lo: Any, hi: Any) -> None:
    raise IndexError(
        f"{what} out of bounds for axis of size {size} (got values in [{lo}, {hi}]); "
        "valid indices are in [-size, size)"
    )


# --- axes of the namespace's functions (IndexError, as NumPy) -----------------------------
def _norm_axis(axis: int, ndim: int) -> int:
    if not -ndim <= axis < ndim:
        raise IndexError(f"axis {axis} is out of bounds for an array of dimension {ndim}")
    return axis % ndim


def _optional_axis(x: mx.array, axis: int | None, what: str) -> tuple[mx.array, int]:
    """``x`` (a 0-d one as 1-d) and its normalized axis; ``axis=None`` is allowed for 1-d only."""
    if axis is None:
        if x.ndim > 1:
            raise ValueError(f"{what}: axis is required for arrays with more than one dimension")
        axis = 0
    if x.ndim == 0:
        x = x.reshape(1)
    return x, _norm_axis(axis, x.ndim)


# --- sizes -------------------------------------------------------------------------------
INT32_MAX = 2**31 - 1


def _memory_limit() -> int:
    """Physical memory, or the process's address-space limit (``RLIMIT_AS``) when that is lower."""
    try:
        limit = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - non-POSIX
        limit = 2**40
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if 0 < soft != resource.RLIM_INFINITY:
            limit = min(limit, soft // 2)  # half: the process already holds its libraries
    except (ImportError, ValueError, OSError):  # pragma: no cover - non-POSIX
        pass
    return limit


MEMORY_LIMIT = _memory_limit()


def fits(s: Any, itemsize: int = 0, lowest: int = 0) -> bool:
    """Fast yes for an ordinary shape (a tuple of ints in ``[lowest, 2**31 - 1]`` whose bytes fit).

    A few hundred nanoseconds; ``False`` only means "run :func:`shape` for the exact error".
    """
    if type(s) is not tuple:
        return False
    n = 1
    for v in s:  # a plain loop: cheaper than prod/min/max on the 1-4 entries of a usual shape
        if type(v) is not int or v < lowest or v > INT32_MAX:
            return False
        n *= v
    return n * itemsize <= MEMORY_LIMIT


def integer(v: Any, what: str) -> int:
    """``v`` as a Python int (bools and non-integers raise ``TypeError``)."""
    if isinstance(v, bool):
        raise TypeError(f"{what} must be an integer, not a bool")
    try:
        return operator.index(v)
    except TypeError:
        raise TypeError(f"{what} must be an integer, got {type(v).__name__} {v!r}") from None


def size(v: Any, what: str, *, allow_negative: bool = False) -> int:
    """A count inside MLX's int32 range (and non-negative unless ``allow_negative``)."""
    n = integer(v, what)
    if n < 0 and not allow_negative:
        raise ValueError(f"{what} must be non-negative, got {n}")
    if not -INT32_MAX - 1 <= n <= INT32_MAX:
        raise ValueError(f"{what} = {n} is outside MLX's 32-bit range [-2**31, 2**31 - 1]")
    return n


def nbytes_ok(count: int, itemsize: int, what: str) -> None:
    """``MemoryError`` when ``count`` elements of ``itemsize`` bytes cannot fit in this machine's memory."""
    if count * itemsize > MEMORY_LIMIT:
        raise MemoryError(
            f"{what}: {count} elements of {itemsize} bytes ({count * itemsize} bytes) exceed this machine's "
            f"memory ({MEMORY_LIMIT} bytes)"
        )


def shape(s: Any, what: str, *, itemsize: int = 0, allow_infer: bool = False) -> tuple[int, ...]:
    """A shape as a tuple of checked counts (one ``-1`` allowed when ``allow_infer``)."""
    entries = (s,) if not isinstance(s, (tuple, list)) and hasattr(s, "__index__") else s
    try:
        entries = tuple(entries)
    except TypeError:
        raise TypeError(
            f"{what}: a shape must be an integer or a sequence of integers, got {s!r}"
        ) from None
    out = tuple(size(v, f"{what}: shape entry", allow_negative=allow_infer) for v in entries)
    if allow_infer:
        bad = [v for v in out if v < -1]
        if bad:
            raise ValueError(
                f"{what}: shape entry {bad[0]} is negative (only one -1 may be inferred)"
            )
        if out.count(-1) > 1:
            raise ValueError(f"{what}: only one shape entry can be -1, got {out}")
    if itemsize:
        nbytes_ok(math.prod(v for v in out if v >= 0), itemsize, what)
    return out


def axis(a: Any, ndim: int, what: str) -> int:
    """One axis number in ``[-ndim, ndim)``, normalised (``ValueError`` otherwise)."""
    a = integer(a, f"{what}: axis")
    if not -ndim <= a < ndim:
        raise ValueError(f"{what}: axis {a} is out of bounds for an array of dimension {ndim}")
    return a % ndim if ndim else a


def axes(seq: Any, ndim: int, what: str, *, unique: bool = True) -> list[int]:
    """Axis numbers checked against ``ndim`` and normalised; repeated ones raise when ``unique``."""
    if hasattr(seq, "__index__") and not isinstance(seq, (tuple, list)):
        seq = (seq,)
    try:
        seq = tuple(seq)
    except TypeError:
        raise TypeError(
            f"{what}: axes must be an integer or a sequence of integers, got {seq!r}"
        ) from None
    if len(seq) > max(ndim, 0) and unique:
        raise ValueError(f"{what}: {len(seq)} axes given for an array of dimension {ndim}")
    out = [axis(a, ndim, what) for a in seq]
    if unique and len(set(out)) != len(out):
        raise ValueError(f"{what}: repeated axis in {seq}")
    return out
