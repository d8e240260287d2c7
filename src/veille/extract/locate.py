"""Where a strike fell: the place its frames name, a tally's country, a local official's
town; and when two sets of places may be one happening's.
"""
from __future__ import annotations

import math
import re

from ..kb import KnowledgeBase, Place
from ..records import Actor, Location
from .cues import matchable
from .dates import Published
from .frames import Frame, tallies_weapons

# "le gouverneur", "l'administration militaire régionale": an official of a place
LOCAL_OFFICIAL = re.compile(r"\b(?:gouverneur|gouvernorat|maire|mairie|municipalite|prefet|"
                            r"autorites? (?:locales?|regionales?|municipales?)|administration"
                            r"(?: militaire)?(?: regionale| locale| municipale)?|services? de secours|"
                            r"responsables? (?:locaux|local|regionaux|regional)|conseil (?:regional|municipal)|"
                            r"services? d'urgence|chef de la region)\b")
# a speaker named only by a military or civil service of no stated country ("selon l'armée",
# "l'armée de l'air a indiqué"): the country's where the attack fell, whose service it is
HOME_AUTHORITY = re.compile(r"(?:l'|les |la |le )?(?:armee(?: de l'air)?|ministere de l'interieur|"
                            r"ministere des situations d'urgence|defense (?:aerienne|antiaerienne|"
                            r"anti-aerienne)|autorites(?: militaires| locales)?|forces aeriennes|"
                            r"commandement(?: militaire)?|commandant en chef|services? de secours|"
                            r"secours|police|pompiers)")
_FACILITY = re.compile(r"^(?:Port of (?P<a>.+)|(?P<b>.+?) (?:Refinery|Oil Depot|Nuclear Power Plant|"
                       r"Thermal Power Plant|Hydroelectric Station|Arsenal|Airport|Shipyard))$")

_NEAR_KM = 75
_REGION_KM = 100  # from a region's centre


def places_agree(places_a: list[Place], places_b: list[Place]) -> bool:
    """Same place, one inside the other's region or country, or two towns less than 75 km
    apart (in one country: Kharkiv and Kupiansk share a region but lie 100 km apart)."""
    if not places_a or not places_b:
        return True
    places_a, places_b = _finest(places_a), _finest(places_b)
    for a in places_a:
        for b in places_b:
            if a.country and b.country and a.country != b.country:
                continue  # Kharkiv and the Belgorod region are close, but a border apart
            towns = a.kind in ("city", "site") and b.kind in ("city", "site")
            if a is b or (a.admin1 and a.admin1 == b.admin1 and not towns) or \
                    (a.kind == "country" and a.country == b.country) or \
                    (b.kind == "country" and a.country == b.country):
                return True
            if a.kind in ("city", "site") and b.kind in ("city", "site") and \
                    km(a, b) < _NEAR_KM:
                return True
            if {a.kind, b.kind} in ({"region", "city"}, {"region", "site"}) and \
                    km(a, b) < _REGION_KM:  # Moscow and the Moscow region around it
                return True
    return False


def _finest(places: list[Place]) -> list[Place]:
    """The places finer than a country, if any: 'l'Ukraine' and 'Kyiv' locate at Kyiv; and
    of those, the towns rather than the region around them ('l'aérodrome de X, dans la
    région de Krasnodar' is at X, not anywhere in the region)."""
    fine = [p for p in places if p.kind != "country"]
    towns = {p.admin1 for p in fine if p.kind in ("city", "site")}
    finest = [p for p in fine if not (p.kind == "region" and (p.admin1 or p.name) in towns)]
    return finest or fine or places


# cities of a special status, first-level divisions of their own inside a region: "en
# Crimée, dans la ville de Sébastopol" is at Sevastopol
ENCLAVES = {"Sevastopol": "Crimea", "Kyiv City": "Kyiv Oblast"}


def km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return float("inf")
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


class Locator:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def location(self, frames: list[Frame], prov, span) -> Location | None:
        tallies = [f for f in frames if any(tallies_weapons(c) for c in f.counts)]
        if tallies and tallies[0] is frames[0] and \
                not any(p.kind != "country" for f in tallies if not f.spread for p, _, _ in f.places):
            # the night's tally names no place: places told around it without figures of
            # their own ("des explosions à Kiev"), or a list of regions its figures were
            # spread over, do not make it theirs
            countries = [(p, f, s, e) for f in frames for p, s, e in f.places if p.kind == "country"]
            if countries:
                place, frame, s, e = countries[0]
                prov["location"] = span(frame, s, e)
                return Location(country=place.country, lat=place.lat, lon=place.lon)
            return None
        chosen = None
        focused = [f for f in frames if not f.spread and f.places]
        counted = [p for f in focused if f.counts for p, _, _ in f.places if p.kind != "country"]
        if counted:
            # the place of the figures, not another one the story named around them
            focused = [f for f in focused if f.counts or places_agree(
                counted, [p for p, _, _ in f.places if p.kind != "country"])]
        if not focused and any(f.spread for f in frames):  # several regions: the country
            frame = next(f for f in frames if f.spread)
            place, s, e = frame.places[0]
            prov["location"] = span(frame, s, e)
            return Location(country=place.country)
        for frame in focused or frames:
            for place, s, e in frame.places:
                if chosen is None:
                    chosen = (place, frame, s, e)
                    continue
                cur = chosen[0]
                finer = {"country": 0, "region": 1, "city": 2, "site": 3}
                if finer.get(place.kind, 0) > finer.get(cur.kind, 0) and (
                        cur.kind == "country" and cur.country == place.country or
                        cur.kind == "region" and (place.admin1 == cur.admin1 or
                                                  ENCLAVES.get(place.admin1) == cur.admin1)):
                    chosen = (place, frame, s, e)
                elif chosen[1].sent == 0 and frame.sent > 0 and cur.kind == "city" and \
                        place.kind == "city" and place is not cur and place.admin1 == cur.admin1 \
                        and cur.name in (cur.admin1 or "") and cur.name != cur.admin1 \
                        and not cur.admin1.endswith(" City") and not frame.weak:
                    # "Belgorod : ... " then "la ville de Chebekino": the headline named the region
                    chosen = (place, frame, s, e)
        if chosen is not None:
            place, frame, s, e = chosen
            prov["location"] = span(frame, s, e)
            if place.kind == "country":
                return Location(country=place.country, lat=place.lat, lon=place.lon)
            if place.kind == "region":
                return Location(admin1=place.admin1 or place.name, country=place.country,
                                lat=place.lat, lon=place.lon)
            town = self.town_of(place) if place.kind == "site" else None
            return Location(place=town or place.name, admin1=place.admin1, country=place.country,
                            lat=place.lat, lon=place.lon, site=place.name if town else None)
        for frame in frames:
            if frame.country:
                prov["location"] = span(frame, *frame.country_span)
                return Location(country=frame.country)
        return None

    def jurisdiction(self, who: Actor | None, pub: Published) -> Place | None:
        """The town or region of a local official the knowledge base knows ("Igor Terekhov":
        maire de Kharkiv), from the office held at publication."""
        entry = self.kb.actors.get(f"person:{who.name}") if who is not None and who.name else None
        if entry is None:
            return None
        when = pub.date.isoformat() if pub.date else None
        offices = [o for o in entry.offices if when is None or (
            (o.get("from") is None or str(o["from"]) <= when) and
            (o.get("to") is None or when <= str(o["to"])))] or list(entry.offices[-1:])
        for office in offices:
            title = str(office.get("title") or "")
            if not LOCAL_OFFICIAL.search(matchable(title)):
                continue
            found = [m.entry for m in self.kb.gazetteer.find(title, ("place",))
                     if m.entry.kind in ("city", "region")]
            if found:
                return found[0]
        return None

    def town_of(self, site: Place) -> str | None:
        """'Tuapse Refinery', 'Port of Odesa': the town a facility is named after, or the
        one the knowledge base gives ('Engels-2': Engels)."""
        m = _FACILITY.match(site.name)
        if not m and not site.town:
            return None
        town = site.town or m.group("a") or m.group("b")
        city = self.kb.places.get(f"city:{site.country}:{town}")
        return city.name if city is not None else None
