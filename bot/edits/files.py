"""File contents as lines plus their own line endings, decoded as the file was, written crash-safely."""

from __future__ import annotations

import codecs
import contextlib
import operator
import os
import stat
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Unreadable(Exception):
    """A file the engine will not edit; ``kind`` is ``binary`` or ``too_large``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class FileText:
    """Lines without endings; ``endings[i]`` is what followed line i ("" for a last line without one).

    ``origin[i]`` is the line's index in the file as loaded, or -1 for a line the edits wrote: the
    unchanged runs it shows make the final diff cheap on big files.
    """

    lines: list[str]
    endings: list[str]
    encoding: str = "utf-8"
    bom: bytes = b""
    mode: int | None = None
    newline: str = "\n"
    original: str = field(default="", repr=False)
    origin: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def new(cls, lines: list[str]) -> FileText:
        return cls(list(lines), ["\n"] * len(lines), origin=[-1] * len(lines))

    def copy(self) -> FileText:
        return replace(self, lines=list(self.lines), endings=list(self.endings), origin=list(self.origin))

    def text(self) -> str:
        return "".join(map(operator.add, self.lines, self.endings))

    def encoded(self) -> bytes:
        """The bytes to write; raises UnicodeEncodeError when the new text does not fit the encoding."""
        return self.bom + self.text().encode(self.encoding)

    def splice(self, start: int, end: int, new: tuple[str, ...]) -> None:
        """Lines ``start:end`` become ``new``; a missing final newline stays missing."""
        if start == end == len(self.lines) and start > 0 and self.endings[-1] == "" and new:
            self._set_ending(start - 1, self.newline)  # appending after a last line that had no newline
            self.lines.extend(new)
            self.endings.extend([self.newline] * (len(new) - 1) + [""])
            self.origin.extend([-1] * len(new))
            return
        at_end = end == len(self.lines) and end > start
        last_ending = self.endings[end - 1] if at_end else None
        endings = [self.newline] * len(new)
        if last_ending is not None and new:
            endings[-1] = last_ending
        elif last_ending is not None and start > 0:
            self._set_ending(start - 1, last_ending)
        self.lines[start:end] = list(new)
        self.endings[start:end] = endings
        self.origin[start:end] = [-1] * len(new)

    def _set_ending(self, k: int, ending: str) -> None:
        if self.endings[k] != ending:
            self.endings[k] = ending
            self.origin[k] = -1

    def replace_all(self, new: tuple[str, ...]) -> None:
        final = self.endings[-1] if self.endings else self.newline
        self.lines = list(new)
        self.endings = [self.newline] * len(new)
        self.origin = [-1] * len(new)
        if new:
            self.endings[-1] = final or ""


def load(path: Path, max_bytes: int) -> FileText:
    size = path.stat().st_size
    if size > max_bytes:
        raise Unreadable("too_large", f"is {size} bytes, above the {max_bytes}-byte limit for edits")
    data = path.read_bytes()
    bom, encoding = b"", ""
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    body = data[len(bom) :]
    if not encoding:
        if b"\x00" in body[:8192]:
            raise Unreadable("binary", "is a binary file")
        try:
            body.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "latin-1"  # decodes any byte; the result is checked to encode back the same way
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as err:
        raise Unreadable("binary", f"cannot be decoded ({err.reason})") from err
    lines, endings = split_lines(text)
    crlf = endings.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 > len(endings) - endings.count("") else "\n"
    mode = stat.S_IMODE(path.stat().st_mode)
    return FileText(lines, endings, encoding, bom, mode, newline, text, list(range(len(lines))))


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split on "\\n" only (a form feed or a lone "\\r" inside a line stays part of it)."""
    if not text:
        return [], []
    lines = text.split("\n")
    last_ending = "\n"
    if lines[-1] == "":
        lines.pop()
    else:
        last_ending = ""
    endings = ["\n"] * len(lines)
    endings[-1] = last_ending
    if "\r" in text:
        for k, line in enumerate(lines):
            if line.endswith("\r") and endings[k]:
                lines[k] = line[:-1]
                endings[k] = "\r\n"
    return lines, endings


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask would, briefly)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)
    os.umask(current)
    return current


def stage(target: Path, data: bytes, mode: int | None) -> Path:
    """Write ``data`` to a temp file beside ``target`` (synced to disk); return it for :func:`commit`."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".edit-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        discard(Path(tmp))
        raise
    return Path(tmp)


def commit(tmp: Path, target: Path) -> None:
    os.replace(tmp, target)  # atomic on POSIX: readers see the old or the new file, never half of it


def discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()
