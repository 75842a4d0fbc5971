"""Bad records: each case gives ONE clear RecordError naming file, record and field; the graph stays.

Every case breaks a fresh copy of the shipped records in one way, ingests it over a published graph
and checks: exactly one issue, in the right file, naming the record (its id where it has one) and
the field, with a reason a curator can act on; and the published graph (counts, a query answer, a
digest of every node and relationship) is what it was.

The records are in the v2 layout (``ingest/README.md``): ``vocab/``, then one folder per source
(``sources/<source>/source.yaml``, ``studies.yaml``, ``claims/*.yaml``). Cases pick the records
they break by what they are (the first table claim, a leaf term, a claim with an EV cargo), not by
fixed positions, because the curators are still adding terms, groups and studies.
"""

from __future__ import annotations

import copy
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import RecordError

from .conftest import dump_yaml, load_yaml, record_figure, snapshot

NAJI = "ingest/sources/naji-2019"  # the review: tables and prose
LIT = "ingest/sources/literature-2020s"  # papers read from their abstracts
T1 = f"{NAJI}/claims/table1.yaml"
T2 = f"{NAJI}/claims/table2.yaml"
PR = f"{NAJI}/claims/prose.yaml"
ST = f"{NAJI}/studies.yaml"
SRC = f"{NAJI}/source.yaml"
LST = f"{LIT}/studies.yaml"
AMB = "ingest/vocab/ambiguous.yaml"
LONE = 990  # the reference number of a study this suite adds (cited_only: no claim points at it)


def V(stem: str) -> str:
    return f"ingest/vocab/{stem}.yaml"


@dataclass(frozen=True)
class Expect:
    """The one issue a case must produce."""

    file: str
    record: str  # a substring of issue.record ("file" for problems of a whole file)
    field: str  # issue.field, exactly
    reason: str  # a substring of issue.reason (case-insensitive)
    also: tuple[str, ...] = ()  # more substrings the reason must hold


class Recs:
    """A writable copy of the records with small editing helpers (paths as the loader labels them)."""

    def __init__(self, root: Path) -> None:
        self.root = root  # .../ingest

    def path(self, rel: str) -> Path:
        return self.root.parent / rel

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.root.parent))

    def text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> None:
        p = self.path(rel)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.text(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def data(self, rel: str) -> list[dict[str, Any]]:
        out = load_yaml(self.path(rel))
        assert isinstance(out, list)
        return out

    def save(self, rel: str, data: Any) -> None:
        dump_yaml(self.path(rel), data)

    def edit(self, rel: str, key: str, value: Any, fn: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
        """Apply ``fn`` to the record whose ``key`` is ``value``; return a copy of it as it was."""
        data = self.data(rel)
        for rec in data:
            if rec.get(key) == value:
                before = copy.deepcopy(rec)
                fn(rec)
                self.save(rel, data)
                return before
        raise AssertionError(f"no record with {key}={value!r} in {rel}")

    def index(self, rel: str, key: str, value: Any) -> int:
        """The 1-based position of the record whose ``key`` is ``value`` (as the loader counts)."""
        return next(i for i, rec in enumerate(self.data(rel), start=1) if rec.get(key) == value)

    # -- claims ----------------------------------------------------------------------------------
    def claim_files(self) -> list[str]:
        return sorted(self.rel(p) for p in (self.root / "sources").glob("*/claims/*.yaml"))

    def claims(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(file, claim) for every claim of every source, in the loader's order."""
        for rel in self.claim_files():
            for c in self.data(rel):
                yield rel, c

    def file_of(self, claim_id: str) -> str:
        return next(rel for rel, c in self.claims() if c.get("id") == claim_id)

    def claim(self, claim_id: str, fn: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
        return self.edit(self.file_of(claim_id), "id", claim_id, fn)

    def prose(self, pred: Callable[[dict[str, Any]], bool] = lambda c: True) -> dict[str, Any]:
        """The first prose claim satisfying ``pred`` (the prose file is still growing)."""
        for c in self.data(PR):
            if pred(c):
                return c
        raise AssertionError("no such prose claim")

    def find(self, pred: Callable[[dict[str, Any]], bool]) -> tuple[str, dict[str, Any]]:
        """(file, claim) of the first claim of any source satisfying ``pred``."""
        for rel, c in self.claims():
            if pred(c):
                return rel, c
        raise AssertionError("no such claim")

    def with_molecule(self, role: str) -> tuple[str, dict[str, Any], int]:
        """(file, claim, index) of the first molecule of that role in any claim."""
        for rel, c in self.claims():
            for i, m in enumerate(c.get("molecules") or []):
                if m.get("role") == role:
                    return rel, c, i
        raise AssertionError(f"no claim has a molecule of role {role!r}")

    # -- vocabularies and studies ----------------------------------------------------------------
    def leaf(self, stem: str) -> tuple[str, int]:
        """(id, position) of the first term of ``stem`` that no other record points at: not a parent
        of another term, not a candidate of an ambiguous spelling (breaking it breaks only itself)."""
        terms = self.data(V(stem))
        parents = {p for t in terms for p in t.get("parents") or []}
        amb = self.data(AMB) if self.path(AMB).exists() else []
        candidates = {c for a in amb for c in a.get("candidates") or []}
        for i, t in enumerate(terms, start=1):
            if t["id"] not in parents and f"{stem}:{t['id']}" not in candidates:
                return t["id"], i
        raise AssertionError(f"no leaf term in {stem}")

    def lone_study(self, **fields: Any) -> int:
        """Add a study no claim cites (cited_only) to the review's studies; return its ref."""
        rec: dict[str, Any] = {"ref": LONE, "first_author": "Nobody", "citation": "Nobody et al.", "cited_only": True}
        self.save(ST, [*self.data(ST), {**rec, **fields}])
        return LONE

    def add_ambiguous(self, spelling: str, candidates: list[str]) -> None:
        amb = self.data(AMB) if self.path(AMB).exists() else []
        self.save(AMB, [*amb, {"spelling": spelling, "candidates": candidates, "note": "added by a test"}])

    def first_table_claim(self) -> str:
        return str(self.data(T1)[0]["id"])


CASES: dict[str, Callable[[Recs], Expect]] = {}


# Bugs of the package that some cases show (reported). A case whose one issue comes out wrong is a
# strict expected failure (``@known``): fixing the bug makes it pass, and the mark must then go.
def case(fn: Callable[[Recs], Expect]) -> Callable[[Recs], Expect]:
    CASES[fn.__name__] = fn
    return fn


def _set(**kv: Any) -> Callable[[dict[str, Any]], None]:
    def fn(rec: dict[str, Any]) -> None:
        rec.update(kv)

    return fn


def _drop(*keys: str) -> Callable[[dict[str, Any]], None]:
    def fn(rec: dict[str, Any]) -> None:
        for k in keys:
            rec.pop(k)

    return fn


def _ctx(k: int, **kv: Any) -> Callable[[dict[str, Any]], None]:
    """Update the ``k``-th context of a claim."""

    def fn(rec: dict[str, Any]) -> None:
        rec["contexts"][k].update(kv)

    return fn


REF42 = "'ref42'"  # Table 1 row 1 (Drouet et al. [42]): the first table claim, stable

# -- whole files ---------------------------------------------------------------------------------


@case
def malformed_yaml_unclosed_flow_list(r: Recs) -> Expect:
    r.write(T2, r.text(T2) + "- id: ref99\n  routes: [paracrine\n")
    return Expect(T2, "file", "", "malformed YAML")


@case
def malformed_yaml_bad_indentation(r: Recs) -> Expect:
    r.replace(T1, "  evidence: table\n", "  evidence: table\n     demonstrated: true\n")
    return Expect(T1, "file", "", "malformed YAML")


@case
def malformed_yaml_tab_indentation(r: Recs) -> Expect:
    r.replace(PR, "  evidence: prose\n", "  evidence: prose\n\tdemonstrated: true\n")
    return Expect(PR, "file", "", "malformed YAML")


@case
def malformed_yaml_unterminated_quote(r: Recs) -> Expect:
    r.write(ST, r.text(ST) + '- ref: 998\n  note: "never closed\n')
    return Expect(ST, "file", "", "malformed YAML")


@case
def malformed_yaml_in_a_vocabulary(r: Recs) -> Expect:
    r.write(V("rcd_modes"), r.text(V("rcd_modes")) + "- id: [broken\n")
    return Expect(V("rcd_modes"), "file", "", "malformed YAML")


@case
def malformed_yaml_python_tag(r: Recs) -> Expect:
    r.replace(T1, "  study: 42\n", "  study: !!python/object/apply:os.system ['true']\n")
    return Expect(T1, REF42, "", "malformed YAML")


@case
def malformed_yaml_in_a_source_file(r: Recs) -> Expect:
    r.write(SRC, r.text(SRC) + "title: [unclosed\n")
    return Expect(SRC, "file", "", "malformed YAML")


@case
def duplicate_key_in_a_record(r: Recs) -> Expect:
    r.replace(T1, "  study: 42\n", "  study: 42\n  study: 43\n")
    return Expect(T1, REF42, "study", "duplicate key")


@case
def duplicate_key_in_a_table_row(r: Recs) -> Expect:
    r.replace(T1, "    row: 1\n", "    row: 1\n    row: 2\n")
    return Expect(T1, REF42, "row", "duplicate key")


@case
def empty_claims_file(r: Recs) -> Expect:
    r.write(T2, "")
    return Expect(T2, "file", "", "empty file")


@case
def comments_only_file(r: Recs) -> Expect:
    r.write(T2, "# nothing curated yet\n")
    return Expect(T2, "file", "", "empty file")


@case
def empty_vocabulary_file(r: Recs) -> Expect:
    r.write(V("inducers"), "")
    return Expect(V("inducers"), "file", "", "empty file")


@case
def binary_junk(r: Recs) -> Expect:
    r.write(T2, random.Random(6).randbytes(64 * 1024))
    return Expect(T2, "file", "", "not UTF-8")


@case
def nul_bytes_in_text(r: Recs) -> Expect:
    r.write(T2, r.text(T2).replace("evidence", "evi\x00dence", 1))
    return Expect(T2, "file", "", "NUL")


@case
def utf16_encoded_file(r: Recs) -> Expect:
    r.write(T2, r.text(T2).encode("utf-16"))
    return Expect(T2, "file", "", "not UTF-8")


@case
def binary_junk_in_studies(r: Recs) -> Expect:
    r.write(ST, b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(4096))
    return Expect(ST, "file", "", "not UTF-8")


@case
def top_level_mapping_instead_of_list(r: Recs) -> Expect:
    r.write(T2, "id: ref99\nstudy: 99\n")
    return Expect(T2, "file", "", "expected a YAML list")


@case
def source_file_is_a_list(r: Recs) -> Expect:
    r.write(SRC, "- id: naji-2019\n  kind: review\n  title: A review\n")
    return Expect(SRC, "file", "", "expected one record")


@case
def record_is_a_scalar(r: Recs) -> Expect:
    r.write(T2, r.text(T2) + "- just a sentence, not a record\n")
    return Expect(T2, "record ", "", "must be a mapping")


@case
def file_larger_than_the_limit(r: Recs) -> Expect:
    with open(r.path(T2), "r+b") as fh:  # sparse: costs no disk, but the size says 600 MiB
        fh.truncate(600 * 1024 * 1024)
    return Expect(T2, "file", "", "larger than")


@case
def missing_vocabulary_file(r: Recs) -> Expect:
    r.path(V("pathways")).unlink()
    return Expect(V("pathways"), "file", "", "missing vocabulary file")


@case
def missing_studies_file(r: Recs) -> Expect:
    r.path(ST).unlink()
    return Expect(ST, "file", "", "missing studies file")


@case
def missing_source_file(r: Recs) -> Expect:
    r.path(SRC).unlink()
    return Expect(SRC, "file", "", "missing source file")


@case
def vocabulary_file_is_a_directory(r: Recs) -> Expect:
    r.path(V("models")).unlink()
    r.path(V("models")).mkdir()
    return Expect(V("models"), "file", "", "not a regular file (a folder)")


# -- wrong types ---------------------------------------------------------------------------------


@case
def study_number_as_words(r: Recs) -> Expect:
    r.claim("ref42", _set(study="forty-two"))
    return Expect(T1, REF42, "study", "valid integer")


@case
def study_number_as_boolean(r: Recs) -> Expect:
    ref = r.lone_study()
    r.edit(ST, "ref", ref, _set(ref=True))  # YAML `yes` / `true`: must not become study 1
    return Expect(ST, "record ", "ref", "valid integer")


@case
def study_number_as_fraction(r: Recs) -> Expect:
    r.claim("ref42", _set(study=42.5))
    return Expect(T1, REF42, "study", "integer")


@case
def demonstrated_not_boolean(r: Recs) -> Expect:
    r.claim("ref42", _set(demonstrated="maybe"))
    return Expect(T1, REF42, "demonstrated", "valid boolean")


@case
def context_list_as_scalar(r: Recs) -> Expect:
    r.claim("ref42", _ctx(0, target_cells="human-cd34-primary"))
    return Expect(T1, REF42, "contexts[0].target_cells", "valid list")


@case
def setting_unknown_value(r: Recs) -> Expect:
    """New rule: an unknown setting inside a context."""
    r.claim("ref42", _ctx(0, setting="in silico"))
    return Expect(T1, REF42, "contexts[0].setting", "in vitro")


@case
def setting_unknown_in_a_later_context(r: Recs) -> Expect:
    _, c = r.find(lambda c: len(c.get("contexts") or []) >= 2)
    r.claim(c["id"], _ctx(1, setting="ex vivo"))
    return Expect(r.file_of(c["id"]), f"'{c['id']}'", "contexts[1].setting", "in vivo")


@case
def evidence_unknown_value(r: Recs) -> Expect:
    r.claim("ref42", _set(evidence="anecdote"))
    return Expect(T1, REF42, "evidence", "table")


@case
def table_row_number_as_text(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["table_rows"][0].update(row="one"))
    return Expect(T1, REF42, "table_rows[0].row", "valid integer")


@case
def table_number_out_of_range(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["table_rows"][0].update(table=0))  # v2: tables 1..n (no upper bound)
    return Expect(T1, REF42, "table_rows[0].table", "greater than or equal to 1")


@case
def rcd_modes_as_number(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=42))
    return Expect(T1, REF42, "rcd_modes", "valid list")


@case
def note_as_mapping(r: Recs) -> Expect:
    r.claim("ref42", _set(notes=[{"a": 1}]))
    return Expect(T1, REF42, "notes[0]", "valid string")


@case
def note_as_date(r: Recs) -> Expect:
    r.lone_study()
    r.replace(ST, f"- ref: {LONE}\n", f"- ref: {LONE}\n  year: 2019-01-01\n")  # v2: the year is identity.year
    return Expect(ST, f"(ref {LONE})", "year", "unknown field")


@case
def identity_year_as_date(r: Recs) -> Expect:
    r.lone_study()
    r.replace(ST, f"- ref: {LONE}\n", f"- ref: {LONE}\n  identity:\n    year: 2019-01-01\n")
    return Expect(ST, f"(ref {LONE})", "identity.year", "valid integer")


@case
def required_list_is_null(r: Recs) -> Expect:
    r.claim("ref42", _set(routes=None))
    return Expect(T1, REF42, "routes", "valid list")


@case
def required_list_is_empty(r: Recs) -> Expect:
    r.claim("ref42", _set(routes=[]))
    return Expect(T1, REF42, "routes", "at least 1")


@case
def route_hedged_not_boolean(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["routes"][0].update(hedged="and/or"))
    return Expect(T1, REF42, "routes[0].hedged", "valid boolean")


@case
def molecule_role_unknown(r: Recs) -> Expect:
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c["molecules"][0].update(role="hormone"))
    return Expect(PR, f"'{c['id']}'", "molecules[0].role", "secreted factor")


@case
def molecule_role_of_v1(r: Recs) -> Expect:
    """A v1 role name ("organelle", "intracellular signalling target") is refused with the v2 roles."""
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c["molecules"][0].update(role="intracellular signalling target"))
    return Expect(PR, f"'{c['id']}'", "molecules[0].role", "target or readout in the rescued cell")


@case
def molecule_as_plain_string(r: Recs) -> Expect:
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c.update(molecules=[c["molecules"][0]["term"]]))
    return Expect(PR, f"'{c['id']}'", "molecules[0]", "valid dictionary")


@case
def quote_longer_than_400(r: Recs) -> Expect:
    c = r.prose()
    r.claim(c["id"], lambda c: c["quotes"].__setitem__(0, "x" * 401))
    return Expect(PR, f"'{c['id']}'", "quotes[0]", "at most 400")


@case
def study_ref_zero(r: Recs) -> Expect:
    ref = r.lone_study()
    r.edit(ST, "ref", ref, _set(ref=0))
    return Expect(ST, "(ref 0)", "ref", "greater than or equal to 1")


@case
def study_key_malformed(r: Recs) -> Expect:
    key = str(r.data(LST)[0]["key"])
    r.edit(LST, "key", key, _set(key="PMID 35720183"))
    return Expect(LST, "(key 'PMID 35720183')", "key", "pattern")


@case
def vocabulary_id_not_a_slug(r: Recs) -> Expect:
    tid, _ = r.leaf("rcd_modes")
    r.edit(V("rcd_modes"), "id", tid, _set(id="Not A Slug"))
    return Expect(V("rcd_modes"), "'Not A Slug'", "id", "pattern")


@case
def vocabulary_curie_malformed(r: Recs) -> Expect:
    tid, _ = r.leaf("rcd_modes")
    r.edit(V("rcd_modes"), "id", tid, _set(curie="GO:123", curie_source="GO release 2026-01-01"))
    return Expect(V("rcd_modes"), f"'{tid}'", "curie", "invalid CURIE")


@case
def vocabulary_curie_unknown_prefix(r: Recs) -> Expect:
    tid, _ = r.leaf("molecules")
    r.edit(V("molecules"), "id", tid, _set(curie="FOO:0000001", curie_source="FOO release 1"))
    return Expect(V("molecules"), f"'{tid}'", "curie", "prefix 'FOO'")


@case
def msc_source_tissue_unknown(r: Recs) -> Expect:
    tid, _ = r.leaf("msc_sources")
    r.edit(V("msc_sources"), "id", tid, _set(tissue="spleen"))
    return Expect(V("msc_sources"), f"'{tid}'", "tissue", "bone marrow")


@case
def cell_type_kind_unknown(r: Recs) -> Expect:
    tid, _ = r.leaf("cell_types")
    r.edit(V("cell_types"), "id", tid, _set(kind="stem"))
    return Expect(V("cell_types"), f"'{tid}'", "kind", "primary")


@case
def cell_type_malignant_not_boolean(r: Recs) -> Expect:
    tid, _ = r.leaf("cell_types")
    r.edit(V("cell_types"), "id", tid, _set(malignant="sometimes"))
    return Expect(V("cell_types"), f"'{tid}'", "malignant", "valid boolean")


@case
def molecule_kind_unknown(r: Recs) -> Expect:
    tid, _ = r.leaf("molecules")
    r.edit(V("molecules"), "id", tid, _set(kind="enzyme"))
    return Expect(V("molecules"), f"'{tid}'", "kind", "protein")


@case
def pathway_kind_unknown(r: Recs) -> Expect:
    tid, _ = r.leaf("pathways")
    r.edit(V("pathways"), "id", tid, _set(kind="cascade"))
    return Expect(V("pathways"), f"'{tid}'", "kind", "signalling")


@case
def mode_category_unknown(r: Recs) -> Expect:
    tid, _ = r.leaf("modes_of_action")
    r.edit(V("modes_of_action"), "id", tid, _set(category="telepathy"))
    return Expect(V("modes_of_action"), f"'{tid}'", "category", "paracrine")


@case
def vocabulary_name_as_list(r: Recs) -> Expect:
    tid, _ = r.leaf("rcd_modes")
    r.edit(V("rcd_modes"), "id", tid, _set(name=[tid, "necrosis"]))
    return Expect(V("rcd_modes"), f"'{tid}'", "name", "valid string")


@case
def invalid_term_that_is_a_parent(r: Recs) -> Expect:
    terms = r.data(V("rcd_modes"))
    parent = next(p for t in terms for p in t.get("parents") or [])
    r.edit(V("rcd_modes"), "id", parent, _set(name=[parent, "necrosis"]))
    return Expect(V("rcd_modes"), f"'{parent}'", "name", "valid string")


@case
def vocabulary_synonyms_as_string(r: Recs) -> Expect:
    tid, _ = r.leaf("rcd_modes")
    r.edit(V("rcd_modes"), "id", tid, _set(synonyms="one spelling"))
    return Expect(V("rcd_modes"), f"'{tid}'", "synonyms", "valid list")


@case
def vocabulary_parents_as_string(r: Recs) -> Expect:
    tid, _ = r.leaf("cell_types")
    r.edit(V("cell_types"), "id", tid, _set(parents="cardiomyocyte"))
    return Expect(V("cell_types"), f"'{tid}'", "parents", "valid list")


# -- missing required fields ---------------------------------------------------------------------


@case
def claim_without_id(r: Recs) -> Expect:
    first = r.first_table_claim()
    r.claim(first, _drop("id"))
    return Expect(T1, "record 1", "id", "required")


@case
def claim_without_study(r: Recs) -> Expect:
    r.claim("ref42", _drop("study"))
    return Expect(T1, REF42, "study", "required")


@case
def claim_without_evidence(r: Recs) -> Expect:
    r.claim("ref42", _drop("evidence"))
    return Expect(T1, REF42, "evidence", "required")


@case
def claim_without_setting(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["contexts"][0].pop("setting"))
    return Expect(T1, REF42, "contexts[0].setting", "required")


@case
def claim_without_routes(r: Recs) -> Expect:
    r.claim("ref42", _drop("routes"))
    return Expect(T1, REF42, "routes", "required")


@case
def claim_without_contexts(r: Recs) -> Expect:
    r.claim("ref42", _drop("contexts"))
    return Expect(T1, REF42, "contexts", "required")


@case
def route_without_mode(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["routes"][0].pop("mode"))
    return Expect(T1, REF42, "routes[0].mode", "required")


@case
def study_without_ref_key_pmid_or_doi(r: Recs) -> Expect:
    r.save(ST, [*r.data(ST), {"first_author": "Nobody", "citation": "Nobody et al.", "cited_only": True}])
    n = len(r.data(ST))
    return Expect(ST, f"record {n}", "key", "needs a ref, a key, a PMID or a DOI")


@case
def term_without_name(r: Recs) -> Expect:
    tid, i = r.leaf("pathways")
    r.edit(V("pathways"), "id", tid, _drop("name"))
    return Expect(V("pathways"), f"record {i} (id '{tid}')", "name", "required")


@case
def cell_type_without_kind(r: Recs) -> Expect:
    """v1's "MSC source without species": species may now be "" (a group), a cell type's kind is required."""
    tid, _ = r.leaf("cell_types")
    r.edit(V("cell_types"), "id", tid, _drop("kind"))
    return Expect(V("cell_types"), f"'{tid}'", "kind", "required")


@case
def table_row_without_reference(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["table_rows"][0].pop("reference"))
    return Expect(T1, REF42, "table_rows[0].reference", "required")


@case
def molecule_without_role(r: Recs) -> Expect:
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c["molecules"][0].pop("role"))
    return Expect(PR, f"'{c['id']}'", "molecules[0].role", "required")


@case
def source_without_kind(r: Recs) -> Expect:
    src = load_yaml(r.path(SRC))
    src.pop("kind")
    dump_yaml(r.path(SRC), src)
    return Expect(SRC, "(id 'naji-2019')", "kind", "required")


# -- rules across fields -------------------------------------------------------------------------


@case
def table_claim_without_rows(r: Recs) -> Expect:
    r.claim("ref42", _set(table_rows=[]))
    return Expect(T1, REF42, "table_rows", "at least one entry")


@case
def table_claim_without_rcd_mode(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=[]))
    return Expect(T1, REF42, "rcd_modes", "RCD mode")


@case
def prose_claim_without_quotes(r: Recs) -> Expect:
    c = r.prose()
    r.claim(c["id"], _set(quotes=[]))
    return Expect(PR, f"'{c['id']}'", "quotes", "verbatim quote")


@case
def prose_claim_with_table_rows(r: Recs) -> Expect:
    c = r.prose()
    row = r.data(T1)[0]["table_rows"][0]
    r.claim(c["id"], _set(table_rows=[row]))
    return Expect(PR, f"'{c['id']}'", "table_rows", "prose claim has no table_rows")


@case
def claim_cites_a_study_of_another_source(r: Recs) -> Expect:
    """v1's "claim id does not match its study" (v2 ids are a naming convention, not checked): a
    review claim pointing at a study that only the literature source lists."""
    key = str(r.data(LST)[0]["key"])
    r.claim("ref42", _set(study=key))
    return Expect(T1, REF42, "study", f"no study {key} in sources/naji-2019/studies.yaml")


@case
def claim_id_used_in_another_source(r: Recs) -> Expect:
    """v1's "table claim with a prose id": v2 claim ids are unique across sources."""
    rel, c = r.find(lambda c: c.get("evidence") == "abstract")
    r.claim(c["id"], _set(id="ref42"))  # the literature folder is read first (sources in name order)
    return Expect(T1, REF42, "id", f"duplicate of {rel}")


@case
def claim_id_pattern(r: Recs) -> Expect:
    r.claim("ref42", _set(id="ref42' OR 1=1 //"))
    return Expect(T1, "OR 1=1", "id", "pattern")


@case
def claim_with_no_context(r: Recs) -> Expect:
    """New rule: a claim has at least one context."""
    r.claim("ref42", _set(contexts=[]))
    return Expect(T1, REF42, "contexts", "at least 1")


@case
def molecule_ev_cargo_without_via(r: Recs) -> Expect:
    """New rule: an EV cargo says the route it travels by."""
    rel, c, i = r.with_molecule("EV cargo")
    r.claim(c["id"], lambda c: c["molecules"][i].pop("via"))
    return Expect(rel, f"'{c['id']}'", f"molecules[{i}].via", "say which route")


@case
def molecule_via_not_a_route_of_the_claim(r: Recs) -> Expect:
    """New rule: ``via`` names one of the claim's routes."""
    rel, c, i = r.with_molecule("EV cargo")
    routes = {r_["mode"] for r_ in c["routes"]}
    assert "gap junction" not in routes and "gap-junction" not in routes
    r.claim(c["id"], lambda c: c["molecules"][i].update(via="gap junction"))
    return Expect(rel, f"'{c['id']}'", f"molecules[{i}].via", "not one of the claim's routes")


@case
def molecule_via_on_a_target_or_readout(r: Recs) -> Expect:
    """New rule: a target or readout in the rescued cell travels by no route."""
    rel, c, i = r.with_molecule("target or readout in the rescued cell")
    route = c["routes"][0]["mode"]
    r.claim(c["id"], lambda c: c["molecules"][i].update(via=route))
    return Expect(rel, f"'{c['id']}'", f"molecules[{i}].via", "acts inside the rescued cell")


@case
def molecule_role_route_category_mismatch(r: Recs) -> Expect:
    """New rule: the role's route category (a secreted factor travels by a paracrine route)."""
    rel, c, i = r.with_molecule("EV cargo")
    r.claim(c["id"], lambda c: c["molecules"][i].update(role="secreted factor"))
    return Expect(rel, f"'{c['id']}'", f"molecules[{i}].via", "travels by paracrine, not 'EV transfer'")


@case
def curie_without_curie_source(r: Recs) -> Expect:
    """New rule: a CURIE says where it was read."""
    tid, _ = r.leaf("rcd_modes")
    r.edit(V("rcd_modes"), "id", tid, _set(curie="GO:0012501", curie_source=""))
    return Expect(V("rcd_modes"), f"'{tid}'", "curie_source", "where the CURIE was read")


@case
def term_parent_does_not_exist(r: Recs) -> Expect:
    """New rule: parents are terms of the same vocabulary."""
    tid, _ = r.leaf("cell_types")
    r.edit(V("cell_types"), "id", tid, _set(parents=["no-such-group"]))
    return Expect(V("cell_types"), f"'{tid}'", "parents[0]", "no term 'no-such-group' in this vocabulary")


@case
def term_parent_from_another_vocabulary(r: Recs) -> Expect:
    tid, _ = r.leaf("cell_types")
    r.edit(V("cell_types"), "id", tid, _set(parents=["apoptosis"]))  # an RCD mode, not a cell type
    return Expect(V("cell_types"), f"'{tid}'", "parents[0]", "no term 'apoptosis' in this vocabulary")


@case
def term_is_its_own_parent(r: Recs) -> Expect:
    tid, _ = r.leaf("molecules")
    r.edit(V("molecules"), "id", tid, _set(parents=[tid]))
    return Expect(V("molecules"), f"'{tid}'", "parents", "its own parent")


@case
def parent_cycle_of_two_terms(r: Recs) -> Expect:
    """New rule: no cycle through parents (one mistake, one issue)."""
    terms = r.data(V("molecules"))
    child = next(t for t in terms if t.get("parents"))
    parent = child["parents"][0]
    r.edit(V("molecules"), "id", parent, _set(parents=[child["id"]]))
    return Expect(V("molecules"), f"'{parent}'", "parents", "a cycle")


@case
def identity_pmid_without_source_urls(r: Recs) -> Expect:
    """New rule: an identifier needs the address of the page it was read on."""
    r.lone_study(identity={"pmid": "12345678", "source_urls": [], "status": "verified"})
    return Expect(ST, f"(ref {LONE})", "identity.source_urls", "address of the page")


@case
def verified_without_pmid_or_doi(r: Recs) -> Expect:
    """New rule: status verified needs a PMID or a DOI."""
    r.lone_study(identity={"pmcid": "PMC123", "source_urls": ["https://example.org/PMC123"], "status": "verified"})
    return Expect(ST, f"(ref {LONE})", "identity.status", "verified needs a PMID or a DOI")


@case
def claim_citing_a_cited_only_study(r: Recs) -> Expect:
    """New rule: a cited_only study has no claim."""
    ref = r.lone_study()
    c = r.prose()
    r.claim(c["id"], _set(study=ref))
    return Expect(PR, f"'{c['id']}'", "study", "cited_only")


@case
def statement_shared_by_claims_of_one_study(r: Recs) -> Expect:
    """New rule: a joint statement joins claims of at least two studies."""
    c = r.prose(lambda c: not c.get("statement"))
    r.claim(c["id"], _set(statement="s-only-one-study"))
    return Expect(PR, f"claim '{c['id']}'", "statement", "joins claims of one study only")


@case
def abstract_quote_not_in_the_abstract(r: Recs) -> Expect:
    """New rule: an abstract claim's quotes are found in its study's abstract."""
    rel, c = r.find(lambda c: c.get("evidence") == "abstract")
    r.claim(c["id"], lambda c: c["quotes"].__setitem__(0, "MSCs cured every disease in this abstract."))
    return Expect(rel, f"'{c['id']}'", "quotes[0]", "not found verbatim in the study's abstract")


@case
def abstract_claim_of_a_study_without_abstract(r: Recs) -> Expect:
    rel, c = r.find(lambda c: c.get("evidence") == "abstract")
    r.edit(LST, "key", c["study"], _set(abstract=""))
    return Expect(rel, f"'{c['id']}'", "evidence", "needs the study's abstract")


@case
def spelling_both_ambiguous_and_a_synonym(r: Recs) -> Expect:
    """New rule: a spelling is either ambiguous (vocab/ambiguous.yaml) or a term's, not both."""
    a, _ = r.leaf("rcd_modes")
    b = next(t["id"] for t in r.data(V("rcd_modes")) if t["id"] != a)
    r.edit(V("rcd_modes"), "id", a, lambda t: t.setdefault("synonyms", []).append("zz two ways"))
    r.add_ambiguous("zz two ways", [f"rcd_modes:{a}", f"rcd_modes:{b}"])
    return Expect(AMB, "spelling 'zz two ways'", "spelling", f"also a spelling of '{a}'")


@case
def ambiguous_candidate_that_does_not_exist(r: Recs) -> Expect:
    r.add_ambiguous("zz nowhere", ["rcd_modes:apoptosis", "rcd_modes:no-such-mode"])
    n = len(r.data(AMB))
    return Expect(AMB, f"record {n}", "candidates[1]", "not <vocabulary>:<term id> of an existing term")


@case
def claim_using_an_ambiguous_spelling(r: Recs) -> Expect:
    """New rule: an ambiguous spelling is refused with its candidates, not guessed."""
    terms = r.data(V("rcd_modes"))
    a, b = terms[0]["id"], terms[1]["id"]
    r.add_ambiguous("zz either mode", [f"rcd_modes:{a}", f"rcd_modes:{b}"])
    r.claim("ref42", _set(rcd_modes=["zz either mode"]))
    return Expect(T1, REF42, "rcd_modes[0]", "ambiguous", also=(a, b))


@case
def source_id_is_not_its_folder_name(r: Recs) -> Expect:
    """New rule: source.yaml's id is the name of its folder."""
    src = load_yaml(r.path(SRC))
    src["id"] = "naji-2020"
    dump_yaml(r.path(SRC), src)
    return Expect(SRC, "(id 'naji-2020')", "id", "must equal its folder name 'naji-2019'")


@case
def source_url_not_an_address(r: Recs) -> Expect:
    src = load_yaml(r.path(SRC))
    src["source_urls"] = ["stemcellres.biomedcentral.com"]
    dump_yaml(r.path(SRC), src)
    return Expect(SRC, "(id 'naji-2019')", "source_urls[0]", "pattern")


# -- references to things that do not exist ------------------------------------------------------


@case
def unknown_rcd_mode_with_suggestion(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=["necroptosys"]))
    return Expect(T1, REF42, "rcd_modes[0]", "unknown RCD mode 'necroptosys'; did you mean: necroptosis")


@case
def unknown_molecule_with_suggestion(r: Recs) -> Expect:
    c = r.prose(lambda c: any(m["term"] == "il-6" for m in c.get("molecules", [])))
    i = [m["term"] for m in c["molecules"]].index("il-6")
    r.claim(c["id"], lambda c: c["molecules"][i].update(term="IL-66"))
    return Expect(PR, f"'{c['id']}'", f"molecules[{i}].term", "did you mean: il-6")


@case
def unknown_route_with_suggestion(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["routes"][0].update(mode="paracrin"))
    return Expect(T1, REF42, "routes[0].mode", "did you mean: paracrine")


@case
def unknown_msc_source_with_suggestion(r: Recs) -> Expect:
    r.claim("ref42", _set(msc_sources=["human bone marow MSCs"]))
    return Expect(T1, REF42, "msc_sources[0]", "human-bm-msc")


@case
def unknown_pathway(r: Recs) -> Expect:
    r.claim("ref42", _set(pathways=["quantum entanglement signalling"]))
    return Expect(T1, REF42, "pathways[0]", "unknown pathway")


@case
def unknown_inducer(r: Recs) -> Expect:
    r.claim("ref42", _ctx(0, inducers=["gamma-irradiatoin"]))
    return Expect(T1, REF42, "contexts[0].inducers[0]", "did you mean: gamma-irradiation")


@case
def unknown_target_cell_in_a_later_context(r: Recs) -> Expect:
    _, c = r.find(lambda c: len(c.get("contexts") or []) >= 2)
    r.claim(c["id"], _ctx(1, target_cells=["martian neurons"]))
    return Expect(r.file_of(c["id"]), f"'{c['id']}'", "contexts[1].target_cells[0]", "unknown cell type")


@case
def lookalike_unicode_term(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=["apopt\u03bfsis"]))  # Greek omicron
    return Expect(T1, REF42, "rcd_modes[0]", "did you mean: apoptosis")


@case
def zero_width_space_in_term(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=["apop\u200btosis"]))
    return Expect(T1, REF42, "rcd_modes[0]", "did you mean: apoptosis")


@case
def injection_as_term_reference(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=["apoptosis'}) MATCH (n) DETACH DELETE n //"]))
    return Expect(T1, REF42, "rcd_modes[0]", "unknown RCD mode")


@case
def unknown_species_of_a_source(r: Recs) -> Expect:
    tid, _ = r.leaf("msc_sources")
    r.edit(V("msc_sources"), "id", tid, _set(species="martian"))
    return Expect(V("msc_sources"), f"'{tid}'", "species", "unknown species 'martian'")


@case
def claim_points_at_missing_study(r: Recs) -> Expect:
    c = r.prose()
    new = "ref999-p" + c["id"].split("-p")[1]
    r.claim(c["id"], _set(id=new, study=999))
    return Expect(PR, f"'{new}'", "study", "no study 999")


@case
def duplicate_vocabulary_id(r: Recs) -> Expect:
    data = r.data(V("rcd_modes"))
    r.save(V("rcd_modes"), [*data, copy.deepcopy(data[0])])
    return Expect(V("rcd_modes"), f"record {len(data) + 1} (id '{data[0]['id']}')", "id", "duplicate id")


@case
def synonym_names_another_term(r: Recs) -> Expect:
    a, _ = r.leaf("rcd_modes")
    other = next(t for t in r.data(V("rcd_modes")) if t["id"] != a)
    r.edit(V("rcd_modes"), "id", a, lambda t: t.setdefault("synonyms", []).append(other["name"]))
    return Expect(V("rcd_modes"), f"'{a}'", "synonyms", f"already names '{other['id']}'")


@case
def duplicate_study(r: Recs) -> Expect:
    data = r.data(ST)
    dup = next(s for s in data if s["ref"] == 42)
    r.save(ST, [*data, copy.deepcopy(dup)])
    return Expect(ST, f"record {len(data) + 1} (ref 42)", "ref", "duplicate study")


@case
def duplicate_claim_id_in_another_file(r: Recs) -> Expect:
    c = r.prose()
    extra = f"{NAJI}/claims/zz_extra.yaml"
    r.save(extra, [copy.deepcopy(c)])
    return Expect(extra, f"'{c['id']}'", "id", f"duplicate of {PR}")


@case
def table_row_claimed_twice(r: Recs) -> Expect:
    first = r.data(T1)[0]
    row = copy.deepcopy(first["table_rows"][0])

    def add(c: dict[str, Any]) -> None:
        row["reference"] = f"{row['reference']} [{c['study']}]"
        c["table_rows"].append(row)

    second = r.data(T1)[1]
    r.claim(second["id"], add)
    k = len(second["table_rows"])
    return Expect(T1, f"'{second['id']}'", f"table_rows[{k}]", f"already claimed by {first['id']}")


@case
def table_reference_cites_another_study(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["table_rows"][0].update(reference="Drouet et al. [43]"))
    return Expect(T1, REF42, "table_rows[0].reference", "does not cite [42]")


@case
def table_row_missing_in_sequence(r: Recs) -> Expect:
    data = r.data(T1)
    gone = next(c for c in data if any(t["table"] == 1 and t["row"] == 2 for t in c["table_rows"]))
    r.save(T1, [c for c in data if c is not gone])
    return Expect(f"{NAJI}/claims", "Table 1", "table_rows", "rows [2] of Table 1 are missing")


@case
def study_cited_by_no_claim(r: Recs) -> Expect:
    """New rule (v2 wording): a study with no claim must be marked cited_only."""
    r.save(ST, [*r.data(ST), {"ref": 999, "first_author": "Nobody", "citation": "Nobody et al.", "note": ""}])
    return Expect(ST, "study 999", "ref", "no claim cites this study")


@case
def literature_study_without_claims(r: Recs) -> Expect:
    identity = {"pmid": "99999999", "source_urls": ["https://pubmed.ncbi.nlm.nih.gov/99999999/"], "status": "verified"}
    r.save(LST, [*r.data(LST), {"first_author": "Nobody", "identity": identity}])
    return Expect(LST, "study pmid:99999999", "ref", "no claim cites this study")


@case
def claim_file_with_unknown_field(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c.update(rcd_modez=c.pop("rcd_modes")))
    return Expect(T1, REF42, "rcd_modez", "unknown field")


@case
def claim_with_a_v1_field(r: Recs) -> Expect:
    """v1's claim-level ``setting`` (now in contexts) is an unknown field, not silently ignored."""
    r.claim("ref42", _set(setting=["in vitro"]))
    return Expect(T1, REF42, "setting", "unknown field")


# -- enormous strings, unicode tricks -------------------------------------------------------------


@case
def enormous_note(r: Recs) -> Expect:
    r.lone_study(note="HUGE_NOTE")
    r.replace(ST, "HUGE_NOTE", "x" * 10_000_000)  # 10 MB on one line
    return Expect(ST, f"(ref {LONE})", "note", "at most 5000")


@case
def enormous_first_author(r: Recs) -> Expect:
    r.lone_study(first_author="Drouet" * 200_000)
    return Expect(ST, f"(ref {LONE})", "first_author", "at most")


@case
def invalid_study_cited_by_claims(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _set(first_author="Drouet" * 200_000))
    return Expect(ST, "(ref 42)", "first_author", "at most")


@case
def enormous_term_reference(r: Recs) -> Expect:
    r.claim("ref42", _set(rcd_modes=["apoptosis" * 100_000]))
    return Expect(T1, REF42, "rcd_modes[0]", "at most 2000")


@case
def enormous_quote(r: Recs) -> Expect:
    c = r.prose()
    r.claim(c["id"], lambda c: c["quotes"].append("q" * 1_000_000))
    return Expect(PR, f"'{c['id']}'", f"quotes[{len(c['quotes'])}]", "at most 400")


@case
def enormous_abstract(r: Recs) -> Expect:
    key = str(r.data(LST)[0]["key"])
    r.edit(LST, "key", key, _set(abstract="a" * 20_001))
    return Expect(LST, f"(key '{key}')", "abstract", "at most 20000")


@case
def right_to_left_override_in_claim_id(r: Recs) -> Expect:
    r.claim("ref42", _set(id="ref42\u202e"))
    return Expect(T1, "'ref42\\u202e'", "id", "pattern")  # shown escaped: visible


@case
def right_to_left_text_in_vocabulary_id(r: Recs) -> Expect:
    tid, i = r.leaf("rcd_modes")
    r.edit(V("rcd_modes"), "id", tid, _set(id="\u05d0\u05e4\u05d5\u05e4\u05d8\u05d5\u05d6\u05d9\u05e1"))
    return Expect(V("rcd_modes"), f"record {i}", "id", "pattern")


@case
def nul_character_from_a_yaml_escape(r: Recs) -> Expect:
    r.lone_study(note="NUL_PLACEHOLDER")
    r.replace(ST, "NUL_PLACEHOLDER", '"before\\0after"')  # YAML's \0 escape: valid YAML, a NUL in the value
    return Expect(ST, f"(ref {LONE})", "note", "NUL")


@case
def nul_character_from_a_binary_tag(r: Recs) -> Expect:
    r.lone_study(note="NUL_PLACEHOLDER")
    r.replace(ST, "NUL_PLACEHOLDER", "!!binary AGV2aWw=")  # base64 of "\0evil": bytes, turned into text
    return Expect(ST, f"(ref {LONE})", "note", "NUL")


@case
def nul_character_in_a_claim_quote(r: Recs) -> Expect:
    c = r.prose()
    r.claim(c["id"], lambda c: c["quotes"].__setitem__(0, "NUL_PLACEHOLDER"))
    r.replace(PR, "NUL_PLACEHOLDER", '"a quote\\0 with a NUL"')
    return Expect(PR, f"'{c['id']}'", "quotes[0]", "NUL")


@case
def control_character_in_yaml_text(r: Recs) -> Expect:
    r.replace(T2, "evidence: table", "evidence: tab\x07le")
    return Expect(T2, "file", "", "malformed YAML")


@case
def large_file_with_one_bad_record_at_the_end(r: Recs) -> Expect:
    path, n = V("pathways"), 20_000
    terms = len(r.data(path))
    bulk = "".join(f"- id: bulk-{i}\n  name: bulk pathway {i}\n  curie: ''\n" for i in range(n - 1))
    bulk += f"- id: bulk-{n - 1}\n  name: bulk pathway {n - 1}\n  curie: GO:not-a-number\n  curie_source: x\n"
    r.write(path, r.text(path) + bulk)
    return Expect(path, f"record {terms + n} (id 'bulk-{n - 1}')", "curie", "invalid CURIE")


# -- the test ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(data_dir: Path, variants: tuple[Path, Path]) -> Iterator[tuple[msc_graph.Graph, Any]]:
    """A graph of its own on the session server, ingested once; with its snapshot."""
    g = msc_graph.connect(data_dir=data_dir, graph="rel_bad_input")
    g.ingest(variants[0])
    yield g, snapshot(g)
    g.engine.db.select_graph("rel_bad_input").delete()  # type: ignore[attr-defined]
    g.close()


_SEEN: dict[str, int] = {}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_one_clear_error_and_changes_nothing(
    name: str, published: tuple[msc_graph.Graph, Any], variants: tuple[Path, Path], tmp_path: Path
) -> None:
    g, before = published
    root = tmp_path / "ingest"
    shutil.copytree(variants[0], root)
    exp = CASES[name](Recs(root))
    try:
        g.ingest(root)
    except RecordError as exc:
        err = exc
    except Exception:  # not the library's record error: still, nothing may have changed
        assert snapshot(g) == before, "the published graph changed"
        raise
    else:
        g.ingest(variants[0])  # put the published graph back for the next cases
        pytest.fail(f"the bad records of {name} were accepted")
    assert snapshot(g) == before, "the published graph changed"
    message = str(err)
    issues = err.issues
    listing = "\n".join(map(str, issues))
    right = [i for i in issues if i.file == exp.file and exp.record in i.record and i.field == exp.field]
    assert right, f"no issue on {exp.file} / {exp.record} / field {exp.field!r}; got:\n{listing}"
    issue = right[0]
    for part in (exp.reason, *exp.also):
        assert part.lower() in issue.reason.lower(), str(issue)
    assert exp.file in message and (not exp.field or f"field '{exp.field}'" in message)
    assert len(issues) == 1, "expected ONE issue (the cause only, not its consequences), got:\n" + listing
    assert len(message) < 2000, f"error message of {len(message)} characters"
    _SEEN[name] = 1


def test_there_are_at_least_50_distinct_bad_inputs() -> None:
    assert len(CASES) >= 50
    if _SEEN:  # after the cases (this test is collected last): what they showed
        record_figure("bad_input", cases=len(CASES), one_issue_each=len(_SEEN), graph_changed=0)
