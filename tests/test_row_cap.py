"""A row cap asked for (``max_rows``: the CLI's table page, the explorer's page) is applied by the
engine: the capped text of every named query (``LIMIT $row_cap`` ending each branch, or placed by
the file itself before the work done per row) gives the first rows of the whole answer, and
``truncated`` says whether there were more.

Checked on the curated graph and on a generated corpus of 1,000 claims (answers of hundreds of rows),
for every named query with its example parameters and with other terms.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import pytest

from msc_graph import Graph
from msc_graph._exceptions import ParameterError, QueryFileError
from msc_graph._queries import ROW_CAP, parse, registry

QUERIES = registry()
OWN_CAP = sorted(n for n, q in QUERIES.items() if q.capped == q.cypher)
EXTRA: dict[str, list[dict[str, Any]]] = {
    "evidence-for": [{"term": "apoptosis"}, {"term": "necroptosis", "exact": True}],
    "hypotheses": [{"term": "apoptosis"}],
    "studies": [{"rcd": "apoptosis"}, {"setting": "in vivo"}],
    "molecules-against": [{"rcd": "apoptosis"}],
    # its tallies' rank cuts the page (min_studies 3 too); hypotheses included: the scan's own LIMIT
    "replication-candidates": [{"min_studies": 3}, {"include_hypotheses": True}],
    # its tallies sorted on their small keys and cut before their study lists are read; the scan's own LIMIT
    "sources-by-rcd": [{"min_rcd_modes": 1}, {"include_hypotheses": True}],
}


def _key(row: list[Any]) -> str:
    return repr(row)


def _check(g: Graph, name: str, params: dict[str, Any]) -> int:
    """Pages of 1, 2 and 7 rows: each is part of the whole answer, as long as asked, truncated when
    the answer has more; in the files that cap themselves (their sort keys are unique) the very
    first rows. Returns the length of the whole answer."""
    whole = g.query(name, max_rows=sys.maxsize, **params)
    assert not whole.truncated
    for cap in (1, 2, 7):
        page = g.query(name, max_rows=cap, **params)
        assert page.columns == whole.columns
        assert len(page) == min(cap, len(whole)), (name, params, cap)
        assert page.truncated == (len(whole) > cap), (name, params, cap)
        assert not Counter(map(_key, page.rows)) - Counter(map(_key, whole.rows)), (name, params, cap)
        if name in OWN_CAP:
            assert page.rows == whole.rows[:cap], (name, params, cap)
    return len(whole)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_page_is_the_first_rows_of_the_answer(graph: Graph, name: str) -> None:
    _check(graph, name, QUERIES[name].example_params)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_page_is_the_first_rows_of_a_large_answer(corpus_1k: Graph, name: str) -> None:
    sizes = [_check(corpus_1k, name, p) for p in [QUERIES[name].example_params, *EXTRA.get(name, [])]]
    if name in EXTRA:
        assert max(sizes) > 7, f"{name}: no answer long enough to be cut"


def test_the_files_that_place_their_own_cap() -> None:
    assert OWN_CAP == ["evidence-for", "hypotheses", "paths-between", "replication-candidates", "sources-by-rcd"]
    for name in OWN_CAP:
        assert f":param {ROW_CAP} => " in "\n".join(QUERIES[name].param_lines)


def test_every_branch_of_a_capped_text_ends_with_the_cap() -> None:
    for name, q in QUERIES.items():
        if q.capped is None:
            assert name == "all-nodes"  # bounded by its own `LIMIT $limit` (the export's pages)
            continue
        if q.capped != q.cypher:
            branches = q.capped.split("UNION ALL")
            assert len(branches) == q.cypher.count("\nUNION ALL") + 1
            assert all(b.rstrip().endswith(f"LIMIT ${ROW_CAP}") for b in branches), name


def test_the_default_cap_reads_the_whole_answer_as_before(corpus_1k: Graph) -> None:
    """Without ``max_rows`` the uncapped text runs and the connection's cap cuts after reading."""
    text, bound = corpus_1k.prepare("studies")
    assert corpus_1k.query("studies").rows == corpus_1k.engine.read(text, bound, max_rows=sys.maxsize).rows


@pytest.mark.parametrize("bad", [0, -1, 1.5, "many", True, 10**9])
def test_a_bad_row_cap_is_refused(graph: Graph, bad: Any) -> None:
    with pytest.raises(ParameterError, match="max_rows must be a whole number"):
        graph.query("studies", max_rows=bad)


def test_a_union_the_cap_cannot_split_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "odd.cypher"
    path.write_text(
        "// name: odd\n// description: d\n// returns: x\nRETURN 1 AS x UNION ALL RETURN 2 AS x\n", encoding="utf-8"
    )
    with pytest.raises(QueryFileError, match="UNION ALL"):
        parse(path, system=True)


def test_the_reserved_parameter_name_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "odd.cypher"
    path.write_text(
        "// name: odd\n// description: d\n// param: row_cap (integer) n\n// example: :param row_cap => 3\n"
        "// returns: x\nRETURN $row_cap AS x\n",
        encoding="utf-8",
    )
    with pytest.raises(QueryFileError, match="reserved"):
        parse(path, system=True)


def test_the_cli_table_shows_a_first_page(graph: Graph, data_dir: Any) -> None:
    from .conftest import cli

    out = cli("--data-dir", str(data_dir), "ask", "vocabulary")  # 374 rows on the curated graph
    assert out.exit_code == 0, out.output
    assert "only the first 100 rows: the answer has more (--max-rows N" in out.output
    two = cli("--data-dir", str(data_dir), "ask", "vocabulary", "--max-rows", "2", "--format", "csv")
    assert two.exit_code == 0
    assert len(two.stdout.strip().splitlines()) == 3  # header and two rows
    assert "only the first 2 rows" in two.stderr
    whole = cli("--data-dir", str(data_dir), "ask", "vocabulary", "--format", "csv")
    assert len(whole.stdout.strip().splitlines()) == 1 + len(graph.query("vocabulary", max_rows=sys.maxsize))
    assert "only the first" not in whole.stderr
