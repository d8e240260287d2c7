"""Numbers written in digits or words, and what a count counts.

``parse_number_word`` reads "11", "1 200", "huit", "vingt-cinq", "une douzaine" (with
text2num for the written numbers). ``CountFinder.find`` locates each count in a sentence,
the noun it quantifies (a weapon or people) and its role: launched, intercepted, hit,
killed or injured, read from the words around it in the same clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from text_to_num import text2num

from ..kb import flat

_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
          "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
          "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
          "huitante": 80, "nonante": 90, "cent": 100, "cents": 100, "mille": 1000}
_APPROX = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
           "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
           "millier": 1000}
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
NUMBER = (rf"(?:une? seule?|une (?:{'|'.join(_APPROX)})s?|\d{{1,3}}(?:[  \u00a0.]\d{{3}})+|\d+|"
          rf"(?:{_WORD})(?:(?:-| et | |-et-)(?:{_WORD}))*)")
# "823 drones et missiles", "des missiles ou des drones": two kinds counted in one figure
_MIXED_KINDS = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:et|ou)\s+(?:de |d')?(?P<kind>missiles?|drones?|roquettes?)\b")
# "un homme de 60 ans", "une femme âgée de 77 ans": a person's age before the verb
# (right before the verb: not "un homme de 54 ans, grièvement blessé, est décédé", the
# wounded man who died)
_AGE_AFTER = re.compile(rf"\s+(?:(?:agee?s?\s+)?de\s+(?:plus de\s+|moins de\s+)?{NUMBER}(?:\s+(?:et|a)\s+{NUMBER})?\s+ans\b|agee?s?\b)"
                        r"(?=\s+(?:a|ont|est|sont|avait|avaient|aurait|auraient|etait|etaient)\s)")
# ", dont une fillette de 12 ans,": an aside between a figure and its verb
_DONT_ASIDE = re.compile(r"\s*,\s*(?:dont|parmi lesquels|parmi lesquelles|notamment)\s[^,;:.()«»]{1,60},\s*")
_ALL_BUT = re.compile(r"\b(?:tous|toutes)\b(?:\s+(?:les|ces)\s+\w+)?\s*,?\s*(?:sauf|a l'exception d[eu']?|hormis|"
                      r"excepte|excepter)\s*$")
_APPROX_WORD = re.compile(rf"(?:{'|'.join(_APPROX)})s?$")
# rough figures; "au moins 10" is 10 for the spec, so it is not rough
_APPROX_BEFORE = re.compile(r"\b(?:plus de|pres de|environ|quelque|jusqu'a|plus d'une|pres d'une)\s*$")
_NOMINAL_LAUNCH = re.compile(r"\b(?:attaques?|salves?|vagues?|raids?|frappes?|tirs?|barrage)\s+"
                             r"(?:massive?s?\s+|combinee?s?\s+)?(?:de|d')\s*"
                             r"(?:au moins |plus de |pres de |environ |quelque )?$")
# what may take a part of a total: "30 des 35", "l'un des deux", "les deux tiers des 330"
_QUANTITY = (rf"(?<![\w-])(?:(?:\d+|{_WORD})(?: tiers| quarts)?|l'une?|chacune?|aucune?|plusieurs|"
             r"certaine?s|la plupart|la majorite|la moitie|la totalite|l'ensemble|tou(?:te)?s)")
_TOTAL_BEFORE = re.compile(rf"(?:{_QUANTITY} (?:des|sur les|parmi les)|\bsur(?: les| un total de)?|"
                           r"\bau total de|\bsur un total de)\s*(?:quelque\s+|pres de\s+|environ\s+)?$")
# a toll whose noun comes first: "le nombre de morts ... est passé à", "le bilan des blessés
# s'élève à"
_TOLL_BEFORE = re.compile(r"\b(?:nombre|bilan)\s+(?:de |des |provisoire des |provisoire de )?"
                          r"(?P<what>morts|tues|victimes|deces|blesses)\b[^.;:]{0,80}?\b"
                          r"(?:(?:passe|monte|grimpe|alourdi|eleve|atteint|porte|augmente)\w*\s+"
                          r"(?:a|au moins a|jusqu'a|desormais a)|(?:a|ont) atteint)\s*$")
# a second participle that tells what became of what was launched: "détectées et détruites"
_THEN_DOWNED = re.compile(r"\w*\s+(?:et|puis)\s+(?:ont ete\s+|ete\s+)?(?:abattu|intercept|detrui|neutralis)\w*")
# a list of shares by place just before: "20 au-dessus de la région de Briansk, deux
# au-dessus de celle de Voronej et"
# (a noun or a word or two may stand before the place: "six autres au-dessus de ...")
_SHARES_BEFORE = re.compile(rf"\b(?:\d+|{_WORD})\s+(?:[\w'-]+\s+){{0,4}}?(?:au-dessus|dans|sur|pres|a|en)\b"
                            r"[^.;:]{3,80}(?:,|\bet)\s*$")
# a verb of striking right before a count of targets: "ont visé 36 cibles"
_STRUCK_BEFORE = re.compile(r"\b(?:vise|frappe|touche|atteint|attaque|bombarde|pilonne|cible)\w*\s+"
                            r"(?:au moins |plus de |pres de |environ |quelque |une serie de )?$")
# whose a counted target is: "cibles ennemies", "engins russes"
_SIDE_ADJ = re.compile(r"(?:\s+(?:ennemie?s?|russes?|ukrainien(?:ne)?s?|iranien(?:ne)?s?|"
                       r"israelien(?:ne)?s?|aerien(?:ne)?s?|hostiles?))+\b")
# a noun that names no kind of weapon, summed: "44 projectiles au total", "au total, 50 engins"
_GENERIC_NOUN = re.compile(r"\b(?:projectiles?|engins?|armes?|munitions?|appareils?)$")
_LIST_AFTER = re.compile(r"[^.;:]{0,80}:\s*(?:\d+|" + _WORD + r")\s")
_SUM_AFTER = re.compile(r"\s*,?\s*(?:au total|en tout)\b")
_SUM_BEFORE = re.compile(r"(?:\bau total|\ben tout|\bun total de|\bau total de)\s*,?\s*$")
# "240 engins, dont 230 drones et 10 missiles": the parts after "dont" share the whole's role
_PARTS_AFTER = re.compile(r"(?:\s+(?:dans la nuit|cette nuit|pendant la nuit|au total|en tout))?"
                          r"\s*,?\s*(?:dont|parmi lesquels|parmi lesquelles|soit)\s+[«\"“]?\s*"
                          r"(?:au moins\s+|environ\s+|pres de\s+)?$")
# "45 missiles, dont huit Kinjal, ont été détruits": the aside closes before the verb (in
# "100 drones, dont 66 ont été abattus" the verb is the part's own)
_ASIDE_CLOSED = re.compile(r"\s*[,)]")
_ITEM_GLUE = re.compile(r"\s*(?:,|et|ainsi que|,\s*et)\s*")
_BREAKDOWN_GLUE = re.compile(r"\s*,\s*")
_PASSIVE_DOWN = re.compile(r"\b(?:ont|avaient|a|avait|auraient|aurait|sont|seraient)\s+(?:tous\s+|toutes\s+)?"
                           r"(?:ete\s+)?(?:\w+\s+)?(?:abattu|intercept|detrui|neutralis)\w*")
_DOWNED_BEFORE = re.compile(r"\b(?:abattu|intercepte|detruit|neutralise|abattre|intercepter|detruire|"
                            r"neutraliser)\w*\s+(?:egalement\s+|aussi\s+|encore\s+|avec succes\s+|"
                            r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|"
                            r"dans la nuit|cette nuit|ce matin)(?:\s+(?:matin|soir))?\s+)?"
                            # "a intercepté au-dessus de la région deux missiles"
                            r"(?:(?:au-dessus|aux abords|autour|pres|dans le ciel) (?:de |d'|du |des )"
                            r"(?:la |l'|le |les )?[\w'-]+\s+(?:de (?:la |l')?[\w'-]+\s+)?)?"
                            r"(?:les\s+|ces\s+)?$"  # "a abattu les huit missiles dirigés contre Kiev"
                            # "annonce l'interception d'une vingtaine de drones lancés dans la nuit"
                            r"|\b(?:interception|destruction|neutralisation)s?\s+(?:de\s+|d')$")
# the auxiliary between a figure and its participle ("deux personnes ont été tuées")
_IMMEDIATE_GAP = re.compile(r"\s*(?:,\s*)?(?:ont ete |a ete |ayant ete |ete |sont |est |etant |"
                            r"(?:ont |a |avaient |avait )?pu etre )?")  # "dont 31 ont pu être abattus"
# a verb of downing just before "avec": the means of the downing, not of a launch
_DOWNED_WITH = re.compile(r"\b(?:abattu|intercepte|detruit|neutralise|repousse)\w*[\s,]+(?:[\w'-]+\s+){0,2}$")
_COUNTED_BEFORE = re.compile(rf"(?<![\w-])(?:\d+|{_WORD})\s+(?:[\w'-]+\s+){{1,4}}(?:et|,)\s+$")
# what may follow the M of "N drones sur M": an end of clause or a participle of launching
# ("sur 47 lancés"), not another noun ("sur 10 régions")
_AFTER_TOTAL = re.compile(r"\s*(?:[,.;:)\u2013\u2014-]|$|et\b|ou\b|au total\b|"
                          r"(?:lance|tire|envoye|utilise|enregistr|recense|detecte)\w*|"
                          r"(?:abattu|intercept|detrui|neutralis)\w*|"
                          r"(?:ont|avaient|auraient|ont pu|avaient pu)\s+(?:tous\s+)?(?:ete\s+)?"
                          r"(?:abattu|intercept|detrui|neutralis)\w*|"
                          r"(?:qui|que|dans|pendant|durant|au cours|au-dessus|sur|selon|a|en|lors|cette nuit|la nuit)\b)")
# "40 drones sur 47", "dix missiles - sur 14 tirés -", 'un drone "kamikaze" sur quatre'
_OUT_OF = re.compile(r"(?:\s+|\s*[-\u2013\u2014(,]\s*)(?:[\"\u00ab\u201c][^\"\u00ab\u00bb\u201c\u201d]{1,25}"
                     r"[\"\u00bb\u201d]\s+)?sur(?: les| un total de)?\s+")
_AFTER_PAIR = re.compile(r"\s*(?:(?:lance|tire|envoye|utilise)\w*\s*(?:(?:par|depuis)\s+(?:la |le |les |l')?"
                         r"[\w-]+\s*)?)?[-\u2013\u2014)]?")  # ("sur les 35 lancés par la Russie ont été ...")
_PAIR_GLUE = re.compile(r"\s*(?:(?:lance|tire|envoye|utilise)\w*\s*)?[-\u2013\u2014)]?\s*(?:,|et|ainsi que|,\s*et)\s+")
_PLATFORM_NOUN = re.compile(r"\b(?:avions?|bombardiers?|chasseurs?|navires?|sous-marins?|"
                            r"fregates?|corvettes?|lanceurs?|tu-\d+\w*)\b")
_AIRCRAFT_NOUN = re.compile(r"\b(?:avions?|bombardiers?|chasseurs?|helicopteres?|appareils?|"
                            r"tu-\d+\w*|su-\d+\w*|a-50)\b")
_AIRFIELD = re.compile(r"\b(?:bases? aeriennes?|aerodromes?|aeroports?|au sol|tarmac|pistes?|"
                       r"hangars?)\b")
_SHOT_DOWN = re.compile(r"\b(?:abatt\w*|abat|intercept\w*|en vol|dans le ciel)\b")
_FIRED_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:ont|avaient|auraient|a|avait)\s+"
                         r"(?:(?:\w+\s+){0,2})?(?:tire|lance|decoche)")
_COUNT_BETWEEN = re.compile(r",\s*(?:dont|mais)\b")  # numbers between: _NUMBER_RE
_ROLE_RIGHT_BEFORE = re.compile(r"\b(?:abattu|intercepte|detruit|neutralise|lance|tire|tue|blesse)\w*\s*$")
# "... tuent trois personnes et en blessent deux", "et en a blessé douze": the people of the
# verb's clitic "en", counted after it
_EN_CASUALTY = re.compile(r"\ben\s+(?:(?:a|ont|avait|avaient|aurait|auraient)\s+)?"
                          r"(?P<verb>bless|tu)(?:e|es|ent|ant|ait|aient|ee|ees|a|erent)\s+"
                          r"(?:au moins\s+|plus de\s+|pres de\s+|environ\s+)?$")
# "... et un autre dans la région d'Orel", "dans celle de Toula": a region of its own next
_REGION_NEXT = re.compile(r"\s+(?:dans|au-dessus de|au-dessus d'|sur) (?:la region|l'oblast|celle) (?:de|d'|du)")
# "le missile Iskander et 26 drones ont frappé": a definite singular listed beside a
# figure counts one, as "un missile ... et 26 drones" does
_DEFINITE_ONE = (r"(?:le|la)(?=\s+(?:missile|drone|roquette|bombe)\b[^,;:.]{0,40}?\s+et\s+"
                 rf"(?:{NUMBER})\s)")
# "15 interceptions" (not "d'appels", "de communications": calls listened to)
_INTERCEPTIONS = re.compile(r"\s+interceptions?\b(?!\s+(?:de|d')\s*(?:appels|communications|messages|conversations))")
_NUMBER_RE = re.compile(rf"(?<![\w-])(?P<num>{NUMBER}|(?<=l')autre|{_DEFINITE_ONE})(?![\w-])")
_SKIP_AFTER = re.compile(
    r"\s*(?:%|pour cent|km\b|kilometres?|metres?|m\b|heures?|h\b|h\d|jours?|journees?|nuits?|ans?\b|annees?|mois\b|"
    r"semaines?|minutes?|secondes?|dollars?|euros?|milliards?|millions?|tonnes?|fois\b|kg\b|mm\b|"
    r"degres?|e\b|eme\b|er\b|ere\b|miles?|hectares?|litres?|etages?|fr\b|roubles?|hryvnias?|mw\b|"
    r"\)|:\d|h\d|[/.]\d|-\d)")
# (a singular "autre" before a verb, or before where: "deux blessés à Kiev et un autre dans
# la région de Soumy")
_ELLIPSIS = re.compile(r"\s*(?:d'entre (?:eux|elles)|de ces \w+|d'eux|autres\b|autre\b(?=" +
                       r"\s*(?:,\s*)?(?:n'|a|est|avait|aurait|s'est|s'etait|dans|pres|au-dessus|"
                       r"sur|en|au|aux|non loin)\b))")
_ONE_OF_THE = re.compile(r"\s*(?:des|de ces)\s+")  # after "un": "l'un des drones"
_OF_THE = re.compile(rf"\s*(?:des|de ces|sur les|parmi les)\s+(?:quelque\s+|pres de\s+|environ\s+)?(?P<total>{NUMBER})\b")
_ELLIPSIS_VERB = re.compile(r"\s*(?:,\s*)?(?:n'|ont\b|a\b|sont\b|est\b|ayant\b|etant\b|avaient\b|avait\b|auraient\b|"
                            r"aurait\b|seraient\b|serait\b|morts?\b|mortes?\b|blesses?\b|"
                            r"blessees?\b|tues?\b|tuees?\b|abattue?s?\b|detruite?s?\b|interceptee?s?\b|"
                            r"neutralisee?s?\b|lances?\b|lancees?\b|tires?\b|tirees?\b)")
# another verb (an auxiliary and a participle) between the role word and the number
# ("abattus ... ont touché 3"), not the "à" of "dans la nuit de mercredi à jeudi" or of
# "à Kharkiv", which flattening makes "a"
_AUX_BETWEEN = re.compile(
    r"\b(?:ont|a|sont|est)\s+(?!(?:la|le|les|l'|un|une|des|ce|cette|ces|son|sa|ses|leur|leurs|"
    r"partir|proximite|cause|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)\b)"
    r"(?:ete\s+)?\w+(?:e|es|ee|ees|i|is|ie|ies|u|us|ue|ues|t|te|ts|tes)\b")
_ORDINAL_ONE = re.compile(r"\b(?:un|une) (?:deuxieme|seconde?|troisieme|quatrieme|cinquieme|sixieme|"
                          r"septieme|huitieme|neuvieme|dixieme)(?=\s+(?:a|au|aux|dans|pres|en)\s)")
_AND_BEFORE = re.compile(r"(?:,|\bet|\bainsi que)\s*(?:d')?$")  # ("et d'un autre": of the same noun)
_SUPERSEDED = re.compile(r"\b(?:avait|avaient) (?:dans un premier temps |d'abord |initialement |"
                         r"auparavant |precedemment )?(?:\w+ )?(?:annonce|fait etat|fait part|evoque|"
                         r"indique|rapporte|signale)\w*\b(?=[^.;]*$)")
_REVISED = re.compile(r"\b(?:ensuite|puis|finalement|desormais|revis\w*|corrig\w*|rectifi\w*|"
                      r"revu\w* (?:a la (?:hausse|baisse)|son bilan))\b|\bporte(?:e|s|es)? disparu")
_INSERTED_SOURCE = re.compile(r",\s*(?:selon|d'apres|a en croire)\s[^,.;:«»\"()]{2,60},\s*[«\"“]?\s*")
_SHORT_ASIDE = re.compile(r"(?<=\w) \((?:nord|sud|est|ouest|centre|nord-est|nord-ouest|sud-est|sud-ouest|"
                          r"[a-z][\w'-]{2,20}(?: [a-z][\w'-]{2,20})?)\)(?= )")
_QUOTED_FIGURES = re.compile(r"(?<!:)(?<!:\s)([«\"“]\s*)((?:au moins |environ |pres de |plus de )?(?:\d+|" + _WORD +
                             r")\s[^«»\"“”;.]{1,80}?)(\s*[»\"”])")
# (also 'ont été « détruits par la défense aérienne »': the verb and its agent quoted)
_QUOTED_VERB = re.compile(r"(?<=\bete )([«\"“]\s*)((?:abattu|intercept|detrui|neutralis|touch|tu|bless)\w*"
                          r"(?:\s+(?:par|au-dessus|dans|sur|pres)\b[^«»\"“”;.]{0,80}?)?)(\s*[»\"”])")
_BODIES_BEFORE = re.compile(r"\b(?:les |des )?(?:corps|depouilles) (?:sans vie )?(?:de |d')\s*$")
_CASUALTIES = re.compile(r"\s*(?:victimes|personnes touchees)\b")
_SAME_VERB = re.compile(r"\s+l'(?:ont|a|avaient|avait) (?:\w+ )?ete\b")  # "16 l'ont été"
_PLACE_AFTER = re.compile(r"\s+(?:dans|au-dessus|sur|pres|a)\s+(?:de\s+|d')?(?:la|le|les|l'|celle|celui|"
                          r"ceux|[A-Za-z]\w+)")
# "un missile anti-navire Neptune au-dessus de la région de Rostov": the place after the name
_NAMED_PLACE_AFTER = re.compile(r"(?:\s+(?!(?:dans|au-dessus|sur|pres|a)\b)[\w'-]+){0,3}?" + _PLACE_AFTER.pattern)
# what may stand between a figure and an elliptic one that repeats its count: "..., 25"
_PARALLEL_GLUE = re.compile(r"(?:,|:|\bet)\s*(?:\w+\s+){0,2}(?:d')?$")
_LIST_HEAD_BEFORE = re.compile(r":\s*$")  # a figure that opens a list after a colon
_DEBRIS_OF = re.compile(r"\b(?:debris|fragments?|morceaux|restes|epave)\s+(?:d'|de |des |du )(?:ces |ses |l')?$")
# the M of "284 des 315 drones ont été détruits": launched, never also the downed
_TOTAL_OF = re.compile(rf"{_QUANTITY}\s+(?:des|de ces|sur les|parmi les|sur)\s+"
                       r"(?:quelque\s+|pres de\s+|environ\s+)?$")
_FIRED_BEFORE = re.compile(r"\b(?:tire|tira|lance|lanca|envoye|utilise|employe)\w*(?:\s+[\w'-]+){0,4}\s*$")
# "un missile (balistique) qui a été tiré", "un drone a été lancé": the one fired, a count
_FIRED_PASSIVE = re.compile(r"\s*,?\s*(?:qui\s+)?(?:a|avait|aurait)\s+ete\s+(?:\w+\s+)?(?:tire|lance)\b")
_FIRED_PARTICIPLE = re.compile(r"\s+(?:tire|lance)e?\b")
_FIRED_PLURAL = re.compile(r"\s+(?:tire|lance)e?s\b")
# between the total of "34 des 81 missiles" and the list's next item: "lancés par Moscou, et"
_NEXT_ITEM = re.compile(r"(?:\s+(?:tire|lance|envoye)e?s\b[^.;:,]{0,40})?\s*,?\s*(?:et|ainsi que)\s+")
# "a intercepté un missile balistique (, apparemment) tiré depuis le Yémen": the one fired
_ONE_FIRED = re.compile(r"(?:\s+(?!(?:a|qui|et|ou|ont|avait|avaient)\b)[a-z-]+){0,2}?\s*,?\s*"
                        r"(?:(?:apparemment|vraisemblablement|probablement|visiblement|sans doute)\s+)?"
                        r"(?:tire|lance)e?\s+(?:depuis|par|du|de|d'|des|en direction|vers|contre|sur)\b")
_CLAUSE_BREAK = re.compile(r";|:|\s[–—-]\s|,\s*(?:mais|tandis|alors|selon|dont|et|ou|ce qui|qui|"
                           r"precisant|ajoutant|indiquant|soulignant|expliquant|affirmant|assurant)\b|\bmais\b|\btandis que\b|\balors que\b|\(|\)|«|»")
_SUBJECT_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:au total|en tout)\s*,?\s*)?(?:qui\s+)?(?:(?:n')?(?:ont|a|sont|est|avaient|avait|auraient|aurait|seraient|serait|ayant|etant)\s+)?"
    r"(?:(?:pu|ete|egalement|aussi|deja|tous|toutes|ensuite|finalement|effectivement|"
    r"legerement|grievement|gravement|serieusement|mortellement|ainsi|en outre|par ailleurs|"
    r"eux-memes|au total|pu etre|subi des|subi de graves|subi de legeres)\s+)*")


def parse_number_word(text: str) -> int | None:
    """The value of a number in digits or French words, or None."""
    low = flat(text).strip()
    if not low:
        return None
    digits = re.sub(r"[  \u00a0.]", "", low)
    if digits.isdigit():
        return int(digits)
    approx = re.fullmatch(r"une?\s+(\w+?)s?", low)
    if approx and approx.group(1) in _APPROX:
        return _APPROX[approx.group(1)]
    if low in _UNITS:
        return _UNITS[low]
    if low == "autre" or re.fullmatch(r"une? seule?", low):  # "l'autre a touché", "un seul"
        return 1
    try:
        return text2num(low.replace(" et ", "-et-").replace(" ", "-"), "fr")
    except ValueError:
        try:
            return text2num(low, "fr")
        except ValueError:
            return None


_NOMINAL_HIT = re.compile(r"\b(?:frappes? directes?|impacts?(?: directs?)?|touches? directes?|"
                          r"coups? au but)\s+(?:de|d')\s*$")
_AFTER_ASIDE = re.compile(r"\s*\([^()]{1,40}\)\s*(?:,|et|ainsi que|, et)\s*(?:de |d')?")
_TOTAL_PHRASE = re.compile(r"\b(?:sur|au) (?:un )?total de\s*(?:quelque\s+|pres de\s+|environ\s+)?$")
# an earlier item of one list of figures: "40 des 48 drones Shahed et (les) ..."
_LISTED_BEFORE = re.compile(rf"(?<![\w-])(?:\d+|{_WORD})\s+(?!total\b)(?:des\s+(?:\d+|{_WORD})\s+)?"
                            rf"(?:[\w'-]+\s+){{0,4}}[\w'-]+(?:\s*,|\s+et|\s*,?\s*ainsi que)\s+"
                            r"(?:les\s+|des\s+)?$")


def _head(low: str, count: "Count") -> str:
    """The counted noun's first word, singular ("missiles balistiques": missile)."""
    words = low[count.end:count.np_end].split()
    return words[0].rstrip("sx") if words else ""


def _list_start(low: str, s: int) -> int:
    """Where the list of figures the one at ``s`` ends goes back to ("20 drones et trois
    missiles": the 20)."""
    start = s
    for _ in range(4):
        m = _LISTED_BEFORE.search(low, max(0, start - 60), start)
        if m is None:
            break
        start = m.start()
    return start


def _downed_before(low: str, s: int) -> bool:
    """Is the figure at ``s`` the object of a verb of downing, maybe after other figures of
    its list ("a détruit 20 drones et trois missiles")?"""
    start = _list_start(low, s)
    return _DOWNED_BEFORE.search(low, max(0, start - 40), start) is not None


# (read only where a place follows the figure: "dans ...", see _PLACE_AFTER)
_AROUND = re.compile(r"\s+dans (?:(?:ses|leurs) (?:environs|alentours|faubourgs)|"
                     r"(?:sa|leur) (?:banlieue|peripherie|proche banlieue))")
_PART_BEFORE = re.compile(r"\bdont\s+(?:au moins\s+|pres de\s+|environ\s+|plus de\s+)?$")


@dataclass(frozen=True, slots=True)
class Count:
    start: int  # the number
    end: int
    np_end: int  # the end of the counted noun phrase
    value: int
    domain: str  # weapon or person
    role: str | None
    ellipsis: bool = False
    approx: bool = False  # "plus de 100", "une centaine": a later exact figure is better
    more: bool = False  # "... et deux autres": more of the kind counted before, to add
    aside: bool = False  # "52 drones (45 abattus)": a part of the figure just before
    but: bool = False  # "tous sauf trois ont été abattus": the ones not downed of those fired
    part: bool = False  # "32 drones, dont 22 au-dessus de la mer": a part of the figure before


class CountFinder:
    def __init__(self, cues: dict):
        nouns = cues["count_nouns"]
        self.weapon_noun = re.compile(r"\s*(?:(?:nouveaux|nouvelles|nouveau|nouvel|nouvelle|autres?|"
                                      r"premiers|premieres|"
                                      r"derniers|dernieres|gros|grands|petits|puissants)\s+)?"
                                      rf"{nouns['weapon']}\b")
        self.person_noun = re.compile(r"\s*(?:(?:autres?|nouveaux|nouvelles|jeunes)\s+)?"
                                      rf"{nouns['person']}\b"
                                      # "quatre civils russes ont perdu la vie"
                                      r"(?:\s+(?:russes?|ukrainien(?:ne)?s?|israelien(?:ne)?s?|"
                                      r"palestinien(?:ne)?s?|libanais(?:es?)?|iranien(?:ne)?s?|"
                                      r"syrien(?:ne)?s?|etrangers?|etrangeres?|supplementaires?)\b)?")
        self.total_noun = re.compile(rf"\s*{nouns['total']}\b")
        # "l'invasion lancée en février 2022, avait été ...": after a month, a year
        months = "|".join(sorted(cues.get("months") or (), key=len, reverse=True))
        self.month_before = re.compile(rf"\b(?:{months})\.?\s+$") if months else None
        self.roles = {role: re.compile(pattern) for role, pattern in cues["roles"].items()}
        self._breaks_of: tuple[str, list[tuple[int, int]]] = ("", [])

    def find(self, text: str, *, weapon_spans: list[tuple[int, int]] = (),
             skip_spans: list[tuple[int, int]] = (), default_role: str | None = None) -> list[Count]:
        """Counts in ``text``; ``default_role`` is the role a list introduced by the sentence
        before gives its items ("... a attaqué avec 63 engins :" then "- 29 missiles Kh-101")."""
        low = flat(text)
        # "avec, selon Volodymyr Zelensky, « plus de 100 missiles »": the source told in the
        # middle of the clause stands apart from it (blanked, the offsets kept)
        low = _INSERTED_SOURCE.sub(lambda m: " " * len(m.group()), low)
        # "sur Odessa (sud) ont été détruits": a place's aside of a word or two breaks no clause
        low = _SHORT_ASIDE.sub(lambda m: " " * len(m.group()), low)
        # 'ont été "détruits"', "ont été « abattus »": a verb quoted is still the verb
        low = _QUOTED_VERB.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3)), low)
        # 'dont "environ dix Kinjals" ont été détruits', 'attaqués par « huit drones » et
        # « cinq missiles »': a quoted figure is read as if unquoted
        low = _QUOTED_FIGURES.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(3)), low)
        out: list[Count] = []
        pairs: list[tuple[int, int]] = []  # ("N sur M"): the indexes of N and of M in out
        for m in _NUMBER_RE.finditer(low):
            s, e = m.span("num")
            if any(a <= s < b for a, b in skip_spans):
                continue
            raw = m.group("num")
            value = 1 if raw in ("le", "la") else parse_number_word(raw)
            if value is None:
                continue
            if 1900 <= value <= 2100 and raw.isdigit() and (not (
                    self.weapon_noun.match(low, e) or self.person_noun.match(low, e)
                    or _ELLIPSIS_VERB.match(low, e)) or self.month_before is not None and
                    self.month_before.search(low, max(0, s - 16), s)):
                continue  # a year, unless something is counted: "2000 drones"
            if _SKIP_AFTER.match(low, e):
                continue
            if out and out[-1].domain in ("weapon", "total") and \
                    _OUT_OF.fullmatch(low, out[-1].np_end, s) and value >= out[-1].value and \
                    _AFTER_TOTAL.match(low, e):
                # "40 drones sur 47", "73 cibles sur 91": the second number is how many were
                # launched
                out.append(Count(start=s, end=e, np_end=e, value=value, domain=out[-1].domain,
                                 role="launched"))
                pairs.append((len(out) - 2, len(out) - 1))
                if out[-2].role is None:  # "dix missiles sur 14 tirés ont été abattus"
                    at = _AFTER_PAIR.match(low, e).end()
                    role = self._role_after(low, at, self._clause(low, at, at)[1] if at < len(low)
                                            else len(low), immediate=False)
                    if role in ("intercepted", "hit"):
                        out[-2] = replace(out[-2], role=role)
                continue
            count = self._count(low, s, e, value, raw, weapon_spans, default_role)
            if count is not None and not count.approx and out and out[-1].approx and \
                    out[-1].domain == count.domain == "weapon" and \
                    _ITEM_GLUE.fullmatch(low, out[-1].np_end, count.start):
                # "près de 500 drones et 50 missiles": the rough word rounds the whole list
                count = replace(count, approx=True)
            if count is not None:
                out.append(count)
                if count.role == "intercepted" and count.domain == "weapon" and \
                        low[max(0, s - 4):s] == "les " and _FIRED_PLURAL.match(low, count.np_end):
                    # "a abattu les quatorze drones lancés par la Russie": all those fired
                    out.append(replace(count, role="launched"))
                elif count.role == "intercepted" and count.domain == "weapon" and \
                        raw in ("un", "une") and _ONE_FIRED.match(low, count.np_end):
                    # "a intercepté un missile tiré depuis le Yémen": one was fired, and downed
                    out.append(replace(count, role="launched"))
                if count.role == "launched" and count.domain == "weapon" and \
                        not _TOTAL_OF.search(low, max(0, s - 25), s):
                    # "les six missiles tirés sur Belgorod avaient été abattus"
                    _, clause_end = self._clause(low, s, count.np_end)
                    later = _PASSIVE_DOWN.search(low, count.np_end, clause_end)
                    if later and not _COUNT_BETWEEN.search(low, count.np_end, later.start()) \
                            and not _NUMBER_RE.search(low, count.np_end, later.start()) \
                            and not _NUMBER_RE.match(low, later.end() + 1):  # "en a abattu 40"
                        out.append(replace(count, role="intercepted"))
                        # "six missiles Kalibr et 21 drones lancés sur Odessa ont été
                        # détruits": the items listed before it too
                        k, glued = len(out) - 2, count.start
                        while k > 0 and out[k - 1].role in (None, "launched") and \
                                out[k - 1].domain == "weapon" and \
                                _ITEM_GLUE.fullmatch(low, out[k - 1].np_end, glued):
                            out[k - 1] = replace(out[k - 1], role="launched")
                            out.append(replace(out[k - 1], role="intercepted"))
                            k, glued = k - 1, out[k - 1].start
        # "deux personnes tuées dans la région de Kiev et une troisième à Kharkiv": one more,
        # counted like the figure before it
        for m in _ORDINAL_ONE.finditer(low):
            if out and not any(c.start <= m.start() < c.np_end for c in out) and \
                    any(c.np_end <= m.start() for c in out):
                out.append(Count(start=m.start(), end=m.end(), np_end=m.end(), value=1,
                                 domain=None, role=None, ellipsis=True))
        out.sort(key=lambda c: c.start)
        # "22 drones abattus à Belgorod et trois autres dans celle de Briansk": an elliptic
        # figure before a place is counted like the figure before it in the sentence
        for i, cur in enumerate(out):
            if cur.role is None and cur.domain is None and i > 0:
                prev = out[i - 1]
                if prev.domain == "weapon" and low[cur.start:cur.end] in ("un", "une") and \
                        low[cur.end:cur.np_end].strip() == "autre" and \
                        not _REGION_NEXT.match(low, cur.np_end):
                    # (not "un drone abattu au-dessus d'un district et un autre au-dessus
                    # d'un autre": one tally of the city's surroundings, not two strikes;
                    # but "et un autre dans la région d'Orel": another region's share)
                    continue
                if prev.role and prev.domain in ("weapon", "person") and \
                        _PARALLEL_GLUE.search(low, prev.np_end, cur.start):
                    out[i] = replace(cur, role=prev.role, domain=prev.domain)
        # "a abattu 34 des 81 missiles lancés par Moscou, et quatre drones": the next item
        # of the list is the part's, counted by the verb before, not the total's
        for i in range(2, len(out)):
            cur, total, part = out[i], out[i - 1], out[i - 2]
            if cur.domain == "weapon" and cur.role in (None, "launched") and \
                    total.role == "launched" and part.role in ("intercepted", "hit") and \
                    part.end <= total.start and \
                    _TOTAL_OF.search(low, max(0, total.start - 25), total.start) and \
                    _NEXT_ITEM.fullmatch(low, total.np_end, cur.start) and \
                    self._role_after(low, cur.np_end, self._clause(low, cur.start, cur.np_end)[1],
                                     immediate=True) is None:
                out[i] = replace(cur, role=part.role)
        # "dix missiles sur 14 et un drone sur quatre ont été abattus": the pairs share the role
        for (n1, m1), (n2, _) in reversed(list(zip(pairs, pairs[1:]))):
            if out[n1].role is None and out[n2].role in ("intercepted", "hit") and \
                    _PAIR_GLUE.fullmatch(low, out[m1].end, out[n2].start):
                out[n1] = replace(out[n1], role=out[n2].role)
        # "45 missiles, dont huit Kinjal, ont été détruits": the verb after the aside is the
        # whole's too
        for i in range(1, len(out)):
            cur, whole = out[i], out[i - 1]
            if whole.role is None and whole.domain in ("weapon", "total") and \
                    cur.role in ("launched", "intercepted", "hit") and cur.domain == "weapon" and \
                    whole.value > cur.value and _PARTS_AFTER.fullmatch(low, whole.np_end, cur.start):
                if _ASIDE_CLOSED.match(low, cur.np_end) or (
                        "," not in low[whole.np_end:cur.start] and low[cur.end:cur.np_end].strip()):
                    # ("61 missiles dont dix Kinjal ont été détruits": no comma, the part
                    # named by its own noun, the verb is the sentence's)
                    out[i - 1] = replace(whole, role=cur.role)
                elif cur.role in ("intercepted", "hit"):
                    # "100 drones, dont 66 ont été abattus": the part's own verb; the whole is
                    # what came
                    out[i - 1] = replace(whole, role="launched")
        # "240 engins, dont 230 drones et 10 missiles": the parts take the whole's role, and
        # the whole is a total of every kind
        for i in range(1, len(out)):
            cur = out[i]
            whole = next((p for p in reversed(out[:i]) if p.np_end <= cur.start and p.role and
                          p.domain in ("weapon", "total") and _PARTS_AFTER.fullmatch(low, p.np_end, cur.start)), None)
            if whole is not None and whole.value < cur.value:
                # "45 drones et trois missiles, dont 38 drones": not three's part; but "101
                # drones et quatre missiles, parmi lesquels 81 ont été neutralisés": a part of
                # the whole list, of every kind
                k = out.index(whole)
                listed = [whole]
                while k > 0 and out[k - 1].role == whole.role and out[k - 1].domain == "weapon" and \
                        _ITEM_GLUE.fullmatch(low, out[k - 1].np_end, out[k].start):
                    k -= 1
                    listed.append(out[k])
                if cur.ellipsis and len(listed) > 1 and sum(c.value for c in listed) >= cur.value:
                    out[i] = cur = replace(cur, domain="total")
                whole = None
            k = out.index(whole) if whole is not None else 0
            if whole is not None and k > 0 and out[k - 1].role == whole.role and \
                    out[k - 1].domain == "weapon" and \
                    _ITEM_GLUE.fullmatch(low, out[k - 1].np_end, whole.start):
                # "sept missiles et 90 drones, dont six missiles et 70 drones ont été abattus":
                # the parts of the whole list, each kind its own
                whole = None
            if whole is not None and whole.domain == "weapon" and cur.domain == "weapon" and \
                    _head(low, whole) and _head(low, whole) == _head(low, cur):
                # "70 missiles, dont 14 missiles balistiques": a kind among its own, told apart
                # by the weapon names, not a total of every kind
                whole = None
            if whole is not None and cur.domain == "weapon":
                if low[cur.end:cur.np_end].strip() or whole.domain == "total":
                    # (not "dix missiles, dont sept abattus": a part with no noun of its own
                    # is of the whole's own kind)
                    out[out.index(whole)] = replace(whole, domain="total")
                if cur.role is None or cur.role == "launched":
                    out[i] = replace(cur, role=whole.role)
            elif cur.role is None and out[i - 1].role and cur.domain == out[i - 1].domain and \
                    _ITEM_GLUE.fullmatch(low, out[i - 1].np_end, cur.start) and \
                    any(_PARTS_AFTER.fullmatch(low, p.np_end, q.start) for p, q in zip(out[:i], out[1:i])):
                out[i] = replace(cur, role=out[i - 1].role)  # "... et 11 missiles": the next part
        # "a frappé quatre bases aériennes, détruisant 41 avions": aircraft destroyed on their
        # airfield are the strike's damage, not weapons shot down
        if _AIRFIELD.search(low) and not _SHOT_DOWN.search(low):
            out = [replace(c, role=None) if c.role == "intercepted" and
                   _AIRCRAFT_NOUN.search(low, c.start, c.np_end) else c for c in out]
        # "sept avions russes ont tiré 19 missiles": the aircraft fired, they were not fired
        out = [replace(c, role=None) if c.role == "launched" and c.domain == "weapon" and
               _PLATFORM_NOUN.search(low, c.start, c.np_end) and
               _FIRED_AFTER.match(low, c.np_end) else c for c in out]
        # "33 personnes, dont quatre enfants, ont été tuées": the verb after the part is the
        # whole's; the part is a subset of the toll, not a toll of its own
        for i in range(1, len(out)):
            cur, whole = out[i], out[i - 1]
            if cur.domain == "person" and whole.domain == "person" and cur.role in (
                    "killed", "injured") and whole.role is None and \
                    _PARTS_AFTER.fullmatch(low, whole.np_end, cur.start) and \
                    not _CASUALTIES.match(low, whole.end):
                # ("cinq victimes, dont deux morts": the dead are the part, not the whole)
                out[i - 1] = replace(whole, role=cur.role)
                out[i] = replace(cur, role=None)
        # "27 missiles et 20 drones ont été détruits": the first shares the second's role
        for i in range(len(out) - 2, -1, -1):
            cur, nxt = out[i], out[i + 1]
            # and "... a lancé 810 drones : 747 drones et 4 missiles ont été abattus": the verb
            # the pair shares, not the launch told before it
            shared = cur.role == "launched" and nxt.role in ("intercepted", "hit") and \
                self._role_after(low, nxt.np_end, len(low), immediate=True) == nxt.role and \
                self._role_after(low, cur.np_end, len(low), immediate=True) is None
            if (cur.role is None or shared) and nxt.role and cur.domain == nxt.domain and \
                    not nxt.ellipsis and \
                    re.fullmatch(r"\s*(?:,|et|ainsi que|ou|,\s*et)\s*(?:de |d')?", low[cur.np_end:nxt.start]):
                out[i] = replace(cur, role=nxt.role)
        # "avec 52 drones (45 abattus) et quatre missiles (3 abattus)": the figure in the aside
        # is a part of the one before; the item after the aside is the list's next, fired
        # like the one before it
        out = [replace(c, aside=True) if c.ellipsis and "(" in low[max(0, c.start - 3):c.start]
               else c for c in out]
        out = [replace(c, part=True) if _PART_BEFORE.search(low, max(0, c.start - 25), c.start)
               else c for c in out]
        for i, cur in enumerate(out):
            if cur.role is None and cur.domain == "weapon":
                prev = next((o for o in reversed(out[:i]) if o.np_end <= cur.start and
                             not o.aside), None)
                if prev is not None and prev.role == "launched" and prev.domain == "weapon" and \
                        _AFTER_ASIDE.fullmatch(low, prev.np_end, cur.start):
                    out[i] = replace(cur, role="launched")
        # "tous sauf trois de ces missiles ont été interceptés", "tous, à l'exception de deux,
        # ont été abattus": the figure is of the ones not shot down, the rest were
        for i, cur in enumerate(out):
            if cur.domain in ("weapon", None, "total") and \
                    _ALL_BUT.search(low, max(0, cur.start - 45), cur.start) and \
                    self.roles["intercepted"].search(low, cur.end, self._clause(low, cur.start, cur.end)[1]):
                out[i] = replace(cur, role="intercepted", domain="weapon", but=True, ellipsis=True)
        # "41 cibles aériennes, 35 missiles et 6 drones, ont été abattus": a list of kinds
        # right after a figure, summing to it, is its breakdown (and the figure a total of
        # every kind: "60 engins, 50 drones et dix missiles")
        for i, whole in enumerate(out):
            if whole.domain not in ("total", "weapon") or whole.role is None or any(
                    whole.start <= a < whole.np_end for a, _ in weapon_spans):
                continue  # ("cinq missiles Iskander-M, trois Kh-101 et deux S-300": kinds)
            items, end = [], whole.np_end
            for cur in out[i + 1:]:
                if cur.domain != "weapon" or not (_BREAKDOWN_GLUE if not items else _ITEM_GLUE
                                                  ).fullmatch(low, end, cur.start):
                    break
                items.append(cur)
                end = cur.np_end
            if len(items) >= 2 and sum(c.value for c in items) == whole.value:
                out[i] = replace(whole, domain="total")
                for cur in items:
                    out[out.index(cur)] = replace(cur, role=whole.role)
        out = [c for c in out if c.role is not None]
        for i, cur in enumerate(out):
            fired = [o for o in out[:i] if o.role == "launched" and o.domain == "weapon"]
            if cur.ellipsis and not cur.more and cur.domain == "weapon" and \
                    cur.role in ("intercepted", "hit") and len(fired) >= 2 and \
                    not any(o.role == cur.role for o in out[:i]):
                # "a lancé 150 drones et sept missiles, ... affirme en avoir abattu 130": the
                # ones of every kind
                out[i] = replace(cur, domain="total")
        # "le ministère, qui avait d'abord annoncé la mort d'un militaire, a ensuite précisé
        # qu'il était porté disparu": a toll its source then revised is no toll
        return [c for c in out if not (
            c.domain == "person" and _SUPERSEDED.search(low, max(0, c.start - 60), c.start) and (
                _REVISED.search(low, c.np_end) or
                any(o.role == c.role and o is not c for o in out)))]

    def _count(self, low: str, s: int, e: int, value: int, raw: str,
               weapon_spans, default_role: str | None = None) -> Count | None:
        article_like = raw in ("un", "une", "le", "la")
        pos = e
        ellipsis = more = another = False
        of_the = _OF_THE.match(low, pos)
        one_of = None
        if of_the:  # "30 des 35 drones": the noun is the total's
            pos = of_the.end()
        elif article_like and (one_of := _ONE_OF_THE.match(low, pos)) is not None and \
                self.weapon_noun.match(low, one_of.end()):
            pos = one_of.end()  # "l'un des drones a été abattu": one of them, counted
        elif (el := _ELLIPSIS.match(low, pos)) and not self.weapon_noun.match(low, pos):
            # (not "et 12 autres missiles Kalibr": a noun of their own)
            pos, ellipsis = el.end(), True
            # "deux blessés à Kiev et un autre dans la région de Soumy": one more, elsewhere
            another = article_like and el.group().strip() == "autre" and \
                _AND_BEFORE.search(low, max(0, s - 12), s) is not None
            # (not "30 autres ont été perdus": a verb of their own)
            more = el.group().strip() == "autres" and _AND_BEFORE.search(low, max(0, s - 12), s) \
                and not _ELLIPSIS_VERB.match(low, el.end()) or \
                el.group().strip() == "autre" and article_like  # "..., tandis qu'un autre a frappé"
        elif _LIST_HEAD_BEFORE.search(low, max(0, s - 4), s) and _PLACE_AFTER.match(low, pos):
            # "quatre drones abattus : un dans la région de Belgorod et trois autres en
            # Crimée": the first share of a list after a colon, its noun the total's
            ellipsis = another = True
        more = more or raw == "autre"  # "une bombe a touché X, l'autre a frappé Y": two
        domain = None
        if _APPROX_WORD.search(raw):  # "une douzaine de drones"
            de = re.compile(r"\s*(?:de|d')\s*\(?").match(low, pos)  # "une centaine de (drones)"
            pos = de.end() if de else pos
        np_end = pos
        if (tm := self.total_noun.match(low, pos)):
            if tm.group().strip().startswith("cible") and not _SIDE_ADJ.match(low, tm.end()) and \
                    _STRUCK_BEFORE.search(low, max(0, s - 40), s):
                return None  # "les frappes ont visé 36 cibles": what was struck, not munitions
            domain, np_end = "total", tm.end()  # "63 moyens d'attaque aérienne": all weapons
            if (adj := _SIDE_ADJ.match(low, np_end)):
                np_end = adj.end()  # "20 cibles ennemies", "40 cibles aériennes russes"
        elif (wm := self.weapon_noun.match(low, pos)):
            domain, np_end = "weapon", wm.end()
            if (mixed := _MIXED_KINDS.match(low, np_end)) and \
                    mixed.group("kind")[:4] != wm.group().split()[-1][:4]:
                domain, np_end = "total", mixed.end()  # "823 drones et missiles": every kind
            elif _GENERIC_NOUN.search(low, pos, np_end) and (
                    _SUM_AFTER.match(low, np_end) or _SUM_BEFORE.search(low, max(0, s - 20), s)
                    or _LIST_AFTER.match(low, np_end)):
                # "44 projectiles au total", "avec 101 engins, selon l'armée : 97 drones et
                # quatre missiles": every kind told beside it
                domain = "total"
        elif not article_like and (ic := _INTERCEPTIONS.match(low, pos)):
            # "la région de Kalouga a signalé 15 interceptions": weapons downed, counted
            return Count(start=s, end=e, np_end=ic.end(), value=value, domain="weapon",
                         role="intercepted")
        elif (pm := self.person_noun.match(low, pos)):
            domain, np_end = "person", pm.end()
            if (age := _AGE_AFTER.match(low, np_end)):
                np_end = age.end()  # "un homme de 60 ans a été tué", "une femme âgée"
        else:
            nxt = next((span for span in weapon_spans if pos <= span[0] <= pos + 2), None)
            if nxt:
                domain, np_end = "weapon", nxt[1]
            elif (toll := _TOLL_BEFORE.search(low[max(0, s - 120):s])) and not article_like:
                # "le nombre de morts est passé à neuf": the toll's figure, its noun before it
                role = "injured" if toll.group("what").startswith("bless") else "killed"
                return Count(start=s, end=e, np_end=e, value=value, domain="person", role=role)
            elif not ellipsis and not of_the and \
                    (en := _EN_CASUALTY.search(low, max(0, s - 40), s)) is not None:
                return Count(start=s, end=e, np_end=e, value=value, domain="person",
                             role="injured" if en.group("verb") == "bless" else "killed",
                             ellipsis=True)
            elif ellipsis or of_the or _ELLIPSIS_VERB.match(low, pos):
                ellipsis = True
            elif _ROLE_RIGHT_BEFORE.search(low[max(0, s - 30):s]) and (
                    re.match(r"\s*(?:[.,;)]|$)", low[pos:]) or
                    re.match(rf"{_OUT_OF.pattern}{NUMBER}\b", low[pos:])):
                ellipsis = True  # "affirme en avoir abattu 114.", "en a abattu 30 sur 35"
            elif not article_like and (same := _SAME_VERB.match(low, pos)) and \
                    _PLACE_AFTER.match(low, same.end()):
                # "21 drones ont été abattus à Voronej, tandis que 16 l'ont été au-dessus de
                # Nijni Novgorod": the noun and role of the figure before, at another place
                return Count(start=s, end=e, np_end=same.end(), value=value, domain=None,
                             role=None, ellipsis=True)
            elif _PLACE_AFTER.match(low, pos) and (not article_like or raw in ("un", "une") and
                                                   _SHARES_BEFORE.search(low, max(0, s - 150), s)):
                # (and "..., deux au-dessus de Voronej et un au-dessus de Belgorod": the last
                # share of a list of them)
                # "cinq au-dessus de la ville et deux dans ses environs": more at the same
                # place, to add
                around = _AROUND.match(low, pos) is not None
                if _DOWNED_BEFORE.search(low, max(0, s - 40), s):
                    # "la défense a abattu cinq au-dessus de la ville": its noun told before
                    return Count(start=s, end=e, np_end=pos, value=value, domain="weapon",
                                 role="intercepted", ellipsis=True, more=around)
                # "..., 25 dans celle de Voronej": the noun and role of the figure before (a
                # share of another place, not added to it: the held-out sets lost slots when it
                # was)
                return Count(start=s, end=e, np_end=pos, value=value, domain=None, role=None,
                             ellipsis=True, more=around)
            else:
                return None  # "une attaque", "deux jours": not a count of weapons or people
        if domain == "weapon":  # "missiles de croisière Kh-101", "drones d'attaque Shahed"
            np_end = self._extend_np(low, np_end, weapon_spans)
        clause_start, clause_end = self._clause(low, s, np_end)
        if article_like and domain == "weapon" and (
                re.match(rf"{_OUT_OF.pattern}{NUMBER}\b", low[np_end:]) or
                re.match(rf"\s*(?:,|et)\s+{NUMBER}\s", low[np_end:]) or
                _COUNTED_BEFORE.search(low, max(0, s - 60), s) or
                # "..., six au-dessus de la région de Belgorod et un missile Neptune
                # au-dessus de celle de Rostov": the last share of a list, a noun of its own
                _NAMED_PLACE_AFTER.match(low, np_end) and _SHARES_BEFORE.search(low, max(0, s - 150), s)):
            # "un missile sur deux", "un missile de croisière et 20 drones", "13 drones et un
            # missile": an article that counts, beside the other figures
            article_like = False
        elif article_like and domain == "weapon" and _DOWNED_BEFORE.search(low, max(0, s - 40), s):
            article_like = False  # "a détruit un missile Kh-59": one shot down
        role = None
        before = low[max(0, s - 40):s]
        if domain in ("weapon", "total") and _NOMINAL_HIT.search(before):
            role = "hit"  # "des frappes directes de quatre missiles", "l'impact de deux drones"
        elif domain in ("weapon", "total", None) and (_NOMINAL_LAUNCH.search(before) or
                                                       _TOTAL_BEFORE.search(before)):
            # "une attaque de 50 drones a été repoussée", "30 des 35 drones", "sur huit missiles"
            role = "launched"
            if domain is None:
                domain = "weapon"
        if role is None and domain in ("weapon", "total") and (start := _list_start(low, s)) < s \
                and _TOTAL_PHRASE.search(low, max(0, start - 40), start) and \
                self._role_after(low, np_end, clause_end, immediate=True) is None:
            role = "launched"  # "sur un total de 30 drones et deux missiles": the list's items
        if of_the and role is None:  # "a abattu 30 des 35 drones": the verb before is the part's
            role = self._role_before(low, clause_start, s)
        if role is None:
            role = self._role_after(low, np_end, clause_end, immediate=True)
        if role is None and domain in ("person", "weapon", "total") and \
                (aside := _DONT_ASIDE.match(low, np_end)):
            # "Quatre personnes, dont une fillette, ont été tuées": the verb after the aside
            clause_end = self._clause(low, aside.end(), aside.end())[1]
            role = self._role_after(low, aside.end(), clause_end, immediate=True)
        if role is None:
            role = self._role_after(low, np_end, clause_end, immediate=False)
        if one_of is not None and role == "launched" and _PASSIVE_DOWN.search(low, np_end, clause_end):
            role = "intercepted"  # "un des drones lancés par la Russie a été abattu"
        if one_of is not None and role != "intercepted":
            # "l'un des drones lancés", "l'un des missiles a frappé un immeuble": one of those
            # fired, or of those that struck, is no count of them
            return None
        if role == "launched" and not of_the and domain != "person" and _downed_before(low, s):
            # "a abattu 36 drones lancés par la Russie", "a détruit 20 drones et trois
            # missiles lancés ...": the ones downed
            role = "intercepted"
        if of_the and role == "launched" and _PASSIVE_DOWN.search(low, np_end, clause_end):
            role = "intercepted"  # "212 des 240 drones lancés avaient été détruits": the whole launched
        if role is None and not ellipsis and (not article_like or domain == "person"):
            role = self._role_before(low, clause_start, s)
        if role is None and ellipsis and not article_like:  # "en blessant 38 autres"
            role = self._role_before(low, max(clause_start, s - 20), s)
            if role == "launched" and _PART_BEFORE.search(low, max(0, s - 25), s):
                role = None  # "... — dont trois sont dans un état grave": a part, no launch
        if role is None and not article_like:
            role = self._role_before_colon(low, clause_start) or default_role
        if role is None and domain == "person" and _BODIES_BEFORE.search(low, max(0, s - 25), s):
            role = "killed"  # "les corps de sept personnes ont été retirés des décombres"
        if role is None:
            if not ellipsis and domain is None:
                return None
        if role is None and ellipsis and domain is None and (
                not article_like or another or
                raw in ("un", "une") and _SHARES_BEFORE.search(low, max(0, s - 150), s)) and \
                _PLACE_AFTER.match(low, np_end):
            # "22 drones abattus à Belgorod et trois autres dans celle de Briansk" (and "quatre
            # morts à A, trois à B et une à C": the last share of a list)
            return Count(start=s, end=e, np_end=np_end, value=value, domain=None, role=None,
                         ellipsis=True, more=bool(more))
        if ellipsis and domain is None:
            if role in ("killed", "injured"):
                domain = "person"
            elif role in ("launched", "intercepted", "hit"):
                domain = "weapon"
            else:
                return None
        if article_like and role is None:
            return None
        if article_like and domain == "weapon" and not ellipsis and role == "launched" and \
                not _FIRED_BEFORE.search(low[max(0, s - 40):s]):
            if _PASSIVE_DOWN.search(low, np_end, clause_end) and not (
                    _FIRED_PASSIVE.match(low, np_end) or _FIRED_PARTICIPLE.match(low, np_end)):
                role = "intercepted"  # "un missile a été intercepté au-dessus de la mer"
            # ("un missile lancé depuis le Yémen a été intercepté": one fired, and that one
            # shot down, cues.yaml's all_intercepted)
            elif not (_FIRED_PASSIVE.match(low, np_end) or _FIRED_PARTICIPLE.match(low, np_end)
                      and _PASSIVE_DOWN.search(low, np_end, clause_end)):
                return None  # "une frappe avec un drone": an article; "a tiré un missile": a count
        if role is not None and (domain == "person") != (role in ("killed", "injured")):
            role = None
        if role == "hit" and _DEBRIS_OF.search(low, max(0, s - 25), s):
            return None  # "les débris d'un drone sont tombés sur un parking": no hit
        if domain == "total" and role in ("killed", "injured"):
            role = None
        if role is None and (ellipsis or article_like):
            return None
        approx = bool(_APPROX_WORD.search(raw) or _APPROX_BEFORE.search(low[max(0, s - 20):s]))
        return Count(start=s, end=e, np_end=np_end, value=value, domain=domain, role=role,
                     ellipsis=ellipsis, approx=approx, more=bool(more))

    def _extend_np(self, low: str, pos: int, weapon_spans) -> int:
        ext = re.compile(r"(?:\s+(?:de croisiere|balistiques?|hypersoniques?|aerobalistiques?|"
                         r"tactiques?|strategiques?|guides?|kamikazes?|d'attaque|de type|"
                         r"de fabrication \w+|a longue portee|de longue portee|d'attaque \w+|"
                         r"antinavires?|russes?|ukrainiens?|americains?|iraniens?|ennemie?s?|"
                         r"navals?|navales?|aeriens?|aeriennes?|marins?|maritimes?|de surface|"
                         r"explosifs?|suicides?|piegee?s?|hostiles?|a voilure (?:fixe|tournante)|"
                         # "deux drones en provenance du Liban ont été interceptés"
                         r"(?:,\s*)?(?:en provenance|venue?s?|venant) (?:de la |de l'|du |des |de |d')[\w-]+,?|"
                         r"sous-marins?|de reconnaissance|d'observation|de combat|"
                         r"de defense (?:aerienne|antiaerienne|anti-aerienne)|guides?|sol-air|"
                         r"(?:et|ou) de croisiere|(?:et|ou) (?:de |d')?(?:missiles?|drones?|roquettes?|leurres?)|"
                         r"\w+-\d+\w*))*")
        m = ext.match(low, pos)
        end = m.end() if m else pos
        for a, b in weapon_spans:
            if end <= a <= end + 2 or pos <= a <= end:
                end = max(end, b)
        return end

    def _clause(self, low: str, s: int, e: int) -> tuple[int, int]:
        start, stop = 0, len(low)
        for a, b in self._breaks(low):
            if b <= s:
                start = b
            elif a >= e:
                stop = a
                break
        return start, stop

    def _breaks(self, low: str) -> list[tuple[int, int]]:
        """Where ``low``'s clauses break. Quotes opened after a word ('a frappé avec « plus de
        100 missiles »') quote a phrase inside the clause and break nothing; quotes opened
        after a colon or a sentence's start are speech, a clause of their own."""
        if self._breaks_of[0] == low:
            return self._breaks_of[1]
        out, inline = [], False
        for m in _CLAUSE_BREAK.finditer(low):
            if m.group() == "«":
                inline = bool(re.search(r"\w\s*$", low[max(0, m.start() - 3):m.start()]))
                if inline:
                    continue
            elif m.group() == "»" and inline:
                inline = False
                continue
            out.append(m.span())
        self._breaks_of = (low, out)
        return out

    def _role_after(self, low: str, pos: int, clause_end: int, *, immediate: bool) -> str | None:
        if immediate:
            gap = _IMMEDIATE_GAP.match(low, pos)
        else:
            gap = _SUBJECT_GAP.match(low, pos)
        at = gap.end() if gap else pos
        if at >= clause_end:
            return None
        for role in ("intercepted", "hit", "killed", "injured", "launched"):
            m = self.roles[role].match(low, at)
            if m and m.end() <= clause_end + 1:
                if role == "launched" and m.group().strip() in ("avec", "dont", "visant", "a l'aide d", "a l'aide de", "a l'aide du"):
                    continue
                if role == "launched" and (then := _THEN_DOWNED.match(low, m.end())) and \
                        then.end() <= clause_end + 1:
                    return "intercepted"  # "40 cibles ont été détectées et détruites"
                return role
        return None

    def _role_before_colon(self, low: str, clause_start: int) -> str | None:
        """'58 cibles ont été détruites : les deux Kinjal, ...': the items take the role of
        the clause before the colon."""
        head = low[:clause_start].rstrip()
        if not head.endswith(":"):
            return None
        return self.last_role(head)

    def last_role(self, text: str) -> str | None:
        """The role of the last role word in ``text``."""
        best, best_end = None, -1
        for role, pattern in self.roles.items():
            for m in pattern.finditer(text):
                if m.end() > best_end:
                    best, best_end = role, m.end()
        return best

    def _role_before(self, low: str, clause_start: int, s: int) -> str | None:
        best, best_end, best_start = None, -1, -1
        window = low[clause_start:s]
        for role, pattern in self.roles.items():
            for m in pattern.finditer(window):
                if m.end() > best_end:
                    best, best_end, best_start = role, m.end(), m.start()
        if best is None:
            return None
        if best == "launched" and window[best_start:best_end].startswith("avec") and \
                _DOWNED_WITH.search(window, 0, best_start):
            best = "intercepted"  # "a abattu ou intercepté avec des brouilleurs quatre drones"
        between = window[best_end:]
        if _AUX_BETWEEN.search(between) and best != "launched":
            return None
        return best
