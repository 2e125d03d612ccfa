"""Channel mixers (MAD's names and layouts): ``MLP``, ``GLU``, ``SwiGLU`` and the mixture of experts ``MoE``.

Each maps ``(..., dim)`` to ``(..., dim)``, position by position.

>>> import numpy as np
>>> from ember_ml import nn
>>> mixer = nn.SwiGLU(8, backend="numpy", seed=0)
>>> mixer.hidden_dim, mixer(np.ones((2, 3, 8), dtype=np.float32)).shape
(32, (2, 3, 8))
"""

from __future__ import annotations

import math
from typing import Any

from ember_ml.nn import _init
from ember_ml.nn import functional as F
from ember_ml.nn._checks import check_features, choice, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register
from ember_ml.nn.layers import Linear

__all__ = ["GLU", "MLP", "ROUTERS", "MoE", "SwiGLU", "glu_hidden_dim"]


def glu_hidden_dim(dim: int, multiple_of: int = 16) -> int:
    """MAD's GLU width: ``int(8 * dim / 3)`` rounded up to a multiple of ``multiple_of``.

    >>> glu_hidden_dim(128)
    352
    """
    inner = int(2 * dim * 4 / 3)
    return multiple_of * ((inner + multiple_of - 1) // multiple_of)


@register
class MLP(Configurable, Module):
    """``proj(act(fc(x)))``: MAD's ``Mlp`` (``hidden_dim`` default ``4 * dim``, GELU with tanh).

    Parameters ``fc.weight (hidden_dim, dim)``, ``proj.weight (dim, hidden_dim)``
    and, with ``bias``, their biases (torch's ``Linear`` initialisation).

    >>> import numpy as np
    >>> from ember_ml.nn import MLP
    >>> MLP(4, backend="numpy", seed=0)(np.ones((3, 4), dtype=np.float32)).shape
    (3, 4)
    """

    def __init__(
        self,
        dim: int,
        hidden_dim: int | None = None,
        activation: str = "gelu_tanh",
        bias: bool = True,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.dim = positive_int("dim", dim)
        self.hidden_dim = (
            4 * self.dim if hidden_dim is None else positive_int("hidden_dim", hidden_dim)
        )
        self.activation = activation
        self.act = F.activation(activation)
        self.use_bias = bool(bias)
        self.fc = Linear(self.dim, self.hidden_dim, bias, init="torch", seed=stream, **self.factory)
        self.proj = Linear(
            self.hidden_dim, self.dim, bias, init="torch", seed=stream, **self.factory
        )

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "hidden_dim": self.hidden_dim,
            "activation": self.activation,
            "bias": self.use_bias,
        }

    def forward(self, x: Any) -> Any:
        check_features(self, x, self.dim, ndim=(1, 2, 3, 4))
        return self.proj(self.act(self.fc(x)))


@register
class GLU(Configurable, Module):
    """Gated linear unit ``w3(act(w1 x) * w2 x)`` (MAD's ``GLU``; ``act`` sigmoid by default).

    ``hidden_dim`` defaults to ``glu_hidden_dim(dim, multiple_of)`` (352 at
    ``dim=128``). Parameters ``w1.weight``, ``w2.weight`` ``(hidden_dim, dim)`` and
    ``w3.weight`` ``(dim, hidden_dim)`` (and biases with ``bias``).

    >>> import numpy as np
    >>> from ember_ml.nn import GLU
    >>> GLU(4, 8, backend="numpy", seed=0)(np.ones((1, 4), dtype=np.float32)).shape
    (1, 4)
    """

    def __init__(
        self,
        dim: int,
        hidden_dim: int | None = None,
        activation: str = "sigmoid",
        bias: bool = False,
        multiple_of: int = 16,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.dim = positive_int("dim", dim)
        self.multiple_of = positive_int("multiple_of", multiple_of)
        self.hidden_dim = (
            glu_hidden_dim(self.dim, self.multiple_of)
            if hidden_dim is None
            else positive_int("hidden_dim", hidden_dim)
        )
        self.activation = activation
        self.act = F.activation(activation)
        self.use_bias = bool(bias)
        make = {"init": "torch", "seed": stream, **self.factory}
        self.w1 = Linear(self.dim, self.hidden_dim, bias, **make)
        self.w2 = Linear(self.dim, self.hidden_dim, bias, **make)
        self.w3 = Linear(self.hidden_dim, self.dim, bias, **make)

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "hidden_dim": self.hidden_dim,
            "activation": self.activation,
            "bias": self.use_bias,
            "multiple_of": self.multiple_of,
        }

    def forward(self, x: Any) -> Any:
        check_features(self, x, self.dim, ndim=(1, 2, 3, 4))
        return self.w3(self.act(self.w1(x)) * self.w2(x))


@register
class SwiGLU(GLU):
    """``w3(silu(w1 x) * w2 x)``: the GLU with the SiLU gate (MAD's ``swiglu``).

    >>> import numpy as np
    >>> from ember_ml.nn import SwiGLU
    >>> SwiGLU(128, backend="numpy", seed=0).hidden_dim
    352
    """

    def __init__(
        self,
        dim: int,
        hidden_dim: int | None = None,
        bias: bool = False,
        multiple_of: int = 16,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__(
            dim,
            hidden_dim,
            "silu",
            bias,
            multiple_of,
            seed=seed,
            backend=backend,
            dtype=dtype,
            device=device,
        )

    def _config(self) -> dict[str, Any]:
        config = super()._config()
        del config["activation"]
        return config


#: How ``MoE`` turns router logits into expert weights.
ROUTERS = ("topk", "mad")


@register
class MoE(Configurable, Module):
    """Mixture of ``num_experts`` GLU experts, each token routed to its ``top_k`` best.

    Expert ``e`` is ``w3[e] (act(w1[e] x) * w2[e] x)`` with ``w1``, ``w2``
    ``(num_experts, hidden_dim, dim)`` and ``w3`` ``(num_experts, dim, hidden_dim)``;
    the router is ``router`` (``Linear(dim, num_experts)``). ``router_mode="topk"``
    weights the chosen experts by a softmax over their logits (the others get 0);
    ``"mad"`` reproduces MAD's ``MoeMlp``: the other logits are set to 0 (not
    ``-inf``) before a softmax over all experts. Every expert is computed for every
    token (static shapes: works under ``torch.compile`` and ``mx.compile``), then
    weighted. ``forward(x, return_aux_loss=True)`` also returns the Switch
    Transformer load-balancing loss ``num_experts * sum_e f_e P_e`` (``f_e``: share
    of routing slots given to expert ``e``; ``P_e``: its mean router probability;
    1.0 when balanced).

    >>> import numpy as np
    >>> from ember_ml.nn import MoE
    >>> moe = MoE(8, 16, num_experts=4, top_k=2, backend="numpy", seed=0)
    >>> y, aux = moe(np.ones((2, 5, 8), dtype=np.float32), return_aux_loss=True)
    >>> y.shape, aux.shape
    ((2, 5, 8), ())
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    w1: Any
    w2: Any
    w3: Any

    has_aux_loss = True

    def __init__(
        self,
        dim: int,
        hidden_dim: int,
        num_experts: int = 8,
        top_k: int = 2,
        activation: str = "silu",
        router_mode: str = "topk",
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.dim = positive_int("dim", dim)
        self.hidden_dim = positive_int("hidden_dim", hidden_dim)
        self.num_experts = positive_int("num_experts", num_experts)
        self.top_k = positive_int("top_k", top_k)
        if self.top_k > self.num_experts:
            raise ValueError(f"top_k must be <= num_experts ({self.num_experts}), got {top_k}")
        self.activation = activation
        self.act = F.activation(activation)
        self.router_mode = choice("router_mode", router_mode, ROUTERS)
        self.router = Linear(self.dim, self.num_experts, init="torch", seed=stream, **self.factory)
        e, h, d = self.num_experts, self.hidden_dim, self.dim
        bound_in, bound_hidden = 1.0 / math.sqrt(d), 1.0 / math.sqrt(h)
        self.add_parameter(
            "w1", _init.uniform(stream, (e, h, d), -bound_in, bound_in, **self.factory)
        )
        self.add_parameter(
            "w2", _init.uniform(stream, (e, h, d), -bound_in, bound_in, **self.factory)
        )
        self.add_parameter(
            "w3", _init.uniform(stream, (e, d, h), -bound_hidden, bound_hidden, **self.factory)
        )

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "hidden_dim": self.hidden_dim,
            "num_experts": self.num_experts,
            "top_k": self.top_k,
            "activation": self.activation,
            "router_mode": self.router_mode,
        }

    def routing(self, x: Any) -> tuple[Any, Any, Any]:
        """``(weights, chosen, logits)`` per token: expert weights, the top-k mask and the router logits."""
        xp = self.xp
        logits = self.router(x)
        ranked = xp.sort(logits, axis=-1, descending=True)
        threshold = ranked[..., self.top_k - 1 : self.top_k]
        chosen = logits >= threshold
        if self.router_mode == "topk":
            weights = F.softmax(xp.where(chosen, logits, -math.inf), axis=-1)
        else:
            weights = F.softmax(xp.where(chosen, logits, xp.zeros_like(logits)), axis=-1)
        return weights, chosen, logits

    def forward(self, x: Any, return_aux_loss: bool = False) -> Any:
        xp = self.xp
        check_features(self, x, self.dim, ndim=(1, 2, 3, 4))
        e, h, d = self.num_experts, self.hidden_dim, self.dim
        lead = tuple(x.shape[:-1])
        tokens = xp.reshape(x, (-1, d))
        weights, chosen, logits = self.routing(tokens)
        up1 = xp.matmul(tokens, xp.matrix_transpose(xp.reshape(self.w1, (e * h, d))))
        up2 = xp.matmul(tokens, xp.matrix_transpose(xp.reshape(self.w2, (e * h, d))))
        hidden = xp.reshape(self.act(up1) * up2, (-1, e, h)) * weights[:, :, None]
        down = xp.reshape(xp.permute_dims(self.w3, (0, 2, 1)), (e * h, d))
        y = xp.reshape(xp.matmul(xp.reshape(hidden, (-1, e * h)), down), (*lead, d))
        if not return_aux_loss:
            return y
        share = xp.mean(xp.astype(chosen, logits.dtype), axis=0) / self.top_k
        probability = xp.mean(F.softmax(logits, axis=-1), axis=0)
        return y, e * xp.sum(share * probability)
