"""French date expressions resolved against the publication date (EVENTS.md, "Dates").

Each sentence holds one date expression; the table gives the date an annotator would write
for it: as precise as the text and the publication date allow, never more precise. Every
sentence is written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from veille.extract.dates import DateFinder, Published, resolve
from veille.kb import load_kb


@pytest.fixture(scope="module")
def finder() -> DateFinder:
    cues = load_kb().cues
    return DateFinder(cues["months"], cues["weekdays"])


def resolved(finder: DateFinder, text: str, published: str | None,
             anchor: dt.date | None = None) -> list[str | None]:
    """The resolved value of every date expression found in ``text``."""
    pub = Published.parse(published)
    return [resolve(m, pub, anchor)[0] for m in finder.find(text)]


# -- Published.parse ----------------------------------------------------------------------

@pytest.mark.parametrize("value, date, precision", [
    ("2024-11-27", dt.date(2024, 11, 27), "day"),
    ("2023-05", dt.date(2023, 5, 1), "month"),
    ("2022", dt.date(2022, 1, 1), "year"),
    (None, None, None),
    ("", None, None),
    ("2024-13-45", None, None),  # not a date
])
def test_extract_dates_published_parse(value, date, precision):
    pub = Published.parse(value)
    assert (pub.date, pub.precision) == (date, precision)


# -- publication known to the day ---------------------------------------------------------

# 2024-11-27 is a Wednesday, 2024-11-26 a Tuesday, 2024-11-25 a Monday,
# 2024-01-04 a Thursday, 2024-03-05 a Tuesday, 2024-12-03 a Tuesday.
@pytest.mark.parametrize("text, published, expected", [
    # day and month, the year from the publication
    ("L'attaque a eu lieu le 23 novembre, selon la mairie.", "2024-11-27", "2024-11-23"),
    ("Le 1er mars, des drones ont survolé la ville.", "2024-03-05", "2024-03-01"),
    ("Le 23 nov., la défense aérienne a été activée.", "2024-11-27", "2024-11-23"),
    ("Samedi 23 novembre, deux missiles ont frappé le port.", "2024-11-27", "2024-11-23"),
    # a day after the publication is last year's
    ("Le 30 décembre, une salve de missiles a visé la ville.", "2024-01-04", "2023-12-30"),
    ("Ce 4 janvier, les sirènes ont retenti à l'aube.", "2024-01-04", "2024-01-04"),
    # a full date needs no publication date
    ("Le 25 novembre 2024, une frappe a touché un entrepôt.", "2025-02-01", "2024-11-25"),
    ("Les faits remontent au 25/11/2024 selon le parquet.", "2024-12-10", "2024-11-25"),
    ("Le communiqué daté du 25.11.2024 fait état de tirs.", "2024-12-10", "2024-11-25"),
    ("Le rapport publié le 2024-11-25 recense les frappes.", "2024-12-10", "2024-11-25"),
    # weekdays: the latest such day on or before the publication
    ("Mardi, l'armée a abattu plusieurs drones.", "2024-11-27", "2024-11-26"),
    ("Mardi, l'armée a abattu plusieurs drones.", "2024-11-26", "2024-11-26"),
    ("Dimanche soir, une explosion a secoué le quartier.", "2024-11-27", "2024-11-24"),
    ("Mercredi matin, les secours étaient encore sur place.", "2024-11-27", "2024-11-27"),
    pytest.param(
        "Lundi dernier, un drone s'est écrasé sur un immeuble.", "2024-11-25", "2024-11-18"),
    # days relative to the publication
    ("Hier, trois missiles ont été interceptés.", "2024-11-27", "2024-11-26"),
    ("Avant-hier, la ville a été privée d'électricité.", "2024-11-27", "2024-11-25"),
    ("Aujourd'hui, les alertes se sont succédé.", "2024-11-27", "2024-11-27"),
    ("Cette nuit, des drones ont visé la région.", "2024-11-27", "2024-11-27"),
    ("Ce matin, une frappe a touché la gare.", "2024-11-27", "2024-11-27"),
    # nights: the morning after is the day of the attack
    ("Dans la nuit de lundi à mardi, des drones ont été abattus.", "2024-11-27", "2024-11-26"),
    ("Dans la nuit de mardi à mercredi, la ville a été attaquée.", "2024-11-27", "2024-11-27"),
    ("Dans la nuit de samedi à dimanche, les sirènes ont sonné.", "2024-11-25", "2024-11-24"),
    ("Dans la nuit du 3 au 4 mars, le port a été visé.", "2024-03-05", "2024-03-04"),
    pytest.param(
        "Dans la nuit du 31 décembre au 1er janvier, des drones ont été lancés.",
        "2024-01-02", "2024-01-01"),
    # weeks and months
    ("Plus tôt dans la semaine, une frappe avait visé la gare.", "2024-11-27", "2024-11"),
    ("Plus tôt cette semaine, des missiles ont été tirés.", "2024-11-27", "2024-11"),
    ("Plus tôt dans la semaine, une frappe avait visé la gare.", "2024-12-03", "2024"),
    ("Au début du mois, des drones ont survolé la centrale.", "2024-11-27", "2024-11"),
    ("Début novembre, le dépôt avait déjà été touché.", "2024-11-27", "2024-11"),
    ("Fin octobre, une usine a été bombardée.", "2024-11-27", "2024-10"),
    ("À la mi-octobre, les frappes ont repris.", "2024-11-27", "2024-10"),
    ("Le mois dernier, plusieurs raids ont été menés.", "2024-11-27", "2024-10"),
    ("Le mois dernier, plusieurs raids ont été menés.", "2024-01-10", "2023-12"),
    ("La batterie a été livrée il y a un mois, selon le ministre.", "2024-11-27", "2024-10"),
    ("En mars, la base aérienne a été frappée.", "2024-11-27", "2024-03"),
    ("En décembre, la base aérienne a été frappée.", "2024-11-27", "2023-12"),
    ("En mars 2022, la tour de télévision a été touchée.", "2024-11-27", "2022-03"),
    ("En 2022, la tour de télévision a été touchée.", "2024-11-27", "2022"),
])
def test_extract_dates_resolve_with_day_publication(finder, text, published, expected):
    assert resolved(finder, text, published) == [expected]


# -- "la veille", "le lendemain": relative to the date the sentence is anchored on ---------

@pytest.mark.parametrize("text, published, anchor, expected", [
    ("La veille, une attaque de drones avait visé le port.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-03"),
    ("Le lendemain, les secours ont dégagé deux corps.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-05"),
    ("L'avant-veille, un missile était tombé près de l'école.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-02"),
    # the anchor alone is enough when the publication date is unknown
    ("La veille, une attaque de drones avait visé le port.", None,
     dt.date(2024, 1, 4), "2024-01-03"),
    # "ce jour-là", "cette nuit-là": the anchored day itself, not the publication date
    ("Cette nuit-là, Moscou avait tiré huit missiles sur le port.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-04"),
    ("Ce jour-là, la défense aérienne avait abattu trois drones.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-04"),
    ("Ce soir-là, une explosion a secoué le quartier.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-04"),
    ("La même nuit, quatre drones ont été abattus au-dessus de Sébastopol.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-04"),
    ("Le même jour, un missile a touché le port.", "2024-01-10",
     dt.date(2024, 1, 4), "2024-01-04"),
    # with nothing to point back to, it says nothing
    ("Cette nuit-là, Moscou avait tiré huit missiles sur le port.", "2024-01-10", None, None),
])
def test_extract_dates_eve_relative_to_anchor(finder, text, published, anchor, expected):
    assert resolved(finder, text, published, anchor) == [expected]


# -- publication known only to the month ---------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Mardi, l'armée a abattu plusieurs drones.", "2023-05"),
    ("Hier, trois missiles ont été interceptés.", "2023-05"),
    ("Aujourd'hui, les alertes se sont succédé.", "2023-05"),
    ("Cette nuit, des drones ont visé la région.", "2023-05"),
    ("Dans la nuit de lundi à mardi, des drones ont été abattus.", "2023-05"),
    ("Le 12 mai, une frappe a touché le pont.", "2023-05-12"),
    ("Le 12 juin, une frappe a touché le pont.", "2022-06-12"),  # after May: last year's
    ("Le mois dernier, plusieurs raids ont été menés.", "2023-04"),
])
def test_extract_dates_resolve_with_month_publication(finder, text, expected):
    assert resolved(finder, text, "2023-05") == [expected]


@pytest.mark.parametrize("text, expected", [
    # only the year is known (a url's year folder): days told relative to the page keep the
    # year, as they keep the month under a month
    ("Mardi, l'armée a abattu plusieurs drones.", "2024"),
    ("Hier, trois missiles ont été interceptés.", "2024"),
    ("Cette nuit, des drones ont visé la région.", "2024"),
    ("Le mois dernier, plusieurs raids ont été menés.", None),  # December of the year before?
    ("Le 12 juin, une frappe a touché le pont.", None),  # this year's or last year's
])
def test_extract_dates_resolve_with_year_publication(finder, text, expected):
    assert resolved(finder, text, "2024") == [expected]


# -- no publication date --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Hier, trois missiles ont été interceptés.", None),
    ("Mardi, l'armée a abattu plusieurs drones.", None),
    ("Aujourd'hui, les alertes se sont succédé.", None),
    ("Le mois dernier, plusieurs raids ont été menés.", None),
    ("L'attaque a eu lieu le 23 novembre, selon la mairie.", None),  # which year?
    ("Le 25 novembre 2024, une frappe a touché un entrepôt.", "2024-11-25"),
    ("Les faits remontent au 25/11/2024 selon le parquet.", "2024-11-25"),
    ("Dans la nuit du 3 au 4 mars 2024, le port a été visé.", "2024-03-04"),
    ("En mars 2022, la tour de télévision a été touchée.", "2022-03"),
    ("En 2022, la tour de télévision a été touchée.", "2022"),
])
def test_extract_dates_resolve_without_publication(finder, text, expected):
    assert resolved(finder, text, None) == [expected]


# -- what is not a date ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Les drones ont été abattus à 10 km de la frontière.",
    "La 12e brigade a reçu des systèmes S-400.",
    "Trois missiles Kh-101 ont été tirés vers la ville.",
    "Un contrat de 300 millions de dollars a été signé.",
])
def test_extract_dates_no_date_in_sentence(finder, text):
    assert finder.find(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Il y a deux jours, une frappe de missile a détruit un entrepôt à Lviv.", ["2025-06-08"]),
    ("Il y a une semaine, la ville avait déjà été visée.", ["2025-06-03"]),
    # a weekend is two days: the month, not the page's day
    ("Ce week-end, des drones russes ont frappé Zaporijjia.", ["2025-06"]),
    ("Il y a des jours où les sirènes ne cessent pas.", []),
])
def test_extract_dates_days_ago_and_weekends(finder, text, expected):
    assert resolved(finder, text, "2025-06-10") == expected
