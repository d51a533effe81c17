from __future__ import annotations

from pathlib import Path

import pytest

from bot.context import Context, build_context, list_source_files, resolve_request
from bot.context.testfiles import find_tests, is_test_file
from bot.errors import UsageError
from bot.tokens import estimate_tokens
from tests.context.conftest import RepoFactory

PROJECT = {
    "src/shop/__init__.py": "",
    "src/shop/pricing.py": (
        "def compute_discount(total: float, code: str) -> float:\n"
        "    if code == 'HALF':\n"
        "        return total / 2\n"
        "    return total\n"
    ),
    "src/shop/cart.py": (
        "from shop.pricing import compute_discount\n\n\n"
        "class Cart:\n"
        "    def checkout(self, code):\n"
        "        return compute_discount(10.0, code)\n"
    ),
    "src/shop/inventory.py": "def stock_level(sku):\n    return 3\n",
    "tests/test_pricing.py": (
        "from shop.pricing import compute_discount\n\n\n"
        "def test_half():\n    assert compute_discount(10, 'HALF') == 5\n"
    ),
    "tests/test_checkout_flow.py": (
        "from shop.cart import Cart\n\n\ndef test_checkout():\n    assert Cart().checkout('X') == 10\n"
    ),
    "tests/test_inventory.py": "from shop.inventory import stock_level\n",
    "web/format.js": "function formatPrice(p) {\n  return `$${p}`;\n}\nmodule.exports = { formatPrice };\n",
    "web/format.test.js": "const { formatPrice } = require('./format');\ntest('x', () => formatPrice(1));\n",
}

ISSUE = """Discount codes are applied wrong

`compute_discount` returns the full price when the code is lower case ("half").
"""


@pytest.fixture
def project(make_repo: RepoFactory) -> Path:
    return make_repo(PROJECT)


def _paths(context: Context) -> list[str]:
    return [file.path for file in context.files]


def test_a_mentioned_function_brings_its_file_and_its_test(project: Path, cache_dir: Path) -> None:
    context = build_context(project, ISSUE, cache_dir=cache_dir)

    reasons = {file.path: file.reason for file in context.files}
    assert reasons["src/shop/pricing.py"] == "defines compute_discount"
    assert reasons["tests/test_pricing.py"] == "test of src/shop/pricing.py"
    # a source file is followed by its tests, and the most relevant group comes last
    assert _paths(context)[-2:] == ["src/shop/pricing.py", "tests/test_pricing.py"]
    assert context.ranked[0] == "src/shop/pricing.py"
    # its caller ranks above code unrelated to the issue
    assert context.ranked.index("src/shop/cart.py") < context.ranked.index("src/shop/inventory.py")
    assert "src/shop/pricing.py" not in context.map_only
    assert "src/shop/inventory.py" in context.map_only
    assert context.files[-2].content == PROJECT["src/shop/pricing.py"]


def test_render_puts_the_map_first_and_the_relevant_code_last(project: Path, cache_dir: Path) -> None:
    text = build_context(project, ISSUE, cache_dir=cache_dir).render()

    assert text.startswith("## Repository map\n")
    assert text.index("## Repository map") < text.index("## Files")
    assert text.index("### src/shop/pricing.py (defines compute_discount)\n```python\n") < text.index(
        "### tests/test_pricing.py (test of src/shop/pricing.py)"
    )
    assert text.rstrip().endswith("```")
    assert "src/shop/inventory.py:\n  def stock_level(sku):" in text


def test_files_named_in_the_issue_and_their_tests(project: Path, cache_dir: Path) -> None:
    issue = "The checkout in src/shop/cart.py breaks, and format.js prints prices oddly."

    context = build_context(project, issue, cache_dir=cache_dir)

    reasons = {file.path: file.reason for file in context.files}
    assert reasons["src/shop/cart.py"] == "named in issue"
    assert reasons["web/format.js"] == "named in issue"
    assert reasons["web/format.test.js"] == "test of web/format.js"
    assert reasons["tests/test_checkout_flow.py"] == "test of src/shop/cart.py"  # found by its import
    assert not any(path.startswith("..") for path in reasons)


def test_a_requested_name_resolves_inside_the_repository_only(project: Path) -> None:
    files = list_source_files(project)
    assert resolve_request(project, files, "src/shop/inventory.py") == "src/shop/inventory.py"
    assert resolve_request(project, files, "inventory.py") == "src/shop/inventory.py"  # the one ending so
    for outside in ("../escape.py", "/etc/passwd", "src/../../escape.py", "missing.py"):
        assert resolve_request(project, files, outside) is None, outside


def test_file_budget_is_respected_and_what_does_not_fit_stays_in_the_map(
    make_repo: RepoFactory, cache_dir: Path
) -> None:
    big_body = "".join(f"    value_{i} = {i}\n" for i in range(3000))
    repo = make_repo({**PROJECT, "src/shop/huge.py": f"def huge_table():\n{big_body}    return 0\n"})

    context = build_context(repo, ISSUE + "\nSee also `huge_table`.", file_tokens=400, cache_dir=cache_dir)

    spent = sum(estimate_tokens(file.render()) for file in context.files)
    assert spent <= 400
    assert "src/shop/huge.py" not in _paths(context)
    assert "src/shop/huge.py" in context.map_only
    assert "src/shop/pricing.py" in _paths(context)


def test_map_budget_is_respected(project: Path, cache_dir: Path) -> None:
    context = build_context(project, ISSUE, map_tokens=40, cache_dir=cache_dir)

    assert 0 < estimate_tokens(context.repo_map) <= 40
    assert len(context.map_only) < len(context.ranked) - len(context.files)


def test_empty_and_huge_issues(project: Path, cache_dir: Path) -> None:
    empty = build_context(project, "", cache_dir=cache_dir)
    assert empty.files == ()
    assert set(empty.ranked) == set(PROJECT)

    huge_issue = ("word " * 50_000 + "src/shop/cart.py compute_discount() ") * 5
    huge = build_context(project, huge_issue[:1_000_000], cache_dir=cache_dir)
    assert "src/shop/cart.py" in _paths(huge)


def test_a_missing_repository_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a directory"):
        build_context(tmp_path / "nope", "issue")


def test_test_file_discovery_by_name_and_by_import() -> None:
    files = [
        "pkg/parser.py",
        "pkg/tests/test_parser.py",
        "tests/test_parser.py",
        "tests/test_misc.py",
        "go/lexer.go",
        "go/lexer_test.go",
        "ui/button.tsx",
        "ui/button.spec.tsx",
    ]
    sources = {"tests/test_misc.py": "from pkg import parser\n"}

    found = find_tests("pkg/parser.py", files, sources.get)

    assert found == ["pkg/tests/test_parser.py", "tests/test_parser.py", "tests/test_misc.py"]
    assert find_tests("go/lexer.go", files, sources.get) == ["go/lexer_test.go"]
    assert find_tests("ui/button.tsx", files, sources.get) == ["ui/button.spec.tsx"]
    assert find_tests("tests/test_misc.py", files, sources.get) == []
    assert is_test_file("web/format.test.js")
    assert not is_test_file("src/contest.py")


def test_a_go_function_brings_its_file_and_its_go_test(make_repo: RepoFactory, cache_dir: Path) -> None:
    repo = make_repo(
        {
            "go.mod": "module example.com/shop\n",
            "orders/total.go": "package orders\n\nfunc OrderTotal(items []int) int {\n\treturn 0\n}\n",
            "orders/total_test.go": (
                'package orders\n\nimport "testing"\n\nfunc TestOrderTotal(t *testing.T) {}\n'
            ),
            "orders/ship.go": "package orders\n\nfunc ShipOrder(id int) {}\n",
            "web/app.js": "export function showTotal(total) {\n  return String(total);\n}\n",
            "tools/check.py": "def check_orders():\n    return True\n",
        }
    )

    context = build_context(repo, "OrderTotal() returns 0 for a non-empty basket", cache_dir=cache_dir)

    assert _paths(context) == ["orders/total.go", "orders/total_test.go"]
    assert context.files[0].reason == "defines OrderTotal"
    assert "### orders/total.go (defines OrderTotal)\n```go\n" in context.render()
    assert "web/app.js:\n  export function showTotal(total)\n" in context.repo_map
    assert "tools/check.py:\n  def check_orders():\n" in context.repo_map


def test_a_qualified_name_picks_the_definer_in_that_package(make_repo: RepoFactory, cache_dir: Path) -> None:
    repo = make_repo(
        {
            "codec/__init__.py": "def dumps(obj):\n    return str(obj)\n",
            "pickling/core.py": "def dumps(obj, protocol=2):\n    return b''\n",
            "pickling/user.py": "from pickling.core import dumps\n\n\ndef save(x):\n    return dumps(x)\n",
            "test/test_codec/__init__.py": "import unittest\n",
            "test/test_codec/test_strings.py": "from codec import dumps\n",
        }
    )

    context = build_context(repo, "`codec.dumps(1.5)` drops the fraction", cache_dir=cache_dir)

    reasons = {file.path: file.reason for file in context.files}
    assert reasons["codec/__init__.py"] == "defines dumps"
    assert "pickling/core.py" not in reasons
    # a test package named after the module counts as its test, as do tests importing it
    assert reasons["test/test_codec/__init__.py"] == "test of codec/__init__.py"
    assert reasons["test/test_codec/test_strings.py"] == "test of codec/__init__.py"
    assert context.ranked[0] == "codec/__init__.py"


def test_mentions_tell_code_from_prose_and_file_names() -> None:
    from bot.context.mentions import find_mentions

    files = ["src/app/views.py", "src/app/models.py", "docs/models.py"]
    mentions = find_mentions(
        "After `load_config()` the view in views.py calls json.loads and Cart.total;"
        " see app/models.py. Thanks!",
        files,
    )

    assert mentions.paths == {"src/app/views.py", "src/app/models.py"}
    assert {"load_config", "loads", "Cart", "total"} <= mentions.code_identifiers
    assert "json" not in mentions.code_identifiers  # only ever a qualifier
    assert "Thanks" not in mentions.code_identifiers
    assert "Thanks" in mentions.words
    assert mentions.qualifiers == {"loads": {"json"}}


def test_the_import_scan_reads_only_tests_that_name_the_module() -> None:
    files = ["pkg/parser.py", "tests/test_misc.py", "tests/test_other.py"]
    sources = {"tests/test_misc.py": "from pkg import parser\n", "tests/test_other.py": "import os\n"}
    words = {"tests/test_misc.py": {"pkg", "parser"}, "tests/test_other.py": {"os"}}
    read: list[str] = []

    def reader(path: str) -> str | None:
        read.append(path)
        return sources.get(path)

    assert find_tests("pkg/parser.py", files, reader, words.__getitem__) == ["tests/test_misc.py"]
    assert read == ["tests/test_misc.py"]


def test_content_less_paths_stay_out_of_the_map_unless_named(make_repo: RepoFactory, cache_dir: Path) -> None:
    locales = {
        f"src/humanize/locale/{lang}/LC_MESSAGES/humanize.po": 'msgid "a"\nmsgstr "b"\n'
        for lang in ["de", "fr", "it", "es"]
    }
    repo = make_repo(
        {
            **locales,
            ".github/workflows/test.yml": "on: push\n",
            "docs/index.md": "# humanize\n",
            "src/humanize/number.py": "def intcomma(value):\n    return str(value)\n",
            "tests/test_number.py": "from humanize.number import intcomma\n",
        }
    )

    context = build_context(repo, "intword(1e9) is wrong; see docs/index.md", cache_dir=cache_dir)

    assert "src/humanize/number.py" in context.map_only
    assert not [p for p in context.map_only if p.endswith((".po", ".yml"))]
    assert "docs/index.md" in _paths(context)  # named: shown


def test_private_names_decorators_and_traceback_frames_are_mentions() -> None:
    from bot.context.mentions import find_mentions

    files = ["src/pkg/_descriptors.py", "src/pkg/core.py"]
    mentions = find_mentions(
        "Handle obj=None in _DescriptorBase; @cachedmethod breaks. Mail me@example.org\n"
        'Traceback:\n  File "/usr/lib/site-packages/pkg/core.py", line 42, in get\n'
        "src/pkg/_descriptors.py:7: AssertionError\n",
        files,
    )

    assert {"_DescriptorBase", "cachedmethod"} <= mentions.code_identifiers
    assert "example" not in mentions.code_identifiers
    assert mentions.lines == {"src/pkg/core.py": {42}, "src/pkg/_descriptors.py": {7}}


def test_a_failing_test_named_in_the_issue_brings_the_code_it_imports(
    make_repo: RepoFactory, cache_dir: Path
) -> None:
    repo = make_repo(
        {
            "src/pkg/__init__.py": "",
            "src/pkg/parsing.py": "def parse_header(line):\n    return line.split(':')\n",
            "src/pkg/other.py": "def unrelated():\n    return 1\n",
            "tests/test_headers.py": (
                "from pkg.parsing import parse_header\nfrom . import helpers\n\n\n"
                "def test_colon():\n    assert parse_header('a: b') == ['a', ' b']\n"
            ),
            "tests/helpers.py": "def make():\n    return 0\n",
        }
    )

    context = build_context(repo, "tests/test_headers.py::test_colon fails since 2.0", cache_dir=cache_dir)

    reasons = {file.path: file.reason for file in context.files}
    assert reasons["tests/test_headers.py"] == "named in issue"
    assert reasons["src/pkg/parsing.py"] == "imported by tests/test_headers.py"
    assert reasons["tests/helpers.py"] == "imported by tests/test_headers.py"
    assert "src/pkg/other.py" not in reasons
