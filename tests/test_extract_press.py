"""Constructions of real press pages that the first, invented sample did not hold: pages with
no publication date, national tallies, "N sur M", reported speech, background years, the
platform a claim was published on.

Every sentence here is written for these tests; publication dates are 2024-11-27 (a
Wednesday) unless a row says otherwise.
"""
from __future__ import annotations

import pytest

from veille.records import Article

pytestmark = pytest.mark.model

PUB = "2024-11-27"


def strikes(extractor, text: str, published: str | None = PUB):
    result = extractor.extract(Article(id="t", text=text, published=published))
    return [e for e in result.events if e.type == "strike"]


@pytest.mark.parametrize("text", [
    # a tally with no date the page can resolve: still one happening
    "L'armée de l'air ukrainienne a indiqué dimanche avoir abattu 31 des 40 drones lancés par "
    "la Russie.",
    "Dans la nuit, la défense antiaérienne ukrainienne a détruit 18 drones Shahed, selon "
    "l'armée de l'air.",
    "Le maire de Kharkiv, Igor Terekhov, a fait état de deux blessés après une frappe de "
    "missile mardi soir.",
])
def test_extract_press_undated_page_keeps_its_events(extractor, text):
    found = strikes(extractor, text, published=None)
    assert len(found) == 1
    assert found[0].date is None


@pytest.mark.parametrize("text", [
    # a campaign or a habit: no one happening, with or without a date on the page
    "Depuis le début de la guerre, la Russie a tiré plus de 9 000 missiles sur l'Ukraine.",
    "Les frappes de drones se multiplient sur les infrastructures énergétiques.",
])
def test_extract_press_undated_campaign_is_no_event(extractor, text):
    assert strikes(extractor, text, published=None) == []


@pytest.mark.parametrize("text, country, side", [
    ("L'armée de l'air ukrainienne a annoncé avoir abattu 44 des 52 drones lancés dans la nuit.",
     "UA", "RU"),
    ("Le ministère russe de la Défense a affirmé que ses systèmes de défense aérienne avaient "
     "intercepté 27 drones pendant la nuit.", "RU", "UA"),
])
def test_extract_press_national_tally_is_located_at_the_defenders_country(extractor, text, country, side):
    event, = strikes(extractor, text)
    assert event.location is not None and event.location.country == country
    assert event.location.place is None and event.location.admin1 is None
    assert event.actor is not None and event.actor.side == side


@pytest.mark.parametrize("text, launched, intercepted, munitions", [
    # "N <weapons> sur M": N shot down of M launched
    ("La défense aérienne a abattu 33 drones sur 41 dans la nuit, selon l'armée de l'air "
     "ukrainienne.", 41, 33, [("drone", 41, 33)]),
    # "un missile sur deux": an article that counts
    ("Les forces ukrainiennes ont détruit 12 drones sur 15 et un missile Kh-59 sur deux, "
     "selon l'armée de l'air.", 17, 13, [("Kh-59", 2, 1), ("drone", 15, 12)]),
    # the old forms keep working
    ("La défense antiaérienne a détruit l'ensemble des 19 drones lancés par la Russie.", 19, 19,
     [("drone", 19, 19)]),
    ("Les forces aériennes ont abattu la totalité des 26 drones lancés mardi soir.", 26, 26,
     [("drone", 26, 26)]),
])
def test_extract_press_out_of_tallies(extractor, text, launched, intercepted, munitions):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)
    assert sorted((m.weapon, m.launched, m.intercepted) for m in event.munitions) == munitions


def test_extract_press_reported_pluperfect_is_the_reports_day(extractor):
    # "a annoncé que ... avaient été abattus": the tense of reported speech, not a recall
    event, = strikes(extractor, "Le gouverneur de la région de Koursk, Alexeï Smirnov, a annoncé "
                                "sur Telegram que sept drones ukrainiens avaient été abattus "
                                "au-dessus de la région.", published="2024-11-27")
    assert event.date == "2024-11-27"


def test_extract_press_recalled_pluperfect_keeps_no_date(extractor):
    # a pluperfect that is not reported speech still recalls an earlier happening
    found = strikes(extractor, "Un drone avait frappé un entrepôt de la région de Koursk, "
                               "sans faire de victime.", published="2024-11-27")
    assert all(e.date != "2024-11-27" for e in found)


@pytest.mark.parametrize("text, name, side", [
    # the platform is where it was said, never who said it
    ("Le gouverneur de la région de Belgorod, Viatcheslav Gladkov, a annoncé sur Telegram que "
     "cinq drones avaient été abattus au-dessus de la région.", "Viatcheslav Gladkov", "RU"),
    ("Selon un message publié sur Telegram par l'administration militaire de Kyiv, deux "
     "missiles ont été abattus au-dessus de la capitale mardi.", None, "UA"),
])
def test_extract_press_platform_is_never_the_claimant(extractor, text, name, side):
    event, = strikes(extractor, text)
    assert event.claimed_by is not None
    assert event.claimed_by.name != "Telegram"
    assert event.claimed_by.side == side
    if name:
        assert event.claimed_by.name == name


def test_extract_press_inverted_report_after_a_clause_names_its_subject(extractor):
    # ", a annoncé X" after a clause (not an apposition): X is the speaker
    event, = strikes(extractor, "La défense antiaérienne a détruit l'ensemble des 24 drones "
                                "Shahed lancés dans la nuit par la Russie, a annoncé l'armée de "
                                "l'air ukrainienne.")
    assert event.claimed_by is not None and event.claimed_by.side == "UA"
    assert "armée de l'air" in event.claimed_by.name


@pytest.mark.parametrize("text", [
    "La Crimée, annexée par la Russie en 2014, est régulièrement visée par des drones.",
    "Depuis l'invasion de février 2022, la ville est visée presque quotidiennement par des "
    "missiles.",
])
def test_extract_press_background_year_dates_no_event(extractor, text):
    assert all(e.date not in ("2014", "2022", "2022-02") for e in strikes(extractor, text))


def test_extract_press_background_year_leaves_the_events_own_date(extractor):
    event, = strikes(extractor, "Mardi, des drones ukrainiens ont visé Sébastopol, en Crimée "
                                "annexée par la Russie en 2014, selon le gouverneur installé "
                                "par Moscou.")
    assert event.date == "2024-11-26"


def test_extract_press_speaker_of_the_other_camp_does_not_deploy(extractor):
    # a Ukrainian official showing a Russian system: the system's users deployed it
    result = extractor.extract(Article(id="t", published=PUB, text=(
        "Un système Pantsir a été installé sur le toit d'un immeuble de Moscou. Anton "
        "Gerashchenko, conseiller du ministre ukrainien de l'Intérieur, a publié une vidéo "
        "montrant le système Pantsir installé près du Kremlin.")))
    deployments = [e for e in result.events if e.type == "deployment"]
    assert deployments and all(e.actor is not None and e.actor.side == "RU" for e in deployments)


@pytest.mark.parametrize("text, expected", [
    # one sentence, two places, each with its own toll: two strikes
    ("Mardi, une frappe de missiles a fait au moins dix morts et 37 blessés à Kryvyï Rih, tandis "
     "que dans la région de Donetsk, trois personnes ont été tuées.",
     {"Kryvyi Rih": (10, 37), "Donetsk Oblast": (3, None)}),
    ("Mardi, deux personnes ont été tuées à Kharkiv ; à Soumy, cinq personnes ont été "
     "blessées par un drone.", {"Kharkiv": (2, None), "Sumy": (None, 5)}),
    # a town and its region, said in one breath, are one place
    ("Mardi, un drone a blessé trois personnes à Staryï Oskol, dans la région de Belgorod, a "
     "indiqué le gouverneur.", {"Stary Oskol": (None, 3)}),
])
def test_extract_press_two_places_two_tolls(extractor, text, expected):
    found = {e.location.place or e.location.admin1: (e.killed, e.injured)
             for e in strikes(extractor, text)}
    assert found == expected


def test_extract_press_casualties_of_another_place_are_another_strike(extractor):
    text = ("Dans la nuit, des missiles russes ont frappé Kharkiv, faisant deux morts, selon le "
            "maire. À Zaporijjia, au moins dix personnes ont été blessées.")
    found = {e.location.place: (e.killed, e.injured) for e in strikes(extractor, text)}
    assert found == {"Kharkiv": (2, None), "Zaporizhzhia": (None, 10)}


def test_extract_press_attack_without_weapon_word_confirmed_by_a_toll(extractor):
    # "attaquée" names no weapon, but the toll that follows makes it a strike of that place
    text = ("La ville de Zaporijjia a été attaquée par les Russes ce dimanche. L'administration "
            "régionale fait état de 13 morts et de 60 blessés.")
    event, = strikes(extractor, text, published=None)
    assert event.location.place == "Zaporizhzhia"
    assert (event.killed, event.injured) == (13, 60)


def test_extract_press_same_town_anaphora(extractor):
    text = ("Lundi, des drones ont visé Sébastopol, selon le gouverneur. Le 13 novembre, des "
            "missiles avaient frappé un chantier naval dans la même ville.")
    places = {e.date: e.location.place if e.location else None for e in strikes(extractor, text)}
    assert places.get("2024-11-13") == "Sevastopol"


def test_extract_press_threatened_target_is_no_deployment(extractor):
    text = ("Samedi, le vice-ministre russe des Affaires étrangères a averti que les convois "
            "d'armes occidentales entrant en Ukraine seraient des « cibles légitimes » et "
            "feraient l'objet d'une réponse.")
    result = extractor.extract(Article(id="t", text=text, published=PUB))
    assert [e.type for e in result.events] == ["threat"]


@pytest.mark.parametrize("text, country, side", [
    # launched only, told by the attacked side: the country attacked
    ("La Russie a lancé 16 drones kamikazes dans la nuit de jeudi à vendredi, ont déclaré "
     "les forces armées ukrainiennes.", "UA", "RU"),
    ("L'Ukraine a lancé 30 drones contre le territoire russe cette nuit, a affirmé le "
     "ministère russe de la Défense.", "RU", "UA"),
])
def test_extract_press_launched_tally_is_located_at_the_target_country(extractor, text, country, side):
    event, = strikes(extractor, text)
    assert event.location is not None and event.location.country == country
    assert event.actor.side == side


@pytest.mark.parametrize("text, published, date", [
    # a wire dateline gives the day a page dated to the month was written
    ("Titre de la dépêche\n\n17 décembre (Reuters) - La Russie a lancé dans la nuit de samedi à "
     "dimanche 20 drones contre l'Ukraine, a déclaré l'armée de l'air.", "2023-12", "2023-12-17"),
    ("KYIV, 26 novembre (AFP) - L'armée de l'air ukrainienne a abattu 8 des 9 drones lancés "
     "dans la nuit par la Russie.", "2023-11", "2023-11-26"),
    ("KIEV, 3 mars 2024 (AFP) - Onze drones russes ont été abattus dans la nuit.", None,
     "2024-03-03"),
    # with no year anywhere, the day cannot be placed
    ("KIEV, 3 mars (AFP) - Onze drones russes ont été abattus dans la nuit.", None, None),
])
def test_extract_press_wire_dateline_dates_the_report(extractor, text, published, date):
    event, = strikes(extractor, text, published=published)
    assert event.date == date


@pytest.mark.parametrize("text, intercepted, munitions", [
    # an article that counts beside another figure
    ("Les défenses ukrainiennes ont détruit un missile de croisière et 20 drones d'attaque, a "
     "dit l'armée de l'air.", 21, [("cruise missile", None, 1), ("drone", None, 20)]),
    ("La Russie a lancé 19 drones et six missiles, précisant que la défense aérienne avait "
     "détruit 13 drones et un missile.", 14, [("drone", 19, 13), ("missile", 6, 1)]),
])
def test_extract_press_coordinated_one_counts(extractor, text, intercepted, munitions):
    event, = strikes(extractor, text)
    assert event.intercepted == intercepted
    assert sorted((m.weapon, m.launched, m.intercepted) for m in event.munitions) == munitions


@pytest.mark.parametrize("text", [
    "Au cours des dix premiers jours de juillet, la Russie a lancé 2 516 drones sur l'Ukraine.",
    "Sur l'ensemble du mois de juin, la Russie a lancé 2 453 drones contre l'Ukraine.",
    "Depuis le début de l'année, plus de 400 missiles ont été tirés sur Kharkiv.",
])
def test_extract_press_period_totals_are_no_event(extractor, text):
    assert strikes(extractor, text) == []


def test_extract_press_national_tally_keeps_the_country(extractor):
    # the night's tally, then one region's own figure: two records, the tally at the country
    text = ("La Russie a lancé 19 drones et six missiles dans la nuit de mardi à mercredi, a "
            "déclaré l'armée de l'air ukrainienne. L'armée de l'air a également affirmé avoir "
            "détruit un missile de croisière Kh-59 dans la région de Poltava.")
    found = {(e.location.admin1 if e.location else None): e.launched for e in strikes(extractor, text)}
    assert found.get(None) == 25
    assert "Poltava Oblast" in found


def events_of(extractor, text: str, published: str | None = PUB):
    return list(extractor.extract(Article(id="t", text=text, published=published)).events)


@pytest.mark.parametrize("text, side", [
    ("« Les frappes sur les installations militaires se poursuivront jusqu'à la fin de "
     "l'agression », a assuré vendredi l'état-major ukrainien.", "UA"),
    ("« Si ces attaques continuent, les réponses de la Russie seront sévères », a déclaré "
     "Vladimir Poutine.", "RU"),
    ("Après la frappe de missiles sur Sébastopol, le ministère russe des Affaires étrangères a "
     "annoncé de prochaines « mesures de rétorsion » contre Washington.", "RU"),
    ("« Nous répondrons au moment que nous choisirons », a affirmé le porte-parole de l'armée "
     "israélienne.", "IL"),
    ("« Toute livraison de ces missiles aura lieu avec toutes les conséquences que cela "
     "implique », a mis en garde Maria Zakharova.", "RU"),
    ("« En réponse, nous infligerons des pertes à l'ennemi », a déclaré Volodymyr Zelensky.", "UA"),
])
def test_extract_press_threat_phrasings(extractor, text, side):
    threats = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert len(threats) == 1 and threats[0].actor.side == side


def test_extract_press_response_being_carried_out_is_no_threat(extractor):
    text = "Zelensky appelle à l'aide, tandis que l'Ukraine riposte avec des frappes de drones sur la Russie."
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


@pytest.mark.parametrize("text, weapon", [
    ("Le président ukrainien a annoncé samedi que l'Ukraine avait reçu d'Israël un système "
     "antiaérien Patriot.", "Patriot"),
    ("L'Ukraine a reçu de l'Allemagne les premiers blindés de type Guépard, a déclaré lundi le "
     "ministre de la Défense.", "Gepard"),
    ("Les missiles de défense antiaérienne du système Iris-T sont arrivés en Ukraine mardi.",
     "IRIS-T"),
])
def test_extract_press_delivery_done_is_a_deployment_in_the_receivers_country(extractor, text, weapon):
    found = events_of(extractor, text)
    assert [(e.type, e.weapons) for e in found] == [("deployment", (weapon,))]
    assert found[0].location is not None and found[0].location.country == "UA"


@pytest.mark.parametrize("text", [
    # what a defence is for: no attack told
    "Berlin livrera des systèmes capables de protéger une grande ville contre les raids aériens.",
    "Le système a été conçu pour contrer les attaques de missiles russes visant le pays.",
    # a delivery promised is no deployment yet
    "En juin, le chancelier avait promis à Kiev la livraison de systèmes Iris-T.",
])
def test_extract_press_purpose_and_promise_are_no_events(extractor, text):
    assert events_of(extractor, text) == []


def test_extract_press_where_a_drone_was_made_is_no_target(extractor):
    event, = strikes(extractor, "Kiev a annoncé la destruction de 15 drones Shahed fabriqués en "
                                "Iran, lancés dans la nuit par la Russie.")
    assert event.location is None or event.location.country != "IR"


def test_extract_press_attackers_adjective_is_no_target_country(extractor):
    found = events_of(extractor, "L'Ukraine a reçu un système Patriot pour repousser les "
                                 "attaques de missiles russes.")
    assert all(e.location is None or e.location.country != "RU" for e in found)


def test_extract_press_unlisted_spelling_is_a_town_of_the_region_told(extractor):
    # a village spelled as no list has it: only a town of the region the story is in
    text = ("Le gouverneur de la région de Belgorod a fait état de tirs ukrainiens. Dans le "
            "village de Malomikhailovka, un civil a été blessé par les tirs d'obus.")
    assert all(e.location is None or e.location.country == "RU"
               for e in strikes(extractor, text))


@pytest.mark.parametrize("text, place", [
    # the local official's own town, when the sentence names no other
    ("Aucun des drones n'a atteint sa cible mardi, a dit Serhi Popko, chef de l'administration "
     "militaire de Kiev.", "Kyiv"),
    # a local official the knowledge base knows: the town of the office held
    ("Mardi soir, deux personnes ont été blessées par un drone, a indiqué Igor Terekhov.", "Kharkiv"),
])
def test_extract_press_local_officials_town(extractor, text, place):
    event, = strikes(extractor, text)
    assert event.location is not None and event.location.place == place
    assert event.actor is not None and event.actor.side == "RU"


def test_extract_press_capital_struck_as_subject(extractor):
    # "Kiev" names the government when it speaks, the city when it is struck
    event, = strikes(extractor, "Kiev a été à nouveau frappée dans la nuit de dimanche à lundi "
                                "par des drones explosifs, selon les autorités militaires.")
    assert event.location is not None and event.location.place == "Kyiv"
    assert [e.location.country for e in strikes(
        extractor, "Lundi, la Russie a frappé le centre-ville avec des missiles balistiques.")
        if e.location] in ([], ["UA"])


def test_extract_press_the_town_told_before(extractor):
    text = ("Mardi, Zaporijjia a été visée par des missiles russes. La ville a été frappée par "
            "deux bombes aériennes guidées, a ajouté le gouverneur.")
    found = strikes(extractor, text)
    assert {e.location.place for e in found if e.location} == {"Zaporizhzhia"}


def test_extract_press_toll_with_no_place_is_the_country_attacked(extractor):
    event, = strikes(extractor, "Les frappes russes de ce lundi ont fait plus de 40 morts, selon "
                                "les autorités.")
    assert event.location is not None and event.location.country == "UA"
    assert event.location.place is None and event.killed == 40


def test_extract_press_national_lead_tally_is_not_relocated(extractor):
    # the night's tally comes first and names no place; a town told after without figures
    # of its own does not make it that town's
    text = ("La Russie a lancé 16 drones kamikazes dans la nuit de jeudi à vendredi, ont déclaré "
            "les forces armées ukrainiennes. Des explosions ont aussi été entendues à Kiev, où "
            "des missiles ont visé des infrastructures.")
    tally = [e for e in strikes(extractor, text) if e.launched == 16]
    assert len(tally) == 1 and tally[0].location.place is None
    assert tally[0].location.country == "UA"


def test_extract_press_who_describes_an_attack_did_not_make_it(extractor):
    text = ("L'armée de l'air a détruit huit des neuf drones lancés dans la nuit par la Russie, au "
            "lendemain d'une attaque de drones présentée par les autorités ukrainiennes comme la "
            "plus importante depuis le début de la guerre.")
    assert "UA" not in {e.actor.side for e in strikes(extractor, text) if e.actor}


def test_extract_press_defender_tells_its_own_tally(extractor):
    event, = strikes(extractor, "En direct : l'armée de l'air ukrainienne a intercepté neuf "
                                "missiles de croisière et neuf drones russes dans la nuit.")
    assert event.claimed_by is not None and event.claimed_by.side == "UA"


@pytest.mark.parametrize("text, hedged", [
    # a doubt on a detail is no doubt on the happening
    ("L'Ukraine a déclaré jeudi avoir abattu 36 drones lancés par la Russie au cours de la nuit, "
     "qui visaient vraisemblablement des installations militaires.", False),
    ("Le système Arrow a abattu mercredi un missile balistique, apparemment tiré depuis le Yémen, "
     "au-dessus de la mer Rouge, selon l'armée.", False),
    # a doubt on the event itself
    ("Des drones ukrainiens auraient frappé mardi une raffinerie de la région de Riazan.", True),
    ("Selon des informations non confirmées, une frappe présumée a visé mardi l'aérodrome de Saky.", True),
])
def test_extract_press_hedge_only_on_the_event(extractor, text, hedged):
    found = strikes(extractor, text)
    assert found and all(e.hedged is hedged for e in found)


@pytest.mark.parametrize("text", [
    # a delivery described, planned or wished: not a system told in place
    "Les avions de combat F-16 livrés à l'Ukraine seront considérés par Moscou comme une menace.",
    "Washington a rejeté la proposition de remettre des MiG-29 pour qu'ils soient ensuite livrés à l'Ukraine.",
    "Donald Trump relance la livraison d'armes antiaériennes à l'Ukraine.",
])
def test_extract_press_delivery_not_done_is_no_deployment(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "deployment"] == []


def test_extract_press_a_campaign_since_a_date_is_no_event(extractor):
    text = "Les Houthis tirent des missiles et des drones sur Israël depuis novembre 2023."
    assert strikes(extractor, text) == []


@pytest.mark.parametrize("text, country", [
    # the war's name is no target
    ("L'interception de mercredi était la quatrième d'un missile balistique dans le cadre de "
     "la guerre à Gaza, a précisé l'armée israélienne.", None),
    # where a drone came from, down to its country, is no target
    ("Dix-sept drones Shahed ont été lancés depuis la région de Koursk en Russie, a indiqué "
     "l'armée ukrainienne.", "UA"),
])
def test_extract_press_war_and_origin_are_no_target(extractor, text, country):
    for event in strikes(extractor, text):
        assert (event.location.country if event.location else None) in (country, None)
        assert event.location is None or event.location.country not in ("PS", "RU")


@pytest.mark.parametrize("text, launched, intercepted", [
    # "N engins, dont A drones et B missiles": N is the whole
    ("Selon les autorités de Kiev, la Russie a lancé 550 engins, dont 539 drones de type Shahed "
     "et 11 missiles, visant notamment la capitale.", 550, None),
    # "avec succès" is no instrument
    ("Dimanche matin, l'armée de l'air ukrainienne s'est félicitée d'avoir abattu avec succès 22 "
     "drones russes dans la région d'Odessa.", None, 22),
    # "des quelque 330": the whole, said roughly
    ("Les forces ukrainiennes ont abattu plus des deux tiers des quelque 330 drones Shahed lancés "
     "samedi par la Russie.", 330, None),
    # an air-defence missile fired at the ground is a weapon of the strike, counted with the rest
    ("Moscou a tiré huit missiles balistiques Iskander-M, six missiles de croisière Kh-101 et "
     "quatre missiles de défense aérienne guidés S-300 dans la nuit.", 18, None),
])
def test_extract_press_tally_wholes_and_parts(extractor, text, launched, intercepted):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_night_with_weekdays_and_days_is_the_morning(extractor):
    event, = strikes(extractor, "Dans la nuit du lundi 25 à ce mardi 26 novembre, la Russie a "
                                "lancé 188 drones contre l'Ukraine.", published="2024-11-26")
    assert event.date == "2024-11-26"


def test_extract_press_weapons_told_also_join_the_nights_tally(extractor):
    text = ("Dans la nuit, la Russie a lancé 188 drones contre l'Ukraine, a indiqué l'armée de "
            "l'air ukrainienne. Quatre missiles balistiques Iskander-M ont également été tirés "
            "par Moscou dans la nuit.")
    event, = strikes(extractor, text)
    assert event.launched == 192


@pytest.mark.parametrize("text, launched, intercepted, munitions", [
    ("L'armée de l'air ukrainienne a publié dimanche son bilan de la nuit.\n\n"
     "| Type | tirés | abattus |\n|---|---|---|\n| Drones Shahed | 120 | 98 |\n"
     "| Missiles Kh-101 | 12 | 10 |\n", 132, 108, [("Kh-101", 12, 10), ("Shahed", 120, 98)]),
    # a total row gives the totals; a column of no role is ignored
    ("Bilan de la nuit selon l'armée de l'air ukrainienne :\n\n| Arme | lancés | détruits | "
     "région |\n| --- | --- | --- | --- |\n| drones d'attaque | 45 | 40 | Kyiv |\n| missiles "
     "Iskander-M | 3 | 1 | Kharkiv |\n| Total | 50 | 41 | |\n", 50, 41,
     [("Iskander", 3, 1), ("drone", 45, 40)]),
])
def test_extract_press_tally_table(extractor, text, launched, intercepted, munitions):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)
    assert sorted((m.weapon, m.launched, m.intercepted) for m in event.munitions) == munitions
    assert event.claimed_by is not None and event.claimed_by.side == "UA"


def test_extract_press_headline_repeating_the_lead_is_one_event(extractor):
    text = ("L'Ukraine dit avoir abattu 14 drones russes dans la nuit\n\nL'armée de l'air "
            "ukrainienne a assuré ce mercredi avoir abattu dans la nuit les quatorze drones "
            "explosifs lancés par la Russie contre son voisin.")
    event, = strikes(extractor, text)
    assert event.intercepted == 14


def test_extract_press_last_winters_campaign_is_no_event(extractor):
    text = ("L'Ukraine affirme que la Russie cherche, comme l'hiver dernier, à détruire les "
            "installations énergétiques du pays.")
    assert strikes(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Mardi, un missile russe a frappé Kharkiv, faisant deux morts. La Russie a tiré au total 99 "
    "missiles sur l'Ukraine, dont 72 ont été abattus, selon l'armée.",
    "Mardi, un missile russe a frappé Kharkiv, faisant deux morts. Au total, 72 missiles ont "
    "été abattus au-dessus de l'Ukraine, selon l'armée de l'air.",
])
def test_extract_press_city_then_the_countrys_tally_are_two_records(extractor, text):
    found = {(e.location.place if e.location else None): e for e in strikes(extractor, text)}
    assert set(found) == {"Kharkiv", None}
    assert found["Kharkiv"].killed == 2 and found["Kharkiv"].intercepted is None
    assert found[None].location.country == "UA" and found[None].intercepted == 72


def test_extract_press_what_a_missile_can_carry_is_not_deployed(extractor):
    text = ("Des systèmes Iskander, capables de porter des ogives nucléaires, ont été déployés en "
            "Biélorussie, a annoncé mardi le ministère biélorusse de la Défense.")
    deployment, = [e for e in events_of(extractor, text) if e.type == "deployment"]
    assert deployment.weapons == ("Iskander",)


@pytest.mark.parametrize("text", [
    # ordinary futures and continuations are no threat
    "Nous lancerons la nouvelle campagne de recrutement en septembre, a déclaré le ministre.",
    "Les opérations de secours se poursuivront toute la nuit à Kharkiv, a indiqué le gouverneur.",
])
def test_extract_press_ordinary_futures_are_no_threat(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


def test_extract_press_strikes_a_threat_promises_are_no_strike(extractor):
    text = ("« Les frappes contre Kiev se poursuivront jusqu'à la victoire », a déclaré mardi "
            "Dmitri Medvedev.")
    assert [e.type for e in events_of(extractor, text)] == ["threat"]


@pytest.mark.parametrize("text", [
    # a rate elsewhere in the sentence is no period total
    "Mardi soir, trois missiles russes ont frappé Kharkiv, où les sirènes retentissent plusieurs "
    "fois par jour.",
])
def test_extract_press_a_rate_beside_an_event_keeps_it(extractor, text):
    assert len(strikes(extractor, text)) == 1


def test_extract_press_a_visit_is_no_delivery(extractor):
    text = "Volodymyr Zelensky est arrivé mardi à Odessa, frappée la veille par des missiles Kinjal."
    assert [e for e in events_of(extractor, text) if e.type == "deployment"] == []


def test_extract_press_out_of_a_number_of_regions_is_no_tally(extractor):
    event, = strikes(extractor, "La défense aérienne russe a abattu mardi 40 drones ukrainiens "
                                "sur 10 régions.")
    assert event.launched is None and event.intercepted == 40


def test_extract_press_table_of_another_kind_ends_the_tally_table(extractor):
    text = ("L'armée de l'air ukrainienne a publié mardi son bilan.\n\n| Type | tirés | abattus |\n"
            "|---|---|---|\n| Drones Shahed | 120 | 98 |\n\n| Ville | Morts | Blessés |\n"
            "|---|---|---|\n| Kharkiv | 3 | 5 |\n")
    event, = [e for e in strikes(extractor, text) if e.launched]
    assert (event.launched, event.intercepted) == (120, 98)


def test_extract_press_where_an_armed_group_is_based_is_no_target(extractor):
    text = ("Le système Arrow a abattu mercredi un missile balistique tiré par les Houthis soutenus "
            "par l'Iran au Yémen, selon l'armée israélienne.")
    for event in strikes(extractor, text):
        assert event.location is None or event.location.country != "YE"


def test_extract_press_the_wars_first_day_dates_no_attack(extractor):
    text = ("Dans la nuit de mardi à mercredi, Loutsk a été la cible principale de l'attaque russe "
            "la plus massive depuis le début de la guerre, le 24 février 2022, avec 728 drones.")
    assert all(e.date != "2022-02-24" for e in strikes(extractor, text, published=None))
