"""The local explorer: a page on 127.0.0.1 to run named queries and read-only Cypher, with results
as a table and as an interactive graph (Cytoscape.js, vendored under ``static/``: no CDN).

Start it with ``msc-graph explore`` or :func:`serve`.
"""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from .server import make_server

if TYPE_CHECKING:
    from .._api import Graph

__all__ = ["make_server", "serve"]


def serve(graph: Graph, port: int = 0, open_browser: bool = True, verbose: bool = False) -> None:
    """Serve the explorer until interrupted, printing its URL (``port=0``: a free port)."""
    server = make_server(graph, port, verbose)
    print(f"msc-graph explorer on {server.url} (Ctrl-C to stop)", flush=True)
    if open_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
