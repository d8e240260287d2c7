"""Frames: what one sentence says about one happening, and the context an article carries
from sentence to sentence; with the rules that cut, join and date frames inside a sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..kb import Place
from .attribution import Who
from .cues import Trigger
from .dates import Published
from .numbers import Count
from .weapons import WeaponMention

_SPREAD_KM = 150


@dataclass(slots=True)
class Frame:
    """What one sentence says about one happening."""

    type: str | None  # None: a continuation (counts, casualties) with no trigger of its own
    sent: int
    start: int
    end: int
    sent_start: int  # offset of the sentence in the cleaned text
    triggers: list[Trigger] = field(default_factory=list)
    date: str | None = None
    day: dt.date | None = None
    date_span: tuple[int, int] | None = None
    date_rule: str = ""
    places: list[tuple[Place, int, int]] = field(default_factory=list)
    country: str | None = None
    country_span: tuple[int, int] | None = None
    weapons: list[WeaponMention] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    actor: Who | None = None
    claimant: Who | None = None
    all_intercepted: bool = False
    no_casualties: bool = False
    no_hit: bool = False  # "aucun n'a atteint sa cible"
    anaphoric: bool = False  # "dans cette frappe": the one told before
    # the town of a local body the knowledge base knows by name ("l'administration militaire
    # de la ville de Kherson"): where the strike is, when nothing else tells
    body_place: Place | None = None
    one_missed: bool = False  # "le troisième missile n'a pas atteint sa cible"
    hedged: bool = False
    new_event: bool = False
    recalled: bool = False
    date_by_offset: bool = False
    # "quelques jours après que Moscou a tiré ...": some days before, no day to give
    undated_before: bool = False
    context_key: str | None = None  # the day the sentence before named, when this has none
    day_key: str | None = None  # the day named ("wd1" for a Tuesday), to tell days apart
    spread: bool = False  # names places in several regions ("régions de Koursk, Voronej ...")
    national: bool = False  # the whole country's figures ("dans l'ensemble du pays")
    whole: bool = False  # the whole of a tally told region by region (split_shares)
    share: bool = False  # one region's share of such a tally
    weapon_side: Who | None = None  # "46 drones russes": who fired, when nothing else says
    body_tally: bool = False  # a national body's count with no place ("selon l'armée de l'air")
    contextless: bool = False  # "une attaque" with no weapon word: strikes only in a war story
    weak: bool = False  # only generic nouns ("les frappes"): joins a neighbour, starts nothing
    rest_hit: bool = False  # "les autres ont frappé": what was not downed reached a target
    # the counts "qui n'ont pas pu être interceptés" follows (where each starts): weapons that
    # got through, none of them shot down
    through: tuple[int, ...] = ()
    # the kinds every one of which was shot down, with no figure: "la totalité des drones et
    # 11 Kalibr ont été abattus" ("drone")
    all_of: tuple[str, ...] = ()
    whole_country: bool = False  # fired "sur le pays", "contre l'Ukraine": the whole country
    wider: bool = False  # a tally that says where part of it went ("dont la moitié au-dessus de cette région")
    timed: bool = False  # names a time ("dimanche", "dans la nuit") the publication date cannot place
    incident: bool = False  # one incident by its nature: a named airspace violated
    habitual: bool = False  # a campaign or a habit ("depuis le début de la guerre")
    office_place: Place | None = None  # where the local official who speaks holds office
    also: bool = False  # "ont également été tirés": more of the same happening
    definite: bool = False  # "les deux missiles tirés": figures of weapons told already
    others: bool = False  # "deux autres personnes ont été tuées": victims beyond those told
    another: bool = False  # "un autre missile a été abattu près de X": a weapon beyond those told
    some_site: bool = False  # "... a visé une base dans le nord": a site not named, not the one told


@dataclass(slots=True)
class ArticleContext:
    pub: Published
    anchor: dt.date | None = None
    last_claim: Who | None = None
    last_claim_sent: int = -10
    last_capital: Place | None = None
    last_country: Place | None = None  # whose capital "sa capitale" is, when none was named
    recent_actors: list = field(default_factory=list)
    prev_key: str | None = None  # the day the previous sentence named
    list_role: str | None = None  # the count role a sentence ending in ":" gives its list
    last_role: str | None = None  # the last count role the sentence before gave
    last_region: Place | None = None  # what "la région" refers to next
    last_city: Place | None = None  # what "la même ville" refers to next
    table_roles: list | None = None  # the count role of each column of the table being read
    said: dict = field(default_factory=dict)  # sentence index -> who that sentence says spoke
    # the countries of the places every sentence names, frame or not
    countries: Counter = field(default_factory=Counter)
    named_city: tuple | None = None  # the one town a sentence named last, and that sentence
    sites: dict = field(default_factory=dict)  # "raffinerie" -> the place "la raffinerie" is


def tallies_weapons(count) -> bool:
    """Does a count tell weapons as a tally does? Not people, and not "un drone a frappé un
    dépôt": one weapon that hit is no tally."""
    return count.domain != "person" and (count.role != "hit" or count.value > 1)


def is_spread(places) -> bool:
    """Places in several regions far apart ("Koursk, Voronej, Briansk"), not a city and the
    region around it (Sevastopol and Crimea)."""
    from .locate import km  # noqa: PLC0415 - locate imports this module

    found = list({p.admin1: p for p, _, _ in places if p.admin1}.values())
    return any(km(a, b) > _SPREAD_KM for i, a in enumerate(found) for b in found[i + 1:])


def day_key(mention, day) -> str | None:
    """What day the words name, to tell two happenings apart even at month precision:
    an ISO day, "wd1" for a Tuesday, "md07-04" for a 4 July of no known year, "rd:0" for
    today, "rd:m" for early this month."""
    if day is not None:
        return day.isoformat()
    if mention.kind == "weekday":
        return f"wd{mention.weekday}"
    if mention.kind == "day" and mention.day and mention.month:
        return f"md{mention.month:02d}-{mention.day:02d}"  # "le 4 juillet" on a page of no year
    relative = {"today": "rd:0", "yesterday": f"rd:{mention.shift}", "thismonth": "rd:m",
                "lastmonth": "rd:m-1"}  # "ces derniers jours" names no day
    return relative.get(mention.kind)


# where one clause's figures end and another place's begin: "à Kryvyï Rih, dix morts,
# tandis que dans la région de Donetsk, trois", "deux tués à Kharkiv ; un blessé à Soumy"
_STRONG_BREAK = re.compile(r"tandis qu|alors qu")
# a clause of its own attack: "alors que l'armée a répondu par des frappes", "a frappé"
_STRUCK_ACTIVE = re.compile(r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:frappe|vise|cible|bombarde|"
                            r"attaque|riposte|repondu|lance|tire|pilonne)\b")
# "11 morts à A, 4 à B, 3 à C": a toll told town by town, each after a comma
_TOLL_LIST_COMMA = re.compile(r",\s*(?=(?:(?:au moins|plus de|pres de|environ|au total)\s+)?"
                              r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
                              r"(?:(?:morts?|tues?|tuees?|blesses?|blessees?|victimes?)\s+)?a\s)")
_PLACE_BREAK = re.compile(r";|,\s*(?:tandis qu|alors qu|mais|et)\b|\s(?:tandis qu|alors qu)|\set\s")


# between a share's figure and its place: "73 drones dans la région de", "25 dans celle de",
# "2 au-dessus de la région de"
_SHARE_GAP = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:dans|au-dessus|sur|pres|en|vers)\b[^,;:.]{0,40}$")
# what tells that the parts of a figure follow it: "41 drones, dont 20 au-dessus de ...",
# "cinq drones : deux dans ..., trois dans ..."
_PARTS_FOLLOW = re.compile(r",?\s*dont\s*$|\s*:\s*$")


def split_shares(frame: Frame, low: str) -> list[Frame] | None:
    """A tally told region by region ("73 drones dans la région de Belgorod, 25 dans celle
    de Koursk et 10 dans celle de Briansk"): one frame for the whole, with the total the text
    states ("41 drones, dont 20 au-dessus de ...") or else the sum of the shares, and one
    frame per region with its own share. None when the frame is no such list."""
    if frame.type != "strike":
        return None
    counts = sorted((c for c in frame.counts if c.domain in ("weapon", "total")), key=lambda c: c.start)
    own = sorted(((p, a) for p, a, _ in frame.places if p.kind != "country"), key=lambda x: x[1])
    if len(counts) < 2 or not own or len({c.role for c in counts}) != 1 or \
            any(c.domain == "person" for c in frame.counts):
        return None
    pairs, total = [], None
    for i, c in enumerate(counts):
        after = counts[i + 1].start if i + 1 < len(counts) else frame.end
        place = next(((p, a) for p, a in own if c.np_end <= a < after), None)
        if place is not None and _SHARE_GAP.match(low[c.np_end:place[1]]):
            pairs.append((c, place))
        elif i == 0 and i + 1 < len(counts) and _PARTS_FOLLOW.search(low, c.np_end, counts[1].start):
            total = c  # "41 drones ukrainiens dans la nuit, dont 20 au-dessus de ..."
        else:
            return None
    # (one region's share is enough when the whole is stated: "112 drones, dont 59 au-dessus
    # de la seule région de Briansk")
    if len(pairs) < (1 if total is not None else 2) or len(pairs) != len(counts) - (total is not None):
        return None
    shares = [c for c, _ in pairs]
    if total is None:
        total = replace(shares[0], end=shares[-1].np_end, np_end=shares[-1].np_end,
                        value=sum(c.value for c in shares), domain=shares[0].domain)
    elif total.value < sum(c.value for c in shares):
        return None  # the parts exceed the whole: not one tally
    whole = replace(frame, places=[x for x in frame.places if x[0].kind == "country"],
                    counts=[total], whole=True)
    parts = []
    for k, (c, (place, at)) in enumerate(pairs):
        end = pairs[k + 1][0].start if k + 1 < len(pairs) else frame.end
        parts.append(replace(frame, start=c.start, end=end,
                             places=[x for x in frame.places if x[0] is place and x[1] == at],
                             counts=[c], new_event=True, date_span=None, share=True))
    if len(parts) == 1:
        return [whole]  # one region's share: the whole is the record, the region a detail
    if len({place.country for _, (place, _) in pairs}) > 1:
        # "un dans la région de Belgorod et trois en Crimée": the shares lie in two
        # countries, and each is that country's record; a sum over both is no one's
        return parts
    return [whole, *parts]


def split_by_places(frame: Frame, low: str) -> list[Frame]:
    """Cut a frame whose clauses each give their own place and their own figures into one
    frame per clause: each is another happening, with the figures of its clause."""
    own = [(p, s) for p, s, _ in frame.places if p.kind != "country"]
    countries = {p.country for p, _, _ in frame.places if p.country}
    only_countries = len(own) < 2 and len(countries) > 1
    if only_countries:
        own = [(p, s) for p, s, _ in frame.places]  # "le nord d'Israël", "le sud du Liban"
    if len(own) < 2 or not frame.counts:
        return [frame]
    cuts, start = [], frame.start
    tolls = [] if any(c.domain == "weapon" for c in frame.counts) else \
        list(_TOLL_LIST_COMMA.finditer(low, frame.start, frame.end))
    breaks = sorted([*_PLACE_BREAK.finditer(low, frame.start, frame.end), *tolls],
                    key=lambda m: m.start())
    for i, m in enumerate(breaks):
        upcoming = [s for _, s in own if s >= m.end()]
        if upcoming and any(m.end() <= b.start() < min(upcoming) and
                            any(b.end() <= c.start < frame.end for c in frame.counts)
                            for b in breaks[i + 1:]):
            continue  # "à A, dix morts et 37 blessés, tandis qu'à B ...": the later break
        left = [p for p, s in own if start <= s < m.start()]
        right = [p for p, s in own if m.end() <= s < frame.end]
        # (figures on one side are enough after "alors que" between two countries: "des
        # roquettes ont visé le nord d'Israël, alors que l'armée a frappé le sud du Liban,
        # tuant cinq personnes")
        apart = _STRONG_BREAK.search(m.group()) is not None and len(countries) > 1 and \
            left and right and not ({p.country for p in left} & {p.country for p in right}) \
            and _STRUCK_ACTIVE.search(low, m.end(), frame.end) is not None
        if not left or not right or only_countries and not apart or not apart and (
                not any(start <= c.start < m.start() for c in frame.counts)
                or not any(m.end() <= c.start < frame.end for c in frame.counts)):
            continue
        if any(_nested(a, b) for a in left for b in right) and not _STRONG_BREAK.search(m.group()):
            continue  # "à Staryï Oskol, dans la région de Belgorod": one place, said twice
            # (but "dans la région de Soumy, un garde blessé, tandis qu'un autre homme l'a
            # été à Bilopillia": a town of the region with its own figure, another record)
        cuts.append(m.start())
        start = m.end()
    if not cuts:
        return [frame]
    parts, bounds = [], [frame.start] + cuts + [frame.end]
    for i, (a, b) in enumerate(zip(bounds, bounds[1:])):
        inside = lambda pos, a=a, b=b: a <= pos < b  # noqa: E731
        part = replace(frame, start=a, end=b,
                       places=[p for p in frame.places if inside(p[1])],
                       counts=[c for c in frame.counts if inside(c.start)],
                       weapons=[w for w in frame.weapons if inside(w.start)] or frame.weapons,
                       triggers=[t for t in frame.triggers if inside(t.start)] or frame.triggers,
                       new_event=frame.new_event or i > 0)
        if part.date_span is not None and not inside(part.date_span[0]) and i > 0:
            part.date_span = None  # the date stays with its clause's happening, told once
        parts.append(part)
    return parts


def _nested(a: Place, b: Place) -> bool:
    """Does one place contain the other, or are they one town?"""
    if a is b:
        return True
    if a.kind == "region" and b.admin1 == (a.admin1 or a.name) or \
            b.kind == "region" and a.admin1 == (b.admin1 or b.name):
        return True
    return False


def set_date(frame: Frame, value, day, mention, rule: str) -> None:
    frame.date, frame.day, frame.date_span = value, day, (mention.start, mention.end)
    frame.date_rule = rule
    frame.day_key = day_key(mention, day)


def frame_at(frames: list[Frame], pos: int) -> Frame | None:
    for frame in frames:
        if frame.start <= pos < frame.end:
            return frame
    return frames[-1] if frames and pos >= frames[-1].start else None


def merge_in_sentence(frames: list[Frame]) -> list[Frame]:
    """Frames of one type in one sentence are one happening unless date or place differ."""
    out: list[Frame] = []
    for frame in frames:
        twin = next((f for f in out if f.type == frame.type and _same(f, frame)), None)
        if twin is None:
            out.append(frame)
            continue
        twin.triggers += frame.triggers
        twin.places += frame.places
        twin.weapons += frame.weapons
        twin.counts += frame.counts
        twin.date = twin.date or frame.date
        twin.day = twin.day or frame.day
        twin.date_span = twin.date_span or frame.date_span
        twin.date_rule = twin.date_rule or frame.date_rule
        twin.day_key = twin.day_key or frame.day_key
        twin.actor = twin.actor or frame.actor
        twin.weapon_side = twin.weapon_side or frame.weapon_side
        twin.country = twin.country or frame.country
        twin.country_span = twin.country_span or frame.country_span
        twin.end = max(twin.end, frame.end)
        # what either told holds for the one happening: a time, a habit, "également" (a doubt
        # stays the first trigger's: "qui visaient vraisemblablement ..." doubts the target)
        twin.timed = twin.timed or frame.timed
        twin.habitual = twin.habitual or frame.habitual
        twin.also = twin.also or frame.also
        twin.office_place = twin.office_place or frame.office_place
        twin.body_place = twin.body_place or frame.body_place
        twin.through += frame.through
        twin.all_of += frame.all_of
        # "Des frappes de missiles ont visé ..., faisant trois morts": the generic noun's
        # window alone starts nothing, but the happening has a verb and a toll of its own
        if twin.weak and not frame.weak and frame.counts and (twin.weapons or any(
                p.kind != "country" for p, _, _ in frame.places)) and \
                not any(c.domain != "person" for c in twin.counts):
            twin.weak = twin.contextless = False
    return out


def _same(a: Frame, b: Frame) -> bool:
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    if a.date_by_offset != b.date_by_offset and (a.date or b.date):
        return False
    pa = {(p.admin1, p.country) for p, _, _ in a.places if p.admin1}
    pb = {(p.admin1, p.country) for p, _, _ in b.places if p.admin1}
    if pa and pb and not pa & pb:  # two regions named; two countries may be target and front
        return False
    if a.actor and b.actor and a.actor.side != b.actor.side:
        return False
    return True
