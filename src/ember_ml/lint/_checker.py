"""The rules: one pass over a module's syntax tree, reporting what ``_infer`` knows to be wrong.

``Checker`` extends ``Inference`` (which tracks what each name holds) with the
visitors that can report: imports, names on a namespace, array methods, calls,
operators, truth tests, loops and assignments. Each reports a ``Finding`` for a rule of
``_rules.RULES`` where an expression's kind makes the code fail or misbehave on
another backend; code under a backend check reports nothing but EM101.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ember_ml.lint._infer import (
    _ARRAY_KINDS,
    _GET_NAMESPACE,
    ARRAY,
    COMPILE,
    MASK,
    NS_TUPLE_FUNC,
    Inference,
    _backend_guard,
    _dotted,
    _is_array_annotation,
)
from ember_ml.lint._names import Namespace, extras_names
from ember_ml.lint._rules import (
    ARRAY_REPLACEMENTS,
    BACKEND_MODULES,
    CALL_ONLY,
    DATA_DEPENDENT,
    METHOD_FUNCTIONS,
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

_CAST_FUNCS = frozenset({"astype"})


def _dtype_name(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return node.id
    return None


class Checker(Inference):
    """Collects findings for one module."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.findings: list[Finding] = []

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

    # ----------------------------------------------------------------- imports (EM101)
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
        name = METHOD_FUNCTIONS.get(attr)
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
                elif owner[1] in BACKEND_MODULES and not self.type_checking:
                    self._backend_call(func)
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
        self.note_arrays(node)

    def _backend_call(self, func: ast.Attribute) -> None:
        """``np.concatenate(...)``: a library's own spelling of a standard function (EM201)."""
        replacement = NAMESPACE_REPLACEMENTS.get(func.attr)
        if replacement is None or self.ns["standard"].has(func.attr):
            return
        head = replacement.split(" ", 1)[0]
        hint = (
            f"use {self.ns_var}.{replacement}"
            if re.fullmatch(r"[a-z_][\w.]*(\(.*)?", head)
            and not head.startswith(("the", "ember_ml", "abs(", "all("))
            else f"use {replacement}"
        )
        message = f"`{_dotted(func)}` is not in the array API standard (one library's spelling)"
        self.report(func, "EM201", message, hint)

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
