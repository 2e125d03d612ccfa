"""Property test: any float64 values (±inf, nan, subnormal, huge) give torch's answer."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
from conftest import ORACLES, function_name, generic_args, torch_oracle

import ember_ml
from ember_ml.ops import activations

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

EXAMPLES = int(os.environ.get("EMBER_ML_HYPOTHESIS_EXAMPLES", "25"))
CASES = sorted(ORACLES)
# Up to 1e300 and the non-finite values: above that torch's hard_swish computes x * 6 / 6
# and overflows where ember_ml's x * (relu6(x + 3) / 6) does not.
ELEMENTS = st.floats(min_value=-1e300, max_value=1e300) | st.sampled_from([np.inf, -np.inf, np.nan])


@pytest.mark.parametrize("path", ["public", "generic"])
@pytest.mark.parametrize("case", CASES)
@settings(max_examples=EXAMPLES, deadline=None)
@given(x=hnp.arrays(np.float64, st.integers(1, 12), elements=ELEMENTS))
def test_any_float64_matches_torch(path, case, x):
    """The public function (NumPy's fast path) and the generic formula, on NumPy arrays."""
    name = function_name(case)
    kwargs, _ = ORACLES[case]
    if name in ("softmax", "log_softmax"):
        kwargs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if path == "public":
            got = getattr(activations, name)(x, **kwargs)
        else:
            args = [-1] if name in ("softmax", "log_softmax") else generic_args(case)
            got = activations._GENERIC[name](ember_ml.array_namespace(x), x, *args)
    expected = torch_oracle(case if name not in ("softmax", "log_softmax") else name, x).numpy()
    # Tolerance: 1e-12 relative plus the rounding of the inputs' scale (4 eps |x|; for
    # softmax and log_softmax the slice's largest |x|, whose subtraction both libraries round),
    # which also covers gelu's exact form, where torch's x (1 + erf(x / sqrt 2)) / 2 cancels
    # to 0 below about -8 and ember_ml's erfc form keeps the tiny true value.
    finite = np.where(np.isfinite(x), np.abs(x), 0.0)
    scale = np.max(finite) if name in ("softmax", "log_softmax") else finite
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    with np.errstate(invalid="ignore", over="ignore"):  # inf - inf where both are inf
        same = (got == expected) | np.isnan(expected)
        close = np.abs(got - expected) <= 1e-12 * np.abs(expected) + 4 * np.finfo(
            np.float64
        ).eps * (1.0 + scale)
    assert np.all(same | close), (got, expected)
