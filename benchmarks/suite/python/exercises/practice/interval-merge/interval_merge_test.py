import pytest

from interval_merge import merge, total_length


def test_empty():
    assert merge([]) == []


def test_single():
    assert merge([(2, 7)]) == [(2, 7)]


def test_unsorted_overlapping():
    assert merge([(6, 8), (1, 3), (2, 4)]) == [(1, 4), (6, 8)]


def test_touching_intervals_merge():
    assert merge([(1, 3), (4, 6)]) == [(1, 6)]
    assert merge([(1, 1), (2, 2)]) == [(1, 2)]


def test_gap_of_one_keeps_apart():
    assert merge([(1, 3), (5, 6)]) == [(1, 3), (5, 6)]
    assert merge([(1, 1), (3, 3)]) == [(1, 1), (3, 3)]


def test_contained_interval_absorbed():
    assert merge([(1, 10), (2, 3), (4, 5)]) == [(1, 10)]


def test_containing_after_contained():
    assert merge([(2, 3), (1, 10)]) == [(1, 10)]


def test_later_interval_ending_earlier_does_not_shrink():
    assert merge([(1, 10), (2, 5), (11, 12)]) == [(1, 12)]


def test_duplicates():
    assert merge([(1, 2), (1, 2), (1, 2)]) == [(1, 2)]


def test_negative_bounds():
    assert merge([(-5, -3), (-2, 0), (3, 4)]) == [(-5, 0), (3, 4)]


def test_accepts_generator_and_lists():
    assert merge(iter([[1, 2], [3, 4]])) == [(1, 4)]


def test_input_not_modified():
    data = [(5, 8), (1, 3)]
    merge(data)
    assert data == [(5, 8), (1, 3)]


def test_result_items_are_tuples():
    assert all(type(i) is tuple for i in merge([[1, 2], [7, 9]]))


def test_reversed_interval_raises():
    with pytest.raises(ValueError):
        merge([(1, 2), (5, 4)])


@pytest.mark.parametrize("bad", [[(1, 2, 3)], [(1,)], [("a", 2)], [(1.5, 2)], [5]])
def test_malformed_raises(bad):
    with pytest.raises(ValueError):
        merge(bad)


def test_total_length():
    assert total_length([(1, 3), (2, 5)]) == 5
    assert total_length([(1, 1), (3, 3)]) == 2
    assert total_length([]) == 0
