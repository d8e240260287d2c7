"""The command line: a thin layer over the library.

Exit status: 0 when every input was read, 3 when some were skipped (the others' events are
still written and stored), 2 for usage errors.
"""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from .errors import VeilleError

EXIT_SKIPPED = 3
DEFAULT_MIN_LANG_CHARS = 150  # below, py3langid errs on 2-17% of French sentences (README)
FORMAT_CHOICES = ["table", "csv", "jsonl", "json", "acled", "plover", "geojson", "parquet"]
MAX_INT = 2**63 - 1  # SQLite's largest integer: a bigger --limit is out of range


class _Failure(click.ClickException):
    """A usage or configuration error: one line on standard error, exit status 2."""

    exit_code = 2


def _fail(message: str) -> None:
    raise _Failure(message)


def _open_store(db: str, *, read_only: bool = False):
    """The store at ``db``; a path that cannot be one is a one-line error (exit 2)."""
    from .store import open_store

    try:
        return open_store(db, read_only=read_only)
    except VeilleError as err:
        _fail(str(err))


def _check_output(path: str | None) -> None:
    """Fail now, before the model loads, if ``-o`` cannot be written."""
    import os

    if not path or path == "-":
        return
    target = Path(path)
    if target.is_dir():
        _fail(f"-o {path}: is a folder, not a file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        _fail(f"-o {path}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        _fail(f"-o {path}: cannot write there")


class _AtomicOutput:
    """A file written under a temporary name beside its target and renamed over it when
    complete: a run killed half-way leaves the old file (or none), never half a file. A
    target that exists and is no regular file (/dev/null, a named pipe, /dev/stdout) is
    written in place: renaming over it would replace the device."""

    def __init__(self, path: str, *, binary: bool = False):
        import os
        import tempfile

        self.path = os.path.realpath(path) if os.path.islink(path) else path  # write through
        target = Path(self.path)
        # a device or a pipe: written whole at the end, from a private temporary file
        self.direct = target.exists() and not target.is_file()
        folder = None if self.direct else (str(target.parent) or ".")
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
        os.close(fd)
        # the mode a plain open() would give (mkstemp's is 0600), or the file's own
        mask = os.umask(0)
        os.umask(mask)
        mode = (os.stat(target).st_mode & 0o777) if target.is_file() else 0o666 & ~mask
        os.chmod(self.tmp, mode)
        self.handle = open(self.tmp, "wb") if binary else open(self.tmp, "w", encoding="utf-8")

    def write(self, text: str) -> int:
        return self.handle.write(text)

    def rewrite(self, order: list[tuple[str, int]], renames: dict[str, str]) -> None:
        """Give the lines of the texts in ``renames`` (hash -> id) their new id; ``order``
        says which text each run of lines belongs to."""
        import os


        from .records import Event
        from .store import with_article_id

        self.handle.close()
        fresh = self.tmp + "~"
        with open(self.tmp, encoding="utf-8") as old, open(fresh, "w", encoding="utf-8") as new:
            for key, n in order:
                lines = [old.readline() for _ in range(n)]
                if key in renames:
                    events = with_article_id((Event.from_dict(json.loads(x)) for x in lines),
                                             renames[key])
                    lines = [json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events]
                new.writelines(lines)
        os.replace(fresh, self.tmp)
        self.handle = open(self.tmp, "a", encoding="utf-8")

    def convert(self, fmt: str, meta: dict) -> None:
        """Turn the JSON Lines written so far into ``fmt`` (csv, acled, parquet ...)."""
        import os


        from .interop import BINARY, write_records

        self.handle.close()
        fresh = self.tmp + "~"
        with open(self.tmp, encoding="utf-8") as old:
            records = (json.loads(line) for line in old if line.strip())
            if fmt in BINARY:
                write_records("event", records, fmt, fresh, meta=meta)
            else:
                with open(fresh, "w", encoding="utf-8") as new:
                    write_records("event", records, fmt, new, meta=meta)
        os.replace(fresh, self.tmp)
        self.handle = open(self.tmp, "ab" if fmt in BINARY else "a", **(
            {} if fmt in BINARY else {"encoding": "utf-8"}))

    def commit(self) -> None:
        import os
        import shutil

        self.handle.close()
        if self.direct:  # never rename over a device: copy into it
            with open(self.tmp, "rb") as src, open(self.path, "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.unlink(self.tmp)
        else:
            os.replace(self.tmp, self.path)

    def discard(self) -> None:
        import os

        self.handle.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def _count_inputs(paths) -> int | None:
    """How many articles the inputs hold, cheaply (lines of JSON Lines files, other files
    one each), for progress; None when standard input is among them."""
    from .ingest import SUFFIXES

    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            kind = SUFFIXES.get(f.suffix.lower())
            if kind == "jsonl":
                try:
                    with open(f, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            elif kind is not None or not path.is_dir():
                total += 1
    return total


def _progress(done: int, total: int | None, started: float, what: str) -> str:
    """"… 150/540 articles (28%), 18.2/s, about 21 s left"."""
    elapsed = max(time.perf_counter() - started, 1e-6)
    rate = done / elapsed
    if not total:
        return f"… {done} {what}, {rate:.1f}/s"
    left = (total - done) / rate if rate > 0 else float("inf")
    eta = f"about {left:.0f} s left" if left < 120 else f"about {left / 60:.0f} min left"
    return f"… {done}/{total} {what} ({done / total:.0%}), {rate:.1f}/s, {eta}"


class _Group(click.Group):
    """Usage errors in one line ("Error: ... (see 'veille CMD -h')"), exit status 2,
    instead of click's usage block."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as err:
            message = err.format_message()
            if isinstance(err, click.UsageError) and err.ctx is not None:
                message += f" (see '{err.ctx.command_path} -h')"
            click.echo(f"Error: {message}", err=True)
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the events to this file (written whole or not at all), in the format "
                   "its extension names (.csv, .jsonl, .json, .geojson, .parquet; JSON Lines "
                   "for any other), or --output-format.")
@click.option("--output-format", "out_fmt", type=click.Choice(FORMAT_CHOICES[1:]), default=None,
              help="The format of the -o file, whatever its extension (e.g. acled to a .csv).")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
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
@click.option("--epoch-dates", is_flag=True,
              help="Read a numeric 'published' as seconds since 1970 (UTC); without it, a "
                   "number is an unknown date, with a warning.")
@click.option("--id", "stdin_id", metavar="ID",
              help="The id of a text read from standard input (-).")
@click.option("--published", "stdin_published", metavar="DATE",
              help="The publication date of a text read from standard input (-): YYYY-MM-DD.")
@click.option("--min-lang-chars", type=click.IntRange(min=0), default=None,
              help="Detect the language only of articles at least this long; shorter ones are "
                   f"taken as French (default {DEFAULT_MIN_LANG_CHARS}; detection errs on "
                   "short texts).")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress and no summary (problems with inputs are still told).")
@click.option("--workers", type=click.IntRange(min=1, max=256), default=None,
              help="Processes that extract (default: one per core; 1: none). The output "
                   "and the store are the same whatever the number.")
def extract(paths, output, out_fmt, fmt, db, no_db, lang, max_chars, kb_files, progress,
            epoch_dates, stdin_id, stdin_published, min_lang_chars, quiet, workers):
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

    from .interop import ArticleMeta, format_of

    if fmt is None:
        fmt = None if output else "table"
    elif fmt == "parquet" and sys.stdout.isatty():
        _fail("parquet is binary: write it to a file with -o FILE.parquet, or pipe it")
    out_fmt = out_fmt or format_of(output) or "jsonl"
    if out_fmt == "table":
        out_fmt = "jsonl"  # a .txt output: the records, one a line
    if progress is None:
        progress = sys.stderr.isatty() and not quiet
    if (stdin_id or stdin_published) and "-" not in paths:
        _fail("--id and --published name a text read from standard input: give - as a path")
    if stdin_published:
        _check_dates(stdin_published)
    # everything that can be wrong with the paths is said before the model loads
    _check_output(output)
    store = None
    if not no_db:
        store = _open_store(db)
    opts = Options(lang=lang, kb_files=tuple(kb_files),
                   min_lang_chars=DEFAULT_MIN_LANG_CHARS if min_lang_chars is None
                   else min_lang_chars)
    total = _count_inputs(paths) if progress else None
    try:
        if progress:
            click.echo("… loading the French model and the knowledge base", err=True)
        loading = time.perf_counter()
        extractor = Extractor(opts)
        if progress:
            extractor.nlp  # load now, to say so
            click.echo(f"… loaded in {time.perf_counter() - loading:.1f} s", err=True)
    except VeilleError as err:
        if store is not None:
            store.close()
        _fail(str(err))
    from .faults import failpoint
    from .records import content_hash
    from .store import IdBook, id_notice, with_article_id

    ids = IdBook() if store is None else None
    out_file = _AtomicOutput(output) if output else None
    events_all: list[tuple[str, tuple]] = []  # (text hash, its events) for the table
    meta_of: dict[str, tuple[str, ArticleMeta]] = {}  # text hash -> (its id, its metadata)
    order: list[tuple[str, int]] = []  # (text hash, events written) in -o's order
    renames: dict[str, str] = {}  # text hash -> its id now, for texts renamed in this run
    read = skipped = warnings = stored_new = written = 0
    started = time.perf_counter()

    undated = 0

    def notice(item: Notice) -> None:
        nonlocal skipped, warnings
        click.echo(str(item), err=True)
        if item.skipped:
            skipped += 1
        elif not item.is_note:
            warnings += 1

    done = False
    try:
        articles = read_articles(paths, max_chars=max_chars, epoch_dates=epoch_dates,
                                 stdin_id=stdin_id, stdin_published=stdin_published)
        if workers is None:
            import os

            workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
                else os.cpu_count() or 1
        for item in extractor.extract_parallel(articles, workers):
            if isinstance(item, Notice):
                notice(item)
                continue
            assert isinstance(item, Result)
            read += 1
            undated += item.article.published is None
            key = content_hash(item.cleaned)
            if store is not None:
                kept = store.put(item.article, item.cleaned, item.events)
                stored_new += kept.new
                events, changed = kept.events, kept.renamed
                for n in kept.notices:
                    notice(n)
            else:
                given, changed = ids.give(str(item.article.id), key)
                events = with_article_id(item.events, given)
                if given != str(item.article.id) and given.startswith(f"{item.article.id}~"):
                    notice(id_notice(item.article, "W002", id=str(item.article.id), new=given))
                for old, new in changed.values():
                    notice(id_notice(item.article, "W003", id=old, new=new))
            renames.update((h, new) for h, (_, new) in changed.items())
            art = item.article
            meta_of[key] = (events[0].article_id if events else str(art.id),
                            ArticleMeta(art.url, art.source, art.title, art.published))
            written += len(events)
            order.append((key, len(events)))
            if out_file is not None:
                for event in events:
                    out_file.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            if fmt is not None:
                events_all.append((key, events))
            if progress and read % 50 == 0:
                click.echo(_progress(read + skipped, total, started, "articles"), err=True)
            failpoint("extract.article")
        done = True
        # a text written earlier in this run whose id a later one took: its lines follow
        renames = {h: i for h, i in renames.items() if any(k == h for k, _ in order)}
        if out_file is not None and renames:
            out_file.rewrite(order, renames)
        # the articles' url, outlet, title and date by their final ids
        metas = {renames.get(h, ident): meta for h, (ident, meta) in meta_of.items()}
        if out_file is not None and out_fmt != "jsonl":
            out_file.convert(out_fmt, metas)
    finally:
        if out_file is not None:
            out_file.commit() if done else out_file.discard()
        if store is not None:
            store.close()
    if fmt is not None:
        events_all = [e for key, evs in events_all
                      for e in (with_article_id(evs, renames[key]) if key in renames else evs)]
    if fmt in ("table", "jsonl"):
        write(events_all, sys.stdout, fmt)
    elif fmt is not None:
        from .interop import write_records

        with _destination(None, fmt) as out:
            write_records("event", (e.to_dict() for e in events_all), fmt, out, meta=metas)
    summary = f"read {read} article{'s' * (read != 1)}, {written} event{'s' * (written != 1)}"
    if store is not None:
        summary += f", {stored_new} new in {db}"
    summary += f", {skipped} skipped"
    if warnings:
        summary += f", {warnings} warning{'s' * (warnings != 1)}"
    if undated:
        summary += f", {undated} article{'s' * (undated != 1)} without a publication date"
    summary += f" ({time.perf_counter() - started:.1f} s)"
    if not quiet:
        click.echo(summary, err=True)
    if skipped:
        sys.exit(EXIT_SKIPPED)


def _query_options(f):
    """The filters shared by ``events`` and ``export``."""
    for opt in reversed([
        click.option("--db", default="veille.db", show_default=True,
                     help="The store to read (opened read-only)."),
        click.option("--type", "etype", type=click.Choice(["strike", "deployment", "threat"]),
                     help="Only events of this type."),
        click.option("--since", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--until", metavar="DATE", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--country", metavar="CC", help="ISO 3166-1 alpha-2 country of the location."),
        click.option("--place", metavar="NAME",
                     help="A place or region, in any spelling the knowledge base knows."),
        click.option("--weapon", metavar="NAME",
                     help="A weapon, in any spelling the knowledge base knows."),
        click.option("--limit", type=click.IntRange(min=1, max=MAX_INT),
                     help="At most this many events."),
        click.option("--fused", is_flag=True,
                     help="Real-world events fused across articles (run 'veille fuse' first)."),
        click.option("--flag", type=click.Choice(["conflict", "inconsistent", "single_source",
                                                  "undated", "reviewed"]),
                     help="With --fused: only events carrying this flag."),
        click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True,
                     help="With --fused: only events with at least this many article-level reports."),
    ]):
        f = opt(f)
    return f


@cli.command()
@_query_options
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="table (the default on a terminal), csv, jsonl, json, acled (ACLED's "
                   "columns), plover (PLOVER records), geojson or parquet; with -o, the "
                   "file's extension chooses when this is not given.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file (written whole or not at all) instead of standard output.")
def events(db, etype, since, until, country, place, weapon, limit, fused, flag, min_reports, fmt,
           output):
    """Query the events in the store: as read from each article, or fused (--fused).

    \b
    Examples:
      veille events --type strike --since 2024-11-01 --until 2024-11-30
      veille events --place Koursk --weapon ATACAMS --format jsonl
      veille events --fused --flag conflict --format acled -o ledger.csv
    """
    _query(db, etype, since, until, country, place, weapon, limit, fused, False, flag,
           min_reports, fmt, output)


@cli.command()
@_query_options
@click.option("--claims", is_flag=True,
              help="The claims ledger of the fused events: one row per report and source.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
              help="The format (default: from the output file's extension).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The file to write (written whole or not at all).")
def export(db, etype, since, until, country, place, weapon, limit, fused, flag, min_reports,
           claims, fmt, output):
    """Export events, fused events (--fused) or their claims (--claims) to a file: csv,
    jsonl, json, acled, plover, geojson or parquet, chosen by --format or the extension.

    \b
    Examples:
      veille export -o events.parquet
      veille export --fused --format acled -o ledger-acled.csv
      veille export --fused -o ledger.geojson --since 2024-11
      veille export --claims -o claims.csv
    """
    _query(db, etype, since, until, country, place, weapon, limit, fused or claims, claims,
           flag, min_reports, fmt, output)


def _output_option(f):
    return click.option("-o", "--output", type=click.Path(dir_okay=False),
                        help="Write to this file (written whole or not at all) instead of "
                             "standard output.")(f)


def _emit(text: str, output: str | None) -> None:
    """The command's output, to standard output or to ``output``."""
    with _destination(output, "text") as out:
        out.write(text if text.endswith("\n") else text + "\n")


def _output_format(fmt: str | None, output: str | None, *, choices=None) -> str:
    """The format asked for: --format, else the output file's extension, else a table."""
    from .interop import BINARY, format_of

    if fmt is None and output:
        fmt = format_of(output)
        if fmt is None:
            _fail(f"-o {output}: say which format with --format (the extension "
                  f"{Path(output).suffix or '(none)'!r} names none)")
    fmt = fmt or "table"
    if choices is not None and fmt not in choices:
        _fail(f"format {fmt} is not one this command writes ({', '.join(choices)})")
    if fmt in BINARY and not output and sys.stdout.isatty():
        _fail(f"{fmt} is binary: write it to a file with -o FILE.{fmt}, or pipe it")
    return fmt


def _query(db, etype, since, until, country, place, weapon, limit, fused, claims, flag,
           min_reports, fmt, output):
    from .store import EventFilter

    fmt = _output_format(fmt, output)
    if claims and fmt in ("table", "acled", "plover", "geojson"):
        _fail(f"claims are written as csv, jsonl, json or parquet, not {fmt}")
    _check_output(output)
    _need_store(db)
    _check_dates(since, until)
    places = _names(place, "place")
    weapons = _names(weapon, "weapon")
    if not fused and (flag or min_reports != 1):
        _fail("--flag and --min-reports need --fused")
    if fused:
        from .fuse.ledger import FusedFilter

        flt = FusedFilter(type=etype, since=since, until=until, country=country, places=places,
                          weapons=weapons, flag=flag, min_reports=min_reports, limit=limit)
        with _fused_store(db) as store:
            n = _write_fused(store, flt, fmt, output, claims)
        what = "claim" if claims else "fused event"
    else:
        flt = EventFilter(type=etype, since=since, until=until, country=country, places=places,
                          weapons=weapons, limit=limit)
        with _open_store(db, read_only=True) as store:
            if fmt == "table":
                from .export import write

                with _destination(output, fmt) as out:
                    n = write(store.events(flt), out, "table")
            else:
                n = _write_kind("event", _reviewed_records(store, flt), fmt, output, store)
        what = "event"
    click.echo(f"{n} {what}{'s' * (n != 1)}" + (f" written to {output}" if output else ""),
               err=True)


def _reviewed_records(store, flt):
    """The article-level records with the machine's values and, where a person decided, a
    ``reviewed`` marker (so that scoring them still scores the machine)."""
    from .review import by_article, decisions, mark

    found = by_article(decisions(store, active_only=True))
    for event in store.events(flt):
        record = event.to_dict()
        if found:
            row = store.db.execute("SELECT event_key FROM events WHERE event_id = ? AND "
                                   "article_id = ?", (event.event_id, event.article_id)).fetchone()
            if row:
                record = mark(row[0], record, found)
        yield record


def _write_fused(store, flt, fmt: str, output: str | None, claims: bool) -> int:
    from .export import fused_dict, write_fused_table
    from .fuse.ledger import fused_events, links_of, member_records
    from .interop import claim_rows

    found = fused_events(store, flt)
    if claims:
        return _write_kind("claim", (row for e in found for row in claim_rows(e.to_dict())),
                           fmt, output, store)
    if fmt == "table":
        with _destination(output, fmt) as out:
            return write_fused_table(found, out)
    if fmt in ("jsonl", "json"):
        items = (fused_dict(e, member_records(store, e.members), links_of(store, e.fused_id))
                 for e in found)
        return _write_kind("fused", items, fmt, output, store)
    return _write_kind("fused", (e.to_dict() for e in found), fmt, output, store)


def _write_kind(kind: str, records, fmt: str, output: str | None, store) -> int:
    from .interop import article_meta, write_records

    meta = article_meta(store) if fmt not in ("jsonl", "json") else None
    with _destination(output, fmt) as out:
        return write_records(kind, records, fmt, out, meta=meta)


@contextmanager
def _destination(output: str | None, fmt: str):
    """Where a command writes: standard output, or ``output`` written whole or not at
    all. A binary format gets a binary stream."""
    from .interop import BINARY

    binary = fmt in BINARY
    if not output:
        yield sys.stdout.buffer if binary else sys.stdout
        if binary:
            sys.stdout.buffer.flush()
        return
    target = _AtomicOutput(output, binary=binary)
    try:
        yield target.handle
    except BaseException:
        target.discard()
        raise
    target.commit()


def _need_store(db: str) -> None:
    from .store import check_store_path

    try:
        check_store_path(db, must_exist=True)
    except VeilleError as err:
        _fail(str(err))


def _check_dates(*values) -> None:
    from .ingest import parse_published

    for name, value in zip(("--since", "--until"), values):
        if value is not None:
            parsed, notice = parse_published(value, name)
            if notice is not None or parsed is None or parsed != value:
                _fail(f"{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _fused_store(db: str):
    from .fuse.ledger import stale_blocks

    store = _open_store(db, read_only=True)
    if store.db.execute("SELECT count(*) FROM fuse_blocks").fetchone()[0] == 0 and \
            store.counts()["events"]:
        store.close()
        _fail(f"nothing fused yet in {db}: run 'veille fuse --db {db}' first")
    stale = stale_blocks(store)
    if stale:
        click.echo(f"warning: {len(stale)} block{'s' * (len(stale) != 1)} changed since the last "
                   f"fusion ({', '.join(stale[:3])}{', ...' if len(stale) > 3 else ''}): run "
                   f"'veille fuse --db {db}' to bring them up to date", err=True)
    return store


@cli.command()
@click.option("--db", default="veille.db", show_default=True, type=click.Path(dir_okay=False),
              help="The store whose events to fuse.")
@click.option("--rebuild", is_flag=True, help="Forget earlier fusion and cluster everything again.")
@click.option("--day-tolerance", type=click.IntRange(0, 7), default=0, show_default=True,
              help="Days two day-precise reports of one event may differ by.")
@click.option("--radius-km", type=click.FloatRange(0, 500), default=25.0, show_default=True,
              help="How far apart two named places of one event may lie.")
@click.option("--window-days", type=click.IntRange(0, 365), default=14, show_default=True,
              help="How far before and after a threat escalation links look.")
@click.option("--conflict-share", type=click.FloatRange(0, 1), default=0.10, show_default=True,
              help="Two sides' figures conflict when they differ by more than this share of "
                   "the larger ...")
@click.option("--conflict-min", type=click.IntRange(0), default=2, show_default=True,
              help="... and by more than this many.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes that cluster months in parallel (default: every core when the "
                   "changed months hold 20,000 reports or more; 1 turns it off). The result "
                   "is the same whatever the number.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's figures as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Report progress on standard error (default: when it is a terminal).")
def fuse(db, rebuild, day_tolerance, radius_km, window_days, conflict_share, conflict_min,
         workers, as_json, progress):
    """Fuse the stored article-level events into real-world events, keeping every claim.

    Incremental: only the months whose events changed since the last run are clustered
    again; a second run on the same store changes nothing.

    \b
    Examples:
      veille extract examples/fusion/odesa/articles.jsonl --db fusion.db
      veille fuse --db fusion.db
      veille events --fused --db fusion.db
    """
    from dataclasses import asdict

    from .fuse import FuseOptions
    from .fuse import fuse as run_fuse

    _need_store(db)
    if progress is None:
        progress = sys.stderr.isatty()
    opts = FuseOptions(day_tolerance=day_tolerance, radius_km=radius_km, window_days=window_days,
                       conflict_share=conflict_share, conflict_min=conflict_min)
    with _open_store(db) as store:
        report = run_fuse(store, opts, rebuild=rebuild, workers=workers,
                          progress=(lambda m: click.echo(m, err=True)) if progress else None)
    if as_json:
        click.echo(json.dumps(asdict(report)))
    else:
        click.echo(str(report), err=True)


@cli.command()
@click.argument("event_id")
@click.option("--db", default="veille.db", show_default=True, type=click.Path(dir_okay=False),
              help="The store to read (opened read-only).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="A table of the claims, or the fused event as JSON.")
@click.option("--evidence", is_flag=True, help="Print each claim's evidence sentences.")
@_output_option
def claims(event_id, db, fmt, evidence, output):
    """The claims ledger of one fused event: every report side by side, the consensus with
    its rules, flags and escalation links. EVENT_ID is a fused id (F...) or the event_id of
    any article-level record it merges.

    \b
    Example:
      veille claims F1a2b3c4d5e6f --evidence
    """
    from .export import fused_dict, write_claims_table
    from .fuse.ledger import find_fused, links_of, member_records

    _need_store(db)
    with _fused_store(db) as store:
        event = find_fused(store, event_id)
        if event is None:
            _fail(f"no fused event {event_id!r} in {db} (see 'veille events --fused')")
        links = links_of(store, event.fused_id)
        _check_output(output)
        with _destination(output, fmt) as out:
            if fmt == "json":
                out.write(json.dumps(fused_dict(event, member_records(store, event.members),
                                                links), ensure_ascii=False, indent=1) + "\n")
            else:
                write_claims_table(event, links, out, evidence=evidence)


@cli.command()
@click.option("--db", default="veille.db", show_default=True, type=click.Path(dir_okay=False),
              help="The store to read (opened read-only).")
@click.option("--type", "etype", type=click.Choice(["strike", "deployment", "threat"]),
              help="Only events of this type.")
@click.option("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--country", metavar="CC", help="ISO 3166-1 alpha-2 country of the location.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=None,
              help="table (the default), csv (one row a day) or json (each day's events).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file (its extension sets the format).")
def timeline(db, etype, since, until, country, fmt, output):
    """Fused events day by day, with counts (month-precise events under their month).

    \b
    Examples:
      veille timeline --since 2024-03 --until 2024-04 --type strike
      veille timeline --format csv -o nights.csv
    """
    from .export import TIMELINE_COLUMNS, timeline_rows, write_timeline_table
    from .export import timeline as make_timeline
    from .fuse.ledger import FusedFilter, fused_events
    from .interop import write_csv

    fmt = _output_format(fmt, output, choices=("table", "csv", "json"))
    _check_output(output)
    _need_store(db)
    _check_dates(since, until)
    with _fused_store(db) as store:
        days = make_timeline(fused_events(store, FusedFilter(
            type=etype, since=since, until=until, country=country)))
    with _destination(output, fmt) as out:
        if fmt == "json":
            out.write(json.dumps(days, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "csv":
            write_csv(timeline_rows(days), TIMELINE_COLUMNS, out)
        else:
            write_timeline_table(days, out)
    n = sum(len(d["events"]) for d in days)
    click.echo(f"{n} fused event{'s' * (n != 1)} on {len(days)} date{'s' * (len(days) != 1)}",
               err=True)


def _names(value: str | None, kind: str) -> tuple[str, ...]:
    """The canonical names a user's spelling stands for (the spelling itself if unknown)."""
    if not value:
        return ()
    from .kb import canonical_names, load_kb

    try:
        return canonical_names(load_kb(), value, kind, strict=True)
    except ValueError as err:
        _fail(f"--{kind} {err} (see 'veille kb search NAME')")


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@_output_option
def eval_cmd(gold, pred, as_json, output):
    """Score predicted events against gold events (per-field P/R/F1, event F1, slot F1).

    \b
    Example:
      veille extract ../shared/dev/articles.jsonl -o pred.jsonl --no-db
      veille eval ../shared/dev/gold.jsonl pred.jsonl
    """
    from .evaluate import format_report, score

    _check_output(output)
    result = score(_load_events(gold), _load_events(pred))
    _emit(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_report(result),
          output)


@cli.command(name="eval-fusion")
@click.argument("sets", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--gold-only", is_flag=True, help="Fuse the gold records only (no extraction).")
@click.option("--day-tolerance", type=click.IntRange(0, 7), default=0, show_default=True,
              help="Days two day-precise reports of one event may differ by.")
@click.option("--radius-km", type=click.FloatRange(0, 500), default=25.0, show_default=True,
              help="How far apart two named places of one event may lie.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Report progress on standard error (default: when it is a terminal).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no closing note.")
@_output_option
def eval_fusion(sets, gold_only, day_tolerance, radius_km, as_json, progress, quiet, output):
    """Score fusion with B-cubed precision and recall against gold clusters.

    Each SET is a directory holding articles.jsonl and gold.jsonl, whose records carry a
    "cluster" label naming the real-world event they report. Scores are given for fusing
    the gold records (clustering alone) and end to end (extraction, then fusion).

    \b
    Example:
      veille eval-fusion examples/fusion/*/
    """
    from .fuse import FuseOptions
    from .fuse.evaluate import bcubed_mean, evaluate_set

    if progress is None:
        progress = sys.stderr.isatty() and not quiet
    _check_output(output)
    for path in sets:
        if not (Path(path) / "articles.jsonl").is_file() or not (Path(path) / "gold.jsonl").is_file():
            _fail(f"{path}: a fusion set needs articles.jsonl and gold.jsonl")
    extractor = None
    if not gold_only:
        from .extract import Extractor, Options

        loading = time.perf_counter()
        if progress:
            click.echo("… loading the French model and the knowledge base", err=True)
        extractor = Extractor(Options(lang="fr"))
        if progress:
            extractor.nlp
            click.echo(f"… loaded in {time.perf_counter() - loading:.1f} s", err=True)
    opts = FuseOptions(day_tolerance=day_tolerance, radius_km=radius_km)
    results = []
    started = time.perf_counter()
    for i, path in enumerate(sets, 1):
        try:
            results.append(evaluate_set(path, extractor, opts))
        except VeilleError as err:
            _fail(str(err))
        if progress:
            click.echo(_progress(i, len(sets), started, f"sets ({Path(path).name} done)"),
                       err=True)
    summary = bcubed_mean(results)
    if as_json:
        _emit(json.dumps({"sets": results, "mean": summary}, ensure_ascii=False, indent=1),
              output)
        return
    modes = ["gold_input"] + ([] if gold_only else ["end_to_end"])
    lines = [f"{'set':16} {'articles':>8} {'records':>8} {'clusters':>8}  " +
             "  ".join(f"{m + ' P/R/F1':>26}" for m in modes) + f"  {'links P/R':>13}"]
    for r in results + [dict(summary, set="mean", articles="", gold_records="", gold_clusters="")]:
        cells = "  ".join(f"{r[m]['precision']:>8.3f} {r[m]['recall']:>8.3f} {r[m]['f1']:>8.3f}"
                          for m in modes)
        links = r["links_gold_input"]
        lines.append(f"{r['set']:16} {r['articles']:>8} {r['gold_records']:>8} "
                     f"{r['gold_clusters']:>8}  {cells}  {links['precision']:>6.3f} "
                     f"{links['recall']:>6.3f}")
    if "claimants" in summary:
        told = summary["claimants"]
        lines.append(f"claimant per figure: {told['right']} of {told['figures']} figures "
                     f"credited to the right side ({told['share']:.3f})")
    _emit("\n".join(lines), output)
    if not quiet:
        click.echo("B-cubed over the gold records; 'gold input' fuses the gold records, 'end "
                   "to end' extracts then fuses; links: escalation links on gold input", err=True)


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
def reference():
    """Independent counts kept in the store: the Air Force's daily figures, ACLED exports.

    \b
    Example:
      veille reference load missile_attacks_daily.csv --db ledger.db
      veille compare --db ledger.db
    """


@reference.command(name="load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default="veille.db", show_default=True, help="The store to load into.")
def reference_load(files, db):
    """Load reference files into the store: the Air Force daily CSV ("Massive Missile
    Attacks on Ukraine": time_start, time_end, model, launched, destroyed, source) into
    ref_airforce, ACLED exports (CSV, or the JSON of ACLED's API) into ref_acled. The kind
    is told by the file's columns; loading again replaces rows, never doubles them.
    """
    from .reference import load_reference

    skipped = 0
    with _open_store(db) as store:
        for path in files:
            loaded = load_reference(store, path)
            for notice in loaded.notices:
                click.echo(str(notice), err=True)
            skipped += len(loaded.notices)
            if loaded.kind != "unknown":
                table = "ref_airforce" if loaded.kind == "airforce" else "ref_acled"
                click.echo(f"{path}: {loaded.rows:,} {loaded.kind} rows into {table}"
                           + (f", {len(loaded.notices)} skipped" if loaded.notices else ""),
                           err=True)
    if skipped:
        sys.exit(EXIT_SKIPPED)


@cli.group(invoke_without_command=True)
@click.option("--db", default="veille.db", show_default=True,
              help="The store: fused events and the loaded Air Force figures.")
@click.option("--since", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", metavar="DATE", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True, help="Print every check as JSON.")
@_output_option
@click.pass_context
def compare(ctx, db, since, until, as_json, output):
    """Check veille's figures against an independent count.

    Without a subcommand: the fused national tallies credited to the Ukrainian air force,
    night by night and by weapon class, against the air force's own figures loaded with
    'veille reference load'; then the agreement rates.

    \b
    Examples:
      veille reference load missile_attacks_daily.csv --db ledger.db
      veille compare --db ledger.db --since 2024-11
      veille compare airforce events.jsonl --dataset missile_attacks_daily.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    from .compare import agreement
    from .reference import compare_fused, format_nights

    _check_output(output)
    _need_store(db)
    _check_dates(since, until)
    with _fused_store(db) as store:
        if not store.db.execute("SELECT count(*) FROM ref_airforce").fetchone()[0]:
            _fail(f"no Air Force figures in {db}: load them with 'veille reference load "
                  f"missile_attacks_daily.csv --db {db}'")
        checks = compare_fused(store, since, until)
    if as_json:
        _emit(json.dumps({"checks": [c.to_dict() for c in checks],
                          "agreement": agreement(checks)}, ensure_ascii=False, indent=1), output)
        return
    if not checks:
        click.echo("no fused national tally credited to the air force in these dates", err=True)
        return
    _emit(format_nights(checks), output)


@compare.command(name="airforce")
@click.argument("events_file", metavar="EVENTS", type=click.Path(exists=True, dir_okay=False))
@click.option("--dataset", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The Ukrainian Air Force daily dataset (missile_attacks_daily.csv).")
@click.option("--articles", type=click.Path(exists=True, dir_okay=False),
              help="The articles (JSON Lines) the events were read from: their publication "
                   "day names the night to compare with.")
@click.option("--json", "as_json", is_flag=True, help="Print every check as JSON.")
@_output_option
def compare_airforce_cmd(events_file, dataset, articles, as_json, output):
    """National overnight tallies credited to the Ukrainian air force, set against the
    air force's own daily figures: launched against launched, intercepted against
    destroyed, in total and per class (drones, missiles). Prints each disagreement with
    its evidence offsets, then the agreement rates.

    \b
    Example:
      veille extract feed.jsonl -o events.jsonl --no-db
      veille compare airforce events.jsonl --articles feed.jsonl \\
          --dataset ../shared/eval/raw/missile_attacks_daily/missile_attacks_daily.csv
    """
    from .compare import agreement, compare_airforce, format_checks, load_airforce

    published = {}
    if articles:
        from .ingest import read_articles
        from .records import Article

        published = {a.id: a.published for a in read_articles([articles])
                     if isinstance(a, Article)}
    _check_output(output)
    checks = compare_airforce(_load_events(events_file), load_airforce(dataset),
                              published=published)
    if as_json:
        _emit(json.dumps({"checks": [c.to_dict() for c in checks],
                          "agreement": agreement(checks)}, ensure_ascii=False, indent=1), output)
        return
    if not checks:
        click.echo("no national tally credited to the air force among these events", err=True)
        return
    _emit(format_checks(checks), output)


@cli.command()
@click.option("--db", default="veille.db", show_default=True, help="The store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8750, show_default=True,
              help="The port to listen on.")
@click.option("--read-only", is_flag=True,
              help="No write route at all; the store is opened read-only.")
def serve(db, host, port, read_only):
    """The desk: a local web app to see, check and correct the ledger (map, timeline,
    every claim with its evidence, review). Writes need the token printed at the first
    start and stored beside the database (DB.token).

    \b
    Example:
      veille serve --db demo.db        # then open http://127.0.0.1:8750/
    """
    import uvicorn

    from .desk.app import create_app, ensure_token, missing_assets

    _need_store(db)
    if not read_only:
        token, created = ensure_token(db)
        if created:
            click.echo(f"write token (stored in {db}.token, shown once): {token}", err=True)
        else:
            click.echo(f"write token: in {db}.token", err=True)
    if missing_assets():
        click.echo("warning: the map's libraries are missing (run 'make install'): "
                   + ", ".join(missing_assets()), err=True)
    try:
        app = create_app(db, read_only=read_only)
    except VeilleError as err:
        _fail(str(err))
    click.echo(f"veille desk on http://{host}:{port}/ ({'read-only' if read_only else 'read-write'})",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def spark():
    """Extraction and fusion on Spark (PySpark; local mode unless --master or spark-submit
    says otherwise), for corpora no machine holds. The results are the one-machine path's.

    \b
    Examples:
      veille spark extract feed/*.jsonl pages/ -o work/
      veille spark fuse work/ -o work/
      spark-submit --master spark://host:7077 -m veille.cli spark extract ...
    """


@spark.command(name="extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="The output folder (events/, rejects/).")
@click.option("--master", help="Spark master URL (default: local[*], or spark-submit's).")
@click.option("--partitions", type=click.IntRange(min=1), help="Repartition the input first.")
@click.option("--append", is_flag=True,
              help="Add to an earlier run's output (new files; records already there are kept "
                   "once), so that the next fuse touches only the blocks they change.")
def spark_extract(inputs, output, master, partitions, append):
    """Read JSON Lines, text and HTML files (or Parquet with a text column), extract per
    partition, write Parquet: events (partitioned by block: type and month) and rejects."""
    from .spark import extract as run, session

    for path in inputs:
        if not Path(path).exists():
            _fail(f"{path}: no such file or directory")
    s = session(master)
    try:
        counts = run(s, list(inputs), output, partitions=partitions, append=append)
    finally:
        s.stop()
    click.echo(f"{counts['articles']} articles, {counts['events']} events, {counts['rejects']} "
               f"rejected (see {output}/rejects)", err=True)


@spark.command(name="fuse")
@click.argument("events_dir", metavar="DIR")
@click.option("-o", "--output", required=True, help="The output folder (fused/, links/).")
@click.option("--master", help="Spark master URL (default: local[*], or spark-submit's).")
@click.option("--decisions", type=click.Path(exists=True, dir_okay=False),
              help="A store whose review decisions (the desk's) fusion obeys.")
def spark_fuse(events_dir, output, master, decisions):
    """Fuse 'spark extract''s events block by block, in parallel: the fused events and ids of
    'veille fuse' on the same input."""
    from .spark import fuse as run, session

    if not Path(events_dir).exists():
        _fail(f"{events_dir}: no such folder")
    s = session(master)
    try:
        counts = run(s, events_dir, output, decisions=decisions)
    finally:
        s.stop()
    click.echo(f"{counts['fused']} fused events in {counts['blocks']} blocks "
               f"({counts['changed']} fused again), {counts['links']} escalation links "
               f"(see {output}/links)", err=True)


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
