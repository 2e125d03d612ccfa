"""torch's native module for ember_ml models (a ``torch.nn.Module`` with ember_ml's hooks) and
the layers' fast paths: torch's fused kernels for attention, the norms, ``linear``, the
depthwise causal convolution, the embedding lookup and the GRU/LSTM recurrences.

>>> import torch
>>> from ember_ml import nn
>>> isinstance(nn.Module(backend="torch"), torch.nn.Module)
True
"""

from __future__ import annotations

import math
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
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent_buffers_set:
                yield prefix + name, buffer
        for name, child in self._modules.items():
            if child is None:
                continue
            named = getattr(child, "_em_named_arrays", None)  # an ember_ml module's
            if named is not None:
                yield from named(f"{prefix}{name}.")
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


# --- the layers' fast paths (ember_ml.nn.functional, ember_ml.nn.rnn) -------------------
# Each takes the arguments the generic function has already checked; None hands the
# case back to the generic code (mixed dtypes, layouts torch's kernel does not take).


def _same_dtype(x: torch.Tensor, *others: torch.Tensor | None) -> bool:
    """``x`` is floating and every other tensor (or None) has its dtype (the kernels do not promote)."""
    if not x.is_floating_point():
        return False
    dtype = x.dtype
    for other in others:
        if other is not None and other.dtype != dtype:
            return False
    return True


def _fits(param: torch.Tensor | None, dtype: torch.dtype, shape: tuple[int, ...]) -> bool:
    """A norm's weight or bias: None, or of the input's dtype and exactly ``normalized_shape``."""
    return param is None or (param.dtype == dtype and param.shape == shape)


def scaled_dot_product_attention(
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    attn_mask: torch.Tensor | None,
    is_causal: bool,
    scale: float,
) -> torch.Tensor | None:
    """``torch.nn.functional.scaled_dot_product_attention`` without dropout (ember_ml's keys).

    With both a mask and ``is_causal`` the top-left causal mask is folded into the
    mask (torch's kernels disagree on that pair: some raise, some ignore one).
    torch gives zeros (and zero gradients) on a row that may see no key, as the
    generic code does.

    >>> q = torch.ones(1, 2, 4)
    >>> scaled_dot_product_attention(q, q, q, None, True, 0.5).shape
    torch.Size([1, 2, 4])
    """
    if not _same_dtype(query, key, value):
        return None
    if attn_mask is not None:
        if attn_mask.dtype != torch.bool:
            attn_mask = attn_mask.to(query.dtype)
        if is_causal:
            length, source = query.shape[-2], key.shape[-2]
            allowed = torch.ones((length, source), dtype=torch.bool, device=query.device).tril_()
            if attn_mask.dtype == torch.bool:
                attn_mask = attn_mask & allowed
            else:
                attn_mask = attn_mask.masked_fill(~allowed, -math.inf)
            is_causal = False
    return torch.nn.functional.scaled_dot_product_attention(
        query, key, value, attn_mask=attn_mask, is_causal=is_causal, scale=scale
    )


def layer_norm(
    x: torch.Tensor,
    normalized_shape: tuple[int, ...],
    weight: torch.Tensor | None,
    bias: torch.Tensor | None,
    eps: float,
) -> torch.Tensor | None:
    """``torch.nn.functional.layer_norm`` (one fused kernel, forward and backward).

    >>> layer_norm(torch.tensor([[1.0, 3.0]]), (2,), None, None, 1e-5)
    tensor([[-1.0000,  1.0000]])
    """
    dtype = x.dtype
    if not (
        x.is_floating_point()
        and _fits(weight, dtype, normalized_shape)
        and _fits(bias, dtype, normalized_shape)
    ):
        return None
    return torch.nn.functional.layer_norm(x, normalized_shape, weight, bias, eps)


def rms_norm(
    x: torch.Tensor,
    normalized_shape: tuple[int, ...],
    weight: torch.Tensor | None,
    eps: float | None,
) -> torch.Tensor | None:
    """``torch.nn.functional.rms_norm`` (``eps=None``: the dtype's machine epsilon, as generic).

    >>> rms_norm(torch.tensor([[3.0, 4.0]]), (2,), None, None)
    tensor([[0.8485, 1.1314]])
    """
    if not (x.is_floating_point() and _fits(weight, x.dtype, normalized_shape)):
        return None
    return torch.nn.functional.rms_norm(x, normalized_shape, weight, eps)


def linear(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor | None:
    """``torch.nn.functional.linear``: one ``addmm`` instead of a matmul and an add.

    >>> linear(torch.ones(2, 3), torch.ones(4, 3), torch.ones(4))
    tensor([[4., 4., 4., 4.],
            [4., 4., 4., 4.]])
    """
    if weight.ndim != 2 or (bias is not None and bias.ndim > 1) or not _same_dtype(x, weight, bias):
        return None
    return torch.nn.functional.linear(x, weight, bias)


def causal_conv1d(
    x: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None,
    activation: str | None,
    channels_last: bool,
) -> torch.Tensor | None:
    """Depthwise ``conv1d(groups=C, padding=K-1)`` cropped to the input length; ``weight (C, K)``.

    Only where it beats the generic tap loop: without autograd on CPU (torch's
    depthwise ``conv1d`` backward on CPU is several times slower than the loop's).

    >>> x = torch.arange(4.0).reshape(1, 1, 4)
    >>> causal_conv1d(x, torch.ones(1, 2), None, None, False)
    tensor([[[0., 1., 3., 5.]]])
    """
    if not _same_dtype(x, weight, bias):
        return None
    if (
        x.device.type == "cpu"
        and torch.is_grad_enabled()
        and (x.requires_grad or weight.requires_grad or (bias is not None and bias.requires_grad))
    ):
        return None
    channels, width = weight.shape
    lead = x.shape[:-2]
    if channels_last:
        x = x.transpose(-1, -2)
    length = x.shape[-1]
    y = torch.nn.functional.conv1d(
        x.reshape(-1, channels, length),
        weight[:, None, :],
        bias,
        padding=width - 1,
        groups=channels,
    )[..., :length]
    if activation is not None:
        y = torch.nn.functional.silu(y)
    y = y.reshape(*lead, channels, length)
    return y.transpose(-1, -2) if channels_last else y


def embedding(weight: torch.Tensor, indices: torch.Tensor) -> torch.Tensor | None:
    """``torch.nn.functional.embedding`` (2-3x faster than ``index_select`` on CPU).

    Negative indices count from the end, as the generic ``take``; out-of-range
    ones raise ``IndexError`` (torch's own check).

    >>> embedding(torch.eye(3), torch.tensor([[2, -1]]))
    tensor([[[0., 0., 1.],
             [0., 0., 1.]]])
    """
    if indices.dtype not in (torch.int64, torch.int32):
        return None
    wrapped = torch.where(indices < 0, indices + weight.shape[0], indices)
    return torch.nn.functional.embedding(wrapped, weight)


def _rnn_args(x: torch.Tensor, params: list[torch.Tensor], dropout: float, training: bool) -> bool:
    # torch's kernel draws dropout from torch's generator: ember_ml's stream keeps its own
    return (not training or dropout == 0.0) and _same_dtype(x, *params)


def gru(
    x: torch.Tensor,
    h0: torch.Tensor,
    params: list[torch.Tensor],
    has_biases: bool,
    num_layers: int,
    dropout: float,
    training: bool,
    bidirectional: bool,
) -> tuple[torch.Tensor, torch.Tensor] | None:
    """torch's fused GRU (``torch._VF.gru``, what ``torch.nn.GRU`` runs) over batch-first ``x``.

    ``params``: ``weight_ih, weight_hh[, bias_ih, bias_hh]`` per layer and
    direction, torch's order; returns ``(output, h_n)``.

    >>> w = [torch.zeros(6, 3), torch.zeros(6, 2)]
    >>> out, h = gru(torch.ones(1, 4, 3), torch.zeros(1, 1, 2), w, False, 1, 0.0, False, False)
    >>> out.shape, h.shape
    (torch.Size([1, 4, 2]), torch.Size([1, 1, 2]))
    """
    if not _rnn_args(x, params, dropout, training) or h0.dtype != x.dtype:
        return None
    out, h_n = torch._VF.gru(
        x, h0, params, has_biases, num_layers, 0.0, training, bidirectional, True
    )
    return out, h_n


def lstm(
    x: torch.Tensor,
    state: tuple[torch.Tensor, torch.Tensor],
    params: list[torch.Tensor],
    has_biases: bool,
    num_layers: int,
    dropout: float,
    training: bool,
    bidirectional: bool,
) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]] | None:
    """torch's fused LSTM (``torch._VF.lstm``) over batch-first ``x``; ``(output, (h_n, c_n))``.

    >>> w = [torch.zeros(8, 3), torch.zeros(8, 2)]
    >>> zeros = torch.zeros(1, 1, 2)
    >>> out, (h, c) = lstm(torch.ones(1, 4, 3), (zeros, zeros), w, False, 1, 0.0, False, False)
    >>> out.shape, c.shape
    (torch.Size([1, 4, 2]), torch.Size([1, 1, 2]))
    """
    if not _rnn_args(x, params, dropout, training) or not _same_dtype(x, *state):
        return None
    out, h_n, c_n = torch._VF.lstm(
        x, state, params, has_biases, num_layers, 0.0, training, bidirectional, True
    )
    return out, (h_n, c_n)
