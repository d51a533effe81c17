import pytest


class TestOuter:
    def test_method(self) -> None:
        assert True

    class TestInner:
        def test_nested(self) -> None:
            assert "a" == "b"

    @pytest.mark.parametrize("n", [1, 2])
    def test_param(self, n: int) -> None:
        assert n == 1
