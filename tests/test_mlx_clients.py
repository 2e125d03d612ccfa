"""What real clients (SciPy, scikit-learn, array-api-extra) do to MLX arrays through ember_ml.

Each case is one that failed in those clients' own suites (issue 19, docs/mlx.md "Real
clients"). Oracles: array-api-strict for the standard's operators and dtypes, NumPy for
values and for what NumPy accepts beyond the standard (Python types as dtypes).
"""

from __future__ import annotations

import operator
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

mx = pytest.importorskip("mlx.core", reason="MLX is not installed")
np = pytest.importorskip("numpy")
strict = pytest.importorskip("array_api_strict")

import ember_ml.backend.mlx as xp  # noqa: E402

# --- reflected operators --------------------------------------------------------------

_OPS = {
    "&": operator.and_,
    "|": operator.or_,
    "^": operator.xor,
    "<<": operator.lshift,
    ">>": operator.rshift,
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "//": operator.floordiv,
    "%": operator.mod,
    "**": operator.pow,
}
_INT_DATA = {"int32": [1, 2, 3, 40], "uint8": [1, 2, 3, 9], "int8": [-3, 1, 5, 7]}


def _name(dtype):
    return str(dtype).rpartition(".")[2]


def _int_cases():
    """(dtype, op, scalar, data) the standard defines: no overflow, no division by zero,
    no negative integer exponent."""
    for dtype, data in sorted(_INT_DATA.items()):
        for op in sorted(_OPS):
            for scalar in (0, 1, 2, 6, 64):
                values = [0, 1, 2, 3] if op == "**" and dtype == "int8" else data
                if dtype == "int8" and scalar == 64 and op in ("<<", "+", "*", "**"):
                    continue
                yield pytest.param(dtype, op, scalar, values, id=f"{scalar}{op}{dtype}")


@pytest.mark.parametrize(("dtype", "op", "scalar", "data"), list(_int_cases()))
def test_reflected_operators_on_integer_arrays_match_array_api_strict(dtype, op, scalar, data):
    f = _OPS[op]
    want = f(scalar, strict.asarray(np.asarray(data, dtype=dtype)))
    got = f(scalar, xp.asarray(np.asarray(data, dtype=dtype)))
    assert isinstance(got, mx.array)
    assert _name(got.dtype) == _name(want.dtype)
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))


@pytest.mark.parametrize("op", ["&", "|", "^"])
@pytest.mark.parametrize("scalar", [True, False])
def test_reflected_bitwise_on_bool_arrays(op, scalar):
    data = np.array([True, False, True, False])
    want = _OPS[op](scalar, strict.asarray(data))
    got = _OPS[op](scalar, xp.asarray(data))
    assert got.dtype == mx.bool_
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64", "uint8", "uint32"])
def test_shift_operators_by_the_bit_width_or_more(dtype):
    """MLX's own ``x << 40`` is garbage; the standard (and NumPy's functions) give 0 / sign fill."""
    data = np.array([1, 3, 5, 7], dtype=dtype)
    if dtype.startswith("int"):
        data = np.array([1, -3, 5, -7], dtype=dtype)
    x = xp.asarray(data)
    bits = data.dtype.itemsize * 8
    for n in (bits, bits + 3):
        a = strict.asarray(data)
        np.testing.assert_array_equal(np.asarray(x << n), np.asarray(a << n))
        np.testing.assert_array_equal(np.asarray(x >> n), np.asarray(a >> n))
    y = xp.asarray(data)
    y <<= bits
    np.testing.assert_array_equal(np.asarray(y), np.zeros(4, dtype=dtype))


# --- asarray of NumPy inputs ------------------------------------------------------------


@pytest.mark.parametrize(
    "obj",
    [
        [np.float32(1.5), 2.0],
        [np.int64(3), 4],
        [np.bool_(True), np.bool_(False)],
        [[np.float32(1.0), 2.0], [3.0, np.float32(4.5)]],
        (np.int8(1), np.int8(-2)),
        [np.complex64(1 + 2j), 3.0],
    ],
    ids=["float32", "int64", "bool", "nested", "tuple-int8", "complex64"],
)
def test_asarray_of_lists_holding_numpy_scalars(obj):
    """Read as the Python values they hold: NumPy's values, the namespace's default dtypes."""
    got = xp.asarray(obj)
    values = np.asarray(obj)
    np.testing.assert_array_equal(np.asarray(got), values)
    want_dtype = strict.asarray(values.tolist()).dtype  # Python values: the default dtypes
    default = {"int64": "int32", "float64": "float32", "complex128": "complex64"}
    name = _name(want_dtype)
    assert _name(got.dtype) == default.get(name, name)
    if values.dtype.kind != "c":
        typed = xp.asarray(obj, dtype=xp.float64)
        assert typed.dtype == mx.float64
        np.testing.assert_array_equal(np.asarray(typed), values.astype(np.float64))


@pytest.mark.parametrize(
    "a",
    [np.arange(4.0)[::-2], np.arange(12, dtype=np.int32).reshape(3, 4)[::-1, ::-2]],
    ids=["1d", "2d"],
)
def test_asarray_of_negative_stride_numpy_arrays(a):
    got = xp.asarray(a)
    assert _name(got.dtype) == str(a.dtype)
    np.testing.assert_array_equal(np.asarray(got), a)


def test_arange_of_numpy_scalars_matches_python_numbers():
    for args in ((np.float64(3.0),), (np.int64(1), np.int64(7), np.int64(2)), (np.float32(0.5), 2)):
        got = xp.arange(*args)
        want = xp.arange(*(a.item() if hasattr(a, "item") else a for a in args))
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(got), np.arange(*args))


_REFUSED = [
    "np.datetime64(1, 'D')",
    "np.array([1, 2], dtype='datetime64[s]')",
    "np.timedelta64(3)",
    "np.array(['a', 'b'])",
    "np.array([b'a'])",
    "np.array([1, None], dtype=object)",
    "np.array([(1,)], dtype=[('a', 'i4')])",
    "np.void(b'ab')",
    "[np.datetime64(1, 'D')]",
]


def test_asarray_refuses_numpy_kinds_mlx_cannot_hold():
    """TypeError in-process, no segfault (MLX reads a datetime64 scalar and crashes): probed in a
    subprocess so that a crash fails this test instead of killing the run."""
    code = textwrap.dedent(
        f"""
        import numpy as np
        import ember_ml.backend.mlx as xp
        for src in {_REFUSED!r}:
            try:
                xp.asarray(eval(src))
            except TypeError as err:
                assert "datetime64" in str(err) or "refused" in str(err), (src, err)
            else:
                raise AssertionError(f"no TypeError for {{src}}")
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


# --- Python types as dtypes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fn", "pytype"),
    [
        (fn, t)
        for fn in ("zeros", "ones", "empty", "full", "asarray", "arange", "eye")
        for t in (bool, int, float, complex)
        if not (fn == "arange" and t in (bool, complex))  # NumPy's arange refuses them
    ],
)
def test_python_types_as_dtypes(fn, pytype):
    """NumPy's width for bool/int/float; complex is complex64 (MLX has no complex128)."""
    calls = {
        "zeros": lambda m, d: m.zeros(3, dtype=d),
        "ones": lambda m, d: m.ones((2, 2), dtype=d),
        "empty": lambda m, d: m.empty(3, dtype=d),
        "full": lambda m, d: m.full(3, 1, dtype=d),
        "asarray": lambda m, d: m.asarray([1, 0, 2], dtype=d),
        "arange": lambda m, d: m.arange(3, dtype=d),
        "eye": lambda m, d: m.eye(3, dtype=d),
    }
    want = calls[fn](np, pytype)
    got = calls[fn](xp, pytype)
    want_name = {"complex128": "complex64"}.get(want.dtype.name, want.dtype.name)
    assert _name(got.dtype) == want_name
    if fn != "empty":
        np.testing.assert_array_equal(np.asarray(got), want)


def test_python_types_as_dtypes_in_data_type_functions():
    x = xp.asarray([1.5, -2.0])
    assert xp.astype(x, int).dtype == mx.int64
    assert xp.astype(x, bool).dtype == mx.bool_
    assert xp.zeros_like(x, dtype=int).dtype == mx.int64
    assert xp.full_like(x, 2, dtype=float).dtype == mx.float64
    assert xp.finfo(float).eps == np.finfo(float).eps
    assert xp.iinfo(int).max == np.iinfo(np.int64).max
    assert xp.result_type(xp.int8, float) == mx.float64
    assert xp.can_cast(xp.int32, int) is True
    with pytest.raises(TypeError, match="bool, int, float, complex"):
        xp.zeros(3, dtype="float32")


def test_float16_and_bfloat16_names():
    assert xp.float16 is mx.float16
    assert xp.bfloat16 is mx.bfloat16
    assert xp.isdtype(xp.float16, "real floating")
    assert "float16" not in xp.__array_namespace_info__().dtypes()


# --- threads --------------------------------------------------------------------------


def test_lazy_arrays_read_in_other_threads():
    """scikit-learn's n_jobs, SciPy's workers=: a graph built in this thread, read in a pool."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((64, 64)).astype(np.float32)
    base = xp.asarray(a)
    shared = base @ base  # lazy, shared by every task
    tasks = [shared + k for k in range(16)]
    with ThreadPoolExecutor(4) as pool:
        sums = list(pool.map(lambda t: xp.sum(t).item(), tasks))
        arrays = list(pool.map(np.asarray, tasks))
        rows = list(pool.map(lambda k: (shared[k] * 2).tolist(), range(8)))
    want = (a.astype(np.float64) @ a.astype(np.float64)).astype(np.float32)
    for k in range(16):
        np.testing.assert_allclose(arrays[k], want + k, rtol=1e-4, atol=1e-3)
        assert sums[k] == pytest.approx(float(np.sum(want + k)), rel=1e-4, abs=0.5)
    for k in range(8):
        np.testing.assert_allclose(rows[k], 2 * want[k], rtol=1e-4, atol=1e-3)


# --- routing from `import ember_ml` -----------------------------------------------------

_ROUTING = """
import sys
import ember_ml
assert "mlx.core" not in sys.modules and "ember_ml.backend.mlx" not in sys.modules
import mlx.core as mx
assert "ember_ml.backend.mlx" not in sys.modules  # nothing heavy until asked
import array_api_compat
print(array_api_compat.array_namespace(mx.array([1.0])).__name__)
print(mx.array([1.0]).__array_namespace__().__name__)
"""


@pytest.mark.parametrize("order", ["ember_ml first", "mlx first"])
def test_import_ember_ml_routes_array_namespace(order):
    code = _ROUTING
    if order == "mlx first":
        code = "import mlx.core\n" + code.replace(
            'assert "mlx.core" not in sys.modules and ', "assert "
        )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["ember_ml.backend.mlx", "ember_ml.backend.mlx"]


def test_import_ember_ml_routing_respects_the_off_switch():
    code = "import ember_ml, mlx.core as mx; print(mx.array([1]).__array_namespace__().__name__)"
    env = {**__import__("os").environ, "EMBER_ML_MLX_PATCHES": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "mlx.core"


# --- in-place operators keep the dtype ----------------------------------------------------

_INPLACE_CASES = [
    ("int32", 1.1, "+="),
    ("int32", 1, "+="),
    ("int32", 2, "/="),
    ("int8", 3, "*="),
    ("float32", 2, "/="),
    ("float32", 2.5, "**="),
    ("bool", True, "|="),
    ("bool", 1.5, "+="),
    ("float32", "float64", "+="),
    ("float32", "float32", "-="),
    ("int32", "int64", "&="),
]


_INPLACE_OPS = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "**=": operator.ipow,
    "|=": operator.ior,
    "&=": operator.iand,
}


@pytest.mark.parametrize(("dtype", "other", "op"), _INPLACE_CASES)
def test_inplace_operators_keep_the_dtype_or_raise_as_array_api_strict(dtype, other, op):
    """MLX rebound ``int32 += 1.1`` to float32; the standard keeps the dtype or refuses."""
    outcomes = []
    for ns in (xp, strict):
        x = ns.asarray([2, 4], dtype=getattr(ns, dtype))
        y = ns.asarray([1, 2], dtype=getattr(ns, other)) if isinstance(other, str) else other
        try:
            x = _INPLACE_OPS[op](x, y)
        except TypeError:
            outcomes.append("TypeError")
        else:
            outcomes.append((_name(x.dtype), np.asarray(x).tolist()))
    assert outcomes[0] == outcomes[1]


def test_info_devices_is_a_tuple_as_the_2025_12_standard_says():
    """The namespace is 2025.12, whose ``devices()`` returns a tuple (a list before 2025.12;
    the official suite checks by version, and NumPy's namespace answers a tuple too).
    SciPy's ``devices`` fixture does ``info.devices() + [None]``: a client on the old form."""
    assert xp.__array_api_version__ == "2025.12"
    got = xp.__array_namespace_info__().devices()
    assert type(got) is tuple
    assert mx.default_device() in got
    want = [mx.cpu] + ([mx.gpu] if mx.is_available(mx.gpu) else [])
    assert got == tuple(mx.Device(d) for d in want)


def test_locked_host_reads_keep_mlx_signatures():
    """The lock around host reads hides no signature: inspect sees MLX's own method (the
    official suite's signature test reads ``__dlpack__``'s)."""
    import inspect

    for name in ("__dlpack__", "item", "tolist"):
        method = getattr(mx.array, name)
        native = inspect.unwrap(method)
        assert native is not method and not inspect.isfunction(native)  # MLX's nanobind method
