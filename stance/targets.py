"""Named targets and where a text mentions them.

A :class:`TargetRegistry` holds canonical ids (``US``, ``UN``, ``ASSAD``...), display names,
aliases with case rules, and look-alike exclusions, read from TOML. The default registry ships
with the package (``stance/data/targets.toml``); its header explains the rules.

Examples
--------
>>> registry = default_registry()
>>> text = "Washington and the Organization ignore Latin America."
>>> [(m.target, m.alias) for m in registry.find(text)]
[('US', 'Washington'), ('UN', 'the Organization')]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import TargetsError
from .text import Sentence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "Mention",
    "Target",
    "TargetRegistry",
    "default_registry",
    "find_mentions",
    "load_registry",
    "parse_target_spec",
    "registry_from_mapping",
]


@dataclass(frozen=True)
class Target:
    """One actor that stance is scored toward.

    Parameters
    ----------
    id : str
        Canonical id, e.g. ``"ASSAD"``.
    name : str
        Display name.
    aliases : tuple of str
        Matched in any letter case.
    cased : tuple of str
        Matched exactly, but a lower-case first letter may be capitalised.
    exclude : tuple of str
        Look-alike phrases; an alias match that overlaps one is not a mention.
    countries : tuple of str
        Codes of the states (or bodies) the target stands for, as holders are named: ISO 3166
        alpha-3 codes as in UN General Debate file names (``"RUS"`` for ``RUSSIA`` and
        ``PUTIN``), ``"EU"`` for the European Union. A holder who speaks for one of them holds
        the target as its own (see :meth:`TargetRegistry.own_targets`).
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    cased: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One target named in one sentence; ``start``/``end`` index the document text."""

    sentence: Sentence
    target: str
    alias: str
    start: int
    end: int


def _normal(phrase: str) -> str:
    """The form aliases are looked up by: single spaces, straight apostrophes."""
    return " ".join(phrase.split()).replace("’", "'")


def _escape(char: str) -> str:
    return {" ": r"\s+", "'": "['’]"}.get(char) or re.escape(char)


def _trie_pattern(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases`` (in normal form), longest first, on word boundaries.

    Shared prefixes are merged into a trie, so matching cost does not grow with the number of
    aliases the way a flat alternation's does.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [_escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return rf"(?<!\w){build(trie)}(?!\w)"


def _capitalised(alias: str) -> set[str]:
    """A cased alias and, when it starts in lower case, its sentence-initial form."""
    return {alias, alias[:1].upper() + alias[1:]}


@dataclass(frozen=True)
class TargetRegistry:
    """An ordered collection of :class:`Target` with a compiled matcher.

    Examples
    --------
    >>> reg = TargetRegistry((Target("UN", "United Nations", aliases=("United Nations",)),))
    >>> [m.alias for m in reg.find("the United  Nations met")]
    ['United  Nations']
    """

    targets: tuple[Target, ...]
    _index: Mapping[str, Target] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {t.id: t for t in self.targets})

    def __contains__(self, target_id: object) -> bool:
        return target_id in self._index

    def __getitem__(self, target_id: str) -> Target:
        return self._index[target_id]

    def __len__(self) -> int:
        return len(self.targets)

    @property
    def ids(self) -> tuple[str, ...]:
        """The canonical ids, in registry order."""
        return tuple(t.id for t in self.targets)

    def add(self, target: Target) -> TargetRegistry:
        """Return a registry with ``target`` added, or merged into the target of the same id."""
        if target.id not in self._index:
            return TargetRegistry((*self.targets, target))
        old = self._index[target.id]
        merged = replace(
            old,
            aliases=old.aliases + target.aliases,
            cased=old.cased + target.cased,
            exclude=old.exclude + target.exclude,
            countries=old.countries + target.countries,
        )
        return TargetRegistry(tuple(merged if t.id == target.id else t for t in self.targets))

    def own_targets(self, holder: str) -> frozenset[str]:
        """The targets a holder speaks for: its own state, government and leaders.

        ``holder`` is a state code (``"RUS"``, any case) or a target id (``"PUTIN"``); anything
        else (``"SPEAKER"``, ``"AUTHOR"``, a name) owns no target.

        Examples
        --------
        >>> sorted(default_registry().own_targets("RUS"))
        ['PUTIN', 'RUSSIA']
        >>> sorted(default_registry().own_targets("OBAMA"))
        ['OBAMA', 'US']
        """
        return _own(self, holder.strip().upper())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Find target mentions in ``text[start:end]``; offsets index ``text``.

        Where matches overlap, the longest wins (then the leftmost). The mentions carry a
        placeholder sentence; :func:`find_mentions` attaches real ones.
        """
        end = len(text) if end is None else end
        matcher = _compile(self)
        candidates = []
        for pattern, owners, fold in (
            (matcher.loose, matcher.loose_owner, True),
            (matcher.cased, matcher.cased_owner, False),
        ):
            if pattern is None:
                continue
            for match in pattern.finditer(text, start, end):
                key = _normal(match.group())
                target_id = owners[key.lower() if fold else key]
                excluder = matcher.exclusions.get(target_id)
                if excluder is None or not _excluded(excluder, text, *match.span()):
                    candidates.append((match.start(), match.end(), target_id))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int, str]] = []
        for a, b, target_id in candidates:
            if all(b <= x or y <= a for x, y, _ in taken):
                taken.append((a, b, target_id))
        placeholder = Sentence("", -1, -1, start, end)
        return [Mention(placeholder, t, text[a:b], a, b) for a, b, t in sorted(taken)]


def _excluded(excluder: re.Pattern[str], text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` overlaps a look-alike phrase."""
    return any(
        m.start() < b and a < m.end()
        for m in excluder.finditer(text, max(0, a - 100), min(len(text), b + 100))
    )


@cache
def _own(registry: TargetRegistry, holder: str) -> frozenset[str]:
    codes = set(registry[holder].countries) if holder in registry else {holder}
    return frozenset(t.id for t in registry.targets if codes & set(t.countries))


@dataclass(frozen=True)
class _Matcher:
    loose: re.Pattern[str] | None
    loose_owner: dict[str, str]
    cased: re.Pattern[str] | None
    cased_owner: dict[str, str]
    exclusions: dict[str, re.Pattern[str]]


@cache
def _compile(registry: TargetRegistry) -> _Matcher:
    """Trie patterns for the case-insensitive and the cased aliases, and who owns each alias.

    An alias listed by two targets belongs to the later one, so a target added with
    :meth:`TargetRegistry.add` (``--target``) wins over the registry it extends.
    """
    loose_owner: dict[str, str] = {}
    cased_owner: dict[str, str] = {}
    for target in registry.targets:
        for alias in target.aliases:
            loose_owner[_normal(alias).lower()] = target.id
        for alias in target.cased:
            for form in _capitalised(_normal(alias)):
                cased_owner[form] = target.id
    if not loose_owner and not cased_owner:
        raise TargetsError("the target registry has no aliases; give every target at least one")
    exclusions = {
        t.id: re.compile(_trie_pattern({_normal(x).lower() for x in t.exclude}), re.IGNORECASE)
        for t in registry.targets
        if t.exclude
    }
    return _Matcher(
        re.compile(_trie_pattern(loose_owner), re.IGNORECASE) if loose_owner else None,
        loose_owner,
        re.compile(_trie_pattern(cased_owner)) if cased_owner else None,
        cased_owner,
        exclusions,
    )


def find_mentions(
    text: str, sentences: Iterable[Sentence], registry: TargetRegistry
) -> list[Mention]:
    """Find every target mention in each sentence of a document, in document order.

    Examples
    --------
    >>> from stance.text import split_sentences
    >>> text = "We back Kyiv. Daesh must fall."
    >>> [(m.sentence.index, m.target) for m in
    ...  find_mentions(text, split_sentences(text), default_registry())]
    [(0, 'UKRAINE'), (1, 'ISIL')]
    """
    mentions = []
    for sentence in sentences:
        mentions += [
            replace(m, sentence=sentence) for m in registry.find(text, sentence.start, sentence.end)
        ]
    return mentions


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TargetsError(f'{where} must be a list of non-empty strings, e.g. ["Damascus"]')
    return tuple(v.strip() for v in value)


def registry_from_mapping(data: Mapping[str, object], source: str = "<mapping>") -> TargetRegistry:
    """Build a registry from parsed TOML: ``{"targets": {ID: {name, aliases, cased, exclude,
    countries}}}``."""
    table = data.get("targets")
    if not isinstance(table, dict) or not table:
        raise TargetsError(
            f"{source}: no [targets.ID] tables; see stance/data/targets.toml for the format"
        )
    targets = []
    for target_id, spec in table.items():
        where = f"{source}: targets.{target_id}"
        if not isinstance(spec, dict):
            raise TargetsError(f"{where} must be a table with name and aliases")
        unknown = set(spec) - {"name", "aliases", "cased", "exclude", "countries"}
        if unknown:
            raise TargetsError(
                f"{where} has unknown keys {sorted(unknown)}; "
                "use name, aliases, cased, exclude, countries"
            )
        aliases = _strings(spec.get("aliases", []), f"{where}.aliases")
        cased = _strings(spec.get("cased", []), f"{where}.cased")
        if not aliases and not cased:
            raise TargetsError(f'{where} has no aliases; add aliases = ["..."]')
        name = spec.get("name", target_id)
        if not isinstance(name, str):
            raise TargetsError(f"{where}.name must be a string")
        exclude = _strings(spec.get("exclude", []), f"{where}.exclude")
        countries = _strings(spec.get("countries", []), f"{where}.countries")
        countries = tuple(code.upper() for code in countries)
        targets.append(Target(str(target_id), name, aliases, cased, exclude, countries))
    return TargetRegistry(tuple(targets))


def load_registry(path: str | Path) -> TargetRegistry:
    """Read a target registry from a TOML file.

    Raises
    ------
    TargetsError
        If the file is missing, not valid TOML, or not in the registry format.
    """
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TargetsError(
            f"{path}: targets file not found; pass a TOML file like stance/data/targets.toml"
        ) from None
    except IsADirectoryError:
        raise TargetsError(f"{path}: is a directory; pass a TOML targets file") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TargetsError(f"{path}: not a valid TOML targets file ({exc}); fix it") from None
    return registry_from_mapping(data, str(path))


def default_registry() -> TargetRegistry:
    """The registry that ships with the package (``stance/data/targets.toml``)."""
    with resources.as_file(resources.files("stance") / "data" / "targets.toml") as path:
        return load_registry(path)


def parse_target_spec(spec: str) -> Target:
    """Parse ``'ID=alias one,alias two'`` into a :class:`Target`.

    Aliases of up to five characters written in capitals ("US", "AU") match exactly; the
    others match in any case.

    Examples
    --------
    >>> target = parse_target_spec("ICJ=International Court of Justice,ICJ")
    >>> target.aliases, target.cased
    (('International Court of Justice',), ('ICJ',))
    """
    target_id, sep, rest = spec.partition("=")
    target_id = target_id.strip()
    aliases = [a.strip() for a in rest.split(",") if a.strip()]
    if not sep or not re.fullmatch(r"[A-Za-z][\w-]*", target_id) or not aliases:
        raise TargetsError(
            f"--target {spec!r}: expected ID=alias one,alias two (e.g. 'ICJ=the Court,ICJ')"
        )
    cased = tuple(a for a in aliases if a.isupper() and len(a) <= 5)
    loose = tuple(a for a in aliases if a not in cased)
    return Target(target_id, target_id, loose, cased)
