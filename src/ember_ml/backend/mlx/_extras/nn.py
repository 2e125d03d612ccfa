"""MLX's native module for ember_ml models: an ``mlx.nn.Module`` with ember_ml's hooks.

>>> import mlx.nn
>>> from ember_ml import nn
>>> isinstance(nn.Module(backend="mlx"), mlx.nn.Module)
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import mlx.core as mx
import mlx.nn
from mlx.utils import tree_flatten

from ember_ml.backend._modules import check_same_backend


class NativeModule(mlx.nn.Module):
    """``mlx.nn.Module`` plus the hooks ``ember_ml.nn.Module`` calls.

    Parameters are ``mx.array`` entries of the module's dict; constants are frozen
    entries (no gradient from ``nn.value_and_grad``).

    >>> import mlx.core as mx
    >>> from ember_ml import nn
    >>> m = nn.Module(backend="mlx")
    >>> m.add_parameter("w", mx.ones(2)); m.add_parameter("mask", mx.ones(2), trainable=False)
    >>> sorted(m.parameters()), sorted(m.trainable_parameters())
    (['mask', 'w'], ['w'])
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(value, "_em_specialised", False):
            check_same_backend(self, value, name)
        super().__setattr__(name, value)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def _em_add_parameter(self, name: str, value: Any, trainable: bool) -> None:
        setattr(self, name, value)
        if not trainable:
            self.freeze(recurse=False, keys=[name])

    def _em_assign(self, name: str, value: Any) -> None:
        setattr(self, name, value)

    def _em_named_arrays(self, prefix: str) -> Iterator[tuple[str, Any]]:
        for name, value in tree_flatten(self.parameters()):
            yield prefix + name, value

    def state_dict(self) -> dict[str, Any]:
        """Every parameter and constant by dotted name (``mx.array``)."""
        return dict(tree_flatten(self.parameters()))


def sigmoid(x: Any) -> Any:
    """Native fast path of the cells' sigmoid.

    >>> import mlx.core as mx
    >>> sigmoid(mx.zeros(1)).tolist()
    [0.5]
    """
    return mx.sigmoid(x)
