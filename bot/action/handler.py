"""One routed GitHub event handled: pre-flight checks, status comment, reactions, then the plan or the
fix through the pipeline, published as a branch and a pull request."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import reduce
from pathlib import Path

from bot.action import preflight, spending, texts
from bot.action.inputs import RunOptions, settings_overrides
from bot.action.ledger import run_key
from bot.action.preflight import DayBudget, Skip
from bot.action.publish import PublishOptions, github_publisher
from bot.action.result import Result, RunTimeout
from bot.action.status import StatusComment, status_marker
from bot.action.workflow import Workflow
from bot.architect import make_plan
from bot.commands.common import build_model, build_models
from bot.config import Settings, call_settings, load_settings
from bot.context import build_context
from bot.errors import BotError, UsageError
from bot.events import Trigger, TriggerSettings, issue_from_branch
from bot.forge.base import Forge
from bot.forge.types import Comment as ForgeComment
from bot.forge.types import Issue as ForgeIssue
from bot.forge.types import ReactionContent, ReactionTarget
from bot.gitutil import git, head_commit, is_repo, toplevel
from bot.models.metered import MeteredModel
from bot.outcome import Status, Usage
from bot.pipeline import run_pipeline
from bot.render import pr_body
from bot.sandbox import make_sandbox
from bot.secrets import redact
from bot.task import Issue, Task
from bot.untrusted import clean

log = logging.getLogger(__name__)


def _cache_dir(env: Mapping[str, str]) -> Path | None:
    """The runner's tool cache keeps the baseline across runs on a self-hosted runner and across
    the steps of one job on a hosted one; without it nothing is cached."""
    root = env.get("RUNNER_TOOL_CACHE")
    return Path(root) / "architect-bot" if root else None


def _workspace(env: Mapping[str, str]) -> Path:
    path = Path(env.get("GITHUB_WORKSPACE") or ".")
    if not is_repo(path):
        raise UsageError(
            f"GITHUB_WORKSPACE {path} is not a git checkout: add actions/checkout before the action"
        )
    return toplevel(path)


def _settings(
    workspace: Path, inputs: dict[str, str], options: RunOptions, trigger: Trigger | None
) -> Settings:
    return load_settings(workspace, settings_overrides(inputs, trigger), options.config_file)


class Handler:
    """One trigger on one issue or pull request, from the pre-flight checks to the closing reaction."""

    def __init__(
        self,
        forge: Forge,
        trigger: Trigger,
        env: Mapping[str, str],
        inputs: dict[str, str],
        options: RunOptions,
        wf: Workflow,
        tsettings: TriggerSettings,
    ) -> None:
        self.forge, self.trigger, self.env, self.inputs = forge, trigger, env, inputs
        self.options, self.wf, self.tsettings = options, wf, tsettings
        self.number = trigger.thread_number
        self.prefix, self.label = options.command_prefix, options.trigger_label
        self.now = preflight.now_utc  # the clock of the daily budget
        self._budget: DayBudget | None = None
        self._thread_comments: tuple[ForgeComment, ...] | None = None

    def _skip(self, skip: Skip) -> Result:
        log.info("%s: %s", skip.status, skip.reason)
        if skip.comment is not None:
            self.forge.post_comment(self.number, skip.comment)
        return Result(skip.status, reaction=skip.reaction)

    def run(self) -> Result:
        t = self.trigger
        skip = preflight.check_actor(self.forge, t, self.options, self.label) or preflight.check_pr_origin(
            self.forge, t, self.tsettings
        )
        if skip is not None:
            return self._skip(skip)
        if t.command == "help":
            self.forge.post_comment(self.number, texts.help_text(self.prefix, self.label, t.note))
            return Result("help")
        if t.command == "explain" and t.pr_number is not None:
            pr = self.forge.get_pull(t.pr_number)
            self.forge.post_comment(self.number, pr.body or "This pull request has no description yet.")
            return Result("explained")
        issue = self.forge.get_issue(self.issue_number())
        if (skip := preflight.check_issue(issue)) is not None:
            return self._skip(skip)
        if issue.number == self.number:
            self._thread_comments = issue.comments
        self._react("eyes")
        try:
            result = self._dispatch(issue)
        except (BotError, RunTimeout):
            self._react("confused")
            raise
        self._react(result.reaction or ("rocket" if result.exit_code == 0 else "confused"))
        return result

    def issue_number(self) -> int:
        """The issue a PR command is about: the number in the bot's branch name, else the PR itself."""
        t = self.trigger
        if t.is_pull_request and t.pr_head_ref:
            return issue_from_branch(t.pr_head_ref, self.tsettings) or self.number
        return t.issue_number or self.number

    def _react(self, content: ReactionContent) -> None:
        t = self.trigger
        if t.comment_id is not None and t.comment_kind == "review_comment" and t.pr_number is not None:
            target = ReactionTarget.review_comment(t.pr_number, t.comment_id)
        elif t.comment_id is not None:
            target = ReactionTarget.comment(self.number, t.comment_id)
        else:
            target = ReactionTarget.issue(self.number)
        try:
            self.forge.add_reaction(target, content)
        except BotError as err:  # a reaction is a courtesy: never fail a run for it
            log.warning("could not react %s: %s", content, err)

    def _dispatch(self, gh_issue: ForgeIssue) -> Result:
        workspace = _workspace(self.env)
        settings = _settings(workspace, self.inputs, self.options, self.trigger)
        issue = Issue(
            title=clean(gh_issue.title),
            body=clean(gh_issue.body or ""),
            number=gh_issue.number,
            comments=tuple(
                clean(c.body)
                for c in gh_issue.human_comments()
                if not c.body.lstrip().startswith(self.prefix)
            ),
        )
        command = self.trigger.command
        if command == "plan":
            return self._plan(workspace, settings, issue)
        return self._fix(workspace, settings, issue, gh_issue)

    # -- the daily budget and the spend ledger ----------------------------------------------
    def _thread(self) -> tuple[ForgeComment, ...]:
        """The comments of the thread the run answers on (read once)."""
        if self._thread_comments is None:
            self._thread_comments = self.forge.get_issue(self.number).comments
        return self._thread_comments

    def _check_budget(self, settings: Settings) -> Skip | None:
        """Pre-flight against ``max-cost-usd-per-day``; keeps the budget to narrow this run's cap."""
        if settings.max_cost_usd_per_day is None:
            return None
        self._budget = preflight.day_budget(self.forge, settings.max_cost_usd_per_day, self.now())
        return preflight.check_day_budget(self._budget, self.prefix)

    # -- commands --------------------------------------------------------------------------
    def _status(self) -> StatusComment:
        marker = status_marker(self.number)
        day = self.now().date().isoformat()
        return StatusComment(
            lambda body: self._upsert(marker, body),
            run_url=self.wf.run_url(),
            ledger=spending.earlier_spend(self._thread(), self.number),
            run=(run_key(self.env), day),
        )

    def _upsert(self, marker: str, body: str) -> None:
        try:
            self.forge.upsert_status_comment(self.number, marker, body)
        except BotError as err:
            log.warning("could not update the status comment: %s", err)

    def _plan(self, workspace: Path, settings: Settings, issue: Issue) -> Result:
        if settings.architect is None:
            raise UsageError(
                "`plan` needs an architect model: set the architect-model input or `architect:` in the config"
            )
        if (skip := self._check_budget(settings)) is not None:
            return self._skip(skip)
        status = self._status()
        architect = MeteredModel(build_model(settings, settings.architect), status.spend)
        context = build_context(
            workspace, issue.text, map_tokens=settings.map_tokens, file_tokens=settings.file_tokens
        )
        status.stage("plan", architect.name)
        plan = make_plan(
            architect,
            redact(issue.text),
            context.render(),
            call_settings(settings, "architect"),
            instructions=redact(clean(self.trigger.extra or "")),
            on_delta=status.delta,
        )
        status.done("plan")
        usage = reduce(Usage.add, plan.completions, Usage(model=architect.name, role="architect"))
        cost = "unknown" if usage.cost_usd is None else f"${usage.cost_usd:.4f}"
        figures = (
            f"{architect.name} · thought {usage.thinking_seconds:.0f} s · "
            f"{usage.reasoning_tokens} reasoning tokens · {cost}"
        )
        self.forge.upsert_status_comment(
            self.number,
            f"architect-bot:plan:{self.number}",
            redact(texts.plan_comment(plan.text, self.prefix, figures)),
        )
        status.close()
        return Result("planned", plan_text=plan.text)

    def _given_plan(self, gh_issue: ForgeIssue) -> str:
        marker = f"<!-- architect-bot:plan:{self.number} -->"
        plans = [c.body for c in gh_issue.comments if c.is_bot and marker in c.body]
        if not plans:
            raise UsageError(f"there is no plan on this issue yet: comment `{self.prefix} plan` first")
        return texts.plan_from_comment(plans[-1])

    def _pr_base(self, workspace: Path, base_branch: str, pr_head: str) -> str | None:
        """Where the pull request branched off its base branch: a revision is compared with it (the
        checkout may be the PR's merge commit, which already holds the fix). None: compare with the
        branch itself, as when the base branch cannot be fetched."""
        base_tip = self.forge.fetch_branch(workspace, base_branch)
        if base_tip is None:
            return None
        return git(workspace, "merge-base", base_tip, pr_head, check=False) or None

    def _fix(self, workspace: Path, settings: Settings, issue: Issue, gh_issue: ForgeIssue) -> Result:
        t = self.trigger
        issue_number = issue.number or self.number
        branch = f"architect/issue-{issue_number}"
        revise = t.command == "revise"
        existing = self.forge.find_open_pr(branch)
        skip = preflight.check_existing_pr(t, existing, self.prefix) or self._check_budget(settings)
        if skip is not None:
            return self._skip(skip)
        settings, budget_note = spending.narrowed(settings, self._budget)
        base_branch = self.forge.default_branch()
        base_ref = head_commit(workspace)
        baseline_ref: str | None = None
        if revise:
            pr_branch = existing.branch if existing else branch
            fetched = self.forge.fetch_branch(workspace, pr_branch)
            if fetched is None:
                raise UsageError(
                    f"the pull request's branch {pr_branch} is gone: comment `{self.prefix} fix` on the issue"
                )
            base_ref = fetched
            baseline_ref = self._pr_base(workspace, base_branch, fetched)
        instructions = clean(t.extra or "")
        if revise and t.review_path:
            instructions = f"Review comment on `{t.review_path}` line {t.review_line}:\n{instructions}"
        task = Task(
            repo=workspace,
            base_ref=base_ref,
            issue=issue,
            settings=settings,
            instructions=instructions,
            plan=self._given_plan(gh_issue) if t.command == "go" else None,
            baseline_ref=baseline_ref,
        )
        status = self._status()
        publish = github_publisher(
            self.forge,
            issue,
            PublishOptions(
                base=base_branch,
                branch=branch,
                fresh=not revise,
                draft_on_failure=self.options.draft_on_failure,
                reviewer=t.actor,
            ),
        )
        with self.wf.group(f"architect-bot {t.command} #{issue_number}"), status.failing_on(RunTimeout):
            outcome = run_pipeline(
                task,
                spending.metered(build_models(settings), status.spend),
                make_sandbox(settings.sandbox, settings.image),
                publish=publish,
                progress=status,
                cache_dir=_cache_dir(self.env),
            )
        status.finish(outcome, budget_note)
        self.wf.summary(pr_body(outcome, issue))
        if revise and outcome.commit:
            reply = f"Pushed {outcome.commit[:12]}: {outcome.status.value}. " + (
                outcome.plan[:1500] if outcome.plan else ""
            )
            if t.comment_kind == "review_comment" and t.pr_number is not None and t.comment_id is not None:
                self.forge.reply_to_review_comment(t.pr_number, t.comment_id, redact(reply))
            else:
                self.forge.post_comment(self.number, redact(reply))
        if outcome.status is not Status.FIXED:
            self.wf.error(
                f"architect-bot: {outcome.status.value}" + (f": {outcome.error}" if outcome.error else "")
            )
        return Result(outcome.status.value, outcome, exit_code=outcome.status.exit_code)
