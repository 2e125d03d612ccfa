"""Helpers for the scatter-family tests: NumPy inputs -> any xp, and the `impl` fixture.

``impl`` runs a test once with each backend's native fast path and once with the
generic (standard-calls-only) kernel, in both its dense and its sort+scan form,
so every fast path is checked against the generic implementation.
"""

from __future__ import annotations

import os

import pytest

from ember_ml.ops import _scatter_kernel

DASK_DEEP = os.environ.get("EMBER_ML_DASK_DEEP", "") not in ("", "0")


@pytest.fixture(params=["native", "generic-dense", "generic-sort"])
def impl(request, monkeypatch, generic):
    """Which kernel the public functions use: the fast path, or the generic one (dense / sorted).

    On Dask the sort+scan form (seconds per test there; Dask's users get the fast path) runs
    only with EMBER_ML_DASK_DEEP=1 (``tox -e dask-deep``); the dense form runs in CI.
    """
    callspec = getattr(request.node, "callspec", None)
    on_dask = callspec is not None and callspec.params.get("xp") == "dask"
    if request.param == "generic-sort" and on_dask and not DASK_DEEP:
        pytest.skip(
            "the generic sort+scan kernel on Dask: set EMBER_ML_DASK_DEEP=1 (tox -e dask-deep)"
        )
    if request.param != "native":
        generic("indexing")
    if request.param == "generic-sort":
        monkeypatch.setattr(_scatter_kernel, "_DENSE_LIMIT", 0)
    return request.param
