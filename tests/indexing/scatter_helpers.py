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
