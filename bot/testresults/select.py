"""Commands that run only some tests: the runner's own invocation, its selecting arguments replaced.

Only the last invocation of the runner is rewritten, and only when nothing follows it in the command
(a `;`, `&&` or redirection after it is a shape this does not guess at): None then.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from bot.testresults.commands import OPERATOR, words

_PYTEST = re.compile(r"(?<![\w./-])(?:\S*/)?(?:pytest|py\.test)(?=\s|$)")
# pytest options whose value is the next word.
_PYTEST_VALUED = frozenset(
    [
        "-c",
        "-o",
        "-p",
        "-W",
        "-r",
        "-n",
        "--tb",
        "--rootdir",
        "--maxfail",
        "--confcutdir",
        "--basetemp",
        "--junitxml",
        "--junit-xml",
        "--durations",
        "--cov",
        "--cov-report",
        "--import-mode",
        "--log-level",
        "--color",
        "--capture",
        "--dist",
        "--numprocesses",
        "--override-ini",
        "--config-file",
        "--timeout",
        "--reruns",
        "--randomly-seed",
        "--pythonwarnings",
    ]
)
# Options that choose tests: they would fight the ids given.
_PYTEST_SELECTING_VALUED = frozenset(["-k", "-m", "--deselect", "--ignore", "--ignore-glob"])
_PYTEST_SELECTING_FLAGS = frozenset(
    [
        "--lf",
        "--last-failed",
        "--ff",
        "--failed-first",
        "--nf",
        "--new-first",
        "--sw",
        "--stepwise",
        "--pyargs",
    ]
)

_GO_TEST = re.compile(r"(?<![\w./-])(?:\S*/)?go\s+test(?=\s|$)")
_GO_VALUED = frozenset(
    [
        "-tags",
        "-timeout",
        "-count",
        "-p",
        "-parallel",
        "-cpu",
        "-shuffle",
        "-vet",
        "-ldflags",
        "-gcflags",
        "-exec",
    ]
)
_GO_SELECTING_VALUED = frozenset(["-run", "-skip", "-bench"])
_GO_TEST_PREFIX = re.compile(r"^(Test|Example|Fuzz|Benchmark)")


def _split_at_last(pattern: re.Pattern[str], command: str) -> tuple[str, list[str]] | None:
    """The command up to the runner's word (raw, so its quoting stays) and the runner's arguments."""
    matches = list(pattern.finditer(command))
    if not matches:
        return None
    head = command[: matches[-1].end()]
    args = words(command[matches[-1].end() :])
    if any(OPERATOR.match(word) for word in args):
        return None
    return head, args


def _options(
    args: list[str], valued: frozenset[str], dropped: frozenset[str], flags: frozenset[str]
) -> list[str]:
    """The options in ``args`` minus the selecting ones and minus positional arguments."""
    kept: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        name = word.split("=", 1)[0]
        takes_next = "=" not in word and (word in valued or word in dropped)
        if word.startswith("-") and name not in dropped and name not in flags:
            kept.extend(args[i : i + 2] if takes_next else [word])
        i += 2 if takes_next else 1
    return kept


def select_pytest(command: str, test_ids: Sequence[str]) -> str | None:
    split = _split_at_last(_PYTEST, command)
    if split is None:
        return None
    head, args = split
    options = _options(args, _PYTEST_VALUED, _PYTEST_SELECTING_VALUED, _PYTEST_SELECTING_FLAGS)
    return " ".join([head, *map(shlex.quote, options), *map(shlex.quote, test_ids)])


def go_package_and_test(test_id: str) -> tuple[str, str] | None:
    """``example.com/m/pkg/TestX/sub`` -> (``example.com/m/pkg``, ``TestX``): the top-level test."""
    parts = test_id.split("/")
    for i, part in enumerate(parts):
        if i > 0 and _GO_TEST_PREFIX.match(part):
            return "/".join(parts[:i]), part
    return None


def select_go(command: str, test_ids: Sequence[str]) -> str | None:
    """One ``go test -run '^(A|B)$' pkg`` per package; a subtest selects its top-level test."""
    split = _split_at_last(_GO_TEST, command)
    if split is None:
        return None
    head, args = split
    by_package: dict[str, list[str]] = {}
    for test_id in test_ids:
        parsed = go_package_and_test(test_id)
        if parsed is None:
            return None
        package, test = parsed
        names = by_package.setdefault(package, [])
        if test not in names:
            names.append(test)
    options = _options(args, _GO_VALUED, _GO_SELECTING_VALUED, frozenset())
    prefix, go_test = head[: -len("go test")], "go test"
    runs = [
        " ".join(
            [
                go_test,
                *map(shlex.quote, options),
                "-run",
                shlex.quote(f"^({'|'.join(names)})$"),
                shlex.quote(package),
            ]
        )
        for package, names in by_package.items()
    ]
    if len(runs) == 1:
        return prefix + runs[0]
    # Every package runs even when one fails; the exit code still says whether any failed.
    return prefix + "{ rc=0; " + " ".join(f"{run} || rc=1;" for run in runs) + " exit $rc; }"
