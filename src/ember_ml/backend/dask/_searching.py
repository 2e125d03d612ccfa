"""Searching functions of the Dask namespace: array-api-compat's (Dask's own where it conforms).

``searchsorted`` also takes a 0-D ``x2``.
"""

import importlib as _importlib
from typing import Any as _Any

_compat: _Any = _importlib.import_module("array_api_compat.dask.array")

argmax = _compat.argmax
argmin = _compat.argmin
count_nonzero = _compat.count_nonzero
nonzero = _compat.nonzero
where = _compat.where

__all__ = [
    "argmax",
    "argmin",
    "count_nonzero",
    "nonzero",
    "searchsorted",
    "where",
]


def searchsorted(x1: _Any, x2: _Any, /, *, side: str = "left", sorter: _Any = None) -> _Any:
    """Insertion points of ``x2`` in sorted ``x1``; a 0-D ``x2`` gives a 0-D answer (Dask's fails).

    >>> import numpy as np
    >>> int(searchsorted(asarray([1.0, 2.0, 3.0], chunks=2), asarray(2.5)))
    2
    """
    if getattr(x2, "ndim", 1) == 0:
        return _compat.searchsorted(x1, _compat.reshape(x2, (1,)), side=side, sorter=sorter)[0]
    return _compat.searchsorted(x1, x2, side=side, sorter=sorter)
