"""ember_ml.ops.activations against torch.nn.functional on every backend: values, dtypes, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import ORACLES, SPECIAL, function_name, random_input, torch_oracle

import ember_ml.nn.activations as nn_activations
from ember_ml.backend import to_numpy
from ember_ml.ops import activations

torch = pytest.importorskip("torch")
CASES = sorted(ORACLES)


def call(case, x):
    kwargs, _ = ORACLES[case]
    return getattr(activations, case if case in ("swish",) else function_name(case))(x, **kwargs)


def float_dtype(xp):
    """The widest float each library has (MLX computes in float32)."""
    return (
        xp.float64
        if hasattr(xp, "float64") and xp.__name__ != "ember_ml.backend.mlx"
        else xp.float32
    )


def assert_matches(got, expected, rtol, atol):
    got = np.asarray(to_numpy(got), dtype=np.float64)
    expected = expected.detach().numpy().astype(np.float64)
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)


@pytest.mark.parametrize("case", CASES)
def test_values_match_torch(xp, case):
    dtype = float_dtype(xp)
    x = random_input()
    got = call(case, xp.asarray(x, dtype=dtype))
    assert got.dtype == dtype
    if dtype == xp.float64:
        assert_matches(got, torch_oracle(case, x), rtol=1e-12, atol=1e-14)
    else:  # MLX: float32 against torch's float32
        x32 = x.astype(np.float32)
        assert_matches(got, torch_oracle(case, x32, torch.float32), rtol=2e-6, atol=2e-6)


ELEMENTWISE = [c for c in CASES if function_name(c) not in ("softmax", "log_softmax")]


@pytest.mark.parametrize("case", ELEMENTWISE)
def test_special_values_match_torch(xp, case):
    """±inf, nan, huge and branch-point inputs: the same values (and the same nans) as torch.

    (softmax and log_softmax: per slice, in test_softmax_special_slices_match_torch.)
    """
    dtype = float_dtype(xp)
    x = np.asarray(SPECIAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy warns on inf * 0
        got = call(case, xp.asarray(x, dtype=dtype))
    width = torch.float64 if dtype == getattr(xp, "float64", None) else torch.float32
    expected = torch_oracle(case, x, width)
    if function_name(case) == "gelu" and case == "gelu" and width == torch.float32:
        # torch's vectorised float32 kernel returns nan at +inf; its float64 kernel inf.
        expected = torch_oracle(case, x).to(torch.float32)
    tol = 1e-12 if width == torch.float64 else 2e-6
    # gelu's exact form: torch computes x * (1 + erf(x / sqrt 2)) / 2, which is 0 below -8
    # where ember_ml's erfc form gives the true (tiny) value: an absolute tolerance covers it.
    assert_matches(got, expected, rtol=tol, atol=1e-12 if width == torch.float64 else 1e-6)


def test_gelu_tail_is_accurate_where_torch_cancels():
    """Phi(x) from erfc: gelu(-10) = -10 * Phi(-10), not 0 (SciPy's ndtr as the oracle)."""
    special = pytest.importorskip("scipy.special")
    x = np.asarray([-37.0, -20.0, -10.0, -5.0, -1e-3, 1e-3, 5.0])
    got = activations.gelu(x)
    np.testing.assert_allclose(got, x * special.ndtr(x), rtol=1e-13)
    got32 = activations.gelu(x.astype(np.float32)[2:])  # below -20 the float32 result underflows
    np.testing.assert_allclose(got32, (x * special.ndtr(x))[2:], rtol=1e-5)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_special_slices_match_torch(xp, name):
    dtype = float_dtype(xp)
    inf, nan = float("inf"), float("nan")
    rows = np.asarray(
        [
            [1e4, -1e4, 0.0],
            [-1e4, -1e4, -1e4],
            [inf, 1.0, 2.0],
            [-inf, 1.0, 2.0],
            [-inf, -inf, -inf],
            [nan, 1.0, 2.0],
            [3.0, 3.0, 3.0],
        ]
    )
    width = torch.float64 if dtype == getattr(xp, "float64", None) else torch.float32
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        got = getattr(activations, name)(xp.asarray(rows, dtype=dtype))
    expected = getattr(F := torch.nn.functional, name)(torch.asarray(rows, dtype=width), -1)
    assert F is torch.nn.functional
    assert_matches(got, expected, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "log_sigmoid", "log_softmax", "softmax"])
def test_no_overflow_up_to_1e4_in_float32(xp, name):
    x = np.linspace(-1e4, 1e4, 41).astype(np.float32).reshape(1, 41)
    got = to_numpy(getattr(activations, name)(xp.asarray(x, dtype=xp.float32)))
    expected = (
        getattr(torch.nn.functional, name)(torch.asarray(x), -1)
        if "softmax" in name
        else (torch_oracle(name, x, torch.float32))
    )
    assert np.all(np.isfinite(got))
    assert_matches(got, expected, rtol=1e-6, atol=1e-6)


def test_lecun_tanh_matches_ncps(xp):
    cfc_cell = pytest.importorskip("ncps.torch.cfc_cell")
    x = random_input()
    dtype = float_dtype(xp)
    got = activations.lecun_tanh(xp.asarray(x, dtype=dtype))
    width = torch.float64 if dtype == getattr(xp, "float64", None) else torch.float32
    expected = cfc_cell.LeCun()(torch.asarray(x, dtype=width))
    assert_matches(got, expected, rtol=1e-6, atol=1e-6)


# --- fast paths against the generic implementation ---------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_fast_path_matches_generic(xp, case):
    """The public function (native fast path where one exists) equals the generic formula."""
    widths = ["float32"] if xp.__name__.endswith("mlx") else ["float32", "float64"]
    name = "silu" if case == "swish" else function_name(case)
    kwargs, _ = ORACLES[case]
    defaults = {
        "leaky_relu": {"negative_slope": 0.01},
        "elu": {"alpha": 1.0},
        "celu": {"alpha": 1.0},
        "gelu": {"approximate": "none"},
        "softplus": {"beta": 1.0, "threshold": 20.0},
        "softmax": {"axis": 0},
        "log_softmax": {"axis": 0},
    }
    options = dict(kwargs) or defaults.get(name, {})
    if name in ("softmax", "log_softmax"):
        options = {"axis": 0}
    for width in widths:
        dtype = getattr(xp, width)
        x = xp.asarray(np.concatenate([random_input().ravel(), SPECIAL[1:-3]]), dtype=dtype)
        fast = getattr(activations, name)(x, **options)
        slow = activations._GENERIC[name](xp, x, *options.values())
        assert fast.dtype == slow.dtype == dtype
        tol = 1e-12 if width == "float64" else 3e-6
        np.testing.assert_allclose(to_numpy(fast), to_numpy(slow), rtol=tol, atol=tol)


# --- dtypes ------------------------------------------------------------------------------


def half_dtypes(xp):
    return [getattr(xp, n) for n in ("float16", "bfloat16") if hasattr(xp, n)]


@pytest.mark.parametrize("case", CASES)
def test_half_precision_dtype_kept(xp, case):
    if xp.__name__.endswith("mlx"):
        mx = pytest.importorskip("mlx.core")
        dtypes = [mx.float16, mx.bfloat16]
    else:
        dtypes = half_dtypes(xp) or [xp.float32]  # array-api-strict has no 16-bit float
    x = np.clip(random_input(), -20, 20)
    for dtype in dtypes:
        got = call(case, xp.astype(xp.asarray(x, dtype=xp.float32), dtype))
        assert got.dtype == dtype
        rounded = to_numpy(xp.astype(xp.astype(xp.asarray(x, dtype=xp.float32), dtype), xp.float32))
        expected = torch_oracle(case, rounded.astype(np.float64))
        assert_matches(xp.astype(got, xp.float32), expected, rtol=2e-2, atol=2e-2)


@pytest.mark.parametrize("case", ELEMENTWISE)
def test_zero_d_input(xp, case):
    got = call(case, xp.asarray(-0.7, dtype=float_dtype(xp)))
    assert tuple(got.shape) == ()
    expected = torch_oracle(
        case, np.asarray(-0.7), torch.float64 if not xp.__name__.endswith("mlx") else torch.float32
    )
    assert_matches(got, expected, rtol=1e-6, atol=1e-7)


def test_integer_input_promotes_to_default_float(xp):
    got = activations.relu(xp.asarray([-2, 3]))
    assert xp.isdtype(got.dtype, "real floating")
    np.testing.assert_array_equal(to_numpy(got), [0.0, 3.0])


# --- errors and names --------------------------------------------------------------------


def test_bad_arguments_raise_clear_errors(xp):
    x = xp.asarray([1.0, 2.0])
    with pytest.raises(ValueError, match="approximate"):
        activations.gelu(x, approximate="erf")
    with pytest.raises(ValueError, match="axis 2 is out of range"):
        activations.softmax(x, axis=2)
    with pytest.raises(ValueError, match="0-d"):
        activations.log_softmax(xp.asarray(1.0))
    with pytest.raises(TypeError, match="axis must be an int"):
        activations.softmax(x, axis=0.5)
    with pytest.raises(ValueError, match="alpha must not be 0"):
        activations.celu(x, alpha=0.0)
    with pytest.raises(ValueError, match="beta must not be 0"):
        activations.softplus(x, beta=0)
    with pytest.raises(TypeError, match="negative_slope"):
        activations.leaky_relu(x, negative_slope="0.1")
    with pytest.raises(TypeError, match="dtype"):
        activations.sigmoid(xp.asarray([True, False]))


def test_nn_activations_reexports_every_name():
    assert set(nn_activations.__all__) == set(activations.__all__)
    for name in activations.__all__:
        assert getattr(nn_activations, name) is getattr(activations, name)
