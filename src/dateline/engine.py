"""Engine: THE Python API. The CLI and every other interface only call this."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from dateline.model import Article, RawInput
from dateline.pipeline import Context, Pipeline, StageSpec
from dateline.settings import Settings

logger = logging.getLogger(__name__)


class Engine:
    """Holds one pipeline (and so one loaded model) for many calls.

    Example:
        >>> engine = Engine()                                        # doctest: +SKIP
        >>> engine.extract("Kerry met Putin in Sochi.", date="2015-05-12").events  # doctest: +SKIP
    """

    def __init__(self, settings: Settings | None = None,
                 stages: Sequence[StageSpec] | None = None) -> None:
        self.settings = settings or Settings.load()
        self.pipeline = Pipeline(stages=stages, settings=self.settings,
                                 context=Context(self.settings))

    def extract(self, text: str, *, date: str | None = None, title: str | None = None,
                url: str | None = None, format: str = "auto", id: str | None = None) -> Article:
        """Process one article.

        Args:
            text: the article (plain text or HTML).
            date: publication date YYYY-MM-DD, when known.
            title: the title, when known (else taken from the first line or the HTML).
            url: where the article came from.
            format: "auto" (sniff HTML), "text" or "html".
            id: an id to keep; else a content hash.

        Returns:
            The Article; ``article.skip`` says why when it could not be processed.
        """
        raw = RawInput(text=text, title=title, date=date, url=url, format=format, id=id)
        return next(self.pipeline.run([raw]))

    def process(self, inputs: Iterable[RawInput]) -> Iterator[Article]:
        """Process many inputs in batches, in input order; one Article per input."""
        return self.pipeline.run(inputs)


_DEFAULT: Engine | None = None


def default_engine() -> Engine:
    """A process-wide engine for ``dateline.extract`` (model loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Engine()
    return _DEFAULT


def extract(text: str, date: str | None = None, title: str | None = None,
            url: str | None = None, format: str = "auto") -> Article:
    """Process one article with the default engine; see ``Engine.extract``."""
    return default_engine().extract(text, date=date, title=title, url=url, format=format)
