"""The local explorer: its JSON API on the real embedded engine, its offline page, the CLI, the
HTML export, and an end-to-end run in a real headless Chromium (skipped when it is absent)."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph._explorer import make_server
from msc_graph._resources import static_dir
from tests.conftest import cli

STATIC = static_dir()
QUERIES = msc_graph.named_queries()

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


@pytest.fixture(scope="module")
def explorer_server(graph: msc_graph.Graph) -> Iterator[ThreadingHTTPServer]:
    server = make_server(graph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def explorer(explorer_server: Any) -> str:
    return str(explorer_server.url).rstrip("/")


def _non_loopback_address() -> str | None:
    """An IPv4 address of this machine other than loopback (the one its routes use), or None."""
    for target in ("192.0.2.1", "10.255.255.255", "8.8.8.8"):  # a UDP connect sends no packet
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))
            except OSError:
                continue
            addr = str(probe.getsockname()[0])
        if not ipaddress.ip_address(addr).is_loopback and not ipaddress.ip_address(addr).is_unspecified:
            return addr
    return None


def call(url: str, body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    hdrs = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(url, data=data, headers={**hdrs, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            raw, status, got = resp.read(), resp.status, dict(resp.headers)
    except urllib.error.HTTPError as err:
        raw, status, got = err.read(), err.code, dict(err.headers)
    text = raw.decode("utf-8")
    return status, (json.loads(text) if got.get("Content-Type", "").startswith("application/json") else text), got


def test_server_binds_loopback_only(explorer_server: ThreadingHTTPServer, explorer: str) -> None:
    host, port = explorer_server.socket.getsockname()[:2]
    assert explorer_server.socket.family == socket.AF_INET and host == "127.0.0.1"
    assert explorer == f"http://127.0.0.1:{port}"
    with socket.create_connection(("127.0.0.1", port), timeout=10):
        pass  # reachable on loopback


def test_server_is_not_reachable_on_other_addresses(explorer_server: ThreadingHTTPServer) -> None:
    other = _non_loopback_address()
    if other is None:
        pytest.skip("this machine has no non-loopback IPv4 address to try the explorer's port on")
    port = explorer_server.socket.getsockname()[1]
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((other, port), timeout=10).close()


def test_meta_lists_every_named_query_with_its_parameters(explorer: str) -> None:
    status, meta, _ = call(explorer + "/api/meta")
    assert status == 200
    assert [q["name"] for q in meta["queries"]] == list(QUERIES)
    for q in meta["queries"]:
        declared = QUERIES[q["name"]].params
        assert [p["name"] for p in q["params"]] == [p.name for p in declared]
        for p in q["params"]:
            assert p["example"] is not None or not p["required"], (q["name"], p["name"])
    assert set(meta["colors"]) == set(meta["labels"])


def _study_node(graph: msc_graph.Graph, ref: int) -> str:
    """The explorer's node id of the review's study [ref]: v2 study ids are pmid:/doi:/local: keys."""
    found = graph.cypher("MATCH (s:Study {ref: $ref}) RETURN s.id AS id", ref=ref)
    assert len(found) == 1, found
    return f"Study:{found['id'][0]}"


def test_necroptosis_query_rows_and_graph(explorer: str, graph: msc_graph.Graph) -> None:
    status, res, _ = call(
        explorer + "/api/query", {"name": "modes-of-action-rescuing", "params": {"rcd": "necroptosis"}}
    )
    assert status == 200, res
    ev = next(r for r in res["rows"] if r["mode_of_action"] == "EV transfer")
    assert {40, 53} <= set(ev["refs"])  # review Table 4: Crompot et al. [40], Yuan et al. [53]
    yuan = _study_node(graph, 53)
    ids = {n["data"]["id"] for n in res["graph"]["nodes"]}
    assert {"RCDMode:necroptosis", "ModeOfAction:ev-transfer", yuan, "Molecule:sp1"} <= ids
    edges = {(e["data"]["source"], e["data"]["target"]) for e in res["graph"]["edges"]}
    assert ("RCDMode:necroptosis", "ModeOfAction:ev-transfer") in edges
    assert ("ModeOfAction:ev-transfer", yuan) in edges
    # the parameters it ran with: the one given, and the defaults of the v2 filters it did not give
    defaults = {p.name: p.default for p in QUERIES["modes-of-action-rescuing"].params if not p.required}
    assert res["params"] == {**defaults, "rcd": "necroptosis"} and "MATCH" in res["cypher"]


def test_a_page_of_rows_and_more_on_request(explorer: str, graph: msc_graph.Graph) -> None:
    whole = graph.query("studies")
    status, res, _ = call(explorer + "/api/query", {"name": "studies", "params": {}, "max_rows": 3})
    assert status == 200, res
    assert res["max_rows"] == 3 and res["truncated"] is True and len(res["rows"]) == 3
    assert [r["study"] for r in res["rows"]] == whole.column("study")[:3]
    status, res, _ = call(explorer + "/api/query", {"name": "studies", "params": {}})
    assert res["max_rows"] == 100 and res["truncated"] is False and len(res["rows"]) == len(whole)
    status, res, _ = call(explorer + "/api/query", {"name": "studies", "params": {}, "max_rows": 0})
    assert status == 400 and "max_rows must be a whole number" in res["error"]


def test_cypher_box_draws_real_relationships(explorer: str) -> None:
    text = "MATCH (m:ModeOfAction)-[r:MODE_RESCUES]->(d:RCDMode {id: 'necroptosis'}) RETURN m, r, d"
    status, res, _ = call(explorer + "/api/cypher", {"text": text})
    assert status == 200 and res["rows"]
    types = {e["data"]["type"] for e in res["graph"]["edges"]}
    assert types == {"MODE_RESCUES"}


def test_writes_are_refused_and_change_nothing(explorer: str, graph: msc_graph.Graph) -> None:
    before = graph.status()["nodes"]
    for text in ("MATCH (n) DETACH DELETE n", "CREATE (:Study {id: 'x'})", "MATCH (n:Study) SET n.name = 'x'"):
        status, res, _ = call(explorer + "/api/cypher", {"text": text})
        assert status == 400 and res["error"].startswith("refused"), res
    assert graph.status()["nodes"] == before


def test_node_evidence_has_claims_rows_and_quotes(explorer: str) -> None:
    status, d, _ = call(explorer + "/api/node?label=RCDMode&id=necroptosis")
    assert status == 200 and d["properties"]["name"] == "necroptosis"
    claims = {c["claim"]: c for c in d["claims"]}
    assert any("SP1" in q for q in claims["ref53"]["quotes"])  # review prose on [53]
    assert [(r["table"], r["row"]) for r in claims["ref40"]["rows"]] == [(4, 9)]
    assert "Crompot" in claims["ref40"]["rows"][0]["reference"]
    status, d, _ = call(explorer + "/api/node?label=NotALabel&id=x")
    assert status == 400


def test_requests_from_elsewhere_are_refused(explorer: str) -> None:
    port = explorer.rsplit(":", 1)[1]
    assert call(explorer + "/api/meta", headers={"Host": f"evil.example:{port}"})[0] == 403
    status, _, _ = call(explorer + "/api/cypher", b"text=MATCH (n) RETURN n", {"Content-Type": "text/plain"})
    assert status == 415
    assert call(explorer + "/static/../server.py")[0] == 404
    status, text, headers = call(explorer + "/browser/msc-graph.grass")
    assert status == 200 and "node.Study" in text and headers["Access-Control-Allow-Origin"] == "*"


def test_page_loads_no_script_from_the_network(explorer: str) -> None:
    status, page, _ = call(explorer + "/")
    assert status == 200
    assert re.findall(r'src="([^"]+)"', page) == ["/static/cytoscape.min.js", "/static/graph.js", "/static/app.js"]
    for name in ("index.html", "app.js", "graph.js", "app.css"):
        assert not re.search(r"https?://", (STATIC / name).read_text(encoding="utf-8")), name
    version = re.search(r"\| `cytoscape` \| ([0-9.]+) \|", (STATIC / "VENDORED.md").read_text(encoding="utf-8"))
    assert version and f'"{version[1]}"' in (STATIC / "cytoscape.min.js").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (STATIC / "cytoscape.LICENSE.txt").read_text(encoding="utf-8")
    assert call(explorer + "/static/cytoscape.min.js")[0] == 200


def test_explore_command_prints_its_url(graph: msc_graph.Graph, data_dir: Path) -> None:
    env = {**os.environ, "MSC_GRAPH_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "msc_graph", "explore", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
        assert call(url[0] + "api/meta")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_html_format_is_self_contained(graph: msc_graph.Graph, tmp_path: Path) -> None:
    out = tmp_path / "necroptosis.html"
    r = cli("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis", "--format", "html", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script src" not in page and "cytoscape" in page and "EV transfer" in page
    data = json.loads(re.search(r"var DATA = (\{.*?\});\n", page, re.S)[1])  # type: ignore[index]
    assert "ModeOfAction:ev-transfer" in {n["data"]["id"] for n in data["graph"]["nodes"]}
    r = cli("cypher", "MATCH (n:RCDMode) RETURN n", "--format", "html")
    assert r.exit_code == 0 and r.stdout.startswith("<!doctype html>")
    r = cli("ask", "studies", "--format", "csv", "-o", str(tmp_path / "x.csv"))  # -o takes every format now
    assert r.exit_code == 0 and r.stdout == "" and "wrote" in r.stderr
    assert (tmp_path / "x.csv").read_text(encoding="utf-8").startswith("ref,")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium (apt-get install chromium chromium-driver)")
def test_page_in_headless_chromium(explorer: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")
    shot = tmp_path / "explorer.png"
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="msc-chromium-"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1500, "height": 1000},
        )
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(explorer + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            page.click("button[data-query='modes-of-action-rescuing']")
            page.fill("#param-rcd", "necroptosis")
            page.click("#run-query")
            page.wait_for_selector("#result-table tbody tr", timeout=30_000)
            table = page.inner_text("#result-table")
            assert "EV transfer" in table and "Yuan et al. [53]" in table
            assert page.evaluate("window.mscCy.nodes().length") >= 10
            assert page.evaluate("window.mscCy.edges().length") >= 10
            assert page.evaluate("document.querySelectorAll('#graph canvas').length") >= 1
            page.evaluate("window.mscCy.getElementById('ModeOfAction:ev-transfer').emit('tap')")
            page.wait_for_selector("#details .claim", timeout=30_000)
            assert "Evidence" in page.inner_text("#details")
            page.screenshot(path=str(shot))
            page.fill("#cypher-text", "MATCH (n) DETACH DELETE n")
            page.click("#run-cypher")
            page.wait_for_selector("#status.error", timeout=30_000)
            assert page.inner_text("#status").startswith("refused")
        finally:
            browser.close()
    assert not errors, errors
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("MSC_GRAPH_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
