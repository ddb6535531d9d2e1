"""Drawing report charts: each function draws plain data on a given ``Axes`` and returns it.

Colours are Okabe-Ito (safe for the common forms of colour blindness); titles say what is shown
and how it was aggregated. Nothing here touches pyplot state.

Examples
--------
>>> from matplotlib.figure import Figure
>>> from stance.summaries import TargetSummary
>>> ax = Figure().add_subplot()
>>> plot_target_summaries([TargetSummary("US", 4, 2, 1, 1, 0.25, -0.5, 1.0, 0.0, 75.0)], ax) is ax
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.lines import Line2D

from .sentiment import SENTIMENT_THRESHOLD
from .summaries import Comparison, Heatmap, TargetSummary, TopicArc, TrajectoryPoint

__all__ = [
    "PALETTE",
    "STANCE_COLOURS",
    "plot_comparison",
    "plot_heatmap",
    "plot_sentiment_arcs",
    "plot_target_summaries",
    "plot_trajectory",
]

#: Okabe-Ito colours.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: Colours of the stance labels (Okabe-Ito blue, vermilion, grey).
STANCE_COLOURS = {"FAVOR": "#0072B2", "AGAINST": "#D55E00", "NONE": "#999999"}

_LABELS = ("FAVOR", "AGAINST", "NONE")


def _empty(ax: Axes, message: str) -> Axes:
    ax.text(0.5, 0.5, message, ha="center", va="center", color="#666666", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def plot_sentiment_arcs(
    arcs: Sequence[TopicArc], ax: Axes, *, paragraph_ticks: Sequence[float] = ()
) -> Axes:
    """Per-topic sentiment lines (rolling means), with a dot on each sentence that carries them."""
    window = arcs[0].window if arcs else 0
    ax.set_title(
        "Sentiment by topic across the speech\n"
        f"lines: rolling mean over {window} sentences of the topic; dots: single sentences",
        fontsize=11,
    )
    if not arcs:
        return _empty(ax, "No sentence matched a topic keyword")
    for colour, arc in zip(PALETTE * 2, arcs):
        ax.plot(arc.positions, arc.smoothed, color=colour, linewidth=2, label=arc.topic)
        ax.scatter(arc.positions, arc.sentiment, color=colour, s=14, alpha=0.55, linewidths=0)
    ax.axhline(0, color="#666666", linewidth=0.8)
    ax.axhspan(-SENTIMENT_THRESHOLD, SENTIMENT_THRESHOLD, color="#EEEEEE", zorder=0)
    ax.set_xlim(-2, 102)
    ax.set_ylim(-1.05, 1.05)
    if paragraph_ticks:
        ax.set_xticks(list(paragraph_ticks), minor=True)
        ax.tick_params(axis="x", which="minor", length=4, color="#999999")
    ax.set_xlabel("Position in the speech (% of sentences; minor ticks: paragraphs)")
    ax.set_ylabel("Sentiment (VADER compound)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="Topic")
    return ax


def plot_trajectory(
    points: Sequence[TrajectoryPoint], targets: Sequence[str], ax: Axes, *, seed: int = 0
) -> Axes:
    """A dispersion plot: each mention of ``targets`` at its position, coloured by stance and
    sized by confidence, one row per target. With many mentions (several speeches), the dots
    are spread within their row by a seeded jitter, so that they do not hide one another."""
    ax.set_title(
        "Where each target is mentioned, and with which stance\n"
        "colour: predicted stance; size: its probability",
        fontsize=11,
    )
    if not points:
        return _empty(ax, "No target was mentioned")
    row = {t: i for i, t in enumerate(targets)}
    crowded = len(points) > 300
    jitter = np.random.default_rng(seed).uniform(-0.32, 0.32, len(points)) if crowded else None
    for label in _LABELS:
        chosen = [i for i, p in enumerate(points) if p.stance == label and p.target in row]
        ax.scatter(
            [points[i].position for i in chosen],
            [row[points[i].target] + (jitter[i] if crowded else 0) for i in chosen],
            s=[(6 if crowded else 20) + (30 if crowded else 100) * (points[i].confidence - 0.33)
               for i in chosen],
            color=STANCE_COLOURS[label],
            alpha=0.5 if crowded else 0.75,
            linewidths=0,
            label=label,
        )  # fmt: skip
    ax.set_yticks(range(len(targets)), list(targets))
    ax.set_ylim(len(targets) - 0.5, -0.5)
    ax.set_xlim(-2, 102)
    ax.set_xlabel("Position in the speech (% of sentences)")
    ax.grid(axis="y", color="#EEEEEE")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=STANCE_COLOURS[label], label=label)
        for label in _LABELS
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


def plot_target_summaries(summaries: Sequence[TargetSummary], ax: Axes) -> Axes:
    """Stacked shares of FAVOR / AGAINST / NONE per target, with the net stance and its 95%
    interval drawn on a second axis."""
    ax.set_title(
        "Stance toward each target: shares (bars) and net stance with 95% interval (dots)\n"
        "net stance = (FAVOR - AGAINST) / mentions; bootstrap over mentions",
        fontsize=11,
    )
    if not summaries:
        return _empty(ax, "No target was mentioned")
    names = [f"{s.target} (n={s.n})" for s in summaries]
    y = np.arange(len(summaries))
    left = np.zeros(len(summaries))
    for label in _LABELS:
        shares = np.array([s.share(label) for s in summaries])
        ax.barh(
            y, shares, left=left, color=STANCE_COLOURS[label], height=0.6, label=label, alpha=0.85
        )
        left += shares
    ax.set_yticks(y, names)
    ax.set_ylim(len(summaries) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of mentions")
    net_ax = ax.twiny()
    net = np.array([s.net for s in summaries])
    errors = np.array(
        [[s.net - s.net_low for s in summaries], [s.net_high - s.net for s in summaries]]
    )
    net_ax.errorbar(net, y, xerr=errors, fmt="o", color="black", capsize=3, label="net stance")
    net_ax.axvline(0, color="black", linewidth=0.6, linestyle=":")
    net_ax.set_xlim(-1.05, 1.05)
    net_ax.set_xlabel("Net stance (-1 all AGAINST ... +1 all FAVOR)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


def plot_comparison(rows: Sequence[Comparison], ax: Axes, *, by: str) -> Axes:
    """Net stance toward each target per group (speaker, country, year), with 95% intervals."""
    ax.set_title(
        f"Net stance by {by}, with 95% bootstrap intervals\n"
        "(FAVOR - AGAINST) / mentions; n = mentions in the group",
        fontsize=11,
    )
    if not rows:
        return _empty(ax, f"No document has a '{by}' field and mentions the chosen targets")
    targets = list(dict.fromkeys(r.target for r in rows))
    labels = [f"{r.target} | {r.group} (n={r.n})" for r in rows]
    y = np.arange(len(rows))
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(targets)}
    for target in targets:
        chosen = [i for i, r in enumerate(rows) if r.target == target]
        ax.errorbar(
            [rows[i].net for i in chosen],
            chosen,
            xerr=[[rows[i].net - rows[i].net_low for i in chosen],
                  [rows[i].net_high - rows[i].net for i in chosen]],
            fmt="o",
            color=colours[target],
            capsize=2,
            label=target,
        )  # fmt: skip
    ax.axvline(0, color="black", linewidth=0.6, linestyle=":")
    ax.set_yticks(y, labels, fontsize=7 if len(rows) > 40 else 9)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("Net stance")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="Target")
    return ax


def plot_heatmap(heatmap: Heatmap, ax: Axes) -> Axes:
    """Net stance per target and section of the speech; blank cells: no mention there."""
    ax.set_title(
        "Net stance by target and section of the speech\nnumbers: mentions in the section",
        fontsize=11,
    )
    if not heatmap.targets:
        return _empty(ax, "No target was mentioned")
    image = ax.imshow(
        np.ma.masked_invalid(heatmap.net),
        cmap="PuOr",
        norm=TwoSlopeNorm(vmin=-1, vcenter=0, vmax=1),
        aspect="auto",
    )
    for (i, j), count in np.ndenumerate(heatmap.counts):
        if count:
            dark = abs(heatmap.net[i, j]) > 0.5
            ax.text(j, i, str(count), ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")  # fmt: skip
    ax.set_yticks(range(len(heatmap.targets)), list(heatmap.targets))
    ax.set_xticks(range(len(heatmap.sections)), list(heatmap.sections), rotation=45, ha="right")
    ax.set_xlabel("Section of the speech")
    colorbar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    colorbar.set_label("Net stance (orange: AGAINST, purple: FAVOR)")
    return ax
