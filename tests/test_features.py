"""Text transformers: data-free API checks, pickling, and fit-twice determinism."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone

from stance.features import Item, LexiconFeatures, TextView

ITEMS = [
    Item("We stand with Kyiv against Russian aggression.", 14, 18, "UKRAINE"),
    Item("It is a grave mistake not to cooperate with Damascus.", 45, 53, "ASSAD"),
    Item("The Security Council met on Monday.", 4, 20, "UN"),
    Item("Nobody named a target here.", 0, 0, "US"),
]

TRANSFORMERS = [
    TextView(view="masked"),
    TextView(view="negated"),
    TextView(view="left", window=3),
    TextView(view="right", window=3),
    TextView(view="target"),
    TextView(view="conditioned"),
    LexiconFeatures(window=4),
]


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=repr)
def test_api_contract(transformer):
    params = transformer.get_params()
    assert clone(transformer).get_params() == params
    assert transformer.fit(ITEMS) is transformer
    assert not any(k.endswith("_") for k in vars(clone(transformer)))


@pytest.mark.parametrize("transformer", TRANSFORMERS, ids=repr)
def test_pickle_round_trip_and_fit_twice(transformer):
    first = transformer.fit(ITEMS).transform(ITEMS)
    again = pickle.loads(pickle.dumps(transformer)).transform(ITEMS)
    second = clone(transformer).fit(ITEMS).transform(ITEMS)
    if isinstance(first, np.ndarray):
        np.testing.assert_array_equal(first, again)
        np.testing.assert_array_equal(first, second)
    else:
        assert first == again == second


def test_views_mark_the_mention_and_its_sides():
    item = ITEMS[0]
    assert TextView(view="masked").transform([item]) == [
        "We stand with TARGET against Russian aggression ."
    ]
    assert TextView(view="left", window=2).transform([item]) == ["L_stand L_with"]
    assert TextView(view="right", window=2).transform([item]) == ["R_against R_russian"]
    assert TextView(view="target").transform([item]) == ["T_UKRAINE"]
    assert TextView(view="target").transform([item._replace(own=True)]) == ["T_UKRAINE OWN"]
    assert TextView(view="target").transform([tuple(item[:4])]) == ["T_UKRAINE"]
    assert TextView(view="conditioned", window=1).transform([item]) == [
        "UKRAINE__with UKRAINE__against"
    ]


def test_negation_is_marked():
    (text,) = TextView(view="negated").transform([ITEMS[1]])
    assert "cooperate_NEG" in text


def test_lexicon_counts_cues_and_negation():
    row = LexiconFeatures(window=6).fit_transform([ITEMS[1]])[0]
    assert row.shape == (9,)
    assert row[3] > 0  # "cooperate" is a FAVOR cue in the window
    assert row[7] == 1.0  # "not" in the window


def test_unknown_view_is_rejected():
    with pytest.raises(ValueError, match="view must be one of"):
        TextView(view="nope").fit(ITEMS)
