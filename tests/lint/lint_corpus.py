"""Helpers for the lint tests: the corpus and its expectations."""

from __future__ import annotations

import pathlib
import re

CORPUS = pathlib.Path(__file__).parent / "corpus"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>EM\d{3}(?:\s*,\s*EM\d{3})*)")
_SELECT = re.compile(r"^#\s*lint:\s*select=(?P<codes>[\w,]+)", re.MULTILINE)


def expected(path: pathlib.Path) -> list[tuple[int, str]]:
    """(line, code) pairs written as ``# expect: EM###[, EM###]`` comments in a corpus file."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found.extend((number, code.strip()) for code in match.group("codes").split(","))
    return sorted(found)


def selected(path: pathlib.Path) -> list[str] | None:
    """Codes named by a ``# lint: select=...`` line, or None for the default rules."""
    match = _SELECT.search(path.read_text(encoding="utf-8"))
    return match.group("codes").split(",") if match else None
