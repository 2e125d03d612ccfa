"""Fixtures for the statistics and linear-algebra extras tests (``xp`` and ``generic`` are tests/conftest.py's)."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(1234)
