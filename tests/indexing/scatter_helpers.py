"""Shared helpers of the scatter-family tests."""

from __future__ import annotations

import numpy as np


def to_xp(xp, a):
    """``a`` (NumPy) as an array of namespace ``xp`` with the same dtype."""
    return xp.asarray(a)


def as_numpy(x):
    """A NumPy copy of any array."""
    from ember_ml.backend import to_numpy

    return np.asarray(to_numpy(x))


def native_namespace(library):
    """ember_ml's namespace for NumPy, torch or MLX arrays."""
    import pytest

    import ember_ml

    module = pytest.importorskip({"numpy": "numpy", "torch": "torch", "mlx": "mlx.core"}[library])
    return ember_ml.array_namespace(
        module.asarray([0.0]) if library != "mlx" else module.array([0.0])
    )


def is_lazy(xp):
    """Dask: out-of-range indices are dropped, not raised (no value is read while the graph is built)."""
    return xp.__name__ == "ember_ml.backend.dask"
