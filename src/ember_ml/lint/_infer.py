"""Scope and array-ness inference: what each name holds, for the rules to judge.

What a name holds is tracked per scope, statement by statement: a *namespace* (bound from
``array_namespace(...)``, ``x.__array_namespace__()``, a parameter called ``xp``,
``ember_ml.ops`` and its submodules), an *array* (bound from a namespace call that returns
one array, arithmetic or indexing on an array, a parameter annotated or named as an array),
a *backend module* (``import numpy as np``) or nothing known. After an ``if``/``for``/
``while``/``try`` a name keeps what it holds only when every path agrees. Code under a
backend check (``_backend_guard``) is marked so the rules stay quiet there. Anything
unknown is never reported: the checker prefers missing a finding to a false one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ember_ml.lint._names import Namespace, array_first_functions, namespaces
from ember_ml.lint._rules import ARRAY_REPLACEMENTS, BACKEND_MODULES, NAMESPACE_REPLACEMENTS

ARRAY = "array"
MASK = "mask"  # a boolean array from a comparison or a predicate
NS_TUPLE = "ns-tuple"  # (xp, ...) from sklearn-style get_namespace(...)
NS_FUNC = "ns-func"  # a function returning a namespace: array_namespace
NS_TUPLE_FUNC = "ns-tuple-func"
COMPILE = "compile"  # mx.compile / torch.compile / jax.jit imported by name
EMBER = "ember_ml"  # the ember_ml package
ARRAY_FUNC = "array-func"  # a function of the module annotated to return an array

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


def _array_first(node: ast.AST) -> ast.Name | None:
    """The first positional argument of a call when it is a plain name, else None."""
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name):
        return node.args[0]
    return None


def _calls_in(body: list[ast.stmt]) -> Iterator[ast.Call]:
    """The calls of a function body, not those of nested functions, lambdas and classes."""
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Call):
            yield node
        todo.extend(ast.iter_child_nodes(node))


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


class Inference(ast.NodeVisitor):
    """What each name holds, scope by scope, as the visitor walks a module.

    ``kind(node)`` answers for an expression: a ``Namespace``, ``ARRAY``, ``MASK``, one of
    the other kinds above, a ``("module", library)`` pair, or None (nothing known). This
    class visits the statements that only bind names or open scopes; the rules
    (``_checker.Checker``, a subclass) visit the rest and report.
    """

    def __init__(self) -> None:
        self.ns = namespaces()
        self.scopes: list[dict[str, object]] = [{}]
        self.class_scope: list[bool] = [False]
        self.guard = 0  # > 0 inside a backend-specific branch
        self.compiled = 0  # > 0 inside a compiled function
        self.type_checking = 0
        self.compiled_names: set[str] = set()
        self.ns_var = "xp"  # how fixes name the namespace in the current scope

    # ----------------------------------------------------------------- scopes
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

    def array_arguments(self, call: ast.Call) -> list[str]:
        """Names a call shows to be arrays: every argument of ``array_namespace(...)``, the
        receiver of ``x.__array_namespace__()``, and the first argument of a standard
        function whose first parameter is an array (``x``/``x1``) called on a namespace
        (``xp.sum(x)``, ``ops.reshape(x, ...)``)."""
        func = call.func
        fkind = self.kind(func)
        if fkind == NS_FUNC:
            return [a.id for a in call.args if isinstance(a, ast.Name)]
        if isinstance(func, ast.Attribute):
            if func.attr == "__array_namespace__" and isinstance(func.value, ast.Name):
                return [func.value.id]
            owner = self.kind(func.value)
            first = _array_first(call)
            if isinstance(owner, Namespace) and first is not None:
                if func.attr in array_first_functions(owner):
                    return [first.id]
        return []

    def note_arrays(self, call: ast.Call) -> None:
        """Bind as arrays the names ``call`` shows to be arrays (where nothing else is known of them)."""
        for name in self.array_arguments(call):
            if self.lookup(name) is None and not self._is_builtin(name):
                self.bind(name, ARRAY)

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

    def _is_compile_decorator(self, decorator: ast.AST) -> bool:
        if isinstance(decorator, ast.Call):
            if _dotted(decorator.func) in ("partial", "functools.partial") and decorator.args:
                return self.kind(decorator.args[0]) == COMPILE
            return self.kind(decorator.func) == COMPILE
        return self.kind(decorator) == COMPILE

    # ----------------------------------------------------------------- binding statements
    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.bind_target(node.target, self.kind(node.value))

    def visit_Lambda(self, node: ast.Lambda) -> None:
        with self._scope({a.arg: None for a in _all_args(node.args)}):
            self.visit(node.body)

    def _loop(self, node: ast.For | ast.While | ast.AsyncFor) -> None:
        start = dict(self.scopes[-1])
        self._block(node.body)
        self._block(node.orelse)
        self.scopes[-1] = self._merge(start, self.scopes[-1])

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
            # a parameter passed to array_namespace(...) (or as the array of a namespace
            # function) anywhere in the body is an array from the start
            for call in _calls_in(node.body):
                for name in self.array_arguments(call):
                    if name in scope and scope[name] is None and name not in varargs:
                        scope[name] = ARRAY
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
