"""Build the ``ember_ml.ops`` functions from the table in ``_spec``.

Each standard function becomes a small Python function with exactly the
standard's signature. It looks at the parameters that may hold arrays (or
dtypes), finds the namespace serving them, and calls that namespace's
function of the same name. After the first call with given argument types
the lookup is one dictionary access per deciding argument, keyed by its type
(nested dictionaries for several arguments: cheaper than building a tuple key).

Functions with no array parameter (``zeros``, ``arange``, ``fftfreq`` ...)
use the selected backend (``ember_ml.get_backend``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ember_ml import _namespace
from ember_ml.ops._spec import SPEC

# Parameters whose values decide the namespace (arrays, or dtypes in the data type functions).
_DISPATCH_PARAMS = ("x", "x1", "x2", "condition", "indices", "sorter", "min", "max",
                    "repeats", "prepend", "append", "from_", "to", "type", "dtype")
# Functions that take foreign or no arrays and so always use the selected backend.
_SELECTED_BACKEND = {"from_dlpack", "broadcast_shapes"}
_SPEC_URL = "https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.{}.html"


class _Lookup:
    """Finds, and caches by argument types, the implementation of one standard function."""

    __slots__ = ("extension", "name", "cache")

    def __init__(self, extension: str, name: str) -> None:
        self.extension = extension
        self.name = name
        self.cache: dict[Any, Callable[..., Any]] = {}

    def implementation(self, namespace: ModuleType) -> Callable[..., Any]:
        module = getattr(namespace, self.extension) if self.extension else namespace
        try:
            return getattr(module, self.name)
        except AttributeError:
            qualname = f"{self.extension}.{self.name}" if self.extension else self.name
            raise AttributeError(
                f"{namespace.__name__} has no {qualname}; this array library does not "
                "provide it through the array API"
            ) from None

    def resolve(self, *values: Any) -> Callable[..., Any]:
        """Implementation for ``values``; cached by their types when an array decided it."""
        namespace = _namespace.find_namespace(values)
        if namespace is None:
            return self.selected()
        function = self.implementation(namespace)
        if any(isinstance(value, type) for value in values):
            return function  # NumPy scalar types as dtypes: every class has type ``type``
        level = self.cache
        *outer, last = (type(value) for value in values)
        for cls in outer:
            level = level.setdefault(cls, {})
        level[last] = function
        return function

    def resolve_data(self, obj: Any) -> Callable[..., Any]:
        """Like ``resolve`` for ``asarray``'s ``obj``, where lists and buffers mean the selected backend."""
        try:
            return self.resolve(obj)
        except TypeError:
            return self.selected()

    def resolve_uncached(self, *values: Any) -> Callable[..., Any]:
        return self.implementation(_namespace.array_namespace(*values))

    def selected(self) -> Callable[..., Any]:
        return self.implementation(_namespace.selected_namespace())


def _dispatch_params(name: str, signature: inspect.Signature) -> list[str]:
    if name in _SELECTED_BACKEND:
        return []
    params = [p for p in signature.parameters.values() if p.kind is not p.VAR_POSITIONAL]
    chosen = [p.name for p in params if p.name in _DISPATCH_PARAMS]
    # dtype= decides only where no array parameter does (isdtype, can_cast).
    if "dtype" in chosen and len(chosen) > 1:
        chosen.remove("dtype")
    return chosen


def _call_arguments(signature: inspect.Signature) -> str:
    parts = []
    for p in signature.parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            parts.append(f"*{p.name}")
        elif p.kind is p.KEYWORD_ONLY:
            parts.append(f"{p.name}={p.name}")
        else:
            parts.append(p.name)
    return ", ".join(parts)


def _body(name: str, signature: inspect.Signature) -> str:
    call = f"f({_call_arguments(signature)})"
    if name in _SELECTED_BACKEND:
        return f"    f = lookup.selected()\n    return {call}"
    var_positional = [p.name for p in signature.parameters.values() if p.kind is p.VAR_POSITIONAL]
    if var_positional or "arrays" in signature.parameters:
        sequence = var_positional[0] if var_positional else "arrays"
        return f"    f = lookup.resolve_uncached(*{sequence})\n    return {call}"
    if name == "asarray":  # an array decides; lists, scalars and buffers use the selected backend
        keys, resolver = ["obj"], "resolve_data"
    else:
        keys, resolver = _dispatch_params(name, signature), "resolve"
    if not keys:
        return f"    f = lookup.selected()\n    return {call}"
    # typeof is the builtin type(), which the parameter named "type" (finfo, iinfo) shadows.
    key = "".join(f"[typeof({k})]" for k in keys)
    return (
        "    try:\n"
        f"        f = cache{key}\n"
        "    except KeyError:\n"
        f"        f = lookup.{resolver}({', '.join(keys)})\n"
        f"    return {call}"
    )


def _docstring(extension: str, name: str, params: str, summary: str) -> str:
    qualname = f"{extension}.{name}" if extension else name
    return (
        f"{summary}\n\n"
        f"Array API standard function ``{qualname}({params})``, computed by the\n"
        "namespace of the array arguments (NumPy, PyTorch, MLX or any standard\n"
        "library) and returning that library's arrays; with no array argument,\n"
        "by the selected backend (``ember_ml.get_backend()``).\n\n"
        f"Specification: {_SPEC_URL.format(qualname)}\n"
    )


def make_function(extension: str, name: str, params: str, summary: str, module: str) -> Callable[..., Any]:
    """Build the ``ops`` function for one row of the standard's table."""
    signature = inspect.signature(eval(f"lambda {params}: None"))  # noqa: S307 - trusted table
    source = (
        "def factory(lookup, cache, typeof):\n"
        f"    def {name}({params}):\n"
        + "\n".join("    " + line for line in _body(name, signature).splitlines())
        + f"\n    return {name}\n"
    )
    scope: dict[str, Any] = {}
    exec(compile(source, f"<ember_ml.ops.{name}>", "exec"), scope)  # noqa: S102 - trusted table
    lookup = _Lookup(extension, name)
    function = scope["factory"](lookup, lookup.cache, type)
    function.__module__ = module
    function.__qualname__ = name
    function.__doc__ = _docstring(extension, name, params, summary)
    return function


def populate(namespace: dict[str, Any], extension: str) -> list[str]:
    """Define every standard function of ``extension`` in the module dict ``namespace``."""
    names = []
    for ext, name, params, summary in SPEC:
        if ext == extension:
            namespace[name] = make_function(ext, name, params, summary, namespace["__name__"])
            names.append(name)
    return names
