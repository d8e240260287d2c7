"""Counts in French sentences: the number, and what it counts (EVENTS.md, "Numbers").

Each table row is one sentence and the counts an annotator would read from it, as
``(value, role)`` pairs in text order; roles are launched, intercepted, hit, killed and
injured. Dates, distances, durations, percentages, years, ordinals, weapon designations
and money are not counts. Every sentence is written for these tests.
"""
from __future__ import annotations

import pytest

from veille.extract.numbers import CountFinder, parse_number_word
from veille.kb import load_kb


@pytest.fixture(scope="module")
def finder() -> CountFinder:
    return CountFinder(load_kb().cues)


def counts(finder: CountFinder, text: str) -> list[tuple[int, str]]:
    """(value, role) of every count, with named weapons as the pipeline gives them."""
    spans = [(m.start, m.end) for m in load_kb().gazetteer.find(text, ("weapon",))]
    return [(c.value, c.role) for c in finder.find(text, weapon_spans=spans, skip_spans=spans)]


# -- parse_number_word ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("11", 11),
    ("1 200", 1200),
    pytest.param("1\u00a0200", 1200),
    ("huit", 8),
    ("Huit", 8),
    ("vingt-cinq", 25),
    ("quatre-vingt-dix", 90),
    ("soixante et onze", 71),
    ("deux cents", 200),
    ("trois mille cinq cents", 3500),
    ("une douzaine", 12),
    ("une vingtaine", 20),
    ("une centaine", 100),
    ("plusieurs", None),
    ("", None),
])
def test_extract_numbers_parse_number_word(text, expected):
    assert parse_number_word(text) == expected


# -- counts and their roles -----------------------------------------------------------------



@pytest.mark.parametrize("text, expected", [
    # digits and number words, active voice
    ("Les forces russes ont tiré 11 missiles sur la région.", [(11, "launched")]),
    ("L'ennemi a lancé huit missiles de croisière vers le sud.", [(8, "launched")]),
    ("Moscou a lancé 1 200 drones au cours du mois.", [(1200, "launched")]),
    ("L'armée a lancé vingt-cinq drones Shahed contre la ville.", [(25, "launched")]),
    ("Au total, quatre-vingt-dix drones ont été lancés.", [(90, "launched")]),
    # the people counted by what they were doing
    ("Dans le port, trois dockers ont été tués et sept passagers ont été blessés.",
     [(3, "killed"), (7, "injured")]),
    # "un seul", "une seule": one, counted
    ("Une seule roquette a percé la défense de la ville.", [(1, "hit")]),
    ("Dans le village, un seul habitant a été blessé.", [(1, "injured")]),
    ("Au moins 10 drones ont été abattus au-dessus de la capitale.", [(10, "intercepted")]),
    pytest.param("Une douzaine de drones ont été abattus pendant la nuit.", [(12, "intercepted")]),
    pytest.param("Une vingtaine de personnes ont été blessées.", [(20, "injured")]),
    # passive and participles
    ("Onze missiles ont été tirés par l'armée russe.", [(11, "launched")]),
    ("Sept missiles ont été interceptés, mais un a atteint sa cible.",
     [(7, "intercepted"), (1, "hit")]),
    ("Les 20 drones lancés contre le port ont été repérés par les radars.", [(20, "launched")]),
    ("Trois drones abattus près de la frontière, selon l'armée.", [(3, "intercepted")]),
    ("Deux missiles ont atteint leur cible dans le centre-ville.", [(2, "hit")]),
    ("Deux missiles ont été tirés : l'un a été abattu, l'autre a touché un immeuble.",
     [(2, "launched"), (1, "intercepted"), (1, "hit")]),
    # nominal constructions
    ("Le ministère a annoncé la destruction de huit missiles.", [(8, "intercepted")]),
    ("L'interception de 12 drones a été confirmée par l'état-major.", [(12, "intercepted")]),
    ("Une salve de six missiles a visé la centrale.", [(6, "launched")]),
    pytest.param("Une attaque de 50 drones a été repoussée dans la nuit.", [(50, "launched")]),
    # a part of a total
    ("Sur les 40 drones lancés, 35 ont été abattus.", [(40, "launched"), (35, "intercepted")]),
    pytest.param("L'armée de l'air a abattu 30 des 35 drones.",
                 [(30, "intercepted"), (35, "launched")]),
    ("Les Russes ont lancé 40 drones, dont 35 ont été abattus.",
     [(40, "launched"), (35, "intercepted")]),
    pytest.param("La défense a abattu 23 drones sur les 25 lancés.",
                 [(23, "intercepted"), (25, "launched")]),
    pytest.param("Sur huit missiles, six ont été abattus et deux ont atteint leur cible.",
                 [(8, "launched"), (6, "intercepted"), (2, "hit")]),
    # two weapons sharing one verb
    ("27 missiles et 20 drones ont été détruits.", [(27, "intercepted"), (20, "intercepted")]),
    ("Six missiles Kh-101 ont été abattus au-dessus de la région.", [(6, "intercepted")]),
    ("Quatre Iskander-M ont été tirés depuis la Crimée.", [(4, "launched")]),
    # people
    ("La frappe a fait deux morts et cinq blessés.", [(2, "killed"), (5, "injured")]),
    ("Le missile a touché un immeuble, faisant deux morts et cinq blessés.",
     [(2, "killed"), (5, "injured")]),
    ("Un drone s'est abattu sur une maison, tuant au moins une personne.",
     [(1, "hit"), (1, "killed")]),
    ("Une personne est morte et trois ont été blessées.", [(1, "killed"), (3, "injured")]),
    ("Deux civils ont été tués dans le bombardement.", [(2, "killed")]),
    ("Quatre personnes ont été hospitalisées après l'attaque.", [(4, "injured")]),
    ("Au moins 10 personnes ont été tuées et 34 blessées.", [(10, "killed"), (34, "injured")]),
    ("Le bilan s'élève à cinq morts et douze blessés.", [(5, "killed"), (12, "injured")]),
    # drones that flew over a town or into a country's airspace, or were identified, came:
    # as many were launched at it
    ("Neuf drones ont survolé la ville vers trois heures du matin.", [(9, "launched")]),
    ("Quatre drones ont pénétré dans l'espace aérien du pays cette nuit.", [(4, "launched")]),
    ("Trois roquettes ont été identifiées au-dessus de la frontière.", [(3, "launched")]),
    # the ones told before, downed: "les" between the verb and the figure; "les cinq ...
    # tirés": all those fired, as many launched
    ("La défense a réussi à abattre les cinq missiles de croisière tirés sur le port.",
     [(5, "intercepted"), (5, "launched")]),
    ("La défense a réussi à abattre les cinq missiles de croisière.", [(5, "intercepted")]),
    # where the weapons came from, between the figure and its verb
    ("Trois drones hostiles en provenance de Syrie ont été abattus au-dessus du Golan.",
     [(3, "intercepted")]),
    ("Deux missiles venus du Yémen ont été interceptés dans la nuit.", [(2, "intercepted")]),
    ("Au total, 60 drones ont été repérés dans le ciel du pays.", [(60, "launched")]),
    ("Quatre civils ont subi des blessures lors de l'attaque.", [(4, "injured")]),
    ("Les autorités ont dénombré 40 drones et cinq missiles.", [(40, "launched"), (5, "launched")]),
    # "autres" before a noun of its own is no ellipsis of the count before
    ("L'armée a lancé trois missiles Iskander et 12 autres missiles Kalibr.",
     [(3, "launched"), (12, "launched")]),
    # the verb quoted with its agent
    ("Quinze drones ont été « abattus par nos unités mobiles » cette nuit.", [(15, "intercepted")]),
])
def test_extract_numbers_roles(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # no comma before "dont", the part named by its own noun: the verb is the whole's too
    ("Au total, 45 missiles dont huit Kinjal ont été détruits au-dessus de la région.",
     [(45, "intercepted"), (8, "intercepted")]),
    # the part quoted, its verb after the closing quote
    ("En tout, 45 missiles dont « environ huit Kinjals » ont été détruits cette nuit.",
     [(45, "intercepted"), (8, "intercepted")]),
    # the part with its own verb and no noun: the whole is what came
    ("L'armée a recensé 90 drones dont 70 ont été abattus.", [(90, "launched"), (70, "intercepted")]),
])
def test_extract_numbers_a_part_after_dont_and_whose_verb(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # figures quoted one by one after the verb that launched them
    ("Les frégates « ont été attaquées par au moins six drones » navals, « deux missiles "
     "balistiques et un missile de croisière », selon la marine.",
     [(6, "launched"), (2, "launched"), (1, "launched")]),
])
def test_extract_numbers_quoted_figures(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # one hit, then "l'autre" or "un autre" with its own verb: a second one
    ("Un obus a touché l'école, l'autre a frappé un entrepôt voisin.", [(1, "hit"), (1, "hit")]),
    ("Un missile a touché la gare, tandis qu'un autre a frappé le marché.",
     [(1, "hit"), (1, "hit")]),
    # "une autre vague de 12 drones": "une autre" names a wave, counts nothing
    ("Plus tard, une autre vague de 12 drones a visé la ville.", [(12, "launched")]),
])
def test_extract_numbers_the_other_one(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "N sur M" followed by where the drones flew
    ("Mardi, la défense a neutralisé 12 drones sur 15 au-dessus du centre du pays.",
     [(12, "intercepted"), (15, "launched")]),
    # a figure quoted after the verb that launched it, an editor's noun in brackets
    ("Moscou a frappé la nuit dernière avec « au moins 60 missiles et une trentaine de (drones) "
     "Geran », selon le président.", [(60, "launched"), (30, "launched")]),
    ("L'armée a attaqué en tirant « jusqu'à 25 missiles » depuis la mer et « environ 15 drones » "
     "depuis le nord.", [(25, "launched"), (15, "launched")]),
    # "au total" before the auxiliary
    ("L'état-major a précisé que 52 engins au total avaient été lancés contre le pays.",
     [(52, "launched")]),
    ("Selon lui, 14 drones en tout ont été abattus.", [(14, "intercepted")]),
    # drones put to use in an attack
    ("Un total de 23 drones ont été déployés au cours de cette attaque nocturne.",
     [(23, "launched")]),
    ("Neuf drones ont été déployés lors du raid contre la base.", [(9, "launched")]),
    # counted by the defence
    ("L'armée de l'air a recensé 60 drones, dont 41 ont été abattus.",
     [(60, "launched"), (41, "intercepted")]),
    ("Les radars ont détecté 33 cibles aériennes au-dessus du pays.", [(33, "launched")]),
    ("Au total, 33 cibles ont été détectées et détruites par la défense.", [(33, "intercepted")]),
    # a toll whose noun comes before the figure
    ("Le nombre de morts dans la frappe sur le port est passé à 12.", [(12, "killed")]),
    ("Le bilan des blessés s'est alourdi à 31, selon les secours.", [(31, "injured")]),
    ("Le nombre de morts a atteint 7 mardi soir.", [(7, "killed")]),
    ("Dans l'immeuble, trois hommes ont été retrouvés morts.", [(3, "killed")]),
    ("Le système de défense a abattu mercredi un missile balistique.", [(1, "intercepted")]),
    ("Un drone s'est écrasé sur un immeuble, tuant une enseignante à la retraite.",
     [(1, "hit"), (1, "killed")]),
    ("La frappe a blessé deux chauffeurs et un cycliste.", [(2, "injured"), (1, "injured")]),
    ("L'armée de l'air a comptabilisé 70 drones, dont 52 ont été abattus.",
     [(70, "launched"), (52, "intercepted")]),
    ("Dans la nuit, 64 cibles aériennes ont été enregistrées.", [(64, "launched")]),
    ("La défense a neutralisé 50 drones ennemis sur les 64 enregistrés.",
     [(50, "intercepted"), (64, "launched")]),
    ("Ukraine : 50 drones russes sur 64 abattus dans la nuit.",
     [(50, "intercepted"), (64, "launched")]),
    ("L'armée a fait état de 60 drones et de quatre missiles lancés par la Russie.",
     [(60, "launched"), (4, "launched")]),
    ("La frégate a intercepté avec succès un drone au-dessus de la mer.", [(1, "intercepted")]),
    ("Au total, plus de 30 cibles ennemies ont été détruites.", [(30, "intercepted")]),
    # "N cibles sur M", "N sur les M lancés"
    ("La défense a neutralisé 44 cibles sur 52 : des drones et des missiles.",
     [(44, "intercepted"), (52, "launched")]),
    ("La défense a abattu 17 drones sur les 20 envoyés par l'ennemi.",
     [(17, "intercepted"), (20, "launched")]),
    # "périr" with any auxiliary; brothers are people
    ("Deux frères ont péri quand le drone a visé leur voiture.", [(2, "killed")]),
    ("Le maire a précisé qu'un passant avait péri.", [(1, "killed")]),
    # "avec" after a verb of downing is the means of the downing
    ("La défense a abattu ou intercepté avec des brouilleurs cinq drones au-dessus du port.",
     [(5, "intercepted")]),
    ("Les batteries ont détruit, avec des missiles Pantsir, sept drones.", [(7, "intercepted")]),
    # the downing told as a noun: those launched are the ones shot down
    ("L'état-major annonce la destruction de 45 drones lancés dans la nuit.", [(45, "intercepted")]),
    ("Moscou fait état de l'interception d'une trentaine de drones lancés vers la capitale.",
     [(30, "intercepted")]),
])
def test_extract_numbers_press_constructions(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a quote opened after a verb is still a quote when more than a figure follows
    ("Le ministre a abattu l'argument : « 12 drones ne font pas une offensive ».", []),
    # deployed systems are no launch
    ("Kiev a déployé quatre batteries Patriot dans l'ouest du pays.", []),
    # a toll that is no count of this attack's victims
    ("Le nombre de drones lancés est passé à 300 par nuit.", []),
])
def test_extract_numbers_press_constructions_guards(finder, text, expected):
    assert counts(finder, text) == expected


# -- numbers that are not counts ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # dates
    ("Le 23 novembre, la défense aérienne a abattu des drones.", []),
    ("Dans la nuit du 3 au 4 mars, des missiles ont été tirés.", []),
    # distances, durations, percentages, years
    ("Les drones ont été abattus à 10 km de la frontière.", []),
    ("Un missile est tombé à 30 kilomètres de la centrale.", []),
    ("En 24 heures, 40 drones ont été abattus.", [(40, "intercepted")]),
    ("Environ 80 % des missiles ont été interceptés.", []),
    ("Près de 90 pour cent des drones ont été abattus.", []),
    ("En 2023, l'armée a lancé des missiles contre le port.", []),
    # an article, a lapse of days, an ordinal
    ("Une attaque de drones a visé la ville de Soumy.", []),
    ("Deux jours après l'attaque, trois drones ont été abattus.", [(3, "intercepted")]),
    ("La 12e brigade a abattu trois drones.", [(3, "intercepted")]),
    ("La 110e brigade a été visée par des tirs d'artillerie.", []),
    # weapon designations
    ("Les systèmes S-400 ont abattu les drones.", []),
    ("Des missiles Kh-101 ont été tirés depuis des bombardiers Tu-95.", []),
    ("Les Shahed-136 ont été abattus par des tirs de mitrailleuses.", []),
    # money
    ("Un missile Patriot coûte environ 4 millions de dollars.", []),
    ("Kiev a reçu une aide de 500 millions d'euros pour acheter des missiles.", []),
    # times of day
    ("À 3 h 40, deux missiles ont atteint leur cible.", [(2, "hit")]),
])
def test_extract_numbers_not_counts(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "des N" after a noun that is no quantity is not "N des M"
    ("Le sort des deux drones restants n'a pas été précisé.", []),
    ("Les débris des trois drones ont endommagé un toit.", []),
    ("L'un des deux missiles a été abattu.", [(1, "intercepted"), (2, "launched")]),
    ("La défense a abattu plus des trois quarts des quelque 120 drones tirés.", [(120, "launched")]),
    ("La moitié des 40 missiles ont été interceptés.", [(40, "launched")]),
])
def test_extract_numbers_of_the_needs_a_quantity(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text", [
    "La ville, la deuxième du pays avant l'invasion lancée en février 2022, a été bombardée par "
    "un missile balistique.",
    "Depuis le 24 février 2022, tirés par centaines, les missiles ont frappé la ville.",
])
def test_extract_numbers_a_year_after_a_month_is_never_a_count(finder, text):
    # "février 2022, avait été bombardée": the comma and the verb after the year once made it
    # 2022 weapons fired
    assert all(value < 1900 for value, _ in counts(finder, text))


@pytest.mark.parametrize("text, expected", [
    ("Quatre personnes, dont une fillette de 12 ans, ont été tuées par un drone.", [(4, "killed")]),
    ("Une famille de cinq personnes, dont deux enfants, a été tuée sur place.", [(5, "killed")]),
    ("Trois personnes, parmi lesquelles un secouriste, ont été blessées.", [(3, "injured")]),
])
def test_extract_numbers_the_verb_after_an_aside_gives_the_role(finder, text, expected):
    # ", dont une fillette de 12 ans,": the figure's verb comes after the aside
    assert [(v, r) for v, r in counts(finder, text) if v > 2] == expected


@pytest.mark.parametrize("text, expected", [
    # the part's own verb right after it: the whole is what came
    ("Kharkiv a été attaquée au petit matin par 40 drones, dont 31 ont été neutralisés.",
     [(40, "launched"), (31, "intercepted")]),
    ("L'état-major évoque douze missiles, dont neuf interceptés, et quatre drones marins "
     "détruits.", [(12, "launched"), (9, "intercepted"), (4, "intercepted")]),
    # "N sur les M lancés par X": the verb after the agent is N's
    ("Selon l'état-major, 22 drones sur les 26 envoyés par l'ennemi ont été neutralisés.",
     [(22, "intercepted"), (26, "launched")]),
    # an aside closed by a comma before the verb: the verb is the whole's
    ("Au total 30 missiles, dont six Kinjal, ont été détruits.", [(30, "intercepted")]),
])
def test_extract_numbers_whole_and_part_each_with_its_verb(finder, text, expected):
    assert [(v, r) for v, r in counts(finder, text) if v != 6] == expected


@pytest.mark.parametrize("text, expected", [
    # the verb of shooting down after a list of launched kinds is every item's
    ("Jeudi, trois missiles Iskander et 14 drones explosifs tirés par l'ennemi sur Kherson "
     "(sud) ont été « neutralisés », selon l'administration.",
     [(3, "launched"), (3, "intercepted"), (14, "launched"), (14, "intercepted")]),
    ('Dix drones kamikazes envoyés vers Tcherkassy ont été "abattus", selon la région.',
     [(10, "launched"), (10, "intercepted")]),
])
def test_extract_numbers_shot_down_after_launched(finder, text, expected):
    assert sorted(counts(finder, text)) == sorted(expected)




@pytest.mark.parametrize("text, expected", [
    ("La défense ukrainienne a détruit 41 cibles aériennes, 35 missiles et 6 drones, pendant "
     "l'attaque nocturne.", [(41, "intercepted"), (35, "intercepted"), (6, "intercepted")]),
])
def test_extract_numbers_a_list_after_a_figure_summing_to_it_is_its_breakdown(finder, text,
                                                                             expected):
    # with commas only, no "dont" or "soit": the items sum to the figure before them
    assert counts(finder, text) == expected


def test_extract_numbers_a_list_that_does_not_sum_is_no_breakdown(finder):
    # (a guard) "12 drones, 4 missiles et 3 bombes" fired: three kinds, none a total
    found = counts(finder, "L'ennemi a lancé 12 drones, 4 missiles et 3 bombes guidées sur la "
                           "ville.")
    assert found == [(12, "launched"), (4, "launched"), (3, "launched")]


@pytest.mark.parametrize("text, expected", [
    ("Dans la nuit, la défense ukrainienne a abattu 41 cibles aériennes, 35 missiles et 6 "
     "drones, selon l'armée de l'air ukrainienne.", (None, 41)),
    ("Moscou a lancé 60 engins, 50 drones et dix missiles, contre les villes du centre, et 45 "
     "ont été abattus, selon l'armée de l'air ukrainienne.", (60, 45)),
    # a named system is a kind of its own, never the whole of the kinds after it
    ("Moscou a tiré six missiles Kinjal, quatre missiles Kh-101 et deux drones Shahed sur "
     "Odessa.", (12, None)),
])
def test_extract_numbers_a_breakdown_is_not_added_to_its_total(extractor, text, expected):
    from veille.records import Article

    [event] = extractor.extract(Article(id="b", text=text, published="2024-05-14")).events
    assert (event.launched, event.intercepted) == expected


@pytest.mark.parametrize("text, expected", [
    ("Les drones ont frappé trois bases aériennes, détruisant 12 avions au sol.", []),
    # (a guard: helicopters destroyed were never read as shot down)
    ("Sur l'aérodrome, sept hélicoptères ont été détruits par les missiles.", []),
    # (a guard) shot down in flight: intercepted
    ("La défense antiaérienne a abattu deux avions de chasse près de l'aérodrome.",
     [(2, "intercepted")]),
])
def test_extract_numbers_aircraft_destroyed_on_their_airfield_are_not_shot_down(finder, text,
                                                                                expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "dont N" opens a part: with no noun and no verb of its own that counts, nothing is fired
    ("Douze passants ont été blessés — dont quatre sont dans un état critique, selon la mairie.",
     [(12, "injured")]),
    ("Onze habitants ont été hospitalisés — dont deux sont entre la vie et la mort.",
     [(11, "injured")]),
    # (guards) a part with its own verb keeps it, the whole what came
    ("Une attaque de 48 drones — dont 40 ont été détruits — a visé le port.",
     [(48, "launched"), (40, "intercepted")]),
])
def test_extract_numbers_a_part_after_dont_fires_nothing_by_itself(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the kind of airframe belongs to the noun: the verb after it is the count's
    ("Selon le ministère, 64 drones à voilure fixe ont été détruits au-dessus de six régions.",
     [(64, "intercepted")]),
    ("En tout, 23 drones ukrainiens à voilure fixe ont été interceptés pendant la nuit.",
     [(23, "intercepted")]),
])
def test_extract_numbers_a_drones_airframe_is_part_of_its_noun(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "N l'ont été" repeats the verb of the figure before, at another place
    ("Au-dessus de la région de Koursk, 14 drones ont été détruits, tandis que neuf l'ont été "
     "au-dessus de celle d'Orel.", [(14, "intercepted"), (9, "intercepted")]),
    ("Trente missiles ont été interceptés près de Kiev et douze l'ont été dans la région de "
     "Lviv.", [(30, "intercepted"), (12, "intercepted")]),
])
def test_extract_numbers_l_ont_ete_repeats_the_verb_before(finder, text, expected):
    assert counts(finder, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("La défense a réalisé 40 interceptions au-dessus de la capitale.", [(40, "intercepted")]),
    # (a guard) intercepted calls are no weapons downed
    ("Le service a mené 40 interceptions de communications ennemies.", []),
])
def test_numbers_interceptions_counted(finder, text, expected):
    assert counts(finder, text) == expected


def test_extract_numbers_martyrs_announced_dead_are_killed(finder):
    # the word of the groups' own media for their dead
    text = "La chaîne du mouvement a annoncé la mort de cinq martyrs et fait état de 20 blessés."
    assert counts(finder, text) == [(5, "killed"), (20, "injured")]


def test_extract_numbers_the_last_share_of_a_list_told_by_un(finder):
    # "..., deux au-dessus de la région de Voronej et un au-dessus de celle de Belgorod": the
    # article counts, as the last share of a list of places
    text = ("Selon le ministère, 37 drones ont été détruits au-dessus de la région de Rostov, deux "
            "au-dessus de la région de Voronej et un au-dessus de la région de Belgorod.")
    assert [v for v, _ in counts(finder, text)] == [37, 2, 1]


def test_extract_numbers_un_after_a_figure_with_its_own_verb_is_no_share(finder):
    # (a guard) "et un autre a frappé": no list of places before, the article is no share
    text = "Un drone a été abattu au-dessus de la région de Koursk et un autre a frappé une maison."
    assert (1, "hit") in counts(finder, text)


@pytest.mark.parametrize("text, expected", [
    ("Dans le village, un homme de 45 ans a été tué par un éclat d'obus.", [(1, "killed")]),
    ("Une femme âgée a été blessée lors de l'attaque de drones.", [(1, "injured")]),
    ("Deux retraités âgés de 81 et 84 ans ont été blessés par la frappe.", [(2, "injured")]),
    ("Quatre personnes de plus de 70 ans ont été tuées dans l'immeuble.", [(4, "killed")]),
])
def test_extract_numbers_a_person_s_age_before_the_verb(finder, text, expected):
    # "un homme de 45 ans a été tué": the age between the person and the verb
    assert counts(finder, text) == expected


def test_extract_numbers_the_last_share_named_by_its_weapon(finder):
    # "..., quatre autres au-dessus de la région de Koursk et un missile Neptune au-dessus de
    # celle de Rostov": the last share of the list, with a noun and a name of its own
    text = ("Onze drones ont été abattus au-dessus de la région de Briansk, quatre autres au-dessus "
            "de la région de Koursk et un missile Neptune au-dessus de celle de Rostov.")
    assert counts(finder, text) == [(11, "intercepted"), (4, "intercepted"), (1, "intercepted")]


def test_extract_numbers_an_article_with_a_place_but_no_list_before_is_no_share(finder):
    # (a guard) "a lancé un missile sur la gare": "un" is an article there, a place after it
    # but no list of shares by place before it
    text = "Dans la nuit, l'armée russe a lancé un missile sur la gare de Kharkiv."
    assert counts(finder, text) == []


def test_extract_numbers_members_are_people(finder):
    # "le missile a tué quatre membres d'une même famille": people counted
    assert counts(finder, "Le missile a tué quatre membres d'une même famille, selon la police.") == \
        [(4, "killed")]


def test_extract_numbers_the_last_share_of_a_toll_told_by_une(finder):
    # "cinq morts à Kharkiv, deux à Soumy et une à Poltava": the last town's share of the toll
    text = "Cinq personnes ont été tuées à Kharkiv, deux à Soumy et une à Poltava, selon le parquet."
    assert counts(finder, text) == [(5, "killed"), (2, "killed"), (1, "killed")]


@pytest.mark.parametrize("text, expected", [
    ("Une frappe a tué trois Palestiniens et blessé deux Libanais près de la frontière.",
     [(3, "killed"), (2, "injured")]),
    ("Selon la police, deux Israéliennes ont été blessées par des éclats.", [(2, "injured")]),
])
def test_extract_numbers_people_named_by_their_nationality(finder, text, expected):
    # "trois Palestiniens", "deux Israéliennes": people counted
    assert counts(finder, text) == expected



def test_extract_numbers_a_wounded_man_who_died_is_not_counted_injured(finder):
    # "un homme de 48 ans, grièvement blessé, est décédé": the age, then an aside, then his
    # death; he is no one injured
    text = "Un homme de 48 ans, grièvement blessé, est décédé dans la nuit à l'hôpital."
    assert (1, "injured") not in counts(finder, text)
