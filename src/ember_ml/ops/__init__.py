"""Every function of the array API standard (2025.12), for NumPy, PyTorch and MLX arrays alike.

Each function finds the namespace of its array arguments and returns that
library's arrays on the same device; ops with no array argument (``zeros``,
``arange``, ...) use the selected backend (``ember_ml.get_backend()``).
``ops`` is itself a standard namespace: the dtypes and
``__array_namespace_info__`` are those of the selected backend.

>>> import numpy as np
>>> from ember_ml import ops
>>> x = np.linspace(0.0, 1.0, 5)
>>> ops.max(ops.abs(ops.sin(x) - np.sin(x)))
np.float64(0.0)
>>> ops.linalg.vector_norm(np.asarray([3.0, 4.0]))
np.float64(5.0)
"""

from __future__ import annotations

import math
from typing import Any

from ember_ml.ops import _random, activations, fft, indexing, linalg, signal, stats
from ember_ml.ops._dispatch import populate
from ember_ml.ops._random import *  # noqa: F403 - the original's random_* names
from ember_ml.ops.indexing import *  # noqa: F403 - scatter family at the top, as users know it
from ember_ml.ops.signal import *  # noqa: F403 - windows, frame, stft at the top, as users know them

__array_api_version__ = "2025.12"

e = math.e
pi = math.pi
inf = math.inf
nan = math.nan
newaxis = None

linearalg = linalg  # the original Ember ML name

_DTYPE_NAMES = (
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float32",
    "float64",
    "complex64",
    "complex128",
)

__all__ = [
    *populate(globals(), ""),
    "__array_namespace_info__",
    "e",
    "fft",
    "inf",
    "linalg",
    "linearalg",
    "nan",
    "newaxis",
    "pi",
    *_DTYPE_NAMES,
    # extras the standard lacks
    "activations",
    "signal",
    "stats",
    *indexing.__all__,
    *signal.__all__,
    *_random.__all__,
]


def __array_namespace_info__() -> Any:
    """The selected backend's inspection object (devices, dtypes, capabilities).

    >>> from ember_ml import ops
    >>> "float32" in ops.__array_namespace_info__().dtypes()
    True
    """
    from ember_ml._namespace import selected_namespace

    return selected_namespace().__array_namespace_info__()


def __getattr__(name: str) -> Any:
    if name in _DTYPE_NAMES:
        from ember_ml._namespace import selected_namespace

        return getattr(selected_namespace(), name)
    raise AttributeError(f"module 'ember_ml.ops' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
