"""The MLX key normaliser against NumPy: random keys of every form, getitem and setitem.

Runs in a subprocess (a regression could crash the process). For each random key
(ints incl. huge and NumPy ints, slices incl. step 0, huge and 0-d array bounds,
lists, integer and boolean arrays, None, Ellipsis, Python bools, combinations):
either both NumPy and MLX raise, or both return the same values (getitem) / leave
the same array (setitem). Not compared (documented in docs/mlx.md): a 0-d boolean
key combined with array keys (MLX refuses it), and a ``None`` value (NumPy stores
NaN, ember_ml raises TypeError).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("mlx.core", reason="MLX is not installed")

SCRIPT = textwrap.dedent(
    r"""
    import random, sys
    import numpy as np
    import mlx.core as mx
    import ember_ml.backend.mlx  # noqa: F401  (installs the checked __getitem__/__setitem__)

    BIG = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, 100000, -100000, 2**31, -2**31 - 1, 2**40]

    def comp(rng):
        r = rng.random()
        if r < .2: return rng.choice(BIG)
        if r < .3: return np.int64(rng.choice(BIG[:12]))
        if r < .5:
            f = lambda: rng.choice([None] + BIG)
            return slice(f(), f(), rng.choice([None, 1, -1, 2, -2, 0, 3, 2**40, -2**40, np.int64(2), mx.array(1)]))
        if r < .6: return [rng.choice(BIG) for _ in range(rng.randint(0, 3))]
        if r < .65: return rng.choice([None, Ellipsis])
        if r < .75: return mx.array([rng.choice(BIG[:11]) for _ in range(rng.randint(0, 3))], dtype=mx.int32)
        if r < .85: return rng.choice([True, False])
        if r < .95: return [rng.random() < .5 for _ in range(rng.randint(0, 4))]
        return mx.array(rng.choice(BIG[:10]))

    def tonp(k):
        if isinstance(k, mx.array): return np.array(k)
        if isinstance(k, slice): return slice(*(tonp(v) for v in (k.start, k.stop, k.step)))
        return k

    def skip(key):
        ks = key if isinstance(key, tuple) else (key,)
        has_bool = any(isinstance(k, bool) for k in ks)
        has_arr = any(isinstance(k, (list, mx.array)) and not isinstance(k, bool) for k in ks)
        return has_bool and has_arr

    rng = random.Random(int(sys.argv[1]))
    bad = []
    for t in range(int(sys.argv[2])):
        shape = tuple(rng.randint(0, 4) for _ in range(rng.randint(0, 3)))
        a = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
        key = tuple(comp(rng) for _ in range(rng.randint(1, 3)))
        if rng.random() < .3: key = key[0]
        if skip(key): continue
        nk = tuple(tonp(k) for k in key) if isinstance(key, tuple) else tonp(key)
        try: want = a[nk]; we = None
        except Exception as e: want, we = None, type(e).__name__
        try: got = np.array(mx.array(a)[key]); ge = None
        except Exception as e: got, ge = None, type(e).__name__
        if (we is None) != (ge is None):
            bad.append(f"get {shape} {key!r}: numpy {we}, mlx {ge}")
        elif we is None and (got.shape != want.shape or not np.array_equal(got, want)):
            bad.append(f"get {shape} {key!r}: values differ")
        v = rng.choice([7.0, np.float32(3), mx.array(5.0), mx.array([1.0, 2.0]), 2, True])
        a2, x2 = a.copy(), mx.array(a)
        try: a2[nk] = np.array(v) if isinstance(v, mx.array) else v; we = None
        except Exception as e: we = type(e).__name__
        try: x2[key] = v; mx.eval(x2); ge = None
        except Exception as e: ge = type(e).__name__
        if (we is None) != (ge is None):
            bad.append(f"set {shape} {key!r} = {v!r}: numpy {we}, mlx {ge}")
        elif we is None and not np.array_equal(np.array(x2), a2):
            bad.append(f"set {shape} {key!r} = {v!r}: values differ")
    print("\n".join(bad))
    """
)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_random_keys_match_numpy(seed):
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(seed), "250"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"the process died ({proc.returncode}): {proc.stderr[-2000:]}"
    mismatches = [line for line in proc.stdout.splitlines() if line.strip()]
    assert mismatches == [], "\n".join(mismatches[:20])
