"""ember_ml's own NumPy namespace (issue 8): every direct path gives the answer of the general path it replaces.

The namespace is no longer ``array_api_compat.numpy`` re-exported: it is NumPy's own
functions (NumPy >= 2.1) and ember_ml's fixes.
Each function that changed object is compared here with array-api-compat's function
(values, dtype, shape, type, or the error raised) over dtypes, shapes, 0-d, empty
and special values; floor_divide's cheaper infinity check is compared with the
previous implementation; and the import is checked to leave NumPy's lazily loaded
modules and ``array_api_compat.numpy`` unloaded.
"""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
compat = pytest.importorskip("array_api_compat.numpy")

import ember_ml  # noqa: E402
import ember_ml.backend.numpy as ours  # noqa: E402
from ember_ml.backend.numpy import _elementwise, _utility  # noqa: E402

OWN = tuple(int(p) for p in np.__version__.split(".")[:2]) >= (2, 1)
SPECIAL = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -3.0, 1e-300, 3e38]
FLOATS = st.floats(-1e3, 1e3, width=32) | st.sampled_from(SPECIAL)
SHAPES = st.sampled_from([(), (0,), (1,), (5,), (2, 3), (3, 1, 2), (0, 2)])
DTYPES = ["float32", "float64", "float16", "int8", "int64", "uint8", "bool", "complex64"]


def _array(values, shape, dtype):
    with np.errstate(all="ignore"):
        return np.asarray(values, dtype=np.float64).reshape(shape).astype(dtype)


def _same(mine, theirs):
    if isinstance(theirs, tuple):
        assert isinstance(mine, tuple) and len(mine) == len(theirs)
        for a, b in zip(mine, theirs, strict=True):
            _same(a, b)
        return
    assert type(mine) is type(theirs), (type(mine), type(theirs))
    assert mine.dtype == theirs.dtype and mine.shape == theirs.shape
    a, b = np.asarray(mine), np.asarray(theirs)
    np.testing.assert_array_equal(a, b)
    if a.dtype.kind == "f":  # the sign of zeros too
        np.testing.assert_array_equal(np.signbit(a), np.signbit(b))


def _outcome(function, *args, **kwargs):
    try:
        with np.errstate(all="ignore"):
            return function(*args, **kwargs), None
    except Exception as error:  # noqa: BLE001 - the comparison is of the error type
        return None, type(error)


def _compare(mine, theirs, *args, **kwargs):
    got, error = _outcome(mine, *args, **kwargs)
    expected, expected_error = _outcome(theirs, *args, **kwargs)
    if error is not None or expected_error is not None:
        assert error is expected_error or (
            error is not None
            and expected_error is not None
            and issubclass(error, ValueError)
            and issubclass(expected_error, ValueError)
        ), (error, expected_error)
        return
    _same(got, expected)


def _previous_floor_divide(x1, x2):
    """The implementation the fast check replaced (main before issue 8)."""
    out = np.floor_divide(x1, x2)
    if out.dtype.kind == "f":
        infinite = np.isinf(x1) | np.isinf(x2)
        if infinite.any():
            out = np.where(infinite, np.floor(np.divide(x1, x2)), out)
    return out


# --- floor_divide: the count of isinf per operand against the previous `|` and `.any()` ---


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_floor_divide_matches_the_previous_implementation_on_every_special_pair(dtype):
    a, b = np.meshgrid(np.asarray(SPECIAL), np.asarray(SPECIAL))
    x1, x2 = _array(a.ravel(), (-1,), dtype), _array(b.ravel(), (-1,), dtype)
    _compare(ours.floor_divide, _previous_floor_divide, x1, x2)
    for i in range(x1.size):  # one element at a time: 0-d arrays and NumPy scalars
        _compare(ours.floor_divide, _previous_floor_divide, x1[i : i + 1].reshape(()), x2[i])
    # the standard's special cases hold where an operand is infinite
    with np.errstate(all="ignore"):
        got = ours.floor_divide(x1, x2)
        infinite = np.isinf(x1) | np.isinf(x2)
        expected = np.floor(x1 / x2)
    _same(got[infinite], expected[infinite])


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_floor_divide_inner_product_check_finds_one_infinite_element_anywhere(dtype):
    """The 1-d path (one ``x1.dot(x2)``) against the previous implementation and the 2-d path."""
    base1 = np.asarray([7.0, -1.0, 3.5, -0.0, 0.25, -6.0, 1e4, 2.0], dtype=dtype)
    base2 = np.asarray([2.0, 3.0, -0.5, 5.0, -4.0, 7.0, 3.0, -1e4], dtype=dtype)
    huge = np.finfo(dtype).max
    for value in (math.inf, -math.inf, math.nan, huge, -huge):
        for where in range(base1.size):
            for first in (True, False):
                x1, x2 = base1.copy(), base2.copy()
                (x1 if first else x2)[where] = value
                _compare(ours.floor_divide, _previous_floor_divide, x1, x2)
                _compare(
                    lambda a, b: ours.floor_divide(a[:, None], b[:, None])[:, 0],
                    _previous_floor_divide,
                    x1,
                    x2,
                )
    big = np.full(4, huge / 2, dtype=dtype)  # products overflow: the exact check decides
    _compare(ours.floor_divide, _previous_floor_divide, big, big)
    _compare(ours.floor_divide, _previous_floor_divide, base1[:1], base2)  # lengths 1 and 8
    _compare(
        ours.floor_divide,
        _previous_floor_divide,
        base1.astype(np.float32),
        base2.astype(np.float64),
    )


@settings(max_examples=25, deadline=None)
@given(
    shape=SHAPES, dtype=st.sampled_from(["float32", "float64", "int16", "uint8"]), data=st.data()
)
def test_floor_divide_matches_the_previous_implementation(shape, dtype, data):
    size = math.prod(shape)
    x1 = _array(data.draw(st.lists(FLOATS, min_size=size, max_size=size)), shape, dtype)
    x2 = _array(data.draw(st.lists(FLOATS, min_size=size, max_size=size)), shape, dtype)
    _compare(ours.floor_divide, _previous_floor_divide, x1, x2)
    scalar = data.draw(st.sampled_from([2, -3, 0.5, math.inf, -math.inf]))
    if dtype.startswith("float") or isinstance(scalar, int):
        _compare(ours.floor_divide, _previous_floor_divide, x1, scalar)
        _compare(ours.floor_divide, _previous_floor_divide, scalar, x1)
    if shape and shape[-1] == 1:  # broadcasting
        _compare(ours.floor_divide, _previous_floor_divide, x1, x2.reshape(shape[::-1]))


# --- the functions whose object changed: NumPy's own (or ember_ml's) against compat's ---


@settings(max_examples=25, deadline=None)
@given(shape=SHAPES, dtype=st.sampled_from(DTYPES), data=st.data())
def test_direct_functions_match_array_api_compat(shape, dtype, data):
    size = math.prod(shape)
    x = _array(data.draw(st.lists(FLOATS, min_size=size, max_size=size)), shape, dtype)
    axis = data.draw(st.sampled_from([None, 0, -1]))
    _compare(ours.count_nonzero, compat.count_nonzero, x)
    _compare(ours.count_nonzero, compat.count_nonzero, x, axis=axis)
    _compare(ours.count_nonzero, compat.count_nonzero, x, axis=axis, keepdims=True)
    _compare(ours.nonzero, compat.nonzero, x)
    _compare(ours.matrix_transpose, compat.matrix_transpose, x)
    _compare(ours.unique_all, compat.unique_all, x)
    _compare(ours.unique_counts, compat.unique_counts, x)
    _compare(ours.unique_inverse, compat.unique_inverse, x)
    _compare(ours.sign, compat.sign, x)
    _compare(ours.tanh, compat.tanh, x)
    if dtype not in ("bool",):
        correction = data.draw(st.sampled_from([0, 1, 0.5]))
        for name in ("std", "var"):
            if dtype != "complex64" or name == "var":
                _compare(
                    getattr(ours, name), getattr(compat, name), x, axis=axis, correction=correction
                )
                _compare(getattr(ours, name), getattr(compat, name), x, axis=axis, keepdims=True)
    if x.ndim:
        indices = np.asarray(
            data.draw(
                st.lists(
                    st.integers(-x.shape[-1] - 1, x.shape[-1]),
                    min_size=x.shape[-1],
                    max_size=x.shape[-1],
                )
            ),
            dtype=np.int64,
        )
        indices = np.broadcast_to(indices, x.shape).copy()
        _compare(ours.take_along_axis, compat.take_along_axis, x, indices)
        _compare(ours.take_along_axis, compat.take_along_axis, x, indices, axis=-1)
        _compare(ours.tensordot, compat.tensordot, x, x, axes=1 if x.ndim == 1 else 0)
        _compare(ours.tensordot, compat.tensordot, x, x, axes=([x.ndim - 1], [x.ndim - 1]))
    for copy in (None, True, False):
        _compare(ours.asarray, compat.asarray, x, copy=copy)
        _compare(ours.asarray, compat.asarray, x, dtype=np.float64, copy=copy)
    _compare(ours.asarray, compat.asarray, x.tolist())
    _compare(ours.asarray, compat.asarray, x, device="cpu")
    _compare(ours.asarray, compat.asarray, x, device="gpu")


CLIP_BOUNDS = st.sampled_from(
    [
        None,
        0,
        1,
        -1,
        5,
        -200,
        300,
        2**40,
        -(2**40),
        0.5,
        -1.5,
        1e3,
        -1e3,
        math.inf,
        -math.inf,
        math.nan,
    ]
)


@settings(max_examples=25, deadline=None)
@given(
    shape=SHAPES,
    dtype=st.sampled_from(["float32", "float64", "int8", "int64", "uint8", "int16"]),
    low=CLIP_BOUNDS,
    high=CLIP_BOUNDS,
    data=st.data(),
)
def test_clip_matches_array_api_compat(shape, dtype, low, high, data):
    size = math.prod(shape)
    x = _array(data.draw(st.lists(FLOATS, min_size=size, max_size=size)), shape, dtype)
    integer = dtype[0] in "iu"
    if integer and any(isinstance(b, float) and not math.isfinite(b) for b in (low, high)):
        return  # a non-finite bound of an integer array: unspecified, compat casts it to garbage
    _compare(ours.clip, compat.clip, x, low, high)
    _compare(ours.clip, compat.clip, x, min=low)
    _compare(ours.clip, compat.clip, x, max=high)
    # array bounds of x's dtype, broadcast against x
    bound = _array(data.draw(st.lists(FLOATS, min_size=1, max_size=1)), (1,), dtype)
    _compare(ours.clip, compat.clip, x, bound, None)
    _compare(ours.clip, compat.clip, x, None, bound.reshape(()))
    _compare(
        ours.clip,
        compat.clip,
        x,
        bound,
        bound + (1 if integer else 0.5) if not integer or bound[0] < 100 else None,
    )


def test_clip_fast_path_and_general_path_agree():
    x = np.asarray([-2.0, -0.0, 0.25, 3.0, math.nan, math.inf], dtype=np.float32)
    for low, high in [(0.0, 1.0), (-1, 2), (0.5, None), (None, 0.0), (-0.0, 0.0)]:
        fast = ours.clip(x, low, high)
        general = _elementwise._clip_general(x, low, high)
        _same(fast, general)
        _same(fast, compat.clip(x, low, high))


@settings(max_examples=25, deadline=None)
@given(shape=SHAPES, dtype=st.sampled_from(["float32", "int16", "bool", "uint8"]), data=st.data())
def test_diff_and_astype_fast_paths_match_their_general_paths(shape, dtype, data):
    size = math.prod(shape)
    x = _array(data.draw(st.lists(FLOATS, min_size=size, max_size=size)), shape, dtype)
    axis = data.draw(st.sampled_from([0, -1]))
    if x.ndim:
        _compare(
            lambda v: ours.diff(v, axis=axis), lambda v: _utility._diff_steps(v, 1, axis, {}), x
        )
        _compare(
            lambda v: ours.diff(v, axis=axis, n=1, prepend=None, append=None),
            lambda v: np.diff(v, axis=axis),
            x,
        )
    _compare(ours.diff, lambda v: _utility._diff_steps(v, 1, -1, {}), x)  # 0-d: NumPy's error
    for target in (np.float64, np.int8, np.bool_):
        _compare(
            lambda v, t=target: ours.astype(v, t),
            lambda v, t=target: compat.astype(v, t, copy=True),
            x,
        )
        got = ours.astype(x, x.dtype)
        assert got is not x and not np.shares_memory(got, x) or x.size == 0


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "int16", "bool"])
def test_sort_and_argsort_match_array_api_compat(descending, dtype):
    x = _array([3.0, -1.0, math.nan, 3.0, 0.0, -0.0, math.inf, 2.0, -math.inf, 1.0], (2, 5), dtype)
    for axis in (0, -1):
        _compare(ours.sort, compat.sort, x, axis=axis, descending=descending)
        _compare(ours.argsort, compat.argsort, x, axis=axis, descending=descending)


def test_creation_functions_match_array_api_compat():
    cases = [
        ("arange", (5,), {}),
        ("arange", (1, 7, 2), {"dtype": np.float32}),
        ("arange", (3,), {"device": "cpu"}),
        ("empty", ((2, 0),), {}),
        ("eye", (3,), {"k": 1}),
        ("eye", (2, 4), {"dtype": np.int8}),
        ("full", ((2,), True), {}),
        ("full", ((2, 2), 3), {}),
        ("full", ((1,), 2.5), {"dtype": np.float32}),
        ("linspace", (0, 1, 5), {}),
        ("linspace", (0, 1), {"num": 4, "endpoint": False}),
        ("ones", (3,), {"dtype": np.int64}),
        ("zeros", ((),), {}),
        ("ones", (2,), {"device": "gpu"}),
    ]
    for name, args, kwargs in cases:
        _compare(getattr(ours, name), getattr(compat, name), *args, **kwargs)
    x = np.asarray([[1.5, -2.0]], dtype=np.float32)
    for name in ("empty_like", "zeros_like", "ones_like"):
        got, expected = getattr(ours, name)(x), getattr(compat, name)(x)
        assert got.dtype == expected.dtype and got.shape == expected.shape
    _compare(ours.full_like, compat.full_like, x, 7, dtype=np.int8)


def test_inspection_namespace_matches_array_api_compat_with_a_tuple_of_devices():
    mine, theirs = ours.__array_namespace_info__(), compat.__array_namespace_info__()
    assert mine.devices() == ("cpu",) and isinstance(mine.devices(), tuple)
    assert mine.default_device() in mine.devices()
    assert mine.capabilities() == theirs.capabilities()
    assert mine.default_dtypes() == theirs.default_dtypes()
    for kind in (
        None,
        "bool",
        "signed integer",
        "unsigned integer",
        "integral",
        "real floating",
        "complex floating",
        "numeric",
        ("integral", "bool"),
    ):
        assert mine.dtypes(kind=kind) == theirs.dtypes(kind=kind)


# --- linalg and fft ---


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64"])
def test_linalg_matches_array_api_compat(dtype):
    rng = np.random.default_rng(0)
    a = (rng.standard_normal((3, 4, 4)) + 4 * np.eye(4)).astype(dtype)
    sym = (a + np.swapaxes(a, -1, -2).conj()) / 2
    b1, b2 = rng.standard_normal(4).astype(dtype), rng.standard_normal((3, 4, 2)).astype(dtype)
    for name, args in [
        ("solve", (a, b1)),
        ("solve", (a, b2)),
        ("solve", (a, b2[0])),
        ("eigvals", (a,)),
        ("eig", (a,)),
        ("eig", (np.eye(2, dtype=dtype),)),
        ("eigh", (sym,)),
        ("qr", (a,)),
        ("slogdet", (a,)),
        ("cholesky", (sym @ sym,)),
        ("matrix_norm", (a,)),
        ("diagonal", (a,)),
        ("trace", (a,)),
        ("svd", (a,)),
        ("svdvals", (a,)),
        ("pinv", (a,)),
        ("matrix_rank", (a,)),
        ("inv", (a,)),
        ("det", (a,)),
        ("vector_norm", (b1,)),
        ("outer", (b1, b1)),
        ("cross", (b1[:3], b1[1:])),
        ("matmul", (a, a)),
        ("matrix_transpose", (a,)),
        ("tensordot", (b1, b1)),
        ("vecdot", (b2, b2)),
        ("solve", (a[:, :3], b1)),
        ("matrix_rank", (b1,)),
        ("cross", (b1[:2], b1[2:])),
        ("cross", (a[..., :3], b1[:3])),
        ("outer", (a, b1)),
        ("trace", (a[0],)),
        ("trace", (a,)),
    ]:
        got, error = _outcome(getattr(ours.linalg, name), *args)
        expected, expected_error = _outcome(getattr(compat.linalg, name), *args)
        assert error is expected_error, (name, error, expected_error)
        if error is None:
            assert type(got) is type(expected) or isinstance(expected, tuple), (name, type(got))
            if isinstance(expected, tuple):
                assert type(got).__name__ == type(expected).__name__, name
                assert got._fields == expected._fields
            for g, e in zip(
                got if isinstance(got, tuple) else (got,),
                expected if isinstance(expected, tuple) else (expected,),
                strict=True,
            ):
                assert g.dtype == e.dtype and g.shape == e.shape, name
                np.testing.assert_allclose(g, e, rtol=2e-4, atol=2e-4, err_msg=name)
    assert set(ours.linalg.__all__) >= {n for n in compat.linalg.__all__ if not n.startswith("__")}


def test_linalg_guards_still_refuse_non_finite_input():
    for name in ("svd", "svdvals", "pinv", "matrix_rank"):
        with pytest.raises(np.linalg.LinAlgError, match="inf or NaN"):
            getattr(ours.linalg, name)(np.asarray([[1.0, math.nan], [0.0, 1.0]]))


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_fft_matches_array_api_compat(dtype):
    x = np.arange(12, dtype=np.float64).reshape(3, 4).astype(dtype)
    for name in ("fft", "ifft", "fftn", "ifftn", "fftshift", "ifftshift", "fft2", "ifft2"):
        _compare(getattr(ours.fft, name), getattr(compat.fft, name), x)
    if dtype.startswith("float"):
        for name in ("rfft", "rfftn", "ihfft", "rfft2"):
            _compare(getattr(ours.fft, name), getattr(compat.fft, name), x)
    else:
        for name in ("irfft", "irfftn", "hfft", "irfft2"):
            _compare(getattr(ours.fft, name), getattr(compat.fft, name), x)
    assert set(ours.fft.__all__) <= set(dir(ours.fft))
    assert not hasattr(ours.fft, "no_such_transform")
    for name in ("fftfreq", "rfftfreq"):
        _compare(getattr(ours.fft, name), getattr(compat.fft, name), 8, d=0.5, dtype=np.float32)
        _compare(getattr(ours.fft, name), getattr(compat.fft, name), 8, device="gpu")


# --- the namespace as a whole ---


def test_the_namespace_has_every_name_array_api_compat_had_but_numpys_lazy_modules():
    lazy = {
        "char",
        "core",
        "ctypeslib",
        "f2py",
        "ma",
        "polynomial",
        "random",
        "rec",
        "strings",
        "testing",
        "typing",
    }
    missing = {n for n in compat.__all__ if not hasattr(ours, n)} - {"__builtins__"}
    assert missing <= lazy
    assert ours.__array_api_version__ == compat.__array_api_version__
    for name in compat.__all__:  # the same object, or a function of the same name
        if hasattr(ours, name) and callable(getattr(compat, name)):
            assert callable(getattr(ours, name)), name
    assert ember_ml.array_namespace(np.ones(3)) is ours
    assert ember_ml.array_namespace(np.float32(1.0)) is ours


@pytest.mark.skipif(not OWN, reason="with NumPy < 2.1 the namespace is array-api-compat's")
def test_import_leaves_numpys_lazy_modules_and_array_api_compat_unloaded():
    code = (
        "import sys, ember_ml.backend.numpy as xp; xp.sum(xp.ones(3)); "
        "print(sorted(m for m in sys.modules if m in ('numpy.testing', 'numpy.f2py', 'numpy.ma', "
        "'numpy.random', 'numpy.polynomial', 'numpy.fft', 'array_api_compat', 'array_api_compat.numpy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(not OWN, reason="with NumPy < 2.1 the namespace is array-api-compat's")
def test_conforming_numpy_functions_are_numpys_own_objects():
    for name in (
        "sum",
        "sin",
        "std",
        "var",
        "matrix_transpose",
        "take_along_axis",
        "asarray",
        "ceil",
        "permute_dims",
        "cumulative_sum",
        "unique_values",
        "vecdot",
        "concat",
        "acos",
        "pow",
        "bitwise_left_shift",
        "matmul",
        "reshape",
        "isdtype",
        "unstack",
    ):
        assert getattr(ours, name) is getattr(np, name), name
    # tensordot checks an integer axes first (NumPy builds a list of that length: issue 19)
    assert ours.tensordot is not np.tensordot
    for name in (
        "arange",
        "empty",
        "empty_like",
        "eye",
        "full",
        "full_like",
        "linspace",
        "ones",
        "zeros",
    ):
        assert getattr(ours, name) is getattr(np, name), name
    assert ours.bool is np.bool_
    for name in (
        "solve",
        "eigh",
        "qr",
        "slogdet",
        "cholesky",
        "matrix_norm",
        "vector_norm",
        "diagonal",
        "inv",
        "det",
    ):
        assert getattr(ours.linalg, name) is getattr(np.linalg, name), name
    for name in ("fft", "ifft", "rfft", "irfft", "fftn", "hfft", "fftshift"):
        assert getattr(ours.fft, name) is getattr(np.fft, name), name
