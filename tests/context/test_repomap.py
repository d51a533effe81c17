from __future__ import annotations

from pathlib import Path

import pytest

from bot.context import RepoMap, tags
from bot.tokens import estimate_tokens
from tests.context.conftest import RepoFactory

SHOP = {
    "shop/pricing.py": (
        "def compute_discount(total: float, code: str) -> float:\n"
        "    return total * rate_for(code)\n\n\n"
        "def rate_for(code: str) -> float:\n"
        "    return 0.1\n"
    ),
    "shop/cart.py": (
        "from shop.pricing import compute_discount\n\n\n"
        "class Cart:\n"
        "    def checkout(self, code: str) -> float:\n"
        "        return compute_discount(self.total(), code)\n\n"
        "    def total(self) -> float:\n"
        "        return 1.0\n"
    ),
    "shop/api.py": (
        "from shop.cart import Cart\n\n\ndef handle_checkout(code):\n    return Cart().checkout(code)\n"
    ),
    "shop/audit.py": "def audit_log(rows):\n    return '\\n'.join(rows)\n",
    "web/widget.js": (
        "export function renderWidget(node) {\n  return formatLabel(node.name);\n}\n\n"
        "export function formatLabel(name) {\n  return name.toUpperCase();\n}\n"
    ),
    "server/handler.go": (
        "package server\n\nfunc ServeOrder(id int) string {\n\treturn FormatOrder(id)\n}\n\n"
        'func FormatOrder(id int) string {\n\treturn "order"\n}\n'
    ),
    "README.md": "# Shop\n",
}


@pytest.fixture
def shop(make_repo: RepoFactory) -> Path:
    return make_repo(SHOP)


def test_map_covers_python_javascript_and_go(shop: Path, cache_dir: Path) -> None:
    repomap = RepoMap(shop, cache_dir=cache_dir)
    text = repomap.render(repomap.rank(), 10_000)

    assert "shop/pricing.py:\n  def compute_discount(total: float, code: str) -> float:\n" in text
    assert "shop/cart.py:\n  class Cart:\n    def checkout(self, code: str) -> float:\n" in text
    assert "  export function renderWidget(node)\n" in text
    assert "  func ServeOrder(id int) string\n" in text
    # a file with no code in it is left out of the map, unless the issue names it
    assert "README.md" not in text
    assert "README.md:\n" in repomap.render(repomap.rank(paths=["README.md"]), 2000)
    assert {repomap.tags[p].parser for p in ("shop/cart.py", "web/widget.js", "server/handler.go")} == {
        "tree-sitter"
    }


def test_ranking_follows_the_issue(shop: Path, cache_dir: Path) -> None:
    repomap = RepoMap(shop, cache_dir=cache_dir)

    by_name = repomap.rank(code_names={"compute_discount"})
    assert by_name.files[0] == "shop/pricing.py"
    # the file calling it comes before files that have nothing to do with it
    assert by_name.files.index("shop/cart.py") < by_name.files.index("shop/audit.py")
    assert by_name.files.index("shop/cart.py") < by_name.files.index("web/widget.js")

    by_path = repomap.rank(paths={"server/handler.go"})
    assert by_path.files[0] == "server/handler.go"

    js = repomap.rank(code_names={"formatLabel"})
    assert js.files[0] == "web/widget.js"


def test_without_an_issue_the_most_used_file_ranks_first(shop: Path, cache_dir: Path) -> None:
    repomap = RepoMap(shop, cache_dir=cache_dir)

    ranked = repomap.rank().files

    assert ranked.index("shop/pricing.py") < ranked.index("shop/audit.py")
    assert ranked.index("shop/cart.py") < ranked.index("shop/audit.py")


@pytest.mark.parametrize("budget", [30, 60, 150, 400])
def test_rendered_map_fits_its_budget(shop: Path, cache_dir: Path, budget: int) -> None:
    repomap = RepoMap(shop, cache_dir=cache_dir)

    text = repomap.render(repomap.rank(code_names={"compute_discount"}), budget)

    assert estimate_tokens(text) <= budget
    assert text.startswith("shop/pricing.py:\n")


def test_a_larger_budget_shows_more_and_exclusions_are_left_out(shop: Path, cache_dir: Path) -> None:
    repomap = RepoMap(shop, cache_dir=cache_dir)
    ranking = repomap.rank()

    small = repomap.render(ranking, 40)
    large = repomap.render(ranking, 1000)
    text, shown = repomap.render_with_paths(ranking, 1000, exclude={"shop/cart.py"})

    assert len(small) < len(large)
    assert "shop/cart.py" not in text
    assert "shop/cart.py" not in shown
    assert "shop/pricing.py" in shown
    assert repomap.render(ranking, 0) == ""


def test_second_run_on_an_unchanged_repo_parses_nothing(shop: Path, cache_dir: Path) -> None:
    first = RepoMap(shop, cache_dir=cache_dir)
    parsed_before = tags.PARSE_COUNT

    second = RepoMap(shop, cache_dir=cache_dir)

    assert parsed_before == tags.PARSE_COUNT  # the parser was not invoked again
    assert second.parsed == 0
    assert second.cache.hits == len(SHOP)
    assert second.tags == first.tags
    assert second.render(second.rank(), 500) == first.render(first.rank(), 500)
    third = RepoMap(shop, cache_dir=cache_dir)
    assert third.graph_from_cache  # the reference graph was stored with the tags
    assert third.rank(code_names={"rate_for"}) == first.rank(code_names={"rate_for"})


def test_only_changed_files_are_parsed_again(shop: Path, cache_dir: Path) -> None:
    assert RepoMap(shop, cache_dir=cache_dir).rank().files  # ranking stores the graph too
    assert RepoMap(shop, cache_dir=cache_dir).graph_from_cache
    (shop / "shop/audit.py").write_text("def audit_log(rows, title):\n    return title\n")
    parsed_before = tags.PARSE_COUNT

    again = RepoMap(shop, cache_dir=cache_dir)

    assert parsed_before + 1 == tags.PARSE_COUNT
    assert again.parsed == 1
    assert not again.graph_from_cache
    assert "def audit_log(rows, title):" in again.render(again.rank(), 1000)


@pytest.mark.parametrize("garbage", [b"", b"not marshal at all", b"\x00" * 64])
def test_a_corrupted_cache_is_ignored(shop: Path, cache_dir: Path, garbage: bytes) -> None:
    first = RepoMap(shop, cache_dir=cache_dir)
    first.cache.path.write_bytes(garbage)

    again = RepoMap(shop, cache_dir=cache_dir)

    assert again.parsed == len(SHOP)
    assert again.tags == first.tags
    assert RepoMap(shop, cache_dir=cache_dir).parsed == 0  # and the cache was written anew


def test_regex_mode_still_builds_a_map(shop: Path, cache_dir: Path) -> None:
    repomap = RepoMap(shop, cache_dir=cache_dir, use_tree_sitter=False)

    text = repomap.render(repomap.rank(code_names={"compute_discount"}), 1000)

    assert repomap.tags["shop/pricing.py"].parser == "regex"
    assert "def compute_discount(total: float, code: str) -> float:" in text


def test_a_language_without_a_local_grammar_still_appears_in_the_map(
    make_repo: RepoFactory, cache_dir: Path
) -> None:
    repo = make_repo(
        {"src/lib.rs": "pub fn parse_header(line: &str) -> bool {\n    true\n}\n", "main.py": "x = 1\n"}
    )

    repomap = RepoMap(repo, cache_dir=cache_dir)

    assert "src/lib.rs:\n" in repomap.render(repomap.rank(), 500)
    assert repomap.tags["src/lib.rs"].references["parse_header"] == 1


def test_a_parse_pool_gives_the_same_tags_as_parsing_in_process(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    files = {f"pkg/mod_{i}.py": f"def function_{i}(x):\n    return function_{i + 1}(x)\n" for i in range(220)}
    repo = make_repo(files, use_git=False)
    parsed_before = tags.PARSE_COUNT

    pooled = RepoMap(repo, cache_dir=tmp_path / "pooled", workers=2)
    serial = RepoMap(repo, cache_dir=tmp_path / "serial", workers=1)

    assert pooled.pooled
    assert not serial.pooled
    assert pooled.tags == serial.tags
    assert pooled.parsed == serial.parsed == 220
    assert parsed_before + 440 == tags.PARSE_COUNT
    assert "def function_7(x):" in pooled.render(pooled.rank(code_names={"function_7"}), 200)
