from collections.abc import Iterator

import pytest


def test_passes() -> None:
    assert True


def test_fails() -> None:
    assert 1 + 1 == 3, "arithmetic is broken"


def test_raises() -> None:
    raise ValueError("boom: the value was <bad> & 'quoted'")


@pytest.mark.skip(reason="not today")
def test_skipped() -> None:
    pass


def test_skips_inside() -> None:
    pytest.skip("skipped at run time")


@pytest.mark.xfail(reason="known bug")
def test_xfail() -> None:
    assert 1 == 2, "still broken"


@pytest.mark.xfail(reason="fixed already")
def test_xpass() -> None:
    assert True


@pytest.mark.xfail(strict=True, reason="must fail")
def test_xpass_strict() -> None:
    assert True


@pytest.fixture
def broken_fixture() -> None:
    raise RuntimeError("database is down")


def test_fixture_error(broken_fixture: None) -> None:
    pass


@pytest.fixture
def broken_teardown() -> Iterator[None]:
    yield
    raise RuntimeError("cleanup failed")


def test_teardown_error(broken_teardown: None) -> None:
    pass


@pytest.mark.parametrize("text", ["a b", "x[1]", "ünï", "a::b", ""])
def test_param(text: str) -> None:
    assert text != "x[1]"


@pytest.mark.parametrize(("n", "m"), [(1, 2), (3, 4)], ids=["one two", "three-four"])
def test_param_ids(n: int, m: int) -> None:
    assert m - n == 1


def test_fails_then_teardown_fails(broken_teardown: None) -> None:
    assert 1 == 0, "body failed"
