"""Hostile input to the signal extras never crashes or hangs the process (DESIGN.md rule 5, issue 7).

Found with a crash probe: MLX segfaulted on windows it could not allocate, and
``kaiser_window`` with a huge ``beta`` looped for ~beta / 2 series terms (a hang on
every backend).
"""

from __future__ import annotations

import numpy as np
import pytest
from hostile import run_hostile

from ember_ml import ops
from ember_ml.backend import to_numpy

WINDOWS = ["hann_window", "hamming_window", "blackman_window", "bartlett_window", "kaiser_window"]


def test_mlx_hostile_signal_calls_raise_or_return():
    cases: list[tuple[str, str | tuple[str, ...]]] = []
    for name in WINDOWS:
        cases += [
            (f"ops.{name}(2**31 - 1, dtype=A(0.0, 'float32').dtype)", "MemoryError"),
            (f"ops.{name}(2**31, dtype=A(0.0, 'float32').dtype)", "ValueError"),
            (f"ops.{name}(2**63, dtype=A(0.0, 'float32').dtype)", "ValueError"),
        ]
    cases += [
        ("ops.kaiser_window(8, beta=2.0**70, dtype=A(0.0, 'float32').dtype)", "ValueError"),
        ("ops.frame(A(np.arange(16.0), 'float32'), 2**63, 1)", "ValueError"),
        ("ops.frame(A(np.arange(16.0), 'float32'), 2**31, 1, pad_end=True)", "ValueError"),
        ("ops.frame(A(np.arange(16.0), 'float32'), 2**31 - 100, 1, pad_end=True)", "MemoryError"),
        ("ops.stft(A(np.arange(16.0), 'float32'), 2**31, pad_mode='constant')", "ValueError"),
        (
            "ops.istft(A(np.ones((5, 4)) + 0j, 'complex64'), 8, hop_length=2, length=2**40)",
            "ValueError",
        ),
        (
            "ops.istft(A(np.ones((5, 4)) + 0j, 'complex64'), 8, hop_length=2, length=2**31 - 1)",
            "MemoryError",
        ),
    ]
    run_hostile("mlx", cases)


@pytest.mark.parametrize("backend", ["numpy", "torch"])
def test_kaiser_huge_beta_raises_instead_of_hanging(backend):
    """The I0 series ran until k > beta / 2: 2**69 iterations for beta = 2**70."""
    run_hostile(
        backend,
        [
            ("ops.kaiser_window(8, beta=2.0**70, dtype=A(0.0, 'float32').dtype)", "ValueError"),
            ("ops.kaiser_window(8, beta=1e300, dtype=A(0.0, 'float64').dtype)", "ValueError"),
            ("ops.kaiser_window(8, beta=700.0, dtype=A(0.0, 'float64').dtype)", "returned"),
            # no dtype at all, on the selected backend: a TypeError naming it (torch raised AttributeError)
            ("ops.hann_window(8, dtype=42)", "TypeError"),
        ],
        timeout=30,
    )


def test_kaiser_largest_beta_matches_scipy():
    """beta = 700, the largest accepted, is still computed right (float64, generic series)."""
    from scipy.signal.windows import kaiser

    got = to_numpy(ops.kaiser_window(9, periodic=False, beta=700.0, dtype=np.float64))
    np.testing.assert_allclose(got, kaiser(9, 700.0, sym=True), rtol=1e-10, atol=1e-300)
    with pytest.raises(ValueError, match="700"):
        ops.kaiser_window(9, beta=700.5, dtype=np.float64)


@pytest.mark.parametrize("beta", [12.0, 60.0, 95.0])
def test_kaiser_float32_large_beta_matches_scipy(xp, beta):
    """torch.kaiser_window in float32 is NaN from beta ~ 90 (I0(beta) overflows): computed in float64, cast.

    Up to the documented limit (beta below about 100 for float32, where 1 / I0(beta) becomes subnormal).
    """
    from scipy.signal.windows import kaiser

    got = to_numpy(ops.kaiser_window(16, beta=beta, dtype=xp.float32))
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, kaiser(16, beta, sym=False), rtol=2e-5, atol=1e-37)
