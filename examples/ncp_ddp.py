"""Train an NCP-wired CfC data-parallel on CPU processes: torch.distributed (DDP) or mx.distributed.

The model is ``ember_ml.nn.CfC``: a ``torch.nn.Module`` on torch, an ``mlx.nn.Module`` on MLX,
so each library's own distributed engine trains it. Each of ``--world-size`` processes takes an
equal slice of the batch and computes its gradients; the gradients are averaged across the
processes (torch: ``DistributedDataParallel`` over gloo; MLX: ``mx.distributed.all_sum`` over
the ring backend) before the same Adam step on every rank. The loss curve then equals
single-process training on the full batch. This script starts the workers itself on loopback
(127.0.0.1, free ports), trains the single-process reference, and compares the two curves:

    python examples/ncp_ddp.py --backend torch --world-size 2 --steps 50
    python examples/ncp_ddp.py --backend mlx --world-size 2 --steps 50

The libraries' launchers can start the workers instead (each rank trains; rank 0 prints):

    torchrun --nproc-per-node 2 examples/ncp_ddp.py --backend torch
    mlx.launch -n 2 --backend ring -- python examples/ncp_ddp.py --backend mlx

Exit status: 0 when the curves agree to ``--tol``, 1 when they do not, 2 when the distributed
run could not start (the reason is printed, e.g. no usable ``mx.distributed`` backend).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from typing import Any

import numpy as np

from ember_ml import nn
from ember_ml.nn.wirings import AutoNCP

LOSSES_TAG = "LOSSES "  # the line rank 0 prints: LOSSES [l0, l1, ...]


def make_batch(batch: int = 8, seq_len: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """``batch`` sine waves with their own phase: input (sin, cos), target sin(2t).

    Shapes (batch, seq_len, 2) and (batch, seq_len, 1), float32.
    """
    t = np.linspace(0.0, 2.0 * math.pi, seq_len, dtype=np.float64)[None, :]
    phase = np.linspace(0.0, math.pi, batch, endpoint=False)[:, None]
    x = np.stack([np.sin(t + phase), np.cos(t + phase)], axis=-1)
    y = np.sin(2.0 * (t + phase))[..., None]
    return x.astype(np.float32), y.astype(np.float32)


def make_model(backend: str) -> Any:
    """The same initial weights on every rank and in the reference (``seed=0``)."""
    return nn.CfC(2, AutoNCP(16, 1, seed=22222), backend=backend, seed=0)


def shard(a: np.ndarray, rank: int, world_size: int) -> np.ndarray:
    """Rank ``rank``'s equal, contiguous slice of the batch (axis 0)."""
    if a.shape[0] % world_size:
        raise ValueError(f"batch {a.shape[0]} is not divisible by world size {world_size}")
    n = a.shape[0] // world_size
    return a[rank * n : (rank + 1) * n]


def train_torch(
    steps: int, lr: float, batch: int, *, rank: int = 0, world_size: int = 1, timeout: float = 60
) -> list[float]:
    """Adam on the MSE; with ``world_size > 1`` under DDP (this process is rank ``rank``).

    The returned losses are the full batch's: the ranks' losses averaged (all-reduce).
    """
    import torch

    torch.set_num_threads(1)  # the ranks share the cores; more threads only contend on a busy CPU
    x, y = (shard(a, rank, world_size) for a in make_batch(batch))
    xs, ys = torch.from_numpy(x), torch.from_numpy(y)
    model = make_model("torch")  # a torch.nn.Module
    if world_size > 1:
        import torch.distributed as dist
        from torch.nn.parallel import DistributedDataParallel

        # MASTER_ADDR / MASTER_PORT come from the environment (set by the launcher or torchrun)
        dist.init_process_group(
            "gloo", rank=rank, world_size=world_size, timeout=timedelta(seconds=timeout)
        )
        model = DistributedDataParallel(model)  # averages the gradients in backward()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    try:
        for _ in range(steps):
            optimizer.zero_grad()
            prediction, _ = model(xs)
            loss = torch.mean((prediction - ys) ** 2)
            loss.backward()
            optimizer.step()
            total = loss.detach().clone()
            if world_size > 1:
                dist.all_reduce(total)  # sum of the ranks' mean losses
            losses.append(total.item() / world_size)
    finally:
        if world_size > 1:
            dist.destroy_process_group()
    return losses


def train_mlx(
    steps: int, lr: float, batch: int, *, rank: int = 0, world_size: int = 1, group: Any = None
) -> list[float]:
    """Adam on the MSE; with a ``group`` of ``world_size > 1`` ranks, gradients all-reduced."""
    import mlx.core as mx
    import mlx.nn as mlx_nn
    import mlx.optimizers as optim
    from mlx.utils import tree_flatten, tree_unflatten

    x, y = (mx.array(shard(a, rank, world_size)) for a in make_batch(batch))
    model = make_model("mlx")  # an mlx.nn.Module
    optimizer = optim.Adam(learning_rate=lr, bias_correction=True)  # torch's Adam

    def loss_fn(model: Any, x: Any, y: Any) -> Any:
        return mx.mean((model(x)[0] - y) ** 2)

    loss_and_grad = mlx_nn.value_and_grad(model, loss_fn)
    losses = []
    for _ in range(steps):
        loss, grads = loss_and_grad(model, x, y)
        if world_size > 1:  # one all_sum per step: the loss and every gradient, in one vector
            named = tree_flatten(grads)
            flat = mx.concatenate([loss.reshape(1)] + [g.reshape(-1) for _, g in named])
            flat = mx.distributed.all_sum(flat, group=group) / world_size
            loss, start, averaged = flat[0], 1, []
            for name, g in named:
                averaged.append((name, flat[start : start + g.size].reshape(g.shape)))
                start += g.size
            grads = tree_unflatten(averaged)
        optimizer.update(model, grads)
        mx.eval(model.parameters(), optimizer.state, loss)
        losses.append(loss.item())
    return losses


def init_mlx_group() -> Any:
    """``mx.distributed.init`` on the ring backend; SystemExit(2) with the reason if unusable."""
    import mlx.core as mx

    try:
        if not mx.distributed.is_available():
            raise RuntimeError("mx.distributed.is_available() is False")
        group = mx.distributed.init(strict=True, backend="ring")
    except (RuntimeError, ValueError) as err:
        raise SystemExit(
            f"ncp_ddp: mlx.distributed has no usable CPU backend here ({err}); "
            "tried mx.distributed.init(strict=True, backend='ring') with MLX_RANK="
            f"{os.environ.get('MLX_RANK')} MLX_HOSTFILE={os.environ.get('MLX_HOSTFILE')}"
        ) from err  # the status is 1 here; the launcher turns a failed start into 2
    return group


def worker(args: argparse.Namespace, rank: int, world_size: int) -> None:
    """One rank of the distributed run; rank 0 prints the loss curve as a ``LOSSES`` line."""
    if args.backend == "torch":
        losses = train_torch(
            args.steps, args.lr, args.batch, rank=rank, world_size=world_size, timeout=args.timeout
        )
    else:
        group = init_mlx_group()
        rank, world_size = group.rank(), group.size()
        losses = train_mlx(
            args.steps, args.lr, args.batch, rank=rank, world_size=world_size, group=group
        )
    if rank == 0:
        print(LOSSES_TAG + json.dumps(losses), flush=True)


def free_ports(n: int) -> list[int]:
    """``n`` distinct ports free on 127.0.0.1 right now (the OS picks them)."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def run_distributed(args: argparse.Namespace) -> list[float]:
    """Start ``--world-size`` worker processes on loopback and return rank 0's loss curve.

    Raises ``RuntimeError`` with the failing rank's output when a worker exits with an error
    (at once, not after its peers time out) or the run exceeds ``--timeout`` seconds; no
    worker outlives this function.
    """
    size = args.world_size
    command = [sys.executable, os.path.abspath(__file__), "--worker", "--backend", args.backend]
    command += ["--steps", str(args.steps), "--lr", str(args.lr), "--batch", str(args.batch)]
    command += ["--timeout", str(args.timeout)]
    env = dict(os.environ, MASTER_ADDR="127.0.0.1", WORLD_SIZE=str(size))
    with tempfile.TemporaryDirectory(prefix="ncp_ddp_") as tmp:
        if args.backend == "torch":
            env["MASTER_PORT"] = str(free_ports(1)[0])
            env.setdefault("GLOO_SOCKET_IFNAME", "lo")  # loopback only
        else:  # the ring backend: one listening address per rank, in a JSON hostfile
            env["MLX_HOSTFILE"] = os.path.join(tmp, "hosts.json")
            with open(env["MLX_HOSTFILE"], "w") as f:
                json.dump([[f"127.0.0.1:{port}"] for port in free_ports(size)], f)
        logs = [os.path.join(tmp, f"rank{rank}.log") for rank in range(size)]
        procs: list[subprocess.Popen[bytes]] = []
        error, failed = None, []
        try:
            for rank, log in enumerate(logs):
                rank_env = dict(env, RANK=str(rank), LOCAL_RANK=str(rank), MLX_RANK=str(rank))
                with open(log, "wb") as out:
                    procs.append(subprocess.Popen(command, env=rank_env, stdout=out, stderr=out))
            deadline = time.monotonic() + args.timeout
            while error is None:
                codes = [proc.poll() for proc in procs]
                failed = [rank for rank, code in enumerate(codes) if code not in (None, 0)]
                if failed:
                    error = f"rank {failed[0]} exited with status {codes[failed[0]]}"
                elif all(code == 0 for code in codes):
                    break
                elif time.monotonic() > deadline:
                    error = f"the workers did not finish within {args.timeout:g} s (--timeout)"
                time.sleep(0.05)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
        texts = [open(log, encoding="utf-8", errors="replace").read() for log in logs]
    if error is not None:
        shown = failed[0] if failed else 0
        raise RuntimeError(f"{error}; rank {shown} printed:\n{texts[shown].rstrip()}")
    for line in texts[0].splitlines():
        if line.startswith(LOSSES_TAG):
            return [float(v) for v in json.loads(line[len(LOSSES_TAG) :])]
    raise RuntimeError(f"rank 0 printed no loss curve:\n{texts[0]}")


def train_single(args: argparse.Namespace) -> list[float]:
    """The reference: one process, the full batch."""
    if args.backend == "torch":
        return train_torch(args.steps, args.lr, args.batch)
    return train_mlx(args.steps, args.lr, args.batch)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["torch", "mlx"], default="torch")
    parser.add_argument("--world-size", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--lr", type=float, default=0.02)
    parser.add_argument("--batch", type=int, default=8, help="full batch, split over the ranks")
    parser.add_argument("--tol", type=float, default=1e-5, help="max |loss difference| allowed")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for the workers")
    parser.add_argument(
        "--reference",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also train one process on the full batch and compare (default: yes)",
    )
    parser.add_argument("--json", metavar="PATH", help="write the loss curves to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.world_size < 1 or args.batch % args.world_size:
        parser.error(f"--batch {args.batch} must be a multiple of --world-size {args.world_size}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # a worker: started by run_distributed (--worker), torchrun or mlx.launch
    if args.worker or "TORCHELASTIC_RUN_ID" in os.environ or "MLX_RANK" in os.environ:
        rank = int(os.environ.get("RANK", os.environ.get("MLX_RANK", "0")))
        worker(args, rank, int(os.environ.get("WORLD_SIZE", args.world_size)))
        return 0
    single, single_seconds = None, 0.0
    if args.reference:  # first: on MLX it also fills the compiled-kernel cache the workers share
        start = time.perf_counter()
        single = train_single(args)
        single_seconds = time.perf_counter() - start
    start = time.perf_counter()
    try:
        distributed = run_distributed(args)
    except RuntimeError as err:
        print(f"ncp_ddp: the {args.backend} distributed run failed: {err}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - start
    print(
        f"{args.backend}: {args.world_size} processes x {args.batch // args.world_size} samples, "
        f"{args.steps} Adam steps in {seconds:.1f} s (start-up included): "
        f"loss {distributed[0]:.5f} -> {distributed[-1]:.6f}"
    )
    result: dict[str, Any] = {"distributed": distributed}
    agree = True
    if single is not None:
        diff = max(abs(a - b) for a, b in zip(distributed, single, strict=True))
        agree = diff <= args.tol
        result.update(single=single, max_abs_diff=diff)
        print(
            f"one process, full batch: {single_seconds:.1f} s; max |distributed - single| over "
            f"{args.steps} steps = {diff:.2e}: "
            + ("equal" if agree else "DIFFERENT")
            + f" to {args.tol:g}"
        )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f)
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
