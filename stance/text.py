"""Paragraphs, sentences and quotations, as character offsets into the decoded text.

Rules, in order:

1. **Lines become paragraphs.** A line break ends a paragraph unless the text runs on: the
   line does not end a sentence and the next line starts in lower case, or the line ends with
   a comma, a dash or a function word ("the", "of", ...), or it is a long line of prose. So a
   page break inside a sentence ("there was\\n\\nno suggestion", "the United\\n\\nNations")
   joins, while headlines, datelines and captions without final punctuation stay sentences of
   their own.
2. **Paragraphs become sentences** with NLTK's Punkt, given explicit parameters (a list of
   abbreviations such as U.S., U.N., Mr., Gen., Sept.) and no downloaded model. Typographic
   quotes are shown to Punkt as straight ones, so ``expected.” He`` splits after the quote.
3. **Quotations are tracked** across the sentences of a paragraph: a sentence is ``quoted``
   when it lies in, or holds, a quotation of at least :data:`MIN_QUOTE_WORDS` words. Scare
   quotes around a word or two ("so-called “partners”") do not count.

Examples
--------
>>> text = "Putin calls on US\\nSeptember 28\\n\\n“We act. We win,” he said. Mr. Obama left."
>>> [text[s.start:s.end] for s in split_sentences(text)]
['Putin calls on US', 'September 28', '“We act.', 'We win,” he said.', 'Mr. Obama left.']
>>> [s.quoted for s in split_sentences(text)]
[False, False, True, True, False]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nltk.tokenize import TreebankWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "ABBREVIATIONS",
    "MIN_QUOTE_WORDS",
    "PROSE_WORDS",
    "Sentence",
    "paragraph_spans",
    "quotation_spans",
    "split_sentences",
    "word_spans",
]

#: Abbreviations that never end a sentence (lower case, without the final period).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.n u.k e.u u.s.a u.s.s.r d.c mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl
    gov sen rep pres amb sec dept st mt ft jr sr rev fr hon messrs mmes no nos vol art arts para
    paras ch sect fig figs approx est ca cf vs v e.g i.e al etc. inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
) - {"etc."}

#: A line of at least this many words that stops without final punctuation runs on.
PROSE_WORDS = 25

#: A quotation of at least this many words makes a sentence ``quoted``.
MIN_QUOTE_WORDS = 3

_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*\s*$")
_CONTINUES = re.compile(
    r"(?:[,(\-–—]|\b(?:the|of|and|or|but|a|an|to|in|on|for|with|by|at|from|that|which|as|its|"
    r"their|our|his|her|is|are|was|were|be|been|has|have|had|not|this|these|those))\s*$",
    re.IGNORECASE,
)
_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_OPEN = {"“": "”", "«": "»", "„": "“"}
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: offsets into its document's text, never a copy of it.

    Parameters
    ----------
    doc_id : str
        The document it belongs to.
    index : int
        Position among the document's sentences, from 0.
    paragraph : int
        Position of its paragraph, from 0.
    start, end : int
        ``text[start:end]`` is the sentence.
    quoted : bool
        Whether it lies in, or holds, a quotation (see the module notes).
    """

    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    quoted: bool = False


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _treebank() -> TreebankWordTokenizer:
    return TreebankWordTokenizer()


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, without surrounding white space."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((match.start() + lead, match.start() + lead + len(stripped)))
    return spans


def _runs_on(before: str, after: str) -> bool:
    """Whether a line break between two lines falls inside a sentence.

    It does when the line does not end a sentence and the next one starts in lower case, or the
    line ends with a comma, a dash or a function word, or the line is a long run of prose
    (:data:`PROSE_WORDS` words or more): headlines, datelines and captions are short.
    """
    if _TERMINAL.search(before):
        return False
    return (
        after[:1].islower()
        or bool(_CONTINUES.search(before))
        or (len(before.split()) >= PROSE_WORDS and before[-1:].isalnum())
    )


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Split a text into paragraphs, as ``(start, end)`` offsets.

    Examples
    --------
    >>> text = "Title\\n\\nWhen it was founded, there was\\n\\nno doubt. It grew.\\nNext."
    >>> [text[a:b] for a, b in paragraph_spans(text)]
    ['Title', 'When it was founded, there was\\n\\nno doubt. It grew.', 'Next.']
    """
    spans: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if spans and _runs_on(text[spans[-1][0] : spans[-1][1]], text[start:end]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def quotation_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Find double-quoted passages between ``start`` and ``end``, quote marks included.

    Typographic quotes (“…”, «…») pair by kind; straight double quotes alternate. A quotation
    still open at ``end`` runs to ``end`` (news style leaves a quote open at a paragraph end).

    Examples
    --------
    >>> quotation_spans('He said “we will win” and left.')
    [(8, 21)]
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    closer = ""
    for i in range(start, end):
        char = text[i]
        if opened is None:
            if char in _OPEN:
                opened, closer = i, _OPEN[char]
            elif char == '"':
                opened, closer = i, '"'
        elif char == closer or (closer != '"' and char == '"'):
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:
        spans.append((opened, end))
    return spans


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word tokens as offsets, with NLTK's Treebank tokenizer.

    Examples
    --------
    >>> text = "We won't yield."
    >>> [text[a:b] for a, b in word_spans(text)]
    ['We', 'wo', "n't", 'yield', '.']
    """
    end = len(text) if end is None else end
    piece = text[start:end].translate(_STRAIGHTEN)
    return [(start + a, start + b) for a, b in _treebank().span_tokenize(piece)]


def split_sentences(text: str, *, doc_id: str = "") -> list[Sentence]:
    """Split a document into sentences with paragraph numbers and quotation flags.

    Parameters
    ----------
    text : str
        The decoded document.
    doc_id : str
        Stored on each :class:`Sentence`.

    Returns
    -------
    list of Sentence
        In document order; ``text[s.start:s.end]`` is each sentence.

    Examples
    --------
    >>> text = "The U.N. met in Sept. 2015. It was “a turning point for all of us.”"
    >>> [(text[s.start:s.end], s.quoted) for s in split_sentences(text)]
    [('The U.N. met in Sept. 2015.', False), ('It was “a turning point for all of us.”', True)]
    """
    punkt = _punkt()
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(text)):
        piece = text[p_start:p_end].translate(_STRAIGHTEN)
        quotes = [
            (a, b)
            for a, b in quotation_spans(text, p_start, p_end)
            if len(_WORD.findall(text, a, b)) >= MIN_QUOTE_WORDS
        ]
        for a, b in punkt.span_tokenize(piece):
            start, end = p_start + a, p_start + b
            quoted = any(q_start < end and start < q_end for q_start, q_end in quotes)
            sentences.append(Sentence(doc_id, len(sentences), number, start, end, quoted))
    return sentences
