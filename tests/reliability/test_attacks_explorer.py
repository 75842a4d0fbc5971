"""Issue 15, "reads that cannot hurt": the explorer's HTTP handling, spoken to over raw sockets.

`Content-Length: abc` closed the connection with no answer, `-1` bypassed the 1 MB limit, chunked
bodies put the connection out of step, half-open connections held threads for ever, one lock
serialised every API call, and no page said how it may be framed or which scripts it may run.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import msc_graph
from msc_graph._explorer import server as explorer_server
from msc_graph._explorer.server import make_server

from .conftest import record_figure


@pytest.fixture()
def explorer(graph: msc_graph.Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(explorer_server._Handler, "timeout", 1.0)  # a short idle time-out for the test
    srv = make_server(graph)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _raw(srv: Any, request: bytes, read_timeout: float = 10.0) -> bytes:
    """Send ``request`` as is; return everything the server answers until it closes or goes quiet."""
    host, port = srv.server_address[:2]
    with socket.create_connection((host, port), timeout=read_timeout) as sock:
        sock.sendall(request)
        out = b""
        try:
            while chunk := sock.recv(65536):
                out += chunk
        except TimeoutError:
            pass
        return out


def _post(srv: Any, body: bytes, headers: dict[str, str], path: str = "/api/cypher") -> bytes:
    port = srv.server_address[1]
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return _raw(srv, head.encode() + body, read_timeout=3.0)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def test_bad_content_lengths_get_an_answer_and_the_limit_holds(explorer: Any) -> None:
    body = json.dumps({"text": "RETURN 1 AS one"}).encode()
    for value in ("abc", "-1", "1e3", "+5", " ", "99999999999999999999", f"{len(body)}, {len(body)}"):
        answer = _post(explorer, body, {"Content-Length": value})
        assert _status(answer) in (400, 413), (value, answer[:200])
        assert b"Connection: close" in answer
    big = b" " * 1_000_001
    assert _status(_post(explorer, big, {"Content-Length": str(len(big))})) == 413
    assert _status(_post(explorer, body, {"Content-Length": str(len(body))})) == 200


def test_chunked_bodies_are_refused_and_do_not_desynchronise_the_connection(explorer: Any) -> None:
    port = explorer.server_address[1]
    smuggled = b"GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port
    chunk = b'{"text": "RETURN 1 AS one"}'
    body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(chunk), chunk) + smuggled
    answer = _post(explorer, body, {"Transfer-Encoding": "chunked"})
    assert _status(answer) == 501 and b"Connection: close" in answer
    assert answer.count(b"HTTP/1.1 ") == 1, "the bytes after the body were read as a second request"


def test_a_half_open_connection_is_dropped(explorer: Any) -> None:
    host, port = explorer.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /api/cypher HTTP/1.1\r\nHost: x\r\n")  # and then nothing
        started = time.monotonic()
        try:
            rest = sock.recv(1024)
        except TimeoutError:
            rest = None
        assert rest is not None and time.monotonic() - started < 8, "the server kept the connection open"


def test_reads_run_side_by_side(explorer: Any) -> None:
    """One lock serialised every API call: a slow query held up every other user."""
    port = explorer.server_address[1]
    slow = json.dumps({"text": "UNWIND range(1, 2500) AS a UNWIND range(1, 2500) AS b RETURN count(*) AS c"}).encode()
    quick = json.dumps({"text": "RETURN 1 AS one"}).encode()
    done: dict[str, float] = {}

    def run(name: str, body: bytes) -> None:
        _post(explorer, body, {"Content-Length": str(len(body)), "Connection": "close"})
        done[name] = time.monotonic()

    started = time.monotonic()
    slow_thread = threading.Thread(target=run, args=("slow", slow))
    slow_thread.start()
    time.sleep(0.3)
    run("quick", quick)
    slow_thread.join(60)
    assert "slow" in done and done["quick"] < done["slow"], "the quick query waited for the slow one"
    record_figure(
        "explorer_parallel_reads",
        quick_s=round(done["quick"] - started - 0.3, 3),
        slow_s=round(done["slow"] - started, 3),
        port=port,
    )


@pytest.mark.parametrize("path", ["/", "/api/meta", "/static/app.js", "/nope", "/browser/guide.html"])
def test_every_answer_carries_the_security_headers(explorer: Any, path: str) -> None:
    port = explorer.server_address[1]
    answer = _raw(explorer, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    head = answer.split(b"\r\n\r\n", 1)[0].decode()
    assert "Content-Security-Policy: default-src 'self'" in head and "frame-ancestors 'none'" in head
    assert "X-Frame-Options: DENY" in head and "X-Content-Type-Options: nosniff" in head
