"""Plan stage: the architect proposes the change in prose; its reasoning never enters the plan."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.models.types import CallSettings, Completion, Message
from bot.ports import Model, OnDelta
from bot.untrusted import fence

SYSTEM = """\
You are the architect: a senior engineer who plans a code change that another engineer, the editor,
will carry out. The editor sees only your plan and the files it names, not the issue or the repository.

Write the plan in prose, file by file and function by function: what to change, where, and why, with
names of functions, classes and variables, precise enough that a careful engineer can make the edits
without guessing. Do not write edit blocks, diffs or whole files; a short fragment (a signature, a
condition, a constant) is fine where prose would be ambiguous. Never propose deleting, skipping or
weakening tests to make them pass; add or adjust tests only when the issue calls for it.

If you must see a file that was not shown to you before you can plan, answer only with lines of the
form `NEED FILE: path/to/file` (at most a few) and you will be shown them.

Unless a test that already fails shows the bug, say which behaviour a new test should check to
reproduce the issue (it must fail on the current code), in a short section before the file list:
Reproduce:
<one to three sentences: what to call, with what input, and what the issue says should happen>

End the plan with a section exactly like this, one path per line, new files included:
Files to change:
- path/to/file.py
"""

_NEED = re.compile(r"^\s*NEED FILE:\s*`?([^`\s]+)`?\s*$", re.M)
_REPRODUCE = re.compile(
    r"^\W*reproduce\W*:[*_ \t]*(.*?)(?=^\W*files to (?:change|edit|create)\W*$|\Z)", re.I | re.M | re.S
)
_FILES_SECTION = re.compile(r"^\W*files to (?:change|edit|create)\W*$", re.I | re.M)
_PATH_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+[`*]*([\w./\-]+\.\w+|[\w./\-]+/[\w.\-]+)[`*]*")


@dataclass(frozen=True)
class Plan:
    text: str
    files: tuple[str, ...]
    completions: tuple[Completion, ...]


def requested_files(answer: str) -> list[str]:
    return [m.group(1).strip() for m in _NEED.finditer(answer)]


def reproduce_section(plan_text: str) -> str | None:
    """The behaviour the plan's `Reproduce:` section asks a new test to check; None without one."""
    match = _REPRODUCE.search(plan_text)
    text = match.group(1).strip() if match else ""
    return None if text.strip(" .*_`").lower() in ("", "none", "n/a", "-") else text


def without_reproduce(plan_text: str) -> str:
    """The plan minus its `Reproduce:` section: once the test is written, the fix must not write it again."""
    return _REPRODUCE.sub("", plan_text).strip() + "\n"


def without_files_list(plan_text: str) -> str:
    """The plan minus its `Files to change:` list (the heading and its items): a pull request shows
    the files it changed already, so a reviewer reads the list once."""
    sections = list(_FILES_SECTION.finditer(plan_text))
    if not sections:
        return plan_text
    match = sections[-1]
    lines = plan_text[match.end() :].splitlines(keepends=True)
    kept_from = 0
    for i, line in enumerate(lines):
        if _PATH_ITEM.match(line) or not line.strip():
            kept_from = i + 1
            continue
        break
    rest = "".join(lines[kept_from:])
    return (plan_text[: match.start()].rstrip() + ("\n\n" + rest if rest.strip() else "")).strip() + "\n"


def planned_files(answer: str) -> tuple[str, ...]:
    """Paths listed under `Files to change:`; backticked paths in the text when there is no list."""
    sections = list(_FILES_SECTION.finditer(answer))
    match = sections[-1] if sections else None
    files: list[str] = []
    if match is not None:
        for line in answer[match.end() :].splitlines():
            if item := _PATH_ITEM.match(line):
                files.append(item.group(1))
            elif line.strip() and files:
                break
    if not files:
        files = re.findall(r"`([\w./\-]+\.[A-Za-z0-9]+)`", answer)
    return tuple(dict.fromkeys(f.lstrip("./") for f in files))


def ci_prompt(text: str) -> str:
    """The failing CI jobs (bot/ci_followup.py) as a prompt part, fenced as untrusted text."""
    return (
        "The repository's CI failed on the pull request that carries this change:\n"
        + fence("ci-log", text)
        + "\nChange the code so this CI failure goes away, keeping the fix of the issue."
    )


def build_messages(
    issue_text: str, context_text: str, instructions: str, feedback: str | None, ci_report: str = ""
) -> list[Message]:
    parts = [context_text, fence("issue", issue_text)]
    if instructions:
        parts.append(fence("maintainer-instructions", instructions))
    if ci_report:
        parts.append(ci_prompt(ci_report))
    if feedback:
        parts.append(
            "A previous attempt made from your earlier plan failed its tests. Output of the test run:\n"
            + fence("test-output", feedback)
            + "\nRevise the plan so the tests pass."
        )
    parts.append("Plan the change that resolves the issue above.")
    return [Message("system", SYSTEM), Message("user", "\n\n".join(parts))]


def make_plan(
    model: Model,
    issue_text: str,
    context_text: str,
    settings: CallSettings,
    *,
    instructions: str = "",
    read_extra: Callable[[Sequence[str]], str] | None = None,
    feedback: str | None = None,
    on_delta: OnDelta | None = None,
    ci_report: str = "",
) -> Plan:
    """Asks the architect once; if it asks for files it was not shown, adds them and asks once more."""
    messages = build_messages(issue_text, context_text, instructions, feedback, ci_report)
    first = model.complete(messages, settings, on_delta)
    completions = [first]
    answer = first.answer
    wanted = requested_files(answer)
    if wanted and read_extra is not None:
        extra = read_extra(wanted)
        follow_up = [
            *messages,
            Message("assistant", answer),
            Message("user", f"{extra}\n\nNow write the plan. Do not ask for more files."),
        ]
        second = model.complete(follow_up, settings, on_delta)
        completions.append(second)
        answer = second.answer
    text = _NEED.sub("", answer).strip()
    return Plan(text=text, files=planned_files(text), completions=tuple(completions))
