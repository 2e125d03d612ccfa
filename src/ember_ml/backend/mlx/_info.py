"""``__array_namespace_info__`` and the devices of the MLX namespace.

MLX arrays live in unified memory and MLX ops take ``stream=``, not ``device=``:
``_stream`` turns the standard's ``device=`` into MLX's argument.
"""

from __future__ import annotations

from typing import Any

import mlx.core as mx

__all__ = ["__array_namespace_info__", "device_of", "to_device_of"]

_CPU = mx.Device(mx.cpu)


def _devices() -> list[Any]:
    out = [_CPU]
    try:
        if mx.is_available(mx.gpu):
            out.append(mx.Device(mx.gpu))
    except Exception:  # pragma: no cover - older MLX
        pass
    return out


def _as_device(device: Any) -> Any:
    if device is None:
        return mx.default_device()
    if isinstance(device, mx.DeviceType):
        return mx.Device(device)
    if isinstance(device, str):
        return mx.Device(mx.cpu if device == "cpu" else mx.gpu)
    return device


_ALL_DTYPES = {
    "bool": mx.bool_,
    "int8": mx.int8,
    "int16": mx.int16,
    "int32": mx.int32,
    "int64": mx.int64,
    "uint8": mx.uint8,
    "uint16": mx.uint16,
    "uint32": mx.uint32,
    "uint64": mx.uint64,
    "float32": mx.float32,
    "float64": mx.float64,
    "complex64": mx.complex64,
}

_KINDS = {
    "bool": ("bool",),
    "signed integer": ("int8", "int16", "int32", "int64"),
    "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
    "integral": ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"),
    "real floating": ("float32", "float64"),
    "complex floating": ("complex64",),
    "numeric": (
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float32",
        "float64",
        "complex64",
    ),
}


class __array_namespace_info__:
    """Inspection API of ``ember_ml.backend.mlx`` (array API 2025.12)."""

    __module__ = "ember_ml.backend.mlx"

    def capabilities(self) -> dict[str, Any]:
        return {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": None}

    def default_device(self) -> Any:
        return mx.default_device()

    def default_dtypes(self, *, device: Any = None) -> dict[str, Any]:
        _check_device(device)
        return {
            "real floating": mx.float32,
            "complex floating": mx.complex64,
            "integral": mx.int32,
            "indexing": mx.int32,
        }

    def dtypes(self, *, device: Any = None, kind: Any = None) -> dict[str, Any]:
        dev = _check_device(device)
        names = list(_ALL_DTYPES)
        if dev.type != mx.cpu:
            names.remove("float64")  # MLX computes float64 on the CPU only
        if kind is None:
            return {n: _ALL_DTYPES[n] for n in names}
        kinds = kind if isinstance(kind, tuple) else (kind,)
        selected: set[str] = set()
        for k in kinds:
            if isinstance(k, str):
                if k not in _KINDS:
                    raise ValueError(
                        f"unknown dtype kind {k!r}; valid kinds are {', '.join(_KINDS)}"
                    )
                selected.update(_KINDS[k])
            else:
                selected.update(n for n, d in _ALL_DTYPES.items() if d == k)
        return {n: _ALL_DTYPES[n] for n in names if n in selected}

    def devices(self) -> tuple[Any, ...]:
        return tuple(_devices())  # the 2025.12 standard: a tuple (2024.12 and before: a list)


def _check_device(device: Any) -> Any:
    dev = _as_device(device)
    if dev not in _devices():
        raise ValueError(f"unknown device {device!r}; valid devices are {_devices()}")
    return dev


def _stream(device: Any) -> Any:
    """The ``stream=`` argument MLX takes for a standard ``device=``."""
    if device is None:
        return None
    if isinstance(device, (mx.Device, mx.Stream, mx.DeviceType)):
        return device
    if isinstance(device, str) and device in ("cpu", "gpu"):
        return mx.Device(mx.cpu if device == "cpu" else mx.gpu)
    raise ValueError(
        f"unknown device {device!r}; valid devices are mlx.core.Device(cpu) and Device(gpu)"
    )


# mlx 0.32.4: arrays have no device (unified memory): the default device answers
def device_of(x: Any, /) -> Any:
    """The device of MLX array ``x``: MLX arrays live in unified memory, so the default device."""
    return mx.default_device()


# mlx 0.32.4: no to_device: arrays need no copy (unified memory); the device is checked
def to_device_of(x: Any, device: Any, /, *, stream: Any = None) -> Any:
    """Return ``x`` for ``device`` (no copy: MLX memory is unified; ops pick the device)."""
    _stream(device)
    if stream is not None and not isinstance(stream, (mx.Stream, mx.Device, mx.DeviceType)):
        raise ValueError(f"unsupported stream {stream!r}")
    return x
