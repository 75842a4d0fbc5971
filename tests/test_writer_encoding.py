"""The ingest's fast parameter encoder (``falkor_writer.query``) writes byte for byte the text the
``falkordb`` client writes for the same statement, and refuses what it is not sure about (the writer
then takes the client's checked path, which words the error).

No server is needed: the reference is the client's own header builder.
"""

from __future__ import annotations

import math
from typing import Any

import falkordb
import pytest

import msc_graph
from msc_graph._engines import falkor_writer
from msc_graph._ingest import rows_and_statements

CYPHER = "UNWIND $rows AS r CREATE (n:Claim {id: r.id}) SET n += r.props"


def client_text(cypher: str, params: dict[str, Any]) -> bytes:
    """What the ``falkordb`` client sends for ``cypher`` with ``params``."""
    header: str = falkordb.Graph._build_params_header(None, params)  # type: ignore[arg-type]
    return (header + cypher).encode("utf-8")


class Name(str):
    """A str subclass: the client quotes it as a string."""


EDGE_VALUES: list[Any] = [
    "",
    "plain",
    'a "quoted" word',
    "back\\slash",
    '\\"',
    '"',
    "\\",
    "ends with a backslash\\",
    "line\nbreak\ttab\r",
    "caf\u00e9 \u03b2-catenin \u2192 \U0001f9ec",
    [],
    [""],
    ["a", "b", "c"],
    ["a", 'b"', "c"],
    ["x\\", "y"],
    ['","', "z"],
    ['"', '"'],
    ["a", 1, "b"],
    [1, 2, 3],
    [True, False, None],
    [["nested", "list"], ["of", 'lists"']],
    ("a", "tuple"),
    {"key": "value", "n": 1, "list": ["a", "b"], "none": None},
    {"nested": {"deeper": ["x", {"k": 'v"'}]}},
    True,
    False,
    None,
    0,
    -1,
    2**63 - 1,
    -(2**63),
    1.5,
    -0.0,
    1e300,
]


@pytest.mark.parametrize("value", EDGE_VALUES, ids=repr)
def test_each_kind_of_value_is_written_as_the_client_writes_it(value: Any) -> None:
    params = {"rows": [{"id": "c1", "props": {"v": value}}], "one": value}
    assert falkor_writer.query(CYPHER, params) == client_text(CYPHER, params)


@pytest.mark.parametrize("value", [[Name("sub"), "class"], Name('quoted "sub"'), {"k": Name("v")}], ids=repr)
def test_a_str_subclass_is_written_as_the_client_writes_it_or_refused(value: Any) -> None:
    params = {"rows": [{"id": "c1", "props": {"v": value}}]}
    try:
        text = falkor_writer.query(CYPHER, params)
    except falkor_writer.Unencodable:
        return  # the writer sends it through the client's own path
    assert text == client_text(CYPHER, params)


def test_every_statement_of_the_curated_ingest_is_written_as_the_client_writes_it() -> None:
    _, steps = rows_and_statements(msc_graph.validate())
    assert len(steps) > 50
    for cypher, batch in steps:
        params = {"rows": batch}
        assert falkor_writer.query(cypher, params) == client_text(cypher, params), cypher


REFUSED: list[Any] = [
    "nul\x00inside",
    ["a", "nul\x00"],
    "lone \ud800 surrogate",
    ["x", "\udfff"],
    math.nan,
    [math.inf],
    2**63,
    [-(2**63) - 1],
    {"": 1},
    {"back`tick": 1},
    {1: "not a text key"},
    object(),
    [b"bytes"],
    {1, 2},
]


@pytest.mark.parametrize("value", REFUSED, ids=repr)
def test_what_the_fast_encoder_is_not_sure_about_is_refused(value: Any) -> None:
    with pytest.raises(falkor_writer.Unencodable):
        falkor_writer.query(CYPHER, {"rows": [{"id": "c1", "props": {"v": value}}]})
