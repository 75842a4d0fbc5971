"""Reading record files: strict, safe YAML into top-level entries that know where they came from.

Duplicate keys are refused; every problem becomes a :class:`RecordIssue` naming the file and the
record (its id or ref and its line), so the loader can report all problems of a run at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import _fastload
from ._exceptions import RecordIssue

MAX_FILE_BYTES = 512 * 1024 * 1024
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


_IDENT_KEYS = ("id", "ref", "key", "spelling")


def _node_where(index: int, node: Any) -> str:
    """The place of a record that could not be built, e.g. "record 3 (id 'ref42'), line 7"."""
    ident = ""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value in _IDENT_KEYS and isinstance(v, yaml.ScalarNode):
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


def read_entries(path: Path, label: str, issues: list[RecordIssue], single: bool = False) -> list[Entry]:
    """Parse one YAML file into its top-level list entries (problems go to ``issues``).

    With ``single``, the file holds one record (a mapping) instead of a list of them.
    """
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
    if single and isinstance(root, yaml.MappingNode):
        root = yaml.SequenceNode("tag:yaml.org,2002:seq", [root], root.start_mark, root.end_mark)
    elif single:
        issues.append(RecordIssue(label, "file", "", "expected one record (a YAML mapping of fields)"))
        return []
    elif not isinstance(root, yaml.SequenceNode):
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
