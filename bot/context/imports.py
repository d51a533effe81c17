"""The repository files a Python file imports: the code a failing test or a named module relies on."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath

_FROM = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\(?([\w \t,]+)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)", re.M)


def imported_files(path: str, text: str, files: Sequence[str]) -> list[str]:
    """Repo files ``text`` (the content of ``path``) imports, in the order of the imports."""
    if PurePosixPath(path).suffix not in {".py", ".pyi"}:
        return []
    modules: list[str] = []
    package = PurePosixPath(path).parent
    for dots, module, names in _FROM.findall(text):
        base = module.replace(".", "/")
        if dots:  # relative: from the file's package, one level up per extra dot
            anchor = package
            for _ in range(len(dots) - 1):
                anchor = anchor.parent
            base = (anchor / base).as_posix() if base else anchor.as_posix()
        modules.append(base)
        # ``from pkg import mod`` imports a module when ``pkg/mod.py`` exists
        modules.extend(f"{base}/{name.strip()}" for name in names.split(",") if name.strip())
    for group in _IMPORT.findall(text):
        modules.extend(name.strip().replace(".", "/") for name in group.split(","))
    found: list[str] = []
    for module in modules:
        hit = _resolve(module.strip("/"), files)
        if hit and hit != path and hit not in found:
            found.append(hit)
    return found


def _resolve(module: str, files: Sequence[str]) -> str | None:
    """``pkg/mod`` -> the one file ``…pkg/mod.py`` or ``…pkg/mod/__init__.py``, if exactly one."""
    if not module or module == ".":
        return None
    wanted = (f"{module}.py", f"{module}/__init__.py")
    hits = [f for f in files if f in wanted or f.endswith(tuple("/" + w for w in wanted))]
    return hits[0] if len(hits) == 1 else None
