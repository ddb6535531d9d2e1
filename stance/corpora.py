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

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from importlib import resources
from pathlib import Path

from .errors import DataError

__all__ = [
    "LOADERS",
    "NEWSMTSC_POLARITY",
    "REQUIRED_FIELDS",
    "Record",
    "bundled_path",
    "data_hash",
    "default_corpus_files",
    "load_csv",
    "load_jsonl",
    "load_newsmtsc",
    "load_records",
    "load_semeval2016",
    "load_spec",
    "records_hash",
]

#: Fields every corpus record must have.
REQUIRED_FIELDS = ("id", "doc_id", "text", "target", "stance")


@dataclass(frozen=True)
class Record:
    """One labelled (sentence, target) pair.

    ``start``/``end`` locate the target's words in ``text`` when the source gives them
    (``-1`` when it does not: the words are then found with the target registry).
    ``holder_country`` is the state the holder speaks for (``"RUS"``), empty when none or unknown.
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
    holder_country: str = ""


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
                holder_country=str(row.get("holder_country") or ""),
            )
        )
    return records


def _read_text(path: Path, encoding: str) -> str:
    try:
        return path.read_text(encoding=encoding)
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror}); check the path") from None
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not {encoding} text (byte 0x{exc.object[exc.start]:02x} at offset "
            f"{exc.start}); convert it"
        ) from None


def load_semeval2016(path: str | Path) -> list[Record]:
    """Read SemEval-2016 Task 6 files: a TSV file, or every ``*.txt`` TSV in a folder.

    The files are Latin-1 (two training tweets are not UTF-8); the organisers' ``#SemST`` tag is
    stripped. Each tweet is its own document.
    """
    source = Path(path)
    files = sorted(source.glob("*.txt")) if source.is_dir() else [source]
    records = []
    for file in files:
        lines = _read_text(file, "latin-1").splitlines()
        if not lines or not lines[0].startswith("ID\tTarget\tTweet\tStance"):
            if source.is_dir():
                continue  # a readme beside the data
            raise DataError(f"{file}: not a SemEval-2016 TSV (header ID, Target, Tweet, Stance)")
        for number, line in enumerate(lines[1:], 2):
            fields = line.split("\t")
            if len(fields) < 4:
                raise DataError(
                    f"{file}:{number}: expected tab-separated ID, Target, Tweet, Stance"
                )
            tweet = re.sub(r"\s*#SemST\b", "", fields[2]).strip()
            records.append(Record(fields[0], f"semeval-{fields[0]}", tweet, fields[1], fields[3]))
    if not records:
        raise DataError(f"{path}: no SemEval-2016 rows found; pass a TSV file or its folder")
    return records


#: NewsMTSC polarity codes.
NEWSMTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def load_newsmtsc(path: str | Path) -> list[Record]:
    """Read NewsMTSC JSONL: one record per target mention, with its character offsets.

    The target is the mention's words (a free string such as "Hillary Clinton"); the document
    is the news article, taken from the ``primary_gid``.
    """
    source = Path(path)
    records = []
    for number, line in enumerate(_read_text(source, "utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["sentence_normalized"]
            article = "_".join(row["primary_gid"].split("_")[:3])
            for target in row["targets"]:
                records.append(
                    Record(
                        id=target["Input.gid"],
                        doc_id=article,
                        text=text,
                        target=target["mention"],
                        label=NEWSMTSC_POLARITY[float(target["polarity"])],
                        start=int(target["from"]),
                        end=int(target["to"]),
                    )
                )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise DataError(
                f"{source}:{number}: not a NewsMTSC line ({type(exc).__name__}: {exc})"
            ) from None
    return records


def load_csv(
    path: str | Path,
    *,
    text: str = "text",
    target: str = "target",
    label: str = "stance",
    id: str = "id",
    doc: str = "doc_id",
) -> list[Record]:
    """Read a CSV file with a header; the column names are parameters.

    Optional ``holder`` and ``holder_country`` columns are read as in the JSONL schema.
    """
    source = Path(path)
    reader = csv.DictReader(io.StringIO(_read_text(source, "utf-8-sig")))
    missing = [c for c in (text, target, label) if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(
            f"{source}: no column(s) {', '.join(missing)}; name them with --text-column, "
            "--target-column, --label-column"
        )
    records = []
    for number, row in enumerate(reader, 2):
        identifier = row.get(id) or f"{source.stem}-{number}"
        records.append(
            Record(
                identifier,
                row.get(doc) or identifier,
                row[text],
                row[target],
                row[label],
                holder=row.get("holder") or "",
                holder_country=row.get("holder_country") or "",
            )
        )
    return records


#: Loaders by the KIND of a ``KIND:PATH`` data spec.
LOADERS = {
    "jsonl": lambda path, **_: load_jsonl(path),
    "csv": load_csv,
    "semeval2016": lambda path, **_: load_semeval2016(path),
    "newsmtsc": lambda path, **_: load_newsmtsc(path),
}


def load_spec(spec: str, **csv_columns: str) -> list[Record]:
    """Load data named by a ``KIND:PATH`` spec (a bare path is ``jsonl:``).

    Examples
    --------
    >>> load_spec("tweets:data.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    stance.errors.DataError: tweets:data.txt: unknown data kind 'tweets'; use one of jsonl, ...
    """
    kind, sep, path = spec.partition(":")
    if not sep or len(kind) < 2:  # a bare path (or a Windows drive letter)
        kind, path = "jsonl", spec
    if kind not in LOADERS:
        raise DataError(f"{spec}: unknown data kind {kind!r}; use one of {', '.join(LOADERS)}")
    if not Path(path).exists():
        raise DataError(f"{spec}: {path} does not exist; check the path")
    return LOADERS[kind](path, **csv_columns)


def load_records(paths: Iterable[str | Path]) -> list[Record]:
    """Read and concatenate several corpus files."""
    records: list[Record] = []
    for path in paths:
        records += load_jsonl(path)
    return records


def records_hash(records: Sequence[Record]) -> str:
    """SHA-256 of the records' content, in order (the identity of loaded training data)."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(json.dumps(astuple(record), ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def data_hash(paths: Sequence[str | Path]) -> str:
    """SHA-256 over the bytes of the given files, in order (the training data's identity)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
