"""Who: the attacker of a strike, and who the article says the information comes from.

Both read the dependency parse of one sentence (subjects of reporting and strike verbs,
"selon X", quotes attributed after the quote) and resolve the words to a side with the
knowledge base: a known person or institution, a side descriptor ("le régime de Kiev"),
a nationality adjective ("le chef d'état-major ukrainien").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb import KnowledgeBase, flat
from .cues import Cues, matchable

_AIR_DEFENCE_BODY = re.compile(r"\b(?:armee de l'air|forces? aeriennes?|defense (?:aerienne|antiaerienne|"
                               r"anti-aerienne)|defenses (?:aeriennes|antiaeriennes))\b")
_COUNT_OF = re.compile(r"\b(?:bilan|decompte|communique|rapport)\s+(?:matinal\s+|quotidien\s+|nocturne\s+|"
                       r"officiel\s+)?(?:de la |de l'|du |des |de )")
_HEADLINE_SOURCE = re.compile(r"\s[–—-]\s+([A-ZÀ-Ý][^–—.!?«»:;]{1,60}?)\s*$")
# what is destroyed on the ground, not shot down in the air
_EQUIPMENT = {"helicoptere", "char", "blinde", "vehicule", "systeme", "lanceur", "depot", "entrepot",
              "navire", "bateau", "sous-marin", "piste", "radar", "batterie", "installation",
              "centre", "poste", "usine", "raffinerie", "pont", "base", "avion", "bombardier",
              "appareil"}
# "détruits au sol", "détruits ou endommagés": equipment hit where it stood, a target
_ON_THE_GROUND = re.compile(r"\bau sol\b|\bendommag")
_GROUND_AIR_DEFENCE = re.compile(r"\b(?:defenses? (?:aeriennes?|antiaeriennes?|anti-aeriennes?|sol-air)|"
                                 r"dca|systemes? (?:de defense|sol-air|antiaeriens?))\b")
# "le gouverneur de la région de Toula, au sud de Moscou": a city named as a landmark is
# not who speaks
_LANDMARK_CUT = re.compile(r",?\s*\b(?:(?:au (?:nord|sud)(?:-(?:est|ouest))?|à l['’](?:est|ouest)|près|non loin|"
                           r"à \d+ (?:km|kilomètres)) (?:de |d'|d’|du )"
                           # "le groupe allié à l'Iran", "les rebelles soutenus par Téhéran": a
                           # patron, not the one who fired
                           r"|alliée?s? (?:à |a |de |d'|d’|du |des )"
                           r"|(?:soutenue?s?|appuyée?s?|financée?s?|armée?s?) par "
                           # "le gouverneur de la région de Soumy, dans le nord,": where it lies
                           r"|, (?:dans|en) (?:le |l['’])?(?:nord|sud|est|ouest|centre)\b)", re.IGNORECASE)
# the outlet a source told ("a dit à l'AFP", "a déclaré à la chaîne CNN", "a confié au
# journal Le Monde"), between the verb and its inverted subject
_ADDRESSEE = re.compile(r"\s+(?:a|au|aux)\s+(?:l'|la |le |les )?(?:afp|reuters|ap|bbc|cnn|tass|ria novosti|"
                        r"interfax|ukrinform|agence (?:france-presse|\w+)|(?:chaine|television|radio|journal|"
                        r"quotidien|hebdomadaire|site|media) [\w-]+(?: [\w-]+)?|presse|journalistes?|medias?)\b")
_INFINITIVE_AFTER = re.compile(r"\s*(?:,\s*[\w -]{1,30}?,\s*)?(?:de |d')\s*[\w-]+(?:er|ir|re)\b")
_TARGET_NOUNS = {"cible", "objectif"}  # what was aimed at: "la cible des forces russes"
_DET = re.compile(r"^(?:l['’]\s*|les?\s+|la\s+|des\s+|du\s+|un\s+|une\s+|d['’]\s*|de\s+)", re.IGNORECASE)
_PRONOUNS = {"il", "elle", "ils", "elles", "on", "celui-ci", "celle-ci", "ceux-ci", "ce dernier",
             "cette derniere", "ces derniers", "lui", "eux"}
_SOURCE_NOUNS = re.compile(
    r"\b(?:medias?|journa\w+|images?|videos?|photos?|informations?|rapports?|sources?|temoins?|"
    r"analystes?|experts?|observateurs?|blogueurs?|chaines?|agences?|presse|reseaux sociaux|"
    r"habitants?|utilisateurs?|internautes?|comptes?|specialistes?|chercheurs?)\b")
# when a speaker spoke ("a indiqué mardi le gouverneur", "a indiqué l'armée mardi")
_SPOKEN_WHEN = (r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier)"
                r"(?: (?:matin|soir|apres-midi))?|ce matin|ce soir|cet apres-midi)")
_INVERTED_STOP = re.compile(r"[,.;:»)\]]|\s[–—-]\s|\s(?:qui|que|dont|sur|dans|lors|apres|avant|en(?!\schef\b)|a la|au)\s|"
                            r"\s" + _SPOKEN_WHEN + r"\b")  # (the day it spoke, not its name)
_WHEN_FIRST = re.compile(r"\s*(?:" + _SPOKEN_WHEN + r"|dans la (?:nuit|soiree|matinee))\s+")
_APPOSITION = re.compile(r"\s*,\s*([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3})\s*(?=,)")
_TRAILING_NAME = re.compile(r",\s*([A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){1,3})\s*,?\s*$")
# a title, then a name of two or three capitalised words
_TITLED_NAME = re.compile(r"\b(?i:gouverneure?|maire|ministre|porte-parole|pr[eé]sidente?|chef|"
                          r"commandant|g[eé]n[eé]ral|colonel|responsable|directeur|directrice)"
                          r"(?: [a-zà-ÿ'’-]+){0,4}?\s+([A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+){1,2})")
_HEADLINE_SPEAKER = re.compile(r"^\s*([A-ZÀ-Ý][^\s:«»\"]*(?:[ -][A-ZÀ-Ýa-zà-ÿ'’][^\s:«»\"]*){0,3})\s:\s")
# "selon les (premières) informations (détaillées) des médecins": who gave them, if anyone
# ", qui cite le ministère", ", citant les services d'urgence": the source an outlet relays
_RELAYS = ("media", "text", "unnamed")  # who may relay a source it cites
_CITED_BY = re.compile(r"\s*,?\s*\bcitee?s? par\b")  # "une source citée par Reuters"
_CITING = re.compile(r"\s*,?\s*(?:qui (?:cite|citent|citait|citaient)|citant|en citant)\s+")
_INFORMATION = re.compile(r"\s*(?:les |des |de |d')?(?:(?:premieres|dernieres|nouvelles|memes)\s+)?"
                          r"(?:informations?|donnees|chiffres|estimations?|elements)\b"
                          r"(?:\s+(?:preliminaires|disponibles|detaillees|officielles|actuelles|"
                          r"recueillies|fournies|communiquees|publiees|donnees))*"
                          r"(?P<of>\s+(?:par\s+|de la\s+|de l'|des\s+|du\s+|de\s+|d'))?")
_GENERIC_HEADS = ("ministere", "armee", "gouvernement", "administration", "porte-parole",
                  "gouverneur", "maire", "president", "etat-major", "defense", "commandement",
                  "kremlin", "presidence", "communique", "chef", "responsable", "responsables",
                  "commandant", "service", "services", "autorites", "parquet", "procureur",
                  "police", "secours", "mairie", "centre", "forces", "force")
# the participles that tell who launched an attack named by a noun ("lancée par X")
_LAUNCHED_BY = frozenset({"lancer", "mener", "conduire", "perpétrer", "effectuer", "tirer",
                          "déclencher", "commettre", "réaliser", "organiser", "orchestrer"})
_LAUNCH_LEMMAS = {"lancer", "tirer", "mener", "effectuer", "revendiquer", "perpétrer",
                  "conduire", "commettre", "réaliser", "organiser", "déclencher",
                  "intensifier", "poursuivre", "frapper", "attaquer", "bombarder", "viser",
                  "cibler", "utiliser", "employer", "pilonner", "envoyer", "déployer",
                  "installer", "positionner", "transférer", "acheminer", "stationner",
                  "porter"}  # "ont porté une frappe massive
_DEFENDER_LEMMAS = {"abattre", "intercepter", "détruire", "neutraliser", "repousser"}
_DESCRIBING = {"presenter", "decrire", "qualifier", "considerer", "denoncer", "condamner",
               "signaler", "rapporter", "annoncer", "evoquer", "confirmer"}
_DEFENDER_FLAT = {"abattre", "intercepter", "detruire", "neutraliser"}
_FINDING = {"trouver", "retrouver", "decouvrir"}  # the remains of a weapon found
# an air defence's counting of what came ("l'armée de l'air a recensé 46 drones")
_COUNTING_FLAT = {"recenser", "compter", "comptabiliser", "enregistrer", "detecter", "signaler"}
_INSERTED_REPORT = re.compile(
    r"\s*(?P<subj>[^,;:«»\"]{2,80}?(?:,[^,;:«»\"]{2,40},)?)\s+(?:a|ont|avait|avaient)\s+(?:de son cote|de leur cote|pour sa part|"
    r"pour leur part|quant a (?:lui|elle|eux)|egalement|aussi|en outre|par ailleurs|encore|ensuite|"
    r"deja|de nouveau|pour sa part aussi|lui aussi|elle aussi|a son tour),?\s+(?P<verb>[\w-]+)")
_IRREGULAR_PARTICIPLES = {"dire": "dit", "ecrire": "ecrit", "soutenir": "soutenu",
                          "reconnaitre": "reconnu", "admettre": "admis", "promettre": "promis",
                          "decrire": "decrit", "prevenir": "prevenu", "maintenir": "maintenu"}
# who supplies weapons others fire: their adjective names no attacker ("drones iraniens")
SUPPLIERS = {"US", "GB", "FR", "DE", "IR", "KP", "NATO", "PL", "CN"}


@dataclass(frozen=True, slots=True)
class Who:
    name: str | None
    side: str | None
    start: int  # offsets in the sentence
    end: int
    kind: str  # person, institution, side, media, unnamed, pronoun, text
    basis: str = ""


def strip_det(text: str) -> str:
    text = text.strip(" ,;:«»\"“”()–-")
    return _DET.sub("", text).strip()


def resolve_who(kb: KnowledgeBase, text: str, start: int, end: int, ents=(),
                when=None) -> Who | None:
    """The actor that the words ``text[start:end]`` name, if they name one; a person takes
    the side of the office held on ``when`` (the publication date)."""
    chunk = text[start:end]
    landmark = _LANDMARK_CUT.search(chunk)
    if landmark is not None and landmark.start() > 0:  # "..., au sud de Moscou": where it lies
        end = start + landmark.start()
        chunk = text[start:end]
    low = flat(chunk).strip()
    if not low:
        return None
    if strip_det(low) in _PRONOUNS or low in _PRONOUNS:
        return Who(None, None, start, end, "pronoun")
    # a platform ("sur Telegram") is where a claim was published, never who made it
    # (nor a weapon's name: "un missile Palestine 2" names no Palestinian)
    found = [m for m in kb.gazetteer.find(chunk, ("actor", "weapon")) if m.kind == "actor"]
    mentions = [m for m in found if m.entry.kind != "platform"]
    rank = {"person": 0, "institution": 1, "media": 2, "unnamed": 3, "side": 4}
    people = [(a, b) for a, b, label in ents if label == "PER" and start <= a and b <= end]
    if people and all(m.entry.kind == "side" for m in mentions):
        # "Le maire de Kiev, Vitali Klitschko": the person, on the side the words name
        a, b = people[0]
        side = next((m.entry.side for m in mentions), None) or _adjective_side(kb, chunk)
        return Who(text[a:b], side, a, b, "person")
    named = _TRAILING_NAME.search(chunk)
    if mentions and named and all(m.entry.kind in ("institution", "side") for m in mentions) \
            and not kb.gazetteer.find(named.group(1), ("actor", "place")):
        # "Le président de la commission de la Défense de la Douma, Andreï Kartapolov": the
        # person the knowledge base does not hold, on the side of the office the words name
        office = min(mentions, key=lambda m: (rank.get(m.entry.kind, 9), m.start)).entry
        return Who(named.group(1), office.side, start + named.start(1), start + named.end(1),
                   "person")
    if mentions:
        best = min(mentions, key=lambda m: (rank.get(m.entry.kind, 9), m.start))
        entry = best.entry
        side = entry.side_on(when) if entry.kind == "person" else entry.side
        if entry.kind in ("media", "unnamed"):
            side = None
        name = entry.name if entry.kind != "side" or flat(best.text) in kb.adjectives \
            else strip_det(best.text)  # "les drones russes": Russie, not "russes"
        if entry.kind == "side" and _SOURCE_NOUNS.search(flat(chunk[:best.start])):
            side = None  # "les médias russes": a source, not the side
        return Who(name, side, start + best.start, start + best.end, entry.kind)
    for ent_start, ent_end, label in ents:
        if start <= ent_start and ent_end <= end and label == "PER":
            side = _adjective_side(kb, chunk)
            return Who(text[ent_start:ent_end], side, ent_start, ent_end, "person")
    titled = _TITLED_NAME.search(chunk)
    if titled is not None and not kb.gazetteer.find(titled.group(1), ("place",)):
        # "le gouverneur Dmitri Milaïev", the tagger reading the first name as an adjective
        return Who(titled.group(1), _adjective_side(kb, chunk), start + titled.start(1),
                   start + titled.end(1), "person")
    side = _adjective_side(kb, chunk)
    if _SOURCE_NOUNS.search(low):
        return Who(strip_det(chunk), None, start, end, "unnamed")
    if not side and strip_det(low).split(" ")[0] in _GENERIC_HEADS:
        return Who(strip_det(chunk), None, start, end, "text")  # "le ministère": resolved later
    if side and len(low.split()) > 10:
        return None  # a clause with a side's adjective in it ("... tué par une frappe russe"): no one
    if side:
        name = strip_det(re.sub(r"^\s*par\s+", "", chunk))
        if _WEAPON_HEAD.match(flat(name)):
            # "frappé par un missile ukrainien": the side whose weapon it was, not the weapon
            entry = kb.actors.get(f"side:{side}")
            name = entry.name if entry else side
        return Who(name, side, start, end, "text")
    platforms = {(start + m.start, start + m.end) for m in found if m.entry.kind == "platform"}
    for ent_start, ent_end, label in ents:
        if start <= ent_start and ent_end <= end and label in ("ORG",) and \
                (ent_start, ent_end) not in platforms:  # "a écrit sur Telegram": no one
            return Who(text[ent_start:ent_end], None, ent_start, ent_end, "text")
    return None


_WEAPON_HEAD = re.compile(r"(?:(?:un|une|des|les|le|la|l'|deux|trois|plusieurs)\s+)?"
                          r"(?:(?:autres?|nouvel|nouveau|nouvelle|nouveaux|nouvelles|premiers?|dernier)\s+)?"
                          r"(?:missiles?|drones?|"
                          r"roquettes?|obus|bombes?|engins?|projectiles?|munitions?|"
                          r"frappes?|attaques?|bombardements?|tirs?|salves?|raids?)\b")


def _adjective_side(kb: KnowledgeBase, chunk: str) -> str | None:
    for word in re.findall(r"[\w-]+", flat(chunk)):
        side = kb.adjectives.get(word)
        if side:
            return side
    return None


# a phrase between two commas right before a verb: ", l'ayatollah Ali Khamenei, "
_BOXED_BEFORE = re.compile(r",\s*([^,;:«»()]{3,60}?)\s*,\s*$")
# what the verb reports, right after it: the speaker is not there
_THAT_AFTER = re.compile(r"\s*(?:(?:sur|via|dans|par) (?:la |le |l'|les |son |sa |ses )?[\w'-]+ )?(?:que|qu')")


def _verb_start(tok) -> int:
    """Where a verb begins with its auxiliaries ("a déclaré": at "a")."""
    return min([c.idx for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i] + [tok.idx])


def _through_apposition(text: str, end: int, ents) -> int:
    """'selon le chef de l'administration, Oleh Kiper': reach the name after the comma."""
    person = next((b for a, b, label in ents if label == "PER" and
                   end < a <= end + 3 and text[end:a].strip() == ","), None)
    return person if person is not None else end


def subtree_bounds(tok) -> tuple[int, int]:
    """Character bounds of a token's subtree, with its apposition ("Le maire de Kharkiv,
    Igor Terekhov,") but without a trailing relative or other clause."""
    left = tok.left_edge.idx
    right_tok = tok
    for child in tok.rights:
        if child.dep_ == "punct":
            continue
        if child.dep_ in ("acl:relcl", "parataxis", "advcl", "ccomp", "conj", "cc"):
            break
        if child.dep_ == "acl" and flat(child._.lemma) in _DESCRIBING:
            break  # "une attaque décrite par les autorités comme ...": who describes it
        right_tok = child.right_edge
    doc = tok.doc  # "Vladimir Poutine" parsed as two subjects: keep the whole name
    while right_tok.i + 1 < len(doc) and right_tok.pos_ == "PROPN" and \
            doc[right_tok.i + 1].pos_ == "PROPN" and doc[right_tok.i + 1].text[:1].isupper():
        right_tok = doc[right_tok.i + 1]
    end = right_tok.idx + len(right_tok.text)
    # an apposition the parse left outside: "Le vice-président du Conseil, Dmitri Medvedev, a"
    named = _APPOSITION.match(doc.text, end)
    return left, named.end(1) if named else end


# a target's preposition between a noun and an adjective the parser hung on it
_TARGET_BETWEEN = re.compile(r"\b(?:sur|contre|vers|visant)\s")
_TARGET_CASES = frozenset({"contre", "sur", "vers", "en", "dans", "à", "a", "au", "aux"})


def _before_target(tok) -> tuple[int, int]:
    """The bounds of a complement up to the target or place it governs: in "une attaque de
    missiles contre l'Ukraine" the missiles' phrase ends before "contre"."""
    left, right = subtree_bounds(tok)
    for child in tok.rights:
        if child.dep_ in ("nmod", "obl") and any(
                c.dep_ == "case" and c.lower_ in _TARGET_CASES for c in child.children):
            right = min(right, child.left_edge.idx)
    return left, right


_VERB_POS = None


def verbs_of(doc) -> list:
    """The doc's verbs and auxiliaries in order, read once from its array of parts of speech
    (iterating a Doc makes a Token of every word, and a sentence is read several times)."""
    found = doc.user_data.get("veille_verbs")
    if found is None:
        global _VERB_POS
        if _VERB_POS is None:
            from spacy.symbols import AUX, VERB  # (spaCy loads with the model)
            _VERB_POS = (VERB, AUX)
        pos = doc.to_array("POS").tolist() if len(doc) else []
        found = [doc[i] for i, p in enumerate(pos) if p in _VERB_POS]
        doc.user_data["veille_verbs"] = found
    return found


def token_ending_at(doc, end: int):
    """The token whose characters hold position ``end - 1``."""
    span = doc.char_span(end - 1, end, alignment_mode="expand") if end > 0 else None
    return span[0] if span is not None and len(span) else None


def subject_of(tok):
    """The subject token of a verb, climbing through auxiliaries, xcomp and conj."""
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and child.text not in ("-t", "-t-"):
                if child.lower_ in ("qui", "lequel", "laquelle", "lesquels", "lesquelles") and \
                        tok.dep_ == "acl:relcl" and tok.head is not tok:
                    return tok.head  # "Vladimir Poutine, qui a brandi la menace": the antecedent
                return child
        if tok.dep_ in ("acl", "advcl", "xcomp") and tok.head is not tok and \
                any(c.dep_.startswith("aux") and c.lower_ == "ayant" for c in tok.children):
            # "Tsahal a intercepté le missile houthi ayant visé Haïfa": the missile did
            if tok.dep_ == "acl":
                return tok.head
            obj = next((c for c in tok.head.children if c.dep_ == "obj"), None)
            if obj is not None:
                return obj
        if tok.dep_ == "xcomp" and flat(tok.head._.lemma) in _OBJECT_CONTROL:
            # "l'Ukraine a accusé la Russie d'avoir lancé 89 drones": who is accused launched
            obj = next((c for c in tok.head.children if c.dep_ == "obj"), None)
            if obj is not None:
                return obj
        aux = next((c for c in tok.children if c.dep_.startswith("aux") and c.i < tok.i), None)
        if aux is not None and aux.i > 0 and (name := aux.doc[aux.i - 1]).pos_ == "PROPN" and \
                name.dep_ == "dep":
            # "après que Moscou ait promis des représailles": the parse left the name right
            # before the auxiliary unattached; it is the subject
            return name
        if tok.dep_ in ("xcomp", "conj", "acl", "advcl") and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


# verbs whose object does what their infinitive says ("accuser X d'avoir frappé")
_OBJECT_CONTROL = {"accuser", "soupconner", "blamer", "condamner", "remercier", "feliciter"}


def is_passive(tok) -> bool:
    # (the parse sometimes makes the "été" of "a été à nouveau frappée" a copula: its
    # passive subject still tells the voice)
    return any(c.dep_ in ("aux:pass", "nsubj:pass") or c.dep_ == "cop" and c.lower_ == "été"
               for c in tok.children) or "Voice=Pass" in str(tok.morph)


DEFENDER_AGENT = "the defender named as the agent"
# what "a lancé" launched, not said: "..., a lancé une « vaste » attaque de drones"
_LAUNCHED_OBJECT = re.compile(r"[^,.;:«»\"]{0,12}?[«\"]?[^,.;:]{0,40}?\b(?:attaques?|offensives?|operations?|"
                              r"frappes?|salves?|vagues?|missiles?|drones?|roquettes?|raids?|"
                              r"bombardements?|assauts?|projectiles?|obus|bombes?)\b")


class Attribution:
    """Claimants and actors read from one parsed sentence."""

    def __init__(self, kb: KnowledgeBase, cues: Cues):
        self.kb = kb
        self.cues = cues
        self.when = None  # the publication date of the article being read

    def _cited(self, text: str, low: str, end: int, ents) -> Who | None:
        """"Selon l'agence de presse d'Etat, qui cite le ministère de la Défense, ...",
        "rapporte l'agence TASS, citant le ministère": the outlet relays, the source it cites
        speaks (a person or an institution the knowledge base knows)."""
        m = _CITING.match(low, end)
        if m is None:
            return None
        stop = re.search(r"[,.;:»)\]]|\s[–—-]\s", low[m.end():])
        stop_at = m.end() + (stop.start() if stop else len(low) - m.end())
        who = resolve_who(self.kb, text, m.end(), _through_apposition(text, stop_at, ents), ents,
                          self.when)
        return who if who is not None and who.kind in ("person", "institution") else None

    def claimant(self, doc, text: str, ents) -> Who | None:
        low = matchable(text)
        # a headline in the press's "Speaker : what they said" form ("Kiper : trois morts")
        head = _HEADLINE_SPEAKER.match(text)
        if head:
            who = resolve_who(self.kb, text, head.start(1), head.end(1), ents, self.when)
            if who is not None and who.kind in ("person", "institution"):
                return who
        # "Bilan de l'armée de l'air pour la nuit : 52 drones lancés": whose count it is
        for m in _COUNT_OF.finditer(low):
            stop = re.search(r"\s*(?:[:,;.(]|\bpour\b|\bsur\b|\bdans\b|\bconcernant\b)", low[m.end():])
            end = m.end() + (stop.start() if stop else min(60, len(low) - m.end()))
            who = resolve_who(self.kb, text, m.end(), end, ents, self.when)
            if who is not None and who.name and (who.kind in ("person", "institution") or
                                                 _AIR_DEFENCE_BODY.search(flat(who.name))):
                return who
        # the other headline form, "Trois morts à Kharkiv – Terekhov": the source after a dash
        tail = _HEADLINE_SOURCE.search(text)
        if tail:
            who = resolve_who(self.kb, text, tail.start(1), tail.end(1), ents, self.when)
            if who is not None and who.kind in ("person", "institution") and \
                    who.end - who.start >= len(tail.group(1).strip()) - 2:
                return who
        # "selon X", "d'après X"
        for m in self.cues.attribution_prefix.finditer(low):
            stop = re.search(r"[,.;:»)\]]|\s[–—-]\s|\s(?:qui|que|dont)\s", low[m.end():])
            end = m.end() + (stop.start() if stop else len(low) - m.end())
            end = _through_apposition(text, end, ents)
            begin = m.end()
            if (info := _INFORMATION.match(low, begin)) is not None:
                if info.group("of") is None:
                    continue  # "selon les premières informations": no one is named
                begin = info.end()  # "selon les informations des médecins": the doctors
            who = resolve_who(self.kb, text, begin, end, ents, self.when)
            if who is not None and who.kind != "pronoun":
                return (self._cited(text, low, end, ents) if who.kind in _RELAYS else None) or who
        # ", a annoncé l'administration régionale." / "», a lancé Dmitri Medvedev."
        for m in self.cues.inverted_reporting.finditer(low):
            if re.search(r"-t-(?:il|elle)\b|-(?:il|elle|ils|elles)\b", m.group()):
                return Who(None, None, m.start(), m.end(), "pronoun")  # "», a-t-il ajouté"
            if doc is not None and self._subject_before(doc, text, m.start(), m.end(), ents):
                continue  # "Le gouverneur, Viatcheslav Gladkov, a annoncé": the comma closed an apposition
            if m.group().endswith("lance") and _LAUNCHED_OBJECT.match(low, m.end()):
                continue  # "..., l'armée idéologique du régime, a lancé une attaque de drones": fired
            if _INFINITIVE_AFTER.match(low, m.end()):
                # "Le président russe, Vladimir Poutine, a menacé, jeudi, de frapper Kiev": what
                # is threatened comes after, who speaks is the subject before (at times parsed
                # apart from the verb)
                who = resolve_who(self.kb, text, max(0, m.start() - 80), m.start(), ents, self.when)
                if who is not None and who.kind in ("person", "institution", "side"):
                    return who
                continue
            begin = m.end()
            if (when := _WHEN_FIRST.match(low, begin)) is not None:
                begin = when.end()  # "a annoncé jeudi le gouverneur": the day it spoke
            if (told_to := _ADDRESSEE.match(low, begin)) is not None:
                begin = told_to.end()  # "a dit à l'AFP une source": the outlet heard it
            if _THAT_AFTER.match(low, begin):
                continue  # "X, Y, a fait savoir jeudi sur Telegram qu'...": what was said
                # follows, the speaker came before (the apposition's comma, parsed apart)
            stop = _INVERTED_STOP.search(low, begin)
            end = _through_apposition(text, stop.start() if stop else len(low), ents)
            if (relayed := _CITED_BY.search(low, begin, end)) is not None:
                end = relayed.start()  # "a déclaré une source citée par Reuters": the source
            who = resolve_who(self.kb, text, begin, end, ents, self.when) or \
                resolve_who(self.kb, text, begin, min(len(text), begin + 80), ents, self.when)
            if who is not None and who.kind != "pronoun":  # "a averti samedi sur Telegram le X"
                return (self._cited(text, low, end, ents) if who.kind in _RELAYS else None) or who
        if doc is None:
            return None
        # subjects of reporting verbs, nearest to the start of the sentence first
        for tok in verbs_of(doc):
            lemma = flat(tok._.lemma)
            # "a fait état de quatre drones abattus", "le maire a fait savoir que ...", "a mis
            # en garde X"
            fait_etat = lemma == "faire" and tok.i + 1 < len(doc) and \
                flat(doc[tok.i + 1].text) in ("etat", "savoir") or \
                lemma == "mettre" and flat(doc[tok.i + 1:tok.i + 3].text) == "en garde"
            # "X donnait un bilan de 20 morts", "a dressé un bilan": whose toll it is
            toll = lemma in ("donner", "dresser", "livrer", "avancer") and any(
                c.dep_ == "obj" and flat(c._.lemma) in ("bilan", "chiffre", "decompte")
                for c in tok.children)
            if lemma not in self.cues.reporting_verbs and not fait_etat and not toll:
                continue
            if lemma == "montrer" and not re.search(r"images?|videos?|photos?", flat(text)):
                continue
            subj = subject_of(tok)
            if subj is None:
                # ", l'ayatollah Ali Khamenei, a déclaré que": the name between the commas
                # right before the verb, which the parse hung elsewhere
                boxed = _BOXED_BEFORE.search(text, 0, _verb_start(tok))
                who = resolve_who(self.kb, text, boxed.start(1), boxed.end(1), ents, self.when) \
                    if boxed is not None else None
                if who is not None and who.kind in ("person", "institution"):
                    return who
                continue
            start, end = subtree_bounds(subj)
            if subj.i > tok.i:  # inverted: ", a déclaré le ministère"
                start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            who = resolve_who(self.kb, text, start, end, ents, self.when)
            if who is None and subj.i < tok.i:
                # "Le guide de la Révolution, l'ayatollah Ali Khamenei, a déclaré": the name
                # in the apposition the parse left out of the subject's phrase
                verb_start = _verb_start(tok)
                if 0 < verb_start - end <= 60 and text[end:verb_start].lstrip().startswith(","):
                    who = resolve_who(self.kb, text, end, verb_start, ents, self.when)
                    who = who if who is not None and who.kind == "person" else None
            if who is not None:
                return who
        # "L'armée a de son côté indiqué ...": an inserted phrase the parse may not bridge
        m = _INSERTED_REPORT.match(low)
        if m and (self._reporting_participle(m.group("verb")) or m.group("verb") == "fait" and
                  low[m.end("verb"):].lstrip().startswith(("etat", "savoir", "part "))):
            comma = low.find(",", m.start("subj"), m.end("subj"))  # (", dans le nord-est,")
            who = resolve_who(self.kb, text, m.start("subj"), comma if comma > 0 else m.end("subj"),
                              ents, self.when)
            if who is not None and who.kind != "pronoun":
                return who
        # no one says it: the air defence that shot down ("l'armée de l'air a intercepté neuf
        # missiles") tells its own tally
        for tok in verbs_of(doc):
            counting = flat(tok._.lemma) in _COUNTING_FLAT
            if tok.pos_ != "VERB" or flat(tok._.lemma) not in _DEFENDER_FLAT and not counting:
                continue
            # "un missile ... a été intercepté par l'armée israélienne": the agent, who tells
            # where it was shot down, not that it claims so
            passive = is_passive(tok)
            subj = next((c for c in tok.children if c.dep_ == "obl:agent"), None) if passive \
                else subject_of(tok)
            if subj is None or subj.pos_ == "PRON":
                continue
            who = resolve_who(self.kb, text, *subtree_bounds(subj), ents, self.when)
            if counting and not (who is not None and _AIR_DEFENCE_BODY.search(flat(who.name or ""))):
                continue  # "l'armée de l'air a recensé 46 drones": its count; not anyone's
            if who is not None and who.kind in ("institution", "person", "side", "text") and (
                    who.side or _AIR_DEFENCE_BODY.search(flat(who.name or ""))):
                # ("l'armée de l'air" with no adjective: the story's own, told later)
                return Who(who.name, who.side, who.start, who.end, who.kind,
                           DEFENDER_AGENT if passive else "the defender's own tally")
        return None

    def _reporting_participle(self, word: str) -> bool:
        """Is a flat past participle ("indique", "dit") that of a reporting verb?"""
        for lemma in self.cues.reporting_verbs:
            if lemma.endswith("er") and word == lemma[:-2] + "e" or \
                    word == _IRREGULAR_PARTICIPLES.get(lemma):
                return True
        return False

    def _subject_before(self, doc, text: str, comma: int, verb_end: int, ents) -> bool:
        """Is the comma before the reporting verb the end of its subject's apposition ("Le
        gouverneur, Viatcheslav Gladkov, a annoncé"), the subject naming a speaker?"""
        verb = token_ending_at(doc, verb_end)
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return False
        subj = subject_of(verb)
        if subj is None or subj.i > verb.i or subj.pos_ == "PRON":
            return False
        start, end = subtree_bounds(subj)
        if abs(end - comma) > 1:
            return False
        who = resolve_who(self.kb, text, start, end, ents, self.when)
        return who is not None and (who.kind in ("person", "institution") or (
            who.kind == "text" and strip_det(flat(who.name or "")).split(" ")[0] in _GENERIC_HEADS))

    def attacker(self, doc, text: str, trig_start: int, trig_end: int, ents, *,
                 owner: bool = False) -> Who | None:
        """The side that carried out the strike (or deployment) whose trigger is here. For a
        deployment (``owner``), a supplier's adjective names the owner ("Patriot américains")."""
        if doc is None:
            return None
        span = doc.char_span(trig_start, trig_end, alignment_mode="expand")
        if span is None:
            return None
        tok = span.root
        low = matchable(text)
        lemma = flat(tok._.lemma)
        if low[max(0, trig_start - 3):trig_start] == "en " and flat(tok.text).endswith("ant") \
                and tok.head is not tok:
            # a gerund ("a riposté en frappant un site", at times parsed as a noun): it
            # strikes for the subject of the verb it depends on
            subj = subject_of(tok if tok.pos_ in ("VERB", "AUX") else tok.head)
            if subj is not None:
                who = resolve_who(self.kb, text, *subtree_bounds(subj), ents, self.when)
                if who and who.side:
                    return Who(who.name, who.side, who.start, who.end, who.kind, "subject")
        if tok.pos_ in ("VERB", "AUX"):
            objects = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass")]
            # (a system's name beside them is theirs: "deux lanceurs ... du système Patriot",
            # at times parsed as an object of its own)
            equipment = objects and lemma == "detruire" and \
                all(flat(o._.lemma) in _EQUIPMENT or o.pos_ == "PROPN" for o in objects) and \
                any(flat(o._.lemma) in _EQUIPMENT for o in objects)
            if lemma in _FINDING:
                # "a trouvé des fragments d'un drone russe": the finder is no attacker; the
                # remains' nationality, if told, is
                for child in tok.children:
                    if child.dep_ in ("obj", "nsubj:pass"):
                        for t in child.subtree:
                            if (who := self._adjective_itself(t, text, owner)) is not None:
                                return who
                return None
            if lemma in {flat(x) for x in _DEFENDER_LEMMAS} and not (
                    equipment and not is_passive(tok) and not self._air_defence_subject(tok, text)
                    or equipment and is_passive(tok) and _ON_THE_GROUND.search(low)):
                # "a intercepté neuf drones russes", "six missiles ukrainiens ont été
                # abattus": the weapons' nationality is the attacker's (but "a détruit neuf
                # hélicoptères russes", "douze avions russes ont été détruits au sol": the
                # targets', the one who destroyed them struck)
                for child in tok.children:
                    if child.dep_ in ("obj", "nsubj:pass"):
                        for noun in (child, *(c for c in child.children if c.dep_ == "conj")):
                            who = self._adjective_actor(noun, text, owner) or \
                                self._adjective_itself(noun, text, owner)
                            if who:
                                return who
                return self._adjective_actor(tok, text, owner)
            bare_participle = "VerbForm=Part" in str(tok.morph) and not any(
                c.dep_.startswith("aux") for c in tok.children)  # "55 drones lancés par la Russie"
            if is_passive(tok) or bare_participle:
                for child in tok.children:
                    if child.dep_ in ("obl:agent", "obl") and any(
                            c.lower_ == "par" for c in child.children):
                        who = resolve_who(self.kb, text, *subtree_bounds(child), ents, self.when)
                        if who and who.side:
                            return Who(who.name, who.side, who.start, who.end, who.kind, "agent")
                return None
            subj = subject_of(tok)
            if subj is not None:
                start, end = subtree_bounds(subj)
                if start <= tok.idx < end:
                    # "deux drones ayant pénétré dans l'espace aérien israélien": the verb
                    # qualifies its subject; what follows it is no part of who acted
                    end = tok.idx
                who = resolve_who(self.kb, text, start, end, ents, self.when)
                if who and who.side:
                    return Who(who.name, who.side, who.start, who.end, who.kind, "subject")
            return None
        # a noun: "l'attaque russe", "attaque ... des forces ukrainiennes", "a lancé une frappe";
        # a target's adjective is its owner's ("une cible militaire israélienne")
        adj = self._adjective_actor(tok, text, owner) if lemma not in _TARGET_NOUNS else None
        if adj:
            return adj
        for child in tok.children:  # "une attaque de drones imputée à l'Ukraine", "des
            # attaques revendiquées par Kiev"
            preps = ("à", "a", "au", "aux") if flat(child._.lemma) in ("imputer", "attribuer") \
                else ("par",) if flat(child._.lemma) == "revendiquer" else ()
            if child.dep_ == "acl" and preps:
                for obl in child.children:
                    if obl.dep_.startswith("obl") and any(c.lower_ in preps
                                                          for c in obl.children if c.dep_ == "case"):
                        who = resolve_who(self.kb, text, *subtree_bounds(obl), ents, self.when)
                        if who and who.side:
                            return Who(who.name, who.side, who.start, who.end, who.kind, "imputed")
        # "une attaque de drones lancée dans la nuit par les forces ukrainiennes": the agent
        # of the participle that launched it (on the noun or on its weapons' complement; the
        # agent found in the participle's phrase, wherever the parser hung it)
        for acl in (c for n in (tok, *(c for c in tok.children if c.dep_ == "nmod"))
                    for c in n.children if c.dep_ == "acl" and c._.lemma in _LAUNCHED_BY):
            for agent in acl.subtree:
                if agent is not acl and agent.pos_ in ("NOUN", "PROPN") and any(
                        c.dep_ == "case" and c.lower_ == "par" for c in agent.children):
                    who = resolve_who(self.kb, text, *subtree_bounds(agent), ents, self.when)
                    if who and who.side:
                        return Who(who.name, who.side, who.start, who.end, who.kind, "agent")
        # ("36 cibles des Houthis", "des cibles du Hezbollah": targets the group owns, not
        # the one who aimed at them)
        owned = lemma in _TARGET_NOUNS and tok.lower_.endswith("s")
        for child in tok.children:
            cases = {c.lower_ for c in child.children if c.dep_ == "case"}
            if child.dep_ == "nmod" and child.pos_ in ("NOUN", "PROPN") and not owned and \
                    cases & {"de", "des", "du", "d'", "d’", "par"}:
                who = resolve_who(self.kb, text, *_before_target(child), ents, self.when)
                if who and who.side and who.kind in ("side", "institution", "person"):
                    return Who(who.name, who.side, who.start, who.end, who.kind, "complement")
        head, dep = tok.head, tok.dep_
        if head is not tok and dep in ("obj", "nmod") and head.dep_ == "obl:mod" and \
                head.head._.lemma in _LAUNCH_LEMMAS:
            # "a revendiqué dimanche un tir", "a mené mardi des frappes": the parser hung the
            # object on the day
            head, dep = head.head, "obj"
        if head is not tok and dep in ("obj", "nsubj:pass") and \
                head._.lemma in _LAUNCH_LEMMAS:
            subj = subject_of(head)
            if subj is not None:
                who = resolve_who(self.kb, text, *subtree_bounds(subj), ents, self.when)
                if who and who.side:
                    return Who(who.name, who.side, who.start, who.end, who.kind, "subject")
        m = re.search(r"\b(?:l'oeuvre|l'œuvre|le fait|oeuvre) (?:de |d'|des |du )", low)
        if m:
            who = resolve_who(self.kb, text, m.end(), min(len(text), m.end() + 60), ents, self.when)
            if who and who.side:
                return Who(who.name, who.side, who.start, who.end, who.kind, "oeuvre")
        return None

    def _air_defence_subject(self, verb, text: str) -> bool:
        """"la défense antiaérienne a détruit deux avions": what an air defence destroys
        came at it, whatever the object."""
        subj = subject_of(verb)
        return subj is not None and _GROUND_AIR_DEFENCE.search(
            matchable(text[slice(*subtree_bounds(subj))])) is not None

    def _adjective_itself(self, tok, text: str, owner: bool = False) -> Who | None:
        """A nationality adjective parsed as the head of its phrase ("et neuf drones
        russes", where the parser made "russes" the conjunct)."""
        if tok.pos_ != "ADJ":
            return None
        side = self.kb.adjectives.get(flat(tok.text))
        if side and (owner or side not in SUPPLIERS):
            name = self.kb.actors.get(f"side:{side}")
            return Who(name.name if name else side, side, tok.idx, tok.idx + len(tok.text),
                       "side", "adjective")
        return None

    def _adjective_actor(self, tok, text: str, owner: bool = False) -> Who | None:
        for child in tok.children:  # "drones russes", the adjective at times parsed as a clause
            if child.i > tok.i and _TARGET_BETWEEN.search(
                    matchable(text[tok.idx + len(tok.text):child.idx])):
                continue  # "des tirs russes sur l'oblast ukrainien": the target's, misparsed
            if child.dep_ == "amod" or (child.dep_ == "acl" and child.pos_ == "ADJ"):
                side = self.kb.adjectives.get(flat(child.text))
                if side and (owner or side not in SUPPLIERS):
                    name = self.kb.actors.get(f"side:{side}")
                    return Who(name.name if name else side, side, child.idx,
                               child.idx + len(child.text), "side", "adjective")
        return None
