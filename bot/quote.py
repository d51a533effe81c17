"""What `go` would cost, said with the plan: the editor's prompt as it would be built, priced with
the catalog, times the tries; test time from the last baseline at that commit; what is left of the
day's budget. Measured where it can be (the prompt), estimated where it cannot (the answer's size)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings, edit_format_of
from bot.editor import build_messages, inside, render_files
from bot.models.catalog import load_catalog
from bot.models.window import prompt_tokens
from bot.verdict import FEEDBACK_CHARS

MIN_ANSWER_TOKENS = 256


@dataclass(frozen=True)
class Quote:
    editor: str
    files: int  # files of the plan the editor would be shown
    prompt_tokens: int  # the first try's prompt, counted as it would be sent
    answer_tokens: int  # per try: an estimate from the files' size and the edit format
    tries: int
    cost_one_try: float | None  # None: the catalog has no price for the editor
    cost_all_tries: float | None
    test_seconds: float | None = None  # the last baseline at the commit; None: none ran yet
    day_left_usd: float | None = None  # None: no daily cap
    day_cap_usd: float | None = None

    def text(self) -> str:
        tries = f"{self.tries} tries" if self.tries > 1 else "1 try"
        if self.cost_one_try is None or self.cost_all_tries is None:
            cost = f"price unknown for `{self.editor}` (add its prices under `models:` in the config)"
        else:
            cost = f"${self.cost_one_try:.4f} (1 try) to ${self.cost_all_tries:.4f} ({tries})"
            cost += f" with `{self.editor}`"
        parts = [
            f"Estimated cost of `go`: {cost}: a prompt of ~{self.prompt_tokens:,} tokens (the plan and "
            f"{self.files} file{'s' if self.files != 1 else ''}), an answer of ~{self.answer_tokens:,} "
            "tokens per try (an estimate)."
        ]
        if self.test_seconds is not None:
            parts.append(f"Tests: ~{self.test_seconds:.0f} s per try (the last baseline at this commit).")
        else:
            parts.append("Test time: not known until the tests have run once at this commit.")
        if self.day_left_usd is not None and self.day_cap_usd is not None:
            parts.append(f"Left of today's budget: ${self.day_left_usd:.2f} of ${self.day_cap_usd:.2f}.")
        return " ".join(parts)


def quote_go(
    plan_text: str,
    planned: tuple[str, ...],
    tree: Path,
    settings: Settings,
    *,
    test_seconds: float | None = None,
    day_left_usd: float | None = None,
) -> Quote:
    """The quote for carrying out ``plan_text`` on ``tree`` (the commit `go` would start from)."""
    spec = load_catalog(dict(settings.models) or None).get(settings.editor)
    fmt = edit_format_of(settings)
    files = [f for f in planned if inside(tree, f)]
    files_text = render_files(tree, files, hint=plan_text, file_tokens=settings.file_tokens)
    first = prompt_tokens(build_messages(fmt, plan_text, files_text, None), spec)
    files_tokens = prompt_tokens(build_messages(fmt, "", files_text, None), spec) - prompt_tokens(
        build_messages(fmt, "", "", None), spec
    )
    # a whole-file answer repeats the files; a diff only the changed regions (a quarter, as a guess)
    answer = files_tokens if fmt == "whole" else max(MIN_ANSWER_TOKENS, files_tokens // 4)
    answer = min(answer, spec.max_output_tokens)
    later = first + FEEDBACK_CHARS // 4  # a retry adds the failing tests' output
    one = spec.cost_usd(first, 0, answer)
    all_tries = spec.cost_usd(first + later * (settings.tries - 1), 0, answer * settings.tries)
    return Quote(
        editor=settings.editor,
        files=len(files),
        prompt_tokens=first,
        answer_tokens=answer,
        tries=settings.tries,
        cost_one_try=one,
        cost_all_tries=all_tries,
        test_seconds=test_seconds,
        day_left_usd=day_left_usd,
        day_cap_usd=settings.max_cost_usd_per_day if day_left_usd is not None else None,
    )
