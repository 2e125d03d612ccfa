"""ember_ml's NumPy ``linalg``: array-api-compat's, with the SVD-based functions refusing non-finite input.

NumPy's LAPACK SVD can loop without end (or return garbage) on a matrix holding
inf or NaN, where ``eig`` and ``solve`` raise ``LinAlgError``. ``svd``, ``svdvals``,
``pinv`` and ``matrix_rank`` check first and raise that same ``LinAlgError`` (a
``ValueError``): one pass over the input, small beside the factorization.
Everything else is array-api-compat's function object.
"""

import numpy as _np
from array_api_compat.numpy import linalg as _compat
from array_api_compat.numpy.linalg import *  # noqa: F403
from array_api_compat.numpy.linalg import __all__  # noqa: F401


def _finite_or_raise(x, name):
    if isinstance(x, _np.ndarray) and x.dtype.kind in "fc" and not _np.isfinite(x).all():
        raise _np.linalg.LinAlgError(f"{name}: the input holds inf or NaN")


def svd(x, /, *, full_matrices=True):
    """Singular value decomposition; ``LinAlgError`` for inf/NaN input (NumPy's may hang on it).

    >>> import numpy as np
    >>> svd(np.eye(2)).S.tolist()
    [1.0, 1.0]
    """
    _finite_or_raise(x, "svd")
    return _compat.svd(x, full_matrices=full_matrices)


def svdvals(x, /):
    """Singular values; ``LinAlgError`` for inf/NaN input.

    >>> import numpy as np
    >>> svdvals(np.eye(2)).tolist()
    [1.0, 1.0]
    """
    _finite_or_raise(x, "svdvals")
    return _compat.svdvals(x)


def pinv(x, /, *, rtol=None):
    """Pseudo-inverse; ``LinAlgError`` for inf/NaN input (NumPy's may hang on it).

    >>> import numpy as np
    >>> pinv(2 * np.eye(2)).tolist()
    [[0.5, 0.0], [0.0, 0.5]]
    """
    _finite_or_raise(x, "pinv")
    return _compat.pinv(x, rtol=rtol)


def matrix_rank(x, /, *, rtol=None):
    """Rank of each matrix; ``LinAlgError`` for inf/NaN input (instead of a wrong rank).

    >>> import numpy as np
    >>> int(matrix_rank(np.eye(3)))
    3
    """
    _finite_or_raise(x, "matrix_rank")
    return _compat.matrix_rank(x, rtol=rtol)
