"""Every layer, block and model round-trips through a JSON config, and bad input gets a clear error."""

from __future__ import annotations

import json

import numpy as np
import pytest
from layer_cases import CASES, first

from ember_ml import nn
from ember_ml.backend import to_numpy
from ember_ml.nn import wirings
from ember_ml.tensor import convert_to_tensor


@pytest.mark.parametrize("name", sorted(CASES))
def test_config_round_trip_gives_equal_outputs(backend, name):
    build, make_input, _ = CASES[name]
    original = build(backend, 0)
    text = json.dumps(original.to_config())
    rebuilt = nn.from_config(json.loads(text), backend=backend, seed=123)
    assert type(rebuilt) is type(original)
    assert rebuilt.to_config() == original.to_config()
    rebuilt.load_state_dict(original.state_dict())
    x = convert_to_tensor(make_input(np.random.default_rng(0)), backend=backend)
    np.testing.assert_allclose(
        to_numpy(first(rebuilt(x))), to_numpy(first(original(x))), rtol=1e-6, atol=1e-6
    )


def test_mads_striped_architecture_is_a_config_file():
    config = {
        "type": "LanguageModel",
        "vocab_size": 16,
        "dim": 32,
        "max_length": 8,
        "blocks": [
            {
                "type": "Block",
                "sequence_mixer": nn.layer_config("mh-hyena", 32, 8),
                "channel_mixer": nn.layer_config("swiglu", 32),
            },
            {
                "type": "Block",
                "sequence_mixer": nn.layer_config("mh-attention", 32),
                "channel_mixer": nn.layer_config("swiglu", 32),
            },
        ],
    }
    model = nn.from_config(json.dumps(config), backend="numpy", seed=0)
    same = nn.LanguageModel(
        16,
        32,
        [("mh-hyena", "swiglu"), ("mh-attention", "swiglu")],
        max_length=8,
        backend="numpy",
        seed=0,
    )
    assert model.to_config() == same.to_config()
    assert sorted(model.state_dict()) == sorted(same.state_dict())
    assert model(np.zeros((1, 8), dtype=np.int64)).shape == (1, 8, 16)


def test_ncp_wiring_plugs_in_as_a_mixer_and_round_trips():
    wiring = wirings.NCP(6, 4, 2, 3, 3, 2, 2, seed=5)
    block = nn.Block(nn.CfCMixer(4, wiring, backend="numpy", seed=0), nn.MLP(4, backend="numpy"))
    config = json.loads(json.dumps(block.to_config()))
    assert config["sequence_mixer"]["units"]["class_name"] == "NCP"
    rebuilt = nn.from_config(config, backend="numpy")
    np.testing.assert_array_equal(
        rebuilt.sequence_mixer.units.adjacency_matrix, wiring.adjacency_matrix
    )


def test_same_seed_same_parameters_on_every_backend(backend):
    reference = CASES["LanguageModel"][0]("numpy", 3).state_dict()
    model = CASES["LanguageModel"][0](backend, 3)
    for key, value in model.state_dict().items():
        np.testing.assert_allclose(
            to_numpy(value), reference[key], rtol=1e-6, atol=1e-7, err_msg=key
        )


def test_every_registered_layer_has_a_case():
    from ember_ml.nn.config import registered

    covered = {CASES[n][0]("numpy", 0).to_config()["type"] for n in CASES}
    helpers = {"HyenaFilter", "Stack", "Linear"}
    assert set(registered()) - covered - helpers == set()


# --- clear errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: nn.MultiHeadAttention(10, 3, backend="numpy"),
            r"num_heads must divide.*\[1, 2, 5, 10\]",
        ),
        (
            lambda: nn.MultiHeadAttention(8, 2, rope=3, backend="numpy"),
            "rope must be True or an even",
        ),
        (lambda: nn.LinearAttention(8, 3, backend="numpy"), "num_heads"),
        (lambda: nn.LinearAttention(8, feature_map="cosine", backend="numpy"), "valid values are"),
        (lambda: nn.MoE(8, 4, 4, 5, backend="numpy"), "top_k must be <= num_experts"),
        (lambda: nn.MoE(8, 4, router_mode="best", backend="numpy"), "'topk', 'mad'"),
        (lambda: nn.MLP(8, activation="swish2", backend="numpy"), "valid values are 'gelu'"),
        (lambda: nn.Hyena(8, 16, proj_groups=5, backend="numpy"), "proj_groups"),
        (lambda: nn.MultiHeadHyena(8, 16, head_dim=3, backend="numpy"), "head_dim"),
        (lambda: nn.Mamba(8, dt_init="zero", backend="numpy"), "'random', 'constant'"),
        (lambda: nn.Block(nn.MLP(8, backend="numpy"), norm="batch"), "'layernorm', 'rmsnorm'"),
        (lambda: nn.Block(nn.MLP(8, backend="numpy"), nn.MLP(4, backend="numpy")), "width 4"),
        (
            lambda: nn.Block(nn.GRU(8, 4, batch_first=True, backend="numpy")),
            "output width 4 but the block has dim 8",
        ),
        (lambda: nn.LanguageModel(8, 16, [("hyena", "mlp")], backend="numpy"), "needs max_length"),
        (
            lambda: nn.LanguageModel(8, 16, [("transformer", "mlp")], backend="numpy"),
            "valid names are",
        ),
        (lambda: nn.LanguageModel(8, 16, [], backend="numpy"), "non-empty list"),
        (lambda: nn.from_config({"type": "Transformer"}), "unknown layer type 'Transformer'"),
        (
            lambda: nn.from_config({"type": "MLP", "dim": 4, "width": 3}),
            r"no arguments \['width'\]",
        ),
        (
            lambda: nn.LayerNorm.from_config(nn.MLP(4, backend="numpy").to_config()),
            "not describe a LayerNorm",
        ),
        (lambda: nn.GRU(0, 4, backend="numpy"), "input_size must be an integer >= 1"),
    ],
)
def test_bad_arguments_raise_value_error(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    "layer, shape",
    [
        (lambda: nn.MultiHeadAttention(8, 2, backend="numpy"), (2, 3, 6)),
        (lambda: nn.GRU(4, 3, backend="numpy"), (5, 2, 3)),
        (lambda: nn.LSTM(4, 3, backend="numpy"), (5, 2, 4, 1)),
        (lambda: nn.LayerNorm(4, backend="numpy"), (2, 3)),
        (lambda: nn.BatchNorm1d(4, backend="numpy"), (2, 3, 5)),
        (lambda: nn.Hyena(8, 4, backend="numpy"), (1, 5, 8)),
        (lambda: nn.Mamba(8, backend="numpy"), (1, 5, 7)),
        (lambda: nn.SwiGLU(8, backend="numpy"), (1, 5, 7)),
    ],
)
def test_wrong_input_shapes_raise_value_error_naming_the_shapes(layer, shape):
    with pytest.raises(ValueError, match=r"shape|features|length"):
        layer()(np.zeros(shape, dtype=np.float32))


def test_state_dict_with_missing_or_misshaped_entries(backend):
    layer = nn.GRU(3, 4, backend=backend, seed=0)
    state = {k: to_numpy(v) for k, v in layer.state_dict().items()}
    with pytest.raises(ValueError, match=r"missing \['bias_hh_l0'\]"):
        layer.load_state_dict({k: v for k, v in state.items() if k != "bias_hh_l0"})
    state["weight_ih_l0"] = np.zeros((12, 4), dtype=np.float32)
    with pytest.raises(ValueError, match=r"weight_ih_l0: expected \(12, 3\), got \(12, 4\)"):
        layer.load_state_dict(state)


def test_input_of_another_library_raises_type_error():
    torch = pytest.importorskip("torch")
    layer = nn.SwiGLU(4, backend="numpy", seed=0)
    with pytest.raises(TypeError, match="numpy layer but input is a torch array"):
        layer(torch.zeros(1, 4))


def test_float64_models_stay_float64(backend):
    model = nn.LanguageModel(
        8,
        32,
        [("mh-hyena", "swiglu"), ("attention", "moe-mlp"), ("mamba", "mlp")],
        max_length=6,
        dtype="float64",
        backend=backend,
        seed=0,
    )
    tokens = convert_to_tensor(np.zeros((1, 6), dtype=np.int64), backend=backend)
    assert str(model(tokens).dtype).endswith("float64")
    assert {str(v.dtype).rsplit(".", 1)[-1] for v in model.state_dict().values()} == {"float64"}
