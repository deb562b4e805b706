"""Docs are part of the product: every command, stage and error code is documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from dateline.errors import ERROR_CLASSES
from dateline.interfaces.cli import cli
from dateline.stages import DEFAULT_STAGES

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


def test_docs_cli_md_is_current() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("name", "cmd"), _commands(cli))
def test_docs_every_command_has_an_example(name: str, cmd: click.Command) -> None:
    if isinstance(cmd, click.Group):
        return
    assert "Example:" in (cmd.help or ""), f"`dateline {name}` help has no Example:"
    assert f"## `dateline {name}`" in (ROOT / "docs" / "cli.md").read_text("utf-8")


@pytest.mark.parametrize("exc", ERROR_CLASSES, ids=lambda e: e.__name__)
def test_docs_every_error_code_documented(exc: type) -> None:
    text = (ROOT / "docs" / "errors.md").read_text("utf-8")
    assert f"| {exc.code} | `{exc.__name__}` |" in text
    assert exc.__doc__ and exc.__doc__.strip()


def test_docs_error_codes_unique() -> None:
    codes = [e.code for e in ERROR_CLASSES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("stage", DEFAULT_STAGES, ids=lambda s: s.name)
def test_docs_every_stage_documented(stage) -> None:  # type: ignore[no-untyped-def]
    text = (ROOT / "docs" / "stages.md").read_text("utf-8")
    assert re.search(rf"^## `{stage.name}`", text, re.MULTILINE), f"stage {stage.name} not in stages.md"
    for field in stage.assigns:
        assert f"`{field}`" in text


def test_docs_kb_files_documented() -> None:
    text = (ROOT / "docs" / "kb.md").read_text("utf-8")
    data = ROOT / "src" / "dateline" / "kb" / "data"
    for path in sorted(data.glob("*.tsv")):
        if path.name.startswith(("place_", "time_", "tone_", "themes", "speech_", "number_",
                                 "event_")):
            continue  # documented with their stages in docs/stages.md
        assert f"`{path.name}`" in text, f"{path.name} is not described in docs/kb.md"


def test_docs_readme_names_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in text and "make test" in text
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^test:", makefile, re.MULTILINE) and re.search(r"^demo:", makefile, re.MULTILINE)
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
