"""The knowledge base: weapons, places, actors and cue words, loaded once from data files.

``load_kb()`` reads the YAML files shipped in ``kb/data`` and, layered over them, any user
files of the same format (``extra=[...]``). It builds one accent- and case-insensitive
gazetteer that finds mentions of every alias in a text with character offsets.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

_WORD = re.compile(r"\w+")
_DATA_FILES = ("weapons", "places", "actors", "cues", "control")


@lru_cache(maxsize=1 << 16)  # the same names (places, sources, speakers) come again and again
def fold(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes: the key of every lookup."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().replace("’", "'").replace("œ", "oe").replace("æ", "ae")


def _flat_table() -> dict[int, str]:
    table = {ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'"}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)
        if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
            table[code] = base[0]
    return table


_FLAT = _flat_table()


def flat(text: str) -> str:
    """Like :func:`fold` but keeping the length, so offsets carry over to ``text``."""
    out = text.translate(_FLAT).lower()
    if len(out) != len(text):
        out = "".join(c.translate(_FLAT).lower()[:1] or " " for c in text)
    return out


# Cyrillic letters as the sound classes of sound_key
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "", "ґ": "", "д": "d", "е": "e", "ё": "io", "є": "ie",
    "ж": "X", "з": "s", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "X",
    "ц": "ts", "ч": "X", "ш": "X", "щ": "X", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ў": "u"})
# Latin spellings of the same sounds, longest first: French ("tch", "ou", "j"), German
# ("tsch", "sch", "w", "j"), English and Polish ("sh", "kh", "cz", "sz"); g and h, which the
# Russian and the Ukrainian of one name swap (Belgorod, Bilhorod), are dropped
_LATIN_SOUNDS = [(re.compile(a), b) for a, b in (
    (r"schtsch|shch|chtch|sztsch|szcz", "X"), (r"tsch|tch|sch|sh|zh|kh|ch|cz|sz|rz|x", "X"),
    (r"jj|^j|(?<=i)j(?=[aeiouy])", "X"), (r"gu(?=[eiy])", "g"), (r"ou|oo", "u"), (r"[yj]", "i"), (r"w", "v"), (r"z", "s"),
    (r"ck|q|c(?=[aou])", "k"), (r"c", "ts"), (r"[gh']", ""), (r"(.)\1", r"\1"))]


def sound_key(word: str) -> str:
    """A folded name reduced to how it sounds, so that the spellings of one Slavic name in
    French, German, English or Cyrillic meet ("Sawasleika", "Savasleïka", "Саваслейка")."""
    low = word.lower()
    if any("\u0400" <= ch <= "\u04ff" for ch in low):
        return re.sub(r"(.)\1", r"\1", low.translate(_CYRILLIC).replace("'", ""))
    low = fold(low)
    for pattern, repl in _LATIN_SOUNDS:
        low = pattern.sub(repl, low)
    return low


def words(text: str) -> list[tuple[str, int, int]]:
    """The folded words of ``text`` with their character offsets (folding keeps the length,
    so offsets are the original text's)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(flat(text))]


@dataclass(frozen=True, slots=True, kw_only=True)
class Weapon:
    name: str
    family: str
    cls: str
    origin: str | None
    users: tuple[str, ...]
    aliases: tuple[str, ...]

    @property
    def is_air_defence(self) -> bool:
        return self.cls == "surface-to-air system"


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    name: str
    kind: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: int | None
    aliases: tuple[str, ...]
    minor: bool = False  # from the GeoNames extract: found only after a place preposition
    town: str | None = None  # a site's town, where its name does not say it ("Engels-2")


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    name: str
    side: str | None
    kind: str  # side, institution, person, media, platform, unnamed
    aliases: tuple[str, ...]
    offices: tuple[dict, ...] = ()

    def side_on(self, when) -> str | None:
        """The side of the office held on ``when`` (a date; None: the entry's own side). A
        mayor of Kherson in 2021 and an occupation governor in 2023 are not one side."""
        if when is None:
            return self.side
        for office in self.offices:
            start, end = office.get("from"), office.get("to")
            if (start is None or str(start) <= str(when)) and (end is None or str(when) <= str(end)):
                return office.get("side", self.side)
        return self.side


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One gazetteer hit in a text."""

    kind: str  # weapon, place, actor
    entry: Any
    start: int
    end: int
    text: str


_MEMO_SIZE = 20_000


@dataclass(slots=True)
class Gazetteer:
    """Longest-match lookup of multi-word aliases over folded words."""

    index: dict[tuple[str, ...], list[tuple[str, Any]]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)  # first word -> longest key
    # the hits of texts looked up lately: a sentence's phrases are looked up by several
    # stages (the speaker, the attacker, the places)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def add(self, alias: str, kind: str, entry: Any) -> None:
        for key in _alias_keys(alias):
            bucket = self.index.setdefault(key, [])
            if (kind, entry) not in bucket:
                bucket.append((kind, entry))
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def find(self, text: str, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        known = self._memo.get((text, kinds))
        if known is not None:
            return list(known)
        out = self._find(text, kinds)
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[(text, kinds)] = tuple(out)
        return out

    def _find(self, text: str, kinds: tuple[str, ...] | None) -> list[Mention]:
        toks = words(text)
        out: list[Mention] = []
        longest = self.longest
        i = 0
        while i < len(toks):
            most = longest.get(toks[i][0])
            at = toks[i][1]
            if most is not None and len(toks[i][0]) == 1 and at >= 3 and text[at - 1] in "'’" \
                    and text[at - 3].isalpha():
                most = None  # "Slavit's 400" is a possessive; "l'S-400" an elision
            if most is None:
                i += 1
                continue
            for size in range(min(most, len(toks) - i), 0, -1):
                key = tuple(t[0] for t in toks[i:i + size])
                hits = self.index.get(key)
                if hits:
                    hits = [h for h in hits if kinds is None or h[0] in kinds]
                if hits:
                    start, end = toks[i][1], toks[i + size - 1][2]
                    if not text[start].isupper():  # "le point", "tout le monde": no outlet
                        hits = [h for h in hits if getattr(h[1], "kind", "") not in ("media", "platform")]
                if hits:
                    for kind, entry in hits:
                        out.append(Mention(kind=kind, entry=entry, start=start, end=end,
                                           text=text[start:end]))
                    i += size
                    break
            else:
                i += 1
        return out


_REGION_WORDS = frozenset({"region", "oblast", "province"})
_REGION_ADJECTIVES = ("ukrainienne", "ukrainien", "russe", "frontaliere", "frontalier", "voisine",
                      "voisin")


def _alias_keys(alias: str) -> set[tuple[str, ...]]:
    toks = tuple(t[0] for t in words(alias))
    if not toks:
        return set()
    keys = {toks}
    # "la région de Koursk" is also "la région russe de Koursk", "l'oblast ukrainien de ..."
    if len(toks) >= 3 and toks[0] in _REGION_WORDS and toks[1] in ("de", "d"):
        keys |= {(toks[0], adjective, *toks[1:]) for adjective in _REGION_ADJECTIVES}
    # "le gouvernorat de Hajjah" is also "la province de Hajjah"
    if len(toks) >= 3 and toks[0] == "gouvernorat" and toks[1] in ("de", "d"):
        keys.add(("province", *toks[1:]))
    # "S-400" is also written "S400", "Kh-101" "Kh101"
    if len(toks) == 2 and any(c.isdigit() for c in toks[1]) and len(toks[0]) <= 3:
        keys.add((toks[0] + toks[1],))
    return keys


@dataclass(slots=True)
class KnowledgeBase:
    weapons: dict[str, Weapon]
    places: dict[str, Place]
    actors: dict[str, ActorEntry]
    cues: dict[str, Any]
    gazetteer: Gazetteer
    adjectives: dict[str, str]  # folded nationality adjective -> side
    sources: tuple[str, ...] = ()
    control_rows: tuple[dict, ...] = ()
    split_regions: frozenset[str] = frozenset()
    _fuzzy: dict[int, list[str]] | None = None
    _sounds: dict[str, list[str]] | None = None
    _multi_sounds: dict[tuple[str, ...], list[tuple[str, ...]]] | None = None

    def control_of(self, place: str | None, admin1: str | None, country: str | None,
                   date: str | None) -> str | None:
        """The side that administered a place on a date (ISO alpha-2), from the dated table
        of ``control.yaml``: the row of the place, else of its region; else the country
        itself, but in a region the front line split, where it is unknown. With no date,
        only a hold that began before 2015 and never ended is told."""
        if country not in ("UA", "RU"):
            return country
        for key, value in (("place", place), ("admin1", admin1)):
            if not value:
                continue
            rows = [r for r in self.control_rows if r.get(key) == value and
                    r.get("country", country) == country]
            if not rows:
                continue
            if date is None:
                held = [r for r in rows if r.get("to") is None and str(r["from"]) < "2015"]
                return held[-1]["side"] if len(held) == len(rows) and held else None
            day = date if len(date) == 10 else None
            for row in reversed(rows):  # a later row wins
                start, end = str(row["from"]), str(row["to"]) if row.get("to") else "9999"
                if day is not None and start <= day <= end:
                    return row["side"]
                if day is None and start[:len(date)] <= date <= end[:len(date)]:
                    # a month or a year: told only when the whole of it is inside the hold
                    if start <= date + "-00" and (row.get("to") is None or date + "-99" <= end):
                        return row["side"]
                    return None
            return country  # the place's rows cover other days: its own country's then
        return None if admin1 in self.split_regions else country

    def fuzzy_place(self, word: str, cutoff: float = 90.0) -> list[Place]:
        """Places whose one-word alias sounds nearly like ``word`` ("Krytchaw" for Krychaw,
        "Sawasleika" for Savasleyka): rapidfuzz's ratio of their :func:`sound_key`,
        ``cutoff`` out of 100; every place of the best-scoring sound."""
        from rapidfuzz import fuzz, process

        self._fuzzy_index()
        query = sound_key(words(word)[0][0]) if words(word) else ""
        # only names of a length that can reach the cutoff (ratio <= 2 min / (sum)): the
        # same answer as over every name, without scoring thousands that cannot match
        share = cutoff / 100.0
        hits = [hit for n, keys in self._fuzzy.items()
                if 2 * min(n, len(query)) >= share * (n + len(query))
                for hit in process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                           limit=None)]
        if not hits:
            return []
        best = max(h[1] for h in hits)  # every sound of the best score: the caller ranks them
        places = [e for sound in sorted(h[0] for h in hits if h[1] == best)
                  for key in self._sounds[sound] for kind, e in self.gazetteer.index[(key,)]
                  if kind == "place"]
        return list({id(p): p for p in places}.values())

    def sounding_place(self, name: str) -> list[Place]:
        """Places of a name of several words that sounds just like ``name``, word by word
        ("Kryviy Rih" for Kryvyi Rih, "Zaporojie Oblast"): a spelling not listed, where a
        fuzzy ratio over several words would be too loose."""
        key = tuple(sound_key(w) for w, _, _ in words(name))
        if len(key) < 2:
            return []
        self._fuzzy_index()
        places = [e for k in self._multi_sounds.get(key, ()) for kind, e in self.gazetteer.index[k]
                  if kind == "place"]
        return list({id(p): p for p in places}.values())

    def _fuzzy_index(self) -> None:
        """The one-word place names by the length of their sound, built once (and kept in
        the knowledge base's cache)."""
        if self._fuzzy is not None:
            return
        by_length: dict[int, list[str]] = {}
        self._sounds = {}
        for key in sorted({key[0] for key, hits in self.gazetteer.index.items()
                           if len(key) == 1 and len(key[0]) >= 5 and
                           any(kind == "place" for kind, _ in hits)}):
            sound = sound_key(key)
            if sound not in self._sounds:
                self._sounds[sound] = []
                by_length.setdefault(len(sound), []).append(sound)
            self._sounds[sound].append(key)
        self._fuzzy = by_length
        self._multi_sounds = {}
        for key in sorted(k for k, hits in self.gazetteer.index.items()
                          if len(k) > 1 and any(kind == "place" for kind, _ in hits)):
            self._multi_sounds.setdefault(tuple(sound_key(w) for w in key), []).append(key)

    def lookup(self, name: str, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        """Entries whose alias is ``name`` (with or without a leading article), else the
        entries named inside it ("missiles Kalibr")."""
        for candidate in (name, _strip_article(name)):
            key = tuple(t[0] for t in words(candidate))
            hits = [(k, e) for k, e in self.gazetteer.index.get(key, [])
                    if kinds is None or k in kinds]
            if hits:
                return [Mention(kind=k, entry=e, start=0, end=len(name), text=name) for k, e in hits]
        return self.gazetteer.find(name, kinds)

    def region_of(self, place: Place) -> Place | None:
        if place.admin1 is None:
            return None
        return self.places.get(f"region:{place.country}:{place.admin1}")

    def country_place(self, country: str | None) -> Place | None:
        """The entry of a country by its code."""
        return next((p for k, p in self.places.items()
                     if k.startswith(f"country:{country}:")), None) if country else None

    def capital_of(self, country: str) -> Place | None:
        name = (self.cues.get("capitals") or {}).get(country)
        return self.places.get(f"city:{country}:{name}") if name else None


def place_rank(place: Place) -> tuple:
    """The order in which places sharing a name are preferred (smallest first): a hand-kept
    entry before a village of the extract, Ukraine or Russia before elsewhere, the more
    populous, a city before a region or site; then name and latitude, so that no two tie."""
    return (place.minor, place.country not in ("UA", "RU"), -(place.population or 0),
            place.kind != "city", place.name, place.lat or 0.0)


def describe(entry) -> str:
    """One line about an entry, for `veille kb`."""
    if isinstance(entry, Weapon):
        users = ",".join(entry.users) or "-"
        return f"{entry.name} -> {entry.family} ({entry.cls}; made in {entry.origin}; used by {users})"
    if isinstance(entry, Place):
        where = ", ".join(x for x in (entry.admin1 if entry.admin1 != entry.name else None,
                                      entry.country) if x)
        return f"{entry.name} ({entry.kind}, {where}; {entry.lat}, {entry.lon})"
    return f"{entry.name} ({entry.kind}; side {entry.side or '-'})"


# libyaml's safe loader where PyYAML was built with it (5-10x faster than the pure Python
# one, the same documents); the pure Python one otherwise
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path | Any) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


def _data_dir():
    return resources.files("veille.kb") / "data"


@lru_cache(maxsize=4)
def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """Load the shipped knowledge base, with user files layered over it (from the cache of
    a run before when no file changed: see veille.cache)."""
    from .. import __version__
    from ..cache import cached

    key = [f"{__version__}|{sys.version}".encode(), Path(__file__).read_bytes()]  # and how it is built
    base = _data_dir()
    for file in [base / f"{name}.yaml" for name in _DATA_FILES] + [base / "geonames.tsv"]:
        key.append(file.read_bytes() if file.is_file() else b"-")
    for path in extra:
        key.append(str(path).encode() + b"\0" + Path(path).read_bytes())
    return cached("kb", b"\0\0".join(key), lambda: _load_kb(extra))


def _load_kb(extra: tuple[str, ...]) -> KnowledgeBase:
    data: dict[str, Any] = {"weapons": [], "places": [], "actors": {}, "cues": {},
                            "control": {"split_regions": [], "rows": []}}
    sources = []
    base = _data_dir()
    for name in _DATA_FILES:
        file = base / f"{name}.yaml"
        if file.is_file():
            _merge(data, name, _read_yaml(file))
            sources.append(str(file))
    for path in extra:
        file = Path(path)
        content = _read_yaml(file) or {}
        if not isinstance(content, dict):
            raise ValueError(f"{file}: a user knowledge-base file holds a mapping with any of "
                             f"the keys {', '.join(_DATA_FILES)}")
        for name in _DATA_FILES:
            if name in content:
                _merge(data, name, content[name])
        sources.append(str(file))
    kb = _build(data, tuple(sources))
    kb._fuzzy_index()
    return kb


def _merge(data: dict, name: str, content: Any) -> None:
    if content is None:
        return
    if name in ("weapons", "places"):
        data[name].extend(content)
    elif name == "control":  # a bare list is rows; a mapping may also name split regions
        rows = content if isinstance(content, list) else content.get("rows") or []
        data["control"]["rows"].extend(rows)
        if isinstance(content, dict):
            data["control"]["split_regions"].extend(content.get("split_regions") or [])
    elif name == "actors":
        for key, value in content.items():
            if isinstance(value, list):
                data["actors"].setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                data["actors"].setdefault(key, {}).update(value)
    else:
        for key, value in content.items():
            if isinstance(value, dict) and isinstance(data["cues"].get(key), dict):
                data["cues"][key].update(value)
            else:
                data["cues"][key] = value


def _aliases(raw) -> tuple[str, ...]:
    if isinstance(raw, dict):
        return tuple(a for values in raw.values() for a in (values or []))
    return tuple(raw or ())


def _build(data: dict, sources: tuple[str, ...]) -> KnowledgeBase:
    gaz = Gazetteer()
    weapons: dict[str, Weapon] = {}
    for item in data["weapons"]:
        weapon = Weapon(name=item["name"], family=item.get("family") or item["name"],
                        cls=item.get("class", ""), origin=item.get("origin"),
                        users=tuple(item.get("users") or ()),
                        aliases=tuple(dict.fromkeys((item["name"],) + _aliases(item.get("aliases")))))
        weapons[weapon.name] = weapon  # a later (user) entry replaces a shipped one
    for weapon in weapons.values():
        for alias in weapon.aliases:
            gaz.add(alias, "weapon", weapon)
            if alias[-1:].isascii() and alias[-1:].isalpha() and alias[-1] not in "sxzSXZ" and \
                    alias[:1].isupper():
                gaz.add(alias + "s", "weapon", weapon)  # "dix Kinjals", "des Shaheds"

    places: dict[str, Place] = {}
    for item in data["places"]:
        place = Place(name=item["name"], kind=item.get("kind", "city"), admin1=item.get("admin1"),
                      country=item.get("country"), lat=item.get("lat"), lon=item.get("lon"),
                      population=item.get("population"), town=item.get("town"),
                      # a place's name is an alias only if listed: "Vladimir" or "Azov"
                      # are also words of other meanings
                      aliases=tuple(dict.fromkeys(_aliases(item.get("aliases")) or (item["name"],))))
        places[f"{place.kind}:{place.country}:{place.name}"] = place
    for place in _geonames(places):
        places[f"town:{place.country}:{place.name}:{place.lat}"] = place
    for place in places.values():
        for alias in place.aliases:
            gaz.add(alias, "place", place)

    actors: dict[str, ActorEntry] = {}
    adjectives: dict[str, str] = {}
    raw = data["actors"]
    for side, info in (raw.get("sides") or {}).items():
        entry = ActorEntry(name=info.get("name", side), side=side, kind="side",
                           aliases=tuple(info.get("descriptors") or ()))
        actors[f"side:{side}"] = entry
        for adj in info.get("adjectives") or ():
            adjectives[fold(adj)] = side
    for kind, section in (("institution", "institutions"), ("person", "persons"),
                          ("media", "media"), ("platform", "platforms")):
        for item in raw.get(section) or ():
            entry = ActorEntry(name=item["name"], side=item.get("side"), kind=kind,
                               aliases=tuple(dict.fromkeys((item["name"],) + _aliases(item.get("aliases")))),
                               offices=tuple(item.get("offices") or ()))
            actors[f"{kind}:{entry.name}"] = entry
    for phrase in raw.get("unnamed_sources") or ():
        actors[f"unnamed:{phrase}"] = ActorEntry(name=phrase, side=None, kind="unnamed",
                                                 aliases=(phrase,))
    for entry in actors.values():
        for alias in entry.aliases:  # outlets match capitalised only (see Gazetteer.find)
            gaz.add(_strip_article(alias), "actor", entry)
    control = data.get("control") or {}
    return KnowledgeBase(weapons=weapons, places=places, actors=actors, cues=data["cues"],
                         gazetteer=gaz, adjectives=adjectives, sources=sources,
                         control_rows=tuple(control.get("rows") or ()),
                         split_regions=frozenset(control.get("split_regions") or ()))


def _geonames(places: dict[str, Place]) -> list[Place]:
    """The villages and towns of the GeoNames extract (data/geonames.tsv), with the region
    the hand-kept places use. A missing file is no error: the hand-kept places remain."""
    file = _data_dir() / "geonames.tsv"
    if not file.is_file():
        return []
    out = []
    with file.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            name, country, admin1, lat, lon, population, aliases = line.rstrip("\n").split("\t")
            out.append(Place(name=name, kind="city", admin1=admin1 or None, country=country,
                             lat=float(lat), lon=float(lon), population=int(population),
                             aliases=tuple(aliases.split("|")), minor=True))
    return out


def _strip_article(alias: str) -> str:
    return re.sub(r"^(?:l['’]|les?\s+|la\s+)", "", alias.strip(), flags=re.IGNORECASE)


def closest_names(kb: "KnowledgeBase", value: str, kind: str, n: int = 5) -> list[str]:
    """The knowledge base's names (and aliases) of ``kind`` nearest to ``value``."""
    from rapidfuzz import fuzz, process

    entries = kb.places.values() if kind == "place" else kb.weapons.values()
    spellings: dict[str, str] = {}
    for entry in entries:
        for alias in (entry.name, *entry.aliases):
            spellings.setdefault(fold(alias), alias)
    found = process.extract(fold(value), list(spellings), scorer=fuzz.WRatio, limit=n * 3)
    out: list[str] = []
    for key, _, _ in found:
        if spellings[key] not in out:
            out.append(spellings[key])
    return out[:n]


def canonical_names(kb: "KnowledgeBase", value: str | None, kind: str, *,
                    strict: bool = False) -> tuple[str, ...]:
    """The names a user's spelling of a place or weapon stands for in the store (the
    spelling itself too). ``strict``: a spelling the knowledge base does not know raises
    ValueError naming the closest ones, rather than matching nothing."""
    if not value:
        return ()
    hits = kb.lookup(value, (kind,))
    if strict and not hits:
        near = closest_names(kb, value, kind)
        raise ValueError(f"the knowledge base knows no {kind} {value!r}" +
                         (f"; closest: {', '.join(near)}" if near else ""))
    names = {value}
    for m in hits:
        entry = m.entry
        if kind == "weapon":
            names.add(entry.family)
        else:
            names.add(entry.name if entry.kind != "region" else entry.admin1 or entry.name)
    return tuple(sorted(names))
