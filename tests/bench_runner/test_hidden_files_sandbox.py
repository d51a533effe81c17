"""The benchmark's hidden tests are shown to each run only; over a sandbox that keeps a setup's
state, the setup still runs once per case, not once per test run."""

from __future__ import annotations

from pathlib import Path

from bot.bench.case import with_hidden_files
from bot.models.factory import build_models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.ports import SetupSandbox
from bot.sandbox.local import LocalSandbox
from tests.pipeline.helpers import CALC, CALC_TEST, FIX_ADD, make_repo, task, transcript


def test_hidden_tests_run_each_time_and_the_setup_once(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC})
    sandbox = with_hidden_files(LocalSandbox(), {"test_calc.py": CALC_TEST.encode()})
    assert isinstance(sandbox, SetupSandbox)
    t = task(repo, editor=transcript(tmp_path / "e.yml", FIX_ADD), setup_command="true", reproduce="never")
    outcome = run_pipeline(t, build_models(t.settings), sandbox)

    assert outcome.status is Status.FIXED, (outcome.error, outcome.notes)  # the hidden test ran
    assert outcome.environment is not None and outcome.environment.setup_runs == 1  # baseline + try
    assert not (repo / "test_calc.py").exists()
    assert "test_calc.py" not in outcome.diff


def test_over_a_sandbox_without_setup_state_it_stays_a_plain_wrapper() -> None:
    class Bare:
        name = "bare"

        def run(self, request: object) -> object:
            raise AssertionError("not run here")

    assert not isinstance(with_hidden_files(Bare(), {}), SetupSandbox)  # type: ignore[arg-type]
