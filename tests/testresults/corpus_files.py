"""The committed corpus of real runner outputs (made by corpus/regenerate.sh) and how to read it."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.types import RunStatus, TestRun

CORPUS = Path(__file__).parent / "corpus" / "outputs"
# Where regenerate.sh ran the projects: absolute paths in the reports start here.
CORPUS_WORKDIR = "/tmp/architect-corpus/work"


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def corpus_run(*, output: str = "", reports: dict[str, str] | None = None, cut: int = 0) -> TestRun:
    """A finished TestRun holding corpus text, as a sandbox would return it."""
    return TestRun(
        command="(corpus)",
        status=RunStatus.FAILED,
        exit_code=1,
        duration_s=1.0,
        output=output,
        output_bytes_total=len(output.encode()) + cut,
        output_bytes_cut=cut,
        sandbox="corpus",
        reports=reports or {},
        workdir=CORPUS_WORKDIR,
    )
