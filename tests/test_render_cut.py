"""The terminal views cut long lists before laying them out (``_render._shown``): the text printed
is the one the views print from the whole lists, only cheaper (a 100k-claim answer has cells of
thousands of studies)."""

from __future__ import annotations

import io
import re

import pytest

from msc_graph import Result
from msc_graph._render import _terminal, _widest, cell_len, printable, printable_result, render


def _whole(result: Result, fmt: str, width: int) -> str:
    """The views fed the whole lists (the path before the cut)."""
    out = io.StringIO()
    _terminal(printable_result(result), out, None, records=fmt == "records")
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["table", "records"])
@pytest.mark.parametrize("width", ["60", "200"])
def test_cut_lists_print_exactly_what_whole_lists_print(fmt: str, width: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", width)
    studies = [f"pmid:{1000 + i}" for i in range(3000)]
    wide_late = [f"m{i}" for i in range(20)] + ["a molecule name long enough to need a line of its own " * 2]
    rows = [
        ["paracrine", 2990, studies, wide_late, ["x\x1b[31m", *[f"t{i}" for i in range(12)]]],
        ["contact", 3, studies[:3], ["IL-6"], []],
    ]
    result = Result(["route", "studies", "study_ids", "molecules", "odd"], rows)
    out = io.StringIO()
    render(result, fmt, out)
    assert out.getvalue() == _whole(result, fmt, int(width))
    assert "2992" in out.getvalue() and "\\x1b" in out.getvalue()


@pytest.mark.parametrize(
    "items",
    [
        [f"pmid:{i}" for i in range(50)],
        ["ascii", "Δψm (mitochondria)", "x" * 30],
        ["漢字" * 9, "a" * 17],
        ["a\x1bb" * 6, "b" * 20],
        ["tab\tinside", "line\nbreak", "é"],
        [],
    ],
)
def test_the_widest_item_is_measured_as_the_terminal_shows_it(items: list[str]) -> None:
    expected = max((cell_len(printable(t)) for t in items), default=0)
    assert _widest(items) == expected


@pytest.mark.parametrize("width", ["60", "100"])
def test_a_table_written_once_is_what_rich_prints(width: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without colours the table's text is written from the layout probe; with colours (FORCE_COLOR)
    rich prints the table itself: the same text once its colour codes are taken out."""
    monkeypatch.setenv("COLUMNS", width)
    rows = [["paracrine", 12, [f"pmid:{i}" for i in range(30)], "Δψm"], ["contact", 3, ["a", "b"], "漢字"]]
    result = Result(["route", "n", "studies", "note"], rows)
    plain = io.StringIO()
    render(result, "table", plain)
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = io.StringIO()
    render(result, "table", coloured)
    assert "\x1b[" in coloured.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == plain.getvalue()
    assert "┃ route" in plain.getvalue()
