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
                "ValueError",
            ),
            (
                "ops.tensordot(A(np.ones((2, 2))), A(np.ones((2, 2))), axes=2**63)",
                ("ValueError", "OverflowError"),
            ),
            (
                "ops.tensordot(A(np.ones((2, 2))), A(np.ones((2, 2))), axes=-1)",
                "ValueError",
            ),
            (
                "N(ops.tensordot(A(np.ones((2, 3))), A(np.ones((3, 4))), axes=1)).shape == (2, 4)",
                "returned",
            ),
        ],
        timeout=60,
    )


@pytest.mark.parametrize("library", ["numpy", "torch", "mlx"])
def test_tensordot_checks_axes(library):
    """The standard: an integer ``axes`` is non-negative and at most each input's rank, and
    contracted axes have equal sizes; a bad ``axes`` is a ValueError (torch's own: RuntimeError).
    (array-api-strict and Dask pass ``axes=-1`` on to NumPy, which answers an outer product.)"""
    import numpy as np

    strict = pytest.importorskip("array_api_strict")
    native = pytest.importorskip({"mlx": "mlx.core"}.get(library, library))
    a, b = np.ones((2, 3), np.float32), np.ones((3, 4), np.float32)
    x1, x2 = (native.array(v) if library == "mlx" else native.asarray(v) for v in (a, b))
    for axes in (-1, 3, ([0], [0])):
        with pytest.raises(ValueError):
            ops.tensordot(x1, x2, axes=axes)
    want = strict.tensordot(strict.asarray(a), strict.asarray(b), axes=1)
    got = ops.tensordot(x1, x2, axes=np.int64(1))
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))


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


# --------------------------------------------------------------------------- left from issue 7


def _namespace(library):
    """ember_ml's namespace for ``library``'s arrays (skipped where it is not installed)."""
    import ember_ml

    module = pytest.importorskip("mlx.core" if library == "mlx" else library)
    return ember_ml.array_namespace(module.zeros(1))


def _np(a):
    from ember_ml.backend import to_numpy

    return to_numpy(a)


@pytest.mark.parametrize("bounds", [(-3.4e38, 3.4e38), (-3e38, 1e38), None])
def test_float32_histogram_over_a_range_wider_than_float32_counts_as_numpy_float64(xp, bounds):
    import numpy as np

    from ember_ml.ops import stats

    rng = np.random.default_rng(19)
    data = np.concatenate([rng.uniform(-3.4e38, 3.4e38, 500), [0.0, 3.4e38, -3.4e38, 1e38]])
    data = data.astype(np.float32)
    want_counts, want_edges = np.histogram(data.astype(np.float64), bins=7, range=bounds)
    counts, edges = stats.histogram(xp.asarray(data), bins=7, range=bounds)
    np.testing.assert_array_equal(_np(counts), want_counts)
    np.testing.assert_allclose(_np(edges).astype(np.float64), want_edges, rtol=1e-6)


@pytest.mark.parametrize("dtype", ["int8", "int32", "uint8", "uint32", "bool"])
def test_nansum_of_small_integers_does_not_wrap(xp, dtype):
    """NumPy sums in 64 bits; MLX's int32 sum wrapped to a negative number."""
    import numpy as np

    from ember_ml.ops import stats

    top = {"int8": 127, "int32": 2**31 - 1, "uint8": 255, "uint32": 2**32 - 1, "bool": 1}[dtype]
    data = np.full((4, 3), top, dtype=dtype)
    for axis in (None, 0):
        want = np.nansum(data, axis=axis)
        got = _np(stats.nansum(xp.asarray(data), axis=axis))
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("library", ["numpy", "torch", "mlx"])
def test_expm_of_a_matrix_whose_norm_overflows_is_nan_like_scipy(library):
    """torch's matrix_exp answered the identity for a float32 matrix of 3.4e38 entries."""
    import numpy as np

    scipy_linalg = pytest.importorskip("scipy.linalg")
    from ember_ml.ops import linalg

    xp = _namespace(library)
    for fill in (3.4e38, -3.4e38):
        m = np.full((3, 3), fill, dtype=np.float32)
        want = scipy_linalg.expm(m.astype(np.float64))
        got = _np(linalg.expm(xp.asarray(m)))
        assert np.isnan(want).all()
        assert np.isnan(got).all(), got
    ok = np.array([[0.0, 1.0], [0.0, 0.0]], dtype=np.float32)
    np.testing.assert_allclose(_np(linalg.expm(xp.asarray(ok))), scipy_linalg.expm(ok), rtol=1e-6)


_KEYS = [
    (True, [True, False]),
    ([True, False], True),
    (slice(None), [0, 1], slice(None), True),
    (True, slice(None), [0, 2]),
    (True, [[0], [1]], [1, 2]),
    ([1, 0], Ellipsis, True, [3, 1]),
    (False, [0], [2]),
]


@pytest.mark.parametrize("index", range(len(_KEYS)))
@pytest.mark.parametrize(
    "library", ["numpy", "torch", "mlx"]
)  # (array-api-strict refuses these keys)
def test_a_0d_boolean_key_beside_array_keys_indexes_as_numpy(library, index):
    """MLX raised IndexError beside a boolean array and read the wrong elements when the
    0-d mask separated the array indices (NumPy then moves their axes to the front)."""
    import numpy as np

    xp = _namespace(library)
    raw = _KEYS[index]
    a = np.arange(24).reshape(2, 3, 4)
    key = tuple(xp.asarray(k) if isinstance(k, list) else k for k in raw)
    x = xp.asarray(a)
    np.testing.assert_array_equal(_np(x[key]), a[raw])
    y = xp.asarray(a)
    y[key] = -1
    want = a.copy()
    want[raw] = -1
    np.testing.assert_array_equal(_np(y), want)


def test_a_python_number_where_an_array_is_required_is_a_type_error():
    from ember_ml.ops import linalg, stats

    calls = [
        lambda: ops.astype(3.0, ops.float32),
        lambda: stats.mean(3.0),
        lambda: stats.nansum(2),
        lambda: stats.histogram(3.0),
        lambda: stats.quantile(2, 0.5),
        lambda: linalg.expm(3.0),
        lambda: linalg.lstsq(1.0, 2.0),
        lambda: stats.mean(None),
    ]
    for call in calls:
        with pytest.raises(TypeError, match="expected an array"):
            call()
