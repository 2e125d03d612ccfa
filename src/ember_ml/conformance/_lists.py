"""The xfail and skip lists: reading ``conformance/<target>-{xfails,skips}.txt`` and matching ids.

Every entry reads ``test_id  # reason``; ``read_list`` returns (id, reason, line) per
entry and ``check_id_match`` is the suite's own rule for whether an entry names a
test id (the whole id, a file, a test function or a parametrized test).
"""

from __future__ import annotations

import pathlib
from collections.abc import Iterable


def read_list(path: pathlib.Path) -> list[tuple[str, str, int]]:
    """Entries of an xfail/skip list: (test id, reason, line number); blank and ``#`` lines ignored."""
    entries: list[tuple[str, str, int]] = []
    if not path.is_file():
        return entries
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        test_id, _, reason = stripped.partition("#")
        entries.append((test_id.strip(), reason.strip(), number))
    return entries


def check_id_match(nodeid: str, pattern: str) -> bool:
    """The suite's own rule (conftest.py) for whether a list entry names a test id."""
    nodeid = nodeid.removeprefix("array-api-tests/")
    if nodeid == pattern:
        return True
    if nodeid.startswith(pattern.removesuffix("/") + "/"):
        return True
    if pattern.endswith(".py") and nodeid.startswith(pattern):
        return True
    if nodeid.split("::", maxsplit=2)[0] == pattern:
        return True
    return nodeid.split("[", maxsplit=2)[0] == pattern


def matching_entry(
    nodeid: str, entries: Iterable[tuple[str, str, int]]
) -> tuple[str, str, int] | None:
    for entry in entries:
        if check_id_match(nodeid, entry[0]):
            return entry
    return None
