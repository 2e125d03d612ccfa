# generated from _spec.py by `python -m ember_ml.ops._generate` — do not edit
"""The array API standard's functions of the ``linalg`` extension, as ``ember_ml.ops.linalg`` exposes them.

Generated from the table in ``_spec.py`` by ``python -m ember_ml.ops._generate``; edit
the table or the generator, not this file. Each function finds the namespace of its
array arguments (one dictionary access per deciding argument once their types were
seen) and calls that namespace's function of the same name; with no array argument,
the selected backend's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ember_ml._typing import (
    ArrayT,
    DType,
    EighResult,
    EigResult,
    QRResult,
    SlogdetResult,
    SVDResult,
)
from ember_ml.ops._dispatch import Lookup as _Lookup

__all__ = [
    "cholesky",
    "cross",
    "det",
    "diagonal",
    "eigh",
    "eigvalsh",
    "eig",
    "eigvals",
    "inv",
    "matmul",
    "matrix_norm",
    "matrix_power",
    "matrix_rank",
    "matrix_transpose",
    "outer",
    "pinv",
    "qr",
    "slogdet",
    "solve",
    "svd",
    "svdvals",
    "tensordot",
    "trace",
    "vecdot",
    "vector_norm",
]


_cholesky = _Lookup("linalg", "cholesky")
_cholesky_cache = _cholesky.cache


def cholesky(x: ArrayT, /, *, upper: bool = False) -> ArrayT:
    """Cholesky factor (lower, or upper if upper=True) of each matrix.

    Array API standard function ``linalg.cholesky(x, /, *, upper=False)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.cholesky.html
    """
    try:
        f = _cholesky_cache[type(x)]
    except KeyError:
        f = _cholesky.resolve(x)
    if upper is False:
        return f(x)
    return f(x, upper=upper)


_cross = _Lookup("linalg", "cross")
_cross_cache = _cross.cache


def cross(x1: ArrayT, x2: ArrayT, /, *, axis: int = -1) -> ArrayT:
    """Cross product of 3-element vectors along an axis.

    Array API standard function ``linalg.cross(x1, x2, /, *, axis=-1)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.cross.html
    """
    try:
        f = _cross_cache[type(x1)][type(x2)]
    except KeyError:
        f = _cross.resolve(x1, x2)
    return f(x1, x2, axis=axis)


_det = _Lookup("linalg", "det")
_det_cache = _det.cache


def det(x: ArrayT, /) -> ArrayT:
    """Determinant of each square matrix.

    Array API standard function ``linalg.det(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.det.html
    """
    try:
        f = _det_cache[type(x)]
    except KeyError:
        f = _det.resolve(x)
    return f(x)


_diagonal = _Lookup("linalg", "diagonal")
_diagonal_cache = _diagonal.cache


def diagonal(x: ArrayT, /, *, offset: int = 0) -> ArrayT:
    """The offset diagonal of each matrix.

    Array API standard function ``linalg.diagonal(x, /, *, offset=0)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.diagonal.html
    """
    try:
        f = _diagonal_cache[type(x)]
    except KeyError:
        f = _diagonal.resolve(x)
    return f(x, offset=offset)


_eigh = _Lookup("linalg", "eigh")
_eigh_cache = _eigh.cache


def eigh(x: ArrayT, /) -> EighResult[ArrayT]:
    """Eigenvalues and eigenvectors of each Hermitian matrix; returns a namedtuple.

    Array API standard function ``linalg.eigh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.eigh.html
    """
    try:
        f = _eigh_cache[type(x)]
    except KeyError:
        f = _eigh.resolve(x)
    return f(x)


_eigvalsh = _Lookup("linalg", "eigvalsh")
_eigvalsh_cache = _eigvalsh.cache


def eigvalsh(x: ArrayT, /) -> ArrayT:
    """Eigenvalues of each Hermitian or real symmetric matrix.

    Array API standard function ``linalg.eigvalsh(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.eigvalsh.html
    """
    try:
        f = _eigvalsh_cache[type(x)]
    except KeyError:
        f = _eigvalsh.resolve(x)
    return f(x)


_eig = _Lookup("linalg", "eig")
_eig_cache = _eig.cache


def eig(x: ArrayT, /) -> EigResult[ArrayT]:
    """Eigenvalues and eigenvectors of each square matrix; returns a namedtuple.

    Array API standard function ``linalg.eig(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.eig.html
    """
    try:
        f = _eig_cache[type(x)]
    except KeyError:
        f = _eig.resolve(x)
    return f(x)


_eigvals = _Lookup("linalg", "eigvals")
_eigvals_cache = _eigvals.cache


def eigvals(x: ArrayT, /) -> ArrayT:
    """Eigenvalues of each square matrix.

    Array API standard function ``linalg.eigvals(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.eigvals.html
    """
    try:
        f = _eigvals_cache[type(x)]
    except KeyError:
        f = _eigvals.resolve(x)
    return f(x)


_inv = _Lookup("linalg", "inv")
_inv_cache = _inv.cache


def inv(x: ArrayT, /) -> ArrayT:
    """Inverse of each square matrix.

    Array API standard function ``linalg.inv(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.inv.html
    """
    try:
        f = _inv_cache[type(x)]
    except KeyError:
        f = _inv.resolve(x)
    return f(x)


_matmul = _Lookup("linalg", "matmul")
_matmul_cache = _matmul.cache


def matmul(x1: ArrayT, x2: ArrayT, /) -> ArrayT:
    """Matrix product of x1 and x2 (alias of the main matmul).

    Array API standard function ``linalg.matmul(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.matmul.html
    """
    try:
        f = _matmul_cache[type(x1)][type(x2)]
    except KeyError:
        f = _matmul.resolve(x1, x2)
    return f(x1, x2)


_matrix_norm = _Lookup("linalg", "matrix_norm")
_matrix_norm_cache = _matrix_norm.cache


def matrix_norm(
    x: ArrayT, /, *, keepdims: bool = False, ord: float | Literal["fro", "nuc"] | None = "fro"
) -> ArrayT:
    """Norm of each matrix ('fro', 'nuc', inf, 1, 2, ...).

    Array API standard function ``linalg.matrix_norm(x, /, *, keepdims=False, ord='fro')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.matrix_norm.html
    """
    try:
        f = _matrix_norm_cache[type(x)]
    except KeyError:
        f = _matrix_norm.resolve(x)
    if keepdims is False:
        return f(x, ord=ord)
    return f(x, keepdims=keepdims, ord=ord)


_matrix_power = _Lookup("linalg", "matrix_power")
_matrix_power_cache = _matrix_power.cache


def matrix_power(x: ArrayT, n: int, /) -> ArrayT:
    """Raise each square matrix to the integer power n.

    Array API standard function ``linalg.matrix_power(x, n, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.matrix_power.html
    """
    try:
        f = _matrix_power_cache[type(x)]
    except KeyError:
        f = _matrix_power.resolve(x)
    return f(x, n)


_matrix_rank = _Lookup("linalg", "matrix_rank")
_matrix_rank_cache = _matrix_rank.cache


def matrix_rank(x: ArrayT, /, *, rtol: ArrayT | float | None = None) -> ArrayT:
    """Rank of each matrix: the count of singular values above the rtol cutoff.

    Array API standard function ``linalg.matrix_rank(x, /, *, rtol=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.matrix_rank.html
    """
    try:
        f = _matrix_rank_cache[type(x)]
    except KeyError:
        f = _matrix_rank.resolve(x)
    if rtol is None:
        return f(x)
    return f(x, rtol=rtol)


_matrix_transpose = _Lookup("linalg", "matrix_transpose")
_matrix_transpose_cache = _matrix_transpose.cache


def matrix_transpose(x: ArrayT, /) -> ArrayT:
    """Swap the last two axes of x.

    Array API standard function ``linalg.matrix_transpose(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.matrix_transpose.html
    """
    try:
        f = _matrix_transpose_cache[type(x)]
    except KeyError:
        f = _matrix_transpose.resolve(x)
    return f(x)


_outer = _Lookup("linalg", "outer")
_outer_cache = _outer.cache


def outer(x1: ArrayT, x2: ArrayT, /) -> ArrayT:
    """Outer product of two 1-D vectors.

    Array API standard function ``linalg.outer(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.outer.html
    """
    try:
        f = _outer_cache[type(x1)][type(x2)]
    except KeyError:
        f = _outer.resolve(x1, x2)
    return f(x1, x2)


_pinv = _Lookup("linalg", "pinv")
_pinv_cache = _pinv.cache


def pinv(x: ArrayT, /, *, rtol: ArrayT | float | None = None) -> ArrayT:
    """Moore-Penrose pseudo-inverse of each matrix.

    Array API standard function ``linalg.pinv(x, /, *, rtol=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.pinv.html
    """
    try:
        f = _pinv_cache[type(x)]
    except KeyError:
        f = _pinv.resolve(x)
    if rtol is None:
        return f(x)
    return f(x, rtol=rtol)


_qr = _Lookup("linalg", "qr")
_qr_cache = _qr.cache


def qr(x: ArrayT, /, *, mode: Literal["reduced", "complete"] = "reduced") -> QRResult[ArrayT]:
    """QR decomposition of each matrix; returns a namedtuple (Q, R).

    Array API standard function ``linalg.qr(x, /, *, mode='reduced')``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.qr.html
    """
    try:
        f = _qr_cache[type(x)]
    except KeyError:
        f = _qr.resolve(x)
    return f(x, mode=mode)


_slogdet = _Lookup("linalg", "slogdet")
_slogdet_cache = _slogdet.cache


def slogdet(x: ArrayT, /) -> SlogdetResult[ArrayT]:
    """Sign and natural log of |det| of each matrix; returns (sign, logabsdet).

    Array API standard function ``linalg.slogdet(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.slogdet.html
    """
    try:
        f = _slogdet_cache[type(x)]
    except KeyError:
        f = _slogdet.resolve(x)
    return f(x)


_solve = _Lookup("linalg", "solve")
_solve_cache = _solve.cache


def solve(x1: ArrayT, x2: ArrayT, /) -> ArrayT:
    """Solve x1 @ result = x2 for result.

    Array API standard function ``linalg.solve(x1, x2, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.solve.html
    """
    try:
        f = _solve_cache[type(x1)][type(x2)]
    except KeyError:
        f = _solve.resolve(x1, x2)
    return f(x1, x2)


_svd = _Lookup("linalg", "svd")
_svd_cache = _svd.cache


def svd(x: ArrayT, /, *, full_matrices: bool = True) -> SVDResult[ArrayT]:
    """Singular value decomposition; returns a namedtuple (U, S, Vh).

    Array API standard function ``linalg.svd(x, /, *, full_matrices=True)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.svd.html
    """
    try:
        f = _svd_cache[type(x)]
    except KeyError:
        f = _svd.resolve(x)
    if full_matrices is True:
        return f(x)
    return f(x, full_matrices=full_matrices)


_svdvals = _Lookup("linalg", "svdvals")
_svdvals_cache = _svdvals.cache


def svdvals(x: ArrayT, /) -> ArrayT:
    """Singular values of each matrix, in descending order.

    Array API standard function ``linalg.svdvals(x, /)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.svdvals.html
    """
    try:
        f = _svdvals_cache[type(x)]
    except KeyError:
        f = _svdvals.resolve(x)
    return f(x)


_tensordot = _Lookup("linalg", "tensordot")
_tensordot_cache = _tensordot.cache


def tensordot(
    x1: ArrayT, x2: ArrayT, /, *, axes: int | tuple[Sequence[int], Sequence[int]] = 2
) -> ArrayT:
    """Sum of products of x1 and x2 over the given axes.

    Array API standard function ``linalg.tensordot(x1, x2, /, *, axes=2)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.tensordot.html
    """
    try:
        f = _tensordot_cache[type(x1)][type(x2)]
    except KeyError:
        f = _tensordot.resolve(x1, x2)
    return f(x1, x2, axes=axes)


_trace = _Lookup("linalg", "trace")
_trace_cache = _trace.cache


def trace(x: ArrayT, /, *, offset: int = 0, dtype: DType | None = None) -> ArrayT:
    """Sum along the offset diagonal of each matrix.

    Array API standard function ``linalg.trace(x, /, *, offset=0, dtype=None)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.trace.html
    """
    try:
        f = _trace_cache[type(x)]
    except KeyError:
        f = _trace.resolve(x)
    if dtype is None:
        return f(x, offset=offset)
    return f(x, offset=offset, dtype=dtype)


_vecdot = _Lookup("linalg", "vecdot")
_vecdot_cache = _vecdot.cache


def vecdot(x1: ArrayT, x2: ArrayT, /, *, axis: int = -1) -> ArrayT:
    """Dot product of vectors along an axis (conjugating x1).

    Array API standard function ``linalg.vecdot(x1, x2, /, *, axis=-1)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.vecdot.html
    """
    try:
        f = _vecdot_cache[type(x1)][type(x2)]
    except KeyError:
        f = _vecdot.resolve(x1, x2)
    return f(x1, x2, axis=axis)


_vector_norm = _Lookup("linalg", "vector_norm")
_vector_norm_cache = _vector_norm.cache


def vector_norm(
    x: ArrayT,
    /,
    *,
    axis: int | tuple[int, ...] | None = None,
    keepdims: bool = False,
    ord: float = 2,
) -> ArrayT:
    """Vector norm of x over the given axes (ord 2 default).

    Array API standard function ``linalg.vector_norm(x, /, *, axis=None, keepdims=False, ord=2)``, computed by the
    namespace of the array arguments (NumPy, PyTorch, MLX or any standard
    library) and returning that library's arrays; with no array argument,
    by the selected backend (``ember_ml.get_backend()``).

    Specification: https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.linalg.vector_norm.html
    """
    try:
        f = _vector_norm_cache[type(x)]
    except KeyError:
        f = _vector_norm.resolve(x)
    if axis is None and keepdims is False:
        return f(x, ord=ord)
    return f(x, axis=axis, keepdims=keepdims, ord=ord)


for _name in __all__:  # the functions are ember_ml.ops.linalg's
    globals()[_name].__module__ = "ember_ml.ops.linalg"
del _name
