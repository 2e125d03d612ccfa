"""Hostile input to the scatter family never crashes the process (DESIGN.md rule 5, issue 7).

Found with a crash probe: MLX died on a zero-size slice (SIGFPE in its scatter), on
results it could not allocate (SIGSEGV), and one_hot silently wrapped classes past
the range of a narrow integer dtype.
"""

from __future__ import annotations

import numpy as np
import pytest
from hostile import run_hostile

from ember_ml import ops
from ember_ml.backend import to_numpy

AGGRS = ["add", "mean", "max", "min", "prod"]


def test_mlx_hostile_scatter_calls_raise_or_return():
    cases: list[tuple[str, str | tuple[str, ...]]] = []
    for aggr in AGGRS:
        cases += [
            (
                f"N(ops.scatter(A(np.zeros((3, 0)), 'float32'), A([0, 1, 0]), aggr='{aggr}')).shape == (2, 0)",
                "returned",
            ),
            (
                f"ops.scatter(A(np.zeros((3, 0)), 'float32'), A([0, 1, 5]), dim_size=2, aggr='{aggr}')",
                "IndexError",
            ),
            (
                f"ops.scatter(A([1.0, 2.0, 3.0], 'float32'), A([0, 1, 0]), dim_size=2**31 - 1, aggr='{aggr}')",
                "MemoryError",
            ),
            (
                f"ops.scatter(A([1.0, 2.0, 3.0], 'float32'), A([0, 1, 0]), dim_size=2**31, aggr='{aggr}')",
                "ValueError",
            ),
            (
                f"ops.scatter(A([1.0, 2.0, 3.0], 'float32'), A([0, 1, 0]), dim_size=2**63, aggr='{aggr}')",
                "ValueError",
            ),
        ]
    for name in ["segment_sum", "segment_mean", "segment_max", "segment_min"]:
        cases += [
            (
                f"ops.{name}(A([1.0, 2.0, 3.0], 'float32'), A([0, 1, 0]), num_segments=2**31 - 1)",
                "MemoryError",
            ),
            (
                f"N(ops.{name}(A(np.zeros((3, 0)), 'float32'), A([0, 1, 0]))).shape == (2, 0)",
                "returned",
            ),
        ]
    cases += [
        ("ops.one_hot(A([0, 1, 0]), 2**31 - 1)", "MemoryError"),
        ("ops.one_hot(A(np.zeros((0,), 'int64')), 2**31 - 1)", "MemoryError"),
        ("ops.one_hot(A(np.zeros((2, 0), 'int64')), 2**31 - 1)", "MemoryError"),
        ("ops.one_hot(A([0, 1]), 2**40)", "ValueError"),
        ("ops.index_update(A(np.zeros((3, 0)), 'float32'), A([0, 1]), 1.0, op='add')", "returned"),
        ("ops.index_update(A(np.zeros((3, 0)), 'float32'), A([0, 1]), 1.0, op='max')", "returned"),
    ]
    run_hostile("mlx", cases)


def test_mlx_size_past_int32_names_it():
    mx = pytest.importorskip("mlx.core")
    with pytest.raises(ValueError, match="2147483648"):
        ops.scatter(mx.array([1.0, 2.0]), mx.array([0, 1]), dim_size=2**31)
    with pytest.raises(ValueError, match="9223372036854775808"):
        ops.segment_sum(mx.array([1.0, 2.0]), mx.array([0, 1]), num_segments=2**63)


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int16"])
def test_one_hot_classes_past_a_narrow_dtype_do_not_wrap(xp, dtype):
    """Classes beyond the dtype's range compared in x's dtype wrapped around: 1 matched class 257 too."""
    info = np.iinfo(dtype)
    n = int(info.max) + 3
    x = np.asarray([1, int(info.max), 0], dtype=dtype)
    got = to_numpy(ops.one_hot(xp.asarray(x), n, dtype=xp.int64))
    want = np.zeros((x.shape[0], n), dtype=np.int64)
    np.put_along_axis(want, x.astype(np.int64)[:, None], 1, axis=1)
    np.testing.assert_array_equal(got, want)


def test_index_update_python_scalars_of_the_wrong_kind_raise(xp):
    """MLX turned 1j into False for a bool x and wrapped 300 into a uint8 x; torch and NumPy disagreed."""
    idx = xp.asarray(np.asarray([0, 1]))
    flags = xp.asarray(np.asarray([True, False, True]))
    small = xp.asarray(np.asarray([1, 2, 3], dtype=np.uint8))
    with pytest.raises(TypeError, match="complex"):
        ops.index_update(flags, idx, 1j)
    with pytest.raises(TypeError, match="float"):
        ops.index_update(small, idx, 1.5)
    with pytest.raises(OverflowError, match="300"):
        ops.index_update(small, idx, 300)
    with pytest.raises(OverflowError, match=str(2**70)):
        ops.index_update(xp.asarray(np.asarray([1, 2, 3], dtype=np.int64)), idx, 2**70)
    with pytest.raises(TypeError, match="str"):
        ops.index_update(small, idx, "s")
    # what the rule allows still matches NumPy
    want = np.asarray([255, 255, 3], dtype=np.uint8)
    np.testing.assert_array_equal(to_numpy(ops.index_update(small, idx, 255)), want)
    np.testing.assert_array_equal(
        to_numpy(ops.index_update(flags, idx, False)), [False, False, True]
    )
