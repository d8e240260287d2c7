"""What start-up builds the same way every time, kept on disk between runs.

Two things dominate a run's start-up and never change between runs of one installation:

- spaCy's French tokenizer exceptions compile one regular expression of 1.4 million
  characters at import (2.3 s of a 5 s start-up, measured here);
- the knowledge base is read from YAML and indexed (0.4-0.7 s).

Both are kept in the user's cache directory (``$VEILLE_CACHE_DIR``, else
``$XDG_CACHE_HOME/veille``, else ``~/.cache/veille``; ``VEILLE_CACHE_DIR=off`` turns caching
off). A compiled pattern is stored as the code CPython's regular-expression compiler made for
it, under a key of the pattern, its flags, the Python version and the engine's version
(``_sre.MAGIC``); CPython checks such code before it runs it. The knowledge base is stored
under a key of veille's version, Python's and the bytes of every data file it was built from.
A missing, unreadable or unwritable cache only costs the time: the work is done as before.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_MIN_PATTERN = 20_000  # shorter patterns compile faster than their cache file is read
_KEEP = 8  # entries kept per kind: each edit of a knowledge-base file makes a new one


def cache_dir() -> Path | None:
    """Where veille keeps what it builds at start-up, or None when caching is off."""
    chosen = os.environ.get("VEILLE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "0", "off", "no", "false") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "veille"


def _read(path: Path) -> Any:
    with path.open("rb") as handle:
        return pickle.load(handle)  # noqa: S301 - the user's own cache, written below


def _write(path: Path, value: Any) -> None:
    """Write atomically: a reader never sees half a file, two writers never mix theirs."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return  # a read-only home or a full disk: the next run builds it again


def cached(kind: str, key: bytes, build: Callable[[], Any]) -> Any:
    """The value stored under (kind, key), or build() stored there for next time."""
    where = cache_dir()
    if where is None:
        return build()
    path = where / kind / hashlib.sha256(key).hexdigest()
    try:
        value = _read(path)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file is rebuilt, never trusted
        pass
    else:
        try:
            os.utime(path)  # used now: the last to be pruned
        except OSError:
            pass
        return value
    value = build()
    _write(path, value)
    _prune(path.parent)
    return value


def _prune(folder: Path) -> None:
    """Keep the ``_KEEP`` entries of a kind used last; the others (a knowledge base edited
    since, an older Python) would only fill the disk."""
    try:
        entries = sorted((p for p in folder.iterdir() if not p.name.endswith(".tmp")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[_KEEP:]:
            old.unlink()
    except OSError:
        return  # another run pruning at the same time, or a read-only folder


def _pattern_key(pattern: str, flags: int) -> bytes:
    import _sre

    head = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}|".encode()
    return head + pattern.encode("utf-8", "surrogatepass")


def _compile_parts(pattern: str, flags: int) -> tuple:
    """What CPython's re._compiler.compile hands to _sre.compile, the code packed."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


@contextmanager
def compiled_patterns() -> Iterator[None]:
    """Inside this block, long regular expressions compiled by `re` come from the cache.

    Only CPython's engine is touched, and only while the block runs (spaCy's French
    language module compiles its tokenizer exceptions at import); any surprise falls back
    to the ordinary compiler."""
    import re

    compiler = getattr(re, "_compiler", None)
    if cache_dir() is None or compiler is None or sys.implementation.name != "cpython":
        yield
        return
    import _sre

    real = compiler.compile

    def compile(p, flags=0):  # noqa: A001 - stands in for re._compiler.compile
        if not isinstance(p, str) or len(p) < _MIN_PATTERN:
            return real(p, flags)
        try:
            parts = cached("re", _pattern_key(p, flags), lambda: _compile_parts(p, flags))
            return _sre.compile(p, parts[0], array("I", parts[1]).tolist(), *parts[2:])
        except Exception:  # noqa: BLE001 - an engine that changed its ways: compile as usual
            return real(p, flags)

    compiler.compile = compile
    try:
        yield
    finally:
        compiler.compile = real
