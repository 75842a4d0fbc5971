"""Vocabularies: terms, their spellings, lookup by any synonym with suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ._exceptions import UnknownTermError

_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The form under which spellings are compared: case-folded, whitespace collapsed."""
    return _WS.sub(" ", text).strip().casefold()


@dataclass
class Vocabulary:
    """Spellings of one kind of term, mapped to canonical ids."""

    kind: str  # human name, e.g. "RCD mode"
    names: dict[str, str] = field(default_factory=dict)  # id -> preferred name
    index: dict[str, str] = field(default_factory=dict)  # normalized spelling -> id

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
        try:
            return self.index[key]
        except KeyError:
            raise UnknownTermError(self.kind, text, self.suggest(text)) from None

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
        return isinstance(text, str) and normalize(text) in self.index
