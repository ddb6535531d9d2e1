"""Reading documents: bytes in, decoded text and metadata out.

A document's text is kept exactly as decoded (only a leading byte-order mark is dropped), so
that every offset the toolkit reports indexes into it. Bad inputs raise :class:`InputError`
with a message naming the input and what to do; :func:`read_documents` turns them into values so
that one bad file never stops a batch.

Examples
--------
>>> from stance.io import document_from_text
>>> doc = document_from_text("We welcome the Organization.", doc_id="demo")
>>> doc.doc_id, doc.text
('demo', 'We welcome the Organization.')
>>> parse_metadata("RUS_70_2015")
{'iso3': 'RUS', 'session': '70', 'year': '2015'}
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

__all__ = [
    "META_PATTERNS",
    "Document",
    "decode",
    "document_from_text",
    "parse_metadata",
    "read_document",
    "read_documents",
]

#: Named file-name patterns for :func:`parse_metadata`; ``auto`` tries each in turn.
META_PATTERNS: Mapping[str, str] = {
    "unga": r"(?P<iso3>[A-Z]{2,3})_(?P<session>\d{1,3})_(?P<year>\d{4})",
}

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Document:
    """A decoded text with its identifier and metadata.

    Parameters
    ----------
    doc_id : str
        The file stem, or the name given for standard input.
    text : str
        The decoded text; all offsets index into it.
    meta : Mapping[str, str]
        Metadata parsed from the file name (``iso3``, ``session``, ``year`` for UN General Debate
        files) and given on the command line (``speaker``).
    source : str
        Where the text came from: a path or ``-``.
    sha256 : str
        SHA-256 of the input's bytes (of the UTF-8 text for strings), for provenance.
    """

    doc_id: str
    text: str
    meta: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    sha256: str = ""


def parse_metadata(stem: str, pattern: str | None = "auto") -> dict[str, str]:
    """Parse metadata fields from a file stem with a regular expression's named groups.

    Parameters
    ----------
    stem : str
        The file name without its suffix, e.g. ``"RUS_70_2015"``.
    pattern : str or None
        A regular expression with named groups that must match the whole stem, a key of
        :data:`META_PATTERNS`, ``"auto"`` (try each named pattern, keep the first that matches)
        or ``None`` (no metadata).

    Returns
    -------
    dict
        Group name to matched text; empty when the pattern does not match.

    Examples
    --------
    >>> parse_metadata("speech-2019-lopez", r"speech-(?P<year>\\d{4})-(?P<speaker>\\w+)")
    {'year': '2019', 'speaker': 'lopez'}
    """
    if pattern is None:
        return {}
    candidates = (
        list(META_PATTERNS.values()) if pattern == "auto" else [META_PATTERNS.get(pattern, pattern)]
    )
    for candidate in candidates:
        match = re.fullmatch(candidate, stem)
        if match:
            return {k: v for k, v in match.groupdict().items() if v is not None}
    return {}


def decode(data: bytes, source: str, *, encoding: str = "utf-8") -> str:
    """Decode a document's bytes, refusing empty, binary and wrongly encoded input.

    Parameters
    ----------
    data : bytes
        The raw content.
    source : str
        The input's name, used in error messages.
    encoding : str
        The text encoding; a UTF-8 byte-order mark is dropped either way.

    Returns
    -------
    str
        The decoded text.

    Raises
    ------
    InputError
        If the input is empty, looks binary, or does not decode.

    Examples
    --------
    >>> decode("\\ufeffHello".encode("utf-8"), "a.txt")
    'Hello'
    """
    if not data.strip():
        raise InputError(source, "is empty; pass a file that holds the text of a speech")
    sample = data[:8192]
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(source, "looks like binary data, not text; pass a plain-text (.txt) file")
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            source,
            f"is not valid {encoding.removesuffix('-sig')} (byte 0x{bad:02x} at offset "
            f"{exc.start}); convert it to UTF-8, or pass --encoding with its encoding "
            "(e.g. --encoding latin-1)",
        ) from None
    except LookupError:
        raise InputError(
            source, f"unknown encoding {encoding!r}; pass a codec name such as utf-8 or latin-1"
        ) from None
    return text.removeprefix("\ufeff")


def document_from_text(
    text: str, *, doc_id: str = "text", meta: Mapping[str, str] | None = None
) -> Document:
    """Wrap a string that is already decoded as a :class:`Document`.

    Examples
    --------
    >>> document_from_text("Daesh must be defeated.", doc_id="s1").doc_id
    's1'
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id=doc_id, text=text, meta=dict(meta or {}), source=doc_id, sha256=digest)


def read_document(
    path: str | Path,
    *,
    pattern: str | None = "auto",
    encoding: str = "utf-8",
    meta: Mapping[str, str] | None = None,
    stdin: BinaryIO | None = None,
) -> Document:
    """Read one document from a path, or from standard input when the path is ``-``.

    Parameters
    ----------
    path : str or Path
        A text file, or ``-`` for standard input (its ``doc_id`` is ``stdin``).
    pattern : str or None
        File-name metadata pattern; see :func:`parse_metadata`.
    encoding : str
        Text encoding of the file.
    meta : Mapping, optional
        Extra metadata (e.g. ``{"speaker": "Putin"}``) that overrides parsed fields.
    stdin : binary file, optional
        Stream to read for ``-``; defaults to ``sys.stdin.buffer``.

    Returns
    -------
    Document

    Raises
    ------
    InputError
        If the path is missing, a directory, unreadable, empty, binary or badly encoded.
    """
    source = str(path)
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data, doc_id = stream.read(), "stdin"
    else:
        file = Path(path)
        if file.is_dir():
            raise InputError(
                source, f"is a directory; pass the files inside it (e.g. {file / '*.txt'})"
            )
        if not file.exists():
            raise InputError(source, "does not exist; check the path and its spelling")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(
                source, f"cannot be read ({exc.strerror}); check its permissions"
            ) from None
        doc_id = file.stem
    text = decode(data, source, encoding=encoding)
    fields = parse_metadata(doc_id, pattern)
    fields.update(meta or {})
    digest = hashlib.sha256(data).hexdigest()
    return Document(doc_id=doc_id, text=text, meta=fields, source=source, sha256=digest)


def read_documents(
    paths: Iterable[str | Path],
    *,
    pattern: str | None = "auto",
    encoding: str = "utf-8",
    meta: Mapping[str, str] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Read many documents, yielding an :class:`InputError` in place of each bad one.

    A batch never stops at a bad document: the caller decides what to report.

    Examples
    --------
    >>> [type(item).__name__ for item in read_documents(["no/such/file.txt"])]
    ['InputError']
    """
    for path in paths:
        try:
            yield read_document(path, pattern=pattern, encoding=encoding, meta=meta, stdin=stdin)
        except InputError as exc:
            yield exc
