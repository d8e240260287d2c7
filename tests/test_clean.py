"""Cleaning: repairs and boilerplate go, sentences that carry events always stay."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from veille.clean import clean_text

BODY = "Des drones ont frappé un dépôt de carburant près de Briansk dans la nuit."


@pytest.mark.parametrize("raw, expected", [
    # mojibake (UTF-8 read as Latin-1) is repaired
    ("L'Ã©tÃ© a Ã©tÃ© marquÃ© par des frappes.", "L'été a été marqué par des frappes."),
    ("Ã©tÃ©", "été"),
    # odd spaces become plain spaces; zero-width characters go
    ("Le\u00a0président\u202fa parlé\u2009: «\u00a0non\u00a0».", "Le président a parlé : « non »."),
    ("Trois\u200b drones\u00ad abattus.", "Trois drones abattus."),
    ("Deux   missiles \t tirés.", "Deux missiles tirés."),
    ("Ligne un.\r\nLigne deux.\rLigne trois.", "Ligne un.\nLigne deux.\nLigne trois."),
    ("Un.\n\n\n\n\nDeux.", "Un.\n\nDeux."),
    # scraper boilerplate lines
    (f"[ad_1]\n{BODY}\n[ad_2]", BODY),
    (f"{BODY}\nSource link", BODY),
    (f"{BODY}\nSource link ", BODY),
    ("CECI EST UNE HISTOIRE EN DÉVELOPPEMENT…\n" + BODY, BODY),
    ("Ceci est une histoire en développement.\n" + BODY, BODY),
    (f"{BODY}\nÀ lire aussi : Les frappes de drones se multiplient en Russie", BODY),
    (f"{BODY}\nA lire aussi: Kharkiv sous les bombes", BODY),
    (f"{BODY}\n>> LIRE AUSSI - Moscou dit avoir abattu dix drones au-dessus de Koursk", BODY),
    (f"{BODY}\nLire la suite sur exemple-info.fr", BODY),
    (f"{BODY}\nLire la suite sur Le Courrier de l'Est", BODY),
    (f"{BODY} Lire la suite sur https://exemple-info.fr/monde/briansk", BODY),
    (f"{BODY} Source : AFP", BODY),
    (f"{BODY}\nPartager\n", BODY),
    # captions and credits
    ("Un dépôt de carburant en feu près de Moscou 1 crédit : East2West",
     "Un dépôt de carburant en feu près de Moscou"),
    ("Un immeuble touché à Belgorod crédit photo : Reuters", "Un immeuble touché à Belgorod"),
    (f"Crédit : Twitter/@someone\n{BODY}", BODY),
    (f"Crédits photo : Agence Exemple\n{BODY}", BODY),
    (f"Photo : un drone abattu dans un champ\n{BODY}", BODY),
    # bylines
    (f"Par : Jeanne Martin / Radio X\n{BODY}", BODY),
    (f"Par Jean Dupont, AFP\n{BODY}", BODY),
    (f"Par Marie-Claire de Villeneuve\n{BODY}", BODY),
    # typographic quotes and apostrophes are kept as written
    ("« Nous répondrons », a déclaré l’officier.", "« Nous répondrons », a déclaré l’officier."),
    ("“Des frappes massives”, a-t-il dit.", "“Des frappes massives”, a-t-il dit."),
])
def test_clean_text_table(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("sentence", [
    # "Par" starting a sentence, not a byline
    "Par ailleurs, trois missiles ont été abattus au-dessus de Belgorod.",
    "Par ailleurs, les forces de Kiev ont visé Koursk avec des drones.",
    "Par une frappe de missiles, la Russie a détruit un pont à Kherson.",
    # "crédit" as a word of the sentence
    "Le crédit accordé à Kiev par l'Union européenne servira à acheter des missiles Patriot.",
    "Les crédits militaires ont été votés après la frappe de drones sur Odessa.",
    # "Source :" followed by a whole clause that reports the event: keep it as written
    "Source : le ministère russe de la Défense a annoncé avoir abattu huit drones.",
    "Source : le ministère a annoncé avoir abattu huit drones.",
    "Selon une source : huit drones ont été abattus au-dessus de Koursk.",
    # "la suite sur" inside a sentence
    "Trois drones ont été abattus, et les autorités donneront la suite sur leur chaîne Telegram.",
    "Photos et vidéos montrent que deux missiles ont frappé Dnipro.",
    # "photo" inside a sentence that ends with a full stop
    "Le ministère a publié une photo : on y voit un drone abattu près de Koursk.",
    # "mise à jour" inside a sentence
    "Une mise à jour du bilan fait état de cinq morts à Kharkiv.",
])
def test_clean_text_keeps_event_sentences(sentence):
    text = f"{BODY}\n{sentence}\nLes secours sont sur place."
    cleaned = clean_text(text)
    assert sentence in cleaned.split("\n")


def test_clean_text_drops_only_boilerplate_lines():
    text = ("[ad_1]\nPar Jean Dupont, AFP\n" + BODY +
            "\nÀ lire aussi : autre chose\nLe bilan fait état de deux blessés.\nSource link")
    assert clean_text(text) == BODY + "\nLe bilan fait état de deux blessés."


def test_clean_text_empty():
    assert clean_text("") == ""
    assert clean_text("[ad_1]\nSource link\n\n") == ""


# --- cleaning twice changes nothing ----------------------------------------------------------

WORDS = ["drones", "missiles", "Kharkiv", "Belgorod", "abattus", "ont", "été", "la", "nuit",
         "Par", "Source", ":", "crédit", "photo", "Lire", "suite", "sur", "lemonde.fr",
         "AFP", "«", "»", "l’armée", "Ã©tÃ©", "1", "2024", ".", ",", "!", "?", "…",
         "Partager", "aussi", "À", "\u00a0", "\u202f", "Moscou", "ministère", "a", "annoncé"]
BOILERPLATE = ["[ad_1]", "Source link", "Par : Jeanne Martin / Radio X", "Par Jean Dupont, AFP",
               "CECI EST UNE HISTOIRE EN DÉVELOPPEMENT…", "À lire aussi : Kharkiv",
               "Lire la suite sur lemonde.fr", "Crédit : Twitter/@someone", "Partager",
               "Moscou 1 crédit : East2West", "Source : AFP", "***", "Publicité", ""]

lines = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join),
    st.sampled_from(BOILERPLATE),
    st.tuples(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join),
              st.sampled_from(BOILERPLATE)).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(lines, max_size=12).map("\n".join))
@example("Par Par\nMoscou 1 crédit : East2West")  # a byline made whole by rejoining the lines
@example("drones crédit : drones Lire la suite sur lemonde.fr")  # a tail behind another
def test_clean_text_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@pytest.mark.parametrize("raw, expected", [
    # wire copy wrapped at a fixed width: the sentence is whole again
    ("La défense antiaérienne\nukrainienne a neutralisé 21 des 30 drones\nenvoyés pendant la nuit.",
     "La défense antiaérienne ukrainienne a neutralisé 21 des 30 drones envoyés pendant la nuit."),
    # a line that ends on an article or a preposition goes on, whatever the next letter
    ("Une frappe a visé la\nCentrale de Zaporijjia selon le maire.",
     "Une frappe a visé la Centrale de Zaporijjia selon le maire."),
    ("Le gouverneur a indiqué que deux drones,\nOrlan et Shahed, avaient été abattus.",
     "Le gouverneur a indiqué que deux drones, Orlan et Shahed, avaient été abattus."),
    # lines that are whole stay apart: a headline, a menu, a list, a finished sentence
    ("Kharkiv sous les missiles\nLe maire a fait état de trois blessés.",
     "Kharkiv sous les missiles\nLe maire a fait état de trois blessés."),
    ("Accueil\nInternational\nEurope", "Accueil\nInternational\nEurope"),
    ("Bilan de la nuit :\n- 12 drones abattus\n- 3 missiles abattus",
     "Bilan de la nuit :\n- 12 drones abattus\n- 3 missiles abattus"),
    ("Trois drones ont été abattus.\nla suite en images", "Trois drones ont été abattus.\nla suite en images"),
    # a quote whose marks the page lost, its speaker on the line below: one sentence again
    ("Deux morts et six blessés dans le quartier\na indiqué sur Telegram le maire Ivan Petrenko.",
     "Deux morts et six blessés dans le quartier, a indiqué sur Telegram le maire Ivan Petrenko."),
    ("Les pompiers sont encore sur place.\na-t-il ajouté.",
     "Les pompiers sont encore sur place. a-t-il ajouté."),
    ("Un entrepôt a brûlé\nde son côté, a expliqué le gouverneur.",
     "Un entrepôt a brûlé, de son côté, a expliqué le gouverneur."),
])
def test_clean_text_rejoins_hard_line_breaks(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("furniture", [
    "Vidéo suivante dans 5 secondes", "Autres vidéos", "Liens commerciaux", "12 commentaires",
    "Réagir", "Partager cet article", "Connectez-vous pour commenter cet article",
    "Les commentaires sont soumis à modération avant publication.", "Temps de lecture : 2 min",
])
def test_clean_text_drops_page_furniture(furniture):
    assert clean_text(f"{BODY}\n{furniture}\n{BODY}") == f"{BODY}\n{BODY}"


def test_clean_repairs_only_what_may_need_it(monkeypatch):
    """Plain text (no mojibake lead, no entity, no control character, already NFC) skips
    ftfy's repair; anything else still goes through it."""
    import ftfy

    from veille import clean

    calls = []
    real = ftfy.fix_text
    monkeypatch.setattr(clean.ftfy, "fix_text", lambda text, cfg: calls.append(text) or real(text, cfg))
    plain = "Les défenses aériennes ont abattu 12 drones « Shahed » au-dessus d’Odessa – selon l’armée."
    assert clean.clean_text(plain) == plain and calls == []
    assert clean.clean_text("Les missiles ont frappÃ© Kharkiv.") == "Les missiles ont frappé Kharkiv."
    assert clean.clean_text("Deux morts a\u0301 Kharkiv.") == "Deux morts á Kharkiv."  # NFC
    assert clean.clean_text("Tirs sur Kherson &amp; Mykolaïv.") == "Tirs sur Kherson & Mykolaïv."
    assert len(calls) == 3
