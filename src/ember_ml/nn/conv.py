"""``CausalConv1d``: the depthwise causal convolution of Hyena's short filter and Mamba, torch's layout.

>>> import numpy as np
>>> from ember_ml.nn import CausalConv1d
>>> conv = CausalConv1d(4, 3, backend="numpy", seed=0)
>>> conv.state_dict()["weight"].shape, conv(np.ones((2, 5, 4), dtype=np.float32)).shape
((4, 1, 3), (2, 5, 4))
"""

from __future__ import annotations

import math
from typing import Any

from ember_ml.nn import _init
from ember_ml.nn import functional as F
from ember_ml.nn._checks import check_features, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register

__all__ = ["CausalConv1d"]


@register
class CausalConv1d(Configurable, Module):
    """Depthwise causal 1-D convolution over ``(batch, length, channels)`` (channels last).

    Parameters as torch's ``Conv1d(channels, channels, kernel_size,
    groups=channels)``: ``weight (channels, 1, kernel_size)``, ``bias (channels,)``,
    initialised as torch does (uniform in ``+-1/sqrt(kernel_size)``). Output ``t``
    sees inputs ``t - kernel_size + 1 .. t``: torch's ``padding=kernel_size-1``
    cropped to the input length.

    >>> import numpy as np
    >>> from ember_ml.nn import CausalConv1d
    >>> CausalConv1d(2, 4, bias=False, backend="numpy", seed=0).to_config()
    {'type': 'CausalConv1d', 'channels': 2, 'kernel_size': 4, 'bias': False}
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    weight: Any
    bias: Any

    def __init__(
        self,
        channels: int,
        kernel_size: int,
        bias: bool = True,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.channels = positive_int("channels", channels)
        self.kernel_size = positive_int("kernel_size", kernel_size)
        self.use_bias = bool(bias)
        bound = 1.0 / math.sqrt(self.kernel_size)
        shape = (self.channels, 1, self.kernel_size)
        self.add_parameter("weight", _init.uniform(stream, shape, -bound, bound, **self.factory))
        if self.use_bias:
            self.add_parameter(
                "bias", _init.uniform(stream, (self.channels,), -bound, bound, **self.factory)
            )

    def _config(self) -> dict[str, Any]:
        return {"channels": self.channels, "kernel_size": self.kernel_size, "bias": self.use_bias}

    def forward(self, x: Any) -> Any:
        check_features(self, x, self.channels)
        bias = self.bias if self.use_bias else None
        return F.causal_conv1d(x, self.weight, bias, channels_last=True)
