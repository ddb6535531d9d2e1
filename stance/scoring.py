"""The score table: one row per (sentence, target mentioned in it), or one per sentence.

This is the contract that users' scripts read. Mention rows carry, in this order, the fields
of :data:`MENTION_FIELDS`; sentence rows those of :data:`SENTENCE_FIELDS`; both are followed
by the document's metadata fields (``iso3``, ``session``, ``year`` for UN General Debate files).
Rows come in document order and the same input gives the same rows.

Examples
--------
>>> from stance.io import document_from_text
>>> from stance.model import default_model
>>> doc = document_from_text("We will defeat Daesh.", doc_id="demo")
>>> table = score_documents([doc], model=default_model())
>>> [(row["target"], row["alias"]) for row in table.mentions]
[('ISIL', 'Daesh')]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import ModelError, StanceError
from .features import Item
from .holders import sentence_holder
from .io import Document
from .model import STANCE_LABELS, StanceModel
from .persist import atomic_write
from .sentiment import sentiment_label, sentiment_score
from .targets import TargetRegistry, default_registry, find_mentions
from .text import split_sentences
from .topics import TopicRegistry, assign_topic, default_topics

__all__ = [
    "FORMATS",
    "MENTION_FIELDS",
    "SENTENCE_FIELDS",
    "ScoreTable",
    "holder_of",
    "score_documents",
    "to_dataframe",
    "write_table",
]

#: Columns of a mention row, in order.
MENTION_FIELDS = (
    "doc_id", "sentence_id", "paragraph", "start", "end", "text", "target", "target_name",
    "alias", "alias_start", "alias_end", "n_mentions", "stance", "p_favor", "p_against",
    "p_none", "sentiment", "sentiment_label", "holder", "quoted", "topic",
)  # fmt: skip

#: Columns of a sentence row, in order.
SENTENCE_FIELDS = (
    "doc_id", "sentence_id", "paragraph", "start", "end", "text", "sentiment",
    "sentiment_label", "topic", "holder", "quoted", "targets", "n_targets",
)  # fmt: skip

#: Output formats of :func:`write_table`.
FORMATS = ("jsonl", "csv")


@dataclass(frozen=True)
class ScoreTable:
    """Scored documents: mention rows, sentence rows and the metadata columns they share."""

    mentions: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    meta_fields: tuple[str, ...]

    def columns(self, level: str) -> tuple[str, ...]:
        """The column order for ``level`` ``"mentions"`` or ``"sentences"``."""
        base = MENTION_FIELDS if level == "mentions" else SENTENCE_FIELDS
        return base + tuple(f for f in self.meta_fields if f not in base)

    def rows(self, level: str) -> list[dict[str, Any]]:
        """The rows of ``level`` ``"mentions"`` or ``"sentences"``."""
        return self.mentions if level == "mentions" else self.sentences


def holder_of(doc: Document, speaker: str | None = None) -> str:
    """Whose view a document conveys: ``--speaker``, else its ``speaker`` or ``iso3`` metadata,
    else ``SPEAKER``."""
    return speaker or doc.meta.get("speaker") or doc.meta.get("iso3") or "SPEAKER"


def _check_labels(model: StanceModel) -> None:
    if set(model.labels) != set(STANCE_LABELS):
        raise ModelError(
            f"the model predicts {list(model.labels)}, not FAVOR/AGAINST/NONE; "
            "score with a stance model"
        )


def score_documents(
    docs: Iterable[Document],
    *,
    model: StanceModel,
    registry: TargetRegistry | None = None,
    topics: TopicRegistry | None = None,
    speaker: str | None = None,
) -> ScoreTable:
    """Score documents: sentences, target mentions, stance, sentiment, topic and holder.

    Parameters
    ----------
    docs : iterable of Document
        Decoded documents (see :mod:`stance.io`).
    model : StanceModel
        A stance model (labels FAVOR/AGAINST/NONE), e.g. :func:`stance.model.default_model`.
    registry : TargetRegistry, optional
        Targets to look for; the default registry when omitted.
    topics : TopicRegistry, optional
        Topic keywords; the default topics when omitted.
    speaker : str, optional
        The holder of every sentence; see :func:`holder_of`. Unless it is a state (or a target
        that stands for one), a sentence that names such a target as its speaker ("Putin
        said") is held by that target (:func:`stance.holders.sentence_holder`).

    Returns
    -------
    ScoreTable
    """
    _check_labels(model)
    registry = registry or default_registry()
    topics = topics or default_topics()
    column = {label: i for i, label in enumerate(model.labels)}
    mention_rows: list[dict[str, Any]] = []
    sentence_rows: list[dict[str, Any]] = []
    meta_fields: list[str] = []
    for doc in docs:
        meta_fields += [k for k in doc.meta if k not in meta_fields]
        text = doc.text
        holder = holder_of(doc, speaker)
        sentences = split_sentences(text, doc_id=doc.doc_id)
        by_sentence: dict[int, dict[str, list]] = {}
        for mention in find_mentions(text, sentences, registry):
            by_sentence.setdefault(mention.sentence.index, {}).setdefault(
                mention.target, []
            ).append(mention)
        holders: dict[int, str] = {}
        items, keys = [], []
        for index, targets in by_sentence.items():
            ordered = sorted((m for ms in targets.values() for m in ms), key=lambda m: m.start)
            holders[index] = sentence_holder(holder, text, ordered, registry)
            own = registry.own_targets(holders[index])
            for target, mentions in targets.items():
                first, sentence = mentions[0], mentions[0].sentence
                items.append(
                    Item(
                        text[sentence.start : sentence.end],
                        first.start - sentence.start,
                        first.end - sentence.start,
                        target,
                        target in own,
                    )
                )
                keys.append((index, target))
        probabilities = dict(zip(keys, model.predict_proba(items)))
        for sentence in sentences:
            sentence_text = text[sentence.start : sentence.end]
            score = sentiment_score(sentence_text)
            common = {
                "doc_id": doc.doc_id,
                "sentence_id": sentence.index,
                "paragraph": sentence.paragraph,
                "start": sentence.start,
                "end": sentence.end,
                "text": sentence_text,
                "sentiment": round(score, 4),
                "sentiment_label": sentiment_label(score),
                "topic": assign_topic(sentence_text, topics),
                "holder": holders.get(sentence.index, holder),
                "quoted": sentence.quoted,
            }
            targets = by_sentence.get(sentence.index, {})
            row = {**common, "targets": ";".join(targets), "n_targets": len(targets)}
            sentence_rows.append({**{f: row[f] for f in SENTENCE_FIELDS}, **doc.meta})
            for target, mentions in targets.items():
                p = probabilities[(sentence.index, target)]
                probs = {label: float(p[column[label]]) for label in STANCE_LABELS}
                row = {
                    **common,
                    "target": target,
                    "target_name": registry[target].name,
                    "alias": mentions[0].alias,
                    "alias_start": mentions[0].start,
                    "alias_end": mentions[0].end,
                    "n_mentions": len(mentions),
                    "stance": max(STANCE_LABELS, key=lambda label: probs[label]),
                    "p_favor": round(probs["FAVOR"], 6),
                    "p_against": round(probs["AGAINST"], 6),
                    "p_none": round(probs["NONE"], 6),
                }
                mention_rows.append({**{f: row[f] for f in MENTION_FIELDS}, **doc.meta})
    return ScoreTable(mention_rows, sentence_rows, tuple(meta_fields))


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _render(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(
            json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n" for row in rows
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows({c: _csv_value(row.get(c, "")) for c in columns} for row in rows)
    return buffer.getvalue()


def write_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    destination: str | Path | IO[str],
    fmt: str = "jsonl",
) -> None:
    """Write rows as JSON lines or CSV to a path (atomically) or an open text stream.

    Examples
    --------
    >>> import sys
    >>> write_table([{"a": 1, "b": True}], ["a", "b"], sys.stdout, "csv")
    a,b
    1,true
    """
    if fmt not in FORMATS:
        raise StanceError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    content = _render(rows, columns, fmt)
    if isinstance(destination, (str, Path)):
        atomic_write(destination, content.encode("utf-8"))
    else:
        destination.write(content)


def to_dataframe(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """The rows as a pandas DataFrame (needs ``pip install stance[pandas]``)."""
    try:
        import pandas as pd
    except ImportError:
        raise StanceError("pandas is not installed; pip install 'stance[pandas]'") from None
    return pd.DataFrame(list(rows), columns=list(columns) if columns else None)
