"""Cleaning: repair the text (mojibake, odd spaces) and drop scraper boilerplate.

Only whole lines that match a boilerplate pattern are dropped, and only caption credits
are cut from the end of a line, so a sentence that reports an event is never removed.
"""
from __future__ import annotations

import re

import ftfy

# keep typographic quotes and apostrophes as the outlet wrote them
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u3000\t]+")
# invisible format characters (Unicode category Cf): zero-width spaces and joiners, the
# soft hyphen, bidi marks and embeddings (U+200E/F, U+202A-E, U+2066-9) that pages copied
# from right-to-left sites carry; inside a word or a number they break matching
_ZERO_WIDTH = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                         r"\u2066-\u206f\ufeff\ufff9-\ufffb]")
_MULTI_SPACE = re.compile(r" {2,}")
_BLANKS = re.compile(r"\n{3,}")

# whole lines that are boilerplate (matched case-insensitively on the stripped line)
_DROP_LINE = re.compile("|".join(f"(?:{p})" for p in (
    r"^\[\s*ad[_ ]?\d*\s*\]$",
    r"^source\s+link\b.{0,20}$",
    r"^ceci est une histoire en d[ée]veloppement\W*$",
    r"^(?:breaking news|derni[èe]re minute|mise à jour)\s*\W*$",
    # (">> LIRE AUSSI - ...": behind the arrows some pages put before it)
    (r"^(?:[>»›•*→]+\s*)?(?:[àa]\s+lire\s+(?:aussi|également)|lire\s+aussi|voir\s+aussi|"
     r"[àa]\s+voir\s+aussi)\b.{0,300}$"),
    r"^lire\s+la\s+suite\b.{0,200}$",
    r"^par\s*:\s*.{1,120}$",
    r"^(?:publicit[ée]|advertisement|partager|partager sur \w+|suivez-nous.{0,80}|abonnez-vous.{0,120})$",
    r"^(?:\d+\s+)?cr[ée]dits?\s*(?:photo)?\s*:.{0,120}$",
    r"^(?:photo|illustration|image)\s*:.{0,120}$",
    r"^\W{1,5}$",
    # video players, sponsored links, comment boxes: page furniture around the article
    r"^vid[ée]o suivante\b.{0,60}$",
    r"^(?:autres|plus de|toutes les) vid[ée]os$",
    r"^liens? (?:commerciaux|sponsoris[ée]s)$",
    r"^(?:\d+\s+)?commentaires?$",
    r"^(?:r[ée]agir|commenter)(?: [àa] cet article)?$",
    r"^partager (?:cet article|sur \w+|la vid[ée]o)$",
    r"^(?:connectez-vous|identifiez-vous|abonnez-vous) pour (?:commenter|r[ée]agir).{0,80}$",
    r"^(?:les )?commentaires sont (?:soumis|mod[ée]r[ée]s|ferm[ée]s).{0,120}$",
    r"^(?:votre|ajouter un) commentaire.{0,40}$",
    r"^(?:dur[ée]e|temps de lecture)\s*:\s*\d.{0,20}$",
)), re.IGNORECASE)  # one pattern: every line of every page is tested
# a byline: "Par Jean Dupont, AFP" (case matters: "Par ailleurs, ..." is a sentence)
_BYLINE = re.compile(r"^Par\s+[A-ZÉÈÎ][\w'’-]+(?:\s+(?:de\s+|d')?[A-ZÉÈÎ][\w'’-]+){1,3}"
                     r"(?:\s*[,/|–-]\s*[A-ZÉÈÎ][^.!?]{0,60})?$")
# a credit glued to the end of a caption line: "... Moscou 1 crédit : East2West"
_CREDIT_TAIL = re.compile(r"\s*(?:\b\d+\s+)?\b(?:cr[ée]dits?(?:\s+photo)?|©|photo)\s*:\s*[^\n.!?]{1,80}$",
                          re.IGNORECASE)
# a pointer glued to the end of a line: "... Lire la suite sur lemonde.fr", "... Source : AFP";
# only a link or a short capitalised outlet name goes, never a clause ("Source : le
# ministère a annoncé ...", "donneront la suite sur leur chaîne Telegram" stay)
_LINK = r"(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?)"
_OUTLET = r"(?:[A-ZÉ][\w&'’.-]*(?:\s+[A-ZÉ][\w&'’.-]*){0,3})"
_READ_MORE_TAIL = re.compile(
    rf"\s*\b(?:(?i:(?:lire|voir)\s+la\s+suite\s+sur|source\s*:)\s+(?:{_LINK}|{_OUTLET})"
    rf"|(?i:la\s+suite\s+sur)\s+{_LINK})\s*$")


# a line that stops mid-sentence: no final punctuation and a last word that cannot end one
# (an article, a preposition, a conjunction, an auxiliary), or a comma
_OPEN_END = re.compile(r"(?:,|\b(?:le|la|les|l'|l’|un|une|des|du|de|d'|d’|à|a|au|aux|en|et|ou|par|"
                       r"sur|dans|pour|avec|contre|vers|que|qu'|qu’|qui|dont|ont|est|sont|été|ce|"
                       r"cette|ces|son|sa|ses|leur|leurs|se|ne|selon|après|avant|depuis|"
                       r"entre|sous|lors|mais|donc|puis))$", re.IGNORECASE)
_CLOSED = re.compile(r"[.!?…:;»”\")\]]$")
_LIST_ITEM = re.compile(r"^(?:[-•–*·▪►|]|\d+[.)]\s)")


def _continues(line: str, following: str) -> bool:
    """Is ``following`` the rest of a sentence that a hard line break cut ("Les défenses
    aériennes" / "ukrainiennes ont abattu ...")? Wire copy often comes wrapped at ~70
    characters."""
    if not line or not following or _CLOSED.search(line) or _LIST_ITEM.match(following) \
            or line.startswith("|"):
        return False
    return following[0].islower() or _OPEN_END.search(line) is not None


def _is_boilerplate(line: str) -> bool:
    return bool(_BYLINE.match(line) or _DROP_LINE.match(line))


# a quote whose marks the page lost, its speaker on the next line: "Une personne tuée" /
# "a indiqué sur Telegram le maire", "Les secours sont sur place." / "a-t-il précisé."
_SPEECH_TAG = re.compile(
    r"^(?:de son côté,\s*|pour sa part,\s*)?(?:a|ont|avait|avaient)(?:-t-(?:il|elle)|-(?:ils|elles))?\s+"
    r"(?:(?:également|aussi|encore|ensuite|alors|déjà)\s+)?"
    r"(?:indiqu|déclar|précis|expliqu|mentionn|ajout|affirm|annonc|écri|dit\b|soulign|assur|"
    r"confirm|rapport|signal|fait savoir|détaill|poursuivi)", re.IGNORECASE)


# text ftfy would leave as it is: printable ASCII, line breaks, the Latin-1 letters and signs
# but the two that open UTF-8 mojibake (Â, Ã), œ/Œ and typographic punctuation; no "&" (an
# HTML entity) and no control or format characters. Most news is this: ftfy's repair costs
# more than the rest of cleaning, and is kept for the texts it may change.
_PLAIN = re.compile(r"[\t\n\r\x20-\x25\x27-\x7e\u00a0-\u00c1\u00c4-\u00ff\u0152\u0153"
                    r"\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u202f]*")


def clean_text(text: str) -> str:
    """Return the repaired article text without boilerplate."""
    import unicodedata

    if not (_PLAIN.fullmatch(text) and unicodedata.is_normalized("NFC", text)):
        text = ftfy.fix_text(text, _FTFY)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        stripped = _MULTI_SPACE.sub(" ", line.strip())
        if not stripped:
            lines.append("")
            continue
        if _is_boilerplate(stripped):
            continue
        for _ in range(3):  # one tail may hide another ("crédit : X Lire la suite sur ...")
            shorter = _READ_MORE_TAIL.sub("", _CREDIT_TAIL.sub("", stripped))
            if shorter == stripped:
                break
            stripped = shorter
        # what is left of a line may itself be boilerplate ("Partager Lire la suite sur ..."):
        # drop it now, so that cleaning twice gives the same text
        if stripped and not _is_boilerplate(stripped):
            if lines and lines[-1] and _SPEECH_TAG.match(stripped) and not lines[-1].startswith("|"):
                # the speaker of the line above, its quote marks lost
                joint = " " if _CLOSED.search(lines[-1]) or lines[-1].endswith(",") else ", "
                lines[-1] = f"{lines[-1]}{joint}{stripped}"
            elif lines and _continues(lines[-1], stripped):
                lines[-1] = f"{lines[-1]} {stripped}"  # a hard line break inside a sentence
                if _is_boilerplate(lines[-1]):  # a byline cut in two ("Par Jean" / "Dupont")
                    lines.pop()
            else:
                lines.append(stripped)
    out = "\n".join(lines).strip()
    return _BLANKS.sub("\n\n", out)
