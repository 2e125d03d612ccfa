"""``import ember_ml`` alone routes ``mx.array.__array_namespace__`` to ember_ml's MLX namespace.

Clients find a namespace through ``x.__array_namespace__()`` (their vendored
array-api-compat does); MLX's own answers ``mlx.core``, which does not conform. Without
importing MLX: if ``mlx.core`` is already imported, its array class gets a light
``__array_namespace__`` now; otherwise a one-shot ``sys.meta_path`` finder adds it right
after ``mlx.core`` loads. The first call imports ``ember_ml.backend.mlx`` (which applies the
full patches of docs/mlx.md, replacing the light one) and answers it.
``EMBER_ML_MLX_PATCHES=0`` turns this off along with the patches.

>>> import ember_ml  # installs the routing; imports neither MLX nor ember_ml.backend.mlx
>>> from ember_ml.backend import _mlx_routing
>>> _mlx_routing.install() in ("routed", "waiting", "off")
True
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importlib.abc pulls in importlib.resources, tempfile, lzma: ~100 ms
    from importlib.machinery import ModuleSpec
    from types import ModuleType

_MODULE = "mlx.core"


def patches_enabled() -> bool:
    """False when ``EMBER_ML_MLX_PATCHES`` is 0/false/no/off: MLX's classes stay untouched."""
    return os.environ.get("EMBER_ML_MLX_PATCHES", "1").strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def _array_namespace(self: Any, /, *, api_version: str | None = None) -> Any:
    """The conforming namespace: imports ``ember_ml.backend.mlx`` (full patches) and asks again."""
    import ember_ml.backend.mlx  # noqa: F401 - its import replaces this method

    method = type(self).__array_namespace__
    if method is _array_namespace:  # patches skipped in between: answer the namespace anyway
        return sys.modules["ember_ml.backend.mlx"]
    return method(self, api_version=api_version)


def route(core: ModuleType) -> None:
    """Give ``core.array`` (``mlx.core``'s) the light ``__array_namespace__``, unless patched."""
    if "ember_ml.backend.mlx" in sys.modules:
        return  # the full patches are there (or were switched off on purpose)
    core.array.__array_namespace__ = _array_namespace


class _Loader:  # importlib's Loader protocol (duck-typed)
    """Runs ``mlx.core``'s own loader, then routes; puts the original loader back."""

    def __init__(self, spec: ModuleSpec, loader: Any) -> None:
        self._spec = spec
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._spec.loader = self._loader
        module.__loader__ = self._loader
        self._loader.exec_module(module)
        route(module)


class _Finder:  # importlib's MetaPathFinder protocol (duck-typed)
    """One-shot: finds ``mlx.core`` through the other finders and wraps its loader."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if fullname != _MODULE:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(fullname, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec, spec.loader)
                return spec
        return None


def install() -> str:
    """Route now (``"routed"``), after ``mlx.core`` loads (``"waiting"``), or not (``"off"``)."""
    if not patches_enabled():
        return "off"
    core = sys.modules.get(_MODULE)
    if core is not None:
        route(core)
        return "routed"
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
    return "waiting"
