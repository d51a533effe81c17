"""`bench-mine`: past fixes of a repository -> validated SWE-bench cases, resumable and parallel.

Every candidate ends in exactly one of two files: ``cases.jsonl`` (valid) or the report beside it
(``cases.dropped.jsonl``: commit, subject and why it was dropped). A re-run skips the commits
either file already names, so an interrupted run finishes where it stopped.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from bot.bench.swe.history import Candidate, Skip, scan, split_patch, version_at
from bot.bench.swe.instance import STATEMENT_COMMIT, STATEMENT_ISSUE, SweInstance, append_line, read_instances
from bot.bench.swe.validate import MINE_LIMITS, Verdict, validate
from bot.errors import UsageError
from bot.gitutil import git
from bot.ports import Sandbox
from bot.sandbox import Limits


@dataclass(frozen=True)
class MineConfig:
    repo: Path
    out: Path
    test_command: str
    setup_command: str | None = None
    image: str | None = None
    since: str | None = None
    limit: int | None = None
    workers: int = 1
    runs: int = 2
    repo_name: str | None = None  # owner/name; default: from the origin remote or the folder
    # fix commit -> the text of the issue it closed (bot.bench.swe.statements); others: their message
    issue_statements: Mapping[str, str] = field(default_factory=dict)
    limits: Limits = MINE_LIMITS


@dataclass(frozen=True)
class Mined:
    """One candidate's end: the case, or the reason it was dropped."""

    candidate: Candidate
    case: SweInstance | None
    verdict: Verdict


@dataclass(frozen=True)
class MineRun:
    mined: tuple[Mined, ...]
    skipped: tuple[Skip, ...]  # commits that were never candidates (no tests, no source)
    resumed: int  # candidates an earlier run already decided


OnMined = Callable[[Mined], None]


def report_path(out: Path) -> Path:
    return out.with_name(out.name.removesuffix(".jsonl") + ".dropped.jsonl")


def mine(
    config: MineConfig,
    sandbox: Sandbox,
    on_mined: OnMined | None = None,
    on_start: Callable[[int], None] | None = None,
) -> MineRun:
    if config.workers < 1 or config.runs < 1:
        raise UsageError("--workers and --runs must be at least 1")
    candidates, skipped = scan(config.repo, since=config.since)
    # fixes of a real issue first: their statement is what the bot would have been given
    candidates.sort(key=lambda c: c.commit not in config.issue_statements)
    if config.limit is not None:
        candidates = candidates[: config.limit]
    done = _decided(config.out)
    todo = [c for c in candidates if c.commit not in done]
    if on_start is not None:
        on_start(len(todo))
    name = config.repo_name or repo_name(config.repo)
    lock = threading.Lock()
    mined: list[Mined] = []

    def one(candidate: Candidate) -> Mined:
        patch, test_patch = split_patch(config.repo, candidate)
        verdict = validate(
            config.repo,
            candidate.parent,
            patch,
            test_patch,
            sandbox,
            test_command=config.test_command,
            setup_command=config.setup_command,
            limits=config.limits,
            runs=config.runs,
        )
        case = None
        if verdict.valid:
            case = _instance(config, name, candidate, patch, test_patch, verdict)
        result = Mined(candidate, case, verdict)
        with lock:  # one writer at a time keeps every line whole
            if case is not None:
                append_line(config.out, case.to_json())
            else:
                append_line(
                    report_path(config.out),
                    json.dumps(
                        {
                            "commit": candidate.commit,
                            "subject": candidate.subject,
                            "reason": verdict.dropped,
                            "flaky": list(verdict.flaky),
                        }
                    ),
                )
            mined.append(result)
        if on_mined is not None:
            on_mined(result)
        return result

    with ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="mine") as pool:
        futures = [pool.submit(one, c) for c in todo]
        try:
            for future in as_completed(futures):
                future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # the files hold what finished: re-run resumes
            raise
    order = {c.commit: n for n, c in enumerate(candidates)}
    return MineRun(
        tuple(sorted(mined, key=lambda m: order[m.candidate.commit])),
        tuple(skipped),
        len(candidates) - len(todo),
    )


def _decided(out: Path) -> set[str]:
    """Commits an earlier run already turned into a case or dropped."""
    decided: set[str] = set()
    if out.exists():
        for case in read_instances(out):
            decided.add(str(case.extra.get("fix_commit") or ""))
    report = report_path(out)
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            try:
                decided.add(str(json.loads(line).get("commit", "")))
            except (ValueError, AttributeError):
                continue  # a line cut by a kill: that candidate runs again
    return decided - {""}


def _instance(
    config: MineConfig, name: str, candidate: Candidate, patch: str, test_patch: str, verdict: Verdict
) -> SweInstance:
    return SweInstance(
        instance_id=f"{name.replace('/', '__')}-{candidate.commit[:10]}",
        repo=name,
        base_commit=candidate.parent,
        patch=patch,
        test_patch=test_patch,
        problem_statement=config.issue_statements.get(candidate.commit, candidate.message),
        created_at=candidate.date,
        version=version_at(config.repo, candidate.parent),
        environment_setup_commit=candidate.parent,
        FAIL_TO_PASS=verdict.fail_to_pass,
        PASS_TO_PASS=verdict.pass_to_pass,
        statement=STATEMENT_ISSUE if candidate.commit in config.issue_statements else STATEMENT_COMMIT,
        test_command=config.test_command,
        setup_command=config.setup_command,
        image=config.image,
        extra={"fix_commit": candidate.commit},
    )


def repo_name(repo: Path) -> str:
    """owner/name from a GitHub-style origin URL, else ``local/<folder>``."""
    url = git(repo, "remote", "get-url", "origin", check=False)
    match = re.search(r"[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?/?$", url)
    if match and not url.endswith(".bundle"):
        return f"{match.group(1)}/{match.group(2)}"
    return f"local/{repo.resolve().name}"
