"""``ember-ml lint`` as a flake8 plugin (entry point ``EM`` in ``flake8.extension``).

flake8 itself is optional: this module does not import it. flake8 handles ``# noqa`` and
``--select``/``--extend-ignore``; the plugin applies ``[tool.ember-ml.lint]`` from the
nearest ``pyproject.toml`` (backend-agnostic globs, select/ignore, per-file-ignores), so the
opt-in EM9xx rules stay off unless that table selects them.

>>> import ast
>>> from ember_ml.lint.flake8 import EmberLintPlugin
>>> tree = ast.parse("def f(xp):\\n    return xp.arccos(1.0)\\n")
>>> [(line, col, message.split()[0]) for line, col, message, _ in EmberLintPlugin(tree).run()]
[(2, 14, 'EM201')]
"""

from __future__ import annotations

import ast
import pathlib
from collections.abc import Iterator
from functools import lru_cache

from ember_ml import __version__
from ember_ml.lint._config import Config, find_pyproject, load_config

__all__ = ["EmberLintPlugin"]


@lru_cache(maxsize=32)
def _config_for(directory: str) -> Config:
    try:
        return load_config(find_pyproject(pathlib.Path(directory)))
    except ValueError:
        return Config()


class EmberLintPlugin:
    """flake8 calls ``EmberLintPlugin(tree, filename).run()`` for every file.

    >>> import ast
    >>> plugin = EmberLintPlugin(ast.parse("import torch\\n"), "pkg/backend/fast.py")
    >>> list(plugin.run())  # under a backend/ folder: backend-specific, not checked
    []
    """

    name = "ember-ml-lint"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str = "<unknown>") -> None:
        self.tree = tree
        self.filename = filename

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        from ember_ml.lint import check_tree

        path = pathlib.Path(self.filename)
        config = _config_for(str(path.resolve().parent)) if path.exists() else Config()
        relative = config.relative(path)
        if not config.is_checked(relative):
            return
        enabled = config.enabled_for(relative)
        try:
            findings = check_tree(self.tree, self.filename)
        except RecursionError:
            yield 1, 0, "EM001 nested too deeply to check", type(self)
            return
        for finding in findings:
            if finding.code not in enabled:
                continue
            suggestion = f" ({finding.suggestion})" if finding.suggestion else ""
            yield (
                finding.line,
                finding.col - 1,
                f"{finding.code} {finding.message}{suggestion}",
                type(self),
            )
