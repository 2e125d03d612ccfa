"""Complex (and float64) linear algebra in MLX ops, where MLX's own routines take float32 only.

MLX gap (mlx 0.32.4): ``mx.linalg`` has no complex inv, solve, pinv, cholesky or qr and no
complex or float64-precision det; these compose them from real MLX calls (the real
2n x 2n embedding of a complex matrix) or from elementwise MLX ops (LU pivots,
column-by-column Cholesky, Householder QR).
"""

from __future__ import annotations

import mlx.core as mx


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
