"""Neo4j Browser extras: the committed style sheet and guide are the generators' output, every
label and relationship type is styled, and the guide's queries are the query files verbatim."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import msc_graph
from msc_graph import _browser
from msc_graph._schema import NODE_LABELS, REL_TYPES, label_colors

BROWSER = Path(__file__).resolve().parent.parent / "cypher" / "browser"


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """The Neo4j Browser's GraSS parser (shared/services/grassUtils.ts), ported: rules by selector."""
    rules: dict[str, str] = {}
    keyword = props = ""
    in_string = in_props = in_binding = False
    for c in text:
        skip = True
        if c == "{":
            if in_string:
                skip = False
            elif in_props:
                in_binding = True
            else:
                in_props = True
        elif c == "}":
            if in_string:
                skip = False
            elif in_binding:
                in_binding = False
            else:
                in_props = False
                rules[keyword] = props
                keyword = props = ""
        elif c in "'\"":
            in_string = not in_string
        else:
            skip = False
        if skip:
            continue
        if in_props:
            props += c
        elif not c.isspace():
            keyword += c
    out: dict[str, dict[str, str]] = {}
    for sel, body in rules.items():
        out[sel] = {}
        for decl in body.split(";"):
            kv = decl.split(":")
            if len(kv) == 2:
                out[sel][kv[0].strip()] = kv[1].strip()
    return out


def test_committed_files_are_the_generators_output() -> None:
    for name, text in _browser.outputs().items():
        committed = (BROWSER / name).read_text(encoding="utf-8")
        assert committed == text, f"cypher/browser/{name} is stale: run `python -m msc_graph._browser`"


def test_every_label_and_relationship_type_is_styled() -> None:
    rules = parse_grass((BROWSER / _browser.GRASS_FILE).read_text(encoding="utf-8"))
    assert set(rules) == {"node", "relationship"} | {f"node.{x}" for x in NODE_LABELS} | {
        f"relationship.{x}" for x in REL_TYPES
    }
    colors = [rules[f"node.{lab}"]["color"] for lab in NODE_LABELS]
    assert len(set(colors)) == len(NODE_LABELS), "two labels share a colour"
    for lab in NODE_LABELS:
        rule = rules[f"node.{lab}"]
        assert re.fullmatch(r"#[0-9A-F]{6}", rule["color"])
        assert rule["caption"] == "{name}"
        assert rule["color"] == label_colors()[lab]
    for rel in REL_TYPES:
        assert rules[f"relationship.{rel}"]["caption"] == "<type>"


class _Pre(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._open, self._text = dict(attrs), ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._open is not None:
            self.blocks.append((self._open, self._text))
            self._open = None


def test_guide_queries_are_the_registry_files_verbatim() -> None:
    text = (BROWSER / _browser.GUIDE_FILE).read_text(encoding="utf-8")
    assert text.count('<article class="guide">') == 1 and "<script" not in text
    parser = _Pre()
    parser.feed(text)
    registry = msc_graph.named_queries()
    queries = {str(a["data-query"]): body for a, body in parser.blocks if a.get("data-query")}
    assert set(queries) == set(registry)
    for name, body in queries.items():
        assert body == registry[name].path.read_text(encoding="utf-8").strip()
    params: dict[str, list[str]] = {}
    for attrs, body in parser.blocks:
        assert "runnable" in (attrs.get("class") or "")
        if attrs.get("data-param-of"):
            params.setdefault(str(attrs["data-param-of"]), []).append(body)
    for q in registry.values():
        for p in q.params:  # every parameter can be set from the guide before running the query
            assert any(re.match(rf":param {p.name}\s*=>", line) for line in params.get(q.name, [])), (q.name, p.name)


def test_markdown_walkthrough_and_readme() -> None:
    md = (BROWSER / _browser.GUIDE_MD_FILE).read_text(encoding="utf-8")
    for q in msc_graph.named_queries().values():
        assert q.path.read_text(encoding="utf-8").strip() in md
    readme = (BROWSER / "README.md").read_text(encoding="utf-8")
    for step in ("docker compose up -d --wait", "msc-graph ingest", "http://localhost:7474", ":style", ":play"):
        assert step in readme
