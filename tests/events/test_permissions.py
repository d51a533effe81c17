"""The permission gate's pure part: GitHub's role order and the allow-list."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.events import PERMISSION_ORDER, actor_allowed, parse_user_list, permission_allows


@pytest.mark.parametrize("minimum", PERMISSION_ORDER)
@pytest.mark.parametrize("permission", PERMISSION_ORDER)
def test_order_is_none_read_triage_write_maintain_admin(permission: str, minimum: str) -> None:
    expected = PERMISSION_ORDER.index(permission) >= PERMISSION_ORDER.index(minimum)
    assert permission_allows(permission, minimum) is expected


def test_examples_and_case() -> None:
    assert permission_allows("ADMIN", "write")
    assert permission_allows("maintain", "Write")
    assert not permission_allows("triage", "write")
    assert not permission_allows("read", "triage")


@pytest.mark.parametrize("permission", [None, "", "custom-role", "owner"])
def test_unknown_or_missing_permissions_refuse(permission: str | None) -> None:
    assert not permission_allows(permission, "read")


def test_none_minimum_lets_anyone_with_a_known_role_in() -> None:
    assert permission_allows(None, "none")


def test_unknown_minimum_is_a_config_error_that_says_what_to_write() -> None:
    with pytest.raises(ConfigError, match="min-permission 'writer' is not one of none, read, triage"):
        permission_allows("admin", "writer")


def test_allowed_users_bypass_the_role_case_insensitively() -> None:
    users = parse_user_list("alice, @Bob\n carol")
    assert users == ("alice", "Bob", "carol")
    assert actor_allowed("bob", "read", "write", users)
    assert actor_allowed("dave", "write", "write", users)
    assert not actor_allowed("dave", "read", "write", users)
    assert not actor_allowed("dave", None, "write", ())


def test_empty_user_list() -> None:
    assert parse_user_list("") == () and parse_user_list(None) == () and parse_user_list(" , @ ") == ()
