"""The ledger as pandas DataFrames, and fused events and claims as Python objects.

::

    import veille
    events = veille.events_frame("ledger.db", type="strike", since="2024-11")
    fused = veille.fused_frame("ledger.db", flag="conflict")
    claims = veille.claims_frame("ledger.db", place="Kharkiv")
    for event in veille.fused_events("ledger.db", min_reports=2):
        print(event.fused_id, event.value("launched"), [c.claimant for c in event.claims])

Every frame has the flat columns of the exports (docs/CODEBOOK.md), with nullable types:
a count the text does not give is <NA>, never 0. The store is opened read-only.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .interop import CLAIM_COLUMNS, EVENT_COLUMNS, FUSED_COLUMNS, arrow_table, article_meta


def _filters(kind: str, *, type=None, since=None, until=None, country=None, place=None,
             weapon=None, flag=None, min_reports=1, limit=None, article_id=None):
    from .kb import canonical_names, load_kb
    from .store import EventFilter

    kb = load_kb() if place or weapon else None
    common = dict(type=type, since=since, until=until, country=country,
                  places=canonical_names(kb, place, "place", strict=True),
                  weapons=canonical_names(kb, weapon, "weapon", strict=True), limit=limit)
    if kind == "event":
        if flag or min_reports != 1:
            raise ValueError("flag and min_reports filter fused events")
        return EventFilter(article_id=article_id, **common)
    from .fuse.ledger import FusedFilter

    return FusedFilter(flag=flag, min_reports=min_reports, **common)


def _open(db):
    from .store import Store, open_store

    if isinstance(db, Store):
        return db, False
    return open_store(Path(db), read_only=True), True


def _frame(rows, columns):
    import pandas as pd
    import pyarrow as pa

    types = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(),
             pa.string(): pd.StringDtype(), pa.float64(): pd.Float64Dtype()}
    return arrow_table(rows, columns).to_pandas(types_mapper=types.get)


def events_frame(db, **filters):
    """Article-level events as a DataFrame, one row an event (EVENT_COLUMNS)."""
    from .interop import event_row

    store, mine = _open(db)
    try:
        meta = article_meta(store)
        rows = [event_row(e.to_dict(), meta.get(e.article_id))
                for e in store.events(_filters("event", **filters))]
    finally:
        if mine:
            store.close()
    return _frame(rows, EVENT_COLUMNS)


def fused_events(db, **filters) -> Iterator:
    """Fused events (:class:`veille.records.FusedEvent`): ``value(field)`` gives the
    consensus, ``claims`` each report's figures with its claimant, outlet and evidence."""
    from .fuse.ledger import fused_events as query

    store, mine = _open(db)
    try:
        yield from query(store, _filters("fused", **filters))
    finally:
        if mine:
            store.close()


def fused_frame(db, **filters):
    """Fused events as a DataFrame, one row a real-world event (FUSED_COLUMNS)."""
    from .interop import fused_row

    store, mine = _open(db)
    try:
        meta = article_meta(store)
        rows = [fused_row(e.to_dict(), meta) for e in fused_events(store, **filters)]
    finally:
        if mine:
            store.close()
    return _frame(rows, FUSED_COLUMNS)


def claims_frame(db, **filters):
    """The claims of the fused events as a DataFrame, one row per report and source
    (CLAIM_COLUMNS): what each article says, under whose name."""
    from .interop import claim_rows

    rows = [row for e in fused_events(db, **filters) for row in claim_rows(e.to_dict())]
    return _frame(rows, CLAIM_COLUMNS)
