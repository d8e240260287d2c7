"""Reading articles: every supported input, and every bad input skipped with its code while
the rest of the batch is still read."""
from __future__ import annotations

import io
import json

import pytest

from veille.ingest import DEFAULT_MAX_CHARS, parse_published, read_articles
from veille.records import Article, Notice

GOOD = "Des drones ont visé la ville de Kharkiv dans la nuit, selon le gouverneur.\n"
OTHER = "Un missile de croisière a été abattu au-dessus de la région de Lviv mardi.\n"

HTML_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Frappe de drones sur Soumy : trois blessés</title>
<meta property="article:published_time" content="2024-11-26T10:00:00+00:00">
</head><body>
<nav><ul><li>Accueil</li><li>Monde</li><li>Europe</li><li>Newsletter du matin</li></ul></nav>
<article>
<h1>Frappe de drones sur Soumy : trois blessés</h1>
<p>Dans la nuit de lundi à mardi, l'armée russe a lancé une vague de drones explosifs contre
la ville de Soumy, dans le nord-est de l'Ukraine, selon l'administration régionale.</p>
<p>Les forces aériennes ukrainiennes affirment avoir abattu onze des quatorze drones Shahed
lancés contre la région. Deux immeubles d'habitation ont été touchés dans le centre-ville.</p>
<p>Le gouverneur a indiqué que trois civils avaient été blessés et que les pompiers étaient
intervenus pendant plusieurs heures pour éteindre les incendies provoqués par les débris.</p>
</article>
<footer><p>Conditions générales d'utilisation du site et politique de confidentialité.</p></footer>
</body></html>
"""


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Notice)])


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


# --- good inputs -------------------------------------------------------------------------

def test_ingest_txt_without_header(tmp_path):
    path = write(tmp_path / "frappe_kharkiv.txt", GOOD)
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert len(arts) == 1
    art = arts[0]
    assert art.id == "frappe_kharkiv"
    assert art.text == GOOD
    assert art.published is None
    assert art.origin == str(path)


@pytest.mark.parametrize("header, published", [
    (" date 2024-11\n", "2024-11"),
    (" date 2024-11-26\n", "2024-11-26"),
    ("date 2024\n", "2024"),
])
def test_ingest_txt_date_header(tmp_path, header, published):
    path = write(tmp_path / "lviv.txt", header + OTHER)
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert arts[0].published == published
    assert arts[0].text == OTHER  # the header line is gone
    assert "date" not in arts[0].text


def test_ingest_txt_impossible_header_date_warns(tmp_path):
    path = write(tmp_path / "lviv.txt", " date 2024-13\n" + OTHER)
    arts, notes = split(read_articles([path]))
    assert [n.code for n in notes] == ["W001"]
    assert not notes[0].skipped
    assert arts[0].published is None
    assert arts[0].text == OTHER


def test_ingest_jsonl_articles(tmp_path):
    rows = [{"id": "a1", "text": GOOD, "published": "2024-11-26", "url": "https://exemple.fr/a1",
             "source": "Exemple", "lang": "fr", "title": "Kharkiv"},
            {"id": 42, "text": OTHER}]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
                 + "\n\n")
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert [a.id for a in arts] == ["a1", "42"]
    assert arts[0].to_dict() == rows[0]
    assert arts[1].published is None
    assert [a.origin for a in arts] == [f"{path}:1", f"{path}:2"]


def test_ingest_json_list(tmp_path):
    rows = [{"id": "b1", "text": GOOD}, {"id": "b2", "text": OTHER, "published": "2024-10"}]
    path = write(tmp_path / "lot.json", json.dumps(rows, ensure_ascii=False, indent=2))
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert [(a.id, a.text, a.published) for a in arts] == [
        ("b1", GOOD, None), ("b2", OTHER, "2024-10")]


def test_ingest_json_single_object_over_several_lines(tmp_path):
    path = write(tmp_path / "seul.json",
                 json.dumps({"id": "c1", "text": GOOD}, ensure_ascii=False, indent=2))
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert [(a.id, a.text) for a in arts] == [("c1", GOOD)]


def test_ingest_jsonl_missing_id_gets_file_and_line(tmp_path):
    path = write(tmp_path / "flux.jsonl", json.dumps({"text": GOOD}) + "\n")
    arts, _ = split(read_articles([path]))
    assert arts[0].id == "flux-1"


def test_ingest_html_page(tmp_path):
    path = write(tmp_path / "soumy.html", HTML_PAGE)
    arts, notes = split(read_articles([path]))
    assert notes == []
    art = arts[0]
    assert art.id == "soumy"
    assert art.published == "2024-11-26"
    assert art.title == "Frappe de drones sur Soumy : trois blessés"
    assert "abattu onze des quatorze drones Shahed" in art.text
    assert "trois civils avaient été blessés" in art.text
    # navigation and footer are not article text
    assert "Newsletter" not in art.text
    assert "Accueil" not in art.text
    assert "Conditions générales" not in art.text
    assert "<p>" not in art.text


def test_ingest_html_without_text_is_skipped(tmp_path):
    page = write(tmp_path / "vide.html", "<html><head><title>x</title></head><body></body></html>")
    good = write(tmp_path / "ok.txt", GOOD)
    arts, notes = split(read_articles([page, good]))
    assert [n.code for n in notes] == ["E014"]
    assert str(page) in str(notes[0])
    assert [a.id for a in arts] == ["ok"]


def test_ingest_directory_recursive(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    (tmp_path / "sous" / "dossier").mkdir(parents=True)
    write(tmp_path / "sous" / "dossier" / "b.txt", OTHER)
    write(tmp_path / "sous" / "c.jsonl", json.dumps({"id": "c", "text": GOOD}) + "\n")
    write(tmp_path / "sous" / "d.html", HTML_PAGE)
    # hidden files and folders are ignored, and so are unsupported suffixes inside a folder
    write(tmp_path / ".cache.txt", GOOD)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "e.txt", GOOD)
    write(tmp_path / "notes.md", GOOD)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    arts, notes = split(read_articles([tmp_path]))
    assert notes == []
    assert sorted(a.id for a in arts) == ["a", "b", "c", "d"]


def test_ingest_unsupported_file_named_explicitly(tmp_path):
    path = write(tmp_path / "notes.md", GOOD)
    good = write(tmp_path / "ok.txt", GOOD)
    arts, notes = split(read_articles([path, good]))
    assert [n.code for n in notes] == ["E011"]
    assert ".md" in notes[0].reason and str(path) in str(notes[0])
    assert [a.id for a in arts] == ["ok"]


def test_ingest_stdin_text():
    arts, notes = split(read_articles(["-"], stdin=io.StringIO(" date 2024-11-26\n" + GOOD)))
    assert notes == []
    assert [(a.id, a.text, a.published) for a in arts] == [("stdin", GOOD, "2024-11-26")]


def test_ingest_stdin_jsonl_bytes():
    lines = [json.dumps({"id": "s1", "text": GOOD}, ensure_ascii=False),
             json.dumps({"id": "s2", "text": OTHER}, ensure_ascii=False)]
    stream = io.TextIOWrapper(io.BytesIO("\n".join(lines).encode("utf-8")), encoding="utf-8")
    arts, notes = split(read_articles(["-"], stdin=stream))
    assert notes == []
    assert [(a.id, a.text) for a in arts] == [("s1", GOOD), ("s2", OTHER)]
    assert arts[0].origin == "<stdin>:1"


# --- bad inputs: each skipped with its code, the rest of the batch still read ---------------

def read_batch(tmp_path, bad):
    """Read a good article, the bad input, another good article."""
    first = write(tmp_path / "premier.txt", GOOD)
    last = write(tmp_path / "dernier.txt", OTHER)
    return split(read_articles([first, bad, last]))


def assert_skipped(notes, arts, code, where):
    assert [n.code for n in notes] == [code]
    note = notes[0]
    assert note.skipped
    assert note.origin == where
    assert str(note).startswith(f"{where}: skipped: ") and f"[{code}]" in str(note)
    assert "\n" not in str(note)
    assert [a.id for a in arts if a.id in ("premier", "dernier")] == ["premier", "dernier"]


def test_ingest_missing_path_e001(tmp_path):
    bad = tmp_path / "absent.txt"
    notes_arts = read_batch(tmp_path, bad)
    arts, notes = notes_arts
    assert_skipped(notes, arts, "E001", str(bad))


def test_ingest_empty_file_e002(tmp_path):
    bad = write(tmp_path / "vide.txt", "  \n\n")
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E002", str(bad))


def test_ingest_header_only_file_e002(tmp_path):
    bad = write(tmp_path / "entete.txt", " date 2024-11-26\n")
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E002", str(bad))


def test_ingest_binary_file_e003(tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E003", str(bad))


def test_ingest_invalid_utf8_e004(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Un drone a été abattu près de Belgorod.".encode("latin-1"))
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E004", f"{bad}:1")  # the line is named
    assert "0xe9" in notes[0].reason  # the offending byte is named


def test_ingest_malformed_json_line_e005(tmp_path):
    bad = write(tmp_path / "flux.jsonl", "\n".join([
        json.dumps({"id": "j1", "text": GOOD}),
        '{"id": "j2", "text": "Des drones ont',
        json.dumps({"id": "j3", "text": OTHER})]) + "\n")
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E005", f"{bad}:2")
    assert [a.id for a in arts] == ["premier", "j1", "j3", "dernier"]


def test_ingest_malformed_json_list_e005_once(tmp_path):
    bad = write(tmp_path / "lot.json", '[\n {"id": "k1", "text": "Des drones"},\n {"id": \n]\n')
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E005", f"{bad}:4")


def test_ingest_json_line_not_object_e006(tmp_path):
    bad = write(tmp_path / "flux.jsonl", json.dumps({"id": "j1", "text": GOOD}) + "\n[1, 2]\n")
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E006", f"{bad}:2")
    assert "j1" in [a.id for a in arts]


def test_ingest_json_object_without_text_e007(tmp_path):
    bad = write(tmp_path / "flux.jsonl", "\n".join([
        json.dumps({"id": "j1", "titre": "Pas de texte ici"}),
        json.dumps({"id": "j2", "text": OTHER})]) + "\n")
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E007", f"{bad}:1")
    assert "'text'" in notes[0].reason
    assert [a.id for a in arts] == ["premier", "j2", "dernier"]


def test_ingest_too_long_txt_e008(tmp_path):
    bad = write(tmp_path / "fleuve.txt", "Des drones ont été abattus. " * 180_000)  # ~5 MB
    assert bad.stat().st_size > 5_000_000
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E008", str(bad))
    assert f"{DEFAULT_MAX_CHARS:,}" in notes[0].reason


def test_ingest_too_long_jsonl_line_e008(tmp_path):
    bad = write(tmp_path / "flux.jsonl", "\n".join([
        json.dumps({"id": "long", "text": "Un missile. " * 450_000}),
        json.dumps({"id": "court", "text": GOOD})]) + "\n")
    arts, notes = read_batch(tmp_path, bad)
    assert_skipped(notes, arts, "E008", f"{bad}:1")
    assert "court" in [a.id for a in arts]


def test_ingest_max_chars_option(tmp_path):
    path = write(tmp_path / "moyen.txt", "Un drone a été abattu. " * 100)  # 2,300 characters
    assert split(read_articles([path], max_chars=2000))[1][0].code == "E008"
    assert split(read_articles([path], max_chars=3000))[1] == []


def test_ingest_bad_published_w001(tmp_path):
    path = write(tmp_path / "flux.jsonl", "\n".join([
        json.dumps({"id": "p1", "text": GOOD, "published": "la semaine dernière, peut-être"}),
        json.dumps({"id": "p2", "text": OTHER, "published": "2024-11-26"})]) + "\n")
    arts, notes = split(read_articles([path]))
    assert [n.code for n in notes] == ["W001"]
    assert not notes[0].skipped
    assert notes[0].origin == f"{path}:1"
    assert "warning" in str(notes[0])
    # the article is still read, with an unknown publication date
    assert [(a.id, a.published) for a in arts] == [("p1", None), ("p2", "2024-11-26")]


# --- publication dates ---------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2024-11-26T10:00:00Z", "2024-11-26"),
    ("2024-11-26T23:30:00+01:00", "2024-11-26"),  # the date as written, not moved to UTC
    ("2024-11-26 10:00", "2024-11-26"),
    ("2024-11-26", "2024-11-26"),
    ("2024-11", "2024-11"),
    ("2024", "2024"),
    (2024, "2024"),
    ("26 novembre 2024", "2024-11-26"),
    ("mardi 26 novembre 2024", "2024-11-26"),
    ("1er décembre 2023", "2023-12-01"),
    ("26/11/2024", "2024-11-26"),  # day first, the French order
    ("novembre 2024", "2024-11"),  # never more precise than given
    (None, None),
    ("", None),
    ("   ", None),
])
def test_ingest_parse_published(value, expected):
    assert parse_published(value, "f.jsonl:1") == (expected, None)


@pytest.mark.parametrize("value", [
    "2024-13",        # no month 13
    "2024-02-30",     # no 30 February
    "2024-11-31",
    "hier",           # relative: against what?
    "mardi",
    "26 novembre",    # no year
    "pas de date",
    "1850-01-01",
])
def test_ingest_parse_published_warns(value):
    published, notice = parse_published(value, "f.jsonl:3")
    assert published is None
    assert notice is not None and notice.code == "W001" and not notice.skipped
    assert notice.origin == "f.jsonl:3"
    assert repr(value) in notice.reason


def test_ingest_jsonl_text_with_unicode_line_separators(tmp_path):
    """JSON may hold U+2028 / U+2029 / U+0085 unescaped: they do not end a JSON line."""
    text = "Des drones ont frappé Kyiv.\u2028Trois blessés.\u2029Fin\x85du direct."
    path = write(tmp_path / "flux.jsonl", "\n".join([
        json.dumps({"id": "l1", "text": text}, ensure_ascii=False),
        json.dumps({"id": "l2", "text": OTHER}, ensure_ascii=False)]) + "\n")
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert [(a.id, a.text, a.origin) for a in arts] == [
        ("l1", text, f"{path}:1"), ("l2", OTHER, f"{path}:2")]


def test_ingest_jsonl_crlf(tmp_path):
    path = tmp_path / "flux.jsonl"
    path.write_bytes(("\r\n".join([json.dumps({"id": "r1", "text": GOOD}),
                                   json.dumps({"id": "r2", "text": OTHER})]) + "\r\n").encode())
    arts, notes = split(read_articles([path]))
    assert notes == []
    assert [(a.id, a.text) for a in arts] == [("r1", GOOD), ("r2", OTHER)]


def test_ingest_jsonl_leading_date_line_is_metadata(tmp_path):
    # scraped pages often begin with " date 2024-02 " before the text: the page's date
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": " date 2024-02 21 février (Reuters) - Trois "
                                "drones ont été abattus."}) + "\n" +
                    json.dumps({"id": "b", "published": "2024-02-20", "text": " date 2024-02 "
                                "Deux drones ont été abattus."}) + "\n", encoding="utf-8")
    a, b = [x for x in read_articles([feed]) if isinstance(x, Article)]
    assert a.text.startswith("21 février") and a.published == "2024-02"
    assert b.text.startswith("Deux drones") and b.published == "2024-02-20"
