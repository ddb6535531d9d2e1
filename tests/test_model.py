from __future__ import annotations

import json

import numpy as np
import pytest

from stance.corpora import Record, default_corpus_files, load_jsonl, load_records
from stance.errors import DataError, ModelError
from stance.features import Item
from stance.metrics import f_avg, score_summary
from stance.model import (
    STANCE_LABELS,
    STRATEGY_SETTINGS,
    build_pipeline,
    default_model,
    default_model_path,
    items_from_records,
    train,
)
from stance.persist import load_model, save_model, sidecar_path
from stance.targets import default_registry

SMALL = [
    (Item("We support Kyiv fully.", 11, 15, "UKRAINE"), "FAVOR"),
    (Item("We condemn Daesh.", 11, 16, "ISIL"), "AGAINST"),
    (Item("Kyiv hosted the talks.", 0, 4, "UKRAINE"), "NONE"),
    (Item("We welcome the efforts of Washington.", 26, 36, "US"), "FAVOR"),
    (Item("Washington must stop its aggression.", 0, 10, "US"), "AGAINST"),
    (Item("Washington is a city.", 0, 10, "US"), "NONE"),
] * 3


def test_train_with_grouped_cv_records_scores():
    items, labels = zip(*SMALL)
    groups = [f"d{i % 6}" for i in range(len(items))]
    model = train(items, labels, groups=groups, cv=3)
    cv = model.info["cv"]
    assert cv["folds"] == 3 and model.info["cv_grouped_by"] == "document"
    assert set(cv) >= {"f_avg", "macro_f1", "accuracy", "per_class", "confusion"}
    probabilities = model.predict_proba(items)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)


def test_training_needs_two_labels_and_pairs():
    with pytest.raises(DataError, match="at least two"):
        train([SMALL[0][0]], ["FAVOR"], cv=0)
    with pytest.raises(DataError, match="pair up"):
        train([SMALL[0][0]], ["FAVOR", "NONE"], cv=0)


def test_save_load_round_trip_checks_the_hash(tmp_path):
    items, labels = zip(*SMALL)
    model = train(items, labels, cv=0)
    path = tmp_path / "m.joblib"
    sidecar = save_model(model.pipeline, path, {"labels": model.info["labels"]})
    assert set(sidecar["versions"]) >= {"scikit-learn", "python", "stance"}
    loaded, _info = load_model(path)
    np.testing.assert_array_equal(loaded.predict_proba(list(items)), model.predict_proba(items))
    side = json.loads(sidecar_path(path).read_text())
    side["sha256"] = "0" * 64
    sidecar_path(path).write_text(json.dumps(side))
    with pytest.raises(ModelError, match="SHA-256"):
        load_model(path)


def test_missing_or_corrupt_model(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "none.joblib")
    (tmp_path / "bad.joblib").write_bytes(b"junk")
    with pytest.raises(ModelError, match="sidecar"):
        load_model(tmp_path / "bad.joblib")


@pytest.mark.parametrize("weighting", ["tfidf", "binary"])
def test_pipeline_fit_twice_same_result(weighting):
    items, labels = zip(*SMALL)
    a = build_pipeline(weighting=weighting).fit(list(items), list(labels))
    b = build_pipeline(weighting=weighting).fit(list(items), list(labels))
    np.testing.assert_array_equal(a.predict_proba(list(items)), b.predict_proba(list(items)))


def test_binary_weighting_counts_presence():
    items, labels = zip(*SMALL)
    features = build_pipeline(weighting="binary").named_steps["features"]
    words = features.fit(list(items), list(labels)).transformer_list[0][1]
    values = words.transform([Item("We condemn condemn Daesh.", 11, 16, "ISIL")]).data
    assert set(values) == {1}
    with pytest.raises(ValueError, match="weighting"):
        build_pipeline(weighting="counts").fit(list(items), list(labels))


def test_items_locate_the_target():
    records = [
        Record("1", "d", "We thank the Secretary-General.", "UN", "FAVOR"),
        Record("2", "d", "Hillary Clinton spoke.", "Hillary Clinton", "NONE"),
        Record("3", "d", "They spoke.", "US", "NONE"),
    ]
    items = items_from_records(records, default_registry())
    assert items[0].text[items[0].start : items[0].end] == "the Secretary-General"
    assert items[1].text[items[1].start : items[1].end] == "Hillary Clinton"
    assert items[2].start == items[2].end == 0


def test_items_know_when_the_holder_speaks_for_the_target():
    text = "Russia has always kept its word."
    records = [
        Record("1", "d", text, "RUSSIA", "FAVOR", holder="SPEAKER", holder_country="RUS"),
        Record("2", "d", text, "RUSSIA", "FAVOR", holder="PUTIN"),
        Record("3", "d", text, "RUSSIA", "FAVOR", holder="SPEAKER", holder_country="USA"),
        Record("4", "d", text, "RUSSIA", "FAVOR", holder="SPEAKER"),
    ]
    assert [i.own for i in items_from_records(records, default_registry())] == [
        True, True, False, False,
    ]  # fmt: skip


def test_metrics():
    assert f_avg(["FAVOR", "AGAINST"], ["FAVOR", "AGAINST"]) == 1.0
    summary = score_summary(["FAVOR", "NONE"], ["FAVOR", "FAVOR"], STANCE_LABELS)
    assert summary["confusion"] == [[1, 0, 0], [0, 0, 0], [1, 0, 0]]


def test_corpus_loader_reports_line_numbers(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "a", "doc_id": "d", "text": "t", "target": "US", "stance": "NONE"}\n{oops\n'
    )
    with pytest.raises(DataError, match=r"c.jsonl:2"):
        load_jsonl(path)


def test_default_model_is_cached_and_reproducible(model, model_cache, tmp_path):
    assert default_model_path().is_file()
    assert default_model_path().parent == model_cache
    assert set(model.labels) == set(STANCE_LABELS)
    assert model.info["data_sha256"]
    again = default_model()  # loads the cache
    rebuilt = default_model(directory=tmp_path)  # trains anew
    records = load_records(default_corpus_files())[:200]
    items = items_from_records(records, default_registry())
    np.testing.assert_array_equal(again.predict_proba(items), model.predict_proba(items))
    np.testing.assert_allclose(rebuilt.predict_proba(items), model.predict_proba(items), atol=1e-12)


def test_recorded_scores_were_measured_on_this_corpus():
    from stance.model import default_scores

    scores = default_scores()
    assert scores, "corpora/stance/scores.json is stale: rerun `python scripts/train.py`"
    assert scores["cv"]["folds"] == 5 and scores["cv_grouped_by"] == "document"
    assert {"f_avg", "macro_f1", "confusion"} <= set(scores["cv"])
    assert {"f_avg", "macro_f1", "confusion"} <= set(scores["dev"])


def test_the_default_model_reads_a_speakers_defence_of_its_own_state(model):
    text = (
        "The Security Council has condemned Israel again and again, while the regimes that hang "
        "dissidents escape every censure."
    )
    start = text.index("Israel")
    items = [Item(text, start, start + len("Israel"), "ISRAEL", own) for own in (False, True)]
    other, own = (dict(zip(model.labels, p)) for p in model.predict_proba(items))
    # From Israel's own delegate the complaint defends Israel; the words alone read as blame.
    assert own["FAVOR"] > 0.5 and own["AGAINST"] < 0.1
    assert own["AGAINST"] < other["AGAINST"]


def test_default_model_sidecar_reports_the_recorded_scores(model):
    from stance.model import default_scores

    assert model.info["cv"] == default_scores()["cv"]
    assert model.info["dev"] == default_scores()["dev"]


def test_per_target_contract_pickle_and_fit_twice():
    import pickle

    from sklearn.base import clone

    from stance.model import PerTarget

    items, labels = zip(*SMALL)
    model = PerTarget(min_items=6)
    assert clone(model).get_params() == model.get_params()
    first = model.fit(items, labels).predict_proba(items)
    assert set(model.per_target_) == {"US", "UKRAINE"}  # ISIL has one label: the global model
    np.testing.assert_allclose(first.sum(axis=1), 1.0)
    again = pickle.loads(pickle.dumps(model)).predict_proba(items)
    second = clone(model).fit(items, labels).predict_proba(items)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_array_equal(first, second)
    assert list(model.predict(items[:2])) == ["FAVOR", "AGAINST"]


def test_auto_strategy_chooses_by_cross_validation():
    items, labels = zip(*SMALL)
    model = train(items, labels, cv=3, strategy="auto")
    assert set(model.info["cv_by_strategy"]) == {"global", "per-target"}
    assert model.info["strategy"] in {"global", "per-target"}
    chosen = model.pipeline if model.info["strategy"] == "global" else model.pipeline.global_
    assert chosen.named_steps["clf"].C == STRATEGY_SETTINGS[model.info["strategy"]]["C"]
    with pytest.raises(DataError, match="cross-validation"):
        train(items, labels, cv=0, strategy="auto")
