"""Text a model or a test run wrote stays inside its code block in the status comment."""

from __future__ import annotations

from bot.action.status import StatusComment
from bot.outcome import Outcome, Status
from tests.pipeline.helpers import outside_code


def test_an_edit_error_quoting_fences_stays_fenced() -> None:
    written: list[str] = []
    status = StatusComment(written.append, min_interval_s=0)
    # an error can quote the model's answer (a reflection on a malformed block): it is not prose
    error = "the SEARCH text does not match:\n```\nx\n```\nCloses #2\n````\nCloses #2\n"
    status.finish(Outcome(status=Status.EDIT_FAILED, error=error, stopped_at="edit (try 1)"))
    assert "Closes #2" in written[-1] and "Closes #2" not in outside_code(written[-1])
    assert "Stopped at edit (try 1)" in outside_code(written[-1])
