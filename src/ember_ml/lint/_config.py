"""``[tool.ember-ml.lint]`` in the user's ``pyproject.toml``, and which rules apply to which file."""

from __future__ import annotations

import ast
import fnmatch
import pathlib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from ember_ml.lint._rules import BACKEND_MODULES, RULES

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".eggs",
    "build",
    "dist",
    "node_modules",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
)
# Folders whose files are clearly backend-specific (not checked unless configured otherwise):
# backend/, backends/, and a folder named after an array library (array_api_compat/torch/).
BACKEND_DIRS = frozenset({"backend", "backends"}) | BACKEND_MODULES | {"dask"}


class ConfigError(ValueError):
    """A bad option or configuration value (exit status 2)."""


@dataclass
class Config:
    select: list[str] | None = None  # None: the rules on by default
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    backend_agnostic: list[str] | None = None  # globs; None: every file not under backend/
    backend_specific: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    root: pathlib.Path = field(default_factory=pathlib.Path.cwd)
    warnings: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ codes
    def enabled(self) -> frozenset[str]:
        """The rule codes that run (before per-file ignores)."""
        chosen = set()
        for code, rule in RULES.items():
            picked = (
                rule.default if self.select is None else _matches(code, self.select, rule.default)
            )
            picked = picked or _matches(code, self.extend_select, rule.default)
            if picked and not _matches(code, self.ignore, True):
                chosen.add(code)
        if not _matches("EM001", self.ignore, True):
            chosen.add("EM001")  # a file that cannot be parsed is always said
        return frozenset(chosen)

    def enabled_for(self, relative: str) -> frozenset[str]:
        """The rule codes that run on the file at ``relative`` (its per-file ignores applied)."""
        ignored = [p.strip().upper() for p in self.ignored_for(relative)]
        return frozenset(c for c in self.enabled() if not c.startswith(tuple(ignored)))

    def ignored_for(self, relative: str) -> list[str]:
        found: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if _glob(relative, pattern):
                found.extend(codes)
        return found

    def is_checked(self, relative: str) -> bool:
        """Whether a file counts as backend-agnostic (only those are checked)."""
        if any(_glob(relative, p) for p in self.backend_specific):
            return False
        if self.backend_agnostic is not None:
            return any(_glob(relative, p) for p in self.backend_agnostic)
        return not (BACKEND_DIRS & set(pathlib.PurePath(relative).parts[:-1]))

    def is_excluded(self, relative: str) -> bool:
        return any(_glob(relative, p) for p in self.exclude)

    def relative(self, path: pathlib.Path, base: pathlib.Path | None = None) -> str:
        """``path`` relative to the project root; outside it, relative to ``base`` (the folder
        named on the command line) or just the file's name, so that folders above what was
        asked for (``/home/me/torch/...``) never make a file backend-specific."""
        resolved = path.resolve()
        for anchor in (self.root, base):
            if anchor is None:
                continue
            try:
                return resolved.relative_to(anchor.resolve()).as_posix()
            except ValueError:
                continue
        return path.name


def _matches(code: str, selectors: list[str], default: bool) -> bool:
    for selector in selectors:
        selector = selector.strip().upper()
        if selector == "ALL":
            if default:
                return True
            continue
        # an opt-in rule (EM9xx) is only picked by a selector that names its group
        if code.startswith(selector) and (default or len(selector) >= 3):
            return True
    return False


def _glob(relative: str, pattern: str) -> bool:
    pattern = pattern.strip()
    if pattern.endswith("/"):
        pattern += "*"
    return (
        fnmatch.fnmatchcase(relative, pattern)
        or fnmatch.fnmatchcase(relative, pattern.replace("**/", ""))
        or ("/" not in pattern and fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], pattern))
    )


def validate_codes(codes: list[str]) -> None:
    for code in codes:
        code = code.strip().upper()
        if code == "ALL":
            continue
        if not code.startswith("EM") or not any(c.startswith(code) for c in RULES):
            raise ConfigError(
                f"unknown rule code or prefix {code!r} (known: {', '.join(sorted(RULES))})"
            )


def _load_toml(path: pathlib.Path) -> dict:
    toml: Any = None
    for name in ("tomllib", "tomli"):  # Python 3.11+, else its backport when installed
        try:
            toml = __import__(name)
            break
        except ModuleNotFoundError:
            continue
    if toml is None:
        return _read_our_tables(path)
    with path.open("rb") as handle:
        return toml.load(handle)


_HEADER = re.compile(
    r"^\[\s*tool\s*\.\s*(?:\"ember-ml\"|ember-ml)\s*\.\s*lint\s*"
    r"(?P<sub>\.\s*per-file-ignores\s*)?\]\s*(#.*)?$"
)


def _without_comment(line: str) -> str:
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:index]
    return line


def _read_our_tables(path: pathlib.Path) -> dict:
    """Python 3.10 without tomli: read only ``[tool.ember-ml.lint]`` and its per-file-ignores.

    Values there are strings and lists of strings, which this reads as Python literals;
    anything else makes the table unreadable (a warning, defaults apply).
    """
    table: dict = {}
    current: dict | None = None
    pending = ""
    try:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = _without_comment(raw).strip()
            if not pending and line.startswith("["):
                match = _HEADER.match(line)
                current = None
                if match:
                    current = (
                        table.setdefault("per-file-ignores", {}) if match.group("sub") else table
                    )
                continue
            if current is None or not line:
                continue
            pending = f"{pending} {line}" if pending else line
            key, _, value = pending.partition("=")
            value = value.strip()
            if value.count("[") > value.count("]"):
                continue  # a list over several lines
            pending = ""
            current[ast.literal_eval(key.strip()) if key.strip()[:1] in "\"'" else key.strip()] = (
                ast.literal_eval(value)
            )
    except (ValueError, SyntaxError):
        return {
            "__unreadable__": "Python < 3.11 without tomli could not read "
            f"[tool.ember-ml.lint] in {path}: install tomli"
        }
    return {"tool": {"ember-ml": {"lint": table}}} if table else {}


def find_pyproject(start: pathlib.Path) -> pathlib.Path | None:
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _string_list(table: dict, key: str, where: str) -> list[str] | None:
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings, got {value!r}")
    return value


def load_config(pyproject: pathlib.Path | None) -> Config:
    """The configuration from ``[tool.ember-ml.lint]`` (defaults when absent)."""
    if pyproject is None:
        return Config()
    config = Config(root=pyproject.parent)
    data = _load_toml(pyproject)
    if "__unreadable__" in data:
        if b"ember-ml" in pyproject.read_bytes():
            config.warnings.append(data["__unreadable__"])
        return config
    table = data.get("tool", {}).get("ember-ml", {}).get("lint", {})
    where = f"{pyproject} [tool.ember-ml.lint]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    known = {
        "select",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "backend-agnostic",
        "backend-specific",
        "exclude",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{where}: unknown option(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    config.select = _string_list(table, "select", where)
    config.extend_select = _string_list(table, "extend-select", where) or []
    config.ignore = _string_list(table, "ignore", where) or []
    config.backend_agnostic = _string_list(table, "backend-agnostic", where)
    config.backend_specific = _string_list(table, "backend-specific", where) or []
    config.exclude = _string_list(table, "exclude", where) or []
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    for pattern in pfi:
        config.per_file_ignores[pattern] = _string_list(pfi, pattern, where) or []
    for codes in (
        config.select or [],
        config.extend_select,
        config.ignore,
        *config.per_file_ignores.values(),
    ):
        validate_codes(codes)
    return config


def stderr(message: str) -> None:
    print(message, file=sys.stderr)
