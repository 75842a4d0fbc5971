"""A query result as one self-contained HTML file: the table and an interactive graph.

The file embeds the vendored Cytoscape.js and the explorer's drawing code inline, so it opens
offline, from disk, in any browser, and can be mailed or attached to a notebook.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from .._graphview import result_view
from .._resources import static_dir
from .._result import Result
from .._schema import label_colors

if TYPE_CHECKING:
    from .._api import Graph

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #23252b; }}
header {{ padding: 8px 16px; background: #2a2c34; color: #fff; }}
h1 {{ font-size: 17px; margin: 0; }}
main {{ display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 12px; padding: 12px; }}
#graph {{ height: 560px; border: 1px solid #dfe2e8; border-radius: 4px; }}
#legend {{ margin-bottom: 6px; }}
.chip {{ display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; margin-right: 4px; }}
#info {{ font-size: 12px; border: 1px solid #dfe2e8; border-radius: 4px; padding: 8px; overflow: auto;
  max-height: 560px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12px; margin: 12px 0; }}
th, td {{ border: 1px solid #e1e4ea; padding: 3px 6px; text-align: left; vertical-align: top; }}
th {{ background: #f0f2f6; }}
pre {{ white-space: pre-wrap; font-size: 11px; background: #f6f7f9; padding: 8px; }}
</style>
</head>
<body>
<header><h1>{title}</h1></header>
<main>
<div><div id="legend"></div><div id="graph"></div></div>
<div id="info">Click a node to see its properties.</div>
</main>
<div style="padding: 0 12px 12px">
<table id="result-table">{table}</table>
<details><summary>Cypher</summary><pre>{cypher}</pre></details>
</div>
<script>{cytoscape}</script>
<script>{graph_js}</script>
<script>
var DATA = {data};
(function () {{
  var labels = [];
  DATA.graph.nodes.forEach(function (n) {{ if (labels.indexOf(n.data.label) < 0) {{ labels.push(n.data.label); }} }});
  MscGraph.legend(document.getElementById("legend"), DATA.colors, labels);
  window.mscCy = MscGraph.render(document.getElementById("graph"), DATA.graph, function (d) {{
    var box = document.getElementById("info");
    box.textContent = "";
    var h = document.createElement("h3");
    h.textContent = d.name + " (" + d.label + ")";
    box.appendChild(h);
    var pre = document.createElement("pre");
    pre.textContent = JSON.stringify(DATA.properties[d.id] || {{}}, null, 2);
    box.appendChild(pre);
  }});
}})();
</script>
</body>
</html>
"""


def _script_json(data: Any) -> str:
    """JSON safe to put inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def result_html(
    g: Graph, result: Result, title: str, query: str | None = None, params: dict[str, Any] | None = None
) -> str:
    """A self-contained HTML page for ``result`` (of ``g.query(query, **params)`` or ``g.run_cypher``).

    The page holds the table, the Cypher that produced it and an interactive graph of the nodes it
    names; it embeds its scripts, so it opens offline from disk.
    """
    from .._render import cell_text

    cypher, bound = g.prepare(query, **(params or {})) if query else ("", {})
    graph, props = result_view(g, result, query, bound)
    columns = result.columns
    head = "<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in columns) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell_text(v))}</td>" for v in row) + "</tr>" for row in result.rows
    )
    static = static_dir()
    return _PAGE.format(
        title=html.escape(title),
        table=f"<thead>{head}</thead><tbody>{body}</tbody>",
        cypher=html.escape(cypher),
        cytoscape=(static / "cytoscape.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        graph_js=(static / "graph.js").read_text(encoding="utf-8"),
        data=_script_json({"graph": graph, "colors": label_colors(), "properties": props}),
    )
