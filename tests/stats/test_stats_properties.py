"""Bounded property tests: quantiles and NaN reductions equal NumPy's on random shapes, axes and data."""

from __future__ import annotations

import os
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stats_helpers import check, make

from ember_ml.ops import stats
from ember_ml.ops.stats import QUANTILE_METHODS

EXAMPLES = int(os.environ.get("EMBER_ML_STATS_EXAMPLES", "10"))


@st.composite
def arrays_and_axes(draw):
    shape = tuple(draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(shape)
    if draw(st.booleans()):
        a = np.round(a)  # ties
    if draw(st.booleans()):
        a[rng.random(shape) < 0.25] = np.nan
    axis = draw(st.sampled_from([None, *range(len(shape)), *range(-len(shape), 0)]))
    return a, axis


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=arrays_and_axes(),
    method=st.sampled_from(QUANTILE_METHODS),
    q=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5),
    keepdims=st.booleans(),
)
def test_quantile_and_nanquantile_equal_numpy(xp, data, method, q, keepdims):
    a, axis = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        check(
            stats.quantile(make(xp, a), q, axis=axis, keepdims=keepdims, method=method),
            np.quantile(a, q, axis=axis, keepdims=keepdims, method=method),
            rtol=1e-9,
            atol=1e-12,
        )
        check(
            stats.quantile(make(xp, a), q[0], axis=axis, method=method),
            np.quantile(a, q[0], axis=axis, method=method),
            rtol=1e-9,
            atol=1e-12,
        )
        check(
            stats.nanquantile(make(xp, a), q, axis=axis, keepdims=keepdims, method=method),
            np.nanquantile(a, q, axis=axis, keepdims=keepdims, method=method),
            rtol=1e-9,
            atol=1e-12,
        )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=arrays_and_axes(), correction=st.sampled_from([0, 1]))
def test_nan_reductions_equal_numpy(xp, data, correction):
    a, axis = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        check(stats.nanmean(make(xp, a), axis=axis), np.nanmean(a, axis=axis), atol=1e-12)
        check(
            stats.nanvar(make(xp, a), axis=axis, correction=correction),
            np.nanvar(a, axis=axis, ddof=correction),
            atol=1e-12,
        )
        check(stats.nanmedian(make(xp, a), axis=axis), np.nanmedian(a, axis=axis), atol=1e-12)
        check(stats.nanmax(make(xp, a), axis=axis), np.nanmax(a, axis=axis))
