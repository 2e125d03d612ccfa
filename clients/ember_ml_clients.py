"""pytest plugin: "MLX through ember_ml" as one more backend in the clients' own suites.

Load it with ``-p clients.ember_ml_clients`` (the repository root on ``sys.path``); no file of
the clients is edited:

* scikit-learn: ``sklearn.utils._array_api.yield_namespaces`` yields one more namespace,
  ``"ember_ml.backend.mlx"``, so every test parametrized by
  ``yield_namespace_device_dtype_combinations`` also runs on it;
* SciPy (``SCIPY_ARRAY_API=1``): the ``xp`` fixture of ``scipy/conftest.py`` gets one more
  parameter, the MLX namespace (id ``mlx``), before pytest reads the fixture;
* array-api-extra (its ``tests/`` from the sdist): the ``library`` fixture gets one more
  backend, an enum member whose ``modname`` is ``ember_ml.backend.mlx`` (id ``mlx``).

With ``EMBER_ML_CLIENTS_REPORT=path`` set, one JSON line per test is appended to ``path``:
``{"nodeid", "backend", "outcome", "cause"}`` (``clients/run.py`` reads it).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import re
from typing import Any

import pytest

MLX_MODULE = "ember_ml.backend.mlx"


class ExtraBackend(enum.Enum):
    """array-api-extra's ``Backend`` protocol (``modname``, ``like``), for MLX through ember_ml."""

    MLX = MLX_MODULE

    @property
    def modname(self) -> str:
        return self.value

    def like(self, *others: Any) -> bool:
        return any(getattr(other, "modname", None) == self.modname for other in others)

    def __str__(self) -> str:
        return "mlx"


def _patch_sklearn() -> None:
    try:
        import sklearn.utils._array_api as array_api
    except ImportError:
        return
    if getattr(array_api.yield_namespaces, "_ember_ml", False):
        return
    original = array_api.yield_namespaces

    def yield_namespaces(include_numpy_namespaces: bool = True) -> Any:
        yield from original(include_numpy_namespaces=include_numpy_namespaces)
        yield MLX_MODULE

    yield_namespaces._ember_ml = True  # type: ignore[attr-defined]
    array_api.yield_namespaces = yield_namespaces


def _add_param(fixture: Any, param: Any) -> None:
    """One more parameter for a fixture function (before pytest parses the module)."""
    marker = fixture._fixture_function_marker
    params = tuple(marker.params or ())
    if any(getattr(p, "id", None) == "mlx" for p in params):
        return
    fixture._fixture_function_marker = dataclasses.replace(
        marker, params=(*params, param), _ispytest=True
    )


def pytest_configure(config: pytest.Config) -> None:
    _patch_sklearn()


@pytest.hookimpl(tryfirst=True)
def pytest_plugin_registered(plugin: Any) -> None:
    path = str(getattr(plugin, "__file__", "") or "").replace(os.sep, "/")
    if path.endswith("scipy/conftest.py") and os.environ.get("SCIPY_ARRAY_API"):
        import ember_ml.backend.mlx as mlx_namespace

        marks = [pytest.mark.array_api_backends]
        _add_param(plugin.xp, pytest.param(mlx_namespace, id="mlx", marks=marks))
        # skip_xp_backends(np_only=True) / (cpu_only=True) skip by module name, among these:
        plugin.xp_known_backends.add(MLX_MODULE)
    elif path.endswith("conftest.py") and hasattr(plugin, "library"):
        if "array_api_extra" in getattr(getattr(plugin, "Backend", None), "__module__", ""):
            _add_param(plugin.library, pytest.param(ExtraBackend.MLX, id="mlx"))


# --- the report -----------------------------------------------------------------------

_BACKENDS = (("ember_ml", "mlx"), ("mlx", "mlx"), ("torch", "torch"), ("strict", "strict"))


def backend_of(params: dict[str, Any]) -> str | None:
    """Which array library a test item runs on, from its parameters (None: not a backend test)."""
    for value in params.values():
        name = getattr(value, "__name__", None) or getattr(value, "modname", None)
        if name is None and isinstance(value, str):
            name = value
        if not isinstance(name, str):
            continue
        for key, label in _BACKENDS:
            if key in name:
                return label
        if name.startswith("numpy"):
            return "numpy"
        if name in ("cupy", "jax.numpy", "dask.array", "dpnp", "sparse", "jax"):
            return "other"
    return None


def cause_of(report: pytest.TestReport) -> str:
    """The failure's exception type and first message line, numbers and names elided."""
    crash = getattr(report.longrepr, "reprcrash", None)
    message = crash.message if crash is not None else str(report.longrepr)
    line = message.strip().splitlines()[0] if message.strip() else ""
    if len(line.rstrip(": ")) < 25:  # a bare AssertionError: its first explanatory line
        explained = [
            ln[1:].strip()
            for ln in report.longreprtext.splitlines()
            if ln.startswith("E ") and ln[1:].strip() and ln[1:].strip() != line.strip()
        ]
        line = (line.rstrip() + " " + " ".join(explained[:2])).strip()
    line = re.sub(r"0x[0-9a-f]+", "0x…", line)
    line = re.sub(r"\b\d+(\.\d+)?(e[-+]?\d+)?\b", "N", line)
    return line[:160]


_BACKEND_OF: dict[str, str | None] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        _BACKEND_OF[item.nodeid] = backend_of(callspec.params) if callspec else None


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    path = os.environ.get("EMBER_ML_CLIENTS_REPORT")
    if not path:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if report.skipped:
            outcome = "xfailed" if hasattr(report, "wasxfail") else "skipped"
        elif report.failed:
            outcome = "failed" if report.when == "call" else "error"
        else:
            outcome = "xpassed" if hasattr(report, "wasxfail") else "passed"
        line = {
            "nodeid": report.nodeid,
            "backend": _BACKEND_OF.get(report.nodeid),
            "outcome": outcome,
            "cause": cause_of(report) if report.failed else "",
        }
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
