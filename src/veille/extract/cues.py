"""The cue words of kb/data/cues.yaml, compiled once.

Patterns are matched on :func:`veille.kb.flat` text (lowercase, accents folded, same
length as the original) in which quotation marks are blanked, so offsets carry over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..kb import KnowledgeBase, flat
from .dates import DateFinder
from .numbers import CountFinder

_NEGATED = re.compile(r"\b(?:ne|n')\s*(?:\w+\s+)?$")
_NEGATION_END = re.compile(r"\s*(?:\w+\s+)?(?:pas|jamais|aucun\w*|en aucun cas|plus|nullement|guere)\b")
_DONE_IN_RETALIATION = re.compile(r"\b(?:en|par|a titre de|comme|(?:frappes?|attaques?|"
                                  r"operations?|raids?|tirs?|salves?) de)\s+$")
# "la riposte russe est venue dans la nuit", "les représailles ont frappé": it happened
_RESPONSE_DONE = re.compile(r"\s+(?:\w+\s+){0,2}(?:est venue|sont venues|est arrivee|sont arrivees|"
                            r"a eu lieu|ont eu lieu|s'est abattue|se sont abattues|a frappe|ont frappe|"
                            r"a vise|ont vise|a pris la forme|a consiste)\b")
# "l'armée riposte avec des tirs de drones": the present of a response being carried out
_RESPONDING_WITH = re.compile(r"\s+(?:\w+\s+)?(?:avec|par|en lancant|en frappant)\s+(?:des |de |d'|une |un )?"
                              r"(?:\w+\s+)?(?:frappes?|attaques?|tirs?|drones?|missiles?|bombardements?|raids?)\b")
# "affirmant que l'attaque était une réponse aux assassinats": what a strike was, not a promise
_STRIKE_WAS = re.compile(r"\b(?:attaques?|frappes?|tirs?|operations?|raids?|bombardements?|offensives?)"
                         r"\s+(?:[\w-]+\s+){0,2}?(?:etait|est|etaient|sont|constituait|constitue|"
                         r"constituaient|constituent|se voulait|se veut|serait|seraient)\s+$")
_CLAUSE_END = re.compile(r"[,;:.!?]|\b(?:mais|et|puis|tandis que|alors que)\b")
# "a utilisé un missile balistique pour frapper Dnipro", "l'utilisation d'un missile pour
# frapper": a use told as done, its purpose is the strike itself
_USED_FOR = re.compile(r"\b(?:(?:a|ont|avait|avaient) (?:\w+ )?(?:utilise|employe|mobilise|eu recours a)|"
                       r"(?:l'|son |leur )?(?:utilisation|emploi|usage) (?:de |d'|du |des ))"
                       r"[^.;:]{0,120}\bpour\s*$")
# "a permis de détruire", "ont permis d'abattre": what the means achieved, done
_DONE_BY_MEANS = re.compile(r"\b(?:a|ont|avait|avaient) (?:\w+ )?permis (?:aux? [\w'-]+ )?(?:de |d')$")
_ANY_DET = re.compile(r"\b(?:chaque|toute|toutes les|tout|tous les|aucune?|n'importe quelle?)\s+(?:[\w-]+\s+)?$")
_QUOTES = str.maketrans({c: " " for c in "«»“”\"„‹›"})
# "une attaque avec ces missiles contre la Russie sera considérée comme ...": an indefinite
# attack whose own verb is a future or a conditional is a case, not an event told
_INDEFINITE = re.compile(r"\b(?:une?|d'une?)\s+(?:[\w-]+\s+)?$")
_HYPOTHETICAL_VERB = re.compile(r"\b(?:sera|serait|seront|seraient|entrainera|entrainerait|"
                                r"provoquera|provoquerait|vaudra|vaudrait|signifiera|"
                                r"signifierait|constituera|constituerait|equivaudra|"
                                r"equivaudrait|declenchera|declencherait)\b")
# "leurs bases seront ciblées", "la ville sera frappée": a strike in the future is what
# someone promises or fears, not one told (the conditional "serait visée" is a hedge: kept)
_FUTURE_PASSIVE = re.compile(r"\b(?:sera|seront|seras|serez|serons)\s+(?:(?:aussi|elles?|eux|ils?|"
                             r"egalement|encore|alors|immediatement|bientot|donc|a leur tour|"
                             r"a son tour|tous|toutes|de nouveau)\s+){0,3}$")
# "Si ces pays prennent part à l'attaque contre l'Iran, ...": a strike in a condition
_CONDITION = re.compile(r"(?:^|[,;:]\s*|\bet\s+)\s*(?:si|s'ils?|s'il)\s[^,;:.!?]*$|"
                        # "pourrait utiliser l'arme nucléaire si l'Ukraine frappait ..." (not
                        # "même si", "comme si", "si bien que", "si violente")
                        r"(?<!meme)(?<!comme)\s(?:si\s(?!bien|fort|peu|nombreu|grave|violent|"
                        r"important|intense|meurtri|lourd|souvent|vite|loin|pres|tot|tard|"
                        r"longtemps|massi|rare|proche)|s'ils?\s)[^,;:.!?]*$")
_RELATIVE = re.compile(r"\b(?:qui|que|qu'|dont|lequel|laquelle)")


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def matchable(text: str) -> str:
    """The text cue patterns run on: flat, quotes blanked, same length (kept for the
    sentences of the article at hand: several stages ask it of the same sentence)."""
    return flat(text).translate(_QUOTES)


def _compile(pattern: str) -> re.Pattern:
    # a space in a cue stands for any run of blanks, since quotes became blanks
    return re.compile(pattern.replace(" ", r"\s+"))


_LEADING_BOUNDARY = re.compile(r"^((?:\(\?<[!=](?:[^()\\]|\\.)*\))*)\\b")


def _any(patterns) -> re.Pattern:
    """One pattern for a list of cues, the first that matches winning as in the list.
    Where some cue starts with a lookbehind or with a group of words after its word
    boundary, each run of cues that start at a word boundary is tested once for that
    boundary (``\\b(?:a|b|c)`` for ``\\ba|\\bb|\\bc``): the same matches, three to four times
    faster with CPython's engine, which otherwise tries every cue at every character."""
    plain = "|".join(f"(?:{p})" for p in patterns)
    if not any(p.startswith(("(?<", "\\b(?:")) for p in patterns):
        return _compile(plain)
    runs: list[tuple[bool, list[str]]] = []
    for p in patterns:
        m = _LEADING_BOUNDARY.match(p)
        body = m.group(1) + p[m.end():] if m else p
        if m and runs and runs[-1][0]:
            runs[-1][1].append(body)
        else:
            runs.append((m is not None, [body]))
    return _compile("|".join(
        "\\b(?:" + "|".join(f"(?:{b})" for b in bodies) + ")" if bounded else f"(?:{bodies[0]})"
        for bounded, bodies in runs))


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    start: int
    end: int
    text: str


def _hypothetical(low: str, end: int) -> bool:
    """Is the trigger's own verb, in its clause, a future or a conditional of consequence
    (not one of a relative clause: "une attaque qui serait ukrainienne" is hedged, real)?"""
    clause = re.split(r"[.;!?]", low[end:end + 140], maxsplit=1)[0]
    verb = _HYPOTHETICAL_VERB.search(clause)
    return verb is not None and not _RELATIVE.search(clause, 0, verb.start())


class Cues:
    def __init__(self, kb: KnowledgeBase):
        c = kb.cues
        self.gate = _any(c["gate"])
        # a weapon the knowledge base names also makes a sentence worth reading ("a reçu ses
        # premiers F-16", "des canons Caesar"): the first words of its aliases, looked up
        # whole only where one occurs
        self._gazetteer = kb.gazetteer
        self._weapon_words = frozenset(key[0] for key, bucket in kb.gazetteer.index.items()
                                       if any(kind == "weapon" for kind, _ in bucket))
        self.triggers = {t: _any(ps) for t, ps in c["triggers"].items()}
        self.strike_context = _any(c["strike_context"])
        self.irrealis = _any(c["irrealis"] + c["irrealis_infinitive"])
        self.irrealis_any = _any(c["irrealis"])  # these hold for any trigger form
        self.new_event = _any(c["new_event"])
        self.habitual = _any(c["habitual"])
        self.period_total = _any(c["period_total"])
        self.war_so_far = _any(c["war_so_far"])
        self.national_scope = _any(c["national_scope"])
        self.reported_that = _compile(c["reported_that"])
        self.background_before = _compile(c["background_before"])
        self.hedges = _any(c["hedges"])
        self.hedges_near = _any(c["hedges_near"])
        self.all_intercepted = _any(c["all_intercepted"])
        self.no_casualties = _any(c["no_casualties"])
        self.no_hit = _any(c["no_hit"])
        self.inverted_reporting = _compile(c["inverted_reporting"])
        self.attribution_prefix = _compile(c["attribution_prefix"])
        self.not_target_before = _compile(c["not_target_before"])
        self.office_before = _compile(c["office_before"])
        self.region_before = _compile(c["region_before"])
        self.reporting_verbs = frozenset(flat(v) for v in c["reporting_verbs"])
        self.dates = DateFinder(c["months"], c["weekdays"])
        self._triggers_of: dict[str, tuple[Trigger, ...]] = {}
        self.counts = CountFinder(c)

    def is_candidate(self, low: str) -> bool:
        """Cheap test: may this sentence report an event?"""
        if self.gate.search(low) is not None:
            return True
        if self._weapon_words.isdisjoint(_WORD.findall(low)):
            return False
        return any(m.kind == "weapon" for m in self._gazetteer.find(low, ("weapon",)))

    def in_story(self, low: str) -> bool:
        """May this sentence report an event in a story already about the war? A strike
        verb with no war word ("un immeuble a été touché à Poltava", "472 engins avaient
        ciblé le pays") says nothing alone on a general feed, but in a war story it is
        the strike told."""
        return self.triggers["strike"].search(low) is not None

    def find_triggers(self, low: str) -> list[Trigger]:
        """The event words of a sentence (remembered: the sentence is asked twice, once to
        decide whether to parse it and once when it is read)."""
        hit = self._triggers_of.get(low)
        if hit is None:
            if len(self._triggers_of) >= 20_000:
                self._triggers_of.clear()
            hit = self._triggers_of[low] = tuple(self._find_triggers(low))
        return list(hit)

    def _find_triggers(self, low: str) -> list[Trigger]:
        found: list[Trigger] = []
        purposes = []  # where an attack noun told only a purpose began: what follows in its clause too
        for kind, pattern in self.triggers.items():
            for m in pattern.finditer(low):
                before = low[max(0, m.start() - 40):m.start()]
                if _NEGATED.search(before) and _NEGATION_END.match(low, m.end()):
                    continue  # "la vidéo ne montre en aucun cas ..."
                if kind != "threat" and _ANY_DET.search(before):
                    continue  # "chaque frappe sur nos villes", "toute attaque": no one event
                if kind != "threat" and _INDEFINITE.search(before) and _hypothetical(low, m.end()):
                    continue  # "une frappe sur la Crimée serait une ligne rouge"
                if kind != "threat" and _CONDITION.search(low, max(0, m.start() - 160), m.start()):
                    continue  # "s'ils participent à une frappe contre le Liban, ...": a case
                if kind == "strike" and _FUTURE_PASSIVE.search(before):
                    continue  # "leurs intérêts seront aussi ciblés": promised, not done
                if kind == "threat" and _DONE_IN_RETALIATION.search(before):
                    continue  # "ses frappes visaient ... en représailles aux": done, not threatened
                if kind == "threat" and "reponse" in m.group() and _STRIKE_WAS.search(before):
                    continue  # "l'attaque était une réponse à ...": the strike, done
                if kind == "threat" and _RESPONSE_DONE.match(low, m.end()):
                    continue  # "la riposte est venue dans la nuit": done, not threatened
                if kind == "threat" and m.group() in ("riposte", "ripostent") and \
                        _RESPONDING_WITH.match(low, m.end()):
                    continue  # "l'armée riposte avec des tirs": being done
                if kind != "threat" and self.irrealis.search(before) and not (
                        _USED_FOR.search(low, max(0, m.start() - 160), m.start()) or
                        _DONE_BY_MEANS.search(before)):
                    infinitive = re.search(r"(?:er|re|ir)$", m.group()) is not None
                    if infinitive or self.irrealis_any.search(before):
                        purposes.append(m.end())
                        continue
                found.append(Trigger(kind, m.start(), m.end(), m.group()))
        # "pour contrer les attaques de missiles russes visant le pays": the purpose goes on
        found = [t for t in found if t.type == "threat" or not any(
            p <= t.start and not _CLAUSE_END.search(low, p, t.start) for p in purposes)]
        # "les frappes contre Kiev se poursuivront": the strikes are what the threat promises
        threats = [(t.start, t.end) for t in found if t.type == "threat"]
        found = [t for t in found if t.type == "threat" or not any(a <= t.start < b for a, b in threats)]
        found.sort(key=lambda t: (t.start, -t.end))
        out: list[Trigger] = []
        for trig in found:  # drop a trigger nested in a longer one of the same type
            if out and trig.type == out[-1].type and trig.start < out[-1].end:
                continue
            out.append(trig)
        return out
