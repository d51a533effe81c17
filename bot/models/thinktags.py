"""Inline ``<think>...</think>`` reasoning (QwQ, R1 distills on Ollama / vLLM / llama.cpp).

Two halves: :class:`ThinkSplitter` classifies streamed content on the fly (for progress and the
guards), holding back a possible partial tag so a tag split across chunks is never shown;
:func:`split_think` gives the final, exact split of the whole content.
"""

from __future__ import annotations

OPEN, CLOSE = "<think>", "</think>"


def split_think(content: str) -> tuple[str, str]:
    """(reasoning, answer) of a whole content string.

    Handles a missing opening tag (only ``</think>`` appears: all before it is reasoning), an
    unclosed block (the model was cut off while thinking) and later think blocks in the answer.
    """
    stripped = content.lstrip()
    if CLOSE in content:
        head, _, tail = content.partition(CLOSE)
        head = head.lstrip()
        reasoning = head[len(OPEN) :] if head.startswith(OPEN) else head
        if not head.startswith(OPEN) and OPEN in head:
            # answer text, then a think block: keep the text before the tag as answer
            before, _, reasoning = head.partition(OPEN)
            tail = before + tail
        more_reasoning, answer = _strip_blocks(tail)
        return (reasoning + more_reasoning).strip(), answer.strip()
    if stripped.startswith(OPEN):
        return stripped[len(OPEN) :].strip(), ""
    return "", content.strip()


def _strip_blocks(text: str) -> tuple[str, str]:
    reasoning: list[str] = []
    answer: list[str] = []
    while OPEN in text:
        before, _, rest = text.partition(OPEN)
        answer.append(before)
        inner, found, text = rest.partition(CLOSE)
        reasoning.append("\n" + inner)
        if not found:
            text = ""
    answer.append(text)
    return "".join(reasoning), "".join(answer)


def _partial_tag_len(text: str, tag: str) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of ``tag``."""
    # tags start with "<": only a "<" near the end can begin one (the hot path finds none)
    i = text.find("<", max(0, len(text) - len(tag) + 1))
    while i >= 0:
        if tag.startswith(text[i:]):
            return len(text) - i
        i = text.find("<", i + 1)
    return 0


class ThinkSplitter:
    """Streams (kind, text) pieces out of content chunks; kind is "reasoning" or "answer".

    ``assume_reasoning``: the model's template opens the think block in the prompt, so content
    counts as reasoning until ``</think>`` (for think-tag models). Otherwise content is answer
    unless it opens with ``<think>``.
    """

    def __init__(self, assume_reasoning: bool) -> None:
        self.in_think = assume_reasoning
        self.seen_close = False
        self._buf = ""
        self._started = False

    def content_is_answer(self) -> None:
        """The server sends reasoning in a separate field, so untagged content is the answer."""
        if not self._started and not self._buf:
            self.in_think = False

    def feed(self, chunk: str) -> list[tuple[str, str]]:
        self._buf += chunk
        out: list[tuple[str, str]] = []
        while self._buf:
            if not self._started:
                lead = self._buf.lstrip()
                if not lead or (len(lead) < len(OPEN) and OPEN.startswith(lead)):
                    return out  # wait: this may still become "<think>"
                self._started = True
                if lead.startswith(OPEN):
                    self.in_think, self._buf = True, lead[len(OPEN) :]
                    continue
            tag = CLOSE if self.in_think else OPEN
            idx = self._buf.find(tag)
            if idx >= 0:
                self._emit(out, self._buf[:idx])
                self._buf = self._buf[idx + len(tag) :]
                if self.in_think:
                    self.seen_close = True
                self.in_think = not self.in_think
                continue
            keep = _partial_tag_len(self._buf, tag)
            self._emit(out, self._buf[: len(self._buf) - keep])
            self._buf = self._buf[len(self._buf) - keep :]
            break
        return out

    def flush(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        self._emit(out, self._buf)
        self._buf = ""
        return out

    def _emit(self, out: list[tuple[str, str]], text: str) -> None:
        if text:
            out.append(("reasoning" if self.in_think else "answer", text))
