"""MLX namespace fast paths against the general paths they bypass (issue 8).

Each fast path in ``ember_ml.backend.mlx`` (fused shift kernels by dtype, the lean
float ``remainder``/``sin`` calls, the short-index bounds check of ``take`` /
``take_along_axis``) is compared with the general implementation it skips, over
every dtype it serves, 0-d, empty and multi-dimensional shapes and special values;
NumPy is a second oracle where it defines the same result.
"""

from __future__ import annotations

import math

import pytest

mx = pytest.importorskip("mlx.core", reason="MLX is not installed")
np = pytest.importorskip("numpy")

import ember_ml.backend.mlx as xp  # noqa: E402
from ember_ml.backend.mlx import (  # noqa: E402
    _bounds,
    _data_types,
    _dtypes,
    _elementwise,
    _integer_ops,
    _statistical,
)

_INT = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]
_SHAPES = [(), (0,), (7,), (3, 5), (2, 0, 3)]


def _mxdt(name):
    """An MLX dtype by NumPy name."""
    return mx.bool_ if name == "bool" else getattr(mx, name)


def _mx(a):
    """A NumPy array as an MLX array of the same dtype (float64 kept)."""
    a = np.array(a, order="C")  # (ascontiguousarray would make a 0-d array 1-d)
    return mx.array(a, dtype=_mxdt(a.dtype.name))


def _bits_equal(a, b):
    """Same dtype, shape and bits (signed zeros and NaN payload-agnostic)."""
    a, b = np.array(a), np.array(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    if a.dtype.kind == "f":
        assert np.array_equal(np.isnan(a), np.isnan(b))
        keep = ~np.isnan(a)
        assert np.array_equal(a[keep], b[keep])
        assert np.array_equal(np.signbit(a[keep]), np.signbit(b[keep]))
    else:
        assert np.array_equal(a, b)


# ---------------------------------------------------------------------------------------
# shifts: fused kernel per dtype vs the eager general path vs NumPy
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", _INT)
@pytest.mark.parametrize("shape", _SHAPES)
def test_shift_fast_kernels_match_general_path(name, shape):
    rng = np.random.default_rng(sum(map(ord, name)) + len(shape))
    info = np.iinfo(name)
    bits = np.dtype(name).itemsize * 8
    size = math.prod(shape)
    a = rng.integers(info.min, info.max, size, dtype=name, endpoint=True)
    a[: min(size, 4)] = [info.min, info.max, 0, 1][: min(size, 4)]
    b = rng.integers(0, 3 * bits, size).astype(name)  # a third of them shift by >= bits
    b[: min(size, 3)] = [bits - 1, bits, 0][: min(size, 3)]
    a, b = a.reshape(shape), b.reshape(shape)
    x1, x2 = _mx(a), _mx(b)
    fast_l, fast_r = xp.bitwise_left_shift(x1, x2), xp.bitwise_right_shift(x1, x2)
    _bits_equal(fast_l, _elementwise._left_shift_general(x1, x2))
    _bits_equal(fast_r, _elementwise._right_shift_general(x1, x2))
    # NumPy: a shift by >= bits gives 0 (left, unsigned right) or the sign fill (signed right)
    with np.errstate(all="ignore"):
        want_l = np.where(b >= bits, 0, np.left_shift(a, np.minimum(b, bits - 1))).astype(name)
        fill = np.where(a < 0, -1, 0) if info.min < 0 else 0
        want_r = np.where(b >= bits, fill, np.right_shift(a, np.minimum(b, bits - 1))).astype(name)
    _bits_equal(fast_l, want_l)
    _bits_equal(fast_r, want_r)


def test_shift_fast_path_is_taken_and_general_path_still_serves_the_rest():
    i = mx.array([1, 2, 3], dtype=mx.int32)
    # the fast path is a compiled kernel chosen by dtype code
    assert _integer_ops._LSHIFT_BY_CODE[_dtypes._code(mx.int32)] is _integer_ops._LSHIFT_WIDE
    assert _integer_ops._RSHIFT_BY_CODE[_dtypes._code(mx.int64)] is _integer_ops._RSHIFT_SIGNED
    assert _integer_ops._RSHIFT_BY_CODE[_dtypes._code(mx.uint64)] is _integer_ops._RSHIFT
    # broadcasting, mixed dtypes and Python ints go the general way and agree
    assert xp.bitwise_left_shift(i[None], mx.array([[1], [40]], dtype=mx.int32)).tolist() == [
        [2, 4, 6],
        [0, 0, 0],
    ]
    assert xp.bitwise_left_shift(i, mx.array([1, 2, 40], dtype=mx.int8)).tolist() == [2, 8, 0]
    assert xp.bitwise_right_shift(mx.array([-8, 8], dtype=mx.int16), 40).tolist() == [-1, 0]
    assert xp.bitwise_left_shift(i, 2).tolist() == [4, 8, 12]


def test_shift_fast_kernels_inside_compile():
    a = mx.array([1, -5, 7, 2**31 - 1], dtype=mx.int32)
    b = mx.array([1, 33, 31, 32], dtype=mx.int32)
    eager = (xp.bitwise_left_shift(a, b), xp.bitwise_right_shift(a, b))
    traced = mx.compile(lambda p, q: (xp.bitwise_left_shift(p, q), xp.bitwise_right_shift(p, q)))(
        a, b
    )
    for e, t in zip(eager, traced, strict=True):
        _bits_equal(e, t)


# ---------------------------------------------------------------------------------------
# remainder and sin: lean fused calls vs the general path
# ---------------------------------------------------------------------------------------
_SPECIAL = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    2.5,
    -2.5,
    3.0,
    -3.0,
    math.inf,
    -math.inf,
    math.nan,
    1e-40,
    -7.25,
    1e30,
]


@pytest.mark.parametrize("name", ["float16", "float32", "float64"])
def test_remainder_fast_path_matches_general_path(name):
    with np.errstate(over="ignore"):  # 1e30 is inf in float16
        grid = np.array(_SPECIAL, dtype=name)
    a, b = np.meshgrid(grid, grid)
    x1, x2 = _mx(a), _mx(b)
    fast = xp.remainder(x1, x2)
    _bits_equal(fast, _elementwise._remainder_general(x1, x2))
    with np.errstate(all="ignore"):
        _bits_equal(fast, np.remainder(a, b))  # NumPy: the sign of a zero result is the divisor's
    for shape in _SHAPES:
        u = np.linspace(-4, 4, math.prod(shape), dtype=name).reshape(shape)
        v = np.full(shape, -1.5, dtype=name)
        _bits_equal(xp.remainder(_mx(u), _mx(v)), _elementwise._remainder_general(_mx(u), _mx(v)))


def test_remainder_general_operands_still_served():
    x = mx.array([-3.0, -0.0, 4.0])
    assert np.array_equal(np.signbit(np.array(xp.remainder(x, 1.5))), [False, False, False])
    assert np.array(xp.remainder(x[None], mx.array([[2.0], [-2.0]]))).tolist() == [
        [1.0, 0.0, 0.0],
        [-1.0, -0.0, -0.0],
    ]
    assert xp.remainder(
        mx.array([7, -7], dtype=mx.int32), mx.array([0, -1], dtype=mx.int32)
    ).tolist() == [0, 0]


@pytest.mark.parametrize("name", ["float16", "bfloat16", "float32", "float64"])
def test_sin_fast_path_matches_general_path(name):
    data = np.array(_SPECIAL + [math.pi, -math.pi, 1e-8, -1e-8], dtype=np.float32)
    x = mx.array(data).astype(getattr(mx, name))
    ref = _elementwise._sin_general(x, _dtypes._code(x.dtype)) if name == "float64" else None
    fast = xp.sin(x)
    if ref is None:  # the previous general form for the low floats: where(r == 0, x, r)
        r = mx.sin(x)
        ref = mx.where(r == 0, x, r)
    assert fast.dtype == x.dtype
    _bits_equal(fast.astype(mx.float32), ref.astype(mx.float32))
    assert np.signbit(
        np.array(xp.sin(mx.array([-0.0]).astype(getattr(mx, name))).astype(mx.float32))
    )[0]
    for shape in _SHAPES:
        z = mx.zeros(shape, dtype=getattr(mx, name))
        assert xp.sin(z).shape == shape and xp.sin(z).dtype == z.dtype


# ---------------------------------------------------------------------------------------
# take / take_along_axis: the lean short-index check vs check_array
# ---------------------------------------------------------------------------------------
def _reference_take(x, idx, axis):
    """The general path: check_array then MLX (raises what check_array raises)."""
    return mx.take(
        x, _bounds.check_array(idx, x.shape[axis if axis is not None else 0]), axis=axis or 0
    )


@pytest.mark.parametrize("name", ["int8", "int16", "int32", "int64", "uint8", "uint32", "uint64"])
def test_take_short_indices_match_check_array(name):
    x = mx.arange(10, dtype=mx.float32) * 1.5
    signed = np.dtype(name).kind == "i"
    cases = [[0, 9, 3], [], [5], list(range(10)) * 6, [9] * 64]
    if signed:
        cases += [[-1, -10, 4], [-11], [10, -3]]
    else:
        cases += [[10], [0, 255 if name == "uint8" else 1000]]
    for values in cases:
        idx = mx.array(np.array(values, dtype=name))
        try:
            want = _reference_take(x, idx, None)
        except IndexError:
            with pytest.raises(IndexError, match="out of bounds"):
                xp.take(x, idx)
            with pytest.raises(IndexError, match="out of bounds"):
                xp.take_along_axis(x, idx, axis=0)
            continue
        _bits_equal(xp.take(x, idx), want)
        _bits_equal(xp.take_along_axis(x, idx, axis=0), want)
        _bits_equal(xp.take_along_axis(x, idx, axis=-1), want)
        assert np.array_equal(
            np.array(want), np.take(np.array(x), np.array(values, dtype=np.int64))
        )


def test_take_short_index_edge_cases():
    x = mx.arange(6, dtype=mx.int32)
    # lazy indices are evaluated once and checked
    lazy = mx.array([1, 2], dtype=mx.int32) * 3
    with pytest.raises(IndexError):
        xp.take(x, lazy)
    assert xp.take(x, lazy - 2).tolist() == [1, 4]
    # an empty axis: any index is out of range, no index is fine
    empty = mx.zeros((0,), dtype=mx.float32)
    with pytest.raises(IndexError, match="size 0"):
        xp.take(empty, mx.array([0], dtype=mx.int32))
    with pytest.raises(IndexError, match="size 0"):
        xp.take_along_axis(empty, mx.array([0], dtype=mx.int32), axis=0)
    assert xp.take(empty, mx.array([], dtype=mx.int32)).shape == (0,)
    # non-integer indices: MLX's own refusal (take_along_axis's comes at evaluation), not a crash
    for bad in (mx.array([1.0]), mx.array([True])):
        with pytest.raises((ValueError, TypeError)):
            xp.take(x, bad)
        with pytest.raises((ValueError, TypeError, RuntimeError)):
            mx.eval(xp.take_along_axis(x, bad, axis=0))
    # longer and 2-d indices take check_array's host path
    big = mx.array(np.arange(100) % 6, dtype=mx.int32)
    assert xp.take(x, big).tolist() == (np.arange(100) % 6).tolist()
    with pytest.raises(IndexError):
        xp.take(x, mx.array(np.arange(100), dtype=mx.int32))
    m = mx.arange(12).reshape(3, 4)
    idx = mx.array([[0, 3], [1, 1], [-1, 2]], dtype=mx.int32)
    assert xp.take_along_axis(m, idx, axis=1).tolist() == [[0, 3], [5, 5], [11, 10]]
    with pytest.raises(IndexError):
        xp.take_along_axis(m, idx + 4, axis=1)
    with pytest.raises(IndexError, match="axis"):
        xp.take_along_axis(m, idx, axis=2)
    # the switch: off skips the check (valid indices only), and restores after the block
    with xp.index_checks(False):
        assert xp.take(x, mx.array([5, 0], dtype=mx.int32)).tolist() == [5, 0]
        assert xp.take_along_axis(x, mx.array([5, 0], dtype=mx.int32), axis=0).tolist() == [5, 0]
    with pytest.raises(IndexError):
        xp.take(x, mx.array([6], dtype=mx.int32))


def test_take_short_indices_inside_compile_clamp():
    x = mx.arange(5, dtype=mx.float32)
    idx = mx.array([-1, 7, 2], dtype=mx.int32)  # out of range: clamped inside a trace, no crash
    f = mx.compile(lambda a, i: (xp.take(a, i), xp.take_along_axis(a, i, axis=0)))
    for out in f(x, idx):
        assert out.tolist() == [4.0, 4.0, 2.0]
    assert mx.compile(lambda a, i: xp.take(a, i))(x, mx.array([1, 3], dtype=mx.int32)).tolist() == [
        1.0,
        3.0,
    ]


@pytest.mark.parametrize("size", [2, 10, 64, 65, 300])
def test_check_array_short_and_long_paths_agree(size):
    rng = np.random.default_rng(size)
    for lo, hi, n in [
        (-size, size, size),
        (0, size, size),
        (-size - 1, size, size),
        (0, size + 1, size),
    ]:
        values = rng.integers(lo, hi, size)
        values[0], values[-1] = lo, hi - 1
        idx = mx.array(values.astype(np.int32))
        bad = values.min() < -n or values.max() >= n
        if bad:
            with pytest.raises(IndexError, match=r"\[" + str(values.min())):
                _bounds.check_array(idx, n)
            with pytest.raises(IndexError):
                _bounds.check_array(idx.reshape(1, -1), n)  # the 2-d (buffer) path
        else:
            assert _bounds.check_array(idx, n) is idx
            assert _bounds.check_array(idx.reshape(1, -1), n).shape == (1, size)


# ---------------------------------------------------------------------------------------
# argsort, searchsorted, astype: lean common cases
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["int8", "uint16", "int32", "float16", "float32", "float64"])
def test_argsort_lean_path(name):
    rng = np.random.default_rng(1)
    for shape in [(), (0,), (9,), (3, 4)]:
        a = rng.integers(0, 5, math.prod(shape)).astype(name).reshape(shape)
        x = _mx(a)
        got = xp.argsort(x)
        assert got.dtype == mx.int32 and got.shape == a.shape
        if a.ndim:
            assert np.array_equal(np.array(got), np.argsort(a, axis=-1, kind="stable"))
            assert np.array_equal(
                np.array(xp.argsort(x, axis=0)), np.argsort(a, axis=0, kind="stable")
            )
            # the descending path (unchanged) is the reference for the flipped order
            desc = np.array(xp.argsort(x, descending=True))
            assert np.array_equal(
                np.take_along_axis(a, desc, axis=-1), -np.sort(-a.astype(np.float64), axis=-1)
            )
            with pytest.raises(IndexError):
                xp.argsort(x, axis=a.ndim)
        else:
            assert got.tolist() == 0
            assert xp.argsort(x, descending=True).tolist() == 0


@pytest.mark.parametrize(
    "name", ["int8", "int32", "uint32", "int64", "float16", "float32", "float64"]
)
@pytest.mark.parametrize("side", ["left", "right"])
def test_searchsorted_lean_path_matches_general_path(name, side):
    rng = np.random.default_rng(2)
    sorted_ = np.sort(rng.integers(-3 if np.dtype(name).kind != "u" else 0, 9, 12)).astype(name)
    values = rng.integers(0, 9, (2, 5)).astype(name)
    if np.dtype(name).kind == "f":
        sorted_[-1] = np.inf
        values[0, 0], values[0, 1] = -np.inf, np.inf
    x1, x2 = _mx(sorted_), _mx(values)
    fast = xp.searchsorted(x1, x2, side=side)
    general = xp.searchsorted(x1, x2, side=side, sorter=mx.arange(12))  # the general path
    assert fast.dtype == mx.int32 == general.dtype
    assert np.array_equal(np.array(fast), np.array(general))
    assert np.array_equal(np.array(fast), np.searchsorted(sorted_, values, side=side))
    empty = xp.searchsorted(_mx(sorted_[:0]), x2, side=side)
    assert empty.shape == (2, 5) and not np.array(empty).any()


def test_searchsorted_general_cases_still_checked():
    x1 = mx.array([1, 2, 3], dtype=mx.int32)
    with pytest.raises(ValueError, match="side"):
        xp.searchsorted(x1, mx.array([2], dtype=mx.int32), side="middle")
    with pytest.raises(ValueError, match="1-D"):
        xp.searchsorted(x1.reshape(1, 3), mx.array([2], dtype=mx.int32))
    # mixed dtypes: compared in a float wide enough (inf lands at len)
    assert xp.searchsorted(x1, mx.array([math.inf, 1.5])).tolist() == [3, 1]


@pytest.mark.parametrize(
    "src", ["bool", "int8", "uint8", "int32", "int64", "float16", "float32", "float64", "complex64"]
)
def test_astype_lean_path(src):
    a = np.array([0, 1, 3, 7], dtype=np.int64).astype(src)
    x = _mx(a)
    for dst in [
        "bool",
        "int8",
        "uint8",
        "int32",
        "int64",
        "float16",
        "float32",
        "float64",
        "complex64",
    ]:
        if np.dtype(src).kind == "c" and np.dtype(dst).kind != "c":
            continue
        dt = _mxdt(dst)
        out = xp.astype(x, dt)
        assert out.dtype == dt
        assert np.array_equal(np.array(out), a.astype(dst))
        same = xp.astype(x, dt, copy=False)
        if dst == src:
            assert same is x
            assert out is not x  # copy=True makes a new array
        assert np.array_equal(np.array(same), a.astype(dst))


# ---------------------------------------------------------------------------------------
# cos, exp, logaddexp, tanh, expm1: the itemsize pre-test in front of the float64/complex fix
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["int8", "int32", "int64", "uint64", "float16", "float32", "float64", "complex64"]
)
def test_itemsize_pretest_keeps_every_fix(name):
    real = np.array([-3.0, -0.5, 0.0, 0.25, 1.0, 7.0, 20.0])
    if name.startswith("uint"):
        real = np.abs(real)
    a = (real + 0.5j * real[::-1]).astype(name) if name.startswith("complex") else real.astype(name)
    x = _mx(a)
    wide = np.complex128 if name.startswith("complex") else np.float64
    ref = a.astype(wide)
    # float64 must be computed at float64 precision (MLX's own sin/cos/exp are not)
    tol = {"float64": 1e-13, "float16": 2e-3}.get(name, 2e-6)
    pairs = [(xp.cos, np.cos), (xp.exp, np.exp), (xp.tanh, np.tanh), (xp.expm1, np.expm1)]
    for ours, oracle in pairs:
        got = ours(x)
        want = oracle(ref)
        if name in ("float64", "complex64"):
            assert got.dtype == x.dtype
            np.testing.assert_allclose(np.array(got), want, rtol=tol, atol=tol)
        else:  # nothing to fix: MLX's own answer, bit for bit
            _bits_equal(got, getattr(mx, ours.__name__)(x))
    got = xp.logaddexp(x, x[::-1])
    assert got.dtype == mx.logaddexp(x, x[::-1]).dtype
    if name == "float64":
        np.testing.assert_allclose(np.array(got), np.logaddexp(ref, ref[::-1]), rtol=1e-13)
    elif not name.startswith("complex"):
        _bits_equal(got, mx.logaddexp(x, x[::-1]))


def test_complex_tanh_and_expm1_fixes_still_applied():
    z = mx.array(
        [complex(math.inf, 1.0), complex(math.inf, -2.0), complex(1e-5, 0.0)], dtype=mx.complex64
    )
    t = np.array(xp.tanh(z))
    assert t[0] == 1 + 0j and t[1] == 1 - 0j and np.signbit(t[1].imag)
    # MLX has no complex expm1: exp(z) - 1 (complex64 precision)
    np.testing.assert_allclose(np.array(xp.expm1(z))[2], np.expm1(1e-5), atol=1e-7)


@pytest.mark.parametrize(
    "x1_name", ["bool", "int8", "int32", "uint32", "float16", "float32", "float64"]
)
@pytest.mark.parametrize("x2_name", ["int8", "int64", "uint8", "float16", "float32", "float64"])
def test_searchsorted_mixed_dtypes_match_general_path(x1_name, x2_name):
    sorted_ = np.array(
        [0, 0, 1, 1, 1, 1]
        if x1_name == "bool"
        else [-2, 0, 1, 3, 3, 100][2 * x1_name.startswith("u") :]
    )
    values = np.array([[-3, 0, 1], [2, 3, 101]])
    x1, x2 = (
        _mx(sorted_.astype(x1_name)),
        _mx(
            values.astype(x2_name)
            if not x2_name.startswith("u")
            else np.abs(values).astype(x2_name)
        ),
    )
    for side in ("left", "right"):
        fast = xp.searchsorted(x1, x2, side=side)
        general = xp.searchsorted(x1, x2, side=side, sorter=mx.arange(x1.shape[0]))
        assert fast.dtype == mx.int32
        assert np.array_equal(np.array(fast), np.array(general))
        assert np.array_equal(
            np.array(fast), np.searchsorted(np.array(x1), np.array(x2), side=side)
        )


# ---------------------------------------------------------------------------------------
# floor_divide: a floating x1 goes straight to MLX
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("x1_name", ["float16", "float32", "float64"])
def test_floor_divide_floating_x1_matches_general_path(x1_name):
    a = np.array([-7.5, -1.0, -0.0, 0.0, 3.0, 7.25, np.inf, -np.inf, np.nan], dtype=x1_name)
    x1 = _mx(a)
    signed = np.array([2, -1, 0, 3, -3, 1, 2, -2, 5])
    divisors = [
        _mx((signed if name[0] == "i" else np.abs(signed)).astype(name))
        for name in ("int8", "int32", "int64", "uint8")
    ]
    divisors += [
        _mx(np.array([True, False] * 4 + [True])),
        _mx(np.array([2.0, -0.5, 0.0, -0.0, 3.0, 1e-3, np.inf, 2.0, 1.0], dtype="float32")),
        0,
        -1,
        3,
        2.5,
        -0.0,
    ]
    for d in divisors:
        fast = xp.floor_divide(x1, d)
        general = _elementwise._floor_divide_general(x1, d)
        _bits_equal(fast, general)
    # integer dividends still get the trap-free rewrite (INT_MIN // -1, // 0)
    i = mx.array([-(2**31), 7, -7], dtype=mx.int32)
    assert xp.floor_divide(i, mx.array([-1, 0, 2], dtype=mx.int32)).tolist() == [-(2**31), 0, -4]


# ---------------------------------------------------------------------------------------
# cumulative_sum / cumulative_prod: the itemsize pre-test of the MLX-direct case
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "bool",
        "int8",
        "uint8",
        "int16",
        "uint16",
        "float16",
        "int32",
        "uint32",
        "int64",
        "float32",
        "float64",
        "complex64",
    ],
)
def test_cumulative_lean_path_matches_general_path(name):
    a = (np.arange(1, 13) % 4).astype(name).reshape(3, 4)
    x = _mx(a)
    for axis in (0, 1, -1):
        for ours, raw, init in (
            (xp.cumulative_sum, mx.cumsum, 0),
            (xp.cumulative_prod, mx.cumprod, 1),
        ):
            got = ours(x, axis=axis)
            general = _statistical._cumulative(raw, init, x, axis, None, False)
            assert got.dtype == general.dtype
            _bits_equal(got, general)
    flat = _mx(a.reshape(-1))
    for ours, raw, init in ((xp.cumulative_sum, mx.cumsum, 0), (xp.cumulative_prod, mx.cumprod, 1)):
        _bits_equal(ours(flat), _statistical._cumulative(raw, init, flat, None, None, False))
    # the standard's dtypes: small integers (and bool) accumulate in 32 bits
    want = {
        "bool": mx.int32,
        "int8": mx.int32,
        "int16": mx.int32,
        "uint8": mx.uint32,
        "uint16": mx.uint32,
    }
    assert xp.cumulative_sum(flat).dtype == want.get(name, flat.dtype)


@pytest.mark.parametrize("shape", [0, 3, (), (0,), (4,), (2, 3), (2, 0, 3)], ids=str)
def test_creation_fast_paths_match_the_general_paths(shape):
    f32 = mx.float32
    _bits_equal(xp.zeros(shape), xp.zeros(shape, dtype=f32))
    _bits_equal(xp.ones(shape), xp.ones(shape, dtype=f32))
    _bits_equal(xp.full(shape, 2.5), xp.full(shape, 2.5, dtype=f32))
    assert xp.empty(shape).shape == xp.empty(shape, dtype=f32).shape
    assert xp.empty(shape).dtype == f32
    x = _mx(np.arange(math.prod((shape,) if type(shape) is int else shape), dtype=np.int16))
    for name in ("zeros_like", "ones_like", "empty_like"):
        fast, general = getattr(xp, name)(x), getattr(xp, name)(x, dtype=mx.int16)
        assert fast.dtype == general.dtype == mx.int16 and fast.shape == general.shape
        if name != "empty_like":
            _bits_equal(fast, general)


@pytest.mark.parametrize("n", [1, 5, 2**24])
def test_arange_fast_path_matches_the_general_path(n):
    _bits_equal(xp.arange(n), xp.arange(0, n, 1))
    assert xp.arange(n).dtype == mx.int32


def test_big_or_odd_creation_arguments_still_take_the_checked_path():
    with pytest.raises(ValueError):
        xp.zeros(-1)
    with pytest.raises((MemoryError, ValueError)):
        xp.ones(2**40)
    with pytest.raises((MemoryError, ValueError)):
        xp.arange(2**40)
    assert xp.arange(0).shape == (0,)


def test_dtype_queries_are_memoised_by_dtype_and_match_mlx():
    for dtype in (mx.float16, mx.bfloat16, mx.float32, mx.float64, mx.complex64):
        real = mx.float32 if dtype == mx.complex64 else dtype
        for _ in range(2):
            info = xp.finfo(dtype)
            assert info.eps == float(mx.finfo(real).eps) and info.dtype == real
            assert xp.finfo(mx.zeros(1, dtype=dtype)) == info
    for dtype in (mx.int8, mx.int16, mx.int32, mx.int64, mx.uint8, mx.uint64):
        for _ in range(2):
            assert xp.iinfo(dtype).max == int(mx.iinfo(dtype).max)
            assert xp.iinfo(mx.zeros(1, dtype=dtype)).min == int(mx.iinfo(dtype).min)
    with pytest.raises((TypeError, ValueError)):
        xp.finfo(mx.int32)
    dtypes = [
        mx.bool_,
        mx.int8,
        mx.uint8,
        mx.int32,
        mx.uint32,
        mx.int64,
        mx.float16,
        mx.float32,
        mx.float64,
        mx.complex64,
    ]
    for a in dtypes:
        for b in dtypes:
            assert xp.result_type(a, b) == _data_types._result_type((a, b))


@pytest.mark.parametrize(
    "shape, axis", [((3,), 0), ((2, 3), 0), ((2, 3), 1), ((2, 3), -1), ((0, 2), 1)], ids=str
)
def test_unstack_matches_slicing(shape, axis):
    x = _mx(np.arange(math.prod(shape), dtype=np.float32).reshape(shape))
    parts = xp.unstack(x, axis=axis)
    expected = np.moveaxis(np.array(x), axis, 0)
    assert len(parts) == len(expected)
    for part, want in zip(parts, expected, strict=True):
        _bits_equal(part, want)
    with pytest.raises(IndexError):
        xp.unstack(x, axis=len(shape))


@pytest.mark.parametrize(
    "name, dtype",
    [  # (mean is defined for numbers only)
        (name, dtype)
        for name in ("sum", "prod", "max", "min", "mean", "any", "all")
        for dtype in ("bool", "int8", "uint16", "int32", "float16", "float32")
        if (name, dtype) != ("mean", "bool")
    ],
)
@pytest.mark.parametrize("shape", [(), (5,), (2, 3)], ids=str)
def test_whole_array_reductions_match_the_axis_tuple_path(name, dtype, shape):
    x = _mx(np.arange(1, math.prod(shape) + 1).reshape(shape).astype(dtype))
    whole = getattr(xp, name)(x)
    by_axes = getattr(xp, name)(x, axis=tuple(range(len(shape))))
    _bits_equal(whole, by_axes)
    _bits_equal(
        getattr(xp, name)(x, keepdims=True),
        getattr(xp, name)(x, axis=tuple(range(len(shape))), keepdims=True),
    )
