"""From sentence frames to article events: merge what is about one happening, then decide
every field of the record with the evidence that gave it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..kb import KnowledgeBase, Place, fold
from ..records import Actor, Event, Location, Munition, SourceFigures, Span, coherent
from .attribution import DEFENDER_AGENT
from .dates import Published
from .cues import matchable
from .frames import Frame, tallies_weapons
from .numbers import Count
from .locate import HOME_AUTHORITY, LOCAL_OFFICIAL, Locator, km, places_agree
from .weapons import CANONICAL, GENERIC_OF_CLASS, MISSILE_GENERICS, fold_generics, generic_for

_OTHER_SIDE = {"RU": "UA", "UA": "RU"}
# where both sides appoint officials of the same name: the office says nothing of the side
_CONTESTED = {"Crimea", "Sevastopol", "Donetsk Oblast", "Luhansk Oblast", "Zaporizhzhia Oblast",
              "Kherson Oblast"}
_RECEIVED = re.compile(r"\brecu\w*\b")
_LEAD_SENTENCES = 3
_PLATFORMS = {"combat aircraft", "bomber", "helicopter", "aircraft"}
_CONTINUATION_GAP = 3
# a speaker named by the title alone, who is the official named before
_BARE_TITLE = re.compile(r"(?:(?:le|la|l'|les) ?)?(?:gouverneure?|maire|ministere|ministre|administration|"
                         r"porte-parole|president|chef|responsable|autorites|commandant)"
                         r"(?: (?:regional|regionale|local|locale|de la region|de la ville|militaire))?")


# a ministry of defence named with no country
_DEFENCE_MINISTRY = re.compile(r"(?:le |du )?ministere de la defense")


@dataclass(slots=True)
class Draft:
    type: str
    frames: list[Frame] = field(default_factory=list)

    @property
    def last_sent(self) -> int:
        return self.frames[-1].sent

    @property
    def date(self) -> str | None:
        return next((f.date for f in self.frames if f.date), None)

    @property
    def day_keys(self) -> set[str]:
        keys = {f.day_key for f in self.frames if f.day_key}
        return keys or {f.context_key for f in self.frames if f.context_key}

    @property
    def places(self) -> list[Place]:
        out = []
        for f in self.frames:
            out += [p for p, _, _ in f.places]
            if f.body_place is not None and f.body_place.kind == "city" and \
                    all(p.kind == "country" for p, _, _ in f.places):
                # a town's own body that told it, where the frame names no town
                # ("l'administration militaire de la ville de Kherson ... cette ville")
                out.append(f.body_place)
        return out

    @property
    def side(self) -> str | None:
        return next((f.actor.side for f in self.frames if f.actor and f.actor.side), None)


# the verb of a weapon that went off ("a explosé"), not the noun "explosions"
_EXPLODED = re.compile(r"explos(?!ions?$)")


def merge_frames(frames: list[Frame]) -> list[Draft]:
    drafts: list[Draft] = []
    # "Des explosions ont été entendues près de Sébastopol": a frame with no weapon word and
    # no strike told before waits; the strike may be told in the next sentences
    pending: list[Frame] = []
    for frame in frames:
        if frame.type is None:  # counts, casualties: about the strike told last
            target = _latest(drafts, "strike")
            if (frame.national or frame.body_tally) and target is not None and \
                    not _compatible(target, frame):
                frame.type = "strike"  # "dans l'ensemble du pays, 40 drones abattus"
                drafts.append(Draft("strike", [frame]))
                continue
            own = [p for p, _, _ in frame.places if p.kind != "country"]
            war = frame.weapons or any(c.domain != "person" for c in frame.counts) or \
                any(d.type == "strike" for d in drafts)  # "12 blessés à Kharkiv" in a war story
            if own and frame.counts and war and (target is None or not places_agree(_told_at(target), own)
                                                 or _national(target) or _broad(target)
                                                 or _spread_toll(target)
                                                 or frame.others and not _same_region(target, own)
                                                 or frame.new_event):
                # "À Tchernihiv, onze blessés": figures of another place are another
                # strike (the one of that place told before, else a new one); "11 morts à A,
                # 4 à B": a town of a toll told town by town is its own, however near
                target = None if frame.new_event else next((d for d in sorted(drafts, key=lambda d: d.last_sent, reverse=True)
                               if d.type == "strike" and d.places and places_agree(d.places, own)
                               and not _national(d) and not _broad(d) and not _spread_toll(d)
                               and (not frame.others or _same_region(d, own))
                               and frame.sent - d.last_sent <= _CONTINUATION_GAP), None)
                if target is None:
                    early = [p for p in pending if 0 < frame.sent - p.sent <= 2]
                    frame.type = "strike"
                    drafts.append(Draft("strike", early + [frame]))
                    pending = [p for p in pending if p not in early]
                    continue
            elif target is not None and _own_toll_after_spread(target, frame):
                # "cinq morts dans plusieurs régions", then "deux morts, selon le gouverneur de
                # la région de Kharkiv": that region's own toll
                frame.type = "strike"
                drafts.append(Draft("strike", [frame]))
                continue
            elif target is None and any(c.domain != "person" and c.role in ("launched", "intercepted")
                                        for c in frame.counts) and (frame.weapons or any(
                                            c.domain == "total" for c in frame.counts)):
                # "Bilan de la nuit : 120 drones abattus", a tally table: a strike of its own
                frame.type = "strike"
                drafts.append(Draft("strike", [frame]))
                continue
            elif target is None and frame.weapons and any(c.domain == "person" for c in frame.counts):
                # "deux personnes ont été blessées par un drone": a strike told by its toll
                frame.type = "strike"
                drafts.append(Draft("strike", [p for p in pending if 0 < frame.sent - p.sent <= 2]
                                    + [frame]))
                pending = []
                continue
            elif target is None and pending and any(c.domain == "person" for c in frame.counts):
                # "La ville est attaquée par les Russes." then "... fait état de 13 morts"
                early = [p for p in pending if 0 < frame.sent - p.sent <= 2]
                if early:
                    drafts.append(Draft("strike", early + [frame]))
                    pending = [p for p in pending if p not in early]
                continue
            if target is not None and frame.sent - target.last_sent <= _CONTINUATION_GAP:
                target.frames.append(frame)
            elif target is None and any(c.domain == "person" for c in frame.counts):
                # '"Deux hommes ont été retrouvés morts", a indiqué le maire.' before the
                # strike is told: the toll of the strike told next
                pending.append(frame)
            continue
        target = None
        told = frame.contextless and not frame.spread and \
            (frame.date or frame.places or frame.counts) and (
                any(d.type == "strike" for d in drafts) or bool(frame.counts))
        if frame.type == "strike" and frame.triggers and not frame.counts and \
                all(_EXPLODED.match(t.text) for t in frame.triggers):
            # "un missile a explosé au-dessus d'un quartier" just after the strike is told:
            # that strike; alone, a strike of its own
            last = _latest(drafts, "strike")
            if last is not None and frame.sent - last.last_sent <= 1:
                last.frames.append(frame)
                continue
        if frame.weak and not told:  # "les frappes ..." adds to the happening just told
            last = _latest(drafts, None)
            if last is not None and last.type == "strike" and frame.sent - last.last_sent <= 1:
                if _dates_agree(last.date, frame.date):  # (not "... depuis le 24 février")
                    last.frames.append(frame)
            elif frame.contextless and frame.places:
                pending.append(frame)
            elif not frame.contextless and frame.date and not any(d.type == "strike" for d in drafts) \
                    and any(p.kind != "country" for p, _, _ in frame.places):
                # "Une série de frappes de missiles ont touché vendredi la ville de X" with
                # nothing told before: the article's first strike
                drafts.append(Draft(frame.type, [frame]))
                target = drafts[-1]
            continue
        if not frame.new_event:
            for draft in sorted(drafts, key=lambda d: d.last_sent, reverse=True):
                if draft.type == frame.type and _compatible(draft, frame):
                    target = draft
                    break
        if target is None:
            target = Draft(frame.type, [frame])
            drafts.append(target)
        else:
            if frame.definite and _national(target) and _told_just_before(target, frame):
                # "les huit missiles dirigés contre Kiev", of the night's national tally:
                # where those went, not the place of the whole
                frame.places = [x for x in frame.places if x[0].kind == "country"]
            target.frames.append(frame)
        if frame.type == "strike" and pending:
            apart = [p for p in pending if (frame.body_tally or frame.wider) and
                     any(q.kind != "country" for q, _, _ in p.places)]
            # "Kharkiv a été frappée", then the air force's count for the whole country: the
            # town is a record of its own
            for p in apart:
                if 0 < frame.sent - p.sent <= 2:
                    p.type = "strike"  # ("trois blessés à Kharkiv": the town's own strike)
                    drafts.append(Draft("strike", [p]))
            early = [p for p in pending if 0 < frame.sent - p.sent <= 2 and _compatible(target, p)
                     and not any(p is q for q in apart)]
            target.frames[:0] = early  # they come first in the story
            pending = []
    return drafts


def _latest(drafts: list[Draft], kind: str | None) -> Draft | None:
    """The draft of that type that the story touched last."""
    pool = [d for d in drafts if kind is None or d.type == kind]
    # (of drafts one sentence ends, the one its last clause told)
    return max(reversed(pool), key=lambda d: (d.last_sent, d.frames[-1].start)) if pool else None


def _days_differ(a: str | None, b: str | None) -> bool:
    """Do two day keys name different days? Weekdays and "today" cannot be compared at
    month precision, but "au début du mois" and a weekday can, and so can a calendar day of
    no known year and a weekday."""
    if not a or not b or a == b:
        return False
    kinds = {a[:2], b[:2]}
    if len(kinds) == 1:
        return True
    if "md" in kinds and kinds & {"wd", "rd"}:
        # "le 4 juillet" and "dans la nuit de mardi à mercredi" on a page of no date: a story
        # names its own night by the weekday, another one by the calendar
        return True
    return "rd" in kinds and "wd" in kinds and ("rd:m" in (a, b) or "rd:m-1" in (a, b))


def _other_day(key: str | None, told: str) -> bool:
    """Does a day key of a page of no date ("wd2" for "ce mercredi", "md07-04") name another
    day than the date told before ("2022-07-01", a Friday), or one that a month told before
    ("En mars 2024, ...") cannot hold?"""
    if not key or key[:2] not in ("wd", "md"):
        return False
    if len(told) < 10:
        return True
    try:
        day = dt.date.fromisoformat(told)
    except ValueError:
        return False
    return key != (f"wd{day.weekday()}" if key.startswith("wd") else f"md{told[5:]}")


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _national(draft: Draft) -> bool:
    """A tally of the whole night: weapons counted, no place finer than a country, or only
    places far apart ("113 drones abattus dans les régions de Belgorod, Koursk et Briansk"),
    or a place told with no strike of its own ("la direction principale était Kharkiv")."""
    return any(tallies_weapons(c) for f in draft.frames for c in f.counts) and \
        not any(p.kind != "country" for f in draft.frames if not (f.spread or f.national or f.weak)
                for p, _, _ in f.places)


def _country_toll(draft: Draft) -> bool:
    """A toll told for a whole country ("des attaques ont fait deux morts samedi en Ukraine"):
    people counted, a country named and no finer place."""
    return any(c.domain == "person" for f in draft.frames for c in f.counts) and \
        any(p.kind == "country" for p in draft.places) and \
        not any(p.kind != "country" for p in draft.places)


def _roughly(frames: list[Frame], others: list[Frame]) -> bool:
    """Is one side's launch count a rough figure the other's exact one fits ("plus de 50
    drones", then "55 drones Shahed" from the air force)?"""
    def launched(fs, rough):
        return {c.value for f in fs for c in f.counts if c.role == "launched" and c.approx == rough}
    def fits(rough, exact):
        return any(0.8 * r <= e <= 1.2 * r for r in rough for e in exact)
    return fits(launched(frames, True), launched(others, False)) or \
        fits(launched(others, True), launched(frames, False))


def _told_at(draft: Draft) -> list[Place]:
    """The draft's places, else where the local official who told it holds office ("trois
    morts, selon le gouverneur de Zaporijjia")."""
    return draft.places or [f.office_place for f in draft.frames
                            if f.office_place is not None and f.office_place.kind != "country"]


def _spread_toll(draft: Draft) -> bool:
    """A toll summed over several regions left unnamed ("six morts dans plusieurs régions, y
    compris celle de Zaporijjia"; not "a frappé Kherson et Kryvyi Rih, tuant neuf personnes",
    the sum of the tolls then told town by town): people counted, no place of the draft's own."""
    return any(f.spread and any(c.domain == "person" for c in f.counts) and
               sum(p.kind != "country" for p, _, _ in f.places) <= 1 for f in draft.frames) and \
        not any(p.kind != "country" for f in draft.frames if not f.spread for p, _, _ in f.places)


def _own_toll_after_spread(draft: Draft, frame: Frame) -> bool:
    """After a toll over several regions, a toll told at a place, or by an official where he
    holds office: that place's own."""
    return _spread_toll(draft) and not (frame.spread or frame.national) and \
        any(c.domain == "person" for c in frame.counts) and (
            any(p.kind != "country" for p, _, _ in frame.places) or
            frame.office_place is not None and frame.office_place.kind != "country")


def _aimed(draft: Draft) -> str | None:
    """The country a strike's draft is about: its place's, else the other side of its
    attacker's, else that of the air force that counted it ("l'armée de l'air ukrainienne
    a abattu 24 des 32 drones")."""
    country = next((p.country for p in draft.places if p.country), None)
    if country is None and draft.side in _OTHER_SIDE:
        country = _OTHER_SIDE[draft.side]
    if country is None:
        country = next((f.claimant.side for f in draft.frames if f.body_tally and
                        f.claimant is not None and f.claimant.side in _OTHER_SIDE), None)
    return country


def _local(draft: Draft) -> bool:
    """Is the draft a town's or a region's: a place finer than a country named, or told by
    an official of one ("le maire de Lviv a fait état de trois blessés")?"""
    return any(p.kind != "country" for p in draft.places) or \
        any(f.office_place is not None and f.office_place.kind != "country" for f in draft.frames)


def _same_region(draft: Draft, places: list[Place]) -> bool:
    """Does one of the places lie in a region the draft's places lie in? ("deux autres
    personnes tuées dans la région de Kiev" after Kyiv city's toll: another region)"""
    mine = {p.admin1 or p.name for p in draft.places if p.kind != "country"}
    return any((p.admin1 or p.name) in mine for p in places)


def _carried(frame: Frame) -> bool:
    """Is the frame's speaker carried over from the sentence before, not its own?"""
    return frame.claimant is not None and frame.claimant.basis == "continues the account before"


def _clash(own: SourceFigures, other: SourceFigures, role: str) -> bool:
    """Do two sources give one count different values for the same weapons? ("188 drones"
    from one and "quatre missiles Iskander" from the other are parts of one total)."""
    if other.figure(role) in (None, own.figure(role)):
        return False
    mine = {m.weapon for m in own.munitions if getattr(m, role) is not None}
    theirs = {m.weapon for m in other.munitions if getattr(m, role) is not None}
    return not mine or not theirs or bool(mine & theirs)


def _broad(draft: Draft) -> bool:
    """Told only over many places at once ("contre Kiev, Dnipro, Kryvyï Rih et Sloviansk"):
    one of those places with figures of its own is another record."""
    placed = [f for f in draft.frames if any(p.kind != "country" for p, _, _ in f.places)]
    return bool(placed) and all(f.spread or f.national for f in placed)


def _named_kinds(frames: list[Frame]) -> set[str]:
    """The broad kinds (drone, missile, ...) of every weapon the frames name."""
    out = set()
    for f in frames:
        for w in f.weapons:
            generic = w.label if not w.named else GENERIC_OF_CLASS.get(w.cls, w.label)
            out.add("missile" if generic in MISSILE_GENERICS or w.air_defence else generic)
    return out


def _kinds(frames: list[Frame]) -> set[str]:
    """The broad kinds (drone, missile, ...) of the weapons counted as launched."""
    out = set()
    for f in frames:
        for c in f.counts:
            if c.role == "launched":
                for w in f.weapons:
                    if c.start <= w.start <= c.np_end + 1:
                        generic = w.label if not w.named else GENERIC_OF_CLASS.get(w.cls, w.label)
                        out.add("missile" if generic in MISSILE_GENERICS or w.air_defence else generic)
    return out


def _told_just_before(draft: Draft, frame: Frame) -> bool:
    """Do the frame's definite figures ("les huit missiles") repeat a number of the same kind
    of weapon that the draft's last sentence counted as fired?"""
    last = draft.frames[-1]
    fired = {c.value for c in last.counts if c.role == "launched" and c.domain == "weapon"}
    return bool(fired & {c.value for c in frame.counts if c.domain == "weapon"}) and \
        bool(_named_kinds([last]) & _named_kinds([frame]))


def _fewer_told(draft: Draft, frame: Frame) -> bool:
    """Did the draft count no weapons, or only a few of what the frame's body counts ("un
    drone a touché un immeuble", then "30 des 37 drones"), and from another speaker? Then
    the body's count is wider than the town's account."""
    mine = max((c.value for f in draft.frames for c in f.counts if c.domain != "person"), default=0)
    if not mine:
        return True
    theirs = max((c.value for c in frame.counts if c.domain != "person"), default=0)
    return 2 * mine <= theirs and frame.claimant is not None and \
        frame.claimant.name not in {f.claimant.name for f in draft.frames if f.claimant}


def _compatible(draft: Draft, frame: Frame) -> bool:
    if frame.type == "strike" and frame.recalled and frame.date and frame.counts and \
            draft.date is None and not any(f.recalled for f in draft.frames) and \
            any(f.counts for f in draft.frames):
        # "En mai, l'Ukraine avait dit avoir contré 59 drones" after tonight's undated
        # account and its figures: a past attack told with its own date and figures, another
        # record
        return False
    if frame.type == "strike" and not frame.recalled and frame.day_key and draft.date and \
            all(f.recalled for f in draft.frames if f.type == "strike") and \
            not any(f.day_key for f in draft.frames):
        # "En mars 2024, une frappe avait fait 21 morts. Ce mercredi, un missile a touché le
        # port": an attack recalled with its own date, then the day's own, told in the present
        return False
    if frame.type == "strike" and frame.recalled and frame.date_rule and \
            _PAST_PERIOD.search(matchable(frame.date_rule)) and \
            any(d and len(d) == 10 for d in (draft.date, *draft.day_keys)):
        # "tuées mardi dans une frappe sur Odessa", then "la ville avait déjà été visée la
        # semaine dernière": an earlier attack, not mardi's
        return False
    # a deployment goes on over days ("a commencé à recevoir mardi", "livrées vendredi"):
    # its dates do not tell two deployments apart, its places and systems do
    if frame.type != "deployment" and not _dates_agree(draft.date, frame.date):
        return False
    theirs = frame.day_key or frame.context_key
    if frame.type != "deployment" and any(_days_differ(mine, theirs) for mine in draft.day_keys):
        return False  # two different days named: two happenings
    if frame.type == "strike" and frame.definite and frame.sent - draft.last_sent <= 1 and \
            _told_just_before(draft, frame):
        # "Moscou a tiré huit missiles balistiques ...", then "la défense a abattu les huit
        # missiles balistiques dirigés contre Kiev": the ones just told, wherever they went
        return True
    if any(f.share for f in draft.frames) and frame.sent != draft.last_sent:
        return False  # one region's line of a ministry's tally: the figures of that line only
    # (a list of regions struck told in a lead, "Soumy, Odessa et Kharkiv ont été visées",
    # holds no region for the draft once a place of its own is told: Odessa's own report
    # later is Odessa's)
    focused = [p for f in draft.frames if not f.spread for p, _, _ in f.places]
    mine = focused if any(p.kind != "country" for p in focused) else _told_at(draft)
    if not (frame.spread and _national(draft)) and \
            not places_agree(mine, [p for p, _, _ in frame.places]):
        return False  # (figures over several regions go on the night's tally wherever)
    if frame.type == "strike" and not (frame.weak or frame.spread or frame.definite or frame.anaphoric):
        towns = [p for p, _, _ in frame.places if p.kind in ("city", "site")]
        theirs = [p for p in draft.places if p.kind in ("city", "site")]
        if len({p.name for p in towns}) == 1 and theirs and not any(
                a is b or km(a, b) < _SAME_TOWN_KM for a in towns for b in theirs):
            # "des frappes sur Nabatiyé ... À Cana, un raid a détruit des immeubles": another
            # town struck, told with a verb of its own, however near (not "dans cette
            # frappe", told at the hospital's town, nor a list of districts of the city)
            return False
    if frame.type == "strike" and frame.counts and _national(draft) and not frame.spread and \
            not frame.national and any(p.kind != "country" for p, _, _ in frame.places):
        return False  # the night's national tally, then one place's own figures: two records
    if _national(draft) and frame.claimant is not None and frame.claimant.name and \
            (any(p.kind in ("city", "site", "region") for p, _, _ in frame.places) or
             not any(p.kind != "country" for p, _, _ in frame.places) and frame.counts and
             frame.office_place is not None and
             frame.office_place.kind in ("city", "region")) and \
            not frame.spread and \
            frame.claimant.name not in {f.claimant.name for f in draft.frames if f.claimant}:
        # a town's (or a region's) own official after the night's tally: its own record
        return False
    if frame.type == "strike" and frame.another and frame.some_site and \
            any(p.kind == "site" for p in draft.places):
        # "Deux drones ont visé la base d'Ain al-Asad", then "Un autre drone a visé une base
        # dans le nord de l'Irak": another weapon, another site
        return False
    if frame.type == "strike" and frame.another and not frame.spread:
        towns = [p for p, _, _ in frame.places if p.kind in ("city", "site")]
        theirs = [p for p in draft.places if p.kind in ("city", "site")]
        if towns and theirs and not any(a is b or km(a, b) < _SAME_TOWN_KM
                                        for a in towns for b in theirs):
            # "un autre missile abattu près de Bakhtchissaraï" after Sevastopol: another
            # weapon, another town, however near
            return False
    if frame.type == "strike" and _country_toll(draft) and not frame.spread and \
            not frame.national and any(p.kind in ("city", "site", "region") for p, _, _ in frame.places):
        return False  # "deux morts samedi en Ukraine", then the town struck: the country's toll
    if frame.type == "strike" and _own_toll_after_spread(draft, frame):
        return False  # the toll over several regions, then one region's own toll: two records
    if frame.type == "strike" and _national(draft) and not frame.counts and not frame.spread \
            and not frame.national and (not frame.weak or frame.also and frame.actor is not None) and \
            any(p.kind in ("city", "site", "region") for p, _, _ in frame.places):
        # the night's tally, then a town (a region) struck: its own record (and "La Russie a
        # également ciblé un hôpital dans la région de X", a verb with no weapon)
        return False
    nightly = frame.body_tally and frame.claimant is not None and \
        _AIR_FORCE.search(matchable(frame.claimant.name or "")) is not None and \
        bool(frame.timed or frame.day_key)
    if frame.body_tally and any(p.kind != "country" for p in draft.places) and (nightly or not any(
            f.claimant is not None and f.claimant.side is not None and
            f.claimant.side == frame.claimant.side for f in draft.frames)) \
            and _fewer_told(draft, frame) and \
            not (frame.definite and frame.sent - draft.last_sent <= 1 and
                 _named_kinds(draft.frames) & _named_kinds([frame])):
        # a town told by others (with no count of weapons, or fewer than the count that comes
        # after: "un drone a touché Soumy"), then the air force's count: the
        # country's tally; so too after the town's own side, when the air force counts "dans
        # la nuit" (its bulletin is the night's over the country). After "huit missiles sur
        # la région de Dnipro", "sept interceptés" are of those eight; and "les deux missiles
        # tirés" are the ones just told
        return False
    if frame.wider and _local(draft) and \
            not any(f.body_tally or f.national for f in draft.frames):
        # a town's or a region's strike, then a national body's count of which a share went
        # "au-dessus de cette région" (or "principalement sur la région de Kiev"): the count
        # is wider than the place, the country's tally
        return False
    if frame.body_tally and frame.whole_country and _local(draft) and \
            not any(f.body_tally or f.national or f.claimant is not None and
                    f.claimant.name == frame.claimant.name for f in draft.frames):
        # a town's strike, then the air force's count of what was fired at the whole
        # country ("sur le pays", "contre l'Ukraine"): the country's tally, its own record
        return False
    if frame.national and not _national(draft) and any(p.kind != "country" for p in draft.places):
        return False  # one town's strike, then "dans l'ensemble du pays, ...": the country's
    if frame.type == "strike" and any(c.domain != "person" for c in frame.counts) and \
            frame.places and all(p.kind == "country" for p, _, _ in frame.places) and \
            any(p.kind != "country" for p in draft.places):
        return False  # "45 missiles tirés sur l'Ukraine" after a city's attack: the country's tally
    if frame.actor and frame.actor.side and draft.side and frame.actor.side != draft.side:
        return False
    if frame.type == "strike" and frame.incident and _aimed(draft) not in (None, frame.country):
        # the night's attack on Ukraine, then "l'un des drones est entré dans l'espace aérien
        # de la Roumanie": the neighbour's airspace is a record of its own
        return False
    if frame.type == "strike" and not frame.incident and frame.also and \
            any(f.incident for f in draft.frames) and not frame.places:
        # "... espace aérien de la Roumanie", then "les forces russes ont également utilisé un
        # missile balistique dans l'attaque": more of the attack told before, not of the stray
        return False
    if frame.type == "strike" and (frame.counts or frame.also) and \
            not (frame.spread or frame.national):
        # "deux drones abattus au-dessus de Moscou", then "six drones abattus au-dessus de la
        # Crimée": each place with figures of its own is its own attack, even when a headline
        # named both together; and so is another place "also" struck ("Attaques sur la
        # région d'Odessa et à Kiev. [...] Kiev a également été visée dans la nuit"), beside
        # the place of the strike told so far
        own = [p for p, _, _ in frame.places if p.kind != "country"]
        told = [[p for f in draft.frames if (f.counts or not counted) and not (f.spread or f.national)
                 for p, _, _ in f.places if p.kind != "country"]
                for counted in (True, False) if (frame.counts if counted else frame.also)]
        if own and any(places and not places_agree(places, own) for places in told):
            return False
    if frame.type == "strike" and not frame.spread and \
            any(p.kind in ("city", "site") for p, _, _ in frame.places) and \
            not any(p.kind != "country" for p in draft.places):
        # "les frappes ont fait plus de 40 morts", then "33 tués dans la capitale": the
        # country's toll, then one town's share of it
        for role in ("killed", "injured"):
            whole = [c.value for f in draft.frames for c in f.counts
                     if c.role == role and c.domain == "person"]
            part = [c.value for c in frame.counts if c.role == role and c.domain == "person"]
            if whole and part and max(part) < max(whole):
                return False
    if frame.type == "deployment":
        mine = {w.label for f in draft.frames for w in f.weapons if w.named}
        theirs = {w.label for w in frame.weapons if w.named}
        if mine and theirs and not mine & theirs:
            return False
    voices_differ = frame.claimant is not None and frame.claimant.side is not None and any(
        f.claimant is not None and f.claimant.side not in (None, frame.claimant.side)
        for f in draft.frames)
    if frame.type == "strike" and not voices_differ:
        # (two sides' figures for one attack differ: they are claims, kept apart in `claims`)
        mine = {c.value for f in draft.frames for c in f.counts if c.role == "launched"}
        theirs = {c.value for c in frame.counts if c.role == "launched"}
        if mine and theirs and not mine & theirs and not frame.date and not frame.places:
            return True
        if mine and theirs and not mine & theirs and frame.also and _kinds(draft.frames) and \
                not _kinds(draft.frames) & _kinds([frame]):
            return True  # "quatre missiles Iskander ont également été tirés": the same night's
        if mine and theirs and not mine & theirs and _kinds(draft.frames) and \
                not _kinds(draft.frames) & _kinds([frame]) and frame.day_key and \
                frame.day_key in draft.day_keys and _national(draft) and \
                not any(p.kind != "country" for p, _, _ in frame.places):
            # "les forces russes ont lancé 397 drones sur l'Ukraine", then "Moscou a tiré
            # huit missiles ... dans la nuit de mercredi à jeudi": the same night named, the
            # other kind of weapon, the country's tally of that night
            return True
        if mine and theirs and not mine & theirs and not _roughly(draft.frames, [frame]):
            return False
        # "six drones lancés sur la raffinerie" and "57 drones abattus dans la région": more
        # shot down than launched cannot be one happening
        downed = [c.value for c in frame.counts if c.role == "intercepted" and c.domain != "person"]
        downed_before = [c.value for f in draft.frames for c in f.counts
                         if c.role == "intercepted" and c.domain != "person"]
        if mine and downed and max(downed) > max(mine) or \
                theirs and downed_before and max(downed_before) > max(theirs):
            return False
    # a frame with nothing of its own (no date, place, weapon) joins only a recent draft
    if not frame.date and not frame.places and not frame.weapons:
        return frame.sent - draft.last_sent <= _CONTINUATION_GAP
    return True


# a period before the one the story is in: "la semaine dernière", "il y a trois jours"
_PAST_PERIOD = re.compile(r"\b(?:la semaine|le mois|l'an|l'annee|l'ete|l'hiver|le printemps|l'automne|"
                          r"le week-end) (?:dernier|derniere|precedent|precedente|passe|passee)\b|"
                          r"\bil y a (?:\w+ )?(?:jours|semaines|mois|ans)\b")
_EARLIER_THAT_DAY = re.compile(r"\bplus tot (?:dans|au cours de) la (?:nuit|journee|soiree|matinee)\b")
_SAME_TOWN_KM = 15  # a site and its town ("le port d'Odessa" and Odessa) are one place
# the air force's count of a night is the country's: its bulletins tell the whole night
_AIR_FORCE = re.compile(r"\b(?:armee de l'air|forces aeriennes|force aerienne)\b")
_ENGAGED = re.compile(r"\b(?:abatt|intercept|detrui|neutralis|repouss|destruction|defense|antiaerien|"
                      r"anti-aerien|batterie|calculs? de combat)")
_TARGETED = re.compile(r"\b(?:detrui\w*|frapp\w*|touche\w*|endommag\w*|vise\w*|cible\w*|"
                       r"neutralise\w*|attaque\w*)\s+(?:[\w'-]+\s+){0,8}$")
def _is_platform(w) -> bool:
    return w.cls in _PLATFORMS or w.label in ("aircraft", "nuclear weapon")


# what an echo of "les frappes" was carried out with: "ont été menées à l'aide de missiles"
_MEANS = re.compile(r"\b(?:(?:mene|menee|menes|menees|mene|menait|menaient|effectu\w*|conduit\w*|"
                    r"realis\w*)\s+(?:[\w']+\s+){0,3}?(?:avec|au moyen d|a l'aide d|par le biais d)|"
                    r"en (?:utilisant|employant))")
_INSTRUMENT = re.compile(r"\b(?:avec|au moyen|a l'aide|par le biais)\s+(?:de\s+|d')?(?:des|de|d'|un|une|"
                         r"deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)?\s*(?:missiles?\s+)?$")
# the passive only: "un S-400 a été détruit" is a target, "des S-300 ont frappé" a weapon
_TARGETED_AFTER = re.compile(r"(?:\s+[\w'-]+){0,5}?\s+(?:a|ont|aurait|auraient)\s+ete\s+"
                             r"(?:detrui|touche|endommag|frapp|neutralise|elimine)")
_GENERIC_LABELS = {"missile", "ballistic missile", "cruise missile", "drone", "artillery", "aircraft"}


def _fold_generic_munitions(munitions: dict[str, dict[str, int]],
                            fired: set[str] = frozenset()) -> dict[str, dict[str, int]]:
    """'huit missiles ATACMS' then 'sept missiles ont été interceptés': with one named system,
    counts of the generic noun are that system's, when they do not clash."""
    named = [k for k in munitions if k not in _GENERIC_LABELS]
    if len(fired) > 1:  # "des S-300 et des Iskander-M": the missiles are of both kinds
        return munitions
    if not named:  # "31 missiles de croisière" then "27 missiles ont été détruits"
        kinds = [k for k in munitions if k in MISSILE_GENERICS and k != "missile"]
        named = kinds if "missile" in munitions and len(kinds) == 1 else []
    if len(named) != 1:
        return munitions
    target = dict(munitions[named[0]])
    out = {}
    for label, roles in munitions.items():
        if label == named[0]:
            continue
        if label in _GENERIC_LABELS and not set(roles) & set(target):
            target.update(roles)
        else:
            out[label] = roles
    return {named[0]: target, **out}


def _drop_rough_aggregates(munitions: dict[str, dict[str, int]], rough: dict, named) -> None:
    """"Près de 50 missiles" in the headline, then "deux Kinjal, 38 Kh-101 et 8 Kalibr" in
    the body: exact parts that account for the rough figure of their class replace it."""
    cls_of = {w.label: w.cls for w in named}

    def kind(label: str) -> str:
        generic = label if label in _GENERIC_LABELS else GENERIC_OF_CLASS.get(cls_of.get(label, ""), label)
        return "missile" if generic in MISSILE_GENERICS else generic
    for label in [k for k in munitions if k in _GENERIC_LABELS]:
        for role in [r for r in munitions[label] if rough.get((label, r))]:
            parts = [roles[role] for k, roles in munitions.items() if k != label and
                     kind(k) == kind(label) and role in roles and not rough.get((k, role))]
            if parts and 0.8 <= sum(parts) / munitions[label][role] <= 1.25:
                del munitions[label][role]
        if not munitions[label]:
            del munitions[label]


def _class_total(munitions: dict[str, dict[str, int]], role: str, named) -> int | None:
    """The total of a role when every part is known. Parts are grouped by class: "15
    missiles ont été abattus" gives the missiles' total even when the tally named Kinzhal,
    Kh-101 and Iskander separately."""
    classes: dict[str, list[str]] = {}
    cls_of = {w.label: w.cls for w in named}
    for label in munitions:
        generic = label if label in _GENERIC_LABELS else GENERIC_OF_CLASS.get(cls_of.get(label, ""), label)
        if generic in MISSILE_GENERICS:
            generic = "missile"
        classes.setdefault(generic, []).append(label)
    total = 0
    for generic, labels in classes.items():
        aggregate = munitions.get(generic, {}).get(role) if generic in labels else None
        parts = [munitions[k].get(role) for k in labels if k != generic]
        if aggregate is not None:
            total += aggregate
        elif parts and all(v is not None for v in parts):
            total += sum(parts)
        else:
            return None
    return total if classes else None


class Finisher:
    """Decides every field of an event from its frames."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.locator = Locator(kb)
        self._countries = frozenset(p.country for p in kb.places.values() if p.kind == "country")

    def finish(self, article_id: str, draft: Draft, sentences: list[Span],
               pub: Published, told: tuple[str, int] | None = None, *,
               home: str | None = None) -> Event | None:
        prov: dict[str, Span | str] = {}
        frames = draft.frames
        typed = [f for f in frames if f.type is not None]

        def span(frame: Frame, s: int, e: int) -> Span | str:
            sent = sentences[frame.sent]
            if not 0 <= s < e <= len(sent.text):
                return "read in an earlier sentence"
            return Span(start=frame.sent_start + s, end=frame.sent_start + e, text=sent.text[s:e])

        # date: the most precise explicit one, else the publication date for a lead story
        date = None
        for frame in typed:
            if frame.date and (date is None or len(frame.date) > len(date)) and \
                    _dates_agree(date, frame.date):
                date = frame.date
                prov["date"] = span(frame, *frame.date_span) if frame.date_span else frame.date_rule
        # "Plus tôt dans la nuit, la ville avait été bombardée": told in the pluperfect, the
        # same night as the strike told before
        recalled = any(f.recalled for f in typed) and not any(
            _EARLIER_THAT_DAY.search(matchable(sentences[f.sent].text)) for f in typed)
        # ("quelques jours après que Moscou a tiré ...": some days before, no day told)
        recalled = recalled or any(f.undated_before for f in typed)
        if date is None and told is not None and not recalled and told[1] <= typed[0].sent and \
                not any(_other_day(f.day_key, told[0]) for f in typed):
            date = told[0]
            prov["date"] = "the date of the strike told before"
        if date is None and pub.date is not None:
            lead = min(f.sent for f in typed) < _LEAD_SENTENCES and not recalled
            if draft.type == "threat" or (draft.type == "strike" and lead):
                date = pub.date.isoformat() if pub.precision == "day" else \
                    pub.date.isoformat()[:7] if pub.precision == "month" else str(pub.date.year)
                prov["date"] = "publication date"

        location = self.locator.location(typed, prov, span) if draft.type != "threat" else None
        listed = {p.name for f in typed for p, _, _ in f.places if p.kind != "country"}
        if location is not None and draft.type == "strike" and len(listed) > 1 and \
                not any(f.counts for f in typed):
            # "Tel-Aviv, Haïfa et Bat Yam ont été touchées. À Haïfa, douze blessés": a list
            # of towns yields to the one of them the figures are told at
            told = [f for f in frames if f.type is None and f.counts and
                    (names := {p.name for p, _, _ in f.places if p.kind != "country"}) and
                    names <= listed]
            at = self.locator.location(told, prov, span) if told else None
            location = at or location
        if location is None and draft.type == "strike":
            # "Trois personnes ont été tuées à Kharkiv." then "... dans une attaque russe": the
            # place of the figures told before the strike word
            told = [f for f in frames if f.type is None and f.places]
            location = self.locator.location(told, prov, span) if told else None

        # weapons and defences (a frame that only echoes "les frappes" adds none)
        weapons, defenses = [], []
        for frame in frames:
            low = matchable(sentences[frame.sent].text)
            if frame.weak and not _MEANS.search(low) and not all(f.weak for f in frames
                                                                 if f.type == "strike"):
                continue  # ("les frappes ont été menées avec des missiles ...": their means)
            fired = [(c.start, c.np_end) for c in frame.counts if c.role == "launched"]
            engaged = _ENGAGED.search(low) is not None
            for w in frame.weapons:
                if not w.air_defence or draft.type != "strike":
                    weapons.append(w)
                elif _INSTRUMENT.search(low[max(0, w.start - 40):w.start]):
                    weapons.append(w)  # "ont frappé le district avec des S-300": the means
                elif _TARGETED.search(low[max(0, w.start - 70):w.start]) or \
                        _TARGETED_AFTER.match(low, w.end):
                    continue  # "a détruit un système S-400": the target, not a weapon
                elif any(a <= w.start <= b for a, b in fired) or not engaged:
                    weapons.append(w)  # fired at the ground ("des S-300 ont été tirés")
                else:
                    defenses.append(w)
        if draft.type == "strike" and any(w.cls not in _PLATFORMS for w in weapons):
            weapons = [w for w in weapons if w.cls not in _PLATFORMS]  # the Tu-95 carries
        if draft.type == "threat":  # the weapon threatened with: the threatener's own
            side = draft.side
            weapons = [w for w in weapons if w.label == "nuclear weapon" or
                       (w.named and side is not None and side in w.users)]
        weapon_names = fold_generics(weapons)
        if draft.type == "deployment" and any(w.named for w in weapons):
            weapon_names = [n for n in weapon_names if n != "missile"]  # "systèmes de missiles"
        # a system outside EVENTS.md's canonical names goes by its class ("Kh-555": cruise
        # missile); its own name is kept in `systems`
        classes = {w.label: GENERIC_OF_CLASS.get(w.cls) for w in weapons if w.named}
        systems = tuple(n for n in weapon_names if n in classes and n not in CANONICAL
                        and classes[n])
        weapon_names = list(dict.fromkeys(classes[n] if n in systems else n for n in weapon_names))
        defense_names = list(dict.fromkeys(w.label for w in defenses))

        # counts
        named = [w for w in weapons if w.named]
        defence_only = set(defense_names) - {w.label for w in weapons}
        counts, totals, munitions = self._tally(draft.type, frames, named, defence_only, prov, span)

        actor = self._actor(draft, typed, weapons, location, prov, span, date)
        claimant = defender = None
        if draft.type != "threat":  # a frame that only echoes "les attaques" speaks last
            # a speaker of the frame's own sentence first, one carried over from the
            # sentence before (which continues its account) only when none speaks
            # (a frame that tells a figure or a place before one that only names the attack:
            # "Peskov qualifie l'attaque de la nuit d'acte terroriste" tells no figure of it)
            # (and an official before "les médias locaux" of the lead)
            for frame in sorted(frames, key=lambda f: (_carried(f), f.weak,
                                                      not (f.counts or f.places),
                                                      f.claimant is not None and
                                                      f.claimant.kind in ("media", "unnamed"))):
                if frame.claimant is not None and frame.claimant.basis == DEFENDER_AGENT:
                    defender = defender or Actor(name=frame.claimant.name, side=frame.claimant.side)
                    continue  # where it was shot down, not who claims so
                if frame.claimant is not None and (frame.claimant.name or frame.claimant.side):
                    claimant = Actor(name=frame.claimant.name, side=frame.claimant.side)
                    break
        claimant, rule = self._speaker_side(claimant, frames, location)
        if rule:
            prov["claimed_by"] = rule
        office = next((f.office_place for f in frames if f.office_place is not None), None)
        body = next((f.body_place for f in frames if f.body_place is not None), None)
        if draft.type == "strike" and location is not None and location.place is None and \
                location.admin1 is None and (office or body) is not None and \
                (office or body).country == location.country and \
                not any(f.national or f.whole for f in frames):
            # "En Russie, dans le district de X, une voiture a pris feu", told by the governor
            # of the region of Rostov: his region, finer than the country
            location = None
        if draft.type == "strike" and location is None:
            place = office or self.locator.jurisdiction(claimant, pub) or body
            if place is not None:  # "a indiqué le maire de Kharkiv": his town
                location = Location(place=place.name if place.kind == "city" else None,
                                    admin1=place.admin1 or (place.name if place.kind == "region" else None),
                                    country=place.country, lat=place.lat, lon=place.lon)
                prov["location"] = "where the local official who told it holds office"
                held = self.kb.control_of(location.place, location.admin1, location.country, date)
                if actor is None and held in _OTHER_SIDE:
                    actor = Actor(name=None, side=_OTHER_SIDE[held])
                    prov["actor"] = "the other side of the side that held the target"
        if draft.type == "strike" and location is None and actor is not None and \
                actor.side in _OTHER_SIDE and (home is None or home in _OTHER_SIDE):
            # "des missiles russes ont frappé les infrastructures du pays": no place named,
            # the country of the other side of the war (in a story of that war: not where
            # the story is in Syria)
            location = Location(country=_OTHER_SIDE[actor.side])
            prov["location"] = "the country of the other side of the attacker's"
        if draft.type == "strike" and location is None and any(f.counts for f in frames):
            # figures with no place: the country attacked, the other side of the attacker's
            # ("la Russie a lancé 23 drones", "les bombardements russes ont tué 17 civils"), else
            # the country of the air defence that counted them ("nos forces ont abattu 20 drones")
            target = _OTHER_SIDE.get(actor.side) if actor is not None else None
            if target is None and claimant is not None and claimant.side in _OTHER_SIDE and (
                    "intercepted" in {c.role for f in frames for c in f.counts} or
                    any(f.body_tally for f in frames)):
                target = claimant.side  # (the air force counts what was fired at its country)
            if target is None and defender is not None and defender.side and actor is not None \
                    and actor.side and actor.side != defender.side and \
                    defender.side in self._countries and \
                    any(c.role == "intercepted" for f in frames for c in f.counts):
                # "un missile tiré par les Houthis a été intercepté par l'armée israélienne":
                # the defender's country, beyond the two sides of the war in Ukraine too
                target = defender.side
            if target is None and home in _OTHER_SIDE and (claimant is None or claimant.side is None) \
                    and {"launched", "intercepted"} & {c.role for f in frames for c in f.counts
                                                       if c.domain != "person"}:
                # "l'armée de l'air a abattu 34 drones", no side named: the story's country
                target = home
            if target is not None:
                location = Location(country=target)
                prov["location"] = "the country a tally with no place was about"
                if actor is None and target in _OTHER_SIDE:
                    actor = Actor(name=None, side=_OTHER_SIDE[target])
                    prov["actor"] = "the other side of the target's country"
        if claimant is not None and claimant.side is None and location is not None:
            claimant, rule = self._speaker_side(claimant, frames, location)  # the place found late
            if rule:
                prov["claimed_by"] = rule
        if draft.type == "deployment" and location is None and actor is not None and actor.side \
                and any(_RECEIVED.search(matchable(t.text)) for f in typed for t in f.triggers):
            # "l'Ukraine a reçu un système Patriot": it stands in the receiver's country
            location = Location(country=actor.side)
            prov["location"] = "the country that received the systems"
        if draft.type == "threat" and actor is None:
            return None
        if draft.type == "strike" and location is None and not weapon_names and not totals and \
                not counts:
            return None  # nothing of its own: no place, no weapon, no figure
        if draft.type == "strike" and date is None and (location is None or (
                location.place is None and location.admin1 is None)) and not (
                any(f.timed or f.incident for f in typed) or
                (any(f.counts for f in frames) and not any(f.habitual for f in frames))):
            # a general statement: no date, no place, and neither a time of its own
            # ("dimanche", "dans la nuit") nor figures of one happening
            return None
        if draft.type == "deployment" and not weapon_names and location is None:
            return None
        if location is not None and location.country:
            location = replace(location, control=self.kb.control_of(
                location.place, location.admin1, location.country, date))
        claims = self._claims(draft.type, frames, named, defence_only, location, span,
                              sentences) if draft.type == "strike" else ()
        own = next((c for c in claims if claimant is not None and c.claimed_by is not None
                    and c.claimed_by.name == claimant.name), None)
        if own is not None:
            # two sources give one field different values: the record's is its claimant's
            moved = False
            # "plus de 10 drones" from the air defence, then "au total, 14" from the ministry
            # of the same side: the exact figure stands, the rough one stays in the claims
            rough = {(c.role, c.value) for f in frames for c in f.counts if c.approx}
            # and a headline's "22 abattus au-dessus de la mer" is the part the body's "32,
            # dont 22 au-dessus de la mer" tells of the whole
            parts = {(c.role, c.value) for f in frames for c in f.counts if c.part}
            for role in ("launched", "intercepted", "hit"):
                value = own.figure(role)
                if (role, value) in parts and (totals.get(role) or 0) > value:
                    continue
                if (role, value) in rough and all(
                        other.claimed_by is not None and other.claimed_by.side == own.claimed_by.side
                        for other in claims if other is not own and other.figure(role) is not None):
                    continue
                if value is not None and totals.get(role) not in (None, value) and \
                        any(_clash(own, other, role) for other in claims if other is not own):
                    totals[role], moved = value, True
                    prov[role] = "the figure of the record's claimant (the others are in claims)"
            for role in ("killed", "injured"):
                value = own.figure(role)
                if value is not None and counts.get(role) not in (None, value):
                    counts[role] = value
                    prov[role] = "the figure of the record's claimant (the others are in claims)"
            if not coherent(totals) and coherent({r: own.figure(r) for r in
                                                     ("launched", "intercepted", "hit")}):
                # "20 lancés" from one side, "30 abattus" from the other: not one set of
                # figures; the record keeps its claimant's own, the rest is in claims
                for role in ("launched", "intercepted", "hit"):
                    if own.figure(role) is None:
                        totals.pop(role, None)
                        prov.pop(role, None)
                    elif totals.get(role) != own.figure(role):
                        totals[role] = own.figure(role)
                moved = True
            if moved and own.munitions:
                munitions = {m.weapon: {k: v for k, v in (("launched", m.launched),
                                                          ("intercepted", m.intercepted),
                                                          ("hit", m.hit)) if v is not None}
                             for m in own.munitions}
        sent_ids = sorted({f.sent for f in frames})
        evidence = tuple(sentences[i] for i in sent_ids)
        return Event(
            article_id=article_id, type=draft.type, date=date, location=location, actor=actor,
            weapons=tuple(weapon_names), defenses=tuple(defense_names),
            launched=totals.get("launched"), intercepted=totals.get("intercepted"),
            hit=totals.get("hit"), killed=counts.get("killed"), injured=counts.get("injured"),
            munitions=tuple(Munition(weapon=k, launched=v.get("launched"),
                                     intercepted=v.get("intercepted"), hit=v.get("hit"))
                            for k, v in munitions.items()),
            claimed_by=claimant, hedged=any(f.hedged for f in typed), evidence=evidence,
            provenance=tuple(prov.items()), claims=claims, systems=systems)

    def _tally(self, kind: str, frames: list[Frame], named, defence_only, prov: dict,
               span) -> tuple[dict, dict, dict]:
        """The figures of some frames: casualties, launched/intercepted/hit totals, and the
        breakdown by weapon; ``prov`` gets the span each figure was read from."""
        counts = {}
        munitions: dict[str, dict[str, int]] = {}
        rough: dict[tuple[str, str], bool] = {}
        setter: dict[tuple[str, str], Count] = {}  # the figure each slot holds
        grand: dict[str, int] = {}
        last_label = None
        through: set[str] = set()  # the weapons said to have got through, none shot down
        all_int = any(f.all_intercepted for f in frames)
        # figures told as a part of a bigger one ("32 drones, dont 22 au-dessus de la mer")
        parts = {(c.role, c.value) for f in frames for c in f.counts if c.part}
        # a toll over several towns far apart ("a frappé Kherson et Kryvyï Rih, tuant neuf
        # personnes") gives way to the one a single place's account gives
        for frame in sorted(frames, key=lambda f: f.spread):
            for c in frame.counts:
                if c.domain == "person" and c.role not in counts:
                    counts[c.role] = c.value
                    prov[c.role] = span(frame, c.start, c.np_end)
        for frame in frames:
            for at, c in enumerate(frame.counts):
                if c.domain == "person":
                    continue
                if kind != "strike":
                    continue
                if c.domain == "total":
                    if c.role not in grand:
                        grand[c.role] = c.value
                        prov.setdefault(c.role, span(frame, c.start, c.np_end))
                    continue
                own_label = self._count_label(frame, c, named)
                if c.but:  # "tous sauf trois": of those fired, all but these were shot down
                    label = own_label or last_label
                    fired = munitions.get(label, {}).get("launched") if label else None
                    kinds = [lab for lab, roles in munitions.items() if "launched" in roles]
                    if fired is None and len(kinds) == 1:  # "30 missiles Kalibr ...", "ces missiles"
                        label, fired = kinds[0], munitions[kinds[0]]["launched"]
                    if fired is None and not munitions and "launched" in grand:
                        if c.value < grand["launched"]:
                            grand.setdefault("intercepted", grand["launched"] - c.value)
                            prov.setdefault("intercepted", span(frame, c.start, c.np_end))
                    elif fired is not None and c.value < fired:
                        munitions[label].setdefault("intercepted", fired - c.value)
                        prov.setdefault("intercepted", span(frame, c.start, c.np_end))
                    continue
                if own_label is None and c.ellipsis and not c.aside and \
                        c.role in ("intercepted", "hit") and c.role not in grand and \
                        (sum("launched" in roles for roles in munitions.values()) >= 2 or
                         "launched" in grand and not munitions):
                    # "la Russie a lancé 1 200 drones et 40 missiles. La défense en a abattu
                    # 1 150": of them all
                    grand[c.role] = c.value
                    prov.setdefault(c.role, span(frame, c.start, c.np_end))
                    continue
                label = own_label or last_label or "missile"
                if label in defence_only:
                    continue  # "un système Pantsir a détruit trois drones": the defender
                last_label = label
                if c.role == "launched" and c.start in frame.through:
                    through.add(label)
                slot = munitions.setdefault(label, {})
                if c.more and c.role in slot and at and setter.get((label, c.role)) is \
                        frame.counts[at - 1]:
                    # "cinq drones au-dessus de la ville et deux autres dans ses environs"
                    slot[c.role] += c.value
                    continue
                if c.role not in slot or (rough.get((label, c.role)) and not c.approx) or (
                        not c.part and (c.role, slot[c.role]) in parts and c.value > slot[c.role]
                        and not setter[(label, c.role)].part):
                    # the first figure, unless it was rough ("plus de 100") and this is exact,
                    # or a part (a headline's "22 drones au-dessus de la mer") of this one
                    slot[c.role] = c.value
                    rough[(label, c.role)] = c.approx
                    setter[(label, c.role)] = c
                    prov[c.role] = span(frame, c.start, c.np_end)
        for label in through:  # "... qui n'ont pas pu être interceptés": none of them
            if "launched" in munitions.get(label, {}):
                munitions[label].setdefault("intercepted", 0)
        _drop_rough_aggregates(munitions, rough, named)
        munitions = _fold_generic_munitions(
            munitions, {w.label for w in named if GENERIC_OF_CLASS.get(w.cls) in MISSILE_GENERICS
                        or w.air_defence} if "missile" in munitions else set())
        # "35 drones Shahed, qui ont tous été abattus" beside 99 missiles of which 72 were:
        # all of those drones; a "tous abattus" with no figure of its own, all of them
        downed_all = {self._count_label(f, c, named) for f in frames if f.all_intercepted
                      for c in f.counts if c.domain == "weapon"} - {None}
        downed_all = {generic_for(lab, named) if lab not in munitions else lab for lab in downed_all}
        whole = not downed_all or not (set(munitions) - downed_all)
        if kind == "strike" and all_int:
            for label, roles in munitions.items():
                if "launched" in roles and (whole or label in downed_all):
                    roles.setdefault("intercepted", roles["launched"])
                    roles.setdefault("hit", 0)
        uncounted = self._uncounted(frames, named) if not grand else set()
        cls_of = {w.label: w.cls for w in named}

        def kind_of(label: str) -> str:
            generic = GENERIC_OF_CLASS.get(cls_of[label], label) if label in cls_of else label
            return "missile" if generic in MISSILE_GENERICS else generic

        def kinds_with(role: str) -> set[str]:
            return {kind_of(label) for label, roles in munitions.items() if role in roles}

        # "la totalité des drones et 11 Kalibr ont été abattus": every one of that kind fired
        whole_kinds = {k for f in frames for k in f.all_of} if kind == "strike" else set()
        for label, roles in munitions.items():
            if "launched" in roles and kind_of(label) in whole_kinds:
                roles.setdefault("intercepted", roles["launched"])
            elif kind == "strike" and roles.get("launched") and roles.get("hit") == roles["launched"] \
                    and any("intercepted" in r for other, r in munitions.items() if other != label):
                # "la défense a abattu 80 drones, tandis que le missile Iskander et 26 drones
                # ont frappé": beside the kinds downed, every one of this kind fired struck
                # (alone, "six drones sont tombés sur la raffinerie" may be the downed ones)
                roles.setdefault("intercepted", 0)
        totals = {}
        for role in ("launched", "intercepted", "hit"):
            if role in grand:  # a total the text gives beats the sum of the parts
                totals[role] = grand[role]
            elif uncounted - kinds_with(role):
                # "50 drones et des missiles": the missiles' part is unknown; but "18 des 23
                # drones et les deux missiles abattus": every kind's part is known
                continue
            elif role == "launched" and kinds_with("launched") and \
                    kinds_with("intercepted") - kinds_with("launched"):
                # "33 cibles détruites, 29 missiles et 4 drones, sur 30 missiles tirés": how
                # many drones were fired is not told, so neither is the total fired
                continue
            elif (value := _class_total(munitions, role, named)) is not None:
                totals[role] = value
        if kind == "strike" and all_int and whole:
            known = totals.get("launched") or totals.get("intercepted")
            if known is not None:
                totals["launched"] = totals["intercepted"] = known
            totals["hit"] = 0
            prov["hit"] = "tous abattus"
        if kind == "strike" and any(f.rest_hit for f in frames) and totals.get("hit") is None \
                and totals.get("launched") is not None and totals.get("intercepted") is not None \
                and totals["launched"] >= totals["intercepted"]:
            totals["hit"] = totals["launched"] - totals["intercepted"]  # "les autres ont frappé"
            prov["hit"] = "the ones not downed, said to have struck"
        if kind == "strike" and totals.get("hit") is None and \
                totals.get("launched") and totals.get("launched") == totals.get("intercepted"):
            # "six missiles lancés sur Odessa ont été détruits": as many shot down as were
            # fired, none got through
            totals["hit"] = 0
            prov["hit"] = "as many shot down as were fired"
            for roles in munitions.values():
                if roles.get("launched") is not None and roles.get("launched") == roles.get("intercepted"):
                    roles.setdefault("hit", 0)
        if kind == "strike" and any(f.no_hit for f in frames) and totals.get("hit") is None:
            totals["hit"] = 0  # "aucun n'a atteint sa cible"
            prov["hit"] = "none reached a target"
        if kind == "strike" and any(f.one_missed for f in frames) and totals.get("hit") is None \
                and totals.get("launched") is not None and totals.get("intercepted") is not None \
                and totals["launched"] - totals["intercepted"] == 1:
            totals["hit"] = 0  # "abattu 23 des 24 ; le dernier n'a pas atteint sa cible"
            prov["hit"] = "the one not downed missed"
        if kind == "strike" and any(f.no_casualties for f in frames):
            counts.setdefault("killed", 0)
            counts.setdefault("injured", 0)
        if totals.get("launched") is not None and totals.get("intercepted") is not None and \
                totals["intercepted"] > totals["launched"] and "launched" not in grand:
            # more shot down than fired: the figure fired counts only a part (one kind, one
            # wave); a wrong total is worse than none
            del totals["launched"]
            prov.pop("launched", None)
        return counts, totals, munitions

    def _claims(self, kind: str, frames: list[Frame], named, defence_only,
                location: Location | None, span, sentences) -> tuple[SourceFigures, ...]:
        """One entry per source when the frames give figures from more than one: each
        sentence's figures go to its claimant; a sentence that names none is the one told
        before it (else after it) speaking on."""
        ordered = sorted(frames, key=lambda f: (f.sent, f.start))
        told = [f.claimant if f.claimant is not None and (f.claimant.name or f.claimant.side)
                else None for f in ordered]
        if any(w is not None and not _carried(f) for f, w in zip(ordered, told)):
            # a speaker carried over from an earlier sentence gives way to the draft's own
            told = [None if _carried(f) else w for f, w in zip(ordered, told)]
        first = next((w for w in told if w is not None), None)
        if first is None:
            return ()
        groups: dict[str, list[Frame]] = {}
        speakers: dict[str, Actor] = {}
        last = first
        named_keys: list[tuple[str, str | None]] = []
        for frame, who in zip(ordered, told):
            last = who or last
            key = fold(last.name) if last.name else f"side:{last.side}"
            if _BARE_TITLE.fullmatch(matchable(last.name or "")):
                # "le gouverneur" after "Viatcheslav Gladkov, gouverneur de ...": one speaker
                key = next((k for k, side in reversed(named_keys)
                            if side is None or last.side is None or side == last.side), key)
            elif last.name:
                named_keys.append((key, last.side))
            speakers.setdefault(key, Actor(name=last.name, side=last.side))
            if frame.counts:
                groups.setdefault(key, []).append(frame)
        out = []
        for key, group in groups.items():
            counts, totals, munitions = self._tally(kind, group, named, defence_only, {}, span)
            if not counts and not totals and not munitions:
                continue
            speaker, _ = self._speaker_side(speakers[key], group, location)
            out.append(SourceFigures(
                claimed_by=speaker, launched=totals.get("launched"),
                intercepted=totals.get("intercepted"), hit=totals.get("hit"),
                killed=counts.get("killed"), injured=counts.get("injured"),
                munitions=tuple(Munition(weapon=k, launched=v.get("launched"),
                                         intercepted=v.get("intercepted"), hit=v.get("hit"))
                                for k, v in munitions.items()),
                evidence=tuple(sentences[i] for i in sorted({f.sent for f in group}))))
        return tuple(out) if len(out) > 1 else ()

    def _speaker_side(self, claimant: Actor | None, frames: list[Frame],
                      location: Location | None) -> tuple[Actor | None, str | None]:
        """The side of a speaker the words leave open, and the rule that gave it."""
        if claimant is None or claimant.side is not None:
            return claimant, None
        speaker = next((f.claimant for f in frames if f.claimant is not None and
                        f.claimant.name == claimant.name), None)
        if location is not None and location.country in ("RU", "UA") and (
                LOCAL_OFFICIAL.search(matchable(claimant.name or "")) or
                speaker is not None and speaker.basis == "local official"):
            # "selon le gouverneur régional", "X, un responsable régional": the official of
            # the place struck
            return Actor(name=claimant.name, side=location.country), \
                "a local official of the place struck"
        if location is not None and location.country and \
                HOME_AUTHORITY.fullmatch(matchable(claimant.name or "")):
            return Actor(name=claimant.name, side=location.country), \
                "a service of the country where the attack fell"
        counts = [c for f in frames for c in f.counts]
        if location is not None and location.country and _DEFENCE_MINISTRY.fullmatch(
                matchable(claimant.name or "")) and counts and \
                all(c.role == "intercepted" and c.domain != "person" for c in counts):
            # "le ministère de la Défense a affirmé avoir détruit sept missiles au-dessus de la
            # région de X": a ministry counts what its air defence downed over its own ground
            # (where the front line split a region, whose ground it is stays open)
            side = self.kb.control_of(location.place, location.admin1, location.country, None)
            if side is not None:
                return Actor(name=claimant.name, side=side), \
                    "a ministry's downing tally over the ground its side holds"
        office = next((f.office_place for f in frames if f.office_place is not None
                       and f.claimant is not None and f.claimant.name == claimant.name), None)
        if office is not None and office.country in _OTHER_SIDE and \
                (office.admin1 or office.name) not in _CONTESTED:
            # "Serhiy Lisak, gouverneur de la région de Dnipropetrovsk": the side of his office
            return Actor(name=claimant.name, side=office.country), \
                "the side of the place where the speaker holds office"
        return claimant, None

    def _uncounted(self, frames: list[Frame], named) -> set[str]:
        """The kinds of weapon a sentence that gives launched counts names and gives no
        launched count of."""
        def kind(w) -> str:
            generic = w.label if not w.named else GENERIC_OF_CLASS.get(w.cls, w.label)
            return "missile" if generic in MISSILE_GENERICS or w.air_defence else generic

        for frame in frames:
            launched = [c for c in frame.counts if c.role == "launched" and c.domain == "weapon"]
            if not launched:
                continue
            counted = set()
            for c in launched:
                counted |= {kind(w) for w in frame.weapons if c.start <= w.start <= c.np_end + 1}
            named_kinds = {kind(w) for w in frame.weapons if not _is_platform(w)}
            if counted and named_kinds - counted:
                return named_kinds - counted
        return set()

    def _count_label(self, frame: Frame, count, named) -> str | None:
        inside = [w for w in frame.weapons if count.start <= w.start < count.np_end + 1]
        if not inside:
            # "une attaque de drones, avec 188 appareils": the one kind the sentence names
            kinds = {GENERIC_OF_CLASS.get(w.cls, w.label) if w.named else w.label
                     for w in frame.weapons if not _is_platform(w) and not w.air_defence}
            if len(kinds) == 1 and (count.role == "launched" or count.ellipsis):
                # (and "les drones ... qui en a abattu 30": of that kind)
                return generic_for(kinds.pop(), named)
            if count.ellipsis and not count.aside:
                # "les drones Shahed : 45 lancés, 40 abattus ; les missiles Kh-101 : 5 lancés":
                # the kind named just before the figures, in the same breath
                near = [w for w in frame.weapons if 0 <= count.start - w.end <= 30 and
                        not _is_platform(w) and not w.air_defence]
                if near:
                    w = max(near, key=lambda w: w.end)
                    return w.label if w.named else generic_for(w.label, named)
            return None
        best = next((w for w in inside if w.named), None)
        if best is not None:
            return best.label
        generics = {w.label for w in inside}
        if len(generics) > 1 and generics <= MISSILE_GENERICS:
            return "missile"  # "11 missiles balistiques et de croisière": one count for both
        return generic_for(inside[0].label, named)

    def _actor(self, draft: Draft, frames, weapons, location, prov, span,
               date: str | None = None) -> Actor | None:
        for frame in sorted(frames, key=lambda f: f.actor is None or f.actor.side is None):
            who = frame.actor  # one with a side first; for a threat, a named speaker will do
            if who is not None and (who.side or draft.type == "threat"):
                prov["actor"] = span(frame, who.start, who.end)
                return Actor(name=who.name, side=who.side)
        if draft.type == "threat":
            return None
        told = {f.weapon_side.side for f in frames if f.weapon_side is not None}
        if draft.type == "strike" and len(told) == 1:
            # "l'armée de l'air a recensé 46 drones russes": the side the weapons are of
            prov["actor"] = "the nationality of the weapons"
            return Actor(name=None, side=told.pop())
        users = {frozenset(w.users) for w in weapons if w.named and w.users}
        sides = set.intersection(*(set(u) for u in users)) if users else set()
        if draft.type == "deployment":  # "L'Allemagne a annoncé le déploiement de ..."
            # (not a speaker of the other camp: a Ukrainian official showing a Russian Pantsir)
            who = next((f.claimant for f in frames if f.claimant and f.claimant.side and
                        f.claimant.kind in ("side", "institution", "person") and
                        (not sides or f.claimant.side in sides)), None)
            if who is not None:
                prov["actor"] = "the government that announced it"
                return Actor(name=who.name, side=who.side)
        if len(sides) == 1:
            side = sides.pop()
            prov["actor"] = "users of the weapons named"
            return Actor(name=None, side=side)
        if draft.type == "strike" and location is not None and location.country in ("RU", "UA"):
            # a strike on Crimea in 2023 is Ukraine's: the other side of the one that held it
            held = self.kb.control_of(location.place, location.admin1, location.country, date)
            if held not in _OTHER_SIDE:
                return None  # a region the front line split: who held the target is unknown
            prov["actor"] = "the other side of the side that held the target"
            return Actor(name=None, side=_OTHER_SIDE[held])
        if draft.type == "deployment" and location is not None and location.country:
            prov["actor"] = "the country where the systems stand"
            return Actor(name=None, side=location.country)
        return None
