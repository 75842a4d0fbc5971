"""Adding a paper: `msc-graph new-study` writes a template, validate walks the curator through it,
and once filled in and ingested the study appears in every query that should show it.

The paper here is synthetic test data under the DOI prefix 10.5555, which Crossref reserves for
examples: no real identifier is made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import msc_graph

from .conftest import cli

DOI = "10.5555/msc-graph.test.1"
KEY = f"doi:{DOI}"
ABSTRACT = (
    "Human umbilical cord MSC extracellular vesicles protected HK-2 cells from erastin-induced ferroptosis. "
    "EV cargo GPX4 was required for the protection in vitro."
)


def _fill(records: Path) -> None:
    folder = records / "sources" / "literature-2020s"
    studies = yaml.safe_load((folder / "studies.yaml").read_text())
    study = next(s for s in studies if s.get("key") == KEY)
    study["identity"].update(
        source_urls=["https://example.org/msc-graph-test-paper"], first_author="Tester", year=2024, status="partial"
    )
    study["abstract"] = ABSTRACT
    (folder / "studies.yaml").write_text(yaml.safe_dump(studies, sort_keys=False, allow_unicode=True))
    path = folder / "claims" / "doi-10-5555-msc-graph-test-1.yaml"
    claim = yaml.safe_load(path.read_text())[0]
    claim.update(
        msc_sources=["Human UC-MSCs"],
        rcd_modes=["ferroptosis"],
        routes=[{"mode": "EV transfer", "hedged": False}],
        molecules=[{"term": "GPX4", "role": "EV cargo", "via": "EV transfer"}],
        contexts=[{"setting": "in vitro", "target_cells": ["HK-2"], "inducers": [], "models": []}],
        quotes=["EV cargo GPX4 was required for the protection in vitro."],
    )
    path.write_text(yaml.safe_dump([claim], sort_keys=False, allow_unicode=True))


def test_new_study_template_validated_then_ingested_appears_everywhere(scratch: msc_graph.Graph, records: Path) -> None:
    out = cli("new-study", "--doi", DOI, "--records", str(records))
    assert out.exit_code == 0, out.output
    # the bare template is refused, naming what is left to fill in
    with pytest.raises(msc_graph.RecordError) as err:
        msc_graph.validate(records)
    fields = {i.field for i in err.value.issues}
    assert {"identity.source_urls", "quotes"} <= fields, err.value
    again = cli("new-study", "--doi", DOI, "--records", str(records))
    assert again.exit_code != 0 and "already recorded" in again.output

    _fill(records)
    scratch.ingest(records)
    refs = {"source": "literature-2020s"}

    def studies_of(name: str, **params: object) -> set[str]:
        result = scratch.query(name, **params)
        col = "studies" if "studies" in result.columns else "study"
        found = set()
        for v in result.column(col):
            found.update(v if isinstance(v, list) else [v])
        return found

    name = "Tester et al. 2024 (doi:10.5555/msc-graph.test.1)"
    assert name in studies_of("modes-of-action-rescuing", rcd="ferroptosis", **refs)
    assert name in studies_of("molecules-via", mode="EVs", rcd="ferroptosis")
    assert name in studies_of("molecules-against", rcd="ferroptosis")
    assert name in studies_of("studies", target_cell="HK-2", rcd="ferroptosis", setting="in vitro")
    assert name in studies_of("cell-types-rescued", rcd="ferroptosis")
    assert name in studies_of("sources-by-rcd", **refs)
    assert name in studies_of("evidence-for", term=KEY)
    assert name in studies_of("rcd-modes-for", term="GPX4")
    gap = scratch.query("gap-map", **refs).records()
    cell = next(r for r in gap if r["rcd_mode"] == "ferroptosis" and r["mode_of_action"] == "EV transfer")
    assert cell["n_studies"] >= 1 and cell["in_vitro"] >= 1
    assert DOI in scratch.cite(scratch.query("evidence-for", term=KEY), "bibtex")
