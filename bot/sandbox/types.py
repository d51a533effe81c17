"""Values that cross the sandbox port."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class RunStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    TIMED_OUT = "timed_out"


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed run. Every field is a ceiling, never a target."""

    timeout_s: float = 600.0
    memory_mb: int = 2048
    cpus: float = 2.0
    pids: int = 256
    output_budget_bytes: int = 64_000
    network: bool = False
    setup_network: bool = True
    setup_timeout_s: float = 900.0
    # the setup runs files the editor may have changed: root only when asked
    setup_as_root: bool = False
    # writable space (Docker): the size of the /tmp tmpfs, the largest file, and what the work dir may
    # grow by. Docker counts tmpfs pages as memory, so /tmp use also counts against memory_mb.
    disk_mb: int = 2048


@dataclass(frozen=True)
class Runtime:
    """What the tests ran on, as seen from inside the sandbox after the setup (None: not found)."""

    python: str | None
    pytest: str | None


@dataclass(frozen=True)
class TestRun:
    """What one run of a test command produced."""

    __test__ = False  # not a pytest test class

    command: str
    status: RunStatus
    exit_code: int | None
    duration_s: float
    output: str
    output_bytes_total: int
    output_bytes_cut: int
    sandbox: str
    image: str | None = None
    setup: TestRun | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # Files the run left in $ARCHITECT_REPORT_DIR (name -> text), e.g. a JUnit XML report.
    reports: dict[str, str] = field(default_factory=dict)
    # Where the command ran inside the sandbox: reports that name absolute paths are read relative to it.
    workdir: str = ""
    image_id: str | None = None  # the image's own id (Docker): a tag can move, the id cannot
    runtime: Runtime | None = None

    @property
    def passed(self) -> bool:
        return self.status is RunStatus.PASSED

    @property
    def timed_out(self) -> bool:
        return self.status is RunStatus.TIMED_OUT

    def tail(self, max_chars: int = 4000) -> str:
        return self.output[-max_chars:]

    def to_dict(self) -> dict[str, object]:
        return {
            "command": self.command,
            "status": self.status.value,
            "passed": self.passed,
            "timed_out": self.timed_out,
            "exit_code": self.exit_code,
            "duration_s": round(self.duration_s, 3),
            "output": self.output,
            "output_bytes_total": self.output_bytes_total,
            "output_bytes_cut": self.output_bytes_cut,
            "sandbox": self.sandbox,
            "image": self.image,
            "image_id": self.image_id,
            "python": self.runtime.python if self.runtime else None,
            "pytest": self.runtime.pytest if self.runtime else None,
            "setup": self.setup.to_dict() if self.setup else None,
            "warnings": list(self.warnings),
            "reports": sorted(self.reports),
        }


@dataclass(frozen=True)
class SetupKey:
    """What a set-up state depends on (bot/sandbox/setup_state.py): ``digest`` of all of it, and the
    digest of each input file, to say which changed when the setup has to run again."""

    digest: str
    inputs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PreparedSetup:
    """The sandbox's state after the setup command, kept for the tests of the same run to start from."""

    key: SetupKey
    run: TestRun  # the setup command's own run
    handle: str  # Docker: the id of the image holding it; local: the folder holding it ("" when it failed)
    files: frozenset[str]  # the work tree's files when it ran: a later tree without one has it deleted


@dataclass(frozen=True)
class RunRequest:
    workdir: Path
    command: str
    limits: Limits = Limits()
    setup: str | None = None
    # Extra environment for the test command (never secrets), e.g. PYTEST_ADDOPTS for a JUnit report.
    env: tuple[tuple[str, str], ...] = ()
    # The setup's state to start from instead of running ``setup`` (the sandbox's ``prepare`` made it).
    prepared: PreparedSetup | None = None


def setup_failed(command: str, setup: TestRun, warnings: tuple[str, ...] = ()) -> TestRun:
    """The test run that never happened because the setup command failed: reported as a failure."""
    return TestRun(
        command=command,
        status=RunStatus.TIMED_OUT if setup.timed_out else RunStatus.FAILED,
        exit_code=setup.exit_code,
        duration_s=setup.duration_s,
        output=f"[setup command failed: {setup.command}]\n{setup.output}",
        output_bytes_total=setup.output_bytes_total,
        output_bytes_cut=setup.output_bytes_cut,
        sandbox=setup.sandbox,
        image=setup.image,
        setup=setup,
        warnings=warnings,
    )


def prepared_state(request: RunRequest) -> PreparedSetup | None:
    """The set-up state ``request`` starts from, if any; one whose setup failed holds nothing to run."""
    state = request.prepared
    if state is not None and not state.handle:
        from bot.errors import SandboxError

        raise SandboxError(
            f"the setup command `{state.run.command}` failed: there is no set-up state to run from"
        )
    return state
