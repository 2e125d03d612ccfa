"""Wirings: which neuron feeds which, with a polarity (``ember_ml.nn.wirings``).

A wiring is host-side structure: two small integer matrices with entries in
{-1, 0, +1}. ``adjacency_matrix[src, dest]`` is the synapse from neuron ``src`` to
neuron ``dest`` (+1 excitatory, -1 inhibitory, 0 none), shape ``(units, units)``;
``sensory_adjacency_matrix[i, dest]`` is the synapse from input feature ``i``,
shape ``(input_dim, units)``, known once ``build(input_dim)`` has run. A model turns
them into arrays of its own backend when it is built.

The classes take ncps's constructor arguments and, for the same arguments and seed,
draw the same matrices as ncps 1.0.1 (NumPy's generators, reached through
``ember_ml.backend._host``). Unlike ncps: ``build`` is idempotent (building twice
with the same ``input_dim`` changes nothing), ``sensory_synapse_count`` counts the
sensory matrix, and every wiring round-trips through ``to_config()`` /
``from_config()`` (JSON-serialisable) with its matrices exactly.

>>> from ember_ml.nn.wirings import AutoNCP
>>> wiring = AutoNCP(28, 4)
>>> wiring.build(3)
>>> wiring.units, wiring.output_dim, wiring.input_dim
(28, 4, 3)
>>> [len(wiring.get_neurons_of_layer(i)) for i in range(wiring.num_layers)]
[15, 9, 4]
"""

from __future__ import annotations

from typing import Any

from ember_ml._checks import check_int
from ember_ml.backend import _host

__all__ = ["AutoNCP", "FullyConnected", "NCP", "Random", "Wiring"]


class Wiring:
    """A wiring of ``units`` neurons with no synapses yet; subclasses draw theirs.

    ``add_synapse(src, dest, polarity)`` and ``add_sensory_synapse`` (after
    ``build``) set single entries. Neuron ``i`` is a motor neuron when
    ``i < output_dim``.

    >>> from ember_ml.nn.wirings import Wiring
    >>> w = Wiring(3)
    >>> w.add_synapse(0, 1, -1)
    >>> w.build(2)
    >>> w.add_sensory_synapse(1, 2, 1)
    >>> w.synapse_count, w.sensory_synapse_count
    (1, 1)
    >>> Wiring.from_config(w.to_config()).adjacency_matrix.tolist() == w.adjacency_matrix.tolist()
    True
    """

    def __init__(self, units: int) -> None:
        self.units = check_int(units, "units", minimum=1)
        self.adjacency_matrix = _host.int_matrix(self.units, self.units)
        self.sensory_adjacency_matrix: Any = None
        self.input_dim: int | None = None
        self.output_dim: int | None = None

    # -- structure -------------------------------------------------------------------
    @property
    def num_layers(self) -> int:
        """How many neuron layers the wiring has (1 unless a subclass says otherwise)."""
        return 1

    def get_neurons_of_layer(self, layer_id: int) -> list[int]:
        """The neuron ids of layer ``layer_id``."""
        if layer_id != 0:
            raise ValueError(f"unknown layer {layer_id}; this wiring has layer 0 only")
        return list(range(self.units))

    def get_type_of_neuron(self, neuron_id: int) -> str:
        """``"motor"`` or ``"inter"`` (``"command"`` too in an NCP)."""
        return "motor" if self.output_dim is not None and neuron_id < self.output_dim else "inter"

    def is_built(self) -> bool:
        """Whether ``build`` has fixed the input dimension."""
        return self.input_dim is not None

    def build(self, input_dim: int) -> None:
        """Fix the number of input features and draw the sensory synapses (once).

        Building again with the same ``input_dim`` changes nothing; another
        ``input_dim`` raises ``ValueError``.
        """
        input_dim = check_int(input_dim, "input_dim", minimum=1)
        if self.input_dim is not None:
            if self.input_dim != input_dim:
                raise ValueError(
                    f"this wiring was built for input_dim={self.input_dim}; it cannot be "
                    f"rebuilt for input_dim={input_dim}"
                )
            return
        self.set_input_dim(input_dim)
        self._draw_sensory()

    def _draw_sensory(self) -> None:
        """Subclasses draw their sensory synapses here (called once, by ``build``)."""

    def _built_input_dim(self) -> int:
        """``input_dim`` of a built wiring (``build`` sets it before ``_draw_sensory`` runs)."""
        if self.input_dim is None:
            raise ValueError("the wiring has no input dimension: call build(input_dim) first")
        return self.input_dim

    def set_input_dim(self, input_dim: int) -> None:
        """Set ``input_dim`` and an empty sensory matrix (no draws; ``build`` draws)."""
        self.input_dim = check_int(input_dim, "input_dim", minimum=1)
        self.sensory_adjacency_matrix = _host.int_matrix(self.input_dim, self.units)

    def set_output_dim(self, output_dim: int) -> None:
        """Set the number of motor (output) neurons."""
        self.output_dim = check_int(output_dim, "output_dim", minimum=1)
        if self.output_dim > self.units:
            raise ValueError(f"output_dim={self.output_dim} exceeds units={self.units}")

    def add_synapse(self, src: int, dest: int, polarity: int) -> None:
        """Set the synapse ``src -> dest`` to ``polarity`` (-1 or +1)."""
        for label, value in (("src", src), ("dest", dest)):
            if not 0 <= int(value) < self.units:
                raise ValueError(
                    f"{label}={value} is not a neuron; valid ids are 0..{self.units - 1}"
                )
        if polarity not in (-1, 1):
            raise ValueError(f"polarity must be -1 or +1, got {polarity}")
        self.adjacency_matrix[src, dest] = polarity

    def add_sensory_synapse(self, src: int, dest: int, polarity: int) -> None:
        """Set the synapse from input feature ``src`` to neuron ``dest`` (after ``build``)."""
        if self.input_dim is None:
            raise ValueError(
                "sensory synapses need the input dimension: call build(input_dim) first"
            )
        if not 0 <= int(src) < self.input_dim:
            raise ValueError(
                f"src={src} is not an input feature; valid ids are 0..{self.input_dim - 1}"
            )
        if not 0 <= int(dest) < self.units:
            raise ValueError(f"dest={dest} is not a neuron; valid ids are 0..{self.units - 1}")
        if polarity not in (-1, 1):
            raise ValueError(f"polarity must be -1 or +1, got {polarity}")
        self.sensory_adjacency_matrix[src, dest] = polarity

    def erev_initializer(self, shape: Any = None, dtype: Any = None) -> Any:
        """A copy of the adjacency matrix (the initial reversal potentials of an LTC)."""
        return _host.copy(self.adjacency_matrix)

    def sensory_erev_initializer(self, shape: Any = None, dtype: Any = None) -> Any:
        """A copy of the sensory adjacency matrix."""
        return _host.copy(self.sensory_adjacency_matrix)

    @property
    def synapse_count(self) -> int:
        """The number of synapses between the wiring's neurons."""
        return _host.abs_sum(self.adjacency_matrix)

    @property
    def sensory_synapse_count(self) -> int:
        """The number of synapses from the inputs (0 before ``build``)."""
        if self.sensory_adjacency_matrix is None:
            return 0
        return _host.abs_sum(self.sensory_adjacency_matrix)

    # -- serialisation ----------------------------------------------------------------
    def _arguments(self) -> dict[str, Any]:
        return {"units": self.units}

    def to_config(self) -> dict[str, Any]:
        """A JSON-serialisable description: class, constructor arguments and both matrices."""
        return {
            "class_name": type(self).__name__,
            "arguments": self._arguments(),
            "output_dim": self.output_dim,
            "input_dim": self.input_dim,
            "adjacency_matrix": _host.to_nested_list(self.adjacency_matrix),
            "sensory_adjacency_matrix": None
            if self.sensory_adjacency_matrix is None
            else _host.to_nested_list(self.sensory_adjacency_matrix),
        }

    get_config = to_config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Wiring:
        """Rebuild a wiring from ``to_config()``'s output, matrices exactly.

        Called on ``Wiring`` it rebuilds whichever class the config names.
        """
        if not isinstance(config, dict) or "arguments" not in config:
            raise ValueError("config must be a dict made by Wiring.to_config()")
        name = config.get("class_name", cls.__name__)
        classes = {c.__name__: c for c in (Wiring, FullyConnected, Random, NCP, AutoNCP)}
        target = classes.get(name, cls) if cls is Wiring else cls
        if name not in classes and cls is Wiring:
            raise ValueError(f"unknown wiring class {name!r}; valid ones are {sorted(classes)}")
        wiring = target(**config["arguments"])
        if config.get("output_dim") is not None:
            wiring.output_dim = check_int(config["output_dim"], "output_dim", minimum=1)
        units = wiring.units
        wiring.adjacency_matrix = _host.as_int_matrix(
            config["adjacency_matrix"], (units, units), "adjacency_matrix"
        )
        if config.get("input_dim") is not None:
            input_dim = check_int(config["input_dim"], "input_dim", minimum=1)
            wiring.input_dim = input_dim
            wiring.sensory_adjacency_matrix = _host.as_int_matrix(
                config["sensory_adjacency_matrix"], (input_dim, units), "sensory_adjacency_matrix"
            )
        return wiring

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._arguments().items())
        return f"{type(self).__name__}({args})"

    # -- plotting ---------------------------------------------------------------------
    def draw(self, ax: Any = None, colors: dict[str, str] | None = None) -> Any:
        """Draw the circuit with matplotlib (``pip install "ember-ml[plot]"``); returns the axes.

        Neurons stand in columns by type (sensory, inter, command, motor);
        green arrows are excitatory synapses, red ones inhibitory.
        """
        if not self.is_built():
            raise ValueError("draw() needs the sensory synapses: call build(input_dim) first")
        try:
            import matplotlib.pyplot as plt
        except ImportError:
            raise ImportError('draw() needs matplotlib: pip install "ember-ml[plot]"') from None
        palette = {
            "sensory": "tab:olive",
            "inter": "tab:blue",
            "command": "tab:cyan",
            "motor": "tab:orange",
            "excitatory": "tab:green",
            "inhibitory": "tab:red",
        }
        palette.update(colors or {})
        if ax is None:
            ax = plt.gca()
        columns: dict[str, list[str]] = {
            "sensory": [f"s{i}" for i in range(self._built_input_dim())]
        }
        kinds: dict[str, str] = {}
        for i in range(self.units):
            kind = self.get_type_of_neuron(i)
            columns.setdefault(kind, []).append(f"n{i}")
            kinds[f"n{i}"] = kind
        order = [k for k in ("sensory", "inter", "command", "motor") if k in columns]
        position = {}
        for x, kind in enumerate(order):
            names = columns[kind]
            for j, node in enumerate(names):
                position[node] = (x, j - (len(names) - 1) / 2)
        edges = [
            (f"s{i}", f"n{j}", self.sensory_adjacency_matrix[i, j])
            for i in range(self._built_input_dim())
            for j in range(self.units)
        ]
        edges += [
            (f"n{i}", f"n{j}", self.adjacency_matrix[i, j])
            for i in range(self.units)
            for j in range(self.units)
        ]
        for src, dest, polarity in edges:
            if polarity != 0:
                color = palette["excitatory" if polarity > 0 else "inhibitory"]
                ax.annotate(
                    "",
                    xy=position[dest],
                    xytext=position[src],
                    arrowprops={"arrowstyle": "->", "color": color, "alpha": 0.5},
                )
        for kind in order:
            xs = [position[n][0] for n in columns[kind]]
            ys = [position[n][1] for n in columns[kind]]
            ax.scatter(xs, ys, s=120, color=palette[kind], label=f"{kind} neurons", zorder=3)
        ax.set_axis_off()
        return ax


class FullyConnected(Wiring):
    """Every neuron feeds every neuron (and, after ``build``, every input feeds every neuron).

    Polarities are drawn as ncps does (``default_rng(erev_init_seed)``, -1 with
    probability 1/3), so the matrices equal ncps's for the same seed.

    >>> from ember_ml.nn.wirings import FullyConnected
    >>> w = FullyConnected(4, output_dim=2)
    >>> w.build(3)
    >>> w.synapse_count, w.sensory_synapse_count
    (16, 12)
    """

    def __init__(
        self,
        units: int,
        output_dim: int | None = None,
        erev_init_seed: int = 1111,
        self_connections: bool = True,
    ) -> None:
        super().__init__(units)
        self.set_output_dim(self.units if output_dim is None else output_dim)
        self.self_connections = bool(self_connections)
        self._erev_init_seed = erev_init_seed
        self._rng = _host.generator(erev_init_seed)
        for src in range(self.units):
            for dest in range(self.units):
                if src == dest and not self.self_connections:
                    continue
                self.add_synapse(src, dest, int(self._rng.choice([-1, 1, 1])))

    def _draw_sensory(self) -> None:
        for src in range(self._built_input_dim()):
            for dest in range(self.units):
                self.add_sensory_synapse(src, dest, int(self._rng.choice([-1, 1, 1])))

    def _arguments(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "output_dim": self.output_dim,
            "erev_init_seed": self._erev_init_seed,
            "self_connections": self.self_connections,
        }


class Random(Wiring):
    """A random sparse wiring keeping ``round(units**2 * (1 - sparsity_level))`` synapses.

    >>> from ember_ml.nn.wirings import Random
    >>> w = Random(5, sparsity_level=0.6)
    >>> w.synapse_count
    10
    """

    def __init__(
        self,
        units: int,
        output_dim: int | None = None,
        sparsity_level: float = 0.0,
        random_seed: int = 1111,
    ) -> None:
        super().__init__(units)
        self.set_output_dim(self.units if output_dim is None else output_dim)
        if not 0.0 <= sparsity_level < 1.0:
            raise ValueError(f"sparsity_level must be in [0, 1), got {sparsity_level}")
        self.sparsity_level = float(sparsity_level)
        self._random_seed = random_seed
        self._rng = _host.generator(random_seed)
        count = round(self.units * self.units * (1 - self.sparsity_level))
        pairs = [(s, d) for s in range(self.units) for d in range(self.units)]
        for src, dest in self._rng.choice(pairs, size=count, replace=False):
            self.add_synapse(int(src), int(dest), int(self._rng.choice([-1, 1, 1])))

    def _draw_sensory(self) -> None:
        count = round(self._built_input_dim() * self.units * (1 - self.sparsity_level))
        pairs = [(s, d) for s in range(self._built_input_dim()) for d in range(self.units)]
        for src, dest in self._rng.choice(pairs, size=count, replace=False):
            # ncps draws the polarity twice and keeps the second; the same stream here.
            self._rng.choice([-1, 1, 1])
            self.add_sensory_synapse(int(src), int(dest), int(self._rng.choice([-1, 1, 1])))

    def _arguments(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "output_dim": self.output_dim,
            "sparsity_level": self.sparsity_level,
            "random_seed": self._random_seed,
        }


class NCP(Wiring):
    """A Neural Circuit Policy: sensory -> inter -> command (recurrent) -> motor layers.

    Neuron ids run motor ``[0, M)``, command ``[M, M+C)``, inter ``[M+C, units)``;
    the layers (``get_neurons_of_layer``) are 0 inter, 1 command, 2 motor. The
    synapses are drawn at ``build`` as ncps draws them (``RandomState(seed)``).

    >>> from ember_ml.nn.wirings import NCP
    >>> w = NCP(10, 10, 8, 6, 6, 4, 6)
    >>> w.build(20)
    >>> w.units, w.output_dim, w.get_type_of_neuron(0), w.get_type_of_neuron(27)
    (28, 8, 'motor', 'inter')
    """

    def __init__(
        self,
        inter_neurons: int,
        command_neurons: int,
        motor_neurons: int,
        sensory_fanout: int,
        inter_fanout: int,
        recurrent_command_synapses: int,
        motor_fanin: int,
        seed: int = 22222,
    ) -> None:
        inter = check_int(inter_neurons, "inter_neurons", minimum=1)
        command = check_int(command_neurons, "command_neurons", minimum=1)
        motor = check_int(motor_neurons, "motor_neurons", minimum=1)
        super().__init__(inter + command + motor)
        self.set_output_dim(motor)
        self._num_inter_neurons, self._num_command_neurons, self._num_motor_neurons = (
            inter,
            command,
            motor,
        )
        self._sensory_fanout = check_int(sensory_fanout, "sensory_fanout", minimum=1)
        self._inter_fanout = check_int(inter_fanout, "inter_fanout", minimum=1)
        self._recurrent_command_synapses = check_int(
            recurrent_command_synapses, "recurrent_command_synapses", minimum=0
        )
        self._motor_fanin = check_int(motor_fanin, "motor_fanin", minimum=1)
        if self._motor_fanin > command:
            raise ValueError(
                f"motor_fanin={self._motor_fanin} exceeds the {command} command neurons"
            )
        if self._sensory_fanout > inter:
            raise ValueError(
                f"sensory_fanout={self._sensory_fanout} exceeds the {inter} inter neurons"
            )
        if self._inter_fanout > command:
            raise ValueError(
                f"inter_fanout={self._inter_fanout} exceeds the {command} command neurons"
            )
        self._seed = seed
        self._rng = _host.legacy_random_state(seed)
        self._motor_neurons = list(range(motor))
        self._command_neurons = list(range(motor, motor + command))
        self._inter_neurons = list(range(motor + command, motor + command + inter))

    @property
    def num_layers(self) -> int:
        """Three layers: inter (0), command (1), motor (2)."""
        return 3

    def get_neurons_of_layer(self, layer_id: int) -> list[int]:
        """The neuron ids of layer ``layer_id`` (0 inter, 1 command, 2 motor)."""
        layers = (self._inter_neurons, self._command_neurons, self._motor_neurons)
        if layer_id not in (0, 1, 2):
            raise ValueError(
                f"unknown layer {layer_id}; an NCP has layers 0 (inter), 1 (command), 2 (motor)"
            )
        return list(layers[layer_id])

    def get_type_of_neuron(self, neuron_id: int) -> str:
        """``"motor"``, ``"command"`` or ``"inter"``."""
        if neuron_id < self._num_motor_neurons:
            return "motor"
        if neuron_id < self._num_motor_neurons + self._num_command_neurons:
            return "command"
        return "inter"

    def _fan(
        self, sources: list[int], targets: list[int], fanout: int, cap: int, sensory: bool
    ) -> None:
        """Each source feeds ``fanout`` targets; targets left out get sources of their own.

        A forgotten target gets ``clip(int(len(sources) * fanout / len(targets)), 1, cap)``
        sources; ncps caps it by the sensory count for the first layer and by the
        command count for the second, and so does this.
        """
        add = self.add_sensory_synapse if sensory else self.add_synapse
        unreached = list(targets)
        for src in sources:
            for dest in self._rng.choice(targets, size=fanout, replace=False):
                if dest in unreached:
                    unreached.remove(dest)
                add(src, int(dest), int(self._rng.choice([-1, 1])))
        fanin = min(max(int(len(sources) * fanout / len(targets)), 1), cap)
        for dest in unreached:
            for src in self._rng.choice(sources, size=fanin, replace=False):
                add(int(src), dest, int(self._rng.choice([-1, 1])))

    def _draw_sensory(self) -> None:
        sensory = list(range(self._built_input_dim()))
        self._fan(sensory, self._inter_neurons, self._sensory_fanout, len(sensory), sensory=True)
        self._fan(
            self._inter_neurons,
            self._command_neurons,
            self._inter_fanout,
            self._num_command_neurons,
            sensory=False,
        )
        for _ in range(self._recurrent_command_synapses):
            src = int(self._rng.choice(self._command_neurons))
            dest = int(self._rng.choice(self._command_neurons))
            self.add_synapse(src, dest, int(self._rng.choice([-1, 1])))
        # Command -> motor: each motor neuron draws its fan-in, then unreached commands fan out.
        unreached = list(self._command_neurons)
        for dest in self._motor_neurons:
            for src in self._rng.choice(
                self._command_neurons, size=self._motor_fanin, replace=False
            ):
                if src in unreached:
                    unreached.remove(src)
                self.add_synapse(int(src), dest, int(self._rng.choice([-1, 1])))
        motor = self._num_motor_neurons
        fanout = min(max(int(motor * self._motor_fanin / self._num_command_neurons), 1), motor)
        for src in unreached:
            for dest in self._rng.choice(self._motor_neurons, size=fanout, replace=False):
                self.add_synapse(src, int(dest), int(self._rng.choice([-1, 1])))

    def _arguments(self) -> dict[str, Any]:
        return {
            "inter_neurons": self._num_inter_neurons,
            "command_neurons": self._num_command_neurons,
            "motor_neurons": self._num_motor_neurons,
            "sensory_fanout": self._sensory_fanout,
            "inter_fanout": self._inter_fanout,
            "recurrent_command_synapses": self._recurrent_command_synapses,
            "motor_fanin": self._motor_fanin,
            "seed": self._seed,
        }


class AutoNCP(NCP):
    """An NCP sized from ``units`` and ``output_size`` alone, as ncps sizes it.

    Requires ``1 <= output_size < units - 2`` and ``0.1 <= sparsity_level <= 1.0``.
    With ``d = 1 - sparsity_level``: command neurons ``max(int(0.4 (units - output)), 1)``,
    the rest inter; fanouts ``max(int(inter d), 1)``, ``max(int(command d), 1)``,
    recurrent ``max(int(2 command d), 1)``, motor fan-in ``max(int(command d), 1)``.

    >>> from ember_ml.nn.wirings import AutoNCP
    >>> w = AutoNCP(28, 4)
    >>> w.build(2)
    >>> len(w.get_neurons_of_layer(0)), len(w.get_neurons_of_layer(1))
    (15, 9)
    """

    def __init__(
        self, units: int, output_size: int, sparsity_level: float = 0.5, seed: int = 22222
    ) -> None:
        units = check_int(units, "units", minimum=1)
        output_size = check_int(output_size, "output_size", minimum=1)
        if output_size >= units - 2:
            raise ValueError(
                f"output_size must be less than units - 2: valid output sizes for units={units} "
                f"are 1..{units - 3}, got {output_size}"
            )
        if not 0.1 <= sparsity_level <= 1.0:
            raise ValueError(f"sparsity_level must be between 0.1 and 1.0, got {sparsity_level}")
        self._output_size = output_size
        self._sparsity_level = float(sparsity_level)
        density = 1.0 - sparsity_level
        command = max(int(0.4 * (units - output_size)), 1)
        inter = units - output_size - command
        super().__init__(
            inter,
            command,
            output_size,
            sensory_fanout=max(int(inter * density), 1),
            inter_fanout=max(int(command * density), 1),
            recurrent_command_synapses=max(int(command * density * 2), 1),
            motor_fanin=max(int(command * density), 1),
            seed=seed,
        )

    def _arguments(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "output_size": self._output_size,
            "sparsity_level": self._sparsity_level,
            "seed": self._seed,
        }
