"""Helpers for the scatter-family tests: NumPy inputs -> any xp, and the `impl` fixture.

``impl`` runs a test once with each backend's native fast path and once with the
generic (standard-calls-only) kernel, in both its dense and its sort+scan form,
so every fast path is checked against the generic implementation.
"""

from __future__ import annotations

import pytest

from ember_ml.ops import _scatter_kernel


@pytest.fixture(params=["native", "generic-dense", "generic-sort"])
def impl(request, monkeypatch, generic):
    """Which kernel the public functions use: the fast path, or the generic one (dense / sorted)."""
    if request.param != "native":
        generic("indexing")
    if request.param == "generic-sort":
        monkeypatch.setattr(_scatter_kernel, "_DENSE_LIMIT", 0)
    return request.param
