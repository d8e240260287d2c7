"""Hostile input: every problem is a notice on its own line (or article), never a
traceback, and never costs the lines after it. Paths and options are checked before the
model loads. Every text here is written for these tests."""
from __future__ import annotations

import codecs
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veille.cli import cli
from veille.clean import clean_text
from veille.ingest import read_articles
from veille.records import Article, Notice

GOOD = ("Dans la nuit de lundi à mardi, l'armée russe a lancé douze drones sur Kharkiv, a "
        "annoncé le gouverneur. Trois personnes ont été blessées.")
OTHER = ("Le 3 mars 2024, deux missiles ont frappé le port d'Odessa, selon la marine "
         "ukrainienne. Un docker a été tué.")


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Notice)])


def line(**obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def feed(tmp_path, *lines: bytes, name="flux.jsonl"):
    path = tmp_path / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


# --- one bad line costs that line ----------------------------------------------------------

def test_deep_nesting_is_a_notice_and_the_next_line_is_read(tmp_path):
    path = feed(tmp_path, b"[" * 5000 + b"]" * 5000, line(id="b", text=GOOD),
                b'{"id": "c", "text": ' + b"[" * 3000 + b"]" * 3000 + b"}", line(id="d", text=OTHER))
    arts, notes = split(read_articles([path]))
    assert [a.id for a in arts] == ["b", "d"]
    assert [(n.origin, n.code) for n in notes] == [(f"{path}:1", "E005"), (f"{path}:3", "E005")]
    assert "nested too deeply" in notes[0].reason


@pytest.mark.parametrize("bad", [b"\x00", b"\xff", b"\xc3(", b"\xed\xa0\x80"])
def test_a_bad_byte_costs_its_line_not_its_file(tmp_path, bad):
    broken = line(id="b", text=GOOD).replace(b"douze", b"dou" + bad + b"ze")
    path = feed(tmp_path, line(id="a", text=OTHER), broken, line(id="c", text=GOOD))
    arts, notes = split(read_articles([path]))
    assert [a.id for a in arts] == ["a", "c"]
    assert len(notes) == 1 and notes[0].origin == f"{path}:2" and notes[0].skipped


def test_invalid_utf8_names_line_column_and_byte(tmp_path):
    path = feed(tmp_path, line(id="a", text=OTHER), b'{"id": "b", "text": "caf\xe9"}')
    _, notes = split(read_articles([path]))
    assert str(notes[0]) == (f"{path}:2: skipped: not valid UTF-8 (column 25: byte 0xe9) "
                             "[E004]")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    body = "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False)
                     for i, t in (("a", GOOD), ("b", OTHER))) + "\n"
    bom = {"utf-16": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    raw = bom + body.encode(encoding.replace("utf-16", "utf-16-le") if encoding == "utf-16"
                            else encoding.replace("utf-32", "utf-32-le") if encoding == "utf-32"
                            else encoding)
    (tmp_path / "flux.jsonl").write_bytes(raw)
    (tmp_path / "depeche.txt").write_bytes(bom + GOOD.encode(
        {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)))
    arts, notes = split(read_articles([tmp_path / "flux.jsonl", tmp_path / "depeche.txt"]))
    assert notes == []
    assert [(a.id, a.text) for a in arts] == [("a", GOOD), ("b", OTHER), ("depeche", GOOD)]


def test_a_binary_file_is_still_refused(tmp_path):
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50)
    _, notes = split(read_articles([path]))
    assert [n.code for n in notes] == ["E003"]


@pytest.mark.parametrize("field, value", [
    ("lang", 3), ("lang", ["fr"]), ("title", ["Frappe", "sur Kharkiv"]), ("url", {"href": "x"}),
    ("title", 2**70), ("source", True), ("id", ["a"]), ("id", {"n": 1}),
])
def test_odd_field_types_are_ignored_with_a_warning(tmp_path, field, value):
    path = feed(tmp_path, line(text=GOOD, **{"id": "a", field: value}), line(id="z", text=OTHER))
    arts, notes = split(read_articles([path]))
    assert [n.code for n in notes] == ["W005"] and not notes[0].skipped
    assert repr(field) in notes[0].reason
    assert len(arts) == 2 and arts[1].id == "z"
    assert getattr(arts[0], field) in (None, "flux-1")  # an ignored id: the line's own


def test_a_big_integer_id_is_kept_as_text(tmp_path):
    path = feed(tmp_path, line(id=2**70, text=GOOD))
    arts, notes = split(read_articles([path]))
    assert notes == [] and arts[0].id == str(2**70)


def test_lone_surrogates_are_replaced_one_for_one(tmp_path):
    raw = json.dumps({"id": "a", "text": GOOD[:20] + "\ud800" + GOOD[21:],
                      "title": "Kharkiv \udc00"})  # ASCII escapes: "\ud800" in the file
    path = feed(tmp_path, raw.encode())
    arts, notes = split(read_articles([path]))
    assert [n.code for n in notes] == ["W004", "W004"]
    assert arts[0].text == GOOD[:20] + "\ufffd" + GOOD[21:]
    assert len(arts[0].text) == len(GOOD)  # offsets stay right
    assert arts[0].title == "Kharkiv \ufffd"


@pytest.mark.parametrize("value", [1700000000, "1700000000", 1.7e9, -5, 10**30])
def test_a_numeric_published_is_unknown_with_a_warning(tmp_path, value):
    path = feed(tmp_path, line(id="a", text=GOOD, published=value))
    arts, notes = split(read_articles([path]))
    assert arts[0].published is None
    assert [n.code for n in notes] == ["W006"] and "--epoch-dates" in notes[0].reason


def test_epoch_dates_reads_seconds_since_1970(tmp_path):
    path = feed(tmp_path, line(id="a", text=GOOD, published=1700000000),
                line(id="b", text=OTHER, published=10**30), line(id="c", text=OTHER, published=2024))
    arts, notes = split(read_articles([path], epoch_dates=True))
    assert [a.published for a in arts] == ["2023-11-14", None, "2024"]  # a year stays a year
    assert [n.code for n in notes] == ["W001"]


# --- cleaning ------------------------------------------------------------------------------

def test_bidi_and_other_invisible_format_marks_are_removed():
    marked = ("Un drone a frappé \u200fKharkiv\u200e mardi : \u202a12\u202c blessés, "
              "\u2066selon\u2069 le maire\u2060.")
    assert clean_text(marked) == "Un drone a frappé Kharkiv mardi : 12 blessés, selon le maire."


@pytest.mark.model
def test_bidi_marks_do_not_change_the_events(shared_extractor):
    plain = ("Le 12 mars 2024, un missile russe a frappé Kharkiv, tuant quatre personnes, a "
             "annoncé le gouverneur.")
    marked = plain.replace("Kharkiv", "\u200eKharkiv\u200f").replace("quatre", "\u202bquatre\u202c")
    got = [shared_extractor.extract(Article(id="a", text=t, published="2024-03-13")).events
           for t in (plain, marked)]
    assert [e.to_dict() for e in got[0]] == [e.to_dict() for e in got[1]]
    assert got[0] and got[0][0].killed == 4 and got[0][0].location.place == "Kharkiv"


# --- the command line: checked before the model loads --------------------------------------

@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if the CLI builds its Extractor (which loads the model)."""
    import veille.extract as extract_mod

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded before the options were checked")

    monkeypatch.setattr(extract_mod, "Extractor", refuse)


@pytest.mark.parametrize("args, message", [
    (["--db", "{d}/nowhere/ledger.db"], "does not exist"),
    (["--db", "{d}/notes.db"], "not a SQLite database"),
    (["--db", "/dev/null"], "not a regular file"),
    (["--db", "{d}"], "is a directory"),
    (["--no-db", "-o", "{d}/nowhere/out.jsonl"], "does not exist"),
    (["--no-db", "-o", "{d}"], "is a directory"),
])
def test_extract_bad_paths_fail_in_one_line_before_the_model(tmp_path, no_model, args, message):
    (tmp_path / "notes.db").write_text("des notes, pas une base\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(GOOD, encoding="utf-8")
    result = run("extract", art, *[a.format(d=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["events", "--limit", str(2**63)],
    ["events", "--limit", str(10**30)],
    ["extract", "x.txt", "--max-chars", "12"],
])
def test_out_of_range_numbers_exit_2(tmp_path, no_model, args):
    from veille.store import open_store

    open_store(tmp_path / "ledger.db").close()  # a store, so that only the number is wrong
    result = run(*args, "--db", tmp_path / "ledger.db")
    assert result.exit_code == 2, result.output
    assert "range" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["events"], ["events", "--fused"], ["timeline"],
                                     ["claims", "F0"], ["fuse"]])
def test_query_commands_on_a_file_that_is_not_a_store(tmp_path, command):
    bad = tmp_path / "notes.db"
    bad.write_text("des notes\n", encoding="utf-8")
    result = run(*command, "--db", bad)
    assert result.exit_code == 2 and "not a SQLite database" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.model
def test_same_id_two_texts_warns_and_keeps_both(shared_extractor, tmp_path):
    path = feed(tmp_path, line(id="bilan", text=GOOD), line(id="bilan", text=OTHER))
    out = tmp_path / "events.jsonl"
    for store in (["--db", tmp_path / "l.db"], ["--no-db"]):
        result = run("extract", path, *store, "-o", out)
        assert result.exit_code == 0, result.output
        assert "W00" in result.output and "bilan~" in result.output
        assert "warning" in result.output.splitlines()[-1]  # counted in the summary
        ids = {json.loads(x)["article_id"] for x in out.read_text(encoding="utf-8").splitlines()}
        assert len(ids) == 2 and "bilan" in ids


# --- fuzz: arbitrary lines around good ones ------------------------------------------------

GOOD_LINES = [
    {"id": "bon-1", "text": GOOD, "published": "2024-11-26"},
    {"id": "bon-2", "text": OTHER, "published": "2024-03-04"},
    {"id": "bon-3", "text": "Deux drones ukrainiens ont été abattus au-dessus de la région de "
                            "Belgorod, a affirmé le ministère russe de la Défense jeudi.",
     "published": "2024-06-07"},
]

_json_leaf = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
              | st.text(max_size=30))
_json = st.recursive(_json_leaf, lambda kids: st.lists(kids, max_size=4)
                     | st.dictionaries(st.text(max_size=8), kids, max_size=4), max_leaves=12)
_field = _json | st.sampled_from(["\ud800", "a\udfffb", 2**64, -(2**70), "1700000000", "",
                                  "\u202eKharkiv", "\x00"])
_odd_object = st.fixed_dictionaries({}, optional={
    "id": _field, "text": _field | st.text(max_size=200), "published": _field,
    "title": _field, "url": _field, "lang": _field, "source": _field})


def _bad_line(kind_and_value) -> bytes:
    kind, value = kind_and_value
    if kind == "bytes":
        return value.replace(b"\n", b" ")
    if kind == "deep":
        return b"[" * value + b"]" * value
    return json.dumps(value).encode("utf-8")  # ASCII escapes: lone surrogates survive


_bad = st.one_of(st.tuples(st.just("bytes"), st.binary(max_size=80)),
                 st.tuples(st.just("deep"), st.integers(900, 6000)),
                 st.tuples(st.just("object"), _odd_object),
                 st.tuples(st.just("json"), _json))


@pytest.fixture(scope="module")
def alone(tmp_path_factory, extractor):
    """Each good line's events, processed alone."""
    import veille.extract as extract_mod

    out = {}
    d = tmp_path_factory.mktemp("alone")
    real = extract_mod.Extractor
    try:
        extract_mod.Extractor = lambda options=None, **kw: real(options, nlp=extractor.nlp,
                                                                 kb=extractor.kb)
        for obj in GOOD_LINES:
            src = feed(d, line(**obj), name=f"{obj['id']}.jsonl")
            res = run("extract", src, "--no-db", "-o", d / "out.jsonl")
            assert res.exit_code == 0, res.output
            out[obj["id"]] = [json.loads(x) for x in
                              (d / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    finally:
        extract_mod.Extractor = real
    assert all(out.values())  # each good line gives events: the comparison means something
    return out


@pytest.mark.model
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(layout=st.lists(st.one_of(st.sampled_from(range(len(GOOD_LINES))), _bad),
                       min_size=1, max_size=7))
def test_fuzz_bad_lines_never_crash_nor_change_the_good_ones(shared_extractor, alone,
                                                             tmp_path, layout):
    raw = []
    for item in layout:
        raw.append(line(**GOOD_LINES[item]) if isinstance(item, int) else _bad_line(item))
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(raw) + b"\n")
    db = tmp_path / "fuzz.db"
    if db.exists():
        db.unlink()
    out = tmp_path / "fuzz-events.jsonl"
    result = run("extract", path, "--db", db, "-o", out)
    assert result.exit_code in (0, 3), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    got: dict[str, list] = {}
    for text in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(text)
        got.setdefault(rec["article_id"], []).append(rec)
    for item in set(i for i in layout if isinstance(i, int)):
        ident = GOOD_LINES[item]["id"]
        # a good line seen twice is one text: its events are the same each time
        assert got[ident][:len(alone[ident])] == alone[ident]


PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
</head><body><article><h1>{title}</h1><p>{body}</p><p>Les secours sont restés sur place
toute la matinée, et les habitants du quartier ont été relogés dans une école voisine.</p>
</article></body></html>"""


@pytest.mark.model
def test_two_index_html_in_different_folders_are_two_articles(shared_extractor, tmp_path):
    for folder, (title, body) in {"kharkiv": ("Drones sur Kharkiv", GOOD),
                                  "odessa": ("Missiles sur Odessa", OTHER)}.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(PAGE.format(title=title, body=body),
                                                      encoding="utf-8")
    db = tmp_path / "ledger.db"
    result = run("extract", tmp_path / "kharkiv", tmp_path / "odessa", "--db", db, "--lang", "fr")
    assert result.exit_code == 0, result.output
    from veille.store import open_store

    with open_store(db, read_only=True) as store:
        ids = sorted(r[0] for r in store.db.execute("SELECT id FROM articles"))
    assert len(ids) == 2 and "index" in ids
    other = next(i for i in ids if i != "index")
    assert other.startswith("index~") and len(other) == len("index~") + 8
    assert f"'index' is already used by a different text" in result.output \
        or "is now 'index~" in result.output


def test_an_html_page_in_its_declared_charset_is_read(tmp_path):
    page = PAGE.format(title="Drones sur Kharkiv", body=GOOD).replace(
        'charset="utf-8"', 'charset="windows-1252"')
    (tmp_path / "page.html").write_bytes(page.encode("cp1252"))
    arts, notes = split(read_articles([tmp_path / "page.html"]))
    assert notes == [] and GOOD in arts[0].text.replace("\n", " ")


@pytest.mark.model
def test_an_article_that_breaks_preparation_is_skipped_alone(shared_extractor, monkeypatch):
    import veille.extract as extract_mod

    real = extract_mod.clean_text

    def fragile(text):
        if "Odessa" in text:
            raise ValueError("a text this code cannot take")
        return real(text)

    monkeypatch.setattr(extract_mod, "clean_text", fragile)
    items = list(shared_extractor.extract_many([Article(id="a", text=OTHER),
                                                Article(id="b", text=GOOD)]))
    assert [type(i).__name__ for i in items] == ["Notice", "Result"]
    assert items[0].code == "E015" and "a text this code cannot take" in items[0].reason


def test_numbers_python_cannot_take_are_a_notice_not_a_traceback(tmp_path):
    path = feed(tmp_path, b'{"id": "a", "text": "' + GOOD.encode() + b'", "published": 1' +
                b"0" * 400 + b"}", b'{"id": ' + b"9" * 5000 + b', "text": "x"}',
                line(id="c", text=OTHER))
    arts, notes = split(read_articles([path]))
    assert [a.id for a in arts] == ["a", "c"] and arts[0].published is None
    assert [n.code for n in notes] == ["W006", "E005"]


def test_output_files_get_the_usual_mode(tmp_path, no_model):
    import os
    import stat

    from veille.store import open_store

    open_store(tmp_path / "l.db").close()
    out = tmp_path / "events.csv"
    assert run("events", "--db", tmp_path / "l.db", "-o", out).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
