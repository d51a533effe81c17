"""Node ids rebuilt from JUnit attributes where ``file`` does not name the test's module."""

from __future__ import annotations

import pytest

from bot.testresults.junit import node_id_of


@pytest.mark.parametrize(
    ("classname", "name", "file", "node_id"),
    [
        # a unittest mixin in tests/__init__.py: pytest writes where the method was defined
        (
            "tests.test_cache.CacheTest",
            "test_clear",
            "tests/__init__.py",
            "tests/test_cache.py::CacheTest::test_clear",
        ),
        ("tests.test_cache.CacheTest", "test_clear", None, "tests/test_cache.py::CacheTest::test_clear"),
        (
            "pkg.tests.test_x.TestA.TestB",
            "test_a[1 2]",
            None,
            "pkg/tests/test_x.py::TestA::TestB::test_a[1 2]",
        ),
        ("test_x", "test_a", None, "test_x.py::test_a"),
        ("tests.test_x", "test_a", "tests/test_x.py", "tests/test_x.py::test_a"),
    ],
)
def test_node_id(classname: str, name: str, file: str | None, node_id: str) -> None:
    assert node_id_of(classname, name, file) == node_id
