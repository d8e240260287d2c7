"""French date expressions, resolved against the publication date with their precision.

``find_dates`` returns every date expression of a sentence with its offsets; ``resolve``
turns one into ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (never more precise than the text and
the publication date allow), given the publication date and the date the sentence is
anchored on (for "la veille", "deux jours plus tôt").
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..kb import flat
from .numbers import parse_number_word


@dataclass(frozen=True, slots=True)
class Published:
    """The publication date and how precise it is."""

    date: dt.date | None
    precision: str | None  # day, month, year or None

    @classmethod
    def parse(cls, value: str | None) -> "Published":
        if not value:
            return cls(None, None)
        parts = value.split("-")
        try:
            if len(parts) == 3:
                return cls(dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day")
            if len(parts) == 2:
                return cls(dt.date(int(parts[0]), int(parts[1]), 1), "month")
            return cls(dt.date(int(parts[0]), 1, 1), "year")
        except ValueError:
            return cls(None, None)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    kind: str  # day, weekday, today, yesterday, eve, nextday, week, month, year, offset
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    shift: int = 0  # days: -1 hier, -2 avant-hier; for offsets the signed count
    # for kind offset: "np" (N jours après X), "clause", or "vague" ("quelques jours après
    # que X": X told as some days before, with no day)
    offset_mode: str | None = None


class DateFinder:
    """Compiled once per knowledge base from its month and weekday names."""

    def __init__(self, months: dict[str, int], weekdays: dict[str, int]):
        self.months = months
        self.weekdays = weekdays
        # abbreviations ("sept.", "nov.") only with their dot: "en sept jours" is no month
        full = [m for m in months if len(m) > 4 or m in ("mars", "mai", "juin", "aout")]
        short = [rf"{m}\." for m in months if m not in full]
        mon = "|".join(sorted(full, key=len, reverse=True) + short)
        wd = "|".join(weekdays)
        num = r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)*)"
        # every kind but the night's starts at a word boundary, tested once for all of them
        self.pattern = re.compile(
            rf"(?P<night>nuit (?:du|de) (?:(?:(?:{wd}) )?(?P<nd1>\d{{1,2}})(?:er)?(?: (?:{mon}))? (?:au|a) (?:ce |cette )?"
            rf"(?:(?:{wd}) )?(?P<nd2>\d{{1,2}})(?:er)? "
            rf"(?P<nmon>{mon})(?: (?P<nyear>(?:19|20)\d\d))?|(?P<nwd1>{wd}) (?:a|au) (?:ce )?(?P<nwd2>{wd})))"
            rf"|\b(?:(?P<dayexp>(?:(?P<dwd>{wd}) )?(?P<day>1er|[0-3]?\d) (?P<dmon>{mon})(?!\w)(?: (?P<dyear>(?:19|20)\d\d))?)"
            rf"|(?P<numeric>(?P<nday>[0-3]?\d)[/.](?P<nmonth>[01]?\d)[/.](?P<nyr>(?:19|20)\d\d)\b)"
            rf"|(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)"
            rf"|(?P<monthexp>(?:(?:debut|fin|mi|courant|en|mois de|au mois de|mois d')[- ]?)(?P<mmon>{mon})(?!\w)(?: (?P<myear>(?:19|20)\d\d))?)"
            rf"|(?P<monyear>(?P<mymon>{mon}) ?(?P<myyear>(?:19|20)\d\d)\b)"
            r"|(?P<vague>(?:quelques|plusieurs) (?:jours?|journees?|semaines?) (?:seulement |a peine )?apres (?:que\b|qu'))"
            rf"|(?P<offset>(?P<onum>{num}) (?:jours?|journees?) (?P<odir>plus tot|plus tard|auparavant|apres|avant|apres que)\b)"
            r"|(?P<eveof>(?:au lendemain|a la veille) (?:de|du|des|d'))"
            rf"|(?P<weekday>(?P<wd>{wd})\b(?P<wdq> (?:dernier|derniere|prochain|matin|soir|apres-midi|soir-la|matin-la))?)"
            r"|(?P<today>aujourd'hui\b|\bce matin\b(?!-)|\bcette nuit\b(?!-)|\bla nuit derniere\b|\bce soir\b(?!-)|\bcet apres-midi\b(?!-)|\bdans la matinee\b|\bcette matinee\b)"
            r"|(?P<yesterday>avant-hier\b|\bhier\b)"
            rf"|(?P<ago>il y a (?P<agonum>{num}) jours\b|il y a une semaine\b)"
            r"|(?P<eve>l'avant-veille\b|\bla veille\b|\ble lendemain\b|\b(?:ce jour|cette nuit|ce soir|ce matin|cet apres-midi|cette journee)-la\b|\b(?:la|cette) meme (?:nuit|journee)\b|\ble meme jour\b)"
            r"|(?P<week>(?:(?:plus tot |plus tard |au debut de |en debut de )?(?:dans |cette |de la |de cette )(?:la )?semaine|la semaine (?:derniere|passee)|ces derniers jours|ces jours-ci|(?:ce|le) week-end(?: dernier| passe)?(?!-la))\b)"
            r"|(?P<thismonth>(?:au |en )?(?:debut|fin|milieu) du mois\b|\bce mois-ci\b|\bplus tot (?:ce|dans le) mois\b|\bcourant du mois\b)"
            r"|(?P<lastmonth>le mois (?:dernier|precedent|passe)\b|\bil y a (?:un|environ un|pres d'un) mois\b)"
            r"|(?P<yearexp>(?:en|debut|fin|courant) (?P<yyear>(?:19|20)\d\d)\b))"
        )

    def find(self, text: str) -> list[DateMention]:
        low = flat(text)
        out = []
        for m in self.pattern.finditer(low):
            mention = self._mention(m, text)
            if mention is not None:
                out.append(mention)
        return out

    def _mention(self, m: re.Match, text: str) -> DateMention | None:
        s, e = m.start(), m.end()
        raw = text[s:e]
        g = m.groupdict()
        if g["night"]:
            if g["nd2"]:
                return DateMention(s, e, raw, "day", day=int(g["nd2"]), month=self.months[g["nmon"].rstrip(".")],
                                   year=int(g["nyear"]) if g["nyear"] else None)
            return DateMention(s, e, raw, "weekday", weekday=self.weekdays[g["nwd2"]])
        if g["dayexp"]:
            day = 1 if g["day"] == "1er" else int(g["day"])
            if not 1 <= day <= 31:
                return None
            return DateMention(s, e, raw, "day", day=day, month=self.months[g["dmon"].rstrip(".")],
                               year=int(g["dyear"]) if g["dyear"] else None)
        if g["numeric"]:
            day, month = int(g["nday"]), int(g["nmonth"])
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return None
            return DateMention(s, e, raw, "day", day=day, month=month, year=int(g["nyr"]))
        if g["iso"]:
            return DateMention(s, e, raw, "day", day=int(g["id"]), month=int(g["im"]),
                               year=int(g["iy"]))
        if g["monthexp"]:
            return DateMention(s, e, raw, "month", month=self.months[g["mmon"].rstrip(".")],
                               year=int(g["myear"]) if g["myear"] else None)
        if g["monyear"]:
            return DateMention(s, e, raw, "month", month=self.months[g["mymon"].rstrip(".")],
                               year=int(g["myyear"]))
        if g["vague"]:  # "quelques jours après que X": X some days before, no day told
            return DateMention(s, e, raw, "offset", offset_mode="vague")
        if g["offset"]:
            count = parse_number_word(g["onum"])
            if count is None or count > 60:
                return None
            direction = g["odir"]
            if direction in ("apres", "apres que"):
                return DateMention(s, e, raw, "offset", shift=-count, offset_mode="np")
            if direction == "avant":
                return DateMention(s, e, raw, "offset", shift=count, offset_mode="np")
            sign = 1 if direction == "plus tard" else -1
            return DateMention(s, e, raw, "offset", shift=sign * count, offset_mode="clause")
        if g["eveof"]:  # "au lendemain de l'explosion": the explosion was the day before
            shift = -1 if g["eveof"].startswith("au lendemain") else 1
            return DateMention(s, e, raw, "offset", shift=shift, offset_mode="np")
        if g["weekday"]:
            qualifier = (g["wdq"] or "").strip()
            if qualifier == "prochain":
                return None
            last = qualifier in ("dernier", "derniere")  # "lundi dernier": never today
            return DateMention(s, e, raw, "weekday", weekday=self.weekdays[g["wd"]],
                               shift=-7 if last else 0)
        if g["today"]:
            return DateMention(s, e, raw, "today")
        if g["yesterday"]:
            return DateMention(s, e, raw, "yesterday", shift=-2 if "avant" in g["yesterday"] else -1)
        if g["ago"]:  # "il y a deux jours": that many days before the page's day
            count = 7 if g["ago"].endswith("semaine") else parse_number_word(g["agonum"])
            if count is None or not 1 <= count <= 14:
                return None
            return DateMention(s, e, raw, "yesterday", shift=-count)
        if g["eve"]:
            # "ce jour-là", "cette nuit-là", "la même nuit": the day the sentence is anchored on
            shift = {"l'avant-veille": -2, "la veille": -1, "le lendemain": 1}.get(g["eve"], 0)
            return DateMention(s, e, raw, "eve", shift=shift)
        if g["week"]:
            last = "derniere" in g["week"] or "passee" in g["week"]
            return DateMention(s, e, raw, "week", shift=-7 if last else 0)
        if g["thismonth"]:
            return DateMention(s, e, raw, "thismonth")
        if g["lastmonth"]:
            return DateMention(s, e, raw, "lastmonth")
        if g["yearexp"]:
            return DateMention(s, e, raw, "year", year=int(g["yyear"]))
        return None


def _fmt(day: dt.date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def resolve(m: DateMention, pub: Published, anchor: dt.date | None) -> tuple[str | None, dt.date | None]:
    """The date as a string of the right precision, and as a day when it is one."""
    p, base = pub.precision, pub.date
    if m.kind == "day":
        year = m.year
        if year is None:
            ref = base if p in ("day", "month") else anchor
            if ref is None:
                return None, None
            year = ref.year
            try:
                guess = dt.date(year, m.month, m.day)
            except ValueError:
                return None, None
            limit = ref + dt.timedelta(days=2) if p == "day" or ref is anchor else \
                dt.date(ref.year, ref.month, 28) + dt.timedelta(days=4)
            if guess > limit:
                year -= 1
        try:
            day = dt.date(year, m.month, m.day)
        except ValueError:
            return None, None
        return day.isoformat(), day
    if m.kind == "month":
        year = m.year
        if year is None:
            if base is None or p == "year":
                return None, None
            year = base.year - (1 if m.month > base.month else 0)
        return f"{year:04d}-{m.month:02d}", None
    if m.kind == "year":
        return f"{m.year:04d}", None
    if base is None or p == "year":
        if m.kind == "eve" and anchor is not None:
            day = anchor + dt.timedelta(days=m.shift)
            return day.isoformat(), day
        if base is not None and m.kind in ("today", "yesterday", "weekday", "eve", "week",
                                           "thismonth", "offset"):
            # only the year is known (a url's year folder): a day told relative to the page
            # stays at year precision, as it stays at month precision under a month
            return _fmt(base, "year"), None
        return None, None
    if m.kind == "eve":
        if anchor is not None:
            day = anchor + dt.timedelta(days=m.shift)
            return day.isoformat(), day
        if m.shift == 0:  # "ce jour-là" with nothing before it to point to
            return None, None
        m = DateMention(m.start, m.end, m.text, "yesterday", shift=m.shift)
    if p == "month":  # only the month is known: relative days stay at month precision
        if m.kind == "lastmonth":
            prev = base.replace(day=1) - dt.timedelta(days=1)
            return _fmt(prev, "month"), None
        return _fmt(base, "month"), None
    if m.kind == "today":
        return base.isoformat(), base
    if m.kind == "yesterday":
        day = base + dt.timedelta(days=m.shift)
        return day.isoformat(), day
    if m.kind == "weekday":
        back = (base.weekday() - m.weekday) % 7
        if back == 0 and m.shift:
            back = 7
        day = base - dt.timedelta(days=back)
        return day.isoformat(), day
    if m.kind == "week":
        hi = base + dt.timedelta(days=m.shift)
        lo = hi - dt.timedelta(days=6)
        if (lo.year, lo.month) == (hi.year, hi.month):
            return _fmt(hi, "month"), None
        return (_fmt(hi, "year"), None) if lo.year == hi.year else (None, None)
    if m.kind == "thismonth":
        return _fmt(base, "month"), None
    if m.kind == "lastmonth":
        prev = base.replace(day=1) - dt.timedelta(days=1)
        return _fmt(prev, "month"), None
    return None, None


def shift_date(day: dt.date | None, days: int) -> tuple[str | None, dt.date | None]:
    if day is None:
        return None, None
    out = day + dt.timedelta(days=days)
    return out.isoformat(), out


_AGENCIES = (r"AFP|Reuters|AP|Belga|ATS|Keystone-ATS|DPA|dpa|EFE|ANSA|Interfax|TASS|RIA Novosti|"
             r"Ukrinform|UNIAN|Xinhua|Bloomberg|CP|La Presse Canadienne")


class Dateline:
    """A wire dispatch's dateline, "KYIV, 26 novembre (Reuters) -": the day it was filed."""

    def __init__(self, months: dict[str, int]):
        self.months = months
        names = "|".join(sorted((m for m in months if len(m) > 4 or m in ("mars", "mai", "juin", "aout")),
                                key=len, reverse=True))
        self.pattern = re.compile(
            rf"(?:^|\n)[^\S\n]*(?:[A-ZÀ-Ý][\w'’ .-]{{1,40}},\s*)?(?:\w+\s+)?(?P<day>1er|[0-3]?\d)\s+"
            rf"(?P<month>{names})(?:\s+(?P<year>(?:19|20)\d\d))?\s*\((?:{_AGENCIES})[^)\n]{{0,30}}\)\s*[-–—]",
            re.IGNORECASE)

    def refine(self, pub: Published, text: str) -> Published:
        """The publication date made as precise as the dispatch's dateline allows: a page
        dated to the month, or not at all, whose dispatch is dated "17 décembre (Reuters) -"
        was written that day (the year from the page, or from the dateline)."""
        m = self.pattern.search(flat(text[:600]))
        if m is None or pub.precision == "day":
            return pub
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        month = self.months[m.group("month").lower()]
        year = int(m.group("year")) if m.group("year") else (pub.date.year if pub.date else None)
        if year is None or (pub.precision == "month" and pub.date.month != month and not m.group("year")):
            return pub
        try:
            return Published(dt.date(year, month, day), "day")
        except ValueError:
            return pub

