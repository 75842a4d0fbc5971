"""The explorer's HTTP hardening: request bodies, time-outs, connection limits and security headers.

* A POST body has a ``Content-Length`` of digits (at most :data:`MAX_BODY` bytes); anything else,
  and any ``Transfer-Encoding`` (chunked bodies), is refused and the connection closed, so that
  the next request on it cannot be read out of step.
* Every connection has a socket time-out (:data:`TIMEOUT_S`): a client that opens a connection and
  sends nothing (or stops half-way) loses it instead of holding a thread forever; at most
  :data:`MAX_CONNECTIONS` are served at once, more are answered 503 and closed.
* Every response carries a Content-Security-Policy (scripts and data from this server only, no
  framing), ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff`` and no referrer.
"""

from __future__ import annotations

import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_BODY = 1_000_000
TIMEOUT_S = 30.0
MAX_CONNECTIONS = 32
MAX_QUERIES = 4
"""API calls that may run at once (each holds an engine connection)."""
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_DIGITS = re.compile(r"[0-9]{1,10}")


class BodyError(Exception):
    """A request body this server does not read (``status``: the answer to give)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def read_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The request body, after checking its framing; BodyError (the connection must then close)."""
    if handler.headers.get("Transfer-Encoding") is not None:
        raise BodyError(HTTPStatus.NOT_IMPLEMENTED, "chunked or encoded bodies are not accepted: send Content-Length")
    lengths = handler.headers.get_all("Content-Length") or []
    if not lengths:
        return b""
    if len(lengths) > 1 or not _DIGITS.fullmatch(lengths[0].strip()):
        raise BodyError(HTTPStatus.BAD_REQUEST, f"bad Content-Length {', '.join(lengths)!r}: expected one number")
    length = int(lengths[0])
    if length > MAX_BODY:
        raise BodyError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request too large ({length} > {MAX_BODY} bytes)")
    body = handler.rfile.read(length)
    if len(body) != length:
        raise BodyError(HTTPStatus.BAD_REQUEST, "the body is shorter than its Content-Length")
    return body


class HardenedServer(ThreadingHTTPServer):
    """A threading HTTP server with a cap on the connections it serves at once."""

    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            try:
                request.settimeout(2.0)
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)  # type: ignore[misc]
        finally:
            self._slots.release()
