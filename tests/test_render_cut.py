"""The terminal views cut long lists before laying them out (``_render._shown``): the text printed
is the one the views print from the whole lists, only cheaper (a 100k-claim answer has cells of
thousands of studies)."""

from __future__ import annotations

import io

import pytest

from msc_graph import Result
from msc_graph._render import _terminal, printable_result, render


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
