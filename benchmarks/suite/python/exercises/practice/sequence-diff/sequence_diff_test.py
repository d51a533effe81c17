import random

from sequence_diff import diff, lcs_length, render


def check(a, b):
    ops = diff(a, b)
    assert [item for op, item in ops if op in " -"] == list(a)
    assert [item for op, item in ops if op in " +"] == list(b)
    assert sum(op == " " for op, _ in ops) == lcs_length(a, b)
    for (op1, _), (op2, _) in zip(ops, ops[1:]):
        assert not (op1 == "+" and op2 == "-"), ops
    assert all(op in (" ", "-", "+") for op, _ in ops)
    return ops


def test_lcs_length_basics():
    assert lcs_length("", "") == 0
    assert lcs_length("abc", "") == 0
    assert lcs_length("abcde", "ace") == 3
    assert lcs_length("AGGTAB", "GXTXAYB") == 4


def test_identical():
    assert diff("abc", "abc") == [(" ", "a"), (" ", "b"), (" ", "c")]


def test_example():
    assert diff("abc", "abd") == [(" ", "a"), (" ", "b"), ("-", "c"), ("+", "d")]


def test_empty_sides():
    assert diff("", "") == []
    assert diff("ab", "") == [("-", "a"), ("-", "b")]
    assert diff("", "ab") == [("+", "a"), ("+", "b")]


def test_completely_different_deletes_first():
    assert diff("ab", "xy") == [("-", "a"), ("-", "b"), ("+", "x"), ("+", "y")]


def test_lines():
    a = ["def f():", "    return 1", ""]
    b = ["def f():", "    x = 1", "    return x", ""]
    ops = check(a, b)
    assert ops[0] == (" ", "def f():")
    assert ops[-1] == (" ", "")


def test_unhashable_items():
    check([[1], [2], [3]], [[2], [3], [4]])


def test_properties_on_random_sequences():
    rng = random.Random(7)
    for _ in range(150):
        a = [rng.choice("abc") for _ in range(rng.randint(0, 12))]
        b = [rng.choice("abc") for _ in range(rng.randint(0, 12))]
        check(a, b)


def test_long_sequences_without_deep_recursion():
    rng = random.Random(3)
    a = [rng.choice("xyz") for _ in range(700)]
    b = a[:350] + ["new"] + a[380:] + ["tail"]
    ops = check(a, b)
    assert len(ops) >= 700


def test_render():
    assert render(diff(["x", "y"], ["y"])) == "- x\n  y"
    assert render([]) == ""
    assert render([("+", 3)]) == "+ 3"
