"""The ``backend`` fixture of the layer tests: one model definition, run as a NumPy, torch and MLX module."""

from __future__ import annotations

import pytest

from ember_ml import backend as _backend

MODEL_BACKENDS = ("numpy", "torch", "mlx")


@pytest.fixture(params=MODEL_BACKENDS)
def backend(request):
    """A backend name whose library is installed (the others are skipped with the reason shown)."""
    if not _backend.is_installed(request.param):
        pytest.skip(f"{request.param} is not installed")
    return request.param
