"""Array helpers for the statistics and linear-algebra extras tests."""

from __future__ import annotations

import numpy as np

from ember_ml.backend import to_numpy


def make(xp, values, dtype=None):
    """An xp array of the NumPy array ``values`` (float64 kept: MLX holds it on the CPU)."""
    values = np.asarray(values)
    if dtype is not None:
        values = values.astype(dtype)
    return xp.asarray(values)


def check(result, expected, rtol=1e-10, atol=0.0):
    """result (any library) equals the oracle's ``expected``: shape, NaN positions and values."""
    got = to_numpy(result)
    expected = np.asarray(expected)
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)


def dtype_name(x) -> str:
    return str(to_numpy(x).dtype)
