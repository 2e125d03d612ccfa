"""Additive patches to MLX's own classes (opt out: ``EMBER_ML_MLX_PATCHES=0`` before import).

Only what MLX lacks or answers wrongly is touched; every patch is recorded in
``PATCHES`` as ``"qualified.name: what it does"``. See docs/mlx.md.

MLX gaps (mlx 0.32.4): ``mx.float32 == None`` raises TypeError; arrays have no ``device``
or ``to_device``; ``__array_namespace__`` answers the non-conforming ``mlx.core``;
out-of-range integer keys read garbage and ``x[::0]`` / ``INT_MIN // -1`` trap (SIGFPE).
"""

from __future__ import annotations

import os
from typing import Any

import mlx.core as mx

# MLX's classes, typed Any: the patches below add attributes their stubs do not declare
_array: Any = mx.array
_Dtype: Any = mx.Dtype

PATCHES: list[str] = []


def enabled() -> bool:
    return os.environ.get("EMBER_ML_MLX_PATCHES", "1").strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def _namespace() -> Any:
    import ember_ml.backend.mlx as namespace

    return namespace


def apply() -> list[str]:
    """Apply the patches once; return the list of what was patched."""
    if PATCHES or not enabled():
        return PATCHES

    # 1. Dtype == non-dtype raises TypeError for some operands (None); answer False/True.
    try:
        _ = mx.float32 == None  # noqa: E711
        eq_ok = True
    except TypeError:
        eq_ok = False
    if not eq_ok:
        orig_eq = mx.Dtype.__eq__
        orig_ne = mx.Dtype.__ne__
        orig_hash = mx.Dtype.__hash__

        def __eq__(self: Any, other: Any) -> bool:
            if isinstance(other, mx.Dtype):
                return orig_eq(self, other)
            return False

        def __ne__(self: Any, other: Any) -> bool:
            if isinstance(other, mx.Dtype):
                return orig_ne(self, other)
            return True

        _Dtype.__eq__ = __eq__
        _Dtype.__ne__ = __ne__
        _Dtype.__hash__ = orig_hash  # assigning __eq__ must not drop the hash
        PATCHES.append(
            "mlx.core.Dtype.__eq__/__ne__: False/True for non-dtype operands instead of TypeError"
        )

    # 2. array.device (MLX arrays have no device attribute; unified memory).
    if "device" not in dir(mx.array):
        _array.device = property(
            lambda self: mx.default_device(), doc="The device (mx.default_device())."
        )
        PATCHES.append("mlx.core.array.device: property, the default device")

    # 3. array.mT (present in mlx >= 0.2x; added only where missing).
    if "mT" not in dir(mx.array):
        _array.mT = property(
            lambda self: mx.swapaxes(self, -1, -2), doc="Transpose of the last two axes."
        )
        PATCHES.append("mlx.core.array.mT: property, swap of the last two axes")

    # 4. array.to_device.
    if "to_device" not in dir(mx.array):

        def to_device(self: Any, device: Any, /, *, stream: Any = None) -> Any:
            return _namespace().to_device_of(self, device, stream=stream)

        _array.to_device = to_device
        PATCHES.append(
            "mlx.core.array.to_device: returns the array on the device (no copy; unified memory)"
        )

    # 5. __getitem__/__setitem__: bounds checks (MLX segfaults), boolean masks, 0-d array bounds.
    from ember_ml.backend.mlx import _getitem

    _array.__getitem__ = _getitem.make_getitem(mx.array.__getitem__)
    _array.__setitem__ = _getitem.make_setitem(mx.array.__setitem__)
    PATCHES.append(
        "mlx.core.array.__getitem__/__setitem__: IndexError for out-of-range int and integer-array keys, "
        "boolean-mask keys, 0-d integer arrays as slice bounds; other keys go to MLX unchanged"
    )

    # 5b. // and % on integer arrays: INT_MIN // -1 and INT_MIN % -1 trap (SIGFPE); divisors rewritten.
    from ember_ml.backend.mlx._dtypes import _INTEGRAL as _int_kinds
    from ember_ml.backend.mlx._elementwise import floor_divide, remainder

    def _wrap(name: str, fn: Any, swap: bool) -> None:
        orig = getattr(mx.array, name)

        def op(self: Any, other: Any) -> Any:
            if self.dtype in _int_kinds:
                return fn(other, self) if swap else fn(self, other)
            return orig(self, other)

        op.__name__ = name
        op.__doc__ = (
            f"{name} with the integer-division guard of ember_ml.backend.mlx (see docs/mlx.md)."
        )
        setattr(mx.array, name, op)

    def _wrap_inplace(name: str, fn: Any) -> None:
        orig = getattr(mx.array, name)

        def op(self: Any, other: Any) -> Any:
            if self.dtype in _int_kinds:
                out = fn(self, other)
                if out.dtype == self.dtype:
                    self[...] = out  # in place, as MLX's own operator
                    return self
            return orig(self, other)

        op.__name__ = name
        setattr(mx.array, name, op)

    _wrap_inplace("__ifloordiv__", floor_divide)
    _wrap_inplace("__imod__", remainder)
    for name, fn, swap in (
        ("__floordiv__", floor_divide, False),
        ("__rfloordiv__", floor_divide, True),
        ("__mod__", remainder, False),
        ("__rmod__", remainder, True),
    ):
        _wrap(name, fn, swap)
    PATCHES.append(
        "mlx.core.array.__floordiv__/__rfloordiv__/__mod__/__rmod__/__ifloordiv__/__imod__: integer division by -1 and 0 no longer "
        "traps (SIGFPE); results as NumPy's"
    )

    # 6. array.__array_namespace__ -> the conforming namespace (mlx.core itself does not conform).
    def __array_namespace__(self: Any, /, *, api_version: str | None = None) -> Any:
        if api_version is not None and api_version not in (
            "2021.12",
            "2022.12",
            "2023.12",
            "2024.12",
            "2025.12",
        ):
            raise ValueError(f"unsupported api_version {api_version!r}")
        return _namespace()

    _array.__array_namespace__ = __array_namespace__
    PATCHES.append(
        "mlx.core.array.__array_namespace__: returns ember_ml.backend.mlx instead of mlx.core"
    )
    return PATCHES
