"""veille: French news about missile and drone warfare in, a verified event ledger out.

Public API::

    from veille import read_articles, Extractor, Options, open_store, score
    from veille.fuse import fuse, FuseOptions   # fusion across articles
    from veille import events_frame, fused_frame, claims_frame, fused_events  # pandas
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["read_articles", "Extractor", "Options", "extract_articles", "open_store",
           "FuseOptions", "score", "load_kb", "Article", "Event", "FusedEvent", "Notice",
           "events_frame", "fused_frame", "claims_frame", "fused_events"]


def __getattr__(name):
    # keep `import veille` cheap: spaCy and friends load only when used
    if name == "read_articles":
        from .ingest import read_articles
        return read_articles
    if name in ("Extractor", "Options", "extract_articles"):
        from . import extract
        return getattr(extract, name)
    if name == "open_store":
        from .store import open_store
        return open_store
    if name == "FuseOptions":
        import importlib
        return importlib.import_module(".fuse", __name__).FuseOptions
    if name == "score":
        from .evaluate import score
        return score
    if name == "load_kb":
        from .kb import load_kb
        return load_kb
    if name in ("events_frame", "fused_frame", "claims_frame", "fused_events"):
        from . import dataframes
        return getattr(dataframes, name)
    if name in ("Article", "Event", "FusedEvent", "Notice"):
        from . import records
        return getattr(records, name)
    raise AttributeError(name)
