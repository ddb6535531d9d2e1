"""What the optional sentence embeddings add to the default model, and what they cost.

Trains the default model's set-up twice in one process, without and with the MiniLM sentence
embeddings of `pip install ".[embeddings]"`: grouped k-fold cross-validation on the bundled
corpus, then a final fit scored on the real-speech development set (when ../shared is here).
Prints a Markdown table with F_avg and the time each took, as a ratio to the default.

Usage:
    python scripts/benchmark_embeddings.py [--folds 3] [--shared ../shared] [--model-dir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import platform
import sys
import time
from pathlib import Path

from evaluate_dev import dev_items

from stance.corpora import default_corpus_files, load_records
from stance.metrics import f_avg
from stance.model import items_from_records, train
from stance.targets import default_registry

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--model-dir", default="", help="a sentence-transformers folder (default: packaged MiniLM)"
    )
    args = parser.parse_args(argv)
    if importlib.util.find_spec("sentence_transformers") is None:
        print('no sentence-transformers here; pip install ".[embeddings]"', file=sys.stderr)
        return 1
    records = load_records(default_corpus_files())
    items = items_from_records(records, default_registry())
    labels = [r.label for r in records]
    groups = [r.doc_id for r in records]
    have_dev = (args.shared / "data" / "unga").is_dir()
    dev = dev_items(args.shared) if have_dev else None
    rows = []
    for name, embeddings in (("default", None), ("default + embeddings", args.model_dir)):
        began = time.perf_counter()
        model = train(items, labels, groups=groups, cv=args.folds, embeddings=embeddings)
        seconds = time.perf_counter() - began
        dev_score = "-"
        if dev is not None:
            dev_x, dev_y, _ = dev
            probabilities = model.predict_proba(dev_x)
            predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
            dev_score = f"{f_avg(dev_y, predicted):.3f}"
        rows.append((name, model.info["cv"]["f_avg"], dev_score, seconds))
    print(
        f"Measured {datetime.date.today().isoformat()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores; {len(items)} pairs from "
        f"{len(set(groups))} documents, {args.folds}-fold CV grouped by document.\n"
    )
    print("| features | corpus CV F_avg | dev F_avg | time (folds and final fit) | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, cv_score, dev_score, seconds in rows:
        ratio = seconds / rows[0][3]
        print(f"| {name} | {cv_score:.3f} | {dev_score} | {seconds:.0f} s | {ratio:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
