"""The non-finite guard of MLX's LAPACK calls: a matrix holding NaN or inf never reaches LAPACK.

MLX gap (mlx 0.32.4): LAPACK's error handler ends the process (exit status 0, mid-call) on
NaN/inf input to ``*gebal`` (eig/eigvals), ``*gesdd`` (svd) fails or returns garbage, and
``*syevd`` (eigh) returns finite garbage for a NaN matrix. Each such matrix is replaced by
the identity before LAPACK sees it, and its results become NaN: elementwise ops only -- no
host sync, lazy, works inside ``mx.compile``. The hot functions of ``linalg`` inline the
same three steps (``_bad``, ``where`` on the input, ``where`` on each output) for
float32/float64, with their constants from the cache here (``_EYES``).

MLX gap (mlx 0.32.4): a singular matrix makes ``inv`` (``*getrf``'s exact zero pivot) and
``solve``/``tri_inv`` (``*trtri``'s zero diagonal) throw in the CPU stream's worker thread:
the array then holds an error or leftover memory (finite garbage), and after a few dozen
such failures the stream hangs for good. ``*potrf`` ignores a non-positive-definite input
and returns a half-factored matrix. So each singular matrix is found before the throwing
call (``_singular_for_inv``, ``_solve``) and each failed Cholesky factor after it
(``_not_factored``); their results become NaN, as for a non-finite matrix, lazily.
"""

from __future__ import annotations

import math
from typing import Any

import mlx.core as mx

from ember_ml.backend.mlx._dtypes import _COMPLEX, _code

_CPU = mx.cpu


def _nan_like(o: mx.array) -> mx.array:
    nan = _NAN.get(_code(o.dtype))
    if nan is not None:
        return nan
    if o.dtype in _COMPLEX:
        return mx.array(complex(math.nan, math.nan), dtype=o.dtype)
    return mx.array(math.nan, dtype=o.dtype)


_F32_C = _code(mx.float32)
_F64_C = _code(mx.float64)
_C64_C = _code(mx.complex64)
_LAPACK_C = frozenset((_F32_C, _F64_C))  # the dtypes MLX's LAPACK calls take as they are
_AXES = (-2, -1)


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


def _zero_pivot(lu: mx.array) -> mx.array:
    """True (shape ``(..., 1, 1)``) for each packed LU factor with an exact zero on U's diagonal."""
    return mx.any(mx.diagonal(lu, 0, -2, -1) == 0, -1, True)[..., None]


def _singular_for_inv(safe: mx.array) -> mx.array:
    """True (``(..., 1, 1)``) where ``mx.linalg.inv(safe)`` would fail: an exact zero pivot.

    ``mx.linalg.inv`` runs ``*getrf`` on the row-major bytes of its input (the transpose,
    for LAPACK); ``lu_factor`` of the transpose runs the same routine on the same bytes,
    so it meets exactly the same zero pivots (``lu_factor`` does not throw on them).
    ``safe`` is finite (the non-finite guard ran first).
    """
    return _zero_pivot(mx.linalg.lu_factor(mx.swapaxes(safe, -1, -2), stream=_CPU)[0])


def _safe_inv(a: mx.array) -> mx.array:
    """``mx.linalg.inv`` of finite ``a`` with NaN for each singular matrix (never LAPACK's error)."""
    sing = _singular_for_inv(a)
    shape = a.shape
    sing = mx.broadcast_to(sing, shape)
    out = mx.linalg.inv(mx.where(sing, _eye(shape[-2], shape[-1], a.dtype), a), stream=_CPU)
    return mx.where(sing, _nan_like(out), out)


def _solve(a: mx.array, b: mx.array) -> tuple[mx.array, mx.array]:
    """``mx.linalg.solve(a, b)`` with each singular matrix of ``a`` swapped for the identity.

    Returns ``(x, singular)``, ``singular`` True (``(..., 1, 1)``) for each matrix of ``a``
    with an exact zero pivot in ``mx.linalg.lu`` (the factorisation ``mx.linalg.solve``
    runs, so the same pivots; ``lu`` does not throw on them); x is garbage there (the
    caller puts NaN). Every other matrix gets ``mx.linalg.solve``'s own answer. ``a`` is
    finite. (Re-composing MLX's steps with U's pivots patched instead corrupted the heap
    now and then in mlx 0.32.4: "double free or corruption".)
    """
    sing = _zero_pivot(mx.linalg.lu(a, stream=_CPU)[2])
    n = a.shape[-1]
    safe = mx.where(sing, _eye(n, n, a.dtype), a)
    return mx.linalg.solve(safe, b, stream=_CPU), sing


def _safe_solve(a: mx.array, b: mx.array) -> mx.array:
    """``_solve`` with NaN for each singular matrix of ``a`` (``b`` a stack of matrices or one vector)."""
    x, sing = _solve(a, b)
    if b.ndim == 1:
        sing = sing[..., 0]  # (1,) for the one matrix's vector
    return mx.where(sing, _nan_like(x), x)


def _not_factored(factor: mx.array) -> mx.array:
    """True (``(..., 1, 1)``) for each Cholesky factor ``*potrf`` gave up on (input not positive definite).

    ``*potrf`` stops at the first pivot that is not positive and leaves that pivot (``<= 0``
    or NaN) on the diagonal; a finished factor has a positive diagonal.
    """
    d = mx.diagonal(factor, 0, -2, -1)
    return mx.logical_not(mx.all(d > 0, -1, True))[..., None]


def _safe_cholesky(a: mx.array, upper: bool) -> mx.array:
    """``mx.linalg.cholesky`` of finite ``a`` with NaN for each matrix that is not positive definite."""
    out = mx.linalg.cholesky(a, upper=upper, stream=_CPU)
    return mx.where(_not_factored(out), _nan_like(out), out)
