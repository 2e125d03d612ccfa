"""Wirings draw ncps 1.0.1's matrices for the same arguments and seed, and fix its quirks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ember_ml.nn import wirings

ncps_wirings = pytest.importorskip("ncps.wirings", reason="ncps is not installed")

CASES = [
    ("FullyConnected", (5,), {}, 3),
    ("FullyConnected", (6,), {"output_dim": 2, "erev_init_seed": 7, "self_connections": False}, 4),
    ("Random", (6,), {"output_dim": 3, "sparsity_level": 0.5, "random_seed": 3}, 4),
    ("Random", (4,), {}, 2),
    ("NCP", (10, 10, 8, 6, 6, 4, 6), {}, 20),
    ("NCP", (5, 4, 2, 3, 2, 3, 2), {"seed": 5}, 3),
    ("NCP", (6, 3, 2, 1, 1, 0, 1), {"seed": 9}, 9),  # forgotten neurons on every layer
    ("AutoNCP", (28, 4), {}, 3),
    ("AutoNCP", (32, 4), {"sparsity_level": 0.3, "seed": 1}, 2),
    ("AutoNCP", (16, 1), {"sparsity_level": 1.0, "seed": 4}, 5),
    ("AutoNCP", (6, 3), {"sparsity_level": 0.1}, 7),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "input_dim"), CASES)
def test_matrices_equal_ncps(name, args, kwargs, input_dim):
    ours = getattr(wirings, name)(*args, **kwargs)
    theirs = getattr(ncps_wirings, name)(*args, **kwargs)
    np.testing.assert_array_equal(ours.adjacency_matrix, theirs.adjacency_matrix)
    ours.build(input_dim)
    theirs.build(input_dim)
    np.testing.assert_array_equal(ours.adjacency_matrix, theirs.adjacency_matrix)
    np.testing.assert_array_equal(ours.sensory_adjacency_matrix, theirs.sensory_adjacency_matrix)
    assert ours.units == theirs.units and ours.output_dim == theirs.output_dim
    assert ours.num_layers == theirs.num_layers
    for layer in range(ours.num_layers):
        assert ours.get_neurons_of_layer(layer) == list(theirs.get_neurons_of_layer(layer))
    assert [ours.get_type_of_neuron(i) for i in range(ours.units)] == [
        theirs.get_type_of_neuron(i) for i in range(theirs.units)
    ]
    assert ours.synapse_count == int(theirs.synapse_count)
    assert ours.sensory_synapse_count == int(np.abs(theirs.sensory_adjacency_matrix).sum())
    assert set(np.unique(ours.adjacency_matrix)) <= {-1, 0, 1}


@pytest.mark.parametrize(("name", "args", "kwargs", "input_dim"), CASES)
def test_build_is_idempotent_and_config_round_trips(name, args, kwargs, input_dim):
    wiring = getattr(wirings, name)(*args, **kwargs)
    fresh = wirings.Wiring.from_config(json.loads(json.dumps(wiring.to_config())))
    wiring.build(input_dim)
    adjacency, sensory = wiring.adjacency_matrix.copy(), wiring.sensory_adjacency_matrix.copy()
    wiring.build(input_dim)  # ncps redraws here
    np.testing.assert_array_equal(wiring.adjacency_matrix, adjacency)
    np.testing.assert_array_equal(wiring.sensory_adjacency_matrix, sensory)
    with pytest.raises(ValueError, match="input_dim"):
        wiring.build(input_dim + 1)
    # An unbuilt wiring restored from its config draws the same synapses when built.
    fresh.build(input_dim)
    np.testing.assert_array_equal(fresh.sensory_adjacency_matrix, sensory)
    # A built wiring round-trips with its matrices, through JSON, as its own class.
    again = wirings.Wiring.from_config(json.loads(json.dumps(wiring.to_config())))
    assert type(again) is type(wiring) and again.input_dim == input_dim
    np.testing.assert_array_equal(again.adjacency_matrix, adjacency)
    np.testing.assert_array_equal(again.sensory_adjacency_matrix, sensory)
    assert again.output_dim == wiring.output_dim


def test_edited_matrices_round_trip():
    wiring = wirings.AutoNCP(10, 2)
    wiring.build(3)
    wiring.add_synapse(0, 0, -1)
    wiring.add_sensory_synapse(2, 9, 1)
    again = wirings.AutoNCP.from_config(wiring.to_config())
    np.testing.assert_array_equal(again.adjacency_matrix, wiring.adjacency_matrix)
    np.testing.assert_array_equal(again.sensory_adjacency_matrix, wiring.sensory_adjacency_matrix)


def test_sensory_synapse_count_counts_the_sensory_matrix():
    wiring = wirings.NCP(5, 4, 2, 2, 2, 3, 2)
    wiring.build(3)
    assert wiring.sensory_synapse_count == int(np.abs(wiring.sensory_adjacency_matrix).sum())
    assert wiring.sensory_synapse_count != wiring.synapse_count


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((5, 3), r"1\.\.2"),
        ((10, 0), "output_size"),
        ((10, 2, 0.05), r"0\.1 and 1\.0"),
        ((10, 2, 1.5), r"0\.1 and 1\.0"),
    ],
)
def test_auto_ncp_errors_name_the_checked_range(args, match):
    with pytest.raises(ValueError, match=match):
        wirings.AutoNCP(*args)


def test_bad_arguments():
    with pytest.raises(ValueError, match="motor_fanin"):
        wirings.NCP(5, 2, 2, 2, 2, 1, 3)
    with pytest.raises(ValueError, match="sensory_fanout"):
        wirings.NCP(2, 2, 2, 3, 2, 1, 1)
    with pytest.raises(ValueError, match="polarity"):
        wirings.Wiring(2).add_synapse(0, 1, 2)
    with pytest.raises(ValueError, match="build"):
        wirings.Wiring(2).add_sensory_synapse(0, 1, 1)
    with pytest.raises(ValueError, match="shape"):
        config = wirings.Wiring(2).to_config()
        config["adjacency_matrix"] = [[0]]
        wirings.Wiring.from_config(config)
    with pytest.raises(TypeError, match="units"):
        wirings.Wiring(2.5)


def test_draw_makes_a_figure():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    wiring = wirings.AutoNCP(8, 2)
    wiring.build(2)
    figure, ax = plt.subplots()
    assert wiring.draw(ax=ax) is ax
    assert len(ax.collections) == 4  # sensory, inter, command, motor
    plt.close(figure)
