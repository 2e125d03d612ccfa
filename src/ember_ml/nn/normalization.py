"""Normalisation layers with torch's names, defaults and state dicts: ``LayerNorm``, ``RMSNorm``, ``BatchNorm1d``.

``ours.load_state_dict(torch_module.state_dict())`` works on every backend and
gives torch's outputs.

>>> import numpy as np
>>> from ember_ml import nn
>>> norm = nn.LayerNorm(4, backend="numpy")
>>> sorted(norm.state_dict()), norm(np.ones((2, 4), dtype=np.float32)).shape
(['bias', 'weight'], (2, 4))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ember_ml.nn import functional as F
from ember_ml.nn._checks import check_array, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register

__all__ = ["NORMS", "BatchNorm1d", "LayerNorm", "RMSNorm", "make_norm"]


def _shape(normalized_shape: Any) -> tuple[int, ...]:
    if isinstance(normalized_shape, int) and not isinstance(normalized_shape, bool):
        return (positive_int("normalized_shape", normalized_shape),)
    try:
        shape = tuple(normalized_shape)
    except TypeError:
        raise TypeError(
            f"normalized_shape must be an int or a sequence of ints, got {normalized_shape!r}"
        ) from None
    return tuple(
        positive_int("normalized_shape", int(n) if not isinstance(n, bool) else n) for n in shape
    )


@register
class LayerNorm(Configurable, Module):
    """torch's ``nn.LayerNorm``: normalise the last axes to mean 0, variance 1, then scale and shift.

    Parameters ``weight`` (ones) and ``bias`` (zeros) of ``normalized_shape``
    (``elementwise_affine=False``: neither; ``bias=False``: no ``bias``).

    >>> import numpy as np
    >>> from ember_ml.nn import LayerNorm
    >>> np.round(LayerNorm(2, backend="numpy")(np.asarray([[1.0, 3.0]], dtype=np.float32)), 3)
    array([[-1.,  1.]], dtype=float32)
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    weight: Any
    bias: Any

    def __init__(
        self,
        normalized_shape: int | Sequence[int],
        eps: float = 1e-5,
        elementwise_affine: bool = True,
        bias: bool = True,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.normalized_shape = _shape(normalized_shape)
        self.eps = float(eps)
        self.elementwise_affine = bool(elementwise_affine)
        self.bias_flag = bool(bias)
        self.use_bias = self.bias_flag and self.elementwise_affine
        xp = self.xp
        if self.elementwise_affine:
            self.add_parameter(
                "weight", xp.ones(self.normalized_shape, dtype=self.dtype, device=self.device)
            )
            if self.use_bias:
                self.add_parameter(
                    "bias", xp.zeros(self.normalized_shape, dtype=self.dtype, device=self.device)
                )

    def _config(self) -> dict[str, Any]:
        return {
            "normalized_shape": list(self.normalized_shape),
            "eps": self.eps,
            "elementwise_affine": self.elementwise_affine,
            "bias": self.bias_flag,
        }

    def forward(self, x: Any) -> Any:
        check_array(self, x)
        weight = self.weight if self.elementwise_affine else None
        bias = self.bias if self.use_bias else None
        return F.layer_norm(x, self.normalized_shape, weight, bias, self.eps)


@register
class RMSNorm(Configurable, Module):
    """torch's ``nn.RMSNorm``: ``x / sqrt(mean(x**2) + eps) * weight`` over the last axes.

    ``eps=None`` is the input dtype's machine epsilon (torch's default).

    >>> import numpy as np
    >>> from ember_ml.nn import RMSNorm
    >>> np.round(RMSNorm(2, backend="numpy")(np.asarray([[3.0, 4.0]], dtype=np.float32)), 3)
    array([[0.849, 1.131]], dtype=float32)
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    weight: Any

    def __init__(
        self,
        normalized_shape: int | Sequence[int],
        eps: float | None = None,
        elementwise_affine: bool = True,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.normalized_shape = _shape(normalized_shape)
        self.eps = None if eps is None else float(eps)
        self.elementwise_affine = bool(elementwise_affine)
        if self.elementwise_affine:
            self.add_parameter(
                "weight", self.xp.ones(self.normalized_shape, dtype=self.dtype, device=self.device)
            )

    def _config(self) -> dict[str, Any]:
        return {
            "normalized_shape": list(self.normalized_shape),
            "eps": self.eps,
            "elementwise_affine": self.elementwise_affine,
        }

    def forward(self, x: Any) -> Any:
        check_array(self, x)
        weight = self.weight if self.elementwise_affine else None
        return F.rms_norm(x, self.normalized_shape, weight, self.eps)


@register
class BatchNorm1d(Configurable, Module):
    """torch's ``nn.BatchNorm1d`` over ``(N, C)`` or ``(N, C, L)`` input (``channels_last``: ``(N, L, C)``).

    In training mode the batch's statistics normalise (biased variance) and the
    running statistics move by ``momentum`` (unbiased variance; ``momentum=None``:
    a cumulative average over ``num_batches_tracked``); in inference mode the
    running statistics normalise. State: ``weight``, ``bias`` (with ``affine``),
    ``running_mean``, ``running_var``, ``num_batches_tracked`` (with
    ``track_running_stats``), the names and dtypes of torch's state dict.

    >>> import numpy as np
    >>> from ember_ml.nn import BatchNorm1d
    >>> bn = BatchNorm1d(3, backend="numpy").train()
    >>> y = bn(np.arange(6, dtype=np.float32).reshape(2, 3))
    >>> np.round(y, 3), bn.running_mean
    (array([[-1., -1., -1.],
           [ 1.,  1.,  1.]], dtype=float32), array([0.15, 0.25, 0.35], dtype=float32))
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    weight: Any
    bias: Any
    running_mean: Any
    running_var: Any
    num_batches_tracked: Any

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
        channels_last: bool = False,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.num_features = positive_int("num_features", num_features)
        self.eps = float(eps)
        self.momentum = None if momentum is None else float(momentum)
        self.affine = bool(affine)
        self.track_running_stats = bool(track_running_stats)
        self.channels_last = bool(channels_last)
        xp, n = self.xp, (self.num_features,)
        if self.affine:
            self.add_parameter("weight", xp.ones(n, dtype=self.dtype, device=self.device))
            self.add_parameter("bias", xp.zeros(n, dtype=self.dtype, device=self.device))
        if self.track_running_stats:
            self.add_parameter(
                "running_mean", xp.zeros(n, dtype=self.dtype, device=self.device), trainable=False
            )
            self.add_parameter(
                "running_var", xp.ones(n, dtype=self.dtype, device=self.device), trainable=False
            )
            self.add_parameter(
                "num_batches_tracked",
                xp.zeros((), dtype=xp.int64, device=self.device),
                trainable=False,
            )

    def _config(self) -> dict[str, Any]:
        return {
            "num_features": self.num_features,
            "eps": self.eps,
            "momentum": self.momentum,
            "affine": self.affine,
            "track_running_stats": self.track_running_stats,
            "channels_last": self.channels_last,
        }

    def forward(self, x: Any) -> Any:
        xp = self.xp
        check_array(self, x)
        channel_axis = x.ndim - 1 if self.channels_last else 1
        if x.ndim not in (2, 3) or x.shape[channel_axis] != self.num_features:
            layout = "(N, C) or (N, L, C)" if self.channels_last else "(N, C) or (N, C, L)"
            raise ValueError(
                f"BatchNorm1d: input must be {layout} with C = num_features = {self.num_features}, "
                f"got shape {tuple(x.shape)}"
            )
        axes = tuple(a for a in range(x.ndim) if a != channel_axis)
        shape = [1] * x.ndim
        shape[channel_axis] = self.num_features
        use_batch = self.training or not self.track_running_stats
        if use_batch:
            mean = xp.mean(x, axis=axes)
            centred = x - xp.reshape(mean, tuple(shape))
            var = xp.mean(centred * centred, axis=axes)
            if self.training and self.track_running_stats:
                self._update_running(mean, var, x, axes)
        else:
            mean, var = self.running_mean, self.running_var
            centred = x - xp.reshape(mean, tuple(shape))
        y = centred / xp.reshape(xp.sqrt(var + self.eps), tuple(shape))
        if self.affine:
            y = y * xp.reshape(self.weight, tuple(shape)) + xp.reshape(self.bias, tuple(shape))
        return y

    def _update_running(self, mean: Any, var: Any, x: Any, axes: tuple[int, ...]) -> None:
        count = 1
        for a in axes:
            count *= x.shape[a]
        if count < 2:
            raise ValueError(
                f"BatchNorm1d: training needs more than one value per channel, got shape "
                f"{tuple(x.shape)}"
            )
        tracked = self.num_batches_tracked + 1
        self._em_assign("num_batches_tracked", tracked)
        unbiased = var * (count / (count - 1))
        if self.momentum is None:  # cumulative moving average
            factor = 1.0 / self.xp.astype(tracked, mean.dtype)
        else:
            factor = self.momentum
        self._em_assign("running_mean", (1 - factor) * self.running_mean + factor * mean)
        self._em_assign("running_var", (1 - factor) * self.running_var + factor * unbiased)


#: The normalisation layers ``make_norm`` and ``Block(norm=...)`` accept.
NORMS = {"layernorm": LayerNorm, "rmsnorm": RMSNorm}


def make_norm(name: str, dim: int, **factory: Any) -> Any:
    """``LayerNorm(dim)`` (eps 1e-5) or ``RMSNorm(dim, eps=1e-5)`` by name (MAD's two norms).

    >>> type(make_norm("rmsnorm", 4, backend="numpy")).__name__
    'RMSNorm'
    """
    if name not in NORMS:
        raise ValueError(f"unknown norm {name!r}; valid values are {', '.join(map(repr, NORMS))}")
    return NORMS[name](dim, eps=1e-5, **factory)
