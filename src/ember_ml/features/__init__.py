"""Feature transforms with scikit-learn's method names (PCA, scalers), on any backend's arrays."""

from __future__ import annotations

__all__: list[str] = []
