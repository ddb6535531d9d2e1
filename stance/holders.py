"""Who speaks in a sentence of a news report: a target named as the speaker ("Putin said").

A report of a speech carries the speaker's views in quotations and reported speech. When a
sentence names a target that stands for a state as the one speaking ("…,” Putin told the
Assembly"; "Putin also lambasted Western policies"; "Moscow insists that…"), that target holds
the sentence's view, and the targets of its state are its own (:meth:`TargetRegistry.own_targets`).
Speeches whose holder is already a state (UN file names, ``--speaker RUS``) keep it: there,
"as President Obama said" is the speaker quoting someone, not a new holder.

Examples
--------
>>> from stance.targets import default_registry
>>> text = "Putin also lambasted Western policies in Libya."
>>> speaking_target(text, default_registry().find(text), default_registry())
'PUTIN'
>>> text = "“We will not bow,” said Putin."
>>> speaking_target(text, default_registry().find(text), default_registry())
'PUTIN'
>>> text = "The Russian President also criticized Western powers."
>>> speaking_target(text, default_registry().find(text), default_registry())
'RUSSIA'
>>> text = "Putin's plan was discussed."
>>> speaking_target(text, default_registry().find(text), default_registry()) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .targets import Mention, TargetRegistry

__all__ = ["REPORTING_VERBS", "sentence_holder", "speaking_target"]

#: Verbs by which a report says that someone spoke ("said", "told", "lambasted", ...).
REPORTING_VERBS: tuple[str, ...] = (
    "said", "says", "told", "tells", "added", "adds", "stressed", "stresses", "insisted",
    "insists", "warned", "warns", "urged", "urges", "argued", "argues", "declared", "declares",
    "noted", "notes", "explained", "reiterated", "reiterates", "emphasized", "emphasised",
    "lambasted", "criticized", "criticised", "criticizes", "criticises", "accused", "accuses",
    "blamed", "blames", "called", "calls", "asked", "announced", "announces", "claimed",
    "claims", "denounced", "condemned", "condemns", "praised", "praises", "welcomed",
    "welcomes", "laid", "suggested", "proposed", "pledged", "vowed", "replied", "stated",
    "states", "highlighted", "recalled", "questioned",
)  # fmt: skip

_TITLE = (
    r"(?:President|Prime\s+Minister|Foreign\s+Minister|Minister|leader|delegation|envoy"
    r"|spokes(?:man|woman|person))"
)
_AFTER = re.compile(
    rf"\s*(?:{_TITLE}\s+)?"
    r"(?:(?:also|then|again|later|has|had|have|once|further|repeatedly|himself|herself)\s+){0,2}"
    rf"(?:{'|'.join(REPORTING_VERBS)})\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(?:said|says|told|added|asked|replied)\s+$", re.IGNORECASE)


def speaking_target(text: str, mentions: Sequence[Mention], registry: TargetRegistry) -> str | None:
    """The target a sentence names as its speaker, if one that stands for a state is.

    Parameters
    ----------
    text : str
        The text the mentions' offsets index (a sentence or its whole document).
    mentions : sequence of Mention
        The target mentions of one sentence, in order.
    registry : TargetRegistry
        Tells which targets stand for a state (their ``countries``).

    Returns
    -------
    str or None
        The id of the first target named right before a reporting verb ("Putin said", "Moscow
        also insists") or right after one at a quotation's end ("said Putin").
    """
    for mention in mentions:
        if mention.target not in registry or not registry[mention.target].countries:
            continue
        if _AFTER.match(text, mention.end) or _BEFORE.search(
            text, max(0, mention.start - 20), mention.start
        ):
            return mention.target
    return None


def sentence_holder(
    holder: str, text: str, mentions: Sequence[Mention], registry: TargetRegistry
) -> str:
    """Whose view a sentence conveys: ``holder`` (the document's), unless it owns no target
    and the sentence names a target that stands for a state as its speaker.

    Examples
    --------
    >>> from stance.targets import default_registry
    >>> text = "Moscow insists that the talks go on."
    >>> [sentence_holder(h, text, default_registry().find(text), default_registry())
    ...  for h in ("SPEAKER", "UKR")]
    ['RUSSIA', 'UKR']
    """
    if registry.own_targets(holder):
        return holder
    return speaking_target(text, mentions, registry) or holder
