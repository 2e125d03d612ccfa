"""Layer configs: ``to_config()`` / ``from_config(config, backend=...)`` for every layer, block and model.

A config is a JSON-safe dict: ``{"type": <registered class name>, <constructor
argument>: <value>, ...}``. A value that is itself a layer is written as that
layer's config, a wiring as its ``Wiring.to_config()``; tuples become lists.
``from_config`` rebuilds the same architecture (fresh parameters: load a state
dict for the same weights) on any backend. Classes take part by deriving from
``Configurable`` and being decorated with ``@register``; their ``_config()``
returns their constructor arguments.

>>> import json
>>> from ember_ml import nn
>>> layer = nn.LayerNorm(8, eps=1e-6, backend="numpy")
>>> config = json.loads(json.dumps(layer.to_config()))
>>> config
{'type': 'LayerNorm', 'normalized_shape': [8], 'eps': 1e-06, 'elementwise_affine': True, 'bias': True}
>>> nn.from_config(config, backend="numpy").eps
1e-06
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["Configurable", "from_config", "register", "registered"]

_REGISTRY: dict[str, type[Any]] = {}
_EXTERNAL: dict[type, Callable[[Any], dict[str, Any]]] = {}
_FACTORY_KEYS = ("backend", "dtype", "device", "seed")

T = TypeVar("T", bound=type)


def register(cls: T) -> T:
    """Class decorator: make ``cls`` buildable by ``from_config`` under its class name.

    >>> from ember_ml.nn.config import registered
    >>> "MultiHeadAttention" in registered()
    True
    """
    _REGISTRY[cls.__name__] = cls
    return cls


def register_external(cls: type, config: Callable[[Any], dict[str, Any]]) -> None:
    """Register a class that does not derive from ``Configurable`` (``config(module)`` -> its arguments)."""
    _REGISTRY[cls.__name__] = cls
    _EXTERNAL[cls] = config


def registered() -> list[str]:
    """The names ``from_config`` accepts as ``"type"``, sorted.

    >>> "LanguageModel" in registered() and "Block" in registered()
    True
    """
    import ember_ml.nn  # noqa: F401  (importing the package registers every layer)

    return sorted(_REGISTRY)


def _base(module: Any) -> type:
    return getattr(type(module), "_em_base", type(module))


def _encode(value: Any) -> Any:
    """A JSON-safe form of a constructor argument."""
    from ember_ml.nn.wirings import Wiring

    if hasattr(value, "to_config") and not isinstance(value, Wiring):
        return value.to_config()
    if isinstance(value, Wiring):
        return value.to_config()
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(
        f"cannot write {type(value).__name__} into a config: layers, wirings, numbers, strings, "
        "lists and dicts only"
    )


def config_of(module: Any) -> dict[str, Any]:
    """``module``'s config (``to_config()``), for registered classes that are not ``Configurable`` too."""
    if isinstance(module, Configurable):
        return module.to_config()
    base = _base(module)
    external = _EXTERNAL.get(base)
    if external is None:
        raise TypeError(
            f"{base.__name__} has no config; layers with to_config() are {', '.join(registered())}"
        )
    return {"type": base.__name__, **_encode(external(module))}


class Configurable:
    """Mixin of ember_ml's layers: ``to_config()`` and ``from_config(config, backend=...)``.

    Subclasses implement ``_config()``: their constructor arguments by name (layers
    as modules; ``to_config`` writes them as configs).

    >>> from ember_ml import nn
    >>> mlp = nn.MLP(4, 8, backend="numpy", seed=0)
    >>> nn.MLP.from_config(mlp.to_config(), backend="numpy").hidden_dim
    8
    """

    def _config(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_config(self) -> dict[str, Any]:
        """A JSON-safe dict naming the class and its constructor arguments."""
        return {"type": _base(self).__name__, **_encode(self._config())}

    @classmethod
    def from_config(
        cls,
        config: dict[str, Any],
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> Any:
        """Build the layer ``config`` describes (fresh parameters from ``seed``).

        Raises ``ValueError`` when the config names another class or an unknown one.
        """
        name = config.get("type") if isinstance(config, dict) else None
        target = _REGISTRY.get(name) if isinstance(name, str) else None
        base = getattr(cls, "_em_base", cls)
        if target is None or (base is not Configurable and not issubclass(target, base)):
            raise ValueError(
                f"config of type {name!r} does not describe a {base.__name__}; valid types are "
                f"{', '.join(registered())}"
            )
        return from_config(config, backend=backend, dtype=dtype, device=device, seed=seed)


def _child_seed(seed: int | None, index: int) -> int | None:
    """A distinct, reproducible seed for the ``index``-th layer built from one config."""
    if seed is None:
        return None
    return (int(seed) * 1_000_003 + 7919 * (index + 1)) % (2**31 - 1)


def _decode(value: Any, factory: dict[str, Any], counter: list[int]) -> Any:
    from ember_ml.nn.wirings import Wiring

    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"] in _REGISTRY:
            counter[0] += 1
            seed = _child_seed(factory.get("seed"), counter[0])
            return from_config(value, **{**factory, "seed": seed})
        if "class_name" in value and "arguments" in value:
            return Wiring.from_config(value)
        return {k: _decode(v, factory, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v, factory, counter) for v in value]
    return value


def from_config(
    config: dict[str, Any] | str,
    *,
    backend: str | None = None,
    dtype: Any = None,
    device: Any = None,
    seed: int | None = None,
) -> Any:
    """Build the layer, block or model that ``config`` (a dict or its JSON text) describes.

    Nested layers are built on the same backend, each with its own seed drawn
    from ``seed``. An unknown ``"type"`` or argument raises ``ValueError`` naming
    the valid ones.

    >>> from ember_ml import nn
    >>> block = nn.from_config(
    ...     {"type": "Block", "sequence_mixer": {"type": "MultiHeadAttention", "embed_dim": 8,
    ...      "num_heads": 2, "causal": True}, "channel_mixer": {"type": "SwiGLU", "dim": 8}},
    ...     backend="numpy", seed=0)
    >>> type(block.sequence_mixer).__name__, block.to_config()["norm"]
    ('MultiHeadAttention', 'layernorm')
    """
    import inspect

    registered()  # importing ember_ml.nn registers the layers
    if isinstance(config, str):
        config = json.loads(config)
    if not isinstance(config, dict) or not isinstance(config.get("type"), str):
        raise ValueError('a config is a dict with a "type" entry naming a registered layer')
    name = config["type"]
    cls = _REGISTRY.get(name)
    if cls is None:
        raise ValueError(f"unknown layer type {name!r}; valid types are {', '.join(registered())}")
    factory = {"backend": backend, "dtype": dtype, "device": device, "seed": seed}
    arguments = {k: v for k, v in config.items() if k != "type"}
    parameters = inspect.signature(cls.__init__).parameters
    unknown = sorted(set(arguments) - set(parameters) - {"self"})
    if unknown or any(k in _FACTORY_KEYS for k in arguments):
        valid = [p for p in parameters if p not in ("self", *_FACTORY_KEYS)]
        raise ValueError(f"{name} has no arguments {unknown}; valid arguments are {valid}")
    counter = [0]
    decoded = {k: _decode(v, factory, counter) for k, v in arguments.items()}
    kwargs = {k: v for k, v in factory.items() if k in parameters and v is not None}
    if "seed" in parameters:
        kwargs["seed"] = seed
    return cls(**decoded, **kwargs)
