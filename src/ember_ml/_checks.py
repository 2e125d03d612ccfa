"""One check for "this argument must be an int", shared by ops, random, nn and features.

``check_int`` takes Python ints and integer scalars (NumPy's ``np.int64`` and every other
``numbers.Integral``), converted with ``operator.index``; it refuses ``bool``, floats,
strings and arrays (reading an array's value would force its evaluation) with one
``TypeError``, and a value below ``minimum`` with one ``ValueError``. Messages start with
the argument's name, so a caller that prefixes its function's name (``"scatter:
dim_size"``) gets ``"scatter: dim_size must be an int, got float"``.

>>> import numpy as np
>>> check_int(np.int64(3), "n_fft", minimum=1)
3
>>> check_int(2.0, "n_fft")
Traceback (most recent call last):
...
TypeError: n_fft must be an int, got float
>>> check_int(0, "n_fft", minimum=1)
Traceback (most recent call last):
...
ValueError: n_fft must be >= 1, got 0
"""

from __future__ import annotations

import numbers
import operator
from typing import Any

__all__ = ["check_int"]


def check_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """``value`` as a Python int; ``TypeError`` unless it is an int, ``ValueError`` below ``minimum``.

    >>> check_int(True, "num_classes")
    Traceback (most recent call last):
    ...
    TypeError: num_classes must be an int, got bool
    """
    if type(value) is int:
        result = value
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        result = operator.index(value)
    else:
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if minimum is not None and result < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {result}")
    return result
