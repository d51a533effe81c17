"""Start-up cost: a model loads only its own SDK (importing `anthropic` alone takes seconds), and
loads it in the background, so building a model does not wait for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys, threading
from bot.models import make_model
make_model(sys.argv[1], base_url="http://127.0.0.1:9/v1", api_key="k")
imports = [t for t in threading.enumerate() if t.name.startswith("import-")]
print(" ".join(t.name for t in imports))
for thread in imports:
    thread.join()
print(" ".join(sdk for sdk in ("anthropic", "openai") if sdk in sys.modules))
"""


@pytest.mark.parametrize(
    ("name", "loaded"),
    [
        ("compat/qwen2.5-coder-32b", "openai"),
        ("deepseek/deepseek-flash", "openai"),
        ("anthropic/claude-sonnet-5-5", "anthropic"),
    ],
)
def test_building_a_model_imports_only_the_sdk_it_speaks(name: str, loaded: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, name], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    importing, imported = done.stdout.splitlines()
    assert importing.split() == [f"import-{loaded}"]  # building the model did not wait for it
    assert imported.split() == [loaded]
