"""The bundled corpus: valid, as large and as hard as promised, and its datasheet up to date."""

from __future__ import annotations

import io
import json
import re

import pytest

from stance.checks import check_corpus, corpus_statistics, read_rows, statistics_markdown
from stance.cli import main
from stance.corpora import default_corpus_files

from .conftest import ROOT, SHARED

DATASHEET = ROOT / "corpora" / "README.md"
DEV = ROOT / "corpora" / "dev" / "unga_dev.jsonl"


@pytest.fixture(scope="module")
def rows():
    found, problems = read_rows(default_corpus_files())
    assert not problems
    return [row for _, _, row in found]


def test_corpus_check_command_passes():
    out, err = io.StringIO(), io.StringIO()
    assert main(["corpus", "check"], stdout=out, stderr=err) == 0, out.getvalue()[-2000:]
    assert "0 error(s)" in err.getvalue()


def test_check_reports_problems_with_line_numbers(tmp_path):
    path = tmp_path / "bad.jsonl"
    lines = [
        {"id": "1", "doc_id": "d", "text": "We back Kyiv.", "target": "UKRAINE", "stance": "FAVOR"},
        {"id": "1", "doc_id": "d", "text": "We back Kyiv.", "target": "UKRAINE", "stance": "FAVOR"},
        {"id": "2", "doc_id": "d", "text": "Nothing here.", "target": "US", "stance": "NONE"},
        {"id": "3", "doc_id": "d", "text": "Hi.", "target": "MARS", "stance": "NONE"},
        {
            "id": "4",
            "doc_id": "d",
            "text": "Daesh and NATO.",
            "target": "ISIL",
            "stance": "against",
        },
        {
            "id": "5",
            "doc_id": "d",
            "text": "Moscow said no.",
            "target": "RUSSIA",
            "stance": "NONE",
            "holder_country": "Russia",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines) + "{broken\n")
    messages = [str(p) for p in check_corpus([path])]
    expected = [
        (2, "duplicate id"),
        (2, "labelled twice"),
        (3, "not named in the text"),
        (4, "unknown target"),
        (5, "stance must be one of"),
        (6, "holder_country must be a state code"),
        (7, "not valid JSON"),
        (5, "also names NATO"),
    ]
    for line, phrase in expected:
        assert any(m.startswith(f"{path}:{line}:") and phrase in m for m in messages), phrase


def test_near_duplicates_are_found(tmp_path):
    path = tmp_path / "dup.jsonl"
    base = "the quick brown fox jumps over the lazy dog near Kyiv"
    lines = [
        {"id": "1", "doc_id": "a", "text": f"Today {base}.", "target": "UKRAINE", "stance": "NONE"},
        {
            "id": "2",
            "doc_id": "b",
            "text": f"Yesterday {base}.",
            "target": "UKRAINE",
            "stance": "NONE",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    problems = check_corpus([path])
    assert sum("shares a run of 8 words" in p.message for p in problems) == 2
    assert any(p.level == "error" and "at most 2%" in p.message for p in problems)


def test_corpus_is_as_large_and_as_hard_as_promised(rows):
    stats = corpus_statistics(rows)
    assert stats["records"] >= 4000
    assert stats["documents"] >= 200
    assert stats["targets"] >= 20
    assert set(stats["by_genre"]) == {"un_address", "parliament", "news", "press_conference"}
    assert min(stats["by_label"].values()) / stats["records"] >= 0.20
    assert stats["share_stance_not_sentiment"] >= 0.30
    assert stats["share_sentences_mixed_stances"] >= 0.15
    assert stats["share_reported_or_quoted"] >= 0.20


def test_datasheet_statistics_match_the_files(rows):
    text = DATASHEET.read_text(encoding="utf-8")
    block = re.search(r"<!-- stats:begin -->\n(.*?)<!-- stats:end -->", text, re.S)
    assert block, "the datasheet lost its statistics block"
    assert block.group(1) == statistics_markdown(corpus_statistics(rows)), (
        "regenerate it with `stance corpus stats`"
    )


def test_dev_set_is_by_reference_and_avoids_2015():
    dev = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert len(dev) >= 300
    for row in dev:
        assert "text" not in row
        assert "Session 70" not in row["path"] and "_70_2015" not in row["path"]
        assert row["stance"] in {"FAVOR", "AGAINST", "NONE"}
        assert row["start"] <= row["alias_start"] < row["alias_end"] <= row["end"]


def test_dev_offsets_point_into_the_speeches(unga_dir):
    dev = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    texts = {}
    for row in dev:
        path = SHARED / "data" / "unga" / row["path"]
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8-sig")
        assert texts[path][row["alias_start"] : row["alias_end"]] == row["alias"]
