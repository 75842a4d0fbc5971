"""The explorer's HTTP server: the standard library only, bound to 127.0.0.1, JSON endpoints.

Endpoints (all read-only):

* ``GET /`` the page; ``GET /static/<file>`` its script, style sheet and vendored Cytoscape.js.
* ``GET /api/meta`` the named queries with their parameters, the label colours, the engine.
* ``GET /api/terms?label=RCDMode`` the terms of one label with their synonyms (for the parameter
  forms' autocompletion); ``label=`` (empty): the terms of every label.
* ``GET /api/neighbours?label=L&id=X`` graph elements of the claims about a node and every term and
  study they link to (the ``neighbours`` system query: "expand neighbours" on a node).
* ``POST /api/query`` ``{"name": ..., "params": {...}, "max_rows": N}`` runs a named query
  (``Graph.query``): its first ``max_rows`` rows (default 100; ``truncated`` says there are more).
* ``POST /api/question`` ``{"question": "which modes of action rescue necroptosis?"}`` reads a
  plain-language question (``Graph.question``): ``confident``, ``confidence``, ``problems``,
  ``reading`` and ``readings`` (the three best: query, params, parts, command), ``name`` and
  ``params`` of the best reading, and when confident the answer as ``/api/query`` gives it.
* ``POST /api/cypher`` ``{"text": ..., "params": {...}}`` runs user Cypher through ``Graph.cypher``:
  the read-only guard, then the engine's read-only mode (``GRAPH.RO_QUERY`` on FalkorDB).
* ``GET /api/node?label=L&id=X`` a node's properties and its evidence (claims, rows, quotes).
* ``GET /browser/<file>`` the Neo4j Browser style sheet and guide, with CORS so that a Neo4j
  Browser can ``:play`` / ``:style`` them from ``http://localhost:<port>/browser/...``.

Requests whose ``Host`` is not this server's loopback address are refused (DNS rebinding), and
POST bodies must be JSON (a cross-site form cannot send one without a CORS preflight).
"""

from __future__ import annotations

import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .. import _config, _queries
from .._browser import browser_dir
from .._exceptions import MscGraphError
from .._graphview import result_view
from .._resources import static_dir
from .._result import Result
from .._schema import NODE_LABELS, label_colors
from ._http import MAX_BODY, MAX_QUERIES, SECURITY_HEADERS, TIMEOUT_S, BodyError, HardenedServer, read_body  # noqa: F401

if TYPE_CHECKING:
    from .._api import Graph

STATIC = static_dir()
HOST = "127.0.0.1"
PAGE_ROWS = _config.PAGE_ROWS
"""Rows of a named query's answer the page shows first (the engine stops there); "more rows" asks for 10x."""
_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain"}
_BROWSER_TYPES = {".grass": "text/plain", ".html": "text/html", ".md": "text/markdown"}


class Explorer:
    """What the endpoints do, independent of HTTP (one graph connection, one query at a time)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.lock = threading.BoundedSemaphore(MAX_QUERIES)  # reads run side by side, a few at a time

    def meta(self) -> dict[str, Any]:
        queries = []
        for q in _queries.registry().values():
            examples = q.example_params
            params = [
                {
                    "name": p.name,
                    "type": p.type,
                    "description": p.description,
                    "default": p.default,
                    "required": p.required,
                    "example": examples.get(p.name),
                    "label": p.term_label,
                    "choices": list(p.choices),
                }
                for p in q.params
            ]
            queries.append(
                {
                    "name": q.name,
                    "question": q.question,
                    "system": q.system,
                    "description": q.description,
                    "params": params,
                    "returns": q.returns,
                }
            )
        with self.lock:
            info = self.graph.engine.info()
        engine = {k: v for k, v in info.items() if isinstance(v, str | int | float | bool)}
        # The plain-language question box shows when this class answers questions (an Explorer.question
        # method behind POST /api/question {"question": text} -> {"name": query, "params": {...}}).
        router = callable(getattr(self, "question", None))
        return {
            "queries": queries,
            "colors": label_colors(),
            "labels": list(NODE_LABELS),
            "engine": engine,
            "router": router,
        }

    def terms(self, lab: str) -> list[dict[str, Any]]:
        with self.lock:
            index = self.graph.terms()
        labels = [lab] if lab in NODE_LABELS else list(index.vocabs) if lab == "" else []
        return [{**t, "label": lb} for lb in labels for t in index.terms(lb)]

    def neighbours(self, lab: str, node_id: str, limit: int = 25) -> dict[str, Any]:
        """Graph elements: the claims about a node and every term and study they link to."""
        with self.lock:
            rows = self.graph.read_named("neighbours", {"label": lab, "id": node_id, "limit": limit}).records()
        colors = label_colors()
        nodes: dict[str, dict[str, Any]] = {}
        edges: dict[str, dict[str, Any]] = {}

        def node(label: str, nid: str, name: str) -> str:
            key = f"{label}:{nid}"
            nodes.setdefault(
                key, {"data": {"id": key, "label": label, "node_id": nid, "name": name, "color": colors.get(label)}}
            )
            return key

        for r in rows:
            claim = node("Claim", str(r["claim"]), str(r["claim_name"] or r["claim"]))
            term = node(str(r["label"]), str(r["id"]), str(r["name"] or r["id"]))
            eid = f"{claim}|{r['relation']}|{term}"
            edges[eid] = {"data": {"id": eid, "source": claim, "target": term, "type": r["relation"]}}
        claims = {r["claim"] for r in rows}
        return {"nodes": list(nodes.values()), "edges": list(edges.values()), "claims": len(claims), "limit": limit}

    def _payload(self, result: Result, query: str | None = None, bound: dict[str, Any] | None = None) -> dict[str, Any]:
        graph, _ = result_view(self.graph, result, query, bound)
        return {
            "columns": list(result.columns),
            "rows": result.records(),
            "graph": graph,
            "truncated": result.truncated,
        }

    def query(self, name: str, params: dict[str, Any], max_rows: Any = None) -> dict[str, Any]:
        """The answer of a named query: its first ``max_rows`` rows (default :data:`PAGE_ROWS`)."""
        params = {k: v for k, v in params.items() if v not in (None, "")}
        q = _queries.get(name)
        rows = PAGE_ROWS if max_rows in (None, "") else max_rows
        t0 = time.perf_counter()
        with self.lock:
            cypher, bound = self.graph.prepare(q.name, **params)
            result = self.graph.query(q.name, max_rows=rows, **params)
            out = self._payload(result, q.name, bound)
        out.update(name=q.name, cypher=cypher, params=bound, max_rows=rows, ms=round((time.perf_counter() - t0) * 1000))
        return out

    def question(self, text: str) -> dict[str, Any]:
        """The reading of a plain-language question; when confident, its answer as :meth:`query` gives it."""
        with self.lock:
            answer = self.graph.question(text, answer=False)
        out = answer.to_dict()
        if answer.confident and answer.reading is not None:
            out.update(self.query(answer.reading.query, dict(answer.reading.params)))
        return out

    def cypher(self, text: str, params: dict[str, Any]) -> dict[str, Any]:
        t0 = time.perf_counter()
        with self.lock:
            result = self.graph.run_cypher(text, **params)
            out = self._payload(result)
        out.update(cypher=text, params=params, ms=round((time.perf_counter() - t0) * 1000))
        return out

    def node(self, lab: str, node_id: str) -> dict[str, Any]:
        with self.lock:
            return self.graph.node(lab, node_id)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = TIMEOUT_S  # a silent or half-open connection is dropped, not held forever

    def log_message(self, format: str, *args: Any) -> None:  # quiet unless asked
        if self.server.verbose:
            super().log_message(format, *args)

    # -- plumbing ------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        for k, v in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        self._send(status, body, "application/json")

    def _error(self, status: int, message: str) -> None:
        self._json(status, {"error": message})

    def _host_ok(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in {f"{HOST}:{port}", f"localhost:{port}"}

    def _file(self, folder: Path, name: str, types: dict[str, str], cors: bool = False) -> None:
        path = folder / name
        if "/" in name or name.startswith(".") or path.suffix not in types or not path.is_file():
            self._error(HTTPStatus.NOT_FOUND, f"not found: {name}")
            return
        extra = {"Access-Control-Allow-Origin": "*"} if cors else None
        self._send(HTTPStatus.OK, path.read_bytes(), types[path.suffix], extra)

    # -- routes --------------------------------------------------------------------------
    def do_GET(self) -> None:
        if not self._host_ok():
            self._error(HTTPStatus.FORBIDDEN, "wrong Host header")
            return
        url = urlsplit(self.path)
        qs = {k: v[0] for k, v in parse_qs(url.query).items()}
        app = self.server.app
        try:
            if url.path in ("/", "/index.html"):
                self._file(STATIC, "index.html", _TYPES)
            elif url.path.startswith("/static/"):
                self._file(STATIC, url.path.removeprefix("/static/"), _TYPES)
            elif url.path.startswith("/browser/"):
                self._file(browser_dir(), url.path.removeprefix("/browser/"), _BROWSER_TYPES, cors=True)
            elif url.path == "/favicon.ico":
                self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            elif url.path == "/api/meta":
                self._json(HTTPStatus.OK, app.meta())
            elif url.path == "/api/terms":
                self._json(HTTPStatus.OK, app.terms(qs.get("label", "")))
            elif url.path == "/api/node":
                self._json(HTTPStatus.OK, app.node(qs.get("label", ""), qs.get("id", "")))
            elif url.path == "/api/neighbours":
                self._json(HTTPStatus.OK, app.neighbours(qs.get("label", ""), qs.get("id", "")))
            else:
                self._error(HTTPStatus.NOT_FOUND, f"not found: {url.path}")
        except MscGraphError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if not self._host_ok():
            self.close_connection = True  # its body is not read: the connection cannot carry on
            self._error(HTTPStatus.FORBIDDEN, "wrong Host header")
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self.close_connection = True
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)")
            return
        try:
            raw = read_body(self)
        except BodyError as exc:
            self.close_connection = True  # the unread body would be taken for the next request
            self._error(exc.status, str(exc))
            return
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict) or not isinstance(body.get("params", {}), dict):
                raise ValueError("expected a JSON object with an optional 'params' object")
        except ValueError as exc:
            self._error(HTTPStatus.BAD_REQUEST, f"bad request: {exc}")
            return
        app = self.server.app
        params = body.get("params") or {}
        try:
            if self.path == "/api/query":
                self._json(HTTPStatus.OK, app.query(str(body.get("name", "")), params, body.get("max_rows")))
            elif self.path == "/api/question":
                self._json(HTTPStatus.OK, app.question(str(body.get("question", ""))))
            elif self.path == "/api/cypher":
                self._json(HTTPStatus.OK, app.cypher(str(body.get("text", "")), params))
            else:
                self._error(HTTPStatus.NOT_FOUND, f"not found: {self.path}")
        except MscGraphError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))


class _Server(HardenedServer):
    def __init__(self, app: Explorer, port: int, verbose: bool) -> None:
        self.app = app
        self.verbose = verbose
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


def make_server(graph: Graph, port: int = 0, verbose: bool = False) -> _Server:
    """An explorer server for ``graph`` on 127.0.0.1 (``port=0``: a free port); not yet serving."""
    return _Server(Explorer(graph), port, verbose)
