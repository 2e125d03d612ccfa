"""The array libraries ember_ml serves, and the only place that imports them.

Each backend is a module that is itself a standard-conforming namespace:

* ``ember_ml.backend.numpy`` is NumPy's own functions wherever NumPy conforms, plus
  ember_ml's fixes where it does not (with NumPy < 2.1, array-api-compat's namespace
  plus the same fixes);
* ``ember_ml.backend.torch`` is array-api-compat's wrappers of PyTorch, plus direct calls
  of torch for the common forms (tensors of one dtype, whole-array reductions) and fixes;
* ``ember_ml.backend.mlx`` is ember_ml's own: MLX's functions where they conform, shims
  where they do not (each naming the MLX gap it closes);
* ``ember_ml.backend.dask`` is array-api-compat's namespace of ``dask.array`` plus
  chunk-wise fast paths for the extras (an optional extra: ``ember-ml[dask]``).

Every backend has the same layout: one module per section of the standard (``_creation``,
``_data_types``, ``_elementwise``, ... ``_utility``: ``_sections.SECTIONS``), an ``__init__``
that only assembles them, the ``linalg`` and ``fft`` extensions (torch's fft is
array-api-compat's), and the extras' fast paths and hooks in ``_extras/<group>.py``, declared
in ``ember_ml/_hooks.py``. Nothing here imports ``ember_ml.ops``, ``nn``, ``random``,
``features`` or ``lint``. A backend module is imported the first time it is needed, never by
``import ember_ml``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

BACKENDS: tuple[str, ...] = ("numpy", "torch", "mlx", "dask")

_INSTALL_HINT = {
    "numpy": 'pip install "ember-ml"',
    "torch": 'pip install "ember-ml[torch]"',
    "mlx": 'pip install "ember-ml[mlx]"',
    "dask": 'pip install "ember-ml[dask]"',
}

# The top-level module whose classes (arrays and dtypes) belong to each backend.
_LIBRARY_ROOT = {"numpy": "numpy", "torch": "torch", "mlx": "mlx", "dask": "dask"}
_BACKEND_OF_ROOT = {root: name for name, root in _LIBRARY_ROOT.items()}

# The extras' groups whose fast paths and hooks (``backend/<name>/_extras/<group>.py``, declared
# in ember_ml/_hooks.py) are imported with the backend, so that an extra's first call may
# happen inside torch.compile, which refuses to trace an import. (``nn`` loads with ember_ml.nn.)
FAST_PATH_GROUPS: tuple[str, ...] = (
    "indexing",
    "signal",
    "stats",
    "linalg",
    "activations",
    "random",
)

_loaded: dict[str, ModuleType] = {}


def check_name(name: object) -> str:
    """Return ``name`` if it names a backend, else raise ``ValueError`` listing the valid ones."""
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}; valid backends are {', '.join(BACKENDS)}")
    return name


# The module each backend imports first: MLX's arrays live in ``mlx.core`` (a bare ``mlx``
# package without it, e.g. ``pip install mlx`` on Linux without ``[cpu]``, is not MLX).
_LIBRARY_MODULE = {"numpy": "numpy", "torch": "torch", "mlx": "mlx.core", "dask": "dask.array"}


def is_installed(name: str) -> bool:
    """Whether the array library behind backend ``name`` can be imported (without importing it)."""
    check_name(name)
    for module in dict.fromkeys((_LIBRARY_ROOT[name], _LIBRARY_MODULE[name])):
        if module in sys.modules:
            if sys.modules[module] is None:  # an import blocked on purpose
                return False
            continue
        try:
            if importlib.util.find_spec(module) is None:
                return False
        except (ImportError, ValueError):
            return False
    return True


def _not_installed(name: str) -> ImportError:
    return ImportError(
        f"the {name} backend needs the {_LIBRARY_ROOT[name]} package, which is not "
        f"installed; install it with: {_INSTALL_HINT[name]}"
    )


def installed_backends() -> list[str]:
    """The backends whose array library is installed, in ``BACKENDS`` order."""
    return [name for name in BACKENDS if is_installed(name)]


def load(name: str) -> ModuleType:
    """Import and return the namespace module of backend ``name``.

    Raises ``ValueError`` for an unknown name and ``ImportError`` with the
    install command when the library is missing.
    """
    try:
        return _loaded[name]
    except KeyError:
        pass
    check_name(name)
    if not is_installed(name):
        raise _not_installed(name)
    try:
        module = importlib.import_module(f"ember_ml.backend.{name}")
    except ModuleNotFoundError as error:  # an incomplete install of the library
        if (error.name or "").partition(".")[0] != _LIBRARY_ROOT[name]:
            raise
        raise _not_installed(name) from error
    for group in FAST_PATH_GROUPS:
        if importlib.util.find_spec(f"ember_ml.backend.{name}._extras.{group}") is not None:
            importlib.import_module(f"ember_ml.backend.{name}._extras.{group}")
    _loaded[name] = module
    return module


def backend_of_type(cls: type) -> str | None:
    """The backend whose library defines ``cls`` (an array or dtype class), or None.

    Looks only at libraries already imported, so it never imports one.
    """
    for base in cls.__mro__:
        name = _BACKEND_OF_ROOT.get(base.__module__.partition(".")[0])
        if name is not None:
            return name
    return None


def library_version(name: str) -> str | None:
    """The installed version of backend ``name``'s library, or None if it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_LIBRARY_ROOT[check_name(name)])
    except PackageNotFoundError:
        return None


def device(x: Any) -> Any:
    """The device of array ``x`` (see ``ember_ml.device``)."""
    name = backend_of_type(type(x))
    if name == "mlx":
        return load("mlx").device_of(x)
    import array_api_compat

    return array_api_compat.device(x)


def to_device(x: Any, device: Any, /, *, stream: Any = None) -> Any:
    """Copy array ``x`` to ``device`` (see ``ember_ml.to_device``)."""
    name = backend_of_type(type(x))
    if name == "mlx":
        return load("mlx").to_device_of(x, device, stream=stream)
    import array_api_compat

    return array_api_compat.to_device(x, device, stream=stream)


def torch_accelerator(kind: str) -> bool:
    """Whether torch sees a ``"cuda"`` or ``"mps"`` device (imports torch)."""
    import torch

    if kind == "cuda":
        return bool(torch.cuda.is_available())
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def to_numpy(x: Any) -> Any:
    """A NumPy copy (or view) of any array: torch tensors leave autograd and the GPU first."""
    import numpy

    if backend_of_type(type(x)) == "torch":
        return x.detach().cpu().numpy()
    try:
        return numpy.from_dlpack(x)
    except (TypeError, ValueError, RuntimeError, BufferError, AttributeError):
        return numpy.asarray(x)
