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


_WITHOUT_MLX = """
import sys
sys.modules[{blocked!r}] = None  # as if MLX were not installed
import ember_ml
from ember_ml import nn
from ember_ml.tensor import convert_to_tensor
calls = {{
    "set_backend": lambda: ember_ml.set_backend("mlx"),
    "convert_to_tensor": lambda: convert_to_tensor([1.0], backend="mlx"),
    "CfC": lambda: nn.CfC(3, 4, backend="mlx"),
}}
for name, call in calls.items():
    try:
        call()
        print(name, "returned")
    except Exception as error:
        print(name, type(error).__name__, error)
"""


@pytest.mark.parametrize("blocked", ["mlx", "mlx.core"])
def test_without_mlx_the_mlx_backend_says_how_to_install_it(blocked):
    """Not a raw ``ModuleNotFoundError: No module named 'mlx.core'``: torch's message."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", _WITHOUT_MLX.format(blocked=blocked)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 3, out.stdout
    for line in lines:
        name, kind, message = line.split(" ", 2)
        assert kind == "ImportError", line
        assert 'pip install "ember-ml[mlx]"' in message, line


def test_an_unknown_backend_in_the_environment_names_the_variable(monkeypatch):
    import ember_ml

    monkeypatch.setenv("EMBER_ML_BACKEND", "jax")
    with pytest.raises(ValueError) as raised:
        ops.zeros((2,))
    message = str(raised.value)
    assert "EMBER_ML_BACKEND" in message and "'jax'" in message
    assert all(name in message for name in ("numpy", "torch", "mlx"))
    with pytest.raises(ValueError, match="EMBER_ML_BACKEND"):
        ember_ml.get_backend()


@pytest.mark.parametrize("blocker", ["file", "folder"])
def test_persist_with_an_unusable_config_path_raises_a_clear_error(tmp_path, blocker):
    """``~/.ember`` a file (or ``~/.ember/backend`` a folder): a message, not a raw FileExistsError."""
    import ember_ml
    from ember_ml import _selection

    path = _selection.config_path()
    if blocker == "file":
        path.parent.write_text("not a folder")
    else:
        path.mkdir(parents=True)
    with pytest.raises(OSError) as raised:
        ember_ml.set_backend("numpy", persist=True)
    assert type(raised.value) is OSError  # not FileExistsError / IsADirectoryError
    assert str(path) in str(raised.value) and "persist=True" in str(raised.value)
    assert ember_ml.get_backend() == _selection.auto_select_backend()  # the selection is unchanged
