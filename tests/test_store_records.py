"""Tests of the snapshot of a store's records (kg/store_records.py, decision 0013): an update
takes from ``DIR/records.bin`` exactly the records its files hold, reads from its file every
record the snapshot does not hold as it is, and rewrites the snapshot once enough of them were."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_store import blank_pipeline, write_articles
from test_store_index import OPTIONS, TEXTS

from kg.pipeline import build
from kg.records import extraction_from_json, extraction_to_json
from kg.store_records import (
    RECORDS_DIR,
    SNAPSHOT_FILE,
    STATE_FILE,
    RecordFiles,
    Rows,
    read_records,
    save_record_files,
)

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.fixture()
def store(tmp_path: Path, nlp: Language) -> Path:
    folder = write_articles(tmp_path / "in", TEXTS)
    store = tmp_path / "store"
    for names in (["a", "b", "c"], ["d", "e", "f", "g", "h"]):
        build([folder / f"{n}.txt" for n in names], store=store, options=OPTIONS, nlp=nlp)
    return store


def from_files(store: Path) -> tuple[dict[str, dict[str, object]], dict[str, str]]:
    """The records and their SHA-256s, each read from its file."""
    digests: dict[str, str] = {}
    return read_records(store, digests=digests), digests


def test_the_snapshot_holds_the_records_of_the_files(store: Path) -> None:
    assert (store / SNAPSHOT_FILE).is_file()
    files, digests = RecordFiles(), {}
    records = read_records(store, digests=digests, files=files)
    assert files.from_files == 0  # every one taken from the snapshot
    assert (records, digests) == from_files(store)
    assert len(records) == len(TEXTS)


def test_a_record_changed_behind_the_snapshot_is_read_from_its_file(store: Path) -> None:
    path = sorted((store / RECORDS_DIR).glob("*.json"))[0]
    record = json.loads(path.read_text(encoding="utf-8"))
    record["keys"] = []  # another record, written by another tool
    path.write_text(json.dumps(record), encoding="utf-8")
    files = RecordFiles()
    records = read_records(store, files=files)
    assert files.from_files == 1
    assert records[path.stem] == record
    assert records == from_files(store)[0]


def test_the_same_size_with_another_time_is_read_from_its_file(store: Path) -> None:
    path = sorted((store / RECORDS_DIR).glob("*.json"))[1]
    raw = path.read_bytes()
    record = json.loads(raw)
    start, end, key = record["keys"][0]
    record["keys"][0] = [start, end, key[:-1] + ("x" if key[-1] != "x" else "y")]
    changed = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    assert len(changed) == len(raw) and changed != raw
    stat = path.stat()
    path.write_bytes(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    files = RecordFiles()
    records = read_records(store, files=files)
    assert files.from_files == 1
    assert records[path.stem] == record
    assert records == from_files(store)[0]


@pytest.mark.parametrize("damage", ["corrupt", "empty", "stamp", "entry"])
def test_a_damaged_snapshot_means_every_file_is_read(store: Path, damage: str) -> None:
    import msgpack

    path = store / SNAPSHOT_FILE
    if damage == "corrupt":
        path.write_bytes(path.read_bytes()[:-7])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        data = msgpack.unpackb(path.read_bytes())
        if damage == "stamp":
            data["stamp"]["format"] += 1
        else:
            data["records"] = {aid: [0, *entry[1:]] for aid, entry in data["records"].items()}
        path.write_bytes(msgpack.packb(data))
    files, digests = RecordFiles(), {}
    assert (read_records(store, digests=digests, files=files), digests) == from_files(store)
    assert files.from_files == len(TEXTS)


def test_the_snapshot_is_written_when_a_sixteenth_came_from_files(tmp_path: Path) -> None:
    folder = tmp_path / RECORDS_DIR
    folder.mkdir()
    files = RecordFiles()
    for i in range(32):
        path = folder / f"a{i:02}.json"
        record = {"format": 1, "n": i}
        path.write_text(json.dumps(record), encoding="utf-8")
        files.note_written(f"a{i:02}", path, f"{i:064x}", record)
    files.from_files = 2
    assert not save_record_files(tmp_path, files)
    assert not (tmp_path / SNAPSHOT_FILE).exists()
    files.from_files = 3
    # A file changed after it was noted is left out: the snapshot never holds another record.
    (folder / "a05.json").write_text(json.dumps({"format": 1, "n": 555}), encoding="utf-8")
    (folder / "a06.json").unlink()
    assert save_record_files(tmp_path, files)
    again = RecordFiles()
    records = read_records(tmp_path, files=again)
    assert again.from_files == 1 and records["a05"] == {"format": 1, "n": 555}
    assert "a06" not in records and len(records) == 31


def test_the_state_is_trusted_for_the_records_it_noted(
    store: Path, tmp_path: Path, nlp: Language
) -> None:
    from kg.store import remove_articles

    folder = tmp_path / "in"

    def rerun(names: str) -> bool:
        """Whether a re-run of those articles trusted the last update (resolved nothing)."""
        report = build([folder / f"{n}.txt" for n in names], store=store, options=OPTIONS, nlp=nlp)
        assert report.store is not None and report.store.added == ()
        return "resolve" not in report.seconds

    assert rerun("abcdefgh")
    remove_articles(store, [str(folder / "e.txt")])
    assert rerun("abcdfgh")  # the state a removal left
    path = sorted((store / RECORDS_DIR).glob("*.json"))[0]
    record = json.loads(path.read_text(encoding="utf-8"))
    record["keys"] = []
    path.write_text(json.dumps(record), encoding="utf-8")
    assert not rerun("abcdfgh")  # a record changed behind kg's back: resolved again
    assert rerun("abcdfgh")


def test_rows_are_the_extraction_of_the_file(store: Path) -> None:
    """The snapshot's rows of each record: as a mapping, the record's extraction as its file
    holds it; the Extraction made from them, the one made from the file."""
    import msgpack

    records, _ = from_files(store)
    for record in records.values():
        rows = Rows.of(record["extraction"])
        assert rows is not None
        back = Rows.unpacked(msgpack.unpackb(msgpack.packb(rows.packed())))
        assert dict(back) == record["extraction"] and back == record["extraction"]
        assert back.extraction() == extraction_from_json(record["extraction"])


def test_rows_keep_every_field_of_a_mention() -> None:
    import msgpack

    from kg.records import Article, Extraction, Mention, Segment, Sentence

    text = "The BND (Bundesnachrichtendienst) said Rome FC won."
    extraction = Extraction(
        article=Article(
            id="x",
            text=text,
            source="x.txt",
            content_hash="h",
            title="The BND",
            published="2026-01-02",
            publisher="The Daily Example",
            url="https://example.org/x",
            segments=(Segment(start=0, raw_start=3, length=len(text)),),
            removed_chars=3,
            language="en",
        ),
        sentences=(Sentence(start=0, end=len(text)),),
        mentions=(
            Mention(
                start=4,
                end=7,
                text="BND",
                type="GovernmentOrganization",
                sentence=0,
                extractor="rule:x@1",
                country="DE",
                key="bnd",
                acronym="BND",
            ),
            Mention(start=39, end=46, text="Rome FC", type="SportsTeam", sentence=0, extractor="m"),
        ),
        model="m@1",
    )
    data = json.loads(json.dumps(extraction_to_json(extraction)))
    rows = Rows.of(data)
    assert rows is not None
    assert Rows.unpacked(msgpack.unpackb(msgpack.packb(rows.packed()))).extraction() == extraction


def test_a_record_of_another_layout_is_kept_as_it_is(tmp_path: Path) -> None:
    """A record whose mentions lack a field this kg's have is held by the snapshot as its file
    holds it (and its rows are not used)."""
    folder = tmp_path / RECORDS_DIR
    folder.mkdir()
    mention = {"start": 0, "end": 3, "text": "BND", "type": "Organization", "sentence": 0}
    extraction = {"article": {"id": "a"}, "sentences": [], "mentions": [mention], "model": ""}
    record = {"format": 1, "extraction": extraction, "keys": []}
    assert Rows.of(extraction) is None
    path = folder / "a.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    files = RecordFiles()
    files.note_written("a", path, "0" * 64, record)
    assert save_record_files(tmp_path, files)
    again = RecordFiles()
    assert read_records(tmp_path, files=again) == {"a": record}
    assert again.from_files == 0


def test_a_snapshot_of_the_older_layout_is_read_from_the_files_then_rewritten(
    store: Path, nlp: Language
) -> None:
    """A store whose snapshot holds the records as maps (the layout before rows): every record
    is read from its file, and the next update writes the snapshot in this layout."""
    import msgpack

    records, digests = from_files(store)
    older = {}
    for aid, record in records.items():
        stat = (store / RECORDS_DIR / f"{aid}.json").stat()
        older[aid] = [stat.st_size, stat.st_mtime_ns, digests[aid], record]
    stamp = {"format": 1, "store": 1}
    (store / SNAPSHOT_FILE).write_bytes(msgpack.packb({"stamp": stamp, "records": older}))
    files = RecordFiles()
    assert read_records(store, files=files) == records
    assert files.from_files == len(records)
    folder = store.parent / "in"
    (store / STATE_FILE).unlink()  # an update that writes (a re-run of the same would not)
    build([folder / f"{n}.txt" for n in "abcdefgh"], store=store, options=OPTIONS, nlp=nlp)
    data = msgpack.unpackb((store / SNAPSHOT_FILE).read_bytes())
    assert data["stamp"]["format"] == 2
    files = RecordFiles()
    assert read_records(store, files=files) == from_files(store)[0]
    assert files.from_files == 0
