"""The checker: one pass over a module's syntax tree with heuristic type inference.

What a name holds is tracked per scope, statement by statement: a *namespace* (bound from
``array_namespace(...)``, ``x.__array_namespace__()``, a parameter called ``xp``,
``ember_ml.ops`` and its submodules), an *array* (bound from a namespace call that returns
one array, arithmetic or indexing on an array, a parameter annotated or named as an array),
a *backend module* (``import numpy as np``) or nothing known. After an ``if``/``for``/
``while``/``try`` a name keeps what it holds only when every path agrees. Anything
unknown is never reported: the checker prefers missing a finding to a false one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ember_ml.lint._names import Namespace, extras_names, namespaces
from ember_ml.lint._rules import (
    ARRAY_REPLACEMENTS,
    BACKEND_MODULES,
    CALL_ONLY,
    DATA_DEPENDENT,
    NAMESPACE_REPLACEMENTS,
    NARROW_DTYPES,
    RULES,
)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int  # 1-based, as flake8 and ruff print it
    code: str
    message: str
    suggestion: str = ""
    fix: str = ""

    @property
    def severity(self) -> str:
        return RULES[self.code].severity if self.code in RULES else "error"


ARRAY = "array"
MASK = "mask"  # a boolean array from a comparison or a predicate
NS_TUPLE = "ns-tuple"  # (xp, ...) from sklearn-style get_namespace(...)
NS_FUNC = "ns-func"  # a function returning a namespace: array_namespace
NS_TUPLE_FUNC = "ns-tuple-func"
COMPILE = "compile"  # mx.compile / torch.compile / jax.jit imported by name
EMBER = "ember_ml"  # the ember_ml package
ARRAY_FUNC = "array-func"  # a function of the module annotated to return an array
_ITERATING_BUILTINS = frozenset(
    {
        "list",
        "tuple",
        "set",
        "sum",
        "max",
        "min",
        "sorted",
        "any",
        "all",
        "enumerate",
        "zip",
        "iter",
        "reversed",
        "map",
        "dict",
    }
)

_ARRAY_KINDS = (ARRAY, MASK)
_ARRAY_ANNOTATION = re.compile(r"(\w+\.)*(Array|NDArray(\[[\w.]+\])?|ndarray|Tensor|array)")
_ARRAY_PARAM_NAMES = frozenset({"array", "arr", "tensor", "ndarray"})
_ARRAY_PARAM_SUFFIXES = ("_array", "_tensor", "_arr")
_BACKEND_CHECK = re.compile(
    r"^_?(is_\w*(numpy|torch|mlx|jax|cupy|dask|strict|ndonnx|sparse|namespace|array|tensor)\w*"
    r"|\w*_is_\w*namespace\w*)$"
)
_PREDICATES = frozenset(
    {
        "isnan",
        "isinf",
        "isfinite",
        "logical_and",
        "logical_or",
        "logical_not",
        "logical_xor",
        "equal",
        "not_equal",
        "less",
        "less_equal",
        "greater",
        "greater_equal",
        "signbit",
    }
)
_CAST_FUNCS = frozenset({"astype"})
# non-standard methods whose result is again an array (so a chain is followed)
_ARRAY_METHODS = frozenset(ARRAY_REPLACEMENTS) - {
    "numpy",
    "item",
    "size",
    "dim",
    "numel",
    "itemsize",
    "nbytes",
    "strides",
    "data_ptr",
    "tobytes",
    "nonzero",
    "tolist",
}
# array methods with a namespace function of the same arguments: x.m(a) -> xp.f(x, a)
_METHOD_FUNCTIONS = {
    "astype": "astype",
    "reshape": "reshape",
    "sum": "sum",
    "mean": "mean",
    "prod": "prod",
    "max": "max",
    "min": "min",
    "std": "std",
    "var": "var",
    "any": "any",
    "all": "all",
    "argmax": "argmax",
    "argmin": "argmin",
    "argsort": "argsort",
    "sort": "sort",
    "clip": "clip",
    "abs": "abs",
    "round": "round",
    "conj": "conj",
    "cumsum": "cumulative_sum",
    "cumprod": "cumulative_prod",
    "squeeze": "squeeze",
    "unsqueeze": "expand_dims",
    "permute": "permute_dims",
}
_GET_NAMESPACE = frozenset({"get_namespace", "get_namespace_and_device"})
_DEVICE_LIBRARIES = frozenset({"torch", "mlx", "jax", "cupy"})
_COMPILE_ATTRS = {"mlx": "compile", "torch": "compile", "jax": "jit"}


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _dtype_name(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return node.id
    return None


def _is_array_annotation(node: ast.AST | None) -> bool:
    """``Array``, ``np.ndarray``, ``torch.Tensor``, ``mx.array``, ``Array | None``: one array."""
    if node is None:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    else:
        try:
            text = ast.unparse(node)
        except Exception:
            return False
    text = text.replace(" ", "")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional[") : -1]
    parts = [p for p in text.split("|") if p != "None"]
    return bool(parts) and all(_ARRAY_ANNOTATION.fullmatch(p) for p in parts)


class Checker(ast.NodeVisitor):
    """Collects findings for one module."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.ns = namespaces()
        self.scopes: list[dict[str, object]] = [{}]
        self.class_scope: list[bool] = [False]
        self.guard = 0  # > 0 inside a backend-specific branch
        self.compiled = 0  # > 0 inside a compiled function
        self.type_checking = 0
        self.compiled_names: set[str] = set()
        self.ns_var = "xp"  # how fixes name the namespace in the current scope

    # ----------------------------------------------------------------- bookkeeping
    def report(
        self, node: ast.AST, code: str, message: str, suggestion: str = "", fix: str = ""
    ) -> None:
        if self.guard and code != "EM101":
            return
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        if isinstance(node, ast.Attribute) and node.end_lineno == line and node.end_col_offset:
            col = node.end_col_offset - len(node.attr)  # point at the name itself
        self.findings.append(Finding(self.path, line, col + 1, code, message, suggestion, fix))

    def _visible(self) -> list[dict[str, object]]:
        """The scopes a name is looked up in, innermost first (enclosing class bodies are not)."""
        last = len(self.scopes) - 1
        return [
            self.scopes[depth]
            for depth in range(last, -1, -1)
            if depth in (0, last) or not self.class_scope[depth]
        ]

    def lookup(self, name: str) -> object:
        for scope in self._visible():
            if name in scope:
                return scope[name]
        return None

    def _is_builtin(self, name: str) -> bool:
        """Not bound in any visible scope (so ``sum`` is Python's, not the user's)."""
        return not any(name in scope for scope in self._visible())

    def bind(self, name: str, kind: object) -> None:
        self.scopes[-1][name] = kind
        if isinstance(kind, Namespace) and kind.standard:
            self.ns_var = name

    def bind_target(self, target: ast.AST, kind: object) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, kind)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for index, element in enumerate(target.elts):
                sub = None
                if kind == NS_TUPLE and index == 0:
                    sub = self.ns["standard"]
                self.bind_target(
                    element.value if isinstance(element, ast.Starred) else element, sub
                )

    @contextmanager
    def _scope(self, scope: dict[str, object], is_class: bool = False) -> Iterator[None]:
        """Inside a new scope (a function, class body, lambda or comprehension)."""
        self.scopes.append(scope)
        self.class_scope.append(is_class)
        try:
            yield
        finally:
            self.scopes.pop()
            self.class_scope.pop()

    # ----------------------------------------------------------------- what is it?
    def kind(self, node: ast.AST) -> object:
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            base = self.kind(node.value)
            if isinstance(base, Namespace):
                return base.submodules.get(node.attr)
            if base == EMBER:
                if node.attr == "ops":
                    return self.ns["ops"]
                if node.attr == "random":
                    return self.ns["random"]
                if node.attr == "array_namespace":
                    return NS_FUNC
                return None
            if isinstance(base, tuple) and base[0] == "module":
                if base[1] == "array_api_compat" and node.attr == "array_namespace":
                    return NS_FUNC
                if node.attr == _COMPILE_ATTRS.get(base[1]):
                    return COMPILE
                if base[1] == "mlx" and node.attr == "core":
                    return base
                return ("module", base[1]) if node.attr in ("numpy", "linalg", "fft") else None
            if base in _ARRAY_KINDS and node.attr in ("T", "mT"):
                return ARRAY
            return None
        if isinstance(node, ast.Call):
            func = node.func
            fkind = self.kind(func)
            if fkind == NS_FUNC:
                return self.ns["standard"]
            if fkind == NS_TUPLE_FUNC:
                return NS_TUPLE
            if fkind == ARRAY_FUNC:
                return ARRAY
            if isinstance(func, ast.Attribute):
                if func.attr == "__array_namespace__":
                    return self.ns["standard"]
                owner = self.kind(func.value)
                if isinstance(owner, Namespace):
                    if func.attr in _PREDICATES:
                        return MASK
                    if func.attr in owner.array_results or (
                        func.attr in NAMESPACE_REPLACEMENTS and not owner.has(func.attr)
                    ):
                        return ARRAY
                    return None
                if (
                    isinstance(owner, tuple)
                    and owner[1] in _DEVICE_LIBRARIES
                    and func.attr in self.ns["standard"].array_results
                ):
                    return ARRAY
                if owner in _ARRAY_KINDS:
                    if func.attr == "to_device" or func.attr in _ARRAY_METHODS:
                        return ARRAY
            return None
        if isinstance(node, ast.BinOp):
            left, right = self.kind(node.left), self.kind(node.right)
            if left in _ARRAY_KINDS or right in _ARRAY_KINDS:
                if isinstance(node.op, (ast.BitAnd, ast.BitOr, ast.BitXor)) and MASK in (
                    left,
                    right,
                ):
                    return MASK
                return ARRAY
            return None
        if isinstance(node, ast.UnaryOp):
            inner = self.kind(node.operand)
            if inner in _ARRAY_KINDS and not isinstance(node.op, ast.Not):
                return inner
            return None
        if isinstance(node, ast.Subscript):
            return ARRAY if self.kind(node.value) in _ARRAY_KINDS else None
        if isinstance(node, ast.Compare):
            if any(isinstance(op, (ast.Is, ast.IsNot, ast.In, ast.NotIn)) for op in node.ops):
                return None
            if any(self.kind(n) in _ARRAY_KINDS for n in (node.left, *node.comparators)):
                return MASK
            return None
        if isinstance(node, ast.IfExp):
            body, orelse = self.kind(node.body), self.kind(node.orelse)
            return body if body == orelse else None
        if isinstance(node, ast.NamedExpr):
            return self.kind(node.value)
        return None

    def is_array(self, node: ast.AST) -> bool:
        return self.kind(node) in _ARRAY_KINDS

    # ----------------------------------------------------------------- imports (EM101)
    def _import_kind(self, module: str, name: str | None) -> object:
        full = module if name is None else f"{module}.{name}"
        root = full.partition(".")[0]
        if full == "ember_ml.ops":
            return self.ns["ops"]
        if full == "ember_ml.random":
            return self.ns["random"]
        if full.startswith("ember_ml.ops.") and full.count(".") == 2:
            return self.ns["ops"].submodules.get(full.rsplit(".", 1)[1])
        if full in (
            "ember_ml.array_namespace",
            "array_api_compat.array_namespace",
            "array_api_compat.get_namespace",
            "ember_ml._namespace.array_namespace",
        ):
            return NS_FUNC
        if name in _GET_NAMESPACE and "array_api" in module:
            return NS_TUPLE_FUNC
        if full in ("array_api_strict", "ember_ml.backend.mlx"):
            return self.ns["standard"]
        if full == "ember_ml":
            return EMBER
        if full == "array_api_compat":
            return ("module", "array_api_compat")
        if root in BACKEND_MODULES:
            if name is not None and name == _COMPILE_ATTRS.get(root):
                return COMPILE
            return ("module", root)
        return None

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            root = alias.name.partition(".")[0]
            if root in BACKEND_MODULES and not self.type_checking:
                self.report(
                    node,
                    "EM101",
                    f"`import {alias.name}` in backend-agnostic code",
                    "use ember_ml.array_namespace(x) or ember_ml.ops",
                )
            if alias.asname:
                self.bind(alias.asname, self._import_kind(alias.name, None))
            else:
                self.bind(root, self._import_kind(root, None))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:  # a relative import: the project's own modules
            for alias in node.names:
                self.bind(
                    alias.asname or alias.name,
                    NS_TUPLE_FUNC
                    if alias.name in _GET_NAMESPACE and "array_api" in module
                    else None,
                )
            return
        root = module.partition(".")[0]
        if root in BACKEND_MODULES and not self.type_checking:
            self.report(
                node,
                "EM101",
                f"`from {module} import ...` in backend-agnostic code",
                "use ember_ml.array_namespace(x) or ember_ml.ops",
            )
        target = self._import_kind(module, None)
        for alias in node.names:
            if (
                isinstance(target, Namespace)
                and not alias.name.startswith(("_", "*"))
                and not target.has(alias.name)
            ):
                self._bad_name(node, target, module, alias.name)
            self.bind(alias.asname or alias.name, self._import_kind(module, alias.name))

    # ----------------------------------------------------------------- namespaces (EM2xx)
    def _bad_name(self, node: ast.AST, ns: Namespace, shown: str, name: str) -> None:
        replacement = NAMESPACE_REPLACEMENTS.get(name, "")
        if not replacement and ns.standard and name in extras_names():
            replacement = f"ember_ml.ops.{name}"
        head = re.split(r"[ (]", replacement, maxsplit=1)[0]
        fix = ""
        if (
            replacement
            and re.fullmatch(r"\w+(\.\w+)*", head)
            and not head.startswith("ember_ml")
            and head != "the"
        ):
            last = shown.rsplit(".", 1)[-1]
            if replacement.startswith(last + "."):
                replacement = replacement[len(last) + 1 :]
                head = head[len(last) + 1 :]
            replacement = f"{shown}.{replacement}"
            if head == replacement.split(" ")[0][len(shown) + 1 :]:
                fix = f"{shown}.{head}"
        where = "the array API standard" if ns.standard else ns.label
        if replacement:
            hint = f"use {replacement}"
        elif ns.standard:
            hint = "no standard equivalent: write it from standard functions"
        else:
            hint = f"not in {ns.label}.__all__"
        self.report(node, "EM201", f"`{shown}.{name}` is not in {where}", hint, fix)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.visit(node.value)
        if not isinstance(node.ctx, ast.Load) or node.attr.startswith("_"):
            return
        owner = self.kind(node.value)
        if isinstance(owner, Namespace):
            if not owner.has(node.attr):
                self._bad_name(node, owner, _dotted(node.value) or "xp", node.attr)
        elif (
            owner in _ARRAY_KINDS and node.attr in ARRAY_REPLACEMENTS and node.attr not in CALL_ONLY
        ):
            self._bad_method(node, node.attr)

    def _bad_method(self, node: ast.Attribute, attr: str, call: ast.Call | None = None) -> None:
        receiver = ast.unparse(node.value)
        shown = f".{attr}()" if call is not None else f".{attr}"
        hint = (
            ARRAY_REPLACEMENTS[attr].replace("(x", f"({receiver}").replace("xp.", f"{self.ns_var}.")
        )
        if not hint.startswith(("nothing", "not needed", "keep")):
            hint = f"use {hint}"
        self.report(
            node,
            "EM301",
            f"`{shown}` is not a standard array method/attribute",
            hint,
            self._method_fix(node, attr, call),
        )

    def _method_fix(self, node: ast.Attribute, attr: str, call: ast.Call | None) -> str:
        if call is None:
            return ""
        name = _METHOD_FUNCTIONS.get(attr)
        if name is None:
            if attr in ("flatten", "ravel") and not call.args:
                return f"{self.ns_var}.reshape({ast.unparse(node.value)}, (-1,))"
            return ""
        args = [node.value, *call.args]
        if attr == "reshape" and (
            len(call.args) > 1
            or (len(call.args) == 1 and isinstance(call.args[0], (ast.Constant, ast.UnaryOp)))
        ):
            args = [node.value, ast.Tuple(elts=list(call.args), ctx=ast.Load())]
        new = ast.Call(
            func=ast.Attribute(
                value=ast.Name(id=self.ns_var, ctx=ast.Load()), attr=name, ctx=ast.Load()
            ),
            args=args,
            keywords=call.keywords,
        )
        return ast.unparse(new)

    # ----------------------------------------------------------------- calls
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = self.kind(func.value)
            self.visit(func.value)
            if isinstance(owner, Namespace):
                if func.attr.startswith("_"):
                    pass
                elif not owner.has(func.attr):
                    self._bad_name(func, owner, _dotted(func.value) or "xp", func.attr)
                elif func.attr in owner.not_callable:
                    self.report(
                        func,
                        "EM202",
                        f"`{_dotted(func) or func.attr}` is called like a function",
                        "use xp.asarray(v, dtype=...)"
                        if func.attr != "newaxis"
                        else "use xp.expand_dims",
                    )
                self._check_namespace_call(node, func.attr, owner)
            elif owner in _ARRAY_KINDS:
                if func.attr in ARRAY_REPLACEMENTS:
                    self._bad_method(func, func.attr, node)
                elif func.attr == "tolist":
                    self.report(
                        node, "EM402", "`.tolist()` copies the array to the host", "keep the array"
                    )
                self._check_method_call(node, func.attr)
            elif isinstance(owner, tuple) and owner[0] == "module":
                if (
                    func.attr in ("asarray", "array", "asanyarray")
                    and owner[1] == "numpy"
                    and node.args
                    and self.is_array(node.args[0])
                ):
                    self.report(
                        node,
                        "EM402",
                        f"`{_dotted(func)}(...)` of an array is a round trip through NumPy",
                        "stay in the array's namespace",
                    )
                self._check_namespace_call(node, func.attr, owner)
        elif isinstance(func, ast.Name):
            self.visit(func)
            builtin = self._is_builtin(func.id)
            if (
                builtin
                and func.id in ("float", "int", "bool", "complex")
                and len(node.args) == 1
                and self.is_array(node.args[0])
            ):
                self.report(
                    node,
                    "EM401",
                    f"`{func.id}(...)` of an array forces evaluation (host round trip)",
                    "keep the 0-d array",
                )
            elif (
                builtin
                and func.id in _ITERATING_BUILTINS
                and node.args
                and any(self.is_array(a) for a in node.args)
                and (len(node.args) == 1 or func.id in ("zip", "map", "enumerate"))
            ):
                self.report(
                    node,
                    "EM404",
                    f"`{func.id}(...)` iterates over an array's elements in Python",
                    "use a vectorised namespace call (xp.sum, xp.max, ...)",
                )
        else:
            self.visit(func)
        for arg in node.args:
            self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def _check_namespace_call(self, node: ast.Call, name: str, owner: object) -> None:
        if self.compiled and name in DATA_DEPENDENT:
            if name == "bincount" and any(k.arg == "minlength" for k in node.keywords):
                return
            self._data_dependent(node, name)
        if name in _CAST_FUNCS and len(node.args) >= 2:
            self._narrow(node, node.args[1])
        elif name in ("asarray", "array") and node.args and self.is_array(node.args[0]):
            dtype = next((k.value for k in node.keywords if k.arg == "dtype"), None)
            self._narrow(node, dtype)

    def _check_method_call(self, node: ast.Call, name: str) -> None:
        if self.compiled and name in DATA_DEPENDENT:
            self._data_dependent(node, name)
        if name in ("astype", "to", "type") and node.args:
            self._narrow(node, node.args[0])
        elif name == "half":
            self.report(node, "EM701", "`.half()` casts to float16", "keep the input's dtype")

    def _data_dependent(self, node: ast.AST, name: str) -> None:
        self.report(
            node,
            "EM601",
            f"`{name}` has a data-dependent output shape inside a compiled function",
            "use xp.where with a fixed shape, or move it out",
        )

    def _narrow(self, node: ast.AST, dtype: ast.AST | None) -> None:
        name = _dtype_name(dtype)
        if name in NARROW_DTYPES:
            self.report(
                node,
                "EM701",
                f"explicit cast to {name} may lose precision or range",
                "keep the input's dtype, or mark an intended cast with # noqa: EM701",
            )

    def _float16_scalar(self, node: ast.AST) -> bool:
        if not isinstance(node, ast.Call):
            return False
        if _dtype_name(node.func) in ("float16", "half") and isinstance(node.func, ast.Attribute):
            return True
        dtype = next((k.value for k in node.keywords if k.arg == "dtype"), None)
        return (
            _dtype_name(dtype) in ("float16", "half")
            and bool(node.args)
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, float)
        )

    # ----------------------------------------------------------------- expressions
    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.visit(node.left)
        self.visit(node.right)
        left, right = self.kind(node.left), self.kind(node.right)
        if self._float16_scalar(node.left) or self._float16_scalar(node.right):
            self.report(
                node,
                "EM702",
                "float16 scalar in arithmetic: rounded to float16 before it meets the array",
                "use a Python float",
            )
        if left in _ARRAY_KINDS or right in _ARRAY_KINDS:
            self.report(
                node,
                "EM901",
                f"Python operator `{_OPS.get(type(node.op).__name__)}` on an "
                "array (style only: operators are as lazy as functions)",
                "use the namespace function",
            )

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)
        self.visit(node.slice)
        if (
            self.compiled
            and isinstance(node.ctx, ast.Load)
            and self.is_array(node.value)
            and self.kind(node.slice) == MASK
        ):
            self.report(
                node,
                "EM601",
                "boolean-mask indexing has a data-dependent shape inside a compiled function",
                "use xp.where(mask, x, 0)",
            )

    def _truth(self, test: ast.AST) -> None:
        if isinstance(test, ast.BoolOp):
            for value in test.values:
                self._truth(value)
            return
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            self._truth(test.operand)
            return
        if self.is_array(test):
            self.report(
                test,
                "EM403",
                "truth value of an array forces evaluation (host round trip)",
                "use xp.where, or decide outside compiled code",
            )

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind_target(node.target, self.kind(node.value))

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self._truth(node.test)
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        self._truth(node.test)
        self.generic_visit(node)

    def _comprehension(self, node: ast.AST) -> None:
        with self._scope({}):
            for generator in node.generators:  # type: ignore[attr-defined]
                self.visit(generator.iter)
                if self.is_array(generator.iter):
                    self.report(
                        generator.iter,
                        "EM404",
                        "Python iteration over an array's elements",
                        "use a vectorised namespace call",
                    )
                self.bind_target(generator.target, None)
                for condition in generator.ifs:
                    self.visit(condition)
            for name in ("elt", "key", "value"):
                child = getattr(node, name, None)
                if child is not None:
                    self.visit(child)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def visit_Lambda(self, node: ast.Lambda) -> None:
        with self._scope({a.arg: None for a in _all_args(node.args)}):
            self.visit(node.body)

    # ----------------------------------------------------------------- statements
    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        kind = self.kind(node.value)
        for target in node.targets:
            self._store(target, node.value)
            self.bind_target(target, kind)
        if (
            isinstance(node.value, ast.Call)
            and self.kind(node.value.func) == COMPILE
            and node.value.args
            and isinstance(node.value.args[0], ast.Name)
        ):
            self.compiled_names.add(node.value.args[0].id)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self._store(node.target, node.value)
        kind = (
            ARRAY
            if _is_array_annotation(node.annotation)
            else (self.kind(node.value) if node.value is not None else None)
        )
        self.bind_target(node.target, kind)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        target = node.target
        if isinstance(target, ast.Subscript):
            self._store(target, node.value, type(node.op).__name__)
        elif isinstance(target, ast.Name):
            if self.is_array(target):
                op = type(node.op).__name__
                self.report(
                    node,
                    "EM502",
                    f"augmented assignment `{_OPS.get(op, op)}=` on an array",
                    f"write {target.id} = {target.id} {_OPS.get(op, '+')} ...",
                    f"{target.id} = {target.id} {_OPS.get(op, '+')} {ast.unparse(node.value)}",
                )
        else:
            self.visit(target)

    def _in_place(self, target: ast.Subscript, value: ast.AST | None, op: str | None) -> None:
        index = target.slice
        update = {None: "set", "Add": "add", "Sub": "subtract", "Mult": "multiply"}.get(op)
        first_axis = (
            not isinstance(index, (ast.Slice, ast.Tuple))
            and self.kind(index) != MASK
            and not (isinstance(index, ast.Constant) and index.value is Ellipsis)
        )
        fix = ""
        if first_axis and update is not None:
            base = ast.unparse(target.value)
            indices = (
                f"{self.ns_var}.asarray([{ast.unparse(index)}])"
                if isinstance(index, (ast.Constant, ast.UnaryOp))
                else ast.unparse(index)
            )
            extra = "" if update == "set" else f", op={update!r}"
            shown = ast.unparse(value) if value is not None else "values"
            fix = f"{base} = ops.index_update({base}, {indices}, {shown}{extra})"
            hint = "use ember_ml.ops.index_update, which returns a new array"
        else:
            hint = "use xp.where(mask, value, x), or ember_ml.ops.index_update along the first axis"
        self.report(target, "EM501", "in-place write into an array", hint, fix)

    def _store(self, target: ast.AST, value: ast.AST | None, op: str | None = None) -> None:
        """Visit an assignment target; a subscript of an array is an in-place write (EM501)."""
        if isinstance(target, ast.Subscript):
            self.visit(target.value)
            self.visit(target.slice)
            if self.is_array(target.value):
                self._in_place(target, value, op)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._store(element, value, op)
        elif isinstance(target, ast.Attribute):
            self.visit(target.value)

    def _merge(self, *states: dict[str, object]) -> dict[str, object]:
        merged: dict[str, object] = {}
        keys = set().union(*states)
        for key in keys:
            values = [state.get(key) for state in states]
            merged[key] = (
                values[0] if all(v is values[0] or v == values[0] for v in values) else None
            )
        return merged

    def _block(self, body: list[ast.stmt]) -> dict[str, object]:
        for statement in body:
            self.visit(statement)
        return self.scopes[-1]

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        self._truth(node.test)
        guard_body, guard_else = _backend_guard(node.test)
        start = dict(self.scopes[-1])
        type_checking = _dotted(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        self.guard += guard_body
        self.type_checking += type_checking
        after_body = dict(self._block(node.body))
        self.guard -= guard_body
        self.type_checking -= type_checking
        self.scopes[-1] = dict(start)
        self.guard += guard_else
        after_else = dict(self._block(node.orelse))
        self.guard -= guard_else
        self.scopes[-1] = self._merge(after_body, after_else)

    def _loop(self, node: ast.For | ast.While | ast.AsyncFor) -> None:
        start = dict(self.scopes[-1])
        self._block(node.body)
        self._block(node.orelse)
        self.scopes[-1] = self._merge(start, self.scopes[-1])

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        if self.is_array(node.iter):
            self.report(
                node.iter,
                "EM404",
                "Python loop over an array's elements",
                "use a vectorised namespace call",
            )
        self.bind_target(node.target, None)
        self._store(node.target, None)
        self._loop(node)

    visit_AsyncFor = visit_For

    def visit_While(self, node: ast.While) -> None:
        self.visit(node.test)
        self._truth(node.test)
        self._loop(node)

    def visit_Try(self, node: ast.AST) -> None:
        start = dict(self.scopes[-1])
        guard = any(_catches_attribute_error(h) for h in node.handlers)  # type: ignore[attr-defined]
        self.guard += guard
        self._block(node.body)  # type: ignore[attr-defined]
        self.guard -= guard
        for handler in node.handlers:  # type: ignore[attr-defined]
            self.visit(handler)
        self._block(node.orelse)  # type: ignore[attr-defined]
        self._block(node.finalbody)  # type: ignore[attr-defined]
        self.scopes[-1] = self._merge(start, self.scopes[-1])

    visit_TryStar = visit_Try

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.bind(node.name, None)
        self._block(node.body)

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.bind_target(item.optional_vars, None)
        self._block(node.body)

    visit_AsyncWith = visit_With

    def visit_Global(self, node: ast.AST) -> None:
        pass

    visit_Nonlocal = visit_Global

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        compiled = False
        for decorator in node.decorator_list:
            self.visit(decorator)
            compiled = compiled or self._is_compile_decorator(decorator)
        compiled = compiled or node.name in self.compiled_names
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.bind(node.name, ARRAY_FUNC if _is_array_annotation(node.returns) else None)
        scope: dict[str, object] = {}
        saved_ns_var = self.ns_var
        varargs = {a.arg for a in (node.args.vararg, node.args.kwarg) if a is not None}
        for arg in _all_args(node.args):
            if arg.arg in varargs:
                scope[arg.arg] = None
            elif arg.arg == "xp":
                scope[arg.arg] = self.ns["standard"]
                self.ns_var = "xp"
            elif (
                _is_array_annotation(arg.annotation)
                or arg.arg in _ARRAY_PARAM_NAMES
                or arg.arg.endswith(_ARRAY_PARAM_SUFFIXES)
            ):
                scope[arg.arg] = ARRAY
            else:
                scope[arg.arg] = None
        self.compiled += compiled
        with self._scope(scope):
            self._block(node.body)
        self.compiled -= compiled
        self.ns_var = saved_ns_var

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        for base in node.bases:
            self.visit(base)
        self.bind(node.name, None)
        with self._scope({}, is_class=True):
            self._block(node.body)

    def _is_compile_decorator(self, decorator: ast.AST) -> bool:
        if isinstance(decorator, ast.Call):
            if _dotted(decorator.func) in ("partial", "functools.partial") and decorator.args:
                return self.kind(decorator.args[0]) == COMPILE
            return self.kind(decorator.func) == COMPILE
        return self.kind(decorator) == COMPILE


_OPS = {
    "Add": "+",
    "Sub": "-",
    "Mult": "*",
    "Div": "/",
    "FloorDiv": "//",
    "Mod": "%",
    "Pow": "**",
    "MatMult": "@",
    "BitAnd": "&",
    "BitOr": "|",
    "BitXor": "^",
    "LShift": "<<",
    "RShift": ">>",
}


def _all_args(args: ast.arguments) -> list[ast.arg]:
    found = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    if args.vararg:
        found.append(args.vararg)
    if args.kwarg:
        found.append(args.kwarg)
    return found


def _is_check_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ("hasattr", "isinstance"):
        return True
    return bool(_BACKEND_CHECK.match(name))


def _backend_guard(test: ast.AST) -> tuple[int, int]:
    """(guard the body, guard the else branch) for an ``if`` that tests for a backend."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        body, orelse = _backend_guard(test.operand)
        return orelse, body
    for node in ast.walk(test):
        if _is_check_call(node):
            return 1, 0
        if isinstance(node, ast.Attribute) and node.attr in ("__name__", "__module__"):
            return 1, 0
    return 0, 0


def _catches_attribute_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    names = [_dotted(n) for n in ast.walk(handler.type) if isinstance(n, (ast.Name, ast.Attribute))]
    return any(n in ("AttributeError", "NotImplementedError", "TypeError") for n in names)
