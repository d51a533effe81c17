"""The token never lands in .git/config, process arguments, exceptions or logs."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from bot.errors import ForgeError
from bot.forge.git_remote import GitRemote
from bot.secrets import MASK
from tests.forge.conftest import REPO, TOKEN, ForgeFactory, commit_change, git
from tests.robust.secret import SECRET
from tests.servers.github import GitHubServer


def _secrets() -> list[str]:
    return [TOKEN, base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()]


def test_token_stays_out_of_config_errors_and_logs(
    hub: GitHubServer, make_forge: ForgeFactory, workdir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # PyGithub and urllib3 log requests at DEBUG
    forge = make_forge()
    number = hub.add_issue(REPO, "Bug", "b")
    commit_change(workdir, "def answer():\n    return 42\n")
    forge.push_branch(workdir, "architect/issue-1", force_with_lease=True)
    forge.upsert_status_comment(number, "status", "working")
    forge.open_or_update_pr(
        "architect/issue-1", "main", "Fix #1", "body", draft=True, labels=["architect-bot"]
    )
    hub.fail_next(1, status=502)
    forge.get_issue(number)
    git(workdir, "reset", "-q", "--hard", "HEAD~1")
    commit_change(workdir, "def answer():\n    return 43\n")
    messages = []
    with pytest.raises(ForgeError) as caught:
        forge.push_branch(workdir, "architect/issue-1", force_with_lease=False)
    messages.append(str(caught.value))
    hub.tokens.clear()
    with pytest.raises(ForgeError) as caught:
        forge.push_branch(workdir, "architect/issue-1", force_with_lease=True)
    messages.append(str(caught.value))

    config = (workdir / ".git" / "config").read_text()
    logged = caplog.text + "\n".join(repr(r.args) for r in caplog.records)
    assert any("GET" in r.getMessage() for r in caplog.records)  # the requests were logged at all
    for secret in _secrets():
        assert secret not in config
        assert secret not in logged
        assert all(secret not in message for message in messages)
        assert secret not in repr(forge)


def test_a_stale_checkout_credential_does_not_clash(
    hub: GitHubServer, make_forge: ForgeFactory, workdir: Path
) -> None:
    # actions/checkout leaves an extraheader for the server in .git/config (persist-credentials).
    stale = base64.b64encode(b"x-access-token:ghs_expired").decode()
    git(workdir, "config", f"http.{hub.web_url}/.extraheader", f"AUTHORIZATION: basic {stale}")
    git(workdir, "config", "http.extraheader", f"AUTHORIZATION: basic {stale}")
    sha = commit_change(workdir, "x = 1\n")
    assert make_forge().push_branch(workdir, "architect/issue-1", force_with_lease=True) == sha


def test_git_errors_are_redacted() -> None:
    remote = GitRemote("http://127.0.0.1:9/acme/widgets.git", TOKEN)
    header = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    assert remote.redact(f"fatal: {TOKEN} and {header}") == "fatal: *** and ***"
    assert TOKEN not in repr(remote)


def test_everything_written_to_github_is_masked(
    hub: GitHubServer, make_forge: ForgeFactory, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEPLOY_TOKEN", SECRET)
    forge = make_forge()
    number = hub.add_issue(REPO, "Bug", "b")
    forge.post_comment(number, f"comment {SECRET}")
    forge.upsert_status_comment(number, "status", f"status {SECRET}")
    commit_change(workdir, "def answer():\n    return 42\n")
    forge.push_branch(workdir, "architect/issue-1", force_with_lease=True)
    pr = forge.open_or_update_pr("architect/issue-1", "main", f"Fix {SECRET}", f"body {SECRET}", draft=True)
    comment = hub.add_review_comment(
        REPO, pr.number, "nit", path="widgets/__init__.py", line=2, author="maria"
    )
    forge.reply_to_review_comment(pr.number, comment, f"reply {SECRET}")
    repo = hub.repo(REPO)
    written = [c.body for i in repo.issues.values() for c in i.comments]
    written += [i.title + (i.body or "") for i in repo.issues.values() if i.pull is not None]
    written += [
        c.body for i in repo.issues.values() if i.pull for c in i.pull.review_comments if c.id != comment
    ]
    assert len(written) == 4 and all(MASK in text and SECRET not in text for text in written), written
