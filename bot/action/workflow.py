"""GitHub Actions workflow commands and files: masks, groups, annotations, outputs, step summary.

What the bot writes to the runner leaves through here: known secrets are masked in every message,
output, summary and file (the runner's own masking only knows the values it was told)."""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from bot.secrets import redact


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class Workflow:
    """Writes to the runner: commands on stdout, outputs and summary to the files GitHub names."""

    def __init__(self, env: Mapping[str, str] | None = None, out: TextIO | None = None) -> None:
        self.env = os.environ if env is None else env
        self.out = out or sys.stdout

    def mask(self, secret: str | None) -> None:
        for line in (secret or "").splitlines():
            if line.strip():
                self.out.write(f"::add-mask::{line}\n")

    @contextmanager
    def group(self, title: str) -> Iterator[None]:
        self.out.write(f"::group::{_escape_data(title)}\n")
        try:
            yield
        finally:
            self.out.write("::endgroup::\n")

    def error(self, message: str, title: str = "architect-bot") -> None:
        self.out.write(f"::error title={title}::{_escape_data(redact(message))}\n")

    def notice(self, message: str) -> None:
        self.out.write(f"::notice::{_escape_data(redact(message))}\n")

    def set_outputs(self, outputs: Mapping[str, str]) -> None:
        path = self.env.get("GITHUB_OUTPUT")
        if not path:
            return
        with Path(path).open("a", encoding="utf-8") as fh:
            for key, value in outputs.items():
                marker = f"ghadelim_{uuid.uuid4().hex}"  # a value can never contain this delimiter
                fh.write(f"{key}<<{marker}\n{redact(value)}\n{marker}\n")

    def summary(self, markdown: str) -> None:
        path = self.env.get("GITHUB_STEP_SUMMARY")
        if path:
            with Path(path).open("a", encoding="utf-8") as fh:
                fh.write(redact(markdown).rstrip() + "\n")

    def temp_file(self, name: str, text: str) -> Path:
        """A file in the runner's temp folder, for later steps to read."""
        folder = Path(self.env.get("RUNNER_TEMP") or tempfile.gettempdir())
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(redact(text).rstrip("\n") + "\n", encoding="utf-8")
        return path

    def run_url(self) -> str | None:
        server, repo, run_id = (
            self.env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
        )
        return f"{server}/{repo}/actions/runs/{run_id}" if server and repo and run_id else None
