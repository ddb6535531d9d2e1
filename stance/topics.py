"""Topics from a keyword registry: which subject each sentence is about.

The registry is TOML (``stance/data/topics.toml`` by default): ``[topics.NAME]`` tables with a
``keywords`` list; :func:`learn_topics` learns one from the input instead (NMF over TF-IDF). A
sentence gets the topic whose keywords it holds most often, or :data:`OTHER`.

Examples
--------
>>> topics = default_topics()
>>> assign_topic("We must defeat terrorism and the extremists of Daesh.", topics)
'terrorism'
>>> assign_topic("The weather was fine.", topics)
'other'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from .errors import DataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "OTHER",
    "TopicRegistry",
    "assign_topic",
    "default_topics",
    "learn_topics",
    "load_topics",
    "topics_from_mapping",
]

#: The topic of a sentence that matches no keyword.
OTHER = "other"


def _keyword_pattern(keyword: str) -> str:
    stem = keyword.removesuffix("*")
    body = r"\s+".join(re.escape(w) for w in stem.split())
    tail = r"\w*" if keyword.endswith("*") else r"(?!\w)"
    return rf"(?<!\w){body}{tail}"


@dataclass(frozen=True)
class TopicRegistry:
    """Topic names with one compiled keyword pattern each, in registry order."""

    names: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]

    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """One case-insensitive pattern per topic."""
        return _compiled(self)


@cache
def _compiled(registry: TopicRegistry) -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile("|".join(_keyword_pattern(k) for k in words), re.IGNORECASE)
        for words in registry.keywords
    )


def topics_from_mapping(data: Mapping[str, object], source: str = "<mapping>") -> TopicRegistry:
    """Build a registry from parsed TOML ``{"topics": {NAME: {"keywords": [...]}}}``."""
    table = data.get("topics")
    if not isinstance(table, dict) or not table:
        raise DataError(f"{source}: no [topics.NAME] tables; see stance/data/topics.toml")
    names, keywords = [], []
    for name, spec in table.items():
        words = spec.get("keywords") if isinstance(spec, dict) else None
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            raise DataError(f"{source}: topics.{name}.keywords must be a non-empty list of strings")
        names.append(str(name))
        keywords.append(tuple(w.strip() for w in words))
    return TopicRegistry(tuple(names), tuple(keywords))


def load_topics(path: str | Path) -> TopicRegistry:
    """Read a topic registry from a TOML file (raises :class:`DataError` when malformed)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(
            f"{path}: cannot read topics file ({exc.strerror}); check the path"
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: not a valid TOML topics file ({exc}); fix it") from None
    return topics_from_mapping(data, str(path))


def default_topics() -> TopicRegistry:
    """The topic registry that ships with the package."""
    with resources.as_file(resources.files("stance") / "data" / "topics.toml") as path:
        return load_topics(path)


def learn_topics(
    texts: Sequence[str], *, n_topics: int = 8, top_words: int = 8, seed: int = 0
) -> TopicRegistry:
    """Learn topics from the input sentences: NMF over TF-IDF, each topic named by its top words.

    The topics' keywords are their top words, so sentences are assigned by the same rule as
    with a keyword registry, and the report can show what each topic is made of.

    Parameters
    ----------
    texts : sequence of str
        Sentences (or other short texts).
    n_topics : int
        Number of topics.
    top_words : int
        Keywords kept per topic (the first three name it).
    seed : int
        Seed of the NMF initialisation.

    Raises
    ------
    DataError
        If the texts are too few or too short to learn from.
    """
    if n_topics < 1:
        raise DataError(f"the number of topics must be at least 1, not {n_topics}")
    vectorizer = TfidfVectorizer(
        stop_words="english", min_df=2, max_df=0.5, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b"
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:
        raise DataError(
            "too little text to learn topics from; pass more or longer documents"
        ) from None
    if matrix.shape[1] < n_topics or matrix.shape[0] < n_topics:
        raise DataError(
            f"too little text to learn {n_topics} topics from; pass more text or fewer topics"
        )
    model = NMF(n_components=n_topics, init="nndsvda", random_state=seed, max_iter=400)
    model.fit(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    names, keywords = [], []
    for component in model.components_:
        words = [str(vocabulary[i]) for i in component.argsort()[::-1][:top_words]]
        names.append(" ".join(words[:3]))
        keywords.append(tuple(words))
    return TopicRegistry(tuple(names), tuple(keywords))


def assign_topic(text: str, registry: TopicRegistry) -> str:
    """The topic with the most keyword hits in ``text`` (first listed wins ties), or ``other``."""
    best, best_hits = OTHER, 0
    for name, pattern in zip(registry.names, registry.patterns()):
        hits = len(pattern.findall(text))
        if hits > best_hits:
            best, best_hits = name, hits
    return best
