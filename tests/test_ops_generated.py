"""The standard's functions are checked-in source, generated from ``_spec.py``, and stay so.

The generated files are what the generator writes from the table today; they are plain
Python (no ``exec`` at import), their ``__all__`` a literal that type checkers read, and
every function has its source, its types and the module it is documented under.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
import shutil
import subprocess
import sys
import traceback
import typing

import pytest

from ember_ml import ops
from ember_ml.ops import _generate
from ember_ml.ops._spec import SPEC

OPS_DIR = pathlib.Path(ops.__file__).parent
GENERATED = {extension: _generate.path(extension) for extension in _generate.MODULES}
PUBLIC = {"": ops, "linalg": ops.linalg, "fft": ops.fft}


@pytest.mark.parametrize("extension", sorted(GENERATED))
def test_generated_files_are_what_the_table_gives(extension):
    path = GENERATED[extension]
    assert path.read_text(encoding="utf-8") == _generate.render(extension), (
        f"{path.name} differs from what _spec.py gives; regenerate it with "
        "`python -m ember_ml.ops._generate` and commit the result"
    )


def test_generated_files_are_headed_do_not_edit():
    for path in GENERATED.values():
        assert path.read_text(encoding="utf-8").splitlines()[0] == _generate.HEADER


def test_generated_files_are_ruff_formatted():
    ruff = shutil.which("ruff") or str(pathlib.Path(sys.executable).with_name("ruff"))
    if not pathlib.Path(ruff).exists():
        pytest.skip("ruff is not installed")
    files = [str(path) for path in GENERATED.values()]
    root = OPS_DIR.parents[2]  # the repository root, whose pyproject.toml configures ruff
    for command in (["format", "--check"], ["check"]):
        done = subprocess.run([ruff, *command, *files], cwd=root, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_check_command_finds_the_files_up_to_date(capsys):
    assert _generate.main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_the_type_tables_name_only_functions_and_parameters_that_exist():
    _generate.check_tables()  # raises if not


def _calls(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def test_no_exec_or_compile_at_import():
    for path in [*GENERATED.values(), OPS_DIR / "_dispatch.py", OPS_DIR / "__init__.py"]:
        assert not _calls(path) & {"exec", "eval", "compile"}, path.name


def test_the_runtime_never_imports_the_generator():
    code = "import sys, ember_ml.ops; print('ember_ml.ops._generate' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def _literal_all(path: pathlib.Path) -> list[str]:
    """``__all__`` of a module, which must be one literal list of strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    values = [
        node.value
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and any(
            isinstance(target, ast.Name) and target.id == "__all__"
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
    ]
    assert len(values) == 1, f"{path.name}: __all__ is assigned {len(values)} times"
    value = values[0]
    assert isinstance(value, ast.List), f"{path.name}: __all__ is no literal list"
    names = [e.value for e in value.elts if isinstance(e, ast.Constant)]
    strings = [name for name in names if isinstance(name, str)]
    assert len(strings) == len(value.elts), f"{path.name}: __all__ holds other than strings"
    return strings


@pytest.mark.parametrize("extension", sorted(GENERATED))
def test_generated_all_is_the_literal_list_of_the_tables_functions(extension):
    names = [name for ext, name, _, _ in SPEC if ext == extension]
    assert _literal_all(GENERATED[extension]) == names
    module = importlib.import_module(f"ember_ml.ops.{GENERATED[extension].stem}")
    assert module.__all__ == names


def test_ops_all_is_a_literal_of_the_same_names_as_before():
    from ember_ml.ops import _random, _standard, indexing, signal

    names = _literal_all(OPS_DIR / "__init__.py")
    assert names == ops.__all__
    assert len(names) == len(set(names))
    dtypes = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}
    dtypes |= {"float32", "float64", "complex64", "complex128"}
    rest = {"__array_namespace_info__", "e", "fft", "inf", "linalg", "linearalg", "nan"}
    rest |= {"newaxis", "pi", "activations", "signal", "stats"}
    extras = [*indexing.__all__, *signal.__all__, *_random.__all__]
    assert not set(_standard.__all__) & set(extras), "an extra shadows a standard function"
    assert set(names) == {*_standard.__all__, *dtypes, *rest, *extras}
    assert _literal_all(OPS_DIR / "fft.py") == ops.fft.__all__ == _standard_names("fft")


def _standard_names(extension):
    return [name for ext, name, _, _ in SPEC if ext == extension]


def test_dir_of_ops_lists_the_standard_functions():
    assert {"sin", "sum", "matmul", "float32", "linalg", "fft"} <= set(dir(ops))
    assert {"vector_norm", "svd"} <= set(dir(ops.linalg))
    assert {"rfft", "fftfreq"} <= set(dir(ops.fft))


def _public_functions():
    for extension, module in PUBLIC.items():
        prefix = f"ops.{extension}." if extension else "ops."
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value):
                yield prefix + name, value


@pytest.mark.parametrize("function", [f for _, f in _public_functions()], ids=lambda f: f.__name__)
def test_every_function_has_its_source(function):
    source = inspect.getsource(function)
    assert source.lstrip().startswith(("def ", "@")), source[:80]
    assert f"def {function.__name__}(" in source


def test_every_standard_function_has_its_source_its_module_and_its_name():
    for extension, name, _, _ in SPEC:
        function = getattr(PUBLIC[extension], name)
        assert inspect.getsource(function)
        if (extension, name) in {("linalg", "eig"), ("linalg", "eigvals")}:
            continue  # ops.linalg wraps the generated ones (a guard against NaN input)
        assert function.__module__ == PUBLIC[extension].__name__
        assert function.__qualname__ == name
        assert inspect.getsourcefile(function) == str(GENERATED[extension])


def test_type_hints_of_the_generated_functions_resolve_at_run_time():
    for extension, name, _, _ in SPEC:
        module = importlib.import_module(f"ember_ml.ops.{GENERATED[extension].stem}")
        hints = typing.get_type_hints(getattr(module, name))
        assert "return" in hints


def test_tracebacks_show_the_generated_line():
    np = pytest.importorskip("numpy")
    with pytest.raises(Exception) as raised:
        ops.linalg.solve(np.zeros((2, 3)), np.zeros(2))
    frames = traceback.extract_tb(raised.value.__traceback__)
    mine = [frame for frame in frames if frame.filename == str(GENERATED["linalg"])]
    assert mine and mine[0].name == "solve" and mine[0].line
