"""A repository with a scripted history of fixes, refactors and traps, as real git commits."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

CALC = "def add(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a * b\n"
TEST_MUL = "from calc import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n"


def _git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    return subprocess.run(
        ["git", "-C", str(repo), *identity, *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def _commit(repo: Path, message: str, files: dict[str, str | None]) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)
    return _git(repo, "rev-parse", "HEAD")


def scripted_history(root: Path) -> dict[str, str]:
    """Builds the repository; returns the commit of each story (name -> sha)."""
    root.mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    counter = f"/tmp/architect-flaky-{uuid.uuid4().hex}"
    shas = {"init": _commit(root, "Initial commit", {"calc.py": CALC, "tests/test_mul.py": TEST_MUL})}
    shas["fix-add"] = _commit(
        root,
        "Fix add(): it subtracted\n\nadd(2, 3) gave -1.",
        {
            "calc.py": CALC.replace("a - b", "a + b"),
            "tests/test_add.py": "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n",
        },
    )
    shas["no-tests"] = _commit(
        root,
        "Document mul()",
        {
            "calc.py": CALC.replace("a - b", "a + b").replace(
                "def mul(a, b):\n", 'def mul(a, b):\n    """a times b"""\n'
            ),
        },
    )
    calc = (root / "calc.py").read_text()
    shas["refactor"] = _commit(
        root,
        "Refactor: name the product",
        {
            "calc.py": calc.replace("    return a * b", "    product = a * b\n    return product"),
            "tests/test_mul.py": TEST_MUL + "\n\ndef test_mul_zero():\n    assert mul(0, 3) == 0\n",
        },
    )
    calc = (root / "calc.py").read_text()
    shas["flaky"] = _commit(
        root,
        "Add neg() with a flaky test",
        {
            "calc.py": calc + "\n\ndef neg(a):\n    return -a\n",
            "tests/test_flaky.py": (
                "import os\n\n\ndef test_sometimes():\n"
                f"    path = {counter!r}\n"
                "    n = int(open(path).read()) + 1 if os.path.exists(path) else 1\n"
                "    open(path, 'w').write(str(n))\n"
                "    assert n % 2 == 0\n"
            ),
        },
    )
    calc = (root / "calc.py").read_text()
    shas["new-function"] = _commit(
        root,
        "Add sub()",
        {
            "calc.py": calc + "\n\ndef sub(a, b):\n    return a - b\n",
            "tests/test_sub.py": "from calc import sub\n\n\ndef test_sub():\n    assert sub(5, 3) == 2\n",
        },
    )
    calc = (root / "calc.py").read_text()
    shas["fix-mul-neg"] = _commit(
        root,
        "Fix mul() for negative numbers\n\nmul(-2, 3) must be -6.",
        {
            "calc.py": calc.replace(
                "    product = a * b", "    product = a * b if a >= 0 else -(abs(a) * b)"
            ),
            "tests/test_mul.py": (root / "tests/test_mul.py").read_text()
            + "\n\ndef test_mul_negative():\n    assert mul(-2, 3) == -6\n",
        },
    )
    return shas
