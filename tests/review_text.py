"""The review's text, read by line number, to check the line citations of the answer tests.

The text is ``../shared/sources/000_808a76f477bdf626.txt`` (beside the repository, not shipped with
it); line numbers are those of ``cat -n``. The tests that read it are marked
``needs_review_text`` (tests/conftest.py) and skip when it is absent.
"""

from __future__ import annotations

import functools
import re

from .conftest import SOURCE_TEXT

_HYPHEN_BREAK = re.compile(r"(\w)- (\w)")


def norm(text: str) -> str:
    """Whitespace collapsed, as the curation compares text."""
    return " ".join(text.split())


def dehyphenate(text: str) -> str:
    """Without the PDF's line-break hyphens ("mitochon- dria" -> "mitochondria")."""
    return _HYPHEN_BREAK.sub(r"\1\2", text)


@functools.cache
def _lines() -> tuple[str, ...]:
    return tuple(SOURCE_TEXT.read_text(encoding="utf-8").splitlines())


@functools.cache
def whole() -> str:
    """The whole review, whitespace collapsed."""
    return norm("\n".join(_lines()))


def lines(first: int, last: int) -> str:
    """Lines ``first`` to ``last`` (1-based, inclusive), whitespace collapsed."""
    return norm("\n".join(_lines()[first - 1 : last]))


def says(first: int, last: int, phrase: str) -> bool:
    """Whether lines ``first``-``last`` print ``phrase`` (with or without the PDF's hyphen breaks)."""
    text = lines(first, last)
    want = norm(phrase)
    return want in text or dehyphenate(want) in dehyphenate(text)
