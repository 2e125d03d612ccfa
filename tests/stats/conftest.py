"""Fixtures for the statistics and linear-algebra extras tests (the xp fixture is tests/conftest.py's)."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml.ops import _extras


@pytest.fixture
def generic(monkeypatch):
    """Call ``generic(xp, group, *names)`` to switch those extras to their generic implementation."""

    def force(xp, group, *names):
        for name in names:
            monkeypatch.setitem(_extras._cache, (xp.__name__, group, name), None)

    return force


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
