"""Score a stance model on the real-speech development set (UN General Debate, not session 70).

The annotations in corpora/dev/unga_dev.jsonl point into ../shared/data/unga by path and
character offsets; the text is read there and never copied. Each annotated (sentence, target)
pair is scored the way `stance score` scores it: the sentence as annotated, the target's words
at the annotated offsets, the speaker's state taken from the file name. Prints F_avg (mean F1
of FAVOR and AGAINST), macro-F1, accuracy, per-class scores and the confusion matrix; --json
prints them as JSON.

Usage:
    python scripts/evaluate_dev.py [--model MODEL.joblib] [--shared ../shared] [--json]
                                   [--no-holders]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from stance.features import Item
from stance.holders import sentence_holder
from stance.io import Document, read_document
from stance.metrics import format_summary, score_summary
from stance.model import STANCE_LABELS, StanceModel, default_model
from stance.persist import load_model
from stance.scoring import holder_of
from stance.targets import default_registry

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev" / "unga_dev.jsonl"


def dev_items(shared: Path, holders: bool = True) -> tuple[list[Item], list[str], list[dict]]:
    """Items and gold labels of the development set, with the text read from ``shared``.

    With ``holders=False`` the speaker's state is not given, as when `stance score` reads files
    whose names carry no state code: only a sentence that names its own speaker ("Russia
    insists") tells the model which targets are the holder's own.
    """
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    registry = default_registry()
    docs: dict[str, Document] = {}
    items, gold = [], []
    for row in rows:
        if row["path"] not in docs:
            docs[row["path"]] = read_document(shared / "data" / "unga" / row["path"])
        doc = docs[row["path"]]
        sentence = doc.text[row["start"] : row["end"]]
        holder = sentence_holder(
            holder_of(doc) if holders else "SPEAKER", sentence, registry.find(sentence), registry
        )
        items.append(
            Item(
                sentence,
                row["alias_start"] - row["start"],
                row["alias_end"] - row["start"],
                row["target"],
                row["target"] in registry.own_targets(holder),
            )
        )
        gold.append(row["stance"])
    return items, gold, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a model saved by `stance train` (default: built-in)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--no-holders",
        action="store_true",
        help="do not tell the model the speaker's state (as for files named without one)",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "unga").is_dir():
        print(f"no UN General Debate data under {args.shared}; pass --shared", file=sys.stderr)
        return 1
    model = StanceModel(*load_model(args.model)) if args.model else default_model()
    items, gold, _ = dev_items(args.shared, holders=not args.no_holders)
    probabilities = model.predict_proba(items)
    predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
    summary = score_summary(gold, predicted, STANCE_LABELS)
    print(json.dumps(summary, indent=2) if args.json else format_summary(summary), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
