"""MAD's task generators: seeded, shaped and laid out as documented, and solved by a lookup oracle.

The oracles read only the inputs (and, for memorization, the training set), as a
model would; scoring 1.0 on every scored position shows the targets are the answers
the task promises and that each one is recoverable from what came before it.
"""

from __future__ import annotations

import numpy as np
import pytest

from ember_ml.nn.mad import IGNORE_INDEX, TASKS, make_task

SIZES = {
    "in_context_recall": {"vocab_size": 16, "seq_len": 64},
    "noisy_recall": {"vocab_size": 32, "seq_len": 64, "frac_noise": 0.4},
    "fuzzy_recall": {"vocab_size": 16, "seq_len": 64},
    "selective_copying": {"vocab_size": 16, "seq_len": 64, "num_tokens_to_copy": 8},
    "compression": {"vocab_size": 16, "seq_len": 32},
    "memorization": {"vocab_size": 32, "seq_len": 32},
}


def _task(name, seed=0, num_train=64, num_test=32, **extra):
    return make_task(
        name, num_train=num_train, num_test=num_test, seed=seed, **{**SIZES[name], **extra}
    )


def _score(predictions, targets):
    scored = targets != IGNORE_INDEX
    assert scored.any()
    return float((predictions[scored] == targets[scored]).mean())


def _recall_oracle(inputs):
    """At each even (key) position, the token after the latest earlier occurrence of that key."""
    out = np.full(inputs.shape, -1)
    for row, seq in enumerate(inputs):
        latest = {}
        for i in range(0, len(seq), 2):
            if seq[i] in latest:
                out[row, i] = latest[seq[i]]
            latest[seq[i]] = seq[i + 1]
    return out


def _fuzzy_oracle(inputs, targets, vocab_size, k_motif_size=3):
    """Find the last ``k_motif_size`` tokens before the scored value earlier on; read its value."""
    split = (vocab_size - 1) // 2
    out = np.full(inputs.shape, -1)
    for row, (seq, tgt) in enumerate(zip(inputs, targets, strict=True)):
        first = int(np.flatnonzero(tgt != IGNORE_INDEX)[0])
        key = list(seq[first - k_motif_size + 1 : first + 1])
        for start in range(first - k_motif_size):
            if list(seq[start : start + k_motif_size]) == key and (
                start == 0 or not seq[start - 1] < split
            ):
                i = start + k_motif_size
                value = []
                while i < len(seq) and split <= seq[i] < vocab_size - 1:
                    value.append(seq[i])
                    i += 1
                out[row, first : first + len(value)] = value
                break
    return out


def _copy_oracle(inputs, vocab_size, copy):
    out = np.full(inputs.shape, -1)
    for row, seq in enumerate(inputs):
        marker = int(np.flatnonzero(seq == vocab_size - 1)[0])
        kept = [t for t in seq[:marker] if t != vocab_size - 2]
        out[row, -copy:] = kept
    return out


def _memory_oracle(train_inputs, train_targets, test_inputs):
    table = dict(zip(train_inputs[:, 0::2].ravel(), train_targets[:, 1::2].ravel(), strict=True))
    out = np.full(test_inputs.shape, -1)
    out[:, 1::2] = [[table.get(k, -1) for k in row] for row in test_inputs[:, 0::2]]
    return out


@pytest.mark.parametrize("name", ["in_context_recall", "noisy_recall"])
def test_recall_lookup_oracle_scores_one(name):
    data = _task(name)
    assert _score(_recall_oracle(data.test_inputs), data.test_targets) == 1.0
    # the dense training targets are the next tokens
    np.testing.assert_array_equal(data.train_targets[:, :-1], data.train_inputs[:, 1:])
    assert (data.train_targets[:, -1] == IGNORE_INDEX).all()


def test_fuzzy_recall_lookup_oracle_scores_one():
    data = _task("fuzzy_recall")
    oracle = _fuzzy_oracle(data.test_inputs, data.test_targets, 16)
    assert _score(oracle, data.test_targets) == 1.0


def test_selective_copying_oracle_scores_one():
    data = _task("selective_copying")
    for inputs, targets in (
        (data.train_inputs, data.train_targets),
        (data.test_inputs, data.test_targets),
    ):
        assert _score(_copy_oracle(inputs, 16, 8), targets) == 1.0
        assert (targets[:, :-8] == IGNORE_INDEX).all() and (targets[:, -8:] < 14).all()


def test_compression_targets_are_the_inputs():
    data = _task("compression")
    np.testing.assert_array_equal(data.test_targets, data.test_inputs)
    assert (data.test_inputs[:, -1] == 15).all() and (data.test_inputs[:, :-1] < 15).all()


def test_memorization_oracle_scores_the_share_of_test_keys_seen_in_training():
    data = _task("memorization", num_train=64)  # 1,024 draws of 15 keys: every key seen
    oracle = _memory_oracle(data.train_inputs, data.train_targets, data.test_inputs)
    assert _score(oracle, data.test_targets) == 1.0
    small = _task("memorization", num_train=1, num_test=64, seq_len=4)  # 2 of 15 keys seen
    oracle = _memory_oracle(small.train_inputs, small.train_targets, small.test_inputs)
    seen = np.isin(small.test_inputs[:, 0::2], small.train_inputs[:, 0::2])
    assert 0 < seen.mean() < 1
    assert _score(oracle, small.test_targets) == pytest.approx(seen.mean())


@pytest.mark.parametrize("name", sorted(TASKS))
def test_same_seed_same_arrays_and_the_global_generator_is_untouched(name):
    np.random.seed(1)
    first = _task(name, seed=3)
    after_first = np.random.random()
    np.random.seed(2)
    second = _task(name, seed=3)
    np.random.seed(1)
    assert np.random.random() == after_first  # make_task drew nothing from the global generator
    other = _task(name, seed=4)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
        assert a.dtype == np.int64
    assert not np.array_equal(first.train_inputs, other.train_inputs)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_shapes_vocabulary_and_ignore_index(name):
    data = _task(name, num_train=5, num_test=3)
    length, vocab = SIZES[name]["seq_len"], SIZES[name]["vocab_size"]
    assert data.train_inputs.shape == data.train_targets.shape == (5, length)
    assert data.test_inputs.shape == data.test_targets.shape == (3, length)
    for inputs, targets in (
        (data.train_inputs, data.train_targets),
        (data.test_inputs, data.test_targets),
    ):
        assert inputs.min() >= 0 and inputs.max() < vocab
        scored = targets[targets != IGNORE_INDEX]
        assert scored.size and scored.min() >= 0 and scored.max() < vocab
        assert set(np.unique(targets[targets < 0])) <= {IGNORE_INDEX}


def test_recall_test_targets_score_values_of_seen_keys_only():
    data = _task("noisy_recall", num_test=64)
    inputs, targets = data.test_inputs, data.test_targets
    assert (targets[:, 1::2] == IGNORE_INDEX).all()
    scored = targets != IGNORE_INDEX
    assert (inputs[scored] < 8).all()  # keys 0..7 at V=32 with 16 noise tokens
    assert (targets[scored] >= 8).all() and (targets[scored] < 16).all()  # values, never noise
    assert (inputs >= 16).any()  # noise is there
    assert scored[:, -2].all()  # the last pair always asks again


def test_unknown_task_or_parameter_names_the_valid_ones():
    with pytest.raises(ValueError, match="valid tasks are in_context_recall"):
        make_task("recall", vocab_size=16, seq_len=16, num_train=1, num_test=1, seed=0)
    with pytest.raises(ValueError, match="num_tokens_to_copy"):
        make_task(
            "selective_copying", vocab_size=16, seq_len=64, num_train=1, num_test=1, seed=0, copy=8
        )
    with pytest.raises(ValueError, match="seq_len must be even"):
        make_task("in_context_recall", vocab_size=16, seq_len=15, num_train=1, num_test=1, seed=0)
    with pytest.raises(ValueError, match="num_train"):
        make_task("compression", vocab_size=16, seq_len=16, num_train=0, num_test=1, seed=0)
    with pytest.raises(ValueError, match="seq_len >= 2"):
        make_task(
            "selective_copying",
            vocab_size=16,
            seq_len=16,
            num_train=1,
            num_test=1,
            seed=0,
            num_tokens_to_copy=8,
        )
