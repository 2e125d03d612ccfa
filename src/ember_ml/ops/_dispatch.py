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

from collections.abc import Callable
from types import ModuleType
from typing import Any

from ember_ml import _namespace, _selection
from ember_ml import backend as _backend
from ember_ml.ops._spec import SPEC

# Parameters whose values decide the namespace (arrays, or dtypes in the data type functions).
_DISPATCH_PARAMS = (
    "x",
    "x1",
    "x2",
    "condition",
    "indices",
    "sorter",
    "min",
    "max",
    "repeats",
    "prepend",
    "append",
    "from_",
    "to",
    "type",
    "dtype",
)
# Functions that take foreign or no arrays and so always use the selected backend.
_SELECTED_BACKEND = {"from_dlpack", "broadcast_shapes"}
_SPEC_URL = "https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.{}.html"


def dispatch_key(value: Any) -> Any:
    """The cache key of a deciding argument: its type, or the class itself for a class
    used as a dtype (NumPy's ``np.float32``; every class has type ``type``)."""
    cls = type(value)
    return value if cls is type else cls


class _Lookup:
    """Finds, and caches by argument types, the implementation of one standard function."""

    __slots__ = ("extension", "name", "cache", "by_backend", "sequences")

    def __init__(self, extension: str, name: str) -> None:
        self.extension = extension
        self.name = name
        self.cache: dict[Any, Callable[..., Any]] = {}  # dispatch keys (nested) -> function
        self.by_backend: dict[str, Callable[..., Any]] = {}  # backend name -> function
        self.sequences: dict[
            tuple[Any, ...], Callable[..., Any]
        ] = {}  # keys of a sequence -> function

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
        """Implementation for ``values``, cached by their dispatch keys.

        When no value is an array (Python scalars, None), the cached function is
        ``call_selected``, which asks for the selected backend on every call.
        """
        namespace = _namespace.find_namespace(values)
        function = self.call_selected if namespace is None else self.implementation(namespace)
        *outer, last = (dispatch_key(value) for value in values)
        level = self.cache
        for key in outer:
            inner = level.get(key)
            if inner is None:
                inner = {}
                _namespace.remember(level, key, inner)
            level = inner
        _namespace.remember(level, last, function)
        return function

    def resolve_data(self, obj: Any) -> Callable[..., Any] | None:
        """Like ``resolve`` for ``asarray``'s ``obj``; None (cached by type) for data that is
        no array (lists, scalars, buffers), which the selected backend converts."""
        try:
            namespace = _namespace.find_namespace((obj,))
        except TypeError:
            namespace = None
        function = None if namespace is None else self.implementation(namespace)
        _namespace.remember(self.cache, dispatch_key(obj), function)
        return function

    def resolve_sequence(self, values: Any) -> Callable[..., Any]:
        """Like ``resolve`` for a sequence argument (``concat(arrays)``, ``result_type(*arrays_and_dtypes)``).

        Reached when the generated function's inline check (every element of the first
        element's type, cached in ``cache``) did not answer: a same-type sequence is put
        in ``cache`` for that check; any other (mixed types, NumPy dtype classes) is
        cached by its tuple of dispatch keys.
        """
        if type(values) is not tuple and type(values) is not list:
            values = tuple(values)
        if not values:
            return self.selected()
        keys = tuple(map(dispatch_key, values))
        function = self.sequences.get(keys)
        if function is not None:
            return function
        namespace = _namespace.find_namespace(values)
        function = self.call_selected if namespace is None else self.implementation(namespace)
        first = keys[0]
        if type(values[0]) is not type and all(key is first for key in keys):
            _namespace.remember(self.cache, first, function)
        else:
            _namespace.remember(self.sequences, keys, function)
        return function

    def selected(self) -> Callable[..., Any]:
        """The selected backend's implementation (``ember_ml.get_backend()``), cached per backend."""
        name = _selection.current_name()
        try:
            return self.by_backend[name]
        except KeyError:
            function = self.implementation(_backend.load(name))
            self.by_backend[name] = function
            return function

    def call_selected(self, *args: Any, **kwargs: Any) -> Any:
        """Call the selected backend's implementation (for calls with no array argument)."""
        return self.selected()(*args, **kwargs)


class _Param:
    """One parameter of a standard signature, read from the table's text."""

    __slots__ = ("name", "kind", "default")

    def __init__(self, name: str, kind: str, default: str | None = None) -> None:
        self.name = name
        self.kind = kind  # "positional", "keyword" or "var_positional"
        self.default = default  # the default's source text, None when there is none


def _parse_params(params: str) -> list[_Param]:
    """The parameters of a table row (``"x, /, *, axis=None"``); no default holds a comma."""
    parsed: list[_Param] = []
    keyword_only = False
    for item in (part.strip() for part in params.split(",")):
        if not item or item == "/":
            continue
        if item == "*":
            keyword_only = True
        elif item.startswith("*"):
            parsed.append(_Param(item[1:], "var_positional"))
            keyword_only = True
        else:
            name, equals, default = (part.strip() for part in item.partition("="))
            parsed.append(
                _Param(
                    name, "keyword" if keyword_only else "positional", default if equals else None
                )
            )
    return parsed


def _dispatch_params(name: str, params: list[_Param]) -> list[str]:
    if name in _SELECTED_BACKEND:
        return []
    chosen = [p.name for p in params if p.kind != "var_positional" and p.name in _DISPATCH_PARAMS]
    # dtype= decides only where no array parameter does (isdtype, can_cast).
    if "dtype" in chosen and len(chosen) > 1:
        chosen.remove("dtype")
    return chosen


def _call_arguments(params: list[_Param]) -> str:
    spelled = {"var_positional": "*{0}", "keyword": "{0}={0}", "positional": "{0}"}
    return ", ".join(spelled[p.kind].format(p.name) for p in params)


_SELECTED_BODY = (
    "    try:\n"
    "        f = by_backend[current()]\n"
    "    except KeyError:\n"
    "        f = lookup.selected()\n"
)
# Parameters that may hold a dtype given as a class (NumPy's np.float32), keyed by the class itself.
_DTYPE_PARAMS = {"from_", "to", "type", "dtype"}


# Defaults a call can leave out when the argument is that very object (``is``).
_SINGLETON_DEFAULTS = ("None", "True", "False")


def _call(params: list[_Param]) -> str:
    """``f(...)`` with every argument; or, when keyword-only arguments may still hold their
    singleton defaults, a branch that leaves those out: keyword arguments cost more to pass
    than positional ones, to Python and C functions alike."""
    full = f"f({_call_arguments(params)})"
    omittable = [p for p in params if p.kind == "keyword" and p.default in _SINGLETON_DEFAULTS]
    if not omittable:
        return full
    test = " and ".join(f"{p.name} is {p.default}" for p in omittable)
    short = f"f({_call_arguments([p for p in params if p not in omittable])})"
    return f"({short} if {test} else {full})"


def _body(name: str, params: list[_Param]) -> str:
    call = _call(params)
    if name in _SELECTED_BACKEND:
        return f"{_SELECTED_BODY}    return {call}"
    var_positional = [p.name for p in params if p.kind == "var_positional"]
    if var_positional or any(p.name == "arrays" for p in params):
        sequence = var_positional[0] if var_positional else "arrays"
        # inline: the cache by the first element's type, valid when every element has it
        return (
            "    try:\n"
            f"        first = typeof({sequence}[0])\n"
            "        f = cache[first]\n"
            "    except (KeyError, IndexError):\n"
            f"        f = lookup.resolve_sequence({sequence})\n"
            "    except TypeError:  # not a list or tuple: read it once\n"
            f"        {sequence} = tuple({sequence})\n"
            f"        f = lookup.resolve_sequence({sequence})\n"
            "    else:\n"
            f"        for element in {sequence}:\n"
            "            if typeof(element) is not first:\n"
            f"                f = lookup.resolve_sequence({sequence})\n"
            "                break\n"
            f"    return {call}"
        )
    if name == "asarray":  # an array decides; lists, scalars and buffers use the selected backend
        return (
            "    try:\n"
            "        f = cache[typeof(obj)]\n"
            "    except KeyError:\n"
            "        f = lookup.resolve_data(obj)\n"
            "    if f is None:\n"
            + "\n".join("    " + line for line in _SELECTED_BODY.splitlines())
            + f"\n    return {call}"
        )
    keys = _dispatch_params(name, params)
    if not keys:
        return f"{_SELECTED_BODY}    return {call}"
    if keys == ["dtype"]:  # creation functions: the selected backend unless a dtype names a library
        return (
            "    if dtype is None:\n"
            + "\n".join("    " + line for line in _SELECTED_BODY.splitlines())
            + "\n    else:\n"
            "        try:\n"
            "            f = cache[dtype if typeof(dtype) is typeof else typeof(dtype)]\n"
            "        except KeyError:\n"
            "            f = lookup.resolve(dtype)\n"
            f"    return {call}"
        )
    # typeof is the builtin type(), which the parameter named "type" (finfo, iinfo) shadows;
    # an inline dispatch_key() where a dtype may be a class.
    key = "".join(
        f"[{k} if typeof({k}) is typeof else typeof({k})]"
        if k in _DTYPE_PARAMS
        else f"[typeof({k})]"
        for k in keys
    )
    return (
        "    try:\n"
        f"        f = cache{key}\n"
        "    except KeyError:\n"
        f"        f = lookup.resolve({', '.join(keys)})\n"
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


def _factory_source(name: str, params: str) -> str:
    body = _body(name, _parse_params(params))
    return (
        f"def factory_{name}(lookup, cache, typeof, by_backend, current):\n"
        f"    def {name}({params}):\n"
        + "\n".join("    " + line for line in body.splitlines())
        + f"\n    return {name}\n"
    )


def make_functions(
    rows: list[tuple[str, str, str, str]], module: str
) -> dict[str, Callable[..., Any]]:
    """Build the ``ops`` functions for rows of the standard's table, compiled as one source."""
    source = "\n".join(_factory_source(name, params) for _, name, params, _ in rows)
    scope: dict[str, Any] = {}
    exec(compile(source, f"<{module} (generated)>", "exec"), scope)  # noqa: S102 - trusted table
    functions = {}
    for extension, name, params, summary in rows:
        lookup = _Lookup(extension, name)
        function = scope[f"factory_{name}"](
            lookup, lookup.cache, type, lookup.by_backend, _selection.current_name
        )
        function.__module__ = module
        function.__qualname__ = name
        function.__doc__ = _docstring(extension, name, params, summary)
        functions[name] = function
    return functions


def populate(namespace: dict[str, Any], extension: str) -> list[str]:
    """Define every standard function of ``extension`` in the module dict ``namespace``."""
    rows = [row for row in SPEC if row[0] == extension]
    namespace.update(make_functions(rows, namespace["__name__"]))
    return [name for _, name, _, _ in rows]
