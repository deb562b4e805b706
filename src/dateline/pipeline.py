"""The pipeline: named stages with declared contracts, run over batches of articles.

Each stage is a pure function ``run(article, ctx) -> Article``; a stage that needs
batching (the spaCy boundary) also offers ``run_batch(articles, ctx)``. ``requires`` and
``assigns`` are checked when the pipeline is built, and return types when it runs. One bad
article becomes a ``StageSkip`` on that article; the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from dateline.errors import DatelineError, StageError
from dateline.model import Article, RawInput, StageSkip
from dateline.settings import Settings

logger = logging.getLogger(__name__)

StageFn = Callable[[Article, "Context"], Article]
BatchFn = Callable[[Sequence[Article], "Context"], list[Article]]

# What every article has before the first stage runs.
BASE_FIELDS = ("article.text", "article.title", "article.published", "article.removed")


@dataclass(frozen=True, slots=True)
class StageSpec:
    """A named stage and its contract."""

    name: str
    run: StageFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    run_batch: BatchFn | None = None


@dataclass(frozen=True)
class Context:
    """What stages may read besides the article: settings and shared, loaded-once resources."""

    settings: Settings
    resources: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, loader: Callable[[], Any]) -> Any:
        """A resource loaded once per context (the spaCy pipeline, the knowledge base)."""
        if name not in self.resources:
            self.resources[name] = loader()
        return self.resources[name]


def check_contracts(stages: Sequence[StageSpec]) -> None:
    """Raise StageError when a stage requires what no earlier stage assigns.

    Args:
        stages: the stages in run order.

    Raises:
        StageError: naming the stage and the missing field.
    """
    available = set(BASE_FIELDS)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise StageError(f"stage {stage.name!r} is listed twice; give each stage one name")
        seen.add(stage.name)
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise StageError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage "
                "assigns; reorder the stages or add the one that provides it"
            )
        available.update(stage.assigns)


class Pipeline:
    """Runs ingest plus an ordered tuple of stages over many inputs, in batches.

    Example:
        >>> pipe = Pipeline()                                  # doctest: +SKIP
        >>> for article in pipe.run([RawInput(text="...")]):   # doctest: +SKIP
        ...     print(article.to_json_line())
    """

    def __init__(
        self,
        stages: Sequence[StageSpec] | None = None,
        settings: Settings | None = None,
        context: Context | None = None,
    ) -> None:
        from dateline.stages import DEFAULT_STAGES

        self.stages: tuple[StageSpec, ...] = tuple(DEFAULT_STAGES if stages is None else stages)
        check_contracts(self.stages)
        self.settings = settings or (context.settings if context else Settings.load())
        self.context = context or Context(self.settings)
        # Seconds spent per stage ("ingest" included), for benchmarks and profiling.
        self.timings: dict[str, float] = {}

    def run(self, inputs: Iterable[RawInput]) -> Iterator[Article]:
        """Process inputs lazily, in input order; every input yields exactly one Article."""
        from dateline.stages.ingest import ingest

        it = iter(inputs)
        size = max(1, self.settings.batch_size)
        while True:
            chunk = list(islice(it, size))
            if not chunk:
                return
            t0 = time.perf_counter()
            batch = [ingest(raw, self.settings) for raw in chunk]
            self.timings["ingest"] = self.timings.get("ingest", 0.0) + time.perf_counter() - t0
            yield from self.run_articles(batch)

    def run_articles(self, batch: Sequence[Article]) -> list[Article]:
        """Run every stage over already-ingested articles (skipped ones pass through)."""
        articles = list(batch)
        for stage in self.stages:
            t0 = time.perf_counter()
            articles = self._run_stage(stage, articles)
            spent = time.perf_counter() - t0
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + spent
        return articles

    def _run_stage(self, stage: StageSpec, articles: list[Article]) -> list[Article]:
        live = [i for i, a in enumerate(articles) if a.skip is None]
        if stage.run_batch is not None and live:
            try:
                done = stage.run_batch([articles[i] for i in live], self.context)
            except DatelineError:
                raise
            except Exception:  # noqa: BLE001 - fall back to one at a time to isolate the culprit
                logger.warning("stage %s failed on a batch; retrying one by one", stage.name)
            else:
                if len(done) != len(live):
                    raise StageError(
                        f"stage {stage.name!r} returned {len(done)} articles for {len(live)}"
                    )
                for i, art in zip(live, done, strict=True):
                    articles[i] = _checked(stage, art)
                return articles
        for i in live:
            articles[i] = self._run_one(stage, articles[i])
        return articles

    def _run_one(self, stage: StageSpec, article: Article) -> Article:
        try:
            if stage.run_batch is not None:
                result = stage.run_batch([article], self.context)[0]
            else:
                result = stage.run(article, self.context)
        except DatelineError:
            raise
        except Exception as exc:  # noqa: BLE001 - one article must never stop the batch
            logger.warning("stage %s failed on article %s: %r", stage.name, article.id, exc)
            reason = f"internal error: {type(exc).__name__}: {exc}".splitlines()[0][:300]
            return replace(article, skip=StageSkip(stage.name, reason))
        return _checked(stage, result)


def _checked(stage: StageSpec, result: object) -> Article:
    if not isinstance(result, Article):
        raise StageError(
            f"stage {stage.name!r} returned {type(result).__name__}, not Article; "
            "a stage must return dataclasses.replace(article, ...)"
        )
    return result
