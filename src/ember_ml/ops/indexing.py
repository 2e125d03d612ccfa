"""Scatter and segment reductions, one_hot and functional index updates (extras the standard lacks).

Re-exported at the top of ``ember_ml.ops`` (``ops.scatter``, ``ops.one_hot``, ...).
"""

from __future__ import annotations

__all__: list[str] = []
