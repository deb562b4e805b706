"""Settings (dateline.settings): defaults.toml, a TOML file, overrides and environment."""

from __future__ import annotations

import dataclasses
import os

import pytest

from dateline.errors import ConfigError
from dateline.settings import Settings

BUG_BOOL_INT = (
    "bug: Settings.load type check uses isinstance(value, int), and bool is an int, so "
    "batch_size=True is accepted as a batch size"
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """Each test starts without the two environment variables Settings reads."""
    monkeypatch.delenv("DATELINE_SPACY_MODEL", raising=False)
    monkeypatch.delenv("DATELINE_DICTIONARIES", raising=False)


def test_settings_defaults_load():
    s = Settings.load()
    assert s == Settings(
        spacy_model="md", batch_size=32, max_bytes=2_000_000, min_english_ratio=0.12,
        min_words_for_language=25, actor_dictionaries=(),
    )
    assert isinstance(s.actor_dictionaries, tuple)


def test_settings_defaults_toml_matches_the_dataclass_defaults():
    # defaults.toml is what users read; the dataclass defaults (and EVENT_MODEL_THRESHOLD,
    # which extract_events() defaults to) must say the same.
    from dateline.settings import EVENT_MODEL_THRESHOLD

    assert Settings.load() == Settings()
    assert Settings.load().event_model_threshold == EVENT_MODEL_THRESHOLD


def test_settings_overrides_win():
    s = Settings.load(batch_size=2, spacy_model="sm", min_english_ratio=0.3)
    assert (s.batch_size, s.spacy_model, s.min_english_ratio) == (2, "sm", 0.3)
    assert s.max_bytes == 2_000_000  # untouched keys keep their defaults


def test_settings_int_for_float_is_converted():
    s = Settings.load(min_english_ratio=1)
    assert s.min_english_ratio == 1.0
    assert isinstance(s.min_english_ratio, float)


def test_settings_is_frozen():
    s = Settings.load()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.batch_size = 1  # type: ignore[misc]


def test_settings_unknown_key_is_config_error():
    with pytest.raises(ConfigError) as info:
        Settings.load(batch_sise=4)
    msg = str(info.value)
    assert msg.startswith("[D010]")
    assert "batch_sise" in msg
    assert "batch_size" in msg  # the message lists the known keys


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("batch_size", "32"),
        ("max_bytes", 2.5),
        ("spacy_model", None),
        ("min_words_for_language", [25]),
        ("min_english_ratio", "0.2"),
        ("actor_dictionaries", "mine.tsv"),
        pytest.param("batch_size", True),
    ],
)
def test_settings_wrong_type_is_config_error(key, value):
    with pytest.raises(ConfigError) as info:
        Settings.load(**{key: value})
    assert str(info.value).startswith("[D010]")
    assert key in str(info.value)


def test_settings_file_then_overrides(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('batch_size = 8\nspacy_model = "sm"\n', "utf-8")
    s = Settings.load(path)
    assert (s.batch_size, s.spacy_model) == (8, "sm")
    assert Settings.load(path, batch_size=4).batch_size == 4


def test_settings_file_unknown_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("colour = 3\n", "utf-8")
    with pytest.raises(ConfigError, match=r"^\[D010\] unknown setting\(s\) colour"):
        Settings.load(path)


@pytest.mark.parametrize("content", [None, "batch_size = = 3\n"])
def test_settings_unreadable_file_is_config_error(tmp_path, content):
    path = tmp_path / "settings.toml"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(ConfigError) as info:
        Settings.load(path)
    assert str(info.value).startswith("[D010] cannot read settings file")


def test_settings_spacy_model_env_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_SPACY_MODEL", "en_core_web_lg")
    assert Settings.load().spacy_model == "en_core_web_lg"
    path = tmp_path / "mine.toml"
    path.write_text('spacy_model = "sm"\n', "utf-8")
    assert Settings.load(path).spacy_model == "en_core_web_lg"  # env beats the file


def test_settings_empty_spacy_model_env_is_ignored(monkeypatch):
    monkeypatch.setenv("DATELINE_SPACY_MODEL", "")
    assert Settings.load().spacy_model == "md"


def test_settings_dictionaries_env_is_a_tuple(monkeypatch):
    monkeypatch.setenv(
        "DATELINE_DICTIONARIES", os.pathsep.join(["/data/people.tsv", "", "/data/agents.txt"])
    )
    s = Settings.load()
    assert s.actor_dictionaries == ("/data/people.tsv", "/data/agents.txt")
    assert isinstance(s.actor_dictionaries, tuple)


def test_settings_dictionaries_from_file_are_a_tuple(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('actor_dictionaries = ["a.tsv", "b.txt"]\n', "utf-8")
    assert Settings.load(path).actor_dictionaries == ("a.tsv", "b.txt")
