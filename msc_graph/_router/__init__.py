"""The plain-language question router: a question -> a named query and its terms, deterministically.

No model and no network: the vocabulary's spellings are found longest first (digits must match
exactly; misspelt words without digits are matched above a similarity threshold), the cue words
declared in each catalogue query's header (``// cues:``) say what is asked, and the terms fill the
query's parameters by label. The confidence grows with the margin between the best reading and the
next one (or reading nothing); below :data:`THRESHOLD` the three best readings are returned instead
of an answer. ``msc-graph ask "…?"``, :meth:`msc_graph.Graph.question` and the explorer's
``POST /api/question`` all call :func:`route`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .._queries import NamedQuery, catalogue
from .._terms import TermIndex
from . import _text
from ._lexicon import Lexicon, Span, build
from ._read import read
from ._reading import THRESHOLD, Answer, Part, Reading, command
from ._score import NOTHING, UNEXPLAINED, Fit, explain, fits, match_cues

__all__ = ["THRESHOLD", "Answer", "Reading", "command", "lexicon", "route"]

_CACHE: dict[int, tuple[TermIndex, Lexicon]] = {}
MAX_CHARS = 1000
"""Longer text is not read as a question."""


def lexicon(terms: TermIndex) -> Lexicon:
    """The spellings of ``terms`` for the router (built once per term index)."""
    hit = _CACHE.get(id(terms))
    if hit is not None and hit[0] is terms:
        return hit[1]
    lex = build(terms)
    if len(_CACHE) >= 4:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(terms)] = (terms, lex)
    return lex


def _as_reading(f: Fit, spans: list[Span], lex: Lexicon, text: str, confidence: float, problems: list[str]) -> Reading:
    parts = tuple(Part(part, how, start) for start, part, how in explain(f, spans, lex, text))
    return Reading(
        f.query.name, f.query.question, dict(f.params), parts, f.score, confidence, tuple(f.missing), tuple(problems)
    )


def _problems(best: Fit, spans: list[Span]) -> list[str]:
    out = []
    if best.missing:
        out.append(f"{best.query.name} needs {', '.join(best.missing)}, which the question does not give")
    if not best.cues:
        out.append("no word of the question says what it asks")
    for s in spans:
        if s.kind == "unknown":
            out.append(f'"{s.text}" is not a term of the graph')
        elif s.ambiguous and id(s) not in best.consumed:
            ids = ", ".join(i for x in s.senses for i in x.ids)
            out.append(f'"{s.text}" names several terms ({ids}): say which')
    return out


def route(question: str, terms: TermIndex, queries: Mapping[str, NamedQuery] | None = None) -> Answer:
    """Read ``question`` as a named query of ``queries`` (default: the catalogue) with its parameters.

    Never raises for a question it cannot read: the :class:`Answer` then has ``confident=False``,
    the three best readings and the problems (unknown or ambiguous words, no intent, missing terms).
    """
    queries = queries if queries is not None else catalogue()
    if len(question) > MAX_CHARS:
        return Answer(question, [], False, (f"the question is longer than {MAX_CHARS} characters",))
    lex = lexicon(terms)
    text = _text.clean(question)
    toks = _text.tokens(_text.lower(text))
    covered = {i for q in queries.values() for c in match_cues(q, toks) for i in range(c.first, c.last + 1)}
    spans, toks, unexplained = read(lex, text, covered)
    ranked = fits(queries, spans, toks)
    if not ranked:
        return Answer(question, [], False, ("no named query to answer with",))
    runnable = [f for f in ranked if f.runnable]
    best = runnable[0] if runnable else ranked[0]
    rivals = [f.score for f in runnable[1:2]] + [NOTHING + UNEXPLAINED * unexplained]
    margin = best.score - max(rivals)
    problems = _problems(best, spans)
    confidence = 0.0 if problems or margin <= 0 else 1 - math.exp(-margin)
    confident = confidence >= THRESHOLD
    if not problems and not confident:
        problems = [f"the best reading is not clear enough (confidence {confidence:.2f} < {THRESHOLD})"]
    if best.ambiguous:
        name, ids = next(iter(best.ambiguous.items()))
        readings = []
        for i in ids[:3]:
            alt = Fit(
                best.query,
                best.cues,
                {**best.params, name: i},
                best.filled,
                best.ambiguous,
                best.consumed,
                best.missing,
            )
            alt.score = best.score
            readings.append(_as_reading(alt, spans, lex, text, 0.0, problems))
        return Answer(question, readings, False, tuple(problems))
    others = [f for f in sorted(ranked, key=lambda f: -f.score) if f is not best][:2]
    if not confident:
        top = sorted([best, *others], key=lambda f: -f.score)
        readings = [_as_reading(f, spans, lex, text, confidence if f is best else 0.0, problems) for f in top]
        return Answer(question, readings, False, tuple(problems))
    readings = [_as_reading(best, spans, lex, text, confidence, [])]
    readings += [_as_reading(f, spans, lex, text, 0.0, []) for f in others]
    return Answer(question, readings, True)
