"""Blocks and models (MAD's backbones): ``Block``, ``Stack``, ``LanguageModel``, ``AutoEncoder``.

A ``Block`` is two pre-norm residual sublayers, ``x + sequence_mixer(norm(x))``
then ``x + channel_mixer(norm(x))``; a model is blocks between an embedding and
a readout. Layers are given as modules, configs, or MAD layer names
(``nn.presets``), so a whole architecture is a JSON config.

>>> import numpy as np
>>> from ember_ml import nn
>>> model = nn.LanguageModel(16, 32, [("mh-hyena", "swiglu"), ("mh-attention", "swiglu")],
...                          max_length=8, backend="numpy", seed=0)
>>> model(np.zeros((2, 8), dtype=np.int64)).shape
(2, 8, 16)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ember_ml.nn import _init
from ember_ml.nn._checks import check_array, check_features, choice, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, _child_seed, config_of, from_config, register
from ember_ml.nn.embedding import Embedding, sinusoidal_positions
from ember_ml.nn.layers import Activation, Linear, Sequential
from ember_ml.nn.normalization import NORMS, make_norm

__all__ = ["AutoEncoder", "Block", "LanguageModel", "Stack"]

_WIDTH_NAMES = ("dim", "embed_dim", "input_size")


def _width(module: Any) -> int | None:
    for name in _WIDTH_NAMES:
        value = getattr(module, name, None)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _output_width(module: Any) -> int | None:
    """The output width of a recurrent mixer (``hidden_size`` per direction), else its width."""
    hidden = getattr(module, "hidden_size", None)
    if isinstance(hidden, int) and not isinstance(hidden, bool):
        return hidden * (2 if getattr(module, "bidirectional", False) else 1)
    return _width(module)


def _inherit(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """``backend``/``dtype``/``device`` from the first module among the arguments, unless given."""
    if kwargs.get("backend") is not None:
        return kwargs
    stack = list(args) + list(kwargs.values())
    while stack:
        item = stack.pop(0)
        if isinstance(item, Module):
            return {
                **kwargs,
                "backend": item.backend,
                "dtype": kwargs.get("dtype") or item.factory["dtype"],
                "device": kwargs.get("device", item.device),
            }
        if isinstance(item, (list, tuple)):
            stack[:0] = list(item)
    return kwargs


class _Inheriting(Module):
    """A container whose backend defaults to its submodules' (``Block(mixer_a, mixer_b)``)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls.__dict__.get("_em_specialised", False):
            return super().__new__(cls)
        return super().__new__(cls, *args, **_inherit(cls, args, kwargs))


def _sublayer(
    value: Any, dim: int, max_length: int | None, factory: dict[str, Any], seed: Any
) -> Any:
    """A module from a module, a config dict or a MAD layer name."""
    from ember_ml.nn.presets import make_layer

    if value is None or isinstance(value, Module):
        return value
    if isinstance(value, str):
        return make_layer(value, dim, max_length, seed=seed, **factory)
    if isinstance(value, dict):
        return from_config(value, seed=seed, **factory)
    raise TypeError(
        f"a layer must be a module, a config dict or a layer name, got {type(value).__name__}"
    )


@register
class Block(Configurable, _Inheriting):
    """``x + sequence_mixer(norm(x))``, then ``x + channel_mixer(norm(x))`` (pre-norm residual).

    ``norm`` is ``"layernorm"`` (MAD's training default, eps 1e-5) or
    ``"rmsnorm"``; ``channel_mixer`` may be None. A mixer returning a tuple
    (``GRU``, ``LSTM``) contributes its first item. ``dim`` is read from the
    mixers unless given. The backend is the mixers' unless ``backend=`` says.
    ``forward(x, return_aux_loss=True)`` also returns the sum of the mixers'
    auxiliary losses (``MoE``'s load balancing; 0 without any).

    >>> import numpy as np
    >>> from ember_ml import nn
    >>> block = nn.Block(nn.Mamba(8, backend="numpy", seed=0), nn.SwiGLU(8, backend="numpy", seed=1))
    >>> block(np.ones((1, 4, 8), dtype=np.float32)).shape, block.backend
    ((1, 4, 8), 'numpy')
    """

    def __init__(
        self,
        sequence_mixer: Any,
        channel_mixer: Any = None,
        norm: str = "layernorm",
        dim: int | None = None,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.norm = choice("norm", norm, tuple(NORMS))
        if sequence_mixer is None:
            raise ValueError("Block needs a sequence_mixer")
        width = dim
        for mixer in (sequence_mixer, channel_mixer):
            if width is None and isinstance(mixer, Module):
                width = _width(mixer)
        if width is None:
            raise ValueError("Block: cannot tell the width from the mixers; pass dim=")
        self.dim = positive_int("dim", width)
        self.sequence_norm = make_norm(self.norm, self.dim, **self.factory)
        self.sequence_mixer = _sublayer(
            sequence_mixer, self.dim, None, self.factory, _child_seed(seed, 0)
        )
        self.has_channel_mixer = channel_mixer is not None
        if self.has_channel_mixer:
            self.channel_norm = make_norm(self.norm, self.dim, **self.factory)
            self.channel_mixer = _sublayer(
                channel_mixer, self.dim, None, self.factory, _child_seed(seed, 1)
            )
        for label in ("sequence_mixer", "channel_mixer"):
            mixer = getattr(self, label, None)
            if mixer is None:
                continue
            for kind, width in (("width", _width(mixer)), ("output width", _output_width(mixer))):
                if width not in (None, self.dim):
                    raise ValueError(
                        f"Block: {label} has {kind} {width} but the block has dim {self.dim}"
                    )

    def _config(self) -> dict[str, Any]:
        return {
            "sequence_mixer": config_of(self.sequence_mixer),
            "channel_mixer": config_of(self.channel_mixer) if self.has_channel_mixer else None,
            "norm": self.norm,
            "dim": self.dim,
        }

    def forward(self, x: Any, return_aux_loss: bool = False) -> Any:
        check_features(self, x, self.dim)
        aux = 0.0
        y = self.sequence_mixer(self.sequence_norm(x))
        x = x + (y[0] if isinstance(y, tuple) else y)
        if self.has_channel_mixer:
            mixer = self.channel_mixer
            if return_aux_loss and getattr(mixer, "has_aux_loss", False):
                y, aux = mixer(self.channel_norm(x), return_aux_loss=True)
            else:
                y = mixer(self.channel_norm(x))
            x = x + (y[0] if isinstance(y, tuple) else y)
        return (x, aux) if return_aux_loss else x


@register
class Stack(Configurable, _Inheriting):
    """Blocks applied in order; block ``i`` is attribute ``"i"`` (state names ``0.sequence_mixer...``).

    >>> import numpy as np
    >>> from ember_ml import nn
    >>> stack = nn.Stack([nn.Block(nn.GRU(4, 4, batch_first=True, backend="numpy", seed=0))])
    >>> stack(np.ones((2, 3, 4), dtype=np.float32)).shape
    (2, 3, 4)
    """

    def __init__(
        self,
        blocks: Sequence[Any],
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.length = len(blocks)
        for index, block in enumerate(blocks):
            if isinstance(block, dict) and not isinstance(block, Module):  # MLX modules are dicts
                block = from_config(block, seed=_child_seed(seed, index), **self.factory)
            if not isinstance(block, Module):
                raise TypeError(f"Stack: block {index} is a {type(block).__name__}, not a module")
            setattr(self, str(index), block)

    def block(self, index: int) -> Any:
        """Block ``index`` (negative counts from the end)."""
        return getattr(self, str(range(self.length)[index]))

    def _config(self) -> dict[str, Any]:
        return {"blocks": [config_of(self.block(i)) for i in range(self.length)]}

    def forward(self, x: Any, return_aux_loss: bool = False) -> Any:
        total = 0.0
        for index in range(self.length):
            block = self.block(index)
            if return_aux_loss and isinstance(block, (Block, Stack)):
                x, aux = block(x, return_aux_loss=True)
                total = total + aux
            else:
                x = block(x)
        return (x, total) if return_aux_loss else x


def _blocks(
    blocks: Sequence[Any],
    dim: int,
    norm: str,
    max_length: int | None,
    factory: dict[str, Any],
    seed: Any,
) -> list[Any]:
    """``Block`` modules from blocks, block configs, or ``(sequence, channel)`` pairs of layers or names."""
    if isinstance(blocks, (str, dict)) or not isinstance(blocks, Sequence) or not blocks:
        raise ValueError(
            "blocks must be a non-empty list of blocks, block configs or (sequence, channel) pairs"
        )
    out = []
    for index, item in enumerate(blocks):
        child = _child_seed(seed, 100 + index)
        if isinstance(item, Module):
            out.append(item)
        elif isinstance(item, dict):
            out.append(from_config(item, seed=child, **factory))
        elif isinstance(item, (tuple, list)) and len(item) in (1, 2):
            sequence = _sublayer(item[0], dim, max_length, factory, _child_seed(child, 0))
            channel = _sublayer(
                item[1] if len(item) == 2 else None, dim, max_length, factory, _child_seed(child, 1)
            )
            out.append(Block(sequence, channel, norm=norm, dim=dim, **factory))
        else:
            raise ValueError(
                f"block {index} must be a Block, a block config or a (sequence_mixer, channel_mixer) "
                f"pair of modules, configs or layer names, got {item!r}"
            )
    return out


class _Backbone(Configurable, Module):
    """Token embedding and blocks shared by ``LanguageModel`` and ``AutoEncoder``."""

    def _backbone(
        self,
        stream: Any,
        seed: Any,
        vocab_size: int,
        dim: int,
        blocks: Sequence[Any],
        norm: str,
        max_length: int | None,
        init_std: float,
    ) -> None:
        self.vocab_size = positive_int("vocab_size", vocab_size)
        self.dim = positive_int("dim", dim)
        self.norm_name = choice("norm", norm, tuple(NORMS))
        self.max_length = None if max_length is None else positive_int("max_length", max_length)
        self.init_std = float(init_std)
        f = self.factory
        self.embedding = Embedding(
            self.vocab_size, self.dim, init_std=self.init_std, seed=stream, **f
        )
        self.blocks = Stack(
            _blocks(blocks, self.dim, self.norm_name, self.max_length, f, seed), **f
        )

    def _config(self) -> dict[str, Any]:
        return {
            "vocab_size": self.vocab_size,
            "dim": self.dim,
            "blocks": self.blocks._config()["blocks"],
            "norm": self.norm_name,
            "max_length": self.max_length,
            "init_std": self.init_std,
        }

    def _embed(self, tokens: Any) -> Any:
        check_array(self, tokens, "tokens")
        if tokens.ndim != 2:
            raise ValueError(f"tokens must be (batch, length), got shape {tuple(tokens.shape)}")
        return self.embedding(tokens)


@register
class LanguageModel(_Backbone):
    """MAD's ``LanguageModel``: ``head(norm(blocks(embedding(tokens))))``, logits ``(batch, L, vocab_size)``.

    ``blocks`` is a list of ``Block`` modules, block configs or ``(sequence,
    channel)`` pairs of layers, configs or MAD layer names (``nn.presets``;
    Hyena names need ``max_length``). The embedding starts as ``N(0, init_std**2)``
    (MAD: 0.02); ``head`` is ``Linear(dim, vocab_size)`` with zero bias; no
    positional embedding (add ``rope`` to attention). ``norm`` is the final and
    the blocks' norm. ``forward(tokens, return_aux_loss=True)`` returns
    ``(logits, aux)`` with the blocks' auxiliary losses summed.

    >>> from ember_ml import nn
    >>> model = nn.LanguageModel(10, 16, [("mamba", "mlp")], backend="numpy", seed=0)
    >>> [block["sequence_mixer"]["type"] for block in model.to_config()["blocks"]]
    ['Mamba']
    """

    def __init__(
        self,
        vocab_size: int,
        dim: int,
        blocks: Sequence[Any],
        norm: str = "layernorm",
        max_length: int | None = None,
        init_std: float = 0.02,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self._backbone(stream, seed, vocab_size, dim, blocks, norm, max_length, init_std)
        self.norm = make_norm(self.norm_name, self.dim, **self.factory)
        self.head = Linear(self.dim, self.vocab_size, init="torch", seed=stream, **self.factory)
        self.head.add_parameter(
            "bias", self.xp.zeros((self.vocab_size,), dtype=self.dtype, device=self.device)
        )

    def forward(self, tokens: Any, return_aux_loss: bool = False) -> Any:
        x = self._embed(tokens)
        if return_aux_loss:
            x, aux = self.blocks(x, return_aux_loss=True)
            return self.head(self.norm(x)), aux
        return self.head(self.norm(self.blocks(x)))


#: How ``AutoEncoder`` pools the encoded sequence into one code.
POOLS = ("last", "avg")


@register
class AutoEncoder(_Backbone):
    """MAD's compression backbone: encode a sequence into one vector, decode every token from it.

    Encoder: ``embedding`` then ``blocks`` (as ``LanguageModel``), pooled at the
    last position (``global_pool="avg"``: the mean). Decoder: the code plus fixed
    sine-cosine position embeddings for each of the ``L`` positions, then
    ``decoder`` = two rounds of (norm, ``Linear(dim, dim)``, GELU), then
    ``unembed`` = (norm, ``Linear(dim, vocab_size)``); logits ``(batch, L,
    vocab_size)``. Decoder and readout linears start as MAD's: ``N(0, 0.02**2)``
    weights, zero biases.

    >>> import numpy as np
    >>> from ember_ml import nn
    >>> model = nn.AutoEncoder(16, 8, [("attention", "mlp")], backend="numpy", seed=0)
    >>> model(np.zeros((3, 5), dtype=np.int64)).shape
    (3, 5, 16)
    """

    def __init__(
        self,
        vocab_size: int,
        dim: int,
        blocks: Sequence[Any],
        norm: str = "layernorm",
        max_length: int | None = None,
        global_pool: str = "last",
        init_std: float = 0.02,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.global_pool = choice("global_pool", global_pool, POOLS)
        self._backbone(stream, seed, vocab_size, dim, blocks, norm, max_length, init_std)
        f = self.factory
        linears = [self._linear(stream, self.dim) for _ in range(2)]
        self.decoder = Sequential(
            make_norm(self.norm_name, self.dim, **f),
            linears[0],
            Activation("gelu", **f),
            make_norm(self.norm_name, self.dim, **f),
            linears[1],
            Activation("gelu", **f),
            **f,
        )
        self.unembed = Sequential(
            make_norm(self.norm_name, self.dim, **f), self._linear(stream, self.vocab_size), **f
        )

    def _linear(self, stream: Any, out: int) -> Any:
        layer = Linear(self.dim, out, init="torch", seed=stream, **self.factory)
        weight = _init.normal(stream, (out, self.dim), **self.factory) * self.init_std
        layer.add_parameter("weight", weight)
        layer.add_parameter("bias", self.xp.zeros((out,), dtype=self.dtype, device=self.device))
        return layer

    def _config(self) -> dict[str, Any]:
        return {**super()._config(), "global_pool": self.global_pool}

    def encode(self, tokens: Any) -> Any:
        """The ``(batch, dim)`` code of ``tokens (batch, L)``."""
        x = self.blocks(self._embed(tokens))
        return x[:, -1] if self.global_pool == "last" else self.xp.mean(x, axis=1)

    def decode(self, code: Any, length: int) -> Any:
        """Logits ``(batch, length, vocab_size)`` from codes ``(batch, dim)``."""
        positions = sinusoidal_positions(
            self.xp, length, self.dim, dtype=code.dtype, device=self.device
        )
        x = code[:, None, :] + positions[None, :, :]
        return self.unembed(self.decoder(x))

    def forward(self, tokens: Any) -> Any:
        return self.decode(self.encode(tokens), tokens.shape[1])
