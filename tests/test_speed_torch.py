"""ember_ml's torch namespace: every direct path gives the answer of the general path it bypasses.

The general path is array-api-compat's function (``array_api_compat.torch``), or for
``take`` and ``sign`` NumPy's. Each check compares dtype, shape, values (NaN in the
same places, the same sign of zero) or, when the general path raises, that ours raises
too. Inputs cover the dtypes torch shares with the standard, 0-d and empty arrays,
and NaN, +-inf and -0.0.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

torch = pytest.importorskip("torch")
import array_api_compat.torch as compat  # noqa: E402

import ember_ml.backend.torch as ours  # noqa: E402
from ember_ml.backend.torch import _elementwise  # noqa: E402

# torch warns on degenerate input (std of one element, x.mT of a 0-d tensor) on both paths alike
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

SPECIALS = [math.nan, math.inf, -math.inf, -0.0, 0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-40]
FLOAT_DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16]
REAL_DTYPES = [
    *FLOAT_DTYPES,
    torch.int8,
    torch.int16,
    torch.int32,
    torch.int64,
    torch.uint8,
    torch.bool,
]
ALL_DTYPES = [*REAL_DTYPES, torch.complex64, torch.complex128]
SHAPES = [(), (0,), (1,), (7,), (2, 3), (1, 4), (3, 1, 2), (2, 0)]


def _tensor(values, shape, dtype):
    """values (floats) cycled into ``shape``, cast to ``dtype`` (complex: values + reversed values j)."""
    n = math.prod(shape)
    data = [values[k % len(values)] for k in range(n)]
    if dtype.is_complex:
        imag = [values[(-k - 1) % len(values)] for k in range(n)]
        return (
            torch.complex(
                torch.tensor(data, dtype=torch.float64), torch.tensor(imag, dtype=torch.float64)
            )
            .reshape(shape)
            .to(dtype)
        )
    if not dtype.is_floating_point:
        data = [0.0 if not math.isfinite(v) else v for v in data]
    return torch.tensor(data, dtype=torch.float64).reshape(shape).to(dtype)


def _same_values(a, b, exact=True):
    assert type(a) is type(b), (type(a), type(b))
    if isinstance(b, tuple):
        assert len(a) == len(b)
        for p, q in zip(a, b, strict=True):
            _same_values(p, q, exact)
        return
    assert a.dtype == b.dtype, (a.dtype, b.dtype)
    assert a.shape == b.shape, (a.shape, b.shape)
    assert a.device == b.device
    if a.is_complex():
        _same_values(
            torch.view_as_real(a.resolve_conj()), torch.view_as_real(b.resolve_conj()), exact
        )
        return
    if not a.is_floating_point():
        assert torch.equal(a, b), (a, b)
        return
    a64, b64 = a.double(), b.double()
    assert torch.equal(torch.isnan(a64), torch.isnan(b64)), (a, b)
    if exact:
        assert torch.equal(torch.nan_to_num(a64, nan=0.0), torch.nan_to_num(b64, nan=0.0)), (a, b)
        numbers = ~torch.isnan(a64)  # the sign of zero, wherever the value is a number
        assert torch.equal(torch.signbit(a64[numbers]), torch.signbit(b64[numbers])), (a, b)
    else:
        torch.testing.assert_close(a64, b64, rtol=1e-5, atol=1e-6, equal_nan=True)


def _agree(name, *args, exact=True, reference=None, linalg=False, **kwargs):
    """ours.<name>(*args, **kwargs) equals compat.<name>(...) (or ``reference``), or both raise.

    ``linalg=True`` compares the two ``linalg`` namespaces' functions instead.
    """
    mine, theirs = (ours.linalg, compat.linalg) if linalg else (ours, compat)
    general = reference or getattr(theirs, name)
    try:
        expected = general(*args, **kwargs)
    except Exception:  # noqa: BLE001 - the general path refuses this input: so must we
        with pytest.raises(Exception):  # noqa: B017
            getattr(mine, name)(*args, **kwargs)
        return
    _same_values(getattr(mine, name)(*args, **kwargs), expected, exact)


def _compat_sign(x):
    """array-api-compat's sign, on a copy (it writes NaN back into its own output)."""
    return compat.sign(x.clone())


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_unary_and_reduction_fast_paths_match_compat(dtype, shape):
    x = _tensor(SPECIALS, shape, dtype)
    _agree("sign", x, reference=_compat_sign)
    _agree("round", x)
    # complex tanh(+-inf + yj) takes y's sign for its zero imaginary part (the standard) where
    # array-api-compat keeps torch's C99 sign: the values agree, the zeros' signs need not
    _agree(
        "tanh", x, reference=None if dtype.is_complex else torch.tanh, exact=not dtype.is_complex
    )
    for axis in (None, 0, -1, (0,)):
        _agree("flip", x, axis=axis)
    for name in ("sum", "prod"):
        for keepdims in (False, True):
            _agree(name, x, keepdims=keepdims)
            _agree(
                name, x, dtype=torch.float64 if not dtype.is_complex else None, keepdims=keepdims
            )
        _agree(name, x, axis=-1)
    for name in ("max", "min", "mean", "count_nonzero", "any", "all"):
        for keepdims in (False, True):
            _agree(name, x, keepdims=keepdims)
        _agree(name, x, axis=0)
    for name in ("std", "var"):
        for correction in (0, 0.0, 1, 1.0, 2, 0.5):
            _agree(name, x, correction=correction)
        _agree(name, x, keepdims=True)
    for name in ("cumulative_sum", "cumulative_prod"):
        for axis in (None, 0, -1):
            _agree(name, x, axis=axis)
            _agree(name, x, axis=axis, include_initial=True)
        _agree(name, x, dtype=torch.float64 if not dtype.is_complex else torch.complex128)
    for axis in (0, -1, 1, 5, (0,)):
        _agree("squeeze", x, axis)
    _agree("matrix_transpose", x)
    _agree("nonzero", x)
    for shift, axis in ((1, None), (-2, None), (1, 0), ((1, 2), (0, -1)), (3, -1)):
        _agree("roll", x, shift, axis=axis)
    for axis in (0, -1, 1, (0, 2), 9):
        _agree("expand_dims", x, axis)
    for repeats, axis in ((2, None), (0, None), (2, 0), (3, -1), (torch.tensor(2), None)):
        _agree("repeat", x, repeats, axis=axis)
    for target in ((2, *shape), shape, (3,), (1, 1, 1, *shape)):
        _agree("broadcast_to", x, target)
    _agree("diff", x)
    _agree("diff", x, axis=0, n=2)
    _agree("diff", x, prepend=x)
    for shape_to in ((-1,), (1, -1), (0,)):
        for copy in (None, True, False):
            _agree("reshape", x, shape_to, copy=copy)
    if not dtype.is_complex:
        for descending in (False, True):
            for stable in (True, False):
                _agree("sort", x, descending=descending, stable=stable)
                _agree("sort", x, axis=0, descending=descending, stable=stable)
            _agree("argsort", x, descending=descending)
            _agree("argsort", x, axis=0, descending=descending)
        _agree("argsort", x, stable=False)
        for bounds in (
            (0.0, 0.5),
            (-1.0, 1.0),
            (2.0, -2.0),
            (math.nan, 1.0),
            (0.0, None),
            (None, None),
            (0, 1),
            (-1000, 1000),
            (0.5, 2),
        ):
            _agree("clip", x, *bounds)


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
def test_sign_is_nan_for_nan_and_numpys_sign_elsewhere_on_long_arrays(dtype):
    """Long arrays go through torch's vectorized kernels: every lane keeps its NaN (NumPy as oracle)."""
    generator = np.random.default_rng(0)
    values = generator.standard_normal(1031) * 10.0
    values[generator.integers(0, 1031, 60)] = math.nan
    values[generator.integers(0, 1031, 20)] = math.inf
    values[generator.integers(0, 1031, 20)] = -math.inf
    values[generator.integers(0, 1031, 20)] = 0.0
    x = _tensor(values.tolist(), (1031,), dtype)
    out = ours.sign(x)
    _same_values(out, _compat_sign(x))
    if dtype in (torch.bfloat16, torch.float16, torch.bool) or dtype.is_complex:
        return  # NumPy has no bool or half-float sign to compare with; complex goes through compat (checked above)
    np.testing.assert_array_equal(out.numpy(), np.sign(x.numpy()))  # NumPy: NaN for NaN


def _pair_dtypes():
    same = [(d, d) for d in ALL_DTYPES]
    mixed = [
        (torch.float32, torch.float64),
        (torch.int8, torch.int64),
        (torch.uint8, torch.int8),
        (torch.int32, torch.float32),
        (torch.complex64, torch.float64),
        (torch.bool, torch.int16),
    ]
    return same + mixed


@pytest.mark.parametrize("dtypes", _pair_dtypes(), ids=str)
@pytest.mark.parametrize(
    "shapes",
    [
        ((5,), (5,)),
        ((), (5,)),
        ((2, 3), ()),
        ((), ()),
        ((2, 1), (3,)),
        ((0,), (0,)),
        ((1, 0), (3, 1)),
    ],
    ids=str,
)
def test_two_array_fast_paths_match_compat(dtypes, shapes):
    x1 = _tensor(SPECIALS, shapes[0], dtypes[0])
    x2 = _tensor(SPECIALS[::-1], shapes[1], dtypes[1])
    for name in _elementwise._BINARY:
        _agree(name, x1, x2)
    _agree("where", x1 == x1, x1, x2)  # noqa: PLR0124 - NaN makes this a real mask
    for axis in (-1, -2, 0):
        _agree("vecdot", x1, x2, axis=axis, exact=False)
        if torch.bool not in dtypes:  # not numeric: compat's linalg refuses even empty bool vectors
            _agree("vecdot", x1, x2, axis=axis, exact=False, linalg=True)
    _agree("matmul", x1, x2)
    _agree("matmul", x1, x2, linalg=True)
    _agree("matrix_transpose", x1, linalg=True)
    _agree("tensordot", x1, x2, axes=1, linalg=True)
    _agree("tensordot", x1, x2, axes=0)
    _agree("tensordot", x1, x2, axes=1)
    _agree("tensordot", x1, x2, axes=([0], [0]))
    for axis in (0, -1, 1, None):
        _agree("concat", [x1, x2], axis=axis)
        _agree("concat", (x1, x1), axis=axis)


@pytest.mark.parametrize(
    "dtype", [torch.float32, torch.float64, torch.complex64, torch.bfloat16], ids=str
)
@pytest.mark.parametrize(
    "shapes",
    [
        ((3,), (3,)),
        ((2, 3), (3,)),
        ((2, 3), (2, 1)),
        ((3,), (1,)),
        ((1,), (3,)),
        ((2, 1), (3,)),
        ((4, 2, 3), (2, 3)),
        ((0,), (0,)),
        ((), (3,)),
        ((2, 0), (0,)),
    ],
    ids=str,
)
def test_vecdot_refuses_a_broadcast_contracted_axis_as_compat_does(dtype, shapes):
    x1 = _tensor([1.5, -2.0, 0.25, 3.0], shapes[0], dtype)
    x2 = _tensor([0.5, 1.0, -1.0], shapes[1], dtype)
    for axis in (-1, -2, 0, 1):
        _agree("vecdot", x1, x2, axis=axis, exact=False)
        _agree("vecdot", x1, x2, axis=axis, exact=False, linalg=True)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(0, 9),
    index_dtype=st.sampled_from([torch.int64, torch.int32, torch.int16, torch.uint8]),
    data=st.data(),
)
def test_take_on_one_dimensional_arrays_matches_numpy(n, index_dtype, data):
    x = torch.arange(n, dtype=torch.float32) * 1.5 - 2.0
    low = -n - 2 if index_dtype is not torch.uint8 else 0
    indices = data.draw(st.lists(st.integers(low, n + 1), min_size=0, max_size=6))
    idx = torch.tensor(indices, dtype=index_dtype)
    axis = data.draw(st.sampled_from([None, 0, -1]))
    if all(-n <= i < n for i in indices):
        got = ours.take(x, idx, axis=axis)
        np.testing.assert_array_equal(
            got.numpy(), np.take(x.numpy(), np.asarray(indices, dtype=np.int64))
        )
        assert got.dtype == x.dtype
    else:
        with pytest.raises(IndexError):
            ours.take(x, idx, axis=axis)


def test_take_refuses_what_the_standard_refuses():
    x = torch.arange(6.0).reshape(2, 3)
    with pytest.raises(ValueError):
        ours.take(x, torch.tensor([0]))  # axis required for ndim > 1
    with pytest.raises((IndexError, RuntimeError)):
        ours.take(torch.arange(3.0), torch.tensor([[0, 1]]))  # 2-D indices


def test_std_and_var_with_plain_corrections_take_torchs_positional_form():
    x = torch.tensor([1.0, 2.0, 4.0, 8.0])
    for correction, expected in ((0, np.std([1, 2, 4, 8])), (1, np.std([1, 2, 4, 8], ddof=1))):
        assert math.isclose(ours.std(x, correction=correction).item(), expected, rel_tol=1e-6)
        assert math.isclose(
            ours.var(x, correction=float(correction)).item(), expected**2, rel_tol=1e-6
        )
    with pytest.raises(
        NotImplementedError
    ):  # array-api-compat's answer for a fractional correction
        ours.std(x, correction=0.5)


def _every_direct_path(xp, v, m, idx, w):
    """One call of each direct path (static output shapes), summed into one tensor; sign of real and complex w."""
    out = (
        xp.sign(v)
        + xp.clip(v, -1.0, 1.0)
        + xp.max(v)
        + xp.min(v)
        + xp.sum(v)
        + xp.prod(v)
        + xp.mean(v)
    )
    out = out + xp.std(v) + xp.var(v, correction=1) + xp.round(v) + xp.flip(v) + xp.tanh(v)
    out = (
        out + xp.cumulative_sum(v) + xp.cumulative_prod(v, axis=0) + xp.take(v, idx) + xp.roll(v, 1)
    )
    out = (
        out + xp.vecdot(v, v) + xp.vecdot(m, m)[0] + xp.tensordot(m, m, axes=2) + xp.matmul(m, m)[0]
    )
    out = (
        out
        + xp.squeeze(xp.expand_dims(v, 0), 0)
        + xp.reshape(m, (-1,))[:4]
        + xp.sort(v)
        + xp.diff(v)[0]
    )
    out = (
        out
        + xp.concat([v, v])[:4]
        + xp.add(v, v)
        + xp.where(v > 0, v, v)
        + xp.matrix_transpose(m)[0]
    )
    out = (
        out
        + xp.broadcast_to(v, (2, 4))[0]
        + xp.repeat(v, 2)[:4]
        + xp.argsort(v)
        + xp.count_nonzero(v)
    )
    return out + xp.any(v > 0) + xp.all(v > 0), xp.sign(w), xp.sign(w * (1 - 1j))


def test_every_direct_path_works_under_torch_compile_fullgraph():
    """DESIGN.md rule 3: no host sync, no graph break (dynamo raises on one with fullgraph=True)."""
    compiled = torch.compile(_every_direct_path, fullgraph=True, backend="eager")
    v = torch.tensor([-3.0, 0.0, 0.5, 2.0])
    m = torch.arange(16.0).reshape(4, 4) / 10
    idx = torch.tensor([3, -1, 0, 2])
    w = torch.tensor([math.nan, -0.0, -2.0, math.inf])
    got = compiled(ours, v, m, idx, w)
    reference = _every_direct_path(compat, v, m, idx, w)
    assert not bool(reference[0].isnan().any())
    _same_values(got, reference, exact=False)


@pytest.mark.parametrize("dtype", ALL_DTYPES, ids=str)
@pytest.mark.parametrize("shape", [(0,), (3,), (2, 2), (4, 4), (3, 5), (2, 3, 3), ()], ids=str)
def test_creation_dtype_and_linalg_fast_paths_match_compat(dtype, shape):
    x = _tensor(SPECIALS, shape, dtype)
    well_posed = _tensor([2.0], shape, dtype) + (
        torch.eye(shape[-1], dtype=dtype)
        if len(shape) >= 2
        and shape[-1] == shape[-2]
        and dtype.is_floating_point
        and dtype not in (torch.float16, torch.bfloat16)
        else 0
    )
    assert ours.asarray(x) is x  # a tensor as it is: what compat returns too
    assert compat.asarray(x) is x
    _agree("asarray", x, dtype=torch.float64)
    _agree("asarray", x, copy=True)
    _agree("unstack", x)
    if x.ndim >= 2:
        _agree("unstack", x, axis=1)
    _agree("trace", x, linalg=True, exact=False)
    _agree("trace", x, offset=1, linalg=True)
    _agree("vector_norm", x, linalg=True, exact=False)
    _agree("vector_norm", x, ord=1, linalg=True, exact=False)
    _agree("solve", well_posed, well_posed, linalg=True, exact=False)
    if x.ndim >= 1 and shape[-1]:
        _agree("solve", well_posed, well_posed[..., 0], linalg=True, exact=False)
    for other in ALL_DTYPES:
        assert ours.result_type(dtype, other) == compat.result_type(dtype, other)
    assert ours.result_type(dtype, x) == compat.result_type(dtype, x)


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((3,), {}),
        ((0,), {}),
        ((2, 3), {}),
        ((3,), {"k": 1}),
        ((3,), {"dtype": torch.int32}),
        ((3,), {"dtype": torch.float64}),
        ((2,), {"device": "cpu"}),
        ((-1,), {}),
        ((2.5,), {}),
    ],
    ids=str,
)
def test_eye_matches_compat(args, kwargs):
    _agree("eye", *args, **kwargs)


@pytest.mark.parametrize(
    "name, args",
    [
        ("arange", (5,)),
        ("arange", (1,)),
        ("arange", (0,)),
        ("arange", (-2,)),
        ("arange", (2.5,)),
        ("arange", (True,)),
        ("full", (3, 1.5)),
        ("full", ((2, 2), 7)),
        ("full", (2, True)),
        ("full", ((0, 3), 1.0)),
        ("full", (-1, 1.0)),
        ("zeros", (3,)),
        ("zeros", ((2, 0),)),
        ("zeros", (-1,)),
        ("ones", ((2, 3),)),
        ("ones", (0,)),
        ("empty", ((2, 3),)),
    ],
    ids=str,
)
def test_creation_fast_paths_match_compat(name, args):
    if name == "empty":  # contents are arbitrary: compare what is defined
        ours_out, theirs = getattr(ours, name)(*args), getattr(compat, name)(*args)
        assert (ours_out.dtype, ours_out.shape, ours_out.device) == (
            theirs.dtype,
            theirs.shape,
            theirs.device,
        )
        return
    _agree(name, *args)


def test_library_keywords_pass_through_as_with_array_api_compat():
    import inspect

    for theirs_module, ours_module in ((compat, ours), (compat.linalg, ours.linalg)):
        for name in dir(ours_module):
            mine, theirs = getattr(ours_module, name), getattr(theirs_module, name, None)
            if name.startswith("_") or not callable(mine) or theirs is None or mine is theirs:
                continue
            try:
                takes = [inspect.signature(f).parameters.values() for f in (theirs, mine)]
            except (TypeError, ValueError):
                continue
            if any(p.kind is p.VAR_KEYWORD for p in takes[0]):
                assert any(p.kind is p.VAR_KEYWORD for p in takes[1]), name
    assert ours.ones(3, requires_grad=True).requires_grad
    assert ours.zeros((2,), requires_grad=True).requires_grad
    out = torch.empty(2)
    ours.cumulative_sum(torch.ones(2), axis=0, out=out)
    assert out.tolist() == [1.0, 2.0]
