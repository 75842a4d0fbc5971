"""Property-based fuzzing of the record loader and ingest (hypothesis).

Starting from the shipped records, hypothesis breaks them at random: field values replaced by any
YAML value (text in every script, huge or negative numbers, NaN, nested lists and maps, null),
fields deleted or added, records duplicated, raw bytes spliced in, files truncated, YAML syntax
characters inserted. Property: the loader returns a dataset or raises one of the library's own
errors (MscGraphError), never anything else; and whatever it returns is published completely (the
engine holds exactly what the ingest says it wrote, no staging graph left) or not at all (the
previous graph is unchanged).
"""

from __future__ import annotations

import copy
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import msc_graph
from msc_graph import MscGraphError

from .conftest import counts, fingerprint, record_figure, staging_graphs

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
YAML_SPECIAL = st.text(st.sampled_from(list(":-[]{}&*!|>'\"%@`#,?\n\t \\")), min_size=1, max_size=8)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(
        ["apoptosis", "necroptosis", "in vitro", "table", "prose", "abstract", "il-6", "EV cargo", "ref42", "", "42"]
    ),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


@st.composite
def mutation(draw: Any, files: list[str]) -> tuple[Any, ...]:
    kind = draw(st.sampled_from(["set", "set", "set", "nested", "delete", "dup", "bytes", "truncate", "text"]))
    f = draw(st.sampled_from(files))
    if kind in ("set", "nested", "delete", "dup"):
        return (kind, f, draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000)), draw(TEXT), draw(VALUES))
    if kind == "bytes":
        return (kind, f, draw(st.floats(0, 1)), draw(st.binary(min_size=1, max_size=64)))
    if kind == "truncate":
        return (kind, f, draw(st.floats(0, 1)))
    return (kind, f, draw(st.floats(0, 1)), draw(YAML_SPECIAL))


def _apply(files: dict[str, bytes], parsed: dict[str, Any], op: tuple[Any, ...]) -> None:
    kind, f = op[0], op[1]
    if kind in ("set", "nested", "delete", "dup"):
        _, _, i, j, newkey, value = op
        data = copy.deepcopy(parsed[f])
        if not data:
            return
        single = isinstance(data, dict)  # v2 source.yaml: one record, a mapping
        if single:
            data = [data]
        rec = data[i % len(data)]
        keys = sorted(rec, key=str)
        key = keys[j % len(keys)] if keys and j % 4 else newkey
        if kind == "set":
            rec[key] = value
        elif kind == "delete":
            rec.pop(key, None)
        elif kind == "dup":
            data.append(copy.deepcopy(rec))
        else:  # nested: inside a list of mappings (contexts, routes, molecules, table_rows, conflicts)
            lists = [k for k in keys if isinstance(rec[k], list) and rec[k] and isinstance(rec[k][0], dict)]
            if not lists:
                return
            inner = rec[lists[j % len(lists)]][0]
            inner_keys = sorted(inner, key=str)
            inner[inner_keys[i % len(inner_keys)] if inner_keys else newkey] = value
        out = data[0] if single and len(data) == 1 else data  # a duplicated source record: a list, refused
        parsed[f] = out
        files[f] = yaml.safe_dump(out, allow_unicode=True, sort_keys=False).encode("utf-8")
        return
    raw = files[f]
    pos = int(op[2] * len(raw))
    if kind == "bytes":
        files[f] = raw[:pos] + op[3] + raw[pos:]
    elif kind == "truncate":
        files[f] = raw[:pos]
    else:
        files[f] = raw[:pos] + op[3].encode("utf-8") + raw[pos:]
    parsed[f] = []  # raw edits: later data edits of this file have nothing to work on


@pytest.fixture(scope="module")
def fuzz_graph(data_dir: Path, variants: tuple[Path, Path]) -> Iterator[msc_graph.Graph]:
    g = msc_graph.connect(data_dir=data_dir, graph="rel_fuzz")
    g.ingest(variants[0])
    yield g
    for name in g.engine.db.list_graphs():  # type: ignore[attr-defined]
        if name.startswith("rel_fuzz"):
            g.engine.db.select_graph(name).delete()  # type: ignore[attr-defined]
    g.close()


def test_loader_and_ingest_never_crash_and_never_publish_a_partial_graph(
    fuzz_graph: msc_graph.Graph, variants: tuple[Path, Path], tmp_path: Path, sizes: dict[str, int]
) -> None:
    src = variants[0]
    base = {str(p.relative_to(src)): p.read_bytes() for p in sorted(src.rglob("*.yaml"))}
    base_parsed = {k: yaml.safe_load(v) for k, v in base.items()}
    names = sorted(base)
    outcomes: Counter[str] = Counter()
    work = tmp_path / "ingest"

    @settings(
        max_examples=sizes["fuzz_examples"],
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(mutation(names), min_size=1, max_size=3))
    def run(ops: list[tuple[Any, ...]]) -> None:
        files, parsed = dict(base), copy.deepcopy(base_parsed)
        for op in ops:
            _apply(files, parsed, op)
        shutil.rmtree(work, ignore_errors=True)
        for rel, content in files.items():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            (work / rel).write_bytes(content)
        try:
            msc_graph.validate(work)
        except MscGraphError:
            outcomes["refused by the loader"] += 1
            return
        before = fingerprint(fuzz_graph)
        try:
            report = fuzz_graph.ingest(work)
        except MscGraphError:
            outcomes["refused at ingest"] += 1
            assert fingerprint(fuzz_graph) == before, "a failed ingest changed the published graph"
        else:
            outcomes["published"] += 1
            nodes, rels = counts(fuzz_graph)
            assert {k: v for k, v in nodes.items() if v} == {k: v for k, v in report.nodes.items() if v}
            assert {k: v for k, v in rels.items() if v} == {k: v for k, v in report.relationships.items() if v}
        assert not staging_graphs(fuzz_graph)

    run()
    total = sum(outcomes.values())
    assert total >= min(sizes["fuzz_examples"], 20)
    record_figure("fuzz_loader", examples=total, crashes=0, partial_graphs=0, **dict(outcomes))


def test_any_text_in_a_free_text_field_is_stored_verbatim_or_refused(
    fuzz_graph: msc_graph.Graph, variants: tuple[Path, Path], tmp_path: Path, sizes: dict[str, int]
) -> None:
    """Arbitrary Unicode (every category but lone surrogates, NUL included) in study notes."""
    src = variants[0]
    rel = Path("sources") / "naji-2019" / "studies.yaml"  # the review's studies: keyed by reference number
    studies = yaml.safe_load((src / rel).read_text(encoding="utf-8"))
    work = tmp_path / "ingest"
    seen = Counter[str]()

    @settings(max_examples=max(5, sizes["fuzz_examples"] // 10), deadline=None, database=None)
    @given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=300), min_size=1, max_size=10))
    def run(texts: list[str]) -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(src, work)
        data = copy.deepcopy(studies)
        for s, text in zip(data, texts, strict=False):
            s["note"] = text
        # escaped (not allow_unicode): PyYAML's emitter mangles a NEL (U+0085) written raw
        (work / rel).write_text(yaml.safe_dump(data), encoding="utf-8")
        has_nul = any("\x00" in t for t in texts)
        try:
            fuzz_graph.ingest(work)
        except MscGraphError as exc:
            assert has_nul and "NUL" in str(exc), repr(exc)
            seen["refused (NUL)"] += 1
            return
        assert not has_nul
        got = fuzz_graph.cypher("MATCH (s:Study) WHERE s.ref IS NOT NULL RETURN s.ref AS ref, s.note AS note")
        stored = dict(zip(got["ref"], got["note"], strict=True))
        for s in data[: len(texts)]:
            assert stored[s["ref"]] == s["note"], (s["ref"], s["note"], stored[s["ref"]])
            seen["verbatim"] += 1

    run()
    record_figure("fuzz_text_roundtrip", **dict(seen), mismatches=0)
