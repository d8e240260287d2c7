"""Coded errors and warnings: every message veille prints about bad input lives here."""
from __future__ import annotations


class Errors:
    """Messages for inputs that are skipped (the rest of the batch goes on)."""

    E001 = "no such file or directory"
    E002 = "file is empty"
    E003 = "binary file, not text"
    E004 = "not valid UTF-8 (column {pos}: byte {byte})"
    E005 = "malformed JSON: {msg}"
    E006 = "JSON line is not an object"
    E007 = "article has no 'text' field"
    E008 = "article is {size:,} characters, over the limit of {limit:,} (--max-chars)"
    E009 = "not French: detected language '{lang}' (use --lang fr to force)"
    E010 = "article text is empty after cleaning"
    E011 = "unsupported file type '{suffix}' (expected .txt, .jsonl, .json, .html, .htm)"
    E012 = "cannot read: {msg}"
    E013 = "article declares language '{lang}' (use --lang fr to force)"
    E014 = "no main text found in the HTML page"
    E015 = "extraction failed ({msg}); please report it with this article"
    E016 = "cannot parse the HTML page ({msg})"


class UsageErrors:
    """Messages of :class:`VeilleError` (the CLI prints them and exits 2)."""

    E101 = "{where}: {what} (a fusion set needs articles.jsonl and gold.jsonl, see examples/fusion)"
    # raised by the store (veille.store), each with its own message naming the path:
    # E102 the path cannot hold a store (missing folder, not a file, not SQLite)
    # E103 no store at the path (a command that reads one)
    # E104 a write on a store opened read-only
    # E105 the store was written by a newer veille
    # E106 a read-only open of a store whose schema is not up to date


class Warnings:
    """Messages for inputs that are read with a caveat."""

    W001 = "published date {value!r} is not a date; read as unknown"
    W002 = "id {id!r} is already used by a different text: this one is stored as {new!r}"
    W004 = "{field} holds {n} lone surrogate code point{s}, replaced by U+FFFD"
    W005 = "field {field!r} is {kind}, not text: ignored"
    W006 = ("published date {value!r} is a number; read as unknown (--epoch-dates reads it "
            "as seconds since 1970, UTC)")
    W003 = ("the text stored as {id!r} is now {new!r}: a different text with a smaller hash "
            "claims that id (the store's rule, whatever the order)")


class Notes:
    """How an input was read (not counted as warnings)."""

    I001 = "publication dates read from {keys} ({n} article{s}; 'published' wins when several are given)"
    I002 = "publication date read from the line {line!r}"


def note_message(code: str, **kwargs) -> str:
    return getattr(Notes, code).format(**kwargs)


class VeilleError(Exception):
    """A usage or configuration error: the CLI prints it as one line and exits 2."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code


def skip_message(code: str, **kwargs) -> str:
    return getattr(Errors, code).format(**kwargs)


def warn_message(code: str, **kwargs) -> str:
    return getattr(Warnings, code).format(**kwargs)
