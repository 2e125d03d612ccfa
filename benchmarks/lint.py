"""``ember-ml lint`` benchmarks.

1. Speed: lines per second on one core (CPU time of this single-threaded process) over a
   large tree, by default the installed scikit-learn, and the ratio to ``ast.parse`` alone
   (the floor for any ast-based checker), measured in the same run.
2. The measurement behind rule EM901: do Python operators on MLX arrays and torch tensors
   build the same lazy graph as the namespace functions?

    python benchmarks/lint.py                 # both
    python benchmarks/lint.py --speed [TREE]  # speed only
    python benchmarks/lint.py --operators     # operators only
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import io
import pathlib
import re
import time


def speed(tree: pathlib.Path) -> None:
    from ember_ml.lint import Config, check_source, iter_python_files
    from ember_ml.lint._names import namespaces

    namespaces()  # the one-time import of the extras modules is not per-line work
    files = list(iter_python_files([str(tree)], Config(root=tree)))
    sources = [p.read_bytes() for p in files]
    lines = sum(s.count(b"\n") for s in sources)
    start = time.process_time()
    for source in sources:
        ast.parse(source)
    parse_only = time.process_time() - start
    start, wall = time.process_time(), time.perf_counter()
    findings = 0
    for path, source in zip(files, sources, strict=True):
        findings += len(check_source(source, str(path)))
    cpu, wall = time.process_time() - start, time.perf_counter() - wall
    print(f"tree: {tree} ({len(files)} files, {lines} lines, {findings} findings)")
    print(
        f"ember-ml lint: {cpu:.2f} s CPU ({wall:.2f} s wall) -> {lines / cpu:,.0f} lines/s on one core"
    )
    print(
        f"ast.parse alone: {parse_only:.2f} s CPU -> {lines / parse_only:,.0f} lines/s; "
        f"lint/parse time ratio {cpu / parse_only:.2f}"
    )


def operators() -> None:
    if importlib.util.find_spec("mlx") is not None:
        import mlx.core as mx

        a, b = mx.random.normal((1000,)), mx.random.normal((1000,))
        mx.eval(a, b)

        def functions(a, b):
            return mx.divide(
                mx.multiply(mx.add(a, b), mx.subtract(a, b)), mx.add(mx.power(a, 2), 1.0)
            )

        def python_operators(a, b):
            return (a + b) * (a - b) / (a**2 + 1.0)

        graphs = []
        for fn in (functions, python_operators):
            out = io.StringIO()
            mx.export_to_dot(out, fn(a, b))  # the lazy graph, before any evaluation
            graphs.append(re.sub(r"\d{6,}", "N", out.getvalue()))  # node ids are addresses
        nodes = re.findall(r'label ="(\w+)"', graphs[0])
        print(
            f"MLX {mx.__version__}: same lazy graph: {graphs[0] == graphs[1]} ({nodes}); "
            f"bitwise equal eager: {mx.array_equal(functions(a, b), python_operators(a, b)).item()}; "
            "bitwise equal under mx.compile: "
            f"{mx.array_equal(mx.compile(functions)(a, b), mx.compile(python_operators)(a, b)).item()}"
        )
    if importlib.util.find_spec("torch") is not None:
        import torch
        import torch._dynamo as dynamo
        import torch.fx

        x, y = torch.randn(1000), torch.randn(1000)

        def t_functions(a, b):
            return torch.div(
                torch.mul(torch.add(a, b), torch.sub(a, b)), torch.add(torch.pow(a, 2), 1.0)
            )

        def t_operators(a, b):
            return (a + b) * (a - b) / (a**2 + 1.0)

        for fn in (t_functions, t_operators):
            explained = dynamo.explain(fn)(x, y)
            traced = [
                n.target.__name__
                for n in torch.fx.symbolic_trace(fn).graph.nodes
                if n.op == "call_function"
            ]
            print(
                f"torch {torch.__version__} {fn.__name__}: torch.compile graphs "
                f"{explained.graph_count}, graph breaks {explained.graph_break_count}, ops "
                f"{explained.op_count}; fx: {traced}"
            )
            dynamo.reset()
        print(f"torch bitwise equal: {torch.equal(t_functions(x, y), t_operators(x, y))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", nargs="?", const="", default=None, metavar="TREE")
    parser.add_argument("--operators", action="store_true")
    args = parser.parse_args()
    both = args.speed is None and not args.operators
    if both or args.speed is not None:
        if args.speed:
            tree = pathlib.Path(args.speed)
        else:
            spec = importlib.util.find_spec("sklearn")
            if spec is None or not spec.submodule_search_locations:
                raise SystemExit("scikit-learn is not installed: pass --speed TREE")
            tree = pathlib.Path(next(iter(spec.submodule_search_locations)))
        speed(tree)
    if both or args.operators:
        operators()


if __name__ == "__main__":
    main()
