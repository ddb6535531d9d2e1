from __future__ import annotations

import csv
import json

import pytest
from matplotlib.figure import Figure

from stance.charts import (
    plot_comparison,
    plot_heatmap,
    plot_sentiment_arcs,
    plot_target_summaries,
    plot_trajectory,
)
from stance.io import document_from_text, read_document
from stance.report import write_report
from stance.scoring import score_documents
from stance.summaries import (
    compare_groups,
    net_interval,
    positions,
    section_heatmap,
    sentiment_arcs,
    target_summaries,
    trajectory,
)
from stance.topics import OTHER, learn_topics

from .conftest import SAMPLE

HOSTILE = (
    "<script>alert('x')</script> We condemn Daesh <b>and</b> its crimes.\n\n"
    "The <img src=x onerror=alert(1)> Security Council must act on terrorism. "
    '"</mark><script>alert(2)</script>" said the Security Council.'
)


@pytest.fixture(scope="module")
def table(model):
    return score_documents([read_document(SAMPLE)], model=model)


@pytest.fixture(scope="module")
def multi(model):
    docs = [
        document_from_text("We condemn Daesh. We thank the Secretary-General.", doc_id="A",
                           meta={"iso3": "AAA"}),
        document_from_text("Daesh must be defeated. The Organization failed us.", doc_id="B",
                           meta={"iso3": "BBB"}),
    ]  # fmt: skip
    return score_documents(docs, model=model)


def test_statistics_are_plain_data(table):
    where = positions(table.sentences)
    assert min(where.values()) == 0.0 and max(where.values()) == 100.0
    arcs = sentiment_arcs(table.sentences, window=3)
    assert arcs and all(len(a.positions) == len(a.smoothed) for a in arcs)
    summaries = target_summaries(table.mentions, positions=where, seed=1)
    assert summaries[0].n >= summaries[-1].n
    for s in summaries:
        assert s.favor + s.against + s.none == s.n
        assert -1 <= s.net_low <= s.net <= s.net_high <= 1
        assert 0 <= s.first <= s.last <= 100
    assert target_summaries(table.mentions, positions=where, seed=1) == summaries
    points = trajectory(table.mentions, positions=where)
    assert all(0.33 <= p.confidence <= 1 for p in points)
    heatmap = section_heatmap(table.mentions, positions=where, sections=5)
    assert heatmap.net.shape == (len(heatmap.targets), 5)
    assert heatmap.counts.sum() == sum(r["target"] in heatmap.targets for r in table.mentions)


def test_net_interval_is_seeded_and_bounded():
    stances = ["FAVOR"] * 6 + ["AGAINST"] * 3 + ["NONE"]
    assert net_interval(stances, seed=3) == net_interval(stances, seed=3)
    net, low, high = net_interval(stances)
    assert net == pytest.approx(0.3) and low < net < high


def test_comparison_by_metadata(multi):
    rows = compare_groups(multi.mentions, by="iso3", targets=["ISIL", "UN"])
    assert {(r.group, r.target) for r in rows} == {
        ("AAA", "ISIL"), ("BBB", "ISIL"), ("AAA", "UN"), ("BBB", "UN"),
    }  # fmt: skip


def test_plots_draw_on_the_given_axes(table, multi):
    where = positions(table.sentences)
    for draw in (
        lambda ax: plot_sentiment_arcs(sentiment_arcs(table.sentences), ax),
        lambda ax: plot_target_summaries(target_summaries(table.mentions, positions=where), ax),
        lambda ax: plot_trajectory(trajectory(table.mentions, positions=where), ["UN"], ax),
        lambda ax: plot_heatmap(section_heatmap(table.mentions, positions=where), ax),
        lambda ax: plot_comparison(compare_groups(multi.mentions, by="iso3", targets=["ISIL"]), ax,
                                   by="iso3"),
    ):  # fmt: skip
        ax = Figure().add_subplot()
        assert draw(ax) is ax
        assert ax.get_title()


def test_report_files_are_byte_identical_on_a_second_run(table, tmp_path):
    first = write_report(table, tmp_path / "one", inputs=[{"path": "x", "sha256": "0"}])
    second = write_report(table, tmp_path / "two", inputs=[{"path": "x", "sha256": "0"}])
    charts = ["sentiment_by_topic", "stance_by_target", "stance_trajectory", "target_by_section"]
    expected = {f"{c}.{s}" for c in charts for s in ("png", "svg")}
    expected |= {"report.html", "stance.csv", "sentences.csv", "summary_by_target.csv", "run.json"}
    assert set(first) == expected
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes(), name


def test_tables_and_run_record(table, tmp_path):
    written = write_report(table, tmp_path, seed=7, inputs=[{"path": "s.txt", "sha256": "ab"}])
    rows = list(csv.DictReader(written["summary_by_target.csv"].open(encoding="utf-8")))
    assert rows and set(rows[0]) >= {
        "target",
        "net_stance",
        "net_low",
        "net_high",
        "first_position",
    }
    assert sum(int(r["mentions"]) for r in rows) == len(table.mentions)
    run = json.loads(written["run.json"].read_text())
    assert run["inputs"] == [{"path": "s.txt", "sha256": "ab"}]
    assert run["settings"]["seed"] == 7 and "scikit-learn" in run["versions"]


def test_comparison_chart_for_several_documents(multi, tmp_path):
    written = write_report(multi, tmp_path)
    assert "comparison.svg" in written
    assert "by iso3" in written["report.html"].read_text(encoding="utf-8")


def test_hostile_text_is_escaped(model, tmp_path):
    table = score_documents([document_from_text(HOSTILE, doc_id="<hostile>")], model=model)
    written = write_report(table, tmp_path, title="<b>t</b>")
    html = written["report.html"].read_text(encoding="utf-8")
    assert "<script>" not in html and "<img src=x" not in html and "<b>" not in html
    assert "&lt;hostile&gt;" in html and "&lt;script&gt;" in html


def test_empty_table_still_reports(model, tmp_path):
    table = score_documents([document_from_text("Nothing here at all.", doc_id="e")], model=model)
    assert write_report(table, tmp_path)["report.html"].is_file()


def test_learned_topics(table):
    texts = [r["text"] for r in table.sentences] * 2
    topics = learn_topics(texts, n_topics=3, seed=0)
    assert len(topics.names) == 3 and all(len(k) == 8 for k in topics.keywords)
    assert learn_topics(texts, n_topics=3, seed=0) == topics
    assert OTHER not in topics.names
