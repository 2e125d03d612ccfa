"""Fixtures for the signal tests: which implementation runs (native fast path or generic)."""

from __future__ import annotations

import pytest
from signal_helpers import use_generic


@pytest.fixture(params=["native", "generic"])
def path(request, monkeypatch):
    """'native': each library's fast path where it has one; 'generic': the standard-calls code everywhere."""
    if request.param == "generic":
        use_generic(monkeypatch)
    return request.param
