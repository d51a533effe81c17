"""The benchmark chart: pass rates per pair as grouped bars, and cost against pass rate.

Drawn with matplotlib's object API on a private Figure with an Agg canvas (no pyplot global
state), so it is safe in threads and never needs a display.
The SVG keeps its text as text (searchable, small) and is reproducible (fixed hash salt, no date).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from bot.bench.metrics import PairSummary

_TRY1 = "#9ecae1"
_TRY2 = "#1f5f99"


def draw(summaries: Sequence[PairSummary]) -> Figure:
    """Left: pass_rate_1 and pass_rate_2 per pair (best on top). Right: total cost vs pass_rate_2."""
    rows = max(len(summaries), 1)
    fig = Figure(figsize=(13, 2.4 + 0.75 * rows), layout="constrained")
    FigureCanvasAgg(fig)  # the Agg canvas: no display needed, whatever the global backend is
    bars, scatter = fig.subplots(1, 2, width_ratios=[1.2, 1])
    _bars(bars, summaries)
    _scatter(scatter, summaries)
    fig.suptitle("architect-bot benchmark", fontsize=13, fontweight="bold")
    return fig


def write_chart(summaries: Sequence[PairSummary], out_dir: Path) -> tuple[Path, Path]:
    """Write ``chart.svg`` and ``chart.png`` into ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    svg, png = out_dir / "chart.svg", out_dir / "chart.png"
    fig = draw(summaries)
    with matplotlib.rc_context({"svg.hashsalt": "architect-bot", "svg.fonttype": "none"}):
        fig.savefig(svg, format="svg", metadata={"Date": None})
    fig.savefig(png, format="png", dpi=110)
    return svg, png


def short_name(pair: str) -> str:
    """``provider/model+provider/model`` -> ``model+model``: labels that fit beside a point."""
    return "+".join(part.rsplit("/", 1)[-1] for part in pair.split("+"))


def _bar_label(s: PairSummary) -> str:
    # Architect and editor on separate lines, so long provider/model names need no cutting.
    return s.pair.replace("+", "\n+ ") + f"  ({s.test_cases} cases)"


def _bars(ax: Axes, summaries: Sequence[PairSummary]) -> None:
    ax.set_title("Pass rate per pair (%)", loc="left")
    ax.set_xlim(0, 108)
    ax.set_xlabel("% of test cases passed")
    if not summaries:
        ax.text(0.5, 0.5, "no results", ha="center", va="center", color="grey", transform=ax.transAxes)
        ax.set_yticks([])
        return
    height = 0.38
    ys = list(range(len(summaries)))[::-1]  # best pair on top: matplotlib counts from the bottom
    try1 = ax.barh([y + height / 2 for y in ys], [s.pass_rate_1 for s in summaries], height, color=_TRY1)
    try2 = ax.barh([y - height / 2 for y in ys], [s.pass_rate_2 for s in summaries], height, color=_TRY2)
    ax.bar_label(try1, fmt="%.1f", padding=2, fontsize=8)
    ax.bar_label(try2, fmt="%.1f", padding=2, fontsize=8)
    ax.set_yticks(ys, [_bar_label(s) for s in summaries], fontsize=8.5)
    ax.legend(
        [try1, try2],
        ["after try 1", "after try 2"],
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=2,
        frameon=False,
        fontsize=8,
    )
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)


def _scatter(ax: Axes, summaries: Sequence[PairSummary]) -> None:
    ax.set_title("Cost vs pass rate after try 2", loc="left")
    ax.set_ylabel("pass rate after try 2 (%)")
    ax.set_ylim(-5, 110)
    priced = sorted((s for s in summaries if s.total_cost is not None), key=lambda s: s.total_cost or 0.0)
    unpriced = [short_name(s.pair) for s in summaries if s.total_cost is None]
    costs = [s.total_cost or 0.0 for s in priced]
    ax.scatter(costs, [s.pass_rate_2 for s in priced], color=_TRY2, zorder=3)
    labels = [
        ax.annotate(
            short_name(s.pair) + (" (cost partial)" if s.unknown_cost_cases else ""),
            (cost, s.pass_rate_2),
            xytext=(6, 4),
            textcoords="offset points",
            fontsize=8,
        )
        for s, cost in zip(priced, costs, strict=True)
    ]
    top = max(costs, default=0.0) or 1.0
    ax.set_xlim(-0.05 * top, top * 1.7)  # room on the right for the labels
    xlabel = "total cost (USD)"
    if unpriced:
        note = "cost unknown, not shown: " + ", ".join(unpriced)
        xlabel += "\n" + "\n".join(textwrap.wrap(note, 70))
    ax.set_xlabel(xlabel)
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    _spread(ax, labels)


def _spread(ax: Axes, labels: Sequence[Annotation]) -> None:
    """Move labels down, one line at a time, until none overlaps an earlier one."""
    fig = ax.get_figure()
    if fig is None or not labels:
        return
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    placed: list[Bbox] = []
    for label in labels:
        for _ in range(len(labels) + 1):
            box = label.get_window_extent(renderer).expanded(1.02, 1.1)
            if not any(box.overlaps(other) for other in placed):
                break
            x, y = label.xyann
            label.xyann = (x, y - 11)
        placed.append(label.get_window_extent(renderer))
