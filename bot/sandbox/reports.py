"""The report directory: where a test command leaves per-test reports (JUnit XML, JSON) for the bot.

The files are written by the code under test, so reading them is bounded: regular files at the top
of the directory only (a symlink is never followed), at most MAX_FILES of them, each cut at
MAX_REPORT_BYTES and decoded leniently. A cut report is left for its parser to see as truncated.
"""

from __future__ import annotations

import os
import stat
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

REPORT_DIR_ENV = "ARCHITECT_REPORT_DIR"
MAX_REPORT_BYTES = 8 * 1024 * 1024
MAX_FILES = 16


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def read_report_dir(root: Path) -> dict[str, str]:
    """The reports in a directory on this machine (the local sandbox)."""
    reports: dict[str, str] = {}
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return reports
    for name in names:
        if len(reports) >= MAX_FILES:
            break
        path = root / name
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            # O_NOFOLLOW: a file swapped for a symlink after the check is still not followed.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as handle:
                reports[name] = _decode(handle.read(MAX_REPORT_BYTES))
        except OSError:
            continue
    return reports


def read_report_tar(archive: IO[bytes]) -> dict[str, str]:
    """The reports in a tar of the directory (what Docker's get_archive returns): ``dir/name`` members."""
    reports: dict[str, str] = {}
    try:
        with tarfile.open(fileobj=archive, mode="r|") as tar:
            for member in _top_level_files(tar):
                if len(reports) >= MAX_FILES:
                    break
                handle = tar.extractfile(member)
                if handle is not None:
                    reports[member.name.split("/", 1)[1]] = _decode(handle.read(MAX_REPORT_BYTES))
    except (tarfile.TarError, OSError, EOFError):
        pass  # a cut archive: keep the reports read before the cut
    return reports


def _top_level_files(tar: tarfile.TarFile) -> Iterable[tarfile.TarInfo]:
    for member in tar:
        parts = member.name.split("/")
        if member.isreg() and len(parts) == 2 and parts[1]:
            yield member
