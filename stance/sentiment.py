"""Sentence sentiment: the VADER compound score from the ``vaderSentiment`` package.

The lexicon ships inside the package, so nothing is downloaded. Labels use VADER's documented
thresholds: compound >= 0.05 is positive, <= -0.05 negative, neutral between.

Examples
--------
>>> round(sentiment_score("We warmly welcome this historic agreement."), 3) > 0
True
>>> sentiment_label(-0.4)
'negative'
"""

from __future__ import annotations

from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

__all__ = ["SENTIMENT_THRESHOLD", "analyzer", "sentiment_label", "sentiment_score"]

#: Compound scores within this distance of 0 are ``neutral``.
SENTIMENT_THRESHOLD = 0.05


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The shared VADER analyser (loading its lexicon takes a moment, so it is made once)."""
    return SentimentIntensityAnalyzer()


def sentiment_score(text: str) -> float:
    """VADER compound score of a text, in [-1, 1]."""
    return float(analyzer().polarity_scores(" ".join(text.split()))["compound"])


def sentiment_label(score: float, threshold: float = SENTIMENT_THRESHOLD) -> str:
    """``positive``, ``neutral`` or ``negative`` for a compound score."""
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"
