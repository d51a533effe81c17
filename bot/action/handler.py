"""One routed GitHub event handled: pre-flight checks, then the method that ``bot.slash_commands``
names for the command. Commands that call models run on the issue (the one a bot PR fixes, read
through the API) with reactions and a status comment, and publish a branch and a pull request."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.action import preflight, spending, texts
from bot.action.ci_checks import await_checks, expects_checks
from bot.action.ci_fix import Assessment, CiWork, assess
from bot.action.comment_gate import readable_comments
from bot.action.inputs import settings_overrides
from bot.action.ledger import run_key
from bot.action.preflight import BotPull, DayBudget, Skip
from bot.action.publish import PublishOptions, github_publisher
from bot.action.result import Result, RunTimeout
from bot.action.status import StatusComment, status_marker
from bot.action.workflow import Workflow
from bot.architect import Plan
from bot.baseline import BaselineCache
from bot.ci_followup import section, stop_comment, with_section
from bot.config import Settings, load_settings
from bot.errors import BotError, UsageError
from bot.events import CiRun, Trigger
from bot.forge.base import Forge
from bot.forge.types import Comment as ForgeComment
from bot.forge.types import ForgeIssue, ReactionContent, ReactionTarget
from bot.gitutil import commit_tree, is_repo, merge_base, toplevel
from bot.models.factory import build_model, build_models
from bot.models.metered import MeteredModel
from bot.outcome import Outcome, Status
from bot.pipeline import run_pipeline
from bot.planning import plan_only
from bot.quote import Quote, quote_go
from bot.render import pr_body
from bot.run_options import RunOptions
from bot.sandbox import make_sandbox
from bot.slash_commands import lookup
from bot.task import Issue, Task, branch_name
from bot.untrusted import clean, clean_plain

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
    workspace: Path, inputs: dict[str, str], options: RunOptions, trigger: Trigger | None, trusted: str
) -> Settings:
    return load_settings(workspace, settings_overrides(inputs, trigger), options.config_file, trusted)


@dataclass(frozen=True)
class Job:
    """What a command that calls models works on."""

    workspace: Path
    settings: Settings
    issue: Issue  # cleaned, for the models
    gh_issue: ForgeIssue  # as the forge gave it
    trusted: tuple[str, str]  # the default branch and its commit: where settings come from


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
    ) -> None:
        self.forge, self.trigger, self.env, self.inputs = forge, trigger, env, inputs
        self.options, self.wf = options, wf
        self.number = trigger.thread_number
        self.prefix, self.label = options.command_prefix, options.trigger_label
        self.now = preflight.now_utc  # the clock of the daily budget
        self._budget: DayBudget | None = None
        self._thread_comments: tuple[ForgeComment, ...] | None = None
        self.pull: BotPull | None = None  # the bot's PR a PR command is about, once checked

    def _skip(self, skip: Skip) -> Result:
        log.info("%s: %s", skip.status, skip.reason)
        if skip.comment is not None:
            self._reply(skip.comment)
        return Result(skip.status, reaction=skip.reaction)

    def run(self) -> Result:
        t = self.trigger
        if t.ci_run is not None:  # no command anyone typed: see bot/action/ci_fix.py
            return self._ci_follow_up(t.ci_run)
        if (skip := preflight.check_actor(self.forge, t, self.options, self.label)) is not None:
            return self._skip(skip)
        if t.pr_number is not None:
            pull = preflight.bot_pull(self.forge, t.pr_number, self.options)
            if isinstance(pull, Skip):
                return self._skip(pull)
            self.pull = pull
        command = lookup(t.command)
        assert command is not None, f"routing gave the unknown command {t.command!r}"
        method = getattr(self, command.method)  # the table names it; a test checks every name
        if not command.calls_models:
            reply: Result = method()
            return reply
        return self._on_issue(method)

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

    def _trusted_commit(self, workspace: Path) -> tuple[str, str]:
        """The default branch and its commit, fetched afresh: the one source of settings and the start
        of a fix, whatever the workflow checked out (a pull request's head, for a review comment)."""
        branch = self.forge.default_branch()
        commit = self.forge.fetch_branch(workspace, branch)
        if commit is None:
            raise UsageError(f"the default branch {branch} could not be fetched: check the repository")
        return branch, commit

    def _reply(self, body: str) -> None:
        """Answers where the command was posted: in the review thread for a review comment."""
        t = self.trigger
        if t.comment_kind == "review_comment" and t.pr_number is not None and t.comment_id is not None:
            self.forge.reply_to_review_comment(t.pr_number, t.comment_id, body)
        else:
            self.forge.post_comment(self.number, body)

    def _on_issue(self, work: Callable[[Job], Result]) -> Result:
        """A command that calls models: on the open issue, with reactions saying it started and ended."""
        if self.pull is None:
            gh_issue: ForgeIssue | Skip = self.forge.get_issue(self.trigger.issue_number or self.number)
        else:
            gh_issue = preflight.issue_of_bot_pull(self.forge, self.pull, self.prefix)
        if isinstance(gh_issue, Skip):
            return self._skip(gh_issue)
        if (skip := preflight.check_issue(gh_issue)) is not None:
            return self._skip(skip)
        if gh_issue.number == self.number:
            self._thread_comments = gh_issue.comments
        self._react("eyes")
        try:
            result = work(self._job(gh_issue))
        except (BotError, RunTimeout):
            self._react("confused")
            raise
        self._react(result.reaction or ("rocket" if result.exit_code == 0 else "confused"))
        return result

    def _job(self, gh_issue: ForgeIssue) -> Job:
        workspace = _workspace(self.env)
        trusted = self._trusted_commit(workspace)
        settings = _settings(workspace, self.inputs, self.options, self.trigger, trusted[1])
        issue = Issue(
            title=clean_plain(gh_issue.title),
            body=clean(gh_issue.body or ""),
            number=gh_issue.number,
            comments=readable_comments(
                self.forge,
                gh_issue,
                prefix=self.prefix,
                comments_from=settings.comments_from,
                allowed_users=self.options.allowed_users,
            ),
        )
        return Job(workspace, settings, issue, gh_issue, trusted)

    # -- the commands of bot.slash_commands -------------------------------------------------
    def _help(self) -> Result:
        self._reply(texts.help_text(self.prefix, self.label, self.trigger.note))
        return Result("help")

    def _explain(self) -> Result:
        assert self.pull is not None, "explain is posted on pull requests only"
        pr = self.forge.get_pull(self.pull.number)
        self._reply(pr.body or "This pull request has no description yet.")
        return Result("explained")

    def _fix(self, job: Job) -> Result:
        return self._run(job, branch_name(job.issue, with_title=False), fresh=True)

    def _go(self, job: Job) -> Result:
        plan = self._given_plan()
        if plan is None:
            return self._skip(Skip("skipped", "no plan comment to carry out", texts.no_plan(self.prefix)))
        return self._run(job, branch_name(job.issue, with_title=False), fresh=True, plan=plan)

    def _retry(self, job: Job) -> Result:
        assert self.pull is not None, "retry is posted on pull requests only"
        return self._run(job, self.pull.branch, fresh=True)

    def _revise(self, job: Job) -> Result:
        assert self.pull is not None, "revise is posted on pull requests only"
        result = self._run(job, self.pull.branch, fresh=False)
        outcome = result.outcome
        if outcome is not None and outcome.commit:
            self._reply(
                f"Pushed {outcome.commit[:12]}: {outcome.status.value}. "
                + (outcome.plan[:1500] if outcome.plan else "")
            )
        return result

    def _ci_follow_up(self, run: CiRun) -> Result:
        """A failed CI run on the bot's pull request: one more fix commit, or a comment saying why not."""
        assert self.trigger.pr_number is not None, "routing gives a CI run its pull request"
        pull = preflight.bot_pull(self.forge, self.trigger.pr_number, self.options)
        if isinstance(pull, Skip):
            return self._skip(pull)
        if pull.head_sha and pull.head_sha != run.head_sha:
            return self._skip(
                Skip(
                    "ignored",
                    f"run {run.run_id} tested {run.head_sha[:12]}, not the head {pull.head_sha[:12]}",
                )
            )
        self.pull = pull
        gh_issue = preflight.issue_of_bot_pull(self.forge, pull, self.prefix)
        if isinstance(gh_issue, Skip):
            return self._skip(gh_issue)
        if (skip := preflight.check_issue(gh_issue)) is not None:
            return self._skip(skip)
        job = self._job(gh_issue)
        if job.settings.ci_fix_rounds == 0:
            return self._skip(Skip("ignored", "ci-fix-rounds is 0: the CI follow-up is off"))
        seen = assess(self.forge, job.workspace, job.trusted, pull, run, job.settings)
        if seen.work is None:
            self._ci_stop(pull, seen)
            return Result("ci-stopped")
        return self._run(job, pull.branch, fresh=False, ci=seen.work)

    def _ci_stop(self, pull: BotPull, seen: Assessment) -> None:
        log.info("CI follow-up stopped: %s", seen.decision.detail)
        # one comment per pull request, edited: a re-delivered or re-run event does not add another
        self.forge.upsert_status_comment(
            pull.number, f"architect-bot:ci:{pull.number}", stop_comment(seen.failure, seen.decision)
        )
        pr = self.forge.get_pull(pull.number)
        body = with_section(pr.body, section(seen.done, seen.decision.detail))
        if body != pr.body:
            self.forge.open_or_update_pr(pr.branch, pr.base, pr.title, body, pr.draft)

    def _ci_started(self, outcome: Outcome, job: Job) -> str:
        """A note when the repository's CI did not start on the pull request ("" when it did, or when
        nothing was to be waited for)."""
        minutes = self.options.ci_wait_minutes
        if not (minutes > 0 and outcome.pr_number and outcome.commit):
            return ""
        if not expects_checks(job.workspace, job.trusted[1]):
            return ""
        found = await_checks(self.forge, outcome.commit, minutes)
        if found is None:
            return "The checks of the pull request could not be read: give the workflow `checks: read`."
        return "" if found else texts.no_checks(minutes)

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

    def _plan(self, job: Job) -> Result:
        workspace, settings, issue = job.workspace, job.settings, job.issue
        if settings.architect is None:
            raise UsageError(
                "`plan` needs an architect model: set the architect-model input or `architect:` in the config"
            )
        if (skip := self._check_budget(settings)) is not None:
            return self._skip(skip)
        status = self._status()
        architect = MeteredModel(build_model(settings, settings.architect), status.spend)
        status.stage("plan", architect.name)
        # the files of the commit the run starts from, as `fix` sees them: not what else lies in the checkout
        with commit_tree(workspace, job.trusted[1]) as tree:
            planned = plan_only(
                architect, tree, issue.text, settings,
                instructions=clean(self.trigger.extra or ""), on_delta=status.delta,
            )  # fmt: skip
            quote = self._quote(planned.plan, tree, settings, job.trusted[1], planned.usage.cost_usd)
        status.done("plan")
        plan, usage, cost = planned.plan, planned.usage, planned.cost
        figures = (
            f"{architect.name} · thought {usage.thinking_seconds:.0f} s · "
            f"{usage.reasoning_tokens} reasoning tokens · {cost}"
        )
        self.forge.upsert_status_comment(
            self.number,
            f"architect-bot:plan:{self.number}",
            texts.plan_comment(plan.text, self.prefix, figures, quote.text()),
        )
        status.close()
        return Result("planned", plan_text=plan.text)

    def _quote(self, plan: Plan, tree: Path, settings: Settings, base: str, spent: float | None) -> Quote:
        cache = _cache_dir(self.env)
        tests = BaselineCache(cache).test_seconds_at(base) if cache is not None else None
        # the budget was read before the plan: what the plan itself cost comes off it
        left = max(0.0, self._budget.remaining_usd - (spent or 0.0)) if self._budget is not None else None
        return quote_go(plan.text, plan.files, tree, settings, test_seconds=tests, day_left_usd=left)

    def _given_plan(self) -> str | None:
        marker = f"<!-- architect-bot:plan:{self.number} -->"
        # Only the bot's own plan counts: any App can post a comment carrying the marker. Read again,
        # now that the run's first reaction has told an App token who it is.
        comments = self.forge.get_issue(self.number).comments
        plans = [c.body for c in comments if c.is_self and marker in c.body]
        if not plans:
            return None
        return texts.plan_from_comment(plans[-1])

    def _run(
        self, job: Job, branch: str, *, fresh: bool, plan: str | None = None, ci: CiWork | None = None
    ) -> Result:
        """The pipeline on ``branch``: a fresh fix replaces it, a revision adds a commit on top."""
        t, settings = self.trigger, job.settings
        existing = self.forge.find_open_pr(branch) if t.event_name == "issues" else None
        skip = preflight.check_existing_pr(t, existing, self.prefix) or self._check_budget(settings)
        if skip is not None:
            return self._skip(skip)
        settings, budget_note = spending.narrowed(settings, self._budget)
        base_branch, base_ref = job.trusted
        baseline_ref: str | None = None
        if not fresh:
            fetched = self.forge.fetch_branch(job.workspace, branch)
            if fetched is None:
                raise UsageError(
                    f"the pull request's branch {branch} is gone: comment `{self.prefix} fix` on the issue"
                )
            base_ref = fetched
            # compared with where the pull request branched off (the checkout may be the PR's merge
            # commit, which already holds the fix); None: with the branch itself
            baseline_ref = merge_base(job.workspace, job.trusted[1], fetched)
        instructions = clean(t.extra or "")
        if t.place == "review" and t.review_path:
            instructions = f"Review comment on `{t.review_path}` line {t.review_line}:\n{instructions}"
        issue, issue_number = job.issue, job.issue.number
        task = Task(
            repo=job.workspace,
            base_ref=base_ref,
            issue=issue,
            settings=settings,
            instructions=instructions,
            plan=plan,
            baseline_ref=baseline_ref,
            trusted_ref=job.trusted[1],  # instruction files from the default branch, not the PR
            ci_report=ci.report if ci else "",
            editor_first=ci.editor_first if ci else False,
        )
        status = self._status()
        publish = github_publisher(
            self.forge,
            issue,
            PublishOptions(
                base=base_branch,
                branch=branch,
                fresh=fresh,
                draft_on_failure=self.options.draft_on_failure,
                reviewer=None if ci else t.actor,
                protected_paths=settings.protected_paths,
                base_commit=job.trusted[1],
                trailers=ci.trailers if ci else (),
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
        ci_note = ci.summary(outcome.commit) if ci else ""
        status.finish(
            outcome, "\n\n".join(filter(None, (ci_note, budget_note, self._ci_started(outcome, job))))
        )
        self.wf.summary(pr_body(outcome, issue))
        if outcome.status is not Status.FIXED:
            self.wf.error(
                f"architect-bot: {outcome.status.value}" + (f": {outcome.error}" if outcome.error else "")
            )
        return Result(outcome.status.value, outcome, exit_code=outcome.status.exit_code)
