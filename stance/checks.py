"""Checking an annotated corpus, and the statistics its datasheet reports.

:func:`check_corpus` validates corpus JSONL files line by line: JSON and schema, labels, known
targets named in the text, duplicate ids and pairs, mentions left unlabelled, and near-duplicate
sentences (a shared run of :data:`NEAR_DUPLICATE_WORDS` words). :func:`corpus_statistics`
computes the counts of the datasheet; :func:`statistics_markdown` renders them.

Examples
--------
>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
>>> _ = path.write_text(json.dumps({"id": "a", "doc_id": "d", "text": "Daesh must fall.",
...     "target": "ISIL", "stance": "maybe"}) + "\\n")
>>> [p.message for p in check_corpus([path])][:1]
["stance must be one of FAVOR, AGAINST, NONE, not 'maybe'"]
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .corpora import REQUIRED_FIELDS
from .targets import TargetRegistry, default_registry

__all__ = [
    "GENRES",
    "MAX_NEAR_DUPLICATE_SHARE",
    "NEAR_DUPLICATE_WORDS",
    "Problem",
    "check_corpus",
    "corpus_statistics",
    "read_rows",
    "statistics_markdown",
]

#: Genres of the corpus.
GENRES = ("un_address", "parliament", "news", "press_conference")
#: Labels of the guidelines.
LABELS = ("FAVOR", "AGAINST", "NONE")
#: Sentence-sentiment labels.
SENTIMENTS = ("positive", "neutral", "negative")
#: Two sentences sharing a run of this many words are near-duplicates.
NEAR_DUPLICATE_WORDS = 8
#: The largest share of records allowed to be near-duplicates of another.
MAX_NEAR_DUPLICATE_SHARE = 0.02

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Problem:
    """One finding: where, how serious (``error`` or ``warning``) and what to do."""

    path: str
    line: int
    level: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


def read_rows(
    paths: Sequence[str | Path],
) -> tuple[list[tuple[str, int, dict[str, Any]]], list[Problem]]:
    """Parse JSONL files into ``(path, line, row)`` triples, with a problem per bad line."""
    rows, problems = [], []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(
                Problem(str(path), 0, "error", f"cannot read ({exc}); pass a UTF-8 JSONL file")
            )
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(str(path), number, "error", f"not valid JSON ({exc.msg})"))
                continue
            if not isinstance(row, dict):
                problems.append(Problem(str(path), number, "error", "expected a JSON object"))
                continue
            rows.append((str(path), number, row))
    return rows, problems


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    n = NEAR_DUPLICATE_WORDS
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _near_duplicates(texts: Sequence[str]) -> dict[str, str]:
    """For each text sharing a word run with another, one such other text."""
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for gram in _ngrams(text):
            owners[gram].add(index)
    partner: dict[str, str] = {}
    for indices in owners.values():
        if len(indices) > 1:
            ordered = sorted(indices)
            for index in ordered:
                other = ordered[1] if index == ordered[0] else ordered[0]
                partner.setdefault(texts[index], texts[other])
    return partner


def check_corpus(
    paths: Sequence[str | Path], registry: TargetRegistry | None = None
) -> list[Problem]:
    """Validate corpus files; errors make a corpus unfit, warnings ask for a look.

    Parameters
    ----------
    paths : sequence of path
        JSONL files in the corpus schema (see ``corpora/README.md``).
    registry : TargetRegistry, optional
        Known targets; the default registry when omitted.

    Returns
    -------
    list of Problem
        In file and line order, then corpus-wide findings.
    """
    registry = registry or default_registry()
    rows, problems = read_rows(paths)
    seen_ids: dict[str, str] = {}
    seen_pairs: dict[tuple[str, str, str], str] = {}
    labelled: dict[tuple[str, str], set[str]] = defaultdict(set)
    named_in: dict[tuple[str, str], set[str]] = {}
    first_line: dict[tuple[str, str], tuple[str, int]] = {}
    for path, line, row in rows:

        def report(message: str, path: str = path, line: int = line) -> None:
            problems.append(Problem(path, line, "error", message))

        missing = [
            k for k in REQUIRED_FIELDS if not isinstance(row.get(k), str) or not row[k].strip()
        ]
        if missing:
            report(f"missing or empty field(s): {', '.join(missing)}")
            continue
        where = f"{path}:{line}"
        if row["id"] in seen_ids:
            report(f"duplicate id {row['id']!r} (first at {seen_ids[row['id']]}); make ids unique")
        seen_ids.setdefault(row["id"], where)
        if row["stance"] not in LABELS:
            report(f"stance must be one of {', '.join(LABELS)}, not {row['stance']!r}")
        for field, allowed in (("genre", GENRES), ("sentiment", SENTIMENTS)):
            if field in row and row[field] not in allowed:
                report(f"{field} must be one of {', '.join(allowed)}, not {row[field]!r}")
        for field in ("context", "holder", "topic"):
            if field in row and not isinstance(row[field], str):
                report(f"{field} must be a string")
        country = row.get("holder_country", "")
        if not isinstance(country, str) or not re.fullmatch(r"(?:[A-Z]{2,3})?", country):
            report(
                f"holder_country must be a state code such as RUS (ISO 3166 alpha-3) or empty, "
                f"not {country!r}"
            )
        target, text = row["target"], row["text"]
        pair = (row["doc_id"], text, target)
        if pair in seen_pairs:
            report(f"the same sentence and target are labelled twice (first at {seen_pairs[pair]})")
        seen_pairs.setdefault(pair, where)
        key = (row["doc_id"], text)
        if key not in named_in:
            named_in[key] = {m.target for m in registry.find(text)}
        named = named_in[key]
        if target not in registry:
            report(f"unknown target {target!r}; add it to the target registry or fix the id")
        elif target not in named:
            report(
                f"target {target} is not named in the text by any alias; fix the label or registry"
            )
        labelled[key].add(target)
        first_line.setdefault(key, (path, line))
    for key, targets in labelled.items():
        for other in sorted(named_in[key] - targets):
            path, line = first_line[key]
            problems.append(
                Problem(
                    path, line, "warning", f"the sentence also names {other}, which has no label"
                )
            )
    texts = sorted({row["text"] for _, _, row in rows if isinstance(row.get("text"), str)})
    partner = _near_duplicates(texts)
    shared = [(p, n, r) for p, n, r in rows if r.get("text") in partner]
    for path, line, row in shared:
        problems.append(
            Problem(
                path,
                line,
                "warning",
                f"shares a run of {NEAR_DUPLICATE_WORDS} words with: {partner[row['text']][:80]!r}",
            )
        )
    if rows and len(shared) / len(rows) > MAX_NEAR_DUPLICATE_SHARE:
        problems.append(
            Problem(
                "corpus",
                0,
                "error",
                f"{len(shared)} of {len(rows)} records ({len(shared) / len(rows):.1%}) share a run "
                f"of {NEAR_DUPLICATE_WORDS} words with another sentence; at most "
                f"{MAX_NEAR_DUPLICATE_SHARE:.0%} may; reword them",
            )
        )
    return problems


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def corpus_statistics(
    rows: Sequence[dict[str, Any]], registry: TargetRegistry | None = None
) -> dict[str, Any]:
    """The datasheet's numbers: counts by genre, target, label, holder and mode, the shares of
    hard cases (stance against sentiment, mixed stances, reported speech), and the labels of
    records whose holder speaks for the target (by ``registry``, the default one if omitted)."""
    registry = registry or default_registry()
    sentences: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        sentences[(row["doc_id"], row["text"])].append(row)
    polar = [r for r in rows if r["stance"] != "NONE"]
    against_tone = [
        r
        for r in polar
        if r.get("sentiment") == "neutral"
        or (r["stance"], r.get("sentiment")) in {("FAVOR", "negative"), ("AGAINST", "positive")}
    ]
    labels_of = [{r["stance"] for r in group} for group in sentences.values() if len(group) > 1]
    holders = Counter(
        r.get("holder") if r.get("holder") in ("SPEAKER", "AUTHOR") else "quoted or reported person"
        for r in rows
    )
    own = [
        r
        for r in rows
        if r["target"] in registry.own_targets(r.get("holder_country") or r.get("holder", ""))
    ]
    return {
        "records": len(rows),
        "documents": len({r["doc_id"] for r in rows}),
        "sentences": len(sentences),
        "targets": len({r["target"] for r in rows}),
        "by_label": dict(sorted(Counter(r["stance"] for r in rows).items())),
        "by_genre": dict(sorted(Counter(r.get("genre", "") for r in rows).items())),
        "documents_by_genre": dict(
            sorted(Counter(g for _, g in {(r["doc_id"], r.get("genre", "")) for r in rows}).items())
        ),
        "by_target": dict(
            sorted(Counter(r["target"] for r in rows).items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        "by_holder": dict(sorted(holders.items())),
        "by_mode": dict(sorted(Counter(r.get("mode", "direct") for r in rows).items())),
        "by_holder_country": dict(
            sorted(
                Counter(r.get("holder_country") or "none" for r in rows).items(),
                key=lambda kv: (kv[0] == "none", -kv[1], kv[0]),
            )
        ),
        "own_target_by_label": dict(sorted(Counter(r["stance"] for r in own).items())),
        "share_stance_not_sentiment": _share(len(against_tone), len(polar)),
        "share_sentences_mixed_stances": _share(sum(len(s) > 1 for s in labels_of), len(sentences)),
        "share_sentences_favor_and_against": _share(
            sum({"FAVOR", "AGAINST"} <= s for s in labels_of), len(sentences)
        ),
        "share_reported_or_quoted": _share(
            sum(r.get("mode", "direct") != "direct" for r in rows), len(rows)
        ),
    }


def statistics_markdown(stats: dict[str, Any]) -> str:
    """The statistics as the Markdown block of the datasheet."""

    def table(title: str, counts: dict[str, int]) -> list[str]:
        total = sum(counts.values())
        lines = [f"| {title} | records | share |", "| --- | ---: | ---: |"]
        lines += [f"| {k} | {v} | {v / total:.1%} |" for k, v in counts.items()]
        return [*lines, ""]

    lines = [
        f"- records (sentence, target pairs): {stats['records']}",
        f"- documents: {stats['documents']}",
        f"- sentences with at least one label: {stats['sentences']}",
        f"- targets: {stats['targets']}",
        f"- FAVOR/AGAINST records whose sentence sentiment is neutral or opposite to the stance: "
        f"{stats['share_stance_not_sentiment']:.1%}",
        f"- sentences with two or more targets held with different stances: "
        f"{stats['share_sentences_mixed_stances']:.1%} (one FAVOR and another AGAINST: "
        f"{stats['share_sentences_favor_and_against']:.1%})",
        f"- records in reported or quoted speech: {stats['share_reported_or_quoted']:.1%}",
        "",
        *table("label", stats["by_label"]),
        *table("genre", stats["by_genre"]),
        "| genre | documents |",
        "| --- | ---: |",
        *[f"| {k} | {v} |" for k, v in stats["documents_by_genre"].items()],
        "",
        *table("holder", stats["by_holder"]),
        *table("mode", stats["by_mode"]),
        *table("holder_country", stats["by_holder_country"]),
        *table("label where the holder speaks for the target", stats["own_target_by_label"]),
        *table("target", stats["by_target"]),
    ]
    return "\n".join(lines).rstrip() + "\n"
