"""The only conftest: shared fixtures. Inputs are built by hand; the model loads once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load()


@pytest.fixture(scope="session")
def engine():  # type: ignore[no-untyped-def]
    """One Engine (spaCy model loaded once) for every slow test."""
    from dateline.engine import Engine

    return Engine()


@pytest.fixture(scope="session")
def kb():  # type: ignore[no-untyped-def]
    from dateline.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (evaluation data); tests that need it skip when it is absent."""
    if not SHARED.is_dir() or os.environ.get("DATELINE_NO_SHARED"):
        pytest.skip("../shared is absent: evaluation data is not available here")
    return SHARED
