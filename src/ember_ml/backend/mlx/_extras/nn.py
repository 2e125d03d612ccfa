"""MLX's native module for ember_ml models (an ``mlx.nn.Module`` with ember_ml's hooks) and
the layers' fast paths: ``mx.fast``'s attention, norms and rotary embedding, ``mx.addmm``
and, on the GPU, ``mx.conv1d``.

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
        for name, value in dict(tree_flatten(self.parameters())).items():
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


# --- the layers' fast paths (ember_ml.nn.functional): MLX's fused kernels ----------------
# Each takes the arguments the generic function has already checked; None hands the
# case back to the generic code (mixed dtypes, float64, layouts a kernel does not take).

_FAST_DTYPES = (mx.float32, mx.float16, mx.bfloat16)


def _fast_dtype(x: mx.array, *others: mx.array | None) -> bool:
    """``x`` is a float the kernels take (not float64) and the others (or None) share its dtype."""
    dtype = x.dtype
    if dtype not in _FAST_DTYPES:
        return False
    for other in others:
        if other is not None and other.dtype != dtype:
            return False
    return True


def scaled_dot_product_attention(
    query: mx.array,
    key: mx.array,
    value: mx.array,
    attn_mask: mx.array | None,
    is_causal: bool,
    scale: float,
) -> mx.array | None:
    """``mx.fast.scaled_dot_product_attention`` for ``(B, H, L, E)`` or ``(B, L, E)`` without a mask.

    ``is_causal`` is anchored top-left as torch's: ``mask="causal"`` (which MLX
    anchors bottom-right) only when the lengths are equal, else an explicit
    boolean mask. With a mask of the caller's, a row may be fully masked, where
    MLX's kernel does not give the generic's zeros: the generic code runs.

    >>> q = mx.ones((1, 2, 4))
    >>> scaled_dot_product_attention(q, q, q, None, True, 0.5).shape
    (1, 2, 4)
    """
    if attn_mask is not None or not _fast_dtype(query, key, value):
        return None
    ndim = query.ndim
    if ndim not in (3, 4) or key.ndim != ndim or value.ndim != ndim:
        return None
    if query.shape[:-2] != key.shape[:-2] or key.shape[:-2] != value.shape[:-2]:
        return None
    length, source = query.shape[-2], key.shape[-2]
    if source == 0:
        return None
    mask: str | mx.array | None = None
    if is_causal:
        if length == source:
            mask = "causal"
        else:
            mask = mx.arange(source)[None, :] <= mx.arange(length)[:, None]
    if ndim == 3:
        query, key, value = query[:, None], key[:, None], value[:, None]
    out = mx.fast.scaled_dot_product_attention(query, key, value, scale=scale, mask=mask)
    return out[:, 0] if ndim == 3 else out


def layer_norm(
    x: mx.array,
    normalized_shape: tuple[int, ...],
    weight: mx.array | None,
    bias: mx.array | None,
    eps: float,
) -> mx.array | None:
    """``mx.fast.layer_norm`` over the last axis (one axis only, as the kernel).

    >>> [round(v, 4) for v in layer_norm(mx.array([1.0, 3.0]), (2,), None, None, 1e-5).tolist()]
    [-1.0, 1.0]
    """
    if len(normalized_shape) != 1 or not _fast_dtype(x, weight, bias):
        return None
    if any(p is not None and p.ndim != 1 for p in (weight, bias)):
        return None
    return mx.fast.layer_norm(x, weight, bias, eps)


def rms_norm(
    x: mx.array,
    normalized_shape: tuple[int, ...],
    weight: mx.array | None,
    eps: float | None,
) -> mx.array | None:
    """``mx.fast.rms_norm`` over the last axis (``eps=None``: the dtype's machine epsilon).

    >>> [round(v, 4) for v in rms_norm(mx.array([3.0, 4.0]), (2,), None, None).tolist()]
    [0.8485, 1.1314]
    """
    if len(normalized_shape) != 1 or not _fast_dtype(x, weight):
        return None
    if weight is not None and weight.ndim != 1:
        return None
    return mx.fast.rms_norm(x, weight, float(mx.finfo(x.dtype).eps) if eps is None else eps)


def rotary_embedding(
    x: mx.array, dims: int, base: float, offset: int, scale: float, traditional: bool
) -> mx.array | None:
    """``mx.fast.rope`` (``traditional=False``: the non-interleaved "rotate half" form).

    >>> rotary_embedding(mx.ones((1, 3, 4)), 4, 10000.0, 0, 1.0, False).shape
    (1, 3, 4)
    """
    if not _fast_dtype(x) or x.ndim < 2:
        return None
    if x.ndim == 2:  # the kernel wants (batch, ..., L, D)
        return mx.fast.rope(
            x[None], dims, traditional=traditional, base=base, scale=scale, offset=offset
        )[0]
    return mx.fast.rope(x, dims, traditional=traditional, base=base, scale=scale, offset=offset)


def linear(x: mx.array, weight: mx.array, bias: mx.array | None) -> mx.array | None:
    """``x @ weight.T + bias`` as one ``mx.addmm`` (what ``mlx.nn.Linear`` runs).

    >>> linear(mx.ones((2, 3)), mx.ones((4, 3)), mx.ones(4)).tolist()[0]
    [4.0, 4.0, 4.0, 4.0]
    """
    if bias is None or weight.ndim != 2 or bias.ndim != 1 or not _fast_dtype(x, weight, bias):
        return None
    return mx.addmm(bias, x, weight.T)


def causal_conv1d(
    x: mx.array,
    weight: mx.array,
    bias: mx.array | None,
    activation: str | None,
    channels_last: bool,
) -> mx.array | None:
    """Depthwise ``mx.conv1d(groups=C)`` on the GPU; on the CPU the generic tap loop runs.

    MLX's CPU convolution is about 2x slower than the loop (benchmarks/layers.py),
    so this declines there.

    >>> causal_conv1d(mx.ones((1, 1, 4)), mx.ones((1, 2)), None, None, False) is None
    True
    """
    if mx.default_device() != mx.gpu or not _fast_dtype(x, weight, bias):
        return None
    return _depthwise_causal_conv(x, weight, bias, activation, channels_last)


def _depthwise_causal_conv(
    x: mx.array,
    weight: mx.array,
    bias: mx.array | None,
    activation: str | None,
    channels_last: bool,
) -> mx.array:
    """``mx.conv1d(groups=C)`` on the input padded by ``K-1`` on the left; ``weight (C, K)``.

    MLX's layout is channels last, its weight ``(out, K, in / groups)``.

    >>> x = mx.arange(4.0).reshape(1, 1, 4)
    >>> _depthwise_causal_conv(x, mx.ones((1, 2)), None, None, False).tolist()
    [[[0.0, 1.0, 3.0, 5.0]]]
    """
    channels, width = weight.shape
    if not channels_last:
        x = mx.swapaxes(x, -1, -2)
    lead, length = x.shape[:-2], x.shape[-2]
    flat = x.reshape(-1, length, channels)
    if width > 1:
        flat = mx.pad(flat, [(0, 0), (width - 1, 0), (0, 0)])
    y = mx.conv1d(flat, weight[:, :, None], groups=channels)
    if bias is not None:
        y = y + bias
    if activation is not None:
        y = y * mx.sigmoid(y)
    y = y.reshape(*lead, length, channels)
    return y if channels_last else mx.swapaxes(y, -1, -2)
