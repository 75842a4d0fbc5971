"""Reading record files: strict, safe YAML into top-level entries that know where they came from.

Duplicate keys are refused; every problem becomes a :class:`RecordIssue` naming the file and the
record (its id or ref and its line), so the loader can report all problems of a run at once.

Records come from folders other people send, so reading them cannot hurt: only regular files are
read (a FIFO, a device or a folder is refused without opening it for reading), never through a
symlink that leads out of the records folder, never more than :data:`MAX_FILE_BYTES`; YAML aliases
may not expand a file beyond :data:`MAX_ALIAS_NODES` extra nodes ("billion laughs") nor refer to
themselves; integers too long to print (Python's 4,300-digit limit) are refused.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import _fastload
from ._exceptions import RecordIssue

if TYPE_CHECKING:
    from ._loader_cache import RecordCache

LOADER_VERSION = 2
"""Bump when what :func:`read_entries` returns for the same bytes changes (it invalidates the record cache)."""
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_ALIAS_NODES = 100_000
"""How many nodes YAML aliases may add to a file when expanded (each use of an alias counts its nodes)."""
_BIG_DIGITS = re.compile(r"[0-9A-Fa-f_]{1000}")
# Where a YAML alias could start: "*" then a name character (libyaml: letters, digits, "-", "_"),
# not right after a name character (then it is inside a word or a plain scalar). Text without a
# match has no alias, whatever its quotes and scalars hold; a match only means the check runs.
_ALIAS = re.compile(r"(?<![0-9A-Za-z_-])\*[0-9A-Za-z_-]")
_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}  # fmt: skip
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


def records_root(path: Path, label: str) -> Path:
    """The records folder ``path`` belongs to, from its ``label`` (relative to the folder's parent)."""
    parts = Path(label).parts
    if Path(label).is_absolute() or len(parts) < 2:
        return path.parent
    root = path
    for _ in parts[1:]:
        root = root.parent
    return root


def read_bytes(path: Path, root: Path) -> bytes:
    """The bytes of the regular file ``path`` inside ``root``; ValueError saying why it is not read."""
    real = os.path.realpath(path)
    top = os.path.realpath(root)
    if os.path.commonpath([real, top]) != top:
        raise ValueError(f"a symbolic link leading out of the records folder (to {real})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(real, flags)  # non-blocking: opening a FIFO does not wait for a writer
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"not a regular file ({_KINDS.get(stat.S_IFMT(info.st_mode), 'a special file')})")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 24, MAX_FILE_BYTES + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def alias_problem(root: Any) -> str | None:
    """Why the aliases of a composed YAML document are refused (a cycle, or too many nodes), or None."""
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = node.value if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            kids = [x for pair in node.value for x in pair]
        if done:
            sizes[key] = 1 + sum(sizes[id(k)] for k in kids)
            if sizes[key] > len(sizes) + MAX_ALIAS_NODES:
                return f"YAML aliases expand it to more than {MAX_ALIAS_NODES} extra values: write them out"
            continue
        if key in sizes:
            continue
        if key in entered:
            return "a YAML alias refers to a value that contains it (a recursive alias)"
        entered.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in sizes)
    return None


def _huge_int(value: Any) -> bool:
    stack, seen = [value], set()
    while stack:
        v = stack.pop()
        if isinstance(v, int) and not isinstance(v, bool) and v.bit_length() > 14_000:  # ~4,200 digits
            return True
        if isinstance(v, dict | list) and id(v) not in seen:
            seen.add(id(v))
            stack.extend(v.values() if isinstance(v, dict) else v)
    return False


def read_entries(
    path: Path,
    label: str,
    issues: list[RecordIssue],
    single: bool = False,
    folder: Path | None = None,
    seen: Callable[[bytes], None] | None = None,
    cache: RecordCache | None = None,
) -> list[Entry]:
    """Parse one YAML file into its top-level list entries (problems go to ``issues``).

    With ``single``, the file holds one record (a mapping) instead of a list of them. ``folder`` is
    the records folder (default: found from ``label``); the file must be a regular file inside it.
    ``seen`` is given the bytes read (the loader's digest of the records). With a ``cache``
    (:mod:`msc_graph._loader_cache`), a file read before without problems is not parsed again.
    """
    try:
        data = read_bytes(path, folder or records_root(path, label))
    except ValueError as exc:
        issues.append(RecordIssue(label, "file", "", f"cannot read: {exc}"))
        return []
    except OSError as exc:
        issues.append(RecordIssue(label, "file", "", f"cannot read: {exc.strerror}"))
        return []
    if seen is not None:
        seen(data)
    key = cache.key(data, single) if cache is not None else ""
    found = cache.get(key) if cache is not None else None
    if found is not None:
        return [Entry(label, index, line, value) for index, line, value in found]
    before = len(issues)
    out = parse_entries(data, label, issues, single)
    if cache is not None and len(issues) == before:  # only files without problems: errors read as ever
        cache.put(key, [(e.index, e.line, e.data) for e in out])
    return out


def parse_entries(data: bytes, label: str, issues: list[RecordIssue], single: bool = False) -> list[Entry]:
    """The top-level records of the YAML file ``label`` holding ``data`` (see :func:`read_entries`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        issues.append(RecordIssue(label, "file", "", f"not UTF-8 text (byte {exc.start})"))
        return []
    if "\x00" in text:
        issues.append(RecordIssue(label, "file", "", "binary content (NUL byte)"))
        return []
    try:
        doc = yaml.compose(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        issues.append(RecordIssue(label, "file", "", f"malformed YAML: {_yaml_msg(exc)}"))
        return []
    if doc is None:
        issues.append(RecordIssue(label, "file", "", "empty file (expected a list of records)"))
        return []
    if "&" in text and _ALIAS.search(text):
        problem = alias_problem(doc)
        if problem:
            issues.append(RecordIssue(label, "file", "", problem))
            return []
    root = doc
    if single and isinstance(root, yaml.MappingNode):
        root = yaml.SequenceNode("tag:yaml.org,2002:seq", [root], root.start_mark, root.end_mark)
    elif single:
        issues.append(RecordIssue(label, "file", "", "expected one record (a YAML mapping of fields)"))
        return []
    elif not isinstance(root, yaml.SequenceNode):
        issues.append(RecordIssue(label, "file", "", "expected a YAML list of records at top level"))
        return []
    out: list[Entry] = []
    escapes = "\\" in text or "!" in text  # a NUL only comes from a "\0"-style escape or a !!binary tag
    big = _BIG_DIGITS.search(text) is not None  # a hex or binary integer long enough not to print
    constructor = _StrictLoader("")  # one per file: a loader per record re-reads the whole text (quadratic)
    for i, node in enumerate(root.value, start=1):
        try:
            data = _fastload.construct(constructor, node)
            if big and _huge_int(data):
                raise ValueError("an integer too long (Python reads at most 4,300 digits)")
        except ValueError as exc:  # an integer of more than 4,300 digits
            constructor = _StrictLoader("")
            msg = str(exc).split(";")[0] if "digits" in str(exc) else str(exc)
            issues.append(RecordIssue(label, _node_where(i, node), "", f"a number too long to read: {msg}"))
            continue
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
