"""Deterministic synthetic corpora in the record format of ``ingest/`` (see ``ingest/README.md``).

Usage::

    .venv/bin/python benchmarks/generate.py --claims 10000 --out /tmp/corpus-10k [--seed 7]

The output folder has the layout of ``ingest/`` and passes ``msc-graph validate DIR``.

What is generated, and why:

- **Vocabulary.** The curated vocabulary of ``ingest/vocab`` is the core (so the named queries'
  ``:param`` examples, e.g. ``rcd => 'necroptosis'``, resolve and hit data), extended with
  synthetic terms until each vocabulary reaches a size that grows with the corpus as in Heaps'
  law, ``V = a * claims**b`` (e.g. ~180 molecules at 1k claims, ~800 at 10k, ~3,600 at 100k).
  Every term gets 0-3 synonyms, unique within its vocabulary.
- **Popularity.** Terms are drawn by a Zipf law (weight ``1 / rank**s``), curated terms first, so
  a few terms (apoptosis, BM-MSCs, paracrine, ...) carry most claims and most terms are rare:
  the long-tailed degree distribution of literature-derived graphs.
- **Studies.** The record format caps study references at 1..1000, so a corpus has
  ``min(1000, claims // 10)`` studies (1k claims: 100 studies, 10k and 100k: 1,000); every study
  is cited, claims per study follow a flat Zipf law (s = 0.6).
- **Claims.** The format also caps tables at 1..4 and rows at 1..100, so at most 400 claims are
  table claims (one per study, rows 1..n per table, the reference cell citing ``[ref]``); all
  other claims are prose claims (``ref<N>-p<K>``) with 1-2 synthetic quotes. Terms per field
  follow small distributions modelled on the curated claims (about 11 claim relationships per
  claim, so ~1.1M relationships at 100k claims); ~10 % of term mentions use a synonym or the
  preferred name instead of the id (as curators do), ~10 % of claims are not demonstrated,
  ~1 % carry a table/prose conflict record.

The same seed and the same curated vocabulary give byte-identical output.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CURATED_VOCAB = ROOT / "ingest" / "vocab"
GENERATOR_VERSION = 1
CLAIMS_PER_FILE = 5000
MAX_STUDIES = 1000  # StudyRec.ref <= 1000
MAX_TABLE_ROWS = 100  # TableRowRec.row <= 100, tables 1..4

HEADER = "# Synthetic benchmark corpus (benchmarks/generate.py, seed {seed}); format: ingest/README.md.\n"

# vocabulary stem -> (a, b, cap): target size a * claims**b, at most cap (None: no cap)
VOCAB_GROWTH: dict[str, tuple[float, float, int | None]] = {
    "msc_sources": (1.0, 0.35, 60),
    "cell_types": (1.5, 0.60, None),
    "rcd_modes": (2.0, 0.18, 20),
    "modes_of_action": (0.0, 0.0, 5),  # the five categories: fixed
    "molecules": (2.0, 0.65, None),
    "pathways": (0.8, 0.55, None),
    "inducers": (1.0, 0.60, None),
    "models": (0.8, 0.60, None),
}
ZIPF_S: dict[str, float] = {
    "msc_sources": 1.2,
    "cell_types": 1.0,
    "rcd_modes": 1.4,
    "modes_of_action": 1.3,
    "molecules": 1.0,
    "pathways": 1.0,
    "inducers": 1.0,
    "models": 1.0,
}
# claim field -> weights of 0, 1, 2, ... terms
TERMS_PER_CLAIM: dict[str, Sequence[float]] = {
    "msc_sources": (0, 90, 10),
    "target_cells": (0, 70, 25, 5),
    "rcd_modes": (0, 65, 28, 7),
    "inducers": (10, 65, 20, 5),
    "models": (50, 45, 5),
    "modes_of_action": (0, 80, 18, 2),
    "molecules": (20, 25, 20, 15, 10, 4, 3, 2, 1),
    "pathways": (30, 40, 20, 10),
}
FIELD_VOCAB = {
    "msc_sources": "msc_sources",
    "target_cells": "cell_types",
    "rcd_modes": "rcd_modes",
    "inducers": "inducers",
    "models": "models",
    "modes_of_action": "modes_of_action",
    "molecules": "molecules",
    "pathways": "pathways",
}
ROLES = ("secreted factor", "EV cargo", "channel protein", "organelle", "intracellular signalling target")
ROLE_WEIGHTS = (60, 15, 5, 5, 15)
TISSUES = ("bone marrow", "adipose", "umbilical cord", "Wharton's jelly", "iPSC-derived")
CELL_KINDS = ("primary", "cell line", "tissue in vivo")
MOLECULE_KINDS = ("protein", "gene", "miRNA", "organelle", "ion", "lipid", "other")
SETTINGS = (("in vitro",), ("in vivo",), ("in vitro", "in vivo"), ("clinical",), ("in vivo", "clinical"))
SETTING_WEIGHTS = (45, 25, 25, 3, 2)
SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "de", "po", "xa", "ze", "bu", "fi", "go", "ha")
WORDS = (
    "MSCs",
    "reduced",
    "cell",
    "death",
    "of",
    "the",
    "injured",
    "cells",
    "through",
    "secretion",
    "and",
    "transfer",
    "in",
    "a",
    "model",
    "protected",
    "against",
    "increased",
    "survival",
    "expression",
    "was",
    "required",
    "for",
    "rescue",
    "co-culture",
    "conditioned",
    "medium",
)


class Zipf:
    """Draw items by a Zipf law over their rank (the first item is the most popular)."""

    def __init__(self, items: Sequence[Any], s: float) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r**s) for r in range(1, len(self.items) + 1)))

    def one(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]

    def distinct(self, rng: random.Random, k: int) -> list[Any]:
        k = min(k, len(self.items))
        out: list[Any] = []
        while len(out) < k:
            x = self.one(rng)
            if x not in out:
                out.append(x)
        return out


def vocab_size(stem: str, claims: int, curated: int) -> int:
    """How many terms the vocabulary ``stem`` has in a corpus of ``claims`` claims."""
    a, b, cap = VOCAB_GROWTH[stem]
    target = round(a * claims**b) if a else 0
    if cap is not None:
        target = min(target, cap)
    return max(curated, target)


def _normalize(text: str) -> str:
    return " ".join(text.split()).casefold()


def _load_curated(vocab_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """The curated vocabulary entries, checked with the record models (invalid ones skipped)."""
    sys.path.insert(0, str(ROOT))
    from msc_graph._records import VOCAB_MODELS

    out: dict[str, list[dict[str, Any]]] = {}
    for stem, model in VOCAB_MODELS.items():
        entries = yaml.load((vocab_dir / f"{stem}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
        seen: set[str] = set()
        keep = []
        for e in entries:
            try:
                term = model.model_validate(e)
            except Exception:  # a curator's work in progress: not our business here
                continue
            spellings = {_normalize(s) for s in term.spellings()}
            if spellings & seen:
                continue
            seen |= spellings
            keep.append(term.model_dump())
        out[stem] = keep
    return out


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _synthetic_term(stem: str, k: int, rng: random.Random, species: list[str]) -> dict[str, Any]:
    """The ``k``-th synthetic term of vocabulary ``stem`` (names unique by construction)."""
    stub = _word(rng, 2)
    prefix = {
        "msc_sources": "msc",
        "cell_types": "cell",
        "rcd_modes": "rcd",
        "molecules": "mol",
        "pathways": "path",
        "inducers": "ind",
        "models": "model",
        "modes_of_action": "moa",
    }[stem]
    tid = f"syn-{prefix}-{k}"
    name = f"{stub.capitalize()}-{prefix.upper()}{k}"
    synonyms = [f"{prefix} {stub} {k}", f"{stub}{k} {prefix}", f"{prefix}-{k}-{stub}"][: rng.choice((0, 1, 1, 2, 3))]
    term: dict[str, Any] = {"id": tid, "name": name, "synonyms": synonyms, "curie": "", "note": "synthetic"}
    if stem == "msc_sources":
        term |= {"species": rng.choice(species), "tissue": rng.choice(TISSUES)}
    elif stem == "cell_types":
        term |= {"species": rng.choice(species), "kind": rng.choice(CELL_KINDS)}
    elif stem == "molecules":
        term |= {"kind": rng.choices(MOLECULE_KINDS, (60, 10, 20, 3, 3, 2, 2))[0]}
    elif stem == "models":
        term |= {"species": rng.choice(species)}
    return term


def _quote(rng: random.Random, ref: int, mention: str) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    words.insert(rng.randint(0, len(words)), mention)
    text = " ".join(words)
    return f"{text[0].upper()}{text[1:]} [{ref}]."[:300]


def _dump(path: Path, records: list[dict[str, Any]], seed: int) -> None:
    body = yaml.dump(records, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=10_000)
    path.write_text(HEADER.format(seed=seed) + body, encoding="utf-8")


def generate(claims: int, out: Path, seed: int = 7, vocab_dir: Path = CURATED_VOCAB) -> dict[str, Any]:
    """Write a corpus of ``claims`` claims to ``out`` (created; must be empty or absent).

    Returns:
        A manifest: parameters, counts and the digest of the curated vocabulary used.
    """
    if claims < 10:
        raise ValueError("a corpus needs at least 10 claims")
    rng = random.Random(seed)
    curated = _load_curated(vocab_dir)
    species = [t["id"] for t in curated["species"]]
    vocab: dict[str, list[dict[str, Any]]] = {"species": curated["species"]}
    for stem in VOCAB_GROWTH:
        terms = list(curated[stem])
        size = vocab_size(stem, claims, len(terms))
        terms += [_synthetic_term(stem, k, rng, species) for k in range(1, size - len(terms) + 1)]
        vocab[stem] = terms
    pickers = {stem: Zipf(vocab[stem], ZIPF_S[stem]) for stem in VOCAB_GROWTH}

    n_studies = min(MAX_STUDIES, max(10, claims // 10))
    n_table = min(4 * MAX_TABLE_ROWS, claims // 4, n_studies)
    authors = [f"{_word(rng, 3).capitalize()}" for _ in range(n_studies)]
    studies = [
        {"ref": ref, "first_author": authors[ref - 1], "citation": f"{authors[ref - 1]} et al.", "note": ""}
        for ref in range(1, n_studies + 1)
    ]
    # every study cited once, then the rest by a flat Zipf law over the studies
    study_pick = Zipf(list(range(1, n_studies + 1)), 0.6)
    refs = list(range(1, n_studies + 1)) + [study_pick.one(rng) for _ in range(claims - n_studies)]
    table_refs = set(rng.sample(range(1, n_studies + 1), n_table))

    prose_k: dict[int, int] = {}
    table_claims: dict[int, list[dict[str, Any]]] = {1: [], 2: [], 3: [], 4: []}
    prose_claims: list[dict[str, Any]] = []
    conflicts = 0
    for ref in refs:
        is_table = ref in table_refs
        if is_table:
            table_refs.discard(ref)
        claim = _claim(rng, ref, is_table, prose_k, pickers)
        chosen = claim.pop("_chosen")
        if rng.random() < 0.01:
            claim["conflicts"] = [_conflict(rng, ref)]
            conflicts += 1
        if is_table:
            table = 1 + sum(len(v) for v in table_claims.values()) % 4
            row = len(table_claims[table]) + 1
            claim["table_rows"] = [_table_row(claim, chosen, ref, table, row, authors[ref - 1])]
            table_claims[table].append(claim)
        else:
            prose_claims.append(claim)

    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    (out / "vocab").mkdir()
    (out / "claims").mkdir()
    for stem, terms in vocab.items():
        _dump(out / "vocab" / f"{stem}.yaml", terms, seed)
    _dump(out / "studies.yaml", studies, seed)
    for table, recs in table_claims.items():
        if recs:
            _dump(out / "claims" / f"table{table}.yaml", recs, seed)
    for i in range(0, len(prose_claims), CLAIMS_PER_FILE):
        _dump(
            out / "claims" / f"prose-{i // CLAIMS_PER_FILE + 1:04d}.yaml", prose_claims[i : i + CLAIMS_PER_FILE], seed
        )

    digest = hashlib.sha256()
    for stem in sorted(curated):
        digest.update(json.dumps(curated[stem], sort_keys=True).encode())
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "claims": claims,
        "studies": n_studies,
        "table_claims": n_table,
        "prose_claims": len(prose_claims),
        "conflicts": conflicts,
        "vocab_sizes": {stem: len(t) for stem, t in vocab.items()},
        "curated_vocab_digest": digest.hexdigest()[:16],
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _mention(rng: random.Random, term: dict[str, Any]) -> str:
    """How a curator refers to a term: mostly its id, sometimes its name or a synonym."""
    r = rng.random()
    if r < 0.9:
        return str(term["id"])
    if r < 0.95 or not term["synonyms"]:
        return str(term["name"])
    return str(rng.choice(term["synonyms"]))


def _claim(
    rng: random.Random, ref: int, is_table: bool, prose_k: dict[int, int], pickers: dict[str, Zipf]
) -> dict[str, Any]:
    if is_table:
        cid = f"ref{ref}"
    else:
        prose_k[ref] = prose_k.get(ref, 0) + 1
        cid = f"ref{ref}-p{prose_k[ref]}"
    claim: dict[str, Any] = {
        "id": cid,
        "study": ref,
        "evidence": "table" if is_table else "prose",
        "demonstrated": is_table or rng.random() < 0.9,
        "setting": list(rng.choices(SETTINGS, SETTING_WEIGHTS)[0]),
    }
    chosen: dict[str, list[dict[str, Any]]] = {}
    for fld, weights in TERMS_PER_CLAIM.items():
        k = rng.choices(range(len(weights)), weights)[0]
        chosen[fld] = pickers[FIELD_VOCAB[fld]].distinct(rng, k)
        if fld == "molecules":
            claim[fld] = [{"term": _mention(rng, t), "role": rng.choices(ROLES, ROLE_WEIGHTS)[0]} for t in chosen[fld]]
        else:
            claim[fld] = [_mention(rng, t) for t in chosen[fld]]
    claim["table_rows"] = []
    mention = chosen["molecules"][0]["name"] if chosen["molecules"] else "MSCs"
    claim["quotes"] = [] if is_table else [_quote(rng, ref, mention) for _ in range(rng.choice((1, 1, 2)))]
    claim["notes"] = ["synthetic claim"] if rng.random() < 0.3 else []
    claim["conflicts"] = []
    claim["_chosen"] = chosen
    return claim


def _conflict(rng: random.Random, ref: int) -> dict[str, Any]:
    return {
        "field": "species",
        "table_value": "rat",
        "prose_value": "mouse",
        "quote": _quote(rng, ref, "mice"),
    }


def _table_row(
    claim: dict[str, Any], chosen: dict[str, list[dict[str, Any]]], ref: int, table: int, row: int, author: str
) -> dict[str, Any]:
    """A printed row whose cells are consistent with the claim's terms."""
    names = {fld: " and ".join(t["name"] for t in terms) for fld, terms in chosen.items()}
    function = f"{names['rcd_modes'].capitalize()} in {names['target_cells']}"
    if names["inducers"]:
        function += f" induced by {names['inducers']}"
    if names["models"]:
        function += f" in {names['models']}"
    return {
        "table": table,
        "row": row,
        "studies": "Preclinical " + " and ".join(claim["setting"]),
        "sources": names["msc_sources"] or "MSCs",
        "function": function,
        "modes": names["modes_of_action"],
        "reference": f"{author} et al. [{ref}]",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, required=True, help="number of claims (>= 10)")
    ap.add_argument("--out", type=Path, required=True, help="empty or absent output folder")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    manifest = generate(args.claims, args.out, args.seed)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
