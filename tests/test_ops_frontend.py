"""ember_ml.ops: every standard function, with the standard's signature, dispatching on its inputs."""

from __future__ import annotations

import inspect
import math

import pytest

import ember_ml
from ember_ml import ops
from ember_ml.ops._spec import SPEC

strict = pytest.importorskip("array_api_strict")
# The creation functions that take Dask's chunks= besides the standard's parameters.
_CHUNKED = {"arange", "empty", "eye", "full", "linspace", "ones", "zeros"}


def ops_function(extension, name):
    return getattr(getattr(ops, extension) if extension else ops, name)


def test_ops_has_every_standard_function_with_a_docstring():
    for extension, name, _params, _summary in SPEC:
        function = ops_function(extension, name)
        assert callable(function)
        assert function.__doc__ and function.__doc__.split("\n")[0].endswith(".")


def _parameters(function):
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize("row", SPEC, ids=lambda row: ".".join(filter(None, row[:2])))
def test_signature_matches_array_api_strict(row):
    extension, name, _params, _summary = row
    reference_module = getattr(strict, extension) if extension else strict
    if not hasattr(reference_module, name):
        pytest.skip(f"array-api-strict {strict.__version__} has no {name}")
    reference = getattr(reference_module, name)
    ours = _parameters(ops_function(extension, name))
    theirs = _parameters(reference)
    # array-api-strict marks "not given" with a private sentinel where the standard says None.
    theirs = [(n, k, None if type(d).__name__ == "Undef" else d) for n, k, d in theirs]
    if name in _CHUNKED:  # Dask's chunking, after the standard's parameters
        theirs.append(("chunks", inspect.Parameter.KEYWORD_ONLY, None))
    assert ours == theirs


def test_linearalg_is_the_seeds_alias_of_linalg():
    assert ops.linearalg is ops.linalg


def test_constants():
    assert ops.pi == math.pi and ops.e == math.e and ops.newaxis is None
    assert math.isinf(ops.inf) and math.isnan(ops.nan)


def test_dtypes_and_info_follow_the_selected_backend():
    with ember_ml.use_backend("numpy"):
        np_float32 = ops.float32
        assert ops.__array_namespace_info__().default_dtypes()["real floating"] == ops.float64
    torch = pytest.importorskip("torch")
    with ember_ml.use_backend("torch"):
        assert ops.float32 is torch.float32
        assert ops.zeros((2,), dtype=ops.float32).dtype == torch.float32
    assert np_float32 is not torch.float32


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'frobnicate'"):
        ops.frobnicate  # noqa: B018


def _to_strict(x):
    import numpy as np

    from ember_ml.tensor import convert_to_tensor

    return strict.asarray(np.asarray(convert_to_tensor(x, backend="numpy")))


def _assert_same(ours, reference, xp):
    import numpy as np

    from ember_ml.tensor import convert_to_tensor

    ours_np = np.asarray(convert_to_tensor(ours, backend="numpy"))
    reference_np = np.asarray(reference)
    assert ours_np.shape == reference_np.shape
    if reference.dtype == strict.__array_namespace_info__().default_dtypes()["indexing"]:
        # The default index dtype is the library's choice (int32 on MLX, int64 elsewhere).
        assert ours.dtype == xp.__array_namespace_info__().default_dtypes()["indexing"]
    else:
        assert str(ours.dtype).rpartition(".")[2] == str(reference.dtype).rpartition(".")[2]
    np.testing.assert_allclose(ours_np, reference_np, rtol=1e-6, atol=1e-6)


CALLS = [
    ("sin", lambda f, a, b: f(a)),
    ("add", lambda f, a, b: f(a, b)),
    ("add_scalar", lambda f, a, b: f(a, 2.0)),
    ("multiply", lambda f, a, b: f(a, b)),
    ("sum", lambda f, a, b: f(a, axis=0)),
    ("mean", lambda f, a, b: f(a, axis=1, keepdims=True)),
    ("where", lambda f, a, b: f(a > b, a, b)),
    ("matmul", lambda f, a, b: f(a, b)),
    ("clip", lambda f, a, b: f(a, min=0.1, max=0.5)),
    ("concat", lambda f, a, b: f([a, b], axis=0)),
    ("stack", lambda f, a, b: f((a, b))),
    ("argsort", lambda f, a, b: f(a, axis=-1)),
    ("cumulative_sum", lambda f, a, b: f(a, axis=0)),
    ("linalg.vector_norm", lambda f, a, b: f(a, axis=-1)),
    ("linalg.matrix_transpose", lambda f, a, b: f(a)),
    ("fft.rfft", lambda f, a, b: f(a)),
]


@pytest.mark.parametrize("name, call", CALLS, ids=[c[0] for c in CALLS])
def test_ops_give_the_standards_answer(xp, name, call):
    a = xp.asarray([[0.25, 0.5, 0.75], [1.0, -0.5, 0.125], [0.0, 2.0, -1.0]], dtype=xp.float32)
    b = xp.asarray([[0.5, 0.25, 1.0], [0.0, 0.5, 2.0], [1.5, -1.0, 0.25]], dtype=xp.float32)
    function_name = name.replace("_scalar", "")
    extension, _, attribute = function_name.rpartition(".")
    ours = call(ops_function(extension, attribute), a, b)
    reference_module = getattr(strict, extension) if extension else strict
    reference = call(getattr(reference_module, attribute), _to_strict(a), _to_strict(b))
    assert ember_ml.array_namespace(ours) is xp  # native arrays in, the same library out
    _assert_same(ours, reference, xp)


def test_creation_functions_take_device(xp):
    device = xp.__array_namespace_info__().default_device()
    with ember_ml.use_backend("numpy"):
        x = ops.zeros_like(xp.ones(3), device=device)  # dispatches on x, whatever is selected
    assert ember_ml.array_namespace(x) is xp


def test_mixed_library_call_raises_type_error():
    np = pytest.importorskip("numpy")
    torch = pytest.importorskip("torch")
    with pytest.raises(TypeError, match="convert_to_tensor"):
        ops.add(np.ones(2), torch.ones(2))


def test_data_type_functions_dispatch_on_dtypes():
    np = pytest.importorskip("numpy")
    torch = pytest.importorskip("torch")
    assert ops.isdtype(torch.float32, "real floating")
    assert ops.result_type(torch.float32, torch.float64) == torch.float64
    assert ops.can_cast(np.dtype("int8"), np.dtype("int16"))
    assert ops.finfo(torch.float32).eps == torch.finfo(torch.float32).eps
    assert ops.iinfo(np.int16).max == 32767


def test_asarray_keeps_an_arrays_library_and_uses_the_selected_backend_for_data(xp):
    x = xp.asarray([1.0, 2.0])
    with ember_ml.use_backend("numpy"):
        assert ember_ml.array_namespace(ops.asarray(x)) is xp
        np = pytest.importorskip("numpy")
        assert isinstance(ops.asarray([1.0, 2.0]), np.ndarray)
        assert isinstance(ops.asarray(memoryview(b"ab")), np.ndarray)


def test_a_dtype_argument_decides_creation_functions():
    torch = pytest.importorskip("torch")
    with ember_ml.use_backend("numpy"):
        z = ops.zeros((2,), dtype=torch.float16)
        r = ops.arange(3, dtype=torch.int32)
    assert isinstance(z, torch.Tensor) and z.dtype == torch.float16
    assert isinstance(r, torch.Tensor) and r.tolist() == [0, 1, 2]


def test_sequence_functions_cache_by_element_type_and_still_refuse_mixed_libraries():
    import numpy as np

    torch = pytest.importorskip("torch")
    a, t = np.ones(2), torch.ones(2)
    assert ops.concat([a, a]).tolist() == [1.0] * 4  # fills the cache for ndarray
    assert ops.stack([t, t]).shape == (2, 2)  # a torch call after it is served by torch
    for mixed in ([a, t], [t, a], [a, a, t]):
        with pytest.raises(TypeError, match="different libraries"):
            ops.concat(mixed)


def test_type_caches_are_bounded_for_array_subclasses_made_on_the_fly():
    import gc
    import weakref

    import numpy as np

    from ember_ml import _namespace

    refs = []
    for i in range(3 * _namespace.CACHE_LIMIT):
        cls = type(f"Sub{i}", (np.ndarray,), {})
        x = np.ones(2).view(cls)
        ops.add(x, x)
        ops.concat([x, x])
        refs.append(weakref.ref(cls))
        del cls, x
    gc.collect()
    assert sum(ref() is not None for ref in refs) <= 2 * _namespace.CACHE_LIMIT


def test_calls_without_arrays_follow_the_selection_after_caching():
    import numpy as np

    torch = pytest.importorskip("torch")
    for name, array_type in (("numpy", np.ndarray), ("torch", torch.Tensor), ("numpy", np.ndarray)):
        with ember_ml.use_backend(name):
            for result in (
                ops.zeros((2,)),
                ops.asarray([1.0, 2.0]),
                ops.linspace(0.0, 1.0, 3),
                ops.fft.fftfreq(4),
                ops.asarray(2.0),
            ):
                assert isinstance(result, array_type), (name, type(result))


def test_numpy_dtype_classes_are_cached_by_class_not_by_their_type():
    import numpy as np

    torch = pytest.importorskip("torch")
    for _ in range(2):  # the second round is served from the caches
        assert ops.finfo(np.float32).bits == 32 and ops.finfo(np.float64).bits == 64
        assert ops.iinfo(np.int8).max == 127 and ops.iinfo(np.int64).max == 2**63 - 1
        assert ops.can_cast(np.float32, np.float64) and not ops.can_cast(np.float64, np.float32)
        assert ops.isdtype(np.int8, "integral") and not ops.isdtype(np.float16, "integral")
        assert ops.result_type(np.float32, np.float64) == np.float64
        assert ops.result_type(np.int8, np.uint8) == np.int16
        assert ops.result_type(torch.float32, torch.float16) == torch.float32
        with pytest.raises(TypeError, match="different libraries"):
            ops.result_type(np.float32, torch.float64)


def test_sequence_functions_read_a_generator_once(xp):
    expected = xp.concat([xp.ones(2), xp.ones(2), xp.ones(2)])
    result = ops.concat(xp.ones(2) for _ in range(3))
    assert ember_ml.array_namespace(result) is xp
    assert tuple(result.shape) == tuple(expected.shape) == (6,)
