"""bincount and histogram against NumPy, on every backend; fast paths against the generic code."""

from __future__ import annotations

import numpy as np
import pytest
from stats_helpers import check, dtype_name, make

from ember_ml.ops import stats


def _both(xp, generic, call):
    """call() with the backend's fast path, then with the generic implementation."""
    fast = call()
    generic("stats", "bincount_fixed")
    return fast, call()


def test_bincount_matches_numpy(xp, rng, generic):
    x = rng.integers(0, 7, size=50)
    w = rng.standard_normal(50)
    for minlength in (0, 7, 10):
        fast, slow = _both(
            xp, generic, lambda m=minlength: stats.bincount(make(xp, x), minlength=m)
        )
        check(fast, np.bincount(x, minlength=minlength))
        check(slow, fast)
        fast, slow = _both(
            xp,
            generic,
            lambda m=minlength: stats.bincount(make(xp, x), weights=make(xp, w), minlength=m),
        )
        check(fast, np.bincount(x, w, minlength=minlength))
        check(slow, fast, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("dtype", ["uint8", "int32", "int64"])
def test_bincount_dtypes(xp, generic, dtype):
    x = np.asarray([0, 3, 3, 250, 1], dtype=dtype)
    counts = stats.bincount(make(xp, x))
    check(counts, np.bincount(x))
    assert counts.dtype == xp.__array_namespace_info__().default_dtypes()["integral"]
    w32 = stats.bincount(make(xp, x), weights=make(xp, np.ones(5), dtype=np.float32))
    assert dtype_name(w32) == "float32"
    generic("stats", "bincount_fixed")
    check(stats.bincount(make(xp, x), minlength=300), np.bincount(x, minlength=300))


def test_bincount_static_length_drops_out_of_range_values(xp, generic):
    x = np.asarray([0, 1, 5, 9, 2, -1, 1])
    for _ in range(2):
        got = stats.bincount(make(xp, x), minlength=4)
        kept = x[(x >= 0) & (x < 4)]
        check(got, np.bincount(kept, minlength=4))
        generic("stats", "bincount_fixed")


def test_bincount_bad_input(xp):
    with pytest.raises(ValueError, match="non-negative"):
        stats.bincount(make(xp, np.asarray([1, -2])))
    with pytest.raises(TypeError, match="integers"):
        stats.bincount(make(xp, np.asarray([1.0])))
    with pytest.raises(ValueError, match="1-D"):
        stats.bincount(make(xp, np.zeros((2, 2), dtype=np.int64)))
    check(
        stats.bincount(make(xp, np.zeros((0,), dtype=np.int64))),
        np.bincount(np.zeros((0,), dtype=np.int64)),
    )


@pytest.mark.parametrize("bins", [1, 3, 10])
def test_histogram_matches_numpy(xp, rng, generic, bins):
    a = rng.standard_normal((20, 3))
    cases = [dict(), dict(range=(-1.0, 1.5)), dict(range=(0.5, 0.5))]
    for kwargs in cases:
        counts, edges = stats.histogram(make(xp, a), bins=bins, **kwargs)
        ref_counts, ref_edges = np.histogram(a, bins=bins, **kwargs)
        check(edges, ref_edges, rtol=1e-12)
        check(counts, ref_counts)
        w = rng.random(a.shape)
        counts, _ = stats.histogram(make(xp, a), bins=bins, weights=make(xp, w), **kwargs)
        check(counts, np.histogram(a, bins=bins, weights=w, **kwargs)[0], rtol=1e-12, atol=1e-12)
    generic("stats", "bincount_fixed")
    check(stats.histogram(make(xp, a), bins=bins)[0], np.histogram(a, bins=bins)[0])


def test_histogram_edges_constant_ints_nan_and_errors(xp):
    const = np.full(5, 3.0)
    for got, ref in zip(
        stats.histogram(make(xp, const), bins=4), np.histogram(const, bins=4), strict=True
    ):
        check(got, ref)
    ints = np.asarray([0, 1, 1, 2, 7])
    counts, edges = stats.histogram(make(xp, ints), bins=7)
    ref = np.histogram(ints, bins=7)
    check(counts, ref[0])
    check(edges, ref[1], rtol=1e-6)
    with_nan = np.asarray([0.1, np.nan, 0.7, 2.0])
    check(
        stats.histogram(make(xp, with_nan), bins=2, range=(0.0, 1.0))[0],
        np.histogram(with_nan, bins=2, range=(0.0, 1.0))[0],
    )
    empty = np.zeros((0,))
    for got, ref in zip(
        stats.histogram(make(xp, empty), bins=3), np.histogram(empty, bins=3), strict=True
    ):
        check(got, ref)
    f32 = stats.histogram(make(xp, np.asarray([1.0, 2.0]), dtype=np.float32), bins=2)[1]
    assert dtype_name(f32) == "float32"
    with pytest.raises(ValueError, match="positive int"):
        stats.histogram(make(xp, const), bins=0)
    with pytest.raises(ValueError, match="range"):
        stats.histogram(make(xp, const), bins=2, range=(2.0, 1.0))
