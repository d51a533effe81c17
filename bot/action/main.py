"""`architect-bot action`: one GitHub event in; at most one branch, one PR and one status comment out.

Only this module and handler.py build real clients (forge, models, sandbox); every stage below
takes them as arguments. Secrets are masked first thing, and issue text is cleaned before any model
sees it.
"""

from __future__ import annotations

import logging
import os
import signal
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

from bot.action.handler import Handler
from bot.action.inputs import SECRET_INPUTS, provider_variables, read_inputs, run_options, settings_overrides
from bot.action.result import Result, RunTimeout
from bot.action.workflow import Workflow
from bot.config import load_settings
from bot.errors import BotError, UsageError
from bot.event_file import read_event
from bot.events import Ignored, route
from bot.forge.base import Forge
from bot.forge.local import local_publisher
from bot.gitutil import cache_dir, is_repo, repo_from_copy, toplevel
from bot.models.factory import build_models
from bot.pipeline import run_pipeline
from bot.run_options import RunOptions
from bot.sandbox import make_sandbox
from bot.secrets import secret_values
from bot.task import Task, issue_from_markdown

log = logging.getLogger(__name__)


def main(env: Mapping[str, str] | None = None) -> int:
    env = dict(os.environ if env is None else env)
    wf = Workflow(env)
    inputs = read_inputs(env)
    for name in SECRET_INPUTS:
        wf.mask(inputs.get(name))
    for value in secret_values(env):
        wf.mask(value)
    os.environ.update(provider_variables(inputs))  # the SDKs read their keys and endpoints from there
    options = run_options(inputs)
    if options.timeout_minutes:
        _arm_timeout(options.timeout_minutes)
    try:
        if env.get("ARCHITECT_FORGE") == "local":
            result = run_local(env, inputs)
        else:
            result = run_github(env, inputs, options, wf)
    except BotError as err:
        wf.error(str(err))
        write_outputs(wf, env, Result("error", exit_code=err.exit_code))
        return err.exit_code
    except RunTimeout as stop:
        wf.error(str(stop))
        write_outputs(wf, env, Result("timed-out", exit_code=1))
        return 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    write_outputs(wf, env, result)
    return result.exit_code


def _arm_timeout(minutes: float) -> None:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise RunTimeout(f"the run took longer than timeout-minutes ({minutes:g}) and was stopped")

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, minutes * 60)


def write_outputs(wf: Workflow, env: Mapping[str, str], result: Result) -> None:
    outcome = result.outcome
    plan_path = ""
    plan_text = result.plan_text or (outcome.plan if outcome else "")
    if plan_text:
        plan_path = str(wf.temp_file("architect-plan.md", plan_text))
    cost = outcome.cost_usd if outcome else None
    wf.set_outputs(
        {
            "status": result.status,
            "pr-url": (outcome.pr_url or "") if outcome else "",
            "pr-number": str(outcome.pr_number or "") if outcome else "",
            "branch": (outcome.branch or "") if outcome else "",
            "cost-usd": "" if cost is None else f"{cost:.6f}",
            "plan": plan_path,
        }
    )


# -- local mode (self-test): issue from a file, PR as branch + markdown ----------------------------
def run_local(env: Mapping[str, str], inputs: dict[str, str]) -> Result:
    source = Path(env.get("ARCHITECT_LOCAL_REPO") or ".")
    issue_file = Path(env.get("ARCHITECT_LOCAL_ISSUE") or "")
    if not issue_file.is_file():
        raise UsageError("ARCHITECT_FORGE=local needs ARCHITECT_LOCAL_ISSUE: a markdown file with the issue")
    repo = (
        toplevel(source)
        if is_repo(source) and toplevel(source) == source.resolve()
        else repo_from_copy(
            source,
            Path(tempfile.mkdtemp(prefix="architect-local-")) / source.resolve().name,
            "architect-bot local run",
        )
    )
    settings = load_settings(repo, settings_overrides(inputs, None), run_options(inputs).config_file)
    task = Task(
        repo=repo,
        base_ref="HEAD",
        issue=issue_from_markdown(issue_file.read_text(encoding="utf-8")),
        settings=settings,
    )
    outcome = run_pipeline(
        task,
        build_models(settings),
        make_sandbox(settings.sandbox, settings.image),
        publish=local_publisher(task),
        cache_dir=cache_dir(repo),
    )
    return Result(outcome.status.value, outcome, exit_code=outcome.status.exit_code)


# -- GitHub mode ----------------------------------------------------------------------------------
def run_github(env: Mapping[str, str], inputs: dict[str, str], options: RunOptions, wf: Workflow) -> Result:
    event = read_event(env)
    routed = route(event.name, event.payload, options)
    if isinstance(routed, Ignored):
        log.info("ignored: %s", routed)
        return Result("ignored")
    trigger = routed
    forge = _github_forge(env, inputs)
    return Handler(forge, trigger, env, inputs, options, wf).run()


def _github_forge(env: Mapping[str, str], inputs: dict[str, str]) -> Forge:
    from bot.forge.github import GitHubForge

    token = inputs.get("github-token") or env.get("GITHUB_TOKEN") or ""
    repo = env.get("GITHUB_REPOSITORY") or ""
    if not token or not repo:
        raise UsageError(
            "the action needs GITHUB_REPOSITORY and a github-token (default: the workflow's token)"
        )
    # GitHub asks integrations to space writes about a second apart; a local GitHub needs no pacing.
    pacing = float(env.get("ARCHITECT_GITHUB_WRITE_INTERVAL") or 1.0)
    return GitHubForge(
        repo,
        token,
        bot_login=inputs.get("bot-login"),  # else asked of the API, or the Actions bot
        api_url=env.get("GITHUB_API_URL") or "https://api.github.com",
        seconds_between_requests=pacing / 4,
        seconds_between_writes=pacing,
    )
