"""ember_ml's PyTorch namespace: array-api-compat's conforming wrapper of PyTorch, with direct forms.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.torch``). The namespace starts from
array-api-compat's (every name of it), and the section modules (``_elementwise``,
``_statistical``, ... one per section of the standard) replace its wrappers with direct
calls of torch where the wrapper does work that the common forms do not need (tensors of
one dtype, a whole-array reduction), and fix what it leaves non-conforming.
"""

import importlib as _importlib

from array_api_compat.torch import *
from array_api_compat.torch import __array_api_version__, __array_namespace_info__, fft

from ember_ml.backend import _sections

# (public names of this namespace since 0.1, where the data type functions are made from)
from ember_ml.backend._dtype_functions import (
    can_cast_by_promotion,
    finfo_from,
    iinfo_from,
    memo_by_dtype,
)
from ember_ml.backend.torch import (
    _creation,
    _data_types,
    _elementwise,
    _indexing_functions,
    _linear_algebra,
    _manipulation,
    _searching,
    _set,
    _sorting,
    _statistical,
    _utility,
)
from ember_ml.backend.torch._creation import *
from ember_ml.backend.torch._data_types import *
from ember_ml.backend.torch._elementwise import *
from ember_ml.backend.torch._indexing_functions import *
from ember_ml.backend.torch._linear_algebra import *
from ember_ml.backend.torch._manipulation import *
from ember_ml.backend.torch._searching import *
from ember_ml.backend.torch._set import *
from ember_ml.backend.torch._sorting import *
from ember_ml.backend.torch._statistical import *
from ember_ml.backend.torch._utility import *

# ember_ml's linalg (array-api-compat's plus guards, and the main namespace's matmul, tensordot,
# vecdot and matrix_transpose), by name: the star import above bound compat's module to ``linalg``.
linalg = _importlib.import_module(__name__ + ".linalg")

_sections.present_as(
    __name__,
    (
        _creation,
        _data_types,
        _elementwise,
        _indexing_functions,
        _linear_algebra,
        _manipulation,
        _searching,
        _set,
        _sorting,
        _statistical,
        _utility,
    ),
)
