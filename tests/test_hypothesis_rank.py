"""``hypotheses`` without a term reads its first rows from ``Claim.hypothesis_rank`` (counted by the
ingest, indexed) instead of scanning every claim: the ranks are the query's order, and a page costs
its rows."""

from __future__ import annotations

import re

from msc_graph import Graph
from msc_graph._queries import ROW_CAP

from .test_tallies import profile_lines


def test_the_ranks_are_the_order_of_the_hypotheses(corpus_1k: Graph) -> None:
    scan = corpus_1k.cypher(
        "MATCH (c:Claim)-[:FROM_STUDY]->(s:Study) WHERE c.demonstrated = false "
        "RETURN c.id AS id ORDER BY s.ref, s.name, c.id"
    )
    ranked = corpus_1k.cypher(
        "MATCH (c:Claim) WHERE c.hypothesis_rank IS NOT NULL RETURN c.id AS id, c.hypothesis_rank AS rank ORDER BY rank"
    )
    assert len(scan) > 50
    assert list(ranked["id"]) == list(scan["id"])
    assert list(ranked["rank"]) == list(range(1, len(scan) + 1))


def test_a_page_of_hypotheses_reads_its_rows_only(corpus_1k: Graph) -> None:
    cypher, bound = corpus_1k.prepare("hypotheses")
    bound[ROW_CAP] = 6
    scans = [ln for ln in profile_lines(corpus_1k, cypher, bound) if re.search(r"\(c:Claim\)", ln) and "Scan" in ln]
    produced = [int(m.group(1)) for ln in scans if (m := re.search(r"Records produced: (\d+)", ln))]
    assert any("Index Scan" in ln for ln in scans)
    assert max(produced) == 6
    page = corpus_1k.query("hypotheses", max_rows=5)
    whole = corpus_1k.query("hypotheses")
    assert page.rows == whole.rows[:5]
