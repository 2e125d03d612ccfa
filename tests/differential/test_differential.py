"""Differential tests: every row of differential_table.TABLE, on array-api-strict and on each ember_ml target.

Targets: the namespaces ``ember_ml.backend.numpy/torch/mlx`` and the ``ember_ml.ops``
frontend with arrays of each library. The oracle's inputs are converted with
``ember_ml.tensor.convert_to_tensor(np.asarray(x), backend=...)``. A dtype a library
cannot hold is not drawn for that target, and ``test_unsupported_dtype`` shows each
such exclusion as a skip with its reason.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import math

import array_api_strict as strict
import numpy as np
import pytest
from differential_table import (
    NOT_COMPARED,
    SETTINGS,
    TABLE,
    TOLERANCE,
    Case,
    Ctx,
    D,
    Example,
    NoDtype,
)
from hypothesis import given, note, reject

import ember_ml
from ember_ml.ops._spec import SPEC

LIBRARIES = ("numpy", "torch", "mlx")
TARGETS = (*LIBRARIES, *(f"ops-{lib}" for lib in LIBRARIES))
_ROOT = {"numpy": "numpy", "torch": "torch", "mlx": "mlx"}

# Infinities and NaNs are drawn on purpose; the libraries' RuntimeWarnings about them are noise.
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def _mlx_unsupported() -> dict[str, str]:
    reasons = {"complex128": "MLX has no complex128"}
    try:
        import mlx.core as mx

        if mx.default_device() == mx.gpu:
            reasons["float64"] = "MLX has no float64 on the GPU (the default device here)"
    except ImportError:
        pass
    return reasons


# The dtypes each library cannot hold (or barely computes with): not drawn for its targets.
UNSUPPORTED = {
    "numpy": lambda: {},
    "torch": lambda: {
        d: f"torch has only limited support for {d} (most operations are not implemented)"
        for d in ("uint16", "uint32", "uint64")
    },
    "mlx": _mlx_unsupported,
}


def library_of(target: str) -> str:
    return target.removeprefix("ops-")


def namespaces(target: str):
    """(namespace to call, library namespace for dtypes) of a target; skip if its library is absent."""
    lib = library_of(target)
    if importlib.util.find_spec(_ROOT[lib]) is None:
        pytest.skip(f"{lib} is not installed")
    lib_ns = importlib.import_module(f"ember_ml.backend.{lib}")
    if target.startswith("ops-"):
        return importlib.import_module("ember_ml.ops"), lib_ns
    return lib_ns, lib_ns


def resolve(namespace, name: str):
    obj = namespace
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def convert(value, lib: str, lib_ns):
    """The oracle's argument, as the target library's (arrays through NumPy, dtypes by name)."""
    if isinstance(value, D):
        return getattr(lib_ns, str(value))
    if type(value).__module__.startswith("array_api_strict") and is_array(value):
        return ember_ml.tensor.convert_to_tensor(np.asarray(value), backend=lib)
    if isinstance(value, list):
        return [convert(v, lib, lib_ns) for v in value]
    if isinstance(value, tuple):
        return tuple(convert(v, lib, lib_ns) for v in value)
    return value


def to_numpy(x):
    module = type(x).__module__
    if module.startswith("torch"):
        return x.detach().cpu().resolve_conj().resolve_neg().numpy()
    return np.asarray(x)


def dtype_name(dtype) -> str:
    return str(dtype).rsplit(".", 1)[-1]


def is_array(x) -> bool:
    return hasattr(x, "shape") and hasattr(x, "dtype") and not isinstance(x, type)


_DEFAULT_KINDS = {
    "real floating": "float64",
    "complex floating": "complex128",
    "integral": "int64",
    "indexing": "int64",
}


def _allowed_dtypes(case: Case, expected: str, lib_ns) -> set[str]:
    """The expected dtype, or the target's default where the row says the default is implementation-defined."""
    allowed = {expected}
    if case.defaults:
        defaults = lib_ns.__array_namespace_info__().default_dtypes()
        for kind in case.defaults:
            if _DEFAULT_KINDS[kind] == expected:
                allowed.add(dtype_name(defaults[kind]))
            if kind == "integral" and expected == "uint64":
                # unsigned sums: the unsigned dtype as wide as the default integer dtype
                allowed.add("u" + dtype_name(defaults["integral"]))
                if kind == "real floating":
                    allowed.add(dtype_name(defaults["complex floating"]))
    return allowed


def flatten(result, where="result"):
    """(path, value) leaves of a result: arrays, tuples/lists of them, scalars, dtypes, info objects."""
    if is_array(result):
        return [(where, result)]
    if isinstance(result, (tuple, list)):
        out = []
        for i, r in enumerate(result):
            out.extend(flatten(r, f"{where}[{i}]"))
        return out
    return [(where, result)]


def compare(case: Case, expected, actual, lib_ns) -> None:
    exp_leaves, act_leaves = flatten(expected), flatten(actual)
    assert len(exp_leaves) == len(act_leaves), (
        f"{len(act_leaves)} results, expected {len(exp_leaves)}"
    )
    exp_np, act_np = [], []
    for (where, e), (_, a) in zip(exp_leaves, act_leaves, strict=True):
        if is_array(e):
            assert is_array(a), f"{where}: got {type(a).__name__}, expected an array"
            assert tuple(a.shape) == tuple(e.shape), (
                f"{where}: shape {tuple(a.shape)}, expected {tuple(e.shape)}"
            )
            allowed = _allowed_dtypes(case, dtype_name(e.dtype), lib_ns)
            assert dtype_name(a.dtype) in allowed, (
                f"{where}: dtype {dtype_name(a.dtype)}, expected {allowed}"
            )
            exp_np.append(to_numpy(e))
            act_np.append(to_numpy(a))
        elif case.post is not None:
            exp_np.append(e)
            act_np.append(a)
        elif isinstance(e, (bool, int, float, complex)) and not isinstance(e, type):
            assert type(a) in (type(e), bool) or isinstance(a, (int, float, complex)), (
                f"{where}: {a!r}"
            )
            assert a == e or (isinstance(e, float) and math.isnan(e) and math.isnan(a)), (
                f"{where}: {a!r} != {e!r}"
            )
        else:  # a dtype
            assert dtype_name(a) == dtype_name(e), f"{where}: {a!r}, expected {e!r}"
    if not case.values:
        return
    if case.post is not None:
        shape_of = (lambda r: r) if len(exp_np) != 1 else (lambda r: r[0])
        exp_vals, act_vals = case.post(shape_of(exp_np)), case.post(shape_of(act_np))
        if isinstance(exp_vals, dict):
            for k in exp_vals:
                assert float(act_vals[k]) == float(exp_vals[k]), (
                    f"{k}: {act_vals[k]!r} != {exp_vals[k]!r}"
                )
            return
        exp_np = list(exp_vals) if isinstance(exp_vals, tuple) else [exp_vals]
        act_np = list(act_vals) if isinstance(act_vals, tuple) else [act_vals]
    for i, (e, a) in enumerate(zip(exp_np, act_np, strict=True)):
        compare_values(case, e, a, f"result {i}")


def compare_values(case: Case, e: np.ndarray, a: np.ndarray, where: str) -> None:
    e, a = np.asarray(e), np.asarray(a)
    if e.dtype.kind in "biu":
        if a.dtype.kind in "iu" and a.dtype.itemsize < e.dtype.itemsize:
            # A narrower implementation-defined default integer (MLX's int32) wraps around
            # where the oracle's int64 does not: compare in the narrower dtype.
            e = e.astype(a.dtype)
        assert np.array_equal(e, a.astype(e.dtype, copy=False)), (
            f"{where}: {a.tolist()} != {e.tolist()}"
        )
        return
    # the coarser of the two dtypes sets the tolerance (they differ only for implementation-defined defaults)
    coarse = e.dtype if e.dtype.itemsize <= a.dtype.itemsize else a.dtype
    real_name = {"complex64": "float32", "complex128": "float64"}.get(coarse.name, coarse.name)
    table = case.tol or TOLERANCE
    rtol, atol = table.get(coarse.name, table.get(real_name, TOLERANCE[coarse.name]))
    a = a.astype(e.dtype, copy=False)
    if e.dtype.kind == "c":  # component by component: NaN and infinities of each part
        # (the tolerance of each part scales with the complex magnitude)
        magnitude = np.where(np.isfinite(e), np.abs(np.where(np.isfinite(e), e, 0)), 0)
        for part, e_part, a_part in (("real", e.real, a.real), ("imag", e.imag, a.imag)):
            _compare_floats(
                case,
                e_part,
                a_part,
                f"{where} ({part} part)",
                rtol,
                atol,
                magnitude,
                signed_zero=False,
            )  # the sign of a zero part: only in special-case tables
        return
    _compare_floats(case, e, a, where, rtol, atol)


def _compare_floats(
    case: Case,
    e: np.ndarray,
    a: np.ndarray,
    where: str,
    rtol: float,
    atol: float,
    magnitude: np.ndarray | None = None,
    signed_zero: bool = True,
) -> None:
    nan_e, nan_a = np.isnan(e), np.isnan(a)
    assert np.array_equal(nan_e, nan_a), (
        f"{where}: NaN at {np.argwhere(nan_a).tolist()}, expected at {np.argwhere(nan_e).tolist()}\n got {a}\n expected {e}"
    )
    inf_e = np.isinf(e)
    assert np.array_equal(a[inf_e], e[inf_e]), (
        f"{where}: infinities differ: got {a[inf_e]}, expected {e[inf_e]}"
    )
    finite = ~nan_e & ~inf_e
    scale = (
        np.abs(e[finite]) if magnitude is None else np.maximum(np.abs(e[finite]), magnitude[finite])
    )
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(a[finite] - e[finite]) <= atol + rtol * scale
    assert close.all(), (
        f"{where}: values differ beyond rtol={rtol}, atol={atol}:\n got {a[finite][~close]}\n "
        f"expected {e[finite][~close]}"
    )
    if case.signed_zero and signed_zero:
        zero = e == 0
        assert np.array_equal(np.signbit(a[zero]), np.signbit(e[zero])), (
            f"{where}: sign of zero differs: got {a[zero]}, expected {e[zero]}"
        )


def call(case: Case, namespace, lib_ns, example: Example, lib: str | None):
    args = example.args if lib is None else convert(example.args, lib, lib_ns)
    kwargs = (
        example.kwargs
        if lib is None
        else {k: convert(v, lib, lib_ns) for k, v in example.kwargs.items()}
    )
    if lib is None:
        args = tuple(getattr(strict, str(a)) if isinstance(a, D) else a for a in args)
        kwargs = {k: getattr(strict, str(v)) if isinstance(v, D) else v for k, v in kwargs.items()}
    function = resolve(namespace, case.name)
    if lib is None and case.oracle is not None:
        return case.oracle(strict, *args, **kwargs)
    backend = ember_ml.use_backend(lib) if lib is not None else contextlib.nullcontext()
    with backend:
        return function(*args, **kwargs)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", TABLE, ids=[c.id for c in TABLE])
def test_matches_array_api_strict(case: Case, target: str):
    namespace, lib_ns = namespaces(target)
    lib = library_of(target)
    known = case.known.get(lib)
    if known is not None and known[1].__name__ == "_always":
        pytest.skip(f"{case.name} on {lib}: {known[0]}")
    ctx = Ctx(frozenset(UNSUPPORTED[lib]()))
    try:
        strategy = case.build(ctx)
        strategy.validate()
    except NoDtype as error:
        pytest.skip(f"{lib} holds none of the dtypes {case.name} takes ({error})")

    @SETTINGS
    @given(example=strategy)
    def check(example):
        if known is not None and known[1](example):
            reject()  # listed by test_known_deviation
        try:
            expected = call(case, strict, strict, example, None)
        except (ValueError, TypeError, IndexError, ZeroDivisionError, OverflowError) as error:
            note(f"array-api-strict rejects this example: {error}")
            reject()
        actual = call(case, namespace, lib_ns, example, lib)
        compare(case, expected, actual, lib_ns)

    check()


@pytest.mark.parametrize(
    "lib,dtype",
    [
        (lib, d)
        for lib in LIBRARIES
        for d in ("uint16", "uint32", "uint64", "float64", "complex128")
    ],
)
def test_unsupported_dtype(lib, dtype):
    """Each dtype kept out of a library's draws is reported here as a skip with its reason."""
    if importlib.util.find_spec(_ROOT[lib]) is None:
        pytest.skip(f"{lib} is not installed")
    reasons = UNSUPPORTED[lib]()
    if dtype in reasons:
        pytest.skip(f"{dtype} not drawn for {lib}: {reasons[dtype]}")


KNOWN = [(case, lib) for case in TABLE for lib in case.known]


@pytest.mark.parametrize("case,lib", KNOWN, ids=[f"{c.name}-{lib}" for c, lib in KNOWN])
def test_known_deviation(case, lib):
    """Each input class kept out of a library's draws (a deviation outside ember_ml) is a skip with its reason."""
    pytest.skip(f"{case.name} on {lib}: {case.known[lib][0]}")


def test_table_covers_the_standard():
    """Every function of the standard has a row, or a stated reason in NOT_COMPARED."""
    standard = {f"{ext}.{name}" if ext else name for ext, name, _, _ in SPEC}
    rows = [c.name for c in TABLE]
    assert len(rows) == len(set(rows)), "duplicate rows"
    assert set(rows) <= standard, f"rows that are not standard functions: {set(rows) - standard}"
    assert not set(rows) & set(NOT_COMPARED)
    missing = standard - set(rows) - set(NOT_COMPARED)
    assert not missing, (
        f"standard functions with no differential row (add them to the table): {sorted(missing)}"
    )
