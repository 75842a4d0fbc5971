"""How spellings are compared (:func:`msc_graph._terms.normalize`): lower case, whitespace collapsed.

The form must stay what Cypher's ``toLower(trim($x))`` gives for text typed with single spaces, and
what the ``Spelling.text`` of the ingest holds, so that a term resolves the same in Python and in the
query files.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

import msc_graph
from msc_graph._api import _SPELLED
from msc_graph._terms import TermIndex, normalize


def test_whitespace_is_what_a_regular_expression_calls_whitespace() -> None:
    """``str.split()`` (which normalize uses) and the regular expression class of whitespace agree on
    every code point."""
    space = re.compile(r"\s")
    differ = [cp for cp in range(sys.maxunicode + 1) if chr(cp).isspace() != bool(space.fullmatch(chr(cp)))]
    assert differ == []


@pytest.mark.parametrize(
    ("typed", "form"),
    [
        ("Necroptosis", "necroptosis"),
        ("  programmed \t necrosis\n", "programmed necrosis"),
        ("BM\u00a0MSCs", "bm mscs"),  # a no-break space
        ("IL\u20036", "il 6"),  # an em space
        ("TNF-\u03b1", "tnf-\u03b1"),
        ("", ""),
        (" \u3000 ", ""),
    ],
)
def test_normalize(typed: str, form: str) -> None:
    assert normalize(typed) == form
    assert normalize(typed) == re.sub(r"\s+", " ", typed).strip().lower()


def test_an_index_resolves_any_spelling_and_skips_blank_ones() -> None:
    rows: list[dict[str, Any]] = [
        {"label": "RCDMode", "id": "necroptosis", "name": "Necroptosis", "synonyms": ["programmed  necrosis", " "]},
        {"label": "RCDMode", "id": "apoptosis", "name": "Apoptosis", "synonyms": None},
    ]
    index = TermIndex.from_rows(rows)
    assert index.resolve("PROGRAMMED necrosis", "RCDMode") == "necroptosis"
    assert index.resolve(" apoptosis ", "RCDMode") == "apoptosis"
    assert "" not in index.vocabs["RCDMode"].index


def _outcome(fn: Any) -> str:
    try:
        return f"id {fn()}"
    except msc_graph.MscGraphError as exc:
        return type(exc).__name__


def test_a_spelling_resolves_by_one_lookup_as_by_the_whole_index(graph: msc_graph.Graph) -> None:
    """Every spelling of every vocabulary term, in its own case and shouted, resolved with no index
    loaded (one indexed lookup when it names one term) gives what the whole index gives."""
    index = graph.terms()
    checked = fast = 0
    for lab in sorted(_SPELLED):
        vocab = index.vocabs[lab]
        for text in sorted({*vocab.index, *vocab.ambiguous}):
            for typed in (text, f" {text.upper()} "):
                graph._terms = None  # as a fresh connection: nothing loaded yet
                got = _outcome(lambda t=typed, lb=lab: graph.resolve(t, lb))
                fast += graph._terms is None
                assert got == _outcome(lambda t=typed, lb=lab: index.resolve(t, lb)), (lab, typed)
                checked += 1
    assert checked > 500 and fast > checked // 2, (checked, fast)
    assert any(index.vocabs[lab].ambiguous for lab in _SPELLED), "the curated vocabularies declare ambiguities"
