"""The start-up cache (veille.cache): what it returns is what a fresh build returns, a changed
input is never served from an old entry, and a damaged, unwritable or disabled cache only
costs time."""
from __future__ import annotations

import re

import pytest

from veille import cache
from veille.kb import load_kb

# long enough to be cached, with groups, a class and alternatives to check
_WORDS = [f"mot{i}-trait" for i in range(3000)]
PATTERN = r"^(?P<head>" + "|".join(_WORDS) + r")(?:[\w'’]+)?$"
PROBES = ["mot7-trait", "mot2999-trait", "mot12-traitée", "mot3000-trait", "xmot1-trait", ""]


def _compile_in_block(pattern: str, flags: int = 0) -> re.Pattern:
    re.purge()  # re's own in-memory cache would hide ours
    with cache.compiled_patterns():
        return re.compile(pattern, flags)


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert a.pattern == b.pattern and a.flags == b.flags and a.groupindex == b.groupindex
    for probe in PROBES:
        ma, mb = a.match(probe), b.match(probe)
        assert (ma and (ma.span(), ma.groupdict())) == (mb and (mb.span(), mb.groupdict()))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_pattern_from_the_cache_matches_as_a_fresh_compile(cache_dir, monkeypatch):
    fresh = re.compile(PATTERN, re.IGNORECASE)
    first = _compile_in_block(PATTERN, re.IGNORECASE)
    stored = list((cache_dir / "re").iterdir())
    assert len(stored) == 1
    _same(first, fresh)

    def no_compiling(*args):
        raise AssertionError("compiled again although the cache holds it")

    monkeypatch.setattr(cache, "_compile_parts", no_compiling)
    second = _compile_in_block(PATTERN, re.IGNORECASE)
    _same(second, fresh)
    assert first.match("MOT5-TRAIT") and second.match("MOT5-TRAIT")


def test_cache_other_flags_are_another_entry(cache_dir):
    _compile_in_block(PATTERN)
    plain = _compile_in_block(PATTERN, re.IGNORECASE)
    assert len(list((cache_dir / "re").iterdir())) == 2
    assert plain.match("MOT5-TRAIT")


def test_cache_damaged_entry_is_rebuilt(cache_dir):
    _compile_in_block(PATTERN)
    entry, = (cache_dir / "re").iterdir()
    entry.write_bytes(b"not a pickle at all")
    _same(_compile_in_block(PATTERN), re.compile(PATTERN))
    assert entry.read_bytes() != b"not a pickle at all"


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    _same(_compile_in_block(PATTERN), re.compile(PATTERN))
    assert cache.cache_dir() is None and list(tmp_path.iterdir()) == []


def test_cache_unwritable_place_costs_only_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(blocked / "cache"))
    _same(_compile_in_block(PATTERN), re.compile(PATTERN))


def test_cache_short_patterns_and_the_compiler_are_left_alone(cache_dir):
    real = re._compiler.compile
    with cache.compiled_patterns():
        assert re._compiler.compile is not real
        re.purge()
        assert re.compile(r"a(b+)c").match("abbc").group(1) == "bb"
    assert re._compiler.compile is real
    assert not (cache_dir / "re").exists()


def test_cache_knowledge_base_follows_its_files(cache_dir, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("places:\n- name: Zorbivka\n  kind: city\n  country: UA\n"
                     "  admin1: Kharkiv Oblast\n  aliases: [Zorbivka]\n", encoding="utf-8")
    load_kb.cache_clear()
    first = load_kb((str(extra),))
    assert "city:UA:Zorbivka" in first.places
    assert len(list((cache_dir / "kb").iterdir())) == 1
    load_kb.cache_clear()
    again = load_kb((str(extra),))  # from the disk cache: the same knowledge base
    assert again is not first and again.places.keys() == first.places.keys()
    assert again.gazetteer.find("frappe sur Zorbivka")[0].entry.name == "Zorbivka"
    # the file changes: the old entry is not served
    extra.write_text(extra.read_text(encoding="utf-8").replace("Zorbivka", "Zorbivske"),
                     encoding="utf-8")
    load_kb.cache_clear()
    changed = load_kb((str(extra),))
    assert "city:UA:Zorbivske" in changed.places and "city:UA:Zorbivka" not in changed.places
    load_kb.cache_clear()


def test_cache_keeps_the_entries_used_last_and_prunes_the_rest(cache_dir):
    import os

    for i in range(cache._KEEP):
        cache.cached("kb", f"version {i}".encode(), lambda i=i: i)
    first = cache_dir / "kb" / sorted((cache_dir / "kb").iterdir(), key=os.path.getmtime)[0].name
    os.utime(first, (1, 1))  # the oldest, then used again: kept
    assert cache.cached("kb", b"version 0", lambda: "rebuilt") == 0
    for i in range(cache._KEEP, cache._KEEP + 3):  # three more edits of a knowledge base
        cache.cached("kb", f"version {i}".encode(), lambda i=i: i)
    assert len(list((cache_dir / "kb").iterdir())) == cache._KEEP
    assert cache.cached("kb", b"version 0", lambda: "rebuilt") == 0  # used last: still there
    assert cache.cached("kb", b"version 1", lambda: "rebuilt") == "rebuilt"  # pruned
