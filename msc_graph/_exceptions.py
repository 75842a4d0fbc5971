"""The one exception family of msc-graph.

Every error the library raises on purpose derives from :class:`MscGraphError`, and errors of the
engines underneath (redis/FalkorDB, the neo4j driver) are mapped into it, so a notebook or the CLI
can catch one type::

    MscGraphError
    ├── ConfigError              bad settings (backend name, data dir, credentials missing)
    ├── EngineError              the database said no
    │   ├── EngineUnavailable    cannot reach / start the engine (with how to fix it)
    │   ├── QueryError           the engine rejected a query (syntax, type, timeout)
    │   └── ReadOnlyViolation    a write was attempted through a read-only path
    ├── GraphEmptyError          nothing was ingested yet
    ├── RecordError              curated records failed validation (file, record, field, reason)
    ├── UnknownTermError         a term matched no vocabulary entry (with suggestions)
    ├── AmbiguousTermError       a spelling names several terms (with the candidates)
    ├── UnknownQueryError        no named query of that name (with suggestions)
    ├── ParameterError           a named query was given missing/extra/ill-typed parameters
    ├── SchemaError              an identifier that is not in the schema was about to enter a query
    └── QueryFileError           a shipped query file is malformed (a bug in the package)

Engine errors are mapped into this family in one place per engine: ``_engines/falkor_errors.py``
(redis and FalkorDB) and ``_engines/neo4j_engine.py`` (the neo4j driver).
"""

from __future__ import annotations

from dataclasses import dataclass


class MscGraphError(Exception):
    """Base class of every error raised by msc-graph."""


class ConfigError(MscGraphError):
    """Invalid or incomplete configuration."""


class EngineError(MscGraphError):
    """An error reported by (or about) the graph engine."""


class EngineUnavailable(EngineError):
    """The engine cannot be reached or started."""


class QueryError(EngineError):
    """The engine rejected or failed a query."""


class ReadOnlyViolation(EngineError):
    """A query that writes was sent through a read-only path."""


class GraphEmptyError(MscGraphError):
    """The graph holds no data yet: run ``msc-graph ingest`` first."""


@dataclass(frozen=True)
class RecordIssue:
    """One problem found in the curated records."""

    file: str
    record: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.record}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.reason}"


class RecordError(MscGraphError):
    """The curated records are invalid; nothing was written.

    Attributes:
        issues: every problem found, each naming the file, the record and the field.
    """

    def __init__(self, issues: list[RecordIssue]) -> None:
        self.issues = issues
        shown = "\n".join(f"  {i}" for i in issues[:25])
        more = f"\n  ... and {len(issues) - 25} more" if len(issues) > 25 else ""
        noun = "problem" if len(issues) == 1 else "problems"
        super().__init__(f"{len(issues)} {noun} in the records:\n{shown}{more}")


class UnknownTermError(MscGraphError):
    """A term is not in the vocabulary; ``suggestions`` holds the nearest known terms."""

    def __init__(self, kind: str, term: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.term = term
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {term!r}{hint}")


class UnknownQueryError(MscGraphError):
    """No named query has that name."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no named query {name!r}{hint} (list them with `msc-graph queries`)")


class ParameterError(MscGraphError):
    """Parameters of a named query are missing, unexpected or of the wrong type."""


class SchemaError(MscGraphError):
    """An identifier that is not in the schema was about to be put into a query."""


class QueryFileError(MscGraphError):
    """A shipped query file is malformed (a bug in the package, caught by the tests)."""


class AmbiguousTermError(MscGraphError):
    """A spelling names several terms; ``candidates`` lists them (id and name) instead of guessing."""

    def __init__(self, kind: str, term: str, candidates: list[tuple[str, str]]) -> None:
        self.kind = kind
        self.term = term
        self.candidates = candidates
        listed = "; ".join(f"{tid} ({name})" for tid, name in candidates)
        super().__init__(f"ambiguous {kind} {term!r}: it names {listed}; use one of these ids")
