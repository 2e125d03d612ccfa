"""Fixtures for the signal tests: which implementation runs (native fast path or generic)."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["native", "generic"])
def path(request, generic):
    """'native': each library's fast path where it has one; 'generic': the standard-calls code everywhere."""
    if request.param == "generic":
        generic("signal")
    return request.param
