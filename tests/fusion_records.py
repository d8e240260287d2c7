"""Building article-level event records for fusion tests, as `veille extract` writes them.

Coordinates are those of the real places (rounded); everything else is made up per test.
"""
from __future__ import annotations

from veille.fuse.claims import Member

PLACES = {
    # name: (admin1, country, lat, lon)
    "Odesa": ("Odesa Oblast", "UA", 46.48, 30.73),
    "Chornomorsk": ("Odesa Oblast", "UA", 46.30, 30.65),  # ~20 km from Odesa
    "Izmail": ("Odesa Oblast", "UA", 45.35, 28.84),  # ~190 km
    "Mykolaiv": ("Mykolaiv Oblast", "UA", 46.97, 31.99),
    "Kyiv": ("Kyiv City", "UA", 50.45, 30.52),
    "Brovary": ("Kyiv Oblast", "UA", 50.51, 30.79),
    "Belgorod": ("Belgorod Oblast", "RU", 50.60, 36.59),
    "Engels": ("Saratov Oblast", "RU", 51.50, 46.12),
    "Saratov": ("Saratov Oblast", "RU", 51.54, 46.01),
    "Engels air base": ("Saratov Oblast", "RU", 51.48, 46.21),  # a named site, not a town
    # three made-up points on a line, 15 km apart (30 km end to end)
    "P0": ("Odesa Oblast", "UA", 46.0, 30.0),
    "P1": ("Odesa Oblast", "UA", 46.0, 30.195),
    "P2": ("Odesa Oblast", "UA", 46.0, 30.39),
}


def record(article: str, n: int = 0, *, type: str = "strike", date: str | None = "2024-03-15",
           place: str | None = None, admin1: str | None = None, country: str | None = None,
           side: str | None = None, actor: str | None = None, weapons=(), defenses=(),
           launched=None, intercepted=None, hit=None, killed=None, injured=None,
           claimant: str | None = None, claimant_side: str | None = None, hedged=False,
           evidence: str = "Une phrase.") -> dict:
    location = None
    if place:
        a1, cc, lat, lon = PLACES[place]
        location = {"place": place, "admin1": a1, "country": cc, "lat": lat, "lon": lon}
    elif admin1 or country:
        location = {"place": None, "admin1": admin1, "country": country, "lat": None, "lon": None}
    return {
        "article_id": article, "type": type, "date": date, "location": location,
        "actor": {"name": actor or side, "side": side} if (side or actor) else None,
        "weapons": list(weapons), "defenses": list(defenses), "launched": launched,
        "intercepted": intercepted, "hit": hit, "killed": killed, "injured": injured,
        "munitions": [], "claimed_by": ({"name": claimant, "side": claimant_side}
                                        if claimant else None),
        "hedged": hedged, "evidence": [f"{evidence} ({article} #{n})"],
        "event_id": f"{article}-{n}", "evidence_spans": [[100 * n, 100 * n + 10]], "provenance": {},
    }


SITES = frozenset({"Engels air base"})


def member(rec: dict, *, published: str | None = None, source: str | None = None) -> Member:
    return Member(key=f"h-{rec['article_id']}:{rec['event_id']}", record=rec,
                  article_id=rec["article_id"], published=published or rec.get("date"),
                  source=source or f"outlet of {rec['article_id']}")
