"""The NumPy and torch namespaces: fast paths agree with the array-api-compat functions they bypass, fixes hold."""

from __future__ import annotations

import pytest


def test_numpy_matmul_is_compats_answer():
    np = pytest.importorskip("numpy")
    import array_api_compat.numpy as compat

    from ember_ml.backend import numpy as ours

    a = np.arange(6, dtype=np.int16).reshape(2, 3)
    b = np.arange(6, dtype=np.float32).reshape(3, 2)
    for x1, x2 in [(a, b), (b, a), (a.astype(np.float64), b)]:
        expected = compat.matmul(x1, x2)
        got = ours.matmul(x1, x2)
        assert got.dtype == expected.dtype
        np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(
    "dtypes",
    [("float32", "float32"), ("float32", "float64"), ("int16", "float32"), ("int64", "int8")],
)
def test_torch_matmul_and_where_are_compats_answer(dtypes):
    torch = pytest.importorskip("torch")
    import array_api_compat.torch as compat

    from ember_ml.backend import torch as ours

    d1, d2 = (getattr(torch, d) for d in dtypes)
    x1 = torch.arange(9).reshape(3, 3).to(d1)
    x2 = (torch.arange(9).reshape(3, 3) - 4).to(d2)
    condition = torch.arange(9).reshape(3, 3) % 2 == 0
    for got, expected in [
        (ours.matmul(x1, x2), compat.matmul(x1, x2)),
        (ours.where(condition, x1, x2), compat.where(condition, x1, x2)),
        (ours.where(condition, x1[0, 0], x2), compat.where(condition, x1[0, 0], x2)),
        (ours.where(condition, 2, x2), compat.where(condition, 2, x2)),
        (ours.where(condition, x1, 1.5), compat.where(condition, x1, 1.5)),
    ]:
        assert got.dtype == expected.dtype
        assert torch.equal(got, expected)


@pytest.mark.parametrize("dtype", ["float32", "int8", "uint8", "bool", "complex64"])
@pytest.mark.parametrize(
    "axis, keepdims", [(None, False), (None, True), (0, False), ((0, 1), True), ((), False)]
)
def test_torch_sum_is_compats_answer(dtype, axis, keepdims):
    torch = pytest.importorskip("torch")
    import array_api_compat.torch as compat

    from ember_ml.backend import torch as ours

    x = (torch.arange(12).reshape(3, 4) - 5).to(getattr(torch, dtype))
    for sum_dtype in (None, torch.float64):
        expected = compat.sum(x, axis=axis, dtype=sum_dtype, keepdims=keepdims)
        got = ours.sum(x, axis=axis, dtype=sum_dtype, keepdims=keepdims)
        assert got.dtype == expected.dtype and got.shape == expected.shape
        assert torch.equal(got, expected)


def test_numpy_diff_reads_explicit_none_as_absent():
    np = pytest.importorskip("numpy")
    from ember_ml.backend import numpy as ours

    x = np.asarray([[1, 4, 9], [2, 2, 0]])
    np.testing.assert_array_equal(ours.diff(x, prepend=None, append=None), np.diff(x))
    np.testing.assert_array_equal(
        ours.diff(x, axis=0, prepend=x[:1]), np.diff(x, axis=0, prepend=x[:1])
    )
    np.testing.assert_array_equal(
        ours.diff(x, n=2, append=x[:, :1]), np.diff(x, n=2, append=x[:, :1])
    )


@pytest.mark.parametrize(
    "dtypes",
    [("float32", "float32"), ("int16", "int16"), ("float32", "float64"), ("int8", "uint8")],
)
def test_torch_binary_fast_paths_are_compats_answer(dtypes):
    torch = pytest.importorskip("torch")
    import array_api_compat.torch as compat

    from ember_ml.backend import torch as ours
    from ember_ml.backend.torch import _elementwise

    d1, d2 = (getattr(torch, d) for d in dtypes)
    x1 = (torch.arange(12).reshape(3, 4) - 5).to(d1)
    x2 = (torch.arange(12).reshape(3, 4) % 5 + 1).to(d2)
    integral = not (d1.is_floating_point or d2.is_floating_point)
    for name in _elementwise._BINARY:
        if integral and name in ("atan2", "copysign", "hypot", "logaddexp", "nextafter"):
            continue  # floating-only functions
        if not integral and name.startswith("bitwise"):
            continue  # integer-only functions
        for a, b in [(x1, x2), (x1[0, 0], x2), (x1, 2), (3, x2)]:
            try:
                expected = getattr(compat, name)(a, b)
            except (RuntimeError, TypeError) as error:
                with pytest.raises(type(error)):
                    getattr(ours, name)(a, b)
                continue
            got = getattr(ours, name)(a, b)
            assert got.dtype == expected.dtype, name
            assert torch.equal(got, expected) or torch.allclose(got, expected, equal_nan=True), name


@pytest.mark.parametrize(
    "x_shape, i_shape, axis",
    [
        ((3, 4), (3, 2), 1),
        ((3, 4), (1, 5), 1),
        ((2, 3, 4), (2, 1, 4), 1),
        ((5,), (7,), 0),
        ((1, 4), (3, 4), 0),
    ],
)
def test_torch_take_along_axis_is_compats_answer_in_range(x_shape, i_shape, axis):
    torch = pytest.importorskip("torch")
    import array_api_compat.torch as compat

    from ember_ml.backend import torch as ours

    generator = torch.Generator().manual_seed(0)
    x = torch.randn(x_shape, generator=generator)
    size = x_shape[axis]
    indices = torch.randint(-size, size, i_shape, generator=generator)
    assert torch.equal(
        ours.take_along_axis(x, indices, axis=axis), compat.take_along_axis(x, indices, axis=axis)
    )


@pytest.mark.parametrize("bad", [3, 7, -4, 1000])
def test_torch_take_along_axis_out_of_range_raises_index_error(bad):
    torch = pytest.importorskip("torch")
    from ember_ml import ops

    x = torch.arange(3.0)
    with pytest.raises(IndexError):
        ops.take_along_axis(x, torch.tensor([0, bad]), axis=0)
    with pytest.raises(IndexError):
        ops.take(x, torch.tensor([bad]))


def test_numpy_floor_divide_follows_the_standard_for_infinite_operands():
    np = pytest.importorskip("numpy")
    from ember_ml.backend import numpy as ours

    inf = float("inf")
    # (x1, x2, the standard's result): the special cases of floor_divide, and ordinary values
    table = [
        (7.0, 2.0, 3.0),
        (-7.0, 2.0, -4.0),
        (1.0, inf, 0.0),
        (-1.0, inf, -0.0),
        (1.0, -inf, -0.0),
        (-1.0, -inf, 0.0),
        (inf, 3.0, inf),
        (inf, -3.0, -inf),
        (-inf, 3.0, -inf),
        (-inf, -3.0, inf),
        (5.0, -2.0, -3.0),
        (0.0, 4.0, 0.0),
    ]
    x1, x2, expected = (np.asarray(column) for column in zip(*table, strict=True))
    with np.errstate(invalid="ignore"):
        got = ours.floor_divide(x1, x2)
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(expected))
    np.testing.assert_array_equal(ours.floor_divide(np.arange(7), 3), np.arange(7) // 3)
