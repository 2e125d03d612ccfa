"""Helpers for the random tests: keys for any namespace, and NumPy copies of results."""

from __future__ import annotations

import pytest

import ember_ml
from ember_ml import random
from ember_ml.backend import to_numpy

BACKENDS = ("numpy", "torch", "mlx")
_MODULE = {"numpy": "numpy", "torch": "torch", "mlx": "mlx.core"}


def library_of(xp) -> str:
    """'numpy', 'torch', 'mlx', 'dask' for ember_ml's namespaces, 'array_api_strict' for the strict one."""
    return (
        xp.__name__.rpartition(".")[2]
        if xp.__name__.startswith("ember_ml.backend.")
        else xp.__name__
    )


def make_key(xp, seed: int):
    """``random.key(seed)`` as an array of namespace ``xp``."""
    library = library_of(xp)
    if library in BACKENDS:
        with ember_ml.use_backend(library):
            return random.key(seed)
    value = seed & ((1 << 64) - 1)
    return xp.asarray([value >> 32, value & 0xFFFFFFFF], dtype=xp.uint32)


def installed_backends():
    """The backends whose library is installed (skips the test when fewer than two are)."""
    import importlib.util

    found = [
        b for b in BACKENDS if importlib.util.find_spec(_MODULE[b].partition(".")[0]) is not None
    ]
    if len(found) < 2:
        pytest.skip("needs at least two of numpy, torch, mlx installed")
    return found


def on_every_backend(function):
    """``{backend: NumPy copy of function(key)}`` with a key made under each installed backend.

    Dask (when installed) draws in chunks of 2 KiB, so its numbers cross chunk edges.
    """
    import importlib.util

    import array_api_strict

    results = {}
    for backend in installed_backends():
        with ember_ml.use_backend(backend):
            results[backend] = to_numpy(function(random.key(1234)))
    if importlib.util.find_spec("dask") is not None:
        import dask

        with dask.config.set({"array.chunk-size": "2KiB"}), ember_ml.use_backend("dask"):
            results["dask"] = to_numpy(function(random.key(1234)))
    results["array_api_strict"] = to_numpy(function(make_key(array_api_strict, 1234)))
    return results


__all__ = ["installed_backends", "library_of", "make_key", "on_every_backend", "to_numpy"]
