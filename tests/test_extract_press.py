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
        "Un système Pantsir a été repéré sur un toit de Moscou. Un conseiller du ministère "
        "ukrainien de l'Intérieur, Anton Gerashchenko, a diffusé des images du système Pantsir "
        "installé près du Kremlin.")))
    deployments = [e for e in result.events if e.type == "deployment"]
    assert deployments and all(e.actor is not None and e.actor.side == "RU" for e in deployments)


@pytest.mark.parametrize("text, expected", [
    # one sentence, two places, each with its own toll: two strikes
    ("Jeudi, une frappe de missiles a fait six morts et 14 blessés à Poltava, tandis que dans "
     "la région de Soumy, deux personnes ont été tuées.",
     {"Poltava": (6, 14), "Sumy Oblast": (2, None)}),
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
            "maire. À Tchernihiv, onze habitants ont été blessés.")
    found = {e.location.place: (e.killed, e.injured) for e in strikes(extractor, text)}
    assert found == {"Kharkiv": (2, None), "Chernihiv": (None, 11)}


def test_extract_press_attack_without_weapon_word_confirmed_by_a_toll(extractor):
    # "attaquée" names no weapon, but the toll that follows makes it a strike of that place
    text = ("La ville de Mykolaïv a été attaquée par les forces russes ce jeudi. Les autorités "
            "régionales font état de 4 morts et de 19 blessés.")
    event, = strikes(extractor, text, published=None)
    assert event.location.place == "Mykolaiv"
    assert (event.killed, event.injured) == (4, 19)


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
    ("La Russie a lancé 23 drones d'attaque dans la nuit de lundi à mardi, a indiqué "
     "l'état-major ukrainien.", "UA", "RU"),
    ("L'Ukraine a lancé 30 drones contre le territoire russe cette nuit, a affirmé le "
     "ministère russe de la Défense.", "RU", "UA"),
])
def test_extract_press_launched_tally_is_located_at_the_target_country(extractor, text, country, side):
    event, = strikes(extractor, text)
    assert event.location is not None and event.location.country == country
    assert event.actor.side == side


@pytest.mark.parametrize("text, published, date", [
    # a wire dateline gives the day a page dated to the month was written
    ("Titre de la dépêche\n\n9 mars (Reuters) - La Russie a envoyé dans la nuit de vendredi à "
     "samedi 25 drones contre l'Ukraine, a déclaré l'armée de l'air.", "2024-03", "2024-03-09"),
    ("ODESSA, 14 octobre (AFP) - L'armée de l'air ukrainienne a abattu 12 des 15 drones envoyés "
     "dans la nuit par la Russie.", "2023-10", "2023-10-14"),
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
    ("La défense antiaérienne a abattu un missile Kh-101 et 17 drones Shahed, selon le "
     "commandement.", 18, [("Kh-101", None, 1), ("Shahed", None, 17)]),
    ("L'armée russe a envoyé 27 drones et quatre missiles, ajoutant que la défense aérienne "
     "avait neutralisé 22 drones et un missile.", 23, [("drone", 27, 22), ("missile", 4, 1)]),
])
def test_extract_press_coordinated_one_counts(extractor, text, intercepted, munitions):
    event, = strikes(extractor, text)
    assert event.intercepted == intercepted
    assert sorted((m.weapon, m.launched, m.intercepted) for m in event.munitions) == munitions


@pytest.mark.parametrize("text", [
    "Au cours des quinze derniers jours, la Russie a lancé 1 870 drones sur l'Ukraine.",
    "Sur l'ensemble du mois de mars, plus de 1 200 missiles et drones ont été tirés sur le pays.",
    "Depuis le début de l'année, plus de 400 missiles ont été tirés sur Kharkiv.",
])
def test_extract_press_period_totals_are_no_event(extractor, text):
    assert strikes(extractor, text) == []


def test_extract_press_national_tally_keeps_the_country(extractor):
    # the night's tally, then one region's own figure: two records, the tally at the country
    text = ("La Russie a lancé 31 drones et trois missiles dans la nuit de dimanche à lundi, a "
            "déclaré l'armée de l'air ukrainienne. L'armée de l'air a aussi affirmé avoir "
            "détruit un missile Kh-59 dans la région de Tcherkassy.")
    found = {(e.location.admin1 if e.location else None): e.launched for e in strikes(extractor, text)}
    assert found.get(None) == 34
    assert "Cherkasy Oblast" in found


def events_of(extractor, text: str, published: str | None = PUB):
    return list(extractor.extract(Article(id="t", text=text, published=published)).events)


@pytest.mark.parametrize("text, side", [
    ("« Nos frappes contre les dépôts ennemis se poursuivront tant que l'occupation durera », "
     "a assuré jeudi l'état-major ukrainien.", "UA"),
    ("« Si ces bombardements reprennent, nos réponses seront dures », a déclaré Vladimir "
     "Poutine.", "RU"),
    ("Après des tirs de missiles sur Belgorod, le ministère russe des Affaires étrangères a "
     "promis des « mesures de rétorsion » à Londres.", "RU"),
    ("« Israël agira au moment de notre choix, et de la manière que nous jugerons bonne », a "
     "affirmé le porte-parole de l'armée israélienne.", "IL"),
    ("« L'envoi de ces missiles à Kiev entraînera des conséquences graves », a mis en garde "
     "Maria Zakharova.", "RU"),
    ("« Nous infligerons à l'agresseur des pertes qu'il n'oubliera pas », a déclaré Volodymyr "
     "Zelensky.", "UA"),
    # the same done back to them
    ("« Nous leur rendrons la pareille, et très vite », a écrit le chef de l'administration "
     "présidentielle ukrainienne.", "UA"),
    # what will not pass without an answer
    ("Le chef des Houthis a assuré dimanche que ces bombardements « ne passeront pas sans "
     "réponse ».", "YE"),
    # a place promised to stay a target
    ("« Le port de Haïfa restera la cible permanente de nos drones », a affirmé le porte-parole "
     "militaire des Houthis.", "YE"),
])
def test_extract_press_threat_phrasings(extractor, text, side):
    threats = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert len(threats) == 1 and threats[0].actor.side == side


def test_extract_press_response_being_carried_out_is_no_threat(extractor):
    text = "Kiev réclame des armes, et l'armée ukrainienne riposte avec des tirs de drones sur Koursk."
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


@pytest.mark.parametrize("text, weapon", [
    ("Le ministre ukrainien de la Défense a confirmé jeudi que l'Ukraine avait reçu d'Espagne "
     "une batterie antiaérienne Patriot.", "Patriot"),
    ("L'Ukraine a reçu de Berlin un deuxième lot de chars antiaériens Guépard, a indiqué "
     "mercredi le ministère.", "Gepard"),
    ("Les premiers lanceurs du système IRIS-T sont arrivés en Ukraine jeudi.", "IRIS-T"),
])
def test_extract_press_delivery_done_is_a_deployment_in_the_receivers_country(extractor, text, weapon):
    found = events_of(extractor, text)
    assert [(e.type, e.weapons) for e in found] == [("deployment", (weapon,))]
    assert found[0].location is not None and found[0].location.country == "UA"


@pytest.mark.parametrize("text", [
    # what a defence is for: no attack told
    "Paris enverra des batteries capables de défendre une région entière contre les frappes aériennes.",
    "Ce radar sert à contrer les raids de drones russes dirigés vers les villes.",
    # a delivery promised is no deployment yet
    "Au printemps, le Premier ministre avait promis à l'Ukraine la livraison de batteries NASAMS.",
])
def test_extract_press_purpose_and_promise_are_no_events(extractor, text):
    assert events_of(extractor, text) == []


def test_extract_press_where_a_drone_was_made_is_no_target(extractor):
    event, = strikes(extractor, "L'armée ukrainienne a abattu 21 drones d'attaque fabriqués en "
                                "Iran et tirés dans la nuit par la Russie.")
    assert event.location is None or event.location.country != "IR"


def test_extract_press_attackers_adjective_is_no_target_country(extractor):
    found = events_of(extractor, "Kiev a reçu une batterie IRIS-T pour arrêter les tirs de "
                                 "missiles russes.")
    assert all(e.location is None or e.location.country != "RU" for e in found)


def test_extract_press_unlisted_spelling_is_a_town_of_the_region_told(extractor):
    # a village spelled as no list has it: only a town of the region the story is in
    text = ("Le gouverneur de la région de Belgorod a signalé de nouveaux bombardements. Près de "
            "Malomikhailovka, une retraitée a été blessée par des éclats d'obus.")
    assert all(e.location is None or e.location.country == "RU"
               for e in strikes(extractor, text))


@pytest.mark.parametrize("text, place", [
    # the local official's own town, when the sentence names no other
    ("Tous les missiles ont été interceptés mardi, a affirmé Maksym Kozytsky, chef de "
     "l'administration militaire de Lviv.", "Lviv Oblast"),
    # a local official the knowledge base knows: the town of the office held
    ("Mardi soir, deux personnes ont été blessées par un drone, a indiqué Igor Terekhov.", "Kharkiv"),
])
def test_extract_press_local_officials_town(extractor, text, place):
    event, = strikes(extractor, text)
    assert event.location is not None and (event.location.place or event.location.admin1) == place
    assert event.actor is not None and event.actor.side == "RU"


def test_extract_press_capital_struck_as_subject(extractor):
    # "Kiev" names the government when it speaks, the city when it is struck
    event, = strikes(extractor, "Kiev a été de nouveau visée jeudi matin par des missiles "
                                "balistiques, selon la mairie.")
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
    event, = strikes(extractor, "Les bombardements russes de mercredi ont tué au moins 17 "
                                "civils, selon le parquet.")
    assert event.location is not None and event.location.country == "UA"
    assert event.location.place is None and event.killed == 17


def test_extract_press_national_lead_tally_is_not_relocated(extractor):
    # the night's tally comes first and names no place; a town told after without figures
    # of its own does not make it that town's
    text = ("La Russie a lancé 23 drones d'attaque dans la nuit de lundi à mardi, a indiqué "
            "l'état-major ukrainien. Des explosions ont aussi été entendues à Kiev, où des "
            "missiles ont visé des infrastructures.")
    tally = [e for e in strikes(extractor, text) if e.launched == 23]
    assert len(tally) == 1 and tally[0].location.place is None
    assert tally[0].location.country == "UA"


def test_extract_press_who_describes_an_attack_did_not_make_it(extractor):
    text = ("La défense aérienne a intercepté onze des douze missiles tirés par la Russie, deux "
            "jours après une attaque de drones décrite par les autorités ukrainiennes comme la "
            "plus lourde de l'hiver.")
    assert "UA" not in {e.actor.side for e in strikes(extractor, text) if e.actor}


def test_extract_press_defender_tells_its_own_tally(extractor):
    event, = strikes(extractor, "Direct : la défense aérienne ukrainienne a neutralisé sept "
                                "missiles et quatorze drones russes dans la nuit.")
    assert event.claimed_by is not None and event.claimed_by.side == "UA"


@pytest.mark.parametrize("text, hedged", [
    # a doubt on a detail is no doubt on the happening
    ("Kiev a affirmé vendredi avoir détruit 28 drones tirés par la Russie pendant la nuit, qui "
     "visaient vraisemblablement des dépôts de carburant.", False),
    ("La frégate a intercepté jeudi un drone, apparemment lancé depuis la côte yéménite, "
     "au-dessus du golfe d'Aden, selon l'état-major.", False),
    # a doubt on who was killed or hurt is no doubt on the strike
    ("Des missiles Storm Shadow ont visé mardi un état-major à Marioupol. Plusieurs officiers "
     "russes ont apparemment été touchés.", False),
    ("Un drone ukrainien a frappé mardi la base de Saky. Deux pilotes auraient été touchés, selon "
     "une chaîne Telegram.", False),
    ("Un dépôt aurait été touché mardi par un drone à Belgorod.", True),
    # a doubt on the event itself
    ("Des drones ukrainiens auraient frappé mardi une raffinerie de la région de Riazan.", True),
    ("Selon des informations non confirmées, une frappe présumée a visé mardi l'aérodrome de Saky.", True),
])
def test_extract_press_hedge_only_on_the_event(extractor, text, hedged):
    found = strikes(extractor, text)
    assert found and all(e.hedged is hedged for e in found)


@pytest.mark.parametrize("text, hedged", [
    # the sentence after doubts the claim just told
    ("Trois drones ont frappé mardi un dépôt de carburant près de Kherson, selon "
     "l'administration régionale. Cette information n'a pas pu être vérifiée de source "
     "indépendante.", [True]),
    ("Un missile a touché mardi un immeuble à Dnipro, selon le maire. Ces chiffres n'ont "
     "toutefois pas été confirmés par l'armée.", [True]),
    ("Un missile a touché mardi un immeuble à Dnipro, selon le maire. Cette version reste "
     "invérifiable.", [True]),
    # (a guard) the wire's standing disclaimer doubts nothing in particular
    ("Trois drones ont frappé mardi un dépôt de carburant près de Kherson, selon "
     "l'administration régionale. L'agence n'a pas pu vérifier ces affirmations de manière "
     "indépendante.", [False]),
    # only the happening told just before is doubted
    ("Un missile a touché mardi un immeuble à Dnipro, selon le maire. Un drone a été abattu "
     "mercredi au-dessus de Kharkiv. Ces chiffres n'ont pas été confirmés.", [False, True]),
])
def test_extract_press_doubt_in_the_next_sentence(extractor, text, hedged):
    found = sorted(strikes(extractor, text), key=lambda e: e.evidence[0].start)
    assert [e.hedged for e in found] == hedged


@pytest.mark.parametrize("text", [
    # a delivery described, planned or wished: not a system told in place
    "Les chasseurs Mirage livrés à Kiev deviendront des cibles, prévient Moscou.",
    "Ottawa examine l'idée de céder des hélicoptères pour qu'ils soient plus tard livrés à l'Ukraine.",
    "Le Congrès débloque la livraison de munitions antiaériennes à Kiev.",
])
def test_extract_press_delivery_not_done_is_no_deployment(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "deployment"] == []


def test_extract_press_a_campaign_since_a_date_is_no_event(extractor):
    text = "Les rebelles lancent des drones sur les navires de la mer Rouge depuis janvier 2024."
    assert strikes(extractor, text) == []


@pytest.mark.parametrize("text, country", [
    # the war's name is no target
    ("Cette interception était la troisième d'un drone venu du Liban dans le cadre de la "
     "guerre à Gaza, a précisé l'armée israélienne.", None),
    # where a drone came from, down to its country, is no target
    ("Neuf drones ont été tirés depuis la région de Briansk en Russie, a indiqué l'armée "
     "ukrainienne.", "UA"),
])
def test_extract_press_war_and_origin_are_no_target(extractor, text, country):
    for event in strikes(extractor, text):
        assert (event.location.country if event.location else None) in (country, None)
        assert event.location is None or event.location.country not in ("PS", "RU")


@pytest.mark.parametrize("text, launched, intercepted", [
    # "N engins, dont A drones et B missiles": N is the whole
    ("Selon l'état-major, la Russie a tiré 240 engins, dont 230 drones et 10 missiles, surtout "
     "vers Kharkiv.", 240, None),
    # "avec succès" is no instrument
    ("Samedi, la défense ukrainienne a abattu avec succès 13 drones au-dessus de la région de "
     "Mykolaïv.", None, 13),
    # "des quelque 140": the whole, said roughly
    ("L'armée a détruit plus de la moitié des quelque 140 drones envoyés mardi par la Russie.",
     140, None),
    # an air-defence missile fired at the ground is a weapon of the strike, counted with the rest
    ("La Russie a lancé cinq missiles Iskander-M, trois missiles Kh-101 et deux missiles de "
     "défense aérienne S-300 mardi soir.", 10, None),
])
def test_extract_press_tally_wholes_and_parts(extractor, text, launched, intercepted):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_night_with_weekdays_and_days_is_the_morning(extractor):
    event, = strikes(extractor, "Dans la nuit du jeudi 12 à ce vendredi 13 septembre, la Russie "
                                "a envoyé 64 drones vers l'Ukraine.", published="2024-09-13")
    assert event.date == "2024-09-13"


def test_extract_press_weapons_told_also_join_the_nights_tally(extractor):
    text = ("Dans la nuit, la Russie a envoyé 70 drones contre l'Ukraine, a indiqué l'armée de "
            "l'air ukrainienne. Deux missiles Kh-59 ont également été tirés par Moscou dans la "
            "nuit.")
    event, = strikes(extractor, text)
    assert event.launched == 72


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
    text = ("Kiev affirme avoir détruit 9 drones russes\n\nLa défense aérienne ukrainienne a "
            "indiqué jeudi avoir détruit pendant la nuit les neuf drones d'attaque envoyés par "
            "la Russie.")
    event, = strikes(extractor, text)
    assert event.intercepted == 9


def test_extract_press_last_winters_campaign_is_no_event(extractor):
    text = ("Selon Kiev, la Russie tente, comme l'an dernier, de frapper le réseau électrique "
            "du pays.")
    assert strikes(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Mardi, un missile russe a frappé Kharkiv, faisant deux morts. La Russie a tiré au total 45 "
    "missiles sur l'Ukraine, dont 38 ont été abattus, selon l'armée.",
    "Mardi, un missile russe a frappé Kharkiv, faisant deux morts. Au total, 38 missiles ont "
    "été abattus au-dessus de l'Ukraine, selon l'armée de l'air.",
])
def test_extract_press_city_then_the_countrys_tally_are_two_records(extractor, text):
    found = {(e.location.place if e.location else None): e for e in strikes(extractor, text)}
    assert set(found) == {"Kharkiv", None}
    assert found["Kharkiv"].killed == 2 and found["Kharkiv"].intercepted is None
    assert found[None].location.country == "UA" and found[None].intercepted == 38


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


@pytest.mark.parametrize("text", [
    # a warning about what the other side prepares: the speaker threatens no one
    "Volodymyr Zelensky a averti que la Russie préparait une nouvelle frappe massive contre "
    "le réseau électrique.",
    "Le ministre ukrainien de l'Énergie a prévenu que Moscou allait frapper les centrales "
    "cet hiver.",
    "Le chef du renseignement militaire a mis en garde que la Russie pourrait viser les ponts "
    "sur le Dniepr.",
])
def test_extract_press_warning_of_the_other_sides_plans_is_no_threat(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


@pytest.mark.parametrize("text, side", [
    # the speaker's own side as the clause's subject, or the other side told it will pay
    ("Le Kremlin a averti que la Russie riposterait à toute frappe sur son territoire.", "RU"),
    ("Vladimir Poutine a prévenu que l'Ukraine paierait pour cette attaque contre la Crimée.",
     "RU"),
])
def test_extract_press_warning_that_stays_a_threat(extractor, text, side):
    threats = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert len(threats) == 1 and threats[0].actor.side == side


@pytest.mark.parametrize("text", [
    # an indefinite attack whose own verb is a future or a conditional: a case, not an event
    "« Une attaque avec ces missiles contre le territoire russe sera considérée comme une "
    "entrée en guerre », a averti le porte-parole du Kremlin.",
    "Une frappe sur le pont de Crimée serait une ligne rouge, selon Moscou.",
])
def test_extract_press_hypothetical_attack_is_no_strike(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "strike"] == []


@pytest.mark.parametrize("text", [
    # a strike whose verb is a future passive is promised or feared, not told
    "« Si ces pays se joignent à l'agression, leurs bases dans la région seront elles aussi "
    "ciblées par notre riposte », a déclaré l'état-major iranien.",
    "Les dépôts de l'Otan seront frappés par nos missiles si ces livraisons continuent, a "
    "prévenu le ministre russe.",
    "Toute infrastructure qui sert à l'ennemi sera visée, a averti le porte-parole.",
])
def test_extract_press_future_passive_strike_is_no_strike(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "strike"] == []


def test_extract_press_hedged_attack_in_a_relative_clause_stays_a_strike(extractor):
    text = ("Une attaque qui serait l'œuvre de drones ukrainiens a touché une raffinerie de "
            "Touapsé dans la nuit, selon les autorités locales.")
    strike, = [e for e in events_of(extractor, text) if e.type == "strike"]
    assert strike.location.place == "Tuapse"


def test_extract_press_generic_plural_with_weapon_verb_and_toll_is_a_strike(extractor):
    # "Des frappes de missiles" alone starts nothing; with its verb and its toll it does
    text = ("Des frappes de missiles russes ont visé le réseau électrique de l'Ukraine lundi, "
            "faisant trois morts.")
    strike, = strikes(extractor, text, "2024-08-26")
    assert strike.killed == 3 and strike.location.country == "UA"
    assert strike.actor.side == "RU" and strike.date == "2024-08-26"


def test_extract_press_generic_plural_without_weapon_joins_the_strike_told(extractor):
    text = ("Le gouverneur a fait état d'une attaque de drones sur Kharkiv dans la nuit. Les "
            "frappes ont visé des entrepôts, faisant deux blessés.")
    strike, = strikes(extractor, text, "2024-08-26")
    assert strike.location.place == "Kharkiv" and strike.injured == 2


@pytest.mark.parametrize("text, where", [
    # "attaque massivement", "une attaque massive": the words of a night of missiles and drones
    ("« Depuis l'aube, les troupes russes attaquent massivement la région de "
     "Dnipropetrovsk », a indiqué le gouverneur.", "Dnipropetrovsk Oblast"),
    ("Les forces russes ont lancé une attaque massive contre Kharkiv dans la nuit, a annoncé "
     "le maire.", "Kharkiv Oblast"),
])
def test_extract_press_massive_attack_without_weapon_word_is_a_strike(extractor, text, where):
    strike, = strikes(extractor, text, "2024-12-25")
    assert strike.location.admin1 == where and strike.actor.side == "RU"


def test_extract_press_ground_attack_is_no_strike(extractor):
    assert strikes(extractor, "L'armée russe attaque la région de Koursk par le sol depuis le "
                              "mois d'août.", "2024-12-25") == []


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
    text = ("Un drone lancé par les Houthis au Yémen a été abattu jeudi au-dessus de la mer, "
            "selon l'armée israélienne.")
    for event in strikes(extractor, text):
        assert event.location is None or event.location.country != "YE"


def test_extract_press_the_wars_first_day_dates_no_attack(extractor):
    text = ("Jeudi, Rivne a subi la plus forte attaque de drones depuis le début de la guerre, le "
            "24 février 2022, avec 310 drones.")
    assert all(e.date != "2022-02-24" for e in strikes(extractor, text, published=None))


def test_extract_press_a_night_from_one_day_to_the_next_is_no_verb(extractor):
    # "de lundi à mardi": the "à" is no auxiliary standing between the verb and its figure
    event, = strikes(extractor, "Moscou dit avoir détruit, dans la nuit de lundi à mardi, 64 drones "
                                "ukrainiens au-dessus de la Crimée.")
    assert event.intercepted == 64


def test_extract_press_a_tally_over_far_regions_stays_apart_from_one_towns_strike(extractor):
    text = ("Le ministère russe de la Défense a affirmé avoir abattu 86 drones ukrainiens dans "
            "les régions de Rostov, Orel et Smolensk. Le gouverneur de la région, Vassili "
            "Golubev, a indiqué qu'un homme avait été blessé à Taganrog par la chute d'un drone.")
    found = strikes(extractor, text)
    national = [e for e in found if e.intercepted == 86]
    town = [e for e in found if e.location and e.location.place == "Taganrog"]
    assert len(national) == 1 and national[0].location.admin1 is None
    assert national[0].location.country == "RU"
    assert len(town) == 1 and town[0].injured == 1 and town[0].intercepted is None


def test_extract_press_shares_per_region_are_not_the_tally(extractor):
    text = ("Selon Moscou, 40 drones ont été abattus dans la région de Koursk, 12 dans celle de "
            "Voronej et 3 dans la région de Rostov mardi.")
    # the first region's share is not the whole: the country's record sums the lines, each
    # region's record keeps its own (field/ANNOTATING.md: a ministry's tally split by region)
    found = strikes(extractor, text)
    assert [e.intercepted for e in found if e.location.admin1 is None] == [55]
    assert {e.location.admin1: e.intercepted for e in found if e.location.admin1} == {
        "Kursk Oblast": 40, "Voronezh Oblast": 12, "Rostov Oblast": 3}


def test_extract_press_casualties_with_a_nationality(extractor):
    event, = strikes(extractor, "À Belgorod, trois civils russes ont perdu la vie mardi dans une "
                                "frappe de drone, selon le gouverneur.")
    assert event.killed == 3


def test_extract_press_pairs_out_of_share_the_role_given_after_them(extractor):
    event, = strikes(extractor, "Selon l'armée de l'air, huit missiles Kalibr - sur 11 tirés - et "
                                "deux drones sur six ont été abattus mardi.")
    assert (event.launched, event.intercepted) == (17, 10)


def test_extract_press_the_whole_country_figures_are_not_one_towns(extractor):
    text = ("Un missile a frappé mardi un entrepôt à Poltava, sans faire de victimes, selon le "
            "gouverneur. Dans l'ensemble du pays, 23 drones sur 30 ont été interceptés, a "
            "indiqué l'état-major ukrainien.")
    found = strikes(extractor, text)
    town = [e for e in found if e.location and e.location.place == "Poltava"]
    country = [e for e in found if e.intercepted == 23]
    assert len(town) == 1 and town[0].intercepted is None and town[0].launched is None
    assert len(country) == 1 and country[0].launched == 30
    assert country[0].location.place is None and country[0].location.admin1 is None


def test_extract_press_drones_fallen_on_a_site_hit_it(extractor):
    event, = strikes(extractor, "Quatre drones sont tombés sur le dépôt pétrolier de Novorossiïsk "
                                "dans la nuit, selon les autorités locales.")
    assert event.hit == 4


def test_extract_press_a_region_named_with_an_adjective_is_the_region(extractor):
    event, = strikes(extractor, "Une usine située dans la région russe de Voronej a été frappée "
                                "par des drones mardi.")
    assert event.location.admin1 == "Voronezh Oblast" and event.location.place is None


def test_extract_press_a_site_spelled_unlike_the_gazetteer_is_still_found(extractor):
    # the gazetteer lists "Kouchtchiovskaïa"; the page writes the name another way
    event, = strikes(extractor, "Des drones ukrainiens ont visé mardi l'aérodrome militaire "
                                "russe de Kouchtchiovski.")
    assert event.location.place == "Kushchyovskaya"


def test_extract_press_more_downed_than_launched_is_another_happening(extractor):
    text = ("Trois drones ont été lancés mardi sur la raffinerie de Syzran, selon le gouverneur. "
            "Au total, 41 drones ont été abattus dans la nuit dans la région de Samara, selon "
            "le ministère russe de la Défense.")
    found = strikes(extractor, text)
    assert len(found) == 2
    assert {(e.launched, e.intercepted) for e in found} == {(3, None), (None, 41)}


def test_extract_press_a_town_in_a_region_is_not_the_whole_region(extractor):
    text = ("Un drone a frappé mardi une sous-station à Armavir, dans la région de Krasnodar, "
            "faisant deux blessés. Selon l'armée ukrainienne, des drones ont aussi visé la base "
            "aérienne de Primorsko-Akhtarsk, également dans la région de Krasnodar.")
    places = {e.location.place for e in strikes(extractor, text) if e.location}
    assert {"Armavir", "Primorsko-Akhtarsk"} <= places


def test_extract_press_a_generic_noun_counts_the_one_kind_the_sentence_names(extractor):
    text = ("Dans la nuit, la Russie a mené une attaque de drones avec 96 engins. Six missiles "
            "Kalibr ont également été tirés, selon l'armée de l'air ukrainienne.")
    event, = strikes(extractor, text)
    kinds = {m.weapon: m.launched for m in event.munitions}
    assert kinds.get("Kalibr") == 6 and kinds.get("missile") is None
    assert 96 in kinds.values() and event.launched == 102


@pytest.mark.parametrize("text, side", [
    # a nationality the knowledge base had no side for
    ("Un drone s'est écrasé mardi près de Galați, a indiqué le ministère roumain de la Défense.",
     "RO"),
    # an official the knowledge base does not know, by the title beside the name
    ("Trois drones ont frappé mardi un entrepôt à Koursk, a écrit sur Telegram Piotr "
     "Semionov, un responsable régional.", "RU"),
    ("Le gouverneur par intérim de la région, Anton Vassiliev, a indiqué que deux personnes "
     "avaient été blessées mardi par un drone à Briansk.", "RU"),
    # a service of no stated country: the one of the country attacked
    ("Deux missiles ont été interceptés mardi au-dessus de Haïfa, selon l'armée.", "IL"),
])
def test_extract_press_the_side_of_a_speaker_the_words_leave_open(extractor, text, side):
    event, = strikes(extractor, text)
    assert event.claimed_by is not None and event.claimed_by.side == side


def test_extract_press_the_same_source_is_the_speaker_before(extractor):
    text = ("Le ministère russe de la Défense a annoncé mardi avoir abattu 20 drones au-dessus de "
            "la région de Koursk. Selon la même source, douze autres drones ont été abattus "
            "au-dessus de la région de Smolensk.")
    found = [e for e in strikes(extractor, text) if e.intercepted == 12]
    assert len(found) == 1 and found[0].claimed_by.side == "RU"


def test_extract_press_an_elliptic_figure_before_a_place_is_that_places_own(extractor):
    text = ("Selon le ministère russe de la Défense, 40 drones ont été abattus mardi. Quinze "
            "drones ont été détruits au-dessus de la région de Tambov et six autres dans celle "
            "de Lipetsk.")
    found = strikes(extractor, text)
    lipetsk = [e for e in found if e.location and e.location.admin1 == "Lipetsk Oblast"]
    assert len(lipetsk) == 1 and lipetsk[0].intercepted == 6
    assert any(e.intercepted == 40 and e.location.admin1 is None for e in found)


def test_extract_press_each_town_of_a_many_town_attack_keeps_its_own_toll(extractor):
    text = ("Mardi, au moins 18 personnes ont été tuées dans une vague de frappes russes contre "
            "Odessa, Zaporijjia, Kharkiv et Soumy. À Zaporijjia, les secours font état de six "
            "morts et de 14 blessés, tandis qu'à Soumy, deux personnes ont été tuées.")
    found = strikes(extractor, text)
    by_place = {e.location.place: e for e in found if e.location and e.location.place}
    assert (by_place["Zaporizhzhia"].killed, by_place["Zaporizhzhia"].injured) == (6, 14)
    assert (by_place["Sumy"].killed, by_place["Sumy"].injured) == (2, None)
    country = [e for e in found if e.killed == 18]
    assert len(country) == 1 and country[0].location.place is None


def test_extract_press_debris_that_fell_are_no_hit(extractor):
    event, = strikes(extractor, "Une attaque de drones a visé Tchernihiv mardi : des débris de deux "
                                "drones sont tombés sur un marché, selon le maire.")
    assert event.hit is None


def test_extract_press_where_weapons_came_from_is_not_the_story_region(extractor):
    # the town's unlisted spelling is looked up in the whole gazetteer, not only in the
    # region the missiles were fired from
    text = ("Des missiles ont été tirés mardi depuis la région russe de Koursk. L'un d'eux a "
            "frappé un dépôt près de Kremenchouk, selon le gouverneur.")
    places = {e.location.place for e in strikes(extractor, text) if e.location}
    assert "Kremenchuk" in places


@pytest.mark.parametrize("text, expected", [
    ("Dans la nuit, la Russie a lancé 70 drones de type Shahed et non identifiés sur l'Ukraine, "
     "selon l'armée de l'air.", {"Shahed", "drone"}),
    ("Dans la nuit, la Russie a lancé 70 drones Shahed sur l'Ukraine, selon l'armée de l'air.",
     {"Shahed"}),
])
def test_extract_press_a_class_beside_a_named_system_when_others_were_too(extractor, text, expected):
    event, = strikes(extractor, text)
    assert set(event.weapons) == expected


def test_extract_press_the_whole_of_n_of_m_downed_is_launched_only(extractor):
    event, = strikes(extractor, "Selon l'armée de l'air, 212 des 240 drones lancés dans la nuit "
                                "avaient été détruits mardi matin.")
    assert (event.launched, event.intercepted) == (240, 212)


def test_extract_press_weapons_involved_in_an_assault_were_launched(extractor):
    event, = strikes(extractor, "L'armée de l'air ukrainienne a fait état mardi de 150 drones et "
                                "neuf missiles impliqués dans l'attaque nocturne.")
    assert event.launched == 159


def test_extract_press_a_towns_own_official_after_the_national_tally(extractor):
    text = ("Dans la nuit, la Russie a lancé 120 drones contre l'Ukraine, dont 98 ont été abattus, "
            "selon l'armée de l'air ukrainienne. À Tchernihiv, des drones ont endommagé une école, "
            "a indiqué le gouverneur Viatcheslav Tchaous.")
    found = strikes(extractor, text)
    national = [e for e in found if e.launched == 120]
    assert len(national) == 1 and national[0].location.place is None
    assert any(e.location and e.location.place == "Chernihiv" and e.launched is None for e in found)


def test_extract_press_a_national_bodys_count_after_anothers_town_is_the_countrys(extractor):
    text = ("Un immeuble a été endommagé mardi à Tchernihiv par un drone, selon des habitants. "
            "La Russie a lancé 48 drones dans la nuit, a indiqué l'armée de l'air ukrainienne.")
    found = strikes(extractor, text)
    tally = [e for e in found if e.launched == 48]
    assert len(tally) == 1 and tally[0].location.place is None
    assert any(e.location and e.location.place == "Chernihiv" for e in found)


def test_extract_press_a_national_bodys_count_after_its_own_town_stays_with_it(extractor):
    text = ("Selon l'armée de l'air ukrainienne, 12 drones ont été abattus mardi au-dessus de "
            "la région d'Odessa. L'armée de l'air a précisé que 15 drones avaient été lancés.")
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (15, 12)


def test_extract_press_one_more_victim_told_by_an_ordinal_is_its_places(extractor):
    text = ("Des missiles russes ont frappé mardi plusieurs villes ukrainiennes. Deux personnes "
            "ont été tuées dans la région de Tchernihiv et une troisième à Soumy, selon les "
            "autorités.")
    found = strikes(extractor, text)
    sumy = [e for e in found if e.location and e.location.place == "Sumy"]
    assert len(sumy) == 1 and sumy[0].killed == 1


def test_extract_press_a_system_outside_the_canonical_names_goes_by_its_class(extractor):
    event, = strikes(extractor, "Dans la nuit, des bombardiers russes ont tiré 12 missiles Kh-101 "
                                "et six missiles Kh-555 sur l'Ukraine, selon l'armée de l'air.")
    assert set(event.weapons) == {"Kh-101", "cruise missile"}
    assert event.systems == ("Kh-555",) and event.to_dict()["systems"] == ["Kh-555"]
    assert {m.weapon for m in event.munitions} == {"Kh-101", "Kh-555"}  # the breakdown keeps names


@pytest.mark.parametrize("text", [
    "Les Houthis ont tiré mardi trois missiles vers Eilat, mais aucun n'a atteint sa cible, selon "
    "l'armée israélienne.",
    "Selon l'armée de l'air, 20 drones ont été lancés mardi contre Kharkiv ; aucun d'entre eux "
    "n'a atteint la ville.",
    # a miss told by what it spared
    "Les Houthis ont tiré mardi un missile antinavire en mer Rouge, sans toucher aucun bâtiment, "
    "selon la marine américaine.",
    "Un missile tiré mardi depuis le Yémen vers un cargo n'a touché aucun navire, selon la "
    "marine américaine.",
])
def test_extract_press_none_reached_a_target_is_no_hit(extractor, text):
    event, = strikes(extractor, text)
    assert event.hit == 0


def test_extract_press_the_one_not_downed_that_missed_is_no_hit(extractor):
    # 12 of 13 downed, the last "n'a pas atteint sa cible": none got through
    text = ("Dans la nuit, la Russie a lancé dix drones et trois missiles contre l'Ukraine, selon "
            "l'armée de l'air. Tous les drones et deux missiles ont été abattus. Le troisième "
            "missile n'a pas atteint sa cible.")
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted, event.hit) == (13, 12, 0)


def test_extract_press_one_missed_beside_an_untold_launch_is_no_zero(extractor):
    # (a guard) how many drones were fired is not told: one missile missing its target says
    # nothing of the rest
    text = ("La défense aérienne a détruit dans la nuit un missile de croisière et 15 drones, "
            "selon l'armée de l'air. Un missile balistique n'a pas atteint sa cible.")
    event, = strikes(extractor, text)
    assert event.hit is None


def test_extract_press_some_reached_their_target_is_no_zero(extractor):
    event, = strikes(extractor, "Selon l'armée de l'air, 20 drones ont été lancés mardi contre "
                                "Kharkiv et certains ont atteint leur cible.")
    assert event.hit is None


def test_extract_press_a_group_backed_by_a_state_is_based_there_not_struck(extractor):
    text = ("Un missile lancé en direction d'Israël par les Houthis soutenus par l'Iran, au Yémen, "
            "a été abattu jeudi, selon l'armée israélienne.")
    event, = strikes(extractor, text)
    assert event.location is not None and event.location.country == "IL"


@pytest.mark.parametrize("text", [
    # a headline naming both places, a lead about both, then each place's own figures
    "Attaques de drones ukrainiens en Crimée et sur Koursk. La Russie a dit avoir déjoué une "
    "attaque ukrainienne en Crimée mardi, alors que des drones ont visé Koursk. Ces derniers "
    "jours, l'Ukraine a multiplié les attaques contre des sites militaires en Crimée. Le "
    "gouverneur de Koursk a indiqué que trois drones avaient été abattus au-dessus de la ville. "
    "Les défenses aériennes russes ont détruit neuf drones visant la Crimée, a annoncé le "
    "ministère russe de la Défense.",
    # one story about two places, the first told without figures, then each with its own
    "Moscou dit avoir repoussé une attaque ukrainienne en Crimée lundi, alors que des drones "
    "visaient aussi Koursk. Le gouverneur de la région de Koursk a indiqué que trois drones "
    "avaient été abattus au-dessus de la ville. Neuf drones ont été détruits au-dessus de la "
    "Crimée, selon le ministère russe de la Défense.",
])
def test_extract_press_two_places_with_their_own_figures_are_two_strikes(extractor, text):
    found = strikes(extractor, text)
    by_count = {e.intercepted: e for e in found}
    assert set(by_count) >= {3, 9}, [(e.location, e.intercepted) for e in found]
    assert by_count[3].location.admin1 == "Kursk Oblast"
    assert by_count[9].location.admin1 == "Crimea"


@pytest.mark.parametrize("text, killed, injured", [
    ("Une frappe de missiles russes a touché Kharkiv mardi. Au moins 21 personnes, dont cinq "
     "enfants, ont été tuées, selon le gouverneur.", 21, None),
    ("Un drone russe a frappé Soumy dans la nuit : 14 personnes, dont deux secouristes, ont été "
     "blessées.", None, 14),
    ("Un missile a frappé Odessa mardi, tuant neuf personnes, dont trois enfants.", 9, None),
])
def test_extract_press_a_toll_with_dont_is_the_whole_not_the_part(extractor, text, killed, injured):
    found, = strikes(extractor, text)
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize("text", [
    "Cette nuit, six avions russes ont tiré 24 missiles de croisière sur l'Ukraine, selon "
    "l'armée de l'air ukrainienne.",
    "Au total, onze avions de combat ont lancé 24 missiles sur les régions du sud, a indiqué "
    "l'armée de l'air ukrainienne.",
])
def test_extract_press_the_aircraft_that_fired_are_not_launched(extractor, text):
    found, = strikes(extractor, text)
    assert found.launched == 24


def test_extract_press_towns_told_after_the_nights_tally_are_their_own(extractor):
    text = ("Dans la nuit, la Russie a tiré 30 missiles de croisière sur l'Ukraine, dont 22 ont "
            "été abattus, selon l'armée de l'air ukrainienne. Dans la région de Kiev, tous les "
            "missiles ont été détruits, a déclaré le chef de l'administration régionale. Un "
            "missile a touché un entrepôt à Pavlohrad. Le gouverneur a fait état de six blessés.")
    found = strikes(extractor, text)
    tally, = [e for e in found if e.launched == 30]
    assert tally.intercepted == 22 and tally.location.place is None and tally.injured is None
    town, = [e for e in found if e.location and e.location.place == "Pavlohrad"]
    assert town.injured == 6 and town.launched is None


def test_extract_press_the_capitals_share_of_a_countrys_toll_is_its_own_record(extractor):
    text = ("Les bombardements russes de lundi ont fait au moins 25 morts en Ukraine. Au moins 17 "
            "personnes ont été tuées dans sa capitale, où des missiles ont frappé une maternité, "
            "selon le maire.")
    found = strikes(extractor, text)
    by_toll = {e.killed: e for e in found}
    assert set(by_toll) == {25, 17}
    assert by_toll[17].location.place == "Kyiv"
    assert by_toll[25].location.place is None and by_toll[25].location.country == "UA"


def test_extract_press_a_higher_toll_for_the_town_is_the_same_attack(extractor):
    # the toll grew: one attack, told twice
    text = ("Une frappe russe sur Kharkiv a fait trois morts mardi, selon un premier bilan. Dans la "
            "soirée, les autorités de Kharkiv ont fait état de cinq morts.")
    found = strikes(extractor, text)
    assert len(found) == 1


def test_extract_press_one_more_weapon_shot_down_is_a_count(extractor):
    found, = strikes(extractor, "La défense aérienne russe a abattu un autre missile jeudi près "
                                "de Djankoï, ont indiqué les autorités installées par Moscou.")
    assert found.intercepted == 1


def test_extract_press_a_weapons_nationality_names_the_side_not_the_weapon(extractor):
    found, = strikes(extractor, "Le dépôt de carburant de Sébastopol frappé par un missile "
                                "ukrainien")
    assert (found.actor.name, found.actor.side) == ("Ukraine", "UA")


@pytest.mark.parametrize("text, place", [
    # a capital's name is also its government's ("Kiev a annoncé"): struck, it is the town
    ("Kiev visée par une attaque de drones", "Kyiv"),
    ("Moscou de nouveau visée par des drones ukrainiens", "Moscow"),
])
def test_extract_press_a_headlines_bare_participle_names_the_town_struck(extractor, text, place):
    found, = strikes(extractor, text)
    assert found.location.place == place


@pytest.mark.parametrize("text, country", [
    ("La Moldavie a dénoncé mardi la violation de son espace aérien par deux drones russes, "
     "lors d'une attaque nocturne contre l'Ukraine.", "MD"),
    ("Après la Lituanie, la Pologne a à son tour signalé l'incursion dans son espace aérien d'un "
     "drone russe visant l'ouest de l'Ukraine.", "PL"),
    ("Un drone russe a pénétré dans l'espace aérien roumain pendant une attaque sur le port "
     "ukrainien d'Izmaïl, selon Bucarest.", "RO"),
])
def test_extract_press_an_airspace_violated_is_a_strike_on_that_country(extractor, text, country):
    # with no publication date either: one incident, not a general statement
    for published in (PUB, None):
        found = strikes(extractor, text, published=published)
        assert [e.location.country for e in found] == [country], found
        assert found[0].actor is None or found[0].actor.side == "RU"


@pytest.mark.parametrize("text, n", [
    ("Le Kremlin a confirmé l'utilisation d'un missile balistique pour frapper Dnipro jeudi.", 1),
    ("L'armée russe a utilisé des bombes planantes pour frapper Zaporijjia dans la nuit.", 1),
    # a use wished or planned is no strike told
    ("Kiev veut utiliser des missiles ATACMS pour frapper des aérodromes en Russie.", 0),
    ("Des missiles sont nécessaires pour frapper les bases russes, a estimé le ministre.", 0),
])
def test_extract_press_a_use_told_as_done_is_the_strike_it_was_for(extractor, text, n):
    assert len(strikes(extractor, text)) == n


def test_extract_press_a_strike_verb_alone_tells_a_strike_in_a_war_story(extractor):
    # the second sentence has no war word of its own: only its verb tells the strike
    text = ("Des drones russes ont attaqué Kiev dans la nuit de lundi à mardi, a indiqué le maire. "
            "Un entrepôt a également été touché à Jytomyr, selon le gouverneur régional.")
    places = {e.location.place for e in strikes(extractor, text) if e.location}
    assert "Zhytomyr" in places and "Kyiv" in places


def test_extract_press_a_strike_verb_alone_is_nothing_outside_a_war_story(extractor):
    text = ("Le secteur du tourisme a été touché par la hausse des prix à Lyon. "
            "Les hôtels ont visé une clientèle plus jeune cet été.")
    assert extractor.extract(Article(id="t", text=text, published=PUB)).events == ()


@pytest.mark.parametrize("regions", [
    "les régions de Kiev (centre) et de Jytomyr (ouest)",
    "les régions de Kiev et Jytomyr",
    "les oblasts de Kiev, de Jytomyr",
])
def test_extract_press_a_plural_regions_list_names_each_region(extractor, regions):
    # each town of the list names its region, Kiev too (not the government, not the city)
    text = (f"Des drones russes ont endommagé des installations électriques dans {regions} "
            "dans la nuit de lundi à mardi, selon les gouverneurs.")
    event, = strikes(extractor, text)
    assert event.location.admin1 == "Kyiv Oblast" and event.location.place is None


BULLETIN = (
    "Bilan de la nuit du 25 au 26 novembre 2024\n\n"
    "L'ennemi a attaqué avec 31 moyens d'attaque aérienne : 3 missiles balistiques Iskander-M "
    "et 28 drones Shahed.\n\n"
    "La direction principale de l'attaque était la ville de Soumy.\n\n"
    "Au total, 22 drones ont été abattus au-dessus des régions de Kiev et de Jytomyr.\n\n"
    "{impact}\n\n"
    "Restez aux abris pendant les alertes !")


@pytest.mark.parametrize("impact, place, admin1", [
    ("Des impacts de missiles ont été enregistrés à Soumy.", "Sumy", "Sumy Oblast"),
    ("Des impacts ont été signalés dans la région de Poltava.", None, "Poltava Oblast"),
])
def test_extract_press_a_bulletins_tally_is_the_countrys_and_the_impacts_their_places(
        extractor, impact, place, admin1):
    found = strikes(extractor, BULLETIN.format(impact=impact))
    tally = [e for e in found if e.launched == 31]
    assert len(tally) == 1
    # the main direction and the regions the drones were shot down over are not its place
    assert tally[0].location.country == "UA" and tally[0].location.admin1 is None
    # the drones shot down over the regions are the tally's (the missiles' fate is untold)
    assert [(m.weapon, m.intercepted) for m in tally[0].munitions if m.intercepted] == [("Shahed", 22)]
    local = [e for e in found if e is not tally[0]]
    assert [(e.location.place, e.location.admin1) for e in local] == [(place, admin1)]
    assert local[0].launched is None and local[0].intercepted is None


def test_extract_press_an_impact_that_is_no_weapons_is_no_strike(extractor):
    text = ("L'armée russe a lancé 30 drones sur Odessa dans la nuit, selon la marine ukrainienne. "
            "L'impact économique de la guerre sur les ports a été signalé par les exportateurs.")
    found = strikes(extractor, text)
    assert len(found) == 1 and found[0].launched == 30


@pytest.mark.parametrize("targets", [
    "visant l'est de l'Ukraine et la région de Kherson",
    "visant le sud du pays, dont la région de Kherson",
])
def test_extract_press_a_tally_over_a_part_of_the_country_is_the_countrys(extractor, targets):
    text = f"L'armée de l'air a indiqué que la Russie avait lancé 90 drones dans la nuit, {targets}."
    event, = strikes(extractor, text)
    assert event.launched == 90
    assert event.location.country == "UA" and event.location.admin1 is None


def test_extract_press_past_nights_recalled_by_calendar_on_an_undated_page(extractor):
    # no publication date: the recalled nights have no year, but they are other nights
    text = ("La ville de Rivne a été visée dans la nuit de lundi à mardi par 120 drones, selon "
            "les autorités ukrainiennes. Le 2 mars, 310 drones avaient déjà été tirés sur le pays. "
            "Le 9 avril, 280 engins avaient ciblé l'ouest de l'Ukraine.")
    found = strikes(extractor, text, published=None)
    assert sorted(e.launched for e in found) == [120, 280, 310]
    rivne, = [e for e in found if e.launched == 120]
    assert rivne.location.place == "Rivne"


@pytest.mark.parametrize("text, place", [
    ("Dans l'ouest du pays, deux drones ont visé Lviv, a indiqué le gouverneur.", "Lviv"),
    ("Dans l'est de l'Ukraine, trois missiles ont frappé Kharkiv mardi soir.", "Kharkiv"),
])
def test_extract_press_a_part_of_the_country_that_only_places_a_town(extractor, text, place):
    event, = strikes(extractor, text)
    assert event.location.place == place


def test_extract_press_a_record_measured_since_the_war_began_is_no_habit(extractor):
    # "depuis le début de la guerre" after a superlative measures this night, it tells no campaign
    text = ("Il s'agit de l'attaque la plus massive depuis le début de la guerre, avec 310 drones "
            "et 7 missiles lancés, selon les autorités ukrainiennes.")
    event, = strikes(extractor, text, published=None)
    assert event.launched == 317


@pytest.mark.parametrize("published, date", [("2025-07-09", "2025-07-09"), (None, None)])
def test_extract_press_a_fronted_earlier_date_is_not_the_nights(extractor, published, date):
    text = ("Déjà visée le 5 juin, la ville de Loutsk l'a été à nouveau dans la nuit de mardi à "
            "mercredi par 60 drones russes, selon le maire. Le 5 juin, 20 drones avaient visé Kiev.")
    found = strikes(extractor, text, published=published)
    lutsk, = [e for e in found if e.location and e.location.place == "Lutsk"]
    assert lutsk.launched == 60 and lutsk.date == date


def test_extract_press_weapons_aimed_at_a_place_then_shot_down_are_shot_down(extractor):
    text = "La défense aérienne russe a détruit six drones ciblant la Crimée dans la nuit."
    event, = strikes(extractor, text)
    assert event.intercepted == 6 and event.launched is None


def test_extract_press_other_victims_in_the_region_around_the_city_are_its_own_record(extractor):
    text = ("Des missiles russes ont frappé Kiev mardi matin : trois personnes ont été tuées, a "
            "indiqué le maire. Deux autres personnes ont été tuées dans la région de Kiev, selon "
            "les autorités régionales.")
    found = {(e.location.place, e.location.admin1): e.killed for e in strikes(extractor, text)}
    assert found == {("Kyiv", "Kyiv City"): 3, (None, "Kyiv Oblast"): 2}


@pytest.mark.parametrize("text, side, country", [
    ("L'armée de l'air a intercepté neuf drones russes dans la nuit.", "RU", "UA"),
    ("Six missiles ukrainiens ont été abattus au-dessus de la région de Belgorod.", "UA", "RU"),
])
def test_extract_press_the_shot_down_weapons_nationality_is_the_attackers(extractor, text, side, country):
    event, = strikes(extractor, text)
    assert event.actor is not None and event.actor.side == side
    assert event.location.country == country


def test_extract_press_the_countrys_airspace_is_the_speakers_country(extractor):
    text = ("Les autorités lituaniennes ont déclaré avoir abattu dans la nuit deux drones étrangers "
            "qui avaient pénétré dans l'espace aérien du pays.")
    event, = strikes(extractor, text)
    assert event.location.country == "LT"


@pytest.mark.parametrize("tally", [
    "L'armée de l'air a abattu 34 drones dans la nuit, tandis que 12 autres ont été perdus "
    "localement.",
    "Au total, 38 cibles aériennes ont été abattues, a indiqué l'armée de l'air.",
])
def test_extract_press_an_air_forces_tally_of_no_side_is_the_storys_country(extractor, tally):
    # no nationality, no place, no attacker: the country the story's places lie in
    text = ("Nouvelle nuit d'attaques\n" + tally + " À Kharkiv, deux personnes ont été blessées "
            "par des débris, selon le maire Igor Terekhov.")
    found = strikes(extractor, text)
    count, = [e for e in found if e.intercepted in (34, 38)]
    assert count.location is not None and count.location.country == "UA"
    assert count.location.place is None and count.location.admin1 is None


def test_extract_press_a_part_larger_than_the_count_before_dont_is_not_its_part(extractor):
    text = ("La Russie a attaqué l'Ukraine avec 45 drones et trois missiles, dont 38 drones ont "
            "été abattus, selon l'armée de l'air ukrainienne.")
    event, = strikes(extractor, text)
    assert event.launched == 48
    assert {(m.weapon, m.launched, m.intercepted) for m in event.munitions} >= {("drone", 45, 38)}


@pytest.mark.parametrize("text", [
    "Selon l'armée de l'air ukrainienne, la Russie a lancé 610 drones et 11 missiles pendant la "
    "nuit : 587 drones et 9 missiles ont été abattus.",
    "Selon l'armée de l'air ukrainienne, sur les 610 drones et 11 missiles lancés, 587 drones et "
    "neuf missiles ont été abattus ou neutralisés.",
])
def test_extract_press_a_pair_shot_down_after_the_launch_shares_its_verb(extractor, text):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (621, 596)


@pytest.mark.parametrize("text, killed", [
    ("Une frappe russe sur Kharkiv a coûté la vie à quatre personnes, selon le maire.", 4),
    ("Deux personnes ont trouvé la mort lors d'une attaque de drones sur Soumy.", 2),
])
def test_extract_press_deaths_told_by_an_idiom(extractor, text, killed):
    event, = strikes(extractor, text)
    assert event.killed == killed


@pytest.mark.parametrize("verb", ["a visé", "a ciblé", "a touché", "a pilonné"])
def test_extract_press_a_capital_aimed_at_is_the_city(extractor, verb):
    # "Kiev" after a strike verb is the city struck, not the government
    text = f"La Russie {verb} Kiev avec une salve de 12 missiles dans la nuit, selon l'armée de l'air."
    event, = strikes(extractor, text)
    assert event.location.place == "Kyiv" and event.launched == 12


def test_extract_press_an_official_who_made_it_known_is_the_claimant(extractor):
    text = "Le maire de Kharkiv a fait savoir que deux personnes avaient été tuées dans la frappe."
    event, = strikes(extractor, text)
    assert event.claimed_by is not None and event.claimed_by.side == "UA"
    assert "Kharkiv" in (event.claimed_by.name or "")


def test_extract_press_a_landmark_after_a_place_is_not_a_second_target(extractor):
    text = ("Cinq drones ont été abattus au-dessus de Kharkiv dans la nuit, selon le maire. "
            "Deux autres drones ont été abattus près de Poltava, à 140 km de Kharkiv, selon le "
            "gouverneur régional.")
    found = {e.location.place: e.intercepted for e in strikes(extractor, text)}
    assert found == {"Kharkiv": 5, "Poltava": 2}


@pytest.mark.parametrize("total", [
    "précisant que 45 projectiles au total avaient été lancés",
    "sur un total de 45 engins lancés",
])
def test_extract_press_a_generic_noun_summed_is_the_nights_total(extractor, total):
    text = ("L'Ukraine a de nouveau été attaquée cette nuit par les forces russes. "
            f"« Douze missiles et 30 drones ont été détruits », a indiqué l'armée de l'air, {total}.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    assert (event.launched, event.intercepted) == (45, 42)


@pytest.mark.parametrize("text, place", [
    ("Des drones ukrainiens ont attaqué cette nuit la base aérienne de Morosowsk.", "Morozovsk"),
    ("Un drone a frappé un dépôt près de Tschuhujiw, a indiqué le gouverneur.", "Chuhuiv"),
])
def test_extract_press_a_town_spelled_the_german_way(extractor, text, place):
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    assert event.location.place == place


def test_extract_press_a_quote_of_several_sentences_is_said_by_the_one_named_after_it(extractor):
    text = ("Le général Petrenko a affirmé que 20 drones avaient été abattus dans le pays. "
            "« Plus de 15 cibles aériennes ont été détruites au-dessus de la ville. Les attaques "
            "contre Kharkiv ont été repoussées », a déclaré Petro Sydorenko, le maire de la ville.")
    events = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    city = next(e for e in events if e.intercepted == 15)
    assert city.claimed_by.name == "Petro Sydorenko"


def test_extract_press_a_recalled_tally_with_no_place_is_in_the_storys_country(extractor):
    text = ("La ville de Rivne, dans le nord-ouest de l'Ukraine, est loin du front. "
            "Elle a pourtant été visée cette nuit. "
            "Les attaques se multiplient depuis des semaines. Le 9 mai, 310 drones avaient été "
            "tirés.")
    events = extractor.extract(Article(id="t", text=text, published=None)).events
    recalled = next(e for e in events if e.launched == 310)
    assert recalled.location is not None and recalled.location.country == "UA"


@pytest.mark.parametrize("second", [
    "Déjà visée en mai, elle l'a été à nouveau dans la nuit de lundi à mardi par des drones.",
    "Dans la nuit de lundi à mardi, elle a de nouveau été frappée par des drones russes.",
])
def test_extract_press_a_town_told_as_elle_is_the_town_named_before(extractor, second):
    text = f"La ville de Rivne, dans le nord-ouest de l'Ukraine, est loin du front. {second}"
    events = extractor.extract(Article(id="t", text=text, published="2025-06-10")).events
    assert [e.location.place for e in events] == ["Rivne"]


def test_extract_press_elle_after_no_town_is_no_place(extractor):
    text = ("L'Ukraine a subi une nouvelle attaque. Dans la nuit de lundi à mardi, elle a de "
            "nouveau été frappée par 40 drones russes.")
    events = extractor.extract(Article(id="t", text=text, published="2025-06-10")).events
    assert all(e.location is None or e.location.place is None for e in events)


def test_extract_press_was_the_capital_is_no_recalled_past(extractor):
    text = ("La Russie a lancé 90 missiles contre l'Ukraine dans la nuit de lundi à mardi, selon "
            "l'armée. Les sites industriels ont été attaqués dans plusieurs régions. Les frappes "
            "ont visé des quartiers résidentiels. Les secours sont à pied d'oeuvre. À Kiev, qui "
            "était la cible principale, deux personnes ont été tuées, a précisé le maire.")
    events = extractor.extract(Article(id="t", text=text, published="2025-01-14")).events
    city = next(e for e in events if e.location and e.location.place == "Kyiv")
    assert city.date == "2025-01-14"


def test_extract_press_places_split_in_one_sentence_share_the_nights_date(extractor):
    text = ("La Russie a lancé 90 missiles contre l'Ukraine dans la nuit de lundi à mardi, selon "
            "l'armée. Les sites industriels ont été attaqués dans plusieurs régions. Les frappes "
            "ont visé des quartiers résidentiels. Les secours ont dégagé les décombres toute la "
            "matinée. Les autorités ont fait état de deux morts dans la région de Kiev et "
            "d'un mort à Kharkiv.")
    events = extractor.extract(Article(id="t", text=text, published="2025-01-14")).events
    placed = {e.location.place or e.location.admin1: e.date for e in events
              if e.location and (e.location.place or e.location.admin1)}
    assert placed == {"Kyiv Oblast": "2025-01-14", "Kharkiv": "2025-01-14"}


def test_extract_press_a_town_struck_again_is_no_attacker(extractor):
    # "Kiev" is also the government's name: here it is the town struck, not who struck
    text = ("Kiev a de nouveau été frappée cette nuit par des drones kamikazes, d'après "
            "l'administration militaire.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-05-12")).events
    assert event.actor is not None and event.actor.side == "RU"


def test_extract_press_a_commander_in_chiefs_tally_is_the_countrys(extractor):
    text = ("Kiev a été à nouveau frappée dans la nuit par des drones et des missiles, selon "
            "les autorités militaires. Les occupants ont lancé 30 missiles de croisière et 20 "
            "drones dans la nuit, a indiqué le commandant en chef de l'armée ukrainienne "
            "Valery Zaloujny.")
    events = extractor.extract(Article(id="t", text=text, published="2023-05-29")).events
    tally = next(e for e in events if e.launched == 50)
    assert tally.location.place is None and tally.location.country == "UA"
    assert any(e.location.place == "Kyiv" for e in events if e is not tally)


def test_extract_press_a_past_attack_recalled_with_its_date_and_figures_is_its_own(extractor):
    text = ("Kiev a subi une nouvelle attaque de drones et de missiles russes. Plus de 25 "
            "cibles ennemies ont été détruites par la défense aérienne, selon l'administration "
            "militaire. En mars, l'Ukraine avait dit avoir abattu 70 drones lancés sur la "
            "capitale.")
    events = extractor.extract(Article(id="t", text=text, published="2024-06-12")).events
    tonight = next(e for e in events if e.intercepted == 25)
    recalled = next(e for e in events if e.intercepted == 70)
    assert tonight is not recalled and recalled.date == "2024-03" and tonight.date != "2024-03"


def test_extract_press_a_region_not_spared_either_was_struck(extractor):
    text = ("Dans la région de Rostov, un drone ukrainien s'est écrasé sur un entrepôt, selon le "
            "gouverneur. La région de Moscou, elle non plus, n'a pas été épargnée. Un drone y a "
            "blessé une personne, selon les autorités locales.")
    events = extractor.extract(Article(id="t", text=text, published="2025-07-05")).events
    moscow = next(e for e in events if e.location and e.location.admin1 == "Moscow Oblast")
    assert moscow.injured == 1


def test_extract_press_a_part_of_a_list_of_kinds_is_a_part_of_the_whole_list(extractor):
    text = ("Les Russes ont lancé 60 drones et trois missiles dans la nuit, parmi lesquels 50 "
            "ont été neutralisés, a indiqué l'armée de l'air ukrainienne.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    assert (event.launched, event.intercepted) == (63, 50)


def test_extract_press_a_capital_named_as_the_sender_is_not_the_storys_country(extractor):
    text = ("Sur les 90 drones envoyés par Moscou dans la nuit, 70 ont été interceptés, d'après "
            "l'armée de l'air.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    assert event.location is None or event.location.country != "RU"


def test_extract_press_the_other_attack_is_another_record(extractor):
    text = ("Des drones ont attaqué mercredi deux raffineries de la région de Krasnodar, selon les "
            "autorités. L'une a pris feu près de Krasnodar. L'autre attaque a visé la raffinerie "
            "d'Afipsky, selon l'agence Ria.")
    events = extractor.extract(Article(id="t", text=text, published="2023-05-31")).events
    assert len([e for e in events if e.type == "strike"]) >= 2


def test_extract_press_a_toll_told_before_its_strike_is_the_strikes(extractor):
    text = ("« Deux hommes ont été tués dans un immeuble », a indiqué le maire. "
            "La Russie a frappé Zaporijjia dans la nuit avec des missiles balistiques.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2024-05-02")).events
    assert (event.location.place, event.killed) == ("Zaporizhzhia", 2)


def test_extract_press_a_generic_count_before_its_list_of_kinds_is_their_total(extractor):
    text = ("La Russie a frappé l'Ukraine avec 64 engins dans la nuit, selon l'armée de l'air "
            "ukrainienne : 60 drones et quatre missiles balistiques.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    assert event.launched == 64


@pytest.mark.parametrize("text, launched, intercepted", [
    # the passive of firing predicated of "un missile": one was fired
    ("Un missile balistique a été tiré samedi vers Eilat depuis le Yémen, a indiqué l'armée "
     "israélienne.", 1, None),
    # fired, then shot down: one fired, and that one intercepted (the field set's gold reads
    # it so)
    ("Un missile balistique lancé depuis le Yémen a été intercepté samedi au-dessus d'Eilat, "
     "a indiqué l'armée israélienne.", 1, 1),
    ("Un missile qui a été tiré depuis le Yémen a été abattu samedi au-dessus d'Eilat, a "
     "indiqué l'armée israélienne.", 1, 1),
])
def test_extract_press_one_munition_fired_is_a_count(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_an_article_of_the_weapon_alone_is_no_launch(extractor):
    text = "Un drone lancé par la Russie a frappé samedi un immeuble de Soumy, selon le maire."
    (event,) = strikes(extractor, text)
    assert event.launched is None


def test_extract_press_the_targets_adjective_is_not_the_attacker(extractor):
    text = ("Les Houthis affirment avoir visé une « cible militaire israélienne » dans la ville "
            "d'Ashdod ; des sirènes ont aussi retenti à Ashkelon. Un missile tiré depuis le "
            "Yémen a été intercepté samedi matin, selon l'armée israélienne.")
    events = strikes(extractor, text)
    assert events and all(e.actor is None or e.actor.side == "YE" for e in events)


@pytest.mark.parametrize("text, intercepted", [
    # the participle after the figure describes the ones the verb before downed
    ("Kiev a affirmé mercredi avoir neutralisé 36 drones de conception iranienne envoyés par "
     "Moscou pendant la nuit.", 36),
    ("La défense aérienne a détruit 20 drones et trois missiles lancés par la Russie dans la "
     "nuit, selon l'armée de l'air.", 23),
])
def test_extract_press_downed_figures_described_as_launched(extractor, text, intercepted):
    (event,) = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (None, intercepted)


@pytest.mark.parametrize("text, intercepted", [
    # "et N autres" adds to the figure just before it, in one place's account
    ("La défense aérienne a abattu cinq drones au-dessus de Kyiv et deux autres dans la région, "
     "a indiqué l'armée.", 7),
    # parts of a whole told first add nothing to it
    ("Vingt drones ont été abattus, dont 12 au-dessus de Kyiv et huit autres dans sa région, a "
     "indiqué l'armée.", 20),
])
def test_extract_press_shares_of_one_count_add_up(extractor, text, intercepted):
    (event,) = strikes(extractor, text)
    assert event.intercepted == intercepted


@pytest.mark.parametrize("text, killed", [
    # the source revised its toll: the death first announced is no death
    ("L'état-major, qui avait d'abord annoncé qu'un soldat avait été tué, a plus tard indiqué "
     "que ce dernier était seulement porté disparu après la frappe sur Sébastopol.", None),
    ("Le gouverneur avait d'abord fait état de trois morts, avant de corriger son bilan : deux "
     "personnes ont été tuées dans la frappe sur Kherson.", 2),
    # a past tense alone revises nothing
    ("Le gouverneur avait annoncé mardi que la frappe russe sur Kherson avait fait trois morts.", 3),
])
def test_extract_press_a_revised_toll_gives_way(extractor, text, killed):
    (event,) = strikes(extractor, text)
    assert event.killed == killed


def test_extract_press_a_toll_over_two_towns_gives_way_to_each_towns_own(extractor):
    text = ("Lundi, la Russie a frappé Kherson et Kryvyï Rih, tuant neuf personnes. À Kryvyï Rih, "
            "six personnes ont été tuées par deux missiles balistiques, selon le gouverneur. À "
            "Kherson, des bombardements ont tué trois personnes, a rapporté le centre régional.")
    tolls = {e.location.place: e.killed for e in strikes(extractor, text, "2024-05-06")
             if e.location is not None and e.location.place}
    assert tolls == {"Kherson": 3, "Kryvyi Rih": 6}


@pytest.mark.parametrize("text, town, launched, intercepted", [
    ("Kharkiv a de nouveau été frappée dans la nuit de samedi à dimanche. Selon l'armée de "
     "l'air ukrainienne, la Russie a lancé 120 drones et cinq missiles.", "Kharkiv", 125, None),
    ("À Lviv, un entrepôt a pris feu après une attaque de drones, a indiqué le maire. L'armée "
     "de l'air ukrainienne a fait état de 90 drones lancés, dont 72 ont été neutralisés.",
     "Lviv", 90, 72),
])
def test_extract_press_a_town_struck_then_the_air_forces_count_is_two_records(
        extractor, text, town, launched, intercepted):
    events = strikes(extractor, text, "2025-06-10")
    national = [e for e in events if e.launched is not None]
    assert [(e.location.place, e.location.admin1, e.location.country, e.launched, e.intercepted)
            for e in national] == [(None, None, "UA", launched, intercepted)]
    assert any(e.location.place == town for e in events)


def test_extract_press_en_avoir_abattu_after_several_kinds_is_their_total(extractor):
    text = ("Au cours de la nuit, la Russie a lancé au total 150 drones et sept missiles contre "
            "l'Ukraine, selon l'armée de l'air, qui affirme en avoir abattu 130.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (157, 130)


@pytest.mark.parametrize("text, launched, intercepted", [
    # decoys counted with the drones they fly with
    ("Au total, 477 drones et leurres ainsi que 60 missiles ont été lancés contre l'Ukraine, a "
     "indiqué l'armée de l'air, qui dit en avoir intercepté 475.", 537, 475),
    # a kind counted among its own ("dont 14 missiles balistiques") is no total of every kind
    ("La Russie a lancé cette nuit une attaque d'envergure avec 405 drones et 70 missiles, dont "
     "14 missiles balistiques, selon l'armée de l'air ukrainienne.", 475, None),
    # "30 autres ont été perdus": a verb of their own, not more of the downed
    ("Selon l'armée de l'air ukrainienne, 60 drones ont été abattus et 30 autres ont été "
     "« perdus » en raison de la guerre électronique.", None, 60),
])
def test_extract_press_air_force_tallies_of_several_parts(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_a_list_after_a_verb_of_downing_is_all_downed(extractor):
    text = ("D'après l'armée de l'air, les défenses antiaériennes ont détruit 40 des 48 drones "
            "Shahed et les deux missiles Kh-59 tirés par la Russie.")
    (event,) = strikes(extractor, text, "2025-06-10")
    downed = {m.weapon: m.intercepted for m in event.munitions}
    assert downed == {"Shahed": 40, "Kh-59": 2}


@pytest.mark.parametrize("text, launched, intercepted", [
    # a feminine participle after an elliptic part
    ("La Russie a tiré des missiles de croisière et des drones : au total, 54 cibles aériennes "
     "ont été enregistrées, dont 49 détruites, selon l'armée de l'air ukrainienne.", 54, 49),
    # every item of a list after "sur un total de" was launched
    ("L'armée de l'air ukrainienne a signalé avoir détruit 20 drones et un missile de croisière "
     "lors de l'attaque nocturne, sur un total de 30 drones et deux missiles.", 32, 21),
])
def test_extract_press_tallies_with_parts_and_totals(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_where_the_drones_came_from_is_not_the_storys_country(extractor):
    text = ("« Au total, 22 drones ont été abattus », a écrit l'armée de l'air sur Telegram, qui "
            "avait recensé 26 drones lancés depuis la Russie.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.location is None or event.location.country != "RU"


@pytest.mark.parametrize("text, launched, intercepted", [
    # every kind has its downed count; "les deux missiles ... lancés": both fired were
    # downed, so the launched of each kind is known too
    ("Les défenses aériennes ukrainiennes ont abattu 18 des 23 drones et les deux missiles de "
     "croisière Kh-101 lancés par la Russie cette nuit, selon l'armée de l'air.", 25, 20),
    ("Les défenses aériennes ukrainiennes ont abattu 18 des 23 drones et deux missiles de "
     "croisière Kh-101 cette nuit, selon l'armée de l'air.", None, 20),
    # "en a abattu N" in the next sentence, after several kinds: of them all
    ("Dans la nuit, la Russie a lancé 1 200 drones et 40 missiles, selon l'armée de l'air "
     "ukrainienne. La défense antiaérienne en a abattu 1 150.", 1240, 1150),
    # a place between the verb of downing and the list it downed
    ("La défense antiaérienne a intercepté au-dessus de la région deux missiles Tochka-U et "
     "neuf drones tirés par les forces ukrainiennes, a indiqué le ministère russe de la Défense.",
     None, 11),
])
def test_extract_press_downed_totals_of_several_kinds(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text", [
    "Le système Patriot a évolué afin de pouvoir intercepter des missiles balistiques au-dessus "
    "de Kiev, selon son fabricant.",
    "Ces batteries sont destinées à abattre des missiles de croisière au-dessus de Kharkiv.",
])
def test_extract_press_what_a_system_can_do_is_no_strike(extractor, text):
    assert strikes(extractor, text, "2024-03-28") == []


def test_extract_press_a_sentence_going_on_with_the_list_before_takes_its_verb(extractor):
    text = ("Selon l'armée de l'air ukrainienne, la Russie a lancé 593 drones dans la nuit. Ainsi "
            "que deux missiles Kinjal, 38 missiles de croisière Kh-101 et huit missiles Kalibr.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.launched == 641 and {"Kinzhal", "Kh-101", "Kalibr"} <= set(event.weapons)


def test_extract_press_what_the_strikes_were_carried_out_with_are_their_weapons(extractor):
    text = ("La Russie a lancé dans la nuit une vaste attaque contre l'Ukraine, tuant trois "
            "personnes, selon les autorités. L'armée russe a mené ces frappes à l'aide de "
            "drones, de missiles de croisière et de missiles hypersoniques Kinjal.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert {"Kinzhal", "cruise missile", "drone"} <= set(event.weapons)


@pytest.mark.parametrize("text, name, side", [
    # the air force that downed them tells its own tally, its side the country attacked
    ("L'armée de l'air a neutralisé sept missiles de croisière et douze drones russes pendant "
     "les frappes de la nuit.", "armée de l'air", "UA"),
    # a headline's source after a dash
    ("Plus de 80 drones ukrainiens abattus cette nuit au-dessus de plusieurs régions — "
     "Ministère de la Défense russe", "ministère russe de la Défense", "RU"),
])
def test_extract_press_who_tells_a_tally_with_no_verb_of_saying(extractor, text, name, side):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.claimed_by.name, event.claimed_by.side) == (name, side)


def test_extract_press_a_nationality_parsed_as_the_conjunct_names_the_attacker(extractor):
    text = ("L'armée de l'air a neutralisé sept missiles de croisière et douze drones russes "
            "pendant les frappes de la nuit.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.actor is not None and event.actor.side == "RU"


def test_extract_press_a_dash_before_a_phrase_is_no_source(extractor):
    (event,) = strikes(extractor, "La Russie a tiré 40 missiles sur Kiev - une attaque massive",
                       "2025-06-10")
    assert event.claimed_by is None


def test_extract_press_a_towns_strike_then_the_tally_fired_at_the_whole_country(extractor):
    text = ("Des drones russes ont frappé Kharkiv dans la nuit, blessant cinq personnes, a annoncé "
            "le maire Igor Terekhov. L'armée de l'air ukrainienne a précisé avoir abattu 45 des 58 "
            "drones lancés par la Russie sur le pays.")
    events = strikes(extractor, text, "2025-06-10")
    town = next(e for e in events if e.location.place == "Kharkiv")
    country = next(e for e in events if e.location.place is None and e.location.admin1 is None)
    assert (town.injured, town.launched) == (5, None)
    assert (country.launched, country.intercepted) == (58, 45)


def test_extract_press_parts_of_a_whole_list_keep_their_kinds(extractor):
    text = ("Selon l'armée de l'air ukrainienne, la Russie a tiré cette nuit sept missiles et 90 "
            "drones, dont six missiles et 70 drones ont été abattus.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (97, 76)


def test_extract_press_all_downed_is_said_of_its_own_kind(extractor):
    text = ("La Russie a tiré mardi matin 99 missiles sur l'Ukraine, dont 72 ont été abattus par la "
            "défense aérienne, a indiqué le commandant en chef Valery Zaloujny. D'après lui, "
            "l'offensive avait débuté dans la nuit par 35 drones Shahed, qui ont été tous "
            "abattus.")
    (event,) = strikes(extractor, text, "2024-01-02")
    assert (event.launched, event.intercepted, event.hit) == (134, 107, None)


def test_extract_press_some_that_missed_their_target_say_nothing_of_the_rest(extractor):
    text = ("La Russie a lancé 19 drones dans la nuit, selon l'armée de l'air, qui en a détruit "
            "13. Quelques-uns des drones restants se sont perdus sans atteindre de cible, a "
            "ajouté l'armée de l'air.")
    (event,) = strikes(extractor, text, "2024-02-21")
    assert event.hit is None


def test_extract_press_a_source_inserted_between_avec_and_the_figures(extractor):
    text = ("Quinze régions ont été visées lundi par cette campagne de bombardements russes, la plus "
            "lourde depuis un mois avec, d'après Volodymyr Zelensky, « plus de 100 missiles de "
            "plusieurs sortes et une centaine de drones Shahed ».")
    (event,) = strikes(extractor, text, "2024-08-26")
    assert event.launched == 200


def test_extract_press_a_days_toll_over_several_attacks_is_not_one_towns(extractor):
    text = ("Une femme a été blessée dans la ville de Stary Oskol, où l'un des drones a été abattu, "
            "a rapporté le gouverneur Viatcheslav Gladkov. En tout, quatre civils sont morts et "
            "24 ont été blessés par les attaques ukrainiennes de la journée écoulée dans la région "
            "de Belgorod, d'après lui.")
    events = strikes(extractor, text, "2024-05-10")
    town = next(e for e in events if e.location.place == "Stary Oskol")
    assert (town.killed, town.injured) == (None, 1)


def test_extract_press_the_third_attack_of_the_day_is_still_that_attack(extractor):
    text = ("Une frappe de drones a blessé deux personnes à Kiev dans la nuit, selon le maire. Au "
            "moins 20 drones ont été détruits au-dessus de Kiev lors de cette troisième attaque "
            "russe en une journée contre la capitale, a précisé l'administration militaire.")
    events = strikes(extractor, text, "2024-05-10")
    assert len(events) == 1 and (events[0].injured, events[0].intercepted) == (2, 20)


@pytest.mark.parametrize("text, side", [
    # equipment destroyed on the ground: its nationality is the target's
    ("Les forces ukrainiennes ont affirmé avoir détruit lundi sept hélicoptères russes lors de "
     "frappes sur deux aérodromes près de Berdiansk.", "UA"),
    # the same told in the passive: "détruits au sol" says they stood where they were hit
    ("Douze bombardiers russes ont été détruits au sol par des drones sur la base d'Olenia, "
     "selon les services ukrainiens.", "UA"),
    # munitions shot down: theirs is the attacker's
    ("Les forces ukrainiennes disent avoir détruit lundi sept drones russes au-dessus de "
     "Kharkiv.", "RU"),
])
def test_extract_press_what_was_destroyed_tells_the_attacker_or_the_target(extractor, text, side):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.actor.side == side


def test_extract_press_a_reaction_after_the_threat_is_not_its_author(extractor):
    text = ("Vladimir Poutine a agité mercredi la menace de l'arme nucléaire, une menace que "
            "Washington a dit prendre très au sérieux.")
    events = extractor.extract(Article(id="t", text=text, published="2022-09-21")).events
    threats = [e for e in events if e.type == "threat"]
    assert threats and all(e.actor.name == "Vladimir Poutine" for e in threats)


@pytest.mark.parametrize("text, place, killed", [
    # "victimes" are the dead and the injured: the dead are the part
    ("Un missile russe a frappé un hôpital de Kiev, faisant au moins cinq victimes, dont deux "
     "morts, a annoncé le maire.", "Kyiv", 2),
    # bodies recovered are the dead
    ("Les corps de sept personnes ont été retirés des décombres d'un immeuble touché par un "
     "missile russe à Kryvyï Rih, selon les secouristes.", "Kryvyi Rih", 7),
])
def test_extract_press_tolls_told_by_victims_and_bodies(extractor, text, place, killed):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.location.place, event.killed) == (place, killed)


@pytest.mark.parametrize("text", [
    "Moscou a prévenu lundi qu'elle tiendrait toute frappe menée sur son sol avec des missiles "
    "Taurus pour une entrée de Berlin dans le conflit.",
    "Les alliés se sont engagés à fournir à Kiev des missiles de défense aérienne en soutien à la "
    "contre-offensive lancée contre les forces russes.",
])
def test_extract_press_any_strike_and_a_ground_offensive_are_no_strike_told(extractor, text):
    assert strikes(extractor, text, "2024-06-10") == []


def test_extract_press_attacked_by_n_drones_were_launched(extractor):
    text = "La ville de Kharkiv a été attaquée par 15 drones Shahed dans la nuit, selon le maire."
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.launched == 15


def test_extract_press_systems_placed_in_history_are_no_deployment(extractor):
    text = ("Après la dislocation de l'URSS en 1991, la Biélorussie avait renoncé aux armes "
            "nucléaires déployées sur son territoire.")
    events = extractor.extract(Article(id="t", text=text, published="2023-06-10")).events
    assert [e for e in events if e.type == "deployment"] == []


def test_extract_press_a_deployment_beside_a_background_year_of_another_clause_stays(extractor):
    text = ("La Russie, qui a annexé la Crimée en 2014, a déployé mardi des systèmes S-400 près "
            "de Minsk, a annoncé le ministère biélorusse de la Défense.")
    events = extractor.extract(Article(id="t", text=text, published="2023-06-13")).events
    assert [e.type for e in events] == ["deployment"]


def test_extract_press_a_towns_toll_then_the_air_forces_count_is_read_whole(extractor):
    # (a toll with no strike word before the air force's tally once made a record of no type)
    text = ("Dans la région de Kharkiv, trois personnes ont été blessées, selon le gouverneur. Au "
            "total, 48 drones ont été lancés contre le pays, dont 40 ont été abattus, a précisé "
            "l'armée de l'air ukrainienne.")
    events = strikes(extractor, text, "2025-06-10")
    assert {(e.launched, e.injured) for e in events} == {(None, 3), (48, None)}


@pytest.mark.parametrize("text, launched, intercepted", [
    ("L'armée de l'air ukrainienne a abattu 40 des 50 drones lancés par la Russie, "
     "principalement sur la région de Kiev.", 50, 40),
    ("La Russie a lancé 60 drones et trois missiles dans la nuit, visant surtout la région "
     "d'Odessa, selon l'armée de l'air ukrainienne, qui affirme en avoir neutralisé 50.", 63, 50),
])
def test_extract_press_where_most_went_leaves_the_tally_the_countrys(extractor, text, launched,
                                                                     intercepted):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.location.place, event.location.admin1, event.location.country) == \
        (None, None, "UA")
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text", [
    "L'armée de l'air ukrainienne a indiqué avoir abattu 35 drones sur les 40 lancés par la "
    "Russie, dont 15 au-dessus de Kiev.",
    "Une frappe russe a fait deux morts à Kiev. Selon l'armée de l'air ukrainienne, la Russie a "
    "lancé 45 drones et six missiles, dont 40 drones et quatre missiles ont été abattus, la "
    "plupart au-dessus de la capitale.",
])
def test_extract_press_a_share_over_one_town_leaves_the_tally_the_countrys(extractor, text):
    events = strikes(extractor, text, "2025-06-10")
    tally = next(e for e in events if e.launched is not None)
    assert (tally.location.place, tally.location.admin1, tally.location.country) == \
        (None, None, "UA")


@pytest.mark.parametrize("share", [
    "dont la moitié au-dessus de la région de Rostov",
    "dont 30 au-dessus de cette région",
    "dont la plupart au-dessus de celle-ci",
    "dont les deux tiers dans la région de Rostov",
])
def test_extract_press_a_national_count_with_a_share_over_the_region_told_is_the_countrys(
        extractor, share):
    # a governor's strike, then the ministry's count of the night of which a share went over
    # that region: the count is wider than the region, a record of the country with its own
    # claimant, and the governor's toll stays with the region
    text = ("Dans la région de Rostov, le gouverneur Vassili Golubev a indiqué qu'un drone "
            "ukrainien avait touché un entrepôt, tuant une personne. Le ministère russe de la "
            f"Défense a déclaré avoir abattu 60 drones ukrainiens pendant la nuit, {share}.")
    events = strikes(extractor, text, "2025-07-10")
    assert {(e.location.admin1, e.location.country, e.intercepted, e.killed) for e in events} == \
        {("Rostov Oblast", "RU", None, 1), (None, "RU", 60, None)}
    tally = next(e for e in events if e.intercepted == 60)
    assert tally.claimed_by.name == "ministère russe de la Défense"


def test_extract_press_a_regions_own_count_after_its_strike_stays_one_record(extractor):
    # (guard) the governor's own count of the drones over his region, with no share: the
    # region's strike, one record
    text = ("Dans la région de Rostov, un drone ukrainien a touché un entrepôt, tuant une "
            "personne. Le gouverneur Vassili Golubev a ajouté que douze drones avaient été abattus "
            "au-dessus de cette région.")
    events = strikes(extractor, text, "2025-07-10")
    assert [(e.location.admin1, e.intercepted, e.killed) for e in events] == \
        [("Rostov Oblast", 12, 1)]


def test_extract_press_the_air_forces_launch_count_alone_is_its_countrys(extractor):
    text = ("La capitale a été la principale cible de l'attaque nocturne : la Russie a lancé 60 "
            "drones et 8 missiles, selon l'armée de l'air ukrainienne.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.location is not None and event.location.country == "UA"


@pytest.mark.parametrize("text, launched, intercepted", [
    # "en a abattu 30 sur 35": the drones told before, downed out of those launched
    ("Les drones ont été tirés depuis Koursk, Orel et Primorsko-Akhtarsk, en Russie, a précisé "
     "l'armée de l'air ukrainienne, qui en a abattu 30 sur 35.", 35, 30),
    # "qui en a abattu 40" has its own figure: the 50 launched are not all downed
    ("La Russie a lancé 50 drones Shahed depuis le territoire russe et la Crimée occupée contre "
     "l'Ukraine, selon l'armée de l'air, qui en a abattu 40.", 50, 40),
])
def test_extract_press_en_a_abattu_with_its_own_figure(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text, launched, intercepted, hit", [
    # the rest of those fired, said to have struck
    ("La Russie a tiré sept missiles sur Dnipro ; deux ont été interceptés, les autres ont "
     "frappé des immeubles, selon le gouverneur.", 7, 2, 5),
    # direct hits counted by their noun
    ("Des frappes directes de quatre missiles ont été enregistrées à Kiev dans la nuit, selon "
     "l'armée de l'air ukrainienne.", None, None, 4),
])
def test_extract_press_hits_told_by_the_rest_and_by_impacts(extractor, text, launched,
                                                            intercepted, hit):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted, event.hit) == (launched, intercepted, hit)


@pytest.mark.parametrize("text, launched, intercepted", [
    ("La Russie a frappé l'Ukraine avec 52 drones (45 abattus) et quatre missiles (3 abattus), "
     "selon l'armée de l'air ukrainienne.", 56, 48),
    ("Selon l'armée de l'air ukrainienne, les drones Shahed : 45 lancés, 40 abattus ; les "
     "missiles Kh-101 : 5 lancés, 4 abattus.", 50, 44),
])
def test_extract_press_compact_tallies_by_kind(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_a_count_headed_by_whose_count_it_is(extractor):
    text = "Bilan de l'armée de l'air ukrainienne pour la nuit : 52 drones lancés, 45 abattus."
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.claimed_by.name, event.location.country) == ("armée de l'air ukrainienne", "UA")


def test_extract_press_the_toll_of_the_attack_names_no_source(extractor):
    text = "Le bilan de l'attaque russe sur Odessa s'est alourdi à douze morts."
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.claimed_by is None


@pytest.mark.parametrize("text, place, country", [
    ("Deux personnes sont mortes à Kharkiv, dont une adolescente. Elles ont été tuées lors "
     "d'une attaque aérienne russe de grande ampleur, dans la nuit de mardi à mercredi.",
     "Kharkiv", "UA"),
    ("Une attaque aérienne russe a fait deux morts samedi.", None, "UA"),
    ("Des frappes massives russes ont fait quatre blessés dimanche.", None, "UA"),
])
def test_extract_press_the_attackers_adjective_after_an_attack_noun_is_no_place(
        extractor, text, place, country):
    # "une attaque aérienne russe": the adjective says who attacked, two words after the noun
    # as right after it; the toll told before the strike word keeps its own town
    (event,) = strikes(extractor, text, "2025-07-10")
    assert (event.location.place, event.location.country) == (place, country)
    assert event.actor.side == "RU"



@pytest.mark.parametrize("text", [
    "Le ministère russe de la Défense dit avoir détruit en tout douze drones ukrainiens "
    "cette nuit, dont un « au-dessus du territoire de la région de Rostov ».",
    "Le ministère russe de la Défense a affirmé avoir intercepté neuf drones ukrainiens dans la "
    "nuit, dont deux au-dessus de la région de Koursk.",
])
def test_extract_press_a_share_given_in_words_leaves_the_ministrys_count_the_countrys(
        extractor, text):
    (event,) = strikes(extractor, text, "2025-06-10")
    assert (event.location.admin1, event.location.country) == (None, "RU")


def test_extract_press_an_exact_total_of_one_side_beats_its_rough_first_figure(extractor):
    # "plus de 10" by the air defence, then the ministry's "au total, 14": both of Moscow, the
    # exact total is the record's, the rough figure stays in the claims
    text = ("Les défenses aériennes russes ont abattu plus de 10 drones ukrainiens cette nuit. "
            "Au total, 14 drones ont été détruits au-dessus des régions de Moscou, Toula et "
            "Briansk, a précisé le ministère russe de la Défense.")
    (event,) = strikes(extractor, text, "2025-06-10")
    assert event.intercepted == 14
    assert sorted(c.intercepted for c in event.claims) == [10, 14]


def test_extract_press_two_sides_figures_keep_the_record_claimants(extractor):
    # (guard) a rough figure of one side and an exact one of the other: the record keeps its
    # own claimant's figure
    text = ("L'armée de l'air ukrainienne a abattu plus de 30 drones russes dans la nuit de samedi "
            "à dimanche, a-t-elle indiqué. Moscou affirme de son côté que 12 drones seulement ont "
            "été abattus.")
    events = strikes(extractor, text, "2025-06-10")
    assert [e.intercepted for e in events][:1] == [30]


@pytest.mark.parametrize("text, place, country", [
    ("Un missile iranien a frappé Tamra dans la nuit, tuant trois femmes, selon les secours.",
     "Tamra", "IL"),
    ("Une roquette du Hezbollah est tombée à Kiryat Shmona samedi, blessant deux personnes.",
     "Kiryat Shmona", "IL"),
])
def test_extract_press_towns_of_other_theatres_are_located(extractor, text, place, country):
    # the GeoNames extract holds the towns of the countries long-range strikes reach beyond
    # Ukraine and Russia (Israel from 1,000 people)
    events = strikes(extractor, text, "2025-06-14")
    assert [(e.location.place, e.location.country) for e in events] == [(place, country)]


def test_extract_press_a_word_that_spells_a_town_abroad_sets_no_story_country(extractor):
    # "Des" is also a spelling of Dej, a Romanian town of the GeoNames extract: at the head of
    # a sentence, with no place preposition, it is a word, and the story stays in Ukraine,
    # where the air force's tally with no place of its own is then placed
    text = ("Des habitants de Kharkiv ont entendu des explosions dans la nuit de lundi à mardi. "
            "L'armée de l'air a abattu 30 drones sur les 35 lancés, a-t-elle indiqué.")
    (event,) = strikes(extractor, text, "2025-07-09")
    assert event.location is not None and event.location.country == "UA"


def test_extract_press_a_country_struck_with_an_adverb_before_ete_is_the_target(extractor):
    # "L'Ukraine a également été visée": the subject of a strike verb in the passive is where
    # it struck, with an adverb between the auxiliary and "été" too; after another region's
    # attack it is a record of its own
    text = ("La région de Koursk a subi samedi matin une attaque de drones sans précédent, une "
            "vingtaine d'appareils ayant été abattus d'après les autorités russes. L'Ukraine a "
            "elle aussi été visée cette nuit par une attaque de 120 drones russes, du jamais vu, "
            "a déclaré le président ukrainien.")
    events = strikes(extractor, text, "2024-06-02")
    assert {(e.location.admin1, e.location.country, e.launched) for e in events} == \
        {("Kursk Oblast", "RU", None), (None, "UA", 120)}


def test_extract_press_what_a_strike_was_a_response_to_is_no_threat(extractor):
    # "affirmant que l'attaque était une réponse aux ...": the strike is told, done
    text = ("Le Hezbollah a envoyé lundi des drones sur une caserne du nord d'Israël, en "
            "affirmant que l'attaque était une réponse à la mort de deux de ses chefs.")
    events = extractor.extract(Article(id="t", text=text, published="2025-06-05")).events
    assert [e.type for e in events] == ["strike"]


@pytest.mark.parametrize("text, actor", [
    # a third party tells of another's intention: the one who would riposte threatens
    ("Ces bombardements interviennent alors que Donald Trump a prévenu mercredi, après un appel "
     "avec Vladimir Poutine, que Moscou comptait riposter à l'attaque ukrainienne contre ses "
     "bombardiers.", "RU"),
    # (guard) the speaker's own promise against the other side: the speaker threatens
    ("Mardi soir, le président Volodymyr Zelensky avait promis que la Russie « paierait » pour "
     "Odessa.", "UA"),
])
def test_extract_press_a_threat_reported_by_a_third_party_is_the_threateners(extractor, text,
                                                                             actor):
    events = extractor.extract(Article(id="t", text=text, published="2025-06-05")).events
    threats = [e for e in events if e.type == "threat"]
    assert [e.actor.side for e in threats] == [actor]


@pytest.mark.parametrize("text, launched, intercepted, hit", [
    ("La Russie a lancé 640 drones et missiles sur l'Ukraine dans la nuit de samedi à dimanche. "
     "Selon les forces armées ukrainiennes, 590 d'entre eux ont été détruits. Mais sept missiles "
     "et 40 drones ont touché le pays.", 640, 590, 47),
    ("Une soixantaine de drones et de missiles avaient été lancés contre l'Ukraine dans la nuit "
     "de samedi à dimanche, selon l'armée de l'air.", 60, None, None),
])
def test_extract_press_one_figure_for_two_kinds_is_the_total(extractor, text, launched,
                                                              intercepted, hit):
    # "640 drones et missiles": every kind in one figure, the night's total, and "590 d'entre
    # eux" the part of it shot down
    (event,) = strikes(extractor, text, "2025-06-02")
    assert (event.launched, event.intercepted, event.hit) == (launched, intercepted, hit)


@pytest.mark.parametrize("text, launched, intercepted, hit", [
    ("Un missile tiré par les Houthis a été intercepté par l'armée israélienne jeudi matin.",
     1, 1, 0),
    ("Un missile qui a été tiré depuis le Liban a été intercepté samedi, a indiqué l'armée.",
     1, 1, 0),
    # (guard) shot down, with nothing said of its firing: how many were fired is not told
    ("Un drone a été abattu au-dessus de la région de Belgorod dans la nuit, selon le "
     "gouverneur.", None, 1, None),
])
def test_extract_press_the_one_weapon_fired_then_shot_down(extractor, text, launched,
                                                          intercepted, hit):
    (event,) = strikes(extractor, text, "2025-06-05")
    assert (event.launched, event.intercepted, event.hit) == (launched, intercepted, hit)


def test_extract_press_the_defender_named_as_agent_places_the_interception(extractor):
    # "intercepté par l'armée israélienne": where it was shot down (Israel), and no claim
    # by the army, which is not said to tell it
    text = "Un missile tiré par les Houthis a été intercepté par l'armée israélienne jeudi matin."
    (event,) = strikes(extractor, text, "2025-06-05")
    assert (event.location.country, event.actor.side, event.claimed_by) == ("IL", "YE", None)


@pytest.mark.parametrize("text, launched, intercepted", [
    ("La Russie a tiré 30 missiles de croisière Kalibr et Kh-101 avant l'aube, selon l'armée "
     "ukrainienne. Tous sauf trois de ces missiles ont été interceptés, a-t-elle ajouté.", 30, 27),
    ("La Russie a lancé 40 drones dans la nuit. Tous, à l'exception de deux, ont été abattus, "
     "selon l'armée de l'air.", 40, 38),
])
def test_extract_press_all_but_n_shot_down_counts_the_rest(extractor, text, launched,
                                                           intercepted):
    (event,) = strikes(extractor, text, "2025-06-05")
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_a_whole_takes_the_verb_after_its_aside(extractor):
    # "45 missiles, dont huit Kinjal, ont été détruits": the verb after the aside is the
    # whole's as well as the part's
    text = ("Au total, 45 missiles, dont huit Kinjal, ont été détruits au-dessus de Kiev dans la "
            "nuit, a indiqué le maire.")
    (event,) = strikes(extractor, text, "2025-06-05")
    assert event.intercepted == 45


def test_extract_press_two_kinds_fired_on_one_named_night_are_one_tally(extractor):
    # the night named again with the other kind of weapon: the country's tally of that night
    text = ("Dans la nuit de mercredi à jeudi, les forces russes ont lancé 300 drones sur "
            "l'Ukraine. Moscou a tiré six missiles balistiques Iskander-M et quatre missiles "
            "Kh-101 dans la nuit de mercredi à jeudi.")
    (event,) = strikes(extractor, text, "2025-07-10")
    assert event.launched == 310


def test_extract_press_two_kinds_fired_on_two_nights_stay_apart(extractor):
    # (guard) another night named: another attack
    text = ("Dans la nuit de mercredi à jeudi, les forces russes ont lancé 300 drones sur "
            "l'Ukraine. Dans la nuit de mardi à mercredi, Moscou avait tiré six missiles Kh-101.")
    events = strikes(extractor, text, "2025-07-10")
    assert sorted(e.launched for e in events) == [6, 300]


def test_extract_press_the_storys_attacker_of_a_country_names_its_other_strikes(extractor):
    text = ("L'Iran a tiré plus de 100 missiles balistiques sur Israël dans la nuit. À Tamra, un "
            "immeuble a été détruit et trois femmes ont été tuées, selon les secours.")
    events = strikes(extractor, text, "2025-06-14")
    town = next(e for e in events if e.location.place == "Tamra")
    assert town.actor is not None and town.actor.side == "IR"


def test_extract_press_two_attackers_of_a_country_name_none_for_the_others(extractor):
    # (guard) Iran and the Houthis both struck Israel in the story: a town's strike with no
    # attacker of its own stays with none
    text = ("L'Iran a tiré plus de 100 missiles balistiques sur Israël dans la nuit. Les Houthis "
            "ont lancé deux drones sur Eilat samedi. À Tamra, un immeuble a été détruit et trois "
            "femmes ont été tuées, selon les secours.")
    events = strikes(extractor, text, "2025-06-14")
    town = next(e for e in events if e.location.place == "Tamra")
    assert town.actor is None


def test_extract_press_an_attack_that_began_with_n_drones_launched_them(extractor):
    text = "L'attaque a commencé peu après minuit par 35 drones Shahed, qui ont tous été abattus."
    (event,) = strikes(extractor, text, "2024-01-02")
    assert (event.launched, event.intercepted) == (35, 35)


@pytest.mark.parametrize("text", [
    # the threat told in a relative clause is its antecedent's, not the main clause's subject
    "Le président américain a condamné devant l'ONU le dirigeant russe Vladimir Poutine, qui a "
    "brandi la menace de recourir à l'arme nucléaire.",
    "Le chancelier a répondu à Vladimir Poutine, qui agite de nouveau la menace nucléaire.",
])
def test_extract_press_a_threat_in_a_relative_clause_is_the_antecedents(extractor, text):
    events = extractor.extract(Article(id="t", text=text, published="2022-09-21")).events
    threats = [e for e in events if e.type == "threat"]
    assert threats and all(e.actor.name == "Vladimir Poutine" for e in threats)


@pytest.mark.parametrize("text", [
    # a strike named inside a condition ("si ..., ") is a case put, not one told
    "« Si ces pays prennent part à l'attaque contre l'Iran, leurs bases deviendront des cibles "
    "», a averti l'état-major iranien.",
    "S'ils participent à une frappe contre le Liban, ils en paieront le prix, a prévenu le "
    "Hezbollah.",
])
def test_extract_press_a_strike_in_a_condition_is_no_strike(extractor, text):
    assert strikes(extractor, text, "2024-10-01") == []


def test_extract_press_a_strike_after_meme_si_is_still_told(extractor):
    text = "Même si la frappe de drones sur Odessa n'a pas fait de victimes, le port a été endommagé."
    (event,) = strikes(extractor, text, "2024-10-01")
    assert event.location.place == "Odesa"


@pytest.mark.parametrize("text, count", [
    # "à plusieurs reprises" with no night or day of its own: a habit, not one attack
    ("Le but était d'affaiblir l'aviation russe, qui a frappé à maintes reprises des "
     "infrastructures civiles avec des bombes planantes.", 0),
    ("Kharkiv a été frappée à plusieurs reprises dans la nuit par des drones russes, a indiqué "
     "le maire.", 1),
])
def test_extract_press_again_and_again_is_a_habit_unless_dated(extractor, text, count):
    assert len(strikes(extractor, text, "2024-08-15")) == count


@pytest.mark.parametrize("text, place", [
    # "a explosé": a weapon that went off over a place struck it
    ("Un drone a explosé au-dessus d'une raffinerie de Riazan dans la nuit, selon le "
     "gouverneur.", "Ryazan"),
    ("Deux drones ont explosé près d'un dépôt de carburant à Belgorod, a indiqué le maire.",
     "Belgorod"),
])
def test_extract_press_a_weapon_that_exploded_over_a_place_is_a_strike(extractor, text, place):
    (event,) = strikes(extractor, text, "2024-05-05")
    assert event.location.place == place


def test_extract_press_an_explosion_told_after_the_strike_is_that_strike(extractor):
    text = ("Un missile russe a tué sept personnes à Zaporijjia jeudi, selon le gouverneur. D'après "
            "l'armée, un missile balistique a explosé au-dessus d'une rue commerçante. Le "
            "gouverneur de la région a précisé que 30 personnes avaient été blessées.")
    (event,) = strikes(extractor, text, "2024-05-05")
    assert (event.location.place, event.killed, event.injured) == ("Zaporizhzhia", 7, 30)


@pytest.mark.parametrize("text, launched, intercepted", [
    # "ayant été abattus" after the figure gives its role as "ont été abattus" does
    ("Belgorod a subi une attaque de drones dans la nuit, une quinzaine d'appareils ayant été "
     "abattus selon le gouverneur.", None, 15),
    ("Trente drones ayant été lancés sur la région, 25 ont été abattus, selon l'armée.", 30, 25),
])
def test_extract_press_a_figure_with_ayant_ete_takes_its_participles_role(
        extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2024-06-02")
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text, place, site", [
    # a site not named after its town is placed in the town the knowledge base gives it
    ("Des drones ont visé dans la nuit la base aérienne d'Engels, selon une source ukrainienne.",
     "Engels", "Engels-2"),
    ("Un drone naval a été détruit dans la baie de Sébastopol, a indiqué le gouverneur.",
     "Sevastopol", "Sevastopol Bay"),
    # "au-dessus du": the place after it is where the weapon was
    ("Le 3 mai, un drone a explosé au-dessus du Kremlin.", "Moscow", "Kremlin"),
])
def test_extract_press_a_site_is_placed_in_its_town(extractor, text, place, site):
    (event,) = strikes(extractor, text, "2024-08-15")
    assert (event.location.place, event.location.site) == (place, site)


@pytest.mark.parametrize("text, national, town", [
    # a town named as the main target of the night's attack: the attack's figures are the
    # country's tally, the town keeps a record of its own figures
    ("La ville de Rivne, dans le nord-ouest du pays, a de nouveau été frappée dans la nuit. Elle "
     "était cette fois la cible principale de l'attaque russe, avec 500 drones et 20 missiles "
     "tirés, selon les autorités. D'après l'armée de l'air, 480 drones et 15 missiles ont été "
     "abattus. Trois personnes ont été blessées à Rivne.", (520, 495), ("Rivne", 3)),
    ("Selon l'armée de l'air ukrainienne, l'attaque russe, qui visait principalement Lviv, "
     "comptait 400 drones et 10 missiles. À Lviv, deux personnes ont été blessées, a indiqué "
     "le maire.", (410, None), ("Lviv", 2)),
])
def test_extract_press_the_main_target_of_an_attack_keeps_its_own_record(
        extractor, text, national, town):
    events = strikes(extractor, text, "2025-07-10")
    country = next(e for e in events if e.location.place is None)
    place = next(e for e in events if e.location.place is not None)
    assert (country.launched, country.intercepted, country.location.country) == (*national, "UA")
    assert (place.location.place, place.injured, place.launched) == (*town, None)


def test_extract_press_the_main_target_quoted(extractor):
    """"la «cible principale»": quoted words of the main target are the same words."""
    text = ("Dans la nuit de mardi à mercredi, Ternopil a été visée par les Russes. Elle était "
            "cette fois la «cible principale» de l'attaque, avec 300 drones et 6 missiles "
            "tirés, selon les autorités.")
    found = {(e.location.place, e.launched) for e in strikes(extractor, text, "2025-07-10")}
    assert found == {(None, 306), ("Ternopil", None)}


def test_extract_press_the_main_target_alone_places_the_country_tally(extractor):
    text = ("Kharkiv a été la principale cible de l'attaque de la nuit, au cours de laquelle la "
            "Russie a lancé 300 drones et 12 missiles, selon l'armée de l'air ukrainienne.")
    (event,) = strikes(extractor, text, "2025-07-10")
    assert (event.launched, event.location.place, event.location.country) == (312, None, "UA")


@pytest.mark.parametrize("text, name", [
    # live pages tell the source in the present, after the clause: ", indique le maire X"
    ("14h20 – À Kharkiv, deux drones ont frappé une station-service, sans faire de victimes, "
     "indique le maire Ihor Terekhov.", "Igor Terekhov"),
    ("« Trois drones ont frappé le port d'Izmaïl cette nuit », affirme le gouverneur Oleh Kiper.",
     "Oleh Kiper"),
])
def test_extract_press_a_source_told_in_the_present_after_the_clause(extractor, text, name):
    (event,) = strikes(extractor, text, "2024-02-05")
    assert event.claimed_by is not None and event.claimed_by.name == name


def test_extract_press_a_participle_after_an_aside_is_no_present_source(extractor):
    # (guard) "avait, de son côté, affirmé dans son rapport": the ministry's own verb, already
    # read; the present-tense source after a comma must not take it
    text = ("Le ministère russe de la Défense avait, de son côté, affirmé dans son rapport avoir "
            "abattu neuf drones ukrainiens au-dessus de la région de Koursk.")
    (event,) = strikes(extractor, text, "2024-05-12")
    assert event.claimed_by.side == "RU" and event.intercepted == 9


@pytest.mark.parametrize("text, tally", [
    # the air force named with no nationality still speaks for the country: its tally of the
    # night is the country's record, the town of the official told before keeps its own
    ("Deux personnes ont été tuées à Kharkiv dans une attaque de drones, selon le maire Igor "
     "Terekhov. Au total, la Russie a lancé 85 drones et deux missiles pendant la nuit, selon "
     "l'armée de l'air.", (87, None)),
    ("Un immeuble a été touché à Kiev, faisant cinq blessés, selon le maire Vitali Klitschko. "
     "L'armée de l'air a indiqué avoir abattu 50 drones sur les 64 lancés par la Russie.",
     (64, 50)),
])
def test_extract_press_an_air_force_with_no_side_tells_the_countrys_tally(extractor, text, tally):
    events = strikes(extractor, text, "2025-06-10")
    country = next(e for e in events if e.location.place is None)
    town = next(e for e in events if e.location.place is not None)
    assert (country.launched, country.intercepted) == tally
    assert (town.launched, town.intercepted) == (None, None)


def test_extract_press_a_tally_against_the_region_stays_the_regions(extractor):
    # (guard) "lancés contre la région": the region the story is in, not the country, though
    # the air force that told it is named with no side
    text = ("Des drones russes ont attaqué le port d'Odessa dans la nuit, blessant deux employés, "
            "a annoncé le gouverneur Oleh Kiper. La défense antiaérienne a abattu 12 des 14 drones "
            "lancés contre la région, a précisé l'armée de l'air.")
    (event,) = strikes(extractor, text, "2024-10-23")
    assert (event.location.place, event.launched, event.intercepted, event.injured) == \
        ("Odesa", 14, 12, 2)


def test_extract_press_the_record_is_claimed_by_who_tells_its_figures(extractor):
    # a sentence that only names the attack ("qualifie l'attaque d'acte terroriste") gives no
    # figure: the one who tells the strike's figures and place claims the record
    text = ("16h45 – L'attaque de la nuit est un « acte terroriste », a déclaré aux journalistes "
            "le porte-parole du Kremlin, Dmitri Peskov.\n\n14h20 – À Kharkiv, deux drones ont "
            "frappé un entrepôt cette nuit, sans faire de victimes, indique le maire Igor "
            "Terekhov.")
    events = strikes(extractor, text, "2024-02-05")
    kharkiv = next(e for e in events if e.location and e.location.place == "Kharkiv")
    assert kharkiv.claimed_by.name == "Igor Terekhov"


@pytest.mark.parametrize("text, place", [
    # where a diplomat or a reporter is posted, and who received the weapons, are no target
    ("Moscou a annoncé que l'ambassadeur américain à Moscou avait été convoqué, après la frappe "
     "de la veille à Sébastopol qui a tué quatre civils.", "Sevastopol"),
    ("Après la frappe de dimanche à Sébastopol avec des missiles ATACMS fournis par Washington "
     "à Kiev, quatre civils sont morts.", "Sevastopol"),
    ("Un journaliste de l'AFP à Kiev a fait état d'une frappe de missile sur Kharkiv, qui a "
     "blessé trois personnes.", "Kharkiv"),
])
def test_extract_press_a_post_or_a_recipient_is_no_target(extractor, text, place):
    (event,) = strikes(extractor, text, "2024-06-24")
    assert event.location.place == place


def test_extract_press_a_town_of_the_region_with_its_own_toll_after_tandis_que(extractor):
    # the region's toll, then "tandis qu'un autre homme a été blessé" in a town of that
    # region: two places, each with its own figure (a guard, another man)
    text = ("Dans la région de Soumy, un garde a été blessé lors d'une frappe de drone sur un "
            "entrepôt, tandis qu'un autre homme a été blessé dans le village de Bilopillia.")
    events = strikes(extractor, text, "2025-09-24")
    assert sorted((e.location.place or e.location.admin1, e.injured) for e in events) == \
        [("Bilopillia", 1), ("Sumy Oblast", 1)]


@pytest.mark.parametrize("text, launched, intercepted", [
    # drones shot down but only missiles counted as fired: the total fired is not told
    ("Les forces ukrainiennes ont détruit « 33 cibles aériennes — 29 missiles et 4 drones », "
     "sur un total de 30 missiles tirés par la Russie, selon l'état-major.", None, 33),
    # (guard) every kind fired is counted
    ("La Russie a lancé 30 drones et cinq missiles ; 25 drones et quatre missiles ont été "
     "abattus, selon l'armée de l'air.", 35, 29),
])
def test_extract_press_more_kinds_downed_than_counted_fired(extractor, text, launched, intercepted):
    (event,) = strikes(extractor, text, "2023-05-18")
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_a_response_in_another_country_after_alors_que_is_its_own_strike(extractor):
    # rockets on one country, "alors que" the other side's army struck back in another: two
    # strikes, the toll with the one it follows
    text = ("Des roquettes ont visé le nord d'Israël dans la nuit, alors que l'armée israélienne a "
            "répondu par des frappes sur des positions du Hezbollah dans le sud du Liban, qui ont "
            "tué au moins cinq personnes selon les médias.")
    events = strikes(extractor, text, "2024-08-25")
    assert sorted((e.location.country, e.killed) for e in events) == [("IL", None), ("LB", 5)]


def test_extract_press_figures_between_two_countries_named_stay_one_strike(extractor):
    # (guard) the attacker's country and the target's, figures on both sides of "et": one
    # attack (the countries alone never cut a sentence but after "alors que" and a strike)
    text = ("L'armée israélienne a indiqué que les Houthis au Yémen avaient tiré deux missiles et "
            "un drone en direction d'Israël, mais qu'aucun n'avait atteint son territoire.")
    (event,) = strikes(extractor, text, "2025-09-02")
    assert (event.launched, event.location.country) == (3, "IL")


def test_extract_press_a_trend_of_strikes_is_no_strike(extractor):
    # "l'intensification des bombardements": bombardments growing over time, not one attack
    text = ("Une vidéo montre des véhicules militaires russes près d'un réacteur de la centrale "
            "de Zaporijjia, où l'intensification des bombardements a ravivé les craintes d'un "
            "accident.")
    assert strikes(extractor, text, "2022-08-19") == []


def test_extract_press_others_with_a_participle_of_their_own_are_not_added(extractor):
    # "neuf autres ayant disparu des radars": their own verb, not more of those shot down
    text = "L'armée de l'air a indiqué avoir abattu 14 drones, neuf autres ayant disparu des radars."
    (event,) = strikes(extractor, text, "2024-01-01")
    assert event.intercepted == 14


def test_extract_press_a_town_told_by_its_official_only_keeps_its_record_apart(extractor):
    # "le maire de Lviv a fait état de trois blessés": the town only through its mayor's
    # office; the air force's tally of the night "sur l'Ukraine" is the country's record
    text = ("Le maire de Lviv a fait état de trois blessés après une frappe de drone. Dans la nuit, "
            "la Russie a attaqué l'Ukraine avec 90 drones et 4 missiles, a indiqué l'armée de "
            "l'air, qui affirme en avoir abattu 80.")
    events = strikes(extractor, text, "2025-06-10")
    assert sorted((e.location.place or "", e.launched or 0, e.injured or 0) for e in events) == \
        [("", 94, 0), ("Lviv", 0, 3)]


def test_extract_press_this_town_is_the_town_named_before(extractor):
    # "cette ville frontalière": a demonstrative with at most an adjective is the town
    # named before, here in a strike told apart ("plus tôt dans la soirée")
    text = ("Dans la nuit, un drone russe a frappé Kharkiv, tuant deux personnes. Plus tôt dans la "
            "soirée, cette ville frontalière avait été visée par un missile qui a blessé quatre "
            "personnes, selon le maire.")
    hurt = [e for e in strikes(extractor, text, "2024-05-14") if e.injured == 4]
    assert hurt and hurt[0].location is not None and hurt[0].location.place == "Kharkiv"


def test_extract_press_a_campaign_told_by_its_length_is_no_strike(extractor):
    # "après deux nuits d'attaques de drones sur Koursk": how long a campaign lasted
    text = "Après deux nuits d'attaques de drones sur Koursk, le gouverneur a demandé des renforts."
    assert strikes(extractor, text, "2024-01-10") == []


def test_extract_press_a_gerund_strikes_for_the_main_verbs_subject(extractor):
    # "l'armée israélienne a répondu en bombardant ...": the gerund's subject is the main
    # verb's, not an agent "par ..." as for a bare participle ("des drones lancés par ...")
    text = ("Le Hezbollah a tiré douze roquettes sur la Galilée. L'armée israélienne a répondu en "
            "bombardant un entrepôt d'armes dans le sud du Liban.")
    lebanon = [e for e in strikes(extractor, text, "2024-05-14")
               if e.location is not None and e.location.country == "LB"]
    assert lebanon and lebanon[0].actor is not None and lebanon[0].actor.side == "IL"


def test_extract_press_the_missiles_just_told_stay_with_their_strike(extractor):
    # "les deux missiles tirés": a definite figure of the weapons told just before (the
    # strike on the airfield), not the country's tally of the night, nor the raffinery's
    text = ("Dans la nuit, des drones ukrainiens ont visé une raffinerie de Novorossiisk, selon le "
            "ministère russe de la Défense, qui dit en avoir abattu 20. Le même jour, l'armée "
            "russe a dit avoir frappé avec des missiles Iskander-M un aérodrome près de Poltava. "
            "L'armée de l'air ukrainienne a nié toute perte, précisant que les deux missiles "
            "tirés avaient été interceptés.")
    events = strikes(extractor, text, "2024-05-18")
    assert sorted((e.location.place, e.launched, e.intercepted) for e in events) == \
        [("Novorossiysk", None, 20), ("Poltava", 2, 2)]


@pytest.mark.parametrize("first, weapons", [
    # the night's only weapon named is the drone: the other town's strike was a drone's too
    ("Des drones russes ont frappé Odessa dans la nuit de mercredi à jeudi, faisant deux "
     "blessés, selon le gouverneur Oleh Kiper.", ("drone",)),
    # drones and missiles: which struck the other town the text does not say
    ("Des drones et des missiles russes ont frappé Odessa dans la nuit de mercredi à jeudi, "
     "faisant deux blessés, selon le gouverneur Oleh Kiper.", ()),
])
def test_extract_press_a_strike_told_without_its_weapon_takes_the_storys_one_kind(
        extractor, first, weapons):
    text = first + (" À Mykolaïv, trois personnes ont été tuées dans une autre frappe, a "
                    "indiqué le maire de la ville.")
    events = strikes(extractor, text, "2024-05-02")
    town = next(e for e in events if e.location.place == "Mykolaiv")
    assert town.weapons == weapons


def test_extract_press_a_countrys_toll_then_a_towns_are_two_records(extractor):
    # the lead tells the day's toll over the country; the town's own strike comes after, with
    # its own official and figures (here the same number of dead)
    text = ("Des frappes russes de missiles et de drones ont fait trois morts et plusieurs "
            "blessés dimanche en Ukraine, selon les autorités locales. À Zaporijjia, trois "
            "personnes ont été tuées et cinq blessées dans une frappe de missile, a indiqué le "
            "gouverneur Ivan Fedorov.")
    events = strikes(extractor, text, "2024-11-03")
    places = sorted((e.location.place or "", e.location.country, e.killed, e.injured) for e in events)
    assert places == [("", "UA", 3, None), ("Zaporizhzhia", "UA", 3, 5)]


def test_extract_press_the_attacker_destroying_all_its_targets_shot_nothing_down(extractor):
    # "détruit toutes ses cibles" is the attacker's boast about what it hit, no interception
    text = ("L'armée russe a tiré douze missiles sur Kharkiv dans la nuit de lundi à mardi et "
            "affirme avoir détruit toutes ses cibles.")
    (event,) = strikes(extractor, text, "2024-11-05")
    assert (event.launched, event.intercepted) == (12, None)


def test_extract_press_the_air_forces_count_of_the_night_is_the_countrys(extractor):
    # a town told by its governor, then the air force's count of the night: the bulletin
    # tells the whole night over the country, not that town, though both speak for Ukraine
    text = ("Une attaque de drones russes contre Izmaïl a blessé deux personnes, a indiqué le "
            "gouverneur régional Oleh Kiper. L'armée de l'air ukrainienne a affirmé avoir abattu "
            "dans la nuit 40 des 52 drones lancés par la Russie.")
    events = strikes(extractor, text, "2024-11-05")
    town = next(e for e in events if e.location.place == "Izmail")
    country = next(e for e in events if e.location.place is None)
    assert (town.launched, town.injured) == (None, 2)
    assert (country.launched, country.intercepted) == (52, 40)


@pytest.mark.parametrize("text, hit", [
    # "l'autre" adds to the one before
    ("Deux bombes guidées russes ont frappé Zaporijjia jeudi, selon le gouverneur Ivan Fedorov. "
     "Une bombe a touché une usine, l'autre a frappé un immeuble.", 2),
    # "tous ... détectés et détruits": none got through
    ("Trois drones ukrainiens ont visé la région de Koursk dans la nuit. « Tous les drones ont "
     "été détectés et détruits », a indiqué le ministère russe de la Défense.", 0),
    # as many shot down as were fired: none got through
    ("Avant l'aube, quatre missiles de croisière tirés sur Lviv ont été abattus par la défense "
     "antiaérienne, a annoncé le gouverneur Maksym Kozytsky.", 0),
    ("La Russie a lancé neuf drones contre la région de Tchernihiv, et neuf ont été neutralisés, "
     "selon l'armée de l'air.", 0),
    # fewer shot down than fired: how many got through is not told
    ("La Russie a lancé neuf drones contre la région de Tchernihiv, et sept ont été neutralisés, "
     "selon l'armée de l'air.", None),
])
def test_extract_press_how_many_got_through(extractor, text, hit):
    (event,) = strikes(extractor, text, "2024-11-07")
    assert event.hit == hit


def test_extract_press_this_town_near_the_border_is_the_town_named_before(extractor):
    # "cette ville proche de la frontière russe": the demonstrative and where the town lies
    text = ("Des drones russes ont frappé Kharkiv dans la nuit, tuant quatre personnes, selon le "
            "maire Igor Terekhov. Plus tôt dans la nuit, cette ville proche de la frontière russe "
            "avait été bombardée par un missile balistique, faisant au moins onze blessés, selon le "
            "maire.")
    events = strikes(extractor, text, "2024-05-10")
    assert sorted((e.location.place, e.killed or 0, e.injured or 0) for e in events) == [
        ("Kharkiv", 0, 11), ("Kharkiv", 4, 0)]


@pytest.mark.parametrize("second, places", [
    # another missile, another town 30 km away: its own record
    ("La défense aérienne a abattu un autre missile près de la ville de Bakhtchissaraï.",
     ["Bakhchysarai", "Sevastopol"]),
    # another missile over the same town: the same attack
    ("La défense aérienne a abattu un autre missile au-dessus de Sébastopol.", ["Sevastopol"]),
])
def test_extract_press_another_weapon_in_another_town(extractor, second, places):
    text = ("Trois missiles ukrainiens ont été abattus vendredi au-dessus de Sébastopol, selon le "
            "gouverneur installé par Moscou. " + second)
    events = strikes(extractor, text, "2023-09-22")
    assert sorted(e.location.place for e in events) == places


def test_extract_press_earlier_that_night_is_the_same_night(extractor):
    # told in the pluperfect, "plus tôt dans la nuit" is the night of the strike told before
    text = ("Des drones russes ont frappé Kharkiv dans la nuit, tuant quatre personnes, selon le "
            "maire Igor Terekhov. Plus tôt dans la nuit, la ville avait été bombardée par un "
            "missile balistique, faisant au moins onze blessés, selon le maire.")
    events = strikes(extractor, text, "2024-05-10")
    assert [e.date for e in events] == ["2024-05-10", "2024-05-10"]


def test_extract_press_who_deplores_the_strike_tells_it(extractor):
    # ", a déploré le gouverneur X": an inverted reporting verb like ", a déclaré"
    text = ("Une attaque de drone a provoqué un incendie dans une raffinerie de Volgograd dans la "
            "nuit, a déploré le gouverneur de la région, Andreï Botcharov.")
    (event,) = strikes(extractor, text, "2024-05-12")
    assert event.claimed_by is not None and event.claimed_by.name == "Andreï Botcharov"


@pytest.mark.parametrize("second, name", [
    ("C'est ce qu'a annoncé dimanche le gouverneur de la région de Krasnodar.",
     "gouverneur de la région de Krasnodar"),
    ("C'est ce qu'a déclaré, dimanche 12 mai, Veniamine Kondratiev.", "Veniamine Kondratiev"),
])
def test_extract_press_this_is_what_x_said_names_the_speaker_before(extractor, second, name):
    text = "Des drones ukrainiens ont frappé une raffinerie à Touapsé dans la nuit. " + second
    (event,) = strikes(extractor, text, "2024-05-12")
    assert event.claimed_by is not None and event.claimed_by.name == name


@pytest.mark.parametrize("text, launched", [
    ("L'armée de l'air ukrainienne a indiqué avoir neutralisé 40 des 52 drones lancés par la "
     "Russie dans la nuit. L'un d'eux a pénétré dans l'espace aérien de la Moldavie. Les forces "
     "russes ont également tiré trois missiles de croisière au cours de cette attaque.", 55),
    ("Selon l'armée de l'air ukrainienne, 61 drones ont été abattus sur 70 lancés dans la nuit de "
     "lundi à mardi. Un drone russe a brièvement violé l'espace aérien polonais, a indiqué Varsovie.",
     70),
])
def test_extract_press_a_stray_into_a_neighbours_airspace_is_apart_from_the_nights_tally(
        extractor, text, launched):
    found = strikes(extractor, text)
    by_country = {e.location.country: e for e in found}
    assert len(found) == 2 and "UA" in by_country, found
    # the night's count stays Ukraine's, and what was "also" fired joins it, not the stray
    assert by_country["UA"].launched == launched


def test_extract_press_exact_parts_replace_the_headlines_rough_figure(extractor):
    # "environ" rounds the whole list of the headline; the body's missiles, counted by
    # name, account for its "40 missiles"
    text = ("Ukraine : environ 400 drones et 40 missiles tirés, au moins trois morts à Kiev\n"
            "Au moins trois personnes ont été tuées dans une vaste attaque russe, dans la nuit de "
            "samedi à dimanche. Selon l'armée de l'air ukrainienne, 412 drones ont été lancés, "
            "ainsi que cinq missiles Kinjal, 30 missiles Kh-101 et sept missiles Iskander-M.")
    (event,) = strikes(extractor, text, "2025-03-02")
    assert event.launched == 412 + 5 + 30 + 7
    assert "missile" not in {m.weapon for m in event.munitions}



@pytest.mark.parametrize("parts, kept", [
    ({"Kinzhal": 5, "Kh-101": 30, "Iskander": 7}, False),  # 42 accounts for "environ 40"
    ({"Kinzhal": 5}, True),  # five of about forty: the rest untold
])
def test_extract_press_a_rough_figure_gives_way_only_to_parts_that_account_for_it(parts, kept):
    from types import SimpleNamespace

    from veille.extract.merge import _drop_rough_aggregates
    classes = {"Kinzhal": "hypersonic missile", "Kh-101": "cruise missile",
               "Iskander": "ballistic missile"}
    named = [SimpleNamespace(label=k, cls=classes[k]) for k in parts]
    munitions = {"missile": {"launched": 40}, **{k: {"launched": v} for k, v in parts.items()}}
    rough = {("missile", "launched"): True}
    _drop_rough_aggregates(munitions, rough, named)
    assert ("missile" in munitions) is kept


@pytest.mark.parametrize("tail", [
    "",
    # the definite figure repeats the missiles just told: those, wherever they were aimed
    " La défense antiaérienne a abattu les six missiles Kh-101 dirigés contre Kiev.",
])
def test_extract_press_where_most_went_is_no_place_of_the_nights_tally(extractor, tail):
    text = ("Dans la nuit de mardi à mercredi, la Russie a lancé 300 drones contre l'Ukraine. "
            "Moscou a également tiré six missiles Kh-101 dans la nuit de mardi à mercredi, en visant "
            "surtout la capitale ukrainienne." + tail)
    (event,) = strikes(extractor, text, "2025-07-09")
    assert (event.location.country, event.location.place) == ("UA", None)
    assert event.launched == 306
    if tail:
        assert {m.weapon: m.intercepted for m in event.munitions}["Kh-101"] == 6


@pytest.mark.parametrize("text, split", [
    # one drone told by the region, then the air force's "30 des 37": the country's night
    ("Un drone russe a touché un immeuble à Soumy dans la nuit, blessant cinq personnes, selon "
     "l'administration militaire régionale. L'armée de l'air a indiqué avoir détruit 30 des 37 "
     "drones lancés par Moscou.", True),
    # the region's own figure, then fewer downed: of those
    ("Huit missiles ont visé la région de Dnipropetrovsk dans la nuit, selon le gouverneur Serhiï "
     "Lyssak. L'armée de l'air a indiqué en avoir abattu sept.", False),
])
def test_extract_press_a_wider_count_after_a_towns_few_weapons_is_the_countrys(
        extractor, text, split):
    found = strikes(extractor, text, "2025-03-02")
    assert (len(found) == 2) is split, found


def test_extract_press_the_bare_air_force_in_the_plural_speaks_for_the_country_struck(extractor):
    # "selon les forces aériennes", no adjective: the story's own, and its count of the
    # night is the country's, not the town the mayor spoke of
    text = ("Des explosions ont retenti à Kharkiv dans la nuit, selon le maire Igor Terekhov. Au "
            "total, 65 drones ont été lancés contre le pays, dont 51 ont été abattus, selon les "
            "forces aériennes.")
    found = strikes(extractor, text, "2025-03-02")
    country = next(e for e in found if e.location.place is None)
    assert (country.launched, country.intercepted) == (65, 51)
    assert country.claimed_by.name == "forces aériennes" and country.claimed_by.side == "UA"


def test_extract_press_who_claims_a_launch_told_after_a_weekday_made_it(extractor):
    # the weekday between the verb and its object must not hide who fired
    (event,) = strikes(extractor, "Les Houthis ont revendiqué dimanche un tir de missile balistique "
                                  "contre l'aéroport Ben Gourion, près de Tel-Aviv.", "2025-03-02")
    assert event.actor is not None and event.actor.side == "YE"


@pytest.mark.parametrize("text", [
    "Une frappe de drone ukrainienne a provoqué un incendie dans une raffinerie de la région de "
    "Volgograd, a annoncé dimanche le gouverneur Andreï Botcharov, sans faire état de victimes.",
    "Un drone ukrainien a touché un entrepôt de la région de Voronej, selon le gouverneur régional "
    "Alexandre Goussev.",
])
def test_extract_press_a_governor_named_after_his_title_speaks_for_the_place_struck(extractor, text):
    (event,) = strikes(extractor, text, "2025-03-02")
    assert event.claimed_by is not None and event.claimed_by.side == "RU"


@pytest.mark.parametrize("text, country, side", [
    # what the strike answers is another happening: its place is not this strike's
    ("Israël a mené mardi des frappes aériennes contre des cibles du Hezbollah dans le sud du "
     "Liban, a annoncé l'armée israélienne, en réponse à des tirs de roquettes sur le nord "
     "d'Israël.", "LB", "IL"),
    ("En représailles aux frappes ukrainiennes sur Belgorod, la Russie a bombardé Kharkiv mardi "
     "avec des missiles.", "UA", "RU"),
])
def test_extract_press_what_a_strike_answers_is_not_the_strike(extractor, text, country, side):
    (event,) = strikes(extractor, text, "2025-03-02")
    assert event.location.country == country
    assert event.actor is not None and event.actor.side == side


@pytest.mark.parametrize("earlier, records", [
    ("La ville avait déjà été visée la semaine dernière par des drones, qui avaient fait deux "
     "morts.", 2),
    ("Il y a trois jours, des drones avaient déjà frappé le port, tuant deux dockers.", 2),
    # "la nuit dernière" is the story's own night
    ("Des drones avaient aussi visé le port la nuit dernière.", 1),
])
def test_extract_press_an_attack_of_an_earlier_week_is_its_own(extractor, earlier, records):
    text = ("Au moins trois personnes ont été tuées mardi dans une frappe de missile russe sur "
            "Odessa, a annoncé le gouverneur Oleh Kiper. " + earlier)
    found = strikes(extractor, text, "2025-02-25")
    assert len(found) == records, found
    assert found[0].killed == 3 and "drone" not in found[0].weapons or records == 1


@pytest.mark.parametrize("text, whole, shares", [
    # no total stated: the country's record sums the regions' lines
    ("Selon le ministère russe de la Défense, 3 drones ont été détruits au-dessus de la région de "
     "Briansk, 2 au-dessus de la région de Koursk et 1 au-dessus de la région de Belgorod.", 6,
     {"Bryansk Oblast": 3, "Kursk Oblast": 2, "Belgorod Oblast": 1}),
    # "celle de Koursk" after "la région de Belgorod": the region, not the city
    ("La défense antiaérienne a détruit 73 drones dans la région de Belgorod, 25 dans celle de "
     "Koursk et 10 dans celle de Briansk, a indiqué le ministère russe de la Défense.", 108,
     {"Belgorod Oblast": 73, "Kursk Oblast": 25, "Bryansk Oblast": 10}),
    # a total stated, then its parts
    ("Le ministère russe de la Défense a affirmé avoir abattu 41 drones ukrainiens dans la nuit, "
     "dont 20 au-dessus de la région de Briansk et 11 au-dessus de celle de Koursk.", 41,
     {"Bryansk Oblast": 20, "Kursk Oblast": 11}),
])
def test_extract_press_a_tally_told_region_by_region(extractor, text, whole, shares):
    found = strikes(extractor, text, "2025-03-02")
    country = [e for e in found if e.location.admin1 is None]
    assert [(e.location.country, e.intercepted) for e in country] == [("RU", whole)]
    regions = {e.location.admin1: e.intercepted for e in found if e.location.admin1}
    assert regions == shares
    assert all(e.location.place is None for e in found)



def test_extract_press_a_district_named_like_a_far_town_is_part_of_the_town_told(extractor):
    # Kharkiv's Kyivskyi district shares its name with a village of another region
    text = ("Mardi, l'armée russe a frappé Kharkiv pour la troisième nuit consécutive. Selon le "
            "maire Igor Terekhov, quatre drones ont touché le quartier de Kyivskyi, blessant cinq "
            "personnes.")
    found = strikes(extractor, text, "2025-03-02")
    assert {e.location.place for e in found} == {"Kharkiv"}


def test_extract_press_the_peninsula_is_crimea_named_before(extractor):
    # named in a background sentence that tells no strike of its own
    text = ("La Crimée, annexée par la Russie en 2014, est régulièrement visée par des drones "
            "ukrainiens. Dans la nuit de lundi à mardi, 17 drones ont été abattus au-dessus de la "
            "péninsule, selon le ministère russe de la Défense.")
    (event,) = strikes(extractor, text, "2025-03-02")
    assert (event.location.admin1, event.intercepted) == ("Crimea", 17)


@pytest.mark.parametrize("text, n", [
    # a strike in a condition within the clause is no strike told
    ("Dmitri Medvedev a averti lundi que Moscou pourrait employer l'arme nucléaire si Kiev "
     "frappait le territoire russe avec des missiles ATACMS.", 0),
    ("Le ministre a prévenu que l'armée répondrait s'ils attaquaient encore la centrale.", 0),
    # "même si", "si bien que": told
    ("Même si des drones ont frappé Odessa dans la nuit, le port reste ouvert, a indiqué le "
     "gouverneur Oleh Kiper.", 1),
    ("L'attaque était si violente que des missiles ont frappé Kiev en plein jour mardi.", 1),
])
def test_extract_press_a_strike_in_a_condition_is_not_told(extractor, text, n):
    assert len(strikes(extractor, text, "2025-03-02")) == n


def test_extract_press_that_of_opening_a_sentence_is_the_region_named_before(extractor):
    text = ("Dans la région de Kharkiv, une frappe de drone a tué un homme à Tchouhouïv, a indiqué "
            "le gouverneur Oleg Synegoubov. Dans celle de Zaporijjia, deux femmes ont été blessées "
            "par des bombardements, selon le gouverneur Ivan Fedorov.")
    found = strikes(extractor, text, "2025-03-02")
    other = next(e for e in found if e.injured == 2)
    assert (other.location.place, other.location.admin1) == (None, "Zaporizhzhia Oblast")


def test_extract_press_an_attack_recalled_with_its_month_is_not_the_days_own(extractor):
    # on a page of no date: the pluperfect's month and year are history, "ce mercredi" the
    # story's own day, which no date told before can give
    text = ("En mars 2024, une frappe sur Odessa avait fait 21 morts. Ce mercredi, un nouveau "
            "missile a touché le port, tuant deux dockers.")
    found = strikes(extractor, text, None)
    assert sorted(((e.date or ""), e.killed) for e in found) == [("", 2), ("2024-03", 21)]


def test_extract_press_a_strike_carried_out_names_its_attacker(extractor):
    # "porter une frappe": the ministry's own wording for its strikes
    text = ("Les forces armées russes ont porté mardi une frappe massive avec des armes de haute "
            "précision contre des installations énergétiques de l'Ukraine.")
    (event,) = strikes(extractor, text, "2025-03-02")
    assert event.actor.side == "RU" and event.location.country == "UA"


@pytest.mark.parametrize("text", [
    "Au cours de la semaine écoulée, les systèmes de défense antiaérienne ont abattu 1 200 drones "
    "ukrainiens, a indiqué le ministère russe de la Défense.",
    "En une semaine, la Russie a lancé plus de 1 300 drones contre l'Ukraine, selon Volodymyr "
    "Zelensky.",
])
def test_extract_press_a_weeks_total_is_no_strike(extractor, text):
    assert strikes(extractor, text, "2025-03-02") == []


def test_extract_press_around_a_capital_is_a_place_not_its_government(extractor):
    text = ("Le ministère de la Défense de la Russie a annoncé mardi le déploiement de systèmes "
            "S-400 supplémentaires autour de Moscou.")
    found = extractor.extract(Article(id="t", text=text, published="2025-03-02")).events
    (event,) = [e for e in found if e.type == "deployment"]
    assert event.location is not None and event.location.place == "Moscow"


def test_extract_press_the_air_force_reporting_what_came_gives_the_fired_and_speaks(extractor):
    # "a fait état de 81 drones": those that came; "a recensé 46 drones": its own count
    (event,) = strikes(extractor, "L'armée de l'air ukrainienne a fait état de 81 drones et trois "
                                  "missiles Iskander-M. La défense antiaérienne a neutralisé 57 "
                                  "drones.", "2025-03-02")
    assert event.launched == 84
    (event,) = strikes(extractor, "Dans son bulletin matinal, l'armée de l'air a recensé 46 drones "
                                  "russes, dont 33 ont été détruits.", "2025-03-02")
    assert event.claimed_by is not None and event.claimed_by.name == "armée de l'air"


@pytest.mark.parametrize("text, side", [
    ("Dans son bulletin matinal, l'armée de l'air a recensé 46 drones russes, dont 33 ont été "
     "détruits.", "RU"),
    # a supplier's weapons name no attacker: Russia fires the Iranian-made drones
    ("Dans son bulletin matinal, l'armée de l'air a recensé 46 drones iraniens, dont 33 ont été "
     "détruits.", None),
])
def test_extract_press_the_weapons_nationality_names_who_fired_when_nothing_else_does(
        extractor, text, side):
    (event,) = strikes(extractor, text, "2025-03-02")
    assert (event.actor.side if event.actor else None) == side


def test_extract_press_a_generic_strike_noun_with_its_day_and_town_opens_the_article(extractor):
    # nothing told before "une série de frappes ... ont touché": the first strike, and the
    # toll told next is its own
    (event,) = strikes(extractor, "Une série de frappes de missiles ont touché mardi soir la "
                                  "ville de Tchernihiv. Deux personnes ont été tuées et cinq "
                                  "blessées, a indiqué le maire.", "2025-03-05")
    assert event.location is not None and event.location.place == "Chernihiv"
    assert (event.killed, event.injured, list(event.weapons)) == (2, 5, ["missile"])
    assert event.date == "2025-03-04"


def test_extract_press_a_targets_adjective_names_no_attacker(extractor):
    # "ukrainien" describes the region fired on, "russes" the rockets fired
    (event,) = strikes(extractor, "Des tirs de roquettes russes sur l'oblast ukrainien de Soumy "
                                  "ont fait trois blessés jeudi, a indiqué le gouverneur.",
                       "2025-03-07")
    assert event.actor is not None and event.actor.side == "RU"
    assert event.location is not None and event.location.admin1 == "Sumy Oblast"
    assert event.location.place is None


@pytest.mark.parametrize("town", ["Tchernigiv", "Tcherniguiv"])
def test_extract_press_a_town_in_an_unlisted_spelling_after_sur(extractor, town):
    (event,) = strikes(extractor, f"Lundi, l'armée russe a tiré deux missiles sur {town}, "
                                  "blessant quatre personnes.", "2025-03-04")
    assert event.location is not None and event.location.place == "Chernihiv"


def test_extract_press_a_quote_without_its_marks_keeps_its_speaker(extractor):
    # the page dropped the quote marks and put the speaker on the next line
    text = ("Un drone russe a frappé mardi un immeuble de Soumy.\n"
            "Deux personnes tuées, sept blessées\n"
            "a indiqué sur Telegram Oleh Hryhorov, gouverneur de la région.\n"
            "Plus tard, le maire a fait état de dégâts importants, selon le Kyiv Independent.")
    (event,) = strikes(extractor, text, "2025-03-05")
    assert (event.killed, event.injured) == (2, 7)
    assert event.claimed_by is not None and event.claimed_by.name == "Oleh Hryhorov"


@pytest.mark.parametrize("text", [
    "Depuis le début de l'offensive en 2022, plus de 9 000 drones ont été abattus, selon l'armée.",
    "Depuis le déclenchement de l'offensive, plus de 4 000 personnes ont été tuées au Liban et "
    "17 000 blessées, selon les autorités.",
])
def test_extract_press_the_wars_toll_so_far_is_no_event(extractor, text):
    assert strikes(extractor, text, "2025-03-05") == []


@pytest.mark.parametrize("text, killed", [
    # a record against the war so far is one night's
    ("C'est la frappe la plus meurtrière depuis le début de la guerre : des missiles ont tué "
     "onze personnes mardi à Kharkiv.", 11),
    # a town's campaign told since the war began is the town's (field/ANNOTATING.md)
    ("Depuis le début de la guerre, les rebelles ont tiré des missiles sur Eilat, tuant "
     "deux personnes.", 2),
])
def test_extract_press_a_record_or_a_towns_campaign_since_the_war_began_is_kept(
        extractor, text, killed):
    (event,) = strikes(extractor, text, "2025-03-05")
    assert event.killed == killed


def test_extract_press_a_headlines_part_gives_way_to_the_whole_it_is_part_of(extractor):
    text = ("La Russie abat 15 drones au-dessus de la mer d'Azov\n\n"
            "Le ministère russe de la Défense a annoncé lundi avoir détruit 40 drones ukrainiens "
            "dans la nuit, dont 15 au-dessus de la mer d'Azov.")
    (event,) = strikes(extractor, text, "2025-03-03")
    assert event.intercepted == 40


def test_extract_press_the_last_days_campaign_beside_a_tally_is_background(extractor):
    (event,) = strikes(extractor, "Alors que l'Ukraine a été visée ces derniers jours par des "
                                  "bombardements russes, le ministère russe de la Défense a "
                                  "annoncé lundi avoir abattu 64 drones ukrainiens.", "2025-03-04")
    assert event.location is not None and event.location.country == "RU"
    assert event.intercepted == 64


def test_extract_press_one_regions_share_of_a_stated_whole_leaves_the_whole_national(extractor):
    (event,) = strikes(extractor, "Le ministère russe de la Défense a annoncé mardi avoir détruit "
                                  "75 drones ukrainiens, dont 31 au-dessus de la seule région de "
                                  "Koursk.", "2025-03-04")
    assert event.intercepted == 75
    assert event.location is not None and event.location.admin1 is None
    assert event.location.country == "RU"


def test_extract_press_an_unlisted_spelling_is_no_namesake_abroad(extractor):
    # the story is in Lebanon: a village's unlisted spelling is not a Ukrainian namesake
    found = strikes(extractor, "Une frappe israélienne a touché samedi une voiture à Barashit, "
                               "dans le sud du Liban, faisant un mort.", "2025-03-08")
    assert found and all(e.location is None or e.location.country == "LB" for e in found)


def test_extract_press_a_patron_is_neither_the_attacker_nor_the_place(extractor):
    # "le groupe allié à l'Iran": Iran backs the group, it neither fired nor was struck
    (event,) = strikes(extractor, "L'armée israélienne a intercepté lundi un missile, le "
                                  "deuxième tiré en une journée par le groupe allié à l'Iran.",
                       "2025-03-04")
    assert event.actor is None or event.actor.side != "IR"
    assert event.location is None or event.location.country != "IR"


def test_extract_press_a_town_in_capitals_opening_the_dispatch_is_no_place(extractor):
    (event,) = strikes(extractor, "BEYROUTH: Une frappe de drone israélienne a tué deux personnes "
                                  "lundi dans le sud du Liban.", "2025-03-04")
    assert event.location is not None and event.location.place is None
    assert event.location.country == "LB"


def test_extract_press_the_home_of_the_ones_who_fired_is_not_where_it_went(extractor):
    # "les forces houthies au Yémen": where they are, not where the missiles went
    (event,) = strikes(extractor, "L'armée israélienne a indiqué mardi que les forces houthies au "
                                  "Yémen avaient tiré trois missiles en direction d'Israël.",
                       "2025-03-04")
    assert event.location is not None and event.location.country == "IL"


def test_extract_press_the_houthis_words_for_israel_and_jaffa(extractor):
    # their statement: "en Palestine occupée" is Israel, "la région de Yafa" a place, and a
    # missile called "Palestine 2" names no attacker
    (event,) = strikes(extractor, "Les rebelles ont affirmé mardi avoir visé une cible militaire "
                                  "dans la région de Yafa en Palestine occupée avec un missile "
                                  "Palestine 2.", "2025-03-04")
    assert event.location is not None and event.location.country == "IL"
    assert list(event.weapons) == ["ballistic missile"]
    (event,) = strikes(extractor, "Les rebelles ont affirmé mardi avoir visé une base aérienne en "
                                  "Palestine occupée avec un missile Palestine 2.", "2025-03-04")
    assert event.location is not None and event.location.country == "IL"
    assert event.actor is None or event.actor.side != "PS"


def test_extract_press_an_attack_imputed_to_a_side_names_the_attacker_not_the_place(extractor):
    (event,) = strikes(extractor, "Russie : un dépôt en feu après une attaque de drones imputée "
                                  "à l'Ukraine\n\nUn dépôt de carburant a pris feu mardi, après "
                                  "une attaque de drones imputée à l'Ukraine.", "2025-03-05")
    assert event.actor is not None and event.actor.side == "UA"
    assert event.location is not None and event.location.country == "RU"


def test_extract_press_since_the_end_of_a_month_is_background(extractor):
    text = ("Un drone a frappé mercredi un dépôt de carburant dans la région de Rostov, a indiqué "
            "le gouverneur.\n\nLe Kremlin, qui mène depuis fin février une offensive contre "
            "l'Ukraine, a plusieurs fois accusé Kiev d'avoir bombardé des villages russes "
            "frontaliers.")
    (event,) = strikes(extractor, text, "2022-06-22")
    assert event.date == "2022-06-22"


def test_extract_press_the_nth_attack_since_the_start_of_a_month_keeps_its_day(extractor):
    (event,) = strikes(extractor, "Cette frappe de missiles sur Odessa, la douzième depuis début "
                                  "mai, a fait trois blessés mardi.", "2023-05-24")
    assert event.date == "2023-05-23"


def test_extract_press_the_other_side_of_the_war_in_ukraine_only_in_a_story_of_that_war(extractor):
    # a Syrian story: a Russian raid with no place of its own is not placed in Ukraine
    text = ("Des avions russes ont bombardé mardi la province d'Idleb, tuant six civils. "
            "Plus tard, des missiles russes ont de nouveau frappé mercredi, a affirmé l'OSDH.")
    found = strikes(extractor, text, "2019-05-08")
    assert found and all(e.location is None or e.location.country != "UA" for e in found)


def test_extract_press_a_speakers_title_in_apposition_names_his_side(extractor):
    (event,) = strikes(extractor, "«Douze drones ont été abattus au-dessus de Belgorod», a "
                                  "annoncé lundi le colonel Piotr Sidorenko, porte-parole du "
                                  "district militaire de l'armée russe.", "2025-03-04")
    assert event.claimed_by is not None and event.claimed_by.name == "Piotr Sidorenko"
    assert event.claimed_by.side == "RU"


def test_extract_press_a_speaker_with_an_aside_before_an_inserted_phrase(extractor):
    (event,) = strikes(extractor, "Le gouverneur de la région de Soumy, dans le nord, a quant à "
                                  "lui fait état de quatre blessés dans des frappes à Chostka.",
                       "2025-03-04")
    assert event.claimed_by is not None
    assert event.claimed_by.name == "gouverneur de la région de Soumy"


def test_extract_press_a_toll_over_two_countries_is_no_ones_strike(extractor):
    # the headline sums both sides' attacks: it neither starts nor swallows a town's record
    text = ("Au moins quatre morts dans des frappes en Russie et en Ukraine\n\n"
            "Deux personnes ont été tuées mardi à Kherson dans une frappe de drone russe, selon le "
            "maire.\n\nEn Russie, deux autres personnes ont été tuées mardi par une frappe de "
            "drone à Koursk, a annoncé le gouverneur.")
    found = strikes(extractor, text, "2025-03-05")
    assert sorted((e.location.place, e.killed) for e in found) == [("Kherson", 2), ("Kursk", 2)]


def test_extract_press_the_governors_region_is_finer_than_the_country(extractor):
    text = ("En Russie, « dans le district de Tchertkovski, un camion a pris feu après une "
            "attaque de drone ; un homme est mort », a annoncé mardi le gouverneur de la région "
            "de Rostov.")
    (event,) = strikes(extractor, text, "2025-03-05")
    assert event.location is not None and event.location.admin1 == "Rostov Oblast"


def test_extract_press_the_second_clauses_speaker_tells_only_what_follows(extractor):
    # Kiev's silence on the first attack is no claim of the ministry that speaks after "mais"
    text = ("Une frappe de drones a blessé trois personnes lundi à Koursk. Kiev n'a pas réagi à "
            "l'attaque contre Koursk, mais le ministère russe de la Défense a affirmé que ses "
            "systèmes avaient abattu neuf drones au-dessus de la région de Briansk.")
    found = {e.location.admin1: e for e in strikes(extractor, text, "2025-03-04")}
    assert set(found) == {"Kursk Oblast", "Bryansk Oblast"}
    assert found["Kursk Oblast"].claimed_by is None
    assert found["Bryansk Oblast"].claimed_by is not None


@pytest.mark.parametrize("place, side", [("de la région de Briansk", "RU"),
                                         ("de la Crimée", "RU"),
                                         ("de la région de Poltava", "UA")])
def test_extract_press_a_ministrys_downing_tally_is_of_the_ground_its_side_holds(
        extractor, place, side):
    text = ("Le ministère de la Défense a affirmé dimanche que ses systèmes avaient détruit "
            f"douze drones au-dessus {place}.")
    (event,) = strikes(extractor, text, "2025-03-04")
    assert event.intercepted == 12
    assert event.claimed_by is not None and event.claimed_by.side == side


@pytest.mark.parametrize("name, place", [("la deuxième ville d'Ukraine", "Kharkiv"),
                                         ("la deuxième plus grande ville ukrainienne", "Kharkiv"),
                                         ("la deuxième ville de Russie", "Saint Petersburg")])
def test_extract_press_a_countrys_second_city_is_named_by_its_rank(extractor, name, place):
    (event,) = strikes(extractor, f"Trois missiles ont frappé lundi soir {name}, faisant "
                                  "quatre blessés.", "2025-03-04")
    assert event.location is not None and event.location.place == place


def test_extract_press_the_site_named_before_is_the_one_the_noun_alone_means(extractor):
    text = ("Un incendie s'est déclaré mardi dans un entrepôt de Briansk après une attaque de "
            "drones, selon le gouverneur. D'après la presse locale, il s'agit de la raffinerie de "
            "pétrole de Novokouïbychevsk. La raffinerie avait déjà été visée en mars par des "
            "drones ukrainiens.")
    found = strikes(extractor, text, "2025-06-11")
    recalled = [e for e in found if e.date == "2025-03"]
    assert len(recalled) == 1 and recalled[0].location is not None
    assert recalled[0].location.admin1 == "Samara Oblast"


def test_extract_press_attacks_claimed_by_a_side_are_that_sides(extractor):
    (event,) = strikes(extractor, "Le port de Hodeïda a déjà été visé à deux reprises en mai "
                                  "par des attaques de drones, revendiquées par Israël.",
                       "2025-06-11")
    assert event.actor is not None and event.actor.side == "IL"


def test_extract_press_a_border_town_is_still_the_place_struck(extractor):
    # (a guard: "limitrophes de l'Ukraine" names what a region borders, see the test of the
    # war's first day; "la ville frontalière de X" names the town itself)
    found = strikes(extractor, "Une roquette a touché lundi la ville frontalière de Metoula, "
                               "selon l'armée israélienne.", "2025-06-11")
    assert [e.location.place for e in found] == ["Metula"]


def test_extract_press_the_wars_first_day_is_background_without_its_year(extractor):
    # the lead's drone strike is on Wednesday; the invasion's day is no date of it
    text = ("Un drone venu d'Ukraine a frappé mercredi un dépôt de carburant russe, a indiqué "
            "son exploitant. Les régions russes limitrophes de l'Ukraine ont souvent dénoncé des "
            "attaques depuis que Moscou a envoyé ses troupes en Ukraine le 24 février. Le dépôt "
            "de Novozybkov, dans la région de Briansk, a précisé que deux drones l'avaient "
            "touché.")
    found = strikes(extractor, text, "2022-06-23")
    assert len(found) == 1
    assert found[0].date == "2022-06-22" and found[0].location.place == "Novozybkov"


def test_extract_press_an_official_is_the_claimant_before_the_local_press(extractor):
    text = ("Un dépôt a pris feu mardi à Toula après une attaque de drones, ont indiqué les "
            "médias locaux. « Trois drones ont été détruits au-dessus de la région », a écrit "
            "mardi le gouverneur Dmitri Milaïev.")
    (event,) = strikes(extractor, text, "2025-06-11")
    assert event.claimed_by is not None and event.claimed_by.name == "Dmitri Milaïev"


def test_extract_press_who_gives_a_toll_claims_it(extractor):
    (event,) = strikes(extractor, "Le maire, Ihor Terekhov, donnait lundi soir un bilan de six "
                                  "morts après la frappe de missiles sur Kharkiv.", "2025-06-11")
    assert event.killed == 6
    assert event.claimed_by is not None and event.claimed_by.name == "Igor Terekhov"


def test_extract_press_the_offensive_launched_in_a_country_is_no_place_of_tonights_tally(extractor):
    text = ("Le ministère russe de la Défense a affirmé lundi avoir abattu 30 drones ukrainiens "
            "dans la nuit au-dessus de plusieurs régions. L'attaque intervient alors que le "
            "conflit, déclenché par l'offensive russe lancée en Ukraine il y a trois ans, se "
            "poursuit.")
    (event,) = strikes(extractor, text, "2025-02-24")
    assert event.intercepted == 30
    assert event.location is None or event.location.country == "RU"


def test_extract_press_a_site_noun_with_its_own_town_is_not_the_one_before(extractor):
    text = ("Un missile a touché jeudi le port d'Odessa, faisant deux blessés. Dans la nuit de "
            "vendredi, des drones navals ont visé le port russe de Novorossiïsk.")
    found = strikes(extractor, text, "2025-06-14")
    assert sorted(e.location.place for e in found) == ["Novorossiysk", "Odesa"]


def test_extract_press_the_part_of_the_country_named_before(extractor):
    text = ("Une roquette tirée par le Hezbollah a touché mardi une maison à Safed, sans faire "
            "de blessé. Dans la soirée, un missile iranien a également frappé un entrepôt dans le "
            "centre du pays, faisant deux blessés.")
    found = strikes(extractor, text, "2025-06-18")
    iranian = [e for e in found if e.actor is not None and e.actor.side == "IR"]
    assert len(iranian) == 1 and iranian[0].location is not None
    assert iranian[0].location.country == "IL" and iranian[0].injured == 2


@pytest.mark.parametrize("text, side", [
    # no attacker named: where the weapons came from
    ("Deux drones en provenance du Liban ont été abattus mardi au-dessus de la Galilée.", "LB"),
    ("Un missile tiré depuis le Yémen a été intercepté mardi au-dessus d'Eilat.", "YE"),
    ("Mardi, quatre roquettes ont été tirées du Liban vers la Galilée, selon l'armée.", "LB"),
    ("Deux missiles lancés d'Irak ont été abattus mardi près de Tibériade.", "IQ"),
    # (a guard) launched from within the country struck: no side from where they came from;
    # the weapons' own nationality tells it
    ("Mardi, 40 drones FPV ukrainiens lancés depuis la Russie ont frappé la base de Belaïa, "
     "en Russie.", "UA"),
])
def test_extract_press_where_the_weapons_came_from_points_to_the_attacker(extractor, text, side):
    (event,) = strikes(extractor, text, "2025-06-18")
    assert event.actor is not None and event.actor.side == side


@pytest.mark.parametrize("text", [
    "Plus tard, deux drones en provenance du Liban ont été interceptés au-dessus de Metoula.",
    "Depuis, deux autres salves de roquettes ont été tirées vers Metoula.",
])
def test_extract_press_a_later_salvo_is_another_strike(extractor, text):
    lead = "Mardi matin, une roquette tirée par le Hezbollah a touché une maison à Metoula. "
    assert len(strikes(extractor, lead + text, "2025-06-18")) == 2


def test_extract_press_who_is_accused_of_launching_launched(extractor):
    (event,) = strikes(extractor, "Kiev a accusé jeudi Moscou d'avoir lancé dans la nuit 60 "
                                  "drones et trois missiles contre le pays.", "2025-06-19")
    assert event.actor is not None and event.actor.side == "RU"
    assert event.location is not None and event.location.country == "UA"


def test_extract_press_the_capital_governed_by_the_speakers_office(extractor):
    text = ("Une attaque de drones a visé Kiev mardi soir, selon l'armée de l'air. De son côté, "
            "la mairie de Moscou a indiqué qu'un drone avait été abattu mercredi au-dessus de "
            "la capitale.")
    found = strikes(extractor, text, "2025-06-19")
    assert sorted(e.location.place for e in found) == ["Kyiv", "Moscow"]


def test_extract_press_all_of_one_kind_and_part_of_another(extractor):
    text = ("L'armée de l'air a annoncé jeudi avoir abattu 30 drones et trois missiles lancés "
            "par la Russie. « Au total, l'attaque a impliqué 30 drones Shahed et quatre missiles "
            "Kh-101 », a-t-elle précisé, affirmant avoir abattu tous les drones et trois des "
            "missiles.")
    (event,) = strikes(extractor, text, "2025-06-19")
    assert (event.launched, event.intercepted) == (34, 33)


@pytest.mark.parametrize("text", [
    "Le président iranien a prévenu que la moindre attaque contre le pays provoquerait une "
    "réponse sévère de son armée.",
    "« Toute agression entraînera une réponse douloureuse », a déclaré mardi le ministre "
    "iranien de la Défense.",
])
def test_extract_press_a_severe_response_promised_is_a_threat(extractor, text):
    result = extractor.extract(Article(id="t", text=text, published="2025-06-19"))
    assert [e.type for e in result.events] == ["threat"]


def test_extract_press_where_a_system_was_based_before_is_not_where_it_stands(extractor):
    text = ("L'Ukraine a reçu il y a un mois un système Patriot, a indiqué jeudi le président. "
            "Ce système, précédemment basé en Allemagne, protège désormais une grande ville.")
    (event,) = extractor.extract(Article(id="t", text=text, published="2025-06-19")).events
    assert event.type == "deployment" and event.location.country == "UA"
    assert event.date == "2025-05"


def test_extract_press_a_ministry_detailing_its_tally_is_its_claimant(extractor):
    text = ("« Les systèmes de défense ont détruit douze drones au-dessus de la région de "
            "Koursk et quatre au-dessus de celle de Briansk », toutes deux voisines de "
            "l'Ukraine, a détaillé lundi le ministère russe de la Défense.")
    found = strikes(extractor, text, "2025-06-19")
    assert found and all(e.claimed_by is not None and e.claimed_by.side == "RU" for e in found)
    assert {e.location.admin1 for e in found} <= {"Kursk Oblast", "Bryansk Oblast", None}


def test_extract_press_the_weapon_having_struck_is_the_attackers_not_the_defenders(extractor):
    found = strikes(extractor, "Tsahal a intercepté le 3e missile balistique houthi ayant visé "
                               "Eilat.", "2025-06-19")
    assert len(found) == 1 and found[0].actor is not None and found[0].actor.side == "YE"


def test_extract_press_the_weapon_told_before_shot_down_hit_nothing(extractor):
    text = ("Un missile balistique tiré depuis le Yémen a déclenché mardi les sirènes à Eilat. "
            "L'armée a indiqué que le missile avait été intercepté avant d'entrer dans l'espace "
            "aérien du pays.")
    (event,) = strikes(extractor, text, "2025-06-19")
    assert event.hit == 0


def test_extract_press_the_day_after_the_speaker_is_not_part_of_its_name(extractor):
    (event,) = strikes(extractor, "Trois drones ont été abattus au-dessus de Koursk, a indiqué "
                                  "l'armée de l'air mardi.", "2025-06-19")
    assert event.claimed_by is not None and event.claimed_by.name == "armée de l'air"


def test_extract_press_an_earlier_days_attack_is_its_own_record_and_no_ones_account(extractor):
    text = ("Un drone a tué un homme mardi à Chebekino, a indiqué le gouverneur. Le ministère "
            "russe de la Défense a indiqué avoir abattu trois drones au-dessus de la région de "
            "Koursk. Le 3 mai, une frappe ukrainienne avait déjà tué neuf personnes dans la "
            "région.")
    found = strikes(extractor, text, "2024-05-15")
    earlier = [e for e in found if e.date == "2024-05-03"]
    assert len(earlier) == 1 and earlier[0].killed == 9
    assert earlier[0].claimed_by is None
    assert all(e.killed != 9 for e in found if e.date != "2024-05-03")


def test_extract_press_a_second_incident_is_another_strike(extractor):
    text = ("Une frappe de drone a blessé une femme lundi à Chebekino, selon le gouverneur. Un "
            "second incident a été signalé dans un village voisin, où un engin largué par un "
            "drone a blessé un homme.")
    assert len(strikes(extractor, text, "2025-08-19")) == 2


def test_extract_press_the_day_before_an_inverted_speaker_is_skipped(extractor):
    text = ("La Russie a frappé dans la nuit des installations portuaires de la région de "
            "Mykolaïv, tuant un gardien, a annoncé jeudi le gouverneur de la région.")
    (event,) = strikes(extractor, text, "2025-06-19")
    assert event.claimed_by is not None and event.claimed_by.side == "UA"


def test_extract_press_boats_destroyed_are_not_what_was_fired(extractor):
    text = ("L'Ukraine a attaqué le chantier naval de Sébastopol avec 10 missiles de croisière, "
            "a indiqué le ministère russe de la Défense. La défense aérienne a abattu sept "
            "missiles de croisière et les patrouilleurs ont détruit toutes les vedettes.")
    (event,) = strikes(extractor, text, "2023-09-14")
    assert (event.launched, event.intercepted) == (10, 7)


def test_extract_press_a_communitys_name_spelt_otherwise_is_matched_by_sound(extractor):
    (event,) = strikes(extractor, "Une frappe aérienne russe a touché mardi la communauté de "
                                  "Houliaypole, tuant deux personnes.", "2024-10-20")
    assert event.location is not None and event.location.place == "Huliaipole"


def test_extract_press_another_place_also_struck_is_its_own_strike(extractor):
    # a headline names both places; the second is "also" struck after the first's story
    text = ("Frappes de drones russes sur la région de Mykolaïv et à Kharkiv.\n\n"
            "Des entrepôts agricoles ont été touchés mardi à l'aube par des drones russes dans la "
            "région de Mykolaïv, selon l'armée ukrainienne. Kharkiv a également été visée dans la "
            "nuit par une attaque semblable, a écrit le maire sur Telegram. Plusieurs voitures "
            "ont brûlé dans le centre-ville.")
    events = strikes(extractor, text, "2024-06-11")
    assert len(events) == 2
    assert {(e.location.admin1, e.location.place) for e in events} == {
        ("Mykolaiv Oblast", None), ("Kharkiv Oblast", "Kharkiv")}


@pytest.mark.parametrize("text, weapons", [
    # shrapnel ("éclats d'obus") of an interception is no artillery fired
    ("Un missile tiré depuis le Yémen a été intercepté mardi ; les sirènes ont retenti à "
     "Ashdod par crainte de chutes d'éclats d'obus.", ["missile"]),
    ("Un drone russe a frappé mardi un immeuble de Soumy ; un passant a été blessé par un éclat "
     "d'obus.", ["drone"]),
    # (a guard) shells fired are artillery
    ("Des tirs d'obus ont frappé mardi le centre de Kherson, tuant deux personnes.",
     ["artillery"]),
])
def test_extract_press_shrapnel_is_no_weapon_fired(extractor, text, weapons):
    (event,) = strikes(extractor, text, "2025-06-18")
    assert list(event.weapons) == weapons


@pytest.mark.parametrize("background", [
    "Koursk, comme d'autres villes frontalières, a subi plusieurs attaques dans le contexte de "
    "l'invasion de l'Ukraine par la Russie, déclenchée le 24 février 2022.",
    # (a guard: without the year, the day was background before)
    "La région est voisine de l'Ukraine, où l'offensive russe a commencé le 24 février.",
])
def test_extract_press_the_day_the_war_began_is_background(extractor, background):
    text = ("Des drones ukrainiens ont frappé vendredi un dépôt de carburant à Koursk, a indiqué "
            "le gouverneur. " + background)
    (event,) = strikes(extractor, text, "2023-02-04")
    assert event.date == "2023-02-03"


@pytest.mark.parametrize("text, date", [
    # the day of what a strike answers, told in its clause, is not the strike's
    ("Ce mardi, l'Iran a lancé une attaque de missiles contre Israël en représailles à "
     "l'assassinat d'un général à Damas vendredi.", "2024-10-01"),
    # (guards) a week answered, not a day; a strike with one trigger kept its day; the
    # answer's own day after the clause closes
    ("Le 1er octobre, la Russie a mené une attaque de drones sur Odessa en réponse aux frappes "
     "sur la Crimée de la semaine passée.", "2024-10-01"),
    ("Mardi, l'Iran a tiré des missiles sur Israël en représailles à l'assassinat d'un général "
     "à Damas vendredi.", "2024-10-01"),
    ("En réponse à l'attaque du 3 mars, la Russie a frappé Kiev mardi avec dix missiles.",
     "2024-10-01"),
])
def test_extract_press_the_day_of_what_is_answered_is_not_the_strikes(extractor, text, date):
    (event,) = strikes(extractor, text, "2024-10-02")
    assert event.date == date


def test_extract_press_a_pluperfect_after_a_participle_of_saying_is_reported_speech(extractor):
    # "..., affirmant que sept drones avaient été abattus": the tense of reported speech, not
    # an earlier happening recalled
    event, = strikes(extractor, "Le gouverneur de la région de Koursk est intervenu à la "
                                "télévision, affirmant que sept drones ukrainiens avaient été "
                                "abattus au-dessus de la région.", published="2024-11-27")
    assert event.date == "2024-11-27"


@pytest.mark.parametrize("text, side", [
    # the agent of the participle that launched an attack named by a noun
    # (no place to tell the side by; the parser hangs the agent on "la soirée")
    ("Les batteries antiaériennes russes ont repoussé une nouvelle attaque massive de drones "
     "lancée dans la soirée par les forces ukrainiennes, selon le ministère.", "UA"),
    # (a guard: the agent found before as the noun's complement)
    ("Mardi, la défense a déjoué une attaque de missiles conduite par l'armée israélienne.",
     "IL"),
])
def test_extract_press_an_attack_launched_by_someone_is_theirs(extractor, text, side):
    (event,) = strikes(extractor, text, "2024-11-20")
    assert event.actor is not None and event.actor.side == side


def test_extract_press_the_agents_nationality_is_not_the_target(extractor):
    # "dans la nuit par les forces ukrainiennes": the attackers' adjective after "dans ...
    # par", not a target in Ukraine
    text = ("Les batteries antiaériennes russes ont repoussé une attaque de drones lancée dans la "
            "soirée par les forces ukrainiennes, selon le ministère de la Défense. Au total, 40 "
            "drones ont été détruits.")
    (event,) = strikes(extractor, text, "2024-11-20")
    assert event.location is not None and event.location.country == "RU"
    assert event.actor is not None and event.actor.side == "UA"


@pytest.mark.parametrize("text, launched, hit", [
    # one munition, said fired, shot down: one fired, none through
    ("L'armée a annoncé jeudi avoir intercepté un missile balistique tiré depuis le Yémen "
     "vers le sud d'Israël.", 1, 0),
    ("La défense antiaérienne a abattu mercredi un drone, vraisemblablement lancé par les "
     "rebelles, au-dessus de la ville d'Eilat.", 1, 0),
    # (guards) one drone downed, not said fired: how many were fired is not told; one said
    # fired as the subject was read before
    ("L'armée a abattu un drone au-dessus de la ville d'Eilat mercredi.", None, None),
    ("Un missile tiré depuis le Yémen a été intercepté mercredi au-dessus d'Eilat.", 1, 0),
])
def test_extract_press_one_munition_fired_and_downed(extractor, text, launched, hit):
    (event,) = strikes(extractor, text, "2024-11-21")
    assert event.intercepted == 1
    assert (event.launched, event.hit) == (launched, hit)


@pytest.mark.parametrize("background", [
    # the day a state of things dates from, in a clause of "depuis"
    "Le pays est en guerre depuis l'attaque meurtrière du groupe armé, qui a eu lieu le 7 octobre 2023.",
    # (read so before too: a guard)
    "Les combats durent depuis les frappes de ses commandos menées le 6 août 2024.",
])
def test_extract_press_the_day_a_state_dates_from_is_background(extractor, background):
    # an undated page: that day was the only one, and became the strike's
    text = ("Une dizaine de roquettes tirées par le Hezbollah ont frappé la ville de "
            "Kiryat Shmona, selon l'armée israélienne. " + background)
    (event,) = strikes(extractor, text, None)
    assert event.date is None


@pytest.mark.parametrize("text, date", [
    # "depuis" a place the weapons came from: the day after it is the strike's
    ("Des drones lancés depuis la Crimée le 3 mars 2024 ont frappé le port d'Odessa, selon le "
     "gouverneur.", "2024-03-03"),
    ("Les missiles tirés depuis la mer Noire le 3 mars 2024 ont touché Odessa.", "2024-03-03"),
    # (a guard) a year since which things have been so stays background
    ("Odessa est visée par des frappes depuis l'annexion de la Crimée en 2014; mardi, des "
     "drones ont frappé le port.", "2024-03-05"),
])
def test_extract_press_a_day_after_launched_from_a_place_is_the_strikes(extractor, text, date):
    (event,) = strikes(extractor, text, "2024-03-05")
    assert event.date == date


@pytest.mark.parametrize("text, killed, injured", [
    # the people of a casualty verb's "en", counted after it
    ("Des frappes de drones russes tuent quatre personnes et en blessent deux à Kherson.", 4, 2),
    ("Le missile a touché la gare de Kramatorsk, faisant cinq morts, et en a blessé douze "
     "selon le gouverneur.", 5, 12),
    ("Les bombardements ont blessé neuf habitants de Soumy et en ont tué au moins trois.", 3, 9),
    # (a guard, read so before)
    ("Un drone a frappé un immeuble de Kharkiv, tuant une femme et en blessant quatre autres.",
     1, 4),
])
def test_extract_press_casualties_counted_after_en(extractor, text, killed, injured):
    (event,) = strikes(extractor, text, "2024-09-24")
    assert (event.killed, event.injured) == (killed, injured)


@pytest.mark.parametrize("text, intercepted", [
    # an unmanned craft counted by its long name
    ("Deux engins sans pilote ont été abattus mardi dans la région de Koursk, selon le "
     "ministère russe de la Défense.", 2),
    ("Selon le ministère russe de la Défense, onze engins sans pilote ont été abattus mardi "
     "au-dessus de la région de Koursk.", 11),
])
def test_extract_press_unmanned_craft_by_their_long_name(extractor, text, intercepted):
    (event,) = strikes(extractor, text, "2024-09-25")
    assert event.intercepted == intercepted


def test_extract_press_since_the_month_of_is_background(extractor):
    # "Depuis le mois de mai": since, not on; the strike's own day stands
    text = ("Trois drones ont été abattus mardi au-dessus de la région de Koursk, selon le "
            "gouverneur. Depuis le mois de mai, la ville et sa région sont régulièrement visées "
            "par des attaques de drones.")
    (event,) = strikes(extractor, text, "2024-09-25")
    assert event.date == "2024-09-24"


@pytest.mark.parametrize("text, launched, intercepted", [
    # the list's next item after the total of "N des M" is the part's, counted by the verb
    ("Selon l'armée de l'air, la défense a abattu 25 des 40 missiles tirés par la Russie, et "
     "six drones Shahed.", None, 31),
    # (a guard: read so before, with no participle after the total)
    ("La défense antiaérienne a détruit 12 des 20 missiles de croisière et trois drones, selon "
     "l'armée de l'air.", None, 15),
])
def test_extract_press_the_item_after_a_part_of_a_total_is_the_parts(extractor, text, launched,
                                                                     intercepted):
    (event,) = strikes(extractor, text, "2024-09-25")
    assert (event.launched, event.intercepted) == (launched, intercepted)


def test_extract_press_an_official_titled_after_the_name_with_an_article(extractor):
    # "X, chef de l'administration municipale": a local official, so on the side of the
    # place struck
    text = ("Un drone s'est écrasé mardi sur un immeuble de Podolsk, a indiqué Oleg Sokolov, "
            "chef de l'administration municipale.")
    (event,) = strikes(extractor, text, "2024-09-25")
    assert event.claimed_by is not None and event.claimed_by.side == "RU"


def test_extract_press_the_first_attack_since_a_month_is_not_dated_by_it(extractor):
    # "la première attaque ... depuis début mars" ranks the night's attack; it does not date it
    text = ("Selon la mairie, neuf missiles de croisière ont été abattus dans la nuit au-dessus "
            "de Kiev. Il s'agit de la première attaque massive sur la capitale depuis début mars.")
    (event,) = strikes(extractor, text, "2023-04-28")
    assert event.date == "2023-04-28"


def test_extract_press_the_nth_attack_since_a_month_is_no_habit(extractor):
    # "la 12e ... depuis début mai" ranks this attack: its weapons are this night's
    text = ("Kiev a été frappée dans la nuit par des drones, selon les autorités. Cette attaque, "
            "la 12e contre la ville depuis début mai, a aussi impliqué des missiles de croisière "
            "tirés par des avions.")
    (event,) = strikes(extractor, text, "2023-05-24")
    assert "cruise missile" in event.weapons and event.date == "2023-05-24"


@pytest.mark.parametrize("text", [
    # a delivery under way is a deployment told
    "Berlin a commencé à livrer des systèmes IRIS-T à l'Ukraine, a indiqué jeudi le ministre.",
    "La livraison des systèmes Patriot à l'Ukraine a déjà débuté, selon le ministre allemand de "
    "la Défense.",
])
def test_extract_press_a_delivery_under_way_is_a_deployment(extractor, text):
    events = extractor.extract(Article(id="t", text=text, published="2024-05-02")).events
    assert [e.type for e in events] == ["deployment"]
    assert events[0].location is not None and events[0].location.country == "UA"


@pytest.mark.parametrize("text, country, side, hedged", [
    # the remains of a weapon found: where one came down; the finder is no attacker
    ("Dans un communiqué, le ministère moldave de la Défense dit avoir trouvé sur son sol des "
     "fragments d'un drone russe tombé dans un champ.", "MD", "RU", False),
    ("Dans un communiqué, le ministère moldave de la Défense dit avoir trouvé sur son sol des "
     "fragments présumés d'un drone russe.", "MD", "RU", True),
    ("Des débris d'un missile russe ont été retrouvés près de Galati, selon le ministère "
     "roumain de la Défense.", "RO", "RU", False),
    # (a guard) downed "sur son sol": the speaker's country, the weapons' side attacked
    ("Moscou affirme avoir abattu 20 drones ukrainiens sur son sol.", "RU", "UA", False),
])
def test_extract_press_remains_of_a_weapon_found(extractor, text, country, side, hedged):
    (event,) = strikes(extractor, text, "2024-05-02")
    assert event.location is not None and event.location.country == country
    assert event.actor is not None and event.actor.side == side
    assert event.hedged is hedged


@pytest.mark.parametrize("text, intercepted, hit", [
    # "l'un des drones a été abattu": one shot down, counted
    ("Une femme a été blessée à Koursk, où l'un des drones a été abattu, selon le gouverneur.",
     1, None),
    ("Un des drones lancés par l'Ukraine a été intercepté au-dessus de Koursk, selon le "
     "gouverneur.", 1, None),
    # (guards) one of those that struck is no count of the hits
    ("L'un des missiles a frappé un immeuble de Koursk, selon le gouverneur.", None, None),
])
def test_extract_press_one_of_the_drones_downed(extractor, text, intercepted, hit):
    (event,) = strikes(extractor, text, "2024-05-02")
    assert (event.intercepted, event.hit) == (intercepted, hit)


@pytest.mark.parametrize("text, counts", [
    # a foiled attack of counted weapons: all of them stopped
    ("Le ministère russe a indiqué avoir déjoué en mer Noire une attaque par quatre drones "
     "navals visant le port de Novorossiisk.", (4, 4, 0)),
    ("Selon le ministère, une attaque de cinq drones contre la région de Koursk a été déjouée.",
     (5, 5, 0)),
    # (a guard) repelled is not said to be all stopped
    ("La défense a repoussé une attaque de cinq drones contre la région de Koursk.",
     (5, None, None)),
])
def test_extract_press_a_foiled_attack_of_counted_weapons(extractor, text, counts):
    (event,) = strikes(extractor, text, "2024-05-02")
    assert (event.launched, event.intercepted, event.hit) == counts


@pytest.mark.parametrize("text, intercepted", [
    # more shot down "dans ses environs": the same place's, added
    ("La défense aérienne a abattu six drones au-dessus de Kharkiv et deux dans ses environs, a "
     "indiqué le maire.", 8),
    ("La défense aérienne a abattu six drones au-dessus de Kharkiv et trois dans sa banlieue, a "
     "indiqué le maire.", 9),
    # (a guard) another place's share is not added
    ("La défense aérienne a abattu six drones au-dessus de Kharkiv et deux au-dessus de Soumy, "
     "a indiqué l'armée de l'air.", 6),
])
def test_extract_press_more_downed_around_the_same_town_add_up(extractor, text, intercepted):
    events = strikes(extractor, text, "2024-05-02")
    kharkiv = next(e for e in events if e.location and e.location.place == "Kharkiv")
    assert kharkiv.intercepted == intercepted


@pytest.mark.parametrize("text, launched, intercepted", [
    # the weapons a relative clause says got through count none shot down, so the night's
    # tally keeps the figure downed told for the others
    ("Les défenses aériennes ont abattu 30 des 41 drones Shahed lancés par la Russie dans la "
     "nuit de lundi à mardi, selon l'armée de l'air. La Russie a aussi tiré un missile "
     "Iskander-M et un missile Kh-59 qui n'ont pas pu être interceptés, selon l'armée de "
     "l'air.", 43, 30),
    # (a guard) the clause inside the list
    ("La Russie a tiré mardi deux missiles balistiques, qui n'ont pas pu être abattus, et dix "
     "drones, dont huit ont été abattus.", 12, 8),
    # (a guard) the clause tells of the drones only: the missiles' part stays unknown
    ("La Russie a tiré mardi deux missiles Iskander sur Kharkiv et trois drones qui n'ont pas "
     "pu être abattus.", 5, None),
])
def test_extract_press_weapons_that_got_through(extractor, text, launched, intercepted):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text", [
    ("La défense antiaérienne russe a intercepté 210 drones ukrainiens au-dessus du territoire "
     "russe dans la nuit, y compris au-dessus de la région de Moscou, selon le ministère de la "
     "Défense."),
    ("Les défenses aériennes ont abattu 210 drones ukrainiens dans la nuit, y compris la région "
     "de Moscou, selon le ministère russe de la Défense."),
])
def test_extract_press_a_tally_including_a_region_is_the_country_s(extractor, text):
    # "y compris" names a part: the tally is the whole country's, not the region's
    event, = strikes(extractor, text)
    assert event.intercepted == 210
    assert event.location.country == "RU" and event.location.admin1 is None


def test_extract_press_one_more_casualty_elsewhere_is_that_place_s(extractor):
    # "et un autre dans la région de X": one more person hurt, at another place, with its
    # own figure: its own record (before, the toll went to the country)
    text = ("Les frappes nocturnes ont fait dimanche deux blessés à Kiev et un autre dans la "
            "région de Soumy, selon les autorités locales.")
    found = {(e.location.place, e.location.admin1): e.injured for e in strikes(extractor, text)}
    assert found == {("Kyiv", "Kyiv City"): 2, (None, "Sumy Oblast"): 1}


def test_extract_press_one_more_drone_downed_elsewhere_makes_no_strike_of_its_own(extractor):
    # (a guard) drones downed around one city, district by district, are no two strikes
    text = ("Le maire de Moscou a annoncé dimanche qu'un drone avait été intercepté près de "
            "Khimki et un autre au-dessus de Mytichtchi.")
    assert len(strikes(extractor, text)) == 1


@pytest.mark.parametrize("text, launched, intercepted", [
    # "ont pu être abattus": a modal before the passive of downing
    ("Le pays a été visé dans la nuit par 48 drones Shahed, dont 41 ont pu être abattus, "
     "selon l'armée de l'air ukrainienne.", 48, 41),
    ("Sur les 20 drones lancés mardi contre Odessa, 15 ont pu être interceptés.", 20, 15),
])
def test_extract_press_downed_after_a_modal(extractor, text, launched, intercepted):
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text, hit", [
    # a day or a time between the verb of falling and where: still weapons that came down
    ("Quatre drones sont tombés mardi sur un dépôt pétrolier de Briansk, selon le gouverneur.", 4),
    # (a guard) the reflexive form was read already
    ("Deux drones se sont écrasés mardi matin contre un immeuble de Koursk.", 2),
])
def test_extract_press_fell_on_a_target_with_a_time_between(extractor, text, hit):
    event, = strikes(extractor, text)
    assert event.hit == hit


def test_extract_press_a_strike_told_twice_is_one(extractor):
    # a summary up top, then the body tells it again with the speaker's name
    text = ("Un dépôt a pris feu samedi dans la région de Samara après une attaque de drone. "
            "Trois civils ont par ailleurs été tués et cinq autres blessés lors de frappes de "
            "drones dans la région de Belgorod, selon le gouverneur régional. Un incendie s'est "
            "déclaré samedi dans un dépôt de la région de Samara visé par un drone, a indiqué le "
            "gouverneur. Par ailleurs, trois civils ont été tués et cinq autres blessés lors de "
            "frappes de drones dans la région de Belgorod, a indiqué le gouverneur régional, "
            "Viatcheslav Gladkov.")
    belgorod = [e for e in strikes(extractor, text) if e.location.admin1 == "Belgorod Oblast"]
    assert len(belgorod) == 1
    event, = belgorod
    assert (event.killed, event.injured) == (3, 5)
    assert event.claimed_by.name == "Viatcheslav Gladkov"
    assert len(event.evidence) >= 2  # both tellings



def test_extract_press_same_figures_from_two_attackers_stay_two():
    # (a guard) a day's strike by each side on one region, with equal tolls: two happenings
    from dataclasses import replace

    from veille.extract import _told_again
    from veille.records import Actor, Event, Location, Span

    where = Location(admin1="Kherson Oblast", country="UA")
    one = Event(article_id="t", type="strike", date="2024-03-23", location=where, killed=2,
                actor=Actor(name="Russie", side="RU"), evidence=(Span(start=0, end=10, text="x" * 10),))
    other = Event(article_id="t", type="strike", date="2024-03-23", location=where, killed=2,
                  actor=Actor(name="Ukraine", side="UA"), evidence=(Span(start=20, end=30, text="y" * 10),))
    assert len(_told_again([one, other])) == 2
    # the same attacker: one happening told twice, with the evidence of both
    twice, = _told_again([one, replace(other, actor=one.actor)])
    assert [s.start for s in twice.evidence] == [0, 20]


@pytest.mark.parametrize("text, date", [
    # "quelques jours après que X": X some days before the saying, its day not told
    ("Le ministre a fait cette déclaration dimanche, quelques jours seulement après que Moscou "
     "a tiré un missile balistique sur la ville de Dnipro.", None),
    ("Plusieurs jours après que des drones ont frappé Odessa, le président a promis une riposte.",
     None),
    # (a guard) a counted offset gives the day
    ("Trois jours après que la Russie a frappé Odessa avec des drones, le président a promis "
     "une riposte.", "2024-11-21"),
])
def test_extract_press_some_days_before_gives_no_day(extractor, text, date):
    event, = [e for e in strikes(extractor, text, published="2024-11-24")]
    assert event.date == date


def test_extract_press_a_list_of_towns_yields_to_the_one_with_figures(extractor):
    text = ("Une salve de missiles iraniens a frappé Israël dimanche, faisant 6 morts et plus de "
            "90 blessés, selon les secours. Tel-Aviv, Haïfa et Bat Yam ont été touchées par des "
            "missiles. À Haïfa, six immeubles ont été endommagés et douze personnes ont été "
            "blessées.")
    found = {e.location.place: e.injured for e in strikes(extractor, text, published="2025-06-15")}
    assert found.get("Haifa") == 12 and "Tel Aviv" not in found


@pytest.mark.parametrize("text, claimant", [
    # an outlet relays, the source it cites speaks
    ("Selon l'agence de presse d'Etat, qui cite le ministère russe de la Défense, un drone a été "
     "détruit dimanche au-dessus de Moscou.", "ministère russe de la Défense"),
    ("Des drones ont attaqué Moscou dimanche, faisant un blessé, rapporte l'agence de presse "
     "TASS, citant le ministère russe de la Défense.", "ministère russe de la Défense"),
    # (a guard) an official citing the services speaks for them
    ("Un drone a été abattu dimanche près de Moscou, selon le maire, qui cite les services "
     "d'urgence.", "maire"),
])
def test_extract_press_the_source_an_outlet_cites(extractor, text, claimant):
    event, = strikes(extractor, text, published="2023-07-30")
    assert event.claimed_by is not None and event.claimed_by.name == claimant


@pytest.mark.parametrize("text, expected", [
    # a tally after a colon, region by region: the total, and each region's share
    ("Dimanche, la Russie a abattu cinq drones : deux dans la région de Koursk et trois dans "
     "celle de Briansk.",
     {(None, "RU"): 5, ("Kursk Oblast", "RU"): 2, ("Bryansk Oblast", "RU"): 3}),
    # shares in two countries: each is that country's record, no sum over both
    ("Moscou a affirmé dimanche que sa défense antiaérienne avait détruit six drones ukrainiens: "
     "un au-dessus de la région de Koursk et cinq autres au-dessus de la Crimée.",
     {("Kursk Oblast", "RU"): 1, ("Crimea", "UA"): 5}),
    ("Le ministère a indiqué dimanche que 11 drones ukrainiens avaient été détruits dans la nuit "
     "au-dessus de la Crimée, cinq autres au-dessus de la région de Belgorod.",
     {("Crimea", "UA"): 11, ("Belgorod Oblast", "RU"): 5}),
])
def test_extract_press_a_tally_told_region_by_region(extractor, text, expected):
    found = {(e.location.admin1, e.location.country): e.intercepted
             for e in strikes(extractor, text, published="2023-07-30")}
    assert found == expected


@pytest.mark.parametrize("text, claimant", [
    # "une source citée par Reuters": the source speaks, the agency relays
    ("Des drones ukrainiens ont frappé dimanche un dépôt de munitions dans la région de Voronej, "
     "a déclaré dimanche une source de sécurité ukrainienne citée par Reuters.",
     "source de sécurité ukrainienne"),
    ("Des drones ont frappé dimanche un dépôt de munitions dans la région de Voronej, a déclaré "
     "le gouverneur Alexandre Goussev, cité par les agences russes.", "Alexandre Goussev"),  # (a guard)
])
def test_extract_press_a_source_cited_by_an_agency_speaks(extractor, text, claimant):
    event, = strikes(extractor, text, published="2024-09-29")
    assert event.claimed_by is not None and event.claimed_by.name == claimant


def test_extract_press_a_gas_explosion_is_no_strike(extractor):
    text = ("Explosion dans un immeuble de Samara : le bilan passe à onze morts. Onze personnes "
            "sont mortes dans l'explosion survenue tôt mardi dans un immeuble d'habitation de "
            "Samara, selon le ministère des Situations d'urgence. Les enquêteurs ont confirmé "
            "qu'une fuite de gaz était à l'origine de l'explosion.")
    assert strikes(extractor, text, published="2024-03-12") == []


def test_extract_press_a_strike_that_sets_gas_ablaze_stays(extractor):
    # (a guard) a weapon named: the explosion of gas is the strike's consequence
    text = ("Un drone ukrainien a frappé mardi une station de pompage près de Samara, provoquant "
            "une explosion de gaz, selon le gouverneur.")
    assert len(strikes(extractor, text, published="2024-03-12")) == 1


@pytest.mark.parametrize("text", [
    "Un avion de ligne s'est écrasé dimanche près d'Omsk peu après son décollage, faisant 40 morts.",
    "Un avion de transport militaire Il-76 s'est écrasé mardi dans la région de Tver, selon le "
    "ministère de la Défense.",
])
def test_extract_press_an_aircraft_crash_is_no_strike(extractor, text):
    assert strikes(extractor, text, published="2024-03-12") == []


def test_extract_press_a_drone_that_crashed_on_a_building_is_a_strike(extractor):
    # (a guard) a weapon came down
    event, = strikes(extractor, "Un drone s'est écrasé mardi sur un immeuble de Koursk.",
                     published="2024-03-12")
    assert event.hit == 1


@pytest.mark.parametrize("text, n", [
    # a launch in a drill or a test is no attack
    ("L'armée russe a lancé mardi un missile hypersonique Zircon lors d'exercices en mer de "
     "Barents.", 0),
    ("Moscou a tiré mardi deux missiles de croisière Kalibr dans le cadre de manoeuvres en "
     "mer Caspienne.", 0),
    # (a guard) a strike told beside a drill, with its toll
    ("Des missiles russes ont frappé mardi Kharkiv, tuant trois personnes, pendant que Moscou "
     "menait des exercices navals en mer Noire.", 1),
])
def test_extract_press_a_launch_in_a_drill_is_no_strike(extractor, text, n):
    assert len(strikes(extractor, text, published="2024-03-12")) == n


@pytest.mark.parametrize("text, launched, intercepted", [
    # "la totalité des drones": all those fired, told before
    ("Selon l'armée, la Russie a lancé dans la nuit 19 drones Shahed contre la région "
     "d'Odessa. La totalité des drones ont été abattus.", 19, 19),
    ("Moscou a tiré dans la nuit huit missiles de croisière sur Lviv, selon l'armée de l'air. "
     "L'ensemble des missiles a été intercepté.", 8, 8),
    # all of one kind and a part of another: every one of that kind, and the part
    ("Selon l'armée, la Russie a lancé dans la nuit 19 drones Shahed et 12 missiles Kalibr "
     "contre la région d'Odessa. La totalité des drones et 11 Kalibr ont été abattus par la "
     "défense aérienne.", 31, 30),
    ("Selon l'armée, la Russie a lancé dans la nuit 19 drones Shahed et 12 missiles Kalibr "
     "contre la région d'Odessa. Tous les missiles et 15 drones ont été abattus.", 31, 27),
])
def test_extract_press_the_whole_of_those_fired_downed(extractor, text, launched, intercepted):
    event, = strikes(extractor, text, published="2023-09-25")
    assert (event.launched, event.intercepted) == (launched, intercepted)


@pytest.mark.parametrize("text, place, injured", [
    # "des frappes ... ont touché X, faisant N blessés": the noun alone is generic, but its
    # verb names the place and the toll (before: no record, for want of a weapon named)
    ("Des frappes russes ont touché Tchernihiv dans la nuit, faisant quatre blessés, selon "
     "le maire.", "Chernihiv", 4),
    # (a guard) with a weapon named it was read already
    ("Des frappes de missiles ont touché Tchernihiv dans la nuit, faisant quatre blessés.",
     "Chernihiv", 4),
])
def test_extract_press_generic_strikes_with_a_verb_and_a_toll(extractor, text, place, injured):
    event, = strikes(extractor, text)
    assert (event.location.place, event.injured) == (place, injured)


@pytest.mark.parametrize("text, side", [
    # "répliquer" promised, in the future or after a verb of going or meaning to
    ("Le Premier ministre israélien a assuré que son pays répliquera au moment qu'il "
     "choisira.", "IL"),
    # told by a third party: the one who would reply threatens (the teller is American)
    ("Le président américain a fait savoir que la Russie allait répliquer à l'attaque de "
     "drones contre ses aérodromes.", "RU"),
    # (a guard) "décidera quand et comment riposter": "riposter" alone was read already
    ("Le Kremlin a indiqué vendredi que l'armée déciderait quand et comment riposter aux "
     "attaques de drones.", "RU"),
    # strikes promised to go on
    ("Le président ukrainien a affirmé que son pays continuerait de frapper les raffineries "
     "russes.", "UA"),
    # a warning with no weapon named: the sentence is read at all
    ("Le président iranien a averti que la réponse de Téhéran serait foudroyante.", "IR"),
    # the promise reported in the conditional of the future in the past
    ("Le porte-parole des rebelles houthis a assuré samedi que leurs forces armées "
     "réagiraient.", "YE"),
    # force held ready
    ("« Nos combattants sont prêts à répondre à toute nouvelle agression », a déclaré le chef "
     "du Hezbollah.", "LB"),
])
def test_extract_press_more_threat_phrasings(extractor, text, side):
    threats = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert [e.actor.side for e in threats] == [side]


def test_extract_press_a_warning_of_danger_is_no_threat(extractor):
    # ", a averti le maire" after a quote that speaks of no force: a danger told, no threat
    # (the sentence reaches the reader now that "averti" passes the cue gate)
    text = ("« Les chances de retrouver des survivants sont faibles », a averti le maire de la "
            "ville, Ivan Petrenko, interrogé par l'AFP.")
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


@pytest.mark.parametrize("text", [
    # a system the knowledge base names makes the sentence worth reading, with no other war
    # word in it (the cue gate alone let it pass unread)
    "La Roumanie a reçu mardi ses premiers avions F-16, a annoncé le gouvernement.",
    "Le Danemark a livré à Kiev de nouveaux Mirage 2000, selon le ministre.",
])
def test_extract_press_a_named_system_alone_opens_the_sentence(extractor, text):
    assert [e.type for e in events_of(extractor, text)] == ["deployment"]


@pytest.mark.parametrize("text, country", [
    # delivered "au <pays>", with no strike told: where the systems now stand (it was
    # skipped as the receiver of weapons fired elsewhere)
    ("De nouveaux systèmes Patriot ont été livrés à la Pologne, a indiqué le ministre.", "PL"),
    # "têtes nucléaires", and a quote's "(avaient) été livrées"
    ("Selon le dirigeant, « les premières têtes nucléaires (avaient) été livrées sur le "
     "territoire du Bélarus ».", "BY"),
])
def test_extract_press_systems_delivered_to_a_country(extractor, text, country):
    deployments = [e for e in events_of(extractor, text) if e.type == "deployment"]
    assert [d.location.country for d in deployments] == [country]


def test_extract_press_weapons_given_to_a_country_then_fired_are_not_there(extractor):
    # with a strike told, the receiver is who fired them, not where they fell ("à l'Ukraine"
    # was read as the place, Koursk lost: only "au" and "aux" were known as the receiver's)
    text = "Des missiles fournis par Londres à l'Ukraine ont frappé mardi la ville de Koursk."
    event, = strikes(extractor, text)
    assert event.location.place == "Kursk"


@pytest.mark.parametrize("text", [
    "Le ministère russe de la Défense a annoncé avoir détruit deux drones ukrainiens au-dessus "
    "de la région de Koursk et un autre dans la région de Toula.",
    # "et d'un autre", after a noun of destroying
    "Le ministère russe de la Défense a fait état de la destruction de deux drones ukrainiens "
    "dans la région de Koursk et d'un autre dans la région de Toula.",
])
def test_extract_press_one_more_drone_in_another_region_is_its_share(extractor, text):
    # one more weapon "dans la région de Y": that region's share of the ministry's tally
    # (around one city, district by district, it stays one strike: see the guard above)
    found = {e.location.admin1: e.intercepted for e in strikes(extractor, text)}
    assert found == {None: 3, "Kursk Oblast": 2, "Tula Oblast": 1}


def test_extract_press_launchers_of_a_named_system_destroyed_are_a_target(extractor):
    # "ont détruit deux lanceurs ... du système Patriot": the launchers were the target and
    # the subject struck them (the system's name, parsed as an object of its own, made the
    # verb read as downing, whose attacker is the weapons' nationality: none)
    text = ("Les forces armées russes ont détruit deux lanceurs et deux stations radar du système "
            "antimissile Patriot, endommageant également les pistes des aérodromes.")
    event, = strikes(extractor, text)
    assert event.actor.side == "RU"


def test_extract_press_ready_to_answer_questions_is_no_threat(extractor):
    # (a guard) "prêt à répondre" is a threat of force only where someone is struck at
    text = "Le ministre de la Défense s'est dit prêt à répondre aux questions des députés jeudi."
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


@pytest.mark.parametrize("text, side", [
    # a claim of responsibility for an indefinite attack: the claimant struck
    ("Le Hezbollah a revendiqué mardi une attaque de drones contre une base militaire près de "
     "Haïfa.", "LB"),
    # (a guard) with a weapon named the noun alone was read already
    ("Les Houthis ont revendiqué de nouveaux tirs de missiles contre le port d'Eilat.", "YE"),
])
def test_extract_press_an_attack_claimed_is_the_claimants(extractor, text, side):
    event, = strikes(extractor, text)
    assert event.actor.side == side


def test_extract_press_downed_over_several_regions_is_the_tally_told(extractor):
    # "détruits au-dessus de plusieurs régions russes, dont celles de X et de Y": where the
    # ministry's drones fell, the tally just told, not a strike on a town of that name
    text = ("L'armée de l'air ukrainienne a indiqué que la Russie avait lancé 120 drones dans la "
            "nuit, dont 95 ont été abattus. D'autre part, l'armée russe a annoncé avoir abattu 80 "
            "drones ukrainiens au cours des 24 dernières heures. Les drones ont été détruits "
            "au-dessus de plusieurs régions russes, dont celles de Belgorod et de Koursk.")
    found = sorted((e.location.country, e.location.place, e.intercepted)
                   for e in strikes(extractor, text))
    assert found == [("RU", None, 80), ("UA", None, 95)]


def test_extract_press_the_one_missile_listed_beside_a_figure_struck(extractor):
    # "le missile Iskander et 26 drones ont frappé": the definite singular counts one, as
    # "un missile ... et 26 drones" does; beside the drones downed, that missile was not
    text = ("Dans la nuit, la Russie a lancé un missile Iskander et 120 drones contre l'Ukraine, "
            "selon l'armée de l'air. La défense a abattu 80 drones, tandis que le missile "
            "Iskander et 26 drones ont frappé plusieurs régions.")
    event, = strikes(extractor, text)
    assert (event.launched, event.intercepted, event.hit) == (121, 80, 27)


def test_extract_press_as_many_fell_as_were_fired_says_nothing_of_downing(extractor):
    # (a guard) with no kind said downed, "six drones sont tombés" may be the downed ones
    text = ("Une raffinerie de la région de Krasnodar a été visée dimanche par une attaque de six "
            "drones. Six drones sont tombés sur le site, a indiqué un responsable régional.")
    event, = strikes(extractor, text)
    assert event.intercepted is None


def test_extract_press_a_reported_conditional_without_force_is_no_threat(extractor):
    # (a guard) "qu'il répondrait aux questions": the conditional alone promises no force
    text = "Le ministre de la Défense a dit jeudi qu'il répondrait aux questions des députés."
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


def test_extract_press_interceptions_counted_are_weapons_downed(extractor):
    # "N interceptions": weapons downed, counted by the noun of the act
    text = ("Selon le gouverneur, la défense antiaérienne a effectué douze interceptions "
            "au-dessus de la région de Koursk dans la nuit de lundi à mardi.")
    event, = strikes(extractor, text)
    assert (event.location.admin1, event.intercepted) == ("Kursk Oblast", 12)


def test_extract_press_a_strike_the_means_allowed_is_done(extractor):
    # "a permis de détruire": what the means achieved, not a purpose
    text = ("Le travail conjoint de l'aviation et de l'artillerie a permis de détruire un dépôt de "
            "munitions près de Kharkiv, a annoncé le ministère russe de la Défense.")
    event, = strikes(extractor, text)
    assert event.location.admin1 == "Kharkiv Oblast"


def test_extract_press_a_named_air_defence_destroyed_is_no_defence(extractor):
    # "a détruit un lanceur du système sol-air allemand IRIS-T": the system is what was
    # struck, not a defence that fought (a hyphenated word hid the verb before it)
    text = ("L'armée russe a détruit mardi un lanceur du système sol-air allemand IRIS-T près de "
            "Kharkiv, a annoncé le ministère de la Défense.")
    event, = strikes(extractor, text)
    assert event.defenses == ()


def test_extract_press_south_of_the_capital_is_where_a_region_lies(extractor):
    # "dans la région de Kalouga, au sud de la capitale": where the region lies, not a
    # second place (the strike had joined the capital's)
    text = ("Le maire de Moscou a indiqué qu'un drone avait été abattu près de Roza, dans la "
            "région de Moscou. Le ministère a ajouté qu'un autre drone avait été détruit dans la "
            "région de Kalouga, au sud de la capitale.")
    assert sorted(e.location.admin1 for e in strikes(extractor, text)) == \
        ["Kaluga Oblast", "Moscow Oblast"]


def test_extract_press_a_figure_after_tandis_que_is_that_clause_s(extractor):
    # "... a endommagé des maisons, tandis que deux drones ont été détruits dans la région de
    # X": the figure belongs to the clause that opens with "tandis que", not to the verb
    # before it
    text = ("Une attaque de drones ukrainiens contre la région de Koursk a endommagé plusieurs "
            "maisons, tandis que deux drones ont été détruits au-dessus de la région de Belgorod, "
            "ont annoncé lundi les gouverneurs.")
    found = {e.location.admin1: e.intercepted for e in strikes(extractor, text)}
    assert found == {"Kursk Oblast": None, "Belgorod Oblast": 2}


def test_extract_press_the_day_of_the_strikes_a_threat_answers_is_not_its_own(extractor):
    # "les frappes menées samedi soir « ne resteront pas sans réponse »", said on Monday:
    # samedi is the strikes' day, the threat is the page's
    text = ("Les rebelles houthis ont averti que les frappes américaines menées samedi soir « ne "
            "resteront pas sans réponse ».")
    threats = [e for e in events_of(extractor, text, "2025-03-17") if e.type == "threat"]
    assert [t.date for t in threats] == ["2025-03-17"]


@pytest.mark.parametrize("text, side", [
    # "menacer de" + an infinitive of force the verb list missed
    ("Le conseiller présidentiel ukrainien a menacé jeudi de démanteler le pont de Crimée.", "UA"),
    # a present "menace" the tagger takes for a noun, a name before it and an infinitive after
    ("La Corée du Nord menace de réagir avec une force inédite aux manœuvres de ses voisins.",
     "KP"),
    # a name opening the sentence that the parse leaves without a verb
    ("Pyongyang menace de frapper les navires qui s'approcheront de ses côtes.", "KP"),
])
def test_extract_press_menacer_de_with_its_infinitive_is_a_threat(extractor, text, side):
    threats = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert len(threats) == 1 and threats[0].actor.side == side


@pytest.mark.parametrize("text", [
    # sanctions threatened: no force
    "Washington a menacé de sanctionner les entreprises qui fournissent des drones à Moscou.",
    "Après l'attaque, l'Union européenne menace de sanctions les fournisseurs de missiles.",
])
def test_extract_press_sanctions_threatened_are_no_threat_of_force(extractor, text):
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


def test_extract_press_the_noun_menace_before_an_infinitive_is_no_threat(extractor):
    # (a guard) "une nouvelle menace de frapper": a noun after its determiner, no one threatens
    text = "Une nouvelle menace de frapper les ports inquiète les armateurs de la région."
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


def test_extract_press_a_state_told_it_will_be_punished_is_threatened(extractor):
    # "il doit être puni et il sera puni": the speaker's promise of punishment to a state
    text = ("« Le régime sioniste a commis une faute, il doit être puni et il sera puni », a "
            "déclaré mercredi le guide suprême iranien.")
    threat, = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert threat.actor.side == "IR"


def test_extract_press_the_guilty_to_be_punished_is_no_threat(extractor):
    # (a guard) the authors of a strike "seront punis": justice promised, no force
    text = ("Le procureur a assuré que les auteurs de la frappe sur la gare avaient été "
            "identifiés et qu'ils seront punis.")
    assert [e for e in events_of(extractor, text) if e.type == "threat"] == []


def test_extract_press_a_struck_system_stood_in_the_country_that_received_it(extractor):
    # "a détruit un système ... fourni par la France à l'Ukraine": no other place told, the
    # system stood where it was delivered
    text = ("Le ministère russe de la Défense a affirmé jeudi que ses forces avaient détruit un "
            "système antiaérien SAMP/T fourni par l'Italie à l'Ukraine.")
    event, = strikes(extractor, text)
    assert event.location.country == "UA"


def test_extract_press_missiles_delivered_are_not_where_they_fell(extractor):
    # (a guard) the receiver of the missiles that struck is not the place struck
    text = ("Des missiles ATACMS fournis par Washington à l'Ukraine ont frappé jeudi un aérodrome "
            "de la région de Koursk.")
    event, = strikes(extractor, text)
    assert event.location.country == "RU"


def test_extract_press_another_town_struck_with_its_own_verb_is_its_own_strike(extractor):
    # two towns 25 km apart: near enough to be told loosely as one place, but each is struck
    # with a verb of its own
    text = ("Des frappes israéliennes ont visé mercredi la ville de Nabatiyé, dans le sud du "
            "Liban, faisant 16 morts. À Cana, un raid israélien a détruit une dizaine "
            "d'immeubles, selon un secouriste.")
    assert sorted(e.location.place for e in strikes(extractor, text)) == ["Nabatieh", "Qâna"]


@pytest.mark.parametrize("text", [
    # (a guard) "cette frappe" told from another town is the one told before
    "Un missile iranien a frappé dimanche la ville de Tamra, dans le nord d'Israël, tuant trois "
    "femmes. Une quatrième femme est morte dans cette frappe, a annoncé un hôpital de Haïfa.",
    # (a guard) where most of the drones over the city were downed: districts, not strikes
    "Des drones ont attaqué Moscou dans la nuit. Au moins dix drones ont été abattus, "
    "principalement au-dessus d'Istra, de Krasnogorsk et d'Odintsovo.",
])
def test_extract_press_the_strike_told_again_from_elsewhere_stays_one(extractor, text):
    assert len(strikes(extractor, text)) == 1


def test_extract_press_a_named_local_body_tells_its_town(extractor):
    # a local body the knowledge base knows by its whole name holds the town inside that
    # name; "cette ville du sud de l'Ukraine" describes the town, it is no second place
    text = ("L'administration militaire de la ville de Kherson a annoncé mardi qu'un homme avait "
            "été tué par un bombardement russe sur cette ville du sud de l'Ukraine.")
    event, = strikes(extractor, text)
    assert (event.location.place, event.killed) == ("Kherson", 1)


@pytest.mark.parametrize("text, place, admin1", [
    # the district around a town that is no region's seat is that town's
    ("Les forces russes ont visé jeudi la région de Kryvyï Rih, blessant une femme.",
     "Kryvyi Rih", "Dnipropetrovsk Oblast"),
    # (a guard) the region named after its seat is the region
    ("Un drone a frappé jeudi la région de Kharkiv, blessant une femme.", None, "Kharkiv Oblast"),
])
def test_extract_press_the_region_of_a_town_that_seats_none_is_the_town(extractor, text, place,
                                                                       admin1):
    event, = strikes(extractor, text)
    assert (event.location.place, event.location.admin1) == (place, admin1)


def test_extract_press_targets_struck_are_no_munitions_and_not_the_attacker(extractor):
    # "ont visé 36 cibles des Houthis": what was struck (not what was fired), owned by the
    # group named after them (not the one who struck)
    text = ("Les frappes américaines de samedi ont visé 36 cibles des Houthis dans 13 lieux au "
            "Yémen, selon un communiqué du Pentagone.")
    event, = strikes(extractor, text)
    assert (event.launched, event.hit, event.actor.side) == (None, None, "US")


def test_extract_press_aerial_targets_destroyed_stay_a_tally(extractor):
    # (a guard) "58 cibles aériennes détruites": the air force's count of what it downed
    text = "La défense aérienne a détruit 58 cibles aériennes dans la nuit, selon l'armée de l'air."
    event, = strikes(extractor, text)
    assert event.intercepted == 58


def test_extract_press_the_country_that_launched_is_not_the_country_told(extractor):
    # "lancés par la Russie": who launched them; "du pays" is the country told before
    text = ("La Russie a de nouveau attaqué l'Ukraine cette nuit. Au total, la défense a abattu "
            "42 drones dans le sud et le centre du pays, sur les 86 lancés par la Russie.")
    event, = strikes(extractor, text)
    assert (event.location.country, event.launched, event.intercepted) == ("UA", 86, 42)


def test_extract_press_the_night_s_tally_after_a_town_s_body_is_its_own(extractor):
    # the town's strike is located by the body that told it; the air force's count of the
    # night that follows is the country's, not the town's
    text = ("L'administration militaire de la ville de Kherson a indiqué jeudi qu'un homme avait "
            "été tué par un bombardement russe ayant touché cette ville du sud de l'Ukraine. "
            "Au total, l'armée de l'air "
            "a abattu 42 drones dans le sud et le centre du pays, sur les 86 lancés par la "
            "Russie dans la nuit.")
    found = {(e.location.place, e.intercepted) for e in strikes(extractor, text)}
    assert ("Kherson", None) in found and (None, 42) in found


@pytest.mark.parametrize("text", [
    # a habit told on the verb, a day beside it: a campaign, no strike of that day
    "Israël frappe quasi quotidiennement le sud du Liban depuis le cessez-le-feu conclu en "
    "novembre dernier.",
    "L'armée russe bombarde chaque nuit la ville de Kherson depuis le mois de mars.",
])
def test_extract_press_a_habit_on_the_verb_is_no_strike(extractor, text):
    assert strikes(extractor, text) == []


def test_extract_press_a_subject_the_parse_left_before_the_auxiliary(extractor):
    # "après que Moscou ait promis des représailles": the subjunctive's subject, unattached
    text = ("Les frappes ont repris après que Moscou ait promis des « représailles » pour "
            "l'explosion qui a endommagé le pont.")
    threats = [e for e in events_of(extractor, text, "2022-10-13") if e.type == "threat"]
    assert [t.actor.side for t in threats] == ["RU"]


def test_extract_press_the_city_called_after_the_river(extractor):
    # "la ville du Dniepr": the city, not the river
    text = ("Dans la ville du Dniepr, un employé a été tué par une frappe russe, a indiqué le "
            "vice-Premier ministre.")
    event, = strikes(extractor, text)
    assert event.location.place == "Dnipro"


def test_extract_press_a_clause_with_a_side_s_adjective_names_no_speaker(extractor):
    # the clause the parse took for the subject of "a indiqué" holds "russe": no speaker
    text = ("Dans la ville de Dnipro, au centre-est du pays, un ouvrier d'une centrale thermique "
            "a été tué par une frappe russe, a indiqué le vice-Premier ministre.")
    event, = strikes(extractor, text)
    assert event.claimed_by is None or len(event.claimed_by.name or "") < 40


@pytest.mark.parametrize("text", [
    # the name in an apposition the parse left out of the subject's phrase
    "Le guide de la Révolution islamique, l'ayatollah Ali Khamenei, a déclaré mercredi que le "
    "régime sioniste « doit être puni et sera puni » pour cette attaque.",
    # a verb the parse gave no subject: the name between the commas right before it
    "Lors d'un discours prononcé mercredi à Téhéran après avoir dirigé la prière, le guide "
    "suprême, l'ayatollah Ali Khamenei, a déclaré que le régime sioniste « sera puni ».",
])
def test_extract_press_the_punished_is_threatened_by_the_speaker(extractor, text):
    # "X sera puni": its subject is whom the speaker threatens
    threat, = [e for e in events_of(extractor, text, "2024-04-12") if e.type == "threat"]
    assert threat.actor.side == "IR"


def test_extract_press_a_lead_s_list_of_regions_holds_none_for_the_first_strike(extractor):
    # the lead lists the regions struck; Kharkiv's own account follows, then Odessa's: the
    # list does not make Odessa Kharkiv's
    text = ("Quatre personnes ont été tuées par des drones russes à Kharkiv, selon les autorités "
            "locales. Les régions de Soumy, d'Odessa et de Kharkiv ont été visées dans la nuit, "
            "selon les autorités ukrainiennes. Dans la région d'Odessa, des frappes de drones ont "
            "provoqué des incendies, selon le gouverneur régional.")
    admin1 = sorted(e.location.admin1 for e in strikes(extractor, text))
    assert admin1 == ["Kharkiv Oblast", "Odesa Oblast"]


def test_extract_press_a_system_named_by_what_it_is_for_is_no_event(extractor):
    # "une batterie d'interception de missiles THAAD": what the battery is for, no
    # interception told; the delivery goes to Israel
    text = ("Selon une chaîne saoudienne, les États-Unis ont transféré une batterie "
            "d'interception de missiles THAAD supplémentaire vers Israël.")
    found = events_of(extractor, text, "2025-04-10")
    assert [e.type for e in found] == ["deployment"]
    assert found[0].location.country == "IL"


def test_extract_press_systems_said_to_be_in_a_country_now_are_deployed(extractor):
    # "Des F-16 sont en Ukraine": systems standing in the country now
    text = ("« C'est désormais la réalité dans notre ciel : des F-16 sont en Ukraine », a déclaré "
            "le président ukrainien.")
    deployment, = [e for e in events_of(extractor, text) if e.type == "deployment"]
    assert deployment.location.country == "UA"


def test_extract_press_people_in_a_country_are_no_deployment(extractor):
    # (a guard) no system named: no deployment
    text = "Les journalistes étrangers sont en Ukraine depuis le début de la guerre."
    assert [e for e in events_of(extractor, text) if e.type == "deployment"] == []


def test_extract_press_where_the_attack_told_took_place(extractor):
    # "L'incident s'est produit près de X": the place of the strike just told
    text = ("Un drone russe a touché un immeuble dans la nuit, selon les secours. L'incident "
            "s'est produit près de Kharkiv.")
    event, = strikes(extractor, text)
    assert event.location.place == "Kharkiv"


def test_extract_press_a_meeting_that_took_place_is_no_strike(extractor):
    # (a guard) "a eu lieu" of anything but an attack places nothing
    text = ("Un drone russe a touché un immeuble dans la nuit, selon les secours. La réunion des "
            "ministres a eu lieu à Kharkiv.")
    assert [e.location.place for e in strikes(extractor, text)] != ["Kharkiv"]


def test_extract_press_the_only_capital_is_the_capital(extractor):
    # "sur la seule capitale ukrainienne": the capital, its own record beside the night's tally
    text = ("L'armée de l'air a indiqué avoir abattu 37 drones dans la nuit. Le Premier ministre "
            "ukrainien a fait état de cinq frappes de drones sur la seule capitale ukrainienne, "
            "où quatre personnes ont été tuées.")
    assert ("Kyiv", 4) in {(e.location.place, e.killed) for e in strikes(extractor, text)
                           if e.location is not None}


def test_extract_press_a_country_that_bombs_is_the_attacker_not_the_place(extractor):
    # "La Russie bombarde de nouveau le port d'Odessa": the active verb (folded like the
    # participle "bombardée"); Russia attacks, Odessa is struck
    text = ("La Russie bombarde de nouveau le port d'Odessa. La Russie a bombardé dans la nuit des "
            "villes du sud de l'Ukraine, dont Odessa, avec des drones et des missiles.")
    found = strikes(extractor, text, None)
    assert [e.location.country for e in found] == ["UA"]


def test_extract_press_a_toll_over_several_regions_keeps_each_region_s_own(extractor):
    # "cinq morts dans plusieurs régions, y compris celle de Kharkiv", then Kharkiv's governor
    # and Tchernihiv's own tolls: the summed toll is the country's, each region's its own
    text = ("Au moins cinq personnes ont été tuées mardi dans des bombardements russes sur "
            "plusieurs régions ukrainiennes, y compris celle de Kharkiv, ont indiqué les autorités. "
            "Selon le gouverneur de la région de Kharkiv, Oleh Synegoubov, deux personnes ont été "
            "tuées et quatre blessées par un missile. Dans la région de Tchernihiv, un homme de "
            "60 ans a été tué par un drone.")
    found = {(e.location.admin1, e.location.country, e.killed) for e in strikes(extractor, text)}
    assert found == {(None, "UA", 5), ("Kharkiv Oblast", "UA", 2), ("Chernihiv Oblast", "UA", 1)}


def test_extract_press_a_governor_s_toll_is_not_another_region_s(extractor):
    # the toll told by a region's governor, no place named, then another region's toll: two
    text = ("Deux personnes ont été tuées par un drone russe dans la nuit, a indiqué le gouverneur "
            "de la région de Soumy. Dans la région de Poltava, une femme a été blessée par des "
            "tirs.")
    found = {(e.location.admin1, e.killed, e.injured) for e in strikes(extractor, text)}
    assert found == {("Sumy Oblast", 2, None), ("Poltava Oblast", None, 1)}


def test_extract_press_some_heading_for_a_city_leave_the_tally_national(extractor):
    # "80 drones abattus, dont certains se dirigeaient vers Moscou": where some went, the
    # figure the whole night's
    text = ("La défense antiaérienne russe a abattu 80 drones ukrainiens dans la nuit, dont "
            "certains se dirigeaient vers Moscou, selon le ministère.")
    event, = strikes(extractor, text)
    assert (event.location.place, event.location.country, event.intercepted) == (None, "RU", 80)


def test_extract_press_a_governor_s_count_with_only_the_country_named_is_his_region_s(extractor):
    # after the ministry's tally, "le gouverneur de la région de Koursk, dans le sud de la
    # Russie, a affirmé que 14 drones ...": his region's own record
    text = ("Le ministère russe de la Défense a indiqué que 90 drones avaient été abattus dans la "
            "nuit. Le gouverneur de la région de Koursk, dans le sud de la Russie, a affirmé que 14 "
            "drones avaient été détruits.")
    found = {(e.location.admin1, e.intercepted) for e in strikes(extractor, text)}
    assert found == {(None, 90), ("Kursk Oblast", 14)}


def test_extract_press_a_group_s_targets_in_its_country_are_struck_there(extractor):
    # "des positions du Hezbollah au Liban": what was struck lies in Lebanon
    text = "L'aviation israélienne a frappé mardi des positions du Hezbollah au Liban."
    event, = strikes(extractor, text)
    assert event.location.country == "LB"


def test_extract_press_a_group_in_its_country_firing_is_no_target(extractor):
    # (a guard) "Le Hezbollah au Liban a tiré des roquettes sur Israël": where it stands
    text = "Mardi, le Hezbollah au Liban a tiré une vingtaine de roquettes sur le nord d'Israël."
    event, = strikes(extractor, text)
    assert event.location.country == "IL"


def test_extract_press_a_toll_told_town_by_town_with_au_moins(extractor):
    # "... six morts à Kherson, au moins trois morts à Mykolaïv et ...": each town its own
    text = ("Selon le parquet, les bombardements russes ont fait six morts et 20 blessés à "
            "Kherson, au moins trois morts à Mykolaïv et deux personnes ont été tuées à Odessa.")
    found = {(e.location.place, e.killed) for e in strikes(extractor, text)}
    assert found == {("Kherson", 6), ("Mykolaiv", 3), ("Odesa", 2)}


def test_extract_press_history_in_a_relative_clause_after_a_deployment(extractor):
    # "les Patriot déployés en Pologne ..., dans le cadre de la guerre, qui a commencé le 24
    # février": the history is the war's, the deployment is of now
    text = ("Varsovie a indiqué que les batteries Patriot déployées par l'Allemagne en Pologne sont "
            "désormais opérationnelles face à la guerre en Ukraine, qui a commencé le 24 février 2022.")
    deployment, = [e for e in events_of(extractor, text) if e.type == "deployment"]
    assert deployment.location.country == "PL"



def test_extract_press_a_system_said_to_be_in_place_is_deployed(extractor):
    # "les batteries SAMP/T sont désormais « en place » en Roumanie": a deployment
    text = ("Les batteries SAMP/T envoyées par la France sont désormais « en place » en Roumanie, "
            "a déclaré le ministre.")
    deployment, = [e for e in events_of(extractor, text) if e.type == "deployment"]
    assert deployment.location.country == "RO"


def test_extract_press_a_truce_in_place_is_no_deployment(extractor):
    # (a guard) "en place" of no system, in a story of strikes: neither the trigger's need
    # of a deployable thing nor the record's need of a system lets it through
    text = ("Le cessez-le-feu entre Israël et le Hezbollah est en place depuis mardi, malgré des "
            "frappes de drones.")
    assert [e for e in events_of(extractor, text) if e.type == "deployment"] == []


def test_extract_press_the_airspace_s_country_in_a_participle_is_no_attacker(extractor):
    # "deux drones ayant pénétré dans l'espace aérien roumain": Romania's airspace, not
    # Romania's drones
    text = ("Deux drones ayant pénétré dans l'espace aérien roumain ont été abattus dans la nuit, a "
            "annoncé le ministère roumain de la Défense.")
    event, = strikes(extractor, text)
    assert event.location.country == "RO"
    assert event.actor is None or event.actor.side != "RO"


def test_extract_press_a_count_over_n_regions_is_the_country_s(extractor):
    # "23 drones détruits dans cinq régions, dont celle de Koursk": the figure is the whole
    # country's, Koursk one of the five
    text = ("Le ministère russe de la Défense a affirmé avoir détruit 23 drones ukrainiens dans cinq "
            "régions, dont celle de Koursk, pendant la nuit.")
    event, = strikes(extractor, text)
    assert (event.location.admin1, event.location.country, event.intercepted) == (None, "RU", 23)


def test_extract_press_the_same_fate_promised_is_a_threat(extractor):
    # "le Liban subira le même sort que Gaza": a threat, by whoever promises it
    text = ("Le ministre israélien de la Défense a averti mardi que le Liban subira le même sort "
            "que Gaza si le Hezbollah poursuit ses tirs.")
    threat, = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert threat.actor.side == "IL"


def test_extract_press_whose_fate_is_promised_is_not_the_threatener(extractor):
    # "le sort du Liban sera le même que celui de Gaza", told with no name: Lebanon is
    # threatened, never the threatener
    text = ("Le ministre israélien de la Défense a publié un communiqué jeudi. « Je l'ai déjà dit : "
            "le sort du Liban sera le même que celui de Gaza. Le Hezbollah paiera très cher ses "
            "tirs de roquettes sur Israël. »")
    threats = [e for e in events_of(extractor, text) if e.type == "threat"]
    assert not [e for e in threats if e.actor is not None and e.actor.side == "LB"]


def test_extract_press_a_region_also_targeted_after_the_tally_is_its_own(extractor):
    # the night's tally, then "La Russie a également ciblé une école dans la région de X",
    # a verb with no weapon named: another record
    text = ("L'armée de l'air ukrainienne a indiqué avoir abattu 30 des 35 drones lancés par la "
            "Russie dans la nuit. La Russie a également ciblé une école dans la région de Soumy "
            "(nord), une attaque qui n'a pas fait de blessés selon son gouverneur.")
    found = {(e.location.admin1, e.intercepted) for e in strikes(extractor, text)}
    assert found == {(None, 30), ("Sumy Oblast", None)}


def test_extract_press_the_region_of_a_governor_of_another_region(extractor):
    # after Kyiv's region, "le gouverneur de Poltava a déclaré qu'un drone avait été abattu
    # au-dessus de la région": his region, not the one named last
    text = ("Le gouverneur de la région de Kiev n'a signalé aucun dégât dans la nuit. Le gouverneur "
            "de Poltava a déclaré que la défense antiaérienne avait abattu deux drones au-dessus de "
            "la région.")
    found = [e.location.admin1 for e in strikes(extractor, text) if e.intercepted == 2]
    assert found == ["Poltava Oblast"]


def test_extract_press_a_rough_count_and_the_exact_one_are_one_attack(extractor):
    # "plus de 60 drones" in a dated lead, then the air force's "64 drones Shahed": one night
    text = ("Dans la nuit du 3 au 4 mars, les forces ukrainiennes ont rapporté une attaque de "
            "grande ampleur menée par la Russie avec plus de 60 drones kamikazes. Selon l'armée de "
            "l'air ukrainienne, les Russes ont lancé 64 drones Shahed visant des cibles en Ukraine. "
            "La défense antiaérienne a abattu 58 des 64 appareils.")
    event, = strikes(extractor, text, "2025-03-04")
    assert (event.launched, event.intercepted) == (64, 58)


def test_extract_press_a_rough_count_far_from_the_exact_one_is_another_wave(extractor):
    # (a guard) "plus de 60 drones" in the lead, then "84 drones Shahed": too far apart to be
    # the same count
    text = ("Dans la nuit du 3 au 4 mars, les forces ukrainiennes ont rapporté une attaque de "
            "grande ampleur menée par la Russie avec plus de 60 drones kamikazes. Selon l'armée de "
            "l'air ukrainienne, les Russes ont lancé 84 drones Shahed visant des cibles en Ukraine.")
    assert sorted(e.launched for e in strikes(extractor, text, "2025-03-04")) == [60, 84]


def test_extract_press_a_count_over_the_north_of_a_country_and_a_region_is_the_country_s(extractor):
    # "vers le nord d'Israël et la région de Tel-Aviv": a part of the country ("d'", not only
    # "de l'") and a region, the count the whole salvo's
    text = ("Quelque 35 missiles ont été tirés mardi vers le nord d'Israël et la région de Tel-Aviv, "
            "selon l'armée israélienne.")
    event, = strikes(extractor, text)
    assert (event.location.admin1, event.location.country, event.launched) == (None, "IL", 35)


def test_extract_press_a_lance_after_an_apposition_launches_not_says(extractor):
    # "..., la branche armée du mouvement, a lancé une « vaste » attaque de drones vers
    # Israël": what was fired, and where; no one who said it
    text = ("La chaîne du mouvement a annoncé que les Houthis, la branche armée du mouvement, ont "
            "lancé une « vaste » attaque de « drones et de missiles » vers Israël.")
    event, = strikes(extractor, text)
    assert event.location.country == "IL"
    assert event.claimed_by is None or event.claimed_by.side != "IL"


def test_extract_press_a_lance_after_a_quote_still_names_the_speaker(extractor):
    # (a guard) "« ... », a lancé le maire de Kharkiv": who said it
    text = "« Trois drones ont été abattus au-dessus de la ville », a lancé le maire de Kharkiv."
    event, = strikes(extractor, text)
    assert event.claimed_by is not None and "Kharkiv" in (event.claimed_by.name or "")


def test_extract_press_a_calm_that_seems_back_doubts_nothing(extractor):
    # "la situation semble désormais calme": the doubt is on the aftermath, not the strike
    text = ("Deux drones russes ont frappé un entrepôt de Kharkiv dans la nuit, a indiqué le maire, "
            "qui a ajouté que la situation dans tout le quartier industriel semble désormais calme.")
    event, = strikes(extractor, text)
    assert event.hedged is False


def test_extract_press_another_weapon_at_a_site_left_unnamed_is_another_strike(extractor):
    # "trois drones ont visé la base d'Al-Udeid", then "un autre drone a visé une base dans le
    # sud du pays": another weapon at a site not named, so not the one told
    text = ("Trois drones ont visé la base aérienne d'Al-Udeid, au Qatar, selon le Pentagone. Un "
            "autre drone a visé une base dans le sud du pays, selon la même source.")
    found = strikes(extractor, text)
    assert len(found) == 2
