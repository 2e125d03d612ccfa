"""Backend selection: use_backend > set_backend > EMBER_ML_BACKEND > ~/.ember/backend > auto."""

from __future__ import annotations

import asyncio
import threading

import pytest

import ember_ml
from ember_ml import _selection
from ember_ml import backend as _backend


def installed_pair():
    names = _backend.installed_backends()
    if len(names) < 2:
        pytest.skip("needs two installed backends")
    return names[0], names[1]


def test_auto_selection_on_a_cpu_machine_is_installed():
    name, rule = _selection.selected_backend()
    assert name == ember_ml.auto_select_backend()
    assert rule == "auto-selection"
    assert _backend.is_installed(name)


def test_config_file_beats_auto(tmp_path):
    a, b = installed_pair()
    path = _selection.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(b + "\n")
    assert _selection.selected_backend() == (b, f"the config file {path}")


def test_environment_beats_config_file(monkeypatch):
    a, b = installed_pair()
    path = _selection.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(b)
    monkeypatch.setenv("EMBER_ML_BACKEND", a)
    assert ember_ml.get_backend() == a


def test_set_backend_beats_environment(monkeypatch):
    a, b = installed_pair()
    monkeypatch.setenv("EMBER_ML_BACKEND", a)
    ember_ml.set_backend(b)
    assert _selection.selected_backend() == (b, "set_backend()")


def test_use_backend_beats_set_backend_and_restores():
    a, b = installed_pair()
    ember_ml.set_backend(a)
    with ember_ml.use_backend(b):
        assert ember_ml.get_backend() == b
        with ember_ml.use_backend(a):
            assert ember_ml.get_backend() == a
        assert ember_ml.get_backend() == b
    assert ember_ml.get_backend() == a


def test_use_backend_does_not_leak_across_threads():
    a, b = installed_pair()
    ember_ml.set_backend(a)
    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def worker():
        with ember_ml.use_backend(b):
            seen["worker"] = ember_ml.get_backend()
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    inside.wait(5)
    seen["main"] = ember_ml.get_backend()
    release.set()
    thread.join()
    assert seen == {"worker": b, "main": a}


def test_use_backend_does_not_leak_across_asyncio_tasks():
    a, b = installed_pair()
    ember_ml.set_backend(a)

    async def chooses(name, ready, go):
        with ember_ml.use_backend(name):
            ready.set()
            await go.wait()
            return ember_ml.get_backend()

    async def looks(ready, go):
        await ready.wait()
        value = ember_ml.get_backend()
        go.set()
        return value

    async def main():
        ready, go = asyncio.Event(), asyncio.Event()
        return await asyncio.gather(chooses(b, ready, go), looks(ready, go))

    assert asyncio.run(main()) == [b, a]


def test_creation_ops_follow_the_selection():
    a, b = installed_pair()
    with ember_ml.use_backend(a):
        za = ember_ml.ops.zeros((2,))
    with ember_ml.use_backend(b):
        zb = ember_ml.ops.zeros((2,))
    assert ember_ml.array_namespace(za) is _backend.load(a)
    assert ember_ml.array_namespace(zb) is _backend.load(b)


def test_array_inputs_decide_for_themselves():
    np = pytest.importorskip("numpy")
    a, b = installed_pair()
    with ember_ml.use_backend(b if b != "numpy" else a):
        out = ember_ml.ops.sin(np.zeros(2))
    assert isinstance(out, np.ndarray)


def test_persist_writes_the_config_file_atomically():
    ember_ml.set_backend("numpy", persist=True)
    path = _selection.config_path()
    assert path.read_text().strip() == "numpy"
    assert [p.name for p in path.parent.iterdir()] == ["backend"]  # no temporary file left


def test_set_backend_without_persist_writes_nothing():
    ember_ml.set_backend("numpy")
    assert not _selection.config_path().exists()


@pytest.mark.parametrize("content", ["tensorflow", "\x00\x01garbage", ""])
def test_corrupt_config_file_warns_and_is_ignored(content):
    path = _selection.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.warns(UserWarning, match="ignoring ember_ml config file"):
        name, rule = _selection.selected_backend()
    assert rule == "auto-selection" and name == ember_ml.auto_select_backend()


def test_undecodable_config_file_warns():
    path = _selection.config_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\xfa")
    with pytest.warns(UserWarning):
        assert _selection.selected_backend()[1] == "auto-selection"


@pytest.mark.parametrize(
    "call", [ember_ml.set_backend, lambda n: ember_ml.use_backend(n).__enter__()]
)
def test_unknown_backend_raises_value_error_listing_valid_names(call):
    with pytest.raises(ValueError) as raised:
        call("tensorflow")
    assert all(name in str(raised.value) for name in ("numpy", "torch", "mlx"))


def test_unknown_backend_in_environment_raises_value_error(monkeypatch):
    monkeypatch.setenv("EMBER_ML_BACKEND", "jax")
    with pytest.raises(ValueError, match="EMBER_ML_BACKEND.*'jax'.*numpy, torch, mlx"):
        ember_ml.get_backend()


def test_missing_library_raises_import_error_with_install_command(monkeypatch):
    monkeypatch.setattr(_backend, "_loaded", {})
    monkeypatch.setattr(_backend.importlib.util, "find_spec", lambda name: None)
    monkeypatch.delitem(_backend.sys.modules, "mlx", raising=False)
    with pytest.raises(ImportError, match=r'pip install "ember-ml\[mlx\]"'):
        ember_ml.set_backend("mlx")
    with pytest.raises(ImportError, match=r'pip install "ember-ml\[mlx\]"'):
        _backend.load("mlx")
