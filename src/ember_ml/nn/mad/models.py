"""MAD architectures by name, as ``nn.LanguageModel`` / ``nn.AutoEncoder`` configs of MAD layers.

A model is ``num_blocks`` blocks; block ``i`` is the sequence mixer
``MODELS[name][i % len(MODELS[name])]`` (a layer name of ``nn.presets``) followed by
the channel mixer ``CHANNELS[channel]``. ``striped`` alternates multi-head Hyena and
multi-head attention (MAD's ``[mH, Sg, mA, Sg]``). The compression task uses MAD's
encoder-decoder backbone (``nn.AutoEncoder``), every other task the language model.

>>> from ember_ml.nn.mad import model_config
>>> config = model_config("striped", vocab_size=16, seq_len=64, dim=64)
>>> config["type"], [b["sequence_mixer"]["type"] for b in config["blocks"]]
('LanguageModel', ['MultiHeadHyena', 'MultiHeadAttention'])
"""

from __future__ import annotations

from typing import Any

from ember_ml.nn.presets import layer_config

__all__ = ["CHANNELS", "MODELS", "build_model", "model_config"]

#: Sequence mixers of each model, cycled over its blocks (names of ``nn.presets.SEQUENCE_MIXERS``).
MODELS: dict[str, tuple[str, ...]] = {
    "attention": ("attention",),
    "mh-attention": ("mh-attention",),
    "sliding-attention": ("sliding-attention",),
    "linear-attention": ("linear-attention",),
    "hyena": ("hyena",),
    "mh-hyena": ("mh-hyena",),
    "mamba": ("mamba",),
    "gru": ("gru",),
    "lstm": ("lstm",),
    "cfc": ("cfc",),
    "striped": ("mh-hyena", "mh-attention"),
}

#: Channel mixers by CLI name (names of ``nn.presets.CHANNEL_MIXERS``).
CHANNELS: dict[str, str] = {"swiglu": "swiglu", "moe": "moe-mlp", "mlp": "mlp"}


def _choose(kind: str, value: Any, valid: dict[str, Any]) -> Any:
    if not isinstance(value, str) or value not in valid:
        raise ValueError(f"unknown {kind} {value!r}; valid {kind}s are {', '.join(valid)}")
    return valid[value]


def model_config(
    name: str,
    *,
    vocab_size: int,
    seq_len: int,
    dim: int = 128,
    num_blocks: int = 2,
    channel: str = "swiglu",
    task: str | None = None,
) -> dict[str, Any]:
    """The JSON-safe config of MAD model ``name`` (``from_config`` builds it on any backend).

    Raises ``ValueError`` naming the valid models or channels.

    >>> model_config("hyena", vocab_size=8, seq_len=16, dim=32, task="compression")["type"]
    'AutoEncoder'
    """
    mixers = _choose("model", name, MODELS)
    channel_name = _choose("channel", channel, CHANNELS)
    if isinstance(num_blocks, bool) or not isinstance(num_blocks, int) or num_blocks < 1:
        raise ValueError(f"num_blocks must be an int >= 1, got {num_blocks!r}")
    blocks = [
        {
            "type": "Block",
            "sequence_mixer": layer_config(mixers[i % len(mixers)], dim, seq_len),
            "channel_mixer": layer_config(channel_name, dim),
            "norm": "layernorm",
            "dim": dim,
        }
        for i in range(num_blocks)
    ]
    kind = "AutoEncoder" if task == "compression" else "LanguageModel"
    return {
        "type": kind,
        "vocab_size": vocab_size,
        "dim": dim,
        "blocks": blocks,
        "norm": "layernorm",
        "max_length": seq_len,
    }


def build_model(
    name: str,
    *,
    vocab_size: int,
    seq_len: int,
    backend: str,
    seed: int,
    dim: int = 128,
    num_blocks: int = 2,
    channel: str = "swiglu",
    task: str | None = None,
) -> Any:
    """MAD model ``name`` as a native module of ``backend`` (``model_config`` then ``from_config``).

    >>> import numpy as np
    >>> from ember_ml.nn.mad import build_model
    >>> model = build_model("gru", vocab_size=8, seq_len=6, dim=16, backend="numpy", seed=0)
    >>> model(np.zeros((1, 6), dtype=np.int64)).shape
    (1, 6, 8)
    """
    from ember_ml.nn.config import from_config

    config = model_config(
        name,
        vocab_size=vocab_size,
        seq_len=seq_len,
        dim=dim,
        num_blocks=num_blocks,
        channel=channel,
        task=task,
    )
    return from_config(config, backend=backend, seed=seed)
