"""Cases a code review found: offsets that must stay exact, words that only look like
names, dates or counts, and a failing article that must not stop the batch."""
from __future__ import annotations

import pytest

from veille.records import Article, Notice

pytestmark = pytest.mark.model


def _events(extractor, text, published="2024-03-12"):
    result = extractor.extract(Article(id="r", text=text, published=published))
    return result, [e.to_dict() for e in result.events]


def _spans_exact(result, events):
    for event in events:
        for (start, end), text in zip(event["evidence_spans"], event["evidence"]):
            assert result.cleaned[start:end] == text
        for field, value in event["provenance"].items():
            if "start" in value:
                assert result.cleaned[value["start"]:value["end"]] == value["text"], field


def test_extract_source_from_an_earlier_sentence_keeps_offsets_exact(extractor):
    text = ("Dans une longue intervention consacrée aux sanctions occidentales, a déclaré mardi "
            "Dmitri Medvedev. Il promet des représailles.")
    result, events = _events(extractor, text)
    threat = next(e for e in events if e["type"] == "threat")
    assert threat["actor"]["side"] == "RU"
    _spans_exact(result, events)


def test_extract_an_outlet_name_needs_its_capital(extractor):
    text = "Selon le point de situation de l'armée ukrainienne, des drones russes ont frappé Odessa mardi."
    _, events = _events(extractor, text)
    assert events[0]["claimed_by"]["name"] != "Le Point"
    assert events[0]["claimed_by"]["side"] == "UA"


def test_extract_offsets_survive_ligatures_and_combining_marks(extractor):
    text = "Des drones, l'œuvre de Kiev, ont frappé Belgorod mardi, selon le blog Ста́рый."
    result, events = _events(extractor, text)
    assert events[0]["location"]["place"] == "Belgorod"
    _spans_exact(result, events)


def test_extract_la_veille_follows_a_date_told_in_a_sentence_without_event(extractor):
    text = ("Le 3 mars, le président Zelensky s'est rendu à Odessa pour une visite officielle. "
            "La veille, des drones russes avaient frappé la ville, tuant deux personnes.")
    _, events = _events(extractor, text, published="2024-03-10")
    assert [e["date"] for e in events if e["type"] == "strike"] == ["2024-03-02"]


def test_extract_sept_jours_is_not_september(extractor):
    text = "Les frappes russes sur Kharkiv ont tué 20 civils en sept jours, a indiqué le maire."
    _, events = _events(extractor, text, published="2023-11-12")
    assert all(not (e["date"] or "").startswith("2023-09") for e in events)


def test_extract_counts_that_look_like_years(extractor):
    text = "Mardi, la Russie a lancé 2000 drones sur Kyiv, dont 1950 ont été abattus."
    _, events = _events(extractor, text)
    assert (events[0]["launched"], events[0]["intercepted"]) == (2000, 1950)


def test_extract_elided_weapon_name(extractor):
    text = "L'S-400 a abattu trois missiles ATACMS au-dessus de Belgorod mardi."
    _, events = _events(extractor, text)
    assert events[0]["defenses"] == ["S-400"]
    assert events[0]["intercepted"] == 3


def test_extract_a_failing_article_becomes_a_notice(extractor, monkeypatch):
    real = extractor.reader.read

    def read(index, start, text, doc, ctx):
        if "PANNE" in text:
            raise RuntimeError("boom")
        return real(index, start, text, doc, ctx)

    monkeypatch.setattr(extractor.reader, "read", read)
    good = Article(id="ok", text="Mardi, des drones russes ont frappé Odessa.", published="2024-03-12")
    bad = Article(id="ko", text="PANNE : des missiles ont frappé Kharkiv mardi.", published="2024-03-12",
                  origin="feed.jsonl:2")
    out = list(extractor.extract_many([bad, good]))
    assert isinstance(out[0], Notice) and out[0].code == "E015" and out[0].origin == "feed.jsonl:2"
    assert out[1].events, "the next article is still extracted"


@pytest.mark.parametrize("text,place", [
    # the attacker's army is no office of the place that follows
    ("Mardi, l'armée russe a visé Kharkiv avec des missiles.", "Kharkiv"),
    # an office named after a place is no target; the target is the place after "sur"
    ("Mardi, le gouverneur de la région de Krasnodar a annoncé que des drones avaient frappé "
     "Novorossiisk.", "Novorossiysk"),
    ("Selon l'administration militaire régionale de Kharkiv, des drones ont frappé Odessa mardi.",
     "Odesa"),
])
def test_extract_office_places_are_not_targets(extractor, text, place):
    _, events = _events(extractor, text)
    assert events[0]["location"]["place"] == place


def test_extract_generic_missiles_named_by_a_later_sentence(extractor):
    text = ("Le 20 novembre, une attaque de missiles a visé une usine de la région de Rostov. "
            "Le 22 novembre, une autre attaque de missiles a frappé un aérodrome près de Taganrog. "
            "Dans les deux cas, selon l'armée russe, les missiles tirés par les forces ukrainiennes "
            "étaient des ATACMS américains.")
    _, events = _events(extractor, text, published="2024-11-25")
    strikes = [e for e in events if e["type"] == "strike"]
    assert len(strikes) == 2
    assert all(e["weapons"] == ["ATACMS"] for e in strikes)


def test_extract_deployment_told_over_several_days_is_one(extractor):
    text = ("La Russie a commencé à déployer des armes nucléaires tactiques au Bélarus, a annoncé "
            "vendredi Vladimir Poutine lors du forum économique de Saint-Pétersbourg. Les premières "
            "ogives ont été livrées au Bélarus, a-t-il précisé, ajoutant que le transfert serait "
            "achevé d'ici la fin de l'été.")
    _, events = _events(extractor, text, published="2023-06-16")
    deployments = [e for e in events if e["type"] == "deployment"]
    assert len(deployments) == 1
    assert deployments[0]["location"]["country"] == "BY"  # not where the forum was
    assert deployments[0]["hedged"] is False  # a future in the past is no doubt


def test_extract_a_strike_done_in_retaliation_is_no_threat(extractor):
    text = ("Jeudi, Moscou a déclaré que ses frappes de missiles sur Kharkiv visaient des sites "
            "militaires, en représailles aux attaques de Kiev contre des raffineries russes.")
    _, events = _events(extractor, text, published="2024-04-11")
    assert [e["type"] for e in events] == ["strike"]


@pytest.mark.parametrize("text,etype,check", [
    ("Mardi, à Nikopol, deux personnes ont été blessées par des tirs d'artillerie russes.",
     "strike", lambda e: e["location"]["place"] == "Nikopol" and e["injured"] == 2),
    ("Le gouverneur de la région de Belgorod a fait état mardi de six drones abattus au-dessus "
     "de la région.", "strike",
     lambda e: e["location"]["admin1"] == "Belgorod Oblast" and e["intercepted"] == 6),
    ("Un système S-400 aurait été repositionné mardi près de Chebekino.", "deployment",
     lambda e: e["location"]["place"] == "Shebekino" and e["hedged"] is True),
    ("Mardi, le Kremlin a assuré que l'attaque contre Belgorod « ne resterait pas impunie ».",
     "threat", lambda e: e["actor"]["side"] == "RU"),
])
def test_extract_more_phrasings(extractor, text, etype, check):
    _, events = _events(extractor, text)
    found = [e for e in events if e["type"] == etype]
    assert found and check(found[0]), found


def test_extract_dropped_bombs_are_launched(extractor):
    text = ("Les forces russes ont largué mardi une quinzaine de bombes planantes KAB sur Kharkiv, "
            "tuant deux civils et en blessant 17 autres, a annoncé le gouverneur Oleh Synehoubov.")
    _, events = _events(extractor, text, published="2024-05-14")
    assert (events[0]["launched"], events[0]["killed"], events[0]["injured"]) == (15, 2, 17)


def test_extract_agent_of_a_bare_participle_is_the_attacker(extractor):
    text = ("Sur les 55 drones lancés par la Russie dans la nuit, 34 ont été abattus par la défense "
            "aérienne, a précisé mercredi l'armée de l'air ukrainienne.")
    _, events = _events(extractor, text, published="2025-01-15")
    assert events[0]["actor"]["side"] == "RU"
    assert (events[0]["launched"], events[0]["intercepted"]) == (55, 34)


def test_extract_a_local_official_speaks_for_the_place_struck(extractor):
    text = ("Un drone ukrainien a frappé un minibus dans la région de Belgorod samedi, faisant un "
            "mort et six blessés, selon le gouverneur régional.")
    _, events = _events(extractor, text, published="2024-08-10")
    assert events[0]["claimed_by"]["side"] == "RU"


def test_extract_every_strike_in_a_threat_is_no_strike(extractor):
    text = ("Volodymyr Zelensky a promis mercredi que « l'occupant paiera pour chaque frappe sur "
            "nos villes ».")
    _, events = _events(extractor, text, published="2023-04-05")
    assert [e["type"] for e in events] == ["threat"]
    assert events[0]["actor"]["side"] == "UA"


def test_extract_one_count_for_missiles_and_drones_and_a_count_after_its_verb(extractor):
    text = ("La Russie a mené vendredi une attaque aérienne massive avec 158 missiles et drones, "
            "selon l'armée de l'air ukrainienne, qui affirme en avoir abattu 114.")
    _, events = _events(extractor, text, published="2023-12-29")
    assert (events[0]["launched"], events[0]["intercepted"]) == (158, 114)


def test_extract_a_ship_touched_by_missiles(extractor):
    text = ("Le croiseur Moskva a coulé jeudi. Kiev affirme l'avoir touché avec deux missiles "
            "antinavires Neptune, ce que Moscou dément.")
    _, events = _events(extractor, text, published="2022-04-14")
    strikes = [e for e in events if e["type"] == "strike"]
    assert strikes and strikes[0]["weapons"] == ["Neptune"] and strikes[0]["actor"]["side"] == "UA"


def test_extract_offtopic_articles_give_no_event(extractor):
    from samples import REPO
    from veille.ingest import read_articles

    results = list(extractor.extract_many(read_articles([REPO / "benchmarks" / "offtopic"])))
    assert len(results) == 18
    assert not [e for r in results for e in r.events]


def test_extract_an_article_with_nothing_to_read_is_not_read_sentence_by_sentence(extractor,
                                                                                 monkeypatch):
    """A page with no sentence that may carry an event (most of a general news feed) costs
    its cleaning and the gate only; a war story is read sentence by sentence."""
    calls = []
    real = extractor.reader.read
    monkeypatch.setattr(extractor.reader, "read", lambda *a, **k: calls.append(1) or real(*a, **k))
    rugby = Article(id="sport", text="Le XV de France a battu l'Irlande samedi au Stade de "
                                     "France. Les Bleus ont marqué quatre essais en seconde "
                                     "période.", published="2024-03-12")
    result, = extractor.extract_many([rugby])
    assert result.events == () and calls == []
    war = Article(id="war", text="Trois drones russes ont frappé Kharkiv dans la nuit. Le maire "
                                 "a fait état de deux blessés.", published="2024-03-12")
    result, = extractor.extract_many([war])
    assert len(calls) == 2 and result.events


def test_extract_a_war_storys_sentence_with_nothing_to_make_a_frame_of_is_not_parsed(extractor):
    """The statistical pipeline sees only the sentences that may make a frame: a trigger, a
    count, a tally word or a reporting verb. The others of a war story are read from their
    words alone (who speaks, which places)."""
    war = Article(id="war", text="Trois drones russes ont frappé Kharkiv dans la nuit. Les "
                                 "soldats sont épuisés par trois ans de front. Le maire a fait "
                                 "état de deux blessés.", published="2024-03-12")
    result, = extractor.extract_many([war])
    assert (result.sentences, result.parsed) == (3, 2)
    (event,) = result.events
    assert (event.location.place, event.injured) == ("Kharkiv", 2)


def test_extract_parsing_fewer_sentences_changes_no_event(extractor, monkeypatch):
    """The bundled sample gives the same events whether every candidate sentence is parsed
    or only those that may make a frame."""
    from samples import REPO
    from veille.ingest import read_articles

    articles = [a for a in read_articles([REPO / "examples" / "articles"]) if isinstance(a, Article)]
    few = [r.events for r in extractor.extract_many(articles)]
    monkeypatch.setattr(extractor.reader, "worth_parsing", lambda text, low: True)
    every = [r.events for r in extractor.extract_many(articles)]
    assert few == every
