"""MAD's six synthetic tasks (Poli et al., ICML 2024), written from the paper's description.

``make_task(name, vocab_size=..., seq_len=..., num_train=..., num_test=..., seed=...)``
returns a ``TaskData`` of four NumPy ``int64`` arrays: training inputs and targets,
test inputs and targets, each ``(examples, seq_len)``. A target of ``IGNORE_INDEX``
(-100) is not scored. Every draw comes from generators seeded by ``seed`` (the
training set, the test set and memorization's fixed map each from their own
stream), never from NumPy's global generator.

Layouts (``V`` = ``vocab_size``, ``L`` = ``seq_len``):

* ``in_context_recall``: ``L/2`` key-value pairs; keys ``0..V/2-1``, values
  ``V/2..V-1``; each sequence has its own key-to-value map (a permutation) and the
  last pair asks again for a key seen earlier. Training targets are the next token
  (the last one ignored); test targets are only the values of keys already seen.
* ``noisy_recall``: as recall over the first ``V - noise_vocab_size`` tokens; each
  pair slot except the first and the last is, with probability ``frac_noise``, two
  noise tokens (ids ``V - noise_vocab_size..V-1``), never scored at test time.
* ``fuzzy_recall``: keys and values are runs of 1 to ``k_motif_size`` /
  ``v_motif_size`` distinct tokens (keys from ``0..(V-1)//2-1``, values from the
  rest below ``V-1``); a probe key of full length is planted once and asked again at
  the end; sequences are left-padded with ``V-1``. Test targets: the probe's value.
* ``selective_copying``: ``num_tokens_to_copy`` tokens from ``0..V-3`` at random
  places among blanks (``V-2``) in the first ``L - num_tokens_to_copy - 1``
  positions, then the copy token ``V-1`` and blanks; the targets of the last
  ``num_tokens_to_copy`` positions are the tokens in order.
* ``compression``: ``L-1`` tokens from ``0..V-2`` then the compression token
  ``V-1``; the targets are the inputs (for an encoder-decoder, ``nn.AutoEncoder``).
* ``memorization``: one fixed map from keys ``0..(V-1)//2-1`` to values below
  ``V-1`` shared by every sequence; each sequence is ``L/2`` pairs of (key, insert
  token ``V-1``) and the target at an insert position is the key's value.

>>> from ember_ml.nn.mad import make_task
>>> data = make_task("selective_copying", vocab_size=16, seq_len=24, num_train=4, num_test=2,
...                  seed=0, num_tokens_to_copy=4)
>>> data.train_inputs.shape, data.test_targets.shape
((4, 24), (2, 24))
>>> [int(t) for t in data.train_targets[0, -5:]] == [-100] + [int(t) for t in
...     data.train_inputs[0][data.train_inputs[0] < 14]]
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ember_ml import backend as _backend
from ember_ml.backend import _host

__all__ = ["IGNORE_INDEX", "TASKS", "TaskData", "make_task"]

#: Targets that are not scored (and not trained on).
IGNORE_INDEX = -100


class TaskData(NamedTuple):
    """A task's arrays: ``(examples, seq_len)`` ``int64`` inputs and targets, train and test.

    >>> data = make_task("compression", vocab_size=4, seq_len=3, num_train=2, num_test=1, seed=0)
    >>> train_inputs, train_targets, test_inputs, test_targets = data
    >>> test_inputs.shape
    (1, 3)
    """

    train_inputs: Any
    train_targets: Any
    test_inputs: Any
    test_targets: Any


def _xp() -> Any:
    return _backend.load("numpy")


def _int64(a: Any) -> Any:
    xp = _xp()
    return xp.astype(xp.asarray(a), xp.int64)


def _next_token_targets(tokens: Any, ignore: Any = None) -> Any:
    """Targets ``tokens[:, i+1]`` (the last position ignored; positions where ``ignore`` holds too)."""
    xp = _xp()
    targets = xp.full(tokens.shape, IGNORE_INDEX, dtype=xp.int64)
    targets[:, :-1] = tokens[:, 1:]
    if ignore is not None:
        targets[ignore] = IGNORE_INDEX
    return targets


# ----------------------------------------------------------------------------- recall


def _recall(
    rng: Any, n: int, vocab_size: int, seq_len: int, noise_vocab: int, frac_noise: float, test: bool
) -> tuple[Any, Any]:
    xp = _xp()
    keys_n = (vocab_size - noise_vocab) // 2  # keys 0..K-1, values K..2K-1, noise 2K..V-1
    slots = seq_len // 2
    keys = rng.integers(0, keys_n, size=(n, slots))
    noise = rng.random((n, slots)) < frac_noise
    noise[:, 0] = False  # a pair to recall ...
    noise[:, -1] = False  # ... and the query
    # the query asks again for the key of a random earlier pair
    weights = rng.random((n, slots - 1)) * ~noise[:, :-1]
    earlier = weights.argmax(axis=1)
    keys[:, -1] = keys[xp.arange(n), earlier]
    mapping = rng.random((n, keys_n)).argsort(axis=1)  # this sequence's key -> value map
    values = xp.take_along_axis(mapping, keys, axis=1) + keys_n
    pairs = xp.stack([keys, values], axis=2)
    if noise_vocab:
        noise_tokens = rng.integers(vocab_size - noise_vocab, vocab_size, size=(n, slots, 2))
        pairs = xp.where(noise[:, :, None], noise_tokens, pairs)
    tokens = _int64(xp.reshape(pairs, (n, 2 * slots)))
    if not test:
        return tokens, _next_token_targets(tokens)
    # test: a value is scored where its key was presented in an earlier (real) pair
    onehot = (keys[:, :, None] == xp.arange(keys_n)[None, None, :]) & ~noise[:, :, None]
    count = onehot.cumsum(axis=1) - onehot
    seen = xp.take_along_axis(count, keys[:, :, None], axis=2)[:, :, 0] > 0
    scored = seen & ~noise
    targets = xp.full(tokens.shape, IGNORE_INDEX, dtype=xp.int64)
    targets[:, 0::2] = xp.where(scored, values, IGNORE_INDEX)
    return tokens, targets


def _in_context_recall(rng: Any, n: int, v: int, length: int, test: bool) -> tuple[Any, Any]:
    return _recall(rng, n, v, length, 0, 0.0, test)


def _noisy_recall(
    rng: Any,
    n: int,
    v: int,
    length: int,
    test: bool,
    *,
    noise_vocab_size: int | None = None,
    frac_noise: float = 0.2,
) -> tuple[Any, Any]:
    noise_vocab = v // 2 if noise_vocab_size is None else noise_vocab_size
    return _recall(rng, n, v, length, noise_vocab, frac_noise, test)


def _check_recall(
    v: int, length: int, *, noise_vocab_size: int | None = None, frac_noise: float = 0.2
) -> None:
    noise = 0 if noise_vocab_size is None else noise_vocab_size
    if noise_vocab_size is not None and not 1 <= noise < v - 3:
        raise ValueError(f"noise_vocab_size must be in [1, vocab_size - 4], got {noise}")
    if (v - noise) // 2 < 2:
        raise ValueError(f"vocab_size {v} leaves fewer than 2 keys")
    if length < 4 or length % 2:
        raise ValueError(f"seq_len must be even and at least 4 for recall, got {length}")
    if not 0.0 <= frac_noise < 1.0:
        raise ValueError(f"frac_noise must be in [0, 1), got {frac_noise}")


# ----------------------------------------------------------------------------- fuzzy recall


def _fuzzy_recall(
    rng: Any,
    n: int,
    v: int,
    length: int,
    test: bool,
    *,
    k_motif_size: int = 3,
    v_motif_size: int = 3,
) -> tuple[Any, Any]:
    xp = _xp()
    pad = v - 1
    key_tokens = (v - 1) // 2  # keys 0..key_tokens-1, values key_tokens..v-2
    value_tokens = v - 1 - key_tokens
    total = length + 1
    inputs = xp.full((n, length), pad, dtype=xp.int64)
    targets = xp.full((n, length), IGNORE_INDEX, dtype=xp.int64)

    def motif(size: int, low: int, count: int) -> tuple[int, ...]:
        return tuple(int(t) + low for t in rng.permutation(count)[:size])

    for row in range(n):
        probe_key = motif(k_motif_size, 0, key_tokens)
        probe_value = motif(int(rng.integers(1, v_motif_size + 1)), key_tokens, value_tokens)
        budget = total - 2 * len(probe_key) - 2 * len(probe_value)
        table: dict[tuple[int, ...], tuple[int, ...]] = {}
        pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        while True:
            key = motif(int(rng.integers(1, k_motif_size + 1)), 0, key_tokens)
            value = motif(int(rng.integers(1, v_motif_size + 1)), key_tokens, value_tokens)
            if key == probe_key:
                continue
            value = table.setdefault(key, value)
            if len(key) + len(value) > budget:
                break
            budget -= len(key) + len(value)
            pairs.append((key, value))
        pairs.insert(int(rng.integers(0, len(pairs) + 1)), (probe_key, probe_value))
        pairs.append((probe_key, probe_value))
        sequence = [t for key, value in pairs for t in (*key, *value)]
        row_tokens = [pad] * (total - len(sequence)) + sequence
        inputs[row] = xp.asarray(row_tokens[:-1], dtype=xp.int64)
        following = xp.asarray(row_tokens[1:], dtype=xp.int64)
        if test:
            scored = len(probe_value)
            targets[row, -scored:] = following[-scored:]
        else:
            targets[row] = xp.where(following == pad, IGNORE_INDEX, following)
    return inputs, targets


def _check_fuzzy(v: int, length: int, *, k_motif_size: int = 3, v_motif_size: int = 3) -> None:
    if k_motif_size < 1 or v_motif_size < 1:
        raise ValueError("k_motif_size and v_motif_size must be at least 1")
    if (v - 1) // 2 < k_motif_size + 1 or v - 1 - (v - 1) // 2 < v_motif_size:
        raise ValueError(
            f"vocab_size {v} is too small for motifs of {k_motif_size} keys and {v_motif_size} values"
        )
    if length < 2 * (k_motif_size + v_motif_size):
        raise ValueError(
            f"seq_len must be at least 2 * (k_motif_size + v_motif_size) = "
            f"{2 * (k_motif_size + v_motif_size)}, got {length}"
        )


# ----------------------------------------------------------------------------- copying


def _selective_copying(
    rng: Any, n: int, v: int, length: int, test: bool, *, num_tokens_to_copy: int = 16
) -> tuple[Any, Any]:
    xp = _xp()
    copy = num_tokens_to_copy
    region = length - copy - 1
    tokens = rng.integers(0, v - 2, size=(n, copy))
    places = xp.sort(rng.random((n, region)).argsort(axis=1)[:, :copy], axis=1)
    inputs = xp.full((n, length), v - 2, dtype=xp.int64)
    inputs[xp.arange(n)[:, None], places] = tokens
    inputs[:, region] = v - 1
    targets = xp.full((n, length), IGNORE_INDEX, dtype=xp.int64)
    targets[:, length - copy :] = tokens
    return inputs, targets


def _check_copying(v: int, length: int, *, num_tokens_to_copy: int = 16) -> None:
    if v < 3:
        raise ValueError(f"selective_copying needs vocab_size >= 3, got {v}")
    if num_tokens_to_copy < 1 or length < 2 * num_tokens_to_copy + 1:
        raise ValueError(
            f"selective_copying needs 1 <= num_tokens_to_copy and seq_len >= "
            f"2 * num_tokens_to_copy + 1, got {num_tokens_to_copy} and {length}"
        )


# ----------------------------------------------------------------------------- compression


def _compression(rng: Any, n: int, v: int, length: int, test: bool) -> tuple[Any, Any]:
    xp = _xp()
    inputs = xp.full((n, length), v - 1, dtype=xp.int64)
    inputs[:, :-1] = rng.integers(0, v - 1, size=(n, length - 1))
    return inputs, xp.asarray(inputs, copy=True)


def _check_compression(v: int, length: int) -> None:
    if v < 2 or length < 2:
        raise ValueError(f"compression needs vocab_size >= 2 and seq_len >= 2, got {v}, {length}")


# ----------------------------------------------------------------------------- memorization


def _memorization(
    rng: Any, n: int, v: int, length: int, test: bool, *, mapping: Any = None
) -> tuple[Any, Any]:
    xp = _xp()
    keys_n = (v - 1) // 2
    keys = rng.integers(0, keys_n, size=(n, length // 2))
    inputs = xp.full((n, length), v - 1, dtype=xp.int64)
    inputs[:, 0::2] = keys
    targets = xp.full((n, length), IGNORE_INDEX, dtype=xp.int64)
    targets[:, 1::2] = xp.take(mapping, xp.reshape(keys, (-1,))).reshape(keys.shape)
    return inputs, targets


def _check_memorization(v: int, length: int) -> None:
    if v < 4:
        raise ValueError(f"memorization needs vocab_size >= 4, got {v}")
    if length < 2 or length % 2:
        raise ValueError(f"memorization needs an even seq_len >= 2, got {length}")


class _Task(NamedTuple):
    generate: Callable[..., tuple[Any, Any]]
    check: Callable[..., None]
    params: dict[str, Any]


#: The tasks by name: their generator, argument check and extra parameters with defaults.
TASKS: dict[str, _Task] = {
    "in_context_recall": _Task(_in_context_recall, _check_recall, {}),
    "noisy_recall": _Task(
        _noisy_recall, _check_recall, {"noise_vocab_size": None, "frac_noise": 0.2}
    ),
    "fuzzy_recall": _Task(_fuzzy_recall, _check_fuzzy, {"k_motif_size": 3, "v_motif_size": 3}),
    "selective_copying": _Task(_selective_copying, _check_copying, {"num_tokens_to_copy": 16}),
    "compression": _Task(_compression, _check_compression, {}),
    "memorization": _Task(_memorization, _check_memorization, {}),
}


def _count(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}, got {value!r}")
    return value


def make_task(
    name: str,
    *,
    vocab_size: int,
    seq_len: int,
    num_train: int,
    num_test: int,
    seed: int,
    **task_params: Any,
) -> TaskData:
    """Training and test arrays of MAD task ``name`` (see the module docstring for the layouts).

    ``task_params`` are the task's own settings: ``noisy_recall``:
    ``noise_vocab_size`` (default ``vocab_size // 2``), ``frac_noise`` (0.2);
    ``fuzzy_recall``: ``k_motif_size``, ``v_motif_size`` (3); ``selective_copying``:
    ``num_tokens_to_copy`` (16). An unknown task or parameter, or sizes the task
    cannot be built with, raise ``ValueError`` naming the valid ones.

    >>> data = make_task("in_context_recall", vocab_size=8, seq_len=8, num_train=2, num_test=2,
    ...                  seed=0)
    >>> data.train_inputs.shape, str(data.train_inputs.dtype)
    ((2, 8), 'int64')
    >>> bool((data.test_targets[:, 1::2] == -100).all())  # only values after keys are scored
    True
    """
    task = TASKS.get(name) if isinstance(name, str) else None
    if task is None:
        raise ValueError(f"unknown task {name!r}; valid tasks are {', '.join(TASKS)}")
    unknown = sorted(set(task_params) - set(task.params))
    if unknown:
        valid = ", ".join(task.params) or "none"
        raise ValueError(f"task {name!r} has no parameters {unknown}; its parameters are {valid}")
    v = _count("vocab_size", vocab_size, 2)
    length = _count("seq_len", seq_len, 2)
    n_train = _count("num_train", num_train, 1)
    n_test = _count("num_test", num_test, 1)
    seed = _count("seed", seed, 0)
    params = {**task.params, **task_params}
    task.check(v, length, **params)
    if name == "noisy_recall" and params["noise_vocab_size"] is None:
        task.check(v, length, **{**params, "noise_vocab_size": v // 2})
    train_rng, test_rng, map_rng = _host.generator(seed).spawn(3)
    if name == "memorization":
        keys_n = (v - 1) // 2
        params["mapping"] = map_rng.integers(keys_n, v - 1, size=keys_n)
    train = task.generate(train_rng, n_train, v, length, False, **params)
    test = task.generate(test_rng, n_test, v, length, True, **params)
    return TaskData(*(_int64(a) for a in (*train, *test)))
