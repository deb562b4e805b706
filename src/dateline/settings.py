"""One frozen settings object, read from defaults.toml plus overrides."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError

# The least probability at which the fallback event classifier's root is reported. A name of
# its own because extract_events() defaults to it too; defaults.toml, the file users read and
# override, carries the same value (tests/test_settings.py checks the two agree).
EVENT_MODEL_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds and choices for a run; travels with the pipeline, never changed per item."""

    spacy_model: str = "md"
    batch_size: int = 32
    max_bytes: int = 2_000_000
    min_english_ratio: float = 0.12
    min_words_for_language: int = 25
    # The fallback event classifier for actor pairs no rule links, and its threshold.
    event_model: bool = True
    event_model_threshold: float = EVENT_MODEL_THRESHOLD
    # Users' own actor dictionaries (dateline TSV, PETRARCH/TABARI actor or agent files).
    actor_dictionaries: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults from the packaged defaults.toml, then ``path``, then ``overrides``.

        Args:
            path: an optional TOML file with some of the same keys.
            overrides: keyword values that win over both files.

        Returns:
            The settings; ``DATELINE_SPACY_MODEL`` overrides ``spacy_model``.

        Raises:
            ConfigError: on an unknown key or a value of the wrong type.
        """
        data: dict[str, Any] = tomllib.loads(
            resources.files("dateline").joinpath("defaults.toml").read_text("utf-8")
        )
        if path is not None:
            try:
                data.update(tomllib.loads(Path(path).read_text("utf-8")))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        env_dicts = os.environ.get("DATELINE_DICTIONARIES")
        if env_dicts:
            data["actor_dictionaries"] = [p for p in env_dicts.split(os.pathsep) if p]
        if isinstance(data.get("actor_dictionaries"), list):
            data["actor_dictionaries"] = tuple(str(p) for p in data["actor_dictionaries"])
        env_model = os.environ.get("DATELINE_SPACY_MODEL")
        if env_model:
            data["spacy_model"] = env_model
        data.update(overrides)
        names = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(names)}")
        for key, value in data.items():
            default = names[key].default
            if isinstance(value, bool) and not isinstance(default, bool):
                raise ConfigError(f"setting {key}={value!r} should be {type(default).__name__}")
            if isinstance(default, float) and isinstance(value, int):
                data[key] = float(value)
            elif not isinstance(value, type(default)):
                raise ConfigError(
                    f"setting {key}={value!r} should be {type(default).__name__}"
                )
        return cls(**data)
