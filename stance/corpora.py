"""Annotated data: loading our corpus format and finding the bundled corpora.

Our corpus is JSONL, one record per (sentence, target) with ``id``, ``doc_id``, ``genre``,
``text`` (the sentence), ``context`` (the sentence before), ``target``, ``stance``, ``holder``,
``sentiment`` and ``topic`` (see ``corpora/README.md``).

Examples
--------
>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl"
>>> _ = path.write_text(json.dumps({"id": "a1", "doc_id": "a", "text": "Daesh must fall.",
...     "target": "ISIL", "stance": "AGAINST"}) + "\\n")
>>> [(r.id, r.label) for r in load_jsonl(path)]
[('a1', 'AGAINST')]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import DataError

__all__ = [
    "REQUIRED_FIELDS",
    "Record",
    "bundled_path",
    "data_hash",
    "default_corpus_files",
    "load_jsonl",
    "load_records",
]

#: Fields every corpus record must have.
REQUIRED_FIELDS = ("id", "doc_id", "text", "target", "stance")


@dataclass(frozen=True)
class Record:
    """One labelled (sentence, target) pair.

    ``start``/``end`` locate the target's words in ``text`` when the source gives them
    (``-1`` when it does not: the words are then found with the target registry).
    """

    id: str
    doc_id: str
    text: str
    target: str
    label: str
    context: str = ""
    genre: str = ""
    holder: str = ""
    sentiment: str = ""
    topic: str = ""
    start: int = -1
    end: int = -1


def bundled_path(name: str) -> Path:
    """A folder of the bundled ``corpora/`` (``stance`` or ``samples``).

    Installed packages carry it as package data (``stance/_corpora``); a source checkout
    reads ``corpora/`` at the repository root.
    """
    packaged = resources.files("stance") / "_corpora" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "corpora" / name


def default_corpus_files() -> list[Path]:
    """The JSONL files of the bundled stance corpus, sorted."""
    files = sorted(bundled_path("stance").glob("*.jsonl"))
    if not files:
        raise DataError(
            f"no corpus files in {bundled_path('stance')}; reinstall the package or pass --data"
        )
    return files


def load_jsonl(path: str | Path) -> list[Record]:
    """Read one corpus file.

    Raises
    ------
    DataError
        If the file is missing, or a line is not JSON or lacks a required field; the message
        names the line.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror}); check the path") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text; save the corpus as UTF-8 JSONL") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not valid JSON ({exc.msg}); fix the line") from None
        if not isinstance(row, dict):
            raise DataError(f"{path}:{number}: expected a JSON object per line")
        missing = [k for k in REQUIRED_FIELDS if not isinstance(row.get(k), str) or not row[k]]
        if missing:
            raise DataError(f"{path}:{number}: missing or empty field(s) {', '.join(missing)}")
        records.append(
            Record(
                id=row["id"],
                doc_id=row["doc_id"],
                text=row["text"],
                target=row["target"],
                label=row["stance"],
                context=str(row.get("context") or ""),
                genre=str(row.get("genre") or ""),
                holder=str(row.get("holder") or ""),
                sentiment=str(row.get("sentiment") or ""),
                topic=str(row.get("topic") or ""),
            )
        )
    return records


def load_records(paths: Iterable[str | Path]) -> list[Record]:
    """Read and concatenate several corpus files."""
    records: list[Record] = []
    for path in paths:
        records += load_jsonl(path)
    return records


def data_hash(paths: Sequence[str | Path]) -> str:
    """SHA-256 over the bytes of the given files, in order (the training data's identity)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
