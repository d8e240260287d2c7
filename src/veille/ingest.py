"""Reading articles: .txt, .jsonl/.json, .html files, directories and standard input.

``read_articles`` yields :class:`Article` records and :class:`Notice` records (an input
that was skipped, or read with a caveat). A bad input never stops the batch.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .errors import skip_message, warn_message
from .records import Article, Notice

SUFFIXES = {".txt": "text", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
            ".html": "html", ".htm": "html"}
DEFAULT_MAX_CHARS = 1_000_000

_HEADER = re.compile(r"\A\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*\n?")
# an ISO date, maybe followed by a time ("2024-11-26T10:00:00Z"), but not "2024/11/26"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d/.-])")
_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m"}


def read_articles(paths: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS,
                  stdin=None) -> Iterator[Article | Notice]:
    """Read every article under ``paths``; ``-`` is standard input."""
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(stdin or sys.stdin, max_chars)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                yield from read_file(file, max_chars=max_chars)
        elif path.exists():
            yield from read_file(path, max_chars=max_chars)
        else:
            yield Notice(origin=str(path), reason=skip_message("E001"), code="E001")


def read_file(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | Notice]:
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
    text = _decode(data, origin)
    if isinstance(text, Notice):
        yield text
        return
    if kind == "jsonl":
        yield from _read_jsonl(_json_lines(text), origin, max_chars)
    elif kind == "html":
        yield from _read_html(text, path.stem, origin, max_chars)
    else:
        yield from _read_text(text, path.stem, origin, max_chars)


def _decode(data: bytes, origin: str) -> str | Notice:
    if not data.strip():
        return Notice(origin=origin, reason=skip_message("E002"), code="E002")
    if b"\x00" in data[:8192]:
        return Notice(origin=origin, reason=skip_message("E003"), code="E003")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        byte = f"0x{data[err.start]:02x}"
        return Notice(origin=origin, reason=skip_message("E004", pos=err.start, byte=byte),
                      code="E004")


def _read_stdin(stream, max_chars: int) -> Iterator[Article | Notice]:
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    text = _decode(data, "<stdin>")
    if isinstance(text, Notice):
        yield text
    elif text.lstrip()[:1] in ("{", "["):
        yield from _read_jsonl(_json_lines(text), "<stdin>", max_chars)
    else:
        yield from _read_text(text, "stdin", "<stdin>", max_chars)


def _json_lines(text: str) -> list[str]:
    """JSON Lines end at "\n" only: str.splitlines would also cut at U+2028, U+0085... that a
    JSON string may hold unescaped (scraped text often does)."""
    return text.split("\n")


def _too_long(text: str, origin: str, max_chars: int) -> Notice | None:
    if len(text) > max_chars:
        return Notice(origin=origin, reason=skip_message("E008", size=len(text), limit=max_chars),
                      code="E008")
    return None


def _read_text(text: str, stem: str, origin: str, max_chars: int) -> Iterator[Article | Notice]:
    published = warning = None
    match = _HEADER.match(text)
    if match:
        published, warning = parse_published(match.group(1), origin)
        text = text[match.end():]
    if not text.strip():
        yield Notice(origin=origin, reason=skip_message("E002"), code="E002")
        return
    if notice := _too_long(text, origin, max_chars):
        yield notice
        return
    if warning:
        yield warning
    yield Article(id=stem, text=text, published=published, origin=origin)


def _read_jsonl(lines: list[str], origin: str, max_chars: int) -> Iterator[Article | Notice]:
    first = next((line.lstrip()[:1] for line in lines if line.strip()), "")
    if first in ("[", "{"):
        # a .json file may hold one object (maybe over several lines) or a list of objects
        try:
            whole = json.loads("\n".join(lines))
        except json.JSONDecodeError as err:
            if first == "[":  # a broken list: one notice, not one per line
                yield Notice(origin=f"{origin}:{err.lineno}",
                             reason=skip_message("E005", msg=err.msg), code="E005")
                return
            whole = None  # JSON Lines: read line by line below
        if isinstance(whole, list):
            for number, obj in enumerate(whole, 1):
                yield from _article_from_obj(obj, f"{origin}:{number}", max_chars)
            return
        if isinstance(whole, dict):
            yield from _article_from_obj(whole, f"{origin}:1", max_chars)
            return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Notice(origin=where, reason=skip_message("E005", msg=err.msg), code="E005")
            continue
        yield from _article_from_obj(obj, where, max_chars)


def _article_from_obj(obj, where: str, max_chars: int) -> Iterator[Article | Notice]:
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
    if notice := _too_long(text, where, max_chars):
        yield notice
        return
    published, notice = parse_published(obj.get("published"), where)
    if notice:
        yield notice
    header = _HEADER.match(text)
    if header:  # a scraped page's leading " date 2023-11" line: metadata, not text
        text = text[header.end():]
        if published is None:
            published, _ = parse_published(header.group(1), where)
    ident = obj.get("id")
    if ident is None or str(ident) == "":
        ident = f"{Path(where.rsplit(':', 1)[0]).stem}-{where.rsplit(':', 1)[-1]}"
    yield Article(id=str(ident), text=text, published=published,
                  url=obj.get("url"), source=obj.get("source"), lang=obj.get("lang"),
                  title=obj.get("title"), origin=where)


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
        "PARSERS": ["timestamp", "absolute-time", "custom-formats"], "REQUIRE_PARTS": ["year"]})


def _valid(match: re.Match) -> bool:
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return 1900 <= int(year) <= 2100


def _read_html(html: str, stem: str, origin: str, max_chars: int) -> Iterator[Article | Notice]:
    import trafilatura  # heavy: imported only when a page is read

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
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
