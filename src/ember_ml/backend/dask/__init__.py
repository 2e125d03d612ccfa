"""ember_ml's Dask namespace: array-api-compat's conforming wrapper of ``dask.array``.

Importable as a module (``ARRAY_API_TESTS_MODULE=ember_ml.backend.dask``). The section
modules (``_creation``, ``_elementwise``, ... one per section of the standard) re-export
array-api-compat's functions and add what it lacks (``take_along_axis``,
``broadcast_shapes``, ``from_dlpack``, ``chunks=`` on ``asarray``); ``linalg`` adds
``eigh``. The extras' chunk-wise fast paths live in ``_extras/<group>.py``.
Nothing here computes: every function builds a Dask graph.
"""

import importlib as _importlib

from array_api_compat.dask.array import *
from array_api_compat.dask.array import __array_api_version__, __array_namespace_info__

from ember_ml.backend import _sections
from ember_ml.backend.dask import (
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
from ember_ml.backend.dask._creation import *
from ember_ml.backend.dask._data_types import *
from ember_ml.backend.dask._elementwise import *
from ember_ml.backend.dask._indexing_functions import *
from ember_ml.backend.dask._linear_algebra import *
from ember_ml.backend.dask._manipulation import *
from ember_ml.backend.dask._searching import *
from ember_ml.backend.dask._set import *
from ember_ml.backend.dask._sorting import *
from ember_ml.backend.dask._statistical import *
from ember_ml.backend.dask._utility import *

# ember_ml's linalg and fft, by name: the star import above bound compat's modules.
linalg = _importlib.import_module(__name__ + ".linalg")
fft = _importlib.import_module(__name__ + ".fft")

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
