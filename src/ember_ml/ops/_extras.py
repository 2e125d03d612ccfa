"""How an extra picks its backend's native fast path: the one place that chooses.

Every extra (scatter, stft, softmax, ...) has one generic implementation in
standard calls. A backend may add a faster native version of it as a function of
the same name in ``ember_ml.backend.<backend>._<group>`` (for example
``ember_ml.backend.torch._indexing.scatter``). ``fast_path`` finds it by the
namespace the extra resolved, once per (namespace, group, name); any other
namespace (array-api-strict, JAX, ...) gets ``None`` and runs the generic code.

>>> import numpy as np
>>> import ember_ml
>>> fast_path(ember_ml.array_namespace(np.zeros(1)), "no_such_group", "f") is None
True
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_BACKEND_PACKAGE = "ember_ml.backend."

_cache: dict[tuple[str, str, str], Callable[..., Any] | None] = {}


def fast_path(xp: ModuleType, group: str, name: str) -> Callable[..., Any] | None:
    """The native fast path of extra ``name`` (module group ``group``) for namespace ``xp``, or None."""
    key = (xp.__name__, group, name)
    try:
        return _cache[key]
    except KeyError:
        pass
    function = None
    if xp.__name__.startswith(_BACKEND_PACKAGE) and xp.__name__.count(".") == 2:
        module_name = f"{xp.__name__}._{group}"
        module = sys.modules.get(module_name)  # imported with the backend (backend.load)
        if module is None:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
        function = getattr(module, name, None)
    _cache[key] = function
    return function


def is_real_floating(xp: ModuleType, dtype: Any) -> bool:
    """``xp.isdtype(dtype, "real floating")``, False for what is no dtype at all (torch raised AttributeError)."""
    try:
        return bool(xp.isdtype(dtype, "real floating"))
    except (AttributeError, TypeError, ValueError, KeyError):
        return False
