"""The report files: their content, their order, the chart files and the job summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from bot.bench.metrics import summarize
from bot.bench.report import leaderboard_markdown, write_report
from tests.bench_reports.dataset import ALL_CASES, QWQ_QWEN, R1_SONNET, SONNET, case

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report(ALL_CASES, out, env={})
    return out


def table_rows(markdown: str) -> list[list[str]]:
    """The leaderboard table's body rows, cells stripped."""
    lines = markdown.split("\n### ")[0].splitlines()
    rows = [line for line in lines if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


def test_every_file_is_written(report: Path) -> None:
    names = {"results.json", "results.yml", "leaderboard.md", "chart.svg", "chart.png"}
    assert names <= {p.name for p in report.iterdir()}
    assert all((report / n).stat().st_mode & 0o044 for n in names)  # readable by the upload step


def test_results_yml_is_one_leaderboard_row_per_pair_best_first(report: Path) -> None:
    rows = yaml.safe_load((report / "results.yml").read_text())
    assert [row["pair"] for row in rows] == [SONNET, R1_SONNET, QWQ_QWEN]
    r1 = rows[1]
    assert r1["dirname"] == "deepseek--deepseek-reasoner+anthropic--claude-sonnet-4-5"
    assert (r1["test_cases"], r1["pass_rate_1"], r1["pass_rate_2"]) == (6, 33.3, 66.7)
    assert r1["percent_cases_well_formed"] == 66.7 and r1["total_cost"] == 0.9
    assert r1["date"] == "2026-11-21" and r1["guard_stops"]["deadline"] == 1
    assert rows[2]["total_cost"] is None and rows[0]["editor_model"] is None


def test_results_json_holds_summaries_and_every_case(report: Path) -> None:
    data = json.loads((report / "results.json").read_text())
    assert [p["pair"] for p in data["pairs"]] == [SONNET, R1_SONNET, QWQ_QWEN]
    assert len(data["cases"]) == len(ALL_CASES)
    assert data["pairs"][1]["languages"][1] == {
        "lang": "python",
        "test_cases": 6,
        "pass_num_1": 2,
        "pass_num_2": 4,
        "pass_rate_1": 33.3,
        "pass_rate_2": 66.7,
        "skipped_cases": 0,
    }
    [errored] = [c for c in data["cases"] if c["pair"] == R1_SONNET and c["exercise"] == "matrix-spiral"]
    assert errored["status"] == "error" and errored["cost"] is None and errored["tests_outcomes"] == []


def test_leaderboard_table_rows_in_pass_rate_2_order(report: Path) -> None:
    markdown = (report / "leaderboard.md").read_text()
    assert (
        "| Pair | Cases | Pass 1 | Pass 2 | `fixed` precision | Well-formed | Cost | Cost/solved "
        "| s/case | Median s | Thinking s/case | Command |" in markdown
    )
    rows = table_rows(markdown)
    assert rows == [
        [f"`{SONNET}`", "3", "66.7%", "66.7%", "66.7% (2/3)", "100.0%", "$0.60", "$0.30", "60.0", "60.0",
         "0.0",
         f"`architect-bot bench --pair {SONNET} --tries 2`"],
        [f"`{R1_SONNET}`", "6", "33.3%", "66.7%", "100.0% (4/4)", "66.7%", "≥$0.90", "–", "133.3",
         "120.0", "53.3",
         f"`architect-bot bench --pair {R1_SONNET} --tries 2`"],
        [f"`{QWQ_QWEN}`", "4", "25.0%", "50.0%", "100.0% (2/2)", "50.0%", "?", "–", "278.5",
         "300.0", "175.0",
         f"`architect-bot bench --pair {QWQ_QWEN} --tries 2`"],
    ]  # fmt: skip


def test_leaderboard_notes_and_language_breakdown(report: Path) -> None:
    markdown = (report / "leaderboard.md").read_text()
    r1_note = next(line for line in markdown.splitlines() if line.startswith(f"- `{R1_SONNET}`"))
    for fragment in (
        "skipped: 2 (no toolchain: go)",
        "errors: 1 (counted as failed)",
        "malformed answers: 3 in 2 cases",
        "test timeouts: 1",
        "context windows exhausted: 1",
        "guard stops: deadline 1",
        "cost unknown: 1 of 6 cases",
    ):
        assert fragment in r1_note
    assert "guard stops: reasoning_tokens 1, loop 1, stall 1" in markdown
    breakdown = markdown.split("### Per language")[1]
    assert "| Pair | go | python |" in breakdown
    assert f"| `{R1_SONNET}` | skipped (2) | 66.7% (4/6) |" in breakdown


def test_pipes_in_a_command_cannot_break_the_table() -> None:
    markdown = leaderboard_markdown(summarize([case(SONNET, "e", command="architect-bot bench | tee log")]))
    [row] = table_rows(markdown)
    assert len(row) == 12 and row[-1] == "`architect-bot bench '\\|' tee log`"


def test_empty_results_say_so() -> None:
    assert "No results found." in leaderboard_markdown([])


def test_chart_files_are_a_valid_png_and_svg(report: Path) -> None:
    png = (report / "chart.png").read_bytes()
    assert png.startswith(PNG_MAGIC) and len(png) > 10_000
    root = ET.parse(report / "chart.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    svg = (report / "chart.svg").read_text()
    # text stays text: the pairs, the bars' legend and the unknown-cost note can be found
    for text in (
        "deepseek/deepseek-reasoner",
        "after try 2",
        "cost unknown, not shown: qwq:32b+qwen2.5-coder:32b",
    ):
        assert text in svg


def test_report_is_reproducible(report: Path, tmp_path: Path) -> None:
    write_report(list(reversed(ALL_CASES)), tmp_path, env={})
    for name in ("chart.svg", "results.json", "results.yml", "leaderboard.md"):
        assert (tmp_path / name).read_bytes() == (report / name).read_bytes(), name


def test_chart_with_no_results_still_renders(tmp_path: Path) -> None:
    files = write_report([], tmp_path, env={})
    assert files.chart_png.read_bytes().startswith(PNG_MAGIC)


def test_markdown_is_appended_to_the_job_summary(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("## Earlier step\n")
    files = write_report(ALL_CASES, tmp_path / "out", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert files.step_summary == summary
    text = summary.read_text()
    assert text.startswith("## Earlier step\n")
    assert text.endswith((tmp_path / "out" / "leaderboard.md").read_text())


def test_no_job_summary_when_unset(tmp_path: Path) -> None:
    assert write_report([], tmp_path, env={}).step_summary is None


def test_mined_cases_get_a_table_of_dates_cutoffs_and_statements(tmp_path: Path) -> None:
    opus = "anthropic/claude-opus-5-5+anthropic/claude-sonnet-5-5"
    cases = [
        case(opus, "repo__old-1", tests_outcomes=[True], status="fixed", case_date="2019-04-02",
             statement="issue"),
        case(opus, "repo__new-2", tests_outcomes=[False], case_date="2099-01-15", statement="commit-message"),
        case("oracle", "repo__old-1", tests_outcomes=[True], status="fixed", case_date="2019-04-02"),
    ]  # fmt: skip
    markdown = leaderboard_markdown(summarize(cases), cases)
    table = markdown.split("### Cases: date against training cutoffs")[1]
    assert "`anthropic/claude-opus-5-5` 20" in table  # the catalog's cutoff, named
    assert "| `repo__old-1` | 2019-04-02 | issue | ✅ before cutoff | ✅ |" in table
    assert "| `repo__new-2` | 2099-01-15 | commit-message | ❌ after cutoff |  |" in table
    assert f"- `{opus}`: commit-message 0/1, issue 1/1" in table
    assert "### Cases" not in leaderboard_markdown(summarize(ALL_CASES), ALL_CASES)  # exercises have no date
    write_report(cases, tmp_path, env={})
    rows = {row["pair"]: row for row in yaml.safe_load((tmp_path / "results.yml").read_text())}
    assert [(c["case"], c["statement"], c["resolved"], c["contamination"]) for c in rows[opus]["cases"]] == [
        ("repo__old-1", "issue", True, "before cutoff"),
        ("repo__new-2", "commit-message", False, "after cutoff"),
    ]
    assert rows[opus]["cases"][0]["training_cutoff"] == "2026-06"  # the newer of the pair's two
    assert rows["oracle"]["cases"][0]["contamination"] == "cutoff unknown"
