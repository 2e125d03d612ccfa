"""quantile, percentile, median and their NaN-ignoring forms against NumPy, on every backend."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from stats_helpers import check, dtype_name, make

from ember_ml.ops import stats
from ember_ml.ops.stats import QUANTILE_METHODS

AXES = [None, -1, (0, 2)]


@pytest.mark.parametrize("method", QUANTILE_METHODS)
@pytest.mark.parametrize("axis", AXES)
def test_quantile_matches_numpy(xp, rng, method, axis):
    a = rng.standard_normal((4, 5, 3))
    for q in (0.0, 0.3, 0.5, 1.0, [0.1, 0.5, 0.99]):
        for keepdims in (False, True):
            got = stats.quantile(make(xp, a), q, axis=axis, keepdims=keepdims, method=method)
            check(got, np.quantile(a, q, axis=axis, keepdims=keepdims, method=method))


@pytest.mark.parametrize("method", QUANTILE_METHODS)
def test_generic_quantile_matches_fast_path_and_numpy(xp, rng, generic, method):
    a = rng.standard_normal((7, 6))
    fast = stats.quantile(make(xp, a), [0.2, 0.75], axis=1, method=method)
    generic("stats", "quantile", "median", "order_statistics")
    slow = stats.quantile(make(xp, a), [0.2, 0.75], axis=1, method=method)
    check(slow, fast)
    check(slow, np.quantile(a, [0.2, 0.75], axis=1, method=method))
    check(stats.median(make(xp, a), axis=0), np.median(a, axis=0))


def test_percentile_and_median(xp, rng):
    a = rng.standard_normal((6, 5))
    check(stats.percentile(make(xp, a), [5, 50, 95], axis=0), np.percentile(a, [5, 50, 95], axis=0))
    check(
        stats.percentile(make(xp, a), 40, method="nearest"), np.percentile(a, 40, method="nearest")
    )
    for axis in (None, 0, 1):
        check(stats.median(make(xp, a), axis=axis), np.median(a, axis=axis))
        check(
            stats.median(make(xp, a), axis=axis, keepdims=True),
            np.median(a, axis=axis, keepdims=True),
        )


def test_nan_and_inf_propagate_as_numpy(xp):
    a = np.asarray([[1.0, np.nan, 3.0, 2.0], [4.0, 1.0, np.inf, 2.0], [-np.inf, 0.0, 1.0, 5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for method in ("linear", "lower", "higher", "nearest", "midpoint", "hazen"):
            for q in (0.0, 0.25, 0.5, 1.0):
                check(
                    stats.quantile(make(xp, a), q, axis=1, method=method),
                    np.quantile(a, q, axis=1, method=method),
                )
        check(stats.median(make(xp, a), axis=1), np.median(a, axis=1))


def test_empty_slices_give_nan(xp):
    got = stats.quantile(make(xp, np.zeros((3, 0))), [0.5, 0.9], axis=1)
    check(got, np.full((2, 3), np.nan))
    check(stats.median(make(xp, np.zeros((0,)))), np.nan)


@pytest.mark.parametrize("method", ["linear", "lower", "higher", "nearest", "midpoint", "weibull"])
def test_nanquantile_matches_numpy(xp, rng, method):
    a = rng.standard_normal((5, 7))
    a[rng.random(a.shape) < 0.3] = np.nan
    a[2] = np.nan  # an all-NaN row
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for axis in (None, 0, 1):
            check(
                stats.nanquantile(make(xp, a), [0.0, 0.3, 0.5, 1.0], axis=axis, method=method),
                np.nanquantile(a, [0.0, 0.3, 0.5, 1.0], axis=axis, method=method),
            )
            check(
                stats.nanpercentile(make(xp, a), 60, axis=axis, keepdims=True, method=method),
                np.nanpercentile(a, 60, axis=axis, keepdims=True, method=method),
            )
            check(stats.nanmedian(make(xp, a), axis=axis), np.nanmedian(a, axis=axis))


def test_dtypes_integer_promotes_float32_stays(xp):
    ints = stats.quantile(make(xp, np.arange(10)), 0.5)
    default = xp.__array_namespace_info__().default_dtypes()["real floating"]
    assert ints.dtype == default
    check(ints, 4.5)
    f32 = stats.quantile(make(xp, np.arange(10.0), dtype=np.float32), [0.25, 0.5])
    assert dtype_name(f32) == "float32"
    assert dtype_name(stats.median(make(xp, np.arange(5.0), dtype=np.float32))) == "float32"
    assert dtype_name(stats.nanmedian(make(xp, np.arange(5.0), dtype=np.float32))) == "float32"


def test_bad_q_and_method_raise_value_error(xp):
    x = make(xp, np.arange(4.0))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        stats.quantile(x, 1.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        stats.quantile(x, [0.5, -0.1])
    with pytest.raises(ValueError, match=r"\[0, 100\]"):
        stats.percentile(x, 101)
    with pytest.raises(ValueError, match="valid methods are linear"):
        stats.quantile(x, 0.5, method="cubic")
    with pytest.raises(ValueError, match="out of range"):
        stats.quantile(x, 0.5, axis=2)


def test_axis_list_and_selection_path(xp, rng):
    a = rng.standard_normal((3, 4, 5))
    check(stats.quantile(make(xp, a), 0.4, axis=[0, 2]), np.quantile(a, 0.4, axis=(0, 2)))
    check(stats.median(make(xp, a), axis=[1]), np.median(a, axis=(1,)))
    for q in (0.0, 0.25, 1.0):  # one or two order statistics: the torch/MLX selection fast path
        check(
            stats.quantile(make(xp, a), q, axis=1, method="midpoint"),
            np.quantile(a, q, axis=1, method="midpoint"),
        )


def test_array_q_is_accepted(xp):
    a = np.arange(8.0)
    check(
        stats.quantile(make(xp, a), make(xp, np.asarray([0.25, 0.5]))), np.quantile(a, [0.25, 0.5])
    )
