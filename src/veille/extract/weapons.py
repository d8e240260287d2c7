"""Weapons: named systems from the knowledge base, generic classes from the nouns.

Generic classes (``drone``, ``ballistic missile``, ``cruise missile``, ``missile``,
``aircraft``, ``artillery``, ``nuclear weapon``) are used only when no named system of
the same class is given (EVENTS.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

GENERIC_OF_CLASS = {
    "ballistic missile": "ballistic missile", "cruise missile": "cruise missile",
    "hypersonic missile": "missile", "anti-ship missile": "missile",
    "air-to-surface missile": "missile", "strategic missile": "missile",
    "one-way attack drone": "drone", "reconnaissance drone": "drone", "naval drone": "drone",
    "rocket artillery": "artillery", "tube artillery": "artillery",
    "glide bomb": "aircraft", "combat aircraft": "aircraft", "bomber": "aircraft",
    "helicopter": "aircraft",
}
MISSILE_GENERICS = {"missile", "ballistic missile", "cruise missile"}
# EVENTS.md's named systems; any other is reported by its class (and kept in `systems`)
CANONICAL = frozenset({
    "ATACMS", "HIMARS", "Storm Shadow", "SCALP", "Taurus", "Neptune", "Shahed", "Geran",
    "Lancet", "Kalibr", "Kh-101", "Kh-22", "Kh-59", "Kinzhal", "Iskander", "Tochka-U",
    "Oreshnik", "Zircon", "S-300", "S-400", "Pantsir", "Tor", "Buk", "Patriot", "IRIS-T",
    "NASAMS", "SAMP/T", "Gepard"})

_MISSILE = re.compile(
    r"\bmissiles?(?P<mods>(?:\s+(?:tactiques?|guides?|russes?|ukrainiens?|americains?|"
    r"de precision|a longue portee|de longue portee|longue portee))*)"
    r"(?P<kind>\s+(?:balistiques?|de croisiere|hypersoniques?|aerobalistiques?|antinavires?|"
    r"sol-air|antiaeriens?|anti-aeriens?|intercepteurs?|air-sol|sol-sol))?"
    r"(?P<second>\s+(?:et|ou)\s+(?:de croisiere|balistiques?|missiles? de croisiere|"
    r"missiles? balistiques?))?")
_OTHER = [
    (re.compile(r"\b(?:drones?|uav|aeronefs? sans pilote|engins? sans pilote|"
                r"appareils? sans pilote|vehicules? aeriens? sans pilote|kamikazes?)\b"), "drone"),
    # ("des éclats d'obus", "blessé par des éclats d'obus": shrapnel, of whatever burst)
    (re.compile(r"\b(?:roquettes?|(?<!eclats d')(?<!eclat d')obus|artillerie|lance-roquettes|"
                r"mortiers?)\b"), "artillery"),
    (re.compile(r"\b(?:bombes? (?:planantes?|guidees?|aeriennes?)|frappes? aeriennes?|"
                r"raids? aeriens?|bombardements? aeriens?|avions? de combat|bombardiers?|"
                r"aviation (?:russe|ukrainienne|tactique|strategique))\b"), "aircraft"),
    (re.compile(r"\b(?:armes? (?:nucleaires?|atomiques?)|(?:ogives?|tetes?) nucleaires?|"
                r"bombes? (?:nucleaires?|atomiques?)|"
                r"frappes? nucleaires?|munitions? nucleaires?|attaque nucleaire)\b"),
     "nuclear weapon"),
]
_CAPABLE_OF = re.compile(r"\b(?:capables? d[e']|pouvant|susceptibles? d[e']|a capacite|a double capacite|"
                         r"concus? pour|sans)\s*(?:\w+\s+){0,3}$")
# "des drones de type Shahed et non identifiés", "des Shahed et d'autres drones": named
# ones and others of the class, so the class is named beside the system
_OTHERS_AFTER = re.compile(r"(?:\s+[\w'-]+){0,5}?\s+(?:et|ou)\s+(?:de (?:types?|modeles?) )?"
                           r"(?:non identifie|inconnu|non determine)")
_OTHERS_BEFORE = re.compile(r"\b(?:d'autres|autres)\s+$")
_DEFENCE_WORDS = ("sol-air", "antiaerien", "anti-aerien", "intercepteur")


@dataclass(frozen=True, slots=True)
class WeaponMention:
    label: str  # canonical family or generic class
    start: int
    end: int
    named: bool
    cls: str  # knowledge-base class, or the generic itself
    users: tuple[str, ...] = ()
    air_defence: bool = False
    others: bool = False  # "drones de type Shahed et non identifiés": more than the named ones


def generic_weapons(low: str) -> list[WeaponMention]:
    """Generic weapon classes named in flat text."""
    out = []
    for m in _MISSILE.finditer(low):
        kind = (m.group("kind") or "").strip()
        if any(w in kind for w in _DEFENCE_WORDS):
            continue
        labels = []
        for part in (kind, (m.group("second") or "")):
            if "balisti" in part:
                labels.append("ballistic missile")
            elif "croisiere" in part:
                labels.append("cruise missile")
        for label in labels or ["missile"]:
            out.append(WeaponMention(label, m.start(), m.end(), False, label))
    for pattern, label in _OTHER:
        for m in pattern.finditer(low):
            if label == "nuclear weapon" and _CAPABLE_OF.search(low, max(0, m.start() - 50), m.start()):
                continue  # "un missile capable de porter des ogives nucléaires": what it can carry
            others = _OTHERS_AFTER.match(low, m.end()) is not None or \
                _OTHERS_BEFORE.search(low, max(0, m.start() - 12), m.start()) is not None
            out.append(WeaponMention(label, m.start(), m.end(), False, label, others=others))
    return out


def named_weapon(mention) -> WeaponMention:
    weapon = mention.entry
    return WeaponMention(weapon.family, mention.start, mention.end, True, weapon.cls,
                         weapon.users, weapon.is_air_defence)


def fold_generics(labels: list[WeaponMention]) -> list[str]:
    """Canonical names in order, generic classes dropped where a named system covers them."""
    named_generics = {GENERIC_OF_CLASS.get(w.cls, "") for w in labels if w.named}
    names = list(dict.fromkeys(w.label for w in labels))
    present = set(names)
    out = []
    others = {w.label for w in labels if w.others}
    for name in names:
        if name in named_generics and name not in others:
            continue
        if name == "missile" and (present & {"ballistic missile", "cruise missile"} or
                                  named_generics & MISSILE_GENERICS):
            continue
        out.append(name)
    return out


def generic_for(label: str, named: list[WeaponMention]) -> str:
    """A generic munition label folded into the one named system of its class."""
    candidates = {w.label for w in named
                  if w.named and (GENERIC_OF_CLASS.get(w.cls) == label or
                                  (label == "missile" and (GENERIC_OF_CLASS.get(w.cls) in MISSILE_GENERICS
                                                           or w.air_defence)))}
    return candidates.pop() if len(candidates) == 1 else label
