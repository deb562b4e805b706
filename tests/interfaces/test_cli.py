"""The command line (dateline.interfaces.cli) against the public contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.interfaces import cli as cli_module
from dateline.interfaces.cli import cli

CONTRACT_KEYS = {
    "schema_version", "id", "title", "url", "outlet", "published", "text", "removed",
    "sentences", "entities", "places", "times", "quotes", "events", "amounts", "tone", "themes",
}

ARTICLE = """Foreign ministers hold talks in Geneva

GENEVA, Jan 21 (Atlas News) - The foreign ministers of Norway and Chile met in Geneva on
Friday to discuss a new fisheries agreement, officials from both countries said.

"We made real progress today," Norwegian Foreign Minister Kari Holm told reporters after
the meeting. She said a draft text would be ready within two months.

Chilean Foreign Minister Diego Rojas said the two governments would meet again in Santiago
in March.

Reporting by Jane Smith; Editing by Mark Dunn
"""
ARTICLE_BODY_START = "The foreign ministers of Norway and Chile met in Geneva on Friday"

SPANISH = (
    "El presidente del gobierno anunció el martes que las negociaciones con los sindicatos "
    "continuarán durante la próxima semana en la capital, según informaron fuentes oficiales "
    "a los periodistas reunidos frente al palacio."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shared_engine(engine: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The CLI builds its Engine through _engine(); reuse the session one (model loads once)."""
    monkeypatch.setattr(cli_module, "_engine", lambda: engine)
    return engine


def _spans(art: dict[str, Any]) -> list[tuple[str, list[int], str | None]]:
    """Every [start, end) the article reports, with the text it claims (when it claims one)."""
    out: list[tuple[str, list[int], str | None]] = []
    out += [("sentence", s["span"], None) for s in art["sentences"]]
    for e in art["entities"]:
        out += [("entity", m, None) for m in e["mentions"]]
    for p in art["places"]:
        out += [("place", m, None) for m in p["mentions"]]
    out += [("time", t["span"], t["text"]) for t in art["times"]]
    out += [("quote", q["span"], None) for q in art["quotes"]]
    out += [("amount", a["span"], a["text"]) for a in art["amounts"]]
    for ev in art["events"]:
        out.append(("trigger", ev["trigger"]["span"], ev["trigger"]["text"]))
        for side in ("source", "target"):
            if ev[side] is not None:
                out.append((side, ev[side]["span"], ev[side]["text"]))
    return out


def _check_offsets(art: dict[str, Any]) -> None:
    text = art["text"]
    for what, (s, e), claimed in _spans(art):
        assert 0 <= s < e <= len(text), (what, s, e)
        if claimed is not None:
            assert text[s:e] == claimed, (what, text[s:e], claimed)
    for s, e in (x["span"] for x in art["sentences"]):
        assert text[s:e] == text[s:e].strip()


# --------------------------------------------------------------------------- usage errors (fast)


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "no-such-file.txt"],
        ["extract", "no-such-file.txt", "--json"],
        ["extract", "--jsonl", "no-such-file.jsonl"],
        ["extract", "-", "--date", "21/01/2022"],
        ["extract", "-", "--date", "2022-1-21"],
        ["extract", "--jsonl", "-", "--date", "2022-01-21"],
        ["extract", "-", "--format", "pdf"],
        ["extract"],
        ["nonsense-command"],
    ],
)
def test_cli_usage_error_exits_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args, input="")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_cli_usage_error_message_names_the_problem(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "no-such-file.txt"])
    assert "no such file: no-such-file.txt" in result.stderr
    result = runner.invoke(cli, ["extract", "-", "--date", "21/01/2022"], input="x")
    assert "use YYYY-MM-DD" in result.stderr


def test_cli_version(runner: CliRunner) -> None:
    from importlib.metadata import version

    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert version("dateline") in result.stdout


# --------------------------------------------------------------------------- extract (slow)


@pytest.mark.slow
def test_cli_extract_json_contract(runner: CliRunner, shared_engine: Any, tmp_path: Path
                                   ) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--json", "--date", "2022-01-21",
                                 "--url", "https://news.example.com/geneva-talks"])
    assert result.exit_code == 0, result.output
    art = json.loads(result.stdout)
    assert CONTRACT_KEYS <= set(art)
    assert art["schema_version"] == 1
    assert art["title"] == "Foreign ministers hold talks in Geneva"
    assert art["url"] == "https://news.example.com/geneva-talks"
    assert art["outlet"] == "Atlas News"
    assert art["published"] == {"date": "2022-01-21", "source": "given"}
    assert len(art["id"]) == 16
    assert art["text"].startswith(ARTICLE_BODY_START)
    assert art["text"].endswith("in March.")
    assert "Reporting by" not in art["text"] and "GENEVA" not in art["text"]
    assert art["removed"] == [
        {"text": "Reporting by Jane Smith; Editing by Mark Dunn", "kind": "byline"},
        {"text": "GENEVA, Jan 21 (Atlas News) -", "kind": "dateline"},
    ]
    assert len(art["sentences"]) == 4
    s, e = art["sentences"][0]["span"]
    assert art["text"][s:e] == (
        "The foreign ministers of Norway and Chile met in Geneva on Friday to discuss a new "
        "fisheries agreement, officials from both countries said."
    )
    _check_offsets(art)
    names = {e["name"] for e in art["entities"]}
    assert {"Kari Holm", "Diego Rojas"} <= names
    assert set(art["tone"]) == {"tone", "positive", "negative", "polarity", "activity",
                                "self_group", "words"}
    assert isinstance(art["themes"], list)


@pytest.mark.slow
def test_cli_extract_stdin_title_option(runner: CliRunner, shared_engine: Any) -> None:
    result = runner.invoke(cli, ["extract", "-", "--json", "--title", "Given title"],
                           input=ARTICLE)
    assert result.exit_code == 0, result.output
    art = json.loads(result.stdout)
    assert art["title"] == "Given title"
    assert art["text"].startswith(ARTICLE_BODY_START)
    assert art["published"]["source"] in ("inferred", "none")


@pytest.mark.slow
def test_cli_extract_human_report(runner: CliRunner, shared_engine: Any, tmp_path: Path
                                  ) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--date", "2022-01-21"])
    assert result.exit_code == 0, result.output
    assert "Foreign ministers hold talks in Geneva" in result.stdout
    assert "2022-01-21 (given)" in result.stdout
    assert "Atlas News" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


@pytest.mark.slow
def test_cli_extract_skipped_article_exits_1(runner: CliRunner, shared_engine: Any,
                                             tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("   \n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "dateline: skipped: empty input: no text to process" in result.stderr


@pytest.mark.slow
def test_cli_extract_jsonl_mixed_batch(runner: CliRunner, shared_engine: Any, tmp_path: Path
                                       ) -> None:
    lines = [
        json.dumps({"id": "good", "text": ARTICLE, "date": "2022-01-21"}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "es", "text": SPANISH}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", "--jsonl", str(path)])
    assert result.exit_code == 1, result.output
    out = result.stdout.split("\n")
    assert out[-1] == ""
    records = [json.loads(line) for line in out[:-1]]
    # the broken record's id is still readable, so its error line keeps it
    assert [r["id"] for r in records] == ["good", "broken", "empty", "es"]
    good, broken, empty, es = records
    assert CONTRACT_KEYS <= set(good)
    assert good["published"] == {"date": "2022-01-21", "source": "given"}
    _check_offsets(good)
    for r in (broken, empty, es):
        assert set(r) == {"id", "error"}
        assert "\n" not in r["error"]
    assert broken["error"].startswith("ingest: line 2: malformed JSON (")
    assert empty["error"] == "ingest: empty input: no text to process"
    assert es["error"].startswith("ingest: not English: ")


@pytest.mark.slow
def test_cli_extract_jsonl_all_good_exits_0(runner: CliRunner, shared_engine: Any) -> None:
    records = [
        {"id": "r1", "text": "The minister resigned on Monday.\u2028Talks ended in Geneva."},
        {"id": "r2", "text": "Chile and Norway signed a fisheries deal on Friday.",
         "title": "Deal signed"},
    ]
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    result = runner.invoke(cli, ["extract", "--jsonl", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    assert "\u2028" not in result.stdout
    out = result.stdout.split("\n")
    assert len(out) == 3 and out[-1] == ""
    arts = [json.loads(line) for line in out[:-1]]
    assert [a["id"] for a in arts] == ["r1", "r2"]
    assert arts[0]["text"] == "The minister resigned on Monday.\u2028Talks ended in Geneva."
    assert arts[1]["title"] == "Deal signed"
    for a in arts:
        assert a["schema_version"] == 1
        _check_offsets(a)


@pytest.mark.slow
def test_cli_demo_folder(runner: CliRunner, shared_engine: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Fishing talks open in Oslo\n\n"
        "Officials from Norway and Chile opened fishing talks in Oslo on Monday.\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Harbour strike ends in Valparaiso\n\n"
        "Dock workers in Valparaiso returned to work on Tuesday after a pay deal.\n",
        encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    result = runner.invoke(cli, ["demo", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Fishing talks open in Oslo" in result.stdout
    assert "Harbour strike ends in Valparaiso" in result.stdout
    assert result.stdout.index("Fishing talks") < result.stdout.index("Harbour strike")
    assert "2 articles, 2 processed, 0 skipped" in result.stdout


# --------------------------------------------------------------------------- installed script


def _script() -> list[str]:
    exe = Path(sys.executable).with_name("dateline")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "dateline"]


def test_cli_script_usage_error_exit_code(tmp_path: Path) -> None:
    proc = subprocess.run([*_script(), "extract", str(tmp_path / "missing.txt")],
                          check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "no such file" in proc.stderr


def test_cli_script_jsonl_failed_records_exit_code(tmp_path: Path) -> None:
    # Records that fail in ingest: the batch goes on, and nothing needs the model.
    stdin = "not json\n" + json.dumps({"id": "empty", "text": " "}) + "\n"
    proc = subprocess.run([*_script(), "extract", "--jsonl", "-"], input=stdin,
                          check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [
        {"id": "line-1",
         "error": "ingest: line 1: malformed JSON (Expecting value at column 1)"},
        {"id": "empty", "error": "ingest: empty input: no text to process"},
    ]
