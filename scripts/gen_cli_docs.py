"""Write docs/cli.md from the CLI's own --help texts (tests/test_docs.py checks it is current).

Usage: python scripts/gen_cli_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from dateline.interfaces.cli import cli

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name in sorted(group.commands):
        cmd = group.commands[name]
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(commands(cmd, (*prefix, name)))
    return out


def render() -> str:
    runner = CliRunner()
    parts = [
        "# dateline command line\n",
        "Generated from the commands' own help by `scripts/gen_cli_docs.py`; do not edit.\n",
        "Exit codes: 0 every record processed, 1 some record failed, 2 usage error.\n",
    ]
    for path in [(), *commands(cli)]:
        result = runner.invoke(cli, [*path, "--help"], prog_name="dateline", terminal_width=100)
        title = " ".join(("dateline", *path))
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.is_file() or OUT.read_text("utf-8") != text:
            print("docs/cli.md is out of date: run python scripts/gen_cli_docs.py")
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
