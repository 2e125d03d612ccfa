"""ember_ml's standard-conforming MLX namespace (array API 2025.12).

MLX's own function objects are re-exported wherever they already conform
(``sin is mlx.core.sin``: zero overhead); thin shims in ``_aliases`` fill the
gaps (missing functions, keyword names and defaults, output dtypes, special
cases, index bounds checks). ``linalg`` and ``fft`` are submodules.

Importing this module applies the additive patches listed in ``PATCHES`` to
MLX's classes unless ``EMBER_ML_MLX_PATCHES=0`` is set (see docs/mlx.md).
Index arguments are bounds-checked (``IndexError`` instead of a crash);
``index_checks(False)`` switches the check off.

Usable directly by the official suite:
``ARRAY_API_TESTS_MODULE=ember_ml.backend.mlx``.
"""

from __future__ import annotations

import mlx.core as _mx

from ember_ml.backend.mlx import _patches
from ember_ml.backend.mlx._indices import index_checks
from ember_ml.backend.mlx._info import __array_namespace_info__

__array_api_version__ = "2025.12"

# --- constants and dtypes (MLX's own objects) ------------------------------------------
e = _mx.e
inf = _mx.inf
nan = _mx.nan
pi = _mx.pi
newaxis = _mx.newaxis

bool = _mx.bool_  # noqa: A001 - the standard's name
int8 = _mx.int8
int16 = _mx.int16
int32 = _mx.int32
int64 = _mx.int64
uint8 = _mx.uint8
uint16 = _mx.uint16
uint32 = _mx.uint32
uint64 = _mx.uint64
float32 = _mx.float32
float64 = _mx.float64
complex64 = _mx.complex64
# MLX has no complex128: the name is absent on purpose (see docs/mlx.md).

Device = _mx.Device

# --- MLX functions that conform as they are --------------------------------------------
from mlx.core import (  # noqa: E402
    abs,
    acos,
    acosh,
    add,
    asin,
    asinh,
    atan,
    atan2,
    atanh,
    bitwise_and,
    bitwise_invert,
    bitwise_or,
    bitwise_xor,
    ceil,
    conj,
    cosh,
    divide,
    equal,
    flip,
    floor,
    greater,
    greater_equal,
    imag,
    isdtype,
    isfinite,
    isinf,
    isnan,
    less,
    less_equal,
    log,
    log1p,
    log2,
    log10,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    positive,
    pow,
    real,
    reciprocal,
    sinh,
    sqrt,
    square,
    subtract,
    tan,
    trunc,
)

from ember_ml.backend.mlx import fft, linalg  # noqa: E402
from ember_ml.backend.mlx._aliases import *  # noqa: E402,F403
from ember_ml.backend.mlx._aliases import __all__ as _alias_names  # noqa: E402

PATCHES: list[str] = _patches.apply()

__all__ = [
    "__array_api_version__",
    "__array_namespace_info__",
    "e",
    "inf",
    "nan",
    "pi",
    "newaxis",
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
    "bitwise_invert",
    "bitwise_or",
    "bitwise_xor",
    "ceil",
    "conj",
    "cosh",
    "divide",
    "equal",
    "flip",
    "floor",
    "greater",
    "greater_equal",
    "imag",
    "isdtype",
    "isfinite",
    "isinf",
    "isnan",
    "less",
    "less_equal",
    "log",
    "log1p",
    "log2",
    "log10",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "not_equal",
    "positive",
    "pow",
    "real",
    "reciprocal",
    "sinh",
    "sqrt",
    "square",
    "subtract",
    "tan",
    "trunc",
    "fft",
    "linalg",
    *_alias_names,
]

# Not part of the standard: helpers for ember_ml and users.
__all__ += ["PATCHES", "index_checks"]
