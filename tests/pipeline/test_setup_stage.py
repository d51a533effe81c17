"""Setup is a stage of its own (#17 items 5 and 8), on the real Docker engine: it runs once and its
state (a committed image) serves the baseline and every try, it runs again when an edit changes a
file it reads, a failed setup ends the run as tests-not-run without another editor call, the image
is resolved once and quietly, and PR.md says which sandbox, image, setup, Python and pytest ran."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.forge.local import local_publisher
from bot.models.factory import build_models
from bot.outcome import Outcome, Status
from bot.pipeline import run_pipeline
from bot.sandbox import image as image_module
from bot.sandbox.docker import STATE_REPOSITORY, DockerSandbox
from bot.sandbox.image import DEFAULT_IMAGE
from bot.sandbox.local import LocalSandbox
from bot.task import Task
from tests.conftest import SESSION_OWNER
from tests.pipeline.helpers import (
    BREAK_MUL,
    CALC,
    CALC_PYPROJECT,
    CALC_TEST,
    EDITABLE_INSTALL,
    FIX_ADD,
    FIX_MUL,
    make_repo,
    task,
    transcript,
)

# the tests see what the setup installed: its state reached the test containers
INSTALLED_TEST = """import importlib.metadata


def test_the_setup_installed_the_package():
    assert importlib.metadata.version("calcpkg").startswith("0.")
"""
BUMP_VERSION = """pyproject.toml
```toml
<<<<<<< SEARCH
version = "0.1"
=======
version = "0.2"
>>>>>>> REPLACE
```
"""
BREAK_PYPROJECT = """pyproject.toml
```toml
<<<<<<< SEARCH
version = "0.1"
=======
version = 0.1.oops
>>>>>>> REPLACE
```
"""
INSTALL = EDITABLE_INSTALL


def repo_with_install(root: Path) -> Path:
    files = {"calc.py": CALC, "test_calc.py": CALC_TEST, "test_installed.py": INSTALLED_TEST}
    return make_repo(root, {**files, "pyproject.toml": CALC_PYPROJECT})


def run(t: Task, sandbox: DockerSandbox | LocalSandbox) -> Outcome:
    return run_pipeline(t, build_models(t.settings), sandbox, publish=local_publisher(t))


def setup_images(client: Any) -> list[Any]:
    return [i for i in client.images.list(filters={"label": f"org.architect-bot.sandbox={SESSION_OWNER}"})]


@pytest.mark.usefixtures("no_leftover_containers")
def test_setup_runs_once_for_baseline_and_tries_and_again_after_a_pyproject_edit(
    tmp_path: Path, docker_client: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a fresh process's view: no pull of the default image has failed yet
    monkeypatch.setattr(image_module, "_failed_pulls", set())
    sandbox = DockerSandbox(DEFAULT_IMAGE, client=docker_client)
    repo = repo_with_install(tmp_path / "repo")
    # try 1 fixes add and breaks mul (a regression: retried); try 2 fixes mul and bumps the version
    editor = transcript(tmp_path / "e.yml", FIX_ADD + "\n" + BREAK_MUL, FIX_MUL + "\n" + BUMP_VERSION)
    t = task(repo, editor=editor, setup_command=INSTALL, setup_network=False, sandbox="docker")
    with caplog.at_level(logging.DEBUG, logger="bot.sandbox"):
        outcome = run(t, sandbox)

    assert outcome.status is Status.FIXED, outcome
    assert len(outcome.tries) == 2
    env = outcome.environment
    assert env is not None
    # baseline and try 1 share one setup; try 2 changed pyproject.toml, so it ran once more
    assert env.setup_runs == 2, outcome.timings
    assert outcome.timings["setup"] > 0
    assert env.setup_seconds == pytest.approx(outcome.timings["setup"], abs=0.01)
    assert any("setup command ran again" in n and "pyproject.toml" in n for n in outcome.notes), outcome.notes
    # the set-up state images are gone with the run
    assert [i for i in setup_images(docker_client) if any(STATE_REPOSITORY in tag for tag in i.tags)] == []

    # the image was resolved once for the whole run, and an offline default is no warning
    name, ident = sandbox.resolved_image()
    resolved = [r for r in caplog.records if r.getMessage().startswith("sandbox image for")]
    assert len(resolved) == 1, [r.getMessage() for r in resolved]
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "image" in r.name]
    assert loud == []

    # PR.md says where the tests ran
    assert env.image == name and env.image_id == ident
    assert env.python and env.python.startswith("3.") and env.pytest, env
    pr = Path(outcome.pr_path or "").read_text()
    assert f"image `{name}` (`{ident.removeprefix('sha256:')[:12]}`)" in pr, pr
    assert f"setup `{INSTALL}` (configured, ran 2 times" in pr
    assert f"Python {env.python}, pytest {env.pytest}" in pr


@pytest.mark.usefixtures("no_leftover_containers")
def test_a_failed_setup_is_tests_not_run_with_its_error_and_no_retry(
    tmp_path: Path, docker_client: Any, sandbox_image: str
) -> None:
    repo = repo_with_install(tmp_path / "repo")
    # try 1 fixes add but breaks pyproject.toml: the install fails; the editor must not be asked again
    editor = transcript(tmp_path / "e.yml", FIX_ADD + "\n" + BREAK_PYPROJECT, FIX_MUL)
    t = task(repo, editor=editor, setup_command=INSTALL, setup_network=False, sandbox="docker", tries=2)
    outcome = run(t, DockerSandbox(sandbox_image, client=docker_client))

    assert outcome.status is Status.TESTS_NOT_RUN, outcome
    assert outcome.stopped_at == "setup"
    editor_calls = sum(u.calls for u in outcome.usage if u.role == "editor")
    assert editor_calls == 1, outcome.usage
    assert outcome.tries == ()  # no test ran after the edit, so no try was judged
    assert outcome.error and f"the setup command `{INSTALL}` failed (exit " in outcome.error
    assert "TOMLDecodeError" in outcome.error  # the install's own words about what is broken
    assert outcome.environment is not None and outcome.environment.setup_runs == 2
    pr = Path(outcome.pr_path or "").read_text()
    assert "Tests were not run." in pr and f"setup `{INSTALL}`" in pr


def test_the_local_sandbox_sets_up_once_for_two_tries(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    count = tmp_path / "setup-runs"  # outside the tree: every run of the setup adds a line
    editor = transcript(tmp_path / "e.yml", FIX_ADD + "\n" + BREAK_MUL, FIX_MUL)
    t = task(repo, editor=editor, setup_command=f"echo ran >> {count}")
    outcome = run(t, LocalSandbox())
    assert outcome.status is Status.FIXED and len(outcome.tries) == 2, outcome
    assert count.read_text() == "ran\n"  # baseline, try 1 and try 2 on one setup
    assert outcome.environment is not None and outcome.environment.setup_runs == 1
    assert outcome.environment.sandbox == "local" and outcome.environment.python


SRC_PYPROJECT = """[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "calcpkg"
version = "0.1"

[project.optional-dependencies]
test = []
"""
SRC_TEST = """import importlib.metadata

from calcpkg.calc import add, mul


def test_add():
    assert add(2, 3) == 5


def test_mul():
    assert mul(2, 3) == 6


def test_installed():
    assert importlib.metadata.version("calcpkg") == "0.1"
"""


@pytest.mark.usefixtures("no_leftover_containers")
def test_an_inferred_setup_installs_the_projects_test_extra_and_says_why(
    tmp_path: Path, docker_client: Any, sandbox_image: str
) -> None:
    files = {"src/calcpkg/__init__.py": "", "src/calcpkg/calc.py": CALC, "tests/test_calc.py": SRC_TEST}
    repo = make_repo(tmp_path / "repo", {**files, "pyproject.toml": SRC_PYPROJECT})
    fix = FIX_ADD.replace("calc.py\n", "src/calcpkg/calc.py\n", 1)
    t = task(repo, editor=transcript(tmp_path / "e.yml", fix), setup_network=False, sandbox="docker")
    t = replace(t, settings=t.settings.model_copy(update={"test_command": None}))
    outcome = run(t, DockerSandbox(sandbox_image, client=docker_client))

    inferred = "python3 -m pip install --no-build-isolation -e '.[test]'"
    assert outcome.status is Status.FIXED, (outcome.error, outcome.notes)
    assert outcome.environment is not None and outcome.environment.setup_command == inferred
    assert outcome.environment.setup_runs == 1
    assert any(f"inferred `{inferred}`" in n and "declares the extra `test`" in n for n in outcome.notes)
    assert f"setup `{inferred}` (inferred, ran once" in Path(outcome.pr_path or "").read_text()


def repo_asking_for_a_missing_package(root: Path) -> Path:
    """A project whose requirements cannot install without network (and do not exist with it)."""
    missing = {"requirements-test.txt": "architect-bot-no-such-package\n"}
    return make_repo(root, {"calc.py": CALC, "test_calc.py": CALC_TEST, **missing})


@pytest.mark.usefixtures("no_leftover_containers")
def test_an_inferred_setup_that_fails_is_left_out_and_said(
    tmp_path: Path, docker_client: Any, sandbox_image: str
) -> None:
    repo = repo_asking_for_a_missing_package(tmp_path / "repo")
    t = task(repo, editor=transcript(tmp_path / "e.yml", FIX_ADD), setup_network=False, sandbox="docker")
    outcome = run(t, DockerSandbox(sandbox_image, client=docker_client))

    assert outcome.status is Status.FIXED, (outcome.error, outcome.notes)
    failed = [
        n
        for n in outcome.notes
        if "The inferred setup `python3 -m pip install -r requirements-test.txt`" in n
    ]
    assert failed and "the tests ran without it" in failed[0], outcome.notes
    assert outcome.environment is not None and outcome.environment.setup_command is None


@pytest.mark.usefixtures("no_leftover_containers")
def test_a_configured_setup_is_never_replaced_by_an_inferred_one(
    tmp_path: Path, docker_client: Any, sandbox_image: str
) -> None:
    repo = repo_asking_for_a_missing_package(tmp_path / "repo")
    t = task(repo, editor=transcript(tmp_path / "e.yml", FIX_ADD), setup_command="true", sandbox="docker")
    outcome = run(t, DockerSandbox(sandbox_image, client=docker_client))
    assert outcome.status is Status.FIXED
    assert outcome.environment is not None and outcome.environment.setup_command == "true"
    assert not any("inferred" in n for n in outcome.notes)
