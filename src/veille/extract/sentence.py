"""One sentence: its cues, mentions and the event frames it holds.

A frame is what one sentence says about one happening. Each trigger word (a strike,
deployment or threat cue) owns the stretch of the sentence up to the next trigger; dates,
places, weapons and counts go to the trigger whose stretch they sit in, and neighbouring
triggers of the same type that do not contradict each other make one frame.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from itertools import pairwise

from ..kb import KnowledgeBase, flat, place_rank
from .attribution import SUPPLIERS, Attribution, Who, resolve_who, verbs_of
from .cues import Cues, Trigger, matchable
from .dates import DateMention, resolve, shift_date
from .frames import (
    ArticleContext,
    Frame,
    day_key,
    frame_at,
    is_spread,
    merge_in_sentence,
    set_date,
    split_by_places,
    split_shares,
)
from .locate import LOCAL_OFFICIAL, km
from .numbers import NUMBER
from .tables import TableReader, is_table_line
from .weapons import generic_weapons, named_weapon

_PLACE_PREP = re.compile(r"(?:\b(?:(?:centre|nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest|"
                         r"territoire|frontiere|ville|banlieue|environs|proximite|abords|"
                         r"interieur|profondeur|ciel|hopital|maternite|immeuble|ecole|gare|"
                         r"quartier|port|aeroport|usine|marche|rues?|peripherie) (?:de la|de l'|du|de|d'|des)|"
                         r"en|au|aux|dans|sur|contre|vers|a|pres de|pres d'|autour de|autour d'|survol\w*|"
                         r"au-dessus de|au-dessus d'|au-dessus du|au-dessus des|pres du|pres des|visant|ciblant|frappe\w*|en direction de|"
                         r"en direction d'|"
                         r"bombarde\w*|attaque\w*|vise\w*|cible\w*|touche\w*|pilonne\w*|"
                         r"regions? de|ville de|ville d'|oblasts? de)\s*(?:l'|la |le |les )?)$")
_DEPLOYABLE = re.compile(r"\b(?:systemes?|batteries?|lanceurs?|convois?|materiels? militaires?|"
                         r"equipements? militaires?|vehicules? militaires?|blindes|bombardiers?|"
                         r"armes? nucleaires?|ogives?|tetes? nucleaires?|munitions? nucleaires?|unites? mobiles?|"
                         r"complexes?|radars?|defenses? (?:anti-?aeriennes?|antimissiles?)|"
                         r"armes? anti-?aeriennes?|anti-?aerien\w*|sol-air)\b")
_WEAK_DEPLOY = re.compile(r"^(?:vu|vus|vue|vues|apercu\w*|repere\w*|observe\w*|filme\w*|visible\w*|montr\w*)$")
_REPORT_NEAR = re.compile(r"\b(?:declare|annonce|rapporte|indique|affirme|precise|signale|publie|"
                          r"ecrit|dit|souligne|confirme|assure|communique|explique|ajoute|"
                          r"mentionne|averti|revendique)\b(?:\s+[\w'-]+){0,6}\s*,?\s*$")
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-ZÉ][\w-]+)?\s*\((?:AFP|Reuters|AP|Interfax|TASS|RIA|Ukrinform|UNIAN|"
                             r"Belga|ATS|DPA|EFE|ANSA|Xinhua|Bloomberg)[^)]*\)\s*[-–—]")
_CAPS_DATELINE = re.compile(r"\s*[:–—-]\s")  # after a town in capitals opening the text
_DATELINE = re.compile(r"^\s*\((?:[A-Z][\w .-]{1,20})\)\s*[-–—]")
# (not "était la capitale": a determiner starts a noun phrase, not a participle)
_PLUPERFECT = re.compile(r"\b(?:avait|avaient|etait|etaient) (?!(?:la|le|les|un|une|des|du|de|sa|son|ses|leur|"
                         r"leurs|cette|ce|ces|notre|votre)\b)(?:\w+ )?(?:ete )?"
                         r"(?!(?:la|le|les|une|des|sa|ses|cette|ces)\b)\w+(?:e|es|ee|ees|i|is|u|us|t|ts)\b")
_CAPITAL = re.compile(r"\b(?:la|sa|de la|dans la|sur la|contre la|vers la) (?:seule |meme )?capitale(?: (?P<adj>[\w-]+))?\b")
_NAME_BEFORE = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ'’]+)[ -]$")
_FUNCTION_WORDS = {"Le", "La", "Les", "Des", "Du", "De", "En", "Au", "Aux", "À", "A", "Dans", "Sur",
                   "Selon", "Pour", "Par", "Près", "Vers", "Contre", "Depuis", "Et", "Ou", "Un",
                   "Une", "Cette", "Ce", "Mais", "Après", "Avant", "Entre"}
_GOES_ON = re.compile(r"\s*(?:ainsi que|de meme que|sans compter|auxquels s'ajoutent|plus)\s")
_AT_THE_COUNTRY = re.compile(r"\b(?:sur|contre|vers|visant|a travers) (?:le pays|tout le pays|"
                             r"l'ensemble du (?:pays|territoire)|le territoire (?:ukrainien|russe|national))\b")
_SOME_MISSED = re.compile(r"\b(?:certaine?s|quelques-une?s|plusieurs|une partie|d'autres)\b[^.;]{0,80}"
                          r"\bn'(?:ont|avaient) pas (?:atteint|touche)\b|"
                          r"\b(?:l'une?|une?|un autre|une autre|l'autre) (?:des|d'entre)\b[^.;]{0,80}"
                          r"\bn'(?:a|avait) pas (?:atteint|touche)\b")
# "dans cette frappe", "la même attaque": the one told before
_THIS_ONE_BEFORE = re.compile(r"\b(?:cette|cet|ces|ce|la meme|le meme|les memes) $")
# one weapon that missed ("le troisième missile n'a pas atteint sa cible"): none got through
# only where it is the one of the fired not downed (merge)
_ONE_MISSED = re.compile(r"\bn'(?:a|avait|aurait) pas (?:atteint|touche) (?:sa|son) (?:cible|objectif)\b")
_HEADING_BEFORE = re.compile(r"\b(?:principalement|surtout|notamment|en majorite|majoritairement|"
                             r"essentiellement|en particulier|pour la plupart)\s*,?\s*"
                             r"(?:sur|contre|vers|visant|dans|au-dessus d[eu']|en direction d[eu']|a)\s+"
                             r"(?:la |le |l'|les )?(?:regions? |ville |oblast |capitale )?(?:de |d'|du )?$|"
                             # "337 drones au-dessus du territoire, y compris (au-dessus de) la
                             # région de Moscou": a part named, the tally the whole's
                             r"\by compris\s+(?:(?:sur|contre|vers|dans|au-dessus d[eu']|en direction d[eu']|a)\s+)?"
                             r"(?:la |le |l'|les )?(?:regions? |ville |oblast |capitale )?(?:de |d'|du )?$|"
                             rf"\b(?:dont (?:{NUMBER}|(?:plus |moins |pres )?(?:de )?la moitie|la plupart|"
                             r"la majorite|(?:les )?(?:deux )?tiers|un tiers|un quart)|la plupart|"
                             r"la majorite|en majorite)\s+(?:\w+\s+)?(?:(?:au-dessus|pres)(?:\s+d[eu'])?|dans|sur)?"
                             r"\s*(?:(?:le |du )?territoire (?:de |d'|du )?)?"
                             r"(?:la |le |l'|les )?(?:regions? |ville |oblast |capitale )?(?:de |d'|du )?$|"
                             r"\b(?:visant|ciblant|visait|visaient|ciblait|ciblaient|contre|sur|vers)\s+"
                             r"(?:surtout|principalement|notamment|"
                             r"en particulier|essentiellement|majoritairement)\s+"
                             r"(?:la |le |l'|les )?(?:regions? |ville |oblast |capitale )?(?:de |d'|du )?$|"
                             # "100 drones abattus, dont certains se dirigeaient vers Moscou"
                             r"\bdont (?:certaine?s|quelques-une?s|une partie|plusieurs)\s+(?:[\w'-]+\s+){0,3}?"
                             r"(?:vers|sur|contre|visant|ciblant|au-dessus d[eu']|en direction d[eu'])\s*"
                             r"(?:la |le |l'|les )?(?:regions? |ville |oblast |capitale )?(?:de |d'|du )?$|"
                             r"\b(?:la plupart|la majorite) (?:d'entre (?:eux|elles) )?(?:[\w-]+ ){0,3}?"
                             r"(?:contre|sur|vers|visant)\s+(?:la |le |l'|les )?(?:regions? |ville |oblast |capitale )?"
                             r"(?:de |d'|du )?$")
# "Kharkiv a été la principale cible de l'attaque", "elle était la cible principale de
# l'attaque, avec 728 drones": the place is where most went; the figures are the attack's
_MAIN_TARGET = re.compile(r"\b(?:(?:etait|etaient|a ete|ont ete|est|sont|fut|devenue?)\s+(?:\w+\s+){0,2}?)?"
                          r"(?:la|sa|leur) [«\"“]?\s*(?:(?:cible|direction) principale|principale (?:cible|direction))|"
                          r"\b(?:le|son|leur) [«\"“]?\s*(?:objectif principal|principal objectif)")
# "12 des 14 drones lancés contre la région": the tally of the place the story is in, not
# the country's
_AT_THIS_PLACE = re.compile(r"(?<!plupart )(?<!majorite )(?<!principalement )(?<!surtout )"
                            r"\b(?:contre|sur|vers|visant|ciblant|au-dessus de|dans)\s+(?:la|cette)\s+"
                            r"(?:meme\s+)?(?:region|ville|zone|oblast|province|localite|agglomeration|"
                            r"cite)\b(?!\s*(?:de\b|d'|du\b|des\b|voisine|ukrainienne|russe))")
# "dont la moitié au-dessus de cette région", "la plupart sur celle-ci": the share of a tally
# that went where the story already is, named by a pronoun or a demonstrative
_SHARE_HERE = re.compile(r"\b(?:dont|la plupart|la majorite|en majorite|principalement|surtout|"
                         r"notamment)\b[^.;]{0,40}?\b(?:au-dessus|dans|sur|pres|en direction)\s*"
                         r"(?:d[eu]\s+|d')?(?:cette (?:meme )?(?:region|ville|zone|oblast|province)|"
                         r"celle-ci|celui-ci|cette derniere|ce dernier|la meme region)\b")
# "deux ont été interceptés, les autres ont frappé des immeubles": the rest reached a target
# "un missile Iskander-M et un missile Kh-59 qui n'ont pas pu être interceptés": the weapons
# counted before it got through the defences, none of them shot down
_NONE_DOWNED = re.compile(r"\bqui n'(?:ont|a|avaient|avait) (?:pas|jamais) (?:pu )?(?:etre |ete )"
                          r"(?:intercepte|abattu|detruit|neutralise)e?s?\b")
# "la totalité des drones (et 11 Kalibr) ont été abattus", "tous les missiles et deux drones
# ont été interceptés": every weapon of that kind fired, told before
_ALL_OF_KIND = re.compile(r"\b(?:la totalite|l'ensemble|tous) (?:des|les) (drones?|missiles?)\b"
                          r"(?=(?: [\w-]+){0,6} (?:ont|a) ete (?:\w+ )?(?:abattu|intercepte|detruit|"
                          r"neutralise)\w*)")
_ITEMS_GLUE = re.compile(r"\s*(?:,\s*)?(?:et\s+)?")  # between two weapons of one list
# a launch in a drill or a test ("lors d'exercices en mer de Barents", "un tir d'essai"): no
# attack, unless the sentence tells a target hit
_EXERCISE = re.compile(r"\b(?:lors|au cours|dans le cadre) d(?:'|es? |u )(?:exercices?|man(?:oe|œ)uvres?|"
                       r"essais?|tests?)\b|\btirs? d'(?:essai|entrainement)\b|"
                       r"\bexercices? (?:militaires?|navals?|de tir|strategiques?)\b")
_STRUCK_TARGET = re.compile(r"\b(?:tu(?:e|es|ee|ees|ant)|bless(?:e|es|ee|ees|ant)|morts?|"
                            r"frappe|frappes|frappee|frappees|touche|touches|touchee|touchees)\b")
# an aircraft that crashed ("un avion de ligne s'est écrasé", "un Antonov An-22 s'est écrasé"):
# an accident, not a weapon that came down (no drone or missile named in between; not
# "appareil", which the press also calls a drone)
_AIRCRAFT_BEFORE = re.compile(r"\b(?:avion|avions|helicoptere|bireacteur|antonov|"
                              r"tupolev|ilyouchine|soukhoi|sukhoi|boeing|airbus|an-\d+|tu-\d+|"
                              r"il-\d+|su-\d+|mig-\d+)\b(?:(?!\b(?:drones?|missiles?|roquettes?|"
                              r"obus)\b)[^.;])*$")
_REST_HIT = re.compile(r"\b(?:les autres|le reste)\s+(?:ont|a|avaient|avait)\s+(?:\w+\s+)?"
                       r"(?:frappe|touche|atteint|explose|percute)\b")
_BULLET = re.compile(r"^\s*[-•–*·▪►]\s")
_VAGUE_TIME = re.compile(r"\b(?:recemment|ces derniers (?:jours|temps|mois)|plus tot|dernierement|"
                         r"depuis (?:des|plusieurs) (?:jours|semaines|mois)|regulierement|souvent)\b")
# a form of a reporting verb (cues.yaml's reporting_verbs), broadly: a sentence whose speaker
# only the parse can find ("L'armée a publié son bilan") is parsed
_REPORTING = re.compile(
    r"\b(?:declar|annon[cç]|indiqu|affirm|rapport|precis|signal|ecri[tv]|assur|soulign|confirm|"
    r"revendiqu|publi|mentionn|di(?:t|s|sent|sait|saient|re)\b|expliqu|ajout|averti|preven|previen|"
    r"communiqu|inform|accus|estim|dementi|ni(?:e|ent|ait|er)\b|conclu|montr|sugger|racont|relat|"
    r"not(?:e|es|ent|ait|er)\b|reconn|prom|menac|evoqu|deplor|condamn|denon[cç]|temoign|tweet|"
    r"post(?:e|es|ent|er)\b|fai\w* savoir|fait savoir|detaill|repet|insist|martel|alert|decri|"
    r"mis en garde|met en garde)")
_AFTERMATH = re.compile(r"\b(?:bless\w*|tue\w*|morts?|victimes?|degats|endommag\w*|detrui\w*|"
                        r"incendie|debris)\b")
_FUZZY_SLOT = re.compile(r"\b(?:(?:à|sur|vers|près de|pres de|village de|ville de|localité de|commune de|communauté de|hromada de|"
                         r"région de|oblast de|district de|périphérie de|environs de|banlieue de)\s+|(?:aérodrome|aéroport|base aérienne|"
                         r"base|raffinerie|port)(?: militaire)?(?: russe| ukrainienne?)? (?:de\s+|d['’]))"
                         r"([A-ZÀ-Ý][\w'’-]{4,})")
_NAME_RUN = re.compile(r"\b[A-ZÀ-Ý][\w'’]+(?:[ -][A-ZÀ-Ý][\w'’]+){1,2}\b")
_LIST_GLUE = re.compile(r"\s*(?:,|et|ou|, et)\s*(?:de |d'|du |de la )?|"
                        r"\s*,?\s*(?:en|au|aux|dans la|dans le)\s+")  # "... de Koursk, en Russie"
# a delivery's word, which makes a deployment only with a system beside it
_DELIVERY = re.compile(r"\b(?:recu|recus|recue|recues|livre|livres|livree|livrees|arrive|arrives|"
                       r"arrivee|arrivees|fourni|fournis|fournie|fournies)\b")
_OTHERS = re.compile(rf"(?<![\w-])(?:\d+|{NUMBER}) autres (?:personnes|civils|victimes|habitants|"
                     r"hommes|femmes|enfants|soldats|militaires)\b")
_ALSO = re.compile(r"\b(?:egalement|aussi|en outre|de plus|en plus)\b")
# "la défense a abattu un autre missile près de X": another weapon, where it came down
_ANOTHER_WEAPON = re.compile(rf"(?<![\w-])(?:une? autre|d'autres|(?:\d+|{NUMBER}) autres) "
                             r"(?:missiles?|drones?|roquettes?|engins?)\b")
# "Un autre drone a visé une base dans le nord de l'Irak": a site left unnamed, so none told
_SOME_SITE = re.compile(r"\b(?:vis|cibl|frapp|touch|attaqu)\w*\s+(?:une|un)\s+(?:autre\s+)?"
                        r"(?:base|aerodrome|aeroport|raffinerie|depot|usine|caserne|port|centrale)\b")
# the passive only: "Kiev a été frappée", "Kiev est visée" (not "la Russie a frappé")
# "Kiev a été frappée", and the headline's bare participle "Kiev visée par des drones"
_STRUCK_AFTER = re.compile(r"\s+(?:(?:(?:a|ont|avait|avaient)\s+(?:\w+\s+){0,3}?ete|est|sont|etait|etaient)\s+"
                           r"(?:\w+\s+){0,2}?(?:frappe|vise|attaque|bombarde|touche|cible|pilonne|"
                           r"prise? pour cible|secoue)\w*|(?:de nouveau\s+|encore\s+)?"
                           r"(?:frappee?s?|visee?s?|attaquee?s?|bombardee?s?|touchee?s?|ciblee?s?|"
                           r"pilonnee?s?)\s+(?:par|dans|cette|la nuit|lundi|mardi|mercredi|jeudi|"
                           r"vendredi|samedi|dimanche|a nouveau|de nouveau)\b)")
# the active present, not the participle it folds to: "bombarde de nouveau", not "bombardée"
_ACTIVE_STRIKE_VERB = re.compile(r"\s+(?:de nouveau\s+|encore\s+)?(?:frappe|vise|attaque|bombarde|touche|cible|"
                                 r"pilonne)(?:nt)?\s+(?:de nouveau|a nouveau|à nouveau|par|dans|cette|la nuit|"
                                 r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)")
_AIRSPACE = re.compile(r"\b(?:(?P<own>son|leur) |l')?espace aerien(?: (?:de (?:la |l')?|du |des )"
                       r"(?P<of>[\w-]+)| (?P<adj>[\w-]+))?|"
                       # "des fragments d'un drone retrouvés sur son sol": the speaker's country
                       r"\bsur (?P<soil>son|leur) (?:propre )?sol\b")
_HEDGE_REACH = 25  # characters around the event's word where a hedge doubts the event
_CLAUSE_BETWEEN = re.compile(r"[,;:()]")
# a time of day or night names one happening even when no date can be given to it
_TIME_OF_DAY = re.compile(r"\b(?:(?:dans|pendant|au cours de|durant) la (?:nuit|matinee|soiree|journee)|"
                          r"dans la nuit (?:de|du)|(?:cette|la) nuit (?:derniere|passee)|"
                          r"(?:ce|dans la|en) (?:matin|soir|apres-midi)|nocturne)\b")
_FUTURE_IN_PAST = re.compile(r"\b(?:d'ici|bientot|prochainement|dans les prochain\w*|a l'avenir|l'an prochain)\b")
_DEFINITE = re.compile(r"(?<!\bsur )\b(?:les|ces)\s+$")  # (not "30 sur les 35": how many came)  # "les deux missiles tirés": told already
_PENINSULA = re.compile(r"\b(?:la|cette) peninsule\b(?!\s+(?:de\b|d'|du\b))")
_PENINSULAS = {"Crimea"}
_BORDERING_BEFORE = re.compile(r"\b(?:limitrophes?|frontalier|frontaliers|frontalieres?)\s+(?:de |d'|du |avec )"
                               r"(?:la |le |l')?$")
_CAME_FROM = re.compile(r"\b(?:(?:en provenance|venue?s?|venant|(?:tire|lance)(?:e|s|es)? depuis|partis?|"
                        r"parties?) (?:de la |de l'|du |des |de |d'|le |la |l')?|"
                        # "trois roquettes tirées du Liban": the article tells where from
                        r"(?:tire|lance)(?:e|s|es)? (?:de la |de l'|du |d'))$")
_CALENDAR_DAY = re.compile(r"\b(?:1er|[0-3]?\d) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                           r"septembre|octobre|novembre|decembre)\b")
_YEARS_AGO_AFTER = re.compile(r"\s*,?\s*il y a (?:[\w-]+ ){1,3}(?:ans|annees)\b")
# the war's beginning, a background date even when no year is given
_WAR_BEGAN_BEFORE = re.compile(r"\b(?:invasion|envahi\w*|(?:envoye|deploye|entre) (?:ses|des|leurs) "
                               r"troupes|(?:guerre|offensive|operation (?:militaire )?speciale|conflit) "
                               r"(?:declenche|lance|commence)e?)\b[^.;:]{0,40}$")
# "l'invasion de l'Ukraine par la Russie, déclenchée le 24 février 2022": the war's first day,
# its participle right before the date (with its year or without)
_WAR_BEGAN_ON = re.compile(r"\b(?:invasion|guerre|offensive|operation (?:militaire )?speciale|conflit)\b"
                           r"[^.;:]{0,60}\b(?:declenche|lance|commence|debute)e? le\s*$")
# "des drones lancés depuis la Crimée le 3 mars 2024": "depuis" a place the weapons came from
_LAUNCHED_FROM = re.compile(r"\b(?:tir|lanc|envoy|decoll|parti|arriv|venu|venant|frapp|bombard)\w*\s+depuis$")
# "en guerre depuis l'attaque du groupe, qui a eu lieu le 7 octobre 2023": the day of what a
# state of things dates from, told in a clause of "depuis"
_SINCE_EVENT_ON = re.compile(r"\bdepuis (?:l'|le |la |les )(?:attaques?|massacres?|assauts?|incursions?|"
                             r"raids?|invasion|offensive|debut|declenchement)\b[^.;:]{0,100}\b"
                             r"(?:qui a eu lieu|ayant eu lieu|survenue?s?|perpetree?s?|menee?s?|"
                             r"lancee?s?|declenchee?s?) le\s*$")
# "en réponse à l'assassinat du chef du Hezbollah vendredi": the day of what is answered, in
# the same clause, not of the answer
_ANSWERING = (r"\b(?:en (?:guise de )?(?:reponse|represailles|riposte|retorsion|vengeance)|"
              r"pour (?:venger|repondre|riposter))")
_ANSWERED_BEFORE = re.compile(_ANSWERING + r"\s+(?:a|aux?|de|des|du|d')\b[^.;:,«»\"]{0,120}$")
# the kinds of site a story names and then calls by the noun alone
_SITE_NOUNS = (r"(raffinerie|depot|aerodrome|aeroport|base|centrale|usine|terminal|entrepot|arsenal|"
               r"port|chantier naval|poste electrique|sous-station)")
_SITE_NOUN_BEFORE = re.compile(r"\b" + _SITE_NOUNS + r"(?: (?:aerienne|navale|militaire|petroliere?|"
                               r"electrique|thermique|nucleaire|hydroelectrique|petrolier|de petrole|"
                               r"de carburants?|de munitions|d'armement|chimique|metallurgique)){0,2}"
                               r"\s+(?:de |d'|du )$")
_SITE_NOUN_AT = re.compile(_SITE_NOUNS + r"\b")
# "la raffinerie a déjà été visée" (not "la raffinerie de X", which names its own)
_SITE_ANAPHOR = re.compile(r"\b(?:la|le|l'|cette|ce|cet) ?" + _SITE_NOUNS +
                           r"\b(?!\s*(?:-|de |d'|du |des )(?!petrole|carburant|munitions))"
                           r"(?!(?:\s+[\w-]+){1,2}\s+(?:de|d'|du)\s)")  # (nor "le port russe de X")
_SAME_PLACE = re.compile(r"\b(?:la|cette) meme (ville|localite|commune|cite|agglomeration|region)\b|"
                         r"\b(?:la|cette) (ville)\b(?!\s*(?:de\b|d'|du\b|ukrainienne|russe|natale|voisine|"
                         r"portuaire|frontaliere|[a-z]+\s+(?:de\b|d')))|"
                         # "cette ville frontalière avait été frappée": a demonstrative with
                         # at most an adjective, not "cette ville de ..." naming one
                         r"\bcette (ville|localite|commune|agglomeration)\b(?=(?:\s+[a-z]+)?"
                         r"\s*(?:,|\.|;|:|a\s|avait|a\s+ete|ont|est|etait|,?\s*qui|,?\s*deja))|"
                         # "cette ville proche de la frontière russe, ...": where it lies, then
                         # a comma or the verb
                         r"\bcette (ville|localite|commune|agglomeration)\b(?=\s+(?:proche|pres|situee|"
                         r"non loin|a quelques|a une|a \d+)\b[^,.;]{0,60}?(?:,|\s(?:avait|a ete|etait|est)\s))")
# a town told as the subject pronoun of its strike: "elle a été frappée", "elle l'a été"
_CITY_PRONOUN = re.compile(
    r"(?:^|[,;:]\s*|\bet\s+)(?:elle|celle-ci)\s+(?:l'(?:a|avait) ete\b|(?:a|avait|aurait|est|etait)\s+"
    r"(?:(?:ete|a nouveau|de nouveau|encore|egalement|aussi|deja)\s+)*(?:visee|frappee|touchee|ciblee|"
    r"bombardee|attaquee|pilonnee|prise pour cible)\b)")
# a part of a country: "l'est de l'Ukraine", "le sud du pays"
_COMPASS = r"\b(?:l'|le )(?:est|ouest|nord|sud|centre|nord-est|nord-ouest|sud-est|sud-ouest|extreme[- ]\w+)"
_COMPASS_OF = re.compile(_COMPASS + r" (?:de l'|de la |du |des |d')$")
_COMPASS_OF_THE_COUNTRY = re.compile(_COMPASS + r" du pays\b")
_JOINED = re.compile(r"[^.;:]*?\b(?:et|ainsi que|dont|notamment|en particulier)\b")
_SUPERLATIVE = re.compile(r"\b(?:la|le|les) plus \w+|\bplus (?:important|massi|grand|lourd|meurtri|violent)"
                          r"\w*|\b(?:record|sans precedent|inedit\w*|jamais)\b")
_SINCE = re.compile(r"\bdepuis\s+(?:(?:la |le )?(?:fin|debut|mi)[\s-]*|(?:le )?mois (?:de |d')|le )?$")
# "la 15e attaque sur la capitale depuis début mai", "la première depuis": a rank of this one
_RANKED = re.compile(r"\b\d+\s?(?:e|eme|ieme)\b|\b(?:premiere?|deuxieme|troisieme|dernier|derniere)\b|"
                     + _SUPERLATIVE.pattern)


def _two_countries_only(places) -> bool:
    """'Cinq morts dans des frappes en Russie et en Ukraine': a toll over two countries and
    no place in either sums two sides' attacks."""
    return bool(places) and all(p.kind == "country" for p, _, _ in places) and \
        len({p.country for p, _, _ in places}) >= 2


# the last days or weeks: a span, not one happening
_LATELY = re.compile(r"\b(?:ces|les) (?:derniers|dernieres) (?:jours|semaines|mois)\b|"
                     r"\bdepuis (?:des|plusieurs) (?:jours|semaines|mois)\b")
# a fronted clause of an earlier time: "Déjà visée le 5 juin, elle l'a été à nouveau ..."
_ALREADY_BEFORE = re.compile(r"(?:^|[,;]\s*)deja (?:[\w-]+ ){0,3}$")
# a place that tells where the one named before lies, not a second target
_LANDMARK_BEFORE = re.compile(r"\b(?:non loin|pas loin|a (?:environ |quelque |une )?(?:\d+|\w+aine) "
                              r"(?:km|kilometres)(?: au (?:nord|sud|est|ouest)(?:-\w+)?)?) "
                              r"(?:de |d'|du )(?:la |l')?$")
# "au sud de", "à l'est d'": a bearing from a landmark. Right after a place ("Toula, au sud de
# Moscou", "la région de Toula (au nord-est de Moscou)") it says where that place lies; before
# a town and a comma ("Au nord-est d'Odessa, à Mykolaïv") where the next town lies
_BEARING_FROM = r"(?:au (?:nord|sud)(?:-(?:est|ouest))?|a l'(?:est|ouest)) (?:de |d'|du )(?:la |l')?"
_BEARING = re.compile(r"\s*[,(]?\s*(?:et\s+)?(?:situee?s? |qui se trouve )?" + _BEARING_FROM)
_BEARING_BEFORE = re.compile(r"\b" + _BEARING_FROM + r"$")
# a system named by what it is for: "une batterie d'interception de missiles THAAD", "des
# drones d'attaque", "des missiles de frappe" (no event)
_WHAT_SYSTEM_FOR = re.compile(r"\b(?:batteries?|systemes?|radars?|capacites?|moyens|dispositifs?|boucliers?|"
                              r"intercepteurs?|lanceurs?) (?:de |d')$")
# a habit told on the verb itself ("Israël frappe quasi quotidiennement le Liban-Sud depuis
# la trêve de novembre"): a campaign, whatever day is named beside it
_HABIT_AT_VERB = re.compile(r"\b(?:frapp|bombard|vis|attaqu|pilonn|cibl)\w* (?:(?:quasi(?:ment)?|presque) )?"
                            r"(?:quotidiennement|regulierement|chaque (?:jour|nuit)|tous les jours|"
                            r"toutes les nuits)\b")
_AGENT_BEFORE = re.compile(r"\bpar (?:la |le |l'|les )?$")
_ANOTHER_PLACE_AFTER = re.compile(r"\s*,\s*(?:a|dans|en|pres de|pres d')\s")
# a response asked of others ("réclamant à ses alliés une réponse ferme", "appelle la
# communauté internationale à une réponse"): the speaker threatens no one
_ASKED_OF_OTHERS = re.compile(r"\b(?:reclam|demand|exhort|appel|invit|pri)\w*\s+(?:a |aux )?(?:ses |leurs |les |la |nos )?"
                              r"(?:allies|partenaires|occidentaux|communaute internationale|pays occidentaux|"
                              r"europeens|dirigeants)\b[^.;]{0,40}$")
# "la capitale Kiev", "la ville portuaire d'Odessa": the town, not its government
# "le quartier de Kyivskyi", "dans le district Chevtchenkivskyï": a part of a town, whose
# name may spell a town elsewhere
_DISTRICT_BEFORE = re.compile(r"\b(?:quartiers?|arrondissements?|districts? urbains?|microdistricts?|"
                              r"micro-districts?)\s+(?:de |d'|du )?(?:l'|la |le )?$")
_DISTRICT_KM = 30
_TOWN_NOUN_BEFORE = re.compile(r"\b(?:capitale|ville|cite|localite|commune|metropole)(?: \w+)?\s+$")
# "sur la capitale Kiev et d'autres régions": figures of the whole attack, not the town's
_AND_OTHERS_AFTER = re.compile(r"\s+(?:et|ainsi que) (?:dans |sur |contre )?(?:d'autres|plusieurs autres|"
                               r"de nombreuses autres|diverses|plusieurs) (?:regions|villes|localites|zones|oblasts)\b")
# "des drones visaient plusieurs régions, la plupart contre la capitale": the town is where
# most went in an attack over the country
_SEVERAL_REGIONS = re.compile(r"\b(?:visai\w*|vis\w*|cibl\w*|contre|sur|au-dessus de|dans) (?:plusieurs|de nombreuses|"
                              rf"diverses|differentes|(?:{NUMBER}) (?:autres )?)\s*regions\b")
# after a hedge word, "tiré par les Houthis": the doubt is on who fired
_WHO_DOUBTED = re.compile(r"\s+(?:ete\s+)?(?:tire|lance|envoye|mene|commis|perpetre|revendique)\w*\s+(?:par|depuis)\b")
# the endings of a conditional ("aurait", "seraient"): without one, no conditional auxiliary
# "des commandants auraient été éliminés", "des officiers ont apparemment été touchés": a
# doubt on who was killed or hurt, not on the strike
# "en réponse à des tirs de roquettes", "en représailles aux frappes", "pour venger
# l'attaque": what the strike told answers
_CAUSE_BEFORE = re.compile(_ANSWERING + r"\s+(?:a|aux|au|a la|a l')?\s*"
                           r"(?:(?:une?|des|la|le|l'|les|ces|cette|ce|ses|leurs?)\s*)?"
                           r"(?:[\w'-]+\s+){0,2}$")
# ", qui a été déclenchée le 24 février": a relative clause opens
_RELATIVE_OPENS = re.compile(r",\s*(?:qui|dont|lequel|laquelle|lesquels|lesquelles)\b")
# "des cibles du Hezbollah au Liban": what was struck, in the group's country (not "le
# Hezbollah au Liban a tiré", where the group stands)
_GROUP_TARGETS = re.compile(r"\b(?:cibles?|positions?|infrastructures?|sites?|installations?|depots?|"
                            r"entrepots?|bastions?|fiefs?|caches?|tunnels?|lanceurs?|rampes?|"
                            r"combattants|membres|commandants?|chefs?|dirigeants?|responsables?)"
                            r"(?:\s+militaires?)?\s+(?:du|des|de|d')\s*(?:groupe\s+|mouvement\s+)?"
                            r"(?:houthi\w*|rebelles?|milices?|hezbollah|hamas|ansar allah)\b"
                            r"(?:\s+[\w'-]+){0,2}?\s+(?:au|en)\s*$")
# "au-dessus de la région de Belgorod et cinq au-dessus de celle de Koursk": the region
_THAT_OF_REGION = re.compile(r"\b(?:region|oblast)\b(?:(?!\bvilles?\b)[^.;])*\bcelle (?:de |d'|du )$")
# "46 drones russes", "des missiles balistiques iraniens"
_WEAPON_NATIONALITY = re.compile(r"\b(?:drones?|missiles?|roquettes?|bombes?|obus|engins?)"
                                 r"(?:\s+(?:de croisiere|balistiques?|d'attaque|kamikazes?|guides?|fpv|"
                                 r"navals?|navales?|marins?|aeriens?|de surface))?"
                                 r"\s+([a-z]+(?:iens?|iennes?|ais|aises?|ses?|ains?|aines?))\b")
_THAT_OF_OPENING = re.compile(r"\s*(?:dans|pour|quant a|a|sur) celle (?:de |d'|du )$")
_TOLL_DOUBTED = re.compile(r"\s+(?:(?:ete|eu)\s+)?(?:tue|blesse|elimine|touche|atteint|mort)\w*\b")
_RANKS = r"officiers?|commandants?|responsables?|dirigeants?|chefs?|generaux|generale?s?|colonels?"
_PEOPLE_BEFORE = r"(?:\s+[\w'-]+){0,8}?\s+(?:ont|auraient|seraient|avaient|sont)?\s*$"
_CONDITIONAL_FORM = re.compile(r"r(?:ais|ait|aient|ions|iez)\b")
_THE_REGION = re.compile(r"\b(?:de|sur|dans|au-dessus de|vers|contre) (la region|l'oblast)\b(?!\s+(?:(?:russe|ukrainienne|"
                         r"frontaliere|voisine|meridionale|orientale|occidentale|septentrionale)\s+)?(?:de|d'|du))")
_TITLE_AFTER = re.compile(r"\s*,\s*(?:(?:le|la|l'|un|une|du|des|de la)\s*)?(?:[\w-]+\s+){0,2}?"
                          # "X, chef de l'administration municipale"
                          r"(?:l'|la |le |les |du |de la )?"
                          rf"(?:{LOCAL_OFFICIAL.pattern})")
# a title in apposition after a name, up to the next comma or stop
_APPOSED_TITLE = re.compile(r"\s*,\s*((?:le |la |l'|un |une )?(?:porte-parole|commandant|chef|"
                            r"general|colonel|ministre|vice-ministre|responsable|representant|"
                            r"directeur|officier|conseiller|depute|senateur|ambassadeur)\b[^,.;:]{0,90})")
_TITLE_BEFORE = re.compile(rf"(?:{LOCAL_OFFICIAL.pattern})(?:\s+[\w'-]+){{0,6}}\s*,\s*$|"
                           # "le gouverneur Andreï Botcharov", "le maire par intérim X"
                           rf"(?:{LOCAL_OFFICIAL.pattern})(?:\s+(?:regional|regionale|local|"
                           r"par interim|interimaire))?\s+$")
# "les régions de Poltava (centre) et de Vinnytsia": every town of a plural regions' list
# names its region
_REGIONS_BEFORE = re.compile(r"\b(?:regions|oblasts|provinces)\s+(?:de |d'|du )$")
_REGION_LIST_GLUE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:,|et|, et|ou)\s*(?:de |d'|du )?")
_ORIGIN_BEFORE = re.compile(r"\b(?:depuis|en provenance|a partir|lances? de|tires? de)\b[^,.;]{0,35}$")
# a second speaker inside one sentence: ", tandis que Kiev affirme que ..."
_SECOND_VOICE = re.compile(r"(?:,\s*|\s)(?:tandis qu|alors qu|mais|;)\s*(?:e\s+|')?(?P<who>[^,;«»]{2,60}?)\s+"
                           r"(?:affirm|assur|indiqu|souti|di(?:t|sent)\b|declar|annonc|rapport|"
                           r"fait etat|fai(?:t|sent) etat|reconn|precis|estim)\w*")
_NATIONAL_BODY = re.compile(r"\b(?:armee de l'air|forces aeriennes|etat-major|forces armees|"
                            r"armee (?:ukrainienne|russe|israelienne|iranienne)|"
                            r"ministere (?:\w+ )?de la defense|commandement de l'armee de l'air|"
                            r"defense (?:aerienne|antiaerienne))\b")
# the office of a person who speaks for the country's defence
_NATIONAL_OFFICE = re.compile(r"\b(?:commandant en chef|chef d'etat-major|commandant de l'armee de l'air|"
                              r"ministre (?:\w+ )?de la defense|porte-parole de l'armee de l'air)\b")
_SPEAKING_ON = 2  # sentences after a named speaker that, with no speaker of their own, are theirs
_CLOSED_SENTENCE = re.compile(r"[.!?…»”\"]\s*$")
# what the threatened side is told it will suffer ("l'Ukraine paiera", "le regrettera")
_SUFFERS = re.compile(r"\b(?:paier\w*|payer\w*|regrett\w*|recevr\w*|subir\w*|subira\w*|"
                      r"puni\w*|sanctionn\w*|consequences|repondre de|rendre des comptes|sort)\b")
# a warning verb and its "que": what follows is the clause warned of
_WARNS_THAT = re.compile(r"\b(?:prev(?:ient|enu|enait|iennent)|avert(?:i|it|issent|issait|issaient|"
                         r"issant)|mis en garde|met en garde)\s+(?:que|qu')\s*")
_SAME_SOURCE = re.compile(r"(?:(?:la |cette |ladite )?meme source|cette source|ladite source|"
                          r"(?:la |cette )?source precitee)")
_OFFICE_OF_THE = re.compile(r"\b(?:gouverneur|gouverneure|chef|administration|autorites|maire|"
                            r"responsables?|dirigeants?)(?:\s+[\w'-]+){0,2}\s+de$")
# "menace de frapper", "menacent d'utiliser": the verb, with the infinitive it threatens
_THREATEN_TO = re.compile(r"menac\w* (?:\w+ )?(?:de|d') ?\w+(?:er|ir|re)\b")
# what a warning must speak of to be a threat of force
_FORCE = re.compile(r"\b(?:frapp|ripost|repon|repliqu|represaill|detrui|attaqu|missil|drone|"
                    r"nucleair|atomique|cibl|feu\b|guerre|armes?\b|armee|puni|paier|regrett|"
                    r"consequences|brul|aneanti|ecras|escalad|veng|reagi|force)")
# "a détruit un système SAMP/T fourni par la France à l'Ukraine": what was struck stood in
# the country that received it
_DELIVERY_VERB = r"\b(?:fourni|livre|transfere|vendu|donne|cede|octroye)\w*"
_STRUCK_DELIVERED = re.compile(r"\b(?:detrui\w*|detruit\w*|destruction|frapp\w*|touche\w*|neutralis\w*|"
                               r"elimin\w*|aneanti\w*)\b[^.;]{0,90}" + _DELIVERY_VERB +
                               r"\s+(?:par\s+(?:[\w'-]+\s+){1,3})?(?:a|au|aux)\s+(?:l'|la )?$")
# "fournis à", "livrées au": who received the systems (no target of a strike)
_DELIVERED_TO = re.compile(_DELIVERY_VERB + r"\s+(?:a|au|aux)\s+(?:l'|la )?$")
# (not ";": "visée depuis 2014; mardi, des drones ont frappé le port" is one strike told)
_CLAUSE_OPENS = re.compile(r",\s*(?:tandis|alors)\s+qu", re.IGNORECASE)
# "les frappes américaines menées samedi soir": a day told of a strike, inside a threat
_STRIKE_PARTICIPLE_BEFORE = re.compile(r"\b(?:frappes?|attaques?|bombardements?|tirs?|raids?)\b[^,.;]{0,25}"
                                       r"\b(?:mene|lance|effectue|perpetre|tire|commis)\w*\s+$")
_GENERIC_DET = re.compile(r"(?:\b(?:les|des|ces|de|aux|du|leurs|ses|nos|vos)\s+|\bd'(?!une?\s))(?:[\w-]+\s+)?$")
# (with up to two words of its own between: "une attaque aérienne russe", "des frappes
# massives russes"; not "des frappes sur sol russe")
_ATTACKER_NOUN = re.compile(r"\b(?:missiles?|drones?|roquettes?|obus|bombes?|avions?|bombardiers?|"
                            r"frappes?|attaques?|tirs?)(?:\s+(?!(?:contre|sur|en|dans|vers|a|au|aux|"
                            r"de|du|des|d|le|la|les|l|un|une|sol|territoire|ville|region)\b)[\w-]+){0,2}\s+$")
# (not through an agent: "lancée dans la nuit par les forces ukrainiennes" names the attacker)
_TARGET_ADJ = re.compile(r"\b(?:contre|sur|visant|ciblant|vers|en|dans|frapp\w*|vise\w*|cible\w*|attaque\w*|touche\w*)\s+(?:(?!par\b)[\w'-]+\s+){0,5}?(?P<adj>russes?|ukrainien\w*)\b")


# "25 dans la région de Voronej", "14 au-dessus de celle de Koursk": a figure per place
_DISTRIBUTIVE = re.compile(rf"(?<![\w-])(?:{NUMBER})(?:\s+\w+){{0,2}}"
                           r"\s+(?:dans|au-dessus|sur|pres|en)\s+(?:de\s+)?(?:la|le|celle|celui|les)\b")

# the doc of a candidate sentence that worth_parsing kept from the statistical pipeline
UNPARSED = object()
_UNREAD = object()  # a value a sentence has not read yet



def _all_of(low: str) -> tuple[str, ...]:
    """The kinds a sentence says were all shot down with no figure of their own ("la
    totalité des drones et 11 Kalibr ont été abattus": drones)."""
    return tuple(("drone" if m.group(1).startswith("drone") else "missile")
                 for m in _ALL_OF_KIND.finditer(low))


def _got_through(low: str, frame: Frame) -> tuple[int, ...]:
    """The weapons "qui n'ont pas pu être interceptés" tells of: the count right before it,
    and those listed with it ("un missile Iskander-M et un missile Kh-59 qui ..."), not a
    count told before a place or a verb ("deux missiles sur Kharkiv et trois drones qui
    ...": the drones only)."""
    m = _NONE_DOWNED.search(low)
    if m is None:
        return ()
    fired = sorted((c for c in frame.counts if c.domain == "weapon" and c.role == "launched"
                    and c.np_end <= m.start()), key=lambda c: c.start)
    out = []
    end = m.start()
    for c in reversed(fired):
        if not _ITEMS_GLUE.fullmatch(low[c.np_end:end]):
            break
        out.append(c.start)
        end = c.start
    return tuple(out)

class SentenceReader:
    def __init__(self, kb: KnowledgeBase, cues: Cues):
        self._office_place = self._body_place = None
        self._index = 0  # the sentence being read
        self._listed_regions: set[int] = set()  # of the sentence _places read last
        self.kb = kb
        self.cues = cues
        self.attribution = Attribution(kb, cues)
        self.tables = TableReader(kb, cues.counts.roles)
        self._people_before = re.compile(  # "des officiers (de haut rang) ont", "... auraient"
            rf"\b(?:{_RANKS}|{kb.cues['count_nouns']['person']})\b{_PEOPLE_BEFORE}")

    def worth_parsing(self, text: str, low: str) -> bool:
        """May :meth:`read` make a frame of this sentence? Only then does the statistical
        pipeline need to see it: a war story's sentence with no trigger, no count and no
        tally of its own ("Les habitants sont restés dans les abris") is still read for
        its speaker and its places, from the words alone."""
        if self.cues.find_triggers(low):
            return True
        if self.cues.all_intercepted.search(low) or self.cues.no_casualties.search(low) or \
                self.cues.no_hit.search(low) or _AFTERMATH.search(low) or _REPORTING.search(low):
            return True  # (a speaker told by the parse speaks on in the next sentences)
        spans = [(m.start, m.end) for m in self.kb.gazetteer.find(text, ("weapon",))]
        # (an item of a list takes its role from the sentence before: any role will do here)
        listed = _BULLET.match(text) or _GOES_ON.match(low)
        return bool(self.cues.counts.find(text, weapon_spans=spans, skip_spans=spans,
                                          default_role="launched" if listed else None))

    def read(self, index: int, sent_start: int, text: str, doc, ctx: ArticleContext) -> list[Frame]:
        if is_table_line(text):  # "| Drones Shahed | 120 | 98 |" under "| Type | tirés | abattus |"
            roles = self.tables.header(text)
            if roles is not None or self.tables.is_other_header(text):
                ctx.table_roles = roles  # a header of another kind ends the table before it
                return []
            row = self.tables.row(index, sent_start, text, ctx.table_roles) if ctx.table_roles else None
            if row is None:
                return []
            if ctx.last_claim is not None and ctx.last_claim_sent >= index - 6:
                row.claimant = ctx.last_claim  # the table is the speaker's who introduced it
            if ctx.anchor is not None:
                row.date, row.day, row.date_rule = ctx.anchor.isoformat(), ctx.anchor, \
                    "the day told before the table"
            return [row]
        ctx.table_roles = None
        low = matchable(text)
        self._text = text
        self.attribution.when = ctx.pub.date
        mentions = self.kb.gazetteer.find(text)
        self._note_context(mentions, ctx)
        # a village's name counts only as a place ("à Bor", not "bor", "Déjà visée"): no
        # story country, no town "elle" stands for, from a word that only spells one
        named = [m for m in mentions if not (
            m.kind == "place" and m.entry.minor and not (
                text[m.start].isupper() and _PLACE_PREP.search(low[max(0, m.start - 40):m.start])))]
        actors = {m.start for m in mentions if m.kind == "actor"}  # "Moscou a lancé": the government
        # (not where the weapons came from: "26 drones lancés depuis la Russie")
        ctx.countries.update(m.entry.country for m in named if m.kind == "place" and m.entry.country
                             and not (m.entry.kind == "city" and m.start in actors)
                             and not _ORIGIN_BEFORE.search(low, max(0, m.start - 45), m.start))
        self._index = index
        self._note_sites(low, named, ctx)
        towns = {m.entry.name: m.entry for m in _one_place_per_span(named)
                 if m.kind == "place" and m.entry.kind == "city"}
        if len(towns) == 1:  # what "elle" may stand for in the next sentences
            ctx.named_city = (next(iter(towns.values())), index)
        elif towns:
            ctx.named_city = None
        if doc is UNPARSED:  # a candidate that can make no frame: who speaks, for what follows
            self._claimant(None, text, [], index, ctx)
            if text.rstrip().endswith(":"):
                ctx.list_role = self.cues.counts.last_role(low)
            elif not _BULLET.match(text):
                ctx.list_role = None
            return []
        found = self.cues.dates.find(text)
        dates = [d for d in found if not self._background(d, low)]
        # "après la dislocation de l'URSS en 1991, ...": history ("depuis 2022" lasts till now)
        history = bool(found) and not dates and not re.search(r"\bdepuis\b", low)
        if doc is None:  # not parsed: still, the region and town named set the story's scene,
            for m in mentions:
                if m.kind == "place" and m.entry.kind == "region":
                    ctx.last_region = m.entry
            # "le 3 mars" anchors "la veille" in what follows,
            for d in dates:  # and "a déclaré X" tells who "il" is in the next sentence
                if d.kind == "day":
                    _, day = resolve(d, ctx.pub, ctx.anchor)
                    ctx.anchor = day or ctx.anchor
            self._claimant(None, text, [], index, ctx)
            return []
        ents = names(doc, named)  # (a village that is a first name, "Roman X", starts a name)
        claim = self._claimant(doc, text, ents, index, ctx)
        speaking_on = None
        if claim is None and ctx.last_claim is not None and ctx.last_claim.name and \
                ctx.last_claim.kind not in ("pronoun", "media", "unnamed") and \
                0 < index - ctx.last_claim_sent <= _SPEAKING_ON:
            # "Le ministère a annoncé ... . Les moyens de défense aérienne ont détruit neuf
            # drones.": a sentence with figures and no speaker of its own continues the
            # account of the one who spoke just before
            last = ctx.last_claim
            speaking_on = Who(last.name, last.side, -1, -1, last.kind, "continues the account before")
        triggers = self._triggers(low, mentions, doc)
        date_spans = [(d.start, d.end) for d in dates]
        weapon_mentions = [named_weapon(m) for m in mentions if m.kind == "weapon"]
        named_spans = [(w.start, w.end) for w in weapon_mentions]
        generics = [g for g in generic_weapons(low)  # "missiles Kh-101": the name is enough
                    if not any(a <= g.start < b or g.end <= a <= g.end + 2 for a, b in named_spans)]
        bullet = _BULLET.match(text) is not None
        # "... 593 drones ont été lancés. Ainsi que deux missiles Kinjal et 38 Kh-101.": a
        # sentence that goes on with the list of the one before takes its verb
        default = ctx.list_role if bullet else ctx.last_role if _GOES_ON.match(low) else None
        counts = self.cues.counts.find(text, weapon_spans=named_spans,
                                       skip_spans=date_spans + named_spans,
                                       default_role=default)
        ctx.last_role = self.cues.counts.last_role(low) if counts else None
        if text.rstrip().endswith(":"):
            ctx.list_role = self.cues.counts.last_role(low)
        elif not bullet:
            ctx.list_role = None
        all_int = self.cues.all_intercepted.search(low) is not None
        no_cas = self.cues.no_casualties.search(low) is not None
        # (not "certains des drones ... n'ont pas atteint leur cible": some only)
        no_hit = self.cues.no_hit.search(low) is not None and not _SOME_MISSED.search(low)
        one_missed = not no_hit and _ONE_MISSED.search(low) is not None
        period = self.cues.period_total.search(low) is not None
        if not period and (war := self.cues.war_so_far.search(low)) is not None and \
                not _SUPERLATIVE.search(low, max(0, war.start() - 80), war.start()) and \
                not any(m.kind == "place" and m.entry.kind != "country" for m in named):
            period = True  # the war's toll so far, no town's (not a record it is measured against)
        if triggers and (period or not counts and (not dates and self._habitual(low) or
                                                   _HABIT_AT_VERB.search(low))):
            triggers = [t for t in triggers if t.type == "threat"]  # a campaign, not an event
        if not triggers:
            for m in named:  # "La Crimée ... est régulièrement visée": the scene still, for
                if m.kind == "place" and m.entry.kind == "region" and \
                        not _ORIGIN_BEFORE.search(low, max(0, m.start - 45), m.start):
                    ctx.last_region = m.entry  # "la péninsule", "la région" after it
            if period:  # a campaign's figures belong to no happening told before either
                return []
            if _EXERCISE.search(low) and not _STRUCK_TARGET.search(low):
                return []  # "deux missiles tirés dans le cadre de manœuvres": a drill's figures
            # counts, casualties, or just who told them ("personne n'a été blessé, selon X")
            if counts or all_int or no_cas or no_hit or one_missed or \
                    (claim is not None and _AFTERMATH.search(low)):
                frame = Frame(None, index, 0, len(text), sent_start, counts=counts,
                              weapons=weapon_mentions + generics, all_intercepted=all_int,
                              no_casualties=no_cas, no_hit=no_hit, one_missed=one_missed,
                              claimant=claim,
                              places=self._places(text, low, mentions, claim, ctx) if counts else [])
                frame.office_place = self._office_place if counts else None
                frame.others = _OTHERS.search(low) is not None
                frame.through = _got_through(low, frame)
                frame.all_of = _all_of(low)
                if any(c.domain != "person" for c in counts):
                    frame.weapon_side = self._weapons_nationality(low)
                return split_by_places(frame, low)
            return []
        frames = self._windows(index, sent_start, text,
                               [Trigger("strike", t.start, t.end, t.text) if t.type == "strike?"
                                else t for t in triggers])
        contextless = {t.start for t in triggers if t.type == "strike?"}
        plu = _PLUPERFECT.search(low)
        recalled = plu is not None and not any(
            m.end() <= plu.start() for m in self.cues.reported_that.finditer(low, 0, plu.start()))
        habitual = self._habitual(low)
        timed = _TIME_OF_DAY.search(low) is not None
        new_event = self.cues.new_event.search(low) is not None
        report = self._assign_dates(frames, dates, low, doc, ctx, triggers)
        places = self._places(text, low, mentions, claim, ctx)
        if speaking_on is not None and counts and frames:
            ctx.last_claim_sent = index  # the account goes on, figure after figure
        warned: list[Frame] = []
        weapon_side = _UNREAD
        # "Moscou n'a pas commenté l'attaque contre X, mais le ministère a affirmé que ...": the
        # speaker of the second clause tells only what follows it
        voice = _SECOND_VOICE.search(low) if claim is not None and claim.start >= 0 else None
        voice_at = voice.start() if voice is not None and \
            voice.start("who") <= claim.start < voice.end() else None
        for frame in frames:
            inside = lambda s: frame.start <= s < frame.end  # noqa: E731
            frame.places = [p for p in places if inside(p[1])]
            frame.weapons = [w for w in weapon_mentions + generics if inside(w.start)]
            frame.counts = [c for c in counts if inside(c.start)]
            frame.recalled = recalled or self._days_before(frame, ctx)
            # (an earlier attack recalled is the writer's background, not the account of the
            # one who spoke before)
            frame.claimant = claim if claim is not None or not counts or frame.recalled \
                else speaking_on
            if voice_at is not None and all(t.end <= voice_at for t in frame.triggers) and \
                    all(c.start < voice_at for c in frame.counts):
                frame.claimant = None
            frame.hedged = frame.type != "threat" and self._hedged(low, doc, frame.triggers)
            frame.habitual = habitual
            frame.office_place = self._office_place
            frame.body_place = self._body_place
            frame.also = _ALSO.search(low) is not None
            frame.another = _ANOTHER_WEAPON.search(low, frame.start, frame.end) is not None
            frame.some_site = _SOME_SITE.search(low, frame.start, frame.end) is not None
            frame.definite = any(_DEFINITE.search(low, max(0, c.start - 6), c.start)
                                 for c in frame.counts if c.domain == "weapon")
            frame.timed = frame.timed or timed
            frame.new_event = new_event
            frame.all_intercepted = all_int and frame.type == "strike"
            frame.no_casualties = no_cas and frame.type == "strike"
            frame.no_hit = no_hit and frame.type == "strike"
            frame.one_missed = one_missed and frame.type == "strike"
            frame.rest_hit = frame.type in ("strike", None) and _REST_HIT.search(low) is not None
            frame.through = _got_through(low, frame)
            frame.all_of = _all_of(low)
            self._country(frame, low)
            if frame.type == "strike":
                self._airspace(frame, low, mentions)
            if frame.type in ("strike", "deployment"):
                for trig in frame.triggers:
                    who = self.attribution.attacker(doc, text, trig.start, trig.end, ents,
                                                    owner=frame.type == "deployment")
                    if who is not None:
                        frame.actor = who
                        break
                if frame.actor is None and frame.type == "strike":
                    if weapon_side is _UNREAD:  # (read once a sentence, when asked)
                        weapon_side = self._weapons_nationality(low)
                    frame.weapon_side = weapon_side
                    if weapon_side is None:
                        frame.actor = self._origin(low, mentions, frame)
            elif frame.type == "threat":
                frame.actor = self._threat_actor(doc, text, frame, claim, ents)
                if self._warns_of_other(text, low, frame):
                    warned.append(frame)  # a warning about the other side's plans
                elif all(_ASKED_OF_OTHERS.search(low, max(0, t.start - 80), t.start)
                         for t in frame.triggers):
                    warned.append(frame)  # "réclamant à ses alliés une réponse": theirs to give
            frame.contextless = all(t.start in contextless for t in frame.triggers)
            frame.anaphoric = bool(frame.triggers) and all(
                _THIS_ONE_BEFORE.search(low, max(0, t.start - 12), t.start) for t in frame.triggers)
            specific = [p for p, _, _ in frame.places if p.kind != "country"]
            frame.weak = frame.type == "strike" and (
                frame.contextless or not (frame.date or specific or frame.counts) and
                all(self._generic_noun(doc, low, t) for t in frame.triggers))
        frames = [f for f in frames if not any(f is w for w in warned)]
        causes = [f for f in frames if f.type == "strike" and all(
            _CAUSE_BEFORE.search(low, max(0, t.start - 50), t.start) for t in f.triggers)]
        if causes and any(f.type == "strike" and f not in causes for f in frames):
            # "Israël a mené des frappes au Liban, en réponse à des tirs de roquettes sur le
            # nord d'Israël": what it answers is another happening, its places not these
            frames = [f for f in frames if not any(f is c for c in causes)]
        lately = [f for f in frames if f.type == "strike" and not f.counts and
                  _LATELY.search(low, f.start, f.end)]
        if lately and any(f.type == "strike" and f.counts and f not in lately for f in frames):
            # "Alors que l'Ukraine a été visée ces derniers jours par des bombardements, le
            # ministère a annoncé avoir abattu 112 drones": the days' campaign is background
            frames = [f for f in frames if not any(f is x for x in lately)]
        frames = [part for frame in merge_in_sentence(frames)
                  for part in split_shares(frame, low) or split_by_places(frame, low)]
        frames = self._split_by_voices(frames, text, low, claim, ents)
        for frame in frames:
            # "Kharkiv, Soumy, Odesa : au moins cinq morts" sums several attacks: the figures
            # are the country's (a record of its own), no one place's
            frame.spread = is_spread(frame.places) or self._over_several_regions(frame, low) or \
                bool(frame.counts) and any(_AND_OTHERS_AFTER.match(low, e) for _, _, e in frame.places) or \
                bool(frame.places) and _SEVERAL_REGIONS.search(low, frame.start, frame.end) is not None or \
                bool(frame.counts) and _two_countries_only(frame.places)
            frame.national = frame.whole or frame.type in ("strike", None) and bool(frame.counts) and \
                self.cues.national_scope.search(low, frame.start, frame.end) is not None
            # the air force's or the general staff's count, no place named: the night's
            # national tally ("16 drones lancés, selon les forces armées ukrainiennes")
            # "a abattu 40 des 50 drones, principalement sur la région de Kiev": where most
            # went, in a tally of the whole night
            main = _MAIN_TARGET.search(low, frame.start, frame.end)
            heading = [(p, a, b) for p, a, b in frame.places if not frame.share and (
                       _HEADING_BEFORE.search(low, max(0, a - 60), a) or
                       main is not None and 0 <= main.start() - b <= 40)]
            frame.body_tally = frame.type in ("strike", None) and \
                not any(p.kind != "country" for p, a, b in frame.places
                        if (p, a, b) not in heading) and \
                frame.claimant is not None and \
                not (_AT_THIS_PLACE.search(low, frame.start, frame.end) and
                     not _SHARE_HERE.search(low, frame.start, frame.end)) and \
                self._national_speaker(frame.claimant) and \
                any(c.domain != "person" and c.role in ("launched", "intercepted")
                    for c in frame.counts)
            frame.whole_country = frame.body_tally and (
                any(p.kind == "country" for p, _, _ in frame.places) or
                _AT_THE_COUNTRY.search(low, frame.start, frame.end) is not None)
            frame.wider = frame.body_tally and (
                bool(heading) or _SHARE_HERE.search(low, frame.start, frame.end) is not None) or (
                main is not None and frame.type in ("strike", None) and any(
                    c.domain != "person" and c.role in ("launched", "intercepted") and c.start > main.start()
                    for c in frame.counts))
            if heading and frame.type in ("strike", None) and not frame.body_tally and \
                    main is None and all(x in heading for x in frame.places if x[0].kind != "country") \
                    and any(c.domain != "person" and c.role in ("launched", "intercepted")
                            for c in frame.counts):
                # "Moscou a tiré huit missiles ..., visant principalement la capitale": where
                # most of them went; the figures are the whole attack's
                frame.places = [x for x in frame.places if x not in heading]
            if heading and (frame.body_tally or main is not None and frame.wider):
                frame.places = [x for x in frame.places if x not in heading]
            if frame.spread:
                if index <= 1 and not _CLOSED_SENTENCE.search(text):
                    # a headline over several towns ("Kharkiv, Soumy, Odesa : cinq morts")
                    # sums the tolls the article then tells town by town
                    frame.counts = [c for c in frame.counts if c.domain != "person"]
                if len(_DISTRIBUTIVE.findall(low)) >= 2:
                    # "73 drones dans la région de Belgorod, 25 dans celle de Koursk": each
                    # figure is one region's share, not the tally of the whole
                    frame.counts = [c for c in frame.counts if not any(
                        0 <= s - c.np_end <= 30 for _, s, _ in frame.places)]
        if history:
            # "... avait renoncé aux armes nucléaires déployées sur son territoire": systems
            # placed in the history a sentence tells, not a deployment of now (not "les S-400
            # déployés au Bélarus sont prêts ..., dans le contexte de l'invasion, qui a été
            # déclenchée le 24 février": the history told in a relative clause after it)
            frames = [f for f in frames if f.type != "deployment" or f.triggers and all(
                _RELATIVE_OPENS.search(low, f.triggers[0].end, d.start) for d in found)]
        if any(f.type == "threat" for f in frames):
            # "les convois d'armes entrant en Ukraine seront des cibles": what a threat names
            # as its target is not a deployment told
            frames = [f for f in frames if f.type != "deployment" or f.weapons]
        if report is not None and not any(f.date for f in frames if f.type != "threat") \
                and not _VAGUE_TIME.search(low):
            for frame in frames:  # "Le ministère a annoncé samedi avoir abattu 38 drones"
                if frame.type in ("strike", "deployment") and not frame.weak and \
                        not frame.undated_before:
                    set_date(frame, report[0], report[1], report[2], "date of the report")
        return frames

    def _split_by_voices(self, frames: list[Frame], text: str, low: str, claim, ents) -> list[Frame]:
        """"Selon Moscou, 30 drones ont été abattus, tandis que Kiev affirme que 12 ont été
        lancés": the figures after the second speaker are that speaker's, about the same
        happening (a frame of their own, with their claimant)."""
        voice = _SECOND_VOICE.search(low)
        if voice is None or claim is None:
            return frames
        who = resolve_who(self.kb, text, voice.start("who"), voice.end("who"), ents,
                          self.attribution.when)
        if who is None or who.kind == "pronoun" or not who.side or who.side == claim.side:
            return frames
        out = []
        for frame in frames:
            before = [c for c in frame.counts if c.start < voice.start()]
            after = [c for c in frame.counts if c.start >= voice.end()]
            if frame.start <= voice.start() < frame.end and before and after:
                out.append(replace(frame, end=voice.start(), counts=before))
                out.append(replace(frame, start=voice.start(), counts=after, claimant=who,
                                   new_event=False, triggers=list(frame.triggers)))
            else:
                out.append(frame)
        return out

    def _background(self, d: DateMention, low: str) -> bool:
        """A dated clause of background: "annexée en 2014", "depuis février 2022", "depuis le
        début de la guerre, le 24 février 2022"."""
        if d.kind in ("year", "month", "day") and _SINCE.search(low, max(0, d.start - 30), d.start):
            # "qui mène depuis fin février une offensive": since, not on; "la première attaque
            # sur la capitale depuis début mars" ranks this one, and is not dated by it either
            return True
        if d.kind in ("month", "day") and d.year is None and \
                _WAR_BEGAN_BEFORE.search(low, max(0, d.start - 60), d.start):
            return True  # "après que Moscou a envoyé ses troupes en Ukraine le 24 février"
        if d.kind == "day" and (_WAR_BEGAN_ON.search(low, max(0, d.start - 110), d.start) or
                                _SINCE_EVENT_ON.search(low, max(0, d.start - 160), d.start)):
            return True
        if d.kind not in ("year", "month", "day") or d.year is None:
            return False
        bg = self.cues.background_before.search(low, max(0, d.start - 60), d.start)
        # "des drones lancés depuis la Crimée le 3 mars 2024": from a place, not since a time
        return bg is not None and not (bg.group().startswith("depuis") and
                                       _LAUNCHED_FROM.search(low, max(0, bg.start() - 25), bg.start() + 6))

    def _generic_noun(self, doc, low: str, trig: Trigger) -> bool:
        span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
        if span is None or span.root.pos_ != "NOUN":
            return False
        return _GENERIC_DET.search(low[max(0, trig.start - 30):trig.start]) is not None

    # -- pieces -------------------------------------------------------------------------

    @staticmethod
    def _days_before(frame: Frame, ctx: ArticleContext) -> bool:
        """"Le 12 mai, une frappe a tué 16 personnes" in a page of 21 May: a calendar day
        well before the page's, an earlier attack recalled (as a pluperfect would tell)."""
        if not frame.date or len(frame.date) != 10 or ctx.pub.date is None or \
                not _CALENDAR_DAY.search(flat(frame.date_rule or "")):
            return False
        try:
            return (ctx.pub.date - dt.date.fromisoformat(frame.date)).days >= 3
        except ValueError:
            return False

    def _note_sites(self, low: str, named, ctx: ArticleContext) -> None:
        """Remember the place each kind of site was last named at ("la raffinerie de pétrole
        de Riazan", "l'aéroport de X"), for "la raffinerie" in a later sentence."""
        for m in named:
            if m.kind != "place" or m.entry.kind not in ("site", "city"):
                continue
            noun = _SITE_NOUN_BEFORE.search(low, max(0, m.start - 45), m.start)
            if noun is None and m.entry.kind == "site":
                noun = _SITE_NOUN_AT.match(low, m.start, m.end)
            if noun is not None and not _ORIGIN_BEFORE.search(low, max(0, noun.start() - 45),
                                                               noun.start()):
                ctx.sites[noun.group(1)] = m.entry

    def _note_context(self, mentions, ctx: ArticleContext) -> None:
        for m in mentions:
            if m.kind == "actor" and m.entry.kind in ("institution", "person"):
                ctx.recent_actors.append(m.entry)
            if m.kind == "actor" and m.entry.kind == "institution" and \
                    LOCAL_OFFICIAL.search(matchable(m.text)):
                # "la mairie de Moscou ... au-dessus de la capitale": the capital it governs
                town = next((p.entry for p in self.kb.gazetteer.find(m.text, ("place",))
                             if p.entry.kind == "city"), None)
                if town is not None and self.kb.capital_of(town.country) is town:
                    ctx.last_capital = town

    def _national_speaker(self, who: Who) -> bool:
        """Does ``who`` speak for the whole country's defence: the air force, the general
        staff, the ministry of defence, or a person holding such an office ("Valeri
        Zaloujny", commander-in-chief of the armed forces)?"""
        if _NATIONAL_BODY.search(matchable(who.name or "")):
            return True
        if who.kind != "person":
            return False
        return any(m.entry.kind == "person" and any(
                       _NATIONAL_OFFICE.search(matchable(o.get("title", ""))) for o in m.entry.offices)
                   for m in self.kb.lookup(who.name or "", ("actor",)))

    def _claimant(self, doc, text, ents, index, ctx: ArticleContext) -> Who | None:
        who = self.attribution.claimant(doc, text, ents)
        if who is not None and who.kind != "pronoun":
            ctx.said[index] = who
        starts_quote = text.lstrip()[:1] in "«“\"" and ctx.last_claim_sent >= index - 2
        earlier = ctx.last_claim
        if earlier is not None:  # said in an earlier sentence: its offsets are not this one's
            earlier = Who(earlier.name, earlier.side, -1, -1, earlier.kind, "an earlier sentence")
        if who is None and starts_quote and earlier is not None:
            who = earlier
        elif who is not None and who.kind == "pronoun":
            who = earlier if ctx.last_claim_sent >= index - 3 else None
        elif who is not None and _SAME_SOURCE.fullmatch(matchable(who.name or "")):
            # "selon la même source", "cette source a assuré": the one who spoke last
            who = earlier if earlier is not None and earlier.name and \
                ctx.last_claim_sent >= index - 6 else who
        elif who is not None and who.side is None and who.kind == "text":
            who = self._corefer(who, ctx) or who
        elif who is not None and who.kind in ("unnamed", "text") and \
                re.fullmatch(r"(?:ministere|armee|gouvernement|administration|defense)",
                             matchable(who.name or "")):
            who = self._corefer(who, ctx) or who
        if who is not None and who.kind == "person" and who.side is None and who.start >= 0 and \
                (_TITLE_AFTER.match(matchable(text[who.end:who.end + 80])) or
                 _TITLE_BEFORE.search(matchable(text[max(0, who.start - 80):who.start]))):
            # "Roman Siniagovski, un responsable régional", "le gouverneur de la région, X":
            # an official whose office the knowledge base does not hold
            who = Who(who.name, who.side, who.start, who.end, who.kind, "local official")
        if who is not None and who.kind == "person" and who.side is None and who.start >= 0 and \
                (title := _APPOSED_TITLE.match(matchable(text[who.end:who.end + 120]))):
            # "Igor Moginov, porte-parole de la région militaire de l'armée russe": the side
            # his title names
            side = next((self.kb.adjectives[w] for w in re.findall(r"[\w-]+", title.group(1))
                         if w in self.kb.adjectives), None)
            if side is not None:
                who = Who(who.name, side, who.start, who.end, who.kind, "title")
        if who is not None:
            ctx.last_claim, ctx.last_claim_sent = who, index
        return who

    def _corefer(self, who: Who, ctx: ArticleContext) -> Who | None:
        """'le ministère' -> the ministry named last."""
        head = matchable(who.name or "").split(" ")[0]
        for entry in reversed(ctx.recent_actors):
            if head and head in matchable(entry.name):
                return Who(entry.name, entry.side, who.start, who.end, entry.kind, "coreference")
        return None

    def _triggers(self, low: str, mentions, doc) -> list[Trigger]:
        triggers = self.cues.find_triggers(low)
        has_weapon = any(m.kind == "weapon" for m in mentions)
        strike_ok = has_weapon or self.cues.strike_context.search(low) is not None
        deploy_ok = _DEPLOYABLE.search(low) is not None or any(
            m.kind == "weapon" and m.entry.cls in ("surface-to-air system", "ballistic missile",
                                                  "strategic missile", "hypersonic missile",
                                                  "combat aircraft", "bomber", "rocket artillery")
            for m in mentions)
        has_strike = any(t.type == "strike" for t in triggers)
        out = []
        exercise = _EXERCISE.search(low) is not None and not _STRUCK_TARGET.search(low)
        for trig in triggers:
            if trig.type == "strike" and exercise:
                continue  # "a lancé un missile Zircon lors d'exercices en mer": a test, no attack
            if trig.type == "strike" and trig.text.startswith("ecras") and \
                    _AIRCRAFT_BEFORE.search(low, max(0, trig.start - 90), trig.start):
                continue  # "un avion de ligne s'est écrasé peu après son décollage": a crash
            if trig.type == "strike" and not strike_ok:
                # "La direction principale de l'attaque était Kyiv": only a neighbour's
                out.append(Trigger("strike?", trig.start, trig.end, trig.text))
                continue
            if trig.type == "deployment":
                if not deploy_ok:
                    continue
                if _DELIVERY.search(trig.text) and not self._delivered(low, trig, mentions):
                    continue  # "Zelensky est arrivé à Odessa", "ont reçu des soins": no system
                if has_strike and _WEAK_DEPLOY.match(trig.text.strip()):
                    continue
            if trig.type == "threat" and trig.text.startswith(",") and not _FORCE.search(low):
                continue  # "« Les chances sont minimes », a averti le maire": a danger, no force
            if trig.type == "threat" and trig.text.startswith("menac") and doc is not None:
                span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
                before = doc[span.start - 1] if span is not None and span.start > 0 else None
                if span is not None and span.root.pos_ == "NOUN" and "represailles" not in low \
                        and not (before is not None and before.pos_ in ("PROPN", "NOUN", "PRON")
                                 and _THREATEN_TO.match(low, trig.start)):
                    # (not "La Corée du Nord menace de réagir": a verb the tagger took for a
                    # noun, a name before it and an infinitive after)
                    continue
            if trig.type == "strike" and _WHAT_SYSTEM_FOR.search(low, max(0, trig.start - 30), trig.start):
                continue  # "une batterie d'interception", "des missiles de frappe": what for
            out.append(trig)
        return out

    def _origin(self, low: str, mentions, frame: Frame) -> Who | None:
        """"deux drones en provenance du Liban", "des missiles tirés depuis le Yémen": with
        no attacker named, the country they came from (EVENTS.md's unnamed attacker: the side
        the setting points to)."""
        sides = {m.entry.country for m in mentions if m.kind == "place" and
                 m.entry.kind == "country" and frame.start <= m.start < frame.end and
                 _CAME_FROM.search(low, max(0, m.start - 40), m.start)}
        if len(sides) != 1:
            return None
        side = sides.pop()
        if any(p.country == side for p, _, _ in frame.places):
            return None  # "lancés depuis la Russie" on Russian airfields: from within, no side
        entry = self.kb.actors.get(f"side:{side}")
        return Who(entry.name if entry else side, side, -1, -1, "side", "where the weapons came from")

    def _weapons_nationality(self, low: str) -> Who | None:
        """"l'armée de l'air a recensé 46 drones russes": the side the weapons are said to be
        of fired them (not a supplier's: "des missiles américains" were fired by Ukraine)."""
        sides = set()
        for m in _WEAPON_NATIONALITY.finditer(low):
            side = self.kb.adjectives.get(m.group(1))
            if side:
                sides.add(side)
        if len(sides) != 1 or sides & SUPPLIERS:  # ("drones iraniens": Russia's Shaheds)
            return None
        side = sides.pop()
        entry = self.kb.actors.get(f"side:{side}")
        return Who(entry.name if entry else side, side, -1, -1, "side", "the weapons' nationality")

    @staticmethod
    def _delivered(low: str, trig: Trigger, mentions) -> bool:
        """Is a system what is delivered: named or described right beside the verb, with no
        clause between ("les Patriot sont arrivés", "a reçu un système antiaérien")?"""
        spans = [(m.start, m.end) for m in mentions if m.kind == "weapon"] + \
            [m.span() for m in _DEPLOYABLE.finditer(low, max(0, trig.start - 60), trig.end + 60)]
        for a, b in spans:
            gap = low[b:trig.start] if b <= trig.start else low[trig.end:a]
            if len(gap) <= 60 and not re.search(r"[,;:]", gap):
                return True
        return False

    def _windows(self, index, sent_start, text, triggers) -> list[Frame]:
        frames: list[Frame] = []
        # a window ends where the clause of the next trigger begins ("a endommagé des maisons,
        # tandis que deux drones ont été détruits dans la région de X": the figure is the
        # second clause's), else at the next trigger
        bounds = [0]
        for prev, trig in pairwise(triggers):
            cut = None
            for m in _CLAUSE_OPENS.finditer(text, prev.end, trig.start):
                cut = m.start()
            bounds.append(trig.start if cut is None else cut)
        bounds.append(len(text))
        for i, trig in enumerate(triggers):  # merge_in_sentence joins what agrees
            frames.append(Frame(trig.type, index, bounds[i], bounds[i + 1], sent_start,
                                triggers=[trig]))
        return frames

    def _hedged(self, low: str, doc, triggers) -> bool:
        """Does the sentence doubt the happening itself? A hedge counts next to the word that
        tells the event ("aurait frappé", "semblent montrer", "une frappe présumée"), not on
        a detail beside it ("apparemment lancé depuis la côte", "visaient vraisemblablement
        des installations", "a vraisemblablement été abattu")."""
        near = [(max(0, t.start - _HEDGE_REACH), t.end + _HEDGE_REACH) for t in triggers]
        found = [(m, True) for m in self.cues.hedges.finditer(low)] + \
            [(m, False) for m in self.cues.hedges_near.finditer(low)]
        for m, anywhere in found:
            # "ajoutant que le transfert serait achevé d'ici l'été": a future in the past
            if _FUTURE_IN_PAST.search(low, m.end(), m.end() + 60):
                continue
            if not anywhere and _WHO_DOUBTED.match(low, m.end()):
                continue  # "un missile, apparemment tiré par les Houthis": who fired is doubted
            verb_at = m.start() + m.group().find(" ") if m.group().startswith(("aurai", "serai")) \
                else m.end()
            if not anywhere and self._toll_doubted(low, m.start(), verb_at):
                continue  # "des officiers ont apparemment été touchés": the toll is doubted
            if anywhere or any(a <= m.start() < b and not _CLAUSE_BETWEEN.search(
                    low, min(m.end(), t0), max(m.start(), t0))
                    for (a, b), t0 in zip(near, (t.start for t in triggers))):
                return True
        if _FUTURE_IN_PAST.search(low):
            return False
        if not _CONDITIONAL_FORM.search(low):
            return False  # (no word of a conditional's ending: no conditional auxiliary)
        spans = [(t.start, t.end) for t in triggers]
        for tok in verbs_of(doc):  # "aurait été abattu": a conditional auxiliary of the event's verb
            if tok.dep_.startswith("aux") and "Mood=Cnd" in str(tok.morph) and \
                    any(a <= tok.head.idx < b for a, b in spans) and \
                    not self._toll_doubted(low, tok.idx, tok.idx + len(tok.text)):
                return True
        return False

    def _toll_doubted(self, low: str, hedge: int, verb: int) -> bool:
        """Is the doubt at ``hedge`` on who was killed or hurt ("des officiers auraient été
        touchés", "... ont apparemment été tués"), the verb at ``verb`` one of casualties and
        its subject people? That doubts the toll, not the strike."""
        return _TOLL_DOUBTED.match(low, verb) is not None and \
            self._people_before.search(low, max(0, hedge - 80), hedge) is not None

    def _is_report_date(self, d: DateMention, low: str, doc, triggers) -> bool:
        if _DATELINE.match(self._text[d.end:d.end + 30]):
            return True
        before = low[:d.start]
        m = _REPORT_NEAR.search(before)
        if m and not re.search(r"\bque\b|\bqu'", m.group()) and \
                not any(m.start() <= t.start < d.start and t.type != "threat" for t in triggers):
            return True
        if doc is not None:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None:
                head = span.root.head
                if head.pos_ == "VERB" and matchable(head._.lemma) in self.cues.reporting_verbs \
                        and not any(min(d.end, head.idx) <= t.start < max(d.start, head.idx)
                                    for t in triggers if t.type != "threat"):
                    return True
        return False

    def _assign_dates(self, frames, dates, low, doc, ctx: ArticleContext, triggers):
        """Give each frame its date: absolute and relative expressions first, then offsets
        ("deux jours après une attaque"), then report dates for threats."""
        anchor = ctx.anchor
        report = None
        offsets = []
        for d in dates:
            if d.kind == "offset":
                offsets.append((d, anchor))
                continue
            if _ALREADY_BEFORE.search(low[:d.start], max(0, d.start - 40)) and \
                    low[d.end:d.end + 2].lstrip().startswith(","):
                continue  # "Déjà visée le 5 juin, elle l'a été à nouveau mardi": an earlier time
            if _ANSWERED_BEFORE.search(low, max(0, d.start - 140), d.start):
                continue  # "... a lancé des missiles en réponse à l'assassinat de X vendredi"
            value, day = resolve(d, ctx.pub, anchor)
            if day is not None:
                anchor = day
            if value is None:  # "dimanche" with no publication date: a day, not a habit
                frame = frame_at(frames, d.start)
                if frame is not None:
                    frame.timed = True
                    # which day all the same ("le 4 juillet", "samedi"), to tell two
                    # happenings apart; not the day a dispatch was filed ("6 décembre (Reuters)")
                    if frame.day_key is None and not self._is_report_date(d, low, doc, triggers):
                        frame.day_key = day_key(d, None)
                continue
            if self._is_report_date(d, low, doc, triggers):
                report = report or (value, day, d)
                continue
            frame = frame_at(frames, d.start)
            if frame is not None and frame.type == "threat" and \
                    _STRIKE_PARTICIPLE_BEFORE.search(low, max(0, d.start - 40), d.start):
                continue  # "les frappes menées samedi soir ne resteront pas sans réponse": their day
            if frame is not None and (frame.date is None or (frame.day is None and day is not None)):
                set_date(frame, value, day, d, d.text)
        for d, base in offsets:
            target = next((f for f in frames if f.type and any(
                0 <= t.start - d.end < 40 for t in f.triggers)), None) \
                if d.offset_mode in ("np", "vague") else frame_at(frames, d.start)
            if target is not None and d.offset_mode == "vague":
                # "Il l'a dit dimanche, quelques jours après que Moscou a tiré un missile": the
                # day before it is the saying's, and the strike's day is not told
                if target.date_span is not None and target.date_span[1] <= d.start:
                    target.date = target.day = target.date_span = target.day_key = None
                    target.date_rule = None
                target.undated_before = True
                continue
            if target is None or base is None:
                continue
            if d.offset_mode == "np" and target.date_span is not None and \
                    target.date_span[0] >= d.end:
                continue  # "huit jours après la frappe du 14 mai": the attack gives its date
            moved = target.date_span is not None and target.date_span[1] <= d.start
            if moved:  # "Le 20 décembre, deux jours après X, ...": that date is the main clause's
                main = next((f for f in frames if f.type in ("strike", "deployment") and
                             f is not target and f.date is None and f.start >= target.start), None)
                if main is not None:
                    main.date, main.day, main.date_span = target.date, target.day, target.date_span
                    main.date_rule, main.day_key = target.date_rule, target.day_key
            value, day = shift_date(base, d.shift)
            set_date(target, value, day, d, f"{d.text} from {base}")
            target.date_by_offset = True
        if anchor is not None:
            ctx.anchor = anchor
        keys = [f.day_key for f in frames if f.day_key and not f.date_by_offset]
        for f in frames:
            if f.date is None:
                f.context_key = ctx.prev_key
        ctx.prev_key = keys[-1] if keys else None
        previous = None
        for f in frames:  # a threat is dated by what it answers, else by when it was said
            if f.type == "threat" and f.date is None:
                if previous is not None and previous.date:
                    f.date, f.day, f.date_span = previous.date, previous.day, previous.date_span
                    f.date_rule = "date of the clause before"
                elif report is not None:
                    set_date(f, report[0], report[1], report[2], "report date")
                elif not dates and not _PLUPERFECT.search(low) and ctx.pub.date is not None:
                    f.date = ctx.pub.date.isoformat()[:{"day": 10, "month": 7}.get(ctx.pub.precision, 4)]
                    f.date_rule = "publication date"
            if f.type and f.type != "threat":
                previous = f
        return report

    def _habitual(self, low: str) -> bool:
        """A campaign or a habit ("les frappes se multiplient depuis des mois"), not a
        record it is measured against ("l'attaque la plus massive depuis le début de la
        guerre")."""
        return any(not _RANKED.search(low, max(0, m.start() - 80), m.start())
                   for m in self.cues.habitual.finditer(low))

    def _over_several_regions(self, frame: Frame, low: str) -> bool:
        """Figures told over a list of regions ("abattus au-dessus des régions d'Odessa et
        de Mykolaïv"), however near, or over a part of a country and another place ("visant
        l'est de l'Ukraine et la région d'Odessa", "le sud du pays, dont Kherson"): the
        country's, as figures over places far apart are."""
        if not frame.counts or not frame.places:
            return False
        if sum(s in self._listed_regions for _, s, _ in frame.places) >= 2:
            return True
        # the part of the country joined to another place ("et", "dont", "ainsi que"), not
        # where a town lies ("Dans l'ouest du pays, deux drones ont visé Lviv")
        parts = [e for p, s, e in frame.places if p.kind == "country" and _COMPASS_OF.search(
            low, max(0, s - 25), s)]
        parts += [m.end() for m in _COMPASS_OF_THE_COUNTRY.finditer(low, frame.start, frame.end)]
        return any(0 < s - end <= 40 and _JOINED.match(low, end, s)
                   for end in parts for _, s, _ in frame.places)

    def _region_named(self, name: str):
        """The region "la région de <name>" names (Kyiv Oblast for Kiev, where the city is a
        region of its own)."""
        phrase = f"région de {name}"
        found = [m for m in self.kb.gazetteer.find(phrase, ("place",))
                 if m.start == 0 and m.end == len(phrase) and m.entry.kind == "region"]
        return found[0].entry if found else None

    def _places(self, text: str, low: str, mentions, claim: Who | None, ctx) -> list:
        self._office_place = self._body_place = None
        out = []
        brackets = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
        skipped_end = -1  # "depuis les directions de Koursk, Orel et Primorsko-Akhtarsk"
        regions_end = -1  # where a list of "les régions de X, Y et Z" got to
        previous_end = -1  # where the place named before ends
        self._listed_regions = set()  # where each region of such a list begins
        for m in mentions:
            if m.kind == "actor" and LOCAL_OFFICIAL.search(low, m.start, m.end):
                # "l'administration militaire de la ville de Kherson", a body the knowledge
                # base knows by name: the town it governs
                body = next((p.entry for p in self.kb.gazetteer.find(text[m.start:m.end], ("place",))
                             if p.entry.kind in ("city", "region")), None)
                if body is not None and body.kind == "city" and "region" in low[m.start:m.end]:
                    body = self.kb.region_of(body) or body  # "l'administration régionale de X"
                self._body_place = body
                break
        for m in _one_place_per_span(mentions):
            origin = _ORIGIN_BEFORE.search(low[max(0, m.start - 45):m.start]) is not None
            # even "le gouverneur de la région de X" names the region the story is in;
            # "depuis la région de X" tells where the weapons came from
            if m.entry.kind == "country" and not origin and \
                    not _AGENT_BEFORE.search(low, max(0, m.start - 12), m.start):
                ctx.last_country = m.entry  # (not "lancés par la Russie": who launched them)
            if m.entry.kind == "region" and not origin:
                ctx.last_region = m.entry
            elif m.entry.kind == "city" and not m.entry.minor and not origin and \
                    self.cues.region_before.search(low[max(0, m.start - 30):m.start]):
                ctx.last_region = self.kb.region_of(m.entry) or ctx.last_region
            if m.entry.minor and not (text[m.start].isupper() and
                                      _PLACE_PREP.search(low[max(0, m.start - 40):m.start])):
                continue  # a village's name counts only as a place: "à Bor", not "bor"
            if any(a < m.start < b for a, b in brackets):
                continue  # "(zone de lancement : région de Tambov)": an aside, not the target
            before = low[max(0, m.start - 60):m.start]
            previous_end, bearing_from = m.end, previous_end
            if m.entry.kind in ("city", "region") and LOCAL_OFFICIAL.search(before) and \
                    self.cues.office_before.search(before):
                # "le maire de Kharkiv", "l'administration militaire de Kiev": where the
                # speaker holds office, the place of what they tell when it names no other
                self._office_place = self._office_place or m.entry
                if self.kb.capital_of(m.entry.country) is m.entry:
                    ctx.last_capital = m.entry  # "le maire de Moscou ... au-dessus de la capitale"
            if claim is not None and claim.start <= m.start < claim.end and claim.kind != "pronoun":
                continue
            if out and _LANDMARK_BEFORE.search(before):
                continue  # "près de Bakhtchissaraï, non loin de Sébastopol": where the town lies
            if _YEARS_AGO_AFTER.match(low, m.end):
                continue  # "l'offensive lancée en Ukraine il y a trois ans": long ago
            if m.entry.kind == "country" and _BORDERING_BEFORE.search(before):
                continue  # "les régions russes limitrophes de l'Ukraine": what they border
            if bearing_from >= 0 and _BEARING.fullmatch(low, bearing_from, m.start):
                continue  # "la région de Toula au sud de Moscou": where the region lies
            if _BEARING_BEFORE.search(before) and _ANOTHER_PLACE_AFTER.match(low, m.end):
                continue  # "Au nord-est d'Odessa, à Mykolaïv, ...": where the next town lies
            # "livrées au Bélarus" with no strike told: where the systems now stand (with one,
            # "fournis à l'Ukraine" names who fired them, not where they fell)
            received = m.entry.kind == "country" and (
                _DELIVERED_TO.search(before) is not None and not self.cues.triggers["strike"].search(low)
                or _STRUCK_DELIVERED.search(low, max(0, m.start - 150), m.start) is not None)
            if not received and (self.cues.not_target_before.search(before) and
                                 not _GROUP_TARGETS.search(before) or
                                 self.cues.office_before.search(before) or (
                    skipped_end >= 0 and _LIST_GLUE.fullmatch(low[skipped_end:m.start]))):
                skipped_end = m.end
                continue
            plural = _REGIONS_BEFORE.search(before) is not None or (
                regions_end >= 0 and _REGION_LIST_GLUE.fullmatch(low[regions_end:m.start]) is not None)
            actor_too = any(o.kind == "actor" and o.start == m.start for o in mentions)
            if actor_too and not plural and not _PLACE_PREP.search(before) and \
                    not _TOWN_NOUN_BEFORE.search(before) and \
                    not ((struck := _STRUCK_AFTER.match(low, m.end)) and not
                         _ACTIVE_STRIKE_VERB.fullmatch(text, struck.start(), struck.end())):
                # "Kiev a annoncé": the government; "Kiev a été frappée": the city ("La Russie
                # bombarde de nouveau le port": the attacker, the verb active, not "bombardée")
                continue
            if _part_of_name(text, m.start):
                continue  # "Losiny Ostrov" is not Ostrov
            place = m.entry
            if place.kind == "city" and (self.cues.region_before.search(before) or plural or
                                         _THAT_OF_REGION.search(low, max(0, m.start - 250), m.start) or
                                         # "Dans la région de Kharkiv, ... . Dans celle de
                                         # Zaporijjia, ...": the region the sentence before named
                                         ctx.last_region is not None and
                                         _THAT_OF_OPENING.match(low, 0, m.start)):
                region = self._region_named(text[m.start:m.end]) if plural else None
                region = region or self.kb.region_of(place)
                if region is not None and not plural and \
                        flat(region.name).lower()[:5] != flat(place.name).lower()[:5]:
                    # "la région de Nikopol": the district around a town that is no
                    # region's seat (not "la région de Kharkiv", "de Dnipro": the oblast)
                    region = None
                if region is not None:
                    place = region
                    if plural:
                        regions_end = m.end
                        self._listed_regions.add(m.start)
            if _DATELINE_AFTER.match(text, m.end) or (
                    m.start < 3 and text[m.start:m.end].isupper() and _CAPS_DATELINE.match(text, m.end)):
                continue  # "KYIV (AFP) -", "SANAA:": where the dispatch was filed
            if place.kind == "city" and _DISTRICT_BEFORE.search(before) and \
                    ctx.last_city is not None and ctx.last_city is not place and \
                    km(ctx.last_city, place) > _DISTRICT_KM:
                continue  # "le quartier de Kyivskyi" at Kharkiv: a district of the town told
            out.append((place, m.start, m.end))
            if place.kind == "city":
                ctx.last_city = place  # what "la même ville" refers to next
            if place.kind == "city" and self.kb.capital_of(place.country) is place:
                ctx.last_capital = place  # what "la capitale" refers to next
        covered = [(m.start, m.end) for m in mentions]
        for m in _FUZZY_SLOT.finditer(text):  # "près de Krytchaw": a spelling not listed
            if any(a <= m.start(1) < b for a, b in covered) or m.group(1) in _FUNCTION_WORDS:
                continue
            found = self.kb.fuzzy_place(m.group(1))
            if ctx.countries:  # nor a namesake abroad ("Barashit" in Lebanon is no Ukrainian
                found = [p for p in found if p.country in ctx.countries]  # village)
            if ctx.last_region is not None:  # a spelling not listed: a town of the region
                region = ctx.last_region.admin1 or ctx.last_region.name  # the story is in
                found = [p for p in found if p.admin1 == region]
            if found:
                place = min(found, key=place_rank)
                out.append((place, m.start(1), m.end(1)))
        for m in _NAME_RUN.finditer(text):  # "Kryviy Rih": a spelling of several words not listed
            if any(a < m.end() and m.start() < b for a, b in covered + [(p[1], p[2]) for p in out]):
                continue
            found = self.kb.sounding_place(m.group())
            if found:
                out.append((min(found, key=place_rank), m.start(), m.end()))
        for m in _THE_REGION.finditer(low):  # "au-dessus de la région": the one just named
            if _OFFICE_OF_THE.search(low, max(0, m.start() - 40), m.start() + 2):
                continue  # "le gouverneur de la région, X": the speaker's office, not a target
            # (told by a governor of another region than the one named last, "Le gouverneur
            # de Tcherkassy a déclaré qu'un drone avait été abattu au-dessus de la région":
            # his region)
            office = self._office_place
            ref = office if office is not None and office.kind == "region" else \
                self.kb.region_of(office) if office is not None and office.kind == "city" else None
            ref = ref or ctx.last_region
            if ref is not None and not any(a <= m.start() < b for a, b in covered):
                out.append((ref, m.start(1), m.end(1)))
        if not out and ctx.named_city is not None and ctx.named_city[1] >= self._index - 2 and \
                (m := _CITY_PRONOUN.search(low)):
            # "La ville de Loutsk ... . Déjà visée en juin, elle l'a été à nouveau cette nuit":
            # the town the sentences just before named
            out.append((ctx.named_city[0], m.start(), m.end()))
        for m in _SAME_PLACE.finditer(low):  # "dans la même ville", "la ville": the town named last
            ref = ctx.last_region if m.group(1) == "region" else ctx.last_city
            if ref is not None and not any(a <= m.start() < b for a, b in covered):
                out.append((ref, m.start(), m.end()))
        if not out and (m := _COMPASS_OF_THE_COUNTRY.search(low)) is not None:
            # "dans le centre du pays": the country named before, or its town's
            country = ctx.last_country or (self.kb.country_place(ctx.last_city.country)
                                           if ctx.last_city is not None else None)
            if country is not None:
                out.append((country, m.start(), m.end()))
        for m in _SITE_ANAPHOR.finditer(low):  # "la raffinerie a déjà été visée": the one named
            place = ctx.sites.get(m.group(1))
            if place is not None and not any(a <= m.start(1) < b for a, b in covered) and \
                    not any(a <= m.start(1) < b for _, a, b in out):
                out.append((place, m.start(1), m.end(1)))
        for m in _PENINSULA.finditer(low):  # "au-dessus de la péninsule": Crimea, named before
            if ctx.last_region is not None and ctx.last_region.name in _PENINSULAS and \
                    not any(a <= m.start() < b for a, b in covered):
                out.append((ctx.last_region, m.start(), m.end()))
        for m in _CAPITAL.finditer(low):
            cap = m.start() + m.group().find("capitale")
            if _BEARING_BEFORE.search(low, max(0, cap - 30), cap):
                continue  # "dans la région de Kalouga, au sud de la capitale": where it lies
            adj = m.group("adj")
            side = self.kb.adjectives.get(adj) if adj else None
            if side:
                place = self.kb.capital_of(side)
            elif adj and adj in self.kb.adjectives:
                place = None
            else:  # the capital named before; "sa capitale": the country's named last
                place = ctx.last_capital or (
                    self.kb.capital_of(ctx.last_country.country) if ctx.last_country is not None
                    and m.group().startswith("sa ") else None)
            if place is not None:
                out.append((place, m.start(), m.end()))
        out.sort(key=lambda p: p[1])
        return out

    def _country(self, frame: Frame, low: str) -> None:
        if frame.type not in ("strike", "deployment"):
            return
        for m in _TARGET_ADJ.finditer(low, frame.start, frame.end):
            if _ATTACKER_NOUN.search(low, 0, m.start("adj")):
                continue  # "les attaques de missiles russes": the missiles' side, not the target's
            side = self.kb.adjectives.get(m.group("adj"))
            if side:
                frame.country, frame.country_span = side, (m.start("adj"), m.end("adj"))
                return

    def _airspace(self, frame: Frame, low: str, mentions) -> None:
        """"la violation de son espace aérien par un drone russe", "l'espace aérien polonais":
        the strike is on the country whose airspace it is, not on the country the attack
        was aimed at ("lors d'une attaque contre l'Ukraine")."""
        m = _AIRSPACE.search(low, frame.start, frame.end)
        if m is None:
            return
        code = None
        if m.group("adj") and m.group("adj") in self.kb.adjectives:
            code = self.kb.adjectives[m.group("adj")]
        elif m.group("of") == "pays":  # "l'espace aérien du pays": the speaker's country
            code = frame.claimant.side if frame.claimant is not None else None
        elif m.group("of"):
            code = next((x.entry.country for x in mentions if x.kind == "place" and
                         x.entry.kind == "country" and m.start("of") <= x.start < m.end("of") + 3),
                        None)
        elif m.group("soil"):  # "sur son sol": the speaker's country
            code = frame.claimant.side if frame.claimant is not None else None
        elif m.group("own"):  # "son espace aérien": the country the sentence is about
            code = next((x.entry.country if x.kind == "place" else x.entry.side
                         for x in reversed(mentions) if x.start < m.start() and (
                             x.kind == "place" and x.entry.kind == "country" or
                             x.kind == "actor" and x.entry.kind == "side")), None)
        place = self.kb.places.get(next((k for k in self.kb.places if k.startswith(
            f"country:{code}:")), "")) if code else None
        if place is None or (frame.actor is not None and frame.actor.side == code):
            return
        frame.places = [(place, m.start(), m.end())]
        frame.country, frame.country_span = code, (m.start(), m.end())
        frame.incident = True

    def _warns_of_other(self, text: str, low: str, frame: Frame) -> bool:
        """"Zelensky a averti que la Russie préparait une frappe": a warning whose clause
        has the other side as its subject tells of that side's plans; the speaker threatens
        no one. ("Le Kremlin a averti que la Russie riposterait" stays a threat.)"""
        speaker = frame.actor.side if frame.actor is not None else None
        if speaker is None:
            return False
        warnings = 0
        for trig in frame.triggers:
            clause = _WARNS_THAT.search(low, trig.start, min(len(low), trig.end + 40))
            if clause is None:
                return False
            subject = self._clause_subject(text, clause.end())
            if subject is None or subject == speaker:
                return False
            if _SUFFERS.search(low, clause.end(), clause.end() + 120):
                return False  # "... que l'Ukraine paierait": the other side as the threatened
            warnings += 1
        return warnings > 0

    def _clause_subject(self, text: str, start: int) -> str | None:
        """The side of the actor that opens a clause ("la Russie préparait", "Moscou va")."""
        words = re.findall(r"[\w'’-]+", text[start:start + 60])[:4]
        for n in range(min(4, len(words)), 0, -1):
            name = " ".join(words[:n])
            for hit in self.kb.lookup(name, ("actor",)):
                side = getattr(hit.entry, "side", None)
                if side:
                    return side
        return None

    def _threat_actor(self, doc, text, frame: Frame, claim: Who | None, ents) -> Who | None:
        trig = frame.triggers[0]
        # "la réponse promise par Volodymyr Zelensky": the agent made the promise, whoever
        # tells of it
        agent = _AGENT_AFTER.match(flat(text), trig.end)
        if agent is not None:
            from .attribution import resolve_who

            who = resolve_who(self.kb, text, agent.start(1), agent.end(1), ents,
                              self.attribution.when)
            if who is not None and who.kind in ("person", "institution"):
                return who
        # a speaker after the threat told ("..., que les États-Unis ont dit prendre au
        # sérieux", "..., une menace que Washington dit prendre au sérieux") reacts to it: the
        # threat's own subject first
        between = text[trig.end:claim.start] if claim is not None and claim.start > trig.end else ""
        later = bool(re.search(r",\s*(?:[\w-]+\s+){0,3}?(?:que|qu['’])", between)) and not re.search(r"[»”\"]", between)
        if claim is not None and doc is not None:
            # "Trump a prévenu que Moscou comptait riposter": the one who tells of it is not
            # the one who threatens, the subject of the threat's own verb is
            teller = self._reported_threatener(doc, text, frame, claim, ents)
            if teller is not None:
                return teller
        span = doc.char_span(trig.start, trig.end, alignment_mode="expand") if doc is not None else None
        if claim is not None and claim.side is not None and not later:
            if span is not None and (own := self._relative_threatener(span.root, text, ents)):
                return own  # "X a dénoncé Poutine, qui a brandi la menace": Poutine's threat
            return claim
        if span is not None:
            from .attribution import resolve_who, subject_of, subtree_bounds
            tok = span.root
            # (not "le régime doit être puni": the subject of what is suffered is the
            # threatened, not who threatens)
            suffered = _SUFFERS.search(flat(trig.text).lower()) is not None
            chain = [tok]  # up to the verb the threat's noun hangs from ("a brandi la menace
            while chain[-1].head is not chain[-1] and chain[-1].pos_ not in ("VERB", "AUX") \
                    and len(chain) < 5:  # d'un recours à l'arme nucléaire")
                chain.append(chain[-1].head)
            for cand in dict.fromkeys([tok, tok.head, *chain]):
                subj = subject_of(cand)
                if subj is not None and not (suffered and (cand is tok or span.start <= subj.i < span.end)):
                    who = resolve_who(self.kb, text, *subtree_bounds(subj), ents, self.attribution.when)
                    if who is not None and who.kind != "pronoun" and (who.side or who.kind == "person"):
                        return who
        if claim is not None and claim.side is not None:
            return claim
        if claim is not None and claim.kind in ("person", "institution", "side"):
            return claim
        if _THREATEN_TO.match(flat(text).lower(), trig.start) and 0 < trig.start <= 40 and \
                "," not in text[:trig.start]:
            # "Pyongyang menace de frapper": the parse gives the verb no subject; the name
            # that opens the sentence is who threatens
            from .attribution import resolve_who
            who = resolve_who(self.kb, text, 0, trig.start, ents, self.attribution.when)
            if who is not None and who.side:
                return who
        return None


    def _relative_threatener(self, tok, text: str, ents) -> Who | None:
        """The antecedent of the relative clause the threat is told in ("Poutine, qui a
        brandi la menace")."""
        from .attribution import resolve_who

        for _ in range(5):  # up from "recourir" to "brandi" in "qui a brandi la menace de recourir"
            if tok.dep_ == "acl:relcl" or tok.head is tok or tok.dep_ in ("ROOT", "conj", "advcl", "ccomp"):
                break
            tok = tok.head
        if tok.dep_ != "acl:relcl" or not any(
                c.dep_ == "nsubj" and c.lower_ in ("qui", "lequel", "laquelle") for c in tok.children):
            return None
        named = [t for t in tok.head.subtree if t.i < tok.i and not t.is_punct]
        if not named:
            return None
        who = resolve_who(self.kb, text, named[0].idx, named[-1].idx + len(named[-1].text), ents,
                          self.attribution.when)
        if who is not None and who.kind != "pronoun" and (who.side or who.kind == "person"):
            return who
        return None

    def _reported_threatener(self, doc, text, frame: Frame, claim: Who, ents) -> Who | None:
        """The subject of a threat verb inside what a third party reports ("Trump a prévenu
        que Moscou comptait riposter", "Washington affirme que l'Iran va frapper"): an actor
        of another side than the speaker's, and the one who would act ("que la Russie
        paierait" names whom the speaker threatens)."""
        from .attribution import resolve_who, subject_of, subtree_bounds

        for trig in frame.triggers:
            if trig.start <= claim.end or not _THAT_BEFORE.search(text, claim.end, trig.start) \
                    or not _ACTING_THREAT.match(_GOING_TO.sub("", flat(trig.text))):
                continue
            span = doc.char_span(trig.start, trig.end, alignment_mode="expand")
            if span is None or span.root.pos_ not in ("VERB", "AUX"):
                continue
            tok = span.root
            for cand in (tok, tok.head):
                subj = subject_of(cand)
                if subj is None or subj.idx < claim.end:
                    continue
                who = resolve_who(self.kb, text, *subtree_bounds(subj), ents, self.attribution.when)
                if who is not None and who.kind != "pronoun" and who.side and claim.side and \
                        who.side != claim.side:
                    return who
        return None


_THAT_BEFORE = re.compile(r"\b(?:que|qu['’])")
# "la Russie allait répliquer", "Moscou compte riposter": the verb after going or meaning to
_GOING_TO = re.compile(r"^(?:va|vont|allait|allaient|compt\w*|entend\w*)\s+(?:\w+\s+)?")
_ACTING_THREAT = re.compile(r"(?:ripost|repond|repliqu|reagi|frapp|venge|puni|detrui|vise|lance|utilise)")
_AGENT_AFTER = re.compile(r"[\s«»\"”“]*(?:[\w'-]+\s+){0,3}?par\s+([^,.;:«»()]{3,80})")


def _one_place_per_span(mentions):
    """The entry a place name stands for: a hand-kept place before a village of the same
    name, then one in Ukraine or Russia, then the most populous."""
    best = {}
    for m in mentions:
        if m.kind != "place":
            continue
        key = place_rank(m.entry)
        if (m.start, m.end) not in best or key < best[(m.start, m.end)][0]:
            best[(m.start, m.end)] = (key, m)
    return [m for _, m in sorted(best.values(), key=lambda km_: km_[1].start)]


_LABELS = {"weapon": "WEAPON", "place": "LOC", "actor": "ORG"}


def names(doc, mentions=()) -> list[tuple[int, int, str]]:
    """Entities of a parsed sentence: the knowledge base's ``mentions`` (found once per
    sentence, aligned to tokens, the longest first), the statistical NER's when the pipeline
    has it, and runs of two or more capitalised proper nouns as people."""
    from spacy.symbols import PROPN
    from spacy.util import filter_spans

    spans = list(doc.ents)
    for m in mentions:
        label = "PER" if m.kind == "actor" and m.entry.kind == "person" else _LABELS[m.kind]
        span = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    spans = filter_spans(spans)
    out = [(e.start_char, e.end_char, e.label_) for e in spans]
    taken = {i for e in spans for i in range(e.start, e.end)}
    run: list = []
    # the part of speech of every token at once: a Token object only for the proper nouns
    pos = doc.to_array("POS").tolist() if len(doc) else []
    for i in [*range(len(doc)), -1]:
        if i >= 0 and pos[i] == PROPN and i not in taken and (tok := doc[i]).text[:1].isupper():
            run.append(tok)
            continue
        if 0 < i < len(doc) - 1 and not run and pos[i + 1] == PROPN and i not in taken and \
                (tok := doc[i]).text[:1].isupper() and doc[i + 1].dep_ == "flat:name" and \
                doc[i + 1].head.i == i:
            run.append(tok)  # "a indiqué Piotr Sokolov": a first name the tagger did not see
            continue
        if len(run) >= 2:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text), "PER"))
        run = []
    return out


def _part_of_name(text: str, start: int) -> bool:
    """Is the word before ``start`` a capitalised word of the same name?"""
    m = _NAME_BEFORE.search(text[max(0, start - 30):start])
    if not m or m.group(1) in _FUNCTION_WORDS:
        return False
    head = text[:start - len(m.group(0))].rstrip()
    return bool(head) and head[-1] not in ".!?«»:\"“”(–—-,;"


