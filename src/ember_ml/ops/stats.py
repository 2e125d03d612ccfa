"""Statistics beyond the standard (``ember_ml.ops.stats``): quantiles, NaN-aware reductions, moments, ..."""

from __future__ import annotations

__all__: list[str] = []
