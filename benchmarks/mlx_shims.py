"""Cost of ember_ml.backend.mlx's shims against the nearest raw MLX call.

Run:  python benchmarks/mlx_shims.py [--quick] [--only SUBSTRING]

For every shimmed function, times the shim and the nearest raw ``mlx.core`` call
on a small (10) and a large (1e6) input, ``mx.eval``-ing each output, and prints
time per call and the ratio shim/raw. A shim that only renames or reorders
arguments should stay at or under 1.2x raw; shims that add work (special cases,
bounds checks, dtype fixes) are marked with what they add.
"""

from __future__ import annotations

import sys
import timeit

import mlx.core as mx

import ember_ml.backend.mlx as xp
from ember_ml.backend.mlx import _patches

QUICK = "--quick" in sys.argv
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""


def timed(fn, *, budget: float = 0.15 if QUICK else 0.4) -> float:
    """Best-of-3 seconds per call of fn (its output is mx.eval'ed)."""

    def call():
        out = fn()
        mx.eval(out)

    call()  # warm up (and compile kernels)
    n = 1
    while True:
        t = timeit.timeit(call, number=n)
        if t > budget / 5 or n >= 1 << 16:
            break
        n *= 4
    return min(timeit.repeat(call, number=n, repeat=3)) / n


def cases(n: int):
    """(name, shim thunk, raw thunk, what the shim adds)."""
    f = mx.random.normal((n,))
    g = mx.random.normal((n,))
    mx.eval(f, g)
    u8 = (mx.abs(f) * 50).astype(mx.uint8)
    i32 = (f * 10).astype(mx.int32)
    idx = (mx.abs(g) * 1000).astype(mx.int32) % n
    side = int(round(n**0.5))
    m = f[: side * side].reshape(side, side)
    m3 = (
        f[: (side // 2) * 2 * (side // 2)].reshape(side // 2, 2, side // 2)
        if side >= 2
        else f.reshape(1, -1, 1)
    )
    c = f.astype(mx.complex64)
    sh = (mx.abs(g) * 20).astype(mx.int32)  # shift amounts, some >= 32
    mx.eval(u8, i32, idx, m, m3, c, sh)
    orig_getitem = _patches_original_getitem()
    return [
        # renames / reorders only
        ("abs (re-export, identity)", lambda: xp.abs(f), lambda: mx.abs(f), "nothing"),
        (
            "clip(min=,max=)",
            lambda: xp.clip(f, min=-1.0, max=1.0),
            lambda: mx.clip(f, -1.0, 1.0),
            "rename",
        ),
        (
            "moveaxis(tuple)",
            lambda: xp.moveaxis(m3, (0, 1), (1, 0)),
            lambda: mx.transpose(m3, [1, 0, 2]),
            "rename",
        ),
        (
            "permute_dims",
            lambda: xp.permute_dims(m, (1, 0)),
            lambda: mx.transpose(m, [1, 0]),
            "rename",
        ),
        ("concat", lambda: xp.concat([f, g]), lambda: mx.concatenate([f, g]), "rename"),
        ("stack", lambda: xp.stack([f, g]), lambda: mx.stack([f, g]), "rename"),
        ("roll(axis=)", lambda: xp.roll(f, 3, axis=0), lambda: mx.roll(f, 3, 0), "rename"),
        ("tile", lambda: xp.tile(f, (2,)), lambda: mx.tile(f, [2]), "rename"),
        ("reshape", lambda: xp.reshape(f, (-1, 1)), lambda: mx.reshape(f, (-1, 1)), "rename"),
        (
            "expand_dims",
            lambda: xp.expand_dims(f, axis=0),
            lambda: mx.expand_dims(f, 0),
            "axis checks",
        ),
        (
            "squeeze",
            lambda: xp.squeeze(f[None], axis=0),
            lambda: mx.squeeze(f[None], 0),
            "axis check",
        ),
        ("where", lambda: xp.where(f > 0, f, g), lambda: mx.where(f > 0, f, g), "rename"),
        ("zeros(device=)", lambda: xp.zeros((n,)), lambda: mx.zeros((n,)), "rename"),
        ("full", lambda: xp.full((n,), 2.0), lambda: mx.full((n,), 2.0), "rename"),
        ("arange", lambda: xp.arange(n), lambda: mx.arange(n), "empty-range check"),
        ("astype(copy=)", lambda: xp.astype(f, mx.float16), lambda: f.astype(mx.float16), "rename"),
        ("sum(float32)", lambda: xp.sum(f), lambda: mx.sum(f), "dtype rule"),
        (
            "mean(axis=tuple)",
            lambda: xp.mean(m, axis=(0, 1)),
            lambda: mx.mean(m, axis=[0, 1]),
            "rename",
        ),
        ("max", lambda: xp.max(f), lambda: mx.max(f), "rename"),
        (
            "var(correction=1)",
            lambda: xp.var(f, correction=1.0),
            lambda: mx.var(f, ddof=1),
            "rename",
        ),
        (
            "std(correction=1)",
            lambda: xp.std(f, correction=1.0),
            lambda: mx.std(f, ddof=1),
            "sqrt of var",
        ),
        ("cumulative_sum", lambda: xp.cumulative_sum(f), lambda: mx.cumsum(f), "axis check"),
        ("sort", lambda: xp.sort(f), lambda: mx.sort(f), "rename"),
        (
            "matrix_transpose",
            lambda: xp.matrix_transpose(m),
            lambda: mx.swapaxes(m, -1, -2),
            "rename",
        ),
        ("matmul(float)", lambda: xp.matmul(m, m), lambda: mx.matmul(m, m), "dtype test"),
        (
            "linalg.diagonal",
            lambda: xp.linalg.diagonal(m),
            lambda: mx.diagonal(m, 0, -2, -1),
            "rename",
        ),
        ("fft.fft", lambda: xp.fft.fft(c), lambda: mx.fft.fft(c), "norm check"),
        ("fft.fftshift", lambda: xp.fft.fftshift(f), lambda: mx.fft.fftshift(f), "rename"),
        # dtype fixes
        ("argmax (-> int32)", lambda: xp.argmax(f), lambda: mx.argmax(f), "astype int32"),
        ("argsort (-> int32)", lambda: xp.argsort(f), lambda: mx.argsort(f), "astype int32"),
        (
            "argsort(descending)",
            lambda: xp.argsort(f, descending=True),
            lambda: mx.argsort(-f),
            "flip trick",
        ),
        ("sum(uint8 -> uint32)", lambda: xp.sum(u8), lambda: mx.sum(u8), "upcast"),
        ("cumulative_sum(uint8)", lambda: xp.cumulative_sum(u8), lambda: mx.cumsum(u8), "upcast"),
        (
            "searchsorted",
            lambda: xp.searchsorted(mx.sort(g), f),
            lambda: mx.searchsorted(mx.sort(g), f),
            "astype",
        ),
        ("count_nonzero", lambda: xp.count_nonzero(f), lambda: mx.count_nonzero(f), "astype"),
        ("vecdot", lambda: xp.vecdot(m, m), lambda: mx.sum(m * m, axis=-1), "shape checks"),
        ("linalg.trace", lambda: xp.linalg.trace(m), lambda: mx.trace(m, 0, -2, -1), "dtype rule"),
        (
            "linalg.vector_norm",
            lambda: xp.linalg.vector_norm(f),
            lambda: mx.linalg.norm(f),
            "generic ord",
        ),
        (
            "linalg.matrix_norm",
            lambda: xp.linalg.matrix_norm(m),
            lambda: mx.linalg.norm(m),
            "generic ord",
        ),
        (
            "tensordot(float)",
            lambda: xp.tensordot(m, m, axes=1),
            lambda: mx.tensordot(m, m, axes=1),
            "axes check",
        ),
        # special cases
        ("sin (-0 kept)", lambda: xp.sin(f), lambda: mx.sin(f), "fused where (compiled)"),
        ("sign (NaN kept)", lambda: xp.sign(f), lambda: mx.sign(f), "fused where (compiled)"),
        (
            "remainder (signed 0)",
            lambda: xp.remainder(f, g),
            lambda: mx.remainder(f, g),
            "fused where (compiled)",
        ),
        (
            "bitwise_left_shift",
            lambda: xp.bitwise_left_shift(i32, sh),
            lambda: mx.left_shift(i32, sh),
            "fused where (compiled)",
        ),
        (
            "bitwise_right_shift",
            lambda: xp.bitwise_right_shift(i32, sh),
            lambda: mx.right_shift(i32, sh),
            "fused where (compiled)",
        ),
        ("expm1(complex)", lambda: xp.expm1(c), lambda: mx.exp(c) - 1, "dispatch"),
        # missing functions vs their nearest raw composition
        ("signbit", lambda: xp.signbit(f), lambda: f < 0, "bit view"),
        ("copysign", lambda: xp.copysign(f, g), lambda: mx.abs(f) * mx.sign(g), "where"),
        (
            "hypot",
            lambda: xp.hypot(f, g),
            lambda: mx.sqrt(f * f + g * g),
            "overflow-safe + inf/NaN",
        ),
        (
            "isin",
            lambda: xp.isin(i32, i32[:10]),
            lambda: mx.any(i32[:, None] == i32[None, :10], axis=-1),
            "sort+search",
        ),
        (
            "unique_values (evals)",
            lambda: xp.unique_values(i32),
            lambda: mx.unique(i32, size=21),
            "count sync",
        ),
        ("nonzero (evals)", lambda: xp.nonzero(f > 0), lambda: mx.argsort(f > 0), "count sync"),
        ("fft.hfft", lambda: xp.fft.hfft(c), lambda: mx.fft.irfft(c), "conj + norm swap"),
        # bounds checks (indices read on the host: one evaluation of their graph, no MLX reduction)
        ("take (checked)", lambda: xp.take(f, idx), lambda: mx.take(f, idx), "host bounds check"),
        (
            "take (index_checks off)",
            lambda: _unchecked(xp.take, f, idx),
            lambda: mx.take(f, idx),
            "nothing",
        ),
        (
            "take_along_axis (checked)",
            lambda: xp.take_along_axis(f, idx, axis=0),
            lambda: mx.take_along_axis(f, idx, axis=0),
            "host bounds check",
        ),
        ("x[int] (patched getitem)", lambda: f[3], lambda: orig_getitem(f, 3), "int compare"),
        (
            "x[slice] (patched getitem)",
            lambda: f[1:5],
            lambda: orig_getitem(f, slice(1, 5)),
            "type test",
        ),
        (
            "x[int array] (patched)",
            lambda: f[idx],
            lambda: orig_getitem(f, idx),
            "host bounds check",
        ),
    ]


def _unchecked(fn, *args):
    with xp.index_checks(False):
        return fn(*args)


def _patches_original_getitem():
    cell = mx.array.__getitem__
    if cell.__closure__:
        for c in cell.__closure__:
            if (
                callable(c.cell_contents)
                and getattr(c.cell_contents, "__name__", "") == "__getitem__"
            ):
                return c.cell_contents
    return cell


def main() -> None:
    print(f"mlx {mx.__version__}, device {mx.default_device()}, patches: {len(_patches.PATCHES)}")
    rows = {}
    for n in (10, 1_000_000):
        for name, shim, raw, adds in cases(n):
            if ONLY not in name:
                continue
            rows.setdefault(name, [adds])
            t_shim = timed(shim)
            t_raw = timed(raw)
            rows[name] += [t_shim, t_raw]
    print(
        f"{'function':32s} {'adds':24s} {'n=10 shim/raw (us)':>22s} {'ratio':>6s} {'n=1e6 shim/raw (us)':>24s} {'ratio':>6s}"
    )
    for name, (adds, s10, r10, s1m, r1m) in rows.items():
        print(
            f"{name:32s} {adds:24s} {s10 * 1e6:9.2f} / {r10 * 1e6:9.2f} {s10 / r10:6.2f} "
            f"{s1m * 1e6:10.1f} / {r1m * 1e6:10.1f} {s1m / r1m:6.2f}"
        )


if __name__ == "__main__":
    main()
