"""Claims: validated one by one (``ClaimRec``), then against the vocabularies, studies and each other."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from pydantic import ValidationError

from ._dataset import Claim, Entries, Study, rel_path, study_key, validation_issues
from ._exceptions import AmbiguousTermError, MscGraphError, RecordIssue, UnknownTermError
from ._records import ClaimRec, StudyRec, Term
from ._schema import CLAIM_FIELDS, CONTEXT_FIELDS, NODE_LABELS, ROLE_ROUTES
from ._terms import Vocabulary
from ._yamlread import Entry

_FIELD_VOCAB = {f: NODE_LABELS[lab].vocab for f, (_, lab) in {**CLAIM_FIELDS, **CONTEXT_FIELDS}.items()}
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace collapsed: how quotes are compared with the text they come from."""
    return _WS.sub(" ", text).strip()


class _Checker:
    """Resolves the terms of one claim, recording every problem against the claim's record."""

    def __init__(
        self,
        entry: Entry,
        issues: list[RecordIssue],
        vocabs: dict[str, Vocabulary],
        broken: set[str],
        known: dict[tuple[str, str], str | MscGraphError] | None = None,
    ):
        self.entry, self.issues, self.vocabs, self.broken = entry, issues, vocabs, broken
        self.where = entry.where()
        self.failed = False
        self.known = {} if known is None else known  # (vocabulary, text) -> id or why not: spellings repeat

    def problem(self, path: str, reason: str) -> None:
        self.issues.append(RecordIssue(self.entry.file, self.where, path, reason))
        self.failed = True

    def resolve(self, stem: str, text: str, path: str) -> str | None:
        found = self.known.get((stem, text))
        if found is None:
            try:
                found = self.vocabs[stem].resolve(text)
            except (UnknownTermError, AmbiguousTermError) as exc:
                found = exc
            self.known[(stem, text)] = found
        if isinstance(found, str):
            return found
        if stem not in self.broken:  # that vocabulary's own problem is reported already
            self.problem(path, str(found))
        else:
            self.failed = True
        return None

    def resolve_all(self, fld: str, values: list[str], prefix: str = "") -> list[str]:
        ids = [self.resolve(_FIELD_VOCAB[fld], text, f"{prefix}{fld}[{i}]") for i, text in enumerate(values)]
        return list(dict.fromkeys(i for i in ids if i is not None))


def load_claims(
    root: Path,
    entries: Entries,
    issues: list[RecordIssue],
    vocabs: dict[str, Vocabulary],
    terms: dict[str, dict[str, Term]],
    per_source: dict[str, list[tuple[Entry, StudyRec]]],
    studies: dict[str, Study],
    broken: set[str],
) -> list[Claim]:
    """Every claim of every source folder, resolved; problems go to ``issues``."""
    claims: list[Claim] = []
    seen_ids: dict[str, str] = {}
    known: dict[tuple[str, str], str | MscGraphError] = {}
    for source, found in per_source.items():
        by_ref = {rec.ref: study_key(source, rec) for _, rec in found if rec.ref is not None}
        keys = {study_key(source, rec): rec for _, rec in found}
        seen_rows: dict[tuple[int, int], str] = {}
        folder = root / "sources" / source / "claims"
        files = sorted(folder.glob("*.yaml"))
        if not files and any(not rec.cited_only for _, rec in found):
            issues.append(RecordIssue(rel_path(folder, root), "folder", "", "no claim files"))
        before_source = len(issues)
        for path in files:
            for entry in entries(path):
                claim = _claim(entry, source, by_ref, keys, vocabs, terms, broken, issues, seen_ids, seen_rows, known)
                if claim is not None:
                    claims.append(claim)
        if len(issues) == before_source:  # a missing row is most often a consequence of another problem
            _check_table_order(rel_path(folder, root), seen_rows, issues)
    _check_cited(root, claims, studies, issues)
    if not issues:  # after a claim failed, the partners of its joint statement would look single
        _check_statements(claims, issues)
    return claims


def _claim(
    entry: Entry,
    source: str,
    by_ref: dict[int, str],
    keys: dict[str, StudyRec],
    vocabs: dict[str, Vocabulary],
    terms: dict[str, dict[str, Term]],
    broken: set[str],
    issues: list[RecordIssue],
    seen_ids: dict[str, str],
    seen_rows: dict[tuple[int, int], str],
    known: dict[tuple[str, str], str | MscGraphError] | None = None,
) -> Claim | None:
    try:
        rec = ClaimRec.model_validate(entry.data)
    except ValidationError as exc:
        issues.extend(validation_issues(exc, entry, "id"))
        return None
    ck = _Checker(entry, issues, vocabs, broken, known)
    if rec.id in seen_ids:
        ck.problem("id", f"duplicate of {seen_ids[rec.id]}")
    seen_ids[rec.id] = f"{entry.file} {ck.where}"
    key = by_ref.get(rec.study) if isinstance(rec.study, int) else (rec.study if rec.study in keys else None)
    if key is None:
        if source in broken:  # its studies file has problems of its own, reported already
            ck.failed = True
        else:
            ck.problem("study", f"no study {rec.study} in sources/{source}/studies.yaml")
        key = ""
    elif keys[key].cited_only:
        ck.problem("study", f"study {rec.study} is marked cited_only (no finding of its own)")
    ref = rec.study if isinstance(rec.study, int) else keys[key].ref if key else None
    for i, row in enumerate(rec.table_rows):
        at = (row.table, row.row)
        if at in seen_rows:
            ck.problem(f"table_rows[{i}]", f"Table {row.table} row {row.row} is already claimed by {seen_rows[at]}")
        seen_rows[at] = rec.id
        if ref is not None and f"[{ref}]" not in row.reference:
            ck.problem(f"table_rows[{i}].reference", f"reference cell {row.reference!r} does not cite [{ref}]")
    if rec.evidence == "abstract" and key:
        abstract = squash(keys[key].abstract)
        if not abstract:
            ck.problem("evidence", f"an abstract claim needs the study's abstract in studies.yaml ({key})")
        for i, q in enumerate(rec.quotes):
            if abstract and squash(q) not in abstract:
                ck.problem(f"quotes[{i}]", "not found verbatim in the study's abstract")
    claim = Claim(rec, entry.file, source, key)
    for fld in CLAIM_FIELDS:
        if fld in ("routes", "molecules"):
            continue
        claim.terms[fld] = ck.resolve_all(fld, getattr(rec, fld))
    claim.routes = _routes(ck, rec)
    claim.terms["routes"] = [m for m, _ in claim.routes]
    claim.molecules = _molecules(ck, rec, claim.terms["routes"], terms)
    claim.terms["molecules"] = list(dict.fromkeys(m for m, _, _ in claim.molecules))
    for k, ctx in enumerate(rec.contexts):
        ids = {fld: ck.resolve_all(fld, getattr(ctx, fld), f"contexts[{k}].") for fld in CONTEXT_FIELDS}
        claim.contexts.append((ctx.setting, ids))
    return None if ck.failed else claim


def _routes(ck: _Checker, rec: ClaimRec) -> list[tuple[str, bool]]:
    out: dict[str, bool] = {}
    for i, r in enumerate(rec.routes):
        mid = ck.resolve("modes_of_action", r.mode, f"routes[{i}].mode")
        if mid is not None:
            out[mid] = out.get(mid, False) or r.hedged
    return list(out.items())


def _molecules(
    ck: _Checker, rec: ClaimRec, routes: list[str], terms: dict[str, dict[str, Term]]
) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for i, m in enumerate(rec.molecules):
        mid = ck.resolve("molecules", m.term, f"molecules[{i}].term")
        via = ck.resolve("modes_of_action", m.via, f"molecules[{i}].via") if m.via else ""
        if via is None or mid is None:
            continue
        if via and via not in routes:
            ck.problem(f"molecules[{i}].via", f"{m.via!r} is not one of the claim's routes")
            continue
        allowed = ROLE_ROUTES[m.role]
        category = getattr(terms["modes_of_action"].get(via), "category", "") if via else ""
        if via and allowed and category not in allowed:
            ck.problem(f"molecules[{i}].via", f"a {m.role!r} travels by {' or '.join(allowed)}, not {category!r}")
            continue
        out.append((mid, m.role, via))
    return list(dict.fromkeys(out))


def _check_table_order(where: str, seen_rows: dict[tuple[int, int], str], issues: list[RecordIssue]) -> None:
    by_table: dict[int, list[int]] = defaultdict(list)
    for table, row in seen_rows:
        by_table[table].append(row)
    for table, rows in sorted(by_table.items()):
        missing = sorted(set(range(1, max(rows) + 1)) - set(rows))
        if missing:
            reason = f"rows {missing} of Table {table} are missing (rows must be 1..n)"
            issues.append(RecordIssue(where, f"Table {table}", "table_rows", reason))


def _check_cited(root: Path, claims: list[Claim], studies: dict[str, Study], issues: list[RecordIssue]) -> None:
    """Every study has a claim, unless it is marked ``cited_only`` (checked when nothing else failed)."""
    if issues:
        return
    cited = Counter(c.study for c in claims)
    for key, study in studies.items():
        for source, ref, rec in study.citations:
            if not cited[key] and not rec.cited_only:
                where = f"study {ref}" if ref is not None else f"study {key}"
                reason = "no claim cites this study (mark it cited_only if the source reports no finding of it)"
                label = rel_path(root / "sources" / source / "studies.yaml", root)
                issues.append(RecordIssue(label, where, "ref", reason))


def _check_statements(claims: list[Claim], issues: list[RecordIssue]) -> None:
    """A joint statement joins claims of at least two studies of one source."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c in claims:
        statement = c.rec.statement
        if statement:
            groups[(c.source, statement)].append(c)
    for (_, statement), members in sorted(groups.items()):
        if len({c.study for c in members}) < 2:
            c = members[0]
            reason = f"statement {statement!r} joins claims of one study only (it is for joint citations)"
            issues.append(RecordIssue(c.file, f"claim {c.rec.id!r}", "statement", reason))
