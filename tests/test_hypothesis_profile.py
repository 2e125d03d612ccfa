"""CI's hypothesis runs are reproducible: plain ``pytest`` loads the derandomized "ci" profile.

The "random" profile (fresh draws) is for ``tox -e hypothesis-random`` (``--hypothesis-profile
random``); these checks apply when no profile is named on the command line.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.fixture
def plain_run(request):
    if request.config.getoption("hypothesis_profile", None) is not None:
        pytest.skip("a hypothesis profile was named on the command line")


def test_plain_pytest_loads_the_derandomized_ci_profile(plain_run):
    assert settings.get_current_profile_name() == "ci"
    assert settings.default.derandomize
    assert settings.default.database is None
    assert settings.default.deadline is None
    # a test's own @settings keeps the profile's derandomize
    assert settings(max_examples=25, deadline=None).derandomize


def test_a_hypothesis_test_draws_the_same_examples_on_every_run(plain_run):
    seen: list[tuple[int, float]] = []

    @settings(max_examples=20)
    @given(st.integers(), st.floats(allow_nan=False))
    def draw(i, f):
        seen.append((i, f))

    draw()
    first = list(seen)
    seen.clear()
    draw()
    assert seen == first and len(set(first)) > 5
