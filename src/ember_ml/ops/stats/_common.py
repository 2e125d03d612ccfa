"""What every statistic shares: float conversion and the reading of ``axis``.

Integer and boolean input to a float-valued statistic becomes the library's default
floating dtype (``_to_float``; ``_real_float`` also refuses complex input), and
``axis`` (an int, a tuple of ints or None) becomes a sorted tuple of non-negative axes
(``_axes``) with the shape of the reduced result (``_reduced_shape``) and the number
of values reduced (``_count``).
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, TypeAlias

from ember_ml._checks import check_int

AnyArray = Any  # the working arrays inside the statistics (the public signatures use ArrayT)
Axis: TypeAlias = int | tuple[int, ...] | None


def _is_float(xp: ModuleType, dtype: Any) -> bool:
    return xp.isdtype(dtype, ("real floating", "complex floating"))


def _default_float(xp: ModuleType) -> Any:
    return xp.__array_namespace_info__().default_dtypes()["real floating"]


def _to_float(xp: ModuleType, x: AnyArray) -> AnyArray:
    """x itself when floating, else x converted to the library's default floating dtype."""
    if _is_float(xp, x.dtype):
        return x
    return xp.astype(x, _default_float(xp))


def _real_float(xp: ModuleType, x: AnyArray, name: str) -> AnyArray:
    if xp.isdtype(x.dtype, "complex floating"):
        raise TypeError(f"{name}: complex input is not supported (got dtype {x.dtype})")
    return _to_float(xp, x)


def _axes(axis: Axis, ndim: int, name: str) -> tuple[int, ...]:
    """``axis`` as a sorted tuple of non-negative axes (all axes for None)."""
    if axis is None:
        return tuple(range(ndim))
    raw = (axis,) if not isinstance(axis, (tuple, list)) else tuple(axis)
    out = []
    for a in raw:
        a = check_int(a, f"{name}: axis")
        if not -ndim <= a < max(ndim, 1) or (ndim == 0 and a not in (0, -1)):
            raise ValueError(f"{name}: axis {a} is out of range for an array of {ndim} dimensions")
        out.append(a % ndim if ndim else 0)
    if len(set(out)) != len(out):
        raise ValueError(f"{name}: repeated axis in {axis!r}")
    return tuple(sorted(out)) if ndim else ()


def _reduced_shape(
    shape: tuple[int, ...], axes: tuple[int, ...], keepdims: bool
) -> tuple[int, ...]:
    if keepdims:
        return tuple([1 if i in axes else n for i, n in enumerate(shape)])
    return tuple([n for i, n in enumerate(shape) if i not in axes])


def _count(x: AnyArray, axes: tuple[int, ...]) -> int:
    return math.prod([x.shape[a] for a in axes]) if x.ndim else 1
