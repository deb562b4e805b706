"""dateline: an open news event-data engine (raw news in; coded events with evidence out)."""

from __future__ import annotations

import logging

from dateline.engine import Engine, extract
from dateline.errors import DatelineError
from dateline.model import Article, RawInput
from dateline.pipeline import Pipeline, StageSpec
from dateline.settings import Settings

__version__ = "0.1.0"
__all__ = [
    "Article", "DatelineError", "Engine", "Pipeline", "RawInput", "Settings", "StageSpec",
    "__version__", "extract",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
