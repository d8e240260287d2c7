"""Shared fixtures: one spaCy pipeline for the whole session, the dev set, small articles.

Every text here is written for these tests (French, invented wording).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from samples import SHARED, STRIKE_ARTICLES


@pytest.fixture(scope="session")
def extractor():
    """The extractor with the spaCy pipeline loaded once for the session (~5 s)."""
    from veille.extract import Extractor

    ex = Extractor()
    ex.nlp  # load the pipeline now, not inside the first test that uses it
    return ex


@pytest.fixture
def shared_extractor(extractor, monkeypatch):
    """Make the CLI build its Extractor around the session's pipeline and knowledge base,
    so that each `veille extract` run in a test does not load spaCy again. The options the
    CLI passes (--lang ...) are kept; only loading is shared."""
    import veille.extract as extract_mod

    real = extract_mod.Extractor

    def build(options=None, **kwargs):
        if options is not None and options.kb_files:
            return real(options, **kwargs)  # a user KB: build the real thing
        return real(options, nlp=extractor.nlp, kb=extractor.kb)

    monkeypatch.setattr(extract_mod, "Extractor", build)
    return extractor


@pytest.fixture
def dev_dir() -> Path:
    """../shared/dev (the dev set lives beside the repo, not in it)."""
    path = SHARED / "dev"
    if not path.is_dir():
        pytest.skip("../shared/dev not found: the dev set lives beside the repo")
    return path


@pytest.fixture
def score_py() -> Path:
    """The reference scorer ../shared/eval/score.py."""
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py not found: it lives beside the repo")
    return path


@pytest.fixture
def strike_dir(tmp_path) -> Path:
    """A directory of the three strike articles as .txt files."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for stem, text in STRIKE_ARTICLES.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder
