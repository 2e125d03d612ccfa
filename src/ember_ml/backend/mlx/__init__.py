"""ember_ml's standard-conforming MLX namespace (array API 2025.12).

MLX's own function objects are re-exported wherever they already conform
(``sin is mlx.core.sin``: zero overhead); thin shims fill the gaps (missing functions,
keyword names and defaults, output dtypes, special cases, index bounds checks). One
module per section of the standard (``_creation``, ``_elementwise``, ``_statistical``,
...) holds both, and this module only assembles them; the shims share ``_dtypes``
(dtype sets and promotion), ``_bounds`` (index, size and axis checks) and ``_info``
(devices). ``linalg`` and ``fft`` are submodules.

Importing this module applies the additive patches listed in ``PATCHES`` to
MLX's classes unless ``EMBER_ML_MLX_PATCHES=0`` is set (see docs/mlx.md).
Index arguments are bounds-checked (``IndexError`` instead of a crash);
``index_checks(False)`` switches the check off.

Usable directly by the official suite:
``ARRAY_API_TESTS_MODULE=ember_ml.backend.mlx``.
"""

from __future__ import annotations

import mlx.core as _mx

from ember_ml.backend import _sections
from ember_ml.backend.mlx import (
    _creation,
    _data_types,
    _elementwise,
    _indexing_functions,
    _info,
    _linear_algebra,
    _manipulation,
    _patches,
    _searching,
    _set,
    _sorting,
    _statistical,
    _utility,
    fft,
    linalg,
)
from ember_ml.backend.mlx._bounds import index_checks
from ember_ml.backend.mlx._creation import *
from ember_ml.backend.mlx._data_types import *
from ember_ml.backend.mlx._elementwise import *
from ember_ml.backend.mlx._indexing_functions import *
from ember_ml.backend.mlx._info import *
from ember_ml.backend.mlx._linear_algebra import *
from ember_ml.backend.mlx._manipulation import *
from ember_ml.backend.mlx._searching import *
from ember_ml.backend.mlx._set import *
from ember_ml.backend.mlx._sorting import *
from ember_ml.backend.mlx._statistical import *
from ember_ml.backend.mlx._utility import *

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
# Extension names (not in the standard), as NumPy's and torch's namespaces have them; not
# listed by __array_namespace_info__().dtypes().
float16 = _mx.float16
bfloat16 = _mx.bfloat16
# MLX has no complex128: the name is absent on purpose (see docs/mlx.md).

Device = _mx.Device

_SECTIONS = (
    _creation,
    _data_types,
    _elementwise,
    _indexing_functions,
    _info,
    _linear_algebra,
    _manipulation,
    _searching,
    _set,
    _sorting,
    _statistical,
    _utility,
)
_sections.present_as(__name__, _SECTIONS)

PATCHES: list[str] = _patches.apply()

__all__ = [
    "__array_api_version__",
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
    "float16",
    "bfloat16",
    "fft",
    "linalg",
]

for _section in _SECTIONS:
    __all__ += _section.__all__
del _section

# Not part of the standard: helpers for ember_ml and users.
__all__ += ["PATCHES", "index_checks"]
