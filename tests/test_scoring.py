from __future__ import annotations

import io
import json

import numpy as np
import pytest

from stance.io import document_from_text, read_document
from stance.model import StanceModel
from stance.scoring import (
    MENTION_FIELDS,
    SENTENCE_FIELDS,
    holder_of,
    score_documents,
    to_dataframe,
    write_table,
)

from .conftest import SAMPLE

TEXT = (
    "Daesh must be destroyed, and we will destroy it.\n\n"
    "“It is a grave mistake to refuse to cooperate with Damascus,” the minister said. "
    "We stand with Kyiv against Russian aggression. The weather was fine."
)


@pytest.fixture(scope="module")
def table(model):
    docs = [
        document_from_text(TEXT, doc_id="a", meta={"speaker": "Minister"}),
        read_document(SAMPLE),
    ]
    return score_documents(docs, model=model)


def test_mention_rows_follow_the_contract(table):
    rows = table.mentions
    assert rows, "the sample names many targets"
    for row in rows:
        assert tuple(row)[: len(MENTION_FIELDS)] == MENTION_FIELDS
        assert row["stance"] in {"FAVOR", "AGAINST", "NONE"}
        assert abs(row["p_favor"] + row["p_against"] + row["p_none"] - 1) < 1e-5
        assert -1 <= row["sentiment"] <= 1
        assert row["sentiment_label"] in {"positive", "neutral", "negative"}
        assert isinstance(row["quoted"], bool)
        assert row["start"] <= row["alias_start"] < row["alias_end"] <= row["end"]


def test_offsets_point_back_to_the_source(table):
    texts = {"a": TEXT, "sample_speech": SAMPLE.read_text(encoding="utf-8")}
    for row in table.mentions:
        source = texts[row["doc_id"]]
        assert source[row["start"] : row["end"]] == row["text"]
        assert source[row["alias_start"] : row["alias_end"]] == row["alias"]


def test_rows_are_in_document_order_one_per_sentence_and_target(table):
    keys = [(r["doc_id"], r["sentence_id"], r["target"]) for r in table.mentions]
    assert len(keys) == len(set(keys))
    order = {"a": 0, "sample_speech": 1}
    positions = [(order[d], s) for d, s, _ in keys]
    assert positions == sorted(positions)


def test_targets_and_holders_in_the_small_text(table):
    rows = [r for r in table.mentions if r["doc_id"] == "a"]
    assert [(r["sentence_id"], r["target"]) for r in rows] == [
        (0, "ISIL"), (1, "ASSAD"), (2, "UKRAINE"), (2, "RUSSIA"),
    ]  # fmt: skip
    assert {r["holder"] for r in rows} == {"Minister"}
    assert [r["quoted"] for r in rows] == [False, True, False, False]
    assert rows[0]["n_mentions"] == 1  # "it" is not a mention


def test_sentence_level_has_every_sentence(table):
    rows = [r for r in table.sentences if r["doc_id"] == "a"]
    assert len(rows) == 4
    assert tuple(rows[0])[: len(SENTENCE_FIELDS)] == SENTENCE_FIELDS
    assert rows[2]["targets"] == "UKRAINE;RUSSIA" and rows[2]["n_targets"] == 2
    assert rows[3]["targets"] == "" and rows[3]["topic"] == "other"


def test_deterministic(model, table):
    again = score_documents(
        [document_from_text(TEXT, doc_id="a", meta={"speaker": "Minister"}), read_document(SAMPLE)],
        model=model,
    )
    assert again.mentions == table.mentions and again.sentences == table.sentences


def test_metadata_columns_follow_the_contract(tmp_path, model):
    path = tmp_path / "RUS_68_2013.txt"
    path.write_text("We call on Washington to stop.", encoding="utf-8")
    table = score_documents([read_document(path)], model=model)
    assert table.columns("mentions")[-3:] == ("iso3", "session", "year")
    assert table.mentions[0]["holder"] == "RUS"
    assert holder_of(document_from_text("x")) == "SPEAKER"


def test_write_jsonl_and_csv(table, tmp_path):
    out = io.StringIO()
    write_table(table.mentions, table.columns("mentions"), out, "jsonl")
    first = json.loads(out.getvalue().splitlines()[0])
    assert list(first) == list(table.columns("mentions"))
    path = tmp_path / "t.csv"
    write_table(table.mentions, table.columns("mentions"), path, "csv")
    assert path.read_text().splitlines()[0].split(",")[:3] == ["doc_id", "sentence_id", "paragraph"]


def test_dataframe(table):
    pytest.importorskip("pandas")
    frame = to_dataframe(table.mentions, table.columns("mentions"))
    assert list(frame.columns) == list(table.columns("mentions"))
    assert len(frame) == len(table.mentions)


class _Spy:
    """A pipeline stand-in that records the items it is asked to score."""

    classes_ = np.array(["AGAINST", "FAVOR", "NONE"])

    def predict_proba(self, items):
        self.items = list(items)
        return np.full((len(items), 3), 1 / 3)


@pytest.mark.parametrize(
    ("name", "speaker", "own"),
    [
        ("RUS_70_2015.txt", None, {"RUSSIA": True, "US": False}),
        ("USA_70_2015.txt", None, {"RUSSIA": False, "US": True}),
        ("speech.txt", None, {"RUSSIA": False, "US": False}),
        ("speech.txt", "PUTIN", {"RUSSIA": True, "US": False}),
    ],
)
def test_the_model_is_told_which_targets_are_the_speakers_own(tmp_path, name, speaker, own):
    path = tmp_path / name
    path.write_text("Russia and the United States must talk.", encoding="utf-8")
    spy = _Spy()
    score_documents([read_document(path)], model=StanceModel(spy), speaker=speaker)
    assert {item.target: item.own for item in spy.items} == own


def test_a_report_attributes_sentences_to_the_target_speaking(tmp_path):
    text = (
        "The summit opened on Monday. “Russia has always kept its word,” Putin told reporters. "
        "Putin also lambasted Western policies in Libya."
    )
    spy = _Spy()
    table = score_documents([document_from_text(text, doc_id="r")], model=StanceModel(spy))
    assert [(r["sentence_id"], r["target"], r["holder"]) for r in table.mentions] == [
        (1, "RUSSIA", "PUTIN"), (1, "PUTIN", "PUTIN"), (2, "PUTIN", "PUTIN"), (2, "WEST", "PUTIN"),
    ]  # fmt: skip
    assert [item.own for item in spy.items] == [True, True, True, False]
    assert table.sentences[0]["holder"] == "SPEAKER"


def test_a_state_speaker_keeps_the_sentences_it_quotes(tmp_path):
    path = tmp_path / "ISR_66_2011.txt"
    path.write_text("As President Obama said here, Israel wants peace.", encoding="utf-8")
    spy = _Spy()
    table = score_documents([read_document(path)], model=StanceModel(spy))
    assert {r["holder"] for r in table.mentions} == {"ISR"}
    assert {item.target: item.own for item in spy.items} == {"OBAMA": False, "ISRAEL": True}
