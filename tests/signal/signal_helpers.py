"""Helpers shared by the signal tests."""

from __future__ import annotations

import os

# Hypothesis examples per test in the default run; raise it for a deep run (EMBER_ML_SIGNAL_EXAMPLES=500).
EXAMPLES = int(os.environ.get("EMBER_ML_SIGNAL_EXAMPLES", "12"))


def library_name(xp) -> str:
    """numpy, torch, mlx, dask or array_api_strict, from an ember_ml namespace."""
    name = xp.__name__
    for lib in ("numpy", "torch", "mlx", "dask"):
        if name == f"ember_ml.backend.{lib}":
            return lib
    return "array_api_strict"
