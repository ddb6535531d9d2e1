"""Topics from a keyword registry: which subject each sentence is about.

The registry is TOML (``stance/data/topics.toml`` by default): ``[topics.NAME]`` tables with a
``keywords`` list. A sentence gets the topic whose keywords it holds most often, or
:data:`OTHER`.

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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

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


def assign_topic(text: str, registry: TopicRegistry) -> str:
    """The topic with the most keyword hits in ``text`` (first listed wins ties), or ``other``."""
    best, best_hits = OTHER, 0
    for name, pattern in zip(registry.names, registry.patterns()):
        hits = len(pattern.findall(text))
        if hits > best_hits:
            best, best_hits = name, hits
    return best
