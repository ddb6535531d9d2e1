"""The command line, run in-process through ``main([...])``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from stance.cli import main

from .conftest import ROOT, SAMPLE

GOOD = (
    "We will defeat Daesh, and we call upon Washington to help.\n\n"
    "The Security Council met on Monday. We stand with Kyiv.\n"
)


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_score_jsonl_to_stdout(good, model):
    code, out, err = run("score", str(good))
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["target"] for r in rows] == ["ISIL", "US", "UN", "UKRAINE"]
    assert {r["doc_id"] for r in rows} == {"good"}


def test_score_csv_to_file_and_sentences_level(good, tmp_path, model):
    out_file = tmp_path / "out" / "scores.csv"
    code, out, _err = run("score", str(good), "--format", "csv", "--output", str(out_file))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert len(rows) == 4 and rows[0]["quoted"] == "false"
    code, out, _ = run("score", str(good), "--level", "sentences")
    assert code == 0
    assert len(out.splitlines()) == 3


def test_target_and_targets_options(good, tmp_path, model):
    code, out, _ = run("score", str(good), "--target", "COUNCIL=Security Council")
    targets = [json.loads(line)["target"] for line in out.splitlines()]
    assert code == 0 and targets == ["ISIL", "US", "COUNCIL", "UKRAINE"]  # --target wins
    code, out, _ = run("score", str(good), "--target", "MONDAY=Monday")
    assert code == 0 and '"target": "MONDAY"' in out
    registry = tmp_path / "t.toml"
    registry.write_text('[targets.KYIV]\nname = "Kyiv"\naliases = ["Kyiv"]\n')
    code, out, _ = run("score", str(good), "--targets", str(registry))
    assert code == 0 and {json.loads(line)["target"] for line in out.splitlines()} == {"KYIV"}


def test_speaker_and_metadata(tmp_path, model):
    path = tmp_path / "USA_68_2013.txt"
    path.write_text("We condemn Damascus.", encoding="utf-8")
    _, out, _ = run("score", str(path))
    row = json.loads(out.splitlines()[0])
    assert (row["holder"], row["iso3"], row["year"]) == ("USA", "USA", "2013")
    _code, out, _ = run("score", str(path), "--speaker", "Obama", "--meta-pattern", "none")
    row = json.loads(out.splitlines()[0])
    assert row["holder"] == "Obama" and "iso3" not in row


def test_bad_batch_scores_the_good_and_names_every_bad_input(good, tmp_path, model):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(os.urandom(4096) + b"\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("La délégation condamne Daesh.".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    out_file = tmp_path / "scores.jsonl"
    code, _out, err = run(
        "score", str(good), str(empty), str(junk), str(latin), str(missing), str(tmp_path),
        "--output", str(out_file),
    )  # fmt: skip
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 5
    for bad, phrase in [(empty, "empty"), (junk, "binary"), (latin, "not valid utf-8"),
                        (missing, "does not exist"), (tmp_path, "is a directory")]:  # fmt: skip
        assert any(str(bad) + ":" in line and phrase in line.lower() for line in lines), phrase
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert {r["doc_id"] for r in rows} == {"good"}


def test_nothing_readable_writes_nothing(tmp_path):
    out_file = tmp_path / "scores.jsonl"
    code, _, err = run("score", str(tmp_path / "nope.txt"), "--output", str(out_file))
    assert code == 1 and not out_file.exists()
    assert "nothing was written" in err


def test_bad_targets_file_is_one_line(good, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[targets.X\n")
    for path in (bad, tmp_path / "none.toml"):
        code, out, err = run("score", str(good), "--targets", str(path))
        assert code == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and str(path) in err


def test_bad_target_spec(good):
    code, _, err = run("score", str(good), "--target", "nonsense")
    assert code == 1 and "ID=alias" in err


def test_usage_error_exits_2(capsys):
    assert main(["score"]) == 2
    assert main(["frobnicate"]) == 2


def test_report_on_the_bundled_sample(tmp_path, model):
    code, _out, err = run("report", "--out", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "report.html").is_file()
    assert "sample_speech" in (tmp_path / "report.html").read_text(encoding="utf-8")
    code, _, _ = run("report", str(SAMPLE), "--out", str(tmp_path / "b"), "--title", "Norlandia")
    assert code == 0
    assert "Norlandia" in (tmp_path / "b" / "report.html").read_text(encoding="utf-8")


def test_train_then_score_with_the_model(tmp_path, good):
    data = tmp_path / "mini.jsonl"
    rows = []
    for i, (text, target, label) in enumerate(
        [("We support Kyiv.", "UKRAINE", "FAVOR"), ("We condemn Daesh.", "ISIL", "AGAINST"),
         ("Kyiv hosted talks.", "UKRAINE", "NONE"), ("Washington helps us.", "US", "FAVOR"),
         ("Washington lied again.", "US", "AGAINST"), ("Washington is far.", "US", "NONE")] * 3
    ):  # fmt: skip
        rows.append({"id": str(i), "doc_id": f"d{i % 6}", "text": text, "target": target,
                     "stance": label})  # fmt: skip
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    model_path = tmp_path / "m.joblib"
    code, out, err = run("train", "--data", f"jsonl:{data}", "--out", str(model_path), "--cv", "3")
    assert code == 0, err
    assert "F_avg" in out
    sidecar = json.loads(model_path.with_suffix(".json").read_text())
    assert sidecar["cv"]["folds"] == 3 and sidecar["data_sha256"]
    code, out, err = run("score", str(good), "--model", str(model_path))
    assert code == 0, err
    assert len(out.splitlines()) == 4


def test_missing_model_is_one_line(good, tmp_path):
    code, _, err = run("score", str(good), "--model", str(tmp_path / "none.joblib"))
    assert code == 1 and "model file not found" in err


def test_python_dash_m_and_stdin(model_cache):
    result = subprocess.run(
        [sys.executable, "-m", "stance", "score", "-", "--level", "sentences"],
        input=b"We thank the Secretary-General.",
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "STANCE_CACHE_DIR": str(model_cache)},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout.decode())["doc_id"] == "stdin"


def test_report_options_compare_and_learned_topics(tmp_path, model):
    paths = []
    for iso, text in (
        ("AAA", "We condemn Daesh. The Organization helped us on climate."),
        ("BBB", "Daesh must fall. We thank the Organization for its climate work."),
    ):
        path = tmp_path / f"{iso}_70_2015.txt"
        path.write_text(text * 3, encoding="utf-8")
        paths.append(str(path))  # fmt: skip
    out_dir = tmp_path / "rep"
    code, _, err = run(
        "report", *paths, "--out", str(out_dir), "--by", "iso3", "--compare", "ISIL,UN",
        "--learn-topics", "2", "--top", "5", "--seed", "3",
    )  # fmt: skip
    assert code == 0, err
    assert (out_dir / "comparison.svg").is_file()
    run_record = json.loads((out_dir / "run.json").read_text())
    assert run_record["settings"]["compare_targets"] == ["ISIL", "UN"]
    assert run_record["settings"]["seed"] == 3
    assert len(run_record["settings"]["topic_keywords"]) == 2
    assert [i["path"] for i in run_record["inputs"]] == paths
    assert all(len(i["sha256"]) == 64 for i in run_record["inputs"])


def test_learning_topics_from_too_little_text_is_one_line(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text("Hello.", encoding="utf-8")
    code, _, err = run("report", str(path), "--out", str(tmp_path / "r"), "--learn-topics", "5")
    assert code == 1 and "too little text" in err and "Traceback" not in err


def test_unwritable_output_is_one_line(good, tmp_path, model):
    code, _, err = run("score", str(good), "--output", str(tmp_path))
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run("report", str(good), "--out", str(blocker / "sub"))
    assert code == 1 and "check that the path is writable" in err
