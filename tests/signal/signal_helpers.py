"""Helpers shared by the signal tests."""

from __future__ import annotations

import os

# Hypothesis examples per test in the default run; raise it for a deep run (EMBER_ML_SIGNAL_EXAMPLES=500).
EXAMPLES = int(os.environ.get("EMBER_ML_SIGNAL_EXAMPLES", "12"))


def library_name(xp) -> str:
    """numpy, torch, mlx or array_api_strict, from an ember_ml namespace."""
    name = xp.__name__
    for lib in ("numpy", "torch", "mlx"):
        if name == f"ember_ml.backend.{lib}":
            return lib
    return "array_api_strict"


def use_generic(monkeypatch) -> None:
    """Make every signal extra run its generic code (helpers such as read_flag stay native)."""
    from ember_ml.ops._extras import fast_path
    from ember_ml.ops.signal import _checks, _frame, _stft, _windows

    def no_fast_path(xp, group, name):
        return fast_path(xp, group, name) if name == "read_flag" else None

    for signal_module in (_checks, _windows, _frame, _stft):
        monkeypatch.setattr(signal_module, "fast_path", no_fast_path)
