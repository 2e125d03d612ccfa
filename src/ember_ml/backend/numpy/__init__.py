"""ember_ml's NumPy namespace: NumPy's own functions wherever NumPy conforms, a thin fix elsewhere.

Importable as a module, so the official suite can target it
(``ARRAY_API_TESTS_MODULE=ember_ml.backend.numpy``).

With NumPy >= 2.1 the namespace is built here, without array-api-compat:
``array_api_compat.numpy`` clones ``numpy`` with ``hasattr`` over ``dir(numpy)``,
which imports some 180 lazily loaded NumPy modules (``numpy.testing``,
``numpy.f2py``, ``numpy.ma``, ``numpy.random``, ...) and costs ~70 ms per process,
and its wrappers (written for NumPy 1.x) put one or two Python layers in front of
functions NumPy >= 2.1 already gets right. Here the namespace is NumPy's public
names as ``import numpy`` leaves them (so NumPy's function object wherever NumPy
conforms: the call costs what NumPy's own costs), plus ember_ml's functions where
NumPy still differs from the standard, one module per section of the standard
(``_elementwise``, ``_sorting``, ...; ``_library`` says which NumPy this is). NumPy's lazily loaded modules
(``numpy.random``, ``numpy.ma``, ...) are not attributes of this namespace: use
NumPy for them. With an older NumPy the namespace is array-api-compat's, as
before, with the same fixes.
"""

import importlib as _importlib
from typing import Any  # (a public name of this namespace since 0.1)

import numpy as _np

from ember_ml.backend import _sections
from ember_ml.backend.numpy import (
    _creation,
    _data_types,
    _elementwise,
    _indexing_functions,
    _info,
    _library,
    _linear_algebra,
    _manipulation,
    _searching,
    _set,
    _sorting,
    _statistical,
    _utility,
)

# The names the namespace starts from: NumPy's public names (or array-api-compat's).
globals().update(_library.NAMES)

if _library.OWN_NAMESPACE:
    __array_api_version__ = "2025.12"
    __version__ = _np.__version__
    bool = _np.bool_  # noqa: A001 - the standard's name
    fft = _importlib.import_module(__name__ + ".fft")
else:  # NumPy 1.26 / 2.0: array-api-compat's fft
    from array_api_compat.numpy import __array_api_version__, fft  # type: ignore[no-redef]

# ember_ml's linalg (NumPy's plus guards), by name: the names above bound NumPy's module.
linalg = _importlib.import_module(__name__ + ".linalg")

# The standard's functions, section by section (NumPy's objects where NumPy conforms).
from ember_ml.backend.numpy._creation import *  # noqa: E402
from ember_ml.backend.numpy._data_types import *  # noqa: E402
from ember_ml.backend.numpy._elementwise import *  # noqa: E402
from ember_ml.backend.numpy._indexing_functions import *  # noqa: E402
from ember_ml.backend.numpy._info import *  # noqa: E402
from ember_ml.backend.numpy._linear_algebra import *  # noqa: E402
from ember_ml.backend.numpy._manipulation import *  # noqa: E402
from ember_ml.backend.numpy._searching import *  # noqa: E402
from ember_ml.backend.numpy._set import *  # noqa: E402
from ember_ml.backend.numpy._sorting import *  # noqa: E402
from ember_ml.backend.numpy._statistical import *  # noqa: E402
from ember_ml.backend.numpy._utility import *  # noqa: E402

_sections.present_as(
    __name__,
    (
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
    ),
)
