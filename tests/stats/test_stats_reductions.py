"""NaN-aware reductions, mean/var/std, cov/corrcoef, moments, zscore, gaussian, logsumexp vs NumPy/SciPy."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.special
import scipy.stats
from stats_helpers import check, dtype_name, make

from ember_ml.ops import stats


def _nan_data(rng):
    a = rng.standard_normal((4, 6))
    a[rng.random(a.shape) < 0.3] = np.nan
    a[1] = np.nan
    return a


@pytest.mark.parametrize("axis", [None, 0, 1])
def test_nan_reductions_match_numpy(xp, rng, axis):
    a = _nan_data(rng)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        check(stats.nansum(make(xp, a), axis=axis), np.nansum(a, axis=axis))
        check(stats.nanmean(make(xp, a), axis=axis), np.nanmean(a, axis=axis))
        for correction in (0, 1):
            check(
                stats.nanvar(make(xp, a), axis=axis, correction=correction),
                np.nanvar(a, axis=axis, ddof=correction),
            )
            check(
                stats.nanstd(make(xp, a), axis=axis, correction=correction, keepdims=True),
                np.nanstd(a, axis=axis, ddof=correction, keepdims=True),
            )
        check(stats.nanmax(make(xp, a), axis=axis), np.nanmax(a, axis=axis))
        check(
            stats.nanmin(make(xp, a), axis=axis, keepdims=True),
            np.nanmin(a, axis=axis, keepdims=True),
        )


def test_nan_reductions_on_integers_and_empty(xp):
    ints = np.asarray([[3, 1, 2], [5, 4, 0]])
    check(stats.nansum(make(xp, ints), axis=1), np.nansum(ints, axis=1))
    check(stats.nanmax(make(xp, ints), axis=0), np.nanmax(ints, axis=0))
    check(stats.nanmean(make(xp, ints)), np.nanmean(ints))
    default = xp.__array_namespace_info__().default_dtypes()["real floating"]
    assert stats.nanmean(make(xp, ints)).dtype == default
    check(stats.nansum(make(xp, np.zeros((0,)))), 0.0)
    check(stats.nanmean(make(xp, np.zeros((0,)))), np.nan)
    with pytest.raises(ValueError, match="zero-size"):
        stats.nanmax(make(xp, np.zeros((0, 3))), axis=0)
    f32 = make(xp, np.asarray([1.0, np.nan, 2.0]), dtype=np.float32)
    for f in (stats.nansum, stats.nanmean, stats.nanvar, stats.nanstd, stats.nanmax, stats.nanmin):
        assert dtype_name(f(f32)) == "float32"


def test_mean_var_std_reexports_with_correction(xp, rng):
    a = rng.standard_normal((5, 4))
    check(stats.mean(make(xp, a), axis=0), np.mean(a, axis=0))
    check(stats.var(make(xp, a), axis=1, correction=1), np.var(a, axis=1, ddof=1))
    check(stats.std(make(xp, a), correction=1.5, keepdims=True), np.std(a, ddof=1.5, keepdims=True))
    ints = np.arange(12).reshape(3, 4)
    check(stats.var(make(xp, ints), axis=0), np.var(ints, axis=0), rtol=1e-6)
    assert dtype_name(stats.std(make(xp, a, dtype=np.float32))) == "float32"


@pytest.mark.parametrize("rowvar", [True, False])
def test_cov_and_corrcoef_match_numpy(xp, rng, rowvar):
    a = rng.standard_normal((3, 8))
    for correction in (0, 1, 2):
        check(
            stats.cov(make(xp, a), rowvar=rowvar, correction=correction),
            np.cov(a, rowvar=rowvar, ddof=correction),
        )
    check(stats.corrcoef(make(xp, a), rowvar=rowvar), np.corrcoef(a, rowvar=rowvar))
    v = a[0]
    check(stats.cov(make(xp, v)), np.cov(v))
    check(stats.corrcoef(make(xp, v)), np.corrcoef(v))
    ints = np.asarray([[1, 2, 4], [2, 1, 0]])
    check(stats.cov(make(xp, ints)), np.cov(ints), rtol=1e-6)
    with pytest.raises(ValueError, match="1-D or 2-D"):
        stats.cov(make(xp, np.zeros((2, 2, 2))))


@pytest.mark.parametrize("axis", [0, 1, None])
def test_moments_skew_kurtosis_zscore_match_scipy(xp, rng, axis):
    a = rng.standard_normal((6, 5)) ** 3 + 1.0
    for order in (0, 1, 2, 3, 4, 5):
        check(
            stats.moment(make(xp, a), order=order, axis=axis),
            scipy.stats.moment(a, order=order, axis=axis),
        )
    check(
        stats.moment(make(xp, a), order=3, axis=axis, center=0.5),
        scipy.stats.moment(a, order=3, axis=axis, center=0.5),
    )
    for bias in (True, False):
        check(
            stats.skew(make(xp, a), axis=axis, bias=bias), scipy.stats.skew(a, axis=axis, bias=bias)
        )
        for fisher in (True, False):
            check(
                stats.kurtosis(make(xp, a), axis=axis, fisher=fisher, bias=bias),
                scipy.stats.kurtosis(a, axis=axis, fisher=fisher, bias=bias),
            )
    for ddof in (0, 1):
        check(
            stats.zscore(make(xp, a), axis=axis, correction=ddof),
            scipy.stats.zscore(a, axis=axis, ddof=ddof),
        )
    check(
        stats.skew(make(xp, a), axis=axis, keepdims=True),
        scipy.stats.skew(a, axis=axis, keepdims=True),
    )


def test_constant_slices_give_nan_as_scipy(xp):
    a = np.asarray([[2.0, 2.0, 2.0], [1.0, 2.0, 4.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(stats.skew(make(xp, a), axis=1), scipy.stats.skew(a, axis=1))
        check(stats.kurtosis(make(xp, a), axis=1), scipy.stats.kurtosis(a, axis=1))
        check(stats.zscore(make(xp, a), axis=1), scipy.stats.zscore(a, axis=1))


def test_gaussian_is_the_normal_density(xp, rng):
    x = rng.standard_normal(20) * 3
    check(stats.gaussian(make(xp, x), mu=0.5, sigma=2.0), scipy.stats.norm.pdf(x, 0.5, 2.0))
    check(stats.gaussian(make(xp, x)), scipy.stats.norm.pdf(x))
    mu, sigma = rng.standard_normal(20), rng.random(20) + 0.5
    check(
        stats.gaussian(make(xp, x), mu=make(xp, mu), sigma=make(xp, sigma)),
        scipy.stats.norm.pdf(x, mu, sigma),
    )
    with pytest.raises(ValueError, match="positive"):
        stats.gaussian(make(xp, x), mu=0.0, sigma=0.0)
    assert dtype_name(stats.gaussian(make(xp, x, dtype=np.float32))) == "float32"


LSE_CASES = [
    np.asarray([[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0]]),
    np.asarray([[-np.inf, -np.inf, -np.inf], [np.inf, 1.0, 2.0]]),
    np.asarray([[np.inf, -np.inf, 0.0], [np.nan, 1.0, 2.0]]),
    np.asarray([[np.inf, np.inf, 0.0], [-1e300, -1e300, 5.0]]),
]


@pytest.mark.parametrize("case", range(len(LSE_CASES)))
def test_logsumexp_matches_scipy_including_inf_and_nan(xp, generic, case):
    a = LSE_CASES[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for axis in (None, 0, 1, -1, (0, 1)):
            for keepdims in (False, True):
                expected = scipy.special.logsumexp(a, axis=axis, keepdims=keepdims)
                check(stats.logsumexp(make(xp, a), axis=axis, keepdims=keepdims), expected)
        generic("stats", "logsumexp")
        check(stats.logsumexp(make(xp, a), axis=1), scipy.special.logsumexp(a, axis=1))


def test_logsumexp_fast_path_equals_generic(xp, rng, generic):
    a = rng.standard_normal((3, 4, 5)) * 50
    fast = stats.logsumexp(make(xp, a), axis=(0, 2))
    generic("stats", "logsumexp")
    check(stats.logsumexp(make(xp, a), axis=(0, 2)), fast, rtol=1e-12)


def test_logsumexp_empty_scalar_and_dtypes(xp):
    check(
        stats.logsumexp(make(xp, np.zeros((0, 3))), axis=0),
        scipy.special.logsumexp(np.zeros((0, 3)), axis=0),
    )
    check(stats.logsumexp(make(xp, np.asarray(2.5))), 2.5)
    ints = stats.logsumexp(make(xp, np.asarray([1, 2, 3])))
    assert ints.dtype == xp.__array_namespace_info__().default_dtypes()["real floating"]
    check(ints, scipy.special.logsumexp([1.0, 2.0, 3.0]), rtol=1e-6)
    f32 = stats.logsumexp(make(xp, np.asarray([1.0, 2.0]), dtype=np.float32))
    assert dtype_name(f32) == "float32"
