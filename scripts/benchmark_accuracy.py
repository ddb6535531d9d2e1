"""Accuracy and training speed on the public stance and sentiment benchmarks.

Trains through the toolkit's own code on ../shared/data: SemEval-2016 Task 6 (train + trial,
2,914 tweets; 5-fold cross-validated F_avg pooled over all tweets, as the official script pools
the test set) and NewsMTSC (train, 8,739 mentions; macro-F1 on the real-world and multi-target
dev files). Each is run beside a baseline in the same process, a TF-IDF + logistic regression
on the sentence alone, so the table shows what the target-aware features add and the speed as
a ratio. Prints a Markdown table with the published test-set anchors.

Usage:
    python scripts/benchmark_accuracy.py [--shared ../shared] [--folds 5]
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import joblib
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from stance.corpora import load_spec
from stance.metrics import f_avg
from stance.model import items_from_records, train
from stance.targets import default_registry

ROOT = Path(__file__).resolve().parent.parent


def sentence_text(items):
    """The baseline's view: the sentence alone, blind to the target."""
    return [item[0] for item in items]


def baseline() -> Pipeline:
    """TF-IDF word 1-2-grams of the sentence and logistic regression."""
    return Pipeline(
        [
            ("text", FunctionTransformer(sentence_text)),
            ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            ("clf", LogisticRegression(max_iter=2000, class_weight="balanced")),
        ]
    )


def organisers_svm() -> Pipeline:
    """The SemEval-2016 organisers' baseline set-up: a linear SVM per target over word 1-3-gram
    and character 2-5-gram presence (Mohammad et al. 2016; 68.98 on the official test set)."""
    return Pipeline(
        [
            ("text", FunctionTransformer(sentence_text)),
            (
                "ngrams",
                FeatureUnion(
                    [
                        ("words", CountVectorizer(ngram_range=(1, 3), binary=True)),
                        (
                            "chars",
                            CountVectorizer(analyzer="char", ngram_range=(2, 5), binary=True),
                        ),
                    ]
                ),
            ),
            ("clf", LinearSVC(C=0.01)),
        ]
    )


def per_target_cv(make: Callable[[], Pipeline], items, labels, split) -> list[str]:
    """Cross-validated predictions of one model per target, on the given folds."""
    targets = [item[3] for item in items]
    predicted = [""] * len(items)
    for train_rows, test_rows in split.split(items, labels):
        for target in sorted({targets[i] for i in test_rows}):
            fit_rows = [i for i in train_rows if targets[i] == target]
            model = make().fit([items[i] for i in fit_rows], [labels[i] for i in fit_rows])
            rows = [i for i in test_rows if targets[i] == target]
            for i, label in zip(rows, model.predict([items[i] for i in rows])):
                predicted[i] = label
    return predicted


def timed(fit: Callable[[], object]) -> tuple[object, float]:
    began = time.perf_counter()
    result = fit()
    return result, time.perf_counter() - began


def size_mb(model: object) -> float:
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    return buffer.tell() / 1e6


def semeval(shared: Path, folds: int) -> dict:
    records = load_spec(f"semeval2016:{shared / 'data' / 'semeval2016'}")
    items = items_from_records(records, default_registry())
    labels = [r.label for r in records]
    ours, seconds = timed(lambda: train(items, labels, cv=folds, strategy="auto"))
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    base_pred = cross_val_predict(baseline(), items, labels, cv=split)
    svm_pred = per_target_cv(organisers_svm, items, labels, split)
    base_model, base_seconds = timed(lambda: baseline().fit(items, labels))
    return {
        "n": len(items),
        "ours": ours.info["cv"]["f_avg"],
        "ours_by_strategy": ours.info.get("cv_by_strategy", {}),
        "strategy": ours.info["strategy"],
        "baseline": f_avg(labels, list(base_pred)),
        "svm": f_avg(labels, svm_pred),
        "fit_seconds": ours.info["train_seconds"],
        "base_fit_seconds": base_seconds,
        "total_seconds": seconds,
        "size_mb": size_mb(ours.pipeline),
        "base_size_mb": size_mb(base_model),
    }


def newsmtsc(shared: Path) -> dict:
    folder = shared / "data" / "newsmtsc"
    registry = default_registry()
    records = load_spec(f"newsmtsc:{folder / 'train.jsonl'}")
    items = items_from_records(records, registry)
    labels = [r.label for r in records]
    ours, _ = timed(lambda: train(items, labels, cv=0))
    base_model, base_seconds = timed(lambda: baseline().fit(items, labels))
    result = {
        "n": len(items),
        "fit_seconds": ours.info["train_seconds"],
        "base_fit_seconds": base_seconds,
        "size_mb": size_mb(ours.pipeline),
        "base_size_mb": size_mb(base_model),
    }
    for name in ("dev_rw", "dev_mt"):
        dev = load_spec(f"newsmtsc:{folder / name / 'dev.jsonl'}")
        dev_items = items_from_records(dev, registry)
        gold = [r.label for r in dev]
        pred = ours.pipeline.predict(dev_items)
        result[name] = f1_score(gold, pred, average="macro")
        result[f"{name}_baseline"] = f1_score(gold, base_model.predict(dev_items), average="macro")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "semeval2016").is_dir():
        print(f"no benchmark data under {args.shared}; pass --shared", file=sys.stderr)
        return 1
    s = semeval(args.shared, args.folds)
    n = newsmtsc(args.shared)
    print(
        f"Measured {datetime.date.today().isoformat()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.\n"
    )
    print("| benchmark | ours | TF-IDF + LR, same run | published anchors (test sets) |")
    print("| --- | ---: | ---: | --- |")
    strategies = ", ".join(f"{k} {v:.3f}" for k, v in s["ours_by_strategy"].items())
    print(
        f"| SemEval-2016 6A, {args.folds}-fold CV F_avg ({s['n']} tweets; {strategies}) "
        f"| {100 * s['ours']:.2f} | {100 * s['baseline']:.2f} | majority 65.22, SVM 68.98, "
        "MITRE 67.82, BERTweet 71.2, TimeLMs 72.9 |"
    )
    print(
        f"| SemEval, the organisers' SVM set-up on the same folds (per-target linear SVM, word "
        f"1-3- and character 2-5-gram presence) | {100 * s['svm']:.2f} | | its test score: "
        "68.98 |"
    )
    print(
        f"| NewsMTSC real-world dev, macro-F1 | {100 * n['dev_rw']:.2f} | "
        f"{100 * n['dev_rw_baseline']:.2f} | TF-IDF+LR about 61, GRU-TSC 83.1 |"
    )
    print(
        f"| NewsMTSC multi-target dev, macro-F1 | {100 * n['dev_mt']:.2f} | "
        f"{100 * n['dev_mt_baseline']:.2f} | GRU-TSC 82.5 |"
    )
    print()
    print("| training (final fit) | ours | baseline | ratio | model size (MB, ours / baseline) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, r in (("SemEval (2,914 tweets)", s), ("NewsMTSC (8,739 mentions)", n)):
        print(
            f"| {name} | {r['fit_seconds']:.1f} s | {r['base_fit_seconds']:.1f} s | "
            f"{r['fit_seconds'] / r['base_fit_seconds']:.1f}x | "
            f"{r['size_mb']:.1f} / {r['base_size_mb']:.1f} |"
        )
    print(
        f"\nSemEval: strategy chosen by cross-validation: {s['strategy']}; "
        f"with cross-validation the whole run took {s['total_seconds']:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
