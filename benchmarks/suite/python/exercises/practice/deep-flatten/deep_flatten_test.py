import pytest

from deep_flatten import depth, flatten


def deep(levels, leaf="bottom"):
    node = [leaf]
    for _ in range(levels - 1):
        node = [node]
    return node


def test_flat_list():
    assert flatten([1, 2, 3]) == [1, 2, 3]


def test_example():
    data = [1, [2, (3, None)], [[["four"]]]]
    assert flatten(data) == [1, 2, 3, "four"]
    assert depth(data) == 4


def test_empty_containers():
    assert flatten([]) == []
    assert flatten([[], [()], [[[]]]]) == []


def test_leaves_that_are_not_containers():
    data = ["ab", b"cd", {"k": 1}, {5}, 0, False]
    assert flatten(data) == data


def test_none_dropped_but_falsy_kept():
    assert flatten([None, [0, None, ""], (None,)]) == [0, ""]


def test_shared_containers_are_fine():
    x = [1, [2]]
    assert flatten([x, (x, x)]) == [1, 2, 1, 2, 1, 2]


def test_self_containing_raises():
    a = [1]
    a.append(a)
    with pytest.raises(ValueError):
        flatten(a)
    b = [1, [2, [3]]]
    b[1][1].append(b)
    with pytest.raises(ValueError):
        flatten([0, b])
    with pytest.raises(ValueError):
        depth(b)


def test_depth_basics():
    assert depth([]) == 1
    assert depth([1, [2]]) == 2
    assert depth([[[]]]) == 3
    assert depth(([], [[]], [])) == 3


def test_input_not_modified():
    data = [1, [2, [3]]]
    flatten(data)
    assert data == [1, [2, [3]]]


def test_not_a_container_raises_type_error():
    for bad in (5, "abc", None, {1: 2}):
        with pytest.raises(TypeError):
            flatten(bad)
        with pytest.raises(TypeError):
            depth(bad)


def test_very_deep_nesting():
    data = deep(50_000)
    assert flatten(data) == ["bottom"]
    assert depth(data) == 50_000


def test_very_deep_nesting_with_leaves_on_the_way_back():
    node = ["end"]
    for i in range(30_000):
        node = [i, node, -i]
    result = flatten(node)
    assert len(result) == 60_001
    assert result[0] == 29_999 and result[30_000] == "end" and result[-1] == -29_999


def test_wide_structure():
    data = [[i, (i, [i])] for i in range(30_000)]
    assert len(flatten(data)) == 90_000
