"""Random numbers: explicit keys and samplers that give the same numbers on every backend."""

from __future__ import annotations

__all__: list[str] = []
