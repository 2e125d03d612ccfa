"""Data type functions shared by the backends that need them: the standard's ``finfo`` /
``iinfo`` result objects, and ``can_cast`` by the standard's promotion rules.

The standard asks for Python ``int``/``float`` attributes and the namespace's own
dtype object in ``.dtype``; NumPy's ``finfo`` answers NumPy scalars and torch's
answers the dtype's name as a string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class finfo_object:  # noqa: N801 - the standard's name
    """Machine limits of a floating-point dtype (for complex dtypes, of their real part)."""

    bits: int
    eps: float
    max: float
    min: float
    smallest_normal: float
    dtype: Any


@dataclass(frozen=True)
class iinfo_object:  # noqa: N801 - the standard's name
    """Machine limits of an integer dtype."""

    bits: int
    max: int
    min: int
    dtype: Any


def finfo_from(info: Any, dtype: Any) -> finfo_object:
    """Standard ``finfo`` object from a library's finfo ``info`` of real dtype ``dtype``."""
    return finfo_object(
        bits=int(info.bits),
        eps=float(info.eps),
        max=float(info.max),
        min=float(info.min),
        smallest_normal=float(info.smallest_normal),
        dtype=dtype,
    )


def iinfo_from(info: Any, dtype: Any) -> iinfo_object:
    """Standard ``iinfo`` object from a library's iinfo ``info`` of dtype ``dtype``."""
    return iinfo_object(bits=int(info.bits), max=int(info.max), min=int(info.min), dtype=dtype)


# Kinds between which the standard's promotion table has entries; no promotion crosses them.
_PROMOTION_GROUPS = ("bool", "integral", ("real floating", "complex floating"))


def can_cast_by_promotion(isdtype: Any, result_type: Any, from_: Any, to: Any) -> bool:
    """The standard's ``can_cast``: True when promoting ``from_`` with ``to`` gives ``to``.

    ``isdtype`` and ``result_type`` are the namespace's own (standard) functions;
    casts between bool, integer and floating kinds are never allowed, unlike
    NumPy's and torch's own ``can_cast``. A pair the library cannot promote
    (torch's uint16/32/64 with signed integers) cannot be cast either.
    """

    def group(dtype: Any) -> int:
        return next(i for i, kind in enumerate(_PROMOTION_GROUPS) if isdtype(dtype, kind))

    if group(from_) != group(to):
        return False
    try:
        return bool(result_type(from_, to) == to)
    except (TypeError, RuntimeError):
        return False


def memo_by_dtype(compute: Any, array_type: type, name: str, doc: str) -> Any:
    """A ``name(type, /)`` answering ``compute(dtype)``, where ``type`` is a dtype or an array
    (of ``array_type``), from a dict keyed by dtype: one lookup once a dtype has been seen.

    Only dtypes are stored (an array's dtype, never the array), and only once ``compute``
    accepted them, so the dict holds at most the library's dtypes.
    """
    memo: dict[Any, Any] = {}

    def function(type: Any, /) -> Any:  # noqa: A002 - the standard's parameter name
        try:
            return memo[type]
        except (KeyError, TypeError):
            pass
        dtype = type.dtype if isinstance(type, array_type) else type  # type: ignore[attr-defined]
        try:
            return memo[dtype]
        except (KeyError, TypeError):
            pass
        result = compute(dtype)
        memo[dtype] = result
        return result

    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function
