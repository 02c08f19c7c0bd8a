"""The library's error types, with the "did you mean" helper they share. Standard library only,
so every layer (taxonomy, quiz, physiology) can raise them without importing another."""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(given: object, known: Iterable[str]) -> tuple[str, ...]:
    """Up to three known ids that look like `given` (typos, missing hyphens)."""
    import difflib  # only when something is unknown: valid data and look-ups never need it

    return tuple(difflib.get_close_matches(str(given), list(known), n=3, cutoff=0.5))


def _hint(close: tuple[str, ...]) -> str:
    return f"; did you mean {', '.join(close)}?" if close else ""


def did_you_mean(given: object, known: Iterable[str]) -> str:
    """'; did you mean a, b?' for an unknown id, or '' when nothing known looks like it."""
    return _hint(close_matches(given, known))


class UnknownIdError(KeyError):
    """An id (or name) that the data does not know; the message suggests close matches, or
    lists the known ids when nothing is close. ``suggestions`` overrides the close ids."""

    def __init__(
        self, kind: str, given: str, known: Iterable[str], suggestions: Iterable[str] | None = None
    ):
        known = list(known)
        close = close_matches(given, known) if suggestions is None else tuple(suggestions)
        self.kind, self.given, self.suggestions = kind, given, close
        hint = _hint(close) or f"; known: {', '.join(known)}"
        super().__init__(f"unknown {kind} {given!r}{hint}")

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return self.args[0]


class AmbiguousIdError(UnknownIdError):
    """A name or synonym that several entries share; the message lists them (``candidates``:
    id -> name), so the caller can give one of their ids."""

    def __init__(self, kind: str, given: str, candidates: dict[str, str]):
        self.kind, self.given = kind, given
        self.suggestions = self.candidates = tuple(candidates)
        names = "; ".join(f"{i} ({name})" for i, name in candidates.items())
        KeyError.__init__(self, f"{kind} {given!r} is ambiguous: it names {names}; give an id")


class TaxonomyError(ValueError):
    """A data file is invalid; the message names file, entry, field and what is allowed."""


class FieldError(ValueError):
    """Raised by a record's ``__post_init__`` for a rule across fields; the loader adds the file
    and entry: ``FieldError("url", "a source needs a url or a doi")``."""

    def __init__(self, field: str, problem: str):
        self.field, self.problem = field, problem
        super().__init__(f"field {field!r}: {problem}")
