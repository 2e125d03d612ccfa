# ruff: noqa
"""Data-dependent shapes inside compiled functions."""
import functools

import jax  # expect: EM101
import mlx.core as mx  # expect: EM101
import torch  # expect: EM101


@mx.compile
def mlx_positive(x: mx.array):
    return mx.sum(x[x > 0])  # expect: EM601


@torch.compile(fullgraph=True)
def torch_nonzero(x: torch.Tensor):
    idx = torch.nonzero(x)  # expect: EM601
    u = torch.unique(x)  # expect: EM601, EM201
    c = torch.bincount(x)  # expect: EM601
    d = torch.bincount(x, minlength=10)  # a static shape
    return idx, u, c, d, x.nonzero()  # expect: EM601, EM301


@functools.partial(jax.jit, static_argnums=1)
def jax_unique(x: jax.Array, n):
    return jax.numpy.unique_values(x)  # expect: EM601


def plain(x: torch.Tensor):
    return torch.nonzero(x)  # not compiled: allowed


def later(x: mx.array):
    return mx.sum(x[x > 0])  # expect: EM601


compiled_later = mx.compile(later)
