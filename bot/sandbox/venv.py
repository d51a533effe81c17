"""The local sandbox's throw-away venv: setup and tests install into it, never into the user's Python.

A `pip install -e .` in the setup once went into the venv the user ran the bot from and left it
pointing at the deleted scratch copy. Here the scratch dir gets its own venv of the user's `python3`,
first on PATH with VIRTUAL_ENV set. The user's packages stay visible (a `.pth` file lists their
site directories after the venv's own), so the project's test tools still import, but every install
lands in the venv and goes away with the scratch dir.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.errors import SandboxError

VENV_TIMEOUT_S = 120
_SITE_DIRS = (
    "import sys; print('\\n'.join(p for p in sys.path if p.endswith(('site-packages', 'dist-packages'))))"
)
_PURELIB = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
# pip in the venv is the user's pip module run by the venv's python, so it installs into the venv.
_PIP = '#!/bin/sh\nexec "$(dirname "$0")/python" -m pip "$@"\n'


def _python(*args: str, python: str, env: dict[str, str]) -> str:
    proc = subprocess.run(
        [python, *args], env=env, capture_output=True, text=True, timeout=VENV_TIMEOUT_S, check=False
    )
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        last = detail[-1] if detail else proc.returncode
        raise SandboxError(f"could not make the local sandbox's venv with {python}: {last}")
    return proc.stdout


def make_venv(where: Path, env: dict[str, str]) -> None:
    """Creates the venv at ``where`` (``env`` finds the ``python3`` it is made of)."""
    python = shutil.which("python3", path=env.get("PATH")) or sys.executable
    user_sites = _python("-c", _SITE_DIRS, python=python, env=env)
    # without pip: seconds faster than ensurepip, and Debian's python3 may lack ensurepip
    _python("-m", "venv", "--without-pip", "--system-site-packages", str(where), python=python, env=env)
    bin_dir = where / "bin"
    purelib = Path(_python("-c", _PURELIB, python=str(bin_dir / "python"), env=env).strip())
    purelib.mkdir(parents=True, exist_ok=True)
    (purelib / "_architect_user_site.pth").write_text(user_sites, encoding="utf-8")
    for name in ("pip", "pip3"):
        (bin_dir / name).write_text(_PIP, encoding="utf-8")
        (bin_dir / name).chmod(0o755)


def use_venv(where: Path, env: dict[str, str]) -> dict[str, str]:
    """``env`` changed to use the venv at ``where`` (made by ``make_venv``, perhaps by an earlier run)."""
    changed = dict(env)
    changed["PATH"] = f"{where / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    changed["VIRTUAL_ENV"] = str(where)
    return changed
