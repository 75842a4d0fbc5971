"""Reading the parts of a question: table numbers, reference numbers, flags, terms (longest first),
settings, numbers, misspelt terms, and the words that name something the graph does not know."""

from __future__ import annotations

import re

from . import _text
from ._lexicon import Lexicon, Sense, Span, find_terms, fuzzy, merge_qualifiers

_TABLE = re.compile(r"\b(?:table|tab)\.?\s*(?:no\.?\s*)?([1-4])\b")
_REF = re.compile(r"\b(?:refs?|references?|study)\.?\s*(?:no\.?\s*|#\s*)?(\d+)\b|\[(\d+)\]")
_MALIGNANT = re.compile(
    r"\bnon-?malignant\b(?:\s+cells?)?|\b(?:exclud\w*|without|not|no|except|leav\w* out)\s+(?:the\s+|any\s+)?"
    r"(?:malignant|cancer|tumou?r)(?:\s+cells?)?\b"
)
_DEMONSTRATED = re.compile(r"\b(?:only\s+(?:the\s+)?demonstrated|demonstrated\s+only|no\s+hypothes\w+)\b")
_HYPOTHESES = ("hypothesis", "hypothes", "hypothetical", "speculativ", "speculat", "unproven", "untested")
_EVIDENCE = (
    (re.compile(r"\b(?:only|just)\s+(?:in|from)\s+(?:the\s+)?tables?\b|\btables?\s+only\b"), "table"),
    (re.compile(r"\b(?:only|just)\s+(?:in|from)\s+(?:the\s+)?(?:prose|text)\b|\bprose\s+only\b"), "prose"),
    (re.compile(r"\b(?:only\s+)?from\s+(?:the\s+)?abstracts?\b|\babstracts?\s+only\b"), "abstract"),
    (re.compile(r"\b(?:in\s+)?both\s+(?:the\s+)?tables?\s+and\s+(?:the\s+)?(?:prose|text)\b"), "both"),
)
_SETTINGS = ((re.compile(r"\bin[ -]vitro\b"), "in vitro"), (re.compile(r"\bin[ -]vivo\b"), "in vivo"))
_CLINICAL = re.compile(r"\bclinical(?:ly)?\b")
_MORE = re.compile(r"(?:more than|greater than|over|above|>)\s*$")
_LEAST = re.compile(r"(?:at least|>=|≥|min(?:imum)?(?: of)?|no fewer than)\s*$")
_PLUS = re.compile(r"^\s*(?:\+|or more)")
_COUNTED = re.compile(
    r"^\s*(?:\+\s*)?(?:independent\s+|different\s+|separate\s+|distinct\s+|named\s+)?"
    r"(?:stud|paper|group|lab|mode|source|reference|rcd|death|article|publication|citation|time|statement)"
)
_EXAMPLE = re.compile(r"\b(?:e\.?g\.?|for example|such as)\s")
TABLE_TOPICS = {"paracrine": 1, "gap-junction": 2, "tnt-mitochondria-transfer": 3, "ev-transfer": 4}
"""The review's Tables 1-4, one per mode of action ("the EV table" is Table 4)."""


def _take(taken: list[bool], start: int, end: int) -> bool:
    if any(taken[start:end]):
        return False
    for k in range(start, end):
        taken[k] = True
    return True


def _regex_spans(text: str, low: str, taken: list[bool], lex: Lexicon) -> list[Span]:
    spans: list[Span] = []
    for m in _TABLE.finditer(low):
        if _take(taken, m.start(), m.end()):
            spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], "table", value=int(m.group(1))))
    for m in _REF.finditer(low):
        number = m.group(1) or m.group(2)
        entry = lex.entries.get(f"ref{number}")
        if not _take(taken, m.start(), m.end()):
            continue
        if entry is None:
            spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], "unknown", how="no study has this number"))
        else:
            senses = tuple(s for s in entry.senses if s.label == "Study")
            spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], "term", senses, how="reference number"))
    for pattern, value in ((_MALIGNANT, ("exclude_malignant", True)), (_DEMONSTRATED, ("include_hypotheses", False))):
        for m in pattern.finditer(low):
            if _take(taken, m.start(), m.end()):
                spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], "flag", value=value))
    for pattern, choice in _EVIDENCE:
        for m in pattern.finditer(low):
            if _take(taken, m.start(), m.end()):
                spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], "evidence", value=choice))
    return spans


def _settings(text: str, low: str, taken: list[bool]) -> list[Span]:
    spans = []
    for pattern, value in (*_SETTINGS, (_CLINICAL, "clinical")):
        for m in pattern.finditer(low):
            if _take(taken, m.start(), m.end()):
                spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], "setting", value=value))
    return spans


def _numbers(text: str, low: str, taken: list[bool], toks: list[_text.Token]) -> list[Span]:
    spans = []
    for t in toks:
        if any(taken[t.start : t.end]) or _glued(low, t.start, t.end):
            continue
        n = int(t.text) if t.text.isdigit() else _text.NUMBER_WORDS.get(t.text)
        if n is None:
            continue
        before, after = low[max(0, t.start - 16) : t.start], low[t.end :]
        more, least, plus = _MORE.search(before), _LEAST.search(before), _PLUS.match(after)
        if not t.text.isdigit() and not (more or least or plus or _COUNTED.match(after)):
            continue  # "one" is a number only where it counts something
        modifier = more or least
        start = t.start - len(modifier.group()) if modifier else t.start
        end = t.end + (len(plus.group()) if plus else 0)
        if not _take(taken, start, end):
            continue
        spans.append(Span(start, end, text[start:end], "number", value=n + 1 if more else n))
    return spans


def _glued(low: str, start: int, end: int) -> bool:
    """True for a number that is part of a name ("HO-1", "miR-999"), not a count."""
    before = start > 1 and low[start - 1] == "-" and low[start - 2].isalnum()
    after = end + 1 < len(low) and low[end] == "-" and low[end + 1].isalnum()
    return before or after or (start > 0 and low[start - 1].isalpha()) or (end < len(low) and low[end].isalpha())


def _flags(text: str, taken: list[bool], toks: list[_text.Token]) -> list[Span]:
    spans = []
    for t in toks:
        if t.stem in _HYPOTHESES and _take(taken, t.start, t.end):
            spans.append(Span(t.start, t.end, text[t.start : t.end], "flag", value=("include_hypotheses", True)))
    return spans


def _tables_by_topic(spans: list[Span], low: str) -> None:
    """'the EV table', 'gap junction table': a mode of action before "table" names that table; a mode
    of action next to "Table N" that is the topic of Table N is part of the table's name."""
    numbers = {s.value for s in spans if s.kind == "table"}
    for s in spans:
        if s.kind != "term":
            continue
        topic = next((TABLE_TOPICS[i] for i in s.ids_for("ModeOfAction") if i in TABLE_TOPICS), None)
        if topic is None:
            continue
        if re.match(r"\s*(?:table|tab)\b", low[s.end :]) or topic in numbers:
            s.kind, s.value, s.how = "table", topic, f"the topic of Table {topic}"


def read(lex: Lexicon, text: str, cue_covered: set[int]) -> tuple[list[Span], list[_text.Token], int]:
    """The spans of ``text`` (a cleaned question), its tokens, and how many words were left unexplained.

    ``cue_covered`` holds the indices of tokens that some query's cue phrase matched.
    """
    low = _text.lower(text)
    toks = _text.tokens(low)
    taken = [False] * len(text)
    spans = _regex_spans(text, low, taken, lex)
    spans += _flags(text, taken, toks)
    spans += merge_qualifiers(lex, low, find_terms(lex, text, low, taken))
    spans += _settings(text, low, taken)
    spans += _numbers(text, low, taken, toks)
    leftover = [
        i
        for i, t in enumerate(toks)
        if not any(taken[t.start : t.end]) and i not in cue_covered and t.text not in _text.STOPWORDS
    ]
    words = [(toks[i].start, toks[i].end) for i in leftover if len(toks[i].text) >= 5 and toks[i].text.isalpha()]
    for s in fuzzy(lex, text, low, words):
        if _take(taken, s.start, s.end):
            spans.append(s)
    unexplained = 0
    for i in leftover:
        t = toks[i]
        if any(taken[t.start : t.end]):
            continue
        ws, we = _word_at(text, t.start, t.end)
        if _text.looks_like_a_name(text[ws:we]) and _take(taken, ws, we):
            spans.append(Span(ws, we, text[ws:we], "unknown", how="not a term of the graph"))
        elif not any(taken[t.start : t.end]):
            unexplained += 1
    spans.sort(key=lambda s: s.start)
    _tables_by_topic(spans, low)
    for m in _EXAMPLE.finditer(low):
        for s in spans:
            if s.start >= m.end() and s.kind == "term":
                s.example = True
    return spans, toks, unexplained


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole typed word around a token (with its hyphens and digits: "miR-999", not "999")."""
    while start > 0 and (
        text[start - 1].isalnum() or (text[start - 1] == "-" and start > 1 and text[start - 2].isalnum())
    ):
        start -= 1
    while end < len(text) and (
        text[end].isalnum() or (text[end] == "-" and end + 1 < len(text) and text[end + 1].isalnum())
    ):
        end += 1
    return start, end


__all__ = ["TABLE_TOPICS", "Sense", "Span", "read"]
