"""ember_ml's Dask ``linalg``: array-api-compat's, plus ``eigh`` and ``eigvalsh``.

Dask has no symmetric eigensolver. ``eigh`` / ``eigvalsh`` here solve each matrix in one
block with NumPy (the matrix axes are joined; a stack keeps its chunks along the batch
axes): they serve the small ``(d, d)`` problems of tall-skinny fits (a Gram or
covariance matrix), not matrices too large for one worker.
"""

from typing import Any

import dask.array as _da
import numpy as _np
from array_api_compat.dask.array.linalg import *  # noqa: F403
from array_api_compat.dask.array.linalg import EighResult
from array_api_compat.dask.array.linalg import __all__ as _compat_all


def _square(x: Any, what: str) -> Any:
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(f"{what} needs (..., n, n) matrices, got shape {tuple(x.shape)}")
    return x.rechunk({x.ndim - 2: -1, x.ndim - 1: -1})


def eigh(x: Any, /) -> EighResult:
    """Eigenvalues (ascending) and eigenvectors of symmetric matrices, each matrix in one block.

    >>> import numpy as np
    >>> w, v = eigh(_da.from_array(np.asarray([[2.0, 0.0], [0.0, 1.0]])))
    >>> w.compute().tolist()
    [1.0, 2.0]
    """
    x = _square(x, "eigh")
    real = _np.empty(0, dtype=x.dtype).real.dtype
    values = _da.map_blocks(lambda b: _np.linalg.eigvalsh(b), x, drop_axis=x.ndim - 1, dtype=real)
    vectors = _da.map_blocks(lambda b: _np.linalg.eigh(b)[1], x, dtype=x.dtype)
    return EighResult(values, vectors)


def eigvalsh(x: Any, /) -> Any:
    """Eigenvalues (ascending) of symmetric matrices, each matrix in one block.

    >>> import numpy as np
    >>> eigvalsh(_da.from_array(np.asarray([[2.0, 1.0], [1.0, 2.0]]))).compute().tolist()
    [1.0, 3.0]
    """
    x = _square(x, "eigvalsh")
    real = _np.empty(0, dtype=x.dtype).real.dtype
    return _da.map_blocks(_np.linalg.eigvalsh, x, drop_axis=x.ndim - 1, dtype=real)


__all__ = sorted({*_compat_all, "eigh", "eigvalsh"})
