"""The records of a store (:mod:`kg.store`): the files of its directory, and each article's
record, ``records/ID.json``: its analysis (its ``Extraction``), the entity key each of its
mentions was given, and the claims found from its parse."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import GraphError
from kg.records import Claim, Extraction, Facts, extraction_from_json, extraction_to_json

#: Version of the layout of a store directory and of its record files.
STORE_FORMAT = 1
META_FILE = "kg-store.json"
STATE_FILE = "state.json"
#: The articles a ``kg remove`` is taking out, while it runs (a re-run finishes it).
REMOVING_FILE = "removing.json"
#: The size of the store's data files after its last full compaction (:func:`kg.store.compact`).
COMPACTED_FILE = "compacted.json"
RECORDS_DIR = "records"


def _record_payload(
    extraction: Extraction,
    keys: Iterable[tuple[int, int, str]],
    claims: Sequence[Claim] = (),
    facts: Facts | None = None,
) -> dict[str, Any]:
    """A record as :func:`read_records` reads it back (lists, not tuples), to compare with it."""
    from kg.facts import claims_to_json
    from kg.store_facts import facts_to_json

    payload: dict[str, Any] = {
        "format": STORE_FORMAT,
        "extraction": extraction_to_json(extraction),
        "keys": [list(k) for k in sorted(keys)],
        "claims": claims_to_json(claims),
    }
    if facts is not None:
        payload["facts"] = facts_to_json(facts)
    data: dict[str, Any] = json.loads(json.dumps(payload))
    return data


def _record_path(store_dir: Path, article_id: str) -> Path:
    return store_dir / RECORDS_DIR / f"{article_id}.json"


def read_records(
    store_dir: str | Path, *, digests: dict[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Every record file of a store, by article id, as stored (see :func:`read_extraction`);
    each file's SHA-256 (:func:`write_json` returns it) into ``digests`` when given.

    Raises:
        GraphError: A record file cannot be read or is not a kg record.
    """
    folder = Path(store_dir) / RECORDS_DIR
    records: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return records
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("."):
            continue  # a temporary file left by a killed update
        try:
            raw = path.read_bytes()
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError) as err:
            raise GraphError(
                f"{path}: cannot read this article record ({err}); delete it and build the "
                "article again"
            ) from err
        if not isinstance(data, dict) or data.get("format") != STORE_FORMAT:
            raise GraphError(
                f"{path}: not a kg store record of format {STORE_FORMAT}; build into a new store"
            )
        records[path.stem] = data
        if digests is not None:
            digests[path.stem] = hashlib.sha256(raw).hexdigest()
    return records


def read_extraction(record: Mapping[str, Any], *, where: str = "record") -> Extraction:
    """The Extraction held in one record from :func:`read_records`.

    Raises:
        GraphError: The record does not hold a valid Extraction.
    """
    try:
        return extraction_from_json(record["extraction"])
    except (KeyError, TypeError, ValueError) as err:
        raise GraphError(
            f"{where}: not a valid article record ({type(err).__name__}: {err}); "
            "delete it and build the article again"
        ) from err


def write_json(path: Path, data: Any) -> str:
    """Write ``data`` as one line of JSON, atomically; the SHA-256 of the bytes written."""
    from kg.graph import atomic_write

    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"

    def write(handle: BinaryIO) -> None:
        handle.write(payload)

    atomic_write(path, write)
    return hashlib.sha256(payload).hexdigest()
