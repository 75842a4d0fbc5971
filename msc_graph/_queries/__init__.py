"""The registry of named queries: ``cypher/queries/*.cypher`` (the catalogue researchers ask)
and ``cypher/system/*.cypher`` (what the package itself reads: vocabulary, counts, whole-graph
dumps), one query per file.

Each file starts with a ``//`` header that both people and this loader read::

    // name: modes-of-action-rescuing
    // description: The mode-of-action categories that rescue cells from an RCD mode,
    //   with the studies, molecules and MSC sources behind each.
    // param: rcd (term:RCDMode) RCD mode: id, name or synonym
    // param: min_studies (integer, default 2) minimum number of independent studies
    // example: :param rcd => 'necroptosis'
    // returns: mode_of_action, category, claims, refs

The rest of the file is the Cypher, runnable as is in the Neo4j Browser after the ``:param``
lines. This package is the only place that reads query files; :mod:`._generated` holds the
statements generated from the schema table (ingest writes, per-label lookups), the only other
Cypher written in Python outside the engine adapters.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._exceptions import ParameterError, QueryFileError, UnknownQueryError
from .._resources import cypher_dir
from .._schema import NODE_LABELS

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_HEADER = re.compile(r"^//\s*(name|question|description|param|example|returns|cues):\s*(.*?)\s*$")
_CONT = re.compile(r"^//\s{2,}(\S.*?)\s*$")
_PARAM = re.compile(r"^([a-z_][a-z0-9_]*)\s+\(([^)]*)\)\s*(.*)$")
_USED = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_UNION = re.compile(r"\bUNION\b", re.IGNORECASE)
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
_EXAMPLE = re.compile(r"^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*;?\s*$")
SCALAR_TYPES = ("string", "integer", "float", "boolean", "list")
FOLDERS = ("queries", "system")
"""Sub-folders of ``cypher/`` holding named queries: the catalogue, then the system queries."""


def example_value(raw: str) -> Any:
    """The value of a ``:param name => value`` line's right-hand side, as Python."""
    for text in (raw, raw.replace("'", '"')):  # Cypher literals: single-quoted strings, JSON-like lists
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            continue
    return raw


@dataclass(frozen=True)
class Param:
    """A declared parameter of a named query."""

    name: str
    type: str  # string | integer | float | boolean | list | term | term:<Label> | enum:<a>|<b>|...
    description: str
    default: Any = None
    required: bool = True

    @property
    def choices(self) -> tuple[Any, ...]:
        """The allowed values of an ``enum:`` parameter (integers when every choice is one), else ()."""
        if not self.type.startswith("enum:"):
            return ()
        values = tuple(v.strip() for v in self.type.split(":", 1)[1].split("|"))
        return tuple(int(v) for v in values) if all(v.isdigit() for v in values) else values

    @property
    def term_label(self) -> str | None:
        """For term parameters, the label whose vocabulary resolves the value ('' = any)."""
        if self.type == "term":
            return ""
        if self.type.startswith("term:"):
            return self.type.split(":", 1)[1]
        return None

    def coerce(self, value: Any) -> Any:
        """Convert a value (e.g. a CLI string) to the declared type."""
        if value is None:
            return None
        if self.choices:
            text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
            for choice in self.choices:
                if text is not None and text.lower() == str(choice).lower():
                    return choice
            allowed = ", ".join(repr(c) for c in self.choices)
            raise ParameterError(f"parameter {self.name!r} must be one of {allowed}, not {value!r}")
        try:
            if self.type == "integer":
                if isinstance(value, bool):
                    raise ValueError
                return int(value)
            if self.type == "float":
                return float(value)
            if self.type == "boolean":
                if isinstance(value, str):
                    low = value.strip().lower()
                    if low not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError
                    return low in ("true", "1", "yes")
                return bool(value)
            if self.type == "list":
                if isinstance(value, str):
                    return [value]
                if not isinstance(value, list | tuple):
                    raise ValueError
                return list(value)
        except (TypeError, ValueError):
            raise ParameterError(f"parameter {self.name!r} must be {self.type}, not {value!r}") from None
        if not isinstance(value, str):
            raise ParameterError(f"parameter {self.name!r} must be a string, not {value!r}")
        return value


@dataclass(frozen=True)
class NamedQuery:
    """A parsed query file."""

    name: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    returns: tuple[str, ...]
    cypher: str  # the whole file text, header included (comments are valid Cypher)
    path: Path
    system: bool = False  # read by the package itself (cypher/system/), not part of the catalogue
    question: str = ""  # the plain-language question it answers (catalogue queries)
    cues: tuple[str, ...] = ()  # words of a question that point to this query (the router reads them)
    capped: str | None = None  # the Cypher taking ``$row_cap`` (None: bounded by a ``LIMIT`` of its own)

    @property
    def caps_itself(self) -> bool:
        """The file places ``LIMIT $row_cap`` itself (before the work it does per row)."""
        return self.capped is self.cypher

    @property
    def param_lines(self) -> list[str]:
        """The example ``:param`` lines of the header, as a Neo4j Browser user runs them."""
        return [e.strip() for e in self.examples if e.strip().startswith(":param")]

    @property
    def example_params(self) -> dict[str, Any]:
        """The example values of the declared parameters (the header's ``:param name => value`` lines)."""
        return {k: v for k, v in self.browser_params.items() if k != ROW_CAP}

    @property
    def browser_params(self) -> dict[str, Any]:
        """Every ``:param`` line of the header as a Browser user types them (``row_cap`` included)."""
        out: dict[str, Any] = {}
        for line in self.param_lines:
            m = _EXAMPLE.match(line)
            if m:
                out[m.group(1)] = example_value(m.group(2))
        return out

    def bind(self, values: dict[str, Any]) -> dict[str, Any]:
        """Check and coerce ``values`` against the declared parameters (defaults filled in)."""
        declared = {p.name: p for p in self.params}
        extra = sorted(set(values) - set(declared))
        if extra:
            known = ", ".join(declared) or "none"
            raise ParameterError(f"{self.name}: unknown parameter(s) {', '.join(extra)} (declared: {known})")
        out = {}
        for p in self.params:
            if values.get(p.name) is None:
                if p.required:
                    raise ParameterError(f"{self.name}: missing parameter {p.name!r} ({p.description})")
                out[p.name] = p.default
            else:
                out[p.name] = p.coerce(values[p.name])
        return out


def _parse_param(text: str, path: Path) -> Param:
    m = _PARAM.match(text)
    if not m:
        raise QueryFileError(f"{path.name}: bad param line {text!r}")
    name, spec, desc = m.groups()
    parts = [s.strip() for s in spec.split(",")]
    ptype, default, required = parts[0], None, True
    for extra in parts[1:]:
        if extra.startswith("default "):
            required = False
            raw = extra.removeprefix("default ").strip()
            default = None if raw == "null" else raw.strip("'\"")
        elif extra == "optional":
            required = False
        else:
            raise QueryFileError(f"{path.name}: bad param spec {spec!r}")
    label = ptype.split(":", 1)[1] if ptype.startswith("term:") else None
    enum = ptype.startswith("enum:") and all(v.strip() for v in ptype[5:].split("|"))
    if ptype not in (*SCALAR_TYPES, "term") and not enum and (label is None or label not in NODE_LABELS):
        raise QueryFileError(f"{path.name}: unknown param type {ptype!r}")
    param = Param(name, ptype, desc, None, required)
    if default is not None:
        param = Param(name, ptype, desc, param.coerce(default), False)
    return param


def parse(path: Path, system: bool = False) -> NamedQuery:
    """Parse and check one query file."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {
        k: [] for k in ("name", "question", "description", "param", "example", "returns", "cues")
    }
    last = None
    for line in text.splitlines():
        if not line.startswith("//"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            last = m.group(1)
            fields[last].append(m.group(2))
        elif (c := _CONT.match(line)) and last in ("description", "returns", "cues", "question"):
            fields[last][-1] += " " + c.group(1)
    name = fields["name"][0] if fields["name"] else ""
    if name != path.stem or not _NAME.match(name):
        raise QueryFileError(f"{path.name}: header name {name!r} must equal the file name")
    if not fields["description"] or not fields["returns"]:
        raise QueryFileError(f"{path.name}: header needs description and returns")
    params = tuple(_parse_param(p, path) for p in fields["param"])
    returns = tuple(c.strip() for c in fields["returns"][0].split(",") if c.strip())
    bad = [c for c in returns if not _SNAKE.match(c)]
    if bad:
        raise QueryFileError(f"{path.name}: returned columns must be snake_case: {bad}")
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//"))
    if any(p.name == ROW_CAP for p in params):
        raise QueryFileError(f"{path.name}: the parameter name {ROW_CAP!r} is reserved for the row cap")
    used = set(_USED.findall(body))
    own_cap = ROW_CAP in used  # the file places `LIMIT $row_cap` itself (before work done per row)
    used.discard(ROW_CAP)
    declared = {p.name for p in params}
    if used != declared:
        raise QueryFileError(f"{path.name}: parameters used {sorted(used)} != declared {sorted(declared)}")
    for p in [*params, *([Param(ROW_CAP, "integer", "", None, False)] if own_cap else [])]:
        if not any(f":param {p.name} " in e or f":param {p.name}=" in e for e in fields["example"]):
            raise QueryFileError(f"{path.name}: no `:param {p.name} => ...` example line")
    if not system and not (fields["question"] and fields["cues"]):
        raise QueryFileError(f"{path.name}: a catalogue query needs a `question:` and `cues:` header line")
    examples = tuple(fields["example"])
    question = fields["question"][0] if fields["question"] else ""
    cues = tuple(c.strip().lower() for c in ",".join(fields["cues"]).split(",") if c.strip())
    capped = text if own_cap else _capped(text, body, path)
    return NamedQuery(
        name, fields["description"][0], params, examples, returns, text, path, system, question, cues, capped
    )


ROW_CAP = "row_cap"
"""The parameter of :attr:`NamedQuery.capped`: the engine stops after this many rows of each branch."""


def _capped(text: str, body: str, path: Path) -> str | None:
    """``text`` with ``LIMIT $row_cap`` after the last clause of each ``UNION ALL`` branch, so that a
    row cap is applied by the engine (which then neither builds nor sends the rows past it) rather
    than after the whole answer crossed the socket. ``None`` when a branch ends with its own
    ``LIMIT`` (the query is bounded by a parameter of its own). Every word ``union`` of ``body`` (the
    text without its comment lines) counts: one inside a string or a trailing comment is refused too,
    which errs on the safe side and costs no Cypher lexer when the registry loads (a cold start)."""
    unions = len(_UNION.findall(body))
    branches = re.split(r"(?m)^UNION ALL[ \t]*$", text)
    if unions != len(branches) - 1:
        raise QueryFileError(
            f"{path.name}: every UNION must be a line `UNION ALL` of its own (the row cap splits there)"
        )
    ends = [[ln for ln in b.splitlines() if ln.strip() and not ln.lstrip().startswith("//")] for b in branches]
    if any(lines and lines[-1].lstrip().upper().startswith("LIMIT ") for lines in ends):
        return None
    return "UNION ALL".join(
        b.rstrip() + f"\nLIMIT ${ROW_CAP}\n" + ("\n" if i < len(branches) - 1 else "") for i, b in enumerate(branches)
    )


@functools.lru_cache(maxsize=4)
def _load(root: Path) -> dict[str, NamedQuery]:
    out: dict[str, NamedQuery] = {}
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.cypher")):
            q = parse(path, system=folder == "system")
            if q.name in out:
                raise QueryFileError(f"{path}: a query named {q.name!r} exists already ({out[q.name].path})")
            out[q.name] = q
    return out


def registry(root: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query shipped under ``cypher/`` (catalogue first, then system; parsed once)."""
    return _load(root or cypher_dir())


def catalogue() -> dict[str, NamedQuery]:
    """The named queries researchers ask (``cypher/queries/``), without the system queries."""
    return {k: q for k, q in registry().items() if not q.system}


def get(name: str) -> NamedQuery:
    """The named query ``name`` (accepts ``_`` for ``-``), or :class:`UnknownQueryError`."""
    reg = registry()
    key = name.strip().lower().replace("_", "-")
    if key in reg:
        return reg[key]
    raise UnknownQueryError(name, difflib.get_close_matches(key, list(reg), n=3, cutoff=0.4))
