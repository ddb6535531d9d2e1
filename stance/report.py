"""Chart reports: per-topic sentiment across a speech and stance per target.

Compute, then draw: :func:`sentiment_arcs` and :func:`stance_counts` turn a score table into
plain data; :func:`plot_sentiment_arcs` and :func:`plot_stance_counts` draw that data on a
given matplotlib ``Axes`` and return it; :func:`write_report` saves PNG and SVG charts, CSV
tables and a self-contained HTML page. Figures are ``matplotlib.figure.Figure`` objects (no
pyplot state), and saved files carry no time stamps, so the same input gives the same bytes.

Examples
--------
>>> rows = [{"doc_id": "d", "sentence_id": i, "paragraph": 0, "topic": "climate",
...          "sentiment": s} for i, s in enumerate([0.5, -0.5, 0.5, 0.9])]
>>> arcs = sentiment_arcs(rows, window=2)
>>> [(a.topic, [round(v, 2) for v in a.smoothed]) for a in arcs]
[('climate', [0.5, 0.0, 0.0, 0.7])]
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from jinja2 import Environment, PackageLoader, select_autoescape
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .model import STANCE_LABELS
from .persist import atomic_write, library_versions
from .scoring import ScoreTable, write_table
from .sentiment import SENTIMENT_THRESHOLD
from .topics import OTHER

__all__ = [
    "PALETTE",
    "STANCE_COLOURS",
    "StanceCount",
    "TopicArc",
    "evidence",
    "plot_sentiment_arcs",
    "plot_stance_counts",
    "sentiment_arcs",
    "stance_counts",
    "write_report",
]

#: Okabe-Ito colours, safe for the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: Colours of the stance labels (Okabe-Ito blue, vermilion, grey).
STANCE_COLOURS = {"FAVOR": "#0072B2", "AGAINST": "#D55E00", "NONE": "#BBBBBB"}


@dataclass(frozen=True)
class TopicArc:
    """One topic's sentiment along the text: positions in % and a rolling mean."""

    topic: str
    positions: tuple[float, ...]
    sentiment: tuple[float, ...]
    smoothed: tuple[float, ...]
    window: int


@dataclass(frozen=True)
class StanceCount:
    """How often each stance is taken toward one target."""

    target: str
    favor: int
    against: int
    none: int

    @property
    def total(self) -> int:
        """All mentions."""
        return self.favor + self.against + self.none


def _positions(rows: Sequence[Mapping[str, Any]]) -> list[float]:
    """Each sentence's position in its document, in % of the document's sentences."""
    last = Counter()
    for row in rows:
        last[row["doc_id"]] = max(last[row["doc_id"]], row["sentence_id"])
    return [
        100.0 * row["sentence_id"] / last[row["doc_id"]] if last[row["doc_id"]] else 0.0
        for row in rows
    ]


def sentiment_arcs(
    sentence_rows: Sequence[Mapping[str, Any]], *, window: int = 5, top: int = 6
) -> list[TopicArc]:
    """Per-topic sentiment across the text, as a trailing rolling mean over the topic's sentences.

    Parameters
    ----------
    sentence_rows : sequence of mapping
        Sentence rows of a score table (``doc_id``, ``sentence_id``, ``topic``, ``sentiment``).
    window : int
        Sentences of the same topic averaged for each point (fewer at the start).
    top : int
        Keep the ``top`` topics with the most sentences; ``other`` is left out.

    Returns
    -------
    list of TopicArc
        Most frequent topic first, ties by name.
    """
    positions = _positions(sentence_rows)
    by_topic: dict[str, list[tuple[float, float]]] = {}
    for row, x in zip(sentence_rows, positions):
        if row["topic"] != OTHER:
            by_topic.setdefault(row["topic"], []).append((x, float(row["sentiment"])))
    ranked = sorted(by_topic, key=lambda t: (-len(by_topic[t]), t))[:top]
    arcs = []
    for topic in ranked:
        points = sorted(by_topic[topic])
        values = [v for _, v in points]
        smoothed = [
            sum(values[max(0, i - window + 1) : i + 1])
            / len(values[max(0, i - window + 1) : i + 1])
            for i in range(len(values))
        ]
        arcs.append(
            TopicArc(topic, tuple(x for x, _ in points), tuple(values), tuple(smoothed), window)
        )
    return arcs


def stance_counts(mention_rows: Sequence[Mapping[str, Any]], *, top: int = 12) -> list[StanceCount]:
    """FAVOR / AGAINST / NONE counts per target, most mentioned first (ties by id)."""
    counts: dict[str, Counter] = {}
    for row in mention_rows:
        counts.setdefault(row["target"], Counter())[row["stance"]] += 1
    ranked = sorted(counts, key=lambda t: (-sum(counts[t].values()), t))[:top]
    return [
        StanceCount(t, counts[t]["FAVOR"], counts[t]["AGAINST"], counts[t]["NONE"]) for t in ranked
    ]


def evidence(
    mention_rows: Sequence[Mapping[str, Any]], *, per_label: int = 3
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """For each target, its most confident FAVOR and AGAINST sentences, with the alias split out
    (``before``, ``alias``, ``after``) so a page can highlight it."""
    result: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for label, key in (("FAVOR", "p_favor"), ("AGAINST", "p_against")):
        for row in sorted(
            (r for r in mention_rows if r["stance"] == label),
            key=lambda r: (-r[key], r["doc_id"], r["sentence_id"]),
        ):
            bucket = result.setdefault(row["target"], {"FAVOR": [], "AGAINST": []})[label]
            if len(bucket) < per_label:
                a = row["alias_start"] - row["start"]
                b = row["alias_end"] - row["start"]
                text = row["text"]
                bucket.append(
                    {
                        "doc_id": row["doc_id"],
                        "sentence_id": row["sentence_id"],
                        "p": row[key],
                        "before": " ".join(text[:a].split())
                        + (" " if text[:a][-1:].isspace() else ""),
                        "alias": text[a:b],
                        "after": (" " if text[b : b + 1].isspace() else "")
                        + " ".join(text[b:].split()),
                    }
                )
    return dict(sorted(result.items()))


def plot_sentiment_arcs(
    arcs: Sequence[TopicArc], ax: Axes, *, paragraph_ticks: Sequence[float] = ()
) -> Axes:
    """Draw per-topic sentiment lines (rolling means) with a marker on each sentence.

    Parameters
    ----------
    arcs : sequence of TopicArc
        From :func:`sentiment_arcs`.
    ax : matplotlib Axes
        Where to draw.
    paragraph_ticks : sequence of float
        Positions (in %) where paragraphs start, drawn as minor ticks.
    """
    window = arcs[0].window if arcs else 0
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
    ax.set_title(
        f"Sentiment by topic across the speech\n"
        f"lines: rolling mean over {window} sentences of the topic; dots: single sentences",
        fontsize=11,
    )
    if arcs:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="Topic")
    else:
        ax.text(50, 0.5, "No sentence matched a topic keyword", ha="center", color="#666666")
    return ax


def plot_stance_counts(counts: Sequence[StanceCount], ax: Axes) -> Axes:
    """Draw stacked horizontal bars of FAVOR / AGAINST / NONE mentions per target."""
    names = [c.target for c in counts][::-1]
    left = [0] * len(names)
    for label in STANCE_LABELS:
        values = [getattr(c, label.lower()) for c in counts][::-1]
        ax.barh(names, values, left=left, color=STANCE_COLOURS[label], label=label, height=0.7)
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel("Sentences that mention the target")
    ax.set_title("Stance toward each target (most mentioned first)", fontsize=11)
    if counts:
        ax.legend(loc="lower right", frameon=False, ncols=3)
    else:
        ax.text(0.5, 0.5, "No target was mentioned", ha="center", transform=ax.transAxes)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax


def _save(figure: Figure, stem: Path) -> dict[str, bytes]:
    """Save PNG and SVG without time stamps or random ids; return the bytes by suffix."""
    files = {}
    with matplotlib.rc_context({"svg.hashsalt": "stance", "svg.fonttype": "path"}):
        for suffix, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=suffix, dpi=150, metadata=metadata, bbox_inches="tight")
            files[suffix] = buffer.getvalue()
            atomic_write(stem.with_suffix(f".{suffix}"), files[suffix])
    return files


def write_report(
    table: ScoreTable,
    out_dir: str | Path,
    *,
    title: str | None = None,
    model_info: Mapping[str, Any] | None = None,
    window: int = 5,
) -> dict[str, Path]:
    """Write the charts, tables and ``report.html`` for a score table.

    Parameters
    ----------
    table : ScoreTable
        From :func:`stance.scoring.score_documents`.
    out_dir : str or Path
        Created if needed; existing report files are replaced.
    title : str, optional
        Page title; by default the document id, or the number of documents.
    model_info : Mapping, optional
        The stance model's sidecar, shown in the methods box.
    window : int
        Rolling-mean window of the sentiment chart, in sentences.

    Returns
    -------
    dict
        Name to path of every file written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = list(dict.fromkeys(row["doc_id"] for row in table.sentences))
    title = title or (docs[0] if len(docs) == 1 else f"{len(docs)} documents")

    arcs = sentiment_arcs(table.sentences, window=window)
    counts = stance_counts(table.mentions)
    ticks: list[float] = []
    if len(docs) == 1:
        seen = set()
        for row, x in zip(table.sentences, _positions(table.sentences)):
            if row["paragraph"] not in seen:
                seen.add(row["paragraph"])
                ticks.append(x)

    written: dict[str, Path] = {}
    images: dict[str, str] = {}
    for name, draw, size in (
        (
            "sentiment_by_topic",
            lambda ax: plot_sentiment_arcs(arcs, ax, paragraph_ticks=ticks),
            (9, 4.8),
        ),
        (
            "stance_by_target",
            lambda ax: plot_stance_counts(counts, ax),
            (8, 0.9 + 0.42 * max(len(counts), 3)),
        ),
    ):
        figure = Figure(figsize=size, layout="constrained")
        draw(figure.add_subplot())
        files = _save(figure, out / name)
        images[name] = base64.b64encode(files["svg"]).decode("ascii")
        written[f"{name}.png"] = out / f"{name}.png"
        written[f"{name}.svg"] = out / f"{name}.svg"

    for name, level in (("stance.csv", "mentions"), ("sentences.csv", "sentences")):
        write_table(table.rows(level), table.columns(level), out / name, "csv")
        written[name] = out / name

    environment = Environment(
        loader=PackageLoader("stance", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    html = environment.get_template("report.html.j2").render(
        title=title,
        documents=docs,
        n_sentences=len(table.sentences),
        n_mentions=len(table.mentions),
        images=images,
        counts=counts,
        evidence=evidence(table.mentions),
        model=dict(model_info or {}),
        versions=library_versions(),
        threshold=SENTIMENT_THRESHOLD,
        window=window,
    )
    atomic_write(out / "report.html", html.encode("utf-8"))
    written["report.html"] = out / "report.html"
    return written
