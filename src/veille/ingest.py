"""Reading articles: .txt, .jsonl/.json, .html files, directories and standard input.

``read_articles`` yields :class:`Article` records and :class:`Notice` records (an input
that was skipped, or read with a caveat). A bad input never stops the batch.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .errors import note_message, skip_message, warn_message
from .records import Article, Notice

SUFFIXES = {".txt": "text", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
            ".html": "html", ".htm": "html"}
DEFAULT_MAX_CHARS = 1_000_000

# a leading metadata line: " date 2024-11" (scrapers) or "date: 2024-06-12"
_HEADER = re.compile(r"\A\s*(?:date|published|publié|publie)\s*:?[ \t]+"
                     r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*\n?", re.IGNORECASE)
# a page's own line near the top: "Publié le 12 juin 2024 à 10h05", "Mis à jour le 12/06/2024"
_PUBLISHED_LINE = re.compile(r"^\W{0,3}(?:publi[ée]e?|mis en ligne|paru)\s+le\s+"
                             r"(?P<date>(?:\w+\s+)?\d{1,2}(?:er)?[\s/.-]+(?:\w+|\d{1,2})"
                             r"[\s/.-]+\d{4})", re.IGNORECASE | re.MULTILINE)
# the keys a feed may give the publication date under, "published" first
DATE_KEYS = ("published", "date", "published_at", "pubDate", "publication_date", "datePublished")
# an ISO date, maybe followed by a time ("2024-11-26T10:00:00Z"), but not "2024/11/26"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d/.-])")
_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m"}
_RFC822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{2}:\d{2}")


# byte-order marks, longest first (UTF-32 LE begins like UTF-16 LE)
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16")]
_SURROGATE = re.compile("[\ud800-\udfff]")
_META_FIELDS = ("url", "source", "title", "lang")
_DIGITS = re.compile(r"^\d{5,}(?:\.\d+)?$")


def read_articles(paths: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS,
                  stdin=None, epoch_dates: bool = False, stdin_id: str | None = None,
                  stdin_published: str | None = None) -> Iterator[Article | Notice]:
    """Read every article under ``paths``; ``-`` is standard input. ``epoch_dates``: a
    numeric ``published`` is seconds since 1970 (UTC), not an unknown date. ``stdin_id``
    and ``stdin_published``: the id and publication date of a text read from standard
    input (JSON Lines on standard input carry their own)."""
    opts = _Opts(max_chars, epoch_dates, stdin_id, stdin_published)
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(stdin or sys.stdin, opts)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                yield from read_file(file, max_chars=max_chars, epoch_dates=epoch_dates)
        elif path.exists():
            yield from read_file(path, max_chars=max_chars, epoch_dates=epoch_dates)
        else:
            yield Notice(origin=str(path), reason=skip_message("E001"), code="E001")


class _Opts:
    __slots__ = ("max_chars", "epoch_dates", "date_keys", "stdin_id", "stdin_published")

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS, epoch_dates: bool = False,
                 stdin_id: str | None = None, stdin_published: str | None = None):
        self.max_chars = max_chars
        self.epoch_dates = epoch_dates
        self.date_keys: dict[str, int] = {}  # alias key -> articles dated by it, per file
        self.stdin_id = stdin_id
        self.stdin_published = stdin_published


def _date_keys_note(opts: "_Opts", origin: str) -> Iterator[Notice]:
    """Say once per file which other key the publication dates came from."""
    if opts.date_keys:
        n = sum(opts.date_keys.values())
        keys = ", ".join(f"'{k}'" for k in sorted(opts.date_keys))
        yield Notice(origin=origin, reason=note_message("I001", keys=keys, n=n, s="s" * (n != 1)),
                     code="I001", skipped=False)
        opts.date_keys.clear()


def read_file(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS,
              epoch_dates: bool = False) -> Iterator[Article | Notice]:
    opts = _Opts(max_chars, epoch_dates)
    kind = SUFFIXES.get(path.suffix.lower())
    origin = str(path)
    if kind is None:
        yield Notice(origin=origin, reason=skip_message("E011", suffix=path.suffix), code="E011")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Notice(origin=origin, reason=skip_message("E012", msg=err.strerror), code="E012")
        return
    if kind == "jsonl":
        lines = _decode_lines(data, origin)
        if isinstance(lines, Notice):
            yield lines
        else:
            yield from _read_jsonl(lines, origin, opts)
        return
    text = _decode(data, origin)
    if isinstance(text, Notice) and text.code == "E004" and kind == "html":
        # a page in its own charset (windows-1252, latin-1, declared in <meta>): trafilatura
        # reads the bytes and the declaration
        yield from _read_html(data, path.stem, origin, opts.max_chars)
    elif isinstance(text, Notice):
        yield text
    elif kind == "html":
        yield from _read_html(text, path.stem, origin, opts.max_chars)
    else:
        yield from _read_text(text, path.stem, origin, opts.max_chars)


def _bom(data: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def _binary(data: bytes) -> bool:
    """NUL bytes make a file binary, unless a UTF-16/32 byte-order mark says why they are
    there; a JSON Lines file with a stray NUL is not binary (that line alone is bad)."""
    head = data[:8192]
    return b"\x00" in head and _bom(head) in (None, "utf-8-sig")


def _where_byte(data: bytes, pos: int) -> tuple[int, int]:
    """The line (from 1) and column (from 1, in bytes) of byte ``pos``."""
    line_start = data.rfind(b"\n", 0, pos) + 1
    return data.count(b"\n", 0, pos) + 1, pos - line_start + 1


def _decode(data: bytes, origin: str) -> str | Notice:
    if not data.strip():
        return Notice(origin=origin, reason=skip_message("E002"), code="E002")
    if _binary(data):
        return Notice(origin=origin, reason=skip_message("E003"), code="E003")
    encoding = _bom(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line, col = _where_byte(data, err.start) if encoding == "utf-8" else (0, err.start)
        byte = f"0x{data[err.start]:02x}"
        where = f"{origin}:{line}" if line else origin
        return Notice(origin=where, reason=skip_message("E004", pos=col, byte=byte),
                      code="E004")
    return text.lstrip("\ufeff") if encoding != "utf-8-sig" else text


def _decode_lines(data: bytes, origin: str) -> list[str | Notice] | Notice:
    """JSON Lines, decoded line by line: a bad byte costs its line, not the file."""
    if not data.strip():
        return Notice(origin=origin, reason=skip_message("E002"), code="E002")
    encoding = _bom(data)
    if encoding in ("utf-16", "utf-32"):  # whole-file encodings: lines cannot be cut in bytes
        text = _decode(data, origin)
        return text if isinstance(text, Notice) else _json_lines(text)
    if b"\x00" in data[:8192] and data[:8192].count(b"\x00") * 20 > len(data[:8192]):
        return Notice(origin=origin, reason=skip_message("E003"), code="E003")
    if encoding == "utf-8-sig":
        data = data[len(codecs.BOM_UTF8):]
    out: list[str | Notice] = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as err:
            byte = f"0x{raw[err.start]:02x}"
            out.append(Notice(origin=f"{origin}:{number}",
                              reason=skip_message("E004", pos=err.start + 1, byte=byte),
                              code="E004"))
    return out


def _read_stdin(stream, opts: "_Opts") -> Iterator[Article | Notice]:
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    head = data.lstrip()[:4]
    if _bom(data) is None and head[:1] in (b"{", b"["):
        lines = _decode_lines(data, "<stdin>")
        if isinstance(lines, Notice):
            yield lines
        else:
            yield from _read_jsonl(lines, "<stdin>", opts)
        return
    text = _decode(data, "<stdin>")
    if isinstance(text, Notice):
        yield text
    elif text.lstrip()[:1] in ("{", "["):
        yield from _read_jsonl(_json_lines(text), "<stdin>", opts)
    else:
        published, notice = parse_published(opts.stdin_published, "--published")
        if notice is not None:
            yield notice
        yield from _read_text(text, "stdin", "<stdin>", opts.max_chars, ident=opts.stdin_id,
                              published=published)


def _json_lines(text: str) -> list[str]:
    """JSON Lines end at "\n" only: str.splitlines would also cut at U+2028, U+0085... that a
    JSON string may hold unescaped (scraped text often does)."""
    return text.split("\n")


def _too_long(text: str, origin: str, max_chars: int) -> Notice | None:
    if len(text) > max_chars:
        return Notice(origin=origin, reason=skip_message("E008", size=len(text), limit=max_chars),
                      code="E008")
    return None


def _read_text(text: str, stem: str, origin: str, max_chars: int, *, ident: str | None = None,
               published: str | None = None) -> Iterator[Article | Notice]:
    warning = note = None
    match = _HEADER.match(text)
    if match:
        found, warning = parse_published(match.group(1), origin)
        published = published or found
        text = text[match.end():]
    if published is None:
        published, note = _published_line(text, origin)
    if not text.strip():
        yield Notice(origin=origin, reason=skip_message("E002"), code="E002")
        return
    if notice := _too_long(text, origin, max_chars):
        yield notice
        return
    if warning:
        yield warning
    if note:
        yield note
    yield Article(id=ident or stem, text=text, published=published, origin=origin)


def _published_line(text: str, origin: str) -> tuple[str | None, Notice | None]:
    """A "Publié le 12 juin 2024" line among the first lines of a page."""
    head = "\n".join(text.splitlines()[:8])
    match = _PUBLISHED_LINE.search(head)
    if match is None:
        return None, None
    published, problem = parse_published(match.group("date"), origin)
    if published is None or problem is not None:
        return None, None
    line = head[match.start():head.find("\n", match.start()) % (len(head) + 1)].strip()
    return published, Notice(origin=origin, reason=note_message("I002", line=line[:60]),
                             code="I002", skipped=False)


def _read_jsonl(lines: list[str | Notice], origin: str, opts: "_Opts") -> Iterator[Article | Notice]:
    first = next((line.lstrip()[:1] for line in lines
                  if isinstance(line, str) and line.strip()), "")
    broken = None  # the whole file read as one JSON document failed: why
    if first in ("[", "{") and all(isinstance(line, str) for line in lines):
        # a .json file may hold one object (maybe over several lines) or a list of objects
        whole = None
        try:
            whole = json.loads("\n".join(lines))
        except json.JSONDecodeError as err:
            broken = Notice(origin=f"{origin}:{err.lineno}",
                            reason=skip_message("E005", msg=err.msg), code="E005")
        except RecursionError:
            broken = Notice(origin=f"{origin}:1",
                            reason=skip_message("E005", msg="nested too deeply"), code="E005")
        except ValueError as err:
            broken = Notice(origin=f"{origin}:1", reason=skip_message("E005", msg=str(err)[:120]),
                            code="E005")
        if isinstance(whole, list):
            for number, obj in enumerate(whole, 1):
                yield from _article_from_obj(obj, f"{origin}:{number}", opts)
            yield from _date_keys_note(opts, origin)
            return
        if isinstance(whole, dict):
            yield from _article_from_obj(whole, f"{origin}:1", opts)
            yield from _date_keys_note(opts, origin)
            return
    # JSON Lines: each line on its own, a bad one costs only itself. A list spread over
    # lines that does not parse would give one notice per line: while no line has read
    # well, its notices wait, and become the one notice of the whole file
    waiting: list[Notice] | None = [] if broken is not None and first == "[" else None
    for number, line in enumerate(lines, 1):
        if isinstance(line, Notice):
            item = line
        elif not line.strip():
            continue
        else:
            where = f"{origin}:{number}"
            try:
                item = (json.loads(line), where)
            except json.JSONDecodeError as err:
                item = Notice(origin=where, reason=skip_message("E005", msg=err.msg),
                              code="E005")
            except RecursionError:
                item = Notice(origin=where, reason=skip_message("E005", msg="nested too deeply"),
                              code="E005")
            except ValueError as err:  # an integer of more digits than Python converts
                item = Notice(origin=where, reason=skip_message("E005", msg=str(err)[:120]),
                              code="E005")
        if isinstance(item, Notice):
            if waiting is not None:
                waiting.append(item)
            else:
                yield item
            continue
        if waiting is not None:
            yield from waiting
            waiting = None
        yield from _article_from_obj(item[0], item[1], opts)
    if waiting:
        yield broken
    yield from _date_keys_note(opts, origin)


def _kind(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _sound(value: str, field: str, where: str, notices: list[Notice]) -> str:
    """``value`` with lone surrogates (from JSON escapes like "\\ud800": no UTF-8 can hold
    them) replaced by U+FFFD, one for one, so that offsets stay right."""
    n = len(_SURROGATE.findall(value))
    if not n:
        return value
    notices.append(Notice(origin=where, reason=warn_message("W004", field=field, n=n,
                                                            s="s" * (n != 1)),
                          code="W004", skipped=False))
    return _SURROGATE.sub("\ufffd", value)


def _article_from_obj(obj, where: str, opts: "_Opts") -> Iterator[Article | Notice]:
    if not isinstance(obj, dict):
        yield Notice(origin=where, reason=skip_message("E006"), code="E006")
        return
    text = obj.get("text")
    if not isinstance(text, str):
        yield Notice(origin=where, reason=skip_message("E007"), code="E007")
        return
    if not text.strip():
        yield Notice(origin=where, reason=skip_message("E002"), code="E002")
        return
    if notice := _too_long(text, where, opts.max_chars):
        yield notice
        return
    notices: list[Notice] = []
    text = _sound(text, "text", where, notices)
    meta = {}
    for name in _META_FIELDS:
        value = obj.get(name)
        if value is None or isinstance(value, str):
            meta[name] = _sound(value, name, where, notices) if value else value
        else:
            notices.append(Notice(origin=where, reason=warn_message(
                "W005", field=name, kind=_kind(value)), code="W005", skipped=False))
            meta[name] = None
    key = next((k for k in DATE_KEYS if obj.get(k) not in (None, "")), "published")
    if key != "published":
        opts.date_keys[key] = opts.date_keys.get(key, 0) + 1
    published, notice = _published_field(obj.get(key), where, opts.epoch_dates)
    if notice:
        notices.append(notice)
    header = _HEADER.match(text)
    if header:  # a scraped page's leading " date 2023-11" line: metadata, not text
        text = text[header.end():]
        if published is None:
            published, _ = parse_published(header.group(1), where)
    ident = obj.get("id")
    if isinstance(ident, bool) or not isinstance(ident, (str, int, type(None))):
        notices.append(Notice(origin=where, reason=warn_message(
            "W005", field="id", kind=_kind(ident)), code="W005", skipped=False))
        ident = None
    if isinstance(ident, str):
        ident = _sound(ident, "id", where, notices)
    if ident is None or str(ident) == "":
        ident = f"{Path(where.rsplit(':', 1)[0]).stem}-{where.rsplit(':', 1)[-1]}"
    yield from notices
    yield Article(id=str(ident), text=text, published=published, url=meta["url"],
                  source=meta["source"], lang=meta["lang"], title=meta["title"], origin=where)


def _published_field(value, where: str, epoch_dates: bool) -> tuple[str | None, Notice | None]:
    """A JSON ``published``: a date string, a year, or (``epoch_dates``) epoch seconds. A
    bigger number is never read as a date silently."""
    numeric = (isinstance(value, (int, float)) and not isinstance(value, bool)) or \
        (isinstance(value, str) and _DIGITS.match(value.strip()) is not None)
    if numeric:
        try:
            number = float(value)
        except OverflowError:
            number = float("inf")
        if number == number and number not in (float("inf"), float("-inf")) and \
                number.is_integer() and 1900 <= number <= 2100:
            return str(int(number)), None  # a year
        if not epoch_dates:
            return None, Notice(origin=where, reason=warn_message("W006", value=value),
                                code="W006", skipped=False)
        try:
            day = dt.datetime.fromtimestamp(number, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            day = None
        if day is None or not 1900 <= day.year <= 2100:
            return None, Notice(origin=where, reason=warn_message("W001", value=value),
                                code="W001", skipped=False)
        return day.isoformat(), None
    if value is not None and not isinstance(value, str):  # a list, an object, a boolean
        return None, Notice(origin=where, reason=warn_message("W001", value=value),
                            code="W001", skipped=False)
    if isinstance(value, str):
        value = _SURROGATE.sub("\ufffd", value)
    return parse_published(value, where)


def parse_published(value, where: str) -> tuple[str | None, Notice | None]:
    """Normalise a publication date to ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, keeping the
    precision it was given with ("novembre 2024" is ``2024-11``). Relative words ("hier",
    "mardi") and dates without a year are not publication dates: read as unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).strip()
    unknown = Notice(origin=where, reason=warn_message("W001", value=text), code="W001",
                     skipped=False)
    match = _ISO.match(text)
    if match:
        return ("-".join(g for g in match.groups() if g), None) if _valid(match) else (None, unknown)
    if _RFC822.match(text):  # an RSS pubDate: "Wed, 12 Jun 2024 08:15:00 +0200"
        from email.utils import parsedate_to_datetime

        try:
            day = parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            return None, unknown
        return (day.isoformat(), None) if 1900 <= day.year <= 2100 else (None, unknown)
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None, unknown
    return data.date_obj.strftime(_PERIOD_FORMATS.get(data.period, "%Y-%m-%d")), None


@lru_cache(maxsize=1)
def _date_parser():
    # only for the rare free-form date: dateparser is slow to import
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["fr", "en"], settings={
        "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False,
        "PARSERS": ["absolute-time", "custom-formats"], "REQUIRE_PARTS": ["year"]})


def _valid(match: re.Match) -> bool:
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return 1900 <= int(year) <= 2100


def _read_html(html: str | bytes, stem: str, origin: str, max_chars: int) -> Iterator[Article | Notice]:
    import trafilatura  # heavy: imported only when a page is read

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True)
    except (Exception, RecursionError) as err:  # noqa: BLE001 - a page lxml cannot take
        yield Notice(origin=origin, reason=skip_message("E016", msg=f"{type(err).__name__}: {err}"),
                     code="E016")
        return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        yield Notice(origin=origin, reason=skip_message("E014"), code="E014")
        return
    title = getattr(doc, "title", None)
    published = getattr(doc, "date", None)
    if published:
        published, _ = parse_published(published, origin)
    if notice := _too_long(text, origin, max_chars):
        yield notice
        return
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    yield Article(id=stem, text=text, published=published, title=title,
                  url=getattr(doc, "url", None), source=getattr(doc, "sitename", None),
                  origin=origin)
