"""One validator for size arguments (shapes, counts, ``n``/``s``/``axes``) before MLX sees them.

MLX stores shape entries as 32-bit ints: a larger Python int is an
``OverflowError`` at best and a C++ ``terminate`` (SIGABRT) at worst (``fft.fftn``
with ``s=(2**40,)``); an allocation larger than the machine's memory segfaults
on evaluation instead of raising. Every function of the namespace that takes a
size passes it through here:

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
