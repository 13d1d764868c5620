"""Tests of a store's compaction (kg.store.compact): after every write nothing is left to replay;
the full compaction runs only once the data files have grown enough."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg.store_compact import REOPTIMIZE_GROWTH, compact, drop_log
from kg.store_records import COMPACTED_FILE


def write(store_dir: Path, start: int, count: int) -> None:
    store = ox.Store(str(store_dir))
    graph = ox.NamedNode("https://example.org/graph")
    store.extend(
        ox.Quad(
            ox.NamedNode(f"https://example.org/s{i}"),
            ox.NamedNode("https://example.org/p"),
            ox.Literal(f"value {i}"),
            graph,
        )
        for i in range(start, start + count)
    )
    compact(store, store_dir)
    del store
    drop_log(store_dir)


def log_bytes(store_dir: Path) -> int:
    return sum(path.stat().st_size for path in store_dir.glob("[0-9]*.log"))


def noted(store_dir: Path) -> int:
    return int(json.loads((store_dir / COMPACTED_FILE).read_text(encoding="utf-8")))


def test_each_write_leaves_no_log_and_full_compaction_waits_for_growth(tmp_path: Path) -> None:
    write(tmp_path, 0, 20_000)  # a new store: compacted in full
    first = noted(tmp_path)
    assert first > 0
    assert log_bytes(tmp_path) == 0
    write(tmp_path, 20_000, 200)  # a small update: flushed, not compacted again
    assert noted(tmp_path) == first
    assert log_bytes(tmp_path) == 0
    write(tmp_path, 20_200, 20_000)  # the data files doubled: compacted again
    assert noted(tmp_path) > first * (1 + REOPTIMIZE_GROWTH)
    assert log_bytes(tmp_path) == 0
    store = ox.Store.read_only(str(tmp_path))
    assert len(store) == 40_200
