"""Static-shape statistics and linalg extras work inside torch.compile(fullgraph=True) and mx.compile."""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml.backend import to_numpy
from ember_ml.ops import linalg, stats


def program(x):
    """Sort-based quantiles, NaN reductions, static-length bincount, histogram, logsumexp, moments, norms."""
    q = stats.quantile(x, [0.1, 0.5, 0.9], axis=1) + stats.median(
        x, axis=1
    )  # sort and selection paths
    med = stats.nanmedian(x, axis=0)
    lse = stats.logsumexp(x, axis=1)
    counts, edges = stats.histogram(x, bins=4)
    binned = stats.bincount(stats.histogram(x, bins=3)[0], minlength=20)
    mom = stats.skew(x, axis=0) + stats.kurtosis(x, axis=0) + stats.nanstd(x, axis=0)
    c = stats.corrcoef(x) + linalg.diag(linalg.diag(x))
    n = linalg.norm(x, ord="nuc") + linalg.norm(x, ord=1, axis=0)
    parts = [q.reshape(-1), med, lse, counts, edges, binned, mom, c.reshape(-1), n]
    return parts


def small_program(x):
    """Fewer ops for dynamo (tracing cost grows with each): selection quantile, logsumexp, histogram, bincount."""
    counts, edges = stats.histogram(x, bins=4)
    return [
        stats.quantile(x, 0.3, axis=1),
        stats.logsumexp(x, axis=1),
        counts,
        edges,
        stats.bincount(counts, minlength=8),
        linalg.norm(x, ord=1, axis=0),
    ]


def _flat(parts):
    return np.concatenate([to_numpy(p).astype(np.float64).reshape(-1) for p in parts])


def test_stats_inside_torch_compile_fullgraph():
    torch = pytest.importorskip("torch")
    x = torch.randn(6, 6, generator=torch.Generator().manual_seed(0))
    eager = small_program(x)
    compiled = torch.compile(small_program, fullgraph=True, backend="eager")(x)
    np.testing.assert_allclose(_flat(compiled), _flat(eager), rtol=1e-5, atol=1e-5)


def test_triangular_solves_inside_torch_compile_fullgraph():
    torch = pytest.importorskip("torch")
    a = torch.eye(4) * 3 + torch.tril(torch.ones(4, 4))

    def solve(a, b):
        return (
            linalg.cholesky_solve(a, linalg.solve_triangular(a, b, lower=True))
            + linalg.expm(a / 10) @ b
        )

    b = torch.ones(4, 2)
    eager = solve(a, b)  # the first call finds (imports) the fast paths, which dynamo cannot trace
    compiled = torch.compile(solve, fullgraph=True, backend="eager")(a, b)
    torch.testing.assert_close(compiled, eager)


def test_stats_inside_mx_compile():
    mx = pytest.importorskip("mlx.core")
    x = mx.random.normal((6, 6), key=mx.random.key(0))
    eager = program(x)
    compiled = mx.compile(program)(x)
    np.testing.assert_allclose(_flat(compiled), _flat(eager), rtol=1e-5, atol=1e-5)
