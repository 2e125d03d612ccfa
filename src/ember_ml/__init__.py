"""ember_ml: pass NumPy, PyTorch or MLX arrays to ``ember_ml.ops`` and get the array API standard's answer.

>>> import numpy as np
>>> from ember_ml import ops
>>> ops.sum(ops.sin(np.zeros(3)))
np.float64(0.0)

``import ember_ml`` imports neither torch nor MLX; a backend loads when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ember_ml._namespace import (
    array_namespace,
    device,
    get_available_devices,
    to_device,
)
from ember_ml._selection import (
    auto_select_backend,
    get_backend,
    set_backend,
    use_backend,
)
from ember_ml.backend import _mlx_routing

# x.__array_namespace__() of an MLX array answers ember_ml's namespace (MLX is not imported)
_mlx_routing.install()

__version__ = "0.1.0"
__array_api_version__ = "2025.12"

__all__ = [
    "__version__",
    "array_namespace",
    "auto_select_backend",
    "device",
    "features",
    "get_available_devices",
    "get_backend",
    "nn",
    "ops",
    "random",
    "set_backend",
    "tensor",
    "to_device",
    "use_backend",
]

_SUBMODULES = ("features", "nn", "ops", "random", "tensor")

if TYPE_CHECKING:  # imported on first use (below); declared here for type checkers
    from ember_ml import features, nn, ops, random, tensor
else:  # hidden from type checkers, so that a misspelt name is an error there

    def __getattr__(name: str) -> Any:
        if name in _SUBMODULES:
            import importlib

            return importlib.import_module(f"ember_ml.{name}")
        raise AttributeError(f"module 'ember_ml' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
