"""Integrity of the knowledge base's data files, and the gazetteer that finds their aliases."""
from __future__ import annotations

import pytest
import yaml

from samples import KB_DATA
from veille.kb import fold, load_kb

SPEC_WEAPONS = {"ATACMS", "HIMARS", "Storm Shadow", "SCALP", "Taurus", "Neptune", "Shahed", "Geran",
                "Lancet", "Kalibr", "Kh-101", "Kh-22", "Kh-59", "Kinzhal", "Iskander", "Tochka-U",
                "Oreshnik", "Zircon", "S-300", "S-400", "Pantsir", "Tor", "Buk", "Patriot",
                "IRIS-T", "NASAMS", "SAMP/T", "Gepard"}
WEAPON_CLASSES = {"ballistic missile", "cruise missile", "hypersonic missile", "anti-ship missile",
                  "air-to-surface missile", "glide bomb", "one-way attack drone",
                  "reconnaissance drone", "rocket artillery", "tube artillery",
                  "surface-to-air system", "combat aircraft", "bomber", "helicopter",
                  "strategic missile", "naval drone"}
# rough boxes: every place must lie inside its country's
BOXES = {"UA": (44.0, 52.5, 22.0, 40.3), "RU": (41.0, 82.0, 19.0, 180.0),
         "BY": (51.2, 56.2, 23.1, 32.8), "MD": (45.4, 48.5, 26.6, 30.2),
         # the other countries long-range strikes reach, from a floor of population up
         "PL": (49.0, 54.9, 14.1, 24.2), "RO": (43.6, 48.3, 20.2, 29.8),
         "IL": (29.4, 33.4, 34.2, 35.9), "PS": (31.2, 32.6, 34.2, 35.6),
         "LB": (33.0, 34.7, 35.1, 36.7), "SY": (32.3, 37.4, 35.7, 42.4),
         "IR": (25.0, 39.8, 44.0, 63.4), "YE": (12.1, 19.0, 42.5, 54.6),
         "IQ": (29.0, 37.4, 38.8, 48.6), "JO": (29.2, 33.4, 34.9, 39.3),
         "SA": (16.3, 32.2, 34.5, 55.7)}
CORE = ("UA", "RU", "BY", "MD")  # every place of 500 people; elsewhere towns only


def _load(name):
    with open(KB_DATA / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_kb_weapons_cover_the_spec_names_and_classes():
    weapons = _load("weapons")
    assert len(weapons) >= 120
    assert SPEC_WEAPONS <= {w["family"] for w in weapons}
    assert {w["class"] for w in weapons} <= WEAPON_CLASSES
    names = [w["name"] for w in weapons]
    assert len(names) == len(set(names)), "duplicate canonical weapon names"


def test_kb_weapon_alias_belongs_to_one_family():
    owner = {}
    for w in _load("weapons"):
        for alias in w["aliases"]:
            key = fold(alias)
            assert owner.setdefault(key, w["family"]) == w["family"], alias


def test_kb_places_have_coordinates_inside_their_country():
    for p in _load("places"):
        if p["kind"] == "country" or p["country"] not in BOXES:
            continue
        lat0, lat1, lon0, lon1 = BOXES[p["country"]]
        assert p["lat"] is not None and p["lon"] is not None, p["name"]
        assert lat0 <= p["lat"] <= lat1 and lon0 <= p["lon"] <= lon1, p["name"]


def test_kb_place_alias_is_unique_within_a_kind():
    seen = {}
    for p in _load("places"):
        for alias in p["aliases"]:
            key = (p["kind"], fold(alias))
            assert seen.setdefault(key, p["name"]) == p["name"], alias


def test_kb_cities_sit_in_a_known_region():
    places = _load("places")
    regions = {(p["country"], p["name"]) for p in places if p["kind"] == "region"}
    for p in places:
        if p["kind"] in ("city", "site") and p["country"] in BOXES:
            assert (p["country"], p["admin1"]) in regions, p["name"]


def test_kb_actor_sides_are_declared():
    actors = _load("actors")
    sides = set(actors["sides"])
    for section in ("institutions", "persons"):
        for entry in actors[section]:
            assert entry.get("side") in sides | {None}, entry["name"]


@pytest.mark.parametrize("text,kind,expected", [
    ("Des frappes sur Koursk", "place", "Kursk"),
    ("à Kharkov ce matin", "place", "Kharkiv"),
    ("frappée à Odessa", "place", "Odesa"),
    ("le port d'Odessa", "place", "Port of Odesa"),
    ("la centrale nucléaire de Zaporijia", "place", "Zaporizhzhia Nuclear Power Plant"),
    ("un Kinjal", "weapon", "Kinzhal"),
    ("deux Iskander-M", "weapon", "Iskander"),
    ("les missiles ATACAMS", "weapon", "ATACMS"),
    ("un système C-400", "weapon", "S-400"),
    ("des X-101", "weapon", "Kh-101"),
    ("un Pantsir-S1", "weapon", "Pantsir"),
    ("des drones Shahed-136", "weapon", "Shahed"),
    ("des Ch-101", "weapon", "Kh-101"),
    ("des drones Géran-2", "weapon", "Geran"),
    ("des missiles Kalibr", "weapon", "Kalibr"),
    ("le missile Orechnik", "weapon", "Oreshnik"),
    ("à Zaporijia", "place", "Zaporizhzhia"),
    # a refinery's company name holds a town's name: the refinery, not Sloviansk in Ukraine
    ("la raffinerie Slaviansk EKO", "place", "Slavyansk-na-Kubani Refinery"),
    # names in the plural, as the press writes them at times
    ("dix Kinjals", "weapon", "Kinzhal"),
    ("des Shaheds", "weapon", "Shahed"),
    ("les Iskanders", "weapon", "Iskander"),
    ("deux batteries de Patriots", "weapon", "Patriot"),
])
def test_kb_gazetteer_finds_french_spellings(kb, text, kind, expected):
    hits = kb.gazetteer.find(text, (kind,))
    names = {h.entry.family if kind == "weapon" else h.entry.name for h in hits}
    assert expected in names, (text, names)


def test_kb_gazetteer_reports_offsets(kb):
    text = "Frappe sur Belgorod et Koursk."
    for hit in kb.gazetteer.find(text, ("place",)):
        assert text[hit.start:hit.end] == hit.text


def test_kb_gazetteer_ignores_a_letter_after_an_apostrophe(kb):
    # "Slavit's 400 passengers" must not read as S-400
    assert not kb.gazetteer.find("the Slavit's 400 passengers", ("weapon",))


def test_kb_user_file_layers_over_the_shipped_one(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "weapons:\n"
        "  - name: Bavovna-X\n    family: Bavovna-X\n    class: one-way attack drone\n"
        "    origin: UA\n    users: [UA]\n    aliases: [Bavovna-X, drone Bavovna]\n"
        "places:\n"
        "  - name: Testograd\n    kind: city\n    admin1: Kursk Oblast\n    country: RU\n"
        "    lat: 51.5\n    lon: 36.0\n    population: 100\n    aliases: [Testograd]\n",
        encoding="utf-8")
    kb = load_kb((str(extra),))
    assert kb.lookup("Bavovna-X", ("weapon",))[0].entry.users == ("UA",)
    assert kb.lookup("Testograd", ("place",))[0].entry.admin1 == "Kursk Oblast"
    assert kb.lookup("Kinjal", ("weapon",))  # the shipped entries are still there
    assert not load_kb().lookup("Bavovna-X", ("weapon",))  # and the shipped KB is untouched


# --- veille kb ---------------------------------------------------------------------------

def _run(*args):
    from click.testing import CliRunner

    from veille.cli import cli

    return CliRunner().invoke(cli, ["kb", *args])


@pytest.mark.parametrize("args", [["--help"], ["search", "--help"], ["show", "--help"],
                                  ["list", "--help"]])
def test_kb_cli_help_has_example(args):
    result = _run(*args)
    assert result.exit_code == 0
    assert "Example" in result.output


def test_kb_cli_search_tells_why_a_name_resolved():
    result = _run("search", "région de Koursk")
    assert result.exit_code == 0
    assert "Kursk Oblast (region" in result.output
    result = _run("search", "KINJAL")
    assert "-> Kinzhal" in result.output


def test_kb_cli_show_prints_the_entry_as_json():
    import json

    result = _run("show", "C-400")
    assert result.exit_code == 0
    entry = json.loads(result.output)
    assert entry["family"] == "S-400" and entry["kind"] == "weapon"


def test_kb_cli_unknown_name_exits_1():
    result = _run("search", "Nulle-part-sur-Mer")
    assert result.exit_code == 1


def test_kb_cli_list_counts_entries():
    result = _run("list", "--kind", "weapons")
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.startswith("weapon")]
    assert len(lines) == len(load_kb().weapons)


def test_kb_cli_uses_a_user_file(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("places:\n  - name: Testograd\n    kind: city\n    admin1: Kursk Oblast\n"
                     "    country: RU\n    lat: 51.5\n    lon: 36.0\n    population: 10\n"
                     "    aliases: [Testograd]\n", encoding="utf-8")
    assert _run("search", "Testograd").exit_code == 1
    result = _run("search", "Testograd", "--kb", str(extra))
    assert result.exit_code == 0 and "Kursk Oblast" in result.output


# --- the GeoNames extract and how names are disambiguated ----------------------------------

def _tsv_rows():
    with open(KB_DATA / "geonames.tsv", encoding="utf-8") as handle:
        next(handle)
        return [line.rstrip("\n").split("\t") for line in handle]


def test_kb_geonames_extract_stays_in_its_countries():
    rows = _tsv_rows()
    assert len(rows) > 5000
    for name, country, _admin1, lat, lon, _pop, aliases in rows:
        assert country in BOXES, name
        lat0, lat1, lon0, lon1 = BOXES[country]
        assert lat0 <= float(lat) <= lat1 and lon0 <= float(lon) <= lon1, name
        if country == "RU":
            assert float(lon) < 60.0, f"{name} is east of the Urals"
        if country not in CORE:  # no hamlet whose name is a word of the news ("Deja")
            assert int(_pop) >= 1000, name
        assert name in aliases.split("|")


def test_kb_geonames_regions_are_the_hand_kept_ones():
    regions = {p["name"] for p in _load("places") if p["kind"] == "region"}
    admin1 = {row[2] for row in _tsv_rows() if row[2]}
    assert admin1 <= regions


@pytest.mark.parametrize("text,expected", [
    # a hand-kept place wins over a village of the same name
    ("des frappes sur Avdiïvka", ("Avdiivka", "Donetsk Oblast")),
    # city, not region, for the bare name; region for "région de"
    ("des frappes sur Belgorod", ("Belgorod", "Belgorod Oblast")),
    ("dans la région de Belgorod", ("Belgorod Oblast", "Belgorod Oblast")),
    # a village from the GeoNames extract, after a place preposition
    ("un drone s'est écrasé près de Vyshenky", ("Vyshenky", "Kyiv Oblast")),
])
def test_kb_place_disambiguation(extractor_free_reader, text, expected):
    places = extractor_free_reader(text)
    assert (places[0].name, places[0].admin1) == expected


def test_kb_village_needs_a_place_preposition(extractor_free_reader):
    # "Bor" is a town of the Nizhny Novgorod region, and a word in many names
    assert extractor_free_reader("à Bor, trois drones ont été abattus")[0].name == "Bor"
    assert not extractor_free_reader("Bor a déclaré que tout allait bien")


def test_kb_fuzzy_spelling_finds_the_place(kb):
    assert kb.fuzzy_place("Krytchaw")[0].name == "Krychaw"
    assert kb.fuzzy_place("Ossipovitchi")[0].name == "Asipovichy"
    assert kb.fuzzy_place("Zelenskyy") == []


def test_kb_a_name_of_several_words_spelled_otherwise_sounds_the_same(kb):
    assert kb.sounding_place("Kryviy Rih")[0].name == "Kryvyi Rih"
    assert kb.sounding_place("Kryvyi") == []  # one word: the fuzzy lookup's job
    assert kb.sounding_place("Oleh Kiper") == []  # a person, no place


def test_kb_reader_finds_a_town_of_two_words_in_an_unlisted_spelling(extractor_free_reader):
    found = extractor_free_reader("La Russie a frappé Kherson et Kryviy Rih lundi.")
    assert {p.name for p in found} == {"Kherson", "Kryvyi Rih"}


@pytest.fixture(scope="module")
def extractor_free_reader(kb):
    """The places a sentence names, as the extractor reads them (no spaCy needed)."""
    from veille.extract.cues import Cues, matchable
    from veille.extract.dates import Published
    from veille.extract.sentence import ArticleContext, SentenceReader

    reader = SentenceReader(kb, Cues(kb))

    def places(text):
        ctx = ArticleContext(pub=Published.parse("2024-03-12"))
        mentions = kb.gazetteer.find(text)
        return [p for p, _, _ in reader._places(text, matchable(text), mentions, None, ctx)]

    return places


def test_kb_person_takes_the_side_of_the_office_held_then(tmp_path):
    import datetime as dt

    from veille.extract.attribution import resolve_who

    extra = tmp_path / "offices.yaml"
    extra.write_text(
        "actors:\n  persons:\n"
        "    - name: Ivan Testenko\n      side: UA\n      aliases: [Ivan Testenko, Testenko]\n"
        "      offices:\n"
        "        - {title: maire, side: UA, from: 2019-01-01, to: 2022-03-01}\n"
        "        - {title: gouverneur installé par Moscou, side: RU, from: 2022-04-26, to: null}\n",
        encoding="utf-8")
    kb = load_kb((str(extra),))
    text = "Ivan Testenko"
    assert resolve_who(kb, text, 0, len(text), when=dt.date(2021, 6, 1)).side == "UA"
    assert resolve_who(kb, text, 0, len(text), when=dt.date(2023, 6, 1)).side == "RU"
    assert resolve_who(kb, text, 0, len(text)).side == "UA"  # no date: the entry's own side


def test_kb_every_shared_place_name_has_one_winner(kb):
    """An alias of several places resolves by a documented rule (kb/README.md), with no tie."""
    from veille.kb import place_rank

    shared = 0
    for hits in kb.gazetteer.index.values():
        places = sorted((place_rank(e) for k, e in hits if k == "place"))
        if len(places) > 1:
            shared += 1
            assert places[0] != places[1]
    assert shared > 100  # the extract repeats many village names


def test_kb_place_names_are_unique_within_kind_and_country():
    seen = set()
    for p in _load("places"):
        key = (p["kind"], p["country"], p["name"])
        assert key not in seen, key
        seen.add(key)


@pytest.mark.parametrize("text,expected", [
    ("des frappes sur Kharkiv", ("Kharkiv", "Kharkiv Oblast")),
    ("dans la région de Kharkiv", ("Kharkiv Oblast", "Kharkiv Oblast")),
    ("le port d'Odessa a été visé", ("Port of Odesa", "Odesa Oblast")),
    ("dans la région d'Odessa", ("Odesa Oblast", "Odesa Oblast")),
    ("à 10 km de Belgorod", ("Belgorod", "Belgorod Oblast")),
    ("dans l'oblast de Koursk", ("Kursk Oblast", "Kursk Oblast")),
    ("un drone abattu près de Koursk", ("Kursk", "Kursk Oblast")),
])
def test_kb_place_context_rules(extractor_free_reader, text, expected):
    places = extractor_free_reader(text)
    assert (places[0].name, places[0].admin1) == expected


@pytest.mark.parametrize("text,side", [
    ("le régime de Kiev", "UA"), ("les forces de Kiev", "UA"), ("l'armée russe", "RU"),
    ("les Ukrainiens", "UA"), ("Moscou", "RU"),
])
def test_kb_side_descriptors(kb, text, side):
    actors = [m.entry for m in kb.lookup(text, ("actor",))]
    assert actors and actors[0].side == side


def test_fast_yaml_loader_reads_the_same_documents():
    # libyaml's loader (used when PyYAML has it) and the pure Python one agree on every file
    import yaml

    from samples import KB_DATA

    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML was built without libyaml")
    for path in sorted(KB_DATA.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), path.name


@pytest.mark.parametrize("word", ["Krytchaw", "Ossipovitchi", "Zelenskyy", "Bakhtchissaraï",
                                  "Kouchtchiovski", "Odessaa", "Zaporijia", "Mykolaiiv", "Ab",
                                  "Tcherniguiv"])
def test_kb_fuzzy_place_equals_a_search_over_every_name(kb, word):
    """Names whose length cannot reach the cutoff are not scored: the answer is still the one
    a search over every name's sound gives."""
    from rapidfuzz import fuzz, process

    from veille.kb import sound_key, words

    names = sorted({key[0] for key, hits in kb.gazetteer.index.items()
                    if len(key) == 1 and len(key[0]) >= 5 and
                    any(kind == "place" for kind, _ in hits)})
    sounds = sorted({sound_key(name) for name in names})
    found = process.extract(sound_key(words(word)[0][0]), sounds, scorer=fuzz.ratio,
                            score_cutoff=90, limit=None)
    best = {s for s, score, _ in found if score == max(f[1] for f in found)}  # all of a tie
    expected = [e for name in names if sound_key(name) in best
                for kind, e in kb.gazetteer.index[(name,)] if kind == "place"]
    assert {id(p) for p in kb.fuzzy_place(word)} == {id(p) for p in expected}


@pytest.mark.parametrize("spellings", [
    ("Savasleïka", "Sawasleika", "Savasleyka", "Саваслейка"),  # French, German, English
    ("Zaporijjia", "Saporischschja", "Zaporizhzhia", "Запоріжжя"),
    ("Tchernihiv", "Tschernihiw", "Chernihiv", "Чернігів", "Tcherniguiv", "Tchernigiv"),
    ("Jytomyr", "Zhytomyr", "Житомир"),
    ("Mykolaïv", "Mykolajiw", "Mykolaiv", "Миколаїв"),
])
def test_kb_sound_key_meets_the_spellings_of_one_name(spellings):
    from veille.kb import fold, sound_key

    assert len({sound_key(fold(s)) for s in spellings}) == 1


@pytest.mark.parametrize("word, name", [
    ("Sawasleika", "Savasleyka"), ("Morosowsk", "Morozovsk"), ("Kouchtchiovski", "Kushchyovskaya"),
])
def test_kb_fuzzy_place_reads_other_languages_transliterations(kb, word, name):
    assert {p.name for p in kb.fuzzy_place(word)} == {name}


def test_kb_fuzzy_place_ranks_every_place_of_a_tie():
    # "Tcherniguiv" sounds like the regional capital and like a village: both are offered,
    # and the reader's ranking takes the city
    from veille.kb import load_kb, place_rank

    found = load_kb().fuzzy_place("Tcherniguiv")
    assert min(found, key=place_rank).name == "Chernihiv"


@pytest.mark.parametrize("text, name", [
    ("l'oblast ukrainien de Tchernihiv", "Chernihiv Oblast"),
    ("dans la région russe de Koursk", "Kursk Oblast"),
    ("la région frontalière de Belgorod", "Belgorod Oblast"),
])
def test_kb_a_region_named_with_an_adjective_is_the_region(kb, text, name):
    assert [m.entry.name for m in kb.gazetteer.find(text)] == [name]


def test_kb_a_governorate_is_also_called_a_province(kb):
    # "la province de Hajjah": the governorate the knowledge base names "gouvernorat de"
    assert [m.entry.name for m in kb.gazetteer.find("dans la province de Hajjah")
            if m.kind == "place" and m.entry.kind == "region"] == ["Hajjah"]


@pytest.mark.parametrize("word", ["Washington", "Bruxelles", "Zelenskyy", "Possad"])
def test_kb_fuzzy_place_leaves_other_names(kb, word):
    assert kb.fuzzy_place(word) == []


def test_cue_lists_match_as_the_plain_alternation_of_their_cues(kb):
    """Cue lists are compiled with each run of cues that start at a word boundary sharing
    one boundary test (for speed); on every sentence of the bundled sample and every cue
    list, the matches are those of the plain alternation of the cues."""
    import re

    from samples import REPO
    from veille.extract.cues import _any, _compile, matchable
    from veille.ingest import read_articles
    from veille.records import Article

    sentences = [matchable(s) for a in read_articles([REPO / "examples" / "articles"])
                 if isinstance(a, Article) for s in re.split(r"(?<=[.!?:])\s+", a.text)]
    lists = {f"triggers.{k}": v for k, v in kb.cues["triggers"].items()}
    lists.update({k: v for k, v in kb.cues.items() if isinstance(v, list) and v and
                  all(isinstance(p, str) for p in v) and k not in ("reporting_verbs", "months",
                                                                   "weekdays")})
    factored = 0
    for name, cues in lists.items():
        fast = _any(cues)
        plain = _compile("|".join(f"(?:{p})" for p in cues))
        factored += fast.pattern != plain.pattern
        for text in sentences:
            assert [m.span() for m in fast.finditer(text)] == \
                [m.span() for m in plain.finditer(text)], (name, text)
    assert factored >= 2  # the threat and deployment triggers at least


def test_kb_a_remembered_lookup_gives_the_same_hits_and_cannot_be_spoiled(kb):
    text = "Des drones Shahed ont visé Odessa, selon l'armée de l'air ukrainienne."
    first = kb.gazetteer.find(text)
    first.clear()  # a caller's list is its own
    again = kb.gazetteer.find(text)
    assert [(m.kind, m.entry.name) for m in again] == \
        [(m.kind, m.entry.name) for m in kb.gazetteer._find(text, None)]
    assert again
    assert {m.kind for m in kb.gazetteer.find(text, ("place",))} == {"place"}


def test_kb_a_village_s_old_name_is_not_a_foreign_capital():
    # GeoNames lists "Paris" among the old names of a village of the Odesa region: in the
    # news, "un discours à Paris" is never there
    kb = load_kb()
    found = [m.entry for m in kb.gazetteer.find("dans un discours à Paris", ("place",))]
    assert all(p.country != "UA" for p in found)
