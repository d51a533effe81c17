from __future__ import annotations

import pytest

from bot.context.grammars import load_grammar
from bot.context.tags import extract_tags

PYTHON = '''\
import os

LIMIT = 10


class Store(Base):
    """Keeps things."""

    def get(self, key: str,
            default: int = 0) -> int:  # why: callers pass ints
        return helper(key)

    async def refresh(self) -> None:
        pass


def helper(key):
    return os.path.join(key)
'''

JAVASCRIPT = """\
export class Cart {
  constructor(items) {
    this.items = items;
  }
  total(rate) {
    return sumPrices(this.items) * rate;
  }
}

export function sumPrices(items) {
  return items.reduce((a, b) => a + b.price, 0);
}

const applyDiscount = (total, pct) => total * (1 - pct);
"""

GO = """\
package shop

type Order struct {
\tID int
}

func NewOrder(id int) *Order {
\treturn &Order{ID: id}
}

func (o *Order) Total() int {
\treturn o.ID
}
"""


def _names(path: str, text: str, use_tree_sitter: bool) -> dict[str, tuple[str, int]]:
    tags = extract_tags(path, text, use_tree_sitter=use_tree_sitter)
    return {d.name: (d.signature, d.depth) for d in tags.definitions}


def test_python_definitions_with_signatures_and_nesting() -> None:
    tags = extract_tags("store.py", PYTHON)

    assert tags.parser == "tree-sitter"
    found = {d.name: d for d in tags.definitions}
    assert found["Store"].signature == "class Store(Base):"
    assert found["Store"].depth == 0
    assert found["get"].signature == "def get(self, key: str, default: int = 0) -> int:"
    assert found["get"].depth == 1
    assert found["get"].line == 9
    assert found["refresh"].signature == "async def refresh(self) -> None:"
    assert found["helper"].depth == 0
    assert tags.references["helper"] == 2
    assert tags.references["os"] == 2


@pytest.mark.parametrize("use_tree_sitter", [True, False], ids=["tree-sitter", "regex"])
def test_javascript_definitions(use_tree_sitter: bool) -> None:
    found = _names("cart.js", JAVASCRIPT, use_tree_sitter)

    assert {"Cart", "total", "sumPrices"} <= found.keys()
    assert found["total"][1] == 1
    assert found["sumPrices"][0] == "export function sumPrices(items)"
    assert found["Cart"][0] == "export class Cart"
    assert found["applyDiscount"][0].startswith("const applyDiscount = (total, pct) =>")


@pytest.mark.parametrize("use_tree_sitter", [True, False], ids=["tree-sitter", "regex"])
def test_go_definitions(use_tree_sitter: bool) -> None:
    found = _names("order.go", GO, use_tree_sitter)

    assert {"Order", "NewOrder", "Total"} <= found.keys()
    assert found["NewOrder"][0] == "func NewOrder(id int) *Order"
    assert found["Order"][0] == "type Order struct"
    assert found["Total"][0] == "func (o *Order) Total() int"


def test_regex_fallback_for_python_keeps_signatures_and_depth() -> None:
    tags = extract_tags("store.py", PYTHON, use_tree_sitter=False)

    assert tags.parser == "regex"
    found = {d.name: d for d in tags.definitions}
    assert found["get"].signature == "def get(self, key: str, default: int = 0) -> int:"
    assert found["get"].depth == 1
    assert found["helper"].depth == 0
    assert found["Store"].line == 6


def test_unknown_language_has_references_but_no_definitions() -> None:
    tags = extract_tags("notes.txt", "call helper then helper again")

    assert tags.parser == "none"
    assert tags.definitions == ()
    assert tags.references["helper"] == 2


def test_a_grammar_that_cannot_load_gives_none_instead_of_raising() -> None:
    assert load_grammar("no-such-language") is None


def test_broken_source_does_not_raise() -> None:
    tags = extract_tags("bad.py", "def broken(:\n  class\x00 ???\n")

    assert tags.parser == "tree-sitter"


def test_a_signature_spread_over_lines_is_joined_without_stray_spaces() -> None:
    source = "def rank(\n    self,\n    *,\n    paths: list[str] = [],\n) -> int:\n    return 1\n"

    (definition,) = extract_tags("rank.py", source).definitions

    assert definition.signature == "def rank(self, *, paths: list[str] = []) -> int:"
