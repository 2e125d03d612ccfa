"""The examples in the docstrings are true: run them with doctest."""

from __future__ import annotations

import doctest
import importlib

import pytest

import ember_ml
from ember_ml import backend as _backend

MODULES = {
    "ember_ml": None,
    "ember_ml._namespace": None,
    "ember_ml._selection": None,
    "ember_ml.ops": None,
    "ember_ml.tensor": None,
    "ember_ml.backend.numpy": "numpy",
    "ember_ml.backend.torch": "torch",
}


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
    assert result.attempted > 0
    assert result.failed == 0
