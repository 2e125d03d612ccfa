"""finfo / iinfo answer the standard's types (Python numbers, the namespace's own dtype) on every library."""

from __future__ import annotations

import pytest

from ember_ml import ops

strict = pytest.importorskip("array_api_strict")


@pytest.mark.parametrize(
    "name, real", [("float32", "float32"), ("float64", "float64"), ("complex64", "float32")]
)
def test_finfo_matches_array_api_strict(xp, name, real):
    if not hasattr(xp, name) or name not in xp.__array_namespace_info__().dtypes():
        pytest.skip(f"{xp.__name__} has no {name} on its default device")
    dtype = getattr(xp, name)
    expected = strict.finfo(getattr(strict, name))
    for arg in (dtype, xp.asarray(1, dtype=dtype)):
        for info in (xp.finfo(arg), ops.finfo(arg)):
            assert type(info.bits) is int and info.bits == expected.bits
            for field in ("eps", "max", "min", "smallest_normal"):
                assert type(getattr(info, field)) is float
                assert getattr(info, field) == getattr(expected, field)
            assert info.dtype == getattr(xp, real) and not isinstance(info.dtype, str)


@pytest.mark.parametrize("name", ["int8", "int64", "uint8"])
def test_iinfo_matches_array_api_strict(xp, name):
    dtype = getattr(xp, name)
    expected = strict.iinfo(getattr(strict, name))
    for arg in (dtype, xp.asarray(1, dtype=dtype)):
        info = ops.iinfo(arg)
        assert (info.bits, info.min, info.max) == (expected.bits, expected.min, expected.max)
        assert all(type(v) is int for v in (info.bits, info.min, info.max))
        assert info.dtype == dtype
