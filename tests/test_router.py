"""The plain-language question router: accuracy on the evaluation set written before it, digits never
fuzzy-matched, longest match first, ambiguity said, the printed command reproducing the answer."""

from __future__ import annotations

import json
import re
import shlex
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph._explorer import make_server
from msc_graph._queries import catalogue
from msc_graph._router import THRESHOLD, Answer, _lexicon, lexicon, route
from msc_graph._terms import TermIndex
from tests.conftest import cli
from tests.router_eval import evaluate, expected_params, load

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def terms(graph: msc_graph.Graph) -> TermIndex:
    return graph.terms()


def ask(terms: TermIndex, question: str) -> Answer:
    return route(question, terms)


def reading(terms: TermIndex, question: str) -> tuple[str, dict[str, Any]]:
    answer = ask(terms, question)
    assert answer.confident and answer.reading is not None, (question, answer.problems)
    return answer.reading.query, answer.reading.params


# -- the evaluation set ------------------------------------------------------------------------


def test_the_evaluation_set_is_the_one_written_before_the_router() -> None:
    first = load()
    assert len(first) == 131 and sum(r["answerable"] for r in first) >= 60
    assert all("group:" not in json.dumps(r.get("params")) for r in first)
    assert all(r["query"] in catalogue() for r in first if r["answerable"])


def test_every_expected_term_of_the_evaluation_set_resolves(terms: TermIndex) -> None:
    for row in load() + load(extra=True):
        if row["answerable"]:
            expected_params(terms, row["query"], row.get("params") or {})  # raises on an unknown term


def test_the_router_answers_at_least_90_percent_and_refuses_the_unanswerable(terms: TermIndex) -> None:
    report = evaluate(terms)
    assert report.accuracy >= 0.9, report.text(verbose=True)
    assert report.refused[0] == report.refused[1], report.text(verbose=True)


# -- spellings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("evidence for miR-410", "mir-410"),
        ("evidence for miR-451", "mir-451"),
        ("evidence for miR-21", "mir-21"),
        ("evidence for miR-210", "mir-210-5p"),
        ("evidence for miRNA-410a", "mir-410"),
        ("evidence for Cx43", "cx43"),
        ("evidence for Cx45", "cx45"),
    ],
)
def test_digits_are_matched_exactly(terms: TermIndex, question: str, term: str) -> None:
    assert reading(terms, question) == ("evidence-for", {"term": term})


@pytest.mark.parametrize("question", ["evidence for miR-452", "evidence for miR-2100", "evidence for HO-1"])
def test_digits_are_never_fuzzy_matched(terms: TermIndex, question: str) -> None:
    answer = ask(terms, question)
    assert not answer.confident
    assert any("is not a term of the graph" in p for p in answer.problems), answer.problems


def test_no_spelling_with_digits_is_a_fuzzy_candidate(terms: TermIndex) -> None:
    keys = [k for ks in lexicon(terms).fuzzy_keys.values() for k in ks]
    assert keys and not [k for k in keys if any(c.isdigit() for c in k)]


@pytest.mark.parametrize(("question", "table"), [("show Table 2", 2), ("show Table 3", 3), ("tab 1", 1)])
def test_table_numbers_are_read_exactly(terms: TermIndex, question: str, table: int) -> None:
    assert reading(terms, question) == ("review-table", {"table": table})


@pytest.mark.parametrize("use_rapidfuzz", [True, False])
def test_misspelt_words_without_digits_are_read_with_or_without_rapidfuzz(
    terms: TermIndex, monkeypatch: pytest.MonkeyPatch, use_rapidfuzz: bool
) -> None:
    if not use_rapidfuzz:
        monkeypatch.setattr(_lexicon, "_rapidfuzz", lambda: None)
    answer = ask(terms, "how do mscs rescue cells from necroptsis")
    assert answer.confident and answer.reading is not None
    assert answer.reading.params == {"rcd": "necroptosis"}
    assert any("misspelt" in p.read_as for p in answer.reading.parts)


def test_the_longest_spelling_wins(terms: TermIndex) -> None:
    answer = ask(terms, "any studies with Wharton's jelly MSCs?")
    assert answer.reading is not None and answer.reading.params == {"msc_source": "human-wj-msc"}
    texts = [p.text for p in answer.reading.parts]
    assert "Wharton's jelly MSCs" in texts and "MSCs" not in texts


def test_a_term_named_inside_a_longer_name_is_part_of_it(terms: TermIndex) -> None:
    assert reading(terms, "which studies used the LPS ALI mouse model?") == ("studies", {"model": "lps-ali-mouse"})


def test_an_ambiguous_spelling_gives_readings_that_say_so(terms: TermIndex) -> None:
    answer = ask(terms, "which RCD modes does Cx act on?")
    assert not answer.confident and answer.result is None
    assert any('"Cx" names several terms' in p for p in answer.problems)
    assert [r.params["term"] for r in answer.readings] == ["connexins", "cx43", "cx45"]
    assert all(r.query == "rcd-modes-for" for r in answer.readings)
    assert all("AMBIGUOUS" in " ".join(p.read_as for p in r.parts) for r in answer.readings)


def test_an_ambiguous_author_is_not_guessed(terms: TermIndex) -> None:
    answer = ask(terms, "what did Liu et al. show?")
    assert not answer.confident and len(answer.readings) == 2


def test_an_unreadable_question_returns_three_readings_and_raises_nothing(terms: TermIndex) -> None:
    for text in ("MSCs", "", "ISCT minimal criteria for MSCs", "x" * 5000):
        answer = ask(terms, text)
        assert not answer.confident and answer.problems
        assert len(answer.readings) <= 3 and answer.describe().startswith("Could not read")


def test_confidence_and_threshold(terms: TermIndex) -> None:
    answer = ask(terms, "which modes of action rescue necroptosis?")
    assert answer.confidence >= THRESHOLD and answer.reading is not None
    assert answer.reading.command == "msc-graph ask modes-of-action-rescuing -p rcd=necroptosis"
    quoted = ask(terms, "in vivo TNT studies").reading
    assert quoted is not None and "-p 'setting=in vivo'" in quoted.command  # quoted for a shell


# -- Graph.question, the CLI, the explorer -----------------------------------------------------


def test_graph_question_answers_when_confident(graph: msc_graph.Graph) -> None:
    answer = graph.question("which modes of action rescue necroptosis?")
    assert isinstance(answer, msc_graph.Answer) and answer.confident and answer.result is not None
    expected = graph.query("modes-of-action-rescuing", rcd="necroptosis")
    assert answer.result.records() == expected.records()
    assert graph.question("which modes of action rescue necroptosis?", answer=False).result is None
    unsure = graph.question("what about Cx?")
    assert not unsure.confident and unsure.result is None and len(unsure.readings) == 3


@pytest.mark.parametrize(
    "question",
    [
        "which modes of action rescue necroptosis?",
        "in vivo studies with UC-MSCs",
        "molecules that come up in 3+ papers, including speculative claims",
        "what does ref 65 report?",
    ],
)
def test_the_printed_command_reproduces_the_answer(graph: msc_graph.Graph, question: str) -> None:
    asked = cli("ask", question, "--format", "json")
    assert asked.exit_code == 0, asked.stderr
    line = next(ln for ln in asked.stderr.splitlines() if ln.startswith("Command: "))
    args = shlex.split(line.removeprefix("Command: "))
    assert args[:2] == ["msc-graph", "ask"]
    again = cli(*args[1:], "--format", "json")
    assert again.exit_code == 0 and again.stdout == asked.stdout and json.loads(asked.stdout) is not None


def test_the_cli_prints_the_reading_before_the_answer(graph: msc_graph.Graph) -> None:
    out = cli("ask", "which RCD modes does Cx45 act on?")
    assert out.exit_code == 0
    assert out.stdout.startswith("Read as: rcd-modes-for")
    assert "Command: msc-graph ask rcd-modes-for -p term=cx45" in out.stdout and "apoptosis" in out.stdout


def test_the_cli_refuses_an_unreadable_question_with_the_best_readings(graph: msc_graph.Graph) -> None:
    out = cli("ask", "what about Cx?")
    assert out.exit_code == 1
    assert "msc-graph ask evidence-for -p term=cx43" in out.stdout
    assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("Error: could not read")


def test_a_query_name_is_still_a_query_name(graph: msc_graph.Graph) -> None:
    assert cli("ask", "gap-map", "--format", "csv").exit_code == 0
    typo = cli("ask", "modes-of-action-rescung")
    assert typo.exit_code == 1 and "did you mean" in typo.stderr


def test_the_readme_example_is_real_output(graph: msc_graph.Graph) -> None:
    section = README.split("## Ask in plain language", 1)[1].split("\n## ", 1)[0]
    command = re.search(r"```bash\n(msc-graph ask .*?)\n```", section, re.S)
    shown = re.search(r"```text\n(.*?)```", section, re.S)
    assert command and shown
    out = cli(*shlex.split(command.group(1))[1:])
    assert out.exit_code == 0
    reading_part = shown.group(1).split("\n\n", 1)[0]
    assert out.stdout.startswith(reading_part), out.stdout
    report = evaluate(graph.terms())
    right, total = report.answerable
    assert f"{right} of the {total} answerable questions" in section
    assert f"all {report.refused[1]} unanswerable ones" in section


@pytest.fixture(scope="module")
def explorer(graph: msc_graph.Graph) -> Iterator[str]:
    server = make_server(graph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.url.rstrip("/")
    server.shutdown()
    server.server_close()


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        data: dict[str, Any] = json.loads(resp.read())
    return data


def test_the_explorer_answers_questions(explorer: str) -> None:
    with urllib.request.urlopen(explorer + "/api/meta", timeout=60) as resp:
        assert json.loads(resp.read())["router"] is True
    out = _post(explorer + "/api/question", {"question": "which modes of action rescue necroptosis?"})
    assert out["confident"] and out["name"] == "modes-of-action-rescuing"
    assert out["params"]["rcd"] == "necroptosis" and out["rows"] and out["columns"] and "graph" in out
    assert out["reading"]["command"] == "msc-graph ask modes-of-action-rescuing -p rcd=necroptosis"
    unsure = _post(explorer + "/api/question", {"question": "what about Cx?"})
    assert not unsure["confident"] and "rows" not in unsure and len(unsure["readings"]) == 3
    assert unsure["problems"] and unsure["readings"][0]["parts"][0]["text"] == "Cx"
