"""Write the standard's functions, from the table in ``_spec.py``, into checked-in source files.

Run ``python -m ember_ml.ops._generate`` after changing ``_spec.py``: it rewrites
``_standard.py`` (the main namespace), ``_standard_linalg.py`` and ``_standard_fft.py``.
``python -m ember_ml.ops._generate --check`` says whether they are up to date (the tests
do the same). The runtime never imports this module.

Each function has exactly the standard's signature, annotated from the type tables of
``_spec.py``. It looks at the parameters that may hold arrays (or dtypes), finds the
namespace serving them, and calls that namespace's function of the same name. After the
first call with given argument types the lookup is one dictionary access per deciding
argument, keyed by its type (nested dictionaries for several arguments: cheaper than
building a tuple key); the dictionaries and the ``Lookup`` that fills them are module
globals next to each function. Functions with no array parameter (``zeros``, ``arange``,
``fftfreq`` ...) use the selected backend (``ember_ml.get_backend()``).

The output is what ``ruff format`` makes of it (line length 100), so formatting the
tree leaves the generated files as they are.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
from dataclasses import dataclass

from ember_ml import _typing
from ember_ml.ops._spec import SPEC
from ember_ml.ops._spec_types import (
    OVERLOADS,
    PARAM_TYPES,
    PARAM_TYPES_BY_FUNCTION,
    RETURN_TYPES,
    SCALAR_OPERANDS,
)

# extension -> (generated file, the public module whose functions they are)
MODULES = {
    "": ("_standard.py", "ember_ml.ops"),
    "linalg": ("_standard_linalg.py", "ember_ml.ops.linalg"),
    "fft": ("_standard_fft.py", "ember_ml.ops.fft"),
}
HEADER = "# generated from _spec.py by `python -m ember_ml.ops._generate` — do not edit"
LINE_LENGTH = 100

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
# Creation functions that also take Dask's ``chunks=`` (keyword-only, after the standard's
# parameters; passed on only when given, so other libraries never see it).
_CHUNKED = frozenset({"arange", "empty", "eye", "full", "linspace", "ones", "zeros"})
_CHUNKS = "chunks: Chunks | None = None"
# Functions that take foreign or no arrays and so always use the selected backend.
_SELECTED_BACKEND = {"from_dlpack", "broadcast_shapes"}
# Parameters that may hold a dtype given as a class (NumPy's np.float32), keyed by the class itself.
_DTYPE_PARAMS = {"from_", "to", "type", "dtype"}
# Defaults a call can leave out when the argument is that very object (``is``).
_SINGLETON_DEFAULTS = ("None", "True", "False")
_SPEC_URL = "https://data-apis.org/array-api/2025.12/API_specification/generated/array_api.{}.html"
# Where the names used in the annotations come from.
_TYPING_NAMES = ("Literal",)
_ABC_NAMES = ("Sequence",)


@dataclass(frozen=True)
class Param:
    """One parameter of a standard signature, read from the table's text."""

    name: str
    kind: str  # "positional", "keyword" or "var_positional"
    default: str | None  # the default's source text, None when there is none


def parse_params(params: str) -> tuple[list[Param], int | None]:
    """The parameters of a table row (``"x, /, *, axis=None"``) and how many are positional-only.

    No default holds a comma.
    """
    parsed: list[Param] = []
    positional_only = None
    keyword_only = False
    for item in (part.strip() for part in params.split(",")):
        if not item:
            continue
        if item == "/":
            positional_only = len(parsed)
        elif item == "*":
            keyword_only = True
        elif item.startswith("*"):
            parsed.append(Param(item[1:], "var_positional", None))
            keyword_only = True
        else:
            name, equals, default = (part.strip() for part in item.partition("="))
            kind = "keyword" if keyword_only else "positional"
            parsed.append(Param(name, kind, default if equals else None))
    return parsed, positional_only


# --------------------------------------------------------------------------- types


def _by_function(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Invert a {value: functions} table; a function named twice is an error."""
    inverted: dict[str, str] = {}
    for value, functions in table.items():
        for function in functions:
            if function in inverted:
                raise ValueError(f"{function} appears twice in a type table of _spec_types.py")
            inverted[function] = value
    return inverted


_PARAM_OVERRIDES = {name: _by_function(table) for name, table in PARAM_TYPES_BY_FUNCTION.items()}
_SCALARS = _by_function(SCALAR_OPERANDS)
_RETURNS = _by_function(RETURN_TYPES)


def annotation(qualname: str, param: Param) -> str:
    """The type of ``param`` in the function ``qualname`` ("sum", "linalg.svd")."""
    override = _PARAM_OVERRIDES.get(param.name, {}).get(qualname)
    if override is not None:
        return override
    if param.name in ("x1", "x2") and qualname in _SCALARS:
        return f"ArrayT | {_SCALARS[qualname]}"
    try:
        return PARAM_TYPES[param.name]
    except KeyError:
        raise ValueError(
            f"_spec_types.py gives no type for {qualname}'s parameter {param.name}"
        ) from None


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"\b{name}\b", text) is not None


def return_annotation(qualname: str, annotations: list[str]) -> str:
    """The result type of ``qualname``, whose parameters have ``annotations``."""
    if qualname in OVERLOADS:
        results = dict.fromkeys(result for _, result in OVERLOADS[qualname][1])
        return " | ".join(results)
    has_array = any(_mentions(text, "ArrayT") for text in annotations)
    result = _RETURNS.get(qualname, "ArrayT" if has_array else "SelectedArray")
    if has_array and not _mentions(result, "ArrayT"):
        raise ValueError(f"{qualname}: ArrayT in a parameter only; write Array there")
    if _mentions(result, "ArrayT") and not has_array:
        raise ValueError(f"{qualname}: ArrayT in the result and in no parameter")
    return result


def check_tables() -> None:
    """Every function and parameter the type tables name exists in SPEC."""
    signatures = {
        (f"{ext}.{name}" if ext else name): {p.name for p in parse_params(params)[0]}
        for ext, name, params, _ in SPEC
    }
    named: list[tuple[str | None, str]] = [  # (parameter or None, function)
        *((name, f) for name, table in _PARAM_OVERRIDES.items() for f in table),
        *(("x1", f) for f in _SCALARS),
        *((OVERLOADS[f][0], f) for f in OVERLOADS),
        *((None, f) for f in _RETURNS),
    ]
    for param, function in named:
        if function not in signatures:
            raise ValueError(f"the type tables of _spec_types.py name {function}, which SPEC lacks")
        if param is not None and param not in signatures[function]:
            raise ValueError(
                f"the type tables of _spec_types.py name {function}'s {param}; it has none"
            )
    unused = set(PARAM_TYPES) - set().union(*signatures.values())
    if unused:
        raise ValueError(f"PARAM_TYPES names parameters no function has: {sorted(unused)}")


# --------------------------------------------------------------------------- source text


def _signature_items(qualname: str, params: list[Param], positional_only: int | None) -> list[str]:
    items = []
    for index, param in enumerate(params):
        if index == positional_only:
            items.append("/")
        if param.kind == "keyword" and (index == 0 or params[index - 1].kind == "positional"):
            items.append("*")
        star = "*" if param.kind == "var_positional" else ""
        text = f"{star}{param.name}: {annotation(qualname, param)}"
        items.append(text if param.default is None else f"{text} = {_default(param.default)}")
    if positional_only == len(params):
        items.append("/")
    return items


def _default(text: str) -> str:
    """A default's source text as ruff writes it (strings in double quotes)."""
    if text.startswith("'") and '"' not in text:
        return f'"{text[1:-1]}"'
    return text


def _def(indent: str, name: str, items: list[str], result: str, stub: bool = False) -> list[str]:
    """``def name(items) -> result:`` laid out as ruff formats it."""
    end = ": ..." if stub else ":"
    line = f"{indent}def {name}({', '.join(items)}) -> {result}{end}"
    if len(line) <= LINE_LENGTH:
        return [line]
    inner = f"{indent}    {', '.join(items)}"
    if len(inner) <= LINE_LENGTH:
        return [f"{indent}def {name}(", inner, f"{indent}) -> {result}{end}"]
    return [
        f"{indent}def {name}(",
        *(f"{indent}    {item}," for item in items),
        f"{indent}) -> {result}{end}",
    ]


def _call_arguments(params: list[Param]) -> str:
    spelled = {"var_positional": "*{0}", "keyword": "{0}={0}", "positional": "{0}"}
    return ", ".join(spelled[p.kind].format(p.name) for p in params)


def _returns(params: list[Param]) -> list[str]:
    """``return f(...)`` with every argument; or, when keyword-only arguments may still hold
    their singleton defaults, a branch that leaves those out: keyword arguments cost more to
    pass than positional ones, to Python and C functions alike."""
    full = f"return f({_call_arguments(params)})"
    omittable = [p for p in params if p.kind == "keyword" and p.default in _SINGLETON_DEFAULTS]
    if not omittable:
        return [full]
    test = " and ".join(f"{p.name} is {p.default}" for p in omittable)
    short = f"return f({_call_arguments([p for p in params if p not in omittable])})"
    return [f"if {test}:", f"    {short}", full]


def _dispatch_params(name: str, params: list[Param]) -> list[str]:
    if name in _SELECTED_BACKEND:
        return []
    chosen = [p.name for p in params if p.kind != "var_positional" and p.name in _DISPATCH_PARAMS]
    # dtype= decides only where no array parameter does (isdtype, can_cast).
    if "dtype" in chosen and len(chosen) > 1:
        chosen.remove("dtype")
    return chosen


class _Names:
    """The module globals one function's body reads."""

    def __init__(self, name: str, params: list[Param]) -> None:
        self.lookup = f"_{name}"
        self.cache = f"_{name}_cache"
        self.by_backend = f"_{name}_by_backend"
        # the builtin type(), which the parameter named "type" (finfo, iinfo) shadows
        self.type = "_type" if any(p.name == "type" for p in params) else "type"


def _selected(names: _Names) -> list[str]:
    return [
        "try:",
        f"    f = {names.by_backend}[_current()]",
        "except KeyError:",
        f"    f = {names.lookup}.selected()",
    ]


def _key(names: _Names, param: str) -> str:
    """The cache key of a deciding argument: its type, or the class itself for a class used
    as a dtype (NumPy's ``np.float32``), as ``dispatch_key`` computes it."""
    t = names.type
    if param in _DTYPE_PARAMS:
        return f"[{param} if {t}({param}) is {t} else {t}({param})]"
    return f"[{t}({param})]"


def _body(name: str, params: list[Param], names: _Names) -> list[str]:
    """The lines of the function's body after its docstring, unindented."""
    returns = _returns(params)
    if name in _CHUNKED:
        chunked = f"return f({_call_arguments(params)}, chunks=chunks)"
        returns = ["if chunks is not None:", f"    {chunked}", *returns]
    if name in _SELECTED_BACKEND:
        return _selected(names) + returns
    var_positional = [p.name for p in params if p.kind == "var_positional"]
    if var_positional or any(p.name == "arrays" for p in params):
        sequence = var_positional[0] if var_positional else "arrays"
        # inline: the cache by the first element's type, valid when every element has it
        return [
            "try:",
            f"    first = {names.type}({sequence}[0])",
            f"    f = {names.cache}[first]",
            "except (KeyError, IndexError):",
            f"    f = {names.lookup}.resolve_sequence({sequence})",
            "except TypeError:  # not a list or tuple: read it once",
            f"    {sequence} = tuple({sequence})",
            f"    f = {names.lookup}.resolve_sequence({sequence})",
            "else:",
            f"    for element in {sequence}:",
            f"        if {names.type}(element) is not first:",
            f"            f = {names.lookup}.resolve_sequence({sequence})",
            "            break",
            *returns,
        ]
    if name == "asarray":  # an array decides; lists, scalars and buffers use the selected backend
        return [
            "try:",
            f"    f = {names.cache}[{names.type}(obj)]",
            "except KeyError:",
            f"    f = {names.lookup}.resolve_data(obj)",
            "if f is None:",
            *("    " + line for line in _selected(names)),
            *returns,
        ]
    keys = _dispatch_params(name, params)
    if not keys:
        return _selected(names) + returns
    if keys == ["dtype"]:  # creation functions: the selected backend unless a dtype names a library
        # Dask's dtypes are NumPy's: with Dask selected, NumPy's dtypes mean Dask's.
        selected_test = (
            'dtype is None or _current() == "dask"' if name in _CHUNKED else "dtype is None"
        )
        return [
            f"if {selected_test}:",
            *("    " + line for line in _selected(names)),
            "else:",
            "    try:",
            f"        f = {names.cache}{_key(names, 'dtype')}",
            "    except KeyError:",
            f"        f = {names.lookup}.resolve(dtype)",
            *returns,
        ]
    lookup = [f"    f = {names.cache}{''.join(_key(names, k) for k in keys)}"]
    if len(lookup[0]) + 4 > LINE_LENGTH:  # as ruff splits it: inside the last subscript
        *outer, last = (_key(names, k) for k in keys)
        lookup = [f"    f = {names.cache}{''.join(outer)}[", f"        {last[1:-1]}", "    ]"]
    return [
        "try:",
        *lookup,
        "except KeyError:",
        f"    f = {names.lookup}.resolve({', '.join(keys)})",
        *returns,
    ]


def _docstring(extension: str, name: str, params: str, summary: str) -> list[str]:
    qualname = f"{extension}.{name}" if extension else name
    return [
        f'"""{summary}',
        "",
        f"Array API standard function ``{qualname}({params})``, computed by the",
        "namespace of the array arguments (NumPy, PyTorch, MLX or any standard",
        "library) and returning that library's arrays; with no array argument,",
        "by the selected backend (``ember_ml.get_backend()``).",
        "",
        f"Specification: {_SPEC_URL.format(qualname)}",
        '"""',
    ]


def _retyped(item: str, param: str, type_: str) -> str:
    """A signature item (``"obj: T = None"``) with ``param``'s type replaced by ``type_``."""
    if not item.startswith(f"{param}: "):
        return item
    default = item[item.index(" = ") :] if " = " in item else ""
    return f"{param}: {type_}{default}"


def _function(extension: str, name: str, params_text: str, summary: str) -> tuple[list[str], str]:
    """The module-level lines of one function (its lookup state, overloads and definition),
    and the text of the types they name."""
    qualname = f"{extension}.{name}" if extension else name
    params, positional_only = parse_params(params_text)
    names = _Names(name, params)
    items = _signature_items(qualname, params, positional_only)
    if name in _CHUNKED:
        items.append(_CHUNKS)
    result = return_annotation(qualname, [annotation(qualname, p) for p in params])
    types = [*items, result]
    body = _body(name, params, names)
    lines = [f'{names.lookup} = _Lookup("{extension}", "{name}")']
    if any(names.cache in line for line in body):
        lines.append(f"{names.cache} = {names.lookup}.cache")
    if any(names.by_backend in line for line in body):
        lines.append(f"{names.by_backend} = {names.lookup}.by_backend")
    lines += ["", ""]
    if qualname in OVERLOADS:
        overloaded, cases = OVERLOADS[qualname]
        lines += ["if TYPE_CHECKING:", ""]
        for index, (case, case_result) in enumerate(cases):
            case_items = [_retyped(item, overloaded, case) for item in items]
            types += [*case_items, case_result]
            lines += [""] if index else []
            lines += ["    @overload", *_def("    ", name, case_items, case_result, stub=True)]
        lines += ["", ""]
    lines += _def("", name, items, result)
    docstring = _docstring(extension, name, params_text, summary)
    if name in _CHUNKED:
        docstring[-2:-2] = [
            "With the Dask backend selected, ``chunks=`` is Dask's chunking of the result",
            '(Dask\'s ``"auto"`` when left out); the other libraries take no ``chunks``.',
            "",
        ]
    lines += ["    " + line if line else "" for line in docstring]
    lines += ["    " + line for line in body]
    return lines, "\n".join(types)


def _imports(types: str, overloads: bool, uses_current: bool, uses_type: bool) -> list[str]:
    """The import lines of a generated module whose annotations name ``types``."""
    used = set(re.findall(r"\b[A-Za-z_]\w*\b", types))
    typing_names = [n for n in _TYPING_NAMES if n in used]
    if overloads:
        typing_names += ["TYPE_CHECKING", "overload"]
    abc = sorted(n for n in _ABC_NAMES if n in used)
    lines = ["from __future__ import annotations", ""]
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    if typing_names:
        lines.append(f"from typing import {', '.join(sorted(typing_names, key=_isort))}")
    if abc or typing_names:
        lines.append("")
    ours = sorted((n for n in _typing.__all__ if n in used), key=_isort)
    if uses_current:
        lines.append("from ember_ml._selection import current_name as _current")
    lines += _wrapped_import("ember_ml._typing", ours)
    lines.append("from ember_ml.ops._dispatch import Lookup as _Lookup")
    if uses_type:
        lines += ["", "_type = type  # the builtin, which finfo's and iinfo's parameter shadows"]
    return lines


def _isort(name: str) -> tuple[int, str, str]:
    """ruff's (isort's) order of imported names: CONSTANTS, Classes, then the others, each
    group in case-insensitive order."""
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name.lower(), name


def _wrapped_import(module: str, names: list[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"from {module} import (", *(f"    {name}," for name in names), ")"]


def render(extension: str) -> str:
    """The source text of the generated module for ``extension`` ("", "linalg" or "fft")."""
    check_tables()
    rows = [row for row in SPEC if row[0] == extension]
    public = MODULES[extension][1]
    functions = [_function(*row) for row in rows]
    body = [line for lines, _ in functions for line in lines]
    what = f"the ``{extension}`` extension" if extension else "the main namespace"
    lines = [
        HEADER,
        f'"""The array API standard\'s functions of {what}, as ``{public}`` exposes them.',
        "",
        "Generated from the table in ``_spec.py`` by ``python -m ember_ml.ops._generate``; edit",
        "the table or the generator, not this file. Each function finds the namespace of its",
        "array arguments (one dictionary access per deciding argument once their types were",
        "seen) and calls that namespace's function of the same name; with no array argument,",
        "the selected backend's.",
        '"""',
        "",
        *_imports(
            "\n".join(types for _, types in functions),
            overloads=any("@overload" in line for line in body),
            uses_current=any("_current()" in line for line in body),
            uses_type=any("_type(" in line for line in body),
        ),
        "",
        "__all__ = [",
        *(f'    "{name}",' for _, name, _, _ in rows),
        "]",
    ]
    for function, _ in functions:
        lines += ["", "", *function]
    lines += [
        "",
        "",
        f"for _name in __all__:  # the functions are {public}'s",
        f'    globals()[_name].__module__ = "{public}"',
        "del _name",
    ]
    return "\n".join(lines) + "\n"


def path(extension: str) -> pathlib.Path:
    """Where the generated module for ``extension`` is checked in."""
    return pathlib.Path(__file__).with_name(MODULES[extension][0])


def stale() -> list[pathlib.Path]:
    """The generated files whose text differs from what the table gives now."""
    return [
        path(extension)
        for extension in MODULES
        if not path(extension).exists()
        or path(extension).read_text(encoding="utf-8") != render(extension)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write _standard.py, _standard_linalg.py and _standard_fft.py from _spec.py."
    )
    parser.add_argument(
        "--check", action="store_true", help="only report files that differ (exit status 1)"
    )
    options = parser.parse_args(argv)
    if options.check:
        differ = stale()
        for file in differ:
            print(f"{file} is out of date; run python -m ember_ml.ops._generate")
        return 1 if differ else 0
    for extension in MODULES:
        path(extension).write_text(render(extension), encoding="utf-8")
        print(f"wrote {path(extension)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
