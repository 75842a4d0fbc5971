"""Typed models of the curated records under ``ingest/`` (see ``ingest/README.md``)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ._schema import Category, Setting

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
LongText = Annotated[str, StringConstraints(max_length=5000)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Printed = Annotated[str, StringConstraints(max_length=300)]  # a name as printed (may be "")
Ref = Annotated[int, Field(ge=1, le=1000, strict=True)]  # strict: YAML `yes` must not become study 1
Flag = Annotated[bool, Field(strict=True)]

Tissue = Literal["bone marrow", "adipose", "umbilical cord", "Wharton's jelly", "iPSC-derived"]
CellKind = Literal["primary", "cell line", "tissue in vivo"]
MoleculeKind = Literal["protein", "gene", "miRNA", "organelle", "ion", "lipid", "other"]
Role = Literal["secreted factor", "EV cargo", "channel protein", "organelle", "intracellular signalling target"]

# Ontology prefixes allowed in `curie`, each with the pattern of its local identifier.
CURIE_PATTERNS: dict[str, str] = {
    "GO": r"\d{7}",
    "CL": r"\d{7}",
    "UBERON": r"\d{7}",
    "NCBITaxon": r"\d+",
    "HGNC": r"\d+",
    "CHEBI": r"\d+",
    "MONDO": r"\d{7}",
    "DOID": r"\d+",
    "EFO": r"\d{7}",
    "NCIT": r"C\d+",
    "cellosaurus": r"CVCL_[A-Z0-9]{4}",
    "mirbase": r"MI\d{7}",
    "mirbase.mature": r"MIMAT\d{7}",
}


class FieldError(ValueError):
    """A rule across fields broken; ``field`` names the field the curator should fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def curie_problem(curie: str) -> str | None:
    """Return why ``curie`` is malformed, or None when its syntax is valid."""
    if ":" not in curie:
        return "a CURIE is PREFIX:ID"
    prefix, local = curie.split(":", 1)
    pattern = CURIE_PATTERNS.get(prefix)
    if pattern is None:
        return f"prefix {prefix!r} is not one of {', '.join(CURIE_PATTERNS)}"
    if not re.fullmatch(pattern, local):
        return f"{prefix} identifiers look like {pattern!r}, not {local!r}"
    return None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Term(_Strict):
    """A vocabulary entry."""

    id: Slug
    name: Text
    synonyms: list[Text] = Field(default_factory=list)
    curie: str = ""
    note: LongText = ""

    @field_validator("curie")
    @classmethod
    def _curie(cls, v: str) -> str:
        v = v.strip()
        if v:
            problem = curie_problem(v)
            if problem:
                raise ValueError(f"invalid CURIE {v!r}: {problem}")
        return v

    def spellings(self) -> list[str]:
        """The id, the preferred name and every synonym."""
        return [self.id, self.name, *self.synonyms]


class SpeciesTerm(Term):
    pass


class MSCSourceTerm(Term):
    species: Slug
    tissue: Tissue


class CellTypeTerm(Term):
    species: Slug
    kind: CellKind


class MoleculeTerm(Term):
    kind: MoleculeKind


class ModeTerm(Term):
    category: Category


class ModelTerm(Term):
    species: Slug | Literal[""] = ""


class PlainTerm(Term):
    """RCD modes, pathways, inducers: no extra fields."""


VOCAB_MODELS: dict[str, type[Term]] = {
    "species": SpeciesTerm,
    "msc_sources": MSCSourceTerm,
    "cell_types": CellTypeTerm,
    "rcd_modes": PlainTerm,
    "modes_of_action": ModeTerm,
    "molecules": MoleculeTerm,
    "pathways": PlainTerm,
    "inducers": PlainTerm,
    "models": ModelTerm,
}


class StudyRec(_Strict):
    """A study cited by the review."""

    ref: Ref
    first_author: Printed = ""  # as printed; the prose often cites a number without an author
    citation: Printed = ""  # as printed, e.g. "Drouet et al."; "" when the review names no author
    note: LongText = ""

    @property
    def display(self) -> str:
        """How the review cites it: "Drouet et al. [42]", or "[86]" without an author."""
        return f"{self.citation} [{self.ref}]" if self.citation else f"[{self.ref}]"


class TableRowRec(_Strict):
    """A printed table row, verbatim."""

    table: Annotated[int, Field(ge=1, le=4, strict=True)]
    row: Annotated[int, Field(ge=1, le=100, strict=True)]
    studies: Text
    sources: Text
    function: Text
    modes: Text
    reference: Text


class MoleculeRef(_Strict):
    term: Text
    role: Role


class ConflictRec(_Strict):
    field: Text
    table_value: Text
    prose_value: Text
    quote: Quote


class ClaimRec(_Strict):
    """One study's finding."""

    id: Annotated[str, StringConstraints(pattern=r"^ref\d+(-p\d+)?$")]
    study: Ref
    evidence: Literal["table", "prose"]
    demonstrated: Flag = True
    setting: Annotated[list[Setting], Field(min_length=1)]
    msc_sources: list[Text] = Field(default_factory=list)
    target_cells: list[Text] = Field(default_factory=list)
    rcd_modes: list[Text] = Field(default_factory=list)
    inducers: list[Text] = Field(default_factory=list)
    models: list[Text] = Field(default_factory=list)
    modes_of_action: Annotated[list[Text], Field(min_length=1)]
    molecules: list[MoleculeRef] = Field(default_factory=list)
    pathways: list[Text] = Field(default_factory=list)
    table_rows: list[TableRowRec] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    notes: list[LongText] = Field(default_factory=list)
    conflicts: list[ConflictRec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _evidence_shape(self) -> ClaimRec:
        if self.evidence == "table":
            if not self.table_rows:
                raise FieldError("table_rows", "a table claim needs at least one entry in table_rows")
            if not self.rcd_modes:
                raise FieldError("rcd_modes", "a table claim names at least one RCD mode (rcd_modes)")
            if "-p" in self.id:
                raise FieldError("id", "table claim ids are ref<N>; ref<N>-p<K> is for prose claims")
        else:
            if self.table_rows:
                raise FieldError("table_rows", "a prose claim has no table_rows (they belong to table claims)")
            if not self.quotes:
                raise FieldError("quotes", "a prose claim needs at least one verbatim quote")
        if self.id.split("-")[0] != f"ref{self.study}":
            raise FieldError("id", f"claim id {self.id!r} does not match study {self.study}")
        return self
