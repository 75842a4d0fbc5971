"""What the router returns: readings of a question (query, parameters, how each part was read, the
exact command) and the answer of the confident one."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._result import Result

THRESHOLD = 0.5
"""Least confidence at which a question is answered. Confidence = 1 - exp(-margin), the margin being
the best runnable reading's score minus the larger of the next one's and reading nothing (1 + 0.25
per unexplained word): 0.5 means a lead of ln 2 ~ 0.7 points, more than one half-weight cue. Right
readings of the evaluation set score >= 0.63; near-ties between two queries (margin 0.5, 0.39) are
asked back. Unknown or ambiguous words, a missing term or no cue at all block an answer outright."""


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def command(query: str, params: dict[str, Any]) -> str:
    """The exact ``msc-graph ask`` command of a reading, quoted for a POSIX shell."""
    words = ["msc-graph", "ask", query]
    for k, v in params.items():
        words += ["-p", f"{k}={_value(v)}"]
    return " ".join(shlex.quote(w) for w in words)


@dataclass(frozen=True)
class Part:
    """One part of the question and how it was read."""

    text: str
    read_as: str
    start: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "read_as": self.read_as, "start": self.start}


@dataclass(frozen=True)
class Reading:
    """One way of reading a question: a named query with its parameters.

    ``params`` holds what the question determines (term ids, numbers, flags); the query's defaults
    fill the rest. ``missing`` names required parameters the question does not give (then the
    reading cannot be run), ``problems`` why it is not answered (ambiguous or unknown words ...).
    """

    query: str
    question: str  # the catalogue question of the query
    params: dict[str, Any]
    parts: tuple[Part, ...]
    score: float
    confidence: float = 0.0
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def runnable(self) -> bool:
        return not self.missing

    @property
    def command(self) -> str:
        """``msc-graph ask NAME -p key=value …`` (placeholders ``KEY=?`` for missing parameters)."""
        text = command(self.query, self.params)
        return text + "".join(f" -p {m}=?" for m in self.missing)

    def describe(self) -> str:
        """How the question was read, one line per part."""
        lines = [f"{self.query}: {self.question}"]
        width = max((len(p.text) for p in self.parts), default=0) + 2
        lines += [f"  {(chr(34) + p.text + chr(34)).ljust(width)} {p.read_as}" for p in self.parts]
        lines += [f"  needs {m} (the question does not say)" for m in self.missing]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "question": self.question,
            "params": self.params,
            "parts": [p.to_dict() for p in self.parts],
            "score": round(self.score, 2),
            "confidence": round(self.confidence, 2),
            "missing": list(self.missing),
            "problems": list(self.problems),
            "command": self.command,
        }


@dataclass
class Answer:
    """The router's answer to a plain-language question.

    ``confident`` is True when the best reading clears :data:`THRESHOLD`; then ``result`` holds its
    answer (if it was asked for). Otherwise ``readings`` holds the three best readings for the user
    to choose from (each with its command) and ``problems`` says why none was taken.
    """

    question: str
    readings: list[Reading]
    confident: bool
    problems: tuple[str, ...] = ()
    result: Result | None = field(default=None, repr=False)

    @property
    def reading(self) -> Reading | None:
        """The best reading (None when nothing in the question could be read as a query)."""
        return self.readings[0] if self.readings else None

    @property
    def confidence(self) -> float:
        return self.reading.confidence if self.reading else 0.0

    def describe(self) -> str:
        """Plain text: how the question was read and the command; the readings when not confident."""
        if self.confident and self.reading is not None:
            r = self.reading
            return f"Read as: {r.describe()}\nConfidence: {r.confidence:.2f}\nCommand: {r.command}\n"
        out = [f"Could not read the question confidently: {'; '.join(self.problems) or 'no reading'}."]
        if self.readings:
            out.append("The best readings:")
        for i, r in enumerate(self.readings, 1):
            out.append(f"{i}. {r.describe()}\n   Command: {r.command}")
        return "\n".join(out) + "\n"

    def to_dict(self) -> dict[str, Any]:
        best = self.reading
        return {
            "question": self.question,
            "confident": self.confident,
            "confidence": round(self.confidence, 2),
            "problems": list(self.problems),
            "name": best.query if best else None,
            "params": dict(best.params) if best else {},
            "command": best.command if best else None,
            "reading": best.to_dict() if best else None,
            "readings": [r.to_dict() for r in self.readings],
        }
