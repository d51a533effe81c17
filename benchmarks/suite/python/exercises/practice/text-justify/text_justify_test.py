import pytest

from text_justify import justify


def test_example():
    assert justify("This is an example of text justification.", 16) == [
        "This    is    an",
        "example  of text",
        "justification.",
    ]


def test_empty_and_blank():
    assert justify("", 10) == []
    assert justify(" \n\t ", 10) == []


def test_single_short_line_is_last_line():
    assert justify("hello world", 20) == ["hello world"]


def test_extra_spaces_go_left():
    assert justify("a b c d next", 8) == ["a  b c d", "next"]
    assert justify("aa b c next", 9) == ["aa   b  c", "next"]


def test_single_word_line_padded():
    assert justify("incomprehensible is long", 17) == ["incomprehensible ", "is long"]


def test_word_exactly_width():
    assert justify("abcde fg", 5) == ["abcde", "fg"]


def test_whitespace_kinds_collapse():
    assert justify("one\ttwo\n\nthree   four", 9) == ["one   two", "three    ", "four"]


def test_last_line_not_padded():
    lines = justify("the quick brown fox jumps", 10)
    assert lines == ["the  quick", "brown  fox", "jumps"]


def test_all_lines_but_last_have_width():
    text = " ".join(f"w{i}" * (i % 4 + 1) for i in range(200))
    lines = justify(text, 23)
    assert all(len(line) == 23 for line in lines[:-1])
    assert len(lines[-1]) <= 23
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())


def test_greedy_packing():
    assert justify("a bb ccc dddd", 6) == ["a   bb", "ccc   ", "dddd"]


def test_width_one():
    assert justify("a b c", 1) == ["a", "b", "c"]


def test_word_too_long_raises():
    with pytest.raises(ValueError):
        justify("fine but enormously", 9)


def test_bad_width_raises():
    with pytest.raises(ValueError):
        justify("a", 0)
