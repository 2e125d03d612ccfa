"""The cells' native sigmoid/softplus fast paths equal ember_ml.ops.activations' (the generic path)."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml._hooks import fast_path
from ember_ml.backend import to_numpy
from ember_ml.nn import cells


@pytest.mark.parametrize("name", ["sigmoid", "softplus"])
def test_fast_paths_equal_generic(xp, name):
    x = xp.asarray(np.linspace(-30.0, 30.0, 41), dtype=xp.float32)
    generic = cells._generic(name)(x)
    fast = fast_path(xp, "nn", name)
    got = cells._kernel(xp, name)(x)
    if fast is not None:
        np.testing.assert_allclose(to_numpy(fast(x)), to_numpy(generic), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(to_numpy(got), to_numpy(generic), rtol=1e-6, atol=1e-7)
    expected = (
        1 / (1 + np.exp(-np.linspace(-30.0, 30.0, 41)))
        if name == "sigmoid"
        else np.logaddexp(np.linspace(-30.0, 30.0, 41), 0)
    )
    np.testing.assert_allclose(to_numpy(generic), expected, rtol=1e-5, atol=1e-30)
