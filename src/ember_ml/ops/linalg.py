"""The standard's ``linalg`` extension, dispatched on the input arrays (also reachable as ``ops.linearalg``).

Beside the standard's functions (which keep exactly the standard's behaviour)
it holds the extras NumPy/SciPy users reach for: ``lstsq``, ``norm``, ``diag``,
``solve_triangular``, ``cholesky_solve``, ``expm`` and the ``orthogonal``
initialiser helper. Each extra has one generic implementation in standard calls
and native fast paths in ``ember_ml.backend.<library>._extras.linalg``.

>>> import numpy as np
>>> from ember_ml.ops import linalg
>>> float(linalg.norm(np.asarray([[3.0, 0.0], [0.0, 4.0]])))
5.0
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, Literal, overload

from ember_ml import array_namespace
from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml._typing import ArrayT, DType, EigResult, SelectedArray
from ember_ml.ops._extras import guard_allocation, is_real_floating, namespace_of_arrays
from ember_ml.ops._standard_linalg import *  # noqa: F403 - the generated standard functions
from ember_ml.ops._standard_linalg import __all__ as _STANDARD
from ember_ml.ops._standard_linalg import eig as _standard_eig
from ember_ml.ops._standard_linalg import eigvals as _standard_eigvals

__all__ = [
    *_STANDARD,
    "cholesky_solve",
    "diag",
    "expm",
    "lstsq",
    "norm",
    "orthogonal",
    "solve_triangular",
]

Array = Any  # the working arrays inside the extras (the public signatures use ArrayT)
_GROUP = "linalg"

_VECTOR_ORDS = "a number, inf or -inf"
_MATRIX_ORDS = (None, "fro", "nuc", math.inf, -math.inf, 1, -1, 2, -2)


# --------------------------------------------------------------------------- helpers


def _float(xp: ModuleType, *arrays: Array) -> list[Array]:
    """The arrays at their common floating dtype (integers promote to the default float)."""
    dtype = xp.result_type(*arrays)
    if not xp.isdtype(dtype, ("real floating", "complex floating")):
        dtype = xp.__array_namespace_info__().default_dtypes()["real floating"]
    return [a if a.dtype == dtype else xp.astype(a, dtype) for a in arrays]


def _square(x: Array, name: str) -> None:
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(
            f"{name}: expected a (stack of) square matrices, got shape {tuple(x.shape)}"
        )


def _library(xp: ModuleType) -> str:
    name = xp.__name__
    return name.rsplit(".", 1)[-1] if name.startswith("ember_ml.backend.") else name


# --------------------------------------------------------------------------- eig / eigvals


# eig and eigvals replace the star-imported standard functions of the same signature
def eig(x: ArrayT, /) -> EigResult[ArrayT]:  # type: ignore[no-redef]
    """Eigenvalues and eigenvectors of each square matrix (the standard's ``linalg.eig``).

    Computed by the library of x (MLX: on its CPU stream); a library without
    ``linalg.eig`` raises ``NotImplementedError`` naming it. A matrix holding NaN
    or inf never reaches LAPACK (whose error handler ends the process on MLX and
    segfaults torch): its eigenvalues and eigenvectors are NaN, without evaluating
    anything; NumPy raises its ``LinAlgError`` (a ``ValueError``) as it always has.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> linalg.eig(np.asarray([[2.0, 0.0], [0.0, 3.0]])).eigenvalues
    array([2.+0.j, 3.+0.j])
    """
    _require(x, "eig")
    bad = _non_finite_matrices(x)
    if bad is None:
        return _standard_eig(x)
    xp, bad, clean = bad
    res: Any = _standard_eig(clean)
    values = xp.where(bad[..., None], xp.full_like(res[0], math.nan), res[0])
    vectors = xp.where(bad[..., None, None], xp.full_like(res[1], math.nan), res[1])
    kind = type(res)
    return kind._make((values, vectors)) if hasattr(kind, "_make") else kind((values, vectors))


def eigvals(x: ArrayT, /) -> ArrayT:  # type: ignore[no-redef]
    """Eigenvalues of each square matrix (the standard's ``linalg.eigvals``).

    A library without ``linalg.eigvals`` raises ``NotImplementedError`` naming it.
    Non-finite matrices give NaN eigenvalues (NumPy: ``LinAlgError``), as ``eig``.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> linalg.eigvals(np.asarray([[2.0, 0.0], [0.0, 3.0]]))
    array([2.+0.j, 3.+0.j])
    """
    _require(x, "eigvals")
    bad = _non_finite_matrices(x)
    if bad is None:
        return _standard_eigvals(x)
    xp, bad, clean = bad
    values = _standard_eigvals(clean)
    return xp.where(bad[..., None], xp.full_like(values, math.nan), values)


def _non_finite_matrices(x: Array) -> tuple[ModuleType, Array, Array] | None:
    """(xp, per-matrix "holds NaN/inf" mask, x with those matrices zeroed), or None where not needed.

    Lazy (no evaluation): LAPACK never sees a non-finite entry. NumPy checks and
    raises by itself, so NumPy arrays (and array-api-strict's, NumPy inside) skip it,
    as do torch and MLX arrays: ember_ml's torch and MLX namespaces guard their own eig.
    """
    xp = namespace_of_arrays(x)
    if (
        "numpy" in xp.__name__
        or xp.__name__.startswith("ember_ml.backend.")
        or x.ndim < 2
        or x.shape[-1] != x.shape[-2]
        or math.prod(x.shape) == 0
    ):
        return None
    if not xp.isdtype(x.dtype, ("real floating", "complex floating")):
        return None
    bad = ~xp.all(xp.isfinite(x), axis=(-2, -1))
    clean = xp.where(bad[..., None, None], xp.zeros_like(x), x)
    return xp, bad, clean


eig.__module__ = eigvals.__module__ = __name__


def _require(x: Array, name: str) -> None:
    xp = namespace_of_arrays(x)
    if getattr(getattr(xp, "linalg", None), name, None) is None:
        raise NotImplementedError(
            f"linalg.{name}: the {_library(xp)} array library does not provide linalg.{name} "
            f"(namespace {xp.__name__})"
        )


# --------------------------------------------------------------------------- lstsq


def lstsq(
    a: ArrayT, b: ArrayT, /, *, rcond: float | None = None
) -> tuple[ArrayT, ArrayT, int, ArrayT]:
    """Least-squares solution of ``a @ x = b``, as ``numpy.linalg.lstsq``.

    Returns ``(x, residuals, rank, s)``: the minimum-norm solution, the squared
    residual norm per column of b when a has full column rank and more rows
    than columns (else an empty array), the effective rank (a Python int) and
    a's singular values. Singular values at most ``rcond * max(s)`` count as
    zero (``rcond=None``: machine epsilon times max(M, N); negative or >= 1 (inf
    included): machine epsilon, LAPACK's gelsd convention; NaN raises ``ValueError``). The residuals' shape
    and the rank depend on the data, so this evaluates.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> a = np.asarray([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> x, residuals, rank, s = linalg.lstsq(a, np.asarray([1.0, 2.0, 3.0]))
    >>> np.round(x, 6), rank
    (array([1., 2.]), 2)
    """
    xp = namespace_of_arrays(a, b)
    if a.ndim != 2 or b.ndim not in (1, 2) or b.shape[0] != a.shape[0]:
        raise ValueError(
            f"lstsq: a must be (M, N) and b (M,) or (M, K); got {tuple(a.shape)} and {tuple(b.shape)}"
        )
    if rcond is not None:
        if isinstance(rcond, bool) or not isinstance(rcond, (int, float)):
            raise TypeError(f"lstsq: rcond must be None or a real Python number, got {rcond!r}")
        rcond = float(rcond)
        if math.isnan(rcond):
            raise ValueError("lstsq: rcond must be a number, got nan")
    a, b = _float(xp, a, b)
    fast = fast_path(xp, _GROUP, "lstsq")
    if fast is not None:
        return fast(a, b, rcond)
    m, n = a.shape
    vector = b.ndim == 1
    b2 = xp.reshape(b, (m, 1)) if vector else b
    k = b2.shape[1]
    complex_ = xp.isdtype(a.dtype, "complex floating")
    real = xp.real(a).dtype if complex_ else a.dtype
    if rcond is None:
        rcond = xp.finfo(real).eps * max(m, n)
    elif not 0.0 <= rcond < 1.0:  # LAPACK's gelsd (so NumPy's) convention: machine precision
        rcond = xp.finfo(real).eps
    if m == 0 or n == 0:
        x = xp.zeros((n, k), dtype=a.dtype)
        s = xp.zeros((0,), dtype=real)
        rank = 0
    else:
        u, s, vh = xp.linalg.svd(a, full_matrices=False)
        mask = s > rcond * xp.max(s)
        rank = int(xp.sum(xp.astype(mask, xp.int32)))  # noqa: EM401 - lstsq returns the rank as int
        inv = xp.where(mask, 1.0 / xp.where(mask, s, xp.ones_like(s)), xp.zeros_like(s))
        uh, v = xp.matrix_transpose(u), xp.matrix_transpose(vh)
        if complex_:
            uh, v = xp.conj(uh), xp.conj(v)
        coef = xp.astype(inv, a.dtype)[:, None] * xp.matmul(uh, b2)
        x = xp.matmul(v, coef)
    if rank == n and m > n:
        r = b2 - xp.matmul(a, x)
        residuals = xp.sum(xp.abs(r) ** 2, axis=0)
    else:
        residuals = xp.zeros((0,), dtype=real)
    return (xp.reshape(x, (n,)) if vector else x), residuals, rank, s


# --------------------------------------------------------------------------- norm


def _check_vector_ord(ord: Any) -> None:  # noqa: A002
    if isinstance(ord, (str, bool)) or not isinstance(ord, (int, float)):
        raise ValueError(
            f"norm: invalid norm order {ord!r} for vectors; valid orders are {_VECTOR_ORDS}"
        )


def _vector_norm(xp: ModuleType, x: Array, axis: Any, keepdims: bool, ord: Any) -> Array:  # noqa: A002
    if ord == 0:
        count = xp.astype(
            x != 0, xp.real(x).dtype if xp.isdtype(x.dtype, "complex floating") else x.dtype
        )
        return xp.sum(count, axis=axis, keepdims=keepdims)
    return xp.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)


def norm(
    x: ArrayT,
    /,
    *,
    ord: float | Literal["fro", "nuc"] | None = None,  # noqa: A002
    axis: int | tuple[int, ...] | None = None,
    keepdims: bool = False,
) -> ArrayT:
    """Vector or matrix norm, as ``numpy.linalg.norm``.

    ``axis`` None: the 2-norm of x flattened when ``ord`` is None, else x must be
    1-D (vector norm) or 2-D (matrix norm). An int axis: vector norms (``ord``
    any number, ``inf``, ``-inf``, 0 counts non-zeros). A pair of axes: matrix
    norms (``ord`` None/'fro', 'nuc', inf, -inf, 1, -1, 2, -2). Integer input
    promotes to the default float.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> x = np.asarray([[1.0, -2.0], [3.0, 4.0]])
    >>> linalg.norm(x, ord=1, axis=1), float(linalg.norm(x, ord=np.inf))
    (array([3., 7.]), 7.0)
    """
    xp = namespace_of_arrays(x)
    (x,) = _float(xp, x)
    nd = x.ndim
    if axis is None:
        if ord is None or (ord == "fro" and nd == 2) or (ord == 2 and nd == 1):
            out = xp.linalg.vector_norm(x, axis=None, keepdims=keepdims)
            return xp.reshape(out, (1,) * nd) if keepdims else out
        if nd == 1:
            axis = 0
        elif nd == 2:
            axis = (0, 1)
        else:
            raise ValueError(
                f"norm: with ord={ord!r} and axis=None, x must be 1-D or 2-D; got {nd} dimensions"
            )
    if isinstance(axis, tuple) and len(axis) == 1:
        axis = axis[0]
    if not isinstance(axis, tuple):
        axis = check_int(axis, "norm: axis")
        if not -nd <= axis < nd:
            raise ValueError(f"norm: axis {axis} is out of range for {nd} dimensions")
        if ord is None:
            ord = 2  # noqa: A001
        _check_vector_ord(ord)
        return _vector_norm(xp, x, axis, keepdims, ord)
    if len(axis) != 2:
        raise ValueError(f"norm: axis must be None, an int or a pair of ints; got {axis!r}")
    a0, a1 = [check_int(a, "norm: axis") for a in axis]
    if not (-nd <= a0 < nd and -nd <= a1 < nd) or a0 % nd == a1 % nd:
        raise ValueError(f"norm: invalid axes {axis!r} for {nd} dimensions")
    if ord not in _MATRIX_ORDS or isinstance(ord, bool):
        raise ValueError(
            f"norm: invalid norm order {ord!r} for matrices; valid orders are None, 'fro', 'nuc', inf, -inf, 1, -1, 2, -2"
        )
    a0, a1 = a0 % nd, a1 % nd
    moved = xp.moveaxis(x, (a0, a1), (-2, -1))
    out = xp.linalg.matrix_norm(moved, keepdims=False, ord="fro" if ord is None else ord)
    if keepdims:
        out = xp.reshape(out, tuple([1 if i in (a0, a1) else s for i, s in enumerate(x.shape)]))
    return out


# --------------------------------------------------------------------------- diag


def diag(x: ArrayT, /, *, k: int = 0) -> ArrayT:
    """A 2-D array with 1-D x on its k-th diagonal, or the k-th diagonal of 2-D x, as ``numpy.diag``.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> linalg.diag(np.asarray([1, 2]), k=1)
    array([[0, 1, 0],
           [0, 0, 2],
           [0, 0, 0]])
    >>> linalg.diag(np.asarray([[1, 2], [3, 4]]))
    array([1, 4])
    """
    xp = namespace_of_arrays(x)
    k = check_int(k, "diag: k")
    if x.ndim not in (1, 2):
        raise ValueError(f"diag: x must be 1-D or 2-D, got shape {tuple(x.shape)}")
    fast = fast_path(xp, _GROUP, "diag")
    if fast is not None:
        return fast(x, k)
    if x.ndim == 2:
        return xp.linalg.diagonal(x, offset=k)
    n = x.shape[0]
    m = n + abs(k)
    pad = xp.zeros((abs(k),), dtype=x.dtype)
    column = xp.concat([x, pad] if k >= 0 else [pad, x])
    mask = xp.eye(m, k=k, dtype=xp.int8) != 0
    return xp.where(mask, column[:, None], xp.zeros((m, m), dtype=x.dtype))


# --------------------------------------------------------------------------- triangular and Cholesky solves


def _check_system(a: Array, b: Array, name: str) -> None:
    _square(a, name)
    if b.ndim == 0 or (b.shape[-2] if b.ndim > 1 else b.shape[0]) != a.shape[-1]:
        raise ValueError(
            f"{name}: b of shape {tuple(b.shape)} does not match a of shape {tuple(a.shape)}"
        )


def _solve_system(a: Array, b: Array, lower: bool, name: str, generic: Any) -> Array:
    """Check and convert a system, answer an empty one, then the backend's fast path ``name`` or ``generic``."""
    xp = namespace_of_arrays(a, b)
    _check_system(a, b, name)
    a, b = _float(xp, a, b)
    if (
        a.ndim == 2 and math.prod(b.shape) == 0
    ):  # an empty system (MLX's solver divides by zero on it)
        return xp.zeros(b.shape, dtype=b.dtype)
    fast = fast_path(xp, _GROUP, name)
    if fast is not None:
        return fast(a, b, lower)
    return generic(xp, a, b, lower)


def solve_triangular(a: ArrayT, b: ArrayT, /, *, lower: bool = False) -> ArrayT:
    """Solve ``a @ x = b`` for triangular a, as ``scipy.linalg.solve_triangular``.

    Only a's lower (``lower=True``) or upper triangle is read. b is (M,) or
    (M, K) (or a stack matching a's). A singular a gives the library's error or
    non-finite values.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> linalg.solve_triangular(np.asarray([[2.0, 0.0], [1.0, 1.0]]), np.asarray([2.0, 3.0]), lower=True)
    array([1., 2.])
    """
    return _solve_system(a, b, lower, "solve_triangular", _solve_triangular_generic)


def _solve_triangular_generic(xp: ModuleType, a: Array, b: Array, lower: bool) -> Array:
    return xp.linalg.solve(xp.tril(a) if lower else xp.triu(a), b)


def cholesky_solve(c: ArrayT, b: ArrayT, /, *, lower: bool = True) -> ArrayT:
    """Solve ``A @ x = b`` given the Cholesky factor c of A, as ``scipy.linalg.cho_solve((c, lower), b)``.

    ``lower=True``: A = c @ c^H (the standard's ``linalg.cholesky``); else A = c^H @ c.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> c = np.linalg.cholesky(np.asarray([[4.0, 2.0], [2.0, 3.0]]))
    >>> linalg.cholesky_solve(c, np.asarray([6.0, 5.0]))
    array([1., 1.])
    """
    return _solve_system(c, b, lower, "cholesky_solve", _cholesky_solve_generic)


def _cholesky_solve_generic(xp: ModuleType, c: Array, b: Array, lower: bool) -> Array:
    ch = xp.matrix_transpose(c)
    if xp.isdtype(c.dtype, "complex floating"):
        ch = xp.conj(ch)
    if lower:
        return solve_triangular(ch, solve_triangular(c, b, lower=True), lower=False)
    return solve_triangular(c, solve_triangular(ch, b, lower=True), lower=False)


# --------------------------------------------------------------------------- expm

# Pade (13, 13) coefficients and the 1-norm bound for scaling and squaring (Higham, 2005).
_PADE13 = (
    64764752532480000.0,
    32382376266240000.0,
    7771770303897600.0,
    1187353796428800.0,
    129060195264000.0,
    10559470521600.0,
    670442572800.0,
    33522128640.0,
    1323241920.0,
    40840800.0,
    960960.0,
    16380.0,
    182.0,
    1.0,
)
_THETA13 = 5.371920351148152


def expm(x: ArrayT, /) -> ArrayT:
    """Matrix exponential of each square matrix, as ``scipy.linalg.expm``.

    Scaling and squaring with a degree-13 Pade approximant. The number of
    squarings is chosen from x's 1-norm, so the generic path evaluates that one
    scalar (torch's ``linalg.matrix_exp`` fast path evaluates nothing).

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> np.round(linalg.expm(np.asarray([[0.0, 1.0], [0.0, 0.0]])), 12)
    array([[1., 1.],
           [0., 1.]])
    """
    xp = namespace_of_arrays(x)
    _square(x, "expm")
    (m,) = _float(xp, x)
    fast = fast_path(xp, _GROUP, "expm")
    if fast is not None:
        return fast(m)
    return _expm_generic(xp, m)


def _expm_generic(xp: ModuleType, x: Array) -> Array:
    """Scaling and squaring with the degree-13 Pade approximant (Higham, 2005)."""
    n = x.shape[-1]
    if math.prod(x.shape) == 0:
        return x + 0
    norm1 = float(xp.max(xp.sum(xp.abs(x), axis=-2)))  # noqa: EM401 - the 1-norm picks the squarings
    s = (
        max(0, math.ceil(math.log2(norm1 / _THETA13)))
        if math.isfinite(norm1) and norm1 > _THETA13
        else 0
    )
    a = x / (2.0**s) if s else x
    b = _PADE13
    eye = xp.eye(n, dtype=x.dtype)
    a2 = xp.matmul(a, a)
    a4 = xp.matmul(a2, a2)
    a6 = xp.matmul(a4, a2)
    u = xp.matmul(
        a,
        xp.matmul(a6, b[13] * a6 + b[11] * a4 + b[9] * a2)
        + b[7] * a6
        + b[5] * a4
        + b[3] * a2
        + b[1] * eye,
    )
    v = (
        xp.matmul(a6, b[12] * a6 + b[10] * a4 + b[8] * a2)
        + b[6] * a6
        + b[4] * a4
        + b[2] * a2
        + b[0] * eye
    )
    r = xp.linalg.solve(v - u, v + u)
    for _ in range(s):
        r = xp.matmul(r, r)
    return r


# --------------------------------------------------------------------------- orthogonal initialiser

_MASK32 = 0xFFFFFFFF


def _hash32(v: Array) -> Array:
    """A 32-bit integer mixing function on int64 arrays holding values in [0, 2**32).

    Products may pass 2**63 and wrap; only their low 32 bits are kept, which
    wrapping leaves intact, so every library gives the same bits.
    """
    v = v ^ (v >> 16)
    v = (v * 0x7FEB352D) & _MASK32
    v = v ^ (v >> 15)
    v = (v * 0x846CA68B) & _MASK32
    return v ^ (v >> 16)


def _standard_normal(xp: ModuleType, count: int, seed: int, dtype: Any, device: Any) -> Array:
    """``count`` standard normal numbers from a counter-based hash of ``seed`` (Box-Muller)."""
    mixed = (seed * 0x9E3779B9 + 0x7F4A7C15) & _MASK32
    counter = xp.arange(2 * count, dtype=xp.int64, device=device)
    bits = _hash32(_hash32(counter ^ mixed) ^ ((seed >> 32) & _MASK32))
    u = (xp.astype(bits, dtype) + 0.5) / 4294967296.0
    u1, u2 = u[:count], u[count:]
    return xp.sqrt(-2.0 * xp.log(u1)) * xp.cos((2.0 * math.pi) * u2)


@overload
def orthogonal(
    shape: tuple[int, ...],
    /,
    *,
    seed: int = 0,
    gain: float = 1.0,
    dtype: DType | None = None,
    like: None = None,
) -> SelectedArray: ...


@overload
def orthogonal(
    shape: tuple[int, ...],
    /,
    *,
    seed: int = 0,
    gain: float = 1.0,
    dtype: DType | None = None,
    like: ArrayT,
) -> ArrayT: ...


def orthogonal(
    shape: tuple[int, ...],
    /,
    *,
    seed: int = 0,
    gain: float = 1.0,
    dtype: DType | None = None,
    like: Any = None,
) -> Any:
    """A (semi-)orthogonal matrix for weight initialisation, from a seed (as ``torch.nn.init.orthogonal_``).

    The array has ``shape`` (2-D or more; the trailing dimensions are flattened
    into columns); its rows or columns, whichever are fewer, are orthonormal,
    times ``gain``. It is the Q factor (signs fixed by R's diagonal) of a
    matrix of standard normal numbers drawn from a counter-based 32-bit hash of
    ``seed``: the same seed gives the same numbers on every library, with no
    random state. The library (and device) is ``like``'s, else the selected
    backend; ``dtype`` defaults to its default float.

    >>> import numpy as np
    >>> from ember_ml.ops import linalg
    >>> w = linalg.orthogonal((3, 5), seed=7, like=np.zeros(1))
    >>> bool(np.allclose(w @ w.T, np.eye(3)))
    True
    """
    shape = tuple([check_int(s, "orthogonal: shape entries") for s in shape])
    if len(shape) < 2 or any([s < 0 for s in shape]):
        raise ValueError(
            f"orthogonal: shape must have 2 or more non-negative dimensions, got {shape}"
        )
    seed = check_int(seed, "orthogonal: seed", minimum=0)
    xp = array_namespace(like) if like is not None else array_namespace()
    if dtype is None:
        dtype = xp.__array_namespace_info__().default_dtypes()["real floating"]
    elif not is_real_floating(xp, dtype):
        raise ValueError(f"orthogonal: dtype must be a real floating dtype, got {dtype}")
    device = None
    if like is not None:
        import ember_ml

        device = ember_ml.device(like)
    rows, cols = shape[0], math.prod(shape[1:])
    # MLX: int32 axes, and a failed allocation crashes it
    guard_allocation(xp, _GROUP, (2 * rows * cols,), dtype, "orthogonal")
    if rows == 0 or cols == 0:
        return xp.zeros(shape, dtype=dtype, device=device)
    flat = xp.reshape(_standard_normal(xp, rows * cols, seed, dtype, device), (rows, cols))
    if rows < cols:
        flat = xp.matrix_transpose(flat)
    q, r = xp.linalg.qr(flat)
    d = xp.linalg.diagonal(r)
    q = q * xp.where(d < 0, -xp.ones_like(d), xp.ones_like(d))[None, :]
    if rows < cols:
        q = xp.matrix_transpose(q)
    return xp.reshape(q * gain if gain != 1.0 else q, shape)
