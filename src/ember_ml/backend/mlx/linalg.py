"""``linalg`` extension of the MLX namespace (array API 2025.12).

Decompositions run on MLX's CPU stream (MLX implements them there only).
Empty inputs are answered in Python before they reach MLX
(``mx.linalg.solve`` on 0x0 kills the process with SIGFPE).
"""

from __future__ import annotations

import math
from collections import namedtuple
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _sizes
from ember_ml.backend.mlx._aliases import (
    _COMPLEX,
    _INDEX,
    _REAL_FLOAT,
    _sum_dtype,
    matmul,
    matrix_transpose,
    tensordot,
    vecdot,
)

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

_CPU = mx.cpu

EighResult = namedtuple("EighResult", ["eigenvalues", "eigenvectors"])
EigResult = namedtuple("EigResult", ["eigenvalues", "eigenvectors"])
QRResult = namedtuple("QRResult", ["Q", "R"])
SlogdetResult = namedtuple("SlogdetResult", ["sign", "logabsdet"])
SVDResult = namedtuple("SVDResult", ["U", "S", "Vh"])


def _float(x: mx.array) -> mx.array:
    if x.dtype in _REAL_FLOAT or x.dtype in _COMPLEX:
        return x
    return x.astype(mx.float32)


def _real_dtype(dt: Any) -> Any:
    return mx.float32 if dt == mx.complex64 else dt


def _square(x: mx.array, name: str) -> None:
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(f"{name}: expected a stack of square matrices, got shape {x.shape}")


def _empty(x: mx.array) -> bool:
    return x.size == 0


def _nan_like(o: mx.array) -> mx.array:
    nan = _NAN.get(_code(o.dtype))
    if nan is not None:
        return nan
    if o.dtype in _COMPLEX:
        return mx.array(complex(math.nan, math.nan), dtype=o.dtype)
    return mx.array(math.nan, dtype=o.dtype)


# Hot-path dtype tests by code: ``hash(dtype)`` is MLX's own C++ hash (a distinct small int per
# dtype in mlx 0.32), while ``mx.Dtype.__eq__`` is a Python-level patch (_patches). Checked at
# import: should two dtypes ever hash alike, the codes fall back to the dtypes themselves.
_DTYPES = (
    mx.bool_,
    mx.int8,
    mx.int16,
    mx.int32,
    mx.int64,
    mx.uint8,
    mx.uint16,
    mx.uint32,
    mx.uint64,
    mx.float16,
    mx.bfloat16,
    mx.float32,
    mx.float64,
    mx.complex64,
)
_code: Any = hash if len({hash(d) for d in _DTYPES}) == len(_DTYPES) else (lambda d: d)
_F32_C = _code(mx.float32)
_F64_C = _code(mx.float64)
_C64_C = _code(mx.complex64)
_LAPACK_C = frozenset((_F32_C, _F64_C))  # the dtypes MLX's LAPACK calls take as they are
_AXES = (-2, -1)
_AXES_LIST = [-2, -1]
# dtypes whose sum keeps the dtype (the standard's trace without dtype=); the rest are upcast (_sum_dtype)
_SUM_KEEPS_C = frozenset(
    map(
        _code,
        (
            mx.int32,
            mx.int64,
            mx.uint32,
            mx.uint64,
            mx.float16,
            mx.bfloat16,
            mx.float32,
            mx.float64,
            mx.complex64,
        ),
    )
)
_FLOAT_C = frozenset(map(_code, (mx.float16, mx.bfloat16, mx.float32, mx.float64)))
# the NaN that replaces a guarded result, one 0-d array per dtype (made once: no per-call conversion)
_NAN = {
    _F32_C: mx.array(math.nan, dtype=mx.float32),
    _F64_C: mx.array(math.nan, dtype=mx.float64),
    _C64_C: mx.array(complex(math.nan, math.nan), dtype=mx.complex64),
}
_EYES: dict = {}  # the guard's constants: identity stand-ins and NaN fills, by (kind, shape..., dtype code)
_EYE_CACHE_ELEMENTS = 4096  # constants up to 64x64 are kept (32 KiB each at most)
_EYE_CACHE_ENTRIES = 64


def _keep(key: tuple, e: mx.array, elements: int) -> mx.array:
    if elements <= _EYE_CACHE_ELEMENTS:
        mx.eval(e)
        if len(_EYES) >= _EYE_CACHE_ENTRIES:
            _EYES.clear()
        _EYES[key] = e
    return e


def _eye(m: int, n: int, dtype: Any) -> mx.array:
    """The identity stand-in of a guarded call; small ones are made (and evaluated) once per shape and dtype.

    Evaluating a constant reads none of the caller's data: no sync on it, and it is allowed
    inside ``mx.compile`` (the cached array is a plain constant there). Made on the CPU
    stream, where LAPACK runs and float64 exists.
    """
    key = (m, n, _code(dtype))
    e = _EYES.get(key)
    return e if e is not None else _keep(key, mx.eye(m, n, dtype=dtype, stream=_CPU), m * n)


def _nan_fill(shape: tuple, dtype: Any) -> mx.array:
    """NaN of ``shape`` (the trailing, per-matrix shape of a guarded output; float32/float64), cached as ``_eye``.

    ``where(bad, nan, out)`` with operands of ``out``'s shape needs no broadcast node in the
    graph (a 0-d NaN costs one per call, about 2 us of evaluation on a 4x4 matrix).
    """
    key = ("nan", shape, _code(dtype))
    e = _EYES.get(key)
    if e is not None:
        return e
    if math.prod(shape) > _EYE_CACHE_ELEMENTS:
        return _NAN[key[2]]  # large: the 0-d NaN (its broadcast is small beside LAPACK)
    return _keep(key, mx.full(shape, math.nan, dtype=dtype, stream=_CPU), 0)


def _square_consts(n: int, dtype: Any, c: Any) -> tuple[mx.array, mx.array, mx.array]:
    """``(_eye(n, n), _nan_fill((n, n)), _nan_fill((n,)))``, kept under ``(n, c)`` for one lookup.

    ``c`` is the dtype's code. The square guarded calls look ``_EYES.get((n, c))`` up
    themselves and call this on a miss.
    """
    e = (_eye(n, n, dtype), _nan_fill((n, n), dtype), _nan_fill((n,), dtype))
    if n * n <= _EYE_CACHE_ELEMENTS:
        _EYES[(n, c)] = e
    return e


def _bad(x: mx.array) -> mx.array:
    """True (shape ``(..., 1, 1)``) for each matrix holding a NaN or an infinity.

    ``x - x`` is exactly +0 for every finite value and NaN for NaN and +-inf, so one
    subtraction and one ``any`` answer it (``mx.isfinite`` is ten graph nodes).
    """
    return mx.any(x - x, _AXES, True)


def _finite_guard(x: mx.array, fn: Any, *others: mx.array) -> Any:
    """``fn(x, *others)`` with non-finite matrices replaced by NaN results (one guard for LAPACK calls).

    LAPACK's error handler ends the process (exit status 0, mid-call) on NaN/inf
    input to ``*gebal`` (eig/eigvals), ``*gesdd`` fails or returns garbage, and
    ``*syevd`` returns finite garbage for a NaN matrix. Each matrix of the batch
    (and of ``others``, broadcast against it) that holds a non-finite value is
    replaced by the identity before LAPACK sees it, and its results become NaN:
    elementwise ops only -- no host sync, lazy, works inside ``mx.compile``.
    The hot functions below inline the same three steps (``_bad``, ``where`` on the
    input, ``where`` on each output) for float32/float64.
    """
    bad = _bad(x)
    for o in others:
        bad = mx.logical_or(bad, _bad(o) if o.ndim >= 2 else mx.any(o - o, -1, True)[..., None])
    safe = mx.where(bad, _eye(x.shape[-2], x.shape[-1], x.dtype), x)
    safe_others = [
        mx.where(bad if o.ndim >= 2 else mx.squeeze(bad, -1), mx.zeros((), dtype=o.dtype), o)
        for o in others
    ]
    out = fn(safe, *safe_others)
    batch = bad.ndim - 2

    def fix(o: mx.array) -> mx.array:
        trailing = o.ndim - batch  # 2: a matrix per input matrix, 1: a vector, 0: a number
        b = bad if trailing >= 2 else bad.reshape(bad.shape[: bad.ndim - 2 + trailing])
        return mx.where(b, _nan_like(o), o)

    if isinstance(out, (tuple, list)):
        return tuple(fix(o) for o in out)
    return fix(out)


def _embed(x: mx.array) -> mx.array:
    """Real 2n x 2n embedding [[A, -B], [B, A]] of the complex matrix A + iB."""
    a, b = mx.real(x), mx.imag(x)
    top = mx.concatenate([a, -b], axis=-1)
    bottom = mx.concatenate([b, a], axis=-1)
    return mx.concatenate([top, bottom], axis=-2)


def _unembed(y: mx.array, rows: int, cols: int) -> mx.array:
    """The complex matrix whose embedding is ``y`` (top-left real part, bottom-left imaginary)."""
    return y[..., :rows, :cols] + 1j * y[..., rows:, :cols]


def _lu_pivots(x: mx.array) -> tuple[mx.array, mx.array]:
    """Pivots of Gaussian elimination with partial pivoting (complex support), and the permutation sign."""
    n = x.shape[-1]
    a = x
    rows = mx.arange(n)[:, None]
    sign = mx.ones(x.shape[:-2], dtype=mx.float32)
    pivots = []
    for k in range(n):
        p = mx.argmax(mx.abs(a[..., k:, k]), axis=-1).astype(mx.int32) + k
        row_k = a[..., k : k + 1, :]
        row_p = mx.take_along_axis(
            a, mx.broadcast_to(p[..., None, None], (*a.shape[:-2], 1, n)), axis=-2
        )
        pe = p[..., None, None]
        a = mx.where(rows == k, row_p, mx.where(rows == pe, row_k, a))
        sign = mx.where(p != k, -sign, sign)
        piv = a[..., k, k]
        pivots.append(piv)
        if k + 1 < n:
            safe = mx.where(piv == 0, mx.ones_like(piv), piv)
            factor = a[..., k + 1 :, k] / safe[..., None]
            lower = a[..., k + 1 :, :] - factor[..., :, None] * a[..., k : k + 1, :]
            a = mx.concatenate([a[..., : k + 1, :], lower], axis=-2)
    return mx.stack(pivots, axis=-1), sign


def cholesky(x: mx.array, /, *, upper: bool = False) -> mx.array:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "cholesky")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:  # the guard inlined (see _finite_guard)
        n = shape[-1]
        eye, nan, _ = _EYES.get((n, c)) or _square_consts(n, dt, c)
        bad = mx.broadcast_to(mx.any(x - x, _AXES, True), shape)  # once, for both where()s
        return mx.where(
            bad, nan, mx.linalg.cholesky(mx.where(bad, eye, x), upper=upper, stream=_CPU)
        )
    return _cholesky_general(x, upper=upper)


def _cholesky_general(x: mx.array, /, *, upper: bool = False) -> mx.array:
    _square(x, "cholesky")
    if _empty(x):
        return x
    x = _float(x)
    if x.dtype in _COMPLEX:
        low = _complex_cholesky(x)
        return mx.conj(mx.swapaxes(low, -1, -2)) if upper else low
    return _finite_guard(x, lambda a: mx.linalg.cholesky(a, upper=upper, stream=_CPU))


def _complex_cholesky(x: mx.array) -> mx.array:
    """Lower Cholesky factor of Hermitian positive-definite complex ``x``, column by column in MLX ops."""
    n = x.shape[-1]
    cols: list[mx.array] = []
    for j in range(n):
        col = x[..., j:, j]
        if cols:
            prev = mx.stack(cols, axis=-1)  # (..., n, j)
            col = col - mx.sum(prev[..., j:, :] * mx.conj(prev[..., j : j + 1, :]), axis=-1)
        d = mx.sqrt(mx.real(col[..., 0:1]))
        below = col[..., 1:] / d.astype(x.dtype)
        full = mx.concatenate(
            [mx.zeros((*x.shape[:-2], j), dtype=x.dtype), d.astype(x.dtype), below], axis=-1
        )
        cols.append(full)
    return mx.stack(cols, axis=-1)


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
        offset = _sizes.integer(offset, f"{name}: offset")
    return x.size == 0 or offset >= x.shape[-1] or -offset >= x.shape[-2]


def diagonal(x: mx.array, /, *, offset: int = 0) -> mx.array:
    if _diagonal_is_empty(x, offset, "diagonal"):
        rows, cols = x.shape[-2:]
        length = min(rows, cols - offset) if offset >= 0 else min(rows + offset, cols)
        return mx.zeros((*x.shape[:-2], max(length, 0)), dtype=x.dtype)
    return mx.diagonal(x, offset, -2, -1)


def eigh(x: mx.array, /) -> EighResult:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "eigh")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:
        n = shape[-1]
        eye, nan, nan_w = _EYES.get((n, c)) or _square_consts(n, dt, c)
        bad1 = mx.any(x - x, _AXES, True)
        bad = mx.broadcast_to(bad1, shape)
        w, v = mx.linalg.eigh(mx.where(bad, eye, x), stream=_CPU)
        return EighResult(mx.where(mx.squeeze(bad1, -1), nan_w, w), mx.where(bad, nan, v))
    return _eigh_general(x)


def _eigh_general(x: mx.array, /) -> EighResult:
    _square(x, "eigh")
    x = _float(x)
    if _empty(x):
        return EighResult(mx.zeros(x.shape[:-1], dtype=_real_dtype(x.dtype)), x)
    w, v = _finite_guard(x, lambda a: mx.linalg.eigh(a, stream=_CPU))
    return EighResult(w, v)


def eigvalsh(x: mx.array, /) -> mx.array:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "eigvalsh")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:
        n = shape[-1]
        eye, _, nan_w = _EYES.get((n, c)) or _square_consts(n, dt, c)
        bad = mx.any(x - x, _AXES, True)
        w = mx.linalg.eigvalsh(mx.where(bad, eye, x), stream=_CPU)
        return mx.where(mx.squeeze(bad, -1), nan_w, w)
    return _eigvalsh_general(x)


def _eigvalsh_general(x: mx.array, /) -> mx.array:
    _square(x, "eigvalsh")
    x = _float(x)
    if _empty(x):
        return mx.zeros(x.shape[:-1], dtype=_real_dtype(x.dtype))
    return _finite_guard(x, lambda a: mx.linalg.eigvalsh(a, stream=_CPU))


def eig(x: mx.array, /) -> EigResult:
    _square(x, "eig")
    x = _float(x)
    if _empty(x):
        return EigResult(mx.zeros(x.shape[:-1], dtype=mx.complex64), x.astype(mx.complex64))
    w, v = _finite_guard(x, lambda a: mx.linalg.eig(a, stream=_CPU))
    return EigResult(w, v)


def eigvals(x: mx.array, /) -> mx.array:
    _square(x, "eigvals")
    x = _float(x)
    if _empty(x):
        return mx.zeros(x.shape[:-1], dtype=mx.complex64)
    return _finite_guard(x, lambda a: mx.linalg.eigvals(a, stream=_CPU))


def inv(x: mx.array, /) -> mx.array:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "inv")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:
        n = shape[-1]
        eye, nan, _ = _EYES.get((n, c)) or _square_consts(n, dt, c)
        bad = mx.broadcast_to(mx.any(x - x, _AXES, True), shape)
        return mx.where(bad, nan, mx.linalg.inv(mx.where(bad, eye, x), stream=_CPU))
    return _inv_general(x)


def _inv_general(x: mx.array, /) -> mx.array:
    _square(x, "inv")
    x = _float(x)
    if _empty(x):
        return x
    if x.dtype in _COMPLEX:
        n = x.shape[-1]
        return _unembed(_finite_guard(_embed(x), lambda a: mx.linalg.inv(a, stream=_CPU)), n, n)
    return _finite_guard(x, lambda a: mx.linalg.inv(a, stream=_CPU))


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


def matrix_power(x: mx.array, n: int, /) -> mx.array:
    _square(x, "matrix_power")
    if n == 0:
        eye = mx.eye(x.shape[-1], dtype=x.dtype)
        return mx.broadcast_to(eye, x.shape)
    if n < 0:
        x = inv(x)
        n = -n
    result = None
    base = x
    while n:
        if n & 1:
            result = base if result is None else matmul(result, base)
        n >>= 1
        if n:
            base = matmul(base, base)
    return result


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


def outer(x1: mx.array, x2: mx.array, /) -> mx.array:
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError("outer: inputs must be 1-D")
    return mx.outer(x1, x2)  # _outer_general in one call (same promotion as multiply)


def _outer_general(x1: mx.array, x2: mx.array, /) -> mx.array:
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError("outer: inputs must be 1-D")
    return mx.multiply(x1[:, None], x2[None, :])


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


def _scaled_norm(v: mx.array, keepdims: bool = False) -> mx.array:
    """2-norm over the last axis without overflow in the squares."""
    mag = mx.abs(v)
    scale = mx.max(mag, axis=-1, keepdims=True)
    safe = mx.where(scale == 0, 1, scale)
    out = safe * mx.sqrt(mx.sum(mx.square(mag / safe), axis=-1, keepdims=True))
    out = mx.where(scale == 0, 0, out)
    return out if keepdims else out[..., 0]


def _householder_qr(x: mx.array) -> tuple[mx.array, mx.array]:
    """Complete QR by Householder reflections in MLX ops (for complex input; MLX's QR is real only)."""
    m, n = x.shape[-2:]
    batch = x.shape[:-2]
    q = mx.broadcast_to(mx.eye(m, dtype=x.dtype), (*batch, m, m))
    r = x
    for j in range(
        min(m - 1, n)
    ):  # nothing below the diagonal in the last row: no reflection (as LAPACK)
        col = r[..., j:, j]
        x0 = col[..., 0]
        mag0 = mx.abs(x0)
        phase = mx.where(mag0 == 0, mx.ones_like(x0), x0 / mx.where(mag0 == 0, 1, mag0))
        alpha = -phase * _scaled_norm(col)
        v = mx.concatenate([(x0 - alpha)[..., None], col[..., 1:]], axis=-1)
        vn = _scaled_norm(v, keepdims=True)
        v = mx.where(vn == 0, mx.zeros_like(v), v / mx.where(vn == 0, 1, vn))
        rs = r[..., j:, :]
        w = mx.sum(mx.conj(v)[..., :, None] * rs, axis=-2)
        r = mx.concatenate([r[..., :j, :], rs - 2 * v[..., :, None] * w[..., None, :]], axis=-2)
        qs = q[..., :, j:]
        qv = mx.sum(qs * v[..., None, :], axis=-1)
        q = mx.concatenate(
            [q[..., :, :j], qs - 2 * qv[..., :, None] * mx.conj(v)[..., None, :]], axis=-1
        )
    return q, r


def qr(x: mx.array, /, *, mode: str = "reduced") -> QRResult:
    if mode != "reduced" and mode != "complete":
        raise ValueError(f"qr: mode must be 'reduced' or 'complete', got {mode!r}")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.ndim >= 2 and x.size:
        m, n = x.shape[-2:]
        if m <= n or mode == "reduced":  # MLX's QR is the reduced one
            bad = mx.any(x - x, _AXES, True)
            if m == n:
                bad = mx.broadcast_to(bad, x.shape)
                nan = _nan_fill((n, n), dt)
                nan_r = nan
            else:
                k = min(m, n)
                nan, nan_r = _nan_fill((m, k), dt), _nan_fill((k, n), dt)
            q, r = mx.linalg.qr(mx.where(bad, _eye(m, n, dt), x), stream=_CPU)
            return QRResult(mx.where(bad, nan, q), mx.where(bad, nan_r, r))
    return _qr_general(x, mode=mode)


def _qr_general(x: mx.array, /, *, mode: str = "reduced") -> QRResult:
    x = _float(x)
    m, n = x.shape[-2:]
    if _empty(x):
        k = m if mode == "complete" else min(m, n)
        return QRResult(
            mx.zeros((*x.shape[:-2], m, k), dtype=x.dtype),
            mx.zeros((*x.shape[:-2], k, n), dtype=x.dtype),
        )
    if x.dtype in _COMPLEX:
        q, r = _householder_qr(x)
        below = mx.tri(m, n, -1, dtype=mx.bool_)
        r = mx.where(below, mx.zeros((), dtype=r.dtype), r)  # exact zeros under the diagonal
        if mode == "reduced":
            k = min(m, n)
            return QRResult(q[..., :, :k], r[..., :k, :])
        return QRResult(q, r)
    if mode == "complete" and m > n:
        # pad with zero columns so MLX's reduced QR is the complete one
        pad = mx.zeros((*x.shape[:-2], m, m - n), dtype=x.dtype)
        q, r = _finite_guard(
            mx.concatenate([x, pad], axis=-1), lambda a: mx.linalg.qr(a, stream=_CPU)
        )
        return QRResult(q, r[..., :, :n])
    q, r = _finite_guard(x, lambda a: mx.linalg.qr(a, stream=_CPU))
    return QRResult(q, r)


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
            return mx.where(bad, nan, mx.linalg.solve(a, mx.where(bad, 0.0, x2), stream=_CPU))
        if len(s2) == 1 and len(s1) == 2 and s2[0] == s1[0]:  # one matrix, one vector
            bad = mx.logical_or(mx.any(x1 - x1, _AXES), mx.any(x2 - x2))
            a = mx.where(bad, _eye(s1[-1], s1[-1], x1.dtype), x1)
            return mx.where(bad, nan, mx.linalg.solve(a, mx.where(bad, 0.0, x2), stream=_CPU))
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
        y = _finite_guard(_embed(a), lambda m, v: mx.linalg.solve(m, v, stream=_CPU), rb)
        out = y[..., :n, :] + 1j * y[..., n:, :]
    else:
        out = _finite_guard(a, lambda m, v: mx.linalg.solve(m, v, stream=_CPU), b)
    return out[..., 0] if vector else out


def svd(x: mx.array, /, *, full_matrices: bool = True) -> SVDResult:
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.ndim >= 2 and x.size:
        m, n = x.shape[-2:]
        bad1 = mx.any(x - x, _AXES, True)
        bad = mx.broadcast_to(bad1, x.shape) if m == n else bad1
        u, s, vh = mx.linalg.svd(mx.where(bad, _eye(m, n, dt), x), stream=_CPU)
        if (
            not full_matrices
        ):  # MLX computes the full factors; the reduced ones are their leading columns/rows
            if m > n:
                u = u[..., :, :n]
            elif n > m:
                vh = vh[..., :m, :]
        ku = u.shape[-1]
        kv = vh.shape[-2]
        return SVDResult(
            mx.where(bad, _nan_fill((m, ku), dt), u),
            mx.where(mx.squeeze(bad1, -1), _nan_fill((min(m, n),), dt), s),
            mx.where(bad, _nan_fill((kv, n), dt), vh),
        )
    return _svd_general(x, full_matrices=full_matrices)


def _svd_general(x: mx.array, /, *, full_matrices: bool = True) -> SVDResult:
    x = _float(x)
    m, n = x.shape[-2:]
    k = min(m, n)
    rdt = _real_dtype(x.dtype)
    if _empty(x):
        um, vn = (m, n) if full_matrices else (k, k)
        return SVDResult(
            mx.broadcast_to(mx.eye(m, um, dtype=x.dtype), (*x.shape[:-2], m, um)),
            mx.zeros((*x.shape[:-2], k), dtype=rdt),
            mx.broadcast_to(mx.eye(vn, n, dtype=x.dtype), (*x.shape[:-2], vn, n)),
        )
    u, s, vh = _finite_guard(x, lambda a: mx.linalg.svd(a, stream=_CPU))
    if not full_matrices:
        u = u[..., :, :k]
        vh = vh[..., :k, :]
    return SVDResult(u, s, vh)


def svdvals(x: mx.array, /) -> mx.array:
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.ndim >= 2 and x.size:
        shape = x.shape
        bad = mx.any(x - x, _AXES, True)
        s = mx.linalg.svd(
            mx.where(bad, _eye(shape[-2], shape[-1], dt), x), compute_uv=False, stream=_CPU
        )
        return mx.where(mx.squeeze(bad, -1), _nan_fill((min(shape[-2:]),), dt), s)
    return _svdvals_general(x)


def _svdvals_general(x: mx.array, /) -> mx.array:
    x = _float(x)
    if _empty(x):
        return mx.zeros((*x.shape[:-2], min(x.shape[-2:])), dtype=_real_dtype(x.dtype))
    return _finite_guard(x, lambda a: mx.linalg.svd(a, compute_uv=False, stream=_CPU))


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
        from ember_ml.backend.mlx._aliases import _empty_reduction

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
