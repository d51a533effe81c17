import pytest

from shortest_route import shortest_path

SQUARE = [("A", "B", 1), ("B", "D", 1), ("A", "C", 1), ("C", "D", 1), ("A", "D", 5)]


def test_simple_chain():
    assert shortest_path([("a", "b", 2), ("b", "c", 3)], "a", "c") == (5, ["a", "b", "c"])


def test_cheaper_longer_route_wins():
    edges = [("s", "t", 10), ("s", "m", 2), ("m", "t", 3)]
    assert shortest_path(edges, "s", "t") == (5, ["s", "m", "t"])


def test_tie_broken_by_name():
    assert shortest_path(SQUARE, "A", "D") == (2, ["A", "B", "D"])


def test_tie_broken_by_fewest_edges_before_name():
    edges = [("A", "B", 1), ("B", "C", 1), ("C", "Z", 0), ("A", "Y", 2), ("Y", "Z", 0)]
    # A-B-C-Z and A-Y-Z both cost 2; A-Y-Z has fewer edges.
    assert shortest_path(edges, "A", "Z") == (2, ["A", "Y", "Z"])


def test_tie_broken_lexicographically_deep_in_the_path():
    edges = [("s", "a", 1), ("s", "b", 1), ("a", "y", 1), ("b", "x", 1), ("x", "t", 1), ("y", "t", 1)]
    assert shortest_path(edges, "s", "t") == (3, ["s", "a", "y", "t"])


def test_directed():
    assert shortest_path(SQUARE, "D", "A") is None


def test_unreachable():
    assert shortest_path([("a", "b", 1), ("c", "d", 1)], "a", "d") is None


def test_start_equals_goal():
    assert shortest_path(SQUARE, "A", "A") == (0, ["A"])
    assert shortest_path([], "lonely", "lonely") == (0, ["lonely"])


def test_unknown_nodes():
    assert shortest_path(SQUARE, "A", "Q") is None
    assert shortest_path(SQUARE, "Q", "A") is None


def test_parallel_edges_use_cheapest():
    edges = [("a", "b", 7), ("a", "b", 2), ("a", "b", 4)]
    assert shortest_path(edges, "a", "b") == (2, ["a", "b"])


def test_zero_cost_edges_and_cycles():
    edges = [("a", "b", 0), ("b", "a", 0), ("b", "c", 0), ("c", "b", 0), ("c", "d", 1)]
    assert shortest_path(edges, "a", "d") == (1, ["a", "b", "c", "d"])


def test_float_costs():
    cost, path = shortest_path([("a", "b", 0.5), ("b", "c", 0.25)], "a", "c")
    assert cost == pytest.approx(0.75)
    assert path == ["a", "b", "c"]


def test_negative_cost_raises():
    with pytest.raises(ValueError):
        shortest_path([("a", "b", 1), ("x", "y", -1)], "a", "b")


def test_edges_may_be_a_generator():
    edges = ((str(i), str(i + 1), 1) for i in range(5))
    assert shortest_path(edges, "0", "5") == (5, ["0", "1", "2", "3", "4", "5"])


def test_large_grid():
    edges = []
    n = 40
    for r in range(n):
        for c in range(n):
            here = f"{r:02d}-{c:02d}"
            if r + 1 < n:
                edges.append((here, f"{r + 1:02d}-{c:02d}", 1))
            if c + 1 < n:
                edges.append((here, f"{r:02d}-{c + 1:02d}", 1))
    cost, path = shortest_path(edges, "00-00", f"{n - 1:02d}-{n - 1:02d}")
    assert cost == 2 * (n - 1)
    # Lexicographically smallest among equal routes: along row 00 first ("00-01" < "01-00").
    assert path[:n] == [f"00-{c:02d}" for c in range(n)]
