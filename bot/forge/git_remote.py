"""git over HTTPS with a token that never touches disk, argv or logs.

The token travels as an ``Authorization`` header set through git's environment config
(``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``), which lasts for that one git command: it is not
written into ``.git/config`` and, unlike ``git -c``, not visible in the process list. The header
is keyed to the exact remote URL and first reset, so a credential header left in ``.git/config``
by ``actions/checkout`` (``persist-credentials``) cannot clash with it; credential helpers and
prompts are switched off so a wrong token fails at once instead of waiting for a password.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from bot.errors import ForgeError
from bot.forge.errors import (
    ForgeAuthError,
    ForgeConflict,
    ForgeNotFound,
    ForgePermissionError,
    ForgeUnavailable,
)
from bot.forge.retry import ForgeRetryPolicy

log = logging.getLogger(__name__)
_TRANSIENT = re.compile(
    r"returned error: 5\d\d|Failed to connect|Could not resolve host|Connection refused|RPC failed|"
    r"Empty reply from server|timed out|unexpected disconnect",
    re.IGNORECASE,
)


class _Transient(Exception):
    pass


@dataclass(frozen=True)
class GitRemote:
    """One hosted repository reached over HTTPS with a token."""

    url: str
    token: str = field(repr=False)
    policy: ForgeRetryPolicy = field(default_factory=ForgeRetryPolicy)

    def remote_sha(self, workdir: Path, branch: str) -> str | None:
        out = self._git(
            workdir, "ls-remote", self.url, f"refs/heads/{branch}", what=f"reading branch {branch}"
        )
        return out.split()[0] if out.strip() else None

    def fetch(self, workdir: Path, branch: str) -> str | None:
        if self.remote_sha(workdir, branch) is None:
            return None
        self._git(
            workdir,
            "fetch",
            "--quiet",
            self.url,
            f"+refs/heads/{branch}:refs/remotes/origin/{branch}",
            what=f"fetching branch {branch}",
        )
        return self._git(
            workdir, "rev-parse", f"refs/remotes/origin/{branch}", what="reading the fetch"
        ).strip()

    def push(
        self, workdir: Path, branch: str, *, force_with_lease: bool, expected_sha: str | None = None
    ) -> str:
        """Push HEAD; with a lease, replace the branch only while it is at ``expected_sha``
        (default: where it is now; "" means it must not exist)."""
        sha = self._git(workdir, "rev-parse", "HEAD", what="reading HEAD").strip()
        args = ["push", "--porcelain", self.url, f"HEAD:refs/heads/{branch}"]
        if force_with_lease:
            expected = expected_sha if expected_sha is not None else self.remote_sha(workdir, branch) or ""
            args.insert(1, f"--force-with-lease=refs/heads/{branch}:{expected}")
        self._git(workdir, *args, what=f"pushing branch {branch}")
        log.info(
            "pushed %s to branch %s%s", sha[:12], branch, " (force-with-lease)" if force_with_lease else ""
        )
        return sha

    # -- plumbing --------------------------------------------------------------------------
    def _env(self) -> dict[str, str]:
        header = base64.b64encode(f"x-access-token:{self.token}".encode()).decode()
        key = f"http.{self.url}.extraheader"
        settings = [(key, ""), (key, f"Authorization: Basic {header}"), ("credential.helper", "")]
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_CONFIG_")}
        env.update(
            {
                "GIT_TERMINAL_PROMPT": "0",
                "GCM_INTERACTIVE": "never",
                "GIT_ASKPASS": "",
                "SSH_ASKPASS": "",
                "GIT_CONFIG_COUNT": str(len(settings)),
            }
        )
        for index, (name, value) in enumerate(settings):
            env[f"GIT_CONFIG_KEY_{index}"] = name
            env[f"GIT_CONFIG_VALUE_{index}"] = value
        return env

    def redact(self, text: str) -> str:
        header = base64.b64encode(f"x-access-token:{self.token}".encode()).decode()
        return text.replace(self.token, "***").replace(header, "***") if self.token else text

    def _git(self, workdir: Path, *args: str, what: str) -> str:
        def once() -> str:
            done = subprocess.run(
                ["git", "-C", str(workdir), *args],
                env=self._env(),
                capture_output=True,
                text=True,
                check=False,
                timeout=600,
            )
            output = self.redact((done.stderr + "\n" + done.stdout).strip())
            if done.returncode == 0:
                return done.stdout
            if _TRANSIENT.search(output):
                log.warning("git failed while %s, will retry: %s", what, _tail(output))
                raise _Transient(output)
            raise _classify(output, what)

        retrying = Retrying(
            stop=stop_after_attempt(self.policy.attempts),
            sleep=self.policy.sleep,
            wait=lambda s: min(self.policy.backoff * 2 ** (s.attempt_number - 1), self.policy.max_wait),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            return retrying(once)
        except _Transient as exc:
            raise ForgeUnavailable(
                f"git kept failing while {what} after {self.policy.attempts} tries: "
                f"{_tail(str(exc))}. Re-run when GitHub is reachable."
            ) from None


def _tail(text: str, lines: int = 4) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def _classify(output: str, what: str) -> ForgeError:
    tail = _tail(output)
    if re.search(r"returned error: 401|Authentication failed|could not read Username", output, re.I):
        return ForgeAuthError(
            f"GitHub rejected the token while {what} (git: {tail}): check the "
            "`github-token` input (or GITHUB_TOKEN)."
        )
    if re.search(r"returned error: 403|Permission to .* denied", output, re.I):
        return ForgePermissionError(
            f"GitHub refused {what} (git: {tail}): add `contents: write` under "
            "`permissions:` in the workflow."
        )
    if "stale info" in output or "non-fast-forward" in output or "fetch first" in output:
        return ForgeConflict(
            f"The branch moved on GitHub while {what} (git: {tail}): someone else pushed; "
            "re-run to start from the new state."
        )
    if re.search(r"returned error: 404|not found", output, re.I):
        return ForgeNotFound(f"GitHub does not know the repository while {what} (git: {tail}).")
    return ForgeError(f"git failed while {what}: {tail}")
