"""Scoring each catalogue query against the parts of a question.

score = the cue phrases of the query found in the question (1 each, +0.5 per extra word; half when
inside a longer term the query does not use: "gap" in "gap junction"), +1 for the query whose cue
comes first (the head of the question), +2 per term parameter filled, +1 per other value filled
(number, setting, table, flag, choice) and per term read as part of a cue ("RCD" in "which RCD
modes"), -1.5 per term the query leaves unused (-0.5 for an example after "e.g."), -1 per unused
number/setting/table, -0.5 per unused flag, -2.5 when no cue of the query is in the question.
A query whose required parameter is not in the question cannot be run.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._queries import NamedQuery, Param
from . import _text
from ._lexicon import Lexicon, Span

CUE, EXTRA_WORD, HEAD = 1.0, 0.5, 1.0
TERM, VALUE = 2.0, 1.0
UNUSED_TERM, UNUSED_EXAMPLE, UNUSED_VALUE, UNUSED_FLAG, NO_CUE = 1.5, 0.5, 1.0, 0.5, 2.5
NOTHING, UNEXPLAINED = 1.0, 0.25
"""The score of reading nothing, plus 0.25 per word of the question that nothing explains."""


@dataclass(frozen=True)
class Cue:
    start: int  # character offsets in the question
    end: int
    first: int  # token indices
    last: int
    text: str
    weight: float


@functools.lru_cache(maxsize=512)
def _cue_stems(cue: str) -> tuple[str, ...]:
    return _text.cue_tokens(cue)


def match_cues(query: NamedQuery, toks: Sequence[_text.Token]) -> list[Cue]:
    """The cue phrases of ``query`` found in the question, longest first, without overlap."""
    stems = [t.stem for t in toks]
    found: list[tuple[int, int, str]] = []
    for cue in query.cues:
        words = _cue_stems(cue)
        n = len(words)
        if not n:
            continue
        for i in range(len(stems) - n + 1):
            if tuple(stems[i : i + n]) == words:
                found.append((i, i + n - 1, cue))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    out: list[Cue] = []
    for a, b, cue in found:
        if any(not (b < c.first or a > c.last) for c in out):
            continue
        out.append(Cue(toks[a].start, toks[b].end, a, b, cue, CUE + EXTRA_WORD * (b - a)))
    return sorted(out, key=lambda c: c.start)


@dataclass
class Fit:
    """One query fitted to the question's parts."""

    query: NamedQuery
    cues: list[Cue]
    params: dict[str, Any] = field(default_factory=dict)
    filled: dict[str, Span] = field(default_factory=dict)  # param -> the span it came from
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)  # param -> candidate ids
    consumed: set[int] = field(default_factory=set)  # ids of spans that are part of a cue
    missing: list[str] = field(default_factory=list)
    score: float = 0.0

    @property
    def runnable(self) -> bool:
        return not self.missing


def _inside(span: Span, cue: Cue) -> bool:
    return cue.start <= span.start and span.end <= cue.end


def _enum_words(p: Param, toks: Sequence[_text.Token]) -> tuple[Any, int, int] | None:
    """A choice of an enum parameter named in the question ("msc source" -> msc_sources)."""
    stems = [t.stem for t in toks]
    for choice in p.choices:
        words = _text.cue_tokens(str(choice).replace("_", " "))
        n = len(words)
        for i in range(len(stems) - n + 1):
            if n and tuple(stems[i : i + n]) == words:
                return choice, toks[i].start, toks[i + n - 1].end
    return None


def fit(query: NamedQuery, spans: Sequence[Span], toks: Sequence[_text.Token], cues: list[Cue]) -> Fit:
    """Fill the parameters of ``query`` from the spans; score the fit."""
    f = Fit(query, cues)
    f.consumed = {id(s) for s in spans if s.kind != "generic" and any(_inside(s, c) for c in cues)}
    # a term inside a cue is part of what is asked ("RCD" in "which RCD modes"); a value is still a value
    free = [s for s in spans if id(s) not in f.consumed or s.kind != "term"]
    used: set[int] = set()
    taken_ids: set[str] = set()

    def take(p: Param, s: Span, value: Any) -> None:
        used.add(id(s))
        f.params[p.name] = value
        f.filled[p.name] = s

    def term(p: Param, label: str) -> bool:
        for s in free:
            if s.kind != "term" or id(s) in used:
                continue
            ids = s.ids_for(label)
            if label == "" and s.senses:  # any label: the first sense that names something
                ids = s.senses[0].ids
            if not ids or (len(ids) == 1 and ids[0] in taken_ids):
                continue
            if len(ids) > 1:
                f.ambiguous[p.name] = ids
            taken_ids.add(ids[0])
            take(p, s, ids[0])
            return True
        return False

    anys: list[Param] = []
    for p in query.params:
        label = p.term_label
        if label == "":
            anys.append(p)
            continue
        if label is not None:
            term(p, label)
            continue
        kinds = {"setting": "setting", "table": "table", "evidence": "evidence"}
        want = kinds.get(p.name) or ("number" if p.type == "integer" else "flag" if p.type == "boolean" else None)
        if want is not None:
            for s in free:
                if s.kind != want or id(s) in used:
                    continue
                if want == "flag":
                    if s.value[0] != p.name:
                        continue
                    take(p, s, s.value[1])
                else:
                    take(p, s, s.value)
                break
        elif p.choices:
            hit = _enum_words(p, toks)
            if hit is not None:
                f.params[p.name] = hit[0]
                f.filled[p.name] = Span(hit[1], hit[2], "", "enum", value=hit[0])
    for p in anys:
        term(p, "")
    f.missing = [p.name for p in query.params if p.required and p.name not in f.params]
    f.score = _score(f, spans, used)
    return f


def _score(f: Fit, spans: Sequence[Span], used: set[int]) -> float:
    others = [s for s in spans if s.kind in ("term", "table") and id(s) not in used]
    score = 0.0
    for c in f.cues:  # "gap" in "gap junction" hardly asks for the gap map
        longer = any(s.start <= c.start and c.end <= s.end and s.end - s.start > c.end - c.start for s in others)
        score += c.weight / 2 if longer else c.weight
    if not f.cues:
        score -= NO_CUE
    for s in f.filled.values():
        score += TERM if s.kind == "term" else VALUE
    score += VALUE * sum(1 for s in spans if s.kind == "term" and id(s) in f.consumed)  # read by the cue
    setting_field = f.params.get("field") == "setting"
    tables = {f.params.get("table")}
    for s in spans:
        if id(s) in used or id(s) in f.consumed or s.kind in ("generic", "unknown"):
            continue
        if s.kind == "term":
            score -= UNUSED_EXAMPLE if s.example else UNUSED_TERM
        elif s.kind == "flag":
            score -= UNUSED_FLAG
        elif (s.kind == "setting" and setting_field) or (s.kind == "table" and s.value in tables):
            continue
        else:
            score -= UNUSED_VALUE
    return score


def fits(queries: Mapping[str, NamedQuery], spans: Sequence[Span], toks: Sequence[_text.Token]) -> list[Fit]:
    """Every catalogue query fitted, best first (runnable ones before the others)."""
    out = [fit(q, spans, toks, match_cues(q, toks)) for q in queries.values()]
    runnable = [f for f in out if f.runnable and f.cues]
    first = min((f.cues[0].start for f in runnable), default=None)
    for f in runnable:
        if f.cues[0].start == first:
            f.score += HEAD
    order = {name: i for i, name in enumerate(queries)}
    return sorted(out, key=lambda f: (not f.runnable, -f.score, order[f.query.name]))


def explain(f: Fit, spans: Sequence[Span], lex: Lexicon, text: str) -> list[tuple[int, str, str]]:
    """(offset, text, how it was read) for each cue and span, in the order of the question."""
    out: list[tuple[int, str, str]] = []
    by_span = {id(s): name for name, s in f.filled.items()}
    for c in f.cues:
        out.append((c.start, text[c.start : c.end], f"asks for {f.query.name} (cue: {c.text})"))
    for name, s in f.filled.items():
        if s.kind == "enum":
            out.append((s.start, text[s.start : s.end], f"{name} = {s.value}"))
    for s in spans:
        inside = any(_inside(s, c) for c in f.cues)
        if inside and id(s) not in by_span:
            continue
        if s.kind == "setting" and f.params.get("field") == "setting":
            out.append((s.start, s.text, "names the field setting"))
            continue
        how = f"; {s.how}" if s.how else ""
        if id(s) in by_span:
            name = by_span[id(s)]
            value = f.params[name]
            if s.kind == "term":
                label = next((x.label for x in s.senses if value in x.ids), "")
                text = f"{name} = {lex.describe(label, value)}"
                if name in f.ambiguous:
                    text += f" - AMBIGUOUS, also {', '.join(i for i in f.ambiguous[name] if i != value)}"
            else:
                text = f"{name} = {_text_value(value)}"
            out.append((s.start, s.text, text + how))
        elif s.kind == "generic":
            out.append((s.start, s.text, "the subject of the question, not a filter"))
        elif s.kind == "unknown":
            out.append((s.start, s.text, f"unknown: {s.how}"))
        elif s.kind == "term":
            names = "; ".join(lex.describe(x.label, i) for x in s.senses for i in x.ids)
            out.append((s.start, s.text, f"{names}{how} - not used by {f.query.name}"))
        else:
            out.append((s.start, s.text, f"{_text_value(s.value)}{how} - not used by {f.query.name}"))
    return sorted(out, key=lambda o: o[0])


def _text_value(v: Any) -> str:
    if isinstance(v, tuple):
        return f"{v[0]} = {_text_value(v[1])}"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
