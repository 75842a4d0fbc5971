"""The router's accuracy on the evaluation set (tests/data/router_questions.yaml).

Run: ``.venv/bin/python tests/router_eval.py [-v]`` (builds the graph in a temporary data dir).
An answerable question is right when the router answers it confidently with the expected query and
parameters (terms compared as resolved ids, parameters left out of the set compared with the query's
defaults); an unanswerable one is right when the router does not answer it. Only the first section
counts (entries marked ``extra: true`` were written after tuning started).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from msc_graph._queries import catalogue
from msc_graph._router import Answer, route
from msc_graph._terms import TermIndex

QUESTIONS = Path(__file__).resolve().parent / "data" / "router_questions.yaml"


def load(extra: bool = False) -> list[dict[str, Any]]:
    """The questions of the evaluation set (``extra``: those written after tuning started)."""
    rows = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [r for r in rows if bool(r.get("extra")) == extra]


def expected_params(terms: TermIndex, query: str, given: dict[str, Any]) -> dict[str, Any]:
    """Every parameter of ``query``: the set's values (terms resolved to ids), else the defaults."""
    out = {}
    for p in catalogue()[query].params:
        value = given.get(p.name)
        if value is None:
            out[p.name] = p.default
        elif p.term_label is not None:
            out[p.name] = terms.resolve(str(value), p.term_label or None)
        else:
            out[p.name] = p.coerce(value)
    return out


def judge(terms: TermIndex, row: dict[str, Any], answer: Answer) -> tuple[bool, str]:
    """(right, why not) for one question."""
    best = answer.reading
    if not row["answerable"]:
        return (not answer.confident, "answered a question it should refuse" if answer.confident else "")
    if not answer.confident or best is None:
        return False, "not answered: " + "; ".join(answer.problems)
    if best.query != row["query"]:
        return False, f"query {best.query}"
    want = expected_params(terms, row["query"], row.get("params") or {})
    got = expected_params(terms, best.query, best.params)
    diff = {k: (got[k], v) for k, v in want.items() if got[k] != v}
    return (not diff, "" if not diff else "params (got, expected): " + repr(diff))


@dataclass
class Report:
    per_query: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    answerable: list[int] = field(default_factory=lambda: [0, 0])
    refused: list[int] = field(default_factory=lambda: [0, 0])
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.answerable[0] / self.answerable[1] if self.answerable[1] else 0.0

    def text(self, verbose: bool = False) -> str:
        lines = ["query                          right / total"]
        for name in sorted(self.per_query):
            right, total = self.per_query[name]
            lines.append(f"{name:30s} {right:5d} / {total}")
        a, r = self.answerable, self.refused
        lines.append(f"answerable questions right:    {a[0]} / {a[1]} ({100 * self.accuracy:.1f} %)")
        lines.append(f"unanswerable ones refused:     {r[0]} / {r[1]}")
        if verbose:
            lines += [f"FAIL {q!r}: {why}" for q, why in self.failures]
        return "\n".join(lines)


def evaluate(terms: TermIndex, rows: list[dict[str, Any]] | None = None) -> Report:
    report = Report()
    for row in rows if rows is not None else load():
        answer = route(row["q"], terms)
        right, why = judge(terms, row, answer)
        bucket = report.answerable if row["answerable"] else report.refused
        bucket[0] += right
        bucket[1] += 1
        if row["answerable"]:
            report.per_query[row["query"]][0] += right
            report.per_query[row["query"]][1] += 1
        if not right:
            report.failures.append((row["q"], why))
    return report


def main(argv: list[str]) -> int:
    import shutil
    import tempfile

    import msc_graph

    data = Path(tempfile.mkdtemp(prefix="mre", dir="/tmp"))
    try:
        with msc_graph.connect(data_dir=data) as g:
            g.ingest()
            terms = g.terms()
        print(evaluate(terms).text(verbose="-v" in argv))
        extra = load(extra=True)
        if extra:
            print("\nsecond section (written after tuning started; NOT counted above):")
            more = evaluate(terms, extra)
            print(
                f"  answerable right: {more.answerable[0]} / {more.answerable[1]}; "
                f"unanswerable refused: {more.refused[0]} / {more.refused[1]}"
            )
            if "-v" in argv:
                print("\n".join(f"  FAIL {q!r}: {why}" for q, why in more.failures))
    finally:
        msc_graph.stop_server(data)
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
