"""The benchmark chart: pass rates per pair as grouped bars, and cost against pass rate.

Drawn with matplotlib's object API on a private Figure with an Agg canvas (no pyplot global
state), so it is safe in threads and never needs a display.
The SVG is made reproducible (fixed hash salt, no date).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.bench.metrics import PairSummary

_TRY1 = "#9ecae1"
_TRY2 = "#1f5f99"
_LABEL_MAX = 48


def draw(summaries: Sequence[PairSummary]) -> Figure:
    """Left: pass_rate_1 and pass_rate_2 per pair (best on top). Right: total cost vs pass_rate_2."""
    rows = max(len(summaries), 1)
    fig = Figure(figsize=(13, 2.2 + 0.55 * rows), layout="constrained")
    FigureCanvasAgg(fig)  # the Agg canvas: no display needed, whatever the global backend is
    bars, scatter = fig.subplots(1, 2, width_ratios=[1.25, 1])
    _bars(bars, summaries)
    _scatter(scatter, summaries)
    fig.suptitle("architect-bot benchmark", fontsize=13, fontweight="bold")
    return fig


def write_chart(summaries: Sequence[PairSummary], out_dir: Path) -> tuple[Path, Path]:
    """Write ``chart.svg`` and ``chart.png`` into ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fig = draw(summaries)
    svg, png = out_dir / "chart.svg", out_dir / "chart.png"
    with matplotlib.rc_context({"svg.hashsalt": "architect-bot"}):
        fig.savefig(svg, format="svg", metadata={"Date": None})
    fig.savefig(png, format="png", dpi=110)
    return svg, png


def _bars(ax: Axes, summaries: Sequence[PairSummary]) -> None:
    ax.set_title("Pass rate per pair (%)", loc="left")
    ax.set_xlim(0, 105)
    ax.set_xlabel("% of test cases passed")
    if not summaries:
        ax.text(50, 0, "no results", ha="center", va="center", color="grey")
        ax.set_yticks([])
        return
    height = 0.38
    # Best pair on top: matplotlib counts rows from the bottom.
    ys = list(range(len(summaries)))[::-1]
    labels = [_short(f"{s.pair} ({s.test_cases})") for s in summaries]
    try1 = ax.barh([y + height / 2 for y in ys], [s.pass_rate_1 for s in summaries], height, color=_TRY1)
    try2 = ax.barh([y - height / 2 for y in ys], [s.pass_rate_2 for s in summaries], height, color=_TRY2)
    ax.bar_label(try1, fmt="%.1f", padding=2, fontsize=8)
    ax.bar_label(try2, fmt="%.1f", padding=2, fontsize=8)
    ax.set_yticks(ys, labels, fontsize=9)
    ax.legend([try1, try2], ["after try 1", "after try 2"], loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)


def _scatter(ax: Axes, summaries: Sequence[PairSummary]) -> None:
    ax.set_title("Cost vs pass rate after try 2", loc="left")
    ax.set_xlabel("total cost (USD)")
    ax.set_ylabel("pass rate 2 (%)")
    ax.set_ylim(-5, 110)
    priced = [s for s in summaries if s.total_cost is not None]
    unpriced = [s.pair for s in summaries if s.total_cost is None]
    costs = [float(s.total_cost or 0.0) for s in priced]
    ax.scatter(costs, [s.pass_rate_2 for s in priced], color=_TRY2, zorder=3)
    for s, cost in zip(priced, costs, strict=True):
        label = _short(s.pair, 36) + (" (cost partial)" if s.unknown_cost_cases else "")
        ax.annotate(label, (cost, s.pass_rate_2), xytext=(5, 4), textcoords="offset points", fontsize=8)
    top = max(costs, default=0.0)
    # Room on the right for the labels; a lone free pair still gets a visible axis.
    ax.set_xlim(-0.05 * (top or 1.0), (top or 1.0) * 1.6)
    ax.grid(alpha=0.3)
    ax.set_axisbelow(True)
    if unpriced:
        note = "cost unknown, not shown: " + ", ".join(_short(p, 30) for p in unpriced)
        ax.text(0.01, 0.01, note, transform=ax.transAxes, fontsize=7, color="dimgrey", wrap=True)


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
