"""Long natural text for guard tests: real prose and code from the standard library's docstrings."""

from __future__ import annotations

import argparse
import collections
import inspect
import json
import pathlib
import subprocess
import textwrap
from functools import cache


@cache
def natural_reasoning(words: int = 5000) -> str:
    parts: list[str] = []
    for module in (argparse, pathlib, collections, json, textwrap, subprocess):
        for _, obj in inspect.getmembers(module):
            doc = inspect.getdoc(obj)
            if doc and len(doc) > 200:
                parts.append(doc)
    text = "\n\n".join(dict.fromkeys(parts))
    return " ".join(text.split(" ")[:words])


LOOP = "Wait, let me reconsider whether the index starts at zero or one. "
