"""MAD's layer names as configs: ``layer_config("mh-hyena", 128, max_length=128)`` and ``make_layer``.

The names and settings are mad-lab's (``configs/layers/*.yml``, mad.md 1.4) at
any width, plus the recurrent mixers of this library (``gru``, ``lstm``,
``cfc``, ``ltc``). A name's config is an ordinary layer config: override any
argument by keyword.

>>> from ember_ml.nn.presets import layer_config
>>> layer_config("mh-attention", 128)
{'type': 'MultiHeadAttention', 'embed_dim': 128, 'num_heads': 16, 'rope': True, 'causal': True}
>>> layer_config("swiglu", 64, hidden_dim=128)
{'type': 'SwiGLU', 'dim': 64, 'hidden_dim': 128}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["CHANNEL_MIXERS", "LAYERS", "SEQUENCE_MIXERS", "layer_config", "make_layer"]


def _attention(
    heads: int, window: int | None = None
) -> Callable[[int, int | None], dict[str, Any]]:
    def config(dim: int, max_length: int | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "MultiHeadAttention",
            "embed_dim": dim,
            "num_heads": heads,
            "rope": True,
            "causal": True,
        }
        if window is not None:
            out["window"] = window
        return out

    return config


def _needs_length(name: str, max_length: int | None) -> int:
    if max_length is None:
        raise ValueError(f"layer {name!r} needs max_length (its filters span the whole sequence)")
    return max_length


#: Sequence mixers by MAD name: ``name -> (dim, max_length) -> config``.
SEQUENCE_MIXERS: dict[str, Callable[[int, int | None], dict[str, Any]]] = {
    "attention": _attention(1),
    "mh-attention": _attention(16),
    "sliding-attention": _attention(1, 32),
    "mh-sliding-attention": _attention(16, 32),
    "linear-attention": lambda d, n: {"type": "LinearAttention", "dim": d, "num_heads": 1},
    "mh-linear-attention": lambda d, n: {"type": "LinearAttention", "dim": d, "num_heads": 16},
    "hyena": lambda d, n: {"type": "Hyena", "dim": d, "max_length": _needs_length("hyena", n)},
    "mh-hyena": lambda d, n: {
        "type": "MultiHeadHyena",
        "dim": d,
        "max_length": _needs_length("mh-hyena", n),
        "head_dim": 16,
    },
    "mamba": lambda d, n: {"type": "Mamba", "dim": d, "d_state": 4},
    "gru": lambda d, n: {"type": "GRU", "input_size": d, "hidden_size": d, "batch_first": True},
    "lstm": lambda d, n: {"type": "LSTM", "input_size": d, "hidden_size": d, "batch_first": True},
    "cfc": lambda d, n: {"type": "CfCMixer", "dim": d, "units": d, "backbone_units": d},
    "ltc": lambda d, n: {"type": "LTCMixer", "dim": d, "units": d},
}

#: Channel mixers by MAD name.
CHANNEL_MIXERS: dict[str, Callable[[int, int | None], dict[str, Any]]] = {
    "mlp": lambda d, n: {"type": "MLP", "dim": d, "hidden_dim": 4 * d, "bias": False},
    "swiglu": lambda d, n: {"type": "SwiGLU", "dim": d},
    "moe-mlp": lambda d, n: {
        "type": "MoE",
        "dim": d,
        "hidden_dim": 16,
        "num_experts": 8,
        "top_k": 2,
        "activation": "gelu_tanh",
        "router_mode": "mad",
    },
}

#: Every layer name ``layer_config`` accepts.
LAYERS = {**SEQUENCE_MIXERS, **CHANNEL_MIXERS}


def layer_config(
    name: str, dim: int, max_length: int | None = None, **overrides: Any
) -> dict[str, Any]:
    """The config of MAD layer ``name`` at width ``dim`` (``max_length`` for Hyena), with ``overrides``.

    Raises ``ValueError`` listing the valid names.

    >>> layer_config("mamba", 64)
    {'type': 'Mamba', 'dim': 64, 'd_state': 4}
    """
    try:
        make = LAYERS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown layer {name!r}; valid names are {', '.join(LAYERS)}") from None
    return {**make(dim, max_length), **overrides}


def make_layer(
    name: str,
    dim: int,
    max_length: int | None = None,
    *,
    backend: str | None = None,
    dtype: Any = None,
    device: Any = None,
    seed: int | None = None,
    **overrides: Any,
) -> Any:
    """Build MAD layer ``name`` at width ``dim`` (see ``layer_config``).

    >>> import numpy as np
    >>> from ember_ml.nn.presets import make_layer
    >>> make_layer("mamba", 8, backend="numpy", seed=0).d_state
    4
    """
    from ember_ml.nn.config import from_config

    config = layer_config(name, dim, max_length, **overrides)
    return from_config(config, backend=backend, dtype=dtype, device=device, seed=seed)
