"""Typed models of the curated records under ``ingest/`` (the format: ``ingest/README.md``).

Each model validates one record on its own (types, enumerations, rules across its fields); rules
that need other records (terms exist, studies exist, ids unique) are the loader's.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ._schema import ROLE_ROUTES, ROLES_WITHOUT_ROUTE, Category, Evidence, Role, Setting

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
LongText = Annotated[str, StringConstraints(max_length=5000)]
Abstract = Annotated[str, StringConstraints(max_length=20000)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Printed = Annotated[str, StringConstraints(max_length=300)]  # a name as printed (may be "")
Ref = Annotated[int, Field(ge=1, strict=True)]  # strict: YAML `yes` must not become study 1
Flag = Annotated[bool, Field(strict=True)]
Year = Annotated[int, Field(ge=1900, le=2100, strict=True)]
StudyKey = Annotated[str, StringConstraints(pattern=r"^(pmid:\d+|doi:10\.\S+|local:[a-z0-9][a-z0-9-]*)$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]

Tissue = Literal["bone marrow", "adipose", "umbilical cord", "Wharton's jelly", "iPSC-derived", "not stated"]
CellKind = Literal["primary", "cell line", "tissue in vivo", "group"]
MoleculeKind = Literal["protein", "gene", "miRNA", "organelle", "ion", "lipid", "other", "group"]
ConflictKind = Literal["contradiction", "paraphrase", "omission"]
IdentityStatus = Literal["verified", "partial", "unresolved"]

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
    "CVCL": r"[A-Z0-9]{4}",
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
    """A vocabulary entry. ``parents`` are broader terms of the same vocabulary (IS_A)."""

    id: Slug
    name: Text
    synonyms: list[Text] = Field(default_factory=list)
    curie: str = ""
    curie_source: LongText = ""  # where the CURIE was read: ontology, release or commit, file or URL
    parents: list[Slug] = Field(default_factory=list)
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

    @model_validator(mode="after")
    def _curie_has_source(self) -> Term:
        if self.curie and not self.curie_source.strip():
            raise FieldError("curie_source", "say where the CURIE was read (ontology release/commit, file or URL)")
        if self.id in self.parents:
            raise FieldError("parents", "a term cannot be its own parent")
        return self


class SpeciesTerm(Term):
    pass


class MSCSourceTerm(Term):
    species: Slug | Literal[""] = ""  # "" for a group across species ("BM-MSCs")
    tissue: Tissue | Literal[""] = ""  # "" for a group across tissues ("human MSCs")


class CellTypeTerm(Term):
    species: Slug | Literal[""] = ""
    kind: CellKind
    malignant: Flag = False


class MoleculeTerm(Term):
    kind: MoleculeKind


class ModeTerm(Term):
    category: Category


class ModelTerm(Term):
    species: Slug | Literal[""] = ""


class PathwayTerm(Term):
    """A pathway: a signalling pathway, or a cellular process (e.g. mitophagy) the source names."""

    kind: Literal["signalling", "process"] = "signalling"


class PlainTerm(Term):
    """RCD modes, inducers: no extra fields."""


VOCAB_MODELS: dict[str, type[Term]] = {
    "species": SpeciesTerm,
    "msc_sources": MSCSourceTerm,
    "cell_types": CellTypeTerm,
    "rcd_modes": PlainTerm,
    "modes_of_action": ModeTerm,
    "molecules": MoleculeTerm,
    "pathways": PathwayTerm,
    "inducers": PlainTerm,
    "models": ModelTerm,
}


class AmbiguousSpelling(_Strict):
    """A spelling that names several terms: resolving it lists them instead of guessing."""

    spelling: Text
    candidates: Annotated[list[Text], Field(min_length=2)]  # "<vocabulary>:<term id>"
    note: LongText = ""


class SourceRec(_Strict):
    """A curated source: a review whose tables and prose were read, or a set of papers read from abstracts."""

    id: Slug
    kind: Literal["review", "literature"]
    title: Text
    first_author: Printed = ""
    year: Year | None = None
    journal: Printed = ""
    citation: Printed = ""  # e.g. "Stem Cell Res Ther 2019;10:56"
    doi: Printed = ""
    pmid: Annotated[str, StringConstraints(pattern=r"^(\d+)?$")] = ""
    pmcid: Annotated[str, StringConstraints(pattern=r"^(PMC\d+)?$")] = ""
    source_urls: list[Url] = Field(default_factory=list)
    text: Printed = ""  # where the curator read it, relative to the repository (may be absent from a clone)
    note: LongText = ""


class Identity(_Strict):
    """A study's bibliographic identity, as read on a public page (PubMed, PMC, publisher)."""

    first_author: Printed = ""
    year: Year | None = None
    title: Annotated[str, StringConstraints(max_length=1000)] = ""
    journal: Printed = ""
    pmid: Annotated[str, StringConstraints(pattern=r"^(\d+)?$")] = ""
    doi: Annotated[str, StringConstraints(pattern=r"^(10\.\S+)?$")] = ""
    pmcid: Annotated[str, StringConstraints(pattern=r"^(PMC\d+)?$")] = ""
    source_urls: list[Url] = Field(default_factory=list)
    match: LongText = ""  # how the study was matched to the source's citation
    status: IdentityStatus = "unresolved"
    note: LongText = ""  # why unresolved, any doubt

    @model_validator(mode="after")
    def _sourced(self) -> Identity:
        if (self.pmid or self.doi or self.pmcid) and not self.source_urls:
            raise FieldError("source_urls", "an identifier needs the address of the page it was read on")
        if self.status == "verified" and not (self.pmid or self.doi):
            raise FieldError("status", "verified needs a PMID or a DOI")
        return self


class StudyRec(_Strict):
    """A study a source cites (review) or collects (literature)."""

    ref: Ref | None = None  # the source's reference number (reviews); None for literature sources
    key: StudyKey | Literal[""] = ""  # explicit key; default pmid:N, doi:…, or local:<source>-ref<N>
    first_author: Printed = ""  # as printed in the source ("" when the prose cites only a number)
    citation: Printed = ""  # as printed, e.g. "Drouet et al."
    cited_only: Flag = False  # cited without a finding of its own (no claims)
    identity: Identity = Field(default_factory=Identity)
    abstract: Abstract = ""  # literature sources: the abstract as read (quotes are checked against it)
    abstract_complete: Flag = True  # False: the page read showed only the beginning of the abstract
    note: LongText = ""


class MoleculeRef(_Strict):
    """A molecule of a claim: what it is (``role``) and the route it travels by (``via``)."""

    term: Text
    role: Role
    via: Text | Literal[""] = ""  # a route of the claim (mode of action); "" for molecules inside the rescued cell

    @model_validator(mode="after")
    def _route(self) -> MoleculeRef:
        if self.role in ROLES_WITHOUT_ROUTE and self.via:
            raise FieldError("via", f"a {self.role!r} acts inside the rescued cell: it travels by no route")
        if ROLE_ROUTES[self.role] and not self.via:
            raise FieldError("via", f"say which route of the claim the {self.role!r} travels by (via)")
        return self


class RouteRec(_Strict):
    """A route (mode of action) of a claim; ``hedged`` when the source says "and/or", "might", "suggested"."""

    mode: Text
    hedged: Flag = False


class ContextRec(_Strict):
    """One experiment: which inducer hit which target cells, in which model and setting."""

    setting: Setting
    target_cells: list[Text] = Field(default_factory=list)
    inducers: list[Text] = Field(default_factory=list)
    models: list[Text] = Field(default_factory=list)
    note: LongText = ""


class TableRowRec(_Strict):
    """A printed table row, verbatim."""

    table: Annotated[int, Field(ge=1, strict=True)]
    row: Annotated[int, Field(ge=1, strict=True)]
    studies: Text
    sources: Text
    function: Text
    modes: Text
    reference: Text


class ConflictRec(_Strict):
    field: Text
    table_value: Text
    prose_value: Text
    quote: Quote
    kind: ConflictKind = "contradiction"


class ClaimRec(_Strict):
    """One study's finding, with its experiments (contexts), routes, molecules and provenance."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
    study: Ref | StudyKey  # the source's reference number, or the study key
    evidence: Evidence
    demonstrated: Flag = True
    statement: Slug | Literal[""] = ""  # shared by the claims of one sentence citing several studies jointly
    protects_malignant: Flag = False  # the rescued cells are malignant: for therapy, a risk
    msc_sources: list[Text] = Field(default_factory=list)
    rcd_modes: list[Text] = Field(default_factory=list)
    routes: Annotated[list[RouteRec], Field(min_length=1)]
    molecules: list[MoleculeRef] = Field(default_factory=list)
    pathways: list[Text] = Field(default_factory=list)
    contexts: Annotated[list[ContextRec], Field(min_length=1)]
    table_rows: list[TableRowRec] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    notes: list[LongText] = Field(default_factory=list)
    conflicts: list[ConflictRec] = Field(default_factory=list)

    @property
    def settings(self) -> list[str]:
        """The settings of the claim's contexts, in the usual order."""
        seen = {c.setting for c in self.contexts}
        return [s for s in ("in vitro", "in vivo", "clinical") if s in seen]

    @model_validator(mode="after")
    def _evidence_shape(self) -> ClaimRec:
        if self.evidence == "table":
            if not self.table_rows:
                raise FieldError("table_rows", "a table claim needs at least one entry in table_rows")
            if not self.rcd_modes:
                raise FieldError("rcd_modes", "a table claim names at least one RCD mode (rcd_modes)")
        else:
            if self.table_rows:
                raise FieldError(
                    "table_rows", f"a {self.evidence} claim has no table_rows (they belong to table claims)"
                )
            if not self.quotes:
                article = "an" if self.evidence[0] in "aeiou" else "a"
                raise FieldError("quotes", f"{article} {self.evidence} claim needs at least one verbatim quote")
        return self
