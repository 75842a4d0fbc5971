"""Every spelling of every term, study and source (from a :class:`~msc_graph._terms.TermIndex`), found
in a question longest first, without overlap; fuzzy matching for what is left, never for spellings
with digits (miR-410 is not miR-451, Table 2 is not Table 3)."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .._schema import kind
from .._terms import TermIndex

FUZZY_CUTOFF = 0.88
"""Similarity (0-1) a leftover word must reach to be read as a misspelt term (necroptsis ~ necroptosis)."""

GENERIC = frozenset(
    {
        "msc",
        "mscs",
        "mesenchymal stem cells",
        "mesenchymal stromal cells",
        "mesenchymal stem/stromal cells",
        "mesenchymal stem/stromal cell",
        "mesenchymal stem cell",
        "cell death",
    }
)
"""Spellings read as the subject every question shares ("MSCs", "cell death"), never as a filter."""

_ARM = re.compile(r"^((?:hsa-)?(?:mir|mirna|microrna|let)-?\d+[a-z]?)-[35]p$")


@dataclass(frozen=True)
class Sense:
    """What a spelling names in one label: one id, or several (then it is ambiguous)."""

    label: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    senses: tuple[Sense, ...]
    how: str = ""  # how the spelling was derived, if it is not one of the vocabulary's own
    author: bool = False  # a study's first-author name: matched only when capitalised or before "et al"


@dataclass
class Span:
    """A part of the question and what it was read as."""

    start: int
    end: int
    text: str  # as typed
    kind: str  # term | generic | table | setting | number | flag | evidence | unknown
    senses: tuple[Sense, ...] = ()
    value: Any = None  # table number, setting, integer, (param, value) for flags, evidence choice
    how: str = ""  # fuzzy match, derived spelling ...
    example: bool = False  # after "e.g.": an example, not a filter

    @property
    def ambiguous(self) -> bool:
        return self.kind == "term" and all(len(s.ids) > 1 for s in self.senses)

    def ids_for(self, label: str) -> tuple[str, ...]:
        """The ids this span names in ``label`` ('' = any label, in the order of the senses)."""
        return tuple(i for s in self.senses if not label or s.label == label for i in s.ids)


@dataclass
class Lexicon:
    entries: dict[str, Entry] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (label, id) -> preferred name
    fuzzy_keys: dict[int, list[str]] = field(default_factory=dict)  # number of words -> keys
    spellings: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (label, id) -> its spellings

    def name(self, label: str, term_id: str) -> str:
        return self.names.get((label, term_id), term_id)

    def describe(self, label: str, term_id: str) -> str:
        name = self.name(label, term_id)
        return f"{term_id} ({kind(label)}{'' if name == term_id else ': ' + name})"


def _add(out: dict[str, dict[str, set[str]]], key: str, label: str, ids: Iterable[str]) -> None:
    out.setdefault(key, {}).setdefault(label, set()).update(ids)


def build(terms: TermIndex) -> Lexicon:
    """The spellings of ``terms``, with derived spellings (hyphen/space, singular/plural, miRNA arm)."""
    own: dict[str, dict[str, set[str]]] = {}
    lex = Lexicon()
    authors: set[str] = set()
    for label, vocab in terms.vocabs.items():
        for tid, name in vocab.names.items():
            lex.names[(label, tid)] = name
        for key, tid in vocab.index.items():
            _add(own, key, label, [tid])
            lex.spellings.setdefault((label, tid), []).append(key)
        for key, several in vocab.ambiguous.items():
            _add(own, key, label, several)
        if label == "Study":
            authors |= {k for k in list(vocab.index) + list(vocab.ambiguous) if k.isalpha()}
    for key, senses in own.items():
        lex.entries[key] = Entry(
            tuple(Sense(lab, tuple(sorted(i))) for lab, i in senses.items()), author=key in authors
        )
    derived: dict[str, dict[str, set[str]]] = {}
    how: dict[str, str] = {}
    for key, senses in own.items():
        variants: list[tuple[str, str]] = []
        if "-" in key:
            variants += [(key.replace("-", " "), "hyphen as space"), (key.replace("-", ""), "without hyphen")]
        last = key.split(" ")[-1]
        if key.endswith("s") and len(last) >= 5 and not key.endswith(("ss", "is", "us")):
            variants.append((key[:-1], "singular"))
        elif key[-1:].isalpha() and len(last) >= 4 and not key.endswith("s"):
            variants.append((key + "s", "plural"))
        m = _ARM.match(key)
        if m:
            variants.append((m.group(1), "without the arm (-5p/-3p): the only arm in the vocabulary"))
        for variant, why in variants:
            if variant and variant not in own and variant not in GENERIC:
                for lab, named in senses.items():
                    _add(derived, variant, lab, named)
                how.setdefault(variant, why)
    for key, senses in derived.items():
        lex.entries[key] = Entry(tuple(Sense(lab, tuple(sorted(i))) for lab, i in senses.items()), how[key])
    for key, entry in lex.entries.items():
        if key in GENERIC or any(c.isdigit() for c in key) or len(key) < 5:
            continue
        if any(s.label in ("Study", "Source") for s in entry.senses):
            continue
        lex.fuzzy_keys.setdefault(key.count(" ") + 1, []).append(key)
    return lex


def _bounded(low: str, i: int, j: int) -> bool:
    """True when ``low[i:j]`` is whole words: "miR-21" is not read inside "miR-210", "HO" not in "HO-1"."""
    if i > 0:
        p = low[i - 1]
        if p.isalnum() or (p in "-./" and i > 1 and low[i - 2].isdigit()):
            return False
    if j < len(low):
        n = low[j]
        if n.isalnum() or (n in "-./" and j + 1 < len(low) and low[j + 1].isdigit()):
            return False
    return True


def _case_ok(entry: Entry, key: str, text: str, low: str, i: int, j: int) -> bool:
    if entry.author and len(entry.senses) == 1:
        return text[i].isupper() or low[j:].startswith(" et al")
    if len(key) <= 3 and key.isalpha():  # "AD", "CS", "MI", "HO": only as an abbreviation
        return any(c.isupper() for c in text[i:j])
    return True


def find_terms(lex: Lexicon, text: str, low: str, taken: list[bool]) -> list[Span]:
    """Every spelling found in the free parts of the question, longest first, without overlap."""
    found: list[tuple[int, int, str]] = []
    for key, entry in lex.entries.items():
        start = low.find(key)
        while start >= 0:
            end = start + len(key)
            if _bounded(low, start, end) and _case_ok(entry, key, text, low, start, end):
                found.append((start, end, key))
            start = low.find(key, start + 1)
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    spans = []
    for start, end, key in found:
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = True
        entry = lex.entries[key]
        what = "generic" if key in GENERIC else "term"
        spans.append(Span(start, end, text[start:end], what, entry.senses, how=entry.how))
    return spans


@functools.cache
def _rapidfuzz() -> Any:
    """rapidfuzz (the optional `fuzzy` extra) if installed, else None: difflib gives the same readings."""
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        return None
    return fuzz, process


def _similar(query: str, keys: list[str], use_rapidfuzz: bool = True) -> tuple[str, float] | None:
    """The most similar key above :data:`FUZZY_CUTOFF`, with its similarity (0-1)."""
    keys = [k for k in keys if abs(len(k) - len(query)) <= 3]
    if not keys:
        return None
    fast = _rapidfuzz() if use_rapidfuzz else None
    if fast is not None:
        fuzz, process = fast
        hit = process.extractOne(query, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF * 100)
        return (str(hit[0]), float(hit[1]) / 100) if hit else None
    close = difflib.get_close_matches(query, keys, n=1, cutoff=FUZZY_CUTOFF)
    return (close[0], difflib.SequenceMatcher(None, query, close[0]).ratio()) if close else None


def fuzzy(lex: Lexicon, text: str, low: str, words: list[tuple[int, int]]) -> list[Span]:
    """Misspelt terms among leftover words (runs of up to three), never for words with digits."""
    spans: list[Span] = []
    used: set[int] = set()
    for size in (3, 2, 1):
        for a in range(len(words) - size + 1):
            run = list(range(a, a + size))
            if used & set(run) or any(words[b + 1][0] - words[b][1] > 1 for b in run[:-1]):
                continue
            start, end = words[a][0], words[a + size - 1][1]
            piece = low[start:end]
            if any(c.isdigit() for c in piece) or len(piece) < 5:
                continue
            hit = _similar(piece, lex.fuzzy_keys.get(size, []))
            if hit is None:
                continue
            key, score = hit
            used |= set(run)
            how = f'misspelt? read as "{key}" (similarity {round(score * 100)} %)'
            spans.append(Span(start, end, text[start:end], "term", lex.entries[key].senses, how=how))
    return spans


def merge_qualifiers(lex: Lexicon, low: str, spans: list[Span]) -> list[Span]:
    """A term right before another whose spellings contain it is part of that name: "LPS ALI mouse
    model" is the LPS-induced ALI model (a spelling of it says "LPS-induced ALI"), not LPS and a model."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == s.kind == "term"
            and not low[prev.end : s.start].strip(" -")
            and len(s.senses) == 1
            and len(s.senses[0].ids) == 1
        ):
            word = re.compile(rf"(?<![\w]){re.escape(low[prev.start : prev.end])}(?![\w])")
            names = lex.spellings.get((s.senses[0].label, s.senses[0].ids[0]), [])
            if any(word.search(n) for n in names):
                text = prev.text + low[prev.end : s.start] + s.text
                how = f'"{prev.text}" is part of this name'
                out[-1] = Span(prev.start, s.end, text, "term", s.senses, how=how)
                continue
        out.append(s)
    return out
