"""Test-session setup shared by the doctests in ``stance/`` and the tests in ``tests/``."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the default model once per test session, in a private cache."""
    path = tmp_path_factory.mktemp("stance-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANCE_CACHE_DIR", str(path))
        yield path
