"""Tally tables: a header of roles ("| Type | tirés | abattus |") and one row per weapon
("| Drones Shahed | 120 | 98 |"), as live pages and relays paste the air force's figures.

Each row becomes a frame with no trigger of its own (it adds to the strike told just before,
or starts one), whose counts take their role from the header and their weapon from the row's
first cell. A row whose first cell names no weapon ("Total") gives the totals.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..kb import KnowledgeBase, flat
from .frames import Frame
from .numbers import Count, parse_number_word
from .weapons import generic_weapons, named_weapon

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^[\s|:\-–—]+$")
_NUMBER_CELL = re.compile(r"^\s*(?:au moins\s+|environ\s+|plus de\s+)?(\d{1,3}(?:[\s\u00a0.]\d{3})*|\d+)\s*$")


def is_table_line(text: str) -> bool:
    return _ROW.match(text) is not None


def cells(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell's content, pipes excluded."""
    bars = [m.start() for m in re.finditer(r"\|", text)]
    out = []
    for a, b in zip(bars, bars[1:]):
        raw = text[a + 1:b]
        lead = len(raw) - len(raw.lstrip())
        out.append((a + 1 + lead, a + 1 + len(raw.rstrip())))
    return out


class TableReader:
    def __init__(self, kb: KnowledgeBase, roles: dict[str, re.Pattern]):
        self.kb = kb
        self.roles = roles

    def header(self, text: str) -> list[str | None] | None:
        """The role of each column, when the line is a header of counts."""
        if _SEPARATOR.match(text) or re.search(r"\d", text):
            return None
        found = []
        for a, b in cells(text):
            low = flat(text[a:b])
            found.append(next((role for role in ("launched", "intercepted", "hit")
                               if self.roles[role].search(low)), None))
        return found if any(found) else None

    def is_other_header(self, text: str) -> bool:
        """A line of column names that are not counts ("| Ville | Morts | Blessés |")."""
        return not _SEPARATOR.match(text) and not re.search(r"\d", text)

    def row(self, index: int, sent_start: int, text: str, roles: list[str | None]) -> Frame | None:
        """A frame with the row's counts, labelled by its first cell's weapon."""
        spans = cells(text)
        if len(spans) < 2 or len(spans) != len(roles):
            return None
        a, b = spans[0]
        label = text[a:b]
        found = [named_weapon(m) for m in self.kb.gazetteer.find(label, ("weapon",))] or \
            generic_weapons(flat(label))
        weapons = [replace(w, start=a + w.start, end=a + w.end) for w in found]
        counts = []
        for (s, e), role in zip(spans[1:], roles[1:]):
            m = _NUMBER_CELL.match(text[s:e])
            value = parse_number_word(m.group(1)) if m else None
            if role is None or value is None or 1900 <= value <= 2100 and len(m.group(1)) == 4:
                continue  # a year in a column is no count
            counts.append(Count(start=a, end=s + m.end(1), np_end=s + m.end(1), value=value,
                                domain="weapon" if weapons else "total", role=role))
        if not counts:
            return None
        return Frame(None, index, 0, len(text), sent_start, counts=counts, weapons=weapons)
