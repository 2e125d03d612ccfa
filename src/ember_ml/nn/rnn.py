"""Recurrent sequence mixers: ``GRU`` and ``LSTM`` with torch's semantics and state dicts; CfC/LTC as mixers.

``GRU``/``LSTM`` take torch's arguments and return what torch returns
(``output, h_n`` and ``output, (h_n, c_n)``); their parameters are
``weight_ih_l0``, ``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0``, ... (``_reverse``
for the backward direction), so a torch module's ``state_dict()`` loads.
``CfCMixer``/``LTCMixer`` wrap ncps's models (``nn.CfC``/``nn.LTC``, any wiring)
as mixers from ``(batch, length, dim)`` to the same shape.

>>> import numpy as np
>>> from ember_ml import nn
>>> gru = nn.GRU(3, 5, num_layers=2, batch_first=True, backend="numpy", seed=0)
>>> out, h = gru(np.ones((2, 4, 3), dtype=np.float32))
>>> out.shape, h.shape
((2, 4, 5), (2, 2, 5))
"""

from __future__ import annotations

import math
from typing import Any

from ember_ml._hooks import fast_path
from ember_ml.nn import _init
from ember_ml.nn._checks import check_array, check_features, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register
from ember_ml.nn.layers import Linear
from ember_ml.nn.recurrent import LTC, CfC
from ember_ml.nn.wirings import Wiring
from ember_ml.ops.activations import sigmoid

__all__ = ["GRU", "LSTM", "CfCMixer", "LTCMixer"]


class _RNNBase(Configurable, Module):
    """Parameters, input handling and the layer/direction loop shared by ``GRU`` and ``LSTM``."""

    _gates = 1

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.input_size = positive_int("input_size", input_size)
        self.hidden_size = positive_int("hidden_size", hidden_size)
        self.num_layers = positive_int("num_layers", num_layers)
        self.bias = bool(bias)
        self.batch_first = bool(batch_first)
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        self.dropout = float(dropout)
        self.bidirectional = bool(bidirectional)
        self.stream = stream
        directions = 2 if self.bidirectional else 1
        h, g = self.hidden_size, self._gates * self.hidden_size
        bound = 1.0 / math.sqrt(h)
        for layer in range(self.num_layers):
            width = self.input_size if layer == 0 else h * directions
            for suffix in ("", "_reverse")[:directions]:
                shapes: list[tuple[str, tuple[int, ...]]] = [
                    ("weight_ih", (g, width)),
                    ("weight_hh", (g, h)),
                ]
                if self.bias:
                    shapes += [("bias_ih", (g,)), ("bias_hh", (g,))]
                for name, shape in shapes:
                    self.add_parameter(
                        f"{name}_l{layer}{suffix}",
                        _init.uniform(stream, shape, -bound, bound, **self.factory),
                    )

    def _config(self) -> dict[str, Any]:
        return {
            "input_size": self.input_size,
            "hidden_size": self.hidden_size,
            "num_layers": self.num_layers,
            "bias": self.bias,
            "batch_first": self.batch_first,
            "dropout": self.dropout,
            "bidirectional": self.bidirectional,
        }

    def _cell(self, gx: Any, state: Any, w_hh_t: Any, b_hh: Any) -> Any:
        """One step from input projection ``gx``; ``w_hh_t`` is ``weight_hh`` transposed."""
        raise NotImplementedError

    def _check_state(self, state: Any, label: str, batched: bool, batch: int) -> Any:
        directions = 2 if self.bidirectional else 1
        expected: tuple[int, ...] = (self.num_layers * directions, batch, self.hidden_size)
        if not batched:
            expected = (expected[0], expected[2])
        check_array(self, state, label)
        if tuple(state.shape) != expected:
            raise ValueError(f"{label} must have shape {expected}, got {tuple(state.shape)}")
        return state if batched else state[:, None, :]

    def _flat_parameters(self) -> list[Any]:
        """``weight_ih, weight_hh[, bias_ih, bias_hh]`` per layer and direction: torch's order."""
        names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")[: 4 if self.bias else 2]
        suffixes = ("", "_reverse")[: 2 if self.bidirectional else 1]
        return [
            getattr(self, f"{name}_l{layer}{suffix}")
            for layer in range(self.num_layers)
            for suffix in suffixes
            for name in names
        ]

    def _zeros(self, x: Any) -> Any:
        """The zero state ``(num_layers * directions, batch, hidden_size)``."""
        count = self.num_layers * (2 if self.bidirectional else 1)
        return self.xp.zeros(
            (count, x.shape[0], self.hidden_size), dtype=x.dtype, device=self.device
        )

    def _run(self, x: Any, state: Any) -> tuple[Any, Any]:
        """``x (batch, length, features)`` through every layer and direction: ``(output, final state)``.

        ``state`` (and the final state) is ``h`` (GRU) or ``(h, c)`` (LSTM), each
        ``(num_layers * directions, batch, hidden_size)``; ``None``: zeros.
        """
        xp = self.xp
        fast = fast_path(xp, "nn", "lstm" if self._gates == 4 else "gru")
        if fast is not None:
            out = fast(
                x,
                self._initial(x) if state is None else state,
                self._flat_parameters(),
                self.bias,
                self.num_layers,
                self.dropout if self.num_layers > 1 else 0.0,
                bool(self.training),
                self.bidirectional,
            )
            if out is not None:
                return out
        out, finals = self._run_generic(x, self._split(x, state))
        return out, self._join(finals)

    def _initial(self, x: Any) -> Any:
        """The zero state in the form ``_run`` takes."""
        raise NotImplementedError

    def _split(self, x: Any, state: Any) -> list[Any]:
        """The state per layer and direction (zeros when ``state`` is None)."""
        raise NotImplementedError

    def _join(self, finals: list[Any]) -> Any:
        """The final states per layer and direction, stacked as ``_run`` returns them."""
        raise NotImplementedError

    def _run_generic(self, x: Any, states: list[Any]) -> tuple[Any, list[Any]]:
        """The step loop in standard calls: the output and the final state of each layer and direction."""
        xp = self.xp
        directions = 2 if self.bidirectional else 1
        finals = []
        for layer in range(self.num_layers):
            outputs = []
            for direction, suffix in enumerate(("", "_reverse")[:directions]):
                w_ih = getattr(self, f"weight_ih_l{layer}{suffix}")
                w_hh = getattr(self, f"weight_hh_l{layer}{suffix}")
                b_ih = getattr(self, f"bias_ih_l{layer}{suffix}") if self.bias else None
                b_hh = getattr(self, f"bias_hh_l{layer}{suffix}") if self.bias else None
                gates = xp.matmul(x, xp.matrix_transpose(w_ih))
                if b_ih is not None:
                    gates = gates + b_ih
                w_hh = xp.matrix_transpose(w_hh)  # once per sequence, not per step
                steps = xp.unstack(gates, axis=1)  # one stack as gradient, not one per step
                if direction:
                    steps = steps[::-1]
                state = states[layer * directions + direction]
                hidden = []
                for gx in steps:
                    state = self._cell(gx, state, w_hh, b_hh)
                    hidden.append(state[0] if isinstance(state, tuple) else state)
                if direction:
                    hidden = hidden[::-1]
                outputs.append(xp.stack(hidden, axis=1))
                finals.append(state)
            x = outputs[0] if directions == 1 else xp.concat(outputs, axis=-1)
            if self.dropout and self.training and layer < self.num_layers - 1:
                keep = (
                    _init.uniform(
                        self.stream,
                        tuple(x.shape),
                        backend=self.backend,
                        dtype=x.dtype,
                        device=self.device,
                    )
                    >= self.dropout
                )
                x = xp.where(keep, x / (1.0 - self.dropout), xp.zeros_like(x))
        return x, finals

    def _prepare(self, input: Any) -> tuple[Any, bool, int]:
        xp = self.xp
        check_features(self, input, self.input_size)
        batched = input.ndim == 3
        x = input if batched else input[None]
        if batched and not self.batch_first:
            x = xp.permute_dims(x, (1, 0, 2))
        return x, batched, x.shape[0]

    def _finish(self, x: Any, batched: bool) -> Any:
        if not batched:
            return x[0]
        return x if self.batch_first else self.xp.permute_dims(x, (1, 0, 2))


@register
class GRU(_RNNBase):
    """torch's ``nn.GRU``: gates ``r, z, n``; ``n = tanh(W_in x + b_in + r * (W_hn h + b_hn))``.

    ``output, h_n = gru(input, hx=None)``; ``input`` is ``(L, N, H_in)``
    (``batch_first``: ``(N, L, H_in)``) or unbatched ``(L, H_in)``; ``hx`` and
    ``h_n`` are ``(num_layers * directions, N, H)``.

    >>> import numpy as np
    >>> from ember_ml.nn import GRU
    >>> sorted(GRU(2, 3, backend="numpy", seed=0).state_dict())
    ['bias_hh_l0', 'bias_ih_l0', 'weight_hh_l0', 'weight_ih_l0']
    """

    _gates = 3

    def _cell(self, gx: Any, h: Any, w_hh_t: Any, b_hh: Any) -> Any:
        xp, size = self.xp, self.hidden_size
        gh = xp.matmul(h, w_hh_t)
        if b_hh is not None:
            gh = gh + b_hh
        rz = sigmoid(gx[:, : 2 * size] + gh[:, : 2 * size])
        r, z = rz[:, :size], rz[:, size:]
        n = xp.tanh(gx[:, 2 * size :] + r * gh[:, 2 * size :])
        return n + z * (h - n)

    def _initial(self, x: Any) -> Any:
        return self._zeros(x)

    def _split(self, x: Any, state: Any) -> list[Any]:
        xp = self.xp
        if state is None:
            zeros = xp.zeros((x.shape[0], self.hidden_size), dtype=x.dtype, device=self.device)
            return [zeros] * (self.num_layers * (2 if self.bidirectional else 1))
        return list(xp.unstack(state, axis=0))

    def _join(self, finals: list[Any]) -> Any:
        return self.xp.stack(finals, axis=0)

    def forward(self, input: Any, hx: Any = None) -> tuple[Any, Any]:
        x, batched, batch = self._prepare(input)
        h0 = None if hx is None else self._check_state(hx, "hx", batched, batch)
        out, h_n = self._run(x, h0)
        return self._finish(out, batched), (h_n if batched else h_n[:, 0])


@register
class LSTM(_RNNBase):
    """torch's ``nn.LSTM``: gates ``i, f, g, o``; ``c' = f c + i g``, ``h' = o tanh(c')``.

    ``output, (h_n, c_n) = lstm(input, hx=None)`` with ``hx = (h_0, c_0)``; shapes as ``GRU``.

    >>> import numpy as np
    >>> from ember_ml.nn import LSTM
    >>> out, (h, c) = LSTM(2, 3, num_layers=2, backend="numpy", seed=0)(np.ones((4, 1, 2), dtype=np.float32))
    >>> out.shape, h.shape, c.shape
    ((4, 1, 3), (2, 1, 3), (2, 1, 3))
    """

    _gates = 4

    def _cell(self, gx: Any, state: Any, w_hh_t: Any, b_hh: Any) -> Any:
        xp, size = self.xp, self.hidden_size
        h, c = state
        gates = gx + xp.matmul(h, w_hh_t)
        if b_hh is not None:
            gates = gates + b_hh
        gated = sigmoid(gates)  # g's quarter is unused: cheaper than gathering the other three
        i, f, o = gated[:, :size], gated[:, size : 2 * size], gated[:, 3 * size :]
        c = f * c + i * xp.tanh(gates[:, 2 * size : 3 * size])
        return o * xp.tanh(c), c

    def _initial(self, x: Any) -> Any:
        zeros = self._zeros(x)
        return zeros, zeros

    def _split(self, x: Any, state: Any) -> list[Any]:
        xp = self.xp
        if state is None:
            zeros = xp.zeros((x.shape[0], self.hidden_size), dtype=x.dtype, device=self.device)
            return [(zeros, zeros)] * (self.num_layers * (2 if self.bidirectional else 1))
        h0, c0 = state
        return list(zip(xp.unstack(h0, axis=0), xp.unstack(c0, axis=0), strict=True))

    def _join(self, finals: list[Any]) -> Any:
        xp = self.xp
        return xp.stack([s[0] for s in finals], axis=0), xp.stack([s[1] for s in finals], axis=0)

    def forward(self, input: Any, hx: Any = None) -> tuple[Any, tuple[Any, Any]]:
        x, batched, batch = self._prepare(input)
        state = None
        if hx is not None:
            if not isinstance(hx, (tuple, list)) or len(hx) != 2:
                raise ValueError("LSTM: hx must be a pair (h_0, c_0)")
            h0 = self._check_state(hx[0], "h_0", batched, batch)
            c0 = self._check_state(hx[1], "c_0", batched, batch)
            state = (h0, c0)
        out, (h_n, c_n) = self._run(x, state)
        if not batched:
            h_n, c_n = h_n[:, 0], c_n[:, 0]
        return self._finish(out, batched), (h_n, c_n)


def _units_size(units: Any) -> int:
    if isinstance(units, Wiring):
        return positive_int("the wiring's output_dim", units.output_dim)
    return positive_int("units", units)


@register
class CfCMixer(Configurable, Module):
    """ncps's CfC as a sequence mixer: ``(batch, length, dim) -> (batch, length, dim)``.

    ``units`` is an int (a CfC with a backbone) or a ``Wiring`` (NCP, AutoNCP,
    ...; its motor neurons are the output). When the output width is not
    ``dim`` a linear readout (``proj_size``) maps it to ``dim``. The model is
    ``rnn`` (an ``nn.CfC``: ``mixer.rnn.load_ncps_state_dict(...)`` loads ncps weights).

    >>> import numpy as np
    >>> from ember_ml.nn import CfCMixer
    >>> from ember_ml.nn.wirings import AutoNCP
    >>> mixer = CfCMixer(4, AutoNCP(12, 4), backend="numpy", seed=0)
    >>> mixer(np.ones((2, 6, 4), dtype=np.float32)).shape
    (2, 6, 4)
    """

    def __init__(
        self,
        dim: int,
        units: int | Wiring,
        mode: str = "default",
        activation: str = "lecun_tanh",
        backbone_units: int | None = None,
        backbone_layers: int | None = None,
        mixed_memory: bool = False,
        *,
        seed: int | None = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.dim = positive_int("dim", dim)
        self.units = units
        self.mode, self.activation = mode, activation
        self.backbone_units, self.backbone_layers = backbone_units, backbone_layers
        self.mixed_memory = bool(mixed_memory)
        width = _units_size(units)
        options: dict[str, Any] = {"mode": mode, "mixed_memory": self.mixed_memory}
        if not isinstance(units, Wiring):
            options.update(
                activation=activation,
                backbone_units=backbone_units,
                backbone_layers=backbone_layers,
            )
        self.rnn = CfC(
            self.dim,
            units,
            proj_size=None if width == self.dim else self.dim,
            batch_first=True,
            seed=_int_seed(seed),
            **options,
            **self.factory,
        )

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "units": self.units,
            "mode": self.mode,
            "activation": self.activation,
            "backbone_units": self.backbone_units,
            "backbone_layers": self.backbone_layers,
            "mixed_memory": self.mixed_memory,
        }

    def forward(self, x: Any) -> Any:
        check_features(self, x, self.dim, ndim=(3,))
        return self.rnn(x)[0]


@register
class LTCMixer(Configurable, Module):
    """ncps's LTC as a sequence mixer ``(batch, length, dim) -> (batch, length, dim)``.

    ``units`` is an int (fully connected) or a ``Wiring``; a linear ``proj``
    maps the motor neurons to ``dim`` when their number differs.

    >>> import numpy as np
    >>> from ember_ml.nn import LTCMixer
    >>> LTCMixer(3, 6, backend="numpy", seed=0)(np.ones((1, 4, 3), dtype=np.float32)).shape
    (1, 4, 3)
    """

    def __init__(
        self,
        dim: int,
        units: int | Wiring,
        ode_unfolds: int = 6,
        mixed_memory: bool = False,
        *,
        seed: int | None = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        self.dim = positive_int("dim", dim)
        self.units = units
        self.ode_unfolds = positive_int("ode_unfolds", ode_unfolds)
        self.mixed_memory = bool(mixed_memory)
        seed = _int_seed(seed)
        self.rnn = LTC(
            self.dim,
            units,
            batch_first=True,
            mixed_memory=self.mixed_memory,
            ode_unfolds=self.ode_unfolds,
            seed=seed,
            **self.factory,
        )
        self.use_proj = self.rnn.output_size != self.dim
        if self.use_proj:
            self.proj = Linear(
                self.rnn.output_size, self.dim, init="torch", seed=seed, **self.factory
            )

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "units": self.units,
            "ode_unfolds": self.ode_unfolds,
            "mixed_memory": self.mixed_memory,
        }

    def forward(self, x: Any) -> Any:
        check_features(self, x, self.dim, ndim=(3,))
        y = self.rnn(x)[0]
        return self.proj(y) if self.use_proj else y


def _int_seed(seed: Any) -> int | None:
    """An int seed for ncps's models (which take no key stream) from an int or a ``KeyStream``."""
    if isinstance(seed, _init.KeyStream):
        return (seed.seed * 1_000_003 + int(seed.next("numpy")[0]) % 65_521) % (2**31 - 1)
    return seed
