"""ember_ml's NumPy ``linalg``: the standard's linear algebra on NumPy, with the SVD-based functions refusing non-finite input.

With NumPy >= 2.1 this is ``numpy.linalg``'s public names: NumPy 2's linalg already
has the standard's signatures and named-tuple results (``eigh``, ``qr``, ``slogdet``,
``svd``, ``cholesky(upper=)``, ``matrix_rank(rtol=)``, ``pinv(rtol=)``,
``matrix_norm``, ``vector_norm``, ``svdvals``, ``diagonal``, ``solve`` with a 1-d
``x2`` only as a vector, ...), except ``eig``/``eigvals``, which here always answer a
complex dtype as the standard asks; ``cross``, ``outer``, ``trace`` and a 1-d
``matrix_rank`` keep array-api-compat's behaviour (see below). With an older NumPy
the rest is array-api-compat's module.

NumPy's LAPACK SVD can loop without end (or return garbage) on a matrix holding
inf or NaN, where ``eig`` and ``solve`` raise ``LinAlgError``. ``svd``, ``svdvals``,
``pinv`` and ``matrix_rank`` check first and raise that same ``LinAlgError`` (a
``ValueError``): one pass over the input, small beside the factorization.
"""

import numpy as _np

_major, _minor = (
    int("".join(c for c in part if c.isdigit()) or 0) for part in _np.__version__.split(".")[:2]
)

if (_major, _minor) >= (2, 1):
    from numpy.linalg._linalg import EighResult, EigResult, QRResult, SlogdetResult, SVDResult  # noqa: F401

    globals().update({_k: _v for _k, _v in vars(_np.linalg).items() if not _k.startswith("_")})
    _numpy_svd, _numpy_svdvals = _np.linalg.svd, _np.linalg.svdvals
    _numpy_pinv, _numpy_matrix_rank = _np.linalg.pinv, _np.linalg.matrix_rank

    def _compat_svd(x, full_matrices):
        return _numpy_svd(x, full_matrices=full_matrices)

    def _compat_svdvals(x):
        return _numpy_svdvals(x)

    def _compat_pinv(x, rtol):
        return _numpy_pinv(x, rtol=rtol)

    def _compat_matrix_rank(x, rtol):
        if (
            x.ndim < 2
        ):  # numpy.linalg.matrix_rank answers a vector's "rank"; the standard asks for matrices
            raise _np.linalg.LinAlgError(
                "matrix_rank: the input is 1-dimensional; it must be at least 2-dimensional"
            )
        return _numpy_matrix_rank(x, rtol=rtol)

    # cross, outer and trace keep array-api-compat's behaviour: numpy.linalg.cross refuses
    # 2-element vectors and numpy.linalg.outer n-d input, which numpy.cross/numpy.outer
    # (and so ember_ml before) accept; numpy.linalg.trace of a matrix is a NumPy scalar.
    def cross(x1, x2, /, *, axis=-1):
        """Cross product of 3-element vectors along ``axis`` (``numpy.cross``, broadcasting).

        >>> import numpy as np
        >>> cross(np.asarray([1.0, 0.0, 0.0]), np.asarray([0.0, 1.0, 0.0])).tolist()
        [0.0, 0.0, 1.0]
        """
        return _np.cross(x1, x2, axis=axis)

    def outer(x1, x2, /):
        """Outer product of two vectors (``numpy.outer``).

        >>> import numpy as np
        >>> outer(np.asarray([1, 2]), np.asarray([3, 4])).tolist()
        [[3, 4], [6, 8]]
        """
        return _np.outer(x1, x2)

    def trace(x, /, *, offset=0, dtype=None):
        """Sum of the diagonal of each matrix (the last two axes), as an array.

        >>> import numpy as np
        >>> trace(np.eye(3))
        array(3.)
        """
        return _np.asarray(_np.trace(x, offset=offset, dtype=dtype, axis1=-2, axis2=-1))

    def _complex_of(dtype):
        return _np.result_type(dtype, _np.complex64)

    def eig(x, /):
        """Eigenvalues and eigenvectors of each square matrix, always complex (as the standard asks).

        ``numpy.linalg.eig`` answers a real dtype when every eigenvalue is real.

        >>> import numpy as np
        >>> eig(np.eye(2, dtype=np.float32)).eigenvalues.dtype
        dtype('complex64')
        """
        values, vectors = _np.linalg.eig(x)
        complex_dtype = _complex_of(values.dtype)
        return EigResult(
            values.astype(complex_dtype, copy=False), vectors.astype(complex_dtype, copy=False)
        )

    def eigvals(x, /):
        """Eigenvalues of each square matrix, always complex.

        >>> import numpy as np
        >>> eigvals(np.diag([2.0, 3.0])).tolist()
        [(2+0j), (3+0j)]
        """
        values = _np.linalg.eigvals(x)
        return values.astype(_complex_of(values.dtype), copy=False)

    __all__ = sorted(
        {_k for _k in vars(_np.linalg) if not _k.startswith("_")}
        | {"EighResult", "EigResult", "QRResult", "SlogdetResult", "SVDResult"}
    )
else:  # NumPy 1.26 / 2.0: array-api-compat's linalg
    from array_api_compat.numpy import linalg as _compat
    from array_api_compat.numpy.linalg import *  # noqa: F403
    from array_api_compat.numpy.linalg import __all__  # type: ignore[no-redef]  # noqa: F401

    def _compat_svd(x, full_matrices):
        return _compat.svd(x, full_matrices=full_matrices)

    def _compat_svdvals(x):
        return _compat.svdvals(x)

    def _compat_pinv(x, rtol):
        return _compat.pinv(x, rtol=rtol)

    def _compat_matrix_rank(x, rtol):
        return _compat.matrix_rank(x, rtol=rtol)


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
    return _compat_svd(x, full_matrices)


def svdvals(x, /):
    """Singular values; ``LinAlgError`` for inf/NaN input.

    >>> import numpy as np
    >>> svdvals(np.eye(2)).tolist()
    [1.0, 1.0]
    """
    _finite_or_raise(x, "svdvals")
    return _compat_svdvals(x)


def pinv(x, /, *, rtol=None):
    """Pseudo-inverse; ``LinAlgError`` for inf/NaN input (NumPy's may hang on it).

    >>> import numpy as np
    >>> pinv(2 * np.eye(2)).tolist()
    [[0.5, 0.0], [0.0, 0.5]]
    """
    _finite_or_raise(x, "pinv")
    return _compat_pinv(x, rtol)


def matrix_rank(x, /, *, rtol=None):
    """Rank of each matrix; ``LinAlgError`` for inf/NaN input (instead of a wrong rank).

    >>> import numpy as np
    >>> int(matrix_rank(np.eye(3)))
    3
    """
    _finite_or_raise(x, "matrix_rank")
    return _compat_matrix_rank(x, rtol)
