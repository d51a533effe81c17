"""The setup stage: the sandbox as the pipeline's test runs see it.

The setup command (an install) runs once per run, as a stage of its own (timed as ``setup``, shown
in the progress), and the baseline and every try start from the state it left. It runs again only
when something it depends on changed (bot/sandbox/setup_state.py: e.g. an edit to pyproject.toml),
and a note says why. A failed setup is not a test result: it raises ``SetupFailed``, which stops the
run as ``tests-not-run`` instead of going to the editor as failing tests.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.errors import SetupFailed
from bot.outcome import TestEnvironment
from bot.ports import Sandbox, SetupSandbox
from bot.progress import Progress
from bot.sandbox import RunRequest, TestRun
from bot.sandbox.setup_state import changed_inputs
from bot.sandbox.types import PreparedSetup, Runtime

log = logging.getLogger(__name__)


class SetupStage:
    def __init__(
        self,
        sandbox: Sandbox,
        command: str | None,
        progress: Progress,
        timings: dict[str, float],
        notes: list[str],
    ) -> None:
        self.inner, self.command = sandbox, command
        self.inferred = False  # the command was found in the project's files (the pipeline says so)
        self.name = sandbox.name
        self.progress, self.timings, self.notes = progress, timings, notes
        self.states: dict[str, PreparedSetup] = {}
        self.runs = 0
        self.last: TestRun | None = None  # the latest run of the tests, or of a failed setup
        self.runtime: Runtime | None = None  # what the latest tests that ran saw

    def ready(self, request: RunRequest) -> None:
        """Runs the setup now, unless a state for ``request``'s tree exists (or the sandbox keeps none)."""
        if request.setup and isinstance(self.inner, SetupSandbox):
            self._ready(self.inner, request)

    def run(self, request: RunRequest) -> TestRun:
        if request.setup and isinstance(self.inner, SetupSandbox):
            request = replace(request, prepared=self._ready(self.inner, request))
        result = self.inner.run(request)
        self.runtime = result.runtime or self.runtime
        if result.setup is not None:  # a sandbox that ran the setup inside the run
            self._count(result.setup)
            if not result.setup.passed:
                raise _failed(result.setup)
        self.last = result
        return result

    def _ready(self, sandbox: SetupSandbox, request: RunRequest) -> PreparedSetup:
        """The set-up state for ``request``'s tree: the one made for the same key, else a new one."""
        key = sandbox.setup_key(request)
        if key.digest in self.states:
            return self.states[key.digest]
        previous = list(self.states.values())[-1] if self.states else None
        stage = "setup" if previous is None else "setup (again)"
        self.progress.stage(stage, request.setup or "")
        state = sandbox.prepare(request)
        self._count(state.run)
        if not state.run.passed:
            self.progress.done(stage, f"{state.run.status.value} after {state.run.duration_s:.1f} s")
            raise _failed(state.run)
        self.progress.done(stage, f"{state.run.duration_s:.1f} s")
        if previous is not None:
            changed = changed_inputs(previous.key, key) or ["what it depends on"]
            self.notes.append(
                f"The setup command ran again for a changed tree: {', '.join(changed)} changed "
                "(a change to what the setup reads can change what it installs)."
            )
        self.states[key.digest] = state
        return state

    def _count(self, setup: TestRun) -> None:
        self.runs += 1
        self.timings["setup"] = self.timings.get("setup", 0.0) + setup.duration_s
        self.last = setup

    def environment(self) -> TestEnvironment | None:
        """Which sandbox, image, setup, Python and pytest the tests ran with (None: nothing ran)."""
        run = self.last
        if run is None:
            return None
        return TestEnvironment(
            sandbox=run.sandbox,
            image=run.image,
            image_id=run.image_id,
            setup_command=self.command,
            setup_inferred=self.inferred and self.command is not None,
            setup_runs=self.runs,
            setup_seconds=round(self.timings.get("setup", 0.0), 3),
            python=self.runtime.python if self.runtime else None,
            pytest=self.runtime.pytest if self.runtime else None,
        )

    def close(self) -> None:
        """Removes every set-up state of the run (a temporary image, or a folder)."""
        if not isinstance(self.inner, SetupSandbox):
            return
        for state in self.states.values():
            try:
                self.inner.release(state)
            except Exception as err:  # housekeeping: the stale sweep gets what is left
                log.warning("could not remove a setup state: %s", err)
        self.states.clear()


def _failed(setup: TestRun) -> SetupFailed:
    return SetupFailed(setup.command, setup.exit_code, setup.timed_out, setup.output)
