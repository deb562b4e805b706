"""dateline's exceptions: coded, one-line, actionable messages.

A dropped article is not an exception: it is a ``StageSkip`` outcome on the Article.
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base class of every error dateline raises on purpose."""

    code = "D000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(DatelineError):
    """The input could not be read as an article (empty, binary, malformed)."""

    code = "D001"


class ConfigError(DatelineError):
    """A setting or environment variable is invalid (e.g. DATELINE_SPACY_MODEL)."""

    code = "D010"


class ModelError(DatelineError):
    """The spaCy pipeline could not be loaded."""

    code = "D011"


class KBError(DatelineError):
    """A knowledge-base file is missing or unusable."""

    code = "D020"


class StageError(DatelineError):
    """A pipeline stage broke its contract (wrong return type, missing requirement)."""

    code = "D030"


class StoreError(DatelineError):
    """The embedded database could not be opened or written."""

    code = "D040"


ERROR_CLASSES: tuple[type[DatelineError], ...] = (
    DatelineError, InputError, ConfigError, ModelError, KBError, StageError, StoreError,
)
