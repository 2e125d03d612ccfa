"""The standard's ``linalg`` extension, dispatched on the input arrays (also reachable as ``ops.linearalg``)."""

from ember_ml.ops._dispatch import populate

__all__ = populate(globals(), "linalg")
