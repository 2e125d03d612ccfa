"""Which names a namespace has: the standard's (from ``ops/_spec.py``) and ember_ml's extras.

The standard's names come from ``SPEC``, the table ``ember_ml.ops`` is generated from.
The extras are read from the ``__all__`` of the modules that define them, imported on
first use (none of them imports NumPy, torch or MLX), so an extra added there is known
to the linter without any change here. A module that cannot be imported makes its
namespace permissive (every name accepted): the checker prefers missing a finding to
reporting a false one.
"""

from __future__ import annotations

import ast
import importlib
import pathlib
from dataclasses import dataclass, field
from functools import lru_cache

DTYPES = frozenset(
    {
        "bool",
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
        "complex128",
    }
)
CONSTANTS = frozenset({"e", "inf", "nan", "newaxis", "pi"})
# Standard functions whose result is not one array (a tuple, a dtype, a bool, an info object).
NOT_ARRAY_RESULT = frozenset(
    {
        "finfo",
        "iinfo",
        "isdtype",
        "can_cast",
        "result_type",
        "broadcast_shapes",
        "__array_namespace_info__",
        "meshgrid",
        "broadcast_arrays",
        "nonzero",
        "unique_all",
        "unique_counts",
        "unique_inverse",
        "unstack",
        "eigh",
        "qr",
        "slogdet",
        "svd",
        "eig",
    }
)

# The extras: (namespace path as users write it after ``ember_ml.``, module, attribute
# names of the module that are themselves namespaces).
_OPS_TOP_LEVEL_EXTRAS = ("ember_ml.ops.indexing", "ember_ml.ops.signal", "ember_ml.ops._random")
_SUBMODULES = {
    "stats": "ember_ml.ops.stats",
    "activations": "ember_ml.ops.activations",
    "linalg": "ember_ml.ops.linalg",
    "signal": "ember_ml.ops.signal",
    "fft": "ember_ml.ops.fft",
}


@dataclass(eq=False)
class Namespace:
    """What the checker knows about one namespace (``xp``, ``ember_ml.ops``, ``ops.linalg``...)."""

    label: str  # how messages name it: "the array API standard", "ember_ml.ops"
    names: frozenset[str] | None  # every valid attribute; None: accept anything
    not_callable: frozenset[str] = frozenset()
    array_results: frozenset[str] = frozenset()  # functions known to return one array
    submodules: dict[str, Namespace] = field(default_factory=dict)
    standard: bool = True  # a standard namespace (xp) rather than ember_ml's own

    def has(self, name: str) -> bool:
        return self.names is None or name in self.names or name in self.submodules


def _spec_rows() -> tuple[tuple[str, str, str, str], ...]:
    try:
        from ember_ml.ops._spec import SPEC

        return SPEC
    except Exception:  # a broken ember_ml.ops must not stop the linter: read the table itself
        path = pathlib.Path(__file__).resolve().parents[1] / "ops" / "_spec.py"
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
            value = getattr(node, "value", None)
            if isinstance(target, ast.Name) and target.id == "SPEC" and value is not None:
                return ast.literal_eval(value)
        raise


def standard_functions() -> dict[str, frozenset[str]]:
    """The standard's function names per extension (``""``, ``"linalg"``, ``"fft"``) from SPEC."""
    table: dict[str, set[str]] = {}
    for extension, name, _params, _summary in _spec_rows():
        table.setdefault(extension, set()).add(name)
    return {ext: frozenset(names) for ext, names in table.items()}


def _module_all(module: str) -> frozenset[str] | None:
    try:
        return frozenset(importlib.import_module(module).__all__)
    except Exception:
        return None


def _package_modules(package: str) -> frozenset[str]:
    """Public submodules of ``ember_ml.<package>`` (importable as attributes)."""
    folder = pathlib.Path(__file__).resolve().parents[1] / package
    if not folder.is_dir():
        return frozenset()
    found = {p.stem for p in folder.glob("*.py")} | {
        p.parent.name for p in folder.glob("*/__init__.py")
    }
    return frozenset(n for n in found if not n.startswith("_"))


@lru_cache(maxsize=1)
def namespaces() -> dict[str, Namespace]:
    """The namespaces the checker knows: ``standard`` (xp), ``ops``, ``random``."""
    spec = standard_functions()
    main = spec[""]
    array_results = frozenset(main - NOT_ARRAY_RESULT)
    std_sub = {
        ext: Namespace(
            f"the array API standard's {ext}",
            spec.get(ext, frozenset()),
            array_results=frozenset(spec.get(ext, frozenset()) - NOT_ARRAY_RESULT),
        )
        for ext in ("linalg", "fft")
    }
    standard = Namespace(
        "the array API standard",
        main | DTYPES | CONSTANTS | {"__array_api_version__"},
        not_callable=DTYPES | CONSTANTS,
        array_results=array_results,
        submodules=std_sub,
    )

    top = set(main) | DTYPES | CONSTANTS | {"__array_api_version__", "linearalg"}
    top |= _package_modules("ops")
    permissive = False
    ops_all = _module_all("ember_ml.ops")
    if ops_all is None:
        permissive = True
    else:
        top |= ops_all
    for module in _OPS_TOP_LEVEL_EXTRAS:
        names = _module_all(module)
        if names is None:
            permissive = True
        else:
            top |= names
    subs: dict[str, Namespace] = {}
    for attr, module in _SUBMODULES.items():
        names = _module_all(module)
        if attr in std_sub:
            names = None if names is None else names | std_sub[attr].names  # type: ignore[operator]
            results = std_sub[attr].array_results
        else:
            results = frozenset()
        subs[attr] = Namespace(module, names, array_results=results, standard=False)
    subs["linearalg"] = subs["linalg"]
    ops = Namespace(
        "ember_ml.ops",
        None if permissive else frozenset(top),
        not_callable=DTYPES | CONSTANTS,
        array_results=array_results,
        submodules=subs,
        standard=False,
    )
    random_names = _module_all("ember_ml.random")
    if random_names is not None:
        random_names = random_names | _package_modules("random")
    random = Namespace("ember_ml.random", random_names, standard=False)
    return {"standard": standard, "ops": ops, "random": random}


def extras_names() -> frozenset[str]:
    """Names ember_ml.ops has beyond the standard (for 'use ember_ml.ops.X' suggestions)."""
    ops = namespaces()["ops"]
    std = namespaces()["standard"]
    if ops.names is None:
        return frozenset()
    return frozenset(ops.names - std.names - {"linearalg"})  # type: ignore[operator]


@lru_cache(maxsize=1)
def _array_first_standard() -> dict[str, frozenset[str]]:
    """Standard functions whose first parameter is an array (``x`` or ``x1``), per extension."""
    table: dict[str, set[str]] = {}
    for extension, name, params, _summary in _spec_rows():
        first = params.split(",", 1)[0].strip()
        if first in ("x", "x1"):
            table.setdefault(extension, set()).add(name)
    return {ext: frozenset(names) for ext, names in table.items()}


def array_first_functions(ns: Namespace) -> frozenset[str]:
    """The functions of ``ns`` whose first argument is an array (the standard's, by extension)."""
    table = _array_first_standard()
    label = ns.label
    if label == "ember_ml.random":
        return frozenset()
    for ext in ("linalg", "fft"):
        if label.endswith(ext):
            return table.get(ext, frozenset())
    return table.get("", frozenset())
