"""The validated dataset and the helpers every loader module shares (no validation logic here)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ._exceptions import RecordIssue
from ._records import AmbiguousSpelling, ClaimRec, FieldError, SourceRec, StudyRec, Term
from ._terms import Vocabulary
from ._yamlread import Entry

Entries = Callable[..., list[Entry]]


@dataclass
class Study:
    """A study with its key (the node id) and every source that cites it."""

    key: str
    rec: StudyRec  # the first record of it (identity merged across sources)
    citations: list[tuple[str, int | None, StudyRec]] = field(default_factory=list)  # (source, ref, record)

    @property
    def ref(self) -> int | None:
        """The reference number in the first source that numbers it."""
        return next((r for _, r, _ in self.citations if r is not None), None)


@dataclass
class Claim:
    """A validated claim with every term resolved to its canonical id."""

    rec: ClaimRec
    file: str
    source: str
    study: str  # study key
    terms: dict[str, list[str]] = field(default_factory=dict)  # claim field -> ids
    routes: list[tuple[str, bool]] = field(default_factory=list)  # (mode id, hedged)
    molecules: list[tuple[str, str, str]] = field(default_factory=list)  # (molecule id, role, via mode id or "")
    contexts: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)  # (setting, field -> ids)


@dataclass
class Dataset:
    """Everything under ``ingest/``, validated."""

    root: Path
    terms: dict[str, dict[str, Term]]  # vocab stem -> id -> term
    vocabs: dict[str, Vocabulary]
    ambiguous: list[AmbiguousSpelling]
    sources: dict[str, SourceRec]
    studies: dict[str, Study]  # key -> study
    claims: list[Claim]
    digest: str


def rel_path(path: Path, root: Path) -> str:
    """``path`` as the curator sees it: relative to the records folder's parent (``ingest/...``)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_FIELD = re.compile(r"^[a-z_][a-z0-9_]*$")


def _union_tag(part: int | str) -> bool:
    """A pydantic union branch in an error location ('constrained-int', "literal['']", 'str')."""
    return isinstance(part, str) and (not _FIELD.match(part) or part in ("str", "int", "bool", "float", "none"))


def validation_issues(exc: ValidationError, entry: Entry, key: str) -> list[RecordIssue]:
    """One issue per field at fault, naming the field (a rule across fields names the one it blames).

    A field that accepts several forms (a reference number or a study key, a tissue or "") fails
    once, with what each form wanted, instead of once per form under pydantic's internal names.
    """
    found: dict[str, list[str]] = {}
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling against ingest/README.md)"
        path = field_path(tuple(p for p in err["loc"] if not _union_tag(p)))
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            path = f"{path}.{cause.field}" if path else cause.field
        if msg not in found.setdefault(path, []):
            found[path].append(msg)
    return [RecordIssue(entry.file, entry.where(key), path, " or ".join(msgs)) for path, msgs in found.items()]


def study_key(source: str, study: StudyRec) -> str:
    """The node id of a study: its explicit key, else pmid:N, doi:…, or local:<source>-ref<N>."""
    if study.key:
        return study.key
    if study.identity.pmid:
        return f"pmid:{study.identity.pmid}"
    if study.identity.doi:
        return f"doi:{study.identity.doi.lower()}"
    return f"local:{source}-ref{study.ref}"
