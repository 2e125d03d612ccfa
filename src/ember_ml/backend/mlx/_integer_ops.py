"""Integer shifts and divisions that MLX leaves to C, as compiled MLX kernels.

MLX gap (mlx 0.32.4): a shift by the bit width or more is C's undefined behaviour (the
standard asks for 0, or the sign fill), and integer ``x // 0``, ``x % 0``, ``INT_MIN // -1``
and ``INT_MIN % -1`` trap (SIGFPE on x86) or are undefined. The kernels here rewrite the
shift amount or the divisor with elementwise ops (no host sync, lazy, fine inside
``mx.compile``); ``_elementwise`` picks one by dtype code.
"""

from __future__ import annotations

import mlx.core as mx

from ember_ml.backend.mlx._dtypes import _INTEGRAL, _SIGNED, _UNSIGNED, _code


def _left_shift(a: mx.array, b: mx.array) -> mx.array:
    # shifting by >= the bit width is undefined in C (MLX); the standard wants 0. Branch-free
    # (a where() on data made the fused CPU kernel 2.5x slower with mixed shift amounts):
    # shift by at most bits - 1, then zero the lanes whose shift was too long.
    bits = a.dtype.size * 8
    return mx.left_shift(a, mx.minimum(b, bits - 1)) * (b < bits).astype(a.dtype)


def _right_shift(a: mx.array, b: mx.array) -> mx.array:
    bits = a.dtype.size * 8
    out = mx.right_shift(
        a, mx.minimum(b, bits - 1)
    )  # signed: the sign fill (-1 or 0), as the standard asks
    if a.dtype in _UNSIGNED:
        out = out * (b < bits).astype(a.dtype)
    return out


# Fast kernels for two arrays of one shape and one integer dtype, by dtype code. Fused (one
# kernel per call: shapeless compile of same-shape, same-dtype elementwise graphs only;
# shapeless compile with broadcasting between differently-shaped inputs segfaulted in mlx
# 0.32, tests/test_mlx_linalg_batches.py). Up to 32 bits the shift runs in the next wider
# integer type by at most ``bits`` places and is truncated back: a shift by ``bits`` or more
# leaves no bit in the low half, which is the standard's 0 (left, and right for unsigned)
# with no select at all (measured 1.25x the raw shift at n=10**6 against 1.5x for the
# masked form above). 64-bit dtypes keep the masked form.
_WIDER = {
    mx.int8: mx.int16,
    mx.int16: mx.int32,
    mx.int32: mx.int64,
    mx.uint8: mx.uint16,
    mx.uint16: mx.uint32,
    mx.uint32: mx.uint64,
}


def _left_shift_wide(a: mx.array, b: mx.array) -> mx.array:
    dt = a.dtype
    w = _WIDER[dt]
    return mx.left_shift(a.astype(w), mx.minimum(b, dt.size * 8).astype(w)).astype(dt)


def _right_shift_unsigned_wide(a: mx.array, b: mx.array) -> mx.array:
    dt = a.dtype
    w = _WIDER[dt]
    return mx.right_shift(a.astype(w), mx.minimum(b, dt.size * 8).astype(w)).astype(dt)


def _right_shift_signed(a: mx.array, b: mx.array) -> mx.array:
    # signed: a shift by bits - 1 already gives the sign fill (-1 or 0), as the standard asks
    return mx.right_shift(a, mx.minimum(b, a.dtype.size * 8 - 1))


_LSHIFT_WIDE = mx.compile(_left_shift_wide, shapeless=True)
_LSHIFT = mx.compile(_left_shift, shapeless=True)
_RSHIFT_WIDE = mx.compile(_right_shift_unsigned_wide, shapeless=True)
_RSHIFT_SIGNED = mx.compile(_right_shift_signed, shapeless=True)
_RSHIFT = mx.compile(_right_shift, shapeless=True)
_LSHIFT_BY_CODE = {_code(dt): _LSHIFT_WIDE if dt in _WIDER else _LSHIFT for dt in _INTEGRAL}
_RSHIFT_BY_CODE = {
    _code(dt): _RSHIFT_SIGNED if dt in _SIGNED else _RSHIFT_WIDE if dt in _WIDER else _RSHIFT
    for dt in _INTEGRAL
}


def _floor_divide_signed(a: mx.array, d: mx.array) -> mx.array:
    minus_one = d == -1
    zero = d == 0
    q = mx.floor_divide(a, mx.where(minus_one | zero, mx.ones((), dtype=d.dtype), d))
    # x // -1 is -x (INT_MIN wraps to itself, as NumPy); x // 0 is 0 (as NumPy)
    return mx.where(minus_one, mx.negative(a), mx.where(zero, mx.zeros((), dtype=a.dtype), q))


def _floor_divide_unsigned(a: mx.array, d: mx.array) -> mx.array:
    zero = d == 0
    q = mx.floor_divide(a, mx.where(zero, mx.ones((), dtype=d.dtype), d))
    return mx.where(zero, mx.zeros((), dtype=a.dtype), q)


def _remainder_signed(a: mx.array, d: mx.array) -> mx.array:
    # x % -1 and x % 0 are 0 (as NumPy): x % 1 gives exactly that
    return mx.remainder(a, mx.where((d == 0) | (d == -1), mx.ones((), dtype=d.dtype), d))


def _remainder_unsigned(a: mx.array, d: mx.array) -> mx.array:
    return mx.remainder(a, mx.where(d == 0, mx.ones((), dtype=d.dtype), d))


# compiled (shapeless): the guard's few elementwise ops become one fused kernel
_FD = {
    False: mx.compile(_floor_divide_signed, shapeless=True),
    True: mx.compile(_floor_divide_unsigned, shapeless=True),
}
_REM = {
    False: mx.compile(_remainder_signed, shapeless=True),
    True: mx.compile(_remainder_unsigned, shapeless=True),
}
