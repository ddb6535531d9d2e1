"""Chart reports: charts, tables, a provenance record and one self-contained HTML page.

:func:`write_report` computes the statistics (:mod:`stance.summaries`), draws them on fresh
``Figure`` objects (:mod:`stance.charts`), and writes PNG and SVG charts, ``stance.csv``,
``sentences.csv``, ``summary_by_target.csv``, ``run.json`` and ``report.html``. Saved files carry
no time stamps or random ids, so the same input gives the same bytes.

Examples
--------
>>> from stance.summaries import sentiment_arcs
>>> rows = [{"doc_id": "d", "sentence_id": i, "paragraph": 0, "topic": "climate",
...          "sentiment": s} for i, s in enumerate([0.5, -0.5, 0.5, 0.9])]
>>> [(a.topic, [round(v, 2) for v in a.smoothed]) for a in sentiment_arcs(rows, window=2)]
[('climate', [0.5, 0.0, 0.0, 0.7])]
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
from jinja2 import Environment, PackageLoader, select_autoescape
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .charts import (
    STANCE_COLOURS,
    plot_comparison,
    plot_heatmap,
    plot_sentiment_arcs,
    plot_target_summaries,
    plot_trajectory,
)
from .persist import atomic_write, library_versions
from .scoring import ScoreTable, write_table
from .sentiment import SENTIMENT_THRESHOLD
from .summaries import (
    compare_groups,
    positions,
    section_heatmap,
    sentiment_arcs,
    target_summaries,
    top_targets,
    trajectory,
)

__all__ = ["SUMMARY_FIELDS", "evidence", "write_report"]

#: Columns of ``summary_by_target.csv``.
SUMMARY_FIELDS = (
    "target", "mentions", "favor", "against", "none", "share_favor", "share_against",
    "share_none", "net_stance", "net_low", "net_high", "first_position", "last_position",
)  # fmt: skip


def evidence(
    mention_rows: Sequence[Mapping[str, Any]],
    where: Mapping[tuple[str, int], float],
    *,
    targets: Sequence[str],
    per_label: int = 3,
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """For each target, its most confident FAVOR and AGAINST sentences, with the alias split out
    (``before``, ``alias``, ``after``) so that a page can highlight it."""
    result: dict[str, dict[str, list[dict[str, Any]]]] = {
        t: {"FAVOR": [], "AGAINST": []} for t in targets
    }
    for label, key in (("FAVOR", "p_favor"), ("AGAINST", "p_against")):
        ranked = sorted(
            (r for r in mention_rows if r["stance"] == label and r["target"] in result),
            key=lambda r: (-r[key], r["doc_id"], r["sentence_id"]),
        )
        for row in ranked:
            bucket = result[row["target"]][label]
            if len(bucket) >= per_label:
                continue
            a, b = row["alias_start"] - row["start"], row["alias_end"] - row["start"]
            text = row["text"]
            bucket.append(
                {
                    "doc_id": row["doc_id"],
                    "sentence_id": row["sentence_id"],
                    "position": where[(row["doc_id"], row["sentence_id"])],
                    "holder": row["holder"],
                    "quoted": row["quoted"],
                    "p": row[key],
                    "before": " ".join(text[:a].split()) + (" " if text[:a][-1:].isspace() else ""),
                    "alias": " ".join(text[a:b].split()),
                    "after": (" " if text[b : b + 1].isspace() else "")
                    + " ".join(text[b:].split()),
                }
            )
    return {t: labels for t, labels in result.items() if labels["FAVOR"] or labels["AGAINST"]}


def _save(figure: Figure, stem: Path) -> bytes:
    """Save PNG and SVG without time stamps or random ids; return the SVG bytes."""
    svg = b""
    with matplotlib.rc_context({"svg.hashsalt": "stance", "svg.fonttype": "path"}):
        for suffix, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            buffer = io.BytesIO()
            figure.savefig(buffer, format=suffix, dpi=130, metadata=metadata, bbox_inches="tight")
            atomic_write(stem.with_suffix(f".{suffix}"), buffer.getvalue())
            svg = buffer.getvalue()
    return svg


def write_report(
    table: ScoreTable,
    out_dir: str | Path,
    *,
    title: str | None = None,
    model_info: Mapping[str, Any] | None = None,
    inputs: Sequence[Mapping[str, str]] = (),
    window: int = 5,
    top: int = 12,
    by: str | None = None,
    compare: Sequence[str] = (),
    sections: int = 10,
    n_boot: int = 1000,
    seed: int = 0,
    topics: str = "keyword registry",
    topic_keywords: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Path]:
    """Write the charts, tables, ``run.json`` and ``report.html`` for a score table.

    Parameters
    ----------
    table : ScoreTable
        From :func:`stance.scoring.score_documents`.
    out_dir : str or Path
        Created if needed; existing report files are replaced.
    title : str, optional
        Page title; by default the document id, or the number of documents.
    model_info : Mapping, optional
        The stance model's sidecar, shown in the methods box and recorded in ``run.json``.
    inputs : sequence of mapping
        ``{"path", "doc_id", "sha256"}`` of each input, recorded in ``run.json``.
    window : int
        Rolling-mean window of the sentiment chart, in sentences.
    top : int
        Targets shown in the per-target charts (the most mentioned).
    by : str, optional
        A metadata field (``iso3``, ``year``, ``speaker``...) to compare documents by; by
        default ``iso3`` when several documents have it.
    compare : sequence of str
        Targets to compare across groups (default: the three most mentioned).
    sections : int
        Sections of the speech in the heatmap.
    n_boot, seed : int
        Bootstrap resamples for the intervals, and their seed.
    topics : str
        How topics were assigned, for the methods box.
    topic_keywords : Mapping, optional
        Topic name to its keywords, listed in the methods box (for learned topics).

    Returns
    -------
    dict
        File name to path of every file written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = list(dict.fromkeys(row["doc_id"] for row in table.sentences))
    title = title or (docs[0] if len(docs) == 1 else f"{len(docs)} documents")
    where = positions(table.sentences)
    targets = top_targets(table.mentions, top)
    every_summary = target_summaries(
        table.mentions, positions=where, top=len(table.mentions), n_boot=n_boot, seed=seed
    )
    summaries = every_summary[:top]
    if by is None and len(docs) > 1 and "iso3" in table.meta_fields:
        by = "iso3"
    compare = list(compare) or top_targets(table.mentions, 3)
    ticks: list[float] = []
    if len(docs) == 1:
        seen: set[int] = set()
        for row in table.sentences:
            if row["paragraph"] not in seen:
                seen.add(row["paragraph"])
                ticks.append(where[(row["doc_id"], row["sentence_id"])])

    charts: list[tuple[str, str, Callable[[Axes], Axes], tuple[float, float]]] = [
        (
            "sentiment_by_topic",
            "Line chart of sentence sentiment by topic across the speech",
            lambda ax: plot_sentiment_arcs(
                sentiment_arcs(table.sentences, window=window), ax, paragraph_ticks=ticks
            ),
            (10, 5),
        ),
        (
            "stance_by_target",
            "Bar chart of stance shares and net stance with intervals per target",
            lambda ax: plot_target_summaries(summaries, ax),
            (10, 1.2 + 0.45 * max(len(summaries), 3)),
        ),
        (
            "stance_trajectory",
            "Dispersion plot of target mentions along the speech, coloured by stance",
            lambda ax: plot_trajectory(
                trajectory(table.mentions, positions=where, top=top), targets, ax
            ),
            (10, 1.2 + 0.4 * max(len(targets), 3)),
        ),
        (
            "target_by_section",
            "Heatmap of net stance by target and section of the speech",
            lambda ax: plot_heatmap(
                section_heatmap(table.mentions, positions=where, sections=sections, top=top), ax
            ),
            (10, 1.5 + 0.4 * max(len(targets), 3)),
        ),
    ]
    comparison = (
        compare_groups(table.mentions, by=by, targets=compare, n_boot=n_boot, seed=seed)
        if by
        else []
    )
    if by:
        charts.append(
            (
                "comparison",
                f"Dot plot of net stance by {by} with intervals",
                lambda ax: plot_comparison(comparison, ax, by=by),
                (10, 1.5 + 0.22 * max(len(comparison), 4)),
            )
        )

    written: dict[str, Path] = {}
    images = []
    for name, alt, draw, size in charts:
        figure = Figure(figsize=size, layout="constrained")
        draw(figure.add_subplot())
        svg = _save(figure, out / name)
        images.append({"name": name, "alt": alt, "svg": base64.b64encode(svg).decode("ascii")})
        written[f"{name}.png"] = out / f"{name}.png"
        written[f"{name}.svg"] = out / f"{name}.svg"

    for name, level in (("stance.csv", "mentions"), ("sentences.csv", "sentences")):
        write_table(table.rows(level), table.columns(level), out / name, "csv")
        written[name] = out / name
    summary_rows = [
        {
            "target": s.target,
            "mentions": s.n,
            "favor": s.favor,
            "against": s.against,
            "none": s.none,
            "share_favor": round(s.share("FAVOR"), 4),
            "share_against": round(s.share("AGAINST"), 4),
            "share_none": round(s.share("NONE"), 4),
            "net_stance": round(s.net, 4),
            "net_low": round(s.net_low, 4),
            "net_high": round(s.net_high, 4),
            "first_position": round(s.first, 2),
            "last_position": round(s.last, 2),
        }
        for s in every_summary
    ]
    write_table(summary_rows, SUMMARY_FIELDS, out / "summary_by_target.csv", "csv")
    written["summary_by_target.csv"] = out / "summary_by_target.csv"

    model = dict(model_info or {})
    settings = {
        "sentiment_threshold": SENTIMENT_THRESHOLD,
        "rolling_window_sentences": window,
        "top_targets": top,
        "sections": sections,
        "bootstrap_resamples": n_boot,
        "seed": seed,
        "compare_by": by,
        "compare_targets": compare if by else [],
        "topics": topics,
        "topic_keywords": {k: list(v) for k, v in (topic_keywords or {}).items()},
        "stance_rule": "the most probable of FAVOR, AGAINST, NONE",
    }
    run = {
        "inputs": list(inputs),
        "model": {
            k: model[k]
            for k in ("name", "sha256", "data_sha256", "n_train", "strategy", "cv", "dev")
            if k in model
        },
        "versions": library_versions(),
        "settings": settings,
        "counts": {
            "documents": len(docs),
            "sentences": len(table.sentences),
            "pairs": len(table.mentions),
        },
    }
    atomic_write(
        out / "run.json", (json.dumps(run, indent=2, sort_keys=True) + "\n").encode("utf-8")
    )
    written["run.json"] = out / "run.json"

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
        summaries=summaries,
        evidence=evidence(table.mentions, where, targets=targets),
        model=model,
        settings=settings,
        versions=run["versions"],
        colours=STANCE_COLOURS,
    )
    atomic_write(out / "report.html", html.encode("utf-8"))
    written["report.html"] = out / "report.html"
    return written
