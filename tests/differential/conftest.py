"""Shows which hypothesis profile the differential tests use (see differential_table.PROFILE)."""

from __future__ import annotations

from differential_table import PROFILE, SETTINGS


def pytest_report_header(config):
    return (
        f"differential tests: hypothesis profile {PROFILE} (max_examples={SETTINGS.max_examples})"
    )
