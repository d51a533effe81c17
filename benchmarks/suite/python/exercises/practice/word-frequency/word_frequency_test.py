from word_frequency import word_counts


def test_single_word():
    assert word_counts("word") == {"word": 1}


def test_empty_text():
    assert word_counts("") == {}


def test_only_punctuation():
    assert word_counts(" ,.!? ;; ") == {}


def test_case_insensitive():
    assert word_counts("Go go GO") == {"go": 3}


def test_punctuation_separates():
    assert word_counts("one,two;three.two") == {"one": 1, "two": 2, "three": 1}


def test_numbers_are_words():
    assert word_counts("1 fish 2 fish") == {"1": 1, "fish": 2, "2": 1}


def test_contractions_kept():
    assert word_counts("don't can't don't") == {"don't": 2, "can't": 1}


def test_quotes_dropped():
    assert word_counts("'hello' said 'she'") == {"hello": 1, "said": 1, "she": 1}


def test_whitespace_kinds():
    assert word_counts("a\tb\nc  a\r\n") == {"a": 2, "b": 1, "c": 1}


def test_example_from_instructions():
    assert word_counts("Don't stop, don't STOP! 'Go' 2 go") == {"don't": 2, "stop": 2, "go": 2, "2": 1}


def test_returns_plain_dict():
    assert type(word_counts("a a")) is dict
