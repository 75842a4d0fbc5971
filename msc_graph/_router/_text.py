"""Words of a question: normalising, tokens with their offsets, a light stemmer, stop words.

Everything here is deterministic and local: no model, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_WORD = re.compile(r"[^\W_]+")
_IZE = re.compile(r"iz(e|ed|es|ing)$")


def clean(text: str) -> str:
    """The question as matched: typographic quotes and dashes made plain, whitespace collapsed."""
    return _WS.sub(" ", text.translate(_QUOTES)).strip()


def lower(text: str) -> str:
    """``text`` in lower case with the same length (offsets stay valid)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def stem(word: str) -> str:
    """A light stemmer for cue words: 'rescued', 'rescues' and 'rescue' share a stem."""
    w = _IZE.sub(r"is\1", word.lower())
    if w.endswith("eses"):
        w = w[:-2] + "is"
    if w.endswith(("sis", "ss", "us")):
        return w
    if w.endswith(("ies", "ied")) and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True)
class Token:
    """One word of the question (letters and digits only), with its offsets and stem."""

    start: int
    end: int
    text: str  # lower case
    stem: str


def tokens(low: str) -> list[Token]:
    """The words of a lower-cased question (punctuation and hyphens split words)."""
    return [Token(m.start(), m.end(), m.group(), stem(m.group())) for m in _WORD.finditer(low)]


def cue_tokens(cue: str) -> tuple[str, ...]:
    """The stems of a cue phrase, as matched against the question's tokens."""
    return tuple(stem(m.group()) for m in _WORD.finditer(lower(clean(cue))))


NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """
        a about above across after again against all also am an and any anything are as at be because been
        before being below between both but by can could did do does doing done during each else eg e g etc ever
        every for from further get gets got had has have having he her here hers him his how i if in incl
        including into is it its itself just let me more most my no nor not now of off on once only or other our
        out over own please re same she should show so some such than that the their them then there these they
        this those through to too under until up very via vs versus was we were what whats what's when where
        which while who whom why will with would you your s t ones one kind kinds type types msc mscs cell cells
        review reviews claim claims data effect effects result results find found list give tell exactly really
        actually something anyone exist exists known know way ways
        """,
    )
)
"""Words that need no reading: function words and the subject every question shares."""


def looks_like_a_name(word: str) -> bool:
    """True for words that name something (``MLKL``, ``GVHD``, ``miR-999``): unknown ones block an answer."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return (upper >= 2 and len(letters) >= 2) or (bool(letters) and any(c.isdigit() for c in word))
