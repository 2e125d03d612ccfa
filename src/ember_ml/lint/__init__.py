"""``ember-ml lint``: a static checker for backend-agnostic array code.

It reads Python files with :mod:`ast` only (no array library is imported) and reports
what would fail or misbehave on a backend you did not test: backend imports, names that
are not in the array API standard or ember_ml's extras, non-standard array methods, host
round trips, in-place writes, data-dependent shapes in compiled functions and silent
precision loss. See ``docs/lint.md`` or ``ember-ml lint --explain EM201``.

>>> from ember_ml.lint import check_source
>>> code = "def f(x, xp):\\n    return xp.concatenate([x, x])\\n"
>>> [(f.line, f.code, f.suggestion) for f in check_source(code)]
[(2, 'EM201', 'use xp.concat')]
"""

from __future__ import annotations

import ast
import os
import pathlib
import re
from collections.abc import Iterable, Iterator

from ember_ml.lint._checker import Checker, Finding
from ember_ml.lint._config import DEFAULT_EXCLUDE, Config, ConfigError, load_config
from ember_ml.lint._rules import RULES, Rule

__all__ = [
    "Config",
    "ConfigError",
    "Finding",
    "RULES",
    "Rule",
    "check_file",
    "check_paths",
    "check_source",
    "iter_python_files",
    "load_config",
    "main",
]

_NOQA = re.compile(
    r"#\s*noqa(?::[\s]*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE
)


def _suppressed(line: str, code: str) -> bool:
    if "noqa" not in line.lower():
        return False
    for match in _NOQA.finditer(line):
        codes = match.group("codes")
        if codes is None:
            return True
        if code in {c.upper() for c in re.split(r"[,\s]+", codes) if c}:
            return True
    return False


def check_tree(tree: ast.AST, path: str = "<string>", *, prescan: bool = True) -> list[Finding]:
    """Every finding of every rule for a parsed module (no selection, no noqa)."""
    checker = Checker(path)
    if prescan:
        _prescan_compiled(checker, tree)
    checker.visit(tree)
    return checker.findings


def _prescan_compiled(checker: Checker, tree: ast.AST) -> None:
    """Functions compiled by assignment (``g = mx.compile(f)``) are known before ``f`` is read."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("compile", "jit"):
                checker.compiled_names.add(node.args[0].id)


def check_source(
    source: str | bytes, path: str = "<string>", *, enabled: Iterable[str] | None = None
) -> list[Finding]:
    """Findings for one module's source, sorted, with ``# noqa`` applied.

    ``enabled`` is the set of rule codes to report (default: the rules on by default).

    >>> from ember_ml.lint import check_source
    >>> code = "def f(x: Array):\\n    return x.reshape(-1).item()  # noqa: EM301\\n"
    >>> check_source(code)
    []
    >>> [f.code for f in check_source(code.replace("# noqa: EM301", ""))]
    ['EM301', 'EM301']
    """
    codes = (
        frozenset(enabled)
        if enabled is not None
        else frozenset(c for c, r in RULES.items() if r.default)
    )
    try:
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        if "EM001" not in codes:
            return []
        line = getattr(error, "lineno", 1) or 1
        col = getattr(error, "offset", 1) or 1
        return [Finding(path, line, col, "EM001", f"cannot parse: {getattr(error, 'msg', error)}")]
    text = source if isinstance(source, str) else source.decode("utf-8", "replace")
    prescan = "compile" in text or "jit" in text
    try:
        findings = [f for f in check_tree(tree, path, prescan=prescan) if f.code in codes]
    except RecursionError:  # generated code with expressions nested hundreds deep
        return (
            [Finding(path, 1, 1, "EM001", "nested too deeply to check")] if "EM001" in codes else []
        )
    if not findings:
        return []
    lines = text.splitlines()
    kept = []
    for finding in findings:
        line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        if not _suppressed(line, finding.code):
            kept.append(finding)
    return sorted(set(kept))


def check_file(
    path: pathlib.Path, config: Config, shown: str | None = None, base: pathlib.Path | None = None
) -> list[Finding]:
    """Findings for one file under ``config`` (empty for a backend-specific file).

    >>> import pathlib, tempfile
    >>> from ember_ml.lint import Config, check_file
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.py").write_text("import torch\\n")
    >>> [f.code for f in check_file(folder / "m.py", Config(root=folder))]
    ['EM101']
    >>> (folder / "backend").mkdir()
    >>> _ = (folder / "backend" / "m.py").write_text("import torch\\n")
    >>> check_file(folder / "backend" / "m.py", Config(root=folder))
    []
    """
    relative = config.relative(path, base)
    if not config.is_checked(relative):
        return []
    enabled = config.enabled_for(relative)
    try:
        source = path.read_bytes()
    except OSError as error:
        return [
            Finding(shown or str(path), 1, 1, "EM001", f"cannot read: {error.strerror or error}")
        ]
    return check_source(source, shown or str(path), enabled=enabled)


def iter_python_files(paths: Iterable[str], config: Config) -> Iterator[pathlib.Path]:
    """The ``.py`` files under ``paths`` (sorted, default and configured excludes skipped).

    >>> import pathlib, tempfile
    >>> from ember_ml.lint import Config, iter_python_files
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.py", "a.py", "notes.txt", ".venv/x.py"):
    ...     (folder / name).parent.mkdir(exist_ok=True)
    ...     _ = (folder / name).write_text("")
    >>> [p.name for p in iter_python_files([str(folder)], Config(root=folder))]
    ['a.py', 'b.py']
    """
    for path, _base in _walk(paths, config):
        yield path


def _walk(
    paths: Iterable[str], config: Config
) -> Iterator[tuple[pathlib.Path, pathlib.Path | None]]:
    for given in paths:
        root = pathlib.Path(given)
        if root.is_file():
            yield root, None
            continue
        found: list[pathlib.Path] = []
        for directory, subdirs, files in os.walk(root):
            subdirs[:] = [
                d
                for d in subdirs
                if d not in DEFAULT_EXCLUDE
                and not config.is_excluded(config.relative(pathlib.Path(directory, d), root))
            ]
            found.extend(pathlib.Path(directory, f) for f in files if f.endswith(".py"))
        for path in sorted(found):
            if not config.is_excluded(config.relative(path, root)):
                yield path, root


def check_paths(paths: Iterable[str], config: Config | None = None) -> list[Finding]:
    """Findings for every Python file under ``paths``, sorted.

    >>> import pathlib, tempfile
    >>> from ember_ml.lint import check_paths
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.py").write_text("def f(xp):\\n    return xp.power(2, 3)\\n")
    >>> [(f.line, f.code, f.suggestion) for f in check_paths([str(folder)])]
    [(2, 'EM201', 'use xp.pow')]
    """
    config = config or Config()
    findings: list[Finding] = []
    for path, base in _walk(paths, config):
        findings.extend(check_file(path, config, base=base))
    return sorted(findings)


def main(argv: list[str] | None = None) -> int:
    """``ember-ml lint``: exit status 0 clean, 1 findings, 2 usage error.

    >>> from ember_ml.lint import main
    >>> main(["--explain", "EM201"])  # doctest: +ELLIPSIS
    EM201 (non-standard-namespace-name, error, on by default)
    ...
    0
    """
    from ember_ml.lint._cli import main as cli_main

    return cli_main(argv)
