"""Built-in stages, listed once, in run order. Third parties add stages through plugins."""

from __future__ import annotations

from dateline.pipeline import StageSpec
from dateline.stages import (
    actors,
    amounts,
    entities,
    events,
    nlp,
    places,
    quotes,
    themes,
    times,
    tone,
)

DEFAULT_STAGES: tuple[StageSpec, ...] = (
    nlp.STAGE,
    times.STAGE,
    entities.STAGE,
    places.STAGE,
    actors.STAGE,
    quotes.STAGE,
    amounts.STAGE,
    tone.STAGE,
    themes.STAGE,
    events.STAGE,
)

__all__ = ["DEFAULT_STAGES"]
