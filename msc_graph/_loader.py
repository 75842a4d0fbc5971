"""Read and validate the curated records: YAML files -> a typed, resolved :class:`Dataset`.

Nothing here touches a database. Every problem becomes a :class:`RecordIssue` naming the file,
the record and the field; all issues of a run are collected and raised together as one
:class:`RecordError`, so a curator fixes them in one pass.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import _fastload
from ._exceptions import RecordError, RecordIssue, UnknownTermError
from ._records import VOCAB_MODELS, ClaimRec, FieldError, StudyRec, Term
from ._resources import ingest_dir
from ._schema import CLAIM_FIELDS, NODE_LABELS, kind
from ._terms import Vocabulary

MAX_FILE_BYTES = 512 * 1024 * 1024
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FIELD_VOCAB = {f: NODE_LABELS[lab].vocab for f, (_, lab) in CLAIM_FIELDS.items()}


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A mapping repeats a key (``key`` names the field)."""

    def __init__(self, key: Any, mark: Any) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", mark)
        self.key = key


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe YAML loader that refuses duplicate keys."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark)
            seen.add(key)
        return dict(super().construct_mapping(node, deep=deep))


def _node_where(index: int, node: Any) -> str:
    """The place of a record that could not be built, e.g. "record 3 (id 'ref42'), line 7"."""
    ident = ""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value in ("id", "ref") and isinstance(v, yaml.ScalarNode):
                ident = f" ({k.value} {v.value!r})"
                break
    return f"record {index}{ident}, line {node.start_mark.line + 1}"


def _nul_field(value: Any, path: str = "") -> str | None:
    """The field path of the first string holding a NUL character (a YAML "\\0" escape), or None."""
    stack: list[tuple[Any, str]] = [(value, path)]
    seen: set[int] = set()  # aliases share objects: visit each container once
    while stack:
        v, where = stack.pop()
        if (isinstance(v, str) and "\x00" in v) or (isinstance(v, bytes) and b"\x00" in v):
            return where  # bytes: a !!binary value, which pydantic turns into text
        elif isinstance(v, dict | list) and id(v) not in seen:
            seen.add(id(v))
            items = v.items() if isinstance(v, dict) else enumerate(v)
            for k, x in items:
                stack.append((x, f"{where}[{k}]" if isinstance(k, int) else (f"{where}.{k}" if where else str(k))))
    return None


@dataclass
class Entry:
    """One top-level record of a file, with where it came from."""

    file: str
    index: int
    line: int
    data: Any

    def where(self, key: str = "id") -> str:
        ident = self.data.get(key) if isinstance(self.data, dict) else None
        ident_s = f" ({key} {ident!r})" if ident is not None else ""
        return f"record {self.index}{ident_s}, line {self.line}"


@dataclass
class Claim:
    """A validated claim with every term resolved to its canonical id."""

    rec: ClaimRec
    file: str
    terms: dict[str, list[str]] = field(default_factory=dict)  # claim field -> ids
    molecule_roles: list[tuple[str, str]] = field(default_factory=list)  # (id, role)


@dataclass
class Dataset:
    """Everything under ``ingest/``, validated."""

    root: Path
    terms: dict[str, dict[str, Term]]  # vocab stem -> id -> term
    vocabs: dict[str, Vocabulary]
    studies: dict[int, StudyRec]
    claims: list[Claim]
    digest: str


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_entries(path: Path, label: str, issues: list[RecordIssue]) -> list[Entry]:
    """Parse one YAML file into its top-level list entries (problems go to ``issues``)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            issues.append(RecordIssue(label, "file", "", f"larger than {MAX_FILE_BYTES} bytes"))
            return []
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.append(RecordIssue(label, "file", "", f"not UTF-8 text (byte {exc.start})"))
        return []
    except OSError as exc:
        issues.append(RecordIssue(label, "file", "", f"cannot read: {exc.strerror}"))
        return []
    if "\x00" in text:
        issues.append(RecordIssue(label, "file", "", "binary content (NUL byte)"))
        return []
    try:
        root = yaml.compose(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        issues.append(RecordIssue(label, "file", "", f"malformed YAML: {_yaml_msg(exc)}"))
        return []
    if root is None:
        issues.append(RecordIssue(label, "file", "", "empty file (expected a list of records)"))
        return []
    if not isinstance(root, yaml.SequenceNode):
        issues.append(RecordIssue(label, "file", "", "expected a YAML list of records at top level"))
        return []
    out = []
    escapes = "\\" in text or "!" in text  # a NUL only comes from a "\0"-style escape or a !!binary tag
    constructor = _StrictLoader("")  # one per file: a loader per record re-reads the whole text (quadratic)
    for i, node in enumerate(root.value, start=1):
        try:
            data = _fastload.construct(constructor, node)
        except yaml.YAMLError as exc:
            constructor = _StrictLoader("")  # drop any half-built state
            msg = f"malformed YAML: {_yaml_msg(exc)}"
            key = str(exc.key) if isinstance(exc, _DuplicateKey) else ""
            issues.append(RecordIssue(label, _node_where(i, node), key, msg))
            continue
        if not isinstance(data, dict):
            issues.append(RecordIssue(label, _node_where(i, node), "", "a record must be a mapping of fields"))
            continue
        entry = Entry(label, i, node.start_mark.line + 1, data)
        nul = _nul_field(data) if escapes else None
        if nul is not None:  # kept as an entry: the record's other checks still run
            key = "id" if "id" in data else "ref"
            issues.append(RecordIssue(label, entry.where(key), nul, "contains a NUL character (\\0)"))
        out.append(entry)
    return out


def _yaml_msg(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else str(problem)


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _validation_issues(exc: ValidationError, entry: Entry, key: str) -> list[RecordIssue]:
    issues = []
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling against ingest/README.md)"
        path = _field_path(err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if not path and isinstance(cause, FieldError):  # a rule across fields names the field it blames
            path = cause.field
        issues.append(RecordIssue(entry.file, entry.where(key), path, msg))
    return issues


def load(root: Path | str | None = None) -> Dataset:
    """Read and validate every record under ``root`` (default: the shipped ``ingest/``).

    Raises:
        RecordError: with every problem found; nothing is returned half-valid.
    """
    root = Path(root) if root is not None else ingest_dir()
    issues: list[RecordIssue] = []
    digest = hashlib.sha256()
    if not root.is_dir():
        raise RecordError([RecordIssue(str(root), "folder", "", "no such records folder")])

    def entries(path: Path) -> list[Entry]:
        label = _rel(path, root)
        if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:  # read_entries reports larger ones
            digest.update(label.encode() + b"\0" + path.read_bytes())
        return read_entries(path, label, issues)

    with _fastload.gc_paused():  # millions of short-lived objects: the cyclic GC would rescan them all
        terms, vocabs, broken = _load_vocabs(root, entries, issues)
        studies, studies_ok = _load_studies(root, entries, issues)
        claims = _load_claims(root, entries, issues, vocabs, studies, broken, studies_ok)
    if issues:
        raise RecordError(issues)
    return Dataset(root, terms, vocabs, studies, claims, digest.hexdigest())


def _load_vocabs(
    root: Path, entries: Any, issues: list[RecordIssue]
) -> tuple[dict[str, dict[str, Term]], dict[str, Vocabulary], set[str]]:
    """The vocabularies, and the stems whose file has problems (their lookups are not checked)."""
    terms: dict[str, dict[str, Term]] = {}
    vocabs: dict[str, Vocabulary] = {}
    broken: set[str] = set()
    for stem, model in VOCAB_MODELS.items():
        path = root / "vocab" / f"{stem}.yaml"
        terms[stem], vocabs[stem] = {}, Vocabulary(kind(stem))
        if not path.exists():
            issues.append(RecordIssue(_rel(path, root), "file", "", "missing vocabulary file"))
            broken.add(stem)
            continue
        before = len(issues)
        for entry in entries(path):
            try:
                term = model.model_validate(entry.data)
            except ValidationError as exc:
                issues.extend(_validation_issues(exc, entry, "id"))
                continue
            if term.id in terms[stem]:
                issues.append(RecordIssue(entry.file, entry.where(), "id", "duplicate id"))
                continue
            terms[stem][term.id] = term
            for clash in vocabs[stem].add(term.id, term.name, term.synonyms):
                issues.append(RecordIssue(entry.file, entry.where(), "synonyms", clash))
        if len(issues) > before:  # claims naming its terms would fail too: report the cause only
            broken.add(stem)
    species = vocabs["species"]
    for stem in ("msc_sources", "cell_types", "models"):
        for term in terms[stem].values() if "species" not in broken else ():
            sp = getattr(term, "species", "")
            if sp and sp not in species:
                where = f"term {term.id!r}"
                reason = f"unknown species {sp!r}; known: {', '.join(sorted(species.names))}"
                issues.append(RecordIssue(f"ingest/vocab/{stem}.yaml", where, "species", reason))
    return terms, vocabs, broken


def _load_studies(root: Path, entries: Any, issues: list[RecordIssue]) -> tuple[dict[int, StudyRec], bool]:
    studies: dict[int, StudyRec] = {}
    path = root / "studies.yaml"
    if not path.exists():
        issues.append(RecordIssue(_rel(path, root), "file", "", "missing studies file"))
        return studies, False
    before = len(issues)
    for entry in entries(path):
        try:
            study = StudyRec.model_validate(entry.data)
        except ValidationError as exc:
            issues.extend(_validation_issues(exc, entry, "ref"))
            continue
        if study.ref in studies:
            issues.append(RecordIssue(entry.file, entry.where("ref"), "ref", "duplicate study"))
            continue
        studies[study.ref] = study
    return studies, len(issues) == before  # False: claims citing a study are not checked against it


def _load_claims(
    root: Path,
    entries: Any,
    issues: list[RecordIssue],
    vocabs: dict[str, Vocabulary],
    studies: dict[int, StudyRec],
    broken: set[str],
    studies_ok: bool,
) -> list[Claim]:
    claims: list[Claim] = []
    seen_ids: dict[str, str] = {}
    seen_rows: dict[tuple[int, int], str] = {}
    files = sorted((root / "claims").glob("*.yaml"))
    if not files:
        issues.append(RecordIssue(_rel(root / "claims", root), "folder", "", "no claim files"))
    for path in files:
        for entry in entries(path):
            try:
                rec = ClaimRec.model_validate(entry.data)
            except ValidationError as exc:
                issues.extend(_validation_issues(exc, entry, "id"))
                continue
            where = entry.where()
            claim = Claim(rec, entry.file)
            before = len(issues)
            if rec.id in seen_ids:
                issues.append(RecordIssue(entry.file, where, "id", f"duplicate of {seen_ids[rec.id]}"))
            seen_ids[rec.id] = f"{entry.file} {where}"
            if rec.study not in studies and studies_ok:
                issues.append(RecordIssue(entry.file, where, "study", f"no study {rec.study} in studies.yaml"))
            for i, row in enumerate(rec.table_rows):
                key = (row.table, row.row)
                if key in seen_rows:
                    reason = f"Table {row.table} row {row.row} is already claimed by {seen_rows[key]}"
                    issues.append(RecordIssue(entry.file, where, f"table_rows[{i}]", reason))
                seen_rows[key] = rec.id
                if f"[{rec.study}]" not in row.reference:
                    reason = f"reference cell {row.reference!r} does not cite [{rec.study}]"
                    issues.append(RecordIssue(entry.file, where, f"table_rows[{i}].reference", reason))
            for fld, stem in _FIELD_VOCAB.items():
                values = [m.term for m in rec.molecules] if fld == "molecules" else getattr(rec, fld)
                ids = []
                for i, text in enumerate(values):
                    try:
                        ids.append(vocabs[stem].resolve(text))
                    except UnknownTermError as exc:
                        if stem in broken:  # that vocabulary's own problem is reported already
                            continue
                        path_ = f"{fld}[{i}].term" if fld == "molecules" else f"{fld}[{i}]"
                        issues.append(RecordIssue(entry.file, where, path_, str(exc)))
                claim.terms[fld] = list(dict.fromkeys(ids))
                if fld == "molecules" and len(ids) == len(values):
                    claim.molecule_roles = list(dict.fromkeys(zip(ids, [m.role for m in rec.molecules], strict=True)))
            if len(issues) == before:
                claims.append(claim)
    if not issues:  # a missing row is most often a consequence of another problem
        _check_table_order(seen_rows, issues)
    cited = Counter(c.rec.study for c in claims)
    for ref in studies:
        if not cited[ref] and not issues:
            issues.append(RecordIssue("ingest/studies.yaml", f"study {ref}", "ref", "no claim cites this study"))
    return claims


def _check_table_order(seen_rows: dict[tuple[int, int], str], issues: list[RecordIssue]) -> None:
    by_table: dict[int, list[int]] = defaultdict(list)
    for table, row in seen_rows:
        by_table[table].append(row)
    for table, rows in sorted(by_table.items()):
        expected = list(range(1, max(rows) + 1))
        missing = sorted(set(expected) - set(rows))
        if missing:
            reason = f"rows {missing} of Table {table} are missing (rows must be 1..n)"
            issues.append(RecordIssue("ingest/claims", f"Table {table}", "table_rows", reason))
