"""What a set-up state depends on, and what the tests run on.

The setup command runs once per pipeline run and its result is reused by the baseline and every
try. That is only right while nothing it read has changed, so the state is keyed by the command,
where it runs (sandbox and image id), the setup limits, and the files it reads: the packaging
manifests at the top of the tree (``pyproject.toml``, ``setup.py``, ``requirements*.txt``...) and
every file the command names (``-r dev.txt``, ``bash scripts/setup.sh``). An edit to any of them
runs the setup again. A non-editable install of the project itself (``pip install .``) copies the
code, so for it every file counts: each change installs again.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
from pathlib import Path

from bot.sandbox.types import Limits, Runtime, SetupKey

MANIFESTS = (
    "pyproject.toml", "setup.py", "setup.cfg", "MANIFEST.in", "Pipfile", "Pipfile.lock", "poetry.lock",
    "uv.lock", "pdm.lock", "tox.ini", "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml",
    "go.mod", "go.sum", "Cargo.toml", "Cargo.lock",
)  # fmt: skip
_REQUIREMENTS = re.compile(r"^(requirements|constraints)[\w.-]*\.(txt|in)$")
_REQUIREMENT_DIRS = ("requirements",)
_SEGMENTS = re.compile(r"&&|\|\||[;|\n]")
_PROJECT_ITSELF = re.compile(r"^\.(/)?(\[[^\]]*\])?$")

# Run from / so no project config (conftest.py, pytest.ini) is read just to print a version.
PROBE = (
    "cd / && python3 -c 'import platform; print(\"python\", platform.python_version())' 2>/dev/null; "
    "python3 -m pytest --version 2>&1 | head -n 3"
)
_PYTHON = re.compile(r"^python (\S+)", re.M)
_PYTEST = re.compile(r"pytest(?: version)? (\d[\w.+-]*)")


def tree_files(root: Path) -> frozenset[str]:
    """The work tree's files (and links), relative, without its top-level ``.git``."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if here == root and ".git" in dirs:
            dirs.remove(".git")
        links = [d for d in dirs if (here / d).is_symlink()]  # walked as files, never followed
        found.update((here / name).relative_to(root).as_posix() for name in [*files, *links])
    return frozenset(found)


def setup_inputs(root: Path, command: str) -> list[str]:
    """The files of ``root`` whose change can change what ``command`` sets up (see the docstring)."""
    if installs_a_copy(command):
        return sorted(tree_files(root))
    named = {p for p in MANIFESTS if (root / p).is_file()}
    named |= {p.name for p in root.iterdir() if p.is_file() and _REQUIREMENTS.match(p.name)}
    for folder in _REQUIREMENT_DIRS:
        if (root / folder).is_dir():
            named |= {f"{folder}/{p.name}" for p in (root / folder).iterdir() if p.is_file()}
    for word in _words(command):
        path = os.path.normpath(word.split("=", 1)[-1])
        # only the tree's own files: what lies outside it is no part of the tree an edit changes
        inside = not os.path.isabs(path) and not path.startswith((".." + os.sep, "-")) and path != ".."
        if inside and (root / path).is_file():
            named.add(Path(path).as_posix())
    return sorted(named)


def installs_a_copy(command: str) -> bool:
    """True for a non-editable install of the project itself (``pip install .``, ``setup.py install``)."""
    for segment in _SEGMENTS.split(command):
        words = _words(segment)
        if "setup.py" in " ".join(words) and "install" in words:
            return True
        if "pip" not in " ".join(words) or "install" not in words:
            continue
        editable = any(w in ("-e", "--editable") or w.startswith(("-e.", "--editable=")) for w in words)
        if not editable and any(_PROJECT_ITSELF.match(w) for w in words):
            return True
    return False


def setup_key(root: Path, command: str, where: str, limits: Limits) -> SetupKey:
    """The key of the state ``command`` leaves in the sandbox ``where`` (kind and image id)."""
    inputs = tuple((path, _digest(root / path)) for path in setup_inputs(root, command))
    whole = hashlib.sha256()
    for part in (command, where, str(limits.setup_as_root), str(limits.setup_network), *map(repr, inputs)):
        whole.update(part.encode() + b"\0")
    return SetupKey(whole.hexdigest(), inputs)


def changed_inputs(before: SetupKey, after: SetupKey) -> list[str]:
    """The input files that differ between two keys (added, removed or changed)."""
    old, new = dict(before.inputs), dict(after.inputs)
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


def parse_runtime(output: str) -> Runtime:
    python, pytest = _PYTHON.search(output), _PYTEST.search(output)
    return Runtime(python.group(1) if python else None, pytest.group(1) if pytest else None)


def _digest(path: Path) -> str:
    if path.is_symlink():
        return "link:" + os.readlink(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote: the plain words still name files
        return text.split()
