"""The examples in the docstrings are true: run them with doctest."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ember_ml
from ember_ml import backend as _backend
from ember_ml.ops._spec import SPEC

# Backend modules need their library; every other module of the package is listed itself.
_NEEDS = {
    "ember_ml.backend.numpy": "numpy",
    "ember_ml.backend.torch": "torch",
    "ember_ml.backend.mlx": "mlx",
}


def _package_modules() -> dict[str, str | None]:
    modules: dict[str, str | None] = {"ember_ml": None}
    for info in pkgutil.walk_packages(ember_ml.__path__, "ember_ml."):
        if info.name == "ember_ml.__main__":
            continue
        needs = next(
            (
                lib
                for prefix, lib in _NEEDS.items()
                if info.name == prefix or info.name.startswith(prefix + ".")
            ),
            None,
        )
        modules[info.name] = needs
    return modules


MODULES = _package_modules()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_docstring_examples(name):
    needs = MODULES[name]
    if needs and not _backend.is_installed(needs):
        pytest.skip(f"{needs} is not installed")
    module = importlib.import_module(name)
    # Only what the module itself defines: the backends also re-export a library's names.
    own = [module, *(v for v in vars(module).values() if getattr(v, "__module__", None) == name)]
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    with ember_ml.use_backend("numpy"):
        for obj in own:
            for test in finder.find(obj, name, module=module, globs=vars(module)):
                runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


def _public_definitions():
    """Public functions and classes, less the standard's functions (their docs link the spec)."""
    standard = {name for _, name, _, _ in SPEC}
    for name in sorted(MODULES):
        if name.startswith("ember_ml.backend") or MODULES[name]:
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if callable(obj) and getattr(obj, "__module__", None) == name and attr not in standard:
                yield f"{name}.{attr}", obj


def test_every_public_function_and_class_has_a_runnable_example():
    missing = [
        qualname for qualname, obj in _public_definitions() if ">>>" not in (obj.__doc__ or "")
    ]
    assert missing == []
