"""Each layer's speed against torch's own module and mlx.nn's, measured in one run (ratios).

For every layer: the forward pass and a training step (forward, ``mean(y**2)``,
backward) of ember_ml's layer on torch over torch's module (``torch.nn``, or the
few-line torch composition where torch has none), and on MLX over ``mlx.nn``'s
(``mx.eval`` of the output, of the gradients). Ratio > 1: ember_ml is slower.
Layers with no native counterpart (Hyena, Mamba on MLX, MoE, ...) are timed alone.
MAD's sizes: width 128, batch 16, length 128 by default.

Three variants are timed in each round, one after the other: ember_ml's layer with
its native fast paths (backend/<lib>/_extras/nn.py), the same layer with them off
(``ember_ml._hooks.disabled("nn")``: the generic code, what ran before the fast
paths), and the native module; each sample repeats the call for about 20 ms. A cell
gives the best (least) CPU time per call of each over ``--repeats`` rounds and their
ratios; ``[lo-hi]`` is the range of the ratio measured within each round (fast path
and native timed back to back), the spread that machine noise leaves.

    python benchmarks/layers.py                       # a few minutes of CPU time
    python benchmarks/layers.py --only GRU,LayerNorm --repeats 10 --threads 2

Times are CPU time of the process (``time.process_time``). torch runs on
``--threads`` threads (default 1: on a shared machine, idle OpenMP threads spin
and bill CPU time that is noise, not work).
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import ember_ml
from ember_ml import _hooks, nn


def _warm_fast_paths(x: Any) -> None:
    """Look every nn fast path up once, so that no timed call pays for the lookup."""
    xp = ember_ml.array_namespace(x)
    for name in _hooks.GROUPS["nn"].fast_paths:
        _hooks.fast_path(xp, "nn", name)


def interleaved(
    fns: dict[str, Callable[[], Any]],
    repeats: int,
    *,
    generic: tuple[str, ...] = (),
    like: Any,
    sample_ms: float = 20.0,
) -> dict[str, list[float]]:
    """CPU time (ms) of one call of each function, per round, alternating them; those in
    ``generic`` run with the nn fast paths off (switched outside the timed region).

    A sample runs a function ``number`` times, ``number`` chosen in the warm-up round so
    that a sample takes about ``sample_ms`` (a 0.1 ms layer is timed over 200 calls).
    """
    numbers: dict[str, int] = {}
    times: dict[str, list[float]] = {name: [] for name in fns}
    for round_ in range(repeats + 1):  # round 0 warms up and calibrates
        for name, fn in fns.items():
            switch = _hooks.disabled("nn") if name in generic else None
            if switch is not None:
                switch.__enter__()
            number = numbers.get(name, 1)
            start = time.process_time()
            for _ in range(number):
                fn()
            elapsed = (time.process_time() - start) / number
            if switch is not None:
                switch.__exit__(None, None, None)
                _warm_fast_paths(like)
            if round_:
                times[name].append(1e3 * elapsed)
            else:
                numbers[name] = max(1, round(sample_ms / max(1e3 * elapsed, 1e-3)))
    return times


# --- the layers -----------------------------------------------------------------------------


def _torch_swiglu(dim: int) -> Any:
    import torch

    class SwiGLU(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            hidden = nn.mixers.glu_hidden_dim(dim)
            self.w1 = torch.nn.Linear(dim, hidden, bias=False)
            self.w2 = torch.nn.Linear(dim, hidden, bias=False)
            self.w3 = torch.nn.Linear(hidden, dim, bias=False)

        def forward(self, x: Any) -> Any:
            return self.w3(torch.nn.functional.silu(self.w1(x)) * self.w2(x))

    return SwiGLU()


def _mlx_swiglu(dim: int) -> Any:
    import mlx.nn

    class SwiGLU(mlx.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            hidden = nn.mixers.glu_hidden_dim(dim)
            self.w1 = mlx.nn.Linear(dim, hidden, bias=False)
            self.w2 = mlx.nn.Linear(dim, hidden, bias=False)
            self.w3 = mlx.nn.Linear(hidden, dim, bias=False)

        def __call__(self, x: Any) -> Any:
            return self.w3(mlx.nn.silu(self.w1(x)) * self.w2(x))

    return SwiGLU()


def _torch_causal_attention(dim: int, heads: int) -> Any:
    import torch

    class Causal(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.mha = torch.nn.MultiheadAttention(dim, heads, batch_first=True)

        def forward(self, x: Any) -> Any:
            n = x.shape[1]
            mask = torch.ones(n, n, dtype=torch.bool).triu(1)
            return self.mha(x, x, x, attn_mask=mask, need_weights=False, is_causal=True)[0]

    return Causal()


def _mlx_causal_attention(dim: int, heads: int) -> Any:
    import mlx.nn

    class Causal(mlx.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.mha = mlx.nn.MultiHeadAttention(dim, heads, bias=True)

        def __call__(self, x: Any) -> Any:
            mask = mlx.nn.MultiHeadAttention.create_additive_causal_mask(x.shape[1])
            return self.mha(x, x, x, mask=mask)

    return Causal()


def _torch_conv(channels: int, width: int) -> Any:
    import torch

    class Conv(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = torch.nn.Conv1d(
                channels, channels, width, groups=channels, padding=width - 1
            )

        def forward(self, x: Any) -> Any:
            return self.conv(x.transpose(1, 2))[..., : x.shape[1]].transpose(1, 2)

    return Conv()


def _mlx_conv(channels: int, width: int) -> Any:
    import mlx.nn

    class Conv(mlx.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = mlx.nn.Conv1d(channels, channels, width, padding=width - 1, groups=channels)

        def __call__(self, x: Any) -> Any:
            return self.conv(x)[:, : x.shape[1]]

    return Conv()


def _torch_mlp(dim: int) -> Any:
    import torch

    return torch.nn.Sequential(
        torch.nn.Linear(dim, 4 * dim), torch.nn.GELU("tanh"), torch.nn.Linear(4 * dim, dim)
    )


def _mlx_mlp(dim: int) -> Any:
    import mlx.nn

    return mlx.nn.Sequential(
        mlx.nn.Linear(dim, 4 * dim), mlx.nn.GELU("fast"), mlx.nn.Linear(4 * dim, dim)
    )


def _torch_mamba(dim: int) -> Any:
    if importlib.util.find_spec("mambapy") is None:
        return None
    from mambapy.mamba import MambaBlock, MambaConfig

    return MambaBlock(MambaConfig(d_model=dim, n_layers=1, d_state=4))


def _tn(name: str) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> Any:
        import torch

        return getattr(torch.nn, name)(*args, **kwargs)

    return make


def _mn(name: str) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> Any:
        import mlx.nn

        return getattr(mlx.nn, name)(*args, **kwargs)

    return make


def layers(dim: int, length: int) -> dict[str, dict[str, Any]]:
    """name -> ours(backend), torch native (or None), mlx native (or None), input kind, tuple out."""
    heads = 16
    return {
        "LayerNorm": dict(
            ours=lambda b: nn.LayerNorm(dim, backend=b),
            torch=lambda: _tn("LayerNorm")(dim),
            mlx=lambda: _mn("LayerNorm")(dim),
        ),
        "RMSNorm": dict(
            ours=lambda b: nn.RMSNorm(dim, eps=1e-5, backend=b),
            torch=lambda: _tn("RMSNorm")(dim, eps=1e-5),
            mlx=lambda: _mn("RMSNorm")(dim, eps=1e-5),
        ),
        "BatchNorm1d": dict(
            ours=lambda b: nn.BatchNorm1d(dim, channels_last=b == "mlx", backend=b).train(),
            torch=lambda: _tn("BatchNorm1d")(dim),
            mlx=lambda: _mn("BatchNorm")(dim),
            input="channels_first_on_torch",
        ),
        "Embedding": dict(
            ours=lambda b: nn.Embedding(1000, dim, backend=b, seed=0),
            torch=lambda: _tn("Embedding")(1000, dim),
            mlx=lambda: _mn("Embedding")(1000, dim),
            input="tokens",
        ),
        "MultiHeadAttention": dict(
            ours=lambda b: nn.MultiHeadAttention(dim, heads, causal=True, backend=b, seed=0),
            torch=lambda: _torch_causal_attention(dim, heads),
            mlx=lambda: _mlx_causal_attention(dim, heads),
        ),
        "GRU": dict(
            ours=lambda b: nn.GRU(dim, dim, batch_first=True, backend=b, seed=0),
            torch=lambda: _tn("GRU")(dim, dim, batch_first=True),
            mlx=lambda: _mn("GRU")(dim, dim),
            tuple=True,
        ),
        "LSTM": dict(
            ours=lambda b: nn.LSTM(dim, dim, batch_first=True, backend=b, seed=0),
            torch=lambda: _tn("LSTM")(dim, dim, batch_first=True),
            mlx=lambda: _mn("LSTM")(dim, dim),
            tuple=True,
        ),
        "CausalConv1d": dict(
            ours=lambda b: nn.CausalConv1d(dim, 4, backend=b, seed=0),
            torch=lambda: _torch_conv(dim, 4),
            mlx=lambda: _mlx_conv(dim, 4),
        ),
        "MLP": dict(
            ours=lambda b: nn.MLP(dim, backend=b, seed=0),
            torch=lambda: _torch_mlp(dim),
            mlx=lambda: _mlx_mlp(dim),
        ),
        "SwiGLU": dict(
            ours=lambda b: nn.SwiGLU(dim, backend=b, seed=0),
            torch=lambda: _torch_swiglu(dim),
            mlx=lambda: _mlx_swiglu(dim),
        ),
        "Mamba": dict(
            ours=lambda b: nn.Mamba(dim, d_state=4, backend=b, seed=0),
            torch=lambda: _torch_mamba(dim),
            mlx=None,
        ),
        "MoE": dict(ours=lambda b: nn.make_layer("moe-mlp", dim, backend=b, seed=0)),
        "LinearAttention": dict(ours=lambda b: nn.LinearAttention(dim, 16, backend=b, seed=0)),
        "Hyena": dict(ours=lambda b: nn.Hyena(dim, length, backend=b, seed=0)),
        "MultiHeadHyena": dict(ours=lambda b: nn.MultiHeadHyena(dim, length, backend=b, seed=0)),
    }


# --- timing ---------------------------------------------------------------------------------


def _first(y: Any) -> Any:
    return y[0] if isinstance(y, tuple) else y


def torch_times(spec: dict[str, Any], x_np: np.ndarray, repeats: int) -> dict[str, Any]:
    import torch

    ours = spec["ours"]("torch")
    models = {"ours": ours, "generic": ours}
    native = spec.get("torch")
    native = native() if native is not None else None
    if native is not None:
        models["native"] = native
    x = torch.from_numpy(x_np)
    inputs = {"ours": x, "generic": x, "native": x}
    if spec.get("input") == "channels_first_on_torch":
        inputs = {k: x.transpose(1, 2).contiguous() for k in inputs}

    def forward(name: str) -> Callable[[], Any]:
        def f() -> None:
            with torch.no_grad():
                models[name](inputs[name])

        return f

    def step(name: str) -> Callable[[], Any]:
        model = models[name]

        def f() -> None:
            for p in model.parameters():
                p.grad = None
            torch.mean(_first(model(inputs[name])) ** 2).backward()

        return f

    run = {"generic": ("generic",), "like": x}
    return {
        "fwd": interleaved({n: forward(n) for n in models}, repeats, **run),
        "step": interleaved({n: step(n) for n in models}, repeats, **run),
    }


def mlx_times(spec: dict[str, Any], x_np: np.ndarray, repeats: int) -> dict[str, Any]:
    import mlx.core as mx
    import mlx.nn

    ours = spec["ours"]("mlx")
    models = {"ours": ours, "generic": ours}
    native = spec.get("mlx")
    if native is not None:
        models["native"] = native()
    x = mx.array(x_np)
    mx.eval(x, *(m.parameters() for m in models.values()))

    def forward(name: str) -> Callable[[], Any]:
        return lambda: mx.eval(_first(models[name](x)))

    def step(name: str) -> Callable[[], Any]:
        def loss(model: Any, x: Any) -> Any:
            return mx.mean(_first(model(x)) ** 2)

        grad = mlx.nn.value_and_grad(models[name], loss)
        return lambda: mx.eval(grad(models[name], x))

    run = {"generic": ("generic",), "like": x}
    return {
        "fwd": interleaved({n: forward(n) for n in models}, repeats, **run),
        "step": interleaved({n: step(n) for n in models}, repeats, **run),
    }


def _cells(times: dict[str, dict[str, list[float]]]) -> list[str]:
    """Per forward and step: native ms, ours ms, ratio [per-round range], generic ratio."""
    cells = []
    for what in ("fwd", "step"):
        t = times[what]
        ours, generic = min(t["ours"]), min(t["generic"])
        if "native" not in t:
            cells += ["-", f"{ours:.2f}", "-", f"{generic:.2f} ms"]
            continue
        native = min(t["native"])
        rounds = [a / b for a, b in zip(t["ours"], t["native"], strict=True)]
        cells += [
            f"{native:.2f}",
            f"{ours:.2f}",
            f"**{ours / native:.2f}x** [{min(rounds):.2f}-{max(rounds):.2f}]",
            f"{generic / native:.2f}x",
        ]
    return cells


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--length", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1, help="torch's CPU threads")
    parser.add_argument("--only", default="", help="comma-separated layer names")
    parser.add_argument("--backends", default="torch,mlx")
    args = parser.parse_args(argv)
    specs = layers(args.dim, args.length)
    names = [n for n in args.only.split(",") if n] or list(specs)
    unknown = sorted(set(names) - set(specs))
    if unknown:
        parser.error(f"unknown layers {unknown}; valid: {', '.join(specs)}")
    rng = np.random.default_rng(0)
    floats = rng.standard_normal((args.batch, args.length, args.dim)).astype(np.float32)
    tokens = rng.integers(0, 1000, (args.batch, args.length)).astype(np.int64)
    backends = [b for b in args.backends.split(",") if importlib.util.find_spec(b) is not None]
    if "torch" in backends:
        import torch

        torch.set_num_threads(args.threads)
    print(
        f"width {args.dim}, batch {args.batch}, length {args.length}; best CPU time (ms) of "
        f"{args.repeats} interleaved rounds; torch threads {args.threads}. ours: with the "
        f"fast paths; ratio: ours / native [range over the rounds]; generic: the fast paths "
        f"off, over native"
    )
    columns = ["native", "ours", "ratio", "generic"]
    for b in backends:
        timer = torch_times if b == "torch" else mlx_times
        header = ["layer"] + [f"{what} {c}" for what in ("fwd", "step") for c in columns]
        print(f"\n{b}\n\n| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for name in names:
            spec = specs[name]
            if spec.get("ours") is None:
                continue
            x = tokens if spec.get("input") == "tokens" else floats
            row = [name, *_cells(timer(spec, x, args.repeats))]
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
