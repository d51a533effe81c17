"""The repository-wide comment list: `since` filtering and pagination, through PyGithub and the fake."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.forge.github import GitHubForge
from tests.forge.conftest import REPO
from tests.servers.github import GitHubServer


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_only_comments_updated_since_the_time_come_back(hub: GitHubServer, forge: GitHubForge) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    first = hub.add_issue(REPO, "One", "b")
    second = hub.add_issue(REPO, "Two", "b")
    old = hub.add_comment(REPO, first, "old", author="walt", created_at=_stamp(now - timedelta(days=2)))
    edited = hub.add_comment(
        REPO,
        second,
        "edited today",
        author="walt",
        created_at=_stamp(now - timedelta(days=3)),
        updated_at=_stamp(now - timedelta(minutes=5)),
    )
    fresh = forge.post_comment(first, "mine, today")

    found = forge.comments_since(now - timedelta(hours=1))

    assert [c.id for c in found] == [edited, fresh]  # oldest first, by creation
    assert old not in [c.id for c in found]
    assert [(c.issue_number, c.is_self, c.is_bot) for c in found] == [
        (second, False, False),
        (first, True, True),
    ]


def test_every_page_is_read(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Busy", "b")
    made = [hub.add_comment(REPO, number, f"comment {n}", author="walt") for n in range(75)]

    found = forge.comments_since(datetime.now(UTC) - timedelta(hours=1))

    assert [c.id for c in found] == made
    pages = [r for r in hub.requests if r.path.endswith("/repos/acme/widgets/issues/comments")]
    assert len(pages) == 3  # 30 a page, as GitHub answers without per_page


def test_a_time_in_another_zone_means_the_same_instant(hub: GitHubServer, forge: GitHubForge) -> None:
    number = hub.add_issue(REPO, "Bug", "b")
    made = hub.add_comment(REPO, number, "now", author="walt")
    east = timezone(timedelta(hours=5))  # its wall clock reads 5 h later than UTC's

    assert [
        c.id for c in forge.comments_since((datetime.now(UTC) - timedelta(minutes=1)).astimezone(east))
    ] == [made]
    assert forge.comments_since((datetime.now(UTC) + timedelta(minutes=1)).astimezone(east)) == ()
