"""Citations of the studies behind an answer: BibTeX, RIS and CSL-JSON.

A study is cited with what the graph knows of it: the bibliographic identity read on a public page
(first author, year, title, journal, PMID, DOI, PMCID) where it was verified, else how its source
cites it ("Drouet et al. [42] in Naji et al. 2019"), never with an invented field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

FORMATS = ("bibtex", "ris", "csl-json")
_BIB_UNSAFE = re.compile(r"[{}\\]")


def _year(study: Mapping[str, Any]) -> int | None:
    y = study.get("year")
    return int(y) if isinstance(y, int) else None


def _author(study: Mapping[str, Any]) -> str:
    return str(study.get("first_author") or "").strip()


def cite_key(study: Mapping[str, Any]) -> str:
    """A BibTeX key: first author, year and the study's id digits (``Drouet2005_15941401``)."""
    author = re.sub(r"[^A-Za-z]", "", _author(study)) or "study"
    year = _year(study) or ""
    tail = re.sub(r"[^A-Za-z0-9]", "", str(study.get("pmid") or study.get("ref") or study.get("id") or ""))
    return f"{author}{year}_{tail}" if tail else f"{author}{year}"


def _note(study: Mapping[str, Any]) -> str:
    parts = []
    if study.get("ref") is not None:
        parts.append(f"cited as {study.get('name') or ''}".strip())
    status = study.get("identity_status")
    if status and status != "verified":
        parts.append(f"bibliographic identity {status}, not verified on a public page")
    return "; ".join(p for p in parts if p)


def _bib(value: Any) -> str:
    return _BIB_UNSAFE.sub("", str(value))


def bibtex(studies: Iterable[Mapping[str, Any]]) -> str:
    """BibTeX ``@article`` entries (``@misc`` when no journal is known)."""
    out = []
    for s in studies:
        fields: dict[str, Any] = {}
        if _author(s):
            fields["author"] = f"{_author(s)} and others"
        for key, name in (("title", "title"), ("journal", "journal"), ("doi", "doi"), ("pmid", "pmid")):
            if s.get(key):
                fields[name] = s[key]
        if _year(s):
            fields["year"] = _year(s)
        if s.get("pmcid"):
            fields["pmcid"] = s["pmcid"]
        if _note(s):
            fields["note"] = _note(s)
        kind = "article" if s.get("journal") else "misc"
        body = ",\n".join(f"  {k} = {{{_bib(v)}}}" for k, v in fields.items())
        out.append(f"@{kind}{{{cite_key(s)},\n{body}\n}}\n")
    return "\n".join(out)


def ris(studies: Iterable[Mapping[str, Any]]) -> str:
    """RIS records (``TY  - JOUR``)."""
    out = []
    for s in studies:
        lines = ["TY  - JOUR" if s.get("journal") else "TY  - GEN"]
        if _author(s):
            lines.append(f"AU  - {_author(s)}")
        if s.get("title"):
            lines.append(f"TI  - {s['title']}")
        if s.get("journal"):
            lines.append(f"JO  - {s['journal']}")
        if _year(s):
            lines.append(f"PY  - {_year(s)}")
        if s.get("doi"):
            lines.append(f"DO  - {s['doi']}")
        if s.get("pmid"):
            lines.append(f"AN  - PMID:{s['pmid']}")
        if s.get("pmcid"):
            lines.append(f"C2  - {s['pmcid']}")
        if _note(s):
            lines.append(f"N1  - {_note(s)}")
        lines.append(f"ID  - {cite_key(s)}")
        lines.append("ER  - ")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def csl_json(studies: Iterable[Mapping[str, Any]]) -> str:
    """CSL-JSON items (``article-journal``), as read by citeproc processors and reference managers."""
    items = []
    for s in studies:
        item: dict[str, Any] = {"id": cite_key(s), "type": "article-journal" if s.get("journal") else "article"}
        if _author(s):
            item["author"] = [{"family": _author(s)}, {"literal": "others"}]
        if s.get("title"):
            item["title"] = s["title"]
        if s.get("journal"):
            item["container-title"] = s["journal"]
        if _year(s):
            item["issued"] = {"date-parts": [[_year(s)]]}
        if s.get("doi"):
            item["DOI"] = s["doi"]
        if s.get("pmid"):
            item["PMID"] = str(s["pmid"])
        if s.get("pmcid"):
            item["PMCID"] = s["pmcid"]
        if _note(s):
            item["note"] = _note(s)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def render(studies: Iterable[Mapping[str, Any]], fmt: str) -> str:
    """The studies in ``fmt`` (``bibtex``, ``ris`` or ``csl-json``)."""
    listed = list(studies)
    if fmt == "bibtex":
        return bibtex(listed)
    if fmt == "ris":
        return ris(listed)
    if fmt == "csl-json":
        return csl_json(listed)
    raise ValueError(f"unknown citation format {fmt!r} (formats: {', '.join(FORMATS)})")
