"""Issue 15, "reads that cannot hurt": hostile record files, and what the CLI writes and prints.

Record folders come from other people: a file in one may be a symlink to a device, a FIFO, a YAML
"billion laughs" or a number too long to print. Output may be opened in a spreadsheet, may land on
an existing file or a symlink, and is printed to terminals.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import msc_graph
from msc_graph import RecordError

from ..conftest import INGEST, cli


def _laughs() -> str:
    """One record whose note is nine levels of nine aliases each (9**9 strings when expanded)."""
    lines, prev = ["- id: laughing", "  name: laughing", "  note:"], '"lol"'
    for k in "abcdefghi":
        lines.append(f"    {k}: &{k} [{', '.join([prev] * 9)}]")
        prev = f"*{k}"
    return "\n".join(lines) + "\n"


def _issues(root: Path) -> list[msc_graph.RecordIssue]:
    with pytest.raises(RecordError) as err:
        msc_graph.validate(root)
    return err.value.issues


def _one_issue(root: Path, file_end: str, *words: str) -> msc_graph.RecordIssue:
    issues = [i for i in _issues(root) if i.file.endswith(file_end)]
    assert len(issues) == 1, issues
    text = str(issues[0])
    assert all(w in text for w in words), text
    return issues[0]


def test_a_billion_laughs_is_refused_without_expanding_it(records: Path) -> None:
    """671 added bytes gave a MemoryError at a 2.5 GB cap: the loader expanded every alias."""
    path = records / "vocab" / "pathways.yaml"
    text = path.read_text(encoding="utf-8")
    assert len(_laughs()) < 700
    path.write_text(_laughs() + text, encoding="utf-8")
    started = time.monotonic()
    _one_issue(records, "vocab/pathways.yaml", "aliases")
    assert time.monotonic() - started < 10
    recursive = "- &r\n  id: loop\n  name: loop\n  synonyms: [*r]\n"
    path.write_text(recursive + text, encoding="utf-8")
    _one_issue(records, "vocab/pathways.yaml", "recursive")


def test_an_integer_too_long_to_print_is_one_issue(records: Path) -> None:
    """A record integer over 4,300 digits leaked ValueError."""
    path = records / "vocab" / "pathways.yaml"
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms[0]["note"] = 0
    text = yaml.safe_dump(terms, sort_keys=False, width=10_000).replace("note: 0", "note: " + "7" * 5000, 1)
    path.write_text(text, encoding="utf-8")
    _one_issue(records, "vocab/pathways.yaml", "too long")
    path.write_text(text.replace("note: " + "7" * 5000, "note: 0x" + "f" * 5000, 1), encoding="utf-8")
    assert _issues(records)  # refused (a hex number that long cannot be printed either), not a crash


def _claims_file(records: Path) -> Path:
    return sorted((records / "sources").glob("*/claims/*.yaml"))[0]


def test_a_symlink_to_a_device_is_not_read(records: Path) -> None:
    """A symlink to /dev/zero ended in MemoryError."""
    target = _claims_file(records)
    target.unlink()
    target.symlink_to("/dev/zero")
    _one_issue(records, target.name, "symbolic link leading out")


def test_a_symlink_leading_out_of_the_folder_is_not_read(records: Path, tmp_path: Path) -> None:
    target = _claims_file(records)
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(target, outside)
    target.unlink()
    target.symlink_to(outside)
    _one_issue(records, target.name, "symbolic link leading out")
    target.unlink()
    inside = records / "sources" / "kept.yaml.txt"
    shutil.copy(outside, inside)
    target.symlink_to(inside)  # a symlink inside the folder is fine
    assert len(msc_graph.validate(records).claims) == len(msc_graph.validate(INGEST).claims)


def test_a_fifo_does_not_hang_validate_or_ingest(records: Path, data_dir: Path) -> None:
    """A FIFO hung `validate` and `ingest` for ever."""
    target = _claims_file(records)
    target.unlink()
    os.mkfifo(target)
    for command in ("validate", "ingest"):
        env = {**os.environ, "MSC_GRAPH_DATA_DIR": str(data_dir), "MSC_GRAPH_GRAPH": "rel_fifo"}
        proc = subprocess.run(
            [sys.executable, "-m", "msc_graph", command, str(records)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode == 1 and "FIFO" in proc.stderr and target.name in proc.stderr, proc.stderr


def test_a_device_node_in_the_folder_is_not_read(records: Path) -> None:
    target = _claims_file(records)
    target.unlink()
    try:
        os.mknod(target, 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    _one_issue(records, target.name, "character device")


def test_record_errors_name_the_folder_they_come_from(tmp_path: Path) -> None:
    """Three messages always named `ingest/...` files, whatever folder the records came from."""
    base = tmp_path / "my-records"

    def fresh() -> Path:
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(INGEST, base)
        return base

    def edit(path: Path, change: object) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)  # type: ignore[operator]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")

    root = fresh()  # 1. an unknown species
    edit(
        root / "vocab" / "msc_sources.yaml", lambda d: next(t for t in d if t.get("species")).update(species="martian")
    )
    species = _issues(root)
    root = fresh()  # 2. an ambiguous spelling that is also a term's spelling
    molecules = yaml.safe_load((root / "vocab" / "molecules.yaml").read_text(encoding="utf-8"))
    used = " ".join(p.read_text(encoding="utf-8").lower() for p in (root / "sources").rglob("*.yaml"))
    unused = [t for t in molecules if t["id"].lower() not in used and t["name"].lower() not in used]
    spelling = unused[0]["name"]  # a term no record names: only the clash itself is reported
    both = [f"molecules:{unused[0]['id']}", f"molecules:{unused[1]['id']}"]
    edit(root / "vocab" / "ambiguous.yaml", lambda d: d.append({"spelling": spelling, "candidates": both}))
    ambiguous = _issues(root)
    root = fresh()  # 3. a study no claim cites
    claims = sorted((root / "sources").glob("literature-*/claims/*.yaml"))
    claims[-1].unlink()
    uncited = _issues(root)
    for issues, end in ((species, "vocab/msc_sources.yaml"), (ambiguous, "ambiguous.yaml"), (uncited, "studies.yaml")):
        assert any(i.file.endswith(end) for i in issues), issues
        assert all(i.file.startswith("my-records/") for i in issues), issues


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    query = "RETURN '=HYPERLINK(\"http://x\")' AS a, '+1+1' AS b, '-2+3' AS c, '@SUM(A1)' AS d, -4 AS n, 'ok' AS `=e`"
    out = cli("cypher", query, "--format", "csv")
    assert out.exit_code == 0, out.stderr
    header, row = out.stdout.splitlines()
    assert header == "a,b,c,d,n,e"  # column names are snake_cased: none can start a formula
    assert row == '"\'=HYPERLINK(""http://x"")",\'+1+1,\'-2+3,\'@SUM(A1),-4,ok'


def test_output_files_are_not_overwritten_or_written_through_symlinks(tmp_path: Path) -> None:
    """`-o` overwrote existing files and wrote through symlinks without asking."""
    existing = tmp_path / "notes.csv"
    existing.write_text("precious\n")
    precious = tmp_path / "precious.txt"
    precious.write_text("precious\n")
    link = tmp_path / "link.csv"
    link.symlink_to(precious)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "not-yet.txt")
    for target in (existing, link, dangling):
        for fmt in ("csv", "html"):
            out = cli("cypher", "RETURN 1 AS x", "--format", fmt, "-o", str(target))
            assert out.exit_code == 1 and "--force" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert existing.read_text() == "precious\n" and precious.read_text() == "precious\n"
    assert not (tmp_path / "not-yet.txt").exists()
    out = cli("cypher", "RETURN 1 AS x", "--format", "csv", "-o", str(link), "--force")
    assert out.exit_code == 0 and precious.read_text() == "precious\n"  # the link was replaced, not followed
    assert not link.is_symlink() and link.read_text() == "x\n1\n"
    out = cli("cypher", "RETURN 2 AS x", "--format", "csv", "-o", str(existing), "--force")
    assert out.exit_code == 0 and existing.read_text() == "x\n2\n"
    new = tmp_path / "new.json"
    assert cli("cypher", "RETURN 3 AS x", "--format", "json", "-o", str(new)).exit_code == 0 and new.exists()


@pytest.mark.parametrize("fmt", ["table", "records"])
def test_escape_characters_do_not_reach_the_terminal_raw(fmt: str) -> None:
    """Escape sequences stored in records (a title change, a screen clear) were printed raw."""
    hostile = "\x1b]0;pwned\x07\x1b[2J\rgone"
    out = cli("cypher", "RETURN $x AS x", "-p", f"x={hostile}", "--format", fmt)
    assert out.exit_code == 0
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "\r" not in out.stdout
    assert "\\x1b]0;pwned" in out.stdout
    json_out = cli("cypher", "RETURN $x AS x", "-p", f"x={hostile}", "--format", "json")
    assert "\x1b" not in json_out.stdout and "\\u001b" in json_out.stdout  # data stays whole in JSON
