"""Checking extracted tallies against an independent count: ``veille compare airforce``.

The Ukrainian Air Force publishes, every morning, how many drones and missiles Russia
launched in the night and how many were destroyed; the public "Massive Missile Attacks on
Ukraine" dataset keeps those posts as rows (one per weapon model and night, ``time_end``
the morning of the report, ``source`` the post: ``kpszsu/...`` for the national command).

An extracted strike is checked when it is a national tally credited to the air force: its
location is the country (UA) with no region or place, and its claimant is the air force.
Its night is the one that ends on the article's publication day (or on the event's own
day when the article has none); the dataset's national rows for that morning are summed
per weapon class (drones, missiles) and in total, and compared with the strike's
``launched`` (against ``launched``) and ``intercepted`` (against ``destroyed``), and with
its ``munitions`` per class. Only the standard library is used.
"""
from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

# the national command's posts; the regional commands (PvKPivden...) count a part of the night
NATIONAL_SOURCE = "kpszsu"
# reconnaissance drones are counted apart by the air force: a "drones" figure in the press
# may or may not include them, so both sums are accepted (and the one that matched is named)
RECON_MODELS = ("orlan", "zala", "supercam", "merlin", "reconnaissance", "forpost", "granat",
                "orion", "mohajer", "molniia", "молнія")
# names the claimant may carry for the air force, accent-free and lower-case
AIR_FORCE_NAMES = ("armee de l'air", "forces aeriennes", "force aerienne", "air force",
                   "aviation ukrainienne", "commandement de l'armee de l'air",
                   "povitriani", "kpszsu", "ihnat", "ignat")
# weapons of a munitions entry that count as drones; everything else launched is a missile
_DRONE_WORDS = ("drone", "shahed", "geran", "lancet", "uav", "gerbera", "orlan", "zala")


@dataclass(frozen=True, slots=True, kw_only=True)
class Night:
    """The dataset's national figures for one morning report."""

    day: str
    launched: dict[str, int] = field(default_factory=dict)   # class -> sum
    destroyed: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """One figure of one article set against the dataset."""

    article_id: str
    event_id: str | None
    night: str
    figure: str            # "launched" or "intercepted"
    weapon_class: str      # "total", "drone" or "missile"
    veille: int
    dataset: int | None
    agrees: bool
    evidence: tuple[tuple[int, int], ...] = ()
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def load_airforce(path: str | Path) -> dict[str, Night]:
    """The national rows of the dataset, summed per morning (``time_end``'s day)."""
    launched: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    destroyed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not (row.get("source") or "").startswith(NATIONAL_SOURCE + "/"):
                continue
            day = (row.get("time_end") or "")[:10]
            if len(day) != 10:
                continue
            cls = dataset_class(row.get("model") or "")
            for sums, key in ((launched, "launched"), (destroyed, "destroyed")):
                value = _number(row.get(key))
                if value is not None:
                    sums[day][cls] += value
    return {day: Night(day=day, launched=dict(launched[day]), destroyed=dict(destroyed.get(day, {})))
            for day in launched}


def dataset_class(model: str) -> str:
    """``drone``, ``recon`` (reconnaissance drones) or ``missile`` for a dataset model."""
    low = model.lower()
    if any(word in low for word in RECON_MODELS):
        return "recon"
    if "uav" in low or "shahed" in low or "lancet" in low or "geran" in low or "gerbera" in low:
        return "drone"
    return "missile"


def _number(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _flat(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def is_airforce_tally(event: dict, *, credited: bool = True) -> bool:
    """A national strike tally on Ukraine credited to the Ukrainian air force (or, with
    ``credited`` false, whoever it is credited to)."""
    if event.get("type") != "strike":
        return False
    loc = event.get("location") or {}
    if loc.get("country") != "UA" or loc.get("place") or loc.get("admin1"):
        return False
    if not credited:
        return True
    claimant = event.get("claimed_by") or {}
    name = _flat(str(claimant.get("name") or ""))
    return claimant.get("side") == "UA" and any(n in name for n in AIR_FORCE_NAMES)


def munition_class(weapon: str) -> str:
    low = _flat(weapon)
    return "drone" if any(word in low for word in _DRONE_WORDS) else "missile"


def compare_airforce(events: Iterable[dict], nights: dict[str, Night], *,
                     published: dict[str, str | None] | None = None,
                     credited: bool = True) -> list[Check]:
    """Set every air-force national tally among ``events`` against the dataset's night
    (with ``credited`` false, every national tally on Ukraine)."""
    published = published or {}
    checks = []
    for event in events:
        if not is_airforce_tally(event, credited=credited):
            continue
        day = _day(published.get(event.get("article_id"))) or _day(event.get("date"))
        if day is None:
            continue
        night = nights.get(day)
        spans = tuple(tuple(s) for s in event.get("evidence_spans") or ())
        figures = _figures(event)
        for (figure, cls), value in sorted(figures.items()):
            checks.append(_check(event, day, night, figure, cls, value, spans))
    return checks


def _day(value) -> str | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def event_figures(event: dict) -> dict[tuple[str, str], int]:
    """An event's launched/intercepted figures, keyed by (figure, weapon class or "total")."""
    return _figures(event)


def _figures(event: dict) -> dict[tuple[str, str], int]:
    """The event's launched/intercepted, in total and per class (from its munitions)."""
    out = {}
    for figure in ("launched", "intercepted"):
        if isinstance(event.get(figure), int):
            out[(figure, "total")] = event[figure]
        per_class: dict[str, int] = {}
        complete: dict[str, bool] = {}
        for item in event.get("munitions") or ():
            cls = munition_class(str(item.get("weapon") or ""))
            value = item.get(figure)
            if isinstance(value, int):
                per_class[cls] = per_class.get(cls, 0) + value
                complete.setdefault(cls, True)
            else:
                complete[cls] = False
        for cls, value in per_class.items():
            if complete.get(cls):
                out[(figure, cls)] = value
    return out


def _check(event, day, night, figure, cls, value, spans) -> Check:
    base = dict(article_id=str(event.get("article_id")), event_id=event.get("event_id"),
                night=day, figure=figure, weapon_class=cls, veille=value, evidence=spans)
    if night is None:
        return Check(**base, dataset=None, agrees=False, note="no national row for that morning")
    sums = night.launched if figure == "launched" else night.destroyed
    attack = {"drone": sums.get("drone", 0), "missile": sums.get("missile", 0)}
    recon = sums.get("recon", 0)
    if cls == "total":
        candidates = [("drones and missiles", attack["drone"] + attack["missile"]),
                      ("with reconnaissance drones", attack["drone"] + attack["missile"] + recon)]
    elif cls == "drone":
        candidates = [("attack drones", attack["drone"]),
                      ("with reconnaissance drones", attack["drone"] + recon)]
    else:
        candidates = [("missiles", attack["missile"])]
    for note, expected in candidates:
        if expected == value:
            return Check(**base, dataset=expected, agrees=True, note=note)
    return Check(**base, dataset=candidates[0][1], agrees=False, note=candidates[0][0])


def agreement(checks: Iterable[Check]) -> dict[str, dict[str, float | int]]:
    """Agreement rates per figure (totals and classes pooled), and over both."""
    out = {}
    checks = list(checks)
    for figure in ("launched", "intercepted", None):
        chosen = [c for c in checks if figure is None or c.figure == figure]
        agreed = sum(c.agrees for c in chosen)
        out[figure or "all"] = {"checked": len(chosen), "agreed": agreed,
                                "rate": round(agreed / len(chosen), 3) if chosen else 0.0}
    return out


def format_checks(checks: list[Check]) -> str:
    """A table of the disagreements and the agreement rates."""
    lines = []
    wrong = [c for c in checks if not c.agrees]
    if wrong:
        lines.append(f"{'article':28} {'night':10} {'figure':11} {'class':7} {'veille':>6} "
                     f"{'dataset':>7}  evidence")
        for c in wrong:
            spans = " ".join(f"{s}-{e}" for s, e in c.evidence)
            dataset = "-" if c.dataset is None else str(c.dataset)
            lines.append(f"{c.article_id[:28]:28} {c.night:10} {c.figure:11} {c.weapon_class:7} "
                         f"{c.veille:>6} {dataset:>7}  {spans}  ({c.note})")
        lines.append("")
    for name, figures in agreement(checks).items():
        lines.append(f"{name:12} {figures['agreed']}/{figures['checked']} agree "
                     f"({figures['rate']:.1%})")
    return "\n".join(lines)
