"""Mamba (Gu and Dao 2023): the selective state-space sequence mixer and its scan, in standard calls.

Parameter names and initialisation follow ``mamba_ssm``'s ``Mamba``
(``mamba_simple.py``, which MAD wraps) and ``mambapy``'s ``MambaBlock``:
``in_proj``, ``conv1d``, ``x_proj``, ``dt_proj``, ``A_log``, ``D``, ``out_proj``.

>>> import numpy as np
>>> from ember_ml import nn
>>> layer = nn.Mamba(8, d_state=4, backend="numpy", seed=0)
>>> layer(np.ones((2, 5, 8), dtype=np.float32)).shape
(2, 5, 8)
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from ember_ml._namespace import array_namespace
from ember_ml._typing import ArrayT
from ember_ml.nn import _init
from ember_ml.nn._checks import check_features, choice, device_of, positive_int
from ember_ml.nn._module import Module
from ember_ml.nn.config import Configurable, register
from ember_ml.nn.conv import CausalConv1d
from ember_ml.nn.layers import Linear
from ember_ml.ops.activations import silu, softplus

__all__ = ["Mamba", "selective_scan"]


def selective_scan(
    u: ArrayT,
    delta: ArrayT,
    A: ArrayT,
    B: ArrayT,
    C: ArrayT,
    D: ArrayT | None = None,
    z: ArrayT | None = None,
    delta_bias: ArrayT | None = None,
    delta_softplus: bool = False,
) -> ArrayT:
    """The selective scan of Mamba, channels last: ``u, delta (batch, L, d)``, ``A (d, n)``, ``B, C (batch, L, n)``.

    With ``delta <- softplus(delta + delta_bias)`` (each step optional), the state
    ``x_t = exp(delta_t A) x_{t-1} + delta_t B_t u_t`` (``(batch, d, n)``, from 0) and
    ``y_t = x_t C_t + D u_t``, then ``y * silu(z)``: ``mamba_ssm``'s
    ``selective_scan_ref`` with time on axis 1 instead of the last. A sequential
    loop (exact; its gradient is ordinary autodiff).

    >>> import numpy as np
    >>> u = np.ones((1, 3, 2)); A = -np.ones((2, 1)); B = C = np.ones((1, 3, 1))
    >>> np.round(selective_scan(u, np.ones((1, 3, 2)), A, B, C)[0, :, 0], 4)
    array([1.    , 1.3679, 1.5032])
    """
    xp = array_namespace(u, delta, A, B, C, D, z, delta_bias)
    if u.ndim != 3 or tuple(delta.shape) != tuple(u.shape):
        raise ValueError(
            f"u and delta must both be (batch, L, d), got {tuple(u.shape)} and {tuple(delta.shape)}"
        )
    batch, length, d = u.shape
    if A.ndim != 2 or A.shape[0] != d:
        raise ValueError(f"A must be (d, n) with d = {d}, got {tuple(A.shape)}")
    n = A.shape[1]
    for name, m in (("B", B), ("C", C)):
        if tuple(m.shape) != (batch, length, n):
            raise ValueError(
                f"{name} must be (batch, L, n) = {(batch, length, n)}, got {tuple(m.shape)}"
            )
    return _scan(xp, u, delta, A, B, C, D, z, delta_bias, delta_softplus)


def _scan(
    xp: ModuleType,
    u: Any,
    delta: Any,
    A: Any,
    B: Any,
    C: Any,
    D: Any,
    z: Any,
    delta_bias: Any,
    delta_softplus: bool,
) -> Any:
    """The scan itself, after ``selective_scan``'s checks: a sequential loop in standard calls."""
    batch, _, d = u.shape
    n = A.shape[1]
    if delta_bias is not None:
        delta = delta + delta_bias
    if delta_softplus:
        delta = softplus(delta)
    decay = xp.exp(delta[..., None] * A)  # (batch, L, d, n)
    drive = (delta * u)[..., None] * B[:, :, None, :]  # (batch, L, d, n)
    state = xp.zeros((batch, d, n), dtype=u.dtype, device=device_of(u))
    states = []
    for a, b in zip(xp.unstack(decay, axis=1), xp.unstack(drive, axis=1), strict=True):
        state = a * state + b
        states.append(state)
    y = xp.matmul(xp.stack(states, axis=1), C[..., None])[..., 0]  # (batch, L, d)
    if D is not None:
        y = y + u * D
    if z is not None:
        y = y * silu(z)
    return y


#: The ways ``Mamba`` initialises ``dt_proj.weight``.
DT_INITS = ("random", "constant")


@register
class Mamba(Configurable, Module):
    """The Mamba block: ``out_proj(scan(silu(conv1d(x)), ...) * silu(z))`` with ``x, z = in_proj(u)``.

    ``d_inner = expand * dim``; ``dt_rank="auto"`` is ``ceil(dim / 16)``. ``A_log``
    starts at ``log(1..d_state)`` per channel (S4D-real), ``D`` at ones,
    ``dt_proj.bias`` at the inverse softplus of ``dt`` log-uniform in ``[dt_min,
    dt_max]`` (floored at ``dt_init_floor``), ``dt_proj.weight`` uniform in
    ``+-dt_scale / sqrt(dt_rank)`` (``dt_init="constant"``: that constant). MAD's
    iso-state setting is ``d_state=4``.

    >>> import numpy as np
    >>> from ember_ml.nn import Mamba
    >>> sorted(Mamba(4, d_state=2, backend="numpy", seed=0).state_dict())[:4]
    ['A_log', 'D', 'conv1d.bias', 'conv1d.weight']
    """

    # parameters and constants (native arrays of the backend), made by add_parameter
    A_log: Any
    D: Any

    def __init__(
        self,
        dim: int,
        d_state: int = 16,
        d_conv: int = 4,
        expand: int = 2,
        dt_rank: int | str = "auto",
        dt_min: float = 0.001,
        dt_max: float = 0.1,
        dt_init: str = "random",
        dt_scale: float = 1.0,
        dt_init_floor: float = 1e-4,
        conv_bias: bool = True,
        bias: bool = False,
        *,
        seed: Any = None,
        backend: str | None = None,
        dtype: Any = None,
        device: Any = None,
    ) -> None:
        super().__init__()
        stream = _init.key_stream(seed)
        xp = self.xp
        self.dim = positive_int("dim", dim)
        self.d_state = positive_int("d_state", d_state)
        self.d_conv = positive_int("d_conv", d_conv)
        self.expand = positive_int("expand", expand)
        self.d_inner = self.expand * self.dim
        if dt_rank == "auto":
            self.dt_rank_arg: int | str = "auto"
            self.dt_rank = math.ceil(self.dim / 16)
        else:
            self.dt_rank_arg = self.dt_rank = positive_int("dt_rank", dt_rank)
        if not 0 < dt_min <= dt_max:
            raise ValueError(f"need 0 < dt_min <= dt_max, got dt_min={dt_min}, dt_max={dt_max}")
        self.dt_min, self.dt_max = float(dt_min), float(dt_max)
        self.dt_init = choice("dt_init", dt_init, DT_INITS)
        self.dt_scale, self.dt_init_floor = float(dt_scale), float(dt_init_floor)
        self.conv_bias, self.use_bias = bool(conv_bias), bool(bias)
        make = {"seed": stream, **self.factory}
        self.in_proj = Linear(self.dim, 2 * self.d_inner, bias, init="torch", **make)
        self.conv1d = CausalConv1d(self.d_inner, self.d_conv, conv_bias, **make)
        self.x_proj = Linear(
            self.d_inner, self.dt_rank + 2 * self.d_state, False, init="torch", **make
        )
        self.dt_proj = Linear(self.dt_rank, self.d_inner, init="torch", **make)
        std = self.dt_rank**-0.5 * self.dt_scale
        shape = (self.d_inner, self.dt_rank)
        if self.dt_init == "constant":
            weight = _init.constant(std, shape, **self.factory)
        else:
            weight = _init.uniform(stream, shape, -std, std, **self.factory)
        self.dt_proj.add_parameter("weight", weight)
        low, high = math.log(self.dt_min), math.log(self.dt_max)
        dt = xp.exp(_init.uniform(stream, (self.d_inner,), low, high, **self.factory))
        dt = xp.maximum(dt, xp.full_like(dt, self.dt_init_floor))
        self.dt_proj.add_parameter("bias", dt + xp.log(-xp.expm1(-dt)))  # inverse softplus
        a = xp.arange(1, self.d_state + 1, dtype=self.dtype, device=self.device)
        self.add_parameter(
            "A_log", xp.log(xp.broadcast_to(a[None, :], (self.d_inner, self.d_state)))
        )
        self.add_parameter("D", xp.ones((self.d_inner,), dtype=self.dtype, device=self.device))
        self.out_proj = Linear(self.d_inner, self.dim, bias, init="torch", **make)

    def _config(self) -> dict[str, Any]:
        return {
            "dim": self.dim,
            "d_state": self.d_state,
            "d_conv": self.d_conv,
            "expand": self.expand,
            "dt_rank": self.dt_rank_arg,
            "dt_min": self.dt_min,
            "dt_max": self.dt_max,
            "dt_init": self.dt_init,
            "dt_scale": self.dt_scale,
            "dt_init_floor": self.dt_init_floor,
            "conv_bias": self.conv_bias,
            "bias": self.use_bias,
        }

    def forward(self, u: Any) -> Any:
        xp = self.xp
        check_features(self, u, self.dim, ndim=(3,))
        xz = self.in_proj(u)
        x, z = xz[..., : self.d_inner], xz[..., self.d_inner :]
        x = silu(self.conv1d(x))
        x_dbl = self.x_proj(x)
        r, n = self.dt_rank, self.d_state
        dt = xp.matmul(x_dbl[..., :r], xp.matrix_transpose(self.dt_proj.weight))
        B, C = x_dbl[..., r : r + n], x_dbl[..., r + n :]
        A = -xp.exp(self.A_log)
        y = selective_scan(
            x, dt, A, B, C, self.D, z, delta_bias=self.dt_proj.bias, delta_softplus=True
        )
        return self.out_proj(y)
