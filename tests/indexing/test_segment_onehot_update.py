"""segment_* (keras.ops semantics, NumPy reference), one_hot (torch.nn.functional.one_hot) and index_update."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scatter_helpers import as_numpy, is_lazy, to_xp

from ember_ml import ops

torch = pytest.importorskip("torch", reason="torch is the oracle of these tests")

EXAMPLES = int(os.environ.get("EMBER_ML_SCATTER_EXAMPLES", "20"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def segment_reference(data: np.ndarray, ids: np.ndarray, n: int, reduce: str) -> np.ndarray:
    """keras/TF unsorted_segment_* semantics, one segment at a time in NumPy."""
    out = np.zeros((n, *data.shape[1:]), dtype=data.dtype)
    for s in range(n):
        rows = data[ids == s]
        if len(rows) == 0:
            if reduce in ("max", "min"):
                if np.issubdtype(data.dtype, np.integer):
                    info = np.iinfo(data.dtype)
                    out[s] = info.min if reduce == "max" else info.max
                else:
                    out[s] = -np.inf if reduce == "max" else np.inf
            continue
        if reduce == "sum":
            out[s] = rows.sum(axis=0)
        elif reduce == "max":
            out[s] = rows.max(axis=0)
        elif reduce == "min":
            out[s] = rows.min(axis=0)
        elif np.issubdtype(data.dtype, np.integer):
            out[s] = np.trunc(rows.sum(axis=0) / len(rows))
        else:
            out[s] = rows.sum(axis=0) / len(rows)
    return out


@st.composite
def segment_case(draw):
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.integers(1, 8))
    N = draw(st.integers(0, 20))
    kind = draw(st.sampled_from(["uniform", "one-segment", "unused"]))
    ids = {
        "uniform": rng.integers(0, n, N),
        "one-segment": np.full(N, n - 1),
        "unused": rng.integers(0, 1 + n // 3, N),
    }[kind]
    inner = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    dtype = draw(st.sampled_from([np.float32, np.int64]))
    data = (
        rng.integers(-9, 9, (N, *inner)).astype(dtype)
        if dtype == np.int64
        else rng.standard_normal((N, *inner)).astype(dtype)
    )
    return (
        data,
        ids,
        n,
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.sampled_from(["sum", "mean", "max", "min"])),
    )


@SETTINGS
@given(case=segment_case())
def test_segment_reductions_match_numpy_reference(xp, impl, case):
    data, ids, n, give_n, is_sorted, reduce = case
    if is_sorted:
        order = np.argsort(ids, kind="stable")
        data, ids = data[order], ids[order]
    if not give_n:
        n = int(ids.max()) + 1 if len(ids) else 0
    result = getattr(ops, f"segment_{reduce}")(
        to_xp(xp, data), to_xp(xp, ids), num_segments=n if give_n else None, sorted=is_sorted
    )
    got = as_numpy(result)
    assert got.dtype == data.dtype
    np.testing.assert_allclose(got, segment_reference(data, ids, n, reduce), rtol=1e-5, atol=1e-5)


def test_segment_ids_are_checked(xp, impl):
    if is_lazy(xp):
        pytest.skip(
            "Dask is lazy: out-of-range indices are dropped, not raised (ops.indexing bounds policy)"
        )
    data = to_xp(xp, np.ones((3, 2), dtype=np.float32))
    with pytest.raises(
        IndexError,
        match=r"segment_sum: index out of bounds for dim_size 2 \(got indices in \[-1, 1\]\); valid indices are in \[0, 2\)",
    ):
        ops.segment_sum(data, to_xp(xp, np.asarray([0, -1, 1])), num_segments=2)
    with pytest.raises(IndexError, match=r"valid indices are in \[0, 2\)"):
        ops.segment_max(data, to_xp(xp, np.asarray([0, 2, 1])), num_segments=2)
    with pytest.raises(
        ValueError, match=r"segment_ids of shape \(2,\) do not match data of shape \(3, 2\)"
    ):
        ops.segment_mean(data, to_xp(xp, np.asarray([0, 1])))
    with pytest.raises(TypeError, match="segment_ids must be an integer array"):
        ops.segment_min(data, to_xp(xp, np.asarray([0.0, 1.0, 1.0])))


@SETTINGS
@given(
    shape=st.lists(st.integers(0, 4), max_size=3),
    num_classes=st.integers(1, 6),
    axis_pick=st.integers(0, 10),
    seed=st.integers(0, 2**32 - 1),
)
def test_one_hot_matches_torch(xp, shape, num_classes, axis_pick, seed):
    x = np.random.default_rng(seed).integers(0, num_classes, shape)
    axis = axis_pick % (len(shape) + 1) - (len(shape) + 1) * (axis_pick % 2)
    got = as_numpy(ops.one_hot(to_xp(xp, x), num_classes, dtype=xp.float32, axis=axis))
    expected = torch.movedim(
        torch.nn.functional.one_hot(torch.from_numpy(x), num_classes), -1, axis
    ).numpy()
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, expected)


def test_one_hot_default_dtype_and_errors(xp):
    x = to_xp(xp, np.asarray([0, 2]))
    assert (
        ops.one_hot(x, 3).dtype == xp.__array_namespace_info__().default_dtypes()["real floating"]
    )
    if is_lazy(xp):  # lazy: an out-of-range class gives a row of zeros (ops.one_hot)
        for bad in ([0, 3], [0, -1]):
            got = as_numpy(ops.one_hot(to_xp(xp, np.asarray(bad)), 3))
            np.testing.assert_array_equal(got, [[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    else:
        with pytest.raises(
            IndexError,
            match=r"one_hot: class index out of bounds for num_classes 3 \(got values in \[0, 3\]\)",
        ):
            ops.one_hot(to_xp(xp, np.asarray([0, 3])), 3)
        with pytest.raises(IndexError, match=r"got values in \[-1, 0\]"):
            ops.one_hot(to_xp(xp, np.asarray([0, -1])), 3)
    with pytest.raises(TypeError, match="x must be an integer array"):
        ops.one_hot(to_xp(xp, np.asarray([0.0])), 3)


def update_reference(x: np.ndarray, indices: np.ndarray, values: np.ndarray, op: str) -> np.ndarray:
    """NumPy ufunc.at (duplicates accumulate) and an ordered loop for set (last wins)."""
    out = x.copy()
    flat = indices.reshape(-1)
    rows = np.broadcast_to(values, indices.shape + x.shape[1:]).reshape((len(flat), *x.shape[1:]))
    if op == "set":
        for i, r in zip(flat, rows, strict=True):
            out[i] = r
        return out
    ufunc = {
        "add": np.add,
        "subtract": np.subtract,
        "multiply": np.multiply,
        "min": np.minimum,
        "max": np.maximum,
    }[op]
    ufunc.at(out, flat, rows)
    return out


@SETTINGS
@given(
    n=st.integers(1, 6),
    index_shape=st.lists(st.integers(0, 4), max_size=2),
    inner=st.lists(st.integers(1, 3), max_size=2),
    op=st.sampled_from(["set", "add", "subtract", "multiply", "min", "max"]),
    broadcast=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_index_update_matches_numpy_ufunc_at(xp, impl, n, index_shape, inner, op, broadcast, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, *inner)).astype(np.float32)
    indices = rng.integers(-n, n, index_shape)
    values = rng.standard_normal(tuple(inner) if broadcast else (*index_shape, *inner)).astype(
        np.float32
    )
    x_xp = to_xp(xp, x)
    got = as_numpy(ops.index_update(x_xp, to_xp(xp, indices), to_xp(xp, values), op=op))
    np.testing.assert_allclose(got, update_reference(x, indices, values, op), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(as_numpy(x_xp), x)  # out-of-place


def test_index_update_scalar_nan_and_errors(xp, impl):
    x = to_xp(xp, np.asarray([1.0, 2.0, 3.0], dtype=np.float32))
    np.testing.assert_array_equal(
        as_numpy(ops.index_update(x, to_xp(xp, np.asarray([0, 0])), 5.0, op="add")),
        [11.0, 2.0, 3.0],
    )
    got = as_numpy(
        ops.index_update(
            x,
            to_xp(xp, np.asarray([1, 1])),
            to_xp(xp, np.asarray([np.nan, 0.0], dtype=np.float32)),
            op="max",
        )
    )
    assert np.isnan(got[1]) and got[0] == 1.0
    if is_lazy(xp):  # lazy: the out-of-range row is dropped
        got = as_numpy(ops.index_update(x, to_xp(xp, np.asarray([3])), 1.0))
        np.testing.assert_array_equal(got, as_numpy(x))
    else:
        with pytest.raises(
            IndexError,
            match=r"index_update: index out of bounds for dim_size 3 \(got indices in \[3, 3\]\)",
        ):
            ops.index_update(x, to_xp(xp, np.asarray([3])), 1.0)
    with pytest.raises(
        ValueError, match=r"values of shape \(2,\) do not broadcast to x\[indices\] of shape \(3,\)"
    ):
        ops.index_update(
            x, to_xp(xp, np.asarray([0, 1, 2])), to_xp(xp, np.asarray([1.0, 2.0], dtype=np.float32))
        )
    with pytest.raises(ValueError, match="op must be one of"):
        ops.index_update(x, to_xp(xp, np.asarray([0])), 1.0, op="divide")
    flags = to_xp(xp, np.asarray([True, False]))
    np.testing.assert_array_equal(
        as_numpy(ops.index_update(flags, to_xp(xp, np.asarray([1])), True)), [True, True]
    )
    with pytest.raises(TypeError, match="needs a numeric x"):
        ops.index_update(flags, to_xp(xp, np.asarray([1])), True, op="add")
    with pytest.raises(TypeError, match="do not cast safely"):
        ops.index_update(
            to_xp(xp, np.asarray([1, 2])), to_xp(xp, np.asarray([0])), to_xp(xp, np.asarray([1.5]))
        )


@pytest.mark.parametrize("op", ["set", "add", "subtract"])
def test_index_update_gradients_torch_and_mlx(op):
    rng = np.random.default_rng(3)
    x0, v0, w = (
        rng.standard_normal((4, 2)),
        rng.standard_normal((3, 2)),
        rng.standard_normal((4, 2)),
    )
    idx = np.asarray([2, 0, 2])
    x, v = torch.tensor(x0, requires_grad=True), torch.tensor(v0, requires_grad=True)
    gx, gv = torch.autograd.grad(
        (ops.index_update(x, torch.from_numpy(idx), v, op=op) * torch.from_numpy(w)).sum(), (x, v)
    )
    # reference: torch's own functional index ops
    rx, rv = torch.tensor(x0, requires_grad=True), torch.tensor(v0, requires_grad=True)
    if op == "set":
        ref = rx.index_put((torch.tensor([0, 2]),), rv[[1, 2]])
    else:
        ref = rx.index_add(0, torch.from_numpy(idx), rv, alpha=1 if op == "add" else -1)
    ex, ev = torch.autograd.grad((ref * torch.from_numpy(w)).sum(), (rx, rv))
    torch.testing.assert_close((gx, gv), (ex, ev))
    mx = pytest.importorskip("mlx.core")

    def loss(a, b):
        return (ops.index_update(a, mx.array(idx), b, op=op) * mx.array(w, dtype=mx.float32)).sum()

    mgx, mgv = mx.grad(loss, argnums=(0, 1))(
        mx.array(x0, dtype=mx.float32), mx.array(v0, dtype=mx.float32)
    )
    np.testing.assert_allclose(np.asarray(mgx), ex.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(np.asarray(mgv), ev.numpy(), rtol=1e-5, atol=1e-6)


def graph_program(x, ids):
    """Static-shape calls of every kind: segment ops with num_segments, one_hot, index_update."""
    hot = ops.one_hot(ids, 4, dtype=x.dtype)
    seg = ops.segment_sum(x, ids, num_segments=4) + ops.segment_max(
        x, ids, num_segments=4, sorted=True
    )
    rows = ids // 2
    return ops.index_update(hot, rows, seg[:3, None], op="add"), ops.index_update(
        x, rows, -x, op="min"
    )


def test_static_calls_inside_torch_compile_and_mx_compile():
    x = np.asarray([0.5, -1.0, 2.0], dtype=np.float32)
    ids = np.asarray([0, 0, 3])
    # eager first: the first fast_path lookup imports the backend module, which dynamo cannot trace
    eager = graph_program(torch.from_numpy(x), torch.from_numpy(ids))
    compiled = torch.compile(graph_program, fullgraph=True, backend="eager")
    for got, want in zip(compiled(torch.from_numpy(x), torch.from_numpy(ids)), eager, strict=True):
        torch.testing.assert_close(got, want)
    mx = pytest.importorskip("mlx.core")
    got = mx.compile(graph_program)(mx.array(x), mx.array(ids))
    want = graph_program(x, ids)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_allclose(np.asarray(g), w, rtol=1e-6)
