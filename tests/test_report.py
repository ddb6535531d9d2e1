from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from stance.io import document_from_text, read_document
from stance.report import (
    plot_sentiment_arcs,
    plot_stance_counts,
    sentiment_arcs,
    stance_counts,
    write_report,
)
from stance.scoring import score_documents

from .conftest import SAMPLE

HOSTILE = (
    "<script>alert('x')</script> We condemn Daesh <b>and</b> its crimes.\n\n"
    "The <img src=x onerror=alert(1)> Security Council must act on terrorism."
)


@pytest.fixture(scope="module")
def table(model):
    return score_documents([read_document(SAMPLE)], model=model)


def test_statistics_are_plain_data(table):
    arcs = sentiment_arcs(table.sentences, window=3)
    assert arcs and all(len(a.positions) == len(a.smoothed) for a in arcs)
    assert all(0 <= x <= 100 for a in arcs for x in a.positions)
    counts = stance_counts(table.mentions)
    assert sum(c.total for c in counts) <= len(table.mentions)
    assert counts[0].total >= counts[-1].total


def test_plots_draw_on_the_given_axes(table):
    figure = Figure()
    ax = figure.add_subplot()
    assert plot_sentiment_arcs(sentiment_arcs(table.sentences), ax) is ax
    assert ax.get_legend() is not None
    ax2 = Figure().add_subplot()
    assert plot_stance_counts(stance_counts(table.mentions), ax2) is ax2
    assert len(ax2.patches) > 0


def test_report_files_are_byte_identical_on_a_second_run(table, tmp_path):
    first = write_report(table, tmp_path / "one")
    second = write_report(table, tmp_path / "two")
    assert set(first) == {
        "report.html", "sentiment_by_topic.png", "sentiment_by_topic.svg",
        "stance_by_target.png", "stance_by_target.svg", "stance.csv", "sentences.csv",
    }  # fmt: skip
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes(), name


def test_hostile_text_is_escaped(model, tmp_path):
    table = score_documents([document_from_text(HOSTILE, doc_id="<hostile>")], model=model)
    written = write_report(table, tmp_path)
    html = written["report.html"].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;hostile&gt;" in html


def test_empty_table_still_reports(model, tmp_path):
    table = score_documents([document_from_text("Nothing here at all.", doc_id="e")], model=model)
    written = write_report(table, tmp_path)
    assert written["report.html"].is_file()
