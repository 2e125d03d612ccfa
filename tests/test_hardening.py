"""Hostile (or merely unlucky) calls from issue 19: each raises a clear error or gives the
standard's answer, never a hang, a huge allocation or a silent wrong result.

Calls that could hang or exhaust memory on a regression run in a child process (``hostile``);
array-api-strict and NumPy are the oracles.
"""

from __future__ import annotations

import pytest
from hostile import run_hostile

from ember_ml import ops


@pytest.mark.parametrize("backend", ["numpy", "torch", "mlx"])
def test_tensordot_with_a_huge_integer_axes_raises_at_once(backend):
    """NumPy's tensordot built ``list(range(2**31))`` before checking ``axes``."""
    run_hostile(
        backend,
        [
            (
                "ops.tensordot(A(np.ones((2, 2))), A(np.ones((2, 2))), axes=2**31)",
                ("ValueError", "RuntimeError"),
            ),
            (
                "ops.tensordot(A(np.ones((2, 2))), A(np.ones((2, 2))), axes=2**63)",
                ("ValueError", "RuntimeError", "OverflowError"),
            ),
            (
                "ops.tensordot(A(np.ones((2, 2))), A(np.ones((2, 2))), axes=-1)",
                ("ValueError", "RuntimeError"),
            ),
            (
                "N(ops.tensordot(A(np.ones((2, 3))), A(np.ones((3, 4))), axes=1)).shape == (2, 4)",
                "returned",
            ),
        ],
        timeout=60,
    )


def test_numpy_tensordot_checks_integer_axes():
    """The standard: an integer ``axes`` is non-negative and at most each input's rank."""
    import numpy as np

    strict = pytest.importorskip("array_api_strict")
    a, b = np.ones((2, 3)), np.ones((3, 4))
    for axes in (-1, 3):
        with pytest.raises(ValueError, match="axes"):
            ops.tensordot(a, b, axes=axes)
    want = strict.tensordot(strict.asarray(a), strict.asarray(b), axes=1)
    np.testing.assert_array_equal(ops.tensordot(a, b, axes=np.int64(1)), np.asarray(want))


@pytest.mark.parametrize("axis", [1, -2, 5])
def test_take_along_axis_with_an_axis_out_of_range_raises(xp, axis):
    """torch wrapped the axis (``axis % ndim``) and answered; array-api-strict raises AxisError."""
    x = xp.asarray([1.0, 2.0, 3.0])
    i = xp.asarray([2, 0])
    with pytest.raises((IndexError, ValueError)):
        ops.take_along_axis(x, i, axis=axis)
