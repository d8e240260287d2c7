"""The first hour of a new user: dates under other keys and in page headers, standard
input with an id and a date, short French posts, progress and quiet runs, help on every
option. Every text is written for these tests."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from veille.cli import cli
from veille.ingest import parse_published, read_articles
from veille.records import Article, Notice

GOOD = ("Dans la nuit de lundi à mardi, l'armée russe a lancé douze drones sur Kharkiv, a "
        "annoncé le gouverneur. Trois personnes ont été blessées.")


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Notice)])


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_date_under_other_keys_with_one_note_per_file(tmp_path):
    feed = tmp_path / "flux.jsonl"
    feed.write_text("\n".join(json.dumps(o, ensure_ascii=False) for o in [
        {"id": "a", "text": GOOD, "date": "2024-06-12"},
        {"id": "b", "text": GOOD + " Bis.", "published_at": "2024-06-13T08:00:00Z"},
        {"id": "c", "text": GOOD + " Ter.", "pubDate": "Fri, 14 Jun 2024 07:30:00 +0200"},
        # "published" wins when several are given
        {"id": "d", "text": GOOD + " Quater.", "published": "2024-06-15", "date": "2020-01-01"},
    ]) + "\n", encoding="utf-8")
    arts, notes = split(read_articles([feed]))
    assert [a.published for a in arts] == ["2024-06-12", "2024-06-13", "2024-06-14", "2024-06-15"]
    assert len(notes) == 1 and notes[0].code == "I001" and notes[0].is_note
    assert "'date', 'pubDate', 'published_at'" in notes[0].reason and "3 articles" in notes[0].reason


@pytest.mark.parametrize("value, expected", [
    ("Wed, 12 Jun 2024 08:15:00 +0200", "2024-06-12"),
    ("12 Jun 2024 23:50:00 GMT", "2024-06-12"),
])
def test_rss_dates(value, expected):
    assert parse_published(value, "x") == (expected, None)


@pytest.mark.parametrize("head, expected", [
    ("date: 2024-06-12\n", "2024-06-12"),
    ("Date : 2024-06\n", "2024-06"),
    ("Frappes sur Kharkiv\nPublié le 12 juin 2024 à 10h05\n", "2024-06-12"),
    ("Frappes sur Kharkiv\nPar la rédaction\nPublié le mercredi 12 juin 2024\n", "2024-06-12"),
    ("Publié le 12/06/2024 à 08:15, mis à jour à 09:00\n", "2024-06-12"),
])
def test_txt_headers_give_the_publication_date(tmp_path, head, expected):
    path = tmp_path / "page.txt"
    path.write_text(head + GOOD + "\n", encoding="utf-8")
    arts, _ = split(read_articles([path]))
    assert arts[0].published == expected
    assert GOOD in arts[0].text


def test_a_date_line_deep_in_the_text_is_not_the_publication_date(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("\n".join([GOOD] * 9 + ["Publié le 3 janvier 2021."]) + "\n", encoding="utf-8")
    arts, _ = split(read_articles([path]))
    assert arts[0].published is None


@pytest.mark.model
def test_stdin_takes_an_id_and_a_date(shared_extractor, tmp_path):
    out = tmp_path / "ev.jsonl"
    result = run("extract", "-", "--no-db", "-o", out, "--id", "depeche-1", "--published",
                 "2024-06-12", input=GOOD)
    assert result.exit_code == 0, result.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert recs and {r["article_id"] for r in recs} == {"depeche-1"}
    assert recs[0]["date"] == "2024-06-11"  # the night of Monday to Tuesday before 12 June
    assert "without a publication date" not in result.output
    wrong = run("extract", "-", "--no-db", "--published", "12 juin", input=GOOD)
    assert wrong.exit_code == 2
    nowhere = run("extract", tmp_path, "--no-db", "--id", "x")
    assert nowhere.exit_code == 2 and "standard input" in nowhere.output


@pytest.mark.model
def test_undated_articles_are_counted_in_the_summary(shared_extractor, tmp_path):
    feed = tmp_path / "flux.jsonl"
    feed.write_text("\n".join(json.dumps({"id": i, "text": GOOD + f" Dépêche {i}."})
                              for i in ("a", "b")) + "\n", encoding="utf-8")
    result = run("extract", feed, "--no-db", "-o", tmp_path / "ev.jsonl")
    assert "2 articles without a publication date" in result.output.splitlines()[-1]


@pytest.mark.model
@pytest.mark.parametrize("post", ["Kharkiv : 3 Shahed abattus, Saltivka touché.",
                                  "Zaporijjia : 2 morts, Koucheriv.",
                                  "Kinjal sur Kyiv, Starokostiantyniv touché, 5 blessés à "
                                  "Khmelnytskyï."])
def test_short_french_posts_are_not_skipped_as_another_language(shared_extractor, tmp_path,
                                                                post):
    # py3langid takes each of these for another language (br, gcr, gcf)
    path = tmp_path / "post.txt"
    path.write_text(post + "\n", encoding="utf-8")
    assert run("extract", path, "--no-db").exit_code == 0
    forced = run("extract", path, "--no-db", "--min-lang-chars", "0")
    assert forced.exit_code == 3 and "E009" in forced.output


@pytest.mark.model
def test_progress_gives_total_rate_and_time_left_and_quiet_says_nothing(shared_extractor,
                                                                         tmp_path):
    feed = tmp_path / "flux.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"d{i}", "published": "2024-06-12",
                                          "text": GOOD + f" Dépêche numéro {i}."})
                              for i in range(120)) + "\n", encoding="utf-8")
    loud = run("extract", feed, "--no-db", "-o", tmp_path / "a.jsonl", "--progress")
    assert "loading the French model" in loud.output
    assert "50/120 articles (42%)" in loud.output and "left" in loud.output
    quiet = run("extract", feed, "--no-db", "-o", tmp_path / "b.jsonl", "-q")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_eval_fusion_progress(tmp_path):
    from samples import EXAMPLES

    sets = sorted(p for p in (EXAMPLES / "fusion").iterdir() if p.is_dir())[:2]
    result = run("eval-fusion", *sets, "--gold-only", "--progress")
    assert result.exit_code == 0
    assert f"2/2 sets ({sets[-1].name} done)" in result.output


def _commands(cmd, path):
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _commands(sub, path + [name])
    yield " ".join(path), cmd


def test_every_option_has_help_text():
    missing = [(path, p.opts) for path, cmd in _commands(cli, ["veille"]) for p in cmd.params
               if isinstance(p, click.Option) and not p.help and p.name not in ("help", "version")]
    assert missing == []


def test_every_command_that_writes_results_takes_an_output_file(tmp_path):
    writers = {"veille extract", "veille events", "veille export", "veille timeline",
               "veille claims", "veille eval", "veille eval-fusion", "veille compare",
               "veille compare airforce"}
    found = {path for path, cmd in _commands(cli, ["veille"])
             if any(isinstance(p, click.Option) and "--output" in p.opts for p in cmd.params)}
    assert writers <= found
    # one of them at work: eval's report to a file, nothing on standard output
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"article_id": "a", "type": "strike", "date": "2024-06-12"}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "report.txt"
    result = run("eval", gold, gold, "-o", out)
    assert result.exit_code == 0 and result.output == ""
    assert "event F1 1.000" in out.read_text(encoding="utf-8")
