"""The HTML report in a real browser: headless Chromium renders it without console errors.

Skipped where Chromium is absent; install it with `apt-get install chromium` (Debian) to run it.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from stance.io import document_from_text, read_document
from stance.report import write_report
from stance.scoring import score_documents

from .conftest import SAMPLE
from .test_report import HOSTILE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0", "--window-size=1200,4000",
]  # fmt: skip


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_report_renders_without_console_errors(model, tmp_path):
    docs = [
        read_document(SAMPLE),
        document_from_text(HOSTILE, doc_id="hostile", meta={"iso3": "HST"}),
    ]
    written = write_report(score_documents(docs, model=model), tmp_path / "report", by="iso3")
    screenshot = tmp_path / "report.png"
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={screenshot}", written["report.html"].as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    assert screenshot.is_file() and screenshot.stat().st_size > 20_000
