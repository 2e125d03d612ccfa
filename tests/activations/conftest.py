"""Helpers for the activation tests: the torch.nn.functional oracle of each function."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

# name -> (keyword arguments for ember_ml, the same function in torch)
ORACLES = {
    "relu": ({}, F.relu),
    "relu6": ({}, F.relu6),
    "leaky_relu": ({}, F.leaky_relu),
    "leaky_relu_0.2": ({"negative_slope": 0.2}, lambda x: F.leaky_relu(x, 0.2)),
    "elu": ({}, F.elu),
    "elu_0.5": ({"alpha": 0.5}, lambda x: F.elu(x, 0.5)),
    "selu": ({}, F.selu),
    "celu": ({}, F.celu),
    "celu_2": ({"alpha": 2.0}, lambda x: F.celu(x, 2.0)),
    "gelu": ({}, F.gelu),
    "gelu_tanh": ({"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")),
    "silu": ({}, F.silu),
    "swish": ({}, F.silu),
    "mish": ({}, F.mish),
    "sigmoid": ({}, torch.sigmoid),
    "hard_sigmoid": ({}, F.hardsigmoid),
    "hard_swish": ({}, F.hardswish),
    "log_sigmoid": ({}, F.logsigmoid),
    "tanh": ({}, torch.tanh),
    "softplus": ({}, F.softplus),
    "softplus_b2_t5": ({"beta": 2.0, "threshold": 5.0}, lambda x: F.softplus(x, 2.0, 5.0)),
    "softsign": ({}, F.softsign),
    "softmax": ({}, lambda x: F.softmax(x, -1)),
    "softmax_0": ({"axis": 0}, lambda x: F.softmax(x, 0)),
    "log_softmax": ({}, lambda x: F.log_softmax(x, -1)),
    "log_softmax_0": ({"axis": 0}, lambda x: F.log_softmax(x, 0)),
}

# Inputs at and near every kink and tail: ±inf, nan, ±1e4, ±30 and the branch points.
SPECIAL = [
    -math.inf,
    -1e4,
    -100.0,
    -30.0,
    -21.0,
    -6.5,
    -3.0,
    -2.5,
    -1.0,
    -0.3,
    0.0,
    1e-8,
    0.3,
    1.0,
    2.5,
    3.0,
    6.5,
    10.0,
    21.0,
    30.0,
    100.0,
    1e4,
    math.inf,
    math.nan,
]


def function_name(case: str) -> str:
    """The ember_ml function a case name tests (``softplus_b2_t5`` -> ``softplus``)."""
    if case == "swish":
        return "silu"
    for name in ("leaky_relu", "log_softmax", "softmax", "softplus", "gelu", "elu", "celu"):
        if case.startswith(name) and (case == name or case[len(name)] == "_"):
            return name
    return case


_DEFAULTS = {
    "leaky_relu": [0.01],
    "elu": [1.0],
    "celu": [1.0],
    "gelu": ["none"],
    "softplus": [1.0, 20.0],
    "softmax": [-1],
    "log_softmax": [-1],
}


def generic_args(case: str) -> list:
    """The positional parameters the generic implementation of ``case`` takes."""
    kwargs, _ = ORACLES[case]
    return list(kwargs.values()) or _DEFAULTS.get(function_name(case), [])


def random_input(shape=(5, 7), scale=4.0, seed=0):
    """Random float64 values, kept away from exact kinks (0, ±3, 6) by construction."""
    return np.random.default_rng(seed).normal(size=shape) * scale + 1e-3


def torch_oracle(case: str, x: np.ndarray, dtype=None):
    """torch.nn.functional's value of ``case`` on ``x`` (as float64 unless dtype is given)."""
    t = torch.asarray(x, dtype=dtype or torch.float64)
    return ORACLES[case][1](t)
