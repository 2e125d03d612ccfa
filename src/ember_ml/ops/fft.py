"""The standard's ``fft`` extension, dispatched on the input arrays."""

from ember_ml.ops._dispatch import populate

__all__ = populate(globals(), "fft")
