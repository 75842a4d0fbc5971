"""A user's clone (and GitHub Actions) has no ``../shared`` beside the repository: the tests that read
the review text must skip there with a clear reason, and no document may name a path of one machine.

``.ci/run`` also sets up a clone without ``../shared`` as README command 2 does and runs there every
test module that reads the review text; the test below does the same in a copy of this working tree,
so that a developer sees it without CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import ROOT, SOURCE_TEXT, short_tmpdir

REVIEW_TEXT = "../shared/sources/000_808a76f477bdf626.txt"
_READS_REVIEW = re.compile(r"\bSOURCE_TEXT\b|\bneeds_review_text\b|\breview_text\b")
_MACHINE_PATH = re.compile(r"(?<![\w.])/work/(?:shared|main)\b")
_TEXT_SUFFIXES = {".md", ".py", ".yaml", ".yml", ".toml", ".cypher", ".txt", ".html", ".ipynb", ".grass", ""}
_COPIED = ("msc_graph", "cypher", "ingest", "tests", "notebooks", "pyproject.toml", "README.md")


def _tracked() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("needs git to list the repository's files")
    return [ROOT / line for line in out.splitlines() if line and (ROOT / line).is_file()]


def test_no_file_names_a_path_of_one_machine() -> None:
    offenders = []
    for path in _tracked():
        if path.suffix not in _TEXT_SUFFIXES or path.stat().st_size > 2_000_000 or path == Path(__file__):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if _MACHINE_PATH.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not offenders, f"name the review text as {REVIEW_TEXT} (relative to the repository):\n" + "\n".join(
        offenders
    )


def _review_modules() -> list[str]:
    return sorted(
        f"tests/{p.name}"
        for p in (ROOT / "tests").glob("test_*.py")
        if p.name != Path(__file__).name and _READS_REVIEW.search(p.read_text(encoding="utf-8"))
    )


def test_tests_that_read_the_review_text_skip_without_it(tmp_path: Path) -> None:
    if not SOURCE_TEXT.exists():
        pytest.skip("this checkout has no review text beside it: the whole run is this check")
    modules = _review_modules()
    assert modules, "no test reads the review text: this check no longer finds them"
    clone = short_tmpdir("mgc") / "msc-graph"  # nothing beside it: no ../shared
    try:
        for name in _COPIED:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, clone / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif src.exists():
                clone.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, clone / name)
        assert not (clone.parent.parent / "shared").exists()
        report = tmp_path / "junit.xml"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MSC_GRAPH_", "PYTEST_"))}
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *modules],
            cwd=clone,
            capture_output=True,
            text=True,
            env=env,
            timeout=1500,
        )
        assert report.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
        cases = ET.parse(report).getroot().iter("testcase")
        skipped, broken = [], []
        for case in cases:
            for child in case:
                text = (child.get("message") or "") + (child.text or "")
                if child.tag == "skipped" and "review text" in text:
                    skipped.append(case.get("name"))
                elif child.tag in ("failure", "error") and ("shared/sources" in text or "SOURCE_TEXT" in text):
                    broken.append(f"{case.get('classname')}::{case.get('name')}: {text[:300]}")
        assert not broken, "tests that need the review text fail without it instead of skipping:\n" + "\n".join(broken)
        assert skipped, "no test said it skipped for want of the review text:\n" + proc.stdout[-2000:]
    finally:
        shutil.rmtree(clone.parent, ignore_errors=True)
