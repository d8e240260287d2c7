"""Sentence splitting with character offsets into the cleaned text.

Rule-based on purpose: it runs on every sentence of every article, before the statistical
pipeline sees anything, so it must be fast, and offsets must be exact.
"""
from __future__ import annotations

import re

from .records import Span

# a sentence ends at . ! ? … (with closing quotes or brackets) and spaces
# before an opening capital, digit, quote or dash; or, glued by a page that lost the space,
# between a word and a capitalised one ("... de Zaporojié.Depuis le début", or a quote the
# next sentence opens: "... communiqué officiel.« Israël ne tolérera pas"; not a straight
# quote, which may as well close the sentence before)
_BOUNDARY = re.compile(r"(?<=[.!?…])(?:\s?[»”\"’)\]])*\s+(?=[«“\"(\[—–-]?\s?[A-ZÀ-ÖØ-Þ0-9«“\"])"
                       r"|(?<=[a-zß-öø-ÿ][a-zß-öø-ÿ][.!?])(?<!www\.)(?=[«“]?\s?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
_ABBREV = re.compile(
    r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|St|Ste|av|apr|env|cf|ex|vol|no|n°|art|p|pp|Gén|Col|"
    r"Lt|Cpt|Sgt|Adm|Jr|Sr|Inc|Co|Ltd|etc|J\.-C|U\.S|vs)\.|\b[A-ZÀ-Ý]\.)$")


def split_sentences(text: str) -> list[Span]:
    """Split cleaned text into sentences; ``span.text == text[span.start:span.end]``."""
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        line = para.group()
        cut = 0
        for match in _BOUNDARY.finditer(line):
            head = line[cut:match.start()]
            if _ABBREV.search(line[max(cut, match.start() - 8):match.start()]) and not \
                    line[match.start() - 1] in "!?…":
                # "M. Zelensky", "V. Poutine": the dot is not a sentence end
                closing = line[match.start():match.end()].strip()
                if not closing:
                    continue
            if head.strip():
                spans.append(_span(text, start + cut, start + match.start() +
                                   _closing_len(line, match)))
            cut = match.end()
        if line[cut:].strip():
            spans.append(_span(text, start + cut, start + len(line)))
    return spans


def _closing_len(line: str, match: re.Match) -> int:
    """Keep closing quotes and brackets with the sentence they close."""
    # the gap is closing marks and spaces, then spaces: keep everything up to the last mark
    # (any space, not only " ", may sit between the full stop and the quote)
    return len(line[match.start():match.end()].rstrip())


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=text[start:end])
