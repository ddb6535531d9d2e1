"""Train the default stance model on the bundled corpus and record its measured scores.

Runs cross-validation grouped by document on corpora/stance/*.jsonl, scores the model trained
on the whole corpus on the real-speech development set (when ../shared is here), saves the model
with its sidecar, and writes corpora/stance/scores.json, which the default model's sidecar and
the README report. A test checks that scores.json was measured on the current corpus.

Usage:
    python scripts/train.py [--out models/default.joblib] [--cv 5] [--seed 0] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import sys
from pathlib import Path

from evaluate_dev import dev_items

from stance.corpora import data_hash, default_corpus_files
from stance.metrics import score_summary
from stance.model import STANCE_LABELS, train_default
from stance.persist import atomic_write, library_versions, save_model

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="models/default.joblib")
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)

    files = default_corpus_files()
    model = train_default(cv=args.cv, random_state=args.seed)
    scores = {
        "data_sha256": data_hash(files),
        "measured": datetime.date.today().isoformat(),
        "machine": f"{platform.system()} {platform.machine()}",
        "versions": library_versions(),
        "n_train": model.info["n_train"],
        "cv": model.info["cv"],
        "cv_grouped_by": model.info["cv_grouped_by"],
        "train_seconds": model.info["train_seconds"],
        "command": "python scripts/train.py",
    }
    if (args.shared / "data" / "unga").is_dir():
        items, gold, _ = dev_items(args.shared)
        probabilities = model.predict_proba(items)
        predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
        scores["dev"] = score_summary(gold, predicted, STANCE_LABELS)
    save_model(model.pipeline, args.out, {**model.info, "name": "default", **scores})
    target = ROOT / "corpora" / "stance" / "scores.json"
    atomic_write(target, (json.dumps(scores, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    cv = scores["cv"]
    line = f"{args.cv}-fold CV by document: F_avg {cv['f_avg']:.3f}, macro-F1 {cv['macro_f1']:.3f}"
    if "dev" in scores:
        dev = scores["dev"]
        line += f"; dev set: F_avg {dev['f_avg']:.3f}, macro-F1 {dev['macro_f1']:.3f}"
    print(line)
    print(f"wrote {args.out} and {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
