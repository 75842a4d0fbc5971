"""The synonym table (tests/data/synonyms.tsv) through the real resolvers.

Each row names a spelling, its vocabulary and the term id it must resolve to, or ``AMBIGUOUS`` with
the candidate ids it names (ingest/vocab/ambiguous.yaml); ``source`` is the review line where the
spelling is printed (``../shared/sources/000_808a76f477bdf626.txt``) or "common usage". Both resolvers
are exercised: the loader's ``msc_graph.validate().vocabs[stem].resolve`` (what ``msc-graph validate``
and the claim files use) and a connected ``Graph.resolve(spelling, label)`` (what every term
parameter of a named query uses).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import pytest

import msc_graph
from msc_graph._dataset import Dataset
from msc_graph._exceptions import AmbiguousTermError
from msc_graph._schema import VOCAB_LABELS

from . import review_text
from .conftest import INGEST, needs_review_text

TABLE = Path(__file__).resolve().parent / "data" / "synonyms.tsv"


class Row(NamedTuple):
    spelling: str
    vocab: str
    expected: str
    candidates: tuple[str, ...]
    source: str


def _rows() -> list[Row]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return [
            Row(
                r["spelling"], r["vocab"], r["expected"], tuple(c for c in r["candidates"].split(";") if c), r["source"]
            )
            for r in csv.DictReader(fh, delimiter="\t")
        ]


ROWS = _rows()
VOCABS = sorted({r.vocab for r in ROWS})


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return msc_graph.validate(INGEST)


def test_the_table_covers_every_vocabulary_and_its_traps() -> None:
    assert len(ROWS) >= 800
    assert set(VOCABS) == {
        "cell_types",
        "inducers",
        "models",
        "modes_of_action",
        "molecules",
        "msc_sources",
        "pathways",
        "rcd_modes",
    }
    ambiguous = [r for r in ROWS if r.expected == "AMBIGUOUS"]
    assert len(ambiguous) >= 10 and all(len(r.candidates) >= 2 for r in ambiguous)
    spellings = {(r.spelling, r.vocab) for r in ROWS}
    assert len(spellings) == len(ROWS), "a spelling is listed twice for one vocabulary"
    # the review's printed typos are in it (Table 2 "RPMI 8266", Table 4 "HaCAT", "Human WJ-MSCS", "miRNA-410a")
    assert {"rpmi 8266", "hacat", "human wj-mscs", "mirna-410a"} <= {r.spelling.lower() for r in ROWS}


def _check(resolve: object, row: Row) -> str | None:
    """None when ``resolve(row.spelling)`` behaves as the row says, else what went wrong."""
    assert callable(resolve)
    if row.expected == "AMBIGUOUS":
        try:
            got = resolve(row.spelling)
        except AmbiguousTermError as err:
            ids = {tid for tid, _ in err.candidates}
            return None if ids == set(row.candidates) else f"{row.spelling!r}: candidates {sorted(ids)}"
        return f"{row.spelling!r}: resolved to {got!r} instead of being refused as ambiguous"
    try:
        got = resolve(row.spelling)
    except msc_graph.MscGraphError as err:
        return f"{row.spelling!r}: {err}"
    return None if got == row.expected else f"{row.spelling!r}: {got!r} != {row.expected!r}"


@pytest.mark.parametrize("vocab", VOCABS)
def test_every_spelling_resolves_in_the_loader(ds: Dataset, vocab: str) -> None:
    problems = [p for r in ROWS if r.vocab == vocab if (p := _check(ds.vocabs[vocab].resolve, r))]
    assert not problems, problems


@pytest.mark.parametrize("vocab", VOCABS)
def test_every_spelling_resolves_in_a_connected_graph(graph: msc_graph.Graph, vocab: str) -> None:
    label = VOCAB_LABELS[vocab]

    def resolve(spelling: str) -> str:
        return graph.resolve(spelling, label)

    problems = [p for r in ROWS if r.vocab == vocab if (p := _check(resolve, r))]
    assert not problems, problems


def test_ambiguous_spellings_name_their_candidates_in_the_error(ds: Dataset) -> None:
    with pytest.raises(AmbiguousTermError) as err:
        ds.vocabs["molecules"].resolve("Cx")
    message = str(err.value)
    for tid in ("connexins", "cx43", "cx45"):
        assert tid in message


def test_spelling_is_case_and_whitespace_insensitive(graph: msc_graph.Graph) -> None:
    assert graph.resolve("  human   BM-MSCs ", "MSCSource") == "human-bm-msc"
    assert graph.resolve("NECROPTOSIS", "RCDMode") == "necroptosis"


@needs_review_text
def test_printed_spellings_are_printed_where_the_table_says() -> None:
    wrong = [
        r
        for r in ROWS
        if r.source.isdigit()
        and not review_text.says(int(r.source), int(r.source) + 1, r.spelling)
        and not review_text.says(int(r.source), int(r.source) + 1, r.spelling.lower())
        and review_text.norm(r.spelling).lower() not in review_text.lines(int(r.source), int(r.source) + 1).lower()
    ]
    assert not wrong, wrong
