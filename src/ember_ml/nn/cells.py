"""Recurrent cells of ncps, written once in standard calls: ``CfCCell``, ``WiredCfCCell``, ``LTCCell``, ``LSTMCell``.

A cell maps one time step: ``output, new_state = cell(input, state, ts)``. Parameter
names equal ncps's, so an ncps state dict loads by name. Each cell also splits its
step into ``_prepare()`` (work that depends only on the parameters, done once per
sequence), ``_project(prepared, inputs)`` (the part that depends only on the input,
done for all steps at once) and ``_step`` (the recurrence): the sequence models
(``CfC``, ``LTC``) use those pieces.

>>> import numpy as np
>>> from ember_ml.nn import CfCCell
>>> cell = CfCCell(3, 4, backbone_units=8, backend="numpy", seed=0)
>>> h, _ = cell(np.ones((2, 3), dtype=np.float32), np.zeros((2, 4), dtype=np.float32), 1.0)
>>> h.shape
(2, 4)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ember_ml._checks import check_int
from ember_ml._hooks import fast_path
from ember_ml.nn import _init
from ember_ml.nn._module import Module
from ember_ml.nn.layers import Activation, Dropout, Linear, Sequential, get_activation
from ember_ml.nn.wirings import Wiring

__all__ = ["CFC_MODES", "MAPPINGS", "CfCCell", "LSTMCell", "LTCCell", "WiredCfCCell"]

#: The modes of ``CfCCell`` / ``CfC``.
CFC_MODES = ("default", "pure", "no_gate")
#: The input/output mappings of ``LTCCell`` / ``LTC`` (``"none"``: identity).
MAPPINGS = ("affine", "linear", "none")


def _generic(name: str) -> Any:
    from ember_ml.ops import activations

    return getattr(activations, name)


def _kernel(xp: Any, name: str) -> Any:
    """The backend's native ``sigmoid``/``softplus`` (``backend/<lib>/_extras/nn.py``), else ``ops.activations``'."""
    return fast_path(xp, "nn", name) or _generic(name)


def _sigmoid(xp: Any, x: Any) -> Any:
    return _kernel(xp, "sigmoid")(x)


def _softplus(xp: Any, x: Any) -> Any:
    return _kernel(xp, "softplus")(x)


def _built_wiring(wiring: Any, size: int | None, label: str) -> None:
    """Check ``wiring`` and build it for ``size`` inputs (``label`` names that argument)."""
    if not isinstance(wiring, Wiring):
        raise TypeError(
            f"wiring must be an ember_ml.nn.wirings.Wiring, got {type(wiring).__name__}"
        )
    if size is not None:
        wiring.build(size)
    if not wiring.is_built():
        raise ValueError(f"the wiring has no input size: pass {label} or call wiring.build(n)")


class LSTMCell(Module):
    """ncps's mixed-memory LSTM cell: ``(h, c) -> (h', c')`` (forget-gate bias +1).

    ``z = input_map(x) + recurrent_map(h)`` split into ``i, ig, fg, og``;
    ``c' = c sigma(fg + 1) + tanh(i) sigma(ig)``, ``h' = tanh(c') sigma(og)``.

    >>> import numpy as np
    >>> from ember_ml.nn import LSTMCell
    >>> cell = LSTMCell(2, 3, backend="numpy", seed=0)
    >>> z = np.zeros((1, 3), dtype=np.float32)
    >>> [a.shape for a in cell(np.ones((1, 2), dtype=np.float32), (z, z))]
    [(1, 3), (1, 3)]
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        self.input_size = check_int(input_size, "input_size", minimum=1)
        self.hidden_size = check_int(hidden_size, "hidden_size", minimum=1)
        self.input_map = Linear(input_size, 4 * hidden_size, seed=stream, **self.factory)
        self.input_map.add_parameter(
            "bias", _init.uniform(stream, (4 * hidden_size,), -0.1, 0.1, **self.factory)
        )
        self.recurrent_map = Linear(
            hidden_size, 4 * hidden_size, bias=False, seed=stream, **self.factory
        )
        self.recurrent_map.add_parameter(
            "weight", _init.orthogonal(stream, (4 * hidden_size, hidden_size), **self.factory)
        )

    def _project(self, inputs: Any) -> Any:
        return self.input_map(inputs)

    def _step(self, projected: Any, state: tuple[Any, Any]) -> tuple[Any, Any]:
        xp = self.xp
        h, c = state
        z = projected + xp.matmul(h, xp.matrix_transpose(self.recurrent_map.weight))
        n = self.hidden_size
        i, ig, fg, og = z[:, :n], z[:, n : 2 * n], z[:, 2 * n : 3 * n], z[:, 3 * n :]
        c = c * _sigmoid(xp, fg + 1.0) + xp.tanh(i) * _sigmoid(xp, ig)
        return xp.tanh(c) * _sigmoid(xp, og), c

    def forward(self, inputs: Any, state: tuple[Any, Any]) -> tuple[Any, Any]:
        return self._step(self._project(inputs), state)


class CfCCell(Module):
    """A closed-form continuous-time cell (ncps ``CfCCell``, torch semantics).

    ``x = backbone([input, h])``; ``ff1 = x (W1 * mask)^T + b1``.
    ``mode="pure"``: ``h' = -A exp(-ts (|w_tau| + |ff1|)) ff1 + A``; otherwise
    ``ff1, ff2 = tanh(...)``, ``t = sigmoid(time_a(x) ts + time_b(x))`` and
    ``h' = ff1 (1 - t) + t ff2`` (``"default"``) or ``ff1 + t ff2`` (``"no_gate"``).
    ``sparsity_mask`` is an ``(input_size + hidden_size, hidden_size)`` host matrix
    (its absolute value masks ``ff1``/``ff2``); ``backbone_layers=0`` has no backbone.

    >>> import numpy as np
    >>> from ember_ml.nn import CfCCell
    >>> cell = CfCCell(2, 3, mode="pure", backbone_layers=0, backend="numpy", seed=1)
    >>> sorted(cell.state_dict())
    ['A', 'ff1.bias', 'ff1.weight', 'w_tau']
    """

    sparsity_mask: Any  # parameters and constants, registered by add_parameter
    w_tau: Any
    A: Any

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        mode: str = "default",
        backbone_activation: str = "lecun_tanh",
        backbone_units: int = 128,
        backbone_layers: int = 1,
        backbone_dropout: float = 0.0,
        sparsity_mask: Any = None,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        if mode not in CFC_MODES:
            raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(CFC_MODES)}")
        stream = _init.key_stream(seed)
        self.input_size = check_int(input_size, "input_size", minimum=1)
        self.hidden_size = check_int(hidden_size, "hidden_size", minimum=1)
        self.mode = mode
        self.backbone_layers = backbone_layers = check_int(
            backbone_layers, "backbone_layers", minimum=0
        )
        cat = input_size + hidden_size
        if backbone_layers > 0:
            units = check_int(backbone_units, "backbone_units", minimum=1)
            layers: list[Module] = [
                Linear(cat, units, seed=stream, **self.factory),
                Activation(backbone_activation, **self.factory),
            ]
            for _ in range(1, backbone_layers):
                layers += [
                    Linear(units, units, seed=stream, **self.factory),
                    Activation(backbone_activation, **self.factory),
                ]
                if backbone_dropout > 0.0:
                    layers.append(Dropout(backbone_dropout, **self.factory))
            self.backbone = Sequential(*layers, **self.factory)
            cat = units
        else:
            get_activation(backbone_activation)  # the name is checked either way
        self.has_mask = sparsity_mask is not None
        if self.has_mask:
            from ember_ml.backend import _host

            mask = _host.as_int_matrix(
                sparsity_mask, (input_size + hidden_size, hidden_size), "sparsity_mask"
            )
            self.add_parameter(
                "sparsity_mask",
                self.xp.abs(_init.from_host(mask.T, **self.factory)),
                trainable=False,
            )
        self.ff1 = Linear(cat, hidden_size, seed=stream, **self.factory)
        if mode == "pure":
            self.add_parameter(
                "w_tau", _init.xavier_uniform(stream, (1, hidden_size), **self.factory)
            )
            self.add_parameter("A", _init.xavier_uniform(stream, (1, hidden_size), **self.factory))
        else:
            self.ff2 = Linear(cat, hidden_size, seed=stream, **self.factory)
            self.time_a = Linear(cat, hidden_size, seed=stream, **self.factory)
            self.time_b = Linear(cat, hidden_size, seed=stream, **self.factory)

    # -- the step, in pieces ----------------------------------------------------------
    def _prepare(self) -> tuple[Any, ...]:
        """(w_in, w_h, b_first, w_head, b_head, w_first): weights laid out for the step, once per call.

        The first matmul (backbone layer 0, or the fused ff1/ff2/time_a/time_b head
        without a backbone) is split into its input and state parts, so the input
        part runs for all steps at once.
        """
        xp = self.xp
        w1 = self.ff1.weight * self.sparsity_mask if self.has_mask else self.ff1.weight
        if self.mode == "pure":
            head_w, head_b = w1, self.ff1.bias
        else:
            w2 = self.ff2.weight * self.sparsity_mask if self.has_mask else self.ff2.weight
            head_w = xp.concat([w1, w2, self.time_a.weight, self.time_b.weight], axis=0)
            head_b = xp.concat([self.ff1.bias, self.ff2.bias, self.time_a.bias, self.time_b.bias])
        if self.backbone_layers > 0:
            first = getattr(self.backbone, "0")
            first_w, first_b = first.weight, first.bias
        else:
            first_w, first_b, head_w, head_b = head_w, head_b, None, None
        n = self.input_size
        first_t = xp.matrix_transpose(first_w)
        return (
            first_t[:n],
            first_t[n:],
            first_b,
            None if head_w is None else xp.matrix_transpose(head_w),
            head_b,
            first_t,
        )

    def _project(self, prepared: tuple[Any, ...], inputs: Any) -> Any:
        return inputs @ prepared[0] + prepared[2]

    def _step(self, prepared: tuple[Any, ...], projected: Any, h: Any, ts: Any) -> tuple[Any, Any]:
        h = self._new_state(prepared, projected + h @ prepared[1], ts)
        return h, h

    def _new_state(self, prepared: tuple[Any, ...], z: Any, ts: Any) -> Any:
        """The new state from ``z``, the first matmul's output (input and state parts summed)."""
        xp = self.xp
        head_w, head_b = prepared[3], prepared[4]
        if head_w is not None:
            for index in range(1, self.backbone.length):
                z = getattr(self.backbone, str(index))(z)
            z = z @ head_w + head_b
        n = self.hidden_size
        if self.mode == "pure":
            return -self.A * xp.exp(-ts * (xp.abs(self.w_tau) + xp.abs(z))) * z + self.A
        ff1, ff2 = xp.tanh(z[:, :n]), xp.tanh(z[:, n : 2 * n])
        t_a = z[:, 2 * n : 3 * n]
        if not (isinstance(ts, float) and ts == 1.0):
            t_a = t_a * ts
        t = _sigmoid(xp, t_a + z[:, 3 * n :])
        if self.mode == "no_gate":
            return ff1 + t * ff2
        return ff1 + t * (ff2 - ff1)  # = ff1 (1 - t) + t ff2

    def forward(self, input: Any, hx: Any, ts: Any = 1.0) -> tuple[Any, Any]:
        prepared = self._prepare()
        return self._step(prepared, self._project(prepared, input), hx, ts)


class _WiredCell(Module):
    """A cell on a built ``self.wiring``: its state and output widths."""

    wiring: Wiring

    @property
    def state_size(self) -> int:
        """The number of neurons (the state's width)."""
        return self.wiring.units

    @property
    def output_size(self) -> int:
        """The number of motor neurons (every neuron for a wiring that sets no ``output_dim``)."""
        motor = self.wiring.output_dim
        return self.wiring.units if motor is None else motor


class WiredCfCCell(_WiredCell):
    """ncps's wired CfC: one masked ``CfCCell`` (no backbone) per wiring layer.

    Layer ``l`` reads the previous layer's output (layer 0 the input) through the
    wiring's synapses (their absolute value) plus all of its own neurons. The state
    is the layers' states concatenated in layer order; the output is the last
    (motor) layer's.

    >>> import numpy as np
    >>> from ember_ml.nn import WiredCfCCell
    >>> from ember_ml.nn.wirings import AutoNCP
    >>> cell = WiredCfCCell(2, AutoNCP(8, 2), backend="numpy", seed=0)
    >>> y, h = cell(np.ones((1, 2), dtype=np.float32), np.zeros((1, 8), dtype=np.float32))
    >>> y.shape, h.shape, cell.layer_sizes
    ((1, 2), (1, 8), [4, 2, 2])
    """

    _layer_sizes: tuple[int, ...]

    def __init__(
        self,
        input_size: int | None,
        wiring: Wiring,
        mode: str = "default",
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        _built_wiring(wiring, input_size, "input_size")
        if mode not in CFC_MODES:
            raise ValueError(f"unknown mode {mode!r}; valid modes are {', '.join(CFC_MODES)}")
        stream = _init.key_stream(seed)
        self.wiring = wiring
        self.num_layers = wiring.num_layers
        object.__setattr__(
            self,
            "_layer_sizes",
            tuple(len(wiring.get_neurons_of_layer(i)) for i in range(self.num_layers)),
        )
        in_features = wiring._built_input_dim()
        for layer in range(self.num_layers):
            neurons = wiring.get_neurons_of_layer(layer)
            sources: Sequence[int]
            if layer == 0:
                matrix, sources = wiring.sensory_adjacency_matrix, range(in_features)
            else:
                matrix, sources = wiring.adjacency_matrix, wiring.get_neurons_of_layer(layer - 1)
            mask = [[int(matrix[i, j]) for j in neurons] for i in sources]
            mask += [[1] * len(neurons) for _ in neurons]
            cell = CfCCell(
                in_features,
                len(neurons),
                mode,
                backbone_units=0,
                backbone_layers=0,
                sparsity_mask=mask,
                seed=stream,
                **self.factory,
            )
            setattr(self, f"layer_{layer}", cell)
            in_features = len(neurons)

    @property
    def layer_sizes(self) -> list[int]:
        """The number of neurons of each layer (inter, command, motor for an NCP)."""
        return list(self._layer_sizes)

    def _layers(self) -> list[CfCCell]:
        return [getattr(self, f"layer_{i}") for i in range(self.num_layers)]

    def _prepare(self) -> list[tuple[Any, ...]]:
        return [cell._prepare() for cell in self._layers()]

    def _project(self, prepared: list[tuple[Any, ...]], inputs: Any) -> Any:
        return self._layers()[0]._project(prepared[0], inputs)

    def _split_state(self, hx: Any) -> list[Any]:
        """The state ``(batch, units)`` as one array per layer."""
        states, start = [], 0
        for size in self._layer_sizes:
            states.append(hx[:, start : start + size])
            start += size
        return states

    def _merge_state(self, states: list[Any]) -> Any:
        return self.xp.concat(states, axis=1)

    def _step(
        self, prepared: list[tuple[Any, ...]], projected: Any, states: list[Any], ts: Any
    ) -> tuple[Any, list[Any]]:
        """One step on per-layer states (see ``_split_state``)."""
        xp = self.xp
        new_states: list[Any] = []
        for layer, cell in enumerate(self._layers()):
            p = prepared[layer]
            if layer == 0:
                z = projected + states[0] @ p[1]
            else:
                z = xp.concat([new_states[-1], states[layer]], axis=1) @ p[5] + p[2]
            new_states.append(cell._new_state(p, z, ts))
        return new_states[-1], new_states

    def forward(self, input: Any, hx: Any, ts: Any = 1.0) -> tuple[Any, Any]:
        prepared = self._prepare()
        out, states = self._step(
            prepared, self._project(prepared, input), self._split_state(hx), ts
        )
        return out, self._merge_state(states)


class LTCCell(_WiredCell):
    """A liquid time-constant cell on a wiring (ncps ``LTCCell``): a fused-Euler ODE step.

    Index ``i`` is a synapse's source and ``j`` its target. With ``f`` = softplus
    (``implicit_param_constraints=True``) or the identity, each of ``ode_unfolds``
    unfolds sets ``v_j = (cm_t v_j + f(gleak) vleak + sum_i W_ij erev_ij + S_j) /
    (cm_t + f(gleak) + sum_i W_ij + S'_j + epsilon)`` where
    ``W_ij = f(w_ij) sigmoid(sigma_ij (v_i - mu_ij)) |adj_ij|``, the sensory terms
    ``S`` alike, and ``cm_t = f(cm) ode_unfolds / elapsed_time``. The output is the
    motor neurons' potential through ``output_mapping``.

    >>> import numpy as np
    >>> from ember_ml.nn import LTCCell
    >>> from ember_ml.nn.wirings import FullyConnected
    >>> cell = LTCCell(FullyConnected(4, 2), 3, backend="numpy", seed=0)
    >>> y, v = cell(np.ones((5, 3), dtype=np.float32), np.zeros((5, 4), dtype=np.float32))
    >>> y.shape, v.shape
    ((5, 2), (5, 4))
    """

    # parameters and constants, registered by add_parameter
    gleak: Any
    vleak: Any
    cm: Any
    sigma: Any
    mu: Any
    w: Any
    erev: Any
    sensory_sigma: Any
    sensory_mu: Any
    sensory_w: Any
    sensory_erev: Any
    sparsity_mask: Any
    sensory_sparsity_mask: Any
    input_w: Any
    input_b: Any
    output_w: Any
    output_b: Any

    _RANGES = {
        "gleak": (0.001, 1.0),
        "vleak": (-0.2, 0.2),
        "cm": (0.4, 0.6),
        "w": (0.001, 1.0),
        "sigma": (3.0, 8.0),
        "mu": (0.3, 0.8),
    }

    def __init__(
        self,
        wiring: Wiring,
        in_features: int | None = None,
        input_mapping: str = "affine",
        output_mapping: str = "affine",
        ode_unfolds: int = 6,
        epsilon: float = 1e-8,
        implicit_param_constraints: bool = False,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        _built_wiring(wiring, in_features, "in_features")
        for label, mapping in (
            ("input_mapping", input_mapping),
            ("output_mapping", output_mapping),
        ):
            if (mapping if mapping is not None else "none") not in MAPPINGS:
                raise ValueError(
                    f"unknown {label} {mapping!r}; valid mappings are {', '.join(MAPPINGS)}"
                )
        self.wiring = wiring
        self.input_mapping = input_mapping or "none"
        self.output_mapping = output_mapping or "none"
        self.ode_unfolds = check_int(ode_unfolds, "ode_unfolds", minimum=1)
        self.epsilon = float(epsilon)
        self.implicit_param_constraints = bool(implicit_param_constraints)
        stream = _init.key_stream(seed)
        units, sensory, motor = wiring.units, wiring._built_input_dim(), self.output_size

        def draw(name: str, shape: tuple[int, ...], kind: str) -> None:
            low, high = self._RANGES[kind]
            self.add_parameter(name, _init.uniform(stream, shape, low, high, **self.factory))

        draw("gleak", (units,), "gleak")
        draw("vleak", (units,), "vleak")
        draw("cm", (units,), "cm")
        draw("sigma", (units, units), "sigma")
        draw("mu", (units, units), "mu")
        draw("w", (units, units), "w")
        self.add_parameter("erev", _init.from_host(wiring.erev_initializer(), **self.factory))
        draw("sensory_sigma", (sensory, units), "sigma")
        draw("sensory_mu", (sensory, units), "mu")
        draw("sensory_w", (sensory, units), "w")
        self.add_parameter(
            "sensory_erev", _init.from_host(wiring.sensory_erev_initializer(), **self.factory)
        )
        self.add_parameter(
            "sparsity_mask",
            self.xp.abs(_init.from_host(wiring.adjacency_matrix, **self.factory)),
            trainable=False,
        )
        self.add_parameter(
            "sensory_sparsity_mask",
            self.xp.abs(_init.from_host(wiring.sensory_adjacency_matrix, **self.factory)),
            trainable=False,
        )
        if self.input_mapping in ("affine", "linear"):
            self.add_parameter("input_w", _init.constant(1.0, (sensory,), **self.factory))
        if self.input_mapping == "affine":
            self.add_parameter("input_b", _init.constant(0.0, (sensory,), **self.factory))
        if self.output_mapping in ("affine", "linear"):
            self.add_parameter("output_w", _init.constant(1.0, (motor,), **self.factory))
        if self.output_mapping == "affine":
            self.add_parameter("output_b", _init.constant(0.0, (motor,), **self.factory))

    def _positive(self, x: Any) -> Any:
        return _softplus(self.xp, x) if self.implicit_param_constraints else x

    def _prepare(self) -> tuple[Any, ...]:
        w = self._positive(self.w) * self.sparsity_mask
        sw = self._positive(self.sensory_w) * self.sensory_sparsity_mask
        gleak = self._positive(self.gleak)
        return (
            w,
            w * self.erev,
            self.sigma,
            self.sigma * self.mu,
            sw,
            sw * self.sensory_erev,
            gleak,
            gleak * self.vleak,
            self._positive(self.cm),
        )

    def _project(self, prepared: tuple[Any, ...], inputs: Any) -> tuple[Any, Any]:
        """The sensory synapses' numerator and denominator terms, for inputs of any leading shape."""
        xp = self.xp
        if self.input_mapping in ("affine", "linear"):
            inputs = inputs * self.input_w
        if self.input_mapping == "affine":
            inputs = inputs + self.input_b
        sw, swe = prepared[4], prepared[5]
        gate = _sigmoid(xp, self.sensory_sigma * (inputs[..., None] - self.sensory_mu))
        return xp.sum(gate * swe, axis=-2), xp.sum(gate * sw, axis=-2)

    def _step(
        self, prepared: tuple[Any, ...], projected: tuple[Any, Any], v: Any, ts: Any
    ) -> tuple[Any, Any]:
        xp = self.xp
        w, we, sigma, sigma_mu, _, _, gleak, gleak_vleak, cm = prepared
        numerator_s, denominator_s = projected
        cm_t = cm / (ts / self.ode_unfolds)
        for _ in range(self.ode_unfolds):
            gate = _sigmoid(xp, sigma * v[:, :, None] - sigma_mu)
            numerator = cm_t * v + gleak_vleak + (xp.sum(gate * we, axis=1) + numerator_s)
            denominator = cm_t + gleak + (xp.sum(gate * w, axis=1) + denominator_s)
            v = numerator / (denominator + self.epsilon)
        output = v[:, : self.wiring.output_dim]
        if self.output_mapping in ("affine", "linear"):
            output = output * self.output_w
        if self.output_mapping == "affine":
            output = output + self.output_b
        return output, v

    def forward(self, inputs: Any, states: Any, elapsed_time: Any = 1.0) -> tuple[Any, Any]:
        prepared = self._prepare()
        return self._step(prepared, self._project(prepared, inputs), states, elapsed_time)

    def apply_weight_constraints(self) -> None:
        """Clip ``w``, ``sensory_w``, ``cm`` and ``gleak`` at 0 (only without implicit constraints)."""
        if self.implicit_param_constraints:
            return
        xp = self.xp
        for name in ("w", "sensory_w", "cm", "gleak"):
            value = getattr(self, name)
            self._em_assign(name, xp.maximum(value, xp.zeros_like(value)))
