"""Test tampering is spotted in the diff; a repository's PR template receives the bot's body."""

from __future__ import annotations

from bot.action.publish import fill_template
from bot.action.tamper import find_tampering, is_test_path


def diff(path: str, removed: list[str], added: list[str], *, deleted: bool = False) -> str:
    head = f"diff --git a/{path} b/{path}\n"
    if deleted:
        head += "deleted file mode 100644\n"
    new = "/dev/null" if deleted else f"b/{path}"
    body = "".join(f"-{line}\n" for line in removed) + "".join(f"+{line}\n" for line in added)
    return (
        f"{head}--- a/{path}\n+++ {new}\n@@ -1,{len(removed)} +{0 if deleted else 1},{len(added)} @@\n{body}"
    )


def test_test_paths_across_ecosystems() -> None:
    for path in (
        "tests/test_a.py",
        "pkg/test_b.py",
        "a_test.go",
        "src/x.test.ts",
        "web/__tests__/y.js",
        "src/test/java/FooTest.java",
        "spec/z_spec.rb",
    ):
        assert is_test_path(path), path
    for path in ("src/app.py", "testing_utils.py", "contest.py", "docs/tests.md"):
        assert not is_test_path(path), path


def test_deleted_test_file() -> None:
    [t] = find_tampering(
        diff("tests/test_totals.py", ["def test_a():", "    assert f() == 1"], [], deleted=True)
    )
    assert t.kind == "deleted-test-file"


def test_skip_markers_added() -> None:
    for marker in (
        "@pytest.mark.skip(reason='flaky')",
        "@pytest.mark.xfail",
        "it.skip('adds', () => {",
        "#[ignore]",
        "@Disabled",
        't.Skip("later")',
    ):
        found = find_tampering(diff("tests/test_x.py", [], [marker]))
        assert [t.kind for t in found] == ["skip-added"], marker


def test_assertions_removed_but_not_when_rewritten() -> None:
    weakened = diff("tests/test_x.py", ["    assert total == 53.97", "    assert n == 2"], ["    pass"])
    assert [t.kind for t in find_tampering(weakened)] == ["assertions-removed"]
    rewritten = diff(
        "tests/test_x.py", ["    assert total == 53.97"], ["    assert total == Decimal('53.97')"]
    )
    assert find_tampering(rewritten) == []


def test_code_changes_are_not_tampering() -> None:
    assert find_tampering(diff("invoice/totals.py", ["    assert x"], ["    return x"])) == []
    assert find_tampering("not a diff at all") == []


def test_template_gets_the_body_under_its_first_heading() -> None:
    template = "## Description\n\n<!-- what and why -->\n\n## Checklist\n- [ ] tests\n"
    filled = fill_template(template, "The plan.\n\nFixes #1")
    assert filled.index("## Description") < filled.index("The plan.") < filled.index("## Checklist")
    assert filled.endswith("- [ ] tests\n")
    assert fill_template(None, "body") == "body"
    assert fill_template("Please describe.", "body").startswith("body\n\n---\n\nPlease describe.")
