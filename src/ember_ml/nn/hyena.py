"""Hyena sequence mixers (Poli et al. 2023), as MAD parameterises them: ``Hyena`` and ``MultiHeadHyena``.

A Hyena operator projects the input to ``order + 1`` streams, runs a short
depthwise causal convolution over them, then alternates elementwise gating with
long causal convolutions (by FFT of size 2L) whose filters come from a small
network of the position (the implicit filter, ``HyenaFilter``). Defaults are
MAD's ``hyena`` and ``mh-hyena`` configurations (mad.md 1.4).

>>> import numpy as np
>>> from ember_ml import nn
>>> layer = nn.Hyena(16, max_length=32, backend="numpy", seed=0)
>>> layer(np.ones((2, 32, 16), dtype=np.float32)).shape
(2, 32, 16)
"""

from __future__ import annotations

import math
from typing import Any

from ember_ml.nn import _init
from ember_ml.nn import functional as F
from ember_ml.nn._checks import check_features, device_of, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register
from ember_ml.nn.conv import CausalConv1d
from ember_ml.nn.layers import Linear

__all__ = ["Hyena", "HyenaFilter", "MultiHeadHyena"]


@register
class HyenaFilter(Configurable, Module):
    """The implicit long filter ``h(t) (length, channels)`` of a Hyena operator.

    ``h = FFN(z(t)) * (exp(-t |deltas|) + shift)``: ``z(t)`` is the normalised
    time and ``(emb_dim - 1) / 2`` cosine/sine bands over ``max_length`` positions
    (constants); the FFN is ``Linear(emb_dim, order)``, ``depth`` hidden
    ``Linear(order, order)``, each followed by ``sin(freq * .)`` with one shared,
    trainable ``freq`` (init ``w``), and ``Linear(order, channels, bias=False)``;
    ``deltas`` (a constant) spread the decay from ``log(target)/slow_decay_pct`` to
    ``log(target)/fast_decay_pct``. MAD trains ``z`` with learning rate 1e-5;
    here it is a constant.

    >>> from ember_ml.nn import HyenaFilter
    >>> HyenaFilter(4, 10, order=8, backend="numpy", seed=0)(6).shape
    (6, 4)
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    t: Any
    z: Any
    deltas: Any
    freq: Any

    def __init__(
        self,
        channels: int,
        max_length: int,
        order: int = 16,
        emb_dim: int = 3,
        depth: int = 2,
        w: float = 1.0,
        fast_decay_pct: float = 0.3,
        slow_decay_pct: float = 1.5,
        target: float = 1e-2,
        shift: float = 0.0,
        modulate: bool = True,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.channels = positive_int("channels", channels)
        self.max_length = positive_int("max_length", max_length)
        self.order = positive_int("order", order)
        self.emb_dim = positive_int("emb_dim", emb_dim, 3)
        if self.emb_dim % 2 == 0:
            raise ValueError(
                f"emb_dim must be odd (time, then cosine and sine bands), got {emb_dim}"
            )
        self.depth = positive_int("depth", depth, 0)
        self.w, self.shift, self.modulate = float(w), float(shift), bool(modulate)
        self.fast_decay_pct, self.slow_decay_pct = float(fast_decay_pct), float(slow_decay_pct)
        self.target = float(target)
        xp, f32, dev = self.xp, self.dtype, self.device
        n, bands = self.max_length, (self.emb_dim - 1) // 2
        t = xp.linspace(0.0, 1.0, n, dtype=f32, device=dev)[:, None]
        angle = 2 * math.pi * xp.arange(n, dtype=f32, device=dev)[:, None] / n
        freqs = xp.linspace(1e-4, bands - 1, bands, dtype=f32, device=dev)[None, :]
        z = xp.concat((t, xp.cos(freqs * angle), -xp.sin(freqs * angle)), axis=1)
        self.add_parameter("t", xp.astype(t, self.dtype), trainable=False)
        self.add_parameter("z", xp.astype(z, self.dtype), trainable=False)
        fast, slow = (
            math.log(self.target) / self.fast_decay_pct,
            math.log(self.target) / self.slow_decay_pct,
        )
        deltas = xp.linspace(slow, fast, self.channels, dtype=f32, device=dev)
        self.add_parameter("deltas", xp.astype(deltas, self.dtype), trainable=False)
        self.add_parameter("freq", _init.constant(self.w, (self.order,), **self.factory))
        make = {"init": "torch", "seed": stream, **self.factory}
        sizes = [self.emb_dim] + [self.order] * (self.depth + 1)
        for index in range(self.depth + 1):
            setattr(self, f"linear{index}", Linear(sizes[index], sizes[index + 1], **make))
        setattr(self, f"linear{self.depth + 1}", Linear(self.order, self.channels, False, **make))

    def _config(self) -> dict[str, Any]:
        return {
            "channels": self.channels,
            "max_length": self.max_length,
            "order": self.order,
            "emb_dim": self.emb_dim,
            "depth": self.depth,
            "w": self.w,
            "fast_decay_pct": self.fast_decay_pct,
            "slow_decay_pct": self.slow_decay_pct,
            "target": self.target,
            "shift": self.shift,
            "modulate": self.modulate,
        }

    def forward(self, length: int) -> Any:
        xp = self.xp
        if not 0 < length <= self.max_length:
            raise ValueError(
                f"HyenaFilter: sequence length must be in [1, max_length={self.max_length}], got {length}"
            )
        h = self.z[:length]
        for index in range(self.depth + 1):
            h = xp.sin(self.freq * getattr(self, f"linear{index}")(h))
        h = getattr(self, f"linear{self.depth + 1}")(h)
        if self.modulate:
            h = h * (xp.exp(-self.t[:length] * xp.abs(self.deltas)) + self.shift)
        return h


class _HyenaBase(Configurable, Module):
    """Projections, short filter and implicit filter shared by ``Hyena`` and ``MultiHeadHyena``."""

    dim: int
    max_length: int
    inner_dim: int
    order: int
    skip: Any  # a parameter (a native array of the backend), made by add_parameter

    def _build(
        self,
        seed: Any,
        dim: int,
        max_length: int,
        inner_factor: int,
        proj_groups: int,
        short_filter_order: int,
        filter_order: int,
        filter_emb_dim: int,
    ) -> None:
        """Sizes, projections, short filter, implicit filter and skip (``self.order`` set first)."""
        stream = _init.key_stream(seed)
        self.dim = positive_int("dim", dim)
        self.max_length = positive_int("max_length", max_length)
        self.inner_factor = positive_int("inner_factor", inner_factor)
        self.inner_dim = self.inner_factor * self.dim
        self.proj_groups = positive_int("proj_groups", proj_groups)
        self.short_filter_order = positive_int("short_filter_order", short_filter_order)
        self.filter_order = positive_int("filter_order", filter_order)
        self.filter_emb_dim = filter_emb_dim
        filter_channels = self._filter_channels()
        width = self.inner_dim * (self.order + 1)
        if width % self.proj_groups:
            raise ValueError(
                f"proj_groups ({self.proj_groups}) must divide inner_dim * (order + 1) = {width}"
            )
        make = {"seed": stream, **self.factory}
        self.in_proj = Linear(self.dim, width // self.proj_groups, init="torch", **make)
        self.short_filter = CausalConv1d(width, self.short_filter_order, **make)
        self.filter = HyenaFilter(
            filter_channels,
            self.max_length,
            order=self.filter_order,
            emb_dim=filter_emb_dim,
            **make,
        )
        self.add_parameter("skip", _init.normal(stream, (filter_channels,), **self.factory))
        self.out_proj = Linear(self.inner_dim, self.dim, init="torch", **make)

    def _filter_channels(self) -> int:
        raise NotImplementedError

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "max_length": self.max_length,
            "inner_factor": self.inner_factor,
            "proj_groups": self.proj_groups,
            "short_filter_order": self.short_filter_order,
            "filter_order": self.filter_order,
            "filter_emb_dim": self.filter_emb_dim,
        }

    def _streams(self, u: Any) -> list[Any]:
        """The ``order + 1`` gated streams after projection and short filter, each ``(B, L, inner)``."""
        xp = self.xp
        check_features(self, u, self.dim, ndim=(3,))
        if u.shape[1] > self.max_length:
            raise ValueError(
                f"{type(self).__name__}: sequence length {u.shape[1]} exceeds max_length={self.max_length}"
            )
        x = self.in_proj(u)
        if self.proj_groups > 1:  # MAD's tied projection groups: the projection tiled
            x = xp.concat([x] * self.proj_groups, axis=-1)
        x = self.short_filter(x)
        n = self.inner_dim
        return [x[..., i * n : (i + 1) * n] for i in range(self.order + 1)]


@register
class Hyena(_HyenaBase):
    """MAD's ``HyenaOperator`` (one head): ``y = out_proj(x_0 * h_{N-1} * (... (x_{N-1} * v)))``.

    ``in_proj`` maps ``dim`` to ``inner_factor * dim * (order + 1) / proj_groups``,
    tiled ``proj_groups`` times (MAD's tied groups); ``short_filter`` is a
    depthwise causal convolution of width ``short_filter_order``; the streams are
    ``x_0 .. x_{order-1}, v``; each of the ``order - 1`` long convolutions
    (``fft_conv`` with filter ``filter(L)`` and skip term ``skip``, MAD's
    ``long_conv.bias``) follows a gate. Sequences up to ``max_length``.
    Defaults: MAD's ``hyena`` (order 2, inner factor 4, 4 projection groups,
    short filter 3, implicit filter order 4).

    >>> import numpy as np
    >>> from ember_ml.nn import Hyena
    >>> Hyena(8, 16, order=3, backend="numpy", seed=0)(np.ones((1, 10, 8), dtype=np.float32)).shape
    (1, 10, 8)
    """

    def __init__(
        self,
        dim: int,
        max_length: int,
        order: int = 2,
        inner_factor: int = 4,
        proj_groups: int = 4,
        short_filter_order: int = 3,
        filter_order: int = 4,
        filter_emb_dim: int = 3,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.order = positive_int("order", order, 2)
        self._build(
            seed,
            dim,
            max_length,
            inner_factor,
            proj_groups,
            short_filter_order,
            filter_order,
            filter_emb_dim,
        )

    def _filter_channels(self) -> int:
        return self.inner_dim * (self.order - 1)

    def _config(self) -> dict[str, Any]:
        return {**super()._config(), "order": self.order}

    def forward(self, u: Any) -> Any:
        *x, v = self._streams(u)
        n = self.inner_dim
        k = self.filter(u.shape[1])
        for o, gate in enumerate(reversed(x[1:])):
            v = F.fft_conv(
                v * gate, k[:, o * n : (o + 1) * n], skip=self.skip[o * n : (o + 1) * n], axis=-2
            )
        return self.out_proj(v * x[0])


@register
class MultiHeadHyena(_HyenaBase):
    """MAD's ``MultiHeadHyenaOperator``: Hyena with a ``head_dim x head_dim`` state per head.

    The ``inner_factor * dim`` channels form ``inner_dim / head_dim`` heads of
    ``head_dim`` channels. For streams ``q, k, v`` (after projection and short
    filter) each head computes ``y[d2] = sum_d1 q[d1] * (h * (k[d1] v[d2]))`` where
    ``h *`` is the head's long convolution (filter ``filter(L)[:, head]`` plus skip
    term ``skip[head]``): a linear-attention-like state expansion. Up to
    ``head_dim**2`` positions it runs in the equal quadratic form
    ``y_t = sum_{s<=t} (h[t-s] + skip [s=t]) (q_t . k_s) v_s`` (matrix products; on
    torch's CPU 16x faster than the FFT of the outer products at length 64,
    head_dim 16), beyond by FFT (MAD's form). MAD's config
    calls ``head_dim`` ``num_heads`` (16 at ``dim=128``, i.e. 8 heads of 16).
    Order 2 only, as MAD.

    >>> import numpy as np
    >>> from ember_ml.nn import MultiHeadHyena
    >>> layer = MultiHeadHyena(32, 16, head_dim=8, backend="numpy", seed=0)
    >>> layer.num_heads, layer(np.ones((2, 16, 32), dtype=np.float32)).shape
    (4, (2, 16, 32))
    """

    def __init__(
        self,
        dim: int,
        max_length: int,
        head_dim: int = 16,
        inner_factor: int = 1,
        proj_groups: int = 4,
        short_filter_order: int = 3,
        filter_order: int = 2,
        filter_emb_dim: int = 3,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.order = 2
        self.head_dim = positive_int("head_dim", head_dim)
        self._build(
            seed,
            dim,
            max_length,
            inner_factor,
            proj_groups,
            short_filter_order,
            filter_order,
            filter_emb_dim,
        )

    def _filter_channels(self) -> int:
        if self.inner_dim % self.head_dim:
            raise ValueError(
                f"head_dim ({self.head_dim}) must divide inner_factor * dim = {self.inner_dim}"
            )
        self.num_heads = self.inner_dim // self.head_dim
        return self.num_heads

    def _config(self) -> dict[str, Any]:
        return {**super()._config(), "head_dim": self.head_dim}

    def forward(self, u: Any) -> Any:
        q, k, v = self._streams(u)
        b, n, h, d = u.shape[0], u.shape[1], self.num_heads, self.head_dim
        q, k, v = (self.xp.reshape(s, (b, n, h, d)) for s in (q, k, v))
        if n <= d * d:  # the (n, n) scores are no bigger than the FFT's (n, d, d) states
            y = self._mix_quadratic(q, k, v)
        else:
            y = self._mix_fft(q, k, v)
        return self.out_proj(self.xp.reshape(y, (b, n, h * d)))

    def _mix_fft(self, q: Any, k: Any, v: Any) -> Any:
        """MAD's form: the long convolution of the ``(d1, d2)`` outer products by FFT."""
        xp = self.xp
        kv = k[..., :, None] * v[..., None, :]  # (b, n, heads, d1, d2)
        filt = self.filter(q.shape[1])[:, :, None, None]  # (n, heads, 1, 1)
        state = F.fft_conv(kv, filt, skip=self.skip[:, None, None], axis=-4)
        return xp.matmul(q[..., None, :], state)[..., 0, :]  # sum over d1: (b, n, heads, d2)

    def _mix_quadratic(self, q: Any, k: Any, v: Any) -> Any:
        """The same sum as attention: ``y_t = sum_{s<=t} (h[t-s] + skip [s=t]) (q_t . k_s) v_s``.

        ``O(L^2 d)`` per head instead of ``O(L log L d^2)``, and matrix products
        instead of FFTs of ``d^2`` channels: far cheaper for short sequences.
        """
        xp = self.xp
        n = q.shape[1]
        filt = self.filter(n)  # (n, heads)
        t = xp.arange(n, device=device_of(q))
        lag = t[:, None] - t[None, :]  # (n, n): t - s
        causal = lag >= 0
        taps = xp.take(filt, xp.reshape(xp.where(causal, lag, 0), (n * n,)), axis=0)
        taps = xp.reshape(taps, (n, n, filt.shape[1]))
        taps = xp.where(causal[:, :, None], taps, xp.zeros_like(taps))
        diagonal = xp.astype((lag == 0)[:, :, None], taps.dtype) * self.skip
        mixer = xp.permute_dims(taps + diagonal, (2, 0, 1))  # (heads, t, s)
        qh, kh, vh = (xp.permute_dims(a, (0, 2, 1, 3)) for a in (q, k, v))  # (b, heads, n, d)
        scores = xp.matmul(qh, xp.matrix_transpose(kh)) * mixer
        return xp.permute_dims(xp.matmul(scores, vh), (0, 2, 1, 3))  # (b, n, heads, d)
