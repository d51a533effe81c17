"""Edit stage: the editor turns the plan and the files it touches into edits, reflecting on failures."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bot.context.budget import PER_FILE_SHARE, render_within
from bot.context.instructions import prompt_block
from bot.edits import ApplyResult, EditPolicy, apply_answer, format_prompt
from bot.models.types import CallSettings, Completion, Message
from bot.ports import Model, OnDelta
from bot.tokens import estimate_tokens
from bot.untrusted import backticks_for, fence

MAX_FILE_BYTES = 200_000  # a file past this would crowd the plan and the other files out of the prompt

SYSTEM = """\
You are the editor: an expert programmer who turns a plan into exact edits of the files shown.
Make every change the plan asks for and nothing else. Keep the code's style. Do not delete, skip
or weaken tests. Answer only with edits in the format below; no explanations are needed.

{rules}

Example:
{example}
"""


@dataclass(frozen=True)
class EditRound:
    """One editor turn and its reflections."""

    results: tuple[ApplyResult, ...]
    completions: tuple[Completion, ...]
    seconds: float

    @property
    def changed_files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for r in self.results for f in r.changed_files))

    @property
    def malformed(self) -> int:
        return sum(1 for r in self.results if not r.well_formed)

    @property
    def well_formed(self) -> bool:
        return self.malformed == 0

    @property
    def proposed_nothing(self) -> bool:
        """No answer held a single edit block, readable or not: the editor chose not to change anything.

        A block the parser could not read (numbered from 1) is an attempt to edit that failed, not a choice.
        """
        return all(
            r.blocks_parsed == 0 and not any(f.kind == "malformed" and f.block > 0 for f in r.failures)
            for r in self.results
        )

    @property
    def last_error(self) -> str | None:
        return self.results[-1].reflection if self.results else None


def inside(repo: Path, path: str) -> bool:
    """True for a path that stays inside the repository and out of `.git/`, existing or not."""
    root = repo.resolve()
    target = (root / path).resolve()
    return target.is_relative_to(root) and target != root and ".git" not in target.relative_to(root).parts


def render_files(repo: Path, paths: list[str], *, hint: str = "", file_tokens: int | None = None) -> str:
    """The files' full text for a prompt; paths outside the repository are never read.

    With ``file_tokens``, a file too large for its share of that budget is shown as exact slices
    of the definitions ``hint`` (the plan) names, with their line numbers, and an outline.
    """
    blocks = []
    for path in paths:
        if not inside(repo, path):
            continue
        target = repo / path
        if target.is_file():
            data = target.read_bytes()
            if len(data) > MAX_FILE_BYTES or b"\0" in data[:8192]:
                blocks.append(
                    f"{path}\n(binary or larger than {MAX_FILE_BYTES // 1000} kB: not shown, do not edit it)"
                )
                continue
            text = data.decode("utf-8", errors="replace")
            if file_tokens is not None and estimate_tokens(text) > file_tokens * PER_FILE_SHARE:
                blocks.append(render_within(repo, [path], hint, file_tokens, "too large to show whole"))
                continue
            ticks = backticks_for(text)
            blocks.append(f"{path}\n{ticks}\n{text}{'' if text.endswith(chr(10)) else chr(10)}{ticks}")
        else:
            blocks.append(f"{path}\n(this file does not exist yet: create it)")
    return "\n\n".join(blocks)


def build_messages(
    fmt: str, plan_text: str, files_text: str, feedback: str | None, conventions: str = ""
) -> list[Message]:
    """``conventions``: the editor's own instructions from the maintainers (`editor-instructions`)."""
    prompt = format_prompt(fmt)
    system = SYSTEM.format(rules=prompt.system, example=prompt.example)
    parts = [prompt_block(conventions)] if conventions else []
    parts += [
        f"The files you may edit, in full (a large one as exact slices with line numbers):\n\n{files_text}"
        if files_text
        else "No files were given."
    ]
    parts.append(f"The plan to carry out:\n\n{plan_text}")
    if feedback:
        parts.append(
            "Your previous edits were applied, but the tests still fail. Test output:\n"
            + fence("test-output", feedback)
            + "\nFix the code so the tests pass. The files above show the current content."
        )
    parts.append(f"Write the edits now, in the {fmt} format.")
    return [Message("system", system), Message("user", "\n\n".join(parts))]


def run_editor(
    model: Model,
    workdir: Path,
    plan_text: str,
    files: list[str],
    *,
    fmt: str,
    policy: EditPolicy,
    reflections: int,
    settings: CallSettings,
    feedback: str | None = None,
    on_delta: OnDelta | None = None,
    file_tokens: int | None = None,
    conventions: str = "",
) -> EditRound:
    """Asks for edits and applies them; failed blocks go back to the editor up to ``reflections`` times.

    Applied blocks stay applied (partial mode), and the reflection says so, so the editor re-sends
    only what failed.
    """
    start = time.monotonic()
    shown = render_files(workdir, files, hint=plan_text, file_tokens=file_tokens)
    messages = build_messages(fmt, plan_text, shown, feedback, conventions)
    results: list[ApplyResult] = []
    completions: list[Completion] = []
    for attempt in range(reflections + 1):
        completion = model.complete(messages, settings, on_delta)
        completions.append(completion)
        result = apply_answer(workdir, completion.answer, fmt, partial=True, policy=policy)
        results.append(result)
        if result.reflection is None or attempt == reflections:
            break
        messages = [*messages, Message("assistant", completion.answer), Message("user", result.reflection)]
    return EditRound(tuple(results), tuple(completions), time.monotonic() - start)
