"""Gradients under torch autograd and mx.grad against torch's, and the activations inside compiled graphs."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ORACLES, function_name, random_input

import ember_ml
from ember_ml.ops import activations

torch = pytest.importorskip("torch")
CASES = sorted(ORACLES)

# Large and tail inputs, away from the kinks (0, ±3, 6) where subgradient conventions differ.
TAILS = np.asarray(
    [
        -1e4,
        -100.0,
        -30.0,
        -21.0,
        -6.5,
        -2.5,
        -1.0,
        -0.3,
        1e-8,
        0.3,
        1.0,
        2.5,
        6.5,
        10.0,
        21.0,
        30.0,
        100.0,
        1e4,
    ]
)


def inputs():
    return np.concatenate([random_input(shape=(34,)), TAILS]).reshape(4, -1)


def weights(shape):
    return np.random.default_rng(1).normal(size=shape)


def ember_call(case, x, generic_xp=None):
    name = "silu" if case == "swish" else function_name(case)
    kwargs, _ = ORACLES[case]
    if generic_xp is None:
        return getattr(activations, name)(x, **kwargs)
    defaults = {
        "leaky_relu": [0.01],
        "elu": [1.0],
        "celu": [1.0],
        "gelu": ["none"],
        "softplus": [1.0, 20.0],
        "softmax": [-1],
        "log_softmax": [-1],
    }
    args = list(kwargs.values()) or defaults.get(name, [])
    return activations._GENERIC[name](generic_xp, x, *args)


def torch_grad(function, x, dtype):
    t = torch.asarray(x, dtype=dtype).requires_grad_(True)
    (function(t) * torch.asarray(weights(x.shape), dtype=dtype)).sum().backward()
    return t.grad.numpy().astype(np.float64)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("path", ["fast", "generic"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_torch_autograd_matches_torch(case, path, dtype):
    x = inputs()
    dtype = getattr(torch, dtype)
    xp = ember_ml.array_namespace(torch.zeros(1)) if path == "generic" else None
    expected = torch_grad(ORACLES[case][1], x, dtype)
    got = torch_grad(lambda t: ember_call(case, t, xp), x, dtype)
    assert np.isfinite(expected).all()
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("path", ["fast", "generic"])
def test_mx_grad_matches_torch(case, path):
    mx = pytest.importorskip("mlx.core")
    x = inputs().astype(np.float32)
    w = mx.array(weights(x.shape).astype(np.float32))
    xp = ember_ml.array_namespace(mx.zeros(1)) if path == "generic" else None
    got = mx.grad(lambda a: (ember_call(case, a, xp) * w).sum())(mx.array(x))
    expected = torch_grad(ORACLES[case][1], x, torch.float32)
    np.testing.assert_allclose(np.asarray(got, dtype=np.float64), expected, rtol=1e-5, atol=1e-5)


def program(x):
    """Every activation once, summed: a static-shape graph."""
    total = activations.softmax(x, axis=0) + activations.log_softmax(x)
    for name in activations.__all__:
        if name not in ("softmax", "log_softmax"):
            total = total + getattr(activations, name)(x)
    return total + activations.gelu(x, approximate="tanh") + activations.softplus(x, beta=2.0)


def test_activations_inside_torch_compile_fullgraph():
    x = torch.asarray(random_input(), dtype=torch.float32)
    eager = program(
        x
    )  # first call eager, as tests/test_compile.py: fast_path's first lookup imports
    compiled = torch.compile(program, fullgraph=True, backend="eager")(x)
    torch.testing.assert_close(compiled, eager)


def test_activations_inside_mx_compile():
    mx = pytest.importorskip("mlx.core")
    x = mx.array(random_input().astype(np.float32))
    compiled = mx.compile(program)(x)
    np.testing.assert_allclose(np.asarray(compiled), np.asarray(program(x)), rtol=1e-6, atol=1e-5)
    grad = mx.grad(lambda a: mx.compile(program)(a).sum())(x)
    assert np.isfinite(np.asarray(grad)).all()
