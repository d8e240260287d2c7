"""Every figure with the claimant of the sentence it was read from (issue 9, rules 1-3, at
article level): the record's `claims` list, the record's own figures, coherent sets.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import pytest

from veille.records import Article, Event

pytestmark = pytest.mark.model


def strike(extractor, text: str, published: str = "2024-04-16"):
    found = [e for e in extractor.extract(Article(id="t", text=text, published=published)).events
             if e.type == "strike"]
    assert len(found) == 1, found
    return found[0]


def by_side(event) -> dict:
    return {c.claimed_by.side: c for c in event.claims}


def test_extract_claims_two_sides_in_two_sentences_stay_apart(extractor):
    text = ("Le ministère russe de la Défense a affirmé mardi avoir abattu 38 drones ukrainiens "
            "au-dessus de la région de Briansk. L'état-major ukrainien a de son côté indiqué "
            "avoir lancé 45 drones contre la région de Briansk dans la nuit.")
    event = strike(extractor, text)
    claims = by_side(event)
    assert set(claims) == {"RU", "UA"}
    assert (claims["RU"].intercepted, claims["RU"].launched) == (38, None)
    assert (claims["UA"].launched, claims["UA"].intercepted) == (45, None)
    assert event.claimed_by.side == "RU"
    # each entry points at its own sentence
    assert all(len(c.evidence) == 1 for c in event.claims)
    assert claims["RU"].evidence[0].start < claims["UA"].evidence[0].start


def test_extract_claims_agency_style_one_sentence_two_voices(extractor):
    text = ("Moscou affirme avoir abattu 24 drones ukrainiens mardi au-dessus de la Crimée, "
            "tandis que Kiev assure que 15 drones ont été lancés et que six ont été interceptés.")
    event = strike(extractor, text)
    claims = by_side(event)
    assert (claims["RU"].intercepted, claims["RU"].launched) == (24, None)
    assert (claims["UA"].launched, claims["UA"].intercepted) == (15, 6)


def test_extract_claims_the_records_figures_are_one_coherent_set(extractor):
    # Kyiv's launched figure beside Moscow's larger downed figure cannot be one attack's:
    # the record keeps its claimant's own set, and the other stays in claims
    text = ("Moscou affirme avoir abattu 24 drones ukrainiens mardi au-dessus de la Crimée, "
            "tandis que Kiev assure que 15 drones ont été lancés et que six ont été interceptés.")
    event = strike(extractor, text)
    assert event.claimed_by.side == "RU"
    assert (event.launched, event.intercepted) == (None, 24)


def test_extract_claims_one_source_gives_no_claims_list(extractor):
    text = ("Selon l'armée de l'air ukrainienne, 52 drones ont été lancés dans la nuit de lundi "
            "à mardi et 47 ont été abattus.")
    event = strike(extractor, text)
    assert event.claims == () and "claims" not in event.to_dict()


def test_extract_claims_a_bare_title_is_the_official_named_before(extractor):
    text = ("Le gouverneur de la région de Koursk, Alexandre Khinchtein, a fait état mardi de deux "
            "blessés à Rylsk après une attaque de drones. Le gouverneur a ensuite précisé que "
            "quatre autres habitants avaient été blessés à Rylsk. Selon le ministère russe de la "
            "Défense, 14 drones ont été abattus au-dessus de Rylsk.")
    event = strike(extractor, text)
    names = [c.claimed_by.name for c in event.claims]
    assert "Alexandre Khinchtein" in names and not any(n and n.lower() == "gouverneur" for n in names)


def test_extract_claims_survive_the_json_round_trip(extractor):
    text = ("Le ministère russe de la Défense a affirmé mardi avoir abattu 38 drones ukrainiens "
            "au-dessus de la région de Briansk. L'état-major ukrainien a de son côté indiqué "
            "avoir lancé 45 drones contre la région de Briansk dans la nuit.")
    event = strike(extractor, text)
    again = Event.from_dict(event.to_dict())
    assert again.to_dict()["claims"] == event.to_dict()["claims"]


@pytest.mark.parametrize("text, admin1, country, control", [
    # a Russian governor's one-sentence tally, with or without the platform named
    ("Le gouverneur de la région de Koursk, Alexandre Khinchtein, a annoncé mercredi sur "
     "Telegram que onze drones ukrainiens avaient été abattus.", "Kursk Oblast", "RU", "RU"),
    ("Le gouverneur de la région de Koursk, Alexandre Khinchtein, a annoncé mercredi que onze "
     "drones ukrainiens avaient été abattus.", "Kursk Oblast", "RU", "RU"),
    # an official installed by Russia in Crimea speaks for RU; the place stays ISO Ukraine
    ("Le chef de l'administration installée par Moscou en Crimée, Sergueï Aksionov, a indiqué "
     "mercredi que onze drones avaient été abattus au-dessus de la péninsule.", "Crimea", "UA", "RU"),
])
def test_extract_claims_who_speaks_for_which_side(extractor, text, admin1, country, control):
    event = strike(extractor, text, published="2024-04-17")
    assert event.intercepted == 11
    assert event.claimed_by.side == "RU" and event.claimed_by.name != "Telegram"
    assert event.actor.side == "UA"  # "drones ukrainiens", or the other side of the holder
    assert (event.location.admin1, event.location.country, event.location.control) == \
        (admin1, country, control)


def test_extract_claims_figures_after_a_speaker_continue_the_account(extractor):
    text = ("Le ministère russe de la Défense a annoncé mercredi avoir repoussé une attaque "
            "ukrainienne dans la nuit. Les systèmes de défense aérienne ont détruit 17 drones "
            "au-dessus de la région de Tambov. Sept autres drones ont été abattus au-dessus de "
            "la région de Lipetsk.")
    found = [e for e in extractor.extract(Article(id="t", text=text, published="2024-04-17")).events
             if e.type == "strike" and (e.intercepted or 0) > 0]
    assert {e.intercepted for e in found} == {17, 7}
    assert all(e.claimed_by is not None and e.claimed_by.side == "RU" for e in found)


def test_extract_claims_parts_of_one_total_from_two_sources_add_up(extractor):
    text = ("Le gouvernement ukrainien a fait état mardi de 140 drones Shahed lancés dans la nuit. "
            "L'armée de l'air ukrainienne a précisé que trois missiles Iskander avaient aussi été "
            "tirés.")
    event = strike(extractor, text)
    assert event.launched == 143
    assert {m.weapon: m.launched for m in event.munitions} == {"Shahed": 140, "Iskander": 3}


def test_extract_claims_a_commander_in_chief_named_after_his_title(extractor):
    # "en chef" belongs to the title: the speaker is the man it names, not "le commandant"
    text = ("La Russie a tiré 40 missiles sur l'Ukraine dans la nuit, a indiqué le commandant "
            "en chef de l'armée ukrainienne Valery Zaloujny.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2023-06-01")).events
    assert (event.claimed_by.name, event.claimed_by.side) == ("Valerii Zaluzhnyi", "UA")


def test_extract_claims_a_first_name_that_spells_a_town_abroad_starts_a_persons_name(extractor):
    # "Roman" is also a Romanian town of the GeoNames extract; "sur Telegram" is where it was
    # written, never who wrote it
    text = ("Pendant la nuit, « quatre drones sont tombés sur le territoire de la raffinerie à "
            "Touapsé », a écrit sur Telegram Roman Siniagovski, un responsable régional.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-06-05")).events
    assert event.claimed_by is not None and event.claimed_by.name == "Roman Siniagovski"


def test_extract_claims_another_weapon_of_a_side_names_the_side_not_the_weapon(extractor):
    text = ("Dans la région de Belgorod, un autre drone ukrainien a frappé une voiture, blessant "
            "trois personnes, selon le gouverneur.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-08-14")).events
    assert event.actor is not None and (event.actor.name, event.actor.side) == ("Ukraine", "UA")


@pytest.mark.parametrize("text, name", [
    # "selon les informations de X": X gave them; with no one named, no one
    ("Selon les informations des secours, six personnes ont été blessées par la frappe de "
     "missile sur Zaporijjia.", "secours"),
    ("Selon les premières informations, six personnes ont été blessées par la frappe de missile "
     "sur Zaporijjia, a indiqué le gouverneur.", "gouverneur"),
    ("Selon les premières informations, six personnes ont été blessées par la frappe de missile "
     "sur Zaporijjia.", None),
])
def test_claims_information_is_no_claimant(extractor, text, name):
    (event,) = extractor.extract(Article(id="t", text=text, published="2024-05-02")).events
    assert (event.claimed_by.name if event.claimed_by else None) == name


def test_claims_the_interior_ministry_of_no_stated_country_is_the_struck_countrys(extractor):
    # a toll given by "le ministère de l'Intérieur": the ministry of the country struck
    text = ("Le bilan des frappes russes sur Kharkiv s'élève désormais à cinq morts, a annoncé "
            "le ministère de l'Intérieur dans un communiqué.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2024-05-02")).events
    assert event.claimed_by is not None and event.claimed_by.side == "UA"


def test_claims_a_first_name_the_tagger_misreads_still_names_the_speaker(extractor):
    # the tagger reads "Piotr" as an adverb; the surname hangs on it as "flat:name"
    text = "Un drone s'est écrasé mardi sur un immeuble de Podolsk, a indiqué Piotr Sokolov, le maire."
    (event,) = extractor.extract(Article(id="t", text=text, published="2024-09-25")).events
    assert event.claimed_by is not None and event.claimed_by.name == "Piotr Sokolov"


def test_extract_claims_the_speaker_before_an_apposition_s_comma(extractor):
    # "Le maire de la ville, Oleh Petrenko, a fait savoir mardi sur Telegram qu'...": the comma
    # that closes the apposition is no quote's end; what follows the verb is what was said
    event = strike(extractor, "Le gouverneur de la région de Soumy, Ostap Brovtchouk, a fait "
                              "savoir jeudi sur Telegram qu'une personne avait été tuée lors d'un "
                              "bombardement russe à Soumy.")
    assert event.claimed_by is not None and event.claimed_by.side == "UA"
    assert "Telegram" not in (event.claimed_by.name or "")
