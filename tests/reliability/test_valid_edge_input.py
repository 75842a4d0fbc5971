"""Valid but hostile text loads and is stored verbatim: Cypher injection, unicode, right-to-left, size.

Every free-text field of every record kind (studies, the terms of every vocabulary, claims, printed
table cells, conflicts) is filled with injection strings and unicode, the records are ingested, and
every stored value is read back and compared byte for byte; the node and relationship counts stay
those of the shipped records (nothing was deleted, created or merged by the text).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph._dataset import study_key
from msc_graph._records import StudyRec
from msc_graph._terms import normalize

from .conftest import counts, dump_yaml, load_yaml, record_figure, staging_graphs

INJECTIONS = [
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "\\'}) DETACH DELETE n //",
    '\\"}) CREATE (:Pwned {id: 1}) //',
    "`}) DETACH DELETE n //",
    "$rows }] MATCH (n) DELETE n",
    "CYPHER rows=[] MATCH (n) DETACH DELETE n",
    'x" RETURN 1 UNION MATCH (n) DETACH DELETE n RETURN 1 //',
    "'; CALL db.idx.fulltext.drop('Study'); //",
    "/* */ MERGE (p:Pwned {id: 'x'}) /*",
    "\\u0027 OR 1=1 \\x00 \\\\",
    "line one\nline two\r\nline three\tafter a tab",
    "{{id}} %s %n ${NEO4J_PASSWORD} $(rm -rf /) `id`",
    "<script>alert(1)</script> &amp; ' OR ''='",
]
UNICODE = [
    "الخلايا الجذعية الوسيطة تنقذ الخلايا من الموت",  # Arabic (right to left)
    "תאי גזע מזנכימליים מצילים תאים ממוות",  # Hebrew (right to left)
    "mixed \u202eRLO override\u202c and \u2067isolate\u2069 marks",
    "漢字 かな 한국어 Ελληνικά кириллица",
    "emoji 🧬🔬 ZWJ 👩\u200d🔬 flags 🇪🇺",
    "combining Z̤͔ͧ̑̓ e\u0301 vs \u00e9 (not normalized)",
    "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010fffd end",
    "zero\u200bwidth\ufeffBOM\u00a0nbsp",
]
STRINGS = INJECTIONS + UNICODE


class Filler:
    """Puts strings into every free-text field and remembers what each stored property must be."""

    def __init__(self, shift: int) -> None:
        self.shift = shift
        self.n = 0
        self.expect: list[tuple[str, str, str, Any, bool]] = []  # label, id, prop, value, is-list-member

    def next(self) -> str:
        s = STRINGS[(self.n + self.shift) % len(STRINGS)]
        self.n += 1
        return s

    def want(self, label: str, node_id: str, prop: str, value: Any, member: bool = False) -> None:
        self.expect.append((label, node_id, prop, value, member))


VOCAB_LABEL = {
    "msc_sources": "MSCSource",
    "cell_types": "CellType",
    "rcd_modes": "RCDMode",
    "modes_of_action": "ModeOfAction",
    "molecules": "Molecule",
    "pathways": "Pathway",
    "inducers": "Inducer",
    "models": "Model",
}
SPELLINGS = ("Spelling", "SPELLS")  # spellings are derived from names and synonyms: new text, new spellings


def _key(source: str, study: dict[str, Any]) -> str:
    """The node id of a study record (the loader's own rule)."""
    return study_key(source, StudyRec.model_validate(study))


def fill_records(root: Path, shift: int) -> Filler:
    """Hostile text in every free-text field of the v2 records (``ingest/README.md``)."""
    f = Filler(shift)
    for stem, label in VOCAB_LABEL.items():
        path = root / "vocab" / f"{stem}.yaml"
        terms = load_yaml(path)
        for t in terms:
            name = f"{t['name']} {f.next()}"
            synonym = f"{f.next()} {t['id']}"  # unique within the vocabulary
            t["synonyms"] = [*t.get("synonyms", []), t["name"], synonym]
            t["name"], t["note"] = name, f.next()
            if t.get("curie"):
                t["curie_source"] = f.next()
                f.want(label, t["id"], "curie_source", t["curie_source"])
            f.want(label, t["id"], "name", name)
            f.want(label, t["id"], "note", t["note"])
            f.want(label, t["id"], "synonyms", synonym, True)
            f.want("Spelling", normalize(name), "text", normalize(name))
        dump_yaml(path, terms)
    for folder in sorted(p for p in (root / "sources").iterdir() if p.is_dir()):
        source = folder.name
        src = load_yaml(folder / "source.yaml")
        for prop in ("title", "first_author", "journal", "citation", "note"):
            src[prop] = f.next()
            f.want("Source", source, prop, src[prop])
        dump_yaml(folder / "source.yaml", src)
        studies = load_yaml(folder / "studies.yaml")
        abstracts: dict[str, dict[str, Any]] = {}
        for s in studies:
            key = _key(source, s)
            s["first_author"], s["citation"], s["note"] = f.next(), f.next(), f.next()
            ident = s.setdefault("identity", {})
            ident["title"], ident["journal"], ident["match"], ident["note"] = f.next(), f.next(), f.next(), f.next()
            for prop in ("first_author", "citation", "note"):
                f.want("Study", key, prop, s[prop])
            for prop, stored_as in (("title", "title"), ("journal", "journal"), ("match", "identity_match")):
                f.want("Study", key, stored_as, ident[prop])
            f.want("Study", key, "identity_note", ident["note"])
            abstracts[key] = s
        for path in sorted((folder / "claims").glob("*.yaml")):
            claims = load_yaml(path)
            for c in claims:
                note = f.next()
                c["notes"] = [*c.get("notes", []), note]
                f.want("Claim", c["id"], "notes", note, True)
                if c["evidence"] in ("prose", "abstract"):
                    quote = f.next()
                    c["quotes"] = [*c["quotes"], quote]
                    f.want("Claim", c["id"], "quotes", quote, True)
                    if c["evidence"] == "abstract":  # its quotes must be found in the study's abstract
                        study = abstracts[str(c["study"])]
                        study["abstract"] = f"{study.get('abstract', '')} {quote}"
                for k, ctx in enumerate(c["contexts"], start=1):
                    ctx["note"] = f.next()
                    f.want("Context", f"{c['id']}-x{k}", "note", ctx["note"])
                for row in c.get("table_rows", []):
                    rid = f"{source}-T{row['table']}R{row['row']}"
                    for cell in ("studies", "sources", "function", "modes"):
                        row[cell] = f.next()
                        f.want("TableRow", rid, cell, row[cell])
                    row["reference"] = f"{f.next()} [{c['study']}]"
                    f.want("TableRow", rid, "reference", row["reference"])
                for k, conflict in enumerate(c.get("conflicts", []), start=1):
                    for prop in ("field", "table_value", "prose_value", "quote"):
                        conflict[prop] = f.next()
                        f.want("Conflict", f"{c['id']}-c{k}", prop, conflict[prop])
            dump_yaml(path, claims)
        for key, s in abstracts.items():
            if s.get("abstract"):
                f.want("Study", key, "abstract", s["abstract"])
        dump_yaml(folder / "studies.yaml", studies)
    return f


def stored(g: msc_graph.Graph) -> dict[tuple[str, str], dict[str, Any]]:
    nodes = g.to_networkx().nodes(data=True)
    return {(d["label"], d["id"]): {k: v for k, v in d.items() if k != "label"} for _, d in nodes}


def _without_spellings(c: tuple[dict[str, int], dict[str, int]]) -> tuple[dict[str, int], dict[str, int]]:
    nodes, rels = c
    return {k: v for k, v in nodes.items() if k not in SPELLINGS}, {k: v for k, v in rels.items() if k not in SPELLINGS}


@pytest.fixture(scope="module")
def baseline(data_dir: Path, variants: tuple[Path, Path]) -> tuple[dict[str, int], dict[str, int]]:
    g = msc_graph.connect(data_dir=data_dir, graph="rel_edge_base")
    g.ingest(variants[0])
    out = counts(g)
    g.engine.db.select_graph("rel_edge_base").delete()  # type: ignore[attr-defined]
    g.close()
    return out


def test_hostile_text_in_every_free_text_field_is_stored_verbatim(
    scratch: msc_graph.Graph, variants: tuple[Path, Path], baseline: Any, tmp_path: Path, full_run: bool
) -> None:
    rounds = len(STRINGS) if full_run else 2  # full: every string lands in every field
    checked = 0
    for shift in range(rounds):
        root = tmp_path / f"r{shift}" / "ingest"
        shutil.copytree(variants[0], root)
        filler = fill_records(root, shift)
        report = scratch.ingest(root)
        held = counts(scratch)
        assert _without_spellings(held) == _without_spellings(baseline), "hostile text changed what was created"
        # spellings follow the new names: the engine holds exactly what the ingest says it wrote
        assert {k: v for k, v in held[0].items() if v} == report.nodes
        assert {k: v for k, v in held[1].items() if v} == report.relationships
        nodes = stored(scratch)
        assert not [k for k in nodes if k[0] not in baseline[0]], "a node of an unknown label appeared"
        for label, node_id, prop, value, member in filler.expect:
            got = nodes[(label, node_id)].get(prop)
            if member:
                assert got is not None and value in got, (label, node_id, prop, value, got)
            else:
                assert got == value, (label, node_id, prop, value, got)
            checked += 1
        assert not staging_graphs(scratch)
    assert checked > 1000
    record_figure("hostile_text", rounds=rounds, strings=len(STRINGS), values_checked=checked, mismatches=0)


def test_unicode_term_spellings_resolve_in_records_and_queries(
    scratch: msc_graph.Graph, variants: tuple[Path, Path], tmp_path: Path
) -> None:
    """A right-to-left synonym used by a claim resolves, and `ask` accepts it as a parameter."""
    root = tmp_path / "ingest"
    shutil.copytree(variants[0], root)
    path = root / "vocab" / "rcd_modes.yaml"
    terms = load_yaml(path)
    hebrew = "אפופטוזיס"
    next(t for t in terms if t["id"] == "apoptosis")["synonyms"].append(hebrew)
    dump_yaml(path, terms)
    scratch.ingest(root)
    assert scratch.resolve(hebrew) == "apoptosis"
    by_id = scratch.ask("modes-of-action-rescuing", rcd="apoptosis")
    by_hebrew = scratch.ask("modes-of-action-rescuing", rcd=f"  {hebrew.upper()} ")
    assert len(by_id) > 0 and by_id.equals(by_hebrew)


def test_very_large_valid_vocabulary_loads_completely(
    scratch: msc_graph.Graph, variants: tuple[Path, Path], tmp_path: Path, sizes: dict[str, int]
) -> None:
    n = sizes["large_terms"]
    root = tmp_path / "ingest"
    shutil.copytree(variants[0], root)
    path = root / "vocab" / "pathways.yaml"
    shipped = len(load_yaml(path))
    long_note = "n" * 1000
    bulk = "".join(f"- id: bulk-{i}\n  name: bulk pathway {i}\n  note: {long_note}\n" for i in range(n))
    path.write_text(path.read_text(encoding="utf-8") + bulk, encoding="utf-8")
    size = path.stat().st_size
    report = scratch.ingest(root)
    assert report.nodes["Pathway"] == shipped + n
    assert counts(scratch)[0]["Pathway"] == shipped + n
    last = scratch.cypher("MATCH (p:Pathway {id: $id}) RETURN p.name AS name, size(p.note) AS n", id=f"bulk-{n - 1}")
    assert list(last["name"]) == [f"bulk pathway {n - 1}"] and int(last["n"][0]) == 1000
    record_figure("large_valid_file", terms=n, bytes=size, loaded=n)
