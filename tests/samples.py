"""Texts and field lists shared by the tests. Every text is written for these tests
(French, invented wording), none is copied from elsewhere."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared, beside the repo
KB_DATA = REPO / "src" / "veille" / "kb" / "data"
EXAMPLES = REPO / "examples"

# the fields of one event line in ../shared/spec/EVENTS.md, and the extras veille adds
SPEC_FIELDS = {"article_id", "type", "date", "location", "actor", "weapons", "defenses",
               "launched", "intercepted", "hit", "killed", "injured", "munitions",
               "claimed_by", "hedged", "evidence"}
EXTRA_FIELDS = {"event_id", "evidence_spans", "provenance"}
LOCATION_FIELDS = {"place", "admin1", "country", "lat", "lon"}
LOCATION_OPTIONAL = {"site", "control", "precision"}  # EVENTS.md's optional fields

# Three short articles, each reporting one missile strike with an explicit date and place.
STRIKE_ARTICLES = {
    "soumy": (
        " date 2024-11-26\n"
        "Le 24 novembre 2024, l'armée russe a tiré quatre missiles Iskander sur la ville de "
        "Soumy, dans le nord-est de l'Ukraine, a annoncé l'administration régionale.\n"
        "Trois missiles ont été abattus par la défense antiaérienne, mais le quatrième a "
        "touché un entrepôt. Deux personnes ont été blessées.\n"
        "Les habitants ont passé une partie de la nuit dans les abris.\n"),
    "koursk": (
        " date 2024-10-15\n"
        "Le ministère russe de la Défense a affirmé mardi que l'armée ukrainienne avait tiré "
        "six missiles ATACMS sur l'aérodrome de Koursk le 14 octobre.\n"
        "Selon Moscou, cinq de ces missiles ont été interceptés par les systèmes S-400 et un "
        "a atteint sa cible sans faire de victimes.\n"
        "Kiev n'a pas commenté ces affirmations.\n"),
    "poltava": (
        " date 2024-09-04\n"
        "Le 3 septembre 2024, deux missiles balistiques russes ont frappé un institut "
        "militaire de Poltava, tuant au moins 50 personnes, a annoncé le président "
        "Volodymyr Zelensky.\n"
        "Le chef de l'État ukrainien a de nouveau demandé à ses alliés davantage de systèmes "
        "de défense antiaérienne Patriot.\n"),
}
# the day each strike happened, as the text says it
STRIKE_DATES = {"soumy": "2024-11-24", "koursk": "2024-10-14", "poltava": "2024-09-03"}

ENGLISH_ARTICLE = (
    "Russian forces launched a large wave of drones and cruise missiles against the city of "
    "Kharkiv overnight, the regional governor said on Tuesday morning. Air defence units shot "
    "down most of the incoming drones, but several missiles struck an industrial area in the "
    "north of the city, starting fires that burned for hours. Emergency services reported that "
    "three people were injured and that dozens of windows were blown out in nearby apartment "
    "buildings. Officials urged residents to stay in shelters during further alerts.\n")


# --- generated feeds (for the concurrency, crash and fuzz tests) ---------------------------

_TOWNS = ["Kharkiv", "Odessa", "Dnipro", "Zaporijjia", "Soumy", "Poltava", "Tchernihiv",
          "Mykolaïv", "Kherson", "Lviv", "Rivne", "Vinnytsia"]
_NUMBERS = ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze"]
_WEAPONS = ["drones Shahed", "missiles Iskander", "missiles de croisière Kh-101", "drones"]


def feed_article(n: int) -> dict:
    """Article number ``n`` of an endless generated feed: a dated strike on a town, told
    with counts and casualties, every one a different text (our own wording)."""
    town = _TOWNS[n % len(_TOWNS)]
    launched = _NUMBERS[(n // 3) % len(_NUMBERS)]
    weapon = _WEAPONS[n % len(_WEAPONS)]
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    injured = 2 + n % 9
    text = (f"Dans la nuit du {day} au {day + 1} du mois, l'armée russe a lancé {launched} "
            f"{weapon} sur {town}, a annoncé l'administration régionale. "
            f"La défense antiaérienne en a abattu une partie, mais un immeuble a été touché "
            f"et {injured} personnes ont été blessées. (dépêche numéro {n})")
    return {"id": f"art-{n:04d}", "published": f"2024-{month:02d}-{min(day + 1, 28):02d}",
            "text": text}


def write_feed(path, numbers) -> Path:
    import json

    path = Path(path)
    path.write_text("".join(json.dumps(feed_article(n), ensure_ascii=False) + "\n"
                            for n in numbers), encoding="utf-8")
    return path
