"""ember_ml's Dask ``fft``: array-api-compat's, with the transformed axes joined into one chunk first.

Dask's FFTs refuse an axis cut into several chunks; the standard's functions take any
array, so these join the transformed axes (the other axes keep their chunks) and call Dask's.
"""

import importlib as _importlib
from typing import Any

_compat: Any = _importlib.import_module("array_api_compat.dask.array.fft")

__all__ = list(_compat.__all__)
globals().update({name: getattr(_compat, name) for name in __all__})


def _joined(x: Any, axes: Any) -> Any:
    axes = range(x.ndim) if axes is None else ([axes] if isinstance(axes, int) else axes)
    return x.rechunk({a % x.ndim: -1 for a in axes})


def _one_axis(name: str) -> Any:
    native = getattr(_compat, name)

    def transform(x: Any, /, *, n: Any = None, axis: int = -1, norm: str = "backward") -> Any:
        return native(_joined(x, axis), n=n, axis=axis, norm=norm)

    transform.__name__ = transform.__qualname__ = name
    transform.__doc__ = f"The standard's ``fft.{name}`` on Dask (the axis joined into one chunk)."
    return transform


def _many_axes(name: str) -> Any:
    native = getattr(_compat, name)

    def transform(x: Any, /, *, s: Any = None, axes: Any = None, norm: str = "backward") -> Any:
        return native(_joined(x, axes), s=s, axes=axes, norm=norm)

    transform.__name__ = transform.__qualname__ = name
    transform.__doc__ = f"The standard's ``fft.{name}`` on Dask (the axes joined into one chunk)."
    return transform


for _name in ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft"):
    globals()[_name] = _one_axis(_name)
for _name in ("fftn", "ifftn", "rfftn", "irfftn"):
    globals()[_name] = _many_axes(_name)
