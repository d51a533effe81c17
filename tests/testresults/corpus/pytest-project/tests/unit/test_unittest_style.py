import unittest


class TestMath(unittest.TestCase):
    def test_add(self) -> None:
        self.assertEqual(1 + 1, 2)

    def test_sub(self) -> None:
        self.assertEqual(1 - 1, 1)

    @unittest.skip("later")
    def test_skip(self) -> None:
        pass

    @unittest.expectedFailure
    def test_expected(self) -> None:
        self.assertEqual(1, 2)
