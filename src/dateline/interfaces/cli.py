"""The `dateline` command line: a thin layer over ``dateline.engine.Engine``.

Exit codes: 0 every record processed, 1 some record failed, 2 usage error.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from dateline.errors import DatelineError
from dateline.inputs import read_file, read_jsonl
from dateline.model import RawInput
from dateline.stages.ingest import decode_bytes

F = TypeVar("F", bound=Callable[..., Any])


def _valid_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise click.BadParameter("use YYYY-MM-DD")
    return value


def article_options(f: F) -> F:
    """Options shared by commands that read one article."""
    f = click.option("--format", "fmt", type=click.Choice(["auto", "text", "html"]),
                     default="auto", show_default=True, help="Input format; auto sniffs HTML.")(f)
    f = click.option("--url", help="Where the article came from.")(f)
    f = click.option("--title", help="The title, when known.")(f)
    f = click.option("--date", callback=_valid_date,
                     help="Publication date YYYY-MM-DD, when known.")(f)
    return f


def _engine() -> Any:
    from dateline.engine import Engine

    try:
        return Engine()
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
@click.version_option(package_name="dateline")
def cli() -> None:
    """dateline: turn raw news into structured, evidence-linked event data."""


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the Article JSON object.")
@click.option("--jsonl", is_flag=True,
              help="PATH is a batch: one JSON record per line -> one Article JSON per line.")
@article_options
def extract(path: str, as_json: bool, jsonl: bool, date: str | None, title: str | None,
            url: str | None, fmt: str) -> None:
    """Extract one article (or a JSONL batch) from PATH, or - for standard input.

    Example:

        dateline extract article.txt --date 2015-05-12 --json
    """
    if jsonl and (date or title or url):
        raise click.UsageError("--date/--title/--url describe one article; put them in the "
                               "JSONL records instead")
    if jsonl:
        sys.exit(_extract_batch(path))
    raw = _read_one(path, date=date, title=title, url=url, fmt=fmt)
    engine = _engine()
    try:
        article = next(engine.process([raw]))
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    if article.skip is not None:
        click.echo(f"dateline: skipped: {article.skip.reason}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(article.to_json(), ensure_ascii=False, indent=2))
    else:
        from dateline.interfaces.report import print_report

        print_report(article)


def _read_one(path: str, *, date: str | None, title: str | None, url: str | None,
              fmt: str) -> RawInput:
    if path == "-":
        text, notes = decode_bytes(sys.stdin.buffer.read())
        return RawInput(text=text, notes=notes, date=date, title=title, url=url, format=fmt)
    p = Path(path)
    if not p.is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="PATH")
    raw = read_file(p, date=date, title=title, url=url)
    if fmt != "auto":
        from dataclasses import replace

        raw = replace(raw, format=fmt)
    return raw


def _chunks(path: str) -> Iterator[bytes]:
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    with stream:
        while chunk := stream.read(1 << 16):
            yield chunk


def _extract_batch(path: str) -> int:
    if path != "-" and not Path(path).is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="PATH")
    engine = _engine()
    failed = 0
    out = sys.stdout
    try:
        for article in engine.process(read_jsonl(_chunks(path))):
            if article.skip is not None:
                failed += 1
            out.write(article.to_json_line() + "\n")
            out.flush()
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc
    return 1 if failed else 0


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False), default="examples")
@click.option("--json", "as_json", is_flag=True, help="One Article JSON per line instead.")
def demo(folder: str, as_json: bool) -> None:
    """Process every example article in FOLDER (.txt, .html, .jsonl) and summarise each.

    Example:

        dateline demo examples/
    """
    from dateline.interfaces.report import print_summary

    inputs: list[RawInput] = []
    for p in sorted(Path(folder).iterdir()):
        if p.suffix == ".jsonl":
            inputs.extend(read_jsonl([p.read_bytes()]))
        elif p.suffix in (".txt", ".html", ".htm"):
            inputs.append(read_file(p, id=p.stem))
    engine = _engine()
    failed = 0
    for article in engine.process(inputs):
        failed += article.skip is not None
        if as_json:
            click.echo(article.to_json_line())
        else:
            print_summary(article)
    if not as_json:
        click.echo(f"{len(inputs)} articles, {len(inputs) - failed} processed, {failed} skipped")
    sys.exit(1 if failed else 0)


SHARED_DEFAULT = Path(__file__).resolve().parents[4] / "shared"


@cli.group(name="eval")
def eval_group() -> None:
    """Measure accuracy on the evaluation data in ../shared/eval (never shipped)."""


def _shared(path: str | None) -> Path:
    if path:
        root = Path(path)
    else:
        cwd_shared = Path.cwd().parent / "shared"
        root = cwd_shared if (cwd_shared / "eval").is_dir() else SHARED_DEFAULT
    if not (root / "eval").is_dir():
        click.echo(f"evaluation data not found at {root}/eval; pass --shared DIR", err=True)
        sys.exit(2)
    return root


@eval_group.command(name="events")
@click.option("--shared", "shared_dir", help="The shared folder (default: ../shared).")
@click.option("--errors", is_flag=True, help="Also print the PETRARCH records we get wrong.")
@click.option("--limit", type=int, help="Only the first N PLV pairs (quick runs).")
def eval_events(shared_dir: str | None, errors: bool, limit: int | None) -> None:
    """Event coding: PETRARCH-2 gold triples and PLV_train PLOVER roots.

    Example:

        dateline eval events --errors
    """
    from dateline.evaluation.events import evaluate_petr, evaluate_plv

    root = _shared(shared_dir) / "eval" / "events"
    engine = _engine()
    petr = evaluate_petr(engine, root / "PETR2_GSR_validation.xml")
    plv = evaluate_plv(engine, root / "PLV_train.tsv", limit=limit)
    result = {
        "petr2": {"records": petr.records, "gold_events": petr.gold_events,
                  "exact": petr.exact, "root": petr.root, "country": petr.country,
                  "exact_with_statements": petr.exact_with_statements},
        "plv": plv,
    }
    click.echo(json.dumps(result, indent=2))
    if errors:
        for e in petr.errors:
            click.echo(json.dumps(e), err=True)


@eval_group.command(name="actors")
@click.option("--shared", "shared_dir", help="The shared folder (default: ../shared).")
@click.option("--limit", type=int, help="Only the first N PLV pairs (quick runs).")
def eval_actors(shared_dir: str | None, limit: int | None) -> None:
    """Actor coding: country / sector / full code on PETRARCH-2 gold actors; PLV span coverage.

    Example:

        dateline eval actors
    """
    from dateline.evaluation.events import evaluate_petr, evaluate_plv

    root = _shared(shared_dir) / "eval" / "events"
    engine = _engine()
    petr = evaluate_petr(engine, root / "PETR2_GSR_validation.xml")
    plv = evaluate_plv(engine, root / "PLV_train.tsv", limit=limit)
    spans = {k: plv[k] for k in ("pairs", "actor_spans_coded", "actor_spans_with_country")}
    click.echo(json.dumps({"petr2_actors": petr.actors, "plv_spans": spans}, indent=2))


@eval_group.command(name="times")
@click.option("--shared", "shared_dir", help="The shared folder (default: ../shared).")
def eval_times(shared_dir: str | None) -> None:
    """Time expressions: MEANTIME span F1, value accuracy and value F1.

    Example:

        dateline eval times
    """
    from dateline.evaluation.times import evaluate_meantime

    root = _shared(shared_dir) / "eval" / "time" / "meantime_en"
    click.echo(json.dumps(evaluate_meantime(_engine(), root), indent=2))


@eval_group.command(name="quotes")
@click.option("--shared", "shared_dir", help="The shared folder (default: ../shared).")
@click.option("--all-docs", is_flag=True, help="Also score documents with no <quote> markup.")
def eval_quotes(shared_dir: str | None, all_docs: bool) -> None:
    """Quotes: GUM Wikinews content P/R/F1 and speaker accuracy (and textacy's, if installed).

    Example:

        dateline eval quotes
    """
    from dateline.evaluation.quotes import evaluate_gum

    root = _shared(shared_dir) / "eval" / "quotes" / "gum_wikinews"
    click.echo(json.dumps(evaluate_gum(_engine().pipeline, root, all_docs=all_docs), indent=2))


@eval_group.command(name="places")
@click.option("--shared", "shared_dir", help="The shared folder (default: ../shared).")
@click.option("--limit", type=int, help="Only the first N articles (quick runs).")
def eval_places(shared_dir: str | None, limit: int | None) -> None:
    """Places: GeoVirus toponym recognition P/R/F1, accuracy within 161 km, AUC, median error.

    Example:

        dateline eval places
    """
    from dateline.evaluation.places import evaluate_places

    path = _shared(shared_dir) / "eval" / "places" / "geovirus" / "GeoVirus.xml"
    picked = range(limit) if limit else None
    result = evaluate_places(_engine().pipeline, path, articles=picked)
    click.echo(json.dumps(result.summary(), indent=2))
