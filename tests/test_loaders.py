"""Data loaders behind KIND:PATH specs, on small files in each format."""

from __future__ import annotations

import io
import json

import pytest

from stance.cli import main
from stance.corpora import load_spec
from stance.errors import DataError

SEMEVAL = (
    "ID\tTarget\tTweet\tStance\tOpinion towards\tSentiment\r\n"
    "1\tHillary Clinton\tHillary for president! #SemST\tFAVOR\tTARGET\tPOSITIVE\r\n"
    "2\tHillary Clinton\tNever Hillary. #SemST\tAGAINST\tTARGET\tNEGATIVE\r\n"
    "3\tAtheism\tCaf\xe9 talk about nothing #SemST\tNONE\tOTHER\tNEITHER\r\n"
)


def newsmtsc_line(gid, sentence, mention, polarity):
    start = sentence.index(mention)
    return json.dumps(
        {
            "primary_gid": gid,
            "sentence_normalized": sentence,
            "targets": [
                {
                    "Input.gid": gid,
                    "from": start,
                    "to": start + len(mention),
                    "mention": mention,
                    "polarity": polarity,
                }
            ],
        }
    )


@pytest.fixture
def files(tmp_path):
    semeval = tmp_path / "semeval" / "train.txt"
    semeval.parent.mkdir()
    semeval.write_bytes(SEMEVAL.encode("latin-1"))
    (semeval.parent / "readme.txt").write_text("not data")
    news = tmp_path / "news.jsonl"
    news.write_text(
        "\n".join(
            newsmtsc_line(f"src_{i}_a_0_X_0_1", s, m, p)
            for i, (s, m, p) in enumerate(
                [
                    ("Smith praised the plan warmly.", "Smith", 6.0),
                    ("Jones lied again, critics said.", "Jones", 2.0),
                    ("Brown spoke on Monday.", "Brown", 4.0),
                ]
                * 4
            )
        )
    )
    table = tmp_path / "data.csv"
    table.write_text("tweet,about,label\nWe love it,Plan,FAVOR\nWe hate it,Plan,AGAINST\n")
    return {"semeval": semeval, "news": news, "csv": table}


def test_semeval_file_and_folder(files):
    records = load_spec(f"semeval2016:{files['semeval']}")
    assert [(r.id, r.label) for r in records] == [("1", "FAVOR"), ("2", "AGAINST"), ("3", "NONE")]
    assert records[0].text == "Hillary for president!"
    assert records[2].text == "Café talk about nothing"
    assert load_spec(f"semeval2016:{files['semeval'].parent}") == records


def test_newsmtsc_offsets_and_polarity(files):
    records = load_spec(f"newsmtsc:{files['news']}")
    first = records[0]
    assert first.text[first.start : first.end] == "Smith" == first.target
    assert [r.label for r in records[:3]] == ["positive", "negative", "neutral"]
    assert first.id == "src_0_a_0_X_0_1" and first.doc_id == "src_0_a"


def test_csv_with_named_columns(files):
    records = load_spec(f"csv:{files['csv']}", text="tweet", target="about", label="label")
    assert [(r.text, r.target, r.label) for r in records] == [
        ("We love it", "Plan", "FAVOR"),
        ("We hate it", "Plan", "AGAINST"),
    ]
    with pytest.raises(DataError, match="no column"):
        load_spec(f"csv:{files['csv']}")


def test_csv_holder_columns(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "text,target,stance,holder,holder_country\nRussia acts.,RUSSIA,NONE,SPEAKER,RUS\n"
    )
    (record,) = load_spec(f"csv:{path}")
    assert (record.holder, record.holder_country) == ("SPEAKER", "RUS")


@pytest.mark.parametrize(
    ("spec", "phrase"),
    [("tweets:x.txt", "unknown data kind"), ("jsonl:/no/such.jsonl", "does not exist")],
)
def test_bad_specs(spec, phrase):
    with pytest.raises(DataError, match=phrase):
        load_spec(spec)


def test_train_and_evaluate_any_label_set(files, tmp_path):
    model = tmp_path / "news.joblib"
    out, err = io.StringIO(), io.StringIO()
    spec = f"newsmtsc:{files['news']}"
    code = main(["train", "--data", spec, "--out", str(model), "--cv", "2"], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    predictions = tmp_path / "pred.jsonl"
    out = io.StringIO()
    code = main(
        [
            "evaluate",
            "--model",
            str(model),
            "--data",
            spec,
            "--predictions",
            str(predictions),
            "--json",
        ],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    summary = json.loads(out.getvalue())
    assert summary["labels"] == ["negative", "neutral", "positive"] and "f_avg" not in summary
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert set(rows[0]) == {"id", "gold", "pred", "p_negative", "p_neutral", "p_positive"}
    out = io.StringIO()
    assert main(["evaluate", "--model", str(model), "--data", spec], stdout=out, stderr=err) == 0
    assert "macro-F1" in out.getvalue() and "confusion matrix" in out.getvalue()


def test_evaluate_refuses_foreign_labels(files, tmp_path):
    model = tmp_path / "news.joblib"
    main(["train", "--data", f"newsmtsc:{files['news']}", "--out", str(model), "--cv", "0"],
         stdout=io.StringIO())  # fmt: skip
    err = io.StringIO()
    code = main(
        ["evaluate", "--model", str(model), "--data", f"semeval2016:{files['semeval']}"],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 1 and "does not know" in err.getvalue()
