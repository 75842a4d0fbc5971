"""The explorer page as a biologist uses it, in a real headless Chromium: every named query of the
catalogue through its form (question, parameters, run, table, graph), switching queries, term
autocompletion from the vocabulary, CSV and PNG downloads, and "expand neighbours" on a node.
The JSON endpoints behind those are checked without a browser."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import _queries
from msc_graph._explorer import make_server

CATALOGUE = _queries.catalogue()
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian chromium (apt-get install chromium chromium-driver)"
)
STATUS_DONE = (
    "() => { const s = document.getElementById('status');"
    " return s.className === 'error' || / rows? in \\d+ ms/.test(s.textContent); }"
)


@pytest.fixture(scope="module")
def explorer(graph: msc_graph.Graph) -> Iterator[str]:
    server = make_server(graph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield str(server.url).rstrip("/")
    server.shutdown()
    server.server_close()


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as resp:
        return json.loads(resp.read().decode("utf-8"))


# -- the endpoints the page uses ---------------------------------------------------------------
def test_meta_gives_each_catalogue_query_its_question(explorer: str) -> None:
    meta = get(explorer + "/api/meta")
    by_name = {q["name"]: q for q in meta["queries"]}
    for name, q in CATALOGUE.items():
        assert by_name[name]["question"] == q.question and q.question.endswith(("?", ".")), name
        assert by_name[name]["system"] is False
        for p, declared in zip(by_name[name]["params"], q.params, strict=True):
            assert p["choices"] == list(declared.choices), (name, p["name"])
    assert all(q["system"] for q in meta["queries"] if q["name"] not in CATALOGUE)
    assert meta["router"] in (True, False)


def test_terms_come_with_their_synonyms(explorer: str, graph: msc_graph.Graph) -> None:
    rcd = get(explorer + "/api/terms?label=RCDMode")
    necro = next(t for t in rcd if t["id"] == "necroptosis")
    assert necro["name"] == "necroptosis" and necro["label"] == "RCDMode"
    assert necro["synonyms"] and "necroptotic process" in necro["synonyms"]
    assert graph.resolve(necro["synonyms"][0], "RCDMode") == "necroptosis"  # every synonym resolves
    every = get(explorer + "/api/terms?label=")
    assert {"RCDMode", "Molecule", "ModeOfAction", "Study"} <= {t["label"] for t in every}
    assert get(explorer + "/api/terms?label=NoSuchLabel") == []


def test_neighbours_are_the_claims_about_a_node_and_their_terms(explorer: str) -> None:
    g = get(explorer + "/api/neighbours?label=RCDMode&id=necroptosis")
    ids = {n["data"]["id"] for n in g["nodes"]}
    # Review Table 4: Crompot et al. [40] and Yuan et al. [53] rescue cells from necroptosis with EVs.
    assert {"RCDMode:necroptosis", "Claim:ref40", "Claim:ref53", "ModeOfAction:ev-transfer"} <= ids
    edges = {(e["data"]["source"], e["data"]["type"], e["data"]["target"]) for e in g["edges"]}
    assert ("Claim:ref53", "RESCUES_FROM", "RCDMode:necroptosis") in edges
    assert ("Claim:ref53", "VIA_MODE", "ModeOfAction:ev-transfer") in edges
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in g["edges"])
    claim = get(explorer + "/api/neighbours?label=Claim&id=ref53")
    assert claim["claims"] == 1 and "RCDMode:necroptosis" in {n["data"]["id"] for n in claim["nodes"]}
    assert get(explorer + "/api/neighbours?label=RCDMode&id=no-such-id")["nodes"] == []


# -- the page ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium (apt-get install chromium chromium-driver)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
    profile = tempfile.mkdtemp(prefix="msc-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1500, "height": 1100},
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def page(browser: Any, explorer: str) -> Iterator[Any]:
    pg = browser.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(explorer + "/")
    pg.wait_for_selector("body[data-ready=true]", timeout=30_000)
    yield pg
    pg.close()
    assert not errors, errors


def _shot(page: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("MSC_GRAPH_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)


def _run(page: Any) -> str:
    page.click("#run-query")
    page.wait_for_function(STATUS_DONE, timeout=60_000)
    return str(page.inner_text("#status"))


@needs_chromium
def test_every_named_query_runs_through_the_page(page: Any, graph: msc_graph.Graph, tmp_path: Path) -> None:
    listed = page.eval_on_selector_all("#query-list button", "bs => bs.map(b => b.getAttribute('data-query'))")
    assert listed == list(CATALOGUE)  # the catalogue, as questions; system queries apart
    previous = None
    for name, q in CATALOGUE.items():
        page.click(f"#query-list button[data-query='{name}']")
        assert page.is_hidden("#results"), f"{name}: the previous results stay on screen"
        assert page.evaluate("window.mscCy") is None and page.inner_text("#status") == ""
        assert page.inner_text("#query-title") == q.question
        assert page.inner_text("#query-name") == name
        for p in q.params:
            assert page.locator(f"#param-{p.name}").count() == 1, (name, p.name)
        status = _run(page)
        assert "error" not in (page.get_attribute("#status", "class") or ""), (name, status)
        expected = graph.query(name, **q.example_params)
        assert status.startswith(f"{len(expected)} row"), (name, status)
        headers = page.eval_on_selector_all("#result-table thead th", "ths => ths.map(t => t.textContent)")
        assert headers == list(q.returns), name
        if len(expected):
            assert page.locator("#result-table tbody tr").count() == len(expected), name
            # the table comes first, then the graph
            assert page.evaluate(
                "document.getElementById('table-wrap').compareDocumentPosition(document.getElementById('graph')) & 4"
            )
        assert page.evaluate("window.mscCy !== null && typeof window.mscCy.nodes === 'function'"), name
        assert page.evaluate("location.hash").startswith(f"#q={name}")
        if name == "gap-map":
            _shot(page, tmp_path, "explorer-gap-map.png")
        previous = name
    assert previous is not None


@needs_chromium
def test_a_long_answer_shows_its_first_rows_and_more_on_request(
    page: Any, graph: msc_graph.Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msc_graph._explorer import server

    monkeypatch.setattr(server, "PAGE_ROWS", 4)  # the curated answers are shorter than a real page
    whole = len(graph.query("studies", **CATALOGUE["studies"].example_params))  # the form's example values
    assert 4 < whole <= 40
    page.click("#query-list button[data-query='studies']")
    assert "4 rows" in _run(page) and "the answer has more" in page.inner_text("#status")
    assert page.locator("#result-table tbody tr").count() == 4
    assert page.is_visible("#more-rows") and page.inner_text("#more-rows") == "Show up to 40 rows"
    page.click("#more-rows")  # 40 rows asked: the whole answer, no button any more
    page.wait_for_function(f"() => document.querySelectorAll('#result-table tbody tr').length === {whole}")
    assert page.is_hidden("#more-rows") and "the answer has more" not in page.inner_text("#status")


@needs_chromium
def test_enumerated_parameters_are_choices(page: Any) -> None:
    page.click("#query-list button[data-query='review-table']")
    options = page.eval_on_selector_all("#param-table option", "os => os.map(o => o.value)")
    assert options == ["1", "2", "3", "4"]  # required: no "(any)"
    page.select_option("#param-table", "2")
    assert _run(page).startswith("6 rows")  # review Table 2 has six rows
    assert "Cselenyak" in page.inner_text("#result-table")


@needs_chromium
def test_terms_autocomplete_names_and_synonyms(page: Any, graph: msc_graph.Graph) -> None:
    page.click("#query-list button[data-query='modes-of-action-rescuing']")
    page.wait_for_selector("#terms-rcd[data-loaded]", state="attached", timeout=30_000)
    values = set(page.eval_on_selector_all("#terms-rcd option", "os => os.map(o => o.value)"))
    necro = next(t for t in graph.terms().terms("RCDMode") if t["id"] == "necroptosis")
    assert {"necroptosis", *necro["synonyms"]} <= values
    page.fill("#param-rcd", "necroptotic process")  # a synonym gives the same answer
    status = _run(page)
    assert status.startswith(f"{len(graph.query('modes-of-action-rescuing', rcd='necroptosis'))} row")
    assert "EV transfer" in page.inner_text("#result-table")
    page.click("#query-list button[data-query='evidence-for']")  # any-label term: every vocabulary
    page.wait_for_selector("#terms-term[data-loaded]", state="attached", timeout=30_000)
    values = set(page.eval_on_selector_all("#terms-term option", "os => os.map(o => o.value)"))
    assert {"necroptosis", "IL-10", "Miro-1"} <= values


@needs_chromium
def test_downloads_and_expand_neighbours(page: Any, graph: msc_graph.Graph, tmp_path: Path) -> None:
    page.click("#query-list button[data-query='modes-of-action-rescuing']")
    page.fill("#param-rcd", "necroptosis")
    _run(page)
    with page.expect_download() as csv_dl:
        page.click("#download-csv")
    csv_path = tmp_path / "answer.csv"
    csv_dl.value.save_as(str(csv_path))
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert csv_dl.value.suggested_filename == "modes-of-action-rescuing.csv"
    assert lines[0] == ",".join(CATALOGUE["modes-of-action-rescuing"].returns)
    assert len(lines) == 1 + len(graph.query("modes-of-action-rescuing", rcd="necroptosis"))
    assert any(line.startswith("EV transfer,") for line in lines)
    with page.expect_download() as png_dl:
        page.click("#download-png")
    png_path = tmp_path / "graph.png"
    png_dl.value.save_as(str(png_path))
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png_path.stat().st_size > 5000

    before = page.evaluate("window.mscCy.nodes().length")
    page.evaluate("window.mscCy.getElementById('RCDMode:necroptosis').emit('tap')")
    page.wait_for_selector("#details #expand", timeout=30_000)
    page.click("#details #expand")
    page.wait_for_function(
        "() => /^(added|no new)/.test(document.getElementById('expand').textContent)", timeout=30_000
    )
    after = page.evaluate("window.mscCy.nodes().length")
    assert after > before
    assert page.evaluate("window.mscCy.getElementById('Claim:ref53').nonempty()")  # Yuan et al. [53]
    edge = "window.mscCy.edges().filter(e => e.source().id() === 'Claim:ref53' && e.target().id() === '%s').length"
    assert page.evaluate(edge % "RCDMode:necroptosis") == 1
    _shot(page, tmp_path, "explorer-expanded.png")


@needs_chromium
def test_a_plain_question_fills_the_form_and_answers(page: Any, explorer: str, tmp_path: Path) -> None:
    if not get(explorer + "/api/meta")["router"]:
        assert page.is_hidden("#ask-box")
        pytest.skip("this explorer has no plain-language router (POST /api/question)")
    page.fill("#ask-text", "which routes rescue cells from necroptosis?")
    page.click("#ask-run")
    page.wait_for_function(STATUS_DONE, timeout=60_000)
    assert page.inner_text("#query-name") == "modes-of-action-rescuing"
    assert page.input_value("#param-rcd") == "necroptosis"
    assert "EV transfer" in page.inner_text("#result-table")
    assert "Read as:" in page.inner_text("#ask-reading") and "rcd=necroptosis" in page.inner_text("#ask-reading")
    assert page.evaluate("window.mscCy.getElementById('RCDMode:necroptosis').nonempty()")
    _shot(page, tmp_path, "explorer-question.png")
    page.fill("#ask-text", "what about blue cheese")
    page.click("#ask-run")
    page.wait_for_selector("#ask-reading .suggestion", timeout=30_000)
    assert "Not sure" in page.inner_text("#ask-reading") and page.is_hidden("#results")
    first = page.get_attribute("#ask-reading .suggestion", "data-query")
    page.click("#ask-reading .suggestion")
    assert page.inner_text("#query-name") == first
