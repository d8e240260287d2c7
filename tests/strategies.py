"""Hypothesis strategies for veille's records."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from veille.records import Actor, Event, Location, Munition, Span

WEAPONS = ["Shahed", "Geran", "Kinzhal", "Iskander", "Kalibr", "Kh-101", "ATACMS", "Storm Shadow",
           "drone", "missile", "ballistic missile", "cruise missile"]
DEFENSES = ["S-400", "Pantsir", "Patriot", "IRIS-T", "NASAMS", "Buk"]
PLACES = [("Kursk", "Kursk Oblast", "RU"), ("Belgorod", "Belgorod Oblast", "RU"),
          ("Moscow", "Moscow", "RU"), ("Kyiv", "Kyiv City", "UA"),
          ("Kharkiv", "Kharkiv Oblast", "UA"), ("Dnipro", "Dnipropetrovsk Oblast", "UA")]
SIDES = [None, "RU", "UA", "BY", "US"]

short_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
names = st.one_of(st.none(), st.sampled_from(["armée russe", "forces de Kiev", "Moscou",
                                               "ministère russe de la Défense", "réseaux sociaux"]),
                  short_text)
counts = st.one_of(st.none(), st.integers(min_value=0, max_value=5000))
days = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31))
dates = st.one_of(
    st.none(),
    days.map(lambda d: d.isoformat()),        # day
    days.map(lambda d: d.strftime("%Y-%m")),  # month
    days.map(lambda d: d.strftime("%Y")),     # year
)
coords = st.one_of(st.none(), st.floats(min_value=-90, max_value=90, allow_nan=False,
                                        allow_infinity=False))


@st.composite
def locations(draw):
    if draw(st.booleans()):
        place, admin1, country = draw(st.sampled_from(PLACES))
        return Location(place=draw(st.sampled_from([place, None])),
                        admin1=draw(st.sampled_from([admin1, None])),
                        country=draw(st.sampled_from([country, None])),
                        lat=draw(coords), lon=draw(coords))
    return Location(place=draw(st.one_of(st.none(), short_text)), admin1=None,
                    country=draw(st.sampled_from(SIDES)), lat=None, lon=None)


actors = st.builds(Actor, name=names, side=st.sampled_from(SIDES))
munitions = st.builds(Munition, weapon=st.sampled_from(WEAPONS), launched=counts,
                      intercepted=counts, hit=counts)


@st.composite
def spans(draw):
    start = draw(st.integers(min_value=0, max_value=10_000))
    text = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
    return Span(start=start, end=start + len(text), text=text)


@st.composite
def events(draw, article_id=None):
    evidence = tuple(draw(st.lists(spans(), max_size=4)))
    prov_keys = draw(st.lists(st.sampled_from(["date", "location", "actor", "weapons",
                                                "launched", "claimed_by", "hedged"]),
                              unique=True, max_size=4))
    provenance = tuple(
        (k, draw(st.one_of(spans(), st.sampled_from(["publication date", "default side",
                                                     "capital of the country"]))))
        for k in prov_keys)
    return Event(
        article_id=article_id or draw(st.sampled_from(["a1", "a2", "dépêche-3", "x"])),
        type=draw(st.sampled_from(["strike", "deployment", "threat"])),
        date=draw(dates),
        location=draw(st.one_of(st.none(), locations())),
        actor=draw(st.one_of(st.none(), actors)),
        weapons=tuple(draw(st.lists(st.sampled_from(WEAPONS), unique=True, max_size=3))),
        defenses=tuple(draw(st.lists(st.sampled_from(DEFENSES), unique=True, max_size=2))),
        launched=draw(counts), intercepted=draw(counts), hit=draw(counts),
        killed=draw(counts), injured=draw(counts),
        munitions=tuple(draw(st.lists(munitions, max_size=3))),
        claimed_by=draw(st.one_of(st.none(), actors)),
        hedged=draw(st.booleans()),
        evidence=evidence,
        provenance=provenance,
    )
