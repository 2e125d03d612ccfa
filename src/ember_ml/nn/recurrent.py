"""Sequence models of ncps on every backend: ``CfC`` and ``LTC``.

``output, final_state = model(x, hx=None, timespans=None)`` as ncps returns, for
``x`` of shape ``(batch, seq, features)`` (``batch_first``), ``(seq, batch,
features)`` otherwise, or ``(seq, features)`` unbatched. ``timespans`` is a scalar,
one value per step ``(seq,)``, or one per sample and step (the input's two leading
axes, e.g. ``(batch, seq)``). ``load_ncps_state_dict`` loads an ncps torch model's
``state_dict()``.

>>> import numpy as np
>>> from ember_ml.nn import CfC
>>> from ember_ml.nn.wirings import AutoNCP
>>> model = CfC(3, AutoNCP(10, 2), backend="numpy", seed=0)
>>> y, h = model(np.ones((4, 5, 3), dtype=np.float32))
>>> y.shape, h.shape
((4, 5, 2), (4, 10))
"""

from __future__ import annotations

from typing import Any

from ember_ml import backend as _backend
from ember_ml.nn import _init
from ember_ml.nn._module import Module
from ember_ml.nn.cells import CfCCell, LSTMCell, LTCCell, WiredCfCCell
from ember_ml.nn.layers import Linear
from ember_ml.nn.wirings import FullyConnected, Wiring

__all__ = ["CfC", "LTC"]


class _Sequence(Module):
    """The step loop shared by ``CfC`` and ``LTC`` (ncps's ``forward``)."""

    input_size: int
    state_size: int
    output_size: int
    use_mixed: bool
    batch_first: bool
    return_sequences: bool
    # a CfCCell, WiredCfCCell or LTCCell: _prepare, _project and _step (their pieces differ)
    rnn_cell: Any
    wiring: Wiring | None

    def _set_flags(self, return_sequences: bool, batch_first: bool, mixed_memory: bool) -> None:
        self.return_sequences = bool(return_sequences)
        self.batch_first = bool(batch_first)
        self.use_mixed = bool(mixed_memory)

    def _add_memory(self, stream: _init.KeyStream) -> None:
        """The LSTM memory cell ``lstm`` (with ``mixed_memory``), once the sizes are set."""
        if self.use_mixed:
            self.lstm = LSTMCell(self.input_size, self.state_size, seed=stream, **self.factory)

    def _readout(self, y: Any) -> Any:
        return y

    def _check_input(self, x: Any) -> Any:
        name = _backend.backend_of_type(type(x))
        if name != self.backend:
            kind = name or type(x).__name__
            raise TypeError(
                f"this is a {self.backend} model but the input is a {kind} array; convert it with "
                f"ember_ml.tensor.convert_to_tensor(x, backend={self.backend!r})"
            )
        if x.ndim not in (2, 3):
            raise ValueError(
                f"input must be 3-D (batched) or 2-D (unbatched), got shape {tuple(x.shape)}"
            )
        if x.shape[-1] != self.input_size:
            raise ValueError(
                f"input has {x.shape[-1]} features but the model expects input_size={self.input_size} "
                f"(input shape {tuple(x.shape)})"
            )
        return x

    def _timespans(self, timespans: Any, batch: int, seq: int, batched: bool) -> Any:
        """None/scalar -> a float or 0-d array; otherwise an array ``(batch, seq)`` or ``(seq,)``."""
        xp = self.xp
        if timespans is None:
            return 1.0
        if isinstance(timespans, (int, float)) and not isinstance(timespans, bool):
            return float(timespans)
        ts = self._check_other(timespans, "timespans")
        shape = tuple(ts.shape)
        if shape and shape[-1] == 1 and len(shape) > 1:
            ts = ts[..., 0]
            shape = shape[:-1]
        if shape in ((), (seq,)):
            return ts
        expected = (batch, seq) if self.batch_first else (seq, batch)
        if batched and shape == expected:
            return ts if self.batch_first else xp.matrix_transpose(ts)
        raise ValueError(
            f"timespans of shape {tuple(timespans.shape)} fit neither a scalar, ({seq},) per step "
            f"nor {expected} per sample and step"
        )

    def _check_other(self, value: Any, label: str) -> Any:
        name = _backend.backend_of_type(type(value))
        if name != self.backend:
            raise TypeError(
                f"{label} must be a {self.backend} array (or a Python number), got "
                f"{name or type(value).__name__}; convert it with ember_ml.tensor.convert_to_tensor"
            )
        return value

    def _initial_state(self, hx: Any, batch: int, batched: bool, x: Any) -> tuple[Any, Any]:
        xp = self.xp
        if hx is None:
            zeros = xp.zeros((batch, self.state_size), dtype=x.dtype, device=_backend.device(x))
            return zeros, (zeros if self.use_mixed else None)
        if self.use_mixed:
            if not isinstance(hx, (tuple, list)) or len(hx) != 2:
                raise ValueError("with mixed_memory=True, hx must be a pair (h0, c0)")
            h, c = hx
        else:
            h, c = hx, None
        expected = (batch, self.state_size) if batched else (self.state_size,)
        for label, state in (("h0", h), ("c0", c)):
            if state is None:
                continue
            self._check_other(state, label)
            if tuple(state.shape) != expected:
                raise ValueError(f"{label} has shape {tuple(state.shape)}; expected {expected}")
        if not batched:
            h = h[None, :]
            c = c[None, :] if c is not None else None
        return h, c

    def forward(self, input: Any, hx: Any = None, timespans: Any = None) -> tuple[Any, Any]:
        """Run the sequence; returns ``(output, final_state)`` as ncps does."""
        xp = self.xp
        x = self._check_input(input)
        batched = x.ndim == 3
        if not batched:
            x = x[None, ...] if self.batch_first else x[:, None, :]
        if not self.batch_first:
            x = xp.permute_dims(x, (1, 0, 2))
        batch, seq = x.shape[0], x.shape[1]
        ts_all = self._timespans(timespans, batch, seq, batched)
        if not batched and not isinstance(ts_all, float) and ts_all.ndim == 2:
            ts_all = ts_all[0] if self.batch_first else ts_all[:, 0]
        h, c = self._initial_state(hx, batch, batched, x)
        cell = self.rnn_cell
        split = getattr(cell, "_split_state", None)
        if split is not None:
            h = split(h)
        prepared = cell._prepare()
        projected = cell._project(prepared, x)
        mixed = self.lstm._project(x) if self.use_mixed else None
        # Per-step slices through unstack: its gradient is one stack, where indexing
        # [:, t] would add a full (batch, seq, ...) gradient for every step.
        if isinstance(projected, tuple):
            steps = list(zip(*(xp.unstack(p, axis=1) for p in projected), strict=True))
        else:
            steps = xp.unstack(projected, axis=1)
        mixed_steps: Any = xp.unstack(mixed, axis=1) if self.use_mixed else None
        outputs = []
        out = None
        for t in range(seq):
            if isinstance(ts_all, float) or ts_all.ndim == 0:
                ts = ts_all
            elif ts_all.ndim == 1:
                ts = ts_all[t]
            else:
                ts = ts_all[:, t : t + 1]
            if self.use_mixed:
                if split is not None:
                    h, c = self.lstm._step(mixed_steps[t], (cell._merge_state(h), c))
                    h = split(h)
                else:
                    h, c = self.lstm._step(mixed_steps[t], (h, c))
            out, h = cell._step(prepared, steps[t], h, ts)
            if self.return_sequences:
                outputs.append(out)
        if split is not None:
            h = cell._merge_state(h)
        if self.return_sequences:
            readout = self._readout(xp.stack(outputs, axis=1 if self.batch_first else 0))
        else:
            readout = self._readout(out)
        if not batched:
            readout = (
                readout[0] if (self.batch_first or not self.return_sequences) else readout[:, 0]
            )
            h = h[0]
            c = c[0] if c is not None else None
        return readout, ((h, c) if self.use_mixed else h)

    # -- ncps interoperability --------------------------------------------------------
    @property
    def synapse_count(self) -> int | None:
        """The wiring's synapses between neurons (None for an unwired CfC)."""
        return None if self.wiring is None else self.wiring.synapse_count

    @property
    def sensory_synapse_count(self) -> int | None:
        """The wiring's synapses from the inputs (ncps counts the wrong matrix here)."""
        return None if self.wiring is None else self.wiring.sensory_synapse_count

    def load_ncps_state_dict(self, state_dict: Any) -> Any:
        """Load an ncps torch model's ``state_dict()`` (torch tensors or NumPy arrays).

        The parameter names are ncps's. Missing, unexpected or misshaped entries
        raise ``ValueError``; so does a sparsity mask that disagrees with this
        model's wiring (build both models from the same wiring and seed).
        """
        from ember_ml.backend import _host

        if not hasattr(state_dict, "items"):
            raise TypeError(f"state_dict must be a mapping, got {type(state_dict).__name__}")
        host = {k: _backend.to_numpy(v) for k, v in state_dict.items()}
        current = dict(self.named_arrays())
        for name, value in host.items():
            if name.endswith("sparsity_mask") and name in current:
                mine = _backend.to_numpy(current[name])
                if tuple(mine.shape) == tuple(value.shape) and not _host.same_values(mine, value):
                    raise ValueError(
                        f"{name} in the state dict differs from this model's wiring; build the model "
                        "from a wiring with the same arguments and seed as the ncps model's"
                    )
        return self.load_state_dict(host)


class CfC(_Sequence):
    """A closed-form continuous-time RNN (ncps ``CfC``, torch semantics) on any backend.

    ``units`` is an int (a ``CfCCell`` with a backbone) or a ``Wiring`` (a
    ``WiredCfCCell``; backbone arguments then raise). ``proj_size`` adds a linear
    readout ``fc``; ``mixed_memory`` an LSTM memory cell ``lstm``. ``backend``,
    ``dtype``, ``device`` and ``seed`` choose where and how the parameters are made:
    the same seed gives the same parameters on every backend.

    >>> import numpy as np
    >>> from ember_ml.nn import CfC
    >>> model = CfC(2, 8, proj_size=1, mode="no_gate", backbone_units=16, backend="numpy", seed=0)
    >>> y, h = model(np.zeros((3, 6, 2), dtype=np.float32), timespans=np.ones((3, 6), dtype=np.float32))
    >>> y.shape, h.shape
    ((3, 6, 1), (3, 8))
    """

    def __init__(
        self,
        input_size: int | None,
        units: int | Wiring,
        proj_size: int | None = None,
        return_sequences: bool = True,
        batch_first: bool = True,
        mixed_memory: bool = False,
        mode: str = "default",
        activation: str = "lecun_tanh",
        backbone_units: int | None = None,
        backbone_layers: int | None = None,
        backbone_dropout: float | None = None,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        stream = _init.KeyStream(seed)
        self._set_flags(return_sequences, batch_first, mixed_memory)
        self.proj_size = proj_size
        if isinstance(units, Wiring):
            for label, value in (
                ("backbone_units", backbone_units),
                ("backbone_layers", backbone_layers),
                ("backbone_dropout", backbone_dropout),
            ):
                if value is not None:
                    raise ValueError(
                        f"{label} cannot be used with a wiring (wired CfC has no backbone)"
                    )
            self.rnn_cell = WiredCfCCell(input_size, units, mode, seed=stream, **self.factory)
            self.wiring = units
            self.state_size = units.units
            self.output_size = self.rnn_cell.output_size
            self.input_size = units._built_input_dim()
        else:
            if isinstance(units, bool) or not isinstance(units, int):
                raise TypeError(f"units must be an int or a Wiring, got {type(units).__name__}")
            if input_size is None:
                raise ValueError("input_size is required unless units is a built Wiring")
            self.rnn_cell = CfCCell(
                input_size,
                units,
                mode,
                activation,
                128 if backbone_units is None else backbone_units,
                1 if backbone_layers is None else backbone_layers,
                0.0 if backbone_dropout is None else backbone_dropout,
                seed=stream,
                **self.factory,
            )
            self.wiring = None
            self.state_size = self.output_size = units
            self.input_size = input_size
        self._add_memory(stream)
        if proj_size is not None:
            self.fc = Linear(self.output_size, proj_size, init="torch", seed=stream, **self.factory)

    def _readout(self, y: Any) -> Any:
        return y if self.proj_size is None else self.fc(y)


class LTC(_Sequence):
    """A liquid time-constant RNN (ncps ``LTC``) on any backend.

    ``units`` is an int (a ``FullyConnected`` wiring) or a ``Wiring``. The output
    is the motor neurons' (``wiring.output_dim``) mapped potential.

    >>> import numpy as np
    >>> from ember_ml.nn import LTC
    >>> from ember_ml.nn.wirings import AutoNCP
    >>> model = LTC(2, AutoNCP(8, 1), return_sequences=False, backend="numpy", seed=0)
    >>> y, h = model(np.ones((3, 5, 2), dtype=np.float32))
    >>> y.shape, h.shape
    ((3, 1), (3, 8))
    """

    def __init__(
        self,
        input_size: int,
        units: int | Wiring,
        return_sequences: bool = True,
        batch_first: bool = True,
        mixed_memory: bool = False,
        input_mapping: str = "affine",
        output_mapping: str = "affine",
        ode_unfolds: int = 6,
        epsilon: float = 1e-8,
        implicit_param_constraints: bool = True,
        *,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        stream = _init.KeyStream(seed)
        self._set_flags(return_sequences, batch_first, mixed_memory)
        if isinstance(units, Wiring):
            wiring = units
        elif isinstance(units, int) and not isinstance(units, bool):
            wiring = FullyConnected(units)
        else:
            raise TypeError(f"units must be an int or a Wiring, got {type(units).__name__}")
        self.rnn_cell = LTCCell(
            wiring,
            input_size,
            input_mapping,
            output_mapping,
            ode_unfolds,
            epsilon,
            implicit_param_constraints,
            seed=stream,
            **self.factory,
        )
        self.wiring = wiring
        self.input_size = wiring._built_input_dim()
        self.state_size = wiring.units
        self.output_size = self.rnn_cell.output_size
        self._add_memory(stream)
