"""Bad input and faults: rejected exercises are skipped with a reason, one failing model or harness
fault is one `error` case, edits to tests are refused, and the model never sees the hidden files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from bot.bench.oracle import NullModel, OracleModel
from bot.bench.results import ERROR, SKIPPED, load_results
from bot.bench.runner import default_model_factory, run_bench
from bot.bench.suite import Exercise
from bot.config import Settings
from bot.models.replay import ReplayModel
from bot.models.types import CallSettings, Completion, Message
from bot.ports import Model, OnDelta
from tests.bench_runner.helpers import Spec, add_exercise, bench_config, make_suite, rows


def test_exercises_the_loader_rejects_are_skipped_with_the_reason(tmp_path: Path) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("alpha")])
    add_exercise(suite, Spec("no-config"), config=False)
    wrong = add_exercise(suite, Spec("wrong-paths"))
    (wrong / ".meta" / "config.json").write_text(
        json.dumps({"files": {"solution": ["nope.py"], "test": ["x.py"], "example": ["y.py"]}})
    )

    run = run_bench(bench_config(suite, tmp_path / "out"))

    by_name = {r.exercise: r for r in load_results([tmp_path / "out"])}
    assert by_name["no-config"].status == SKIPPED and "missing .meta/config.json" in (
        by_name["no-config"].error or ""
    )
    assert by_name["wrong-paths"].status == SKIPPED and "nope.py" in (by_name["wrong-paths"].error or "")
    assert by_name["alpha"].status == "fixed"
    (row,) = rows(tmp_path / "out").values()
    assert (row.test_cases, row.pass_rate_2, row.skipped_cases) == (1, 100.0, 2)
    assert len(run.ran) == 3


def test_a_model_error_is_one_error_case_and_the_others_go_on(tmp_path: Path) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("alpha"), Spec("bravo"), Spec("charlie")])
    refusing = tmp_path / "refuses.json"
    refusing.write_text(json.dumps({"model": "replay/refuses", "entries": []}))  # answers nothing

    def models(name: str, exercise: Exercise, settings: Settings) -> Model:
        if exercise.name == "alpha":
            return ReplayModel("replay/refuses", refusing)
        if exercise.name == "bravo":
            raise RuntimeError("the harness broke while building the model")
        return default_model_factory(name, exercise, settings)

    run_bench(bench_config(suite, tmp_path / "out", workers=2), models=models)

    by_name = {r.exercise: r for r in load_results([tmp_path / "out"])}
    assert by_name["alpha"].status == ERROR and "no recording" in (by_name["alpha"].error or "")
    assert by_name["bravo"].status == ERROR and "harness broke" in (by_name["bravo"].error or "")
    assert by_name["charlie"].status == "fixed"
    assert [by_name[n].tests_outcomes for n in ("alpha", "bravo")] == [(False,), (False,)]


CHEAT = "{path}\n```python\ndef test_answer():\n    pass\n```\n"


def cheating_editor(tmp_path: Path, test_path: str) -> Path:
    """A replay editor that rewrites the test file to pass, whatever the solution does."""
    transcript = tmp_path / "cheat.json"
    entry = {"match": ["Write the edits now"], "completion": {"answer": CHEAT.format(path=test_path)}}
    transcript.write_text(json.dumps({"model": "replay/cheat", "entries": [entry]}))
    return transcript


def test_edits_to_the_tests_are_refused_hidden_or_shown(tmp_path: Path) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("alpha")])
    transcript = cheating_editor(tmp_path, "alpha_test.py")
    for show in (False, True):
        out = tmp_path / f"out-{show}"
        config = bench_config(
            suite, out, "replay/cheat", edit_format="whole", reflections=0, tries=1, show_tests=show
        )
        run_bench(config, models=lambda name, ex, s: ReplayModel(name, transcript))
        (result,) = load_results([out])
        assert result.status == "edit-failed" and result.tests_outcomes == (False,), show
        assert "may not be changed" in (result.error or ""), result.error
    assert "def test_answer" in (suite / "python/exercises/practice/alpha/alpha_test.py").read_text()


class Spy:
    """Wraps a model and keeps every prompt it was sent."""

    def __init__(self, inner: Model, prompts: list[str]) -> None:
        self.inner, self.name, self.prompts = inner, inner.name, prompts

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        self.prompts.extend(m.content for m in messages)
        return self.inner.complete(messages, settings, on_delta)


def test_models_never_see_tests_meta_or_docs_unless_tests_are_shown(tmp_path: Path) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("alpha", value=4242)])
    seen: dict[bool, list[str]] = {False: [], True: []}
    for show in (False, True):

        def models(name: str, exercise: Exercise, settings: Settings, show: bool = show) -> Model:
            return Spy(OracleModel(exercise), seen[show])

        config = bench_config(suite, tmp_path / f"out-{show}", "oracle+oracle", show_tests=show)
        run = run_bench(config, models=models)
        assert [r.status for r in run.ran] == ["fixed"]  # the tests did run, in the sandbox

    hidden = "\n".join(seen[False])
    assert "raise NotImplementedError" in hidden  # the stub is shown
    assert "alpha_test" not in hidden and "assert answer()" not in hidden  # the tests are not
    assert "example.py" not in hidden and "config.json" not in hidden and "instructions.md" not in hidden
    assert "assert answer() == 4242" in "\n".join(seen[True])


def test_null_model_proposes_nothing(tmp_path: Path) -> None:
    suite = make_suite(tmp_path / "suite", [Spec("alpha")])
    run = run_bench(bench_config(suite, tmp_path / "out", "null"), models=lambda n, e, s: NullModel())
    (result,) = run.ran
    assert result.status == "no-change" and not result.passed_within(2) and result.cost == 0.0
