"""Guards of the architecture: one home per concept, no import cycle, small modules, no stray Cypher.

These read the package's source (``ast``) and the query files; they need no database.
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import msc_graph
from msc_graph import _schema

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "msc_graph"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path, modules: set[str]) -> set[str]:
    """Modules of the package that ``name`` imports at run time (function-level imports included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.split(".")[0] == "msc_graph")
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.split(".")[0] != "msc_graph":
                    continue
                for alias in child.names:  # `from . import _x` imports the submodule _x
                    imported = f"{target}.{alias.name}"
                    found.add(imported if imported in modules else target)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    # importing a.b.c runs a/__init__ and a/b/__init__ too, but a parent package's __init__ importing
    # its children is not a cycle through them: keep the imported module itself only
    return {m for m in found if m in modules and m != name}


def test_no_import_cycle_in_the_package() -> None:
    mods = _modules()
    graph = {name: _imports(name, path, set(mods)) for name, path in mods.items()}
    # a child importing its own ancestor package's __init__ is how `from . import x` reads: ignore
    graph = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                cycles.append([*stack[stack.index(m) :], m])
            elif m not in state:
                dfs(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            dfs(n)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_cycle_check_sees_a_cycle(tmp_path: Path) -> None:
    """The checker itself finds a cycle when there is one (so the test above can fail)."""
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from msc_graph import b\n")
    b.write_text("def f():\n    from msc_graph import a\n")
    mods = {"msc_graph.a", "msc_graph.b"}
    assert _imports("msc_graph.a", a, mods) == {"msc_graph.b"}
    assert _imports("msc_graph.b", b, mods) == {"msc_graph.a"}


def test_no_module_over_400_lines() -> None:
    long = {n: len(p.read_text().splitlines()) for n, p in _modules().items()}
    assert not {n: k for n, k in long.items() if k > MAX_LINES}


_CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND|RETURN|DETACH DELETE|CREATE INDEX|CREATE CONSTRAINT)\b[^\n]*[(\[$]")
_ALLOWED = ("msc_graph/_queries/", "msc_graph/_engines/", "msc_graph/_readonly.py")


def test_no_cypher_in_python_strings_outside_the_registry_and_engines() -> None:
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if rel.startswith(_ALLOWED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
            and n.body
            and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings:
                continue
            if _CYPHER.search(node.value):
                offenders.append(f"{rel}:{node.lineno}: {node.value[:60]!r}")
    assert not offenders, "Cypher outside the query registry and the engines:\n" + "\n".join(offenders)


_LABEL_USE = re.compile(
    r"\(\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*([A-Za-z][A-Za-z0-9_]*)|\b[a-z_][a-z0-9_]*:([A-Z][A-Za-z0-9]*)\b"
)
_REL_USE = re.compile(r"\[\s*[A-Za-z_]*\s*:\s*([A-Z_|]+)")


def _query_bodies() -> dict[str, str]:
    out = {}
    for path in sorted((ROOT / "cypher").rglob("*.cypher")):
        body = "\n".join(ln for ln in path.read_text().splitlines() if not ln.lstrip().startswith("//"))
        body = re.sub(r"'(?:\\.|[^'\\])*'", "''", body)  # string literals are not identifiers
        out[str(path.relative_to(ROOT))] = body
    return out


def test_every_label_and_type_in_query_files_is_in_the_schema() -> None:
    bad = []
    for rel, body in _query_bodies().items():
        for m in _LABEL_USE.finditer(body):
            lab = m.group(1) or m.group(2)
            if lab not in _schema.NODE_LABELS:
                bad.append(f"{rel}: label {lab}")
        for m in _REL_USE.finditer(body):
            for t in m.group(1).split("|"):
                if t and t not in _schema.REL_TYPES:
                    bad.append(f"{rel}: relationship type {t}")
    assert not bad, bad


_ALTERNATION = re.compile(r"\[[a-z_]*:([A-Z_]+(?:\|[A-Z_]+){4,})")
_LEFT_OUT = re.compile(r"^//.*\bleft out\b.*$", re.M)


def test_lists_of_term_edges_in_query_files_name_every_term_edge() -> None:
    """A ``[:A|B|…]`` list of five or more types stands for "any link from a claim to a term": it must
    name every claim or context edge to a term (a query may leave some out only by saying so)."""
    term_edges = {name for name, r in _schema.REL_TYPES.items() if r.claim_field}
    allowed = term_edges | {"FROM_STUDY", "IN_CONTEXT"}
    lists = 0
    for path in sorted((ROOT / "cypher").rglob("*.cypher")):
        text = path.read_text()
        declared = set(re.findall(r"[A-Z][A-Z_]+", " ".join(_LEFT_OUT.findall(text))))
        for m in _ALTERNATION.finditer(text):
            types = set(m.group(1).split("|"))
            lists += 1
            assert types <= allowed, (path.name, sorted(types - allowed))
            assert term_edges - types <= declared, (path.name, "missing", sorted(term_edges - types - declared))
    assert lists, "no list of term edges found: the pattern of this test no longer matches the query files"


def test_the_public_surface() -> None:
    for name in msc_graph.__all__:
        assert getattr(msc_graph, name) is not None, name
    for module in ("analytics", "plots", "export"):
        assert not getattr(msc_graph, module).__name__.split(".")[-1].startswith("_")
    assert callable(msc_graph.export.export) and callable(msc_graph.plots.gap_map)


def test_each_label_has_one_entry_with_everything_the_code_needs() -> None:
    for name, spec in _schema.NODE_LABELS.items():
        assert spec.kind and spec.color.startswith("#") and spec.category.startswith("biolink:"), name
    for name, rel in _schema.REL_TYPES.items():
        assert rel.predicate.startswith("biolink:"), name
    # the kind names of messages come from the table, for labels and vocabulary files alike
    assert _schema.kind("RCDMode") == _schema.kind("rcd_modes") == "RCD mode"


def _comprehensions(text: str) -> list[tuple[int, int]]:
    """Spans of pattern comprehensions ``[(a)-[:R]->(b) | …]`` in a query body."""
    spans = []
    for m in re.finditer(r"\[\s*\(", text):
        depth, i = 0, m.start()
        while i < len(text):
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            if depth == 0:
                spans.append((m.start(), i + 1))
                break
            i += 1
    return spans


_CLAUSE = re.compile(r"^(?:OPTIONAL MATCH|MATCH|WITH|RETURN|UNWIND|ORDER BY|WHERE)\b", re.M)


def test_query_files_avoid_what_falkordb_silently_gets_wrong() -> None:
    """FalkorDB returns null (no error) for a pattern comprehension nested in another, and for the
    later of two pattern comprehensions of one clause that reuse a variable name; it refuses an
    aggregate inside an expression. The query files must avoid all three."""
    problems = _falkordb_pitfalls(_query_bodies())
    assert not problems, "\n".join(problems)


def test_the_pitfall_check_sees_each_pitfall() -> None:
    bodies = {
        "nested": "RETURN [(c)-[:IN_CONTEXT]->(x:Context) | [(x)-[:TARGETS_CELL]->(n:CellType) | n.id]] AS v",
        "reused": "WITH [(x)-[:TARGETS_CELL]->(n:CellType) | n.id] AS a,\n [(x)-[:IN_MODEL]->(n:Model) | n] AS b",
        "aggregate": "WITH reduce(f = [], l IN collect(x) | f + l) AS y",
    }
    found = _falkordb_pitfalls(bodies)
    assert [p.split(":")[0] for p in found] == ["nested", "reused", "aggregate"], found


def _falkordb_pitfalls(bodies: dict[str, str]) -> list[str]:
    problems = []
    for rel, body in bodies.items():
        spans = _comprehensions(body)
        for a, b in spans:
            if any(a < c < b for c, _ in spans):
                problems.append(f"{rel}: nested pattern comprehension at {body[a : a + 40]!r}")
        starts = [m.start() for m in _CLAUSE.finditer(body)] + [len(body)]
        for s, e in itertools.pairwise(starts):
            names: list[str] = []
            for a, b in spans:
                if s <= a < e:
                    names += re.findall(r"\(\s*([a-z_][a-z0-9_]*)\s*:", body[a:b].split("|", 1)[0])
            dup = {n for n in names if names.count(n) > 1}
            if dup:
                problems.append(f"{rel}: pattern comprehensions of one clause reuse {sorted(dup)}")
        if re.search(r"\bIN\s+collect\s*\(", body):
            problems.append(f"{rel}: an aggregate inside an expression (IN collect(...))")
    return problems


def test_typed_query_methods_are_the_generators_output(tmp_path: Path) -> None:
    """msc_graph/_catalogue_*.py are .ci/gen_catalogue.py's output for the current query headers."""
    import shutil
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / ".ci" / "gen_catalogue.py"), str(tmp_path)], check=True)
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    subprocess.run([ruff, "format", "-q", "--config", str(ROOT / "pyproject.toml"), str(tmp_path)], check=True)
    for name in ("_catalogue_rescue.py", "_catalogue_evidence.py"):
        committed = (PKG / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == committed, f"run .ci/gen_catalogue.py: {name} is stale"
