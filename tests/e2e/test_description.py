"""The Prism-ready copy of GitHub's description allows exactly what the original allows."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tests.e2e.description import _fit, count_untyped_nullables

NULLABLE_ONE_OF: dict[str, Any] = {
    "description": "a user or an enterprise",
    "nullable": True,
    "oneOf": [
        {"type": "object", "required": ["login"], "properties": {"login": {"type": "string"}}},
        {"type": "object", "required": ["slug"], "properties": {"slug": {"type": "string"}}},
    ],
}


@pytest.mark.parametrize(
    ("value", "allowed"),
    [(None, True), ({"login": "maria"}, True), ({"slug": "acme"}, True), ({"name": "x"}, False), (3, False)],
)
def test_nullable_without_type_becomes_any_of_null(value: Any, allowed: bool) -> None:
    fitted = _fit({"type": "object", "properties": {"account": NULLABLE_ONE_OF}})
    assert count_untyped_nullables(fitted) == 0
    errors = list(jsonschema.Draft7Validator(fitted).iter_errors({"account": value}))
    assert (not errors) is allowed


def test_typed_nullables_and_other_keys_stay_as_they_are() -> None:
    schema = {"type": "string", "nullable": True, "format": "uri", "x-github": {"nullable": "text"}}
    assert _fit(schema) == schema
    assert _fit({"nullable": False, "description": "d"}) == {"description": "d"}
    assert _fit({"nullable": True}) == {}
