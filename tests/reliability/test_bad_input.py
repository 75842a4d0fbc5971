"""Bad records: each case gives ONE clear RecordError naming file, record and field; the graph stays.

Every case breaks a fresh copy of the shipped records in one way, ingests it over a published graph
and checks: exactly one issue, in the right file, naming the record (its id where it has one) and
the field, with a reason a curator can act on; and the published graph (counts, a query answer, a
digest of every node and relationship) is what it was.
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

T1 = "ingest/claims/table1.yaml"
T2 = "ingest/claims/table2.yaml"
PR = "ingest/claims/prose.yaml"
ST = "ingest/studies.yaml"


def V(stem: str) -> str:
    return f"ingest/vocab/{stem}.yaml"


@dataclass(frozen=True)
class Expect:
    """The one issue a case must produce."""

    file: str
    record: str  # a substring of issue.record ("file" for problems of a whole file)
    field: str  # issue.field, exactly
    reason: str  # a substring of issue.reason (case-insensitive)


class Recs:
    """A writable copy of the records with small editing helpers (paths as the loader labels them)."""

    def __init__(self, root: Path) -> None:
        self.root = root  # .../ingest

    def path(self, rel: str) -> Path:
        return self.root.parent / rel

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

    def claim(self, claim_id: str, fn: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
        for rel in sorted(str(p.relative_to(self.root.parent)) for p in (self.root / "claims").glob("*.yaml")):
            if any(c.get("id") == claim_id for c in self.data(rel)):
                return self.edit(rel, "id", claim_id, fn)
        raise AssertionError(f"no claim {claim_id}")

    def prose(self, pred: Callable[[dict[str, Any]], bool] = lambda c: True) -> dict[str, Any]:
        """The first prose claim satisfying ``pred`` (the prose file is still growing)."""
        for c in self.data(PR):
            if pred(c):
                return c
        raise AssertionError("no such prose claim")


CASES: dict[str, Callable[[Recs], Expect]] = {}


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


REF42 = "'ref42'"  # Table 1 row 1 (Drouet et al. [42]): the first table claim, stable

# -- whole files ---------------------------------------------------------------------------------


@case
def malformed_yaml_unclosed_flow_list(r: Recs) -> Expect:
    r.write(T2, r.text(T2) + "- id: ref99\n  setting: [in vitro\n")
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
def vocabulary_file_is_a_directory(r: Recs) -> Expect:
    r.path(V("models")).unlink()
    r.path(V("models")).mkdir()
    return Expect(V("models"), "file", "", "cannot read")


# -- wrong types ---------------------------------------------------------------------------------


@case
def study_number_as_words(r: Recs) -> Expect:
    r.claim("ref42", _set(study="forty-two"))
    return Expect(T1, REF42, "study", "valid integer")


@case
def study_number_as_boolean(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _set(ref=True))  # YAML `yes` / `true`: must not become study 1
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
def setting_as_scalar(r: Recs) -> Expect:
    r.claim("ref42", _set(setting="in vitro"))
    return Expect(T1, REF42, "setting", "valid list")


@case
def setting_unknown_value(r: Recs) -> Expect:
    r.claim("ref42", _set(setting=["in silico"]))
    return Expect(T1, REF42, "setting[0]", "in vitro")


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
    r.claim("ref42", lambda c: c["table_rows"][0].update(table=5))
    return Expect(T1, REF42, "table_rows[0].table", "less than or equal to 4")


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
    r.replace(ST, "- ref: 42\n", "- ref: 42\n  year: 2019-01-01\n")
    return Expect(ST, "record ", "year", "unknown field")


@case
def required_list_is_null(r: Recs) -> Expect:
    r.claim("ref42", _set(modes_of_action=None))
    return Expect(T1, REF42, "modes_of_action", "valid list")


@case
def required_list_is_empty(r: Recs) -> Expect:
    r.claim("ref42", _set(modes_of_action=[]))
    return Expect(T1, REF42, "modes_of_action", "at least 1")


@case
def molecule_role_unknown(r: Recs) -> Expect:
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c["molecules"][0].update(role="hormone"))
    return Expect(PR, f"'{c['id']}'", "molecules[0].role", "secreted factor")


@case
def molecule_as_plain_string(r: Recs) -> Expect:
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c.update(molecules=[c["molecules"][0]["term"]]))
    return Expect(PR, f"'{c['id']}'", "molecules[0]", "valid dictionary")


@case
def quote_longer_than_300(r: Recs) -> Expect:
    c = r.prose()
    r.claim(c["id"], lambda c: c["quotes"].__setitem__(0, "x" * 301))
    return Expect(PR, f"'{c['id']}'", "quotes[0]", "at most 300")


@case
def study_ref_zero(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _set(ref=0))
    return Expect(ST, "(ref 0)", "ref", "greater than or equal to 1")


@case
def vocabulary_id_not_a_slug(r: Recs) -> Expect:
    r.edit(V("rcd_modes"), "id", "apoptosis", _set(id="Apoptosis Mode"))
    return Expect(V("rcd_modes"), "'Apoptosis Mode'", "id", "pattern")


@case
def vocabulary_curie_malformed(r: Recs) -> Expect:
    r.edit(V("rcd_modes"), "id", "apoptosis", _set(curie="GO:123"))
    return Expect(V("rcd_modes"), "'apoptosis'", "curie", "invalid CURIE")


@case
def vocabulary_curie_unknown_prefix(r: Recs) -> Expect:
    r.edit(V("molecules"), "id", "il-6", _set(curie="FOO:0000001"))
    return Expect(V("molecules"), "'il-6'", "curie", "prefix 'FOO'")


@case
def msc_source_tissue_unknown(r: Recs) -> Expect:
    r.edit(V("msc_sources"), "id", "human-bm-msc", _set(tissue="spleen"))
    return Expect(V("msc_sources"), "'human-bm-msc'", "tissue", "bone marrow")


@case
def cell_type_kind_unknown(r: Recs) -> Expect:
    r.edit(V("cell_types"), "id", "human-cd34-primary", _set(kind="stem"))
    return Expect(V("cell_types"), "'human-cd34-primary'", "kind", "primary")


@case
def molecule_kind_unknown(r: Recs) -> Expect:
    r.edit(V("molecules"), "id", "il-6", _set(kind="enzyme"))
    return Expect(V("molecules"), "'il-6'", "kind", "protein")


@case
def mode_category_unknown(r: Recs) -> Expect:
    r.edit(V("modes_of_action"), "id", "paracrine", _set(category="telepathy"))
    return Expect(V("modes_of_action"), "'paracrine'", "category", "paracrine")


@case
def vocabulary_name_as_list(r: Recs) -> Expect:
    r.edit(V("rcd_modes"), "id", "necroptosis", _set(name=["necroptosis", "necrosis"]))
    return Expect(V("rcd_modes"), "'necroptosis'", "name", "valid string")


@case
def vocabulary_synonyms_as_string(r: Recs) -> Expect:
    r.edit(V("rcd_modes"), "id", "apoptosis", _set(synonyms="apoptotic process"))
    return Expect(V("rcd_modes"), "'apoptosis'", "synonyms", "valid list")


# -- missing required fields ---------------------------------------------------------------------


@case
def claim_without_id(r: Recs) -> Expect:
    r.claim("ref42", _drop("id"))
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
    r.claim("ref42", _drop("setting"))
    return Expect(T1, REF42, "setting", "required")


@case
def claim_without_modes_of_action(r: Recs) -> Expect:
    r.claim("ref42", _drop("modes_of_action"))
    return Expect(T1, REF42, "modes_of_action", "required")


@case
def study_without_ref(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _drop("ref"))
    return Expect(ST, "record ", "ref", "required")


@case
def term_without_name(r: Recs) -> Expect:
    r.edit(V("pathways"), "id", r.data(V("pathways"))[0]["id"], _drop("name"))
    return Expect(V("pathways"), "record 1", "name", "required")


@case
def msc_source_without_species(r: Recs) -> Expect:
    r.edit(V("msc_sources"), "id", "human-bm-msc", _drop("species"))
    return Expect(V("msc_sources"), "'human-bm-msc'", "species", "required")


@case
def table_row_without_reference(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c["table_rows"][0].pop("reference"))
    return Expect(T1, REF42, "table_rows[0].reference", "required")


@case
def molecule_without_role(r: Recs) -> Expect:
    c = r.prose(lambda c: bool(c.get("molecules")))
    r.claim(c["id"], lambda c: c["molecules"][0].pop("role"))
    return Expect(PR, f"'{c['id']}'", "molecules[0].role", "required")


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
def claim_id_does_not_match_study(r: Recs) -> Expect:
    r.claim("ref42", _set(study=39))
    return Expect(T1, REF42, "id", "does not match study 39")


@case
def table_claim_with_prose_id(r: Recs) -> Expect:
    r.claim("ref42", _set(id="ref42-p9"))
    return Expect(T1, "'ref42-p9'", "id", "table claim ids")


@case
def claim_id_pattern(r: Recs) -> Expect:
    r.claim("ref42", _set(id="ref42' OR 1=1 //"))
    return Expect(T1, "OR 1=1", "id", "pattern")


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
def unknown_msc_source_with_suggestion(r: Recs) -> Expect:
    r.claim("ref42", _set(msc_sources=["human bone marow MSCs"]))
    return Expect(T1, REF42, "msc_sources[0]", "did you mean: human-bm-msc")


@case
def unknown_pathway(r: Recs) -> Expect:
    r.claim("ref42", _set(pathways=["quantum entanglement signalling"]))
    return Expect(T1, REF42, "pathways[0]", "unknown pathway")


@case
def unknown_inducer(r: Recs) -> Expect:
    r.claim("ref42", _set(inducers=["gamma-irradiatoin"]))
    return Expect(T1, REF42, "inducers[0]", "did you mean: gamma-irradiation")


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
    r.edit(V("msc_sources"), "id", "human-bm-msc", _set(species="martian"))
    return Expect(V("msc_sources"), "'human-bm-msc'", "species", "unknown species 'martian'")


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
    r.edit(V("rcd_modes"), "id", "necroptosis", lambda t: t["synonyms"].append("apoptotic process"))
    return Expect(V("rcd_modes"), "'necroptosis'", "synonyms", "already names 'apoptosis'")


@case
def duplicate_study(r: Recs) -> Expect:
    data = r.data(ST)
    dup = next(s for s in data if s["ref"] == 42)
    r.save(ST, [*data, copy.deepcopy(dup)])
    return Expect(ST, f"record {len(data) + 1} (ref 42)", "ref", "duplicate study")


@case
def duplicate_claim_id_in_another_file(r: Recs) -> Expect:
    c = r.prose()
    r.save("ingest/claims/zz_extra.yaml", [copy.deepcopy(c)])
    return Expect("ingest/claims/zz_extra.yaml", f"'{c['id']}'", "id", "duplicate of ingest/claims/prose.yaml")


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
    return Expect("ingest/claims", "Table 1", "table_rows", "rows [2] of Table 1 are missing")


@case
def study_cited_by_no_claim(r: Recs) -> Expect:
    r.save(ST, [*r.data(ST), {"ref": 999, "first_author": "Nobody", "citation": "Nobody et al.", "note": ""}])
    return Expect(ST, "study 999", "ref", "no claim cites this study")


@case
def claim_file_with_unknown_field(r: Recs) -> Expect:
    r.claim("ref42", lambda c: c.update(rcd_modez=c.pop("rcd_modes")))
    return Expect(T1, REF42, "rcd_modez", "unknown field")


# -- enormous strings, unicode tricks -------------------------------------------------------------


@case
def enormous_note(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _set(note="HUGE_NOTE"))
    r.replace(ST, "HUGE_NOTE", "x" * 10_000_000)  # 10 MB on one line
    return Expect(ST, "(ref 42)", "note", "at most 5000")


@case
def enormous_first_author(r: Recs) -> Expect:
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
    return Expect(PR, f"'{c['id']}'", f"quotes[{len(c['quotes'])}]", "at most 300")


@case
def right_to_left_override_in_claim_id(r: Recs) -> Expect:
    r.claim("ref42", _set(id="ref42\u202e"))
    return Expect(T1, "'ref42\\u202e'", "id", "pattern")  # shown escaped: visible


@case
def right_to_left_text_in_vocabulary_id(r: Recs) -> Expect:
    r.edit(V("rcd_modes"), "id", "apoptosis", _set(id="\u05d0\u05e4\u05d5\u05e4\u05d8\u05d5\u05d6\u05d9\u05e1"))
    return Expect(V("rcd_modes"), "record 1", "id", "pattern")


@case
def nul_character_from_a_yaml_escape(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _set(note="NUL_PLACEHOLDER"))
    r.replace(ST, "NUL_PLACEHOLDER", '"before\\0after"')  # YAML's \0 escape: valid YAML, a NUL in the value
    return Expect(ST, "(ref 42)", "note", "NUL")


@case
def nul_character_from_a_binary_tag(r: Recs) -> Expect:
    r.edit(ST, "ref", 42, _set(note="NUL_PLACEHOLDER"))
    r.replace(ST, "NUL_PLACEHOLDER", "!!binary AGV2aWw=")  # base64 of "\0evil": bytes, turned into text
    return Expect(ST, "(ref 42)", "note", "NUL")


@case
def control_character_in_yaml_text(r: Recs) -> Expect:
    r.replace(T2, "evidence: table", "evidence: tab\x07le")
    return Expect(T2, "file", "", "malformed YAML")


@case
def large_file_with_one_bad_record_at_the_end(r: Recs) -> Expect:
    path, n = V("pathways"), 20_000
    terms = len(r.data(path))
    bulk = "".join(f"- id: bulk-{i}\n  name: bulk pathway {i}\n  curie: ''\n" for i in range(n - 1))
    bulk += f"- id: bulk-{n - 1}\n  name: bulk pathway {n - 1}\n  curie: GO:not-a-number\n"
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
    with pytest.raises(RecordError) as err:
        g.ingest(root)
    issues = err.value.issues
    assert len(issues) == 1, "expected ONE issue, got:\n" + "\n".join(map(str, issues))
    issue = issues[0]
    assert issue.file == exp.file, str(issue)
    assert exp.record in issue.record, str(issue)
    assert issue.field == exp.field, str(issue)
    assert exp.reason.lower() in issue.reason.lower(), str(issue)
    message = str(err.value)
    assert exp.file in message and (not exp.field or f"field '{exp.field}'" in message)
    assert len(message) < 2000, f"error message of {len(message)} characters"
    assert snapshot(g) == before, "the published graph changed"
    _SEEN[name] = 1
    if len(_SEEN) == len(CASES):
        record_figure("bad_input", cases=len(CASES), one_issue_each=len(CASES), graph_changed=0)


def test_there_are_at_least_50_distinct_bad_inputs() -> None:
    assert len(CASES) >= 50
