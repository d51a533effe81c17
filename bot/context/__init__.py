"""The Context stage: a ranked repo map and the files an issue needs, within token budgets."""

from bot.context.budget import ContextFile, render_within
from bot.context.builder import Context, build_context, resolve_request
from bot.context.files import list_source_files
from bot.context.repomap import RepoMap

__all__ = [
    "Context",
    "ContextFile",
    "RepoMap",
    "build_context",
    "list_source_files",
    "render_within",
    "resolve_request",
]
