"""The record cache (``_loader_cache``) and the parallel parse (``_loader_pool``): a load served from
them gives exactly what parsing every file in the loader gives, errors included; a cache entry or
folder that is damaged, foreign or stale is not used."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import msc_graph
from msc_graph import _loader, _loader_cache, _loader_pool, _yamlread
from msc_graph._dataset import Dataset, rel_path
from msc_graph._exceptions import RecordIssue
from msc_graph._loader_cache import RecordCache
from msc_graph._records import VOCAB_MODELS

from .conftest import INGEST, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "records"
    generate.generate(300, root, seed=11)
    return root


def parts(ds: Dataset) -> tuple[Any, ...]:
    """Everything a dataset holds that compares by value (vocabularies are rebuilt from the terms)."""
    return ds.terms, ds.ambiguous, ds.sources, ds.studies, ds.claims, ds.digest


def every_file(root: Path, cache: RecordCache | None) -> dict[str, tuple[list[_yamlread.Entry], list[RecordIssue]]]:
    out = {}
    for path, single in _loader_pool.record_files(root, list(VOCAB_MODELS)):
        issues: list[RecordIssue] = []
        label = rel_path(path, root)
        out[label] = (_yamlread.read_entries(path, label, issues, single, cache=cache), issues)
    return out


def entry_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith(".tmp-"))


@pytest.mark.parametrize("which", ["curated", "synthetic"])
def test_a_cache_hit_yields_exactly_the_records_of_a_cold_parse(which: str, corpus: Path, tmp_path: Path) -> None:
    root = INGEST if which == "curated" else corpus
    cold_files, cold = every_file(root, None), _loader.load(root, cache=False)
    cache = RecordCache.open(tmp_path / "cache")
    assert cache is not None
    first = _loader.load(root, cache=cache)
    n = len(cold_files)
    assert (cache.hits, cache.misses, cache.writes) == (0, n, n)
    assert len(entry_files(cache.folder)) == n
    again = RecordCache.open(tmp_path / "cache")
    assert again is not None
    warm = _loader.load(root, cache=again)
    assert (again.hits, again.misses, again.writes) == (n, 0, 0), "every file from the cache"
    assert parts(warm) == parts(first) == parts(cold)
    assert every_file(root, again) == cold_files  # file, record index, line and data of every record


def test_files_parsed_in_worker_processes_give_what_the_loader_gives(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "records"
    shutil.copytree(corpus, root)
    claims = sorted(root.glob("sources/*/claims/*.yaml"))
    text = claims[0].read_text(encoding="utf-8")
    claims[0].write_text(text.replace("demonstrated: true", "demonstrated: maybe", 1), encoding="utf-8")
    claims[1].write_text("- id: [unclosed\n", encoding="utf-8")
    files = _loader_pool.record_files(root, list(VOCAB_MODELS))
    cache = RecordCache.open(tmp_path / "cache")
    assert cache is not None
    store, scratch = _loader_pool.prefetch(root, files, cache, min_bytes=0)
    assert store is cache and scratch is None
    cached = {path for path, single in files if cache.has(cache.key(path.read_bytes(), single))}
    assert cached == {path for path, _ in files} - {claims[1]}, "the workers stored every file read without problem"
    with pytest.raises(msc_graph.RecordError) as cold:
        _loader.load(root, cache=False)
    warm_cache = RecordCache.open(tmp_path / "cache")
    assert warm_cache is not None
    with pytest.raises(msc_graph.RecordError) as warm:
        _loader.load(root, cache=warm_cache)
    assert warm.value.issues == cold.value.issues and warm_cache.hits == len(files) - 1
    store, scratch = _loader_pool.prefetch(root, files, None, min_bytes=0)  # the user's cache off: a private one
    assert store is not None and scratch is not None and store.folder.is_relative_to(scratch)
    _loader_pool.drop(scratch)
    assert not scratch.exists()
    pooled = _loader_pool.MIN_BYTES
    try:
        _loader_pool.MIN_BYTES = 0  # the loader has workers parse whatever the size
        with pytest.raises(msc_graph.RecordError) as pool:
            _loader.load(root, cache=False)
        shutil.copy(corpus / claims[1].relative_to(root), claims[1])
        shutil.copy(corpus / claims[0].relative_to(root), claims[0])
        assert parts(_loader.load(root, cache=False)) == parts(_loader.load(corpus, cache=False))
    finally:
        _loader_pool.MIN_BYTES = pooled
    assert pool.value.issues == cold.value.issues


def _broken_copy(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = tmp_path / "records"
    shutil.copytree(INGEST, root)
    claims = sorted(root.glob("sources/*/claims/*.yaml"))
    return root, claims


def test_errors_are_the_same_with_a_warm_cache_and_broken_files_are_not_cached(tmp_path: Path) -> None:
    root, claims = _broken_copy(tmp_path)
    cache = RecordCache.open(tmp_path / "cache")
    assert cache is not None
    _loader.load(root, cache=cache)
    records = yaml.safe_load(claims[0].read_text(encoding="utf-8"))
    records[0]["evidence"] = "hearsay"
    claims[0].write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    claims[1].write_text(claims[1].read_text(encoding="utf-8") + "\n- {id: x, id: y}\n", encoding="utf-8")
    (root / "vocab" / "pathways.yaml").write_text("- id: [\n", encoding="utf-8")
    with pytest.raises(msc_graph.RecordError) as cold:
        _loader.load(root, cache=False)
    for _ in range(2):
        warm_cache = RecordCache.open(tmp_path / "cache")
        assert warm_cache is not None
        with pytest.raises(msc_graph.RecordError) as warm:
            _loader.load(root, cache=warm_cache)
        assert warm.value.issues == cold.value.issues
        assert {i.file for i in warm.value.issues} >= {rel_path(p, root) for p in (claims[0], claims[1])}
    assert warm_cache is not None
    for path in (claims[1], root / "vocab" / "pathways.yaml"):  # their own problems: never cached
        assert not warm_cache.has(warm_cache.key(path.read_bytes(), False))
    assert warm_cache.has(warm_cache.key(claims[0].read_bytes(), False)), "read without problem: cached"


def _damage(entry: Path, how: str, other: bytes) -> None:
    raw = entry.read_bytes()
    head, _, body = raw.partition(b"\n")
    header = json.loads(head)
    if how == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif how == "flipped byte":
        i = len(head) + 1 + len(body) // 2
        entry.write_bytes(raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1 :])
    elif how == "garbage":
        entry.write_bytes(b"\x00\xff not json at all")
    elif how == "other loader":
        entry.write_bytes(json.dumps({**header, "tag": "0/old"}).encode() + b"\n" + body)
    elif how == "other file's records":  # a valid entry under the wrong key
        entry.write_bytes(other)
    elif how == "wrong shape, right checksum":
        bad = b'[["1", 2, {"id": "x"}]]'
        header = {**header, "records": 1, "sha256": hashlib.sha256(bad).hexdigest()}
        entry.write_bytes(json.dumps(header).encode() + b"\n" + bad)
    elif how == "symlink":  # to a copy of the entry itself: refused all the same
        copy = entry.with_name("elsewhere")
        copy.write_bytes(raw)
        entry.unlink()
        entry.symlink_to(copy)
    elif how == "another user's":
        os.chown(entry, 54321, -1)


DAMAGE = [
    "truncated",
    "flipped byte",
    "garbage",
    "other loader",
    "other file's records",
    "wrong shape, right checksum",
    "symlink",
    "another user's",
]


def test_a_damaged_or_foreign_cache_entry_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    root = INGEST
    expected = parts(_loader.load(root, cache=False))
    cache = RecordCache.open(tmp_path / "cache")
    assert cache is not None
    _loader.load(root, cache=cache)
    n = cache.writes
    for how in DAMAGE:
        if how == "another user's" and os.geteuid() != 0:
            continue
        entries = entry_files(cache.folder)
        contents = [e.read_bytes() for e in entries]
        for k, entry in enumerate(entries):
            _damage(entry, how, contents[k - 1])
        again = RecordCache.open(tmp_path / "cache")
        assert again is not None
        assert parts(_loader.load(root, cache=again)) == expected, how
        assert (again.hits, again.misses, again.writes) == (0, n, n), how
        healed = RecordCache.open(tmp_path / "cache")
        assert healed is not None
        assert parts(_loader.load(root, cache=healed)) == expected
        assert healed.hits == n, f"rebuilt after {how}"


def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    assert RecordCache.open(folder) is None
    monkeypatch.setenv("MSC_GRAPH_CACHE_DIR", str(folder))
    assert _loader_cache.open_default() is None
    assert parts(_loader.load(INGEST)) == parts(_loader.load(INGEST, cache=False))
    assert not list(folder.iterdir()), "nothing written there"
    folder.chmod(0o700)
    assert RecordCache.open(folder) is not None
    if os.geteuid() == 0:
        os.chown(folder, 54321, -1)
        assert RecordCache.open(folder) is None, "another user's folder"


def test_where_the_cache_lives_and_how_to_turn_it_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for off in ("off", "0", "none", ""):
        monkeypatch.setenv("MSC_GRAPH_CACHE_DIR", off)
        assert _loader_cache.default_folder() is None and _loader_cache.open_default() is None
    monkeypatch.setenv("MSC_GRAPH_CACHE_DIR", str(tmp_path / "mine"))
    cache = _loader_cache.open_default()
    assert cache is not None and cache.folder == tmp_path / "mine"
    assert (tmp_path / "mine").stat().st_mode & 0o777 == 0o700
    monkeypatch.delenv("MSC_GRAPH_CACHE_DIR")
    from platformdirs import user_cache_dir

    assert _loader_cache.default_folder() == Path(user_cache_dir("msc-graph", appauthor=False)) / "records"


def test_a_new_loader_version_or_a_deleted_cache_only_means_parsing_again(tmp_path: Path) -> None:
    tag = _loader_cache.loader_tag()
    assert f"/{_yamlread.LOADER_VERSION}/" in tag and f"PyYAML {yaml.__version__}" in tag and "msc-graph" in tag
    cache = RecordCache.open(tmp_path / "cache")
    assert cache is not None
    expected = parts(_loader.load(INGEST, cache=cache))
    newer = RecordCache.open(tmp_path / "cache", tag=tag + "+next")
    assert newer is not None
    assert parts(_loader.load(INGEST, cache=newer)) == expected
    assert newer.hits == 0 and newer.writes == cache.writes
    shutil.rmtree(tmp_path / "cache")
    again = RecordCache.open(tmp_path / "cache")
    assert again is not None
    assert parts(_loader.load(INGEST, cache=again)) == expected and again.writes == cache.writes


@pytest.mark.parametrize(
    "value",
    [datetime.date(2020, 1, 1), b"\x00bin", {1: "int key"}, {True: "bool key"}, float("nan"), {"a": {1, 2}}],
)
def test_values_json_would_not_give_back_are_not_cached(value: Any, tmp_path: Path) -> None:
    cache = RecordCache.open(tmp_path)
    assert cache is not None
    assert not cache.put("k", [(1, 1, {"note": value})])
    assert cache.get("k") is None
    plain = {"id": "x", "n": 1, "f": -0.0, "b": True, "none": None, "list": [1, "two", {"three": 3.5}]}
    assert cache.put("k", [(1, 3, plain)]) and cache.get("k") == [(1, 3, plain)]


def test_pruning_drops_the_least_recently_used_entries(tmp_path: Path) -> None:
    cache = RecordCache.open(tmp_path)
    assert cache is not None
    for k in range(6):
        assert cache.put(f"k{k}", [(1, 1, {"id": "x" * 1000})])
        os.utime(tmp_path / f"k{k}.json", (1_000_000 + k, 1_000_000 + k))
    size = (tmp_path / "k0.json").stat().st_size
    assert cache.prune(max_bytes=3 * size, max_age=10**12) == 3
    assert [p.stem for p in entry_files(tmp_path)] == ["k3", "k4", "k5"]
    assert cache.prune(max_bytes=10**9, max_age=1) == 3 and not entry_files(tmp_path)
