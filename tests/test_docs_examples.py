"""The ``>>>`` examples in docs/*.md are true: each page runs as one doctest (NumPy backend selected)."""

from __future__ import annotations

import doctest
import pathlib
import re

import pytest

import ember_ml

DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(path.name for path in DOCS.glob("*.md") if ">>>" in path.read_text(encoding="utf-8"))
_FENCE = re.compile(r"^\s*```.*$", re.MULTILINE)


@pytest.mark.parametrize("page", PAGES)
def test_docs_page_examples(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    # A code fence right after an example would be read as its expected output.
    text = _FENCE.sub("", text)
    test = doctest.DocTestParser().get_doctest(text, {}, page, str(DOCS / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    with ember_ml.use_backend("numpy"):
        runner.run(test)
    assert test.examples
    assert runner.summarize(verbose=False).failed == 0
