import pytest

from topo_order import CycleError, topo_sort


def assert_valid_cycle(graph, cycle):
    assert len(cycle) >= 2
    assert cycle[0] == cycle[-1]
    for task, dep in zip(cycle, cycle[1:]):
        assert dep in graph[task]


def test_empty_graph():
    assert topo_sort({}) == []


def test_single_task():
    assert topo_sort({"a": []}) == ["a"]


def test_alphabetical_when_independent():
    assert topo_sort({"x": [], "a": [], "m": []}) == ["a", "m", "x"]


def test_diamond():
    assert topo_sort({"b": ["a"], "c": ["a"], "d": ["c", "b"]}) == ["a", "b", "c", "d"]


def test_dependency_only_names_included():
    assert topo_sort({"app": ["lib", "util"]}) == ["lib", "util", "app"]


def test_smallest_ready_task_first_not_depth_first():
    graph = {"z": [], "b": ["z"], "a": ["y"], "y": []}
    assert topo_sort(graph) == ["y", "a", "z", "b"]


def test_duplicate_dependencies():
    assert topo_sort({"b": ["a", "a"], "a": []}) == ["a", "b"]


def test_long_chain():
    graph = {f"t{i:04d}": [f"t{i - 1:04d}"] for i in range(1, 3000)}
    assert topo_sort(graph) == [f"t{i:04d}" for i in range(3000)]


def test_accepts_sets_and_tuples():
    assert topo_sort({"c": ("b",), "b": {"a"}}) == ["a", "b", "c"]


def test_input_not_modified():
    graph = {"b": ["a"], "c": ["b"]}
    topo_sort(graph)
    assert graph == {"b": ["a"], "c": ["b"]}


def test_two_cycle_reported():
    graph = {"a": ["b"], "b": ["a"]}
    with pytest.raises(CycleError) as info:
        topo_sort(graph)
    assert_valid_cycle(graph, info.value.cycle)


def test_self_dependency():
    with pytest.raises(CycleError) as info:
        topo_sort({"a": ["a"], "b": []})
    assert info.value.cycle == ["a", "a"]


def test_cycle_behind_acyclic_part():
    graph = {"start": [], "a": ["start", "c"], "b": ["a"], "c": ["b"], "d": ["c"], "e": []}
    with pytest.raises(CycleError) as info:
        topo_sort(graph)
    cycle = info.value.cycle
    assert_valid_cycle(graph, cycle)
    assert set(cycle) == {"a", "b", "c"}


def test_cycle_error_is_value_error():
    with pytest.raises(ValueError):
        topo_sort({"a": ["b"], "b": ["c"], "c": ["a"]})
