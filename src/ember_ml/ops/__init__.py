"""Every function of the array API standard (2025.12), for NumPy, PyTorch and MLX arrays alike.

Each function finds the namespace of its array arguments and returns that
library's arrays on the same device; ops with no array argument (``zeros``,
``arange``, ...) use the selected backend (``ember_ml.get_backend()``).
``ops`` is itself a standard namespace: the dtypes and
``__array_namespace_info__`` are those of the selected backend.

The standard's functions are written from the table in ``_spec.py`` into
``_standard.py`` (and ``_standard_linalg.py``, ``_standard_fft.py``) by
``python -m ember_ml.ops._generate``; their types are ``ember_ml._typing``'s.

>>> import numpy as np
>>> from ember_ml import ops
>>> x = np.linspace(0.0, 1.0, 5)
>>> ops.max(ops.abs(ops.sin(x) - np.sin(x)))
np.float64(0.0)
>>> ops.linalg.vector_norm(np.asarray([3.0, 4.0]))
np.float64(5.0)
"""

# ruff: noqa: F405 - __all__ lists the names of the star imports, as type checkers read it
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ember_ml._typing import ArrayNamespaceInfo, DType
from ember_ml.ops import _random, activations, fft, indexing, linalg, signal, stats  # noqa: F401
from ember_ml.ops._random import *  # noqa: F403 - the original's random_* names
from ember_ml.ops._standard import *  # noqa: F403 - the standard's functions
from ember_ml.ops.indexing import *  # noqa: F403 - scatter family at the top, as users know it
from ember_ml.ops.signal import *  # noqa: F403 - windows, frame, stft at the top, as users know them

__array_api_version__ = "2025.12"

e = math.e
pi = math.pi
inf = math.inf
nan = math.nan
newaxis = None

linearalg = linalg  # the original Ember ML name

# The selected backend's dtypes, looked up on every access (``__getattr__`` below); declared
# here so that type checkers know them, and reject names that are none of them.
bool: DType
int8: DType
int16: DType
int32: DType
int64: DType
uint8: DType
uint16: DType
uint32: DType
uint64: DType
float32: DType
float64: DType
complex64: DType
complex128: DType

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
    # the standard's functions (_standard.__all__)
    "arange",
    "asarray",
    "empty",
    "empty_like",
    "eye",
    "from_dlpack",
    "full",
    "full_like",
    "linspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
    "astype",
    "can_cast",
    "finfo",
    "iinfo",
    "isdtype",
    "result_type",
    "abs",
    "acos",
    "acosh",
    "add",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_invert",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "ceil",
    "clip",
    "conj",
    "copysign",
    "cos",
    "cosh",
    "divide",
    "equal",
    "exp",
    "expm1",
    "floor",
    "floor_divide",
    "greater",
    "greater_equal",
    "hypot",
    "imag",
    "isfinite",
    "isinf",
    "isnan",
    "less",
    "less_equal",
    "log",
    "log1p",
    "log2",
    "log10",
    "logaddexp",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "nextafter",
    "not_equal",
    "positive",
    "pow",
    "real",
    "reciprocal",
    "remainder",
    "round",
    "sign",
    "signbit",
    "sin",
    "sinh",
    "square",
    "sqrt",
    "subtract",
    "tan",
    "tanh",
    "trunc",
    "take",
    "take_along_axis",
    "matmul",
    "matrix_transpose",
    "tensordot",
    "vecdot",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "concat",
    "expand_dims",
    "flip",
    "moveaxis",
    "permute_dims",
    "repeat",
    "reshape",
    "roll",
    "squeeze",
    "stack",
    "tile",
    "unstack",
    "argmax",
    "argmin",
    "count_nonzero",
    "nonzero",
    "searchsorted",
    "where",
    "isin",
    "unique_all",
    "unique_counts",
    "unique_inverse",
    "unique_values",
    "argsort",
    "sort",
    "cumulative_prod",
    "cumulative_sum",
    "max",
    "mean",
    "min",
    "prod",
    "std",
    "sum",
    "var",
    "all",
    "any",
    "diff",
    # the rest of the standard namespace
    "__array_namespace_info__",
    "e",
    "fft",
    "inf",
    "linalg",
    "linearalg",
    "nan",
    "newaxis",
    "pi",
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
    # extras the standard lacks
    "activations",
    "signal",
    "stats",
    # indexing.__all__
    "index_update",
    "one_hot",
    "scatter",
    "scatter_add",
    "scatter_max",
    "scatter_mean",
    "scatter_min",
    "scatter_prod",
    "segment_max",
    "segment_mean",
    "segment_min",
    "segment_sum",
    # signal.__all__
    "bartlett_window",
    "blackman_window",
    "frame",
    "hamming_window",
    "hann_window",
    "istft",
    "kaiser_window",
    "stft",
    # _random.__all__
    "random_bernoulli",
    "random_normal",
    "random_uniform",
    "set_seed",
    "shuffle",
]


def __array_namespace_info__() -> ArrayNamespaceInfo:
    """The selected backend's inspection object (devices, dtypes, capabilities).

    >>> from ember_ml import ops
    >>> "float32" in ops.__array_namespace_info__().dtypes()
    True
    """
    from ember_ml._namespace import selected_namespace

    info: ArrayNamespaceInfo = selected_namespace().__array_namespace_info__()
    return info


if not TYPE_CHECKING:  # hidden from type checkers, so that a misspelt name is an error there

    def __getattr__(name: str) -> Any:
        if name in _DTYPE_NAMES:
            from ember_ml._namespace import selected_namespace

            return getattr(selected_namespace(), name)
        raise AttributeError(f"module 'ember_ml.ops' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
