"""Each layer's speed against torch's own module and mlx.nn's, measured in one run (ratios).

For every layer: the forward pass and a training step (forward, ``mean(y**2)``,
backward) of ember_ml's layer on torch over torch's module (``torch.nn``, or the
few-line torch composition where torch has none), and on MLX over ``mlx.nn``'s
(``mx.eval`` of the output, of the gradients). Ratio > 1: ember_ml is slower.
Layers with no native counterpart (Hyena, Mamba on MLX, MoE, ...) are timed alone.
MAD's sizes: width 128, batch 16, length 128 by default.

    python benchmarks/layers.py                       # a few minutes of CPU time
    python benchmarks/layers.py --only GRU,LayerNorm --repeats 10

Times are CPU time of the process (``time.process_time``), best of ``--repeats``,
ember_ml and native interleaved so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ember_ml import nn


def interleaved(fns: dict[str, Callable[[], Any]], repeats: int) -> dict[str, float]:
    """Best CPU time (ms) of each function, alternating them."""
    for fn in fns.values():
        fn()
    best = {name: float("inf") for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.process_time()
            fn()
            best[name] = min(best[name], time.process_time() - start)
    return {name: 1e3 * t for name, t in best.items()}


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


def torch_times(spec: dict[str, Any], x_np: np.ndarray, repeats: int) -> dict[str, float]:
    import torch

    models = {"ours": spec["ours"]("torch")}
    native = spec.get("torch")
    native = native() if native is not None else None
    if native is not None:
        models["native"] = native
    x = torch.from_numpy(x_np)
    inputs = {"ours": x, "native": x}
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

    out = {f"fwd_{k}": v for k, v in interleaved({n: forward(n) for n in models}, repeats).items()}
    out.update(
        {f"step_{k}": v for k, v in interleaved({n: step(n) for n in models}, repeats).items()}
    )
    return out


def mlx_times(spec: dict[str, Any], x_np: np.ndarray, repeats: int) -> dict[str, float]:
    import mlx.core as mx
    import mlx.nn

    models = {"ours": spec["ours"]("mlx")}
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

    out = {f"fwd_{k}": v for k, v in interleaved({n: forward(n) for n in models}, repeats).items()}
    out.update(
        {f"step_{k}": v for k, v in interleaved({n: step(n) for n in models}, repeats).items()}
    )
    return out


def _cells(t: dict[str, float]) -> list[str]:
    cells = []
    for what in ("fwd", "step"):
        ours, native = t.get(f"{what}_ours"), t.get(f"{what}_native")
        if ours is None:
            cells.append("-")
        elif native is None:
            cells.append(f"{ours:.2f} ms")
        else:
            cells.append(f"{ours:.2f} / {native:.2f} = **{ours / native:.2f}x**")
    return cells


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--length", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated layer names")
    parser.add_argument("--backends", default="torch,mlx")
    args = parser.parse_args(argv)
    specs = layers(args.dim, args.length)
    names = [n for n in args.only.split(",") if n] or list(specs)
    rng = np.random.default_rng(0)
    floats = rng.standard_normal((args.batch, args.length, args.dim)).astype(np.float32)
    tokens = rng.integers(0, 1000, (args.batch, args.length)).astype(np.int64)
    backends = [b for b in args.backends.split(",") if importlib.util.find_spec(b) is not None]
    print(
        f"width {args.dim}, batch {args.batch}, length {args.length}; best CPU time of "
        f"{args.repeats}; cells: ember_ml / native = ratio (training step: forward + backward)\n"
    )
    header = ["layer"]
    for b in backends:
        header += [f"{b} forward", f"{b} train step"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name in names:
        spec = specs[name]
        x = tokens if spec.get("input") == "tokens" else floats
        row = [name]
        for b in backends:
            timer = torch_times if b == "torch" else mlx_times
            row += _cells(timer(spec, x, args.repeats))
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
