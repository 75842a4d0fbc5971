"""Citing the studies behind an answer: BibTeX, RIS and CSL-JSON that real parsers read."""

from __future__ import annotations

import json

import pytest

import msc_graph

from .conftest import cli


@pytest.fixture(scope="module")
def necroptosis(graph: msc_graph.Graph) -> msc_graph.Result:
    return graph.query("modes-of-action-rescuing", rcd="necroptosis")


def _identities(graph: msc_graph.Graph, result: msc_graph.Result) -> list[dict[str, object]]:
    studies = graph.studies_behind(result)
    assert studies, "the answer rests on no study"
    return studies


def test_the_studies_behind_an_answer_are_its_studies(graph: msc_graph.Graph, necroptosis: msc_graph.Result) -> None:
    behind = {s["ref"] for s in _identities(graph, necroptosis) if s.get("ref") is not None}
    assert behind == {r for refs in necroptosis.column("refs") for r in refs}


def test_bibtex_parses_and_keeps_the_identifiers(graph: msc_graph.Graph, necroptosis: msc_graph.Result) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    text = graph.cite(necroptosis, "bibtex")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    studies = _identities(graph, necroptosis)
    assert len(library.entries) == len(studies)
    dois = {f.value for e in library.entries for f in e.fields if f.key == "doi"}
    assert dois == {s["doi"] for s in studies if s.get("doi")}
    # an identity that was not verified says so instead of passing for a full reference
    for s, entry in zip(studies, library.entries, strict=True):
        note = next((f.value for f in entry.fields if f.key == "note"), "")
        assert (s.get("identity_status") == "verified") == ("not verified" not in note)


def test_ris_parses(graph: msc_graph.Graph, necroptosis: msc_graph.Result) -> None:
    rispy = pytest.importorskip("rispy")
    records = rispy.loads(graph.cite(necroptosis, "ris"))
    studies = _identities(graph, necroptosis)
    assert len(records) == len(studies)
    assert {r.get("doi") for r in records if r.get("doi")} == {s["doi"] for s in studies if s.get("doi")}
    assert all(r["type_of_reference"] in ("JOUR", "GEN") for r in records)


def test_csl_json_is_read_by_citeproc(graph: msc_graph.Graph, necroptosis: msc_graph.Result) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(graph.cite(necroptosis, "csl-json"))
    source = CiteProcJSON(items)
    assert len(list(source)) == len(_identities(graph, necroptosis))
    for item in items:
        assert item["type"] in ("article-journal", "article") and item["id"]
    assert citeproc  # imported for CiteProcJSON


def test_cli_cite_and_ask_cite(graph: msc_graph.Graph) -> None:
    out = cli("cite", "modes-of-action-rescuing", "-p", "rcd=pyroptosis", "--format", "ris")
    assert out.exit_code == 0 and out.output.count("ER  -") >= 2
    asked = cli("ask", "modes-of-action-rescuing", "-p", "rcd=pyroptosis", "--cite", "bibtex")
    assert asked.exit_code == 0 and asked.output.count("@") >= 2
    bad = cli("cite", "modes-of-action-rescuing", "-p", "rcd=pyroptosis", "--format", "endnote")
    assert bad.exit_code != 0 and "endnote" in bad.output
