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
        # The test command owns the directory and may swap it for a symlink to anywhere on this machine.
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return reports
    try:
        names = sorted(os.listdir(fd))
        for name in names:
            if len(reports) >= MAX_FILES:
                break
            text = _read_regular(name, fd)
            if text is not None:
                reports[name] = text
    except OSError:
        pass
    finally:
        os.close(fd)
    return reports


def _read_regular(name: str, dir_fd: int) -> str | None:
    """The file's text if it is a regular file; O_NOFOLLOW: a symlink swapped in after the check is
    still not followed."""
    try:
        if not stat.S_ISREG(os.lstat(name, dir_fd=dir_fd).st_mode):
            return None
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dir_fd)
        with os.fdopen(fd, "rb") as handle:
            return _decode(handle.read(MAX_REPORT_BYTES))
    except OSError:
        return None


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
