"""The one term resolver: every spelling of every term, and every node's name, by label.

The loader validates records with :class:`Vocabulary` (one per vocabulary file); a connected
:class:`~msc_graph.Graph` resolves the terms of named queries, the CLI's ``-p`` values, the
explorer's forms and the exports' node names with one :class:`TermIndex` of the published graph,
read once (the ``vocabulary`` system query) and kept until the graph is re-ingested.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._exceptions import AmbiguousTermError, UnknownTermError
from ._schema import NAMED_LABELS, NODE_LABELS, kind, resolve_label

RESOLVABLE: tuple[str, ...] = NAMED_LABELS
"""The labels whose nodes a term parameter can name (vocabulary terms, studies, sources)."""


def normalize(text: str) -> str:
    """The form under which spellings are compared: lower case, whitespace collapsed.

    Cypher's ``toLower(trim($x))`` gives the same form for text typed with single spaces, so the
    query files can look a spelling up themselves (``Spelling.text``).
    """
    return " ".join(text.split()).lower()  # str.split() splits on the whitespace runs that \s+ matches


@dataclass
class Vocabulary:
    """Spellings of one kind of term, mapped to canonical ids."""

    kind: str  # human name, e.g. "RCD mode"
    names: dict[str, str] = field(default_factory=dict)  # id -> preferred name
    index: dict[str, str] = field(default_factory=dict)  # normalized spelling -> id
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # normalized spelling -> ids it names

    def add_ambiguous(self, spelling: str, ids: Iterable[str]) -> None:
        """Declare that ``spelling`` names several terms: resolving it lists them instead of guessing."""
        key = normalize(spelling)
        self.index.pop(key, None)
        self.ambiguous[key] = sorted(set(ids))

    def add(self, term_id: str, name: str, spellings: Iterable[str]) -> list[str]:
        """Register a term; return the spellings that already name another term."""
        clashes = []
        self.names[term_id] = name
        for s in (term_id, name, *spellings):
            key = normalize(s)
            if not key:  # an empty citation/author: "" must not name a term
                continue
            owner = self.index.get(key)
            if owner is not None and owner != term_id:
                clashes.append(f"{s!r} already names {owner!r}")
                continue
            self.index[key] = term_id
        return clashes

    def resolve(self, text: str) -> str:
        """The canonical id of ``text`` (id, name or synonym), or :class:`UnknownTermError`."""
        key = normalize(text)
        if key in self.index:
            return self.index[key]
        if key in self.ambiguous:
            candidates = [(tid, self.names.get(tid, tid)) for tid in self.ambiguous[key]]
            raise AmbiguousTermError(self.kind, text, candidates)
        raise UnknownTermError(self.kind, text, self.suggest(text))

    def suggest(self, text: str, n: int = 5) -> list[str]:
        """The nearest known spellings, shown as ids."""
        key = normalize(text)
        near = difflib.get_close_matches(key, list(self.index), n=n * 2, cutoff=0.55)
        near += [k for k in self.index if key and (key in k or k in key)]
        out: list[str] = []
        for k in near:
            tid = self.index[k]
            if tid not in out:
                out.append(tid)
        return out[:n]

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and (normalize(text) in self.index or normalize(text) in self.ambiguous)


Node = tuple[str, str, str]
"""A node as (label, id, name)."""


@dataclass
class TermIndex:
    """Every node of a published graph by label, id and name; every term by any spelling."""

    vocabs: dict[str, Vocabulary] = field(default_factory=dict)  # label -> spellings (resolvable labels)
    by_key: dict[tuple[str, str], str] = field(default_factory=dict)  # (label, id) -> name
    by_name: dict[str, Node] = field(default_factory=dict)  # name -> the first node of that name
    by_id: dict[str, Node] = field(default_factory=dict)  # id -> node, where the id names one node only

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> TermIndex:
        """From rows of ``label, id, name, synonyms`` (the ``vocabulary`` system query)."""
        index = cls({lab: Vocabulary(kind(lab)) for lab in RESOLVABLE})
        ids: dict[str, list[Node]] = {}
        named: dict[str, dict[str, set[str]]] = {lab: {} for lab in RESOLVABLE}  # label -> spelling -> ids
        for row in rows:
            lab, nid = row["label"], row["id"]
            name = str(row["name"] or nid)
            if lab in index.vocabs:
                index.vocabs[lab].names[nid] = name
                for s in (nid, name, *(row.get("synonyms") or [])):
                    text = normalize(s) if s else ""
                    if text:
                        named[lab].setdefault(text, set()).add(nid)
            node = (lab, nid, name)
            index.by_key[(lab, nid)] = name
            index.by_name.setdefault(name, node)
            ids.setdefault(nid, []).append(node)
        index.by_id = {k: v[0] for k, v in ids.items() if len(v) == 1}
        for lab, spellings in named.items():
            vocab = index.vocabs[lab]
            for text, owners in spellings.items():
                if len(owners) == 1:
                    vocab.index[text] = next(iter(owners))
                elif text not in owners:  # an id names its own term, whatever else it spells
                    vocab.ambiguous[text] = sorted(owners)
                else:
                    vocab.index[text] = text
        return index

    @property
    def empty(self) -> bool:
        """True when the graph holds no term at all (nothing ingested)."""
        return not any(v.names for v in self.vocabs.values())

    def resolve(self, term: str, label: str | None = None) -> str:
        """The canonical id of ``term`` (id, name or any synonym), optionally within a label.

        Raises:
            UnknownTermError: with the nearest known terms as suggestions.
        """
        if label:
            return self.vocabs[resolve_label(label)].resolve(term)
        hits = [(lab, v) for lab, v in self.vocabs.items() if term in v]
        exact = [v for _, v in hits if term in v.names]
        if len(hits) == 1 or len(exact) == 1:
            return (exact or [hits[0][1]])[0].resolve(term)
        if hits:
            candidates: list[tuple[str, str]] = []
            for lab, v in hits:
                key = normalize(term)
                for tid in v.ambiguous.get(key) or [v.index[key]]:
                    candidates.append((tid, f"{kind(lab)}: {v.names.get(tid, tid)}"))
            raise AmbiguousTermError("term", term, candidates)
        suggestions: list[str] = []
        for v in self.vocabs.values():
            suggestions += v.suggest(term, 2)
        raise UnknownTermError("term", term, suggestions[:5])

    def node(self, label: str, node_id: str) -> Node | None:
        """The node ``label``/``node_id`` (any label when ``label`` is empty), if it exists."""
        if not label:
            return self.by_id.get(node_id)
        name = self.by_key.get((label, node_id))
        return (label, node_id, name) if name is not None else None

    def find(self, value: str) -> Node | None:
        """The node that ``value`` names exactly (its name, else its id), if any."""
        return self.by_name.get(value) or self.by_id.get(value)

    def terms(self, label: str) -> list[dict[str, Any]]:
        """The nodes of one label as ``{id, name, synonyms}``, sorted by name."""
        lab = resolve_label(label) if label else ""
        if lab not in NODE_LABELS:
            return []
        spellings: dict[str, list[str]] = {}
        vocab = self.vocabs.get(lab)
        if vocab is not None:
            for key, tid in vocab.index.items():
                spellings.setdefault(tid, []).append(key)
        out = [
            {"id": nid, "name": name, "synonyms": sorted(set(spellings.get(nid, [])) - {normalize(name), nid})}
            for (lb, nid), name in self.by_key.items()
            if lb == lab
        ]
        return sorted(out, key=lambda t: str(t["name"]).casefold())
