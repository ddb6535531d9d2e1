"""Statistics for reports, as plain data: computed from score-table rows, drawn elsewhere.

Positions are in % of each document's sentences, so speeches of different lengths line up.
Net stance is ``(FAVOR - AGAINST) / mentions``, in [-1, 1]; its 95% interval comes from a
percentile bootstrap over the target's (sentence, target) pairs with a seeded generator, so the
same rows and seed give the same numbers. Sentence scores are never summed into a speech score.

Examples
--------
>>> rows = [{"target": "US", "stance": s, "doc_id": "d", "sentence_id": i}
...         for i, s in enumerate(["FAVOR", "FAVOR", "AGAINST", "NONE"])]
>>> summary = target_summaries(rows, positions={("d", i): 25.0 * i for i in range(4)})[0]
>>> summary.target, summary.net, summary.first, summary.last
('US', 0.25, 0.0, 75.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .topics import OTHER

__all__ = [
    "Comparison",
    "Heatmap",
    "TargetSummary",
    "TopicArc",
    "TrajectoryPoint",
    "compare_groups",
    "net_interval",
    "positions",
    "section_heatmap",
    "sentiment_arcs",
    "target_summaries",
    "top_targets",
    "trajectory",
]

_NET = {"FAVOR": 1.0, "AGAINST": -1.0, "NONE": 0.0}


@dataclass(frozen=True)
class TopicArc:
    """One topic's sentiment along the text: positions in % and a trailing rolling mean."""

    topic: str
    positions: tuple[float, ...]
    sentiment: tuple[float, ...]
    smoothed: tuple[float, ...]
    window: int


@dataclass(frozen=True)
class TargetSummary:
    """What was said about one target: counts, shares, net stance with a 95% interval, and
    where it was first and last mentioned (in % of the speech)."""

    target: str
    n: int
    favor: int
    against: int
    none: int
    net: float
    net_low: float
    net_high: float
    first: float
    last: float

    def share(self, label: str) -> float:
        """The share of mentions with ``label``."""
        return getattr(self, label.lower()) / self.n if self.n else 0.0


@dataclass(frozen=True)
class TrajectoryPoint:
    """One mention along the speech: target, position, predicted stance and its probability."""

    target: str
    position: float
    stance: str
    confidence: float


@dataclass(frozen=True)
class Heatmap:
    """Net stance per target (rows) and section of the speech (columns); NaN where unmentioned."""

    targets: tuple[str, ...]
    sections: tuple[str, ...]
    net: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class Comparison:
    """Net stance toward one target in one group of documents (a speaker, country or year)."""

    group: str
    target: str
    n: int
    net: float
    net_low: float
    net_high: float


def positions(sentence_rows: Sequence[Mapping[str, Any]]) -> dict[tuple[str, int], float]:
    """Each sentence's position in its document, in % of the document's sentences."""
    last: Counter = Counter()
    for row in sentence_rows:
        last[row["doc_id"]] = max(last[row["doc_id"]], row["sentence_id"])
    return {
        (row["doc_id"], row["sentence_id"]): (
            100.0 * row["sentence_id"] / last[row["doc_id"]] if last[row["doc_id"]] else 0.0
        )
        for row in sentence_rows
    }


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
    """
    where = positions(sentence_rows)
    by_topic: dict[str, list[tuple[float, float]]] = {}
    for row in sentence_rows:
        if row["topic"] != OTHER:
            x = where[(row["doc_id"], row["sentence_id"])]
            by_topic.setdefault(row["topic"], []).append((x, float(row["sentiment"])))
    ranked = sorted(by_topic, key=lambda t: (-len(by_topic[t]), t))[:top]
    arcs = []
    for topic in ranked:
        points = sorted(by_topic[topic])
        values = [v for _, v in points]
        smoothed = [
            float(np.mean(values[max(0, i - window + 1) : i + 1])) for i in range(len(values))
        ]
        arcs.append(
            TopicArc(topic, tuple(x for x, _ in points), tuple(values), tuple(smoothed), window)
        )
    return arcs


def net_interval(
    stances: Sequence[str], *, n_boot: int = 1000, seed: int = 0
) -> tuple[float, float, float]:
    """Net stance and its percentile-bootstrap 95% interval.

    Examples
    --------
    >>> net_interval(["FAVOR"] * 3)
    (1.0, 1.0, 1.0)
    """
    values = np.array([_NET[s] for s in stances])
    if values.size == 0:
        return 0.0, 0.0, 0.0
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, values.size, size=(n_boot, values.size))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(values.mean()), float(low), float(high)


def top_targets(mention_rows: Sequence[Mapping[str, Any]], top: int = 12) -> list[str]:
    """The most mentioned targets, ties by id."""
    counts = Counter(row["target"] for row in mention_rows)
    return sorted(counts, key=lambda t: (-counts[t], t))[:top]


def target_summaries(
    mention_rows: Sequence[Mapping[str, Any]],
    *,
    positions: Mapping[tuple[str, int], float],
    top: int = 12,
    n_boot: int = 1000,
    seed: int = 0,
) -> list[TargetSummary]:
    """Counts, shares and net stance with intervals for the ``top`` most mentioned targets."""
    result = []
    for target in top_targets(mention_rows, top):
        rows = [r for r in mention_rows if r["target"] == target]
        stances = [r["stance"] for r in rows]
        counts = Counter(stances)
        net, low, high = net_interval(stances, n_boot=n_boot, seed=seed)
        where = [positions[(r["doc_id"], r["sentence_id"])] for r in rows]
        result.append(
            TargetSummary(
                target,
                len(rows),
                counts["FAVOR"],
                counts["AGAINST"],
                counts["NONE"],
                net,
                low,
                high,
                min(where),
                max(where),
            )
        )
    return result


def trajectory(
    mention_rows: Sequence[Mapping[str, Any]],
    *,
    positions: Mapping[tuple[str, int], float],
    top: int = 12,
) -> list[TrajectoryPoint]:
    """Every mention of the ``top`` targets along the speech, with its stance and confidence."""
    keep = set(top_targets(mention_rows, top))
    key = {"FAVOR": "p_favor", "AGAINST": "p_against", "NONE": "p_none"}
    return [
        TrajectoryPoint(
            r["target"],
            positions[(r["doc_id"], r["sentence_id"])],
            r["stance"],
            float(r[key[r["stance"]]]),
        )
        for r in mention_rows
        if r["target"] in keep
    ]


def section_heatmap(
    mention_rows: Sequence[Mapping[str, Any]],
    *,
    positions: Mapping[tuple[str, int], float],
    sections: int = 10,
    top: int = 12,
) -> Heatmap:
    """Net stance per target and section (equal slices of each speech, by position)."""
    targets = top_targets(mention_rows, top)
    index = {t: i for i, t in enumerate(targets)}
    total = np.zeros((len(targets), sections))
    counts = np.zeros((len(targets), sections), dtype=int)
    for row in mention_rows:
        if row["target"] in index:
            x = positions[(row["doc_id"], row["sentence_id"])]
            column = min(int(x / 100 * sections), sections - 1)
            total[index[row["target"]], column] += _NET[row["stance"]]
            counts[index[row["target"]], column] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        net = np.where(counts > 0, total / np.maximum(counts, 1), np.nan)
    width = 100 / sections
    labels = tuple(f"{round(i * width)}-{round((i + 1) * width)}%" for i in range(sections))
    return Heatmap(tuple(targets), labels, net, counts)


def compare_groups(
    mention_rows: Sequence[Mapping[str, Any]],
    *,
    by: str,
    targets: Sequence[str],
    min_mentions: int = 1,
    top_groups: int = 30,
    n_boot: int = 1000,
    seed: int = 0,
) -> list[Comparison]:
    """Net stance toward each of ``targets`` per value of the metadata field ``by``.

    Groups are kept when they mention the target at least ``min_mentions`` times; per target,
    the ``top_groups`` groups with the most mentions are kept, sorted by net stance.
    """
    result = []
    for target in targets:
        groups: dict[str, list[str]] = {}
        for row in mention_rows:
            if row["target"] == target and row.get(by) not in (None, ""):
                groups.setdefault(str(row[by]), []).append(row["stance"])
        kept = [g for g in groups if len(groups[g]) >= min_mentions]
        kept = sorted(kept, key=lambda g: (-len(groups[g]), g))[:top_groups]
        rows = []
        for group in kept:
            net, low, high = net_interval(groups[group], n_boot=n_boot, seed=seed)
            rows.append(Comparison(group, target, len(groups[group]), net, low, high))
        result += sorted(rows, key=lambda c: (c.net, c.group))
    return result
