"""``linalg`` extension of the MLX namespace (array API 2025.12).

The decompositions (``_factorizations``) run on MLX's CPU stream (MLX implements them
there only), behind the non-finite guard of ``_lapack_guard``; complex input goes through
``_complex_linalg``. The rest of the extension is here.
Empty inputs are answered in Python before they reach MLX
(``mx.linalg.solve`` on 0x0 kills the process with SIGFPE).
"""

from __future__ import annotations

import math
from collections import namedtuple
from typing import Any

import mlx.core as mx

from ember_ml.backend import _sections
from ember_ml.backend.mlx import _bounds, _factorizations
from ember_ml.backend.mlx import _lapack_guard as _guard
from ember_ml.backend.mlx._complex_linalg import _embed, _lu_pivots, _unembed
from ember_ml.backend.mlx._dtypes import (
    _COMPLEX,
    _FLOAT_C,
    _INDEX,
    _SUM_KEEPS_C,
    _code,
    _float,
    _real_dtype,
    _sum_dtype,
)
from ember_ml.backend.mlx._factorizations import (  # the decompositions and their results
    EighResult,  # noqa: F401
    EigResult,  # noqa: F401
    QRResult,  # noqa: F401
    SVDResult,  # noqa: F401
    _empty,
    _square,
    cholesky,  # noqa: F401
    eig,  # noqa: F401
    eigh,  # noqa: F401
    eigvals,  # noqa: F401
    eigvalsh,  # noqa: F401
    qr,  # noqa: F401
    svd,  # noqa: F401
    svdvals,
)
from ember_ml.backend.mlx._lapack_guard import (
    _AXES,
    _CPU,
    _LAPACK_C,
    _NAN,
    _eye,
    _finite_guard,
    _nan_fill,
    _safe_inv,
    _safe_solve,
    _singular_for_inv,
    _solve,
    _square_consts,
)
from ember_ml.backend.mlx._linear_algebra import matmul, matrix_transpose, tensordot, vecdot
from ember_ml.backend.mlx._statistical import _empty_reduction

__all__ = [
    "cholesky",
    "cross",
    "det",
    "diagonal",
    "eigh",
    "eigvalsh",
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
    "eig",
    "eigvals",
]

SlogdetResult = namedtuple("SlogdetResult", ["sign", "logabsdet"])
_AXES_LIST = [-2, -1]


# mlx 0.32.4: none measured for 3-vectors (2-element vectors are accepted): the size check
def cross(x1: mx.array, x2: mx.array, /, *, axis: int = -1) -> mx.array:
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        raise ValueError("cross: the axis must have size 3")
    a, b = mx.broadcast_arrays(x1, x2)
    a = mx.moveaxis(a, axis, -1)
    b = mx.moveaxis(b, axis, -1)
    a0, a1, a2 = a[..., 0], a[..., 1], a[..., 2]
    b0, b1, b2 = b[..., 0], b[..., 1], b[..., 2]
    out = mx.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    return mx.moveaxis(out, -1, axis)


# mlx 0.32.4: no complex det; (float64 det measured exact: the float64 LU branch may go)
def det(x: mx.array, /) -> mx.array:
    _square(x, "det")
    x = _float(x)
    if _empty(x):
        return mx.ones(x.shape[:-2], dtype=x.dtype)
    if x.dtype in _COMPLEX or x.dtype == mx.float64:
        # MLX: no complex det, and its float64 det runs at float32 precision
        piv, sign = _lu_pivots(x)
        return mx.prod(piv, axis=-1) * sign.astype(x.dtype)
    return mx.linalg.det(x, stream=_CPU)


def _diagonal_is_empty(x: mx.array, offset: Any, name: str) -> bool:
    """Checks ``offset`` (an int); True when the diagonal it names is empty (MLX can hang on huge offsets)."""
    if x.ndim < 2:
        raise ValueError(f"{name}: expected an array of at least 2 dimensions, got shape {x.shape}")
    if type(offset) is not int:
        offset = _bounds.integer(offset, f"{name}: offset")
    return x.size == 0 or offset >= x.shape[-1] or -offset >= x.shape[-2]


# mlx 0.32.4: no mx.linalg.diagonal; a huge offset can hang
def diagonal(x: mx.array, /, *, offset: int = 0) -> mx.array:
    if _diagonal_is_empty(x, offset, "diagonal"):
        rows, cols = x.shape[-2:]
        length = min(rows, cols - offset) if offset >= 0 else min(rows + offset, cols)
        return mx.zeros((*x.shape[:-2], max(length, 0)), dtype=x.dtype)
    return mx.diagonal(x, offset, -2, -1)


# mlx 0.32.4: no complex or integer input; LAPACK on CPU only, garbage on NaN/inf; a singular
# matrix throws in the worker thread (garbage, then a hang): the guard's zero-pivot check
def inv(x: mx.array, /) -> mx.array:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "inv")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:
        n = shape[-1]
        eye, nan, _ = _guard._EYES.get((n, c)) or _square_consts(n, dt, c)
        bad = mx.any(x - x, _AXES, True)
        bad = mx.logical_or(bad, _singular_for_inv(mx.where(bad, eye, x)))
        bad = mx.broadcast_to(bad, shape)
        return mx.where(bad, nan, mx.linalg.inv(mx.where(bad, eye, x), stream=_CPU))
    return _inv_general(x)


def _inv_general(x: mx.array, /) -> mx.array:
    _square(x, "inv")
    x = _float(x)
    if _empty(x):
        return x
    if x.dtype in _COMPLEX:
        n = x.shape[-1]
        return _unembed(_finite_guard(_embed(x), _safe_inv), n, n)
    return _finite_guard(x, _safe_inv)


# mlx 0.32.4: no empty input (can hang); ord 2/-2/nuc need the SVD on the CPU
def matrix_norm(x: mx.array, /, *, keepdims: bool = False, ord: Any = "fro") -> mx.array:  # noqa: A002
    if type(ord) is str and ord == "fro" and _code(x.dtype) in _FLOAT_C and x.ndim >= 2 and x.size:
        return mx.linalg.norm(
            x, "fro", _AXES_LIST, keepdims
        )  # sqrt(sum(x*x)) over the matrix, as below
    return _matrix_norm_general(x, keepdims=keepdims, ord=ord)


def _matrix_norm_general(x: mx.array, /, *, keepdims: bool = False, ord: Any = "fro") -> mx.array:  # noqa: A002
    x = _float(x)
    if x.size == 0 and x.ndim >= 2 and ord in ("fro", "nuc", 2, -2, 1, -1, math.inf, -math.inf):
        shape = (*x.shape[:-2], 1, 1) if keepdims else x.shape[:-2]
        return mx.zeros(shape, dtype=_real_dtype(x.dtype))  # MLX's empty reductions can deadlock
    rdt = _real_dtype(x.dtype)
    if ord in (2, -2, "nuc"):
        s = svdvals(x)
        if ord == 2:
            out = mx.max(s, axis=-1)
        elif ord == -2:
            out = mx.min(s, axis=-1)
        else:
            out = mx.sum(s, axis=-1)
        if keepdims:
            out = out[..., None, None]
        return out.astype(rdt)
    a = mx.abs(x)
    if ord == "fro":
        out = mx.sqrt(mx.sum(mx.square(a), axis=(-2, -1), keepdims=keepdims))
    elif ord in (1, -1):
        col = mx.sum(a, axis=-2, keepdims=True)
        out = (
            mx.max(col, axis=-1, keepdims=True) if ord == 1 else mx.min(col, axis=-1, keepdims=True)
        )
        out = out if keepdims else out[..., 0, 0]
    elif ord in (math.inf, -math.inf):
        row = mx.sum(a, axis=-1, keepdims=True)
        out = (
            mx.max(row, axis=-2, keepdims=True) if ord > 0 else mx.min(row, axis=-2, keepdims=True)
        )
        out = out if keepdims else out[..., 0, 0]
    else:
        raise ValueError(f"matrix_norm: unsupported ord {ord!r}")
    return out.astype(rdt)


# mlx 0.32.4: no mx.linalg.matrix_power
def matrix_power(x: mx.array, n: int, /) -> mx.array:
    _square(x, "matrix_power")
    if n == 0:
        eye = mx.eye(x.shape[-1], dtype=x.dtype)
        return mx.broadcast_to(eye, x.shape)
    if n < 0:
        x = inv(x)
        n = -n
    result: mx.array | None = None
    base = x
    while n:
        if n & 1:
            result = base if result is None else matmul(result, base)
        n >>= 1
        if n:
            base = matmul(base, base)
    assert result is not None  # n >= 1 here
    return result


# mlx 0.32.4: no mx.linalg.matrix_rank
def matrix_rank(x: mx.array, /, *, rtol: Any = None) -> mx.array:
    x = _float(x)
    if _empty(x):
        return mx.zeros(x.shape[:-2], dtype=_INDEX)
    s = svdvals(x)
    smax = mx.max(s, axis=-1, keepdims=True)
    if rtol is None:
        tol = smax * (max(x.shape[-2:]) * mx.finfo(_real_dtype(x.dtype)).eps)
    else:
        r = rtol if not isinstance(rtol, mx.array) else rtol[..., None]
        tol = smax * r
    return mx.sum(s > tol, axis=-1).astype(_INDEX)


# mlx 0.32.4: mx.outer flattens n-d input (standard: 1-d only)
def outer(x1: mx.array, x2: mx.array, /) -> mx.array:
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError("outer: inputs must be 1-D")
    return mx.outer(x1, x2)  # _outer_general in one call (same promotion as multiply)


def _outer_general(x1: mx.array, x2: mx.array, /) -> mx.array:
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError("outer: inputs must be 1-D")
    return mx.multiply(x1[:, None], x2[None, :])


# mlx 0.32.4: no rtol=, no complex input; NaN/inf fails (LAPACK *gesdd)
def pinv(x: mx.array, /, *, rtol: Any = None) -> mx.array:
    dt = x.dtype
    c = _code(dt)
    if rtol is None and c in _LAPACK_C and x.ndim >= 2 and x.size:
        shape = x.shape
        m, n = shape[-2:]
        bad = mx.any(x - x, _AXES, True)
        if m == n:
            bad = mx.broadcast_to(bad, shape)
        out = mx.linalg.pinv(mx.where(bad, _eye(m, n, dt), x), stream=_CPU)
        return mx.where(bad, _nan_fill((n, m), dt), out)
    return _pinv_general(x, rtol=rtol)


def _pinv_general(x: mx.array, /, *, rtol: Any = None) -> mx.array:
    x = _float(x)
    if _empty(x):
        return mx.zeros((*x.shape[:-2], x.shape[-1], x.shape[-2]), dtype=x.dtype)
    if x.dtype in _COMPLEX:
        m, n = x.shape[-2:]
        return _unembed(pinv(_embed(x), rtol=rtol), n, m)
    if rtol is None:
        return _finite_guard(x, lambda a: mx.linalg.pinv(a, stream=_CPU))
    u, s, vh = _finite_guard(x, lambda a: mx.linalg.svd(a, stream=_CPU))
    k = min(x.shape[-2:])
    u = u[..., :, :k]
    vh = vh[..., :k, :]
    smax = mx.max(s, axis=-1, keepdims=True)
    r = rtol if not isinstance(rtol, mx.array) else rtol[..., None]
    keep = s > smax * r
    sinv = mx.where(keep, 1 / mx.where(keep, s, 1), 0).astype(x.dtype)
    return mx.matmul(
        mx.conj(mx.swapaxes(vh, -1, -2)) * sinv[..., None, :], mx.conj(mx.swapaxes(u, -1, -2))
    )


# mlx 0.32.4: no complex slogdet; (float64 measured exact: the float64 LU branch may go)
def slogdet(x: mx.array, /) -> SlogdetResult:
    _square(x, "slogdet")
    x = _float(x)
    if _empty(x):
        shape = x.shape[:-2]
        return SlogdetResult(
            mx.ones(shape, dtype=x.dtype), mx.zeros(shape, dtype=_real_dtype(x.dtype))
        )
    if x.dtype in _COMPLEX or x.dtype == mx.float64:
        piv, psign = _lu_pivots(x)
        mag = mx.abs(piv)
        zero = mx.any(mag == 0, axis=-1)
        phase = mx.prod(piv / mx.where(mag == 0, 1, mag), axis=-1) * psign.astype(x.dtype)
        logabs = mx.sum(mx.log(mag), axis=-1)
        return SlogdetResult(mx.where(zero, mx.zeros_like(phase), phase), logabs)
    sign, logabs = mx.linalg.slogdet(x, stream=_CPU)
    return SlogdetResult(sign, logabs)


# mlx 0.32.4: no complex input; a 0x0 system kills the process (SIGFPE); NaN/inf garbage; a
# singular matrix throws in the worker thread (garbage, then a hang): MLX's steps, U made safe
def solve(x1: mx.array, x2: mx.array, /) -> mx.array:
    s1 = x1.shape
    if len(s1) < 2 or s1[-1] != s1[-2]:
        _square(x1, "solve")
    c = _code(x1.dtype)
    if c in _LAPACK_C and c == _code(x2.dtype) and x1.size and x2.size:
        s2 = x2.shape
        nan = _NAN[c]
        if (
            len(s2) >= 2 and s2[:-1] == s1[:-1]
        ):  # a stack of matrices with the same batch: no broadcasting
            bad = mx.logical_or(mx.any(x1 - x1, _AXES, True), mx.any(x2 - x2, _AXES, True))
            a = mx.where(bad, _eye(s1[-1], s1[-1], x1.dtype), x1)
            out, sing = _solve(a, mx.where(bad, 0.0, x2))
            return mx.where(mx.logical_or(bad, sing), nan, out)
        if len(s2) == 1 and len(s1) == 2 and s2[0] == s1[0]:  # one matrix, one vector
            bad = mx.logical_or(mx.any(x1 - x1, _AXES), mx.any(x2 - x2))
            a = mx.where(bad, _eye(s1[-1], s1[-1], x1.dtype), x1)
            out, sing = _solve(a, mx.where(bad, 0.0, x2))
            return mx.where(mx.logical_or(bad, sing[0, 0]), nan, out)
    return _solve_general(x1, x2)


def _solve_general(x1: mx.array, x2: mx.array, /) -> mx.array:
    _square(x1, "solve")
    dt = mx.result_type(_float(x1), _float(x2))
    a = x1.astype(dt)
    b = x2.astype(dt)
    n = a.shape[-1]
    vector = b.ndim == 1
    if vector:
        b = b[:, None]
    batch = mx.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = mx.broadcast_to(a, (*batch, n, n))
    b = mx.broadcast_to(b, (*batch, n, b.shape[-1]))
    if n == 0 or b.size == 0:
        out = mx.zeros(b.shape, dtype=dt)
    elif dt in _COMPLEX:
        rb = mx.concatenate([mx.real(b), mx.imag(b)], axis=-2)
        y = _finite_guard(_embed(a), _safe_solve, rb)
        out = y[..., :n, :] + 1j * y[..., n:, :]
    else:
        out = _finite_guard(a, _safe_solve, b)
    return out[..., 0] if vector else out


# mlx 0.32.4: a sum over an empty diagonal can hang (MLX's empty reductions)
def trace(x: mx.array, /, *, offset: int = 0, dtype: Any = None) -> mx.array:
    shape = x.shape
    if (
        dtype is None
        and type(offset) is int
        and len(shape) >= 2
        and -shape[-2] < offset < shape[-1]
        and x.size
        and _code(x.dtype) in _SUM_KEEPS_C
    ):
        return mx.trace(x, offset, -2, -1)  # sum(diagonal(x)) in one call, in x's dtype
    return _trace_general(x, offset=offset, dtype=dtype)


def _trace_general(x: mx.array, /, *, offset: int = 0, dtype: Any = None) -> mx.array:
    dt = _sum_dtype(x.dtype, dtype)
    if _diagonal_is_empty(
        x, offset, "trace"
    ):  # MLX's reductions over empty inputs can deadlock (docs/mlx.md)
        return mx.zeros(x.shape[:-2], dtype=dt)
    d = mx.diagonal(x, offset, -2, -1)
    if dt != d.dtype:
        d = d.astype(dt)
    out = mx.sum(d, axis=-1)
    return out if out.dtype == dt else out.astype(dt)


# mlx 0.32.4: a norm of an empty input can hang (MLX's empty reductions)
def vector_norm(
    x: mx.array, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2
) -> mx.array:  # noqa: A002
    if (
        type(ord) is int
        and ord == 2
        and _code(x.dtype) in _FLOAT_C
        and x.size
        and (axis is None or type(axis) is int)
    ):
        # MLX's 2-norm: sqrt(sum(x*x)) as below, one call (the same values, bit for bit); axis checked by MLX
        return mx.linalg.norm(x, None, axis, keepdims)
    return _vector_norm_general(x, axis=axis, keepdims=keepdims, ord=ord)


def _vector_norm_general(
    x: mx.array, /, *, axis: Any = None, keepdims: bool = False, ord: Any = 2
) -> mx.array:  # noqa: A002
    x = _float(x)
    if x.size == 0 and ord not in (math.inf, -math.inf):
        return _empty_reduction(x, axis, keepdims, 0, _real_dtype(x.dtype), "vector_norm")
    rdt = _real_dtype(x.dtype)
    if axis is None:
        a = mx.abs(x).reshape(-1)
        ax: Any = 0
    else:
        a = mx.abs(x)
        ax = list(axis) if isinstance(axis, tuple) else axis
    if ord == math.inf:
        out = mx.max(a, axis=ax, keepdims=keepdims)
    elif ord == -math.inf:
        out = mx.min(a, axis=ax, keepdims=keepdims)
    elif ord == 0:
        out = mx.sum(a != 0, axis=ax, keepdims=keepdims).astype(rdt)
    elif ord == 1:
        out = mx.sum(a, axis=ax, keepdims=keepdims)
    elif ord == 2:
        out = mx.sqrt(mx.sum(mx.square(a), axis=ax, keepdims=keepdims))
    else:
        out = mx.power(mx.sum(mx.power(a, ord), axis=ax, keepdims=keepdims), 1.0 / ord)
    if axis is None and keepdims:
        out = out.reshape((1,) * x.ndim)
    return out.astype(rdt) if out.dtype != rdt else out


_sections.present_as(__name__, (_factorizations,))
