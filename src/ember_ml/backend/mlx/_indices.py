"""Bounds checks for index arguments (MLX aborts or segfaults on out-of-range indices).

Policy (see docs/mlx.md):

* eager arrays: one reduction and one ``.item()`` sync per index argument; an
  out-of-range index raises ``IndexError``; negative in-range indices work.
* inside ``mx.compile`` / ``mx.vmap`` (where ``.item()`` is not allowed) the check
  cannot raise on data, so indices are wrapped (negative) and clamped into
  range instead: no crash, no sync, shapes stay static. Statically impossible
  cases (an empty axis) still raise ``IndexError`` at trace time.
* ``index_checks(False)`` (a context manager, also usable as a plain call that
  sets the process-wide default) turns both off for hot loops whose indices are
  known to be valid.
"""

from __future__ import annotations

from typing import Any

import mlx.core as mx
import numpy

_state = [True]

_UNSIGNED = frozenset((mx.uint8, mx.uint16, mx.uint32, mx.uint64))
_SMALL = 64  # indices read as a Python list up to this many
_INTEGER = _UNSIGNED | {mx.int8, mx.int16, mx.int32, mx.int64}
# dtype membership by MLX's own hash (a distinct small int per dtype; see _aliases._code):
# the patched Python-level ``Dtype.__eq__`` would cost ~0.2 us per hit
_ALL = (*_INTEGER, mx.bool_, mx.float16, mx.bfloat16, mx.float32, mx.float64, mx.complex64)
_code: Any = hash if len({hash(d) for d in _ALL}) == len(_ALL) else (lambda d: d)
_INTEGER_C = frozenset(map(_code, _INTEGER))
_UNSIGNED_C = frozenset(map(_code, _UNSIGNED))


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
            host = indices.tolist()
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
