"""Compaction of a store (:mod:`kg.store`): after every write, nothing left in Oxigraph's
write-ahead log for the next open to replay, and a full compaction only as often as the data
written makes it worth it (decision 0011)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphError
from kg.store_records import COMPACTED_FILE, write_json

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Data files may grow by this fraction of their size after the last full compaction before an
#: update compacts them all again (amortised: each byte written is rewritten a few times at most).
REOPTIMIZE_GROWTH = 0.25


def compact(store: ox.Store, store_dir: Path) -> None:
    """Write what an update left in Oxigraph's write-ahead log into its tables (flush), so that
    the next open, read-only or not, need not replay the log: a store opens in milliseconds
    however much the last update wrote. When the tables have grown by more than
    :data:`REOPTIMIZE_GROWTH` since the last full compaction (``optimize``, which rewrites them
    all: 15 s at 10,000 articles), compact them again; the size after it is noted in
    ``DIR/compacted.json``. An update's cost stays in proportion to what it wrote."""
    try:
        store.flush()
        size = _table_bytes(store_dir)
        try:
            last = int(json.loads((store_dir / COMPACTED_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            last = 0
        if size > last * (1 + REOPTIMIZE_GROWTH):
            store.optimize()
            write_json(store_dir / COMPACTED_FILE, _table_bytes(store_dir))
    except OSError as err:
        raise GraphError(f"cannot compact the store: {' '.join(str(err).split())}") from err


def _table_bytes(store_dir: Path) -> int:
    """The size of the store's data files (RocksDB's ``*.sst``); a file that RocksDB's own
    background compaction deletes meanwhile counts for nothing."""
    size = 0
    for path in store_dir.glob("*.sst"):
        with contextlib.suppress(FileNotFoundError):
            size += path.stat().st_size
    return size


def drop_log(store_dir: Path) -> None:
    """Open and close a compacted store: RocksDB deletes the write-ahead log it no longer needs
    when it opens, and nothing is replayed. Best effort: if the store is open elsewhere (this
    process still holds it, or another took the lock since), the next open drops the log."""
    import pyoxigraph as ox

    with contextlib.suppress(OSError):
        ox.Store(str(store_dir))
