"""Target-aware features for stance, as scikit-learn transformers.

Every transformer takes a sequence of *items*: ``(text, start, end, target[, own])`` tuples,
where ``text`` is the sentence, ``text[start:end]`` the words that name the target
(``start == end`` when the target is not named verbatim), ``target`` its id or free name, and
``own`` whether the holder speaks for the target (a Russian delegate on ``RUSSIA``; default
false). Text views return strings for a vectorizer; :class:`LexiconFeatures` returns numbers.

Examples
--------
>>> item = ("We stand with Kyiv against Russian aggression.", 14, 18, "UKRAINE")
>>> TextView(view="masked").transform([item])
['We stand with TARGET against Russian aggression .']
>>> TextView(view="left", window=2).transform([item])
['L_stand L_with']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from nltk.sentiment.util import mark_negation
from sklearn.base import BaseEstimator, TransformerMixin

from .sentiment import analyzer
from .text import word_spans

__all__ = [
    "AGAINST_CUES",
    "FAVOR_CUES",
    "VIEWS",
    "Item",
    "LexiconFeatures",
    "TextView",
]


class Item(NamedTuple):
    """One (sentence, target) pair to featurize; ``own``: the holder speaks for the target."""

    text: str
    start: int
    end: int
    target: str
    own: bool = False


#: Words and phrases by which a holder sides with a target ("we support", "cooperate with").
FAVOR_CUES: tuple[str, ...] = (
    "support",
    "supports",
    "supported",
    "supporting",
    "welcome",
    "welcomes",
    "welcomed",
    "commend",
    "commends",
    "praise",
    "praises",
    "appreciate",
    "appreciates",
    "thank",
    "thanks",
    "grateful",
    "gratitude",
    "cooperate",
    "cooperation",
    "cooperating",
    "partner",
    "partners",
    "partnership",
    "stand with",
    "stands with",
    "solidarity",
    "ally",
    "allies",
    "friend",
    "friends",
    "friendship",
    "strengthen",
    "strengthening",
    "backing",
    "endorse",
    "endorses",
    "applaud",
    "salute",
    "trust",
    "respect",
    "defend",
    "help",
    "assist",
    "assistance",
    "work with",
    "working with",
    "engage with",
    "legitimate",
    "tribute",
    "recognize",
    "congratulate",
    "encourage",
    "encourages",
    "central role",
    "indispensable",
    "leadership",
    "efforts",
    "constructive",
    "courage",
    "brave",
    "sovereignty",
    "right to defend",
)

#: Words and phrases by which a holder opposes, blames or mocks a target.
AGAINST_CUES: tuple[str, ...] = (
    "condemn",
    "condemns",
    "condemned",
    "denounce",
    "denounces",
    "blame",
    "blames",
    "accuse",
    "accuses",
    "oppose",
    "opposes",
    "reject",
    "rejects",
    "deplore",
    "deplores",
    "regret",
    "regrets",
    "criticize",
    "criticizes",
    "criticise",
    "aggression",
    "aggressor",
    "occupation",
    "occupying",
    "violation",
    "violations",
    "violate",
    "violates",
    "illegal",
    "unlawful",
    "sanctions",
    "threat",
    "threatens",
    "destroy",
    "defeat",
    "fight",
    "fighting",
    "combat",
    "eradicate",
    "terrorist",
    "terrorists",
    "crimes",
    "atrocities",
    "barbaric",
    "so-called",
    "hypocrisy",
    "double standards",
    "interference",
    "invasion",
    "annexation",
    "must stop",
    "must end",
    "must cease",
    "accountable",
    "regime",
    "brutal",
    "failed",
    "failure",
    "flawed",
    "paralysed",
    "paralyzed",
    "veto",
    "unilateral",
    "hegemony",
    "expansion",
    "provocation",
    "provocations",
    "destabilizing",
    "defy",
    "defies",
    "impunity",
    "war crimes",
    "boasted",
    "isolate",
    "pressure",
    "blockade",
    "killing",
    "massacre",
    "genocide",
    "notes with concern",
)

_CUE_PATTERNS = {
    name: re.compile(
        "|".join(rf"(?<!\w){re.escape(cue)}(?!\w)" for cue in sorted(cues, key=len, reverse=True)),
        re.IGNORECASE,
    )
    for name, cues in (("favor", FAVOR_CUES), ("against", AGAINST_CUES))
}

_MASK = "TARGET"


@lru_cache(maxsize=16384)
def _split(
    text: str, start: int, end: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if start == end:
        return (), (), tuple(text[a:b] for a, b in word_spans(text))
    left = tuple(text[a:b] for a, b in word_spans(text, 0, start))
    right = tuple(text[a:b] for a, b in word_spans(text, end))
    return left, (_MASK,), right


def _tokens(item: Item) -> tuple[list[str], list[str], list[str]]:
    """Words left of the mention, the mention as one mask token, and words right of it.

    Tokenizing is the slow part of featurizing and every view needs it, so it is memoised.
    """
    left, mask, right = _split(item[0], item[1], item[2])
    return list(left), list(mask), list(right)


def _masked(item: Item, window: int) -> str:
    left, mask, right = _tokens(item)
    return " ".join(left + mask + right)


def _negated(item: Item, window: int) -> str:
    left, mask, right = _tokens(item)
    return " ".join(mark_negation([w.lower() for w in left + mask + right]))


def _left(item: Item, window: int) -> str:
    left, _, _ = _tokens(item)
    return " ".join(f"L_{w.lower()}" for w in ["^", *left][-window:])


def _right(item: Item, window: int) -> str:
    _, _, right = _tokens(item)
    return " ".join(f"R_{w.lower()}" for w in [*right, "$"][:window])


def _target(item: Item, window: int) -> str:
    own = len(item) > 4 and item[4]
    return f"T_{item[3]} OWN" if own else f"T_{item[3]}"


def _conditioned(item: Item, window: int) -> str:
    left, _, right = _tokens(item)
    words = [w.lower() for w in left[-window:] + right[:window] if w[:1].isalnum()]
    return " ".join(f"{item[3]}__{w}" for w in words) or f"{item[3]}__"


#: The text views by name: what :class:`TextView` turns an item into.
VIEWS = {
    "masked": _masked,
    "negated": _negated,
    "left": _left,
    "right": _right,
    "target": _target,
    "conditioned": _conditioned,
}


class TextView(TransformerMixin, BaseEstimator):
    """Turn items into strings for a vectorizer, by a named view.

    Parameters
    ----------
    view : {"masked", "negated", "left", "right", "target", "conditioned"}
        ``masked``: the sentence with the mention replaced by ``TARGET``; ``negated``: the
        same in lower case with NLTK's negation marking (``_NEG`` on words in a negation's
        scope); ``left``/``right``: up to ``window`` words beside the mention, marked with their
        side; ``target``: the target's identity, and ``OWN`` when the holder speaks for it;
        ``conditioned``: the window's words prefixed with the target id, so one model can
        learn target-specific cues.
    window : int
        Words on each side for the windowed views.
    """

    def __init__(self, *, view: str = "masked", window: int = 6) -> None:
        self.view = view
        self.window = window

    def fit(self, X: Sequence[Item], y: object = None) -> TextView:
        """Check the parameters; there is nothing to learn."""
        if self.view not in VIEWS:
            raise ValueError(f"view must be one of {sorted(VIEWS)}, got {self.view!r}")
        self.n_features_in_ = 1
        return self

    def transform(self, X: Sequence[Item]) -> list[str]:
        """One string per item."""
        if self.view not in VIEWS:
            raise ValueError(f"view must be one of {sorted(VIEWS)}, got {self.view!r}")
        return [VIEWS[self.view](item, self.window) for item in X]


@lru_cache(maxsize=16384)
def _valence(text: str) -> float:
    """VADER compound score, memoised: a sentence recurs once per target it names."""
    return analyzer().polarity_scores(text)["compound"] if text else 0.0


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Lexicon scores around the mention: VADER valence and stance cues, with negation.

    Columns: VADER compound of the sentence, of the left window and of the right window;
    counts of :data:`FAVOR_CUES` and :data:`AGAINST_CUES` in the window and in the sentence;
    whether a negation stands in the window; whether the sentence holds a quotation mark.

    Parameters
    ----------
    window : int
        Words on each side of the mention that make its window.
    """

    def __init__(self, *, window: int = 8) -> None:
        self.window = window

    def fit(self, X: Sequence[Item], y: object = None) -> LexiconFeatures:
        """Nothing to learn."""
        self.n_features_in_ = 1
        return self

    def transform(self, X: Sequence[Item]) -> np.ndarray:
        """A dense ``(n_items, 9)`` array."""
        rows = []
        for item in X:
            left, _, right = _tokens(item)
            left_text = " ".join(left[-self.window :])
            right_text = " ".join(right[: self.window])
            window_text = f"{left_text} {right_text}"
            negated = any(w.endswith("_NEG") for w in mark_negation(window_text.lower().split()))
            rows.append(
                [
                    _valence(item[0]),
                    _valence(left_text),
                    _valence(right_text),
                    min(len(_CUE_PATTERNS["favor"].findall(window_text)), 3) / 3,
                    min(len(_CUE_PATTERNS["against"].findall(window_text)), 3) / 3,
                    min(len(_CUE_PATTERNS["favor"].findall(item[0])), 3) / 3,
                    min(len(_CUE_PATTERNS["against"].findall(item[0])), 3) / 3,
                    float(negated),
                    float(any(q in item[0] for q in '"“”«»')),
                ]
            )
        return np.asarray(rows, dtype=float).reshape(len(rows), 9)
