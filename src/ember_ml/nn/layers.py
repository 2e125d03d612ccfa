"""Small layers the recurrent models are built from: ``Linear``, ``Sequential``, ``Activation``, ``Dropout``.

Each is an ``ember_ml.nn.Module`` (a native module of its backend) written in
standard calls.

>>> import numpy as np
>>> from ember_ml.nn import Linear
>>> layer = Linear(3, 2, backend="numpy", seed=0)
>>> layer(np.ones((4, 3), dtype=np.float32)).shape
(4, 2)
"""

from __future__ import annotations

from typing import Any

from ember_ml._checks import check_int
from ember_ml.nn import _init
from ember_ml.nn._module import Module
from ember_ml.nn.functional import linear

__all__ = ["ACTIVATIONS", "Activation", "Dropout", "Linear", "Sequential", "get_activation"]

#: The activation names ncps's models accept (looked up in ``ember_ml.ops.activations``).
ACTIVATIONS = ("lecun_tanh", "silu", "relu", "tanh", "gelu")


def get_activation(name: str) -> Any:
    """The activation function called ``name`` (one of ``ACTIVATIONS``), f(x) -> array.

    Raises ``ValueError`` listing the valid names.

    >>> import numpy as np
    >>> from ember_ml.nn import get_activation
    >>> get_activation("relu")(np.asarray([-1.0, 2.0]))
    array([0., 2.])
    """
    if name not in ACTIVATIONS:
        raise ValueError(
            f"unknown activation {name!r}; valid activations are {', '.join(ACTIVATIONS)}"
        )
    from ember_ml.ops import activations

    return getattr(activations, name)


class Linear(Module):
    """``y = x W^T + b`` with torch's layout (``weight`` ``(out, in)``) and initialisation.

    ``weight`` is Xavier-uniform when ``init="xavier"`` (ncps's choice), else torch's
    default; ``bias`` is torch's default ``U(+-1/sqrt(in))``.

    >>> import numpy as np
    >>> from ember_ml.nn import Linear
    >>> Linear(4, 2, bias=False, backend="numpy", seed=1).state_dict()["weight"].shape
    (2, 4)
    """

    weight: Any  # parameters, registered by add_parameter
    bias: Any

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        *,
        init: str = "xavier",
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.in_features = check_int(in_features, "in_features", minimum=0)
        self.out_features = check_int(out_features, "out_features", minimum=0)
        if init == "xavier":
            weight = _init.xavier_uniform(
                stream, (self.out_features, self.in_features), **self.factory
            )
        else:
            bound = 1.0 / max(self.in_features, 1) ** 0.5
            weight = _init.uniform(
                stream, (self.out_features, self.in_features), -bound, bound, **self.factory
            )
        self.add_parameter("weight", weight)
        self.use_bias = bool(bias)
        if bias:
            self.add_parameter(
                "bias",
                _init.linear_bias(stream, self.in_features, self.out_features, **self.factory),
            )

    def forward(self, x: Any) -> Any:
        return linear(x, self.weight, self.bias if self.use_bias else None)


class Activation(Module):
    """A parameterless module applying ``get_activation(name)``.

    >>> import numpy as np
    >>> from ember_ml.nn import Activation
    >>> Activation("tanh", backend="numpy")(np.zeros(2))
    array([0., 0.])
    """

    def __init__(
        self, name: str, *, backend: str | None = None, dtype: Any = None, device: Any = None
    ) -> None:
        super().__init__()
        self.function = get_activation(name)
        self.name = name

    def forward(self, x: Any) -> Any:
        return self.function(x)


class Dropout(Module):
    """Zero each entry with probability ``rate`` in training mode (scaling the rest); identity otherwise.

    >>> import numpy as np
    >>> from ember_ml.nn import Dropout
    >>> Dropout(0.5, backend="numpy")(np.ones(2))  # inference mode
    array([1., 1.])
    """

    def __init__(
        self,
        rate: float,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        if not 0.0 <= rate < 1.0:
            raise ValueError(f"dropout rate must be in [0, 1), got {rate}")
        self.rate = float(rate)
        self.stream = _init.KeyStream(None if isinstance(seed, _init.KeyStream) else seed)

    def forward(self, x: Any) -> Any:
        if not self.training or self.rate == 0.0:
            return x
        keep = (
            _init.uniform(
                self.stream, tuple(x.shape), backend=self.backend, dtype=x.dtype, device=self.device
            )
            >= self.rate
        )
        return self.xp.where(keep, x / (1.0 - self.rate), self.xp.zeros_like(x))


class Sequential(Module):
    """Modules applied in order; child ``i`` is attribute ``"i"`` (so names read ``0.weight``).

    >>> import numpy as np
    >>> from ember_ml.nn import Activation, Linear, Sequential
    >>> net = Sequential(Linear(2, 3, backend="numpy", seed=0), Activation("relu", backend="numpy"),
    ...                  backend="numpy")
    >>> net(np.ones((1, 2), dtype=np.float32)).shape, sorted(net.state_dict())
    ((1, 3), ['0.bias', '0.weight'])
    """

    def __init__(
        self, *modules: Module, backend: str | None = None, dtype: Any = None, device: Any = None
    ) -> None:
        super().__init__()
        self.length = len(modules)
        for index, module in enumerate(modules):
            setattr(self, str(index), module)

    def forward(self, x: Any) -> Any:
        for index in range(self.length):
            x = getattr(self, str(index))(x)
        return x
