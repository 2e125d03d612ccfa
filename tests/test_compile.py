"""DESIGN.md rule 3: ops with static output shapes work inside torch.compile(fullgraph=True) and mx.compile."""

from __future__ import annotations

import pytest

from ember_ml import ops


def standard_program(x):
    """A few ops of each kind: elementwise, linalg, reductions, where, creation-like, fft."""
    y = ops.sin(x) + ops.matmul(x, x) * 0.5
    y = ops.where(y > 0, y, ops.zeros_like(y))
    z = ops.sum(y, axis=0) + ops.linalg.vector_norm(x, axis=-1) - ops.mean(ops.abs(x), axis=1)
    spectrum = ops.fft.rfft(z)
    return ops.concat([ops.real(spectrum), ops.imag(spectrum)]) + ops.max(ops.cumulative_sum(z))


def test_ops_inside_torch_compile_fullgraph():
    torch = pytest.importorskip("torch")
    x = torch.randn(6, 6, generator=torch.Generator().manual_seed(0))
    eager = standard_program(x)
    compiled = torch.compile(standard_program, fullgraph=True, backend="eager")(x)
    torch.testing.assert_close(compiled, eager)


def test_ops_inside_mx_compile():
    mx = pytest.importorskip("mlx.core")
    x = mx.random.normal((6, 6), key=mx.random.key(0))
    eager = standard_program(x)
    compiled = mx.compile(standard_program)(x)
    assert mx.allclose(compiled, eager, rtol=1e-5, atol=1e-5).item()
