"""torch's native module for ember_ml models: a ``torch.nn.Module`` with ember_ml's hooks.

>>> import torch
>>> from ember_ml import nn
>>> isinstance(nn.Module(backend="torch"), torch.nn.Module)
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import torch

from ember_ml.backend._modules import check_same_backend


class NativeModule(torch.nn.Module):
    """``torch.nn.Module`` plus the hooks ``ember_ml.nn.Module`` calls.

    Trainable parameters are ``torch.nn.Parameter``; constants are buffers.

    >>> from ember_ml import nn
    >>> m = nn.Module(backend="torch")
    >>> m.add_parameter("w", torch.ones(2))
    >>> [name for name, _ in m.named_parameters()]
    ['w']
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(value, "_em_specialised", False):
            check_same_backend(self, value, name)
        super().__setattr__(name, value)

    def _em_add_parameter(self, name: str, value: Any, trainable: bool) -> None:
        if trainable:
            self.register_parameter(name, torch.nn.Parameter(value))
        else:
            self.register_buffer(name, value)

    def _em_assign(self, name: str, value: Any) -> None:
        current = getattr(self, name)
        with torch.no_grad():
            current.copy_(value.to(device=current.device, dtype=current.dtype))

    def _em_named_arrays(self, prefix: str) -> Iterator[tuple[str, Any]]:
        for name, value in self._parameters.items():
            if value is not None:
                yield prefix + name, value
        for name, value in self._buffers.items():
            if value is not None and name not in self._non_persistent_buffers_set:
                yield prefix + name, value
        for name, child in self._modules.items():
            if child is None:
                continue
            if hasattr(child, "_em_named_arrays"):
                yield from child._em_named_arrays(f"{prefix}{name}.")
            else:
                for key, value in child.state_dict(keep_vars=True).items():
                    yield f"{prefix}{name}.{key}", value


def sigmoid(x: Any) -> Any:
    """Native fast path of the cells' sigmoid.

    >>> sigmoid(torch.zeros(1))
    tensor([0.5000])
    """
    return torch.sigmoid(x)


def softplus(x: Any) -> Any:
    """Native fast path of the cells' softplus (``log(1 + exp(x))``).

    >>> softplus(torch.zeros(1))
    tensor([0.6931])
    """
    return torch.logaddexp(x, torch.zeros((), dtype=x.dtype, device=x.device))
