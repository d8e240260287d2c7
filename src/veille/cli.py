"""The command line: a thin layer over the library.

Exit status: 0 when every input was read, 3 when some were skipped (the others' events are
still written and stored), 2 for usage errors.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .errors import VeilleError

EXIT_SKIPPED = 3


def _fail(message: str) -> None:
    raise click.UsageError(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="veille")
def cli():
    """veille: French news about missile and drone warfare in, a verified event ledger out.

    \b
    Example:
      veille extract examples/articles -o events.jsonl
      veille events --type strike --since 2024-11 --format table
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the events as JSON Lines to this file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default=None,
              help="Format for standard output (default: table, or nothing with -o).")
@click.option("--db", default="veille.db", show_default=True, type=click.Path(dir_okay=False),
              help="SQLite store for articles and events.")
@click.option("--no-db", is_flag=True, help="Do not store anything.")
@click.option("--lang", type=click.Choice(["fr"]), default=None,
              help="Treat every article as French (skip language detection).")
@click.option("--max-chars", type=click.IntRange(min=1000), default=1_000_000, show_default=True,
              help="Skip articles longer than this.")
@click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A knowledge-base file of your own, layered over the shipped one.")
@click.option("--progress/--no-progress", default=None,
              help="Report progress on standard error (default: when it is a terminal).")
def extract(paths, output, fmt, db, no_db, lang, max_chars, kb_files, progress):
    """Extract events from articles: .txt, .jsonl, .html files, directories, or - (stdin).

    \b
    Examples:
      veille extract examples/articles
      veille extract feed.jsonl -o events.jsonl --db ledger.db
      cat article.txt | veille extract - --format jsonl --no-db
    """
    from .extract import Extractor, Options, Result
    from .export import write
    from .ingest import read_articles
    from .records import Notice

    if fmt is None:
        fmt = None if output else "table"
    if progress is None:
        progress = sys.stderr.isatty()
    try:
        extractor = Extractor(Options(lang=lang, kb_files=tuple(kb_files)))
    except VeilleError as err:
        _fail(str(err))
    store = None
    if not no_db:
        from .store import open_store
        store = open_store(db)
    out_file = open(output, "w", encoding="utf-8") if output else None
    events_all = []
    read = skipped = warnings = stored_new = written = 0
    started = time.perf_counter()
    try:
        for item in extractor.extract_many(read_articles(paths, max_chars=max_chars)):
            if isinstance(item, Notice):
                click.echo(str(item), err=True)
                if item.skipped:
                    skipped += 1
                else:
                    warnings += 1
                continue
            assert isinstance(item, Result)
            read += 1
            if store is not None:
                stored_new += store.add(item.article, item.cleaned, item.events)
            written += len(item.events)
            if out_file is not None:
                for event in item.events:
                    out_file.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            if fmt is not None:
                events_all.extend(item.events)
            if progress and read % 50 == 0:
                rate = read / (time.perf_counter() - started)
                click.echo(f"… {read} articles, {rate:.1f} articles/s", err=True)
    finally:
        if out_file is not None:
            out_file.close()
        if store is not None:
            store.close()
    if fmt is not None:
        write(events_all, sys.stdout, fmt)
    summary = f"read {read} article{'s' * (read != 1)}, {written} event{'s' * (written != 1)}"
    if store is not None:
        summary += f", {stored_new} new in {db}"
    summary += f", {skipped} skipped"
    if warnings:
        summary += f", {warnings} warning{'s' * (warnings != 1)}"
    summary += f" ({time.perf_counter() - started:.1f} s)"
    click.echo(summary, err=True)
    if skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.option("--db", default="veille.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--type", "etype", type=click.Choice(["strike", "deployment", "threat"]))
@click.option("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--country", metavar="CC", help="ISO 3166-1 alpha-2 country of the location.")
@click.option("--place", metavar="NAME", help="A place or region, in any spelling the knowledge base knows.")
@click.option("--weapon", metavar="NAME", help="A weapon, in any spelling the knowledge base knows.")
@click.option("--limit", type=click.IntRange(min=1))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
def events(db, etype, since, until, country, place, weapon, limit, fmt):
    """Query the events in the store.

    \b
    Examples:
      veille events --type strike --since 2024-11-01 --until 2024-11-30
      veille events --place Koursk --weapon ATACAMS --format jsonl
    """
    from .export import write
    from .ingest import parse_published
    from .store import EventFilter, open_store

    if not Path(db).exists():
        _fail(f"no store at {db}: run 'veille extract ... --db {db}' first")
    for name, value in (("--since", since), ("--until", until)):
        if value is not None:
            parsed, notice = parse_published(value, name)
            if notice is not None or parsed is None or parsed != value:
                _fail(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    places = _names(place, "place")
    weapons = _names(weapon, "weapon")
    flt = EventFilter(type=etype, since=since, until=until, country=country, places=places,
                      weapons=weapons, limit=limit)
    with open_store(db) as store:
        n = write(store.events(flt), sys.stdout, fmt)
    click.echo(f"{n} event{'s' * (n != 1)}", err=True)


def _names(value: str | None, kind: str) -> tuple[str, ...]:
    """The canonical names a user's spelling stands for (the spelling itself if unknown)."""
    if not value:
        return ()
    from .kb import load_kb

    kb = load_kb()
    names = {value}
    for m in kb.lookup(value, (kind,)):
        entry = m.entry
        if kind == "weapon":
            names.add(entry.family)
        else:
            names.add(entry.name if entry.kind != "region" else entry.admin1 or entry.name)
    return tuple(sorted(names))


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_cmd(gold, pred, as_json):
    """Score predicted events against gold events (per-field P/R/F1, event F1, slot F1).

    \b
    Example:
      veille extract ../shared/dev/articles.jsonl -o pred.jsonl --no-db
      veille eval ../shared/dev/gold.jsonl pred.jsonl
    """
    from .evaluate import format_report, score

    result = score(_load_events(gold), _load_events(pred))
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_report(result))


def _load_events(path: str) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                _fail(f"{path}:{number}: malformed JSON: {err.msg}")
            if not isinstance(obj, dict) or "article_id" not in obj or "type" not in obj:
                _fail(f"{path}:{number}: not an event record (needs article_id and type)")
            out.append(obj)
    return out


@cli.group()
def kb():
    """Look into the knowledge base: why a name resolved as it did.

    \b
    Examples:
      veille kb search Koursk
      veille kb show Kinzhal
      veille kb list --kind weapons
    """


def _kb_options(f):
    f = click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="A knowledge-base file of your own, layered over the shipped one.")(f)
    return f


@kb.command(name="search")
@click.argument("name")
@_kb_options
def kb_search(name, kb_files):
    """Every entry a name (any spelling, any case, with or without accents) resolves to.

    \b
    Example:
      veille kb search "région de Koursk"
    """
    from .kb import describe, load_kb

    hits = load_kb(tuple(kb_files)).lookup(name)
    if not hits:
        click.echo(f"no entry for {name!r}", err=True)
        sys.exit(1)
    for hit in hits:
        click.echo(f"{hit.kind:7} {describe(hit.entry)}")


@kb.command(name="show")
@click.argument("name")
@_kb_options
def kb_show(name, kb_files):
    """Everything the knowledge base holds about an entry, as JSON.

    \b
    Example:
      veille kb show Kharkiv
    """
    from dataclasses import asdict

    from .kb import load_kb

    hits = load_kb(tuple(kb_files)).lookup(name)
    if not hits:
        click.echo(f"no entry for {name!r}", err=True)
        sys.exit(1)
    for hit in hits:
        click.echo(json.dumps({"kind": hit.kind, **asdict(hit.entry)}, ensure_ascii=False, indent=1))


@kb.command(name="list")
@click.option("--kind", type=click.Choice(["weapons", "places", "actors"]), default=None,
              help="Only this part of the knowledge base.")
@_kb_options
def kb_list(kind, kb_files):
    """What the knowledge base holds: one line an entry, and counts at the end.

    \b
    Example:
      veille kb list --kind weapons
    """
    from .kb import describe, load_kb

    base = load_kb(tuple(kb_files))
    parts = {"weapons": base.weapons, "places": base.places, "actors": base.actors}
    for name, entries in parts.items():
        if kind and kind != name:
            continue
        for entry in entries.values():
            click.echo(f"{name[:-1]:7} {describe(entry)}")
    click.echo(", ".join(f"{len(v):,} {k}" for k, v in parts.items() if not kind or k == kind)
               + f" (from {len(base.sources)} file{'s' * (len(base.sources) != 1)})", err=True)


def main():
    try:
        cli(standalone_mode=True)
    except VeilleError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
