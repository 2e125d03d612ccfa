"""Functional forms of the layers, in standard calls: attention, rotary embedding, convolutions, norms.

Every function takes arrays of any library ember_ml serves (NumPy, PyTorch,
MLX, array-api-strict, ...) and returns the same library's arrays; the
conventions are ``torch.nn.functional``'s where torch has the function.
``gelu``, ``silu`` and ``softmax`` are ``ember_ml.ops.activations``'.

>>> import numpy as np
>>> from ember_ml.nn import functional as F
>>> q = np.ones((1, 2, 3, 4), dtype=np.float32)
>>> F.scaled_dot_product_attention(q, q, q, is_causal=True).shape
(1, 2, 3, 4)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from ember_ml._hooks import fast_path
from ember_ml._namespace import array_namespace
from ember_ml._typing import Array, ArrayT
from ember_ml.nn._checks import device_of
from ember_ml.ops.activations import gelu, relu, sigmoid, silu, softmax, tanh

__all__ = [
    "ACTIVATIONS",
    "activation",
    "causal_conv1d",
    "causal_mask",
    "fft_conv",
    "gelu",
    "layer_norm",
    "linear",
    "rms_norm",
    "rotary_embedding",
    "scaled_dot_product_attention",
    "silu",
    "softmax",
]


def linear(x: ArrayT, weight: ArrayT, bias: ArrayT | None = None) -> ArrayT:
    """``x @ weight.T + bias`` with torch's layout (``weight`` is ``(out, in)``).

    >>> import numpy as np
    >>> linear(np.ones((2, 3)), np.ones((4, 3))).shape
    (2, 4)
    """
    xp = array_namespace(x, weight, bias)
    fast = fast_path(xp, "nn", "linear")
    if fast is not None:
        out = fast(x, weight, bias)
        if out is not None:
            return out
    y = xp.matmul(x, xp.matrix_transpose(weight))
    return y if bias is None else y + bias


def _gelu_tanh(x: Any) -> Any:
    return gelu(x, approximate="tanh")


def _identity(x: Any) -> Any:
    return x


#: The activation names the layers accept (``activation(name)`` gives the function).
ACTIVATIONS: dict[str, Callable[[Any], Any]] = {
    "gelu": gelu,
    "gelu_tanh": _gelu_tanh,
    "silu": silu,
    "relu": relu,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "identity": _identity,
}


def activation(name: str) -> Callable[[Any], Any]:
    """The activation function called ``name`` (a key of ``ACTIVATIONS``); ``ValueError`` otherwise.

    >>> import numpy as np
    >>> activation("relu")(np.asarray([-1.0, 1.0]))
    array([0., 1.])
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        valid = ", ".join(repr(k) for k in ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r}; valid values are {valid}") from None


# --- attention ---------------------------------------------------------------------------


def causal_mask(
    xp: ModuleType,
    query_length: int,
    key_length: int,
    *,
    window: int | None = None,
    causal: bool = True,
    device: Any = None,
) -> Any:
    """Boolean ``(query_length, key_length)`` mask, True where query ``i`` may attend key ``j``.

    ``causal``: ``j <= i``, anchored top-left as torch's ``is_causal`` (query ``i``
    and key ``i`` are the same position even when the lengths differ). ``window``:
    also ``|i - j| <= window`` (with ``causal``, the ``window`` keys before ``i``).

    >>> import numpy as np
    >>> import ember_ml
    >>> causal_mask(ember_ml.array_namespace(np.zeros(1)), 2, 3).astype(int)
    array([[1, 0, 0],
           [1, 1, 0]])
    """
    i = xp.arange(query_length, device=device)[:, None]
    j = xp.arange(key_length, device=device)[None, :]
    keep = (j <= i) if causal else xp.ones((query_length, key_length), dtype=xp.bool, device=device)
    if window is not None:
        keep = xp.logical_and(keep, (i - j) <= window)
        if not causal:
            keep = xp.logical_and(keep, (j - i) <= window)
    return keep


def _masked_softmax(xp: ModuleType, scores: Any) -> Any:
    """Softmax over the last axis that gives 0 (not nan) on rows whose every entry is ``-inf``.

    No nan in the forward pass or the gradient: ``exp(-inf) = 0`` and its derivative is 0.
    """
    top = xp.max(scores, axis=-1, keepdims=True)
    top = xp.where(top == -math.inf, xp.zeros_like(top), top)
    e = xp.exp(scores - top)
    total = xp.sum(e, axis=-1, keepdims=True)
    return e / xp.where(total == 0, xp.ones_like(total), total)


def scaled_dot_product_attention(
    query: ArrayT,
    key: ArrayT,
    value: ArrayT,
    attn_mask: ArrayT | None = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: float | None = None,
    *,
    dropout_key: Any = None,
) -> ArrayT:
    """``softmax(query @ key.T * scale + mask) @ value`` with torch's semantics.

    Shapes ``query (..., L, E)``, ``key (..., S, E)``, ``value (..., S, Ev)`` ->
    ``(..., L, Ev)``; leading axes broadcast. ``scale`` defaults to ``1/sqrt(E)``.
    ``attn_mask`` is boolean (True: this pair takes part, torch's convention for
    this function) or floating (added to the scores), broadcastable to
    ``(..., L, S)``. ``is_causal`` lets query ``i`` see keys ``j <= i``, anchored
    top-left as torch does when ``L != S`` (MLX's ``mask="causal"`` anchors
    bottom-right; ember_ml's answer is torch's on every library); with
    ``attn_mask`` too, both apply. A query that may see no key gets zeros, as
    torch gives. ``dropout_p > 0`` drops attention weights with the
    ``ember_ml.random`` key ``dropout_key`` (required then).

    >>> import numpy as np
    >>> q = np.ones((2, 3, 4), dtype=np.float32); k = np.ones((2, 5, 4), dtype=np.float32)
    >>> scaled_dot_product_attention(q, k, k, is_causal=True).shape
    (2, 3, 4)
    """
    xp = array_namespace(query, key, value, attn_mask)
    for name, array in (("query", query), ("key", key), ("value", value)):
        if array.ndim < 2:
            raise ValueError(
                f"{name} must have at least 2 axes (..., length, features), got shape {tuple(array.shape)}"
            )
    if query.shape[-1] != key.shape[-1]:
        raise ValueError(
            f"query and key must have the same last axis, got shapes {tuple(query.shape)} and "
            f"{tuple(key.shape)}"
        )
    if key.shape[-2] != value.shape[-2]:
        raise ValueError(
            f"key and value must have the same length (axis -2), got shapes {tuple(key.shape)} "
            f"and {tuple(value.shape)}"
        )
    if not 0.0 <= dropout_p < 1.0:
        raise ValueError(f"dropout_p must be in [0, 1), got {dropout_p}")
    length, source = query.shape[-2], key.shape[-2]
    scale = 1.0 / math.sqrt(query.shape[-1]) if scale is None else float(scale)
    fast = fast_path(xp, "nn", "scaled_dot_product_attention")
    if fast is not None and dropout_p == 0.0:  # dropout draws from ember_ml.random keys
        out = fast(query, key, value, attn_mask, bool(is_causal), scale)
        if out is not None:
            return out
    scores = xp.matmul(query, xp.matrix_transpose(key)) * scale
    keep = None
    if is_causal:
        keep = causal_mask(xp, length, source, device=device_of(query))
    if attn_mask is not None:
        if attn_mask.dtype == xp.bool:
            keep = attn_mask if keep is None else xp.logical_and(keep, attn_mask)
        else:
            scores = scores + xp.astype(attn_mask, scores.dtype)
    if keep is not None:
        scores = xp.where(keep, scores, -math.inf)
    weights = _masked_softmax(xp, scores) if attn_mask is not None else softmax(scores, axis=-1)
    if dropout_p > 0.0:
        weights = _dropout(xp, weights, dropout_p, dropout_key)
    return xp.matmul(weights, value)


def _dropout(xp: ModuleType, x: Any, p: float, key: Any) -> Any:
    if key is None:
        raise ValueError("dropout_p > 0 needs dropout_key= (an ember_ml.random key)")
    from ember_ml import random

    draws = random.uniform(key, tuple(x.shape), dtype=x.dtype)
    return xp.where(draws >= p, x / (1.0 - p), xp.zeros_like(x))


def rotary_embedding(
    x: ArrayT,
    *,
    dims: int | None = None,
    base: float = 10000.0,
    offset: int = 0,
    scale: float = 1.0,
    traditional: bool = False,
) -> ArrayT:
    """Rotary position embedding over axis ``-2`` (positions) of ``x (..., L, D)``.

    The first ``dims`` features (default all) rotate by ``position * scale *
    base**(-2i/dims)``, positions counted from ``offset``. ``traditional=False``
    (the default) pairs feature ``i`` with ``i + dims/2`` (the "rotate half"
    form of GPT-NeoX, flash-attn's non-interleaved default and MLX's
    ``RoPE(traditional=False)``); ``traditional=True`` pairs ``2i`` with ``2i+1``.

    >>> import numpy as np
    >>> y = rotary_embedding(np.ones((1, 3, 4), dtype=np.float32))
    >>> bool(np.allclose(y[0, 0], 1.0)), y.shape
    (True, (1, 3, 4))
    """
    xp = array_namespace(x)
    size = x.shape[-1]
    dims = size if dims is None else int(dims)
    if dims % 2 or not 0 < dims <= size:
        raise ValueError(f"rotary dims must be even and in [2, {size}], got {dims}")
    fast = fast_path(xp, "nn", "rotary_embedding")
    if fast is not None:
        out = fast(x, dims, float(base), int(offset), float(scale), bool(traditional))
        if out is not None:
            return out
    return _rotary_generic(xp, x, dims, float(base), int(offset), float(scale), traditional)


def _rotary_generic(
    xp: ModuleType, x: Any, dims: int, base: float, offset: int, scale: float, traditional: bool
) -> Any:
    size = x.shape[-1]
    length, half = x.shape[-2], dims // 2
    device = device_of(x)
    # angles in float32 for float32/16 input (as MLX and flash-attn), in float64 for float64
    f32 = xp.float64 if x.dtype == xp.float64 else xp.float32
    positions = (xp.arange(length, dtype=f32, device=device) + float(offset)) * float(scale)
    exponents = xp.arange(half, dtype=f32, device=device) * (2.0 / dims)
    inv_freq = 1.0 / (float(base) ** exponents)
    angles = positions[:, None] * inv_freq[None, :]
    cos, sin = xp.astype(xp.cos(angles), x.dtype), xp.astype(xp.sin(angles), x.dtype)
    rotated = x[..., :dims]
    if traditional:
        pairs = xp.reshape(rotated, (*rotated.shape[:-1], half, 2))
        a, b = pairs[..., 0], pairs[..., 1]
        out = xp.stack((a * cos - b * sin, a * sin + b * cos), axis=-1)
        out = xp.reshape(out, rotated.shape)
    else:
        a, b = rotated[..., :half], rotated[..., half:]
        out = xp.concat((a * cos - b * sin, a * sin + b * cos), axis=-1)
    if dims == size:
        return out
    return xp.concat((out, x[..., dims:]), axis=-1)


# --- convolutions ------------------------------------------------------------------------


def causal_conv1d(
    x: ArrayT,
    weight: ArrayT,
    bias: ArrayT | None = None,
    *,
    activation: str | None = None,
    channels_last: bool = False,
) -> ArrayT:
    """Depthwise causal convolution: output ``t`` sees inputs ``t-K+1 .. t`` of its channel.

    ``x`` is ``(batch, channels, length)`` (``channels_last``: ``(batch, length,
    channels)``); ``weight`` is ``(channels, K)`` or torch's ``Conv1d(groups=channels)``
    layout ``(channels, 1, K)``; ``bias`` ``(channels,)``. The same as torch's
    ``Conv1d(C, C, K, groups=C, padding=K-1)`` cropped to the first ``length``
    outputs, and the ``causal-conv1d`` package's ``causal_conv1d_fn``;
    ``activation`` is ``None`` or ``"silu"``.

    >>> import numpy as np
    >>> x = np.arange(4, dtype=np.float32).reshape(1, 1, 4)
    >>> causal_conv1d(x, np.ones((1, 2), dtype=np.float32))
    array([[[0., 1., 3., 5.]]], dtype=float32)
    """
    xp = array_namespace(x, weight, bias)
    if weight.ndim == 3 and weight.shape[1] == 1:  # torch's Conv1d(groups=C) layout
        weight = xp.reshape(weight, (weight.shape[0], weight.shape[2]))
    channel_axis = -1 if channels_last else -2
    if weight.ndim != 2 or x.ndim < 2 or weight.shape[0] != x.shape[channel_axis]:
        raise ValueError(
            f"causal_conv1d: weight must be (channels, K) or (channels, 1, K) with channels = "
            f"x.shape[{channel_axis}]; got x {tuple(x.shape)} and weight {tuple(weight.shape)}"
        )
    if activation not in (None, "silu", "swish"):
        raise ValueError(f"unknown activation {activation!r}; valid values are None, 'silu'")
    fast = fast_path(xp, "nn", "causal_conv1d")
    if fast is not None:
        out = fast(x, weight, bias, activation, channels_last)
        if out is not None:
            return out
    return _causal_conv1d_generic(xp, x, weight, bias, activation, channels_last)


def _causal_conv1d_generic(
    xp: ModuleType, x: Any, weight: Any, bias: Any, activation: str | None, channels_last: bool
) -> Any:
    width = weight.shape[1]
    time_axis = -2 if channels_last else -1
    length = x.shape[time_axis]
    if width > 1:
        pad_shape = list(x.shape)
        pad_shape[x.ndim + time_axis] = width - 1
        padded = xp.concat(
            (xp.zeros(tuple(pad_shape), dtype=x.dtype, device=device_of(x)), x), axis=time_axis
        )
    else:
        padded = x
    y: Any = None
    for k in range(width):
        tap = weight[:, k] if channels_last else weight[:, k][:, None]
        piece = padded[..., k : k + length, :] if channels_last else padded[..., k : k + length]
        y = piece * tap if y is None else y + piece * tap
    if bias is not None:
        y = y + (bias if channels_last else bias[:, None])
    if activation is not None:
        y = silu(y)
    return y


def fft_conv(u: ArrayT, k: ArrayT, *, skip: ArrayT | None = None, axis: int = -1) -> ArrayT:
    """Causal long convolution ``y[t] = sum_{j<=t} k[j] u[t-j]`` along ``axis``, by FFT of size 2L.

    ``u`` has length ``L`` along ``axis``; ``k`` (the filter, broadcastable to
    ``u``) has ``L`` taps or fewer (more are cut). ``skip`` adds ``u * skip``
    (Hyena's ``D`` term). The same numbers as a direct convolution
    (``numpy.convolve(u, k)[:L]``) to rounding, in ``O(L log L)``.

    >>> import numpy as np
    >>> u = np.asarray([1.0, 2.0, 3.0]); k = np.asarray([1.0, 1.0, 0.0])
    >>> np.round(fft_conv(u, k), 6)
    array([1., 3., 5.])
    """
    xp = array_namespace(u, k, skip)
    return _fft_conv(xp, u, k, skip, axis)


def _fft_conv(xp: ModuleType, u: Any, k: Any, skip: Any, axis: int) -> Any:
    axis = axis if axis < 0 else axis - u.ndim
    length = u.shape[axis]
    if k.shape[axis] > length:
        index = [slice(None)] * k.ndim
        index[k.ndim + axis] = slice(0, length)
        k = k[tuple(index)]
    n = 2 * length
    x, order = u, None
    if axis != -1:  # FFTs over the last axis: torch's backward over another axis is ~2x slower
        if k.ndim < u.ndim:
            k = xp.reshape(k, (1,) * (u.ndim - k.ndim) + tuple(k.shape))
        order = [d for d in range(u.ndim) if d != u.ndim + axis] + [u.ndim + axis]
        x, k = xp.permute_dims(u, tuple(order)), xp.permute_dims(k, tuple(order))
    spectrum = xp.fft.rfft(x, n=n, axis=-1) * xp.fft.rfft(k, n=n, axis=-1)
    y = xp.astype(xp.fft.irfft(spectrum, n=n, axis=-1)[..., :length], u.dtype)
    if order is not None:
        inverse = [0] * len(order)
        for position, d in enumerate(order):
            inverse[d] = position
        y = xp.permute_dims(y, tuple(inverse))
    return y if skip is None else y + u * skip


# --- normalisation -----------------------------------------------------------------------


def _norm_shape(x: Array, normalized_shape: Sequence[int], what: str) -> tuple[int, ...]:
    """``normalized_shape`` as a tuple of ints, checked against the input's last axes."""
    shape = tuple(map(int, normalized_shape))
    if len(shape) > x.ndim or tuple(x.shape[x.ndim - len(shape) :]) != shape:
        raise ValueError(
            f"{what}: the input's last axes must be normalized_shape {list(shape)}, got shape "
            f"{tuple(x.shape)}"
        )
    return shape


def layer_norm(
    x: ArrayT,
    normalized_shape: Sequence[int],
    weight: ArrayT | None = None,
    bias: ArrayT | None = None,
    eps: float = 1e-5,
) -> ArrayT:
    """``(x - mean) / sqrt(var + eps) * weight + bias`` over the last ``len(normalized_shape)`` axes.

    The variance is the biased one, as torch's ``layer_norm``.

    >>> import numpy as np
    >>> np.round(layer_norm(np.asarray([[1.0, 3.0]]), (2,)), 4)
    array([[-1.,  1.]])
    """
    xp = array_namespace(x, weight, bias)
    shape = _norm_shape(x, normalized_shape, "layer_norm")
    fast = fast_path(xp, "nn", "layer_norm")
    if fast is not None:
        out = fast(x, shape, weight, bias, float(eps))
        if out is not None:
            return out
    return _layer_norm_generic(xp, x, shape, weight, bias, float(eps))


def _layer_norm_generic(
    xp: ModuleType, x: Any, shape: tuple[int, ...], weight: Any, bias: Any, eps: float
) -> Any:
    axes = tuple(range(-len(shape), 0))
    mean = xp.mean(x, axis=axes, keepdims=True)
    centred = x - mean
    var = xp.mean(centred * centred, axis=axes, keepdims=True)
    y = centred / xp.sqrt(var + eps)
    if weight is not None:
        y = y * weight
    return y if bias is None else y + bias


def rms_norm(
    x: ArrayT,
    normalized_shape: Sequence[int],
    weight: ArrayT | None = None,
    eps: float | None = None,
) -> ArrayT:
    """``x / sqrt(mean(x**2) + eps) * weight`` over the last ``len(normalized_shape)`` axes.

    ``eps=None`` is the dtype's machine epsilon, as torch's ``rms_norm``.

    >>> import numpy as np
    >>> np.round(rms_norm(np.asarray([[3.0, 4.0]]), (2,)), 4)
    array([[0.8485, 1.1314]])
    """
    xp = array_namespace(x, weight)
    shape = _norm_shape(x, normalized_shape, "rms_norm")
    fast = fast_path(xp, "nn", "rms_norm")
    if fast is not None:
        out = fast(x, shape, weight, None if eps is None else float(eps))
        if out is not None:
            return out
    eps = float(xp.finfo(x.dtype).eps) if eps is None else float(eps)
    return _rms_norm_generic(xp, x, shape, weight, eps)


def _rms_norm_generic(
    xp: ModuleType, x: Any, shape: tuple[int, ...], weight: Any, eps: float
) -> Any:
    axes = tuple(range(-len(shape), 0))
    y = x / xp.sqrt(xp.mean(x * x, axis=axes, keepdims=True) + eps)
    return y if weight is None else y * weight
