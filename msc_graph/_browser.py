"""Neo4j Browser extras generated from the schema and the query registry.

* :func:`grass` renders the Graph Style Sheet (GraSS) that the Neo4j Browser reads (``:style``).
* :func:`guide_html` renders a Browser guide (``:play <url>``): one slide per named query with its
  ``:param`` lines and the query file's text, verbatim, in runnable blocks.
* :func:`guide_markdown` renders the same walk-through as Markdown.

The files under ``cypher/browser/`` are the committed output of :func:`write_all`; regenerate them
with ``python -m msc_graph._browser`` after changing the schema or a query (a test compares them).
"""

from __future__ import annotations

import html
from pathlib import Path

from ._queries import NamedQuery, registry
from ._resources import cypher_dir
from ._schema import NODE_LABELS, REL_TYPES, label_colors

GRASS_FILE = "msc-graph.grass"
GUIDE_FILE = "guide.html"
GUIDE_MD_FILE = "GUIDE.md"


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def border_color(color: str) -> str:
    """A darker shade of ``color`` for node borders."""
    return "#" + "".join(f"{int(v * 0.82):02X}" for v in _rgb(color))


def text_color(color: str) -> str:
    """White or near-black caption text, whichever reads better on ``color``."""
    r, g, b = _rgb(color)
    return "#FFFFFF" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else "#2A2C34"


def rel_color(rel: str) -> str:
    """Claim edges are grey; derived summary edges take the colour of their source label."""
    spec = REL_TYPES[rel]
    return border_color(label_colors()[spec.source]) if spec.derived else "#A5ABB6"


def grass() -> str:
    """The Neo4j Browser Graph Style Sheet for the schema: a colour per label, captions by name."""
    # No comment lines: the Browser's GraSS parser does not skip /* */ comments.
    lines = [
        "node {",
        "  diameter: 50px;",
        "  color: #A5ABB6;",
        "  border-color: #9AA1AC;",
        "  border-width: 2px;",
        "  text-color-internal: #FFFFFF;",
        "  font-size: 10px;",
        '  caption: "{name}";',
        "}",
        "relationship {",
        "  color: #A5ABB6;",
        "  shaft-width: 1px;",
        "  font-size: 8px;",
        "  padding: 3px;",
        "  text-color-external: #000000;",
        "  text-color-internal: #FFFFFF;",
        '  caption: "<type>";',
        "}",
    ]
    for name, color in label_colors().items():
        lines += [
            f"node.{name} {{",
            f"  diameter: {NODE_LABELS[name].diameter}px;",
            f"  color: {color};",
            f"  border-color: {border_color(color)};",
            f"  text-color-internal: {text_color(color)};",
            '  caption: "{name}";',
            "}",
        ]
    for name, spec in REL_TYPES.items():
        lines += [
            f"relationship.{name} {{",
            f"  color: {rel_color(name)};",
            f"  shaft-width: {3 if spec.derived else 1}px;",
            '  caption: "<type>";',
            "}",
        ]
    return "\n".join(lines) + "\n"


def _intro_items() -> list[tuple[str, str, str]]:
    colors = label_colors()
    return [(name, colors[name], spec.description) for name, spec in NODE_LABELS.items()]


def guide_html(queries: dict[str, NamedQuery] | None = None) -> str:
    """A Neo4j Browser guide (``:play <url>``) with one slide per named query."""
    queries = registry() if queries is None else queries
    esc = html.escape
    legend = "".join(
        f'<li><span style="background:{c};color:{text_color(c)};padding:0 6px;border-radius:8px">'
        f"{esc(name)}</span> {esc(desc)}</li>"
        for name, c, desc in _intro_items()
    )
    slides = [
        '<slide class="row-fluid">\n<div class="col-sm-3">\n<h3>msc-graph</h3>\n'
        '<p class="lead">How mesenchymal stem/stromal cells rescue stressed cells from regulated cell death.</p>\n'
        '</div>\n<div class="col-sm-9">\n'
        "<p>Every finding is a <b>Claim</b> of one <b>Study</b>, linked to its MSC sources, target cells, "
        "RCD modes, inducers, models, modes of action, molecules and pathways, and to the printed "
        "<b>TableRow</b> or the quotes it comes from. Summary edges (SOURCE_RESCUES, MODE_RESCUES, "
        "MOLECULE_IMPLICATED_IN, PATHWAY_IMPLICATED_IN) count the demonstrated evidence.</p>\n"
        f'<ul class="undecorated">{legend}</ul>\n'
        "<p>Apply the colours: drag <code>msc-graph.grass</code> onto the frame that <code>:style</code> "
        "opens, or run the style command of the README. The schema at a glance:</p>\n"
        '<pre class="pre-scrollable code runnable">CALL db.schema.visualization()</pre>\n'
        "<p>Each following slide is one named query: click a <code>:param</code> block and run it, then "
        "click the query and run it. The text is the query file of <code>cypher/queries/</code>, "
        "exactly what <code>msc-graph ask</code> runs.</p>\n</div>\n</slide>"
    ]
    for q in queries.values():
        params = "".join(
            f"<li><code>{esc(p.name)}</code> ({esc(p.type)}{'' if p.required else ', default ' + esc(str(p.default))})"
            f" {esc(p.description)}</li>"
            for p in q.params
        )
        blocks = "".join(
            f'<pre class="pre-scrollable code runnable" data-param-of="{esc(q.name)}">{esc(line)}</pre>\n'
            for line in q.param_lines
        )
        slides.append(
            f'<slide class="row-fluid">\n<div class="col-sm-3">\n<h3>{esc(q.name)}</h3>\n'
            f'<p class="lead">{esc(q.description)}</p>\n'
            f'<p>Returns: {esc(", ".join(q.returns))}</p>\n</div>\n<div class="col-sm-9">\n'
            + (f"<p>Parameters:</p><ul>{params}</ul>\n{blocks}" if q.params else "<p>No parameters.</p>\n")
            + f'<pre class="pre-scrollable code runnable" data-query="{esc(q.name)}">{esc(q.cypher.strip())}</pre>\n'
            f"<p>Same in a terminal: <code>msc-graph ask {esc(q.name)}"
            + "".join(f" -p {esc(p.name)}=…" for p in q.params if p.required)
            + "</code></p>\n</div>\n</slide>"
        )
    return (
        "<!-- msc-graph guide for the Neo4j Browser, generated by msc_graph/_browser.py from the\n"
        "     named queries of cypher/queries/: do not edit by hand. Play it with :play <url>. -->\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n"
    )


def guide_markdown(queries: dict[str, NamedQuery] | None = None) -> str:
    """The same walk-through as :func:`guide_html`, as Markdown (readable on the repository)."""
    queries = registry() if queries is None else queries
    out = [
        "<!-- Generated by msc_graph/_browser.py from cypher/queries/: do not edit by hand. -->",
        "# msc-graph in the Neo4j Browser: the named queries",
        "",
        "Paste each `:param` line into the Browser's editor and run it, then paste and run the query",
        "(it is the query file itself; its `//` header lines are Cypher comments). The same queries run",
        "from a terminal with `msc-graph ask NAME -p key=value` and from Python with `g.ask(NAME, ...)`.",
        "",
        "Node colours of `msc-graph.grass`:",
        "",
    ]
    out += [f"- `{name}` {color}: {desc}" for name, color, desc in _intro_items()]
    for q in queries.values():
        out += ["", f"## {q.name}", "", q.description, "", f"Returns: {', '.join(q.returns)}.", ""]
        lines = q.param_lines
        if lines:
            out += ["```", *lines, "```", ""]
        out += ["```cypher", q.cypher.strip(), "```"]
    return "\n".join(out) + "\n"


def outputs(queries: dict[str, NamedQuery] | None = None) -> dict[str, str]:
    """Every generated file of ``cypher/browser/`` by file name."""
    return {GRASS_FILE: grass(), GUIDE_FILE: guide_html(queries), GUIDE_MD_FILE: guide_markdown(queries)}


def browser_dir() -> Path:
    """The ``cypher/browser/`` folder."""
    return cypher_dir() / "browser"


def write_all(folder: Path | None = None) -> list[Path]:
    """Write the generated files into ``folder`` (default ``cypher/browser/``)."""
    folder = folder or browser_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in outputs().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for p in write_all():
        print(p)
