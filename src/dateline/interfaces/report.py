"""Human-readable views of an Article for the terminal (rich). Presentation only."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dateline.model import Article

_console = Console(highlight=False)


def _names(article: Article, *types: str) -> str:
    # Named entities only: descriptions ("a senior official") are in the full report.
    names = [e.name for e in article.entities if e.type in types
             and not e.name.lower().startswith(("a ", "an ", "the "))]
    return ", ".join(escape(n) for n in names) or "-"


def print_summary(article: Article) -> None:
    """A compact block: title, date, outlet, people, organisations, places."""
    if article.skip is not None:
        _console.print(f"[bold red]skipped[/] {escape(article.id)}: {escape(article.skip.reason)}")
        return
    pub = article.published
    _console.print(f"[bold]{escape(article.title or '(untitled)')}[/]  [dim]{escape(article.id)}[/]")
    _console.print(f"  date: {pub.date or '-'} ({pub.source})   outlet: {escape(article.outlet or '-')}")
    _console.print(f"  people: {_names(article, 'PERSON')}")
    _console.print(f"  organisations: {_names(article, 'ORG')}")
    places = [p.name for p in article.places] or [
        e.name for e in article.entities if e.type in ("GPE", "LOC", "FAC")
    ]
    _console.print(f"  places: {', '.join(escape(p) for p in places) or '-'}")
    for ev in article.events[:8]:
        src = ev.source.code if ev.source and ev.source.code else "-"
        tgt = ev.target.code if ev.target and ev.target.code else "-"
        _console.print(
            f"  event: {src} -> {tgt} {ev.cameo.code} [dim]{escape(ev.trigger_text)}[/] "
            f"{ev.date or ''} {ev.modality if ev.modality != 'asserted' else ''}"
        )
    _console.print()


def print_report(article: Article) -> None:
    """The full report of one article."""
    print_summary(article)
    if article.removed:
        t = Table(title="Removed", show_lines=False)
        t.add_column("kind")
        t.add_column("text")
        for r in article.removed:
            t.add_row(r.kind, escape(r.text[:100]))
        _console.print(t)
    t = Table(title="Entities")
    for col in ("id", "type", "name", "mentions", "actor", "titles"):
        t.add_column(col)
    for e in article.entities:
        t.add_row(e.id, e.type, escape(e.name), str(len(e.mentions)) if e.mentions else e.found_in,
                  e.actor.code if e.actor else "-", escape("; ".join(e.titles)[:60]))
    _console.print(t)
    _console.print(f"[dim]{len(article.sentences)} sentences, {len(article.text)} characters[/]")
