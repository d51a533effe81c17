"""Errors of the edit engine that are the caller's fault (never the model's).

Anything a model can write (malformed blocks, unknown files, unsafe paths...) is reported in
``ApplyResult.failures``; only a wrong call raises::

    EditError (bot.errors)
    ├── UnknownFormat     the format name is not one of FORMATS
    ├── RepoNotFound      the repository path is not a directory
    └── AnswerNotText     the answer given is not a string (decode bytes first)
"""

from __future__ import annotations

from bot.errors import EditError


class UnknownFormat(EditError):
    exit_code = 2


class RepoNotFound(EditError):
    exit_code = 2


class AnswerNotText(EditError):
    exit_code = 2
