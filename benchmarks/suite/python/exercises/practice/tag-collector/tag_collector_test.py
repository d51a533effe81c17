import pytest

from tag_collector import TagIndex, add_tag, count_tags


def test_normalisation():
    assert add_tag("  Machine   Learning ") == ["machine-learning"]
    assert add_tag("A\tB\nC") == ["a-b-c"]


def test_each_call_without_list_starts_fresh():
    assert add_tag("Python") == ["python"]
    assert add_tag("Rust") == ["rust"]
    assert add_tag("Go") == ["go"]


def test_given_list_is_updated_and_returned():
    tags = ["python"]
    result = add_tag("Rust", tags)
    assert result is tags
    assert tags == ["python", "rust"]


def test_duplicates_ignored():
    tags = []
    add_tag("Python", tags)
    add_tag(" python ", tags)
    assert tags == ["python"]


def test_empty_tag_raises():
    for bad in ["", "   ", "\n\t"]:
        with pytest.raises(ValueError):
            add_tag(bad)


def test_count_tags():
    assert count_tags([["A", "b", "a"], ["B"]]) == {"a": 1, "b": 2}


def test_count_tags_calls_are_independent():
    assert count_tags([["x"]]) == {"x": 1}
    assert count_tags([["y"]]) == {"y": 1}


def test_count_tags_adds_to_given_dict():
    counts = {"x": 2}
    assert count_tags([["X"], ["z"]], counts) is counts
    assert counts == {"x": 3, "z": 1}


def test_count_tags_accepts_generators():
    posts = (iter(p) for p in [["a"], ["a", "b"]])
    assert count_tags(posts) == {"a": 2, "b": 1}


def test_tag_index_basics():
    index = TagIndex(["Big Data", "ML"])
    index.add("big   data")
    index.add("Rust")
    assert index.tags() == ["big-data", "ml", "rust"]
    assert "ML" in index
    assert "python" not in index


def test_tag_indexes_do_not_share_state():
    first, second = TagIndex(), TagIndex()
    first.add("only-first")
    assert second.tags() == []
    assert "only-first" not in TagIndex()


def test_tag_index_does_not_touch_callers_list():
    seed = ["A"]
    index = TagIndex(seed)
    index.add("B")
    seed.append("C")
    assert seed == ["A", "C"]
    assert index.tags() == ["a", "b"]


def test_tags_returns_a_copy():
    index = TagIndex(["a"])
    index.tags().append("hacked")
    assert index.tags() == ["a"]
