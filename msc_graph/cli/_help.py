"""What the terminal says about the named queries: the list (``ask`` without a name, ``ask --help``)
and one query in full (``msc-graph queries NAME``)."""

from __future__ import annotations

import shlex
import sys
import textwrap
from typing import Any

import click

from .. import _queries
from .._queries import NamedQuery, Param
from .._render import terminal_width
from .._result import Result
from .._schema import kind


def catalogue() -> list[NamedQuery]:
    """The named queries researchers ask, in the registry's order."""
    return list(_queries.catalogue().values())


def param_type(p: Param) -> str:
    """A parameter's type in words: ``term (RCD mode)``, ``one of: 1, 2, 3, 4``, ``integer``."""
    if p.choices:
        return "one of: " + ", ".join(str(c) for c in p.choices)
    if p.term_label == "":
        return "term (any: id, name or synonym)"
    if p.term_label:
        return f"term ({kind(p.term_label)}: id, name or synonym)"
    return p.type


def example_args(q: NamedQuery) -> list[str]:
    """The ``msc-graph ask`` command of the query's example (its ``:param`` lines)."""
    args = ["msc-graph", "ask", q.name]
    for name, value in q.example_params.items():
        p = next((x for x in q.params if x.name == name), None)
        if p is not None and (p.required or value != p.default) and not isinstance(value, list | dict):
            text = str(value).lower() if isinstance(value, bool) else str(value)
            args += ["-p", f"{name}={text}"]
    return args


def describe(q: NamedQuery) -> dict[str, Any]:
    """One query as data: question, description, parameters (type, default, allowed values), example, columns."""
    return {
        "name": q.name,
        "question": q.question,
        "description": q.description,
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "default": p.default,
                "choices": list(p.choices),
                "description": p.description,
            }
            for p in q.params
        ],
        "example": " ".join(shlex.quote(a) for a in example_args(q)),
        "browser": q.param_lines,
        "returns": list(q.returns),
    }


def describe_text(q: NamedQuery, width: int) -> str:
    """One query for the terminal, wrapped to ``width`` columns (words never broken)."""
    width = max(40, width)

    def wrap(text: str, indent: str = "  ", first: str | None = None) -> list[str]:
        lead = indent if first is None else first
        return textwrap.wrap(
            text, width, initial_indent=lead, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
        ) or [lead.rstrip()]

    lines = [q.name]
    if q.question:
        lines += wrap(q.question)
    lines += ["", *wrap(q.description, "")]
    lines += ["", "Parameters:" if q.params else "Parameters: none"]
    pad = max((len(p.name) for p in q.params), default=0) + 4
    for p in q.params:
        if p.required:
            how = "required"
        elif p.default is None:
            how = "optional"
        else:
            how = f"default: {str(p.default).lower() if isinstance(p.default, bool) else p.default}"
        lines += wrap(f"{param_type(p)}; {how}", " " * pad, f"  {p.name:<{pad - 2}}")
        lines += wrap(p.description, " " * pad)
    lines += ["", "Example:", *wrap(" ".join(shlex.quote(a) for a in example_args(q)))]
    if q.param_lines:
        lines += wrap("Neo4j Browser: " + "; ".join(q.param_lines), "    ", "  ")
    lines += ["", "Columns:", *wrap(", ".join(q.returns))]
    return "\n".join(lines) + "\n"


def overview() -> Result:
    """Every named query as ``name, question, params`` for the terminal (catalogue, then system)."""
    rows = []
    for q in _queries.registry().values():
        required = [p.name for p in q.params if p.required]
        optional = [p.name for p in q.params if not p.required]
        params = "; ".join(
            part for part in (", ".join(required), "optional: " + ", ".join(optional) if optional else "") if part
        )
        rows.append([q.name, q.question or q.description, params])
    return Result(["name", "question", "params"], rows)


def question_rows() -> list[tuple[str, str]]:
    """``(name, question)`` of every catalogue query."""
    return [(q.name, q.question or q.description) for q in catalogue()]


def list_text(width: int) -> str:
    """The catalogue as ``name  question`` lines (the question wrapped under itself)."""
    rows = question_rows()
    pad = max(len(n) for n, _ in rows) + 4
    lines = ["Named queries (msc-graph queries NAME: parameters, example and columns of one):"]
    for name, question in rows:
        lines += textwrap.wrap(
            question,
            max(40, width),
            initial_indent=f"  {name:<{pad - 2}}",
            subsequent_indent=" " * pad,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(lines) + "\n"


def stdout_width() -> int:
    """The width of the terminal views on stdout (``COLUMNS``, the terminal, else wide)."""
    return terminal_width(sys.stdout)


def complete_query(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of a query name (``_MSC_GRAPH_COMPLETE=bash_source msc-graph``)."""
    return [q.name for q in catalogue() if q.name.startswith(incomplete)]


class AskCommand(click.Command):
    """``msc-graph ask``: its help ends with the list of named queries and their questions."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        with formatter.section("Named queries (msc-graph queries NAME shows one in full)"):
            formatter.write_dl(question_rows())
