"""The claims ledger of a fused event: every report side by side, then one consensus value
per field with the rule that chose it, and flags where the reports disagree."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..kb import fold
from ..records import COUNT_FIELDS, Claim, Consensus, FusedEvent, coherent, content_hash
from .cluster import GENERIC_WEAPONS


FLAGS = ("conflict", "inconsistent", "single_source", "undated")
TOLERANCE = (0.10, 2)  # two sides' figures differ: by more than 10% and more than 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """One article-level record of a cluster, with what the store knows of its article."""

    key: str
    record: dict
    article_id: str
    published: str | None = None
    source: str | None = None
    url: str | None = None


def outlet_of(member: Member) -> str | None:
    if member.source:
        return member.source
    if member.url:
        host = urlsplit(member.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def claim_of(member: Member) -> Claim:
    rec = member.record
    claimant = rec.get("claimed_by") or {}
    loc = rec.get("location") or {}
    return Claim(
        article_id=member.article_id, event_id=rec.get("event_id", ""), event_key=member.key,
        outlet=outlet_of(member), url=member.url, published=member.published,
        claimant=claimant.get("name"), claimant_side=claimant.get("side"),
        date=rec.get("date"), place=loc.get("place") or loc.get("admin1") or loc.get("country"),
        precision="place" if loc.get("place") else "admin1" if loc.get("admin1") else
        "country" if loc.get("country") else None,
        counts=tuple([(f, rec.get(f)) for f in COUNT_FIELDS]),
        hedged=bool(rec.get("hedged")), evidence=tuple(rec.get("evidence") or ()),
        evidence_spans=tuple([tuple(s) for s in rec.get("evidence_spans") or ()]))


def claims_of(member: Member) -> list[Claim]:
    """The claims one article-level record holds: one per source when the article gives
    figures from several (its `claims` list), each with its own claimant, figures and
    evidence; else the record itself."""
    entries = member.record.get("claims") or []
    if len(entries) < 2:
        return [claim_of(member)]
    rec = member.record
    texts = dict(zip((tuple(s) for s in rec.get("evidence_spans") or ()), rec.get("evidence") or ()))
    base = claim_of(member)
    out = []
    for entry in entries:
        who = entry.get("claimed_by") or {}
        spans = tuple(tuple(s) for s in entry.get("evidence_spans") or ())
        out.append(replace(base, claimant=who.get("name"), claimant_side=who.get("side"),
                           counts=tuple((f, entry.get(f)) for f in COUNT_FIELDS),
                           evidence=tuple(texts[s] for s in spans if s in texts),
                           evidence_spans=spans))
    return out


def _voice(claim: Claim) -> str:
    """Who a claim speaks for: its claimant, else its outlet, else its article. Two outlets
    relaying one ministry are one voice."""
    if claim.claimant:
        return "c:" + fold(claim.claimant)
    return "o:" + (claim.outlet or claim.article_id)


def _latest(claims: Sequence[Claim]) -> str:
    return max((c.published or "") for c in claims)


def count_consensus(field: str, claims: Sequence[Claim], defender: str | None) -> Consensus | None:
    """The value most independent voices give. Ties go, for a toll (killed, injured), to a
    figure the latest report raises above all others (tolls are revised upward); for missile
    counts, to the defender's own claim (the side whose air defence counted them); then to
    the value more reports give, then to the latest report."""
    given = [(c, v) for c in claims if (v := c.count(field)) is not None]
    if not given:
        return None
    value, n = given[0][1], len(given)
    if all(v == value for _, v in given):
        return Consensus(value=value, rule=f"unanimous ({n} report{'s' * (n > 1)})"
                         if n > 1 else "single report", support=n)
    voices: dict[int, set[str]] = defaultdict(set)
    for c, v in given:
        voices[v].add(_voice(c))

    toll = field in ("killed", "injured")
    last = _latest([c for c, _ in given])
    newest = {v for c, v in given if (c.published or "") == last}
    values = [v for _, v in given]
    # a toll the latest report puts above an earlier figure, and none higher, is a revision
    revised = max(newest) if toll and len(newest) == 1 and \
        max(newest) == max(values) > min(values) else None

    def rank(value: int) -> tuple:
        backers = [c for c, v in given if v == value]
        own = any(c.claimant_side and c.claimant_side == defender for c in backers)
        first = value == revised if toll else own
        return (len(voices[value]), first, len(backers), _latest(backers), -value)

    ranks = {v: rank(v) for v in voices}
    ranked = sorted(voices, key=ranks.__getitem__, reverse=True)
    best, second = ranked[0], ranked[1]
    rb, rs = ranks[best], ranks[second]
    reasons = [f"most voices ({rb[0]} of {len({_voice(c) for c, _ in given})})",
               f"tie; revised upward in the latest report ({last})" if toll else
               f"tie; the defender's ({defender}) own claim",
               f"tie; given by more reports ({rb[2]} of {len(given)})",
               "tie; the latest report", "tie; the lowest value"]
    rule = next((r for r, x, y in zip(reasons, rb, rs) if x != y), reasons[-1])
    return Consensus(value=best, rule=rule, support=sum(1 for _, v in given if v == best))


def _mode(values: list, rule_name: str) -> Consensus | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    first, n = values[0], len(values)
    if all(v == first for v in values):  # the common case, without counting
        return Consensus(value=first, rule=f"unanimous ({n} report{'s' * (n > 1)})"
                         if n > 1 else "single report", support=n)
    counts = Counter(values)
    value, n = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]
    if len(counts) == 1:
        return Consensus(value=value, rule=f"unanimous ({n} report{'s' * (n > 1)})"
                         if n > 1 else "single report", support=n)
    return Consensus(value=value, rule=f"{rule_name} ({n} of {len(values)})", support=n)


def _fold_weapons(names: list[str]) -> list[str]:
    """The union of named systems, with a generic name only where no named system is given
    (the spec's rule for one article, kept across articles)."""
    named = sorted({n for n in names if n not in GENERIC_WEAPONS})
    generic = sorted({n for n in names if n in GENERIC_WEAPONS})
    return named + generic if not named else named + [g for g in generic if g == "nuclear weapon"]


def differ(a: int, b: int, tolerance: tuple[float, int] = TOLERANCE) -> bool:
    """Do two figures disagree beyond the tolerance (share of the larger, and count)?"""
    share, least = tolerance
    gap = abs(a - b)
    return gap > least and gap > share * max(a, b)


def by_side(claims: Sequence[Claim]) -> dict[str, dict]:
    """What each side's sources say: per claimant side (``third`` for a third country,
    ``unknown`` where no claimant is known), the figures given for each count, the
    claimants and the number of claims."""
    out: dict[str, dict] = {}
    for c in claims:
        side = c.claimant_side if c.claimant_side in ("UA", "RU") else \
            ("third" if c.claimant_side else "unknown")
        entry = out.setdefault(side, {"claims": 0, "claimants": [], "sides": []})
        entry["claims"] += 1
        if c.claimant and c.claimant not in entry["claimants"]:
            entry["claimants"].append(c.claimant)
        if c.claimant_side and c.claimant_side not in entry["sides"]:
            entry["sides"].append(c.claimant_side)
        for field in COUNT_FIELDS:
            if c.count(field) is not None:
                values = entry.setdefault(field, [])
                if c.count(field) not in values:
                    values.append(c.count(field))
    for entry in out.values():
        for field in COUNT_FIELDS:
            if field in entry:
                entry[field].sort()
    order = {"UA": 0, "RU": 1, "third": 2, "unknown": 3}
    return dict(sorted(out.items(), key=lambda kv: order[kv[0]]))


def flags_of(claims: Sequence[Claim], tolerance: tuple[float, int] = TOLERANCE
             ) -> tuple[tuple[str, ...], dict]:
    """``conflict``: two sides' claims differ on a count beyond the tolerance;
    ``inconsistent``: a claim breaks arithmetic (intercepted + hit > launched);
    ``single_source``: one outlet only."""
    details: dict[str, list] = {}
    conflicts = []
    # each side's figures per field, in one pass over the claims
    figures: dict[str, dict[str, set[int]]] = {}
    for c in claims:
        if c.claimant_side:
            for field, value in c.counts:
                if value is not None:
                    figures.setdefault(field, {}).setdefault(c.claimant_side, set()).add(value)
    for field in COUNT_FIELDS:
        by_side = figures.get(field)
        if not by_side or len(by_side) < 2:
            continue
        sides = sorted(by_side)
        for i, s1 in enumerate(sides):
            for s2 in sides[i + 1:]:
                if any(differ(a, b, tolerance) for a in by_side[s1] for b in by_side[s2]):
                    conflicts.append({"field": field, s1: sorted(by_side[s1]),
                                      s2: sorted(by_side[s2])})
    if conflicts:
        details["conflict"] = conflicts
    broken = []
    for c in claims:
        launched = c.count("launched")
        if launched is None:
            continue
        intercepted, hit = c.count("intercepted"), c.count("hit")
        if (intercepted or 0) + (hit or 0) > launched:
            broken.append({"article_id": c.article_id, "launched": launched,
                           "intercepted": intercepted, "hit": hit})
    if broken:
        details["inconsistent"] = broken
    outlets = {c.outlet or f"article:{c.article_id}" for c in claims}
    if len(outlets) == 1:
        details["single_source"] = sorted(outlets)
    flags = tuple(f for f in ("conflict", "inconsistent", "single_source") if f in details)
    return flags, details


def _coherent_consensus(consensus: dict[str, Consensus], claims: Sequence[Claim]) -> dict | None:
    """Rule 3 of the ledger: launched, intercepted and hit of the consensus must be one
    attack's. When the fields' winners come from different sources and break arithmetic
    (a city's 2 launched against a region's 19 intercepted), the consensus takes the set of
    one claim that is coherent, the one agreeing with most of the winners (then the latest).
    Returns the details of the violation when no claim gives a coherent set, else None."""
    roles = ("launched", "intercepted", "hit")
    winners = {r: consensus[r].value for r in roles if r in consensus}
    if coherent(winners):
        return None
    sets = [c for c in claims if c.count("launched") is not None and
            coherent({r: c.count(r) for r in roles})]
    if not sets:
        return {"figures": winners, "sources": [
            {"article_id": c.article_id, "claimed_by": c.claimant,
             **{r: c.count(r) for r in roles if c.count(r) is not None}}
            for c in claims if any(c.count(r) is not None for r in roles)]}
    best = max(sets, key=lambda c: (sum(c.count(r) == v for r, v in winners.items()),
                                    c.published or "", c.event_key))
    who = best.claimant or best.outlet or best.article_id
    for r in roles:
        if best.count(r) is None:
            consensus.pop(r, None)
        else:
            consensus[r] = Consensus(value=best.count(r), support=1, rule=(
                f"one source's coherent set ({who}, {best.article_id}): the fields' "
                f"winners {winners} cannot be one attack's"))
    return None


def fuse_members(block: str, members: Sequence[Member],
                 tolerance: tuple[float, int] = TOLERANCE) -> FusedEvent:
    """One fused event from the article-level records of one cluster."""
    members = sorted(members, key=lambda m: (m.published or "9999", m.key))
    claims = tuple(c for m in members for c in claims_of(m))
    records = [m.record for m in members]
    consensus: dict[str, Consensus] = {}

    dates = [r.get("date") for r in records if r.get("date")]
    finest = max((len(d) for d in dates), default=0)
    date = _mode([d for d in dates if len(d) == finest], "most reports at the finest precision")
    if date:
        consensus["date"] = date

    locs = [r.get("location") for r in records if r.get("location")]
    for level in ("place", "admin1", "country"):
        named = [loc for loc in locs if loc.get(level)]
        if named:
            best = _mode([loc[level] for loc in named], f"most reports naming a {level}")
            chosen = next(loc for loc in named if loc[level] == best.value)
            consensus["location"] = Consensus(
                value={k: chosen.get(k) for k in ("place", "admin1", "country", "lat", "lon")},
                rule=best.rule, support=best.support)
            break

    actors = [r.get("actor") for r in records if r.get("actor") and r["actor"].get("side")]
    side = _mode([a["side"] for a in actors], "most reports")
    if side:
        name = _mode([a.get("name") for a in actors if a["side"] == side.value], "most reports")
        consensus["actor"] = Consensus(value={"name": name.value if name else None,
                                              "side": side.value}, rule=side.rule,
                                       support=side.support)
    for field in ("weapons", "defenses"):
        names = [w for r in records for w in r.get(field) or ()]
        if names:
            consensus[field] = Consensus(value=_fold_weapons(names),
                                         rule="union of the reports", support=len(records))

    defender = (consensus["location"].value.get("country") if "location" in consensus else None)
    loc = consensus["location"].value if "location" in consensus else {}
    level = "place" if loc.get("place") else "admin1" if loc.get("admin1") else \
        "country" if loc.get("country") else None
    given = {f for c in claims for f, v in c.counts if v is not None}
    for field in COUNT_FIELDS:
        if field not in given:
            continue
        # like with like: a city's figure against the city's, not against a country's tally
        # that joined the event (the tally stays in the claims)
        same = [c for c in claims if c.precision == level and c.count(field) is not None]
        value = count_consensus(field, same or claims, defender)
        if value is not None:
            if same and len(same) < sum(c.count(field) is not None for c in claims):
                value = Consensus(value=value.value, support=value.support,
                                  rule=f"{value.rule}; among the reports at {level} level")
            consensus[field] = value

    broken = _coherent_consensus(consensus, claims)
    claimants = [(c.claimant, c.claimant_side) for c in claims if c.claimant]
    who = _mode(claimants, "most reports")
    if who:
        consensus["claimed_by"] = Consensus(value={"name": who.value[0], "side": who.value[1]},
                                            rule=who.rule, support=who.support)
    launched = consensus.get("launched")
    for r in records:
        if r.get("munitions") and launched and r.get("launched") == launched.value:
            consensus["munitions"] = Consensus(value=r["munitions"], rule="breakdown of a report "
                                               "giving the consensus launched count", support=1)
            break
    hedged_all = all(bool(r.get("hedged")) for r in records)
    consensus["hedged"] = Consensus(value=hedged_all, rule="every report hedged" if hedged_all
                                    else "not every report hedged", support=len(records))

    flags, details = flags_of(claims, tolerance)
    if broken is not None:
        details.setdefault("inconsistent", []).append({"consensus": broken})
    if block.endswith(":undated"):
        details["undated"] = ("no report gives a date: merged only on the same figures from "
                              "the same source, or the same named place and weapon")
    elif undated := [m.key for m in members if not m.record.get("date")]:
        details["undated"] = {
            "reports": undated,
            "reason": "joined the dated reports on the same figures from the same source, or "
                      "the same named place and weapon"}
    flags = tuple(f for f in FLAGS if f in details)
    evidence = []
    for c in claims:
        evidence.extend(e for e in c.evidence if e not in evidence)
    first = min(members, key=lambda m: m.key).key
    return FusedEvent(
        fused_id="F" + content_hash(first)[:12], block=block, type=records[0]["type"],
        consensus=tuple(sorted(consensus.items())), claims=claims, flags=flags,
        flag_details=details, evidence=tuple(evidence),
        members=tuple(m.key for m in members))  # in the claims' order
