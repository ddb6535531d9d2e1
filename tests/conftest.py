"""Shared fixtures. Tests that need ``../shared`` skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_9759a35f850d98d6.txt"
UNGA = SHARED / "data" / "unga" / "speeches"
SAMPLE = ROOT / "corpora" / "samples" / "sample_speech.txt"


@pytest.fixture(scope="session")
def model(model_cache: Path):
    from stance.model import default_model

    return default_model()


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seed is not here")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def unga_dir() -> Path:
    if not UNGA.is_dir():
        pytest.skip("../shared/data/unga is not here")
    return UNGA
