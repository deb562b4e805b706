"""Built-in stages, listed once, in run order. Other stages: pass your own tuple to
``Pipeline(stages=...)`` (there is no plugin registry yet)."""

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
