"""Attention sequence mixers: ``MultiHeadAttention`` (torch's parameters) and ``LinearAttention`` (MAD's).

Inputs are batch first, ``(batch, length, embed_dim)`` (or unbatched ``(length,
embed_dim)``), and so is the output.

>>> import numpy as np
>>> from ember_ml import nn
>>> attention = nn.MultiHeadAttention(8, 2, causal=True, backend="numpy", seed=0)
>>> attention(np.ones((1, 5, 8), dtype=np.float32)).shape
(1, 5, 8)
"""

from __future__ import annotations

import math
from typing import Any

from ember_ml.nn import _init
from ember_ml.nn import functional as F
from ember_ml.nn._checks import check_array, check_features, choice, device_of, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register
from ember_ml.nn.layers import Linear

__all__ = ["FEATURE_MAPS", "LinearAttention", "MultiHeadAttention"]


@register
class MultiHeadAttention(Configurable, Module):
    """Multi-head scaled dot-product attention with ``torch.nn.MultiheadAttention``'s parameters.

    ``in_proj_weight (3E, E)``, ``in_proj_bias (3E)`` and ``out_proj.weight``,
    ``out_proj.bias``, initialised as torch does, so a torch module's
    ``state_dict()`` loads and gives its outputs (batch first). ``bias=False``
    drops both biases. ``rope``: rotary position embedding on queries and keys
    (``True``: the whole head; an int: the first that many features of each head,
    non-interleaved, base ``rope_base``). ``window``: each query sees only keys
    at most ``window`` positions away (with ``causal``: itself and the ``window``
    before it, MAD's sliding attention). ``causal``: the default of the call's
    ``causal`` argument.

    ``m(query, key=None, value=None, attn_mask=None, causal=None,
    key_padding_mask=None)``: self-attention when ``key``/``value`` are None.
    ``attn_mask`` follows ``torch.nn.MultiheadAttention``: boolean True marks a
    pair that may NOT attend, a float mask is added to the scores; shape ``(L,
    S)`` or ``(batch * num_heads, L, S)``. ``key_padding_mask (batch, S)``: True
    marks keys to ignore. ``causal`` masks keys after the query (top-left
    anchored, as torch). Returns ``(batch, L, E)`` (no attention weights).

    >>> import numpy as np
    >>> from ember_ml.nn import MultiHeadAttention
    >>> m = MultiHeadAttention(8, 4, rope=True, window=2, causal=True, backend="numpy", seed=0)
    >>> sorted(m.state_dict())
    ['in_proj_bias', 'in_proj_weight', 'out_proj.bias', 'out_proj.weight']
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    in_proj_weight: Any
    in_proj_bias: Any

    def __init__(
        self,
        embed_dim: int,
        num_heads: int,
        bias: bool = True,
        rope: bool | int = False,
        window: int | None = None,
        causal: bool = False,
        dropout: float = 0.0,
        rope_base: float = 10000.0,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.embed_dim = positive_int("embed_dim", embed_dim)
        self.num_heads = positive_int("num_heads", num_heads)
        if self.embed_dim % self.num_heads:
            raise ValueError(
                f"num_heads must divide embed_dim: {self.embed_dim} is not a multiple of "
                f"{self.num_heads}; valid num_heads are "
                f"{[n for n in range(1, self.embed_dim + 1) if self.embed_dim % n == 0]}"
            )
        self.head_dim = self.embed_dim // self.num_heads
        self.rope = rope if isinstance(rope, bool) else positive_int("rope", rope)
        self.rope_dims = self.head_dim if rope is True else (0 if rope is False else int(rope))
        if self.rope_dims % 2 or self.rope_dims > self.head_dim:
            raise ValueError(
                f"rope must be True or an even number of features <= head_dim {self.head_dim}, got {rope}"
            )
        self.rope_base = float(rope_base)
        self.window = None if window is None else positive_int("window", window, 0)
        self.causal = bool(causal)
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        self.dropout = float(dropout)
        self.use_bias = bool(bias)
        self.stream = stream
        e = self.embed_dim
        self.add_parameter(
            "in_proj_weight", _init.xavier_uniform(stream, (3 * e, e), **self.factory)
        )
        if self.use_bias:
            self.add_parameter(
                "in_proj_bias", self.xp.zeros((3 * e,), dtype=self.dtype, device=self.device)
            )
        self.out_proj = Linear(e, e, bias, init="torch", seed=stream, **self.factory)
        if self.use_bias:
            self.out_proj.add_parameter(
                "bias", self.xp.zeros((e,), dtype=self.dtype, device=self.device)
            )

    def _config(self) -> dict[str, Any]:
        return {
            "embed_dim": self.embed_dim,
            "num_heads": self.num_heads,
            "bias": self.use_bias,
            "rope": self.rope,
            "window": self.window,
            "causal": self.causal,
            "dropout": self.dropout,
            "rope_base": self.rope_base,
        }

    def _heads(self, x: Any) -> Any:
        xp = self.xp
        b, n = x.shape[0], x.shape[1]
        return xp.permute_dims(xp.reshape(x, (b, n, self.num_heads, self.head_dim)), (0, 2, 1, 3))

    def _project(
        self, query: Any, key: Any, value: Any, self_attention: bool
    ) -> tuple[Any, Any, Any]:
        e = self.embed_dim
        w = self.in_proj_weight
        bias = self.in_proj_bias if self.use_bias else None
        if self_attention:  # one matmul for the three projections
            qkv = F.linear(query, w, bias)
            return qkv[..., :e], qkv[..., e : 2 * e], qkv[..., 2 * e :]
        parts = []
        for index, x in enumerate((query, key, value)):
            b = None if bias is None else bias[index * e : (index + 1) * e]
            parts.append(F.linear(x, w[index * e : (index + 1) * e], b))
        return parts[0], parts[1], parts[2]

    def _mask(
        self,
        attn_mask: Any,
        key_padding_mask: Any,
        batch: int,
        length: int,
        source: int,
        causal: bool,
        like: Any,
    ) -> tuple[Any, bool]:
        """(sdpa mask: bool keep or float additive, or None; whether sdpa should add its causal mask)."""
        xp = self.xp
        keep = None
        additive = None
        if self.window is not None:
            keep = F.causal_mask(
                xp, length, source, window=self.window, causal=causal, device=device_of(like)
            )
            causal = False
        if attn_mask is not None:
            check_array(self, attn_mask, "attn_mask")
            valid = ((length, source), (batch * self.num_heads, length, source))
            if tuple(attn_mask.shape) not in valid:
                raise ValueError(
                    f"attn_mask must have shape {valid[0]} or {valid[1]}, got {tuple(attn_mask.shape)}"
                )
            if attn_mask.ndim == 3:
                attn_mask = xp.reshape(attn_mask, (batch, self.num_heads, length, source))
            if attn_mask.dtype == xp.bool:
                allowed = xp.logical_not(attn_mask)
                keep = allowed if keep is None else xp.logical_and(keep, allowed)
            else:
                additive = xp.astype(attn_mask, like.dtype)
        if key_padding_mask is not None:
            check_array(self, key_padding_mask, "key_padding_mask")
            if tuple(key_padding_mask.shape) != (batch, source):
                raise ValueError(
                    f"key_padding_mask must have shape {(batch, source)}, got "
                    f"{tuple(key_padding_mask.shape)}"
                )
            if key_padding_mask.dtype == xp.bool:
                allowed = xp.logical_not(key_padding_mask)[:, None, None, :]
                keep = allowed if keep is None else xp.logical_and(keep, allowed)
            else:
                pad = xp.astype(key_padding_mask, like.dtype)[:, None, None, :]
                additive = pad if additive is None else additive + pad
        if additive is not None and keep is not None:
            additive = xp.where(keep, additive, -math.inf)
            keep = None
        return (additive if additive is not None else keep), causal

    def forward(
        self,
        query: Any,
        key: Any = None,
        value: Any = None,
        attn_mask: Any = None,
        causal: bool | None = None,
        key_padding_mask: Any = None,
    ) -> Any:
        xp = self.xp
        check_features(self, query, self.embed_dim, "query")
        self_attention = (key is None or key is query) and (value is None or value is query)
        key = query if key is None else check_features(self, key, self.embed_dim, "key")
        value = key if value is None else check_features(self, value, self.embed_dim, "value")
        unbatched = query.ndim == 2
        if unbatched:
            if key.ndim != 2 or value.ndim != 2:
                raise ValueError("with an unbatched (2-D) query, key and value must be 2-D too")
            query, key, value = query[None], key[None], value[None]
            if key_padding_mask is not None and key_padding_mask.ndim == 1:
                key_padding_mask = key_padding_mask[None]
        if key.shape[:-1] != value.shape[:-1] or key.shape[0] != query.shape[0]:
            raise ValueError(
                f"query {tuple(query.shape)}, key {tuple(key.shape)} and value "
                f"{tuple(value.shape)} must share the batch, key and value the length"
            )
        batch, length, source = query.shape[0], query.shape[1], key.shape[1]
        q, k, v = self._project(query, key, value, self_attention)
        q, k, v = self._heads(q), self._heads(k), self._heads(v)
        if self.rope_dims:
            q = F.rotary_embedding(q, dims=self.rope_dims, base=self.rope_base)
            k = F.rotary_embedding(k, dims=self.rope_dims, base=self.rope_base)
        causal = self.causal if causal is None else bool(causal)
        mask, causal = self._mask(attn_mask, key_padding_mask, batch, length, source, causal, q)
        dropout = self.dropout if self.training else 0.0
        key_ = self.stream.next(self.backend, self.device) if dropout > 0.0 else None
        out = F.scaled_dot_product_attention(
            q, k, v, attn_mask=mask, dropout_p=dropout, is_causal=causal, dropout_key=key_
        )
        out = xp.reshape(xp.permute_dims(out, (0, 2, 1, 3)), (batch, length, self.embed_dim))
        out = self.out_proj(out)
        return out[0] if unbatched else out


def _elu_plus_one(x: Any) -> Any:
    from ember_ml.ops.activations import elu

    return elu(x) + 1.0


#: The feature maps ``LinearAttention`` accepts (MAD's CPU-capable ones).
FEATURE_MAPS = ("elementwise_product", "elu", "relu", "identity")


class _HadamardMap(Module):
    """``layer1(x) * layer2(x)``: MAD's elementwise-product feature map (two square Linears)."""

    def __init__(
        self,
        size: int,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.layer1 = Linear(size, size, init="torch", seed=seed, **self.factory)
        self.layer2 = Linear(size, size, init="torch", seed=seed, **self.factory)

    def forward(self, x: Any) -> Any:
        return self.layer1(x) * self.layer2(x)


@register
class LinearAttention(Configurable, Module):
    """Causal linear attention ``y_t = phi(q_t) sum_{s<=t} phi(k_s) v_s^T / (phi(q_t) . sum_{s<=t} phi(k_s) + eps)``.

    MAD's ``LinearAttention`` in its quadratic parallel form: projections
    ``proj_q``, ``proj_k``, ``proj_v``, ``out_proj`` without bias, ``num_heads``
    heads, a feature map ``phi`` per query and key (``"elementwise_product"``:
    ``layer1(x) * layer2(x)`` per head, learnt; ``"elu"``: ``elu(x) + 1``;
    ``"relu"``; ``"identity"``). ``expand_k``/``expand_v`` widen keys and values.

    >>> import numpy as np
    >>> from ember_ml.nn import LinearAttention
    >>> LinearAttention(8, num_heads=2, backend="numpy", seed=0)(np.ones((1, 4, 8), dtype=np.float32)).shape
    (1, 4, 8)
    """

    def __init__(
        self,
        dim: int,
        num_heads: int = 1,
        feature_map: str = "elementwise_product",
        expand_k: int = 1,
        expand_v: int = 1,
        eps: float = 1e-12,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.dim = positive_int("dim", dim)
        self.num_heads = positive_int("num_heads", num_heads)
        self.expand_k = positive_int("expand_k", expand_k)
        self.expand_v = positive_int("expand_v", expand_v)
        self.feature_map = choice("feature_map", feature_map, FEATURE_MAPS)
        self.eps = float(eps)
        key_dim, value_dim = self.dim * self.expand_k, self.dim * self.expand_v
        if key_dim % self.num_heads or value_dim % self.num_heads:
            raise ValueError(
                f"num_heads ({self.num_heads}) must divide dim * expand_k ({key_dim}) and "
                f"dim * expand_v ({value_dim})"
            )
        self.head_qk_dim, self.head_v_dim = key_dim // self.num_heads, value_dim // self.num_heads
        make = {"init": "torch", "seed": stream, **self.factory}
        self.proj_q = Linear(self.dim, key_dim, False, **make)
        self.proj_k = Linear(self.dim, key_dim, False, **make)
        self.proj_v = Linear(self.dim, value_dim, False, **make)
        self.out_proj = Linear(value_dim, self.dim, False, **make)
        if self.feature_map == "elementwise_product":
            self.feature_map_q = _HadamardMap(self.head_qk_dim, seed=stream, **self.factory)
            self.feature_map_k = _HadamardMap(self.head_qk_dim, seed=stream, **self.factory)

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "num_heads": self.num_heads,
            "feature_map": self.feature_map,
            "expand_k": self.expand_k,
            "expand_v": self.expand_v,
            "eps": self.eps,
        }

    def _phi(self, x: Any, which: str) -> Any:
        if self.feature_map == "elementwise_product":
            return getattr(self, f"feature_map_{which}")(x)
        if self.feature_map == "elu":
            return _elu_plus_one(x)
        if self.feature_map == "relu":
            return F.ACTIVATIONS["relu"](x)
        return x

    def forward(self, x: Any) -> Any:
        xp = self.xp
        check_features(self, x, self.dim, ndim=(3,))
        b, n = x.shape[0], x.shape[1]

        def heads(y: Any, size: int) -> Any:
            return xp.permute_dims(xp.reshape(y, (b, n, self.num_heads, size)), (0, 2, 1, 3))

        q = self._phi(heads(self.proj_q(x), self.head_qk_dim), "q")
        k = self._phi(heads(self.proj_k(x), self.head_qk_dim), "k")
        v = heads(self.proj_v(x), self.head_v_dim)
        scores = xp.matmul(q, xp.matrix_transpose(k))
        scores = xp.where(
            F.causal_mask(xp, n, n, device=device_of(x)), scores, xp.zeros_like(scores)
        )
        y = xp.matmul(scores, v)
        norm = xp.sum(q * xp.cumulative_sum(k, axis=2), axis=-1, keepdims=True) + self.eps
        y = y / norm
        y = xp.reshape(xp.permute_dims(y, (0, 2, 1, 3)), (b, n, self.num_heads * self.head_v_dim))
        return self.out_proj(y)
