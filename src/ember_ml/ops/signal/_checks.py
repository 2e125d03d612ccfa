"""The argument checks every signal extra shares: integer sizes and the allocation guard.

``_check_int`` accepts a Python int or anything with ``__index__`` (NumPy integers)
at or above a minimum; ``_guard`` asks the backend, where it has a check (MLX), whether
an array of that shape and dtype can be made before it is allocated.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path


def _check_int(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(value.__index__())
        except (AttributeError, TypeError):
            raise TypeError(f"{name} must be an int, got {value!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def _guard(xp: ModuleType, shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Refuse, before the library allocates, an array it would crash on (MLX: int32 axes, failed allocations)."""
    check = fast_path(xp, "signal", "check_allocation")
    if check is not None:
        check(shape, dtype, what)
