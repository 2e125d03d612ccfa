"""The decompositions of the MLX ``linalg`` extension: MLX's LAPACK calls behind the guard.

MLX gap (mlx 0.32.4): ``mx.linalg`` runs on the CPU stream only, crashes or answers
garbage on non-finite input (``_lapack_guard``), has no complex cholesky/qr/eigh input
(``_complex_linalg``), computes the full SVD only and refuses empty matrices. Each
function here has an inlined fast path for one float32/float64 input (``_code`` in
``_LAPACK_C``) and a general path (``_<name>_general``) for the rest.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx import _lapack_guard as _guard
from ember_ml.backend.mlx._complex_linalg import _complex_cholesky, _householder_qr
from ember_ml.backend.mlx._dtypes import _COMPLEX, _code, _float, _real_dtype
from ember_ml.backend.mlx._lapack_guard import (
    _AXES,
    _CPU,
    _LAPACK_C,
    _eye,
    _finite_guard,
    _nan_fill,
    _nan_like,
    _not_factored,
    _safe_cholesky,
    _square_consts,
)

__all__ = [
    "EigResult",
    "EighResult",
    "QRResult",
    "SVDResult",
    "cholesky",
    "eig",
    "eigh",
    "eigvals",
    "eigvalsh",
    "qr",
    "svd",
    "svdvals",
]

EighResult = namedtuple("EighResult", ["eigenvalues", "eigenvectors"])
EigResult = namedtuple("EigResult", ["eigenvalues", "eigenvectors"])
QRResult = namedtuple("QRResult", ["Q", "R"])
SVDResult = namedtuple("SVDResult", ["U", "S", "Vh"])


def _square(x: mx.array, name: str) -> None:
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise ValueError(f"{name}: expected a stack of square matrices, got shape {x.shape}")


def _empty(x: mx.array) -> bool:
    return x.size == 0


# mlx 0.32.4: LAPACK on CPU only, garbage on NaN/inf, no complex input; a matrix that is not
# positive definite gives a half-factored matrix (NaN here)
def cholesky(x: mx.array, /, *, upper: bool = False) -> mx.array:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "cholesky")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:  # the guard inlined (see _finite_guard)
        n = shape[-1]
        eye, nan, _ = _guard._EYES.get((n, c)) or _square_consts(n, dt, c)
        bad = mx.broadcast_to(mx.any(x - x, _AXES, True), shape)  # once, for both where()s
        out = mx.linalg.cholesky(mx.where(bad, eye, x), upper=upper, stream=_CPU)
        return mx.where(mx.logical_or(bad, _not_factored(out)), nan, out)
    return _cholesky_general(x, upper=upper)


def _cholesky_general(x: mx.array, /, *, upper: bool = False) -> mx.array:
    _square(x, "cholesky")
    if _empty(x):
        return x
    x = _float(x)
    if x.dtype in _COMPLEX:
        low = _complex_cholesky(x)
        low = mx.where(_not_factored(mx.real(low)), _nan_like(low), low)
        return mx.conj(mx.swapaxes(low, -1, -2)) if upper else low
    return _finite_guard(x, lambda a: _safe_cholesky(a, upper))


# mlx 0.32.4: LAPACK on CPU only, finite garbage for a NaN matrix
def eigh(x: mx.array, /) -> EighResult:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "eigh")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:
        n = shape[-1]
        eye, nan, nan_w = _guard._EYES.get((n, c)) or _square_consts(n, dt, c)
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


# mlx 0.32.4: LAPACK on CPU only, finite garbage for a NaN matrix
def eigvalsh(x: mx.array, /) -> mx.array:
    shape = x.shape
    if len(shape) < 2 or shape[-1] != shape[-2]:
        _square(x, "eigvalsh")
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.size:
        n = shape[-1]
        eye, _, nan_w = _guard._EYES.get((n, c)) or _square_consts(n, dt, c)
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


# mlx 0.32.4: NaN/inf input ends the process (LAPACK *gebal); empty input refused
def eig(x: mx.array, /) -> EigResult:
    _square(x, "eig")
    x = _float(x)
    if _empty(x):
        return EigResult(mx.zeros(x.shape[:-1], dtype=mx.complex64), x.astype(mx.complex64))
    w, v = _finite_guard(x, lambda a: mx.linalg.eig(a, stream=_CPU))
    return EigResult(w, v)


# mlx 0.32.4: NaN/inf input ends the process (LAPACK *gebal); empty input refused
def eigvals(x: mx.array, /) -> mx.array:
    _square(x, "eigvals")
    x = _float(x)
    if _empty(x):
        return mx.zeros(x.shape[:-1], dtype=mx.complex64)
    return _finite_guard(x, lambda a: mx.linalg.eigvals(a, stream=_CPU))


# mlx 0.32.4: no mode=, no complex input; LAPACK on CPU only
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


# mlx 0.32.4: no full_matrices=; NaN/inf input fails or answers garbage (LAPACK *gesdd)
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


# mlx 0.32.4: no mx.linalg.svdvals; NaN/inf input fails (LAPACK *gesdd)
def svdvals(x: mx.array, /) -> mx.array:
    dt = x.dtype
    c = _code(dt)
    if c in _LAPACK_C and x.ndim >= 2 and x.size:
        shape = x.shape
        bad = mx.any(x - x, _AXES, True)
        s: Any = mx.linalg.svd(
            mx.where(bad, _eye(shape[-2], shape[-1], dt), x), compute_uv=False, stream=_CPU
        )
        return mx.where(mx.squeeze(bad, -1), _nan_fill((min(shape[-2:]),), dt), s)
    return _svdvals_general(x)


def _svdvals_general(x: mx.array, /) -> mx.array:
    x = _float(x)
    if _empty(x):
        return mx.zeros((*x.shape[:-2], min(x.shape[-2:])), dtype=_real_dtype(x.dtype))
    return _finite_guard(x, lambda a: mx.linalg.svd(a, compute_uv=False, stream=_CPU))
