"""The edit engine: turn an editor model's answer into a safe, atomic change of the work tree.

``apply_answer`` parses the answer in one of ``FORMATS``, places each block with the matching
cascade (see ``matching``), checks every path against the ``EditPolicy``, and writes only when
every block applies (or, with ``partial``, the blocks that did). ``format_prompt`` gives the
editor its instructions for a format.
"""

from bot.edits.engine import apply_answer, format_prompt
from bot.edits.errors import AnswerNotText, RepoNotFound, UnknownFormat
from bot.edits.types import FORMATS, AppliedBlock, ApplyResult, BlockFailure, EditPolicy, FormatPrompt

__all__ = [
    "FORMATS",
    "AnswerNotText",
    "AppliedBlock",
    "ApplyResult",
    "BlockFailure",
    "EditPolicy",
    "FormatPrompt",
    "RepoNotFound",
    "UnknownFormat",
    "apply_answer",
    "format_prompt",
]
