"""The README's documented commands run, and print what the README shows."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import msc_graph
from msc_graph.cli import main

from .conftest import INGEST

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def test_command_1_prints_what_the_readme_shows(graph: msc_graph.Graph) -> None:
    quick = next(b for b in _blocks("bash") if "# 1." in b)
    line = next(ln for ln in quick.splitlines() if "msc-graph ask" in ln)
    ask = shlex.split(line.split(".venv/bin/msc-graph ask", 1)[1])
    shown = next(b for b in _blocks("text") if b.startswith("published "))
    assert _run(["ingest", "-q"]) + _run(["ask", *ask]) == shown


def _documented_commands() -> list[list[str]]:
    out = []
    for block in _blocks("bash"):
        for ln in block.splitlines():
            ln = ln.split("  #", 1)[0].strip()
            if ln.startswith("msc-graph ") and not ln.startswith(("msc-graph explore", "msc-graph server stop")):
                out.append(shlex.split(ln)[1:])
    return out


@pytest.mark.parametrize("args", _documented_commands(), ids=lambda a: " ".join(a)[:60])
def test_every_documented_command_runs(graph: msc_graph.Graph, args: list[str], tmp_path: Path) -> None:
    args = [str(tmp_path / Path(a).name) if a.endswith((".png", ".svg", ".html", ".graphml")) else a for a in args]
    if "--backend" in args or (args[:1] == ["ingest"] and len(args) > 1):
        pytest.skip("needs Neo4j")
    if args[:1] == ["new-study"]:  # it writes records: into a copy, never into the shipped ingest/
        records = tmp_path / "ingest"
        shutil.copytree(INGEST, records)
        args = [*args, "--records", str(records)]
    assert _run(args) is not None


def test_a_query_parameter_may_be_named_text(graph: msc_graph.Graph) -> None:
    out = _run(["cypher", "RETURN $text AS x", "-p", "text=hi", "--format", "csv"])
    assert out == "x\nhi\n"
    assert graph.cypher("RETURN $text AS x, $name AS y", text="hi", name="n").iloc[0].tolist() == ["hi", "n"]
