"""Deterministic synthetic corpora in the record format of ``ingest/`` (v2, see ``ingest/README.md``).

Usage::

    .venv/bin/python benchmarks/generate.py --claims 10000 --out /tmp/corpus-10k [--seed 7]

The output folder has the layout of ``ingest/`` and passes ``msc-graph validate DIR``::

    vocab/<vocabulary>.yaml, vocab/ambiguous.yaml
    sources/<review>/source.yaml, studies.yaml, claims/table<T>.yaml, claims/prose-<NNNN>.yaml
    sources/synthetic-literature/source.yaml, studies.yaml, claims/abstracts-<NNNN>.yaml

What is generated, and why:

- **Vocabulary.** The curated vocabulary of ``ingest/vocab`` is the core (so the named queries'
  ``:param`` examples, e.g. ``rcd => 'necroptosis'``, resolve and hit data), with its groups
  (``parents``) and its ambiguous spellings, extended with synthetic terms until each vocabulary
  reaches a size that grows with the corpus as in Heaps' law, ``V = a * claims**b`` (at least
  :data:`MIN_SYNTHETIC` synthetic terms each). Every term gets 0-3 synonyms, unique within its
  vocabulary. Every vocabulary but species and the five modes of action also gets a small synthetic
  hierarchy: a top group, ``3 + size // 200`` groups under it, and most synthetic terms under one
  group (some under two): the ``IS_A`` edges the queries expand.
- **Popularity.** Terms are drawn by a Zipf law (weight ``1 / rank**s``), curated terms first, so
  a few terms (apoptosis, BM-MSCs, paracrine, ...) carry most claims and most terms are rare:
  the long-tailed degree distribution of literature-derived graphs.
- **Sources and studies.** A review, under the id of the curated review (so ``review-table``'s
  ``source`` example resolves), cites ``min(1000, claims // 10)`` studies by reference number (a
  review with more references would be unusual; the format has no cap), plus a few ``cited_only``
  ones; claims per study follow a flat Zipf law (s = 0.6). A literature source (papers read from
  their abstracts) holds about 10 % of the claims, two per study on average, keyed by PMID; its
  first study is also the review's reference 1 (one study, two sources). Every study has an
  identity block: PMIDs and DOIs are synthetic (``3xxxxxxx`` / ``10.5555/…``), with the address
  they were "read" on.
- **Claims.** At most 4 x 100 review claims are table claims (a review's tables are short: one
  per study, rows 1..n per table, the reference cell citing ``[ref]``, cells built from the
  claim's own terms); the other review claims are prose claims (``ref<N>-p<K>``) with 1-2
  synthetic quotes, about 3 % of them in joint statements of two studies (one quote, one
  ``statement`` slug); literature claims quote sentences of their study's abstract. Each claim has
  1-3 routes (about 15 % hedged), 1-3 contexts (one per setting; models only in vivo or clinical),
  and molecules whose role matches a route of the claim (a secreted factor travels by a paracrine
  route, an EV cargo by an EV route, ...; targets and readouts in the rescued cell by none; a few
  molecules travel by two routes). Terms per field follow small distributions modelled on the
  curated claims; ~10 % of term mentions use a synonym or the preferred name instead of the id
  (as curators do), ~10 % of prose claims are not demonstrated, ~2 % protect malignant cells,
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
GENERATOR_VERSION = 3  # 3: no YAML anchors/aliases for shared values (curators write values out)
CLAIMS_PER_FILE = 5000
MAX_REVIEW_STUDIES = 1000  # a review's reference list (the record format has no cap)
MAX_TABLE_ROWS = 100  # rows per table, tables 1..4 (a review's tables are short)
MIN_SYNTHETIC = 6  # synthetic terms per growing vocabulary, whatever the scale (they carry the hierarchy)
LITERATURE = "synthetic-literature"
REVIEW_FALLBACK = "synthetic-review"

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
# claim field -> weights of 0, 1, 2, ... terms (target cells, inducers and models: per claim, spread over its contexts)
TERMS_PER_CLAIM: dict[str, Sequence[float]] = {
    "msc_sources": (0, 90, 10),
    "target_cells": (0, 70, 25, 5),
    "rcd_modes": (0, 65, 28, 7),
    "inducers": (10, 65, 20, 5),
    "models": (50, 45, 5),
    "routes": (0, 80, 18, 2),
    "molecules": (20, 25, 20, 15, 10, 4, 3, 2, 1),
    "pathways": (30, 40, 20, 10),
}
FIELD_VOCAB = {
    "msc_sources": "msc_sources",
    "target_cells": "cell_types",
    "rcd_modes": "rcd_modes",
    "inducers": "inducers",
    "models": "models",
    "routes": "modes_of_action",
    "molecules": "molecules",
    "pathways": "pathways",
}
PREFIX = {
    "msc_sources": "msc",
    "cell_types": "cell",
    "rcd_modes": "rcd",
    "molecules": "mol",
    "pathways": "path",
    "inducers": "ind",
    "models": "model",
    "modes_of_action": "moa",
}
TISSUES = ("bone marrow", "adipose", "umbilical cord", "Wharton's jelly", "iPSC-derived")
CELL_KINDS = ("primary", "cell line", "tissue in vivo")
MOLECULE_KINDS = ("protein", "gene", "miRNA", "organelle", "ion", "lipid", "other")
SETTINGS = (("in vitro",), ("in vivo",), ("in vitro", "in vivo"), ("clinical",), ("in vivo", "clinical"))
SETTING_WEIGHTS = (45, 25, 25, 3, 2)
CONFLICT_KINDS = ("contradiction", "paraphrase", "omission")
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
    """How many terms (groups aside) the vocabulary ``stem`` has in a corpus of ``claims`` claims."""
    a, b, cap = VOCAB_GROWTH[stem]
    if not a:
        return curated
    target: int = round(a * claims**b)
    if cap is not None:
        target = min(target, cap)
    return max(curated + MIN_SYNTHETIC, target)


def n_groups(size: int) -> int:
    """Synthetic groups of a vocabulary of ``size`` terms (under one top group)."""
    return 3 + size // 200


def _package() -> Any:
    """The record models and spelling rules of the package (the corpus must pass its validation)."""
    sys.path.insert(0, str(ROOT))
    from msc_graph import _records, _schema, _terms

    return _records, _schema, _terms


def _drop_cycles(terms: list[dict[str, Any]]) -> None:
    """Keep only parents that exist and lead to no cycle (the curators' work in progress aside)."""
    ids = {t["id"] for t in terms}
    parents: dict[str, list[str]] = {}
    for t in terms:
        kept: list[str] = []
        for p in t.get("parents") or []:
            if p not in ids or p == t["id"]:
                continue
            seen, frontier = set(), [p]  # does p lead back to t?
            while frontier:
                x = frontier.pop()
                if x == t["id"]:
                    break
                if x not in seen:
                    seen.add(x)
                    frontier.extend(parents.get(x, []))
            else:
                kept.append(p)
        parents[t["id"]] = kept
        t["parents"] = kept


def _load_curated(vocab_dir: Path) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The curated vocabulary entries and ambiguous spellings, checked with the record models
    (invalid ones skipped: a curator's work in progress is not the benchmark's business)."""
    records, _, terms_mod = _package()
    out: dict[str, list[dict[str, Any]]] = {}
    spellings: dict[str, set[str]] = {}
    for stem, model in records.VOCAB_MODELS.items():
        path = vocab_dir / f"{stem}.yaml"
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) if path.exists() else None
        seen: set[str] = set()
        keep = []
        for e in entries or []:
            try:
                term = model.model_validate(e)
            except Exception:
                continue
            spelled = {terms_mod.normalize(s) for s in (term.id, term.name, *term.synonyms)} - {""}
            if spelled & seen:
                continue
            seen |= spelled
            keep.append(term.model_dump())
        out[stem] = keep
        spellings[stem] = seen
    species = {t["id"] for t in out["species"]}
    for terms in out.values():
        _drop_cycles(terms)
        for t in terms:
            if t.get("species") and t["species"] not in species:
                t["species"] = ""
    ambiguous: list[dict[str, Any]] = []
    path = vocab_dir / "ambiguous.yaml"
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) if path.exists() else None
    kept_ids = {stem: {t["id"] for t in terms} for stem, terms in out.items()}
    for e in entries or []:
        try:
            amb = records.AmbiguousSpelling.model_validate(e)
        except Exception:
            continue
        stems = [c.partition(":") for c in amb.candidates]
        if all(tid in kept_ids.get(stem, ()) for stem, _, tid in stems) and not any(
            terms_mod.normalize(amb.spelling) in spellings.get(stem, ()) for stem, _, _ in stems
        ):
            ambiguous.append(amb.model_dump())
    return out, ambiguous


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _extra_fields(stem: str, rng: random.Random, species: list[str], group: bool) -> dict[str, Any]:
    if stem == "msc_sources":
        return (
            {"species": "", "tissue": ""} if group else {"species": rng.choice(species), "tissue": rng.choice(TISSUES)}
        )
    if stem == "cell_types":
        if group:
            return {"species": "", "kind": "group", "malignant": False}
        return {"species": rng.choice(species), "kind": rng.choice(CELL_KINDS), "malignant": rng.random() < 0.05}
    if stem == "molecules":
        return {"kind": "group" if group else rng.choices(MOLECULE_KINDS, (60, 10, 20, 3, 3, 2, 2))[0]}
    if stem == "models":
        return {"species": "" if group else rng.choice(species)}
    if stem == "pathways":
        return {"kind": "process" if group or rng.random() < 0.2 else "signalling"}
    return {}


def _synthetic_term(stem: str, k: int, rng: random.Random, species: list[str]) -> dict[str, Any]:
    """The ``k``-th synthetic term of vocabulary ``stem`` (names unique by construction)."""
    stub, prefix = _word(rng, 2), PREFIX[stem]
    tid = f"syn-{prefix}-{k}"
    name = f"{stub.capitalize()}-{prefix.upper()}{k}"
    synonyms = [f"{prefix} {stub} {k}", f"{stub}{k} {prefix}", f"{prefix}-{k}-{stub}"][: rng.choice((0, 1, 1, 2, 3))]
    term: dict[str, Any] = {
        "id": tid,
        "name": name,
        "synonyms": synonyms,
        "curie": "",
        "parents": [],
        "note": "synthetic",
    }
    return term | _extra_fields(stem, rng, species, group=False)


def _groups(stem: str, n: int, rng: random.Random, species: list[str]) -> list[dict[str, Any]]:
    """A top group and ``n`` groups under it (ids ``syn-<prefix>-group-<g>``)."""
    prefix = PREFIX[stem]
    top = f"syn-{prefix}-group-all"
    out = [
        {
            "id": top,
            "name": f"all synthetic {prefix} terms",
            "synonyms": [],
            "curie": "",
            "parents": [],
            "note": "synthetic group",
        }
        | _extra_fields(stem, rng, species, group=True)
    ]
    for g in range(1, n + 1):
        term = {
            "id": f"syn-{prefix}-group-{g}",
            "name": f"synthetic {prefix} group {g}",
            "synonyms": [f"{prefix} group {_word(rng, 2)} {g}"],
            "curie": "",
            "parents": [top],
            "note": "synthetic group",
        }
        out.append(term | _extra_fields(stem, rng, species, group=True))
    return out


def _sentence(rng: random.Random, mention: str, n: tuple[int, int] = (8, 30)) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(*n))]
    words.insert(rng.randint(0, len(words)), mention)
    text = " ".join(words)[:380]  # quotes are at most 400 characters
    return f"{text[0].upper()}{text[1:]}"


def _quote(rng: random.Random, ref: int, mention: str) -> str:
    return f"{_sentence(rng, mention)} [{ref}]."[:400]


class _Dumper(yaml.CSafeDumper):  # type: ignore[misc]
    """Values written out where they repeat (PyYAML would write ``&id001`` anchors and ``*id001``
    aliases for a list shared by two records, which no curator writes)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, records: Any, seed: int) -> None:
    body = yaml.dump(records, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(seed=seed) + body, encoding="utf-8")


def _review_id(vocab_dir: Path) -> str:
    """The id of the curated review (``kind: review``) next to ``vocab_dir``, else a synthetic one."""
    for path in sorted((vocab_dir.parent / "sources").glob("*/source.yaml")):
        try:
            src = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(src, dict) and src.get("kind") == "review" and src.get("id") == path.parent.name:
            return str(src["id"])
    return REVIEW_FALLBACK


def _identity(rng: random.Random, author: str, pmid: int | None, doi: str | None, year: int) -> dict[str, Any]:
    if pmid is None and doi is None:
        return {"first_author": author, "status": "unresolved", "match": "not matched", "note": "synthetic"}
    urls = [f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"] if pmid else []
    urls += [f"https://doi.org/{doi}"] if doi else []
    return {
        "first_author": author,
        "year": year,
        "title": _sentence(rng, "MSCs", (5, 12)),
        "journal": f"J {_word(rng, 2).capitalize()}",
        "pmid": str(pmid) if pmid else "",
        "doi": doi or "",
        "pmcid": "",
        "source_urls": urls,
        "match": "synthetic",
        "status": "verified",
        "note": "",
    }


class _Claims:
    """Draws the terms, routes, molecules and contexts of claims."""

    def __init__(self, rng: random.Random, pickers: dict[str, Zipf], categories: dict[str, str]) -> None:
        self.rng, self.pickers, self.categories = rng, pickers, categories
        _, schema, _ = _package()
        self.role_routes: dict[str, tuple[str, ...]] = schema.ROLE_ROUTES

    def mention(self, term: dict[str, Any]) -> str:
        """How a curator refers to a term: mostly its id, sometimes its name or a synonym."""
        r = self.rng.random()
        if r < 0.9:
            return str(term["id"])
        if r < 0.95 or not term["synonyms"]:
            return str(term["name"])
        return str(self.rng.choice(term["synonyms"]))

    def draw(self) -> dict[str, list[dict[str, Any]]]:
        chosen = {}
        for fld, weights in TERMS_PER_CLAIM.items():
            k = self.rng.choices(range(len(weights)), weights)[0]
            chosen[fld] = self.pickers[FIELD_VOCAB[fld]].distinct(self.rng, k)
        return chosen

    def molecules(self, molecules: list[dict[str, Any]], routes: list[str]) -> list[dict[str, Any]]:
        """Each molecule with a role that matches a route of the claim (ROLE_ROUTES), a few on two routes."""
        out: list[dict[str, Any]] = []
        for m in molecules:
            bound = [
                (role, r)
                for role, cats in self.role_routes.items()
                if cats
                for r in routes
                if self.categories[r] in cats
            ]
            if bound and self.rng.random() < 0.6:
                role, via = self.rng.choice(bound)
                out.append({"term": self.mention(m), "role": role, "via": via})
                again = [r for ro, r in bound if ro == role and r != via]
                if again and self.rng.random() < 0.2:  # e.g. mitochondria through TNTs and in EVs
                    out.append({"term": self.mention(m), "role": role, "via": self.rng.choice(again)})
            elif self.rng.random() < 0.25:
                out.append({"term": self.mention(m), "role": "signalling intermediate", "via": ""})
            else:
                out.append({"term": self.mention(m), "role": "target or readout in the rescued cell", "via": ""})
        return out

    def contexts(self, chosen: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """One context per setting; target cells and inducers shared, models only in vivo or clinical."""
        settings = self.rng.choices(SETTINGS, SETTING_WEIGHTS)[0]
        out = []
        for s in settings:
            models = [] if s == "in vitro" else [self.mention(t) for t in chosen["models"]]
            out.append(
                {
                    "setting": s,
                    "target_cells": [self.mention(t) for t in chosen["target_cells"]],
                    "inducers": [self.mention(t) for t in chosen["inducers"]],
                    "models": models,
                }
            )
        if len(chosen["inducers"]) > 1 and settings == ("in vitro",) and self.rng.random() < 0.3:
            first = out[0]  # two experiments in vitro: one per inducer
            out = [
                {**first, "inducers": first["inducers"][:1]},
                {**first, "target_cells": list(first["target_cells"]), "inducers": first["inducers"][1:]},
            ]
        return out

    def claim(self, cid: str, study: int | str, evidence: str, demonstrated: bool) -> dict[str, Any]:
        rng = self.rng
        chosen = self.draw()
        routes = [str(t["id"]) for t in chosen["routes"]]
        claim: dict[str, Any] = {
            "id": cid,
            "study": study,
            "evidence": evidence,
            "demonstrated": demonstrated,
            "statement": "",
            "protects_malignant": rng.random() < 0.02,
            "msc_sources": [self.mention(t) for t in chosen["msc_sources"]],
            "rcd_modes": [self.mention(t) for t in chosen["rcd_modes"]],
            "routes": [{"mode": self.mention(t), "hedged": rng.random() < 0.15} for t in chosen["routes"]],
            "molecules": self.molecules(chosen["molecules"], routes),
            "pathways": [self.mention(t) for t in chosen["pathways"]],
            "contexts": self.contexts(chosen),
            "table_rows": [],
            "quotes": [],
            "notes": ["synthetic claim"] if rng.random() < 0.3 else [],
            "conflicts": [],
            "_chosen": chosen,
        }
        return claim


def generate(claims: int, out: Path, seed: int = 7, vocab_dir: Path = CURATED_VOCAB) -> dict[str, Any]:
    """Write a corpus of ``claims`` claims to ``out`` (created; must be empty or absent).

    Returns:
        A manifest: parameters, counts and the digest of the curated vocabulary used.
    """
    if claims < 10:
        raise ValueError("a corpus needs at least 10 claims")
    rng = random.Random(seed)
    curated, ambiguous = _load_curated(vocab_dir)
    species = [t["id"] for t in curated["species"]]
    vocab: dict[str, list[dict[str, Any]]] = {"species": curated["species"]}
    groups: dict[str, int] = {}
    pickers: dict[str, Zipf] = {}
    for stem in VOCAB_GROWTH:
        terms = list(curated[stem])
        size = vocab_size(stem, claims, len(terms))
        synthetic = [_synthetic_term(stem, k, rng, species) for k in range(1, size - len(terms) + 1)]
        pickers[stem] = Zipf(terms + synthetic, ZIPF_S[stem])
        hierarchy: list[dict[str, Any]] = []
        if synthetic:
            hierarchy = _groups(stem, n_groups(size), rng, species)
            under = [g["id"] for g in hierarchy[1:]]
            for t in synthetic:
                r = rng.random()
                if r < 0.7:
                    t["parents"] = [rng.choice(under)]
                elif r < 0.8:
                    t["parents"] = rng.sample(under, 2)
        groups[stem] = len(hierarchy)
        vocab[stem] = terms + synthetic + hierarchy
    categories = {str(t["id"]): str(t["category"]) for t in vocab["modes_of_action"]}
    gen = _Claims(rng, pickers, categories)
    review = _review_id(vocab_dir)

    # -- studies --------------------------------------------------------------------------------
    n_lit_claims = max(2, claims // 10)
    n_review_claims = claims - n_lit_claims
    n_review = min(MAX_REVIEW_STUDIES, n_review_claims, max(9, n_review_claims // 10))
    n_cited_only = max(1, n_review // 50)
    n_lit = max(1, n_lit_claims // 2)
    authors = [_word(rng, 3).capitalize() for _ in range(n_review + n_cited_only + n_lit)]
    review_studies: list[dict[str, Any]] = []
    for ref in range(1, n_review + n_cited_only + 1):
        author, year = authors[ref - 1], 1990 + ref % 30
        r = rng.random()
        pmid = 30_000_000 + ref if ref == 1 or r < 0.5 else None
        doi = f"10.5555/syn.review.{ref}" if ref == 1 or 0.5 <= r < 0.7 else None
        review_studies.append(
            {
                "ref": ref,
                "first_author": author,
                "citation": f"{author} et al.",
                "cited_only": ref > n_review,
                "identity": _identity(rng, author, pmid, doi, year),
                "note": "",
            }
        )
    lit_studies: list[dict[str, Any]] = []
    for k in range(1, n_lit + 1):
        if k == 1:  # the review's reference 1, read again from its abstract: one study, two sources
            shared = review_studies[0]
            author, ident = shared["first_author"], dict(shared["identity"])
        else:
            author = authors[n_review + n_cited_only + k - 1]
            ident = _identity(rng, author, 40_000_000 + k, None, 2020 + k % 6)
        lit_studies.append({"first_author": author, "citation": "", "identity": ident, "abstract": "", "note": ""})

    # -- review claims ----------------------------------------------------------------------------
    study_pick = Zipf(list(range(1, n_review + 1)), 0.6)
    refs = list(range(1, n_review + 1)) + [study_pick.one(rng) for _ in range(n_review_claims - n_review)]
    n_table = min(4 * MAX_TABLE_ROWS, n_review_claims // 4, n_review)
    table_refs = set(rng.sample(range(1, n_review + 1), n_table))
    prose_k: dict[int, int] = {}
    table_claims: dict[int, list[dict[str, Any]]] = {1: [], 2: [], 3: [], 4: []}
    prose_claims: list[dict[str, Any]] = []
    conflicts = 0
    for ref in refs:
        is_table = ref in table_refs
        if is_table:
            table_refs.discard(ref)
            claim = gen.claim(f"ref{ref}", ref, "table", True)
        else:
            prose_k[ref] = prose_k.get(ref, 0) + 1
            claim = gen.claim(f"ref{ref}-p{prose_k[ref]}", ref, "prose", rng.random() < 0.9)
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
            mention = chosen["molecules"][0]["name"] if chosen["molecules"] else "MSCs"
            claim["quotes"] = [_quote(rng, ref, mention) for _ in range(rng.choice((1, 1, 2)))]
            prose_claims.append(claim)
    statements = _joint_statements(rng, prose_claims)

    # -- literature claims (quotes from the abstracts) ---------------------------------------------
    lit_claims: list[dict[str, Any]] = []
    lit_pick = Zipf(list(range(1, n_lit + 1)), 0.6)
    lit_refs = list(range(1, n_lit + 1)) + [lit_pick.one(rng) for _ in range(n_lit_claims - n_lit)]
    sentences: dict[int, list[str]] = {k: [] for k in range(1, n_lit + 1)}
    per_study: dict[int, int] = {}
    for k in lit_refs:
        study = lit_studies[k - 1]
        key = f"pmid:{study['identity']['pmid']}"
        per_study[k] = per_study.get(k, 0) + 1
        claim = gen.claim(f"{key.replace(':', '-')}-c{per_study[k]}", key, "abstract", rng.random() < 0.95)
        chosen = claim.pop("_chosen")
        mention = chosen["rcd_modes"][0]["name"] if chosen["rcd_modes"] else "cell death"
        quotes = [f"{_sentence(rng, mention)}." for _ in range(rng.choice((1, 2)))]
        sentences[k] += quotes
        claim["quotes"] = quotes
        lit_claims.append(claim)
    for k, study in enumerate(lit_studies, start=1):
        filler = [f"{_sentence(rng, 'MSCs')}." for _ in range(rng.randint(2, 4))]
        study["abstract"] = " ".join(filler[:1] + sentences[k] + filler[1:])

    # -- files -------------------------------------------------------------------------------------
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    for stem, terms in vocab.items():
        _dump(out / "vocab" / f"{stem}.yaml", terms, seed)
    _dump(out / "vocab" / "ambiguous.yaml", ambiguous, seed)
    rev = out / "sources" / review
    _dump(rev / "source.yaml", _source(review, "review", seed), seed)
    _dump(rev / "studies.yaml", review_studies, seed)
    for table, recs in table_claims.items():
        if recs:
            _dump(rev / "claims" / f"table{table}.yaml", recs, seed)
    for i in range(0, len(prose_claims), CLAIMS_PER_FILE):
        _dump(
            rev / "claims" / f"prose-{i // CLAIMS_PER_FILE + 1:04d}.yaml", prose_claims[i : i + CLAIMS_PER_FILE], seed
        )
    lit = out / "sources" / LITERATURE
    _dump(lit / "source.yaml", _source(LITERATURE, "literature", seed), seed)
    _dump(lit / "studies.yaml", lit_studies, seed)
    for i in range(0, len(lit_claims), CLAIMS_PER_FILE):
        _dump(
            lit / "claims" / f"abstracts-{i // CLAIMS_PER_FILE + 1:04d}.yaml", lit_claims[i : i + CLAIMS_PER_FILE], seed
        )

    digest = hashlib.sha256()
    for stem in sorted(curated):
        digest.update(json.dumps(curated[stem], sort_keys=True).encode())
    digest.update(json.dumps(ambiguous, sort_keys=True).encode())
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "claims": claims,
        "sources": sorted([review, LITERATURE]),
        "studies": n_review + n_cited_only + n_lit - 1,  # the literature's first study is the review's [1]
        "cited_only": n_cited_only,
        "table_claims": n_table,
        "prose_claims": len(prose_claims),
        "abstract_claims": len(lit_claims),
        "joint_statements": statements,
        "conflicts": conflicts,
        "vocab_sizes": {stem: len(t) for stem, t in vocab.items()},
        "groups": groups,
        "ambiguous_spellings": len(ambiguous),
        "curated_vocab_digest": digest.hexdigest()[:16],
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _source(sid: str, kind: str, seed: int) -> dict[str, Any]:
    what = "review read table by table" if kind == "review" else "set of papers read from their abstracts"
    return {
        "id": sid,
        "kind": kind,
        "title": f"Synthetic {what} (benchmarks/generate.py, seed {seed})",
        "note": "synthetic benchmark corpus",
    }


def _joint_statements(rng: random.Random, prose: list[dict[str, Any]]) -> int:
    """About 3 % of prose claims (at least one pair) share a statement with the next claim of another
    study: one sentence citing two studies, one quote, one ``statement`` slug."""
    n = 0
    for i in range(len(prose) - 1):
        a, b = prose[i], prose[i + 1]
        if a["study"] == b["study"] or a["statement"] or b["statement"]:
            continue
        if n and rng.random() >= 0.03:
            continue
        slug = f"s-syn-{i + 1}"
        a["statement"] = b["statement"] = slug
        both = ", ".join(str(r) for r in sorted((a["study"], b["study"])))
        joint = a["quotes"][0].removesuffix(f"[{a['study']}].") + f"[{both}]."
        a["quotes"] = [joint, *a["quotes"][1:]]
        b["quotes"] = [joint, *b["quotes"][1:]]
        n += 1
    return n


def _conflict(rng: random.Random, ref: int) -> dict[str, Any]:
    return {
        "field": "species",
        "table_value": "rat",
        "prose_value": "mouse",
        "quote": _quote(rng, ref, "mice"),
        "kind": rng.choice(CONFLICT_KINDS),
    }


def _table_row(
    claim: dict[str, Any], chosen: dict[str, list[dict[str, Any]]], ref: int, table: int, row: int, author: str
) -> dict[str, Any]:
    """A printed row whose cells are consistent with the claim's terms."""
    names = {fld: " and ".join(t["name"] for t in terms) for fld, terms in chosen.items()}
    function = f"{names['rcd_modes'].capitalize()} in {names['target_cells'] or 'cells'}"
    if names["inducers"]:
        function += f" induced by {names['inducers']}"
    if names["models"]:
        function += f" in {names['models']}"
    settings = list(dict.fromkeys(c["setting"] for c in claim["contexts"]))
    return {
        "table": table,
        "row": row,
        "studies": "Preclinical " + " and ".join(settings),
        "sources": names["msc_sources"] or "MSCs",
        "function": function,
        "modes": names["routes"],
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
