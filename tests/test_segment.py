"""Sentence splitting: exact offsets, French abbreviations, quotes, datelines, paragraphs."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from veille.segment import split_sentences


def texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Trois drones ont été abattus. Deux autres ont touché un dépôt.",
     ["Trois drones ont été abattus.", "Deux autres ont touché un dépôt."]),
    # abbreviations and initials do not end a sentence
    ("M. Zelensky a demandé des Patriot. V. Poutine a menacé de riposter.",
     ["M. Zelensky a demandé des Patriot.", "V. Poutine a menacé de riposter."]),
    ("Selon Mme Durand et le Dr Petrenko, le bilan est lourd. Les secours continuent.",
     ["Selon Mme Durand et le Dr Petrenko, le bilan est lourd.", "Les secours continuent."]),
    ("Le Gén. Syrsky a confirmé la frappe. Elle visait un dépôt.",
     ["Le Gén. Syrsky a confirmé la frappe.", "Elle visait un dépôt."]),
    # a quote that closes after the full stop stays with its sentence
    ("« Nous ne céderons pas. » Bientôt, de nouvelles frappes ont visé Kharkiv.",
     ["« Nous ne céderons pas. »", "Bientôt, de nouvelles frappes ont visé Kharkiv."]),
    ("Il a lancé : « Pas question ! » Puis il a quitté la salle.",
     ["Il a lancé : « Pas question ! »", "Puis il a quitté la salle."]),
    ("« Nous répondrons », a-t-il dit. Le Kremlin n'a pas commenté.",
     ["« Nous répondrons », a-t-il dit.", "Le Kremlin n'a pas commenté."]),
    ("Les frappes ont repris (selon l'armée.) Le lendemain, le calme est revenu.",
     ["Les frappes ont repris (selon l'armée.)", "Le lendemain, le calme est revenu."]),
    # French spacing before ! and ?
    ("Quelle nuit ! Personne n'a dormi ? Les alertes ont duré six heures.",
     ["Quelle nuit !", "Personne n'a dormi ?", "Les alertes ont duré six heures."]),
    # a sentence may start with a number or an opening quote
    ("Il était 3 h. 12 drones ont alors été abattus.",
     ["Il était 3 h.", "12 drones ont alors été abattus."]),
    ("La sirène a retenti. « Descendez aux abris », a crié un voisin.",
     ["La sirène a retenti.", "« Descendez aux abris », a crié un voisin."]),
    # a lower-case word after a dot is not a new sentence
    ("Le missile a été tiré à 4 h. du matin selon l'armée.",
     ["Le missile a été tiré à 4 h. du matin selon l'armée."]),
    # decimal numbers and the like
    ("Un drone a été abattu à 1.5 km de la centrale. Aucun dégât.",
     ["Un drone a été abattu à 1.5 km de la centrale.", "Aucun dégât."]),
    # sentences a page glued together, the space lost; initials and addresses stay whole
    ("Neuf drones ont été abattus.Le gouverneur a parlé de dégâts à Koursk.Depuis, le calme.",
     ["Neuf drones ont été abattus.", "Le gouverneur a parlé de dégâts à Koursk.",
      "Depuis, le calme."]),
    ("M.Petrenko a écrit sur www.Ukrinform.ua puis s'est tu.",
     ["M.Petrenko a écrit sur www.Ukrinform.ua puis s'est tu."]),
    # glued before the quote that opens the next sentence (a straight quote may close one)
    ("Le ministre a parlé jeudi.« Nous répondrons », a-t-il dit.",
     ["Le ministre a parlé jeudi.", "« Nous répondrons », a-t-il dit."]),
])
def test_segment_split_sentences(text, expected):
    assert texts(text) == expected


def test_segment_dateline_stays_with_first_sentence():
    text = ("KYIV (Reuters) - La Russie a lancé 40 drones sur Kyiv dans la nuit. "
            "Trente-cinq ont été abattus, selon l'armée de l'air.")
    assert texts(text) == [
        "KYIV (Reuters) - La Russie a lancé 40 drones sur Kyiv dans la nuit.",
        "Trente-cinq ont été abattus, selon l'armée de l'air."]


def test_segment_paragraphs_split_on_newlines():
    text = ("Titre sans point final\n"
            "Premier paragraphe. Suite du premier paragraphe\n"
            "\n"
            "  Second paragraphe, indenté.  \n"
            "dernier paragraphe en minuscules")
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Titre sans point final", "Premier paragraphe.", "Suite du premier paragraphe",
        "Second paragraphe, indenté.", "dernier paragraphe en minuscules"]
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_segment_offsets_into_the_text():
    text = "Un drone.  Deux drones !\n\n« Trois. » Quatre."
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(0, 9), (11, 24), (26, 36), (37, 44)]


def test_segment_empty_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n  \n") == []


# --- property: offsets are exact, nothing is lost, nothing overlaps -------------------------

TOKENS = ["drones", "missiles", "Kharkiv", "M.", "V.", "Mme", "etc.", "ont", "été", "abattus",
          "«", "»", "“", "”", "(", ")", "[", "]", "-", "—", "KYIV", "(AFP)", "3", "h.", "12",
          "l’armée", "a", "dit", ":", ",", ".", "!", "?", "…", "?!", ".»", "»."]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"]


@st.composite
def article_texts(draw):
    n = draw(st.integers(min_value=0, max_value=40))
    parts = []
    for _ in range(n):
        parts.append(draw(st.sampled_from(TOKENS)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


def _visible(text):
    return "".join(text.split())


@settings(max_examples=400, deadline=None)
@given(st.one_of(article_texts(), st.text(max_size=200)))
@example(".\t» Kharkiv ")  # a tab before the closing quote once lost the quote
@example("Fin.\u00a0» Puis M. Zelensky. V.")
def test_segment_offsets_exact(text):
    spans = split_sentences(text)
    previous_end = 0
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert "\n" not in s.text
        assert s.start >= previous_end  # in order, no overlap
        previous_end = s.end
    # every non-space character belongs to exactly one sentence
    assert "".join(_visible(s.text) for s in spans) == _visible(text)
