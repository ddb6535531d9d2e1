"""Scores for stance predictions: F_avg, macro-F1, accuracy, per-class scores, confusion.

F_avg is the SemEval-2016 Task 6 measure: the mean of the F1 scores of FAVOR and AGAINST
(NONE counts only through their precision and recall).

Examples
--------
>>> f_avg(["FAVOR", "AGAINST", "NONE"], ["FAVOR", "NONE", "NONE"])
0.5
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

__all__ = ["STANCE_POLES", "f_avg", "format_summary", "score_summary"]

#: The two labels whose F1 scores F_avg averages.
STANCE_POLES = ("FAVOR", "AGAINST")


def f_avg(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 of FAVOR and AGAINST."""
    scores = f1_score(gold, pred, labels=list(STANCE_POLES), average=None, zero_division=0)
    return float(sum(scores) / len(scores))


def score_summary(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """All scores as plain data: F_avg (when the labels are stance labels), macro-F1, accuracy,
    per-class precision/recall/F1/support and the confusion matrix (rows gold, columns
    predicted, in ``labels`` order)."""
    labels = list(labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, pred, labels=labels, zero_division=0
    )
    summary: dict[str, Any] = {
        "n": len(gold),
        "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, pred)),
        "per_class": {
            label: {
                "precision": float(p),
                "recall": float(r),
                "f1": float(f),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support)
        },
        "labels": labels,
        "confusion": confusion_matrix(gold, pred, labels=labels).tolist(),
    }
    if set(STANCE_POLES) <= set(labels):
        summary["f_avg"] = f_avg(gold, pred)
    return summary


def format_summary(summary: dict[str, Any]) -> str:
    """A plain-text table of a :func:`score_summary`."""
    labels = summary["labels"]
    head = f"items {summary['n']}"
    if "f_avg" in summary:
        head += f"   F_avg {summary['f_avg']:.3f}"
    head += f"   macro-F1 {summary['macro_f1']:.3f}   accuracy {summary['accuracy']:.3f}"
    lines = [head, "", f"{'label':<10}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>10}"]
    for label in labels:
        c = summary["per_class"][label]
        lines.append(
            f"{label:<10}{c['precision']:>10.3f}{c['recall']:>10.3f}{c['f1']:>10.3f}"
            f"{c['support']:>10}"
        )
    lines += ["", "confusion matrix (rows: gold, columns: predicted)"]
    lines.append(" " * 10 + "".join(f"{label:>10}" for label in labels))
    lines += [
        f"{label:<10}" + "".join(f"{n:>10}" for n in row)
        for label, row in zip(labels, summary["confusion"])
    ]
    return "\n".join(lines) + "\n"
