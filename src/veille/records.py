"""The records that flow through veille: articles in, events out.

All core records are frozen, slotted, keyword-only dataclasses with ``to_dict`` /
``from_dict``. ``Event.to_dict()`` is exactly the JSON line of ../shared/spec/EVENTS.md,
plus the extra fields ``event_id``, ``evidence_spans`` and ``provenance``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = ("strike", "deployment", "threat")
COUNT_FIELDS = ("launched", "intercepted", "hit", "killed", "injured")


def content_hash(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as read from a file, before cleaning."""

    id: str
    text: str
    published: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    title: str | None = None
    origin: str | None = None  # "path" or "path:line" it was read from

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "text": self.text, "published": self.published}
        for key in ("url", "source", "lang", "title"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, origin: str | None = None) -> "Article":
        return cls(id=str(data["id"]), text=data["text"], published=data.get("published"),
                   url=data.get("url"), source=data.get("source"), lang=data.get("lang"),
                   title=data.get("title"), origin=origin)


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of the cleaned article text: ``text == cleaned[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(start=data["start"], end=data["end"], text=data["text"])


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    site: str | None = None  # a named site (refinery, port, airfield) at ``place``
    control: str | None = None  # the side that administered the place on the event's date

    @property
    def precision(self) -> str | None:
        """The level the text gives: place, admin1 or country (EVENTS.md)."""
        return "place" if self.place else "admin1" if self.admin1 else \
            "country" if self.country else None

    def to_dict(self) -> dict[str, Any]:
        out = {"place": self.place, "admin1": self.admin1, "country": self.country,
               "lat": self.lat, "lon": self.lon}
        if self.site:
            out["site"] = self.site
        if self.control:
            out["control"] = self.control
        if self.precision:
            out["precision"] = self.precision
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Location | None":
        if not data:
            return None
        return cls(place=data.get("place"), admin1=data.get("admin1"),
                   country=data.get("country"), lat=data.get("lat"), lon=data.get("lon"),
                   site=data.get("site"), control=data.get("control"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    name: str | None
    side: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "side": self.side}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Actor | None":
        if not data:
            return None
        return cls(name=data.get("name"), side=data.get("side"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Munition:
    weapon: str
    launched: int | None = None
    intercepted: int | None = None
    hit: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"weapon": self.weapon, "launched": self.launched,
                "intercepted": self.intercepted, "hit": self.hit}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Munition":
        return cls(weapon=data["weapon"], launched=data.get("launched"),
                   intercepted=data.get("intercepted"), hit=data.get("hit"))


def coherent(figures: dict) -> bool:
    """Can these launched, intercepted and hit figures be one attack's? (intercepted and hit
    each at most launched, and together too)"""
    launched = figures.get("launched")
    if launched is None:
        return True
    intercepted, hit = figures.get("intercepted") or 0, figures.get("hit") or 0
    return intercepted <= launched and hit <= launched and intercepted + hit <= launched


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceFigures:
    """The figures one source gives for a happening, in one article (EVENTS.md's `claims`):
    each figure stays with the claimant of the sentence it was read from."""

    claimed_by: Actor | None
    launched: int | None = None
    intercepted: int | None = None
    hit: int | None = None
    killed: int | None = None
    injured: int | None = None
    munitions: tuple[Munition, ...] = ()
    evidence: tuple[Span, ...] = ()

    def figure(self, name: str) -> int | None:
        return getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        return {"claimed_by": self.claimed_by.to_dict() if self.claimed_by else None,
                "launched": self.launched, "intercepted": self.intercepted, "hit": self.hit,
                "killed": self.killed, "injured": self.injured,
                "munitions": [m.to_dict() for m in self.munitions],
                "evidence_spans": [[s.start, s.end] for s in self.evidence]}

    @classmethod
    def from_dict(cls, data: dict[str, Any], evidence: tuple["Span", ...] = ()) -> "SourceFigures":
        spans = {(s.start, s.end): s for s in evidence}
        return cls(claimed_by=Actor.from_dict(data.get("claimed_by")),
                   launched=data.get("launched"), intercepted=data.get("intercepted"),
                   hit=data.get("hit"), killed=data.get("killed"), injured=data.get("injured"),
                   munitions=tuple(Munition.from_dict(m) for m in data.get("munitions") or ()),
                   evidence=tuple(spans.get(tuple(se), Span(start=se[0], end=se[1], text=""))
                                  for se in data.get("evidence_spans") or ()))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One event read from one article (the spec's output record)."""

    article_id: str
    type: str
    date: str | None = None
    location: Location | None = None
    actor: Actor | None = None
    weapons: tuple[str, ...] = ()
    defenses: tuple[str, ...] = ()
    launched: int | None = None
    intercepted: int | None = None
    hit: int | None = None
    killed: int | None = None
    injured: int | None = None
    munitions: tuple[Munition, ...] = ()
    claimed_by: Actor | None = None
    hedged: bool = False
    evidence: tuple[Span, ...] = ()
    # field name -> the span of text the value was read from (or the rule that set it)
    provenance: tuple[tuple[str, Span | str], ...] = field(default=())
    # one entry per source when the article gives figures from more than one
    claims: tuple[SourceFigures, ...] = ()
    # named systems outside EVENTS.md's canonical list, which `weapons` gives by class
    systems: tuple[str, ...] = ()

    @property
    def event_id(self) -> str:
        # the place too: one sentence may tell two strikes, one a place ("dix morts à
        # Poltava, tandis que dans la région de Soumy, deux")
        where = [self.location.place, self.location.admin1, self.location.country] \
            if self.location else None
        key = json.dumps([self.article_id, self.type, [s.start for s in self.evidence],
                          self.date, where], ensure_ascii=False)
        return content_hash(key)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "article_id": self.article_id,
            "type": self.type,
            "date": self.date,
            "location": self.location.to_dict() if self.location else None,
            "actor": self.actor.to_dict() if self.actor else None,
            "weapons": list(self.weapons),
            "defenses": list(self.defenses),
            "launched": self.launched,
            "intercepted": self.intercepted,
            "hit": self.hit,
            "killed": self.killed,
            "injured": self.injured,
            "munitions": [m.to_dict() for m in self.munitions],
            "claimed_by": self.claimed_by.to_dict() if self.claimed_by else None,
            "hedged": self.hedged,
            "evidence": [s.text for s in self.evidence],
            "event_id": self.event_id,
            "evidence_spans": [[s.start, s.end] for s in self.evidence],
            "provenance": {k: (v.to_dict() if isinstance(v, Span) else {"rule": v})
                           for k, v in self.provenance},
        }
        if self.claims:
            out["claims"] = [c.to_dict() for c in self.claims]
        if self.systems:
            out["systems"] = list(self.systems)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        spans = data.get("evidence_spans") or []
        evidence = tuple(
            Span(start=spans[i][0], end=spans[i][1], text=text) if i < len(spans)
            else Span(start=-1, end=-1, text=text)
            for i, text in enumerate(data.get("evidence") or []))
        provenance = tuple(
            (k, Span.from_dict(v) if "start" in v else v.get("rule", ""))
            for k, v in (data.get("provenance") or {}).items())
        return cls(
            article_id=data["article_id"], type=data["type"], date=data.get("date"),
            location=Location.from_dict(data.get("location")),
            actor=Actor.from_dict(data.get("actor")),
            weapons=tuple(data.get("weapons") or ()), defenses=tuple(data.get("defenses") or ()),
            launched=data.get("launched"), intercepted=data.get("intercepted"),
            hit=data.get("hit"), killed=data.get("killed"), injured=data.get("injured"),
            munitions=tuple(Munition.from_dict(m) for m in data.get("munitions") or ()),
            claimed_by=Actor.from_dict(data.get("claimed_by")),
            hedged=bool(data.get("hedged", False)), evidence=evidence, provenance=provenance,
            claims=tuple(SourceFigures.from_dict(c, evidence) for c in data.get("claims") or ()),
            systems=tuple(data.get("systems") or ()))


@dataclass(frozen=True, slots=True, kw_only=True)
class Notice:
    """Something to tell about one input: skipped (an error) or read with a caveat."""

    origin: str
    reason: str
    code: str
    skipped: bool = True

    @property
    def is_note(self) -> bool:
        """A note (code I...): how an input was read, neither an error nor a caveat."""
        return self.code.startswith("I")

    def __str__(self) -> str:
        kind = "skipped" if self.skipped else "note" if self.is_note else "warning"
        return f"{self.origin}: {kind}: {self.reason} [{self.code}]"


# -- fusion across articles -----------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """What one article says about a fused event: one row of its claims ledger."""

    article_id: str
    event_id: str
    event_key: str
    outlet: str | None
    url: str | None
    published: str | None
    claimant: str | None
    claimant_side: str | None
    date: str | None
    place: str | None
    counts: tuple[tuple[str, int | None], ...]
    hedged: bool = False
    evidence: tuple[str, ...] = ()
    evidence_spans: tuple[tuple[int, int], ...] = ()
    precision: str | None = None  # the level of the report's place: place, admin1 or country

    def count(self, name: str) -> int | None:
        for key, value in self.counts:
            if key == name:
                return value
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "event_id": self.event_id,
                "outlet": self.outlet, "url": self.url, "published": self.published,
                "claimed_by": ({"name": self.claimant, "side": self.claimant_side}
                               if self.claimant else None),
                "date": self.date, "place": self.place, **dict(self.counts),
                "hedged": self.hedged, "evidence": list(self.evidence),
                "evidence_spans": [list(s) for s in self.evidence_spans],
                "precision": self.precision, "event_key": self.event_key}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Claim":
        by = data.get("claimed_by") or {}
        return cls(article_id=data["article_id"], event_id=data["event_id"],
                   event_key=data["event_key"], outlet=data.get("outlet"), url=data.get("url"),
                   published=data.get("published"), claimant=by.get("name"),
                   claimant_side=by.get("side"), date=data.get("date"), place=data.get("place"),
                   counts=tuple((f, data.get(f)) for f in COUNT_FIELDS),
                   hedged=bool(data.get("hedged")), evidence=tuple(data.get("evidence") or ()),
                   evidence_spans=tuple(tuple(s) for s in data.get("evidence_spans") or ()),
                   precision=data.get("precision"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Consensus:
    """One field's value across the claims, with the rule that chose it and how many
    reports give that value."""

    value: Any
    rule: str
    support: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "rule": self.rule, "support": self.support}


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A candidate escalation link from a threat to a strike: never established causation."""

    threat: str  # fused ids
    strike: str
    relation: str  # "answers" (the strike came first) or "followed_by"
    days: int  # strike date minus threat date
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"threat": self.threat, "strike": self.strike, "relation": self.relation,
                "days": self.days, "reasons": list(self.reasons), "status": "candidate"}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Link":
        return cls(threat=data["threat"], strike=data["strike"], relation=data["relation"],
                   days=data["days"], reasons=tuple(data.get("reasons") or ()))


SPEC_FIELDS = ("date", "location", "actor", "weapons", "defenses", *COUNT_FIELDS, "munitions",
               "claimed_by", "hedged")
_EMPTY = {"weapons": [], "defenses": [], "munitions": [], "hedged": False}


@dataclass(frozen=True, slots=True, kw_only=True)
class FusedEvent:
    """One real-world event: the article-level records it merges (by store key), their
    claims side by side, a consensus value per field, and flags."""

    fused_id: str
    block: str
    type: str
    consensus: tuple[tuple[str, Consensus], ...]
    claims: tuple[Claim, ...]
    flags: tuple[str, ...] = ()
    flag_details: dict = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    part_of: str | None = None  # the country's tally of the night this local strike belongs to
    parts: tuple[str, ...] = ()  # for a national tally: the night's local strikes

    def value(self, name: str) -> Any:
        for key, found in self.consensus:
            if key == name:
                return found.value
        return _EMPTY.get(name)

    @property
    def date(self) -> str | None:
        return self.value("date")

    @property
    def outlets(self) -> set[str]:
        return {c.outlet or f"article:{c.article_id}" for c in self.claims}

    @property
    def reports(self) -> int:
        """The article-level records merged (a record may hold claims of several sources)."""
        return len(self.members) or len({c.event_key for c in self.claims})

    def to_dict(self) -> dict[str, Any]:
        """The spec's fields as consensus values, then the ledger."""
        out: dict[str, Any] = {"fused_id": self.fused_id,
                               "article_id": self.claims[0].article_id if self.claims else None,
                               "type": self.type}
        found = dict(self.consensus)
        for name in SPEC_FIELDS:
            out[name] = found[name].value if name in found else _EMPTY.get(name)
        out["evidence"] = list(self.evidence)
        out["article_ids"] = sorted({c.article_id for c in self.claims})
        out["reports"] = self.reports
        out["outlets"] = len(self.outlets)
        out["consensus"] = {k: v.to_dict() for k, v in self.consensus}
        out["claims"] = [c.to_dict() for c in self.claims]
        out["flags"] = list(self.flags)
        out["flag_details"] = self.flag_details
        out["block"] = self.block
        out["member_keys"] = list(self.members)
        out["part_of"] = self.part_of
        out["parts"] = list(self.parts)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "FusedEvent":
        return cls(fused_id=data["fused_id"], block=data["block"], type=data["type"],
                   consensus=tuple((k, Consensus(**v)) for k, v in data["consensus"].items()),
                   claims=tuple(Claim.from_dict(c) for c in data["claims"]),
                   flags=tuple(data.get("flags") or ()),
                   flag_details=data.get("flag_details") or {},
                   evidence=tuple(data.get("evidence") or ()),
                   members=tuple(data.get("member_keys") or ()),
                   part_of=data.get("part_of"), parts=tuple(data.get("parts") or ()))
