"""The claims ledger of a fused event: every report side by side, then one consensus value
per field with the rule that chose it, and flags where the reports disagree."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..kb import fold
from ..records import COUNT_FIELDS, Claim, Consensus, FusedEvent, content_hash
from .cluster import GENERIC_WEAPONS


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
        counts=tuple((f, rec.get(f)) for f in COUNT_FIELDS),
        hedged=bool(rec.get("hedged")), evidence=tuple(rec.get("evidence") or ()),
        evidence_spans=tuple(tuple(s) for s in rec.get("evidence_spans") or ()))


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
    given = [(c, c.count(field)) for c in claims if c.count(field) is not None]
    if not given:
        return None
    voices: dict[int, set[str]] = defaultdict(set)
    for c, v in given:
        voices[v].add(_voice(c))
    if len(voices) == 1:
        value = given[0][1]
        n = len(given)
        return Consensus(value=value, rule=f"unanimous ({n} report{'s' * (n > 1)})"
                         if n > 1 else "single report", support=n)

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

    ranked = sorted(voices, key=rank, reverse=True)
    best, second = ranked[0], ranked[1]
    rb, rs = rank(best), rank(second)
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


def flags_of(claims: Sequence[Claim]) -> tuple[tuple[str, ...], dict]:
    """``conflict``: two sides' claims differ on a count; ``inconsistent``: a claim breaks
    arithmetic (intercepted + hit > launched); ``single_source``: one outlet only."""
    details: dict[str, list] = {}
    conflicts = []
    for field in COUNT_FIELDS:
        by_side: dict[str, set[int]] = defaultdict(set)
        for c in claims:
            if c.claimant_side and c.count(field) is not None:
                by_side[c.claimant_side].add(c.count(field))
        sides = sorted(by_side)
        for i, s1 in enumerate(sides):
            for s2 in sides[i + 1:]:
                if by_side[s1] != by_side[s2]:
                    conflicts.append({"field": field, s1: sorted(by_side[s1]),
                                      s2: sorted(by_side[s2])})
    if conflicts:
        details["conflict"] = conflicts
    broken = []
    for c in claims:
        launched, intercepted, hit = c.count("launched"), c.count("intercepted"), c.count("hit")
        if launched is None:
            continue
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


def fuse_members(block: str, members: Sequence[Member]) -> FusedEvent:
    """One fused event from the article-level records of one cluster."""
    members = sorted(members, key=lambda m: (m.published or "9999", m.key))
    claims = tuple(claim_of(m) for m in members)
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
    for field in COUNT_FIELDS:
        value = count_consensus(field, claims, defender)
        if value is not None:
            consensus[field] = value

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

    flags, details = flags_of(claims)
    evidence = []
    for c in claims:
        evidence.extend(e for e in c.evidence if e not in evidence)
    first = min(members, key=lambda m: m.key).key
    return FusedEvent(
        fused_id="F" + content_hash(first)[:12], block=block, type=records[0]["type"],
        consensus=tuple(sorted(consensus.items())), claims=claims, flags=flags,
        flag_details=details, evidence=tuple(evidence),
        members=tuple(m.key for m in members))  # in the claims' order
