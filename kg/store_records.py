"""The records of a store (:mod:`kg.store`): the files of its directory, and each article's
record, ``records/ID.json``: its analysis (its ``Extraction``), the entity key each of its
mentions was given, and the claims found from its parse."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import GraphError
from kg.records import (
    Article,
    Claim,
    Extraction,
    Facts,
    Mention,
    Segment,
    Sentence,
    extraction_from_json,
    extraction_to_json,
)

#: Version of the layout of a store directory and of its record files.
STORE_FORMAT = 1
META_FILE = "kg-store.json"
STATE_FILE = "state.json"
#: The articles a ``kg remove`` is taking out, while it runs (a re-run finishes it).
REMOVING_FILE = "removing.json"
#: The size of the store's data files after its last full compaction (:func:`kg.store.compact`).
COMPACTED_FILE = "compacted.json"
RECORDS_DIR = "records"
#: The records as the last update left them, read faster than their files (decision 0013).
SNAPSHOT_FILE = "records.bin"
#: Version of its layout (2: each record's sentences and mentions as rows, :class:`Rows`).
SNAPSHOT_FORMAT = 2
#: The keys of a mention and of a sentence in a record (``dataclasses.asdict``), in order.
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_SENTENCE_FIELDS = tuple(f.name for f in fields(Sentence))
_EXTRACTION_FIELDS = tuple(f.name for f in fields(Extraction))


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


class RecordFiles:
    """The record files an update read and wrote: for each, the ``(size, mtime_ns)`` its file
    had, its SHA-256 and its record; kept in ``DIR/records.bin`` (:func:`save_record_files`)
    so that the next update reads the records of unchanged files from there (decision 0013).

    Attributes:
        entries: Article id -> ``(size, mtime_ns, sha256, record)``.
        from_files: How many records this update read from their files (the snapshot did not
            hold them as they are), then how many it wrote.
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, int, str, dict[str, Any]]] = {}
        self.from_files = 0

    def note_written(
        self, article_id: str, path: Path, digest: str, record: dict[str, Any]
    ) -> None:
        """A record just written (``record`` as :func:`read_records` reads it back)."""
        try:
            stat = path.stat()
        except OSError:
            self.entries.pop(article_id, None)
            return
        self.entries[article_id] = (stat.st_size, stat.st_mtime_ns, digest, record)
        self.from_files += 1


class Rows(Mapping[str, Any]):
    """A record's ``extraction`` as the snapshot keeps it: its sentences and mentions as rows of
    values, not maps (msgpack decodes them in about half the time, and
    :func:`read_extraction` makes the records from them directly). As a mapping it is the
    record's ``extraction`` as its file holds it, made when first asked for: a record read
    from the snapshot equals the record read from its file.
    """

    __slots__ = ("_json", "article", "mentions", "model", "sentences")

    def __init__(
        self,
        article: dict[str, Any],
        sentences: list[int],
        mentions: list[list[Any]],
        model: str,
    ) -> None:
        self.article = article
        self.sentences = sentences  # start, end of each sentence, one after the other
        self.mentions = mentions  # the values of each mention, in _MENTION_FIELDS order
        self.model = model
        self._json: dict[str, Any] | None = None

    @classmethod
    def of(cls, extraction: Any) -> Rows | None:
        """The rows of an ``extraction`` as a record file holds it; ``None`` when it is not
        exactly this kg's layout (a field more or less: it is kept as it is)."""
        if isinstance(extraction, Rows):
            return extraction
        if not isinstance(extraction, dict) or tuple(extraction) != _EXTRACTION_FIELDS:
            return None
        article, sentences, mentions, model = (extraction[f] for f in _EXTRACTION_FIELDS)
        if not (
            isinstance(article, dict)
            and isinstance(model, str)
            and isinstance(sentences, list)
            and isinstance(mentions, list)
            and all(type(s) is dict and tuple(s) == _SENTENCE_FIELDS for s in sentences)
            and all(type(m) is dict and tuple(m) == _MENTION_FIELDS for m in mentions)
        ):
            return None
        flat = [value for s in sentences for value in s.values()]
        return cls(article, flat, [list(m.values()) for m in mentions], model)

    def packed(self) -> list[Any]:
        """What the snapshot holds (:meth:`unpacked` reads it back)."""
        return [self.article, self.sentences, self.mentions, self.model]

    @classmethod
    def unpacked(cls, data: Any) -> Rows:
        """The rows :meth:`packed` gave.

        Raises:
            ValueError: ``data`` is not what :meth:`packed` gives.
        """
        if not (isinstance(data, list) and len(data) == 4):
            raise ValueError("not a snapshot's rows")
        article, sentences, mentions, model = data
        if not (
            isinstance(article, dict)
            and isinstance(sentences, list)
            and len(sentences) % 2 == 0
            and isinstance(mentions, list)
            and all(type(m) is list and len(m) == len(_MENTION_FIELDS) for m in mentions)
            and isinstance(model, str)
        ):
            raise ValueError("not a snapshot's rows")
        return cls(article, sentences, mentions, model)

    def extraction(self) -> Extraction:
        """The Extraction (as :func:`kg.records.extraction_from_json` makes it from the file).

        Raises:
            KeyError, TypeError: The rows do not hold an Extraction of this kg's records.
        """
        article = dict(self.article)
        article["segments"] = tuple(Segment(**s) for s in article.get("segments", ()))
        flat = self.sentences
        return Extraction(
            article=Article(**article),
            sentences=tuple(
                Sentence(start=flat[i], end=flat[i + 1]) for i in range(0, len(flat), 2)
            ),
            mentions=tuple(
                Mention(
                    start=start,
                    end=end,
                    text=text,
                    type=type_,
                    sentence=sentence,
                    extractor=extractor,
                    country=country,
                    key=key,
                    acronym=acronym,
                )
                for start, end, text, type_, sentence, extractor, country, key, acronym in (
                    self.mentions
                )
            ),
            model=self.model,
        )

    def _as_json(self) -> dict[str, Any]:
        if self._json is None:
            flat = self.sentences
            self._json = {
                "article": self.article,
                "sentences": [
                    dict(zip(_SENTENCE_FIELDS, flat[i : i + 2], strict=True))
                    for i in range(0, len(flat), 2)
                ],
                "mentions": [dict(zip(_MENTION_FIELDS, m, strict=True)) for m in self.mentions],
                "model": self.model,
            }
        return self._json

    def __getitem__(self, key: str) -> Any:
        return self._as_json()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_EXTRACTION_FIELDS)

    def __len__(self) -> int:
        return len(_EXTRACTION_FIELDS)

    def __repr__(self) -> str:
        return f"Rows({self._as_json()!r})"


def _pack(record: dict[str, Any]) -> dict[str, Any]:
    """A record as the snapshot holds it: its extraction as rows (:class:`Rows`) under
    ``rows``, when it has this kg's layout; else the record as it is."""
    rows = Rows.of(record.get("extraction"))
    if rows is None:
        return record
    packed = {key: value for key, value in record.items() if key != "extraction"}
    packed[_ROWS] = rows.packed()
    return packed


def _unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The record :func:`_pack` gave, its extraction as :class:`Rows` (as it was: the key's
    place in the record is not kept, and a record's keys are read by name).

    Raises:
        ValueError: The rows are not what :func:`_pack` gives.
    """
    if _ROWS not in packed:
        return packed
    record = {key: value for key, value in packed.items() if key != _ROWS}
    record["extraction"] = Rows.unpacked(packed[_ROWS])
    return record


#: The key of a packed record's rows (no record file has it: theirs is "extraction").
_ROWS = "extraction-rows"


def _read_snapshot(store_dir: Path) -> dict[str, Any]:
    """The records ``DIR/records.bin`` holds, by article id; none when it is missing,
    unreadable or of another layout."""
    import msgpack

    try:
        data = msgpack.unpackb((store_dir / SNAPSHOT_FILE).read_bytes())
        if not isinstance(data, dict) or data.get("stamp") != _snapshot_stamp():
            return {}
        records = data["records"]
    except (OSError, ValueError, TypeError, KeyError, msgpack.UnpackException):
        return {}
    return records if isinstance(records, dict) else {}


def _snapshot_stamp() -> dict[str, int]:
    return {"format": SNAPSHOT_FORMAT, "store": STORE_FORMAT}


def read_records(
    store_dir: str | Path,
    *,
    digests: dict[str, str] | None = None,
    files: RecordFiles | None = None,
) -> dict[str, dict[str, Any]]:
    """Every record file of a store, by article id, as stored (see :func:`read_extraction`);
    each file's SHA-256 (:func:`write_json` returns it) into ``digests`` when given.

    With ``files``, a record whose file has the size and modification time the snapshot
    (``DIR/records.bin``) noted with it is taken from the snapshot, the others are read from
    their files; what was read is noted in ``files``.

    Raises:
        GraphError: A record file cannot be read or is not a kg record.
    """
    folder = Path(store_dir) / RECORDS_DIR
    records: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return records
    snapshot = _read_snapshot(Path(store_dir)) if files is not None else {}
    with os.scandir(folder) as scan:
        found = sorted(
            (entry.name, entry)
            for entry in scan
            if entry.name.endswith(".json") and not entry.name.startswith(".")
        )  # a name starting with "." is a temporary file left by a killed update
    for name, entry in found:
        path = folder / name
        aid = name.removesuffix(".json")
        try:
            stat = entry.stat()
        except OSError as err:
            raise GraphError(
                f"{path}: cannot read this article record ({err}); delete it and build the "
                "article again"
            ) from err
        known = snapshot.get(aid)
        if (
            isinstance(known, list)
            and len(known) == 4
            and known[:2] == [stat.st_size, stat.st_mtime_ns]
            and isinstance(known[2], str)
            and isinstance(known[3], dict)
            and (data := _unpack_or_none(known[3])) is not None
        ):
            digest = known[2]
        else:
            try:
                raw = path.read_bytes()
                data = json.loads(raw.decode("utf-8"))
            except (OSError, ValueError) as err:
                raise GraphError(
                    f"{path}: cannot read this article record ({err}); delete it and build "
                    "the article again"
                ) from err
            digest = hashlib.sha256(raw).hexdigest()
            if files is not None:
                files.from_files += 1
        if not isinstance(data, dict) or data.get("format") != STORE_FORMAT:
            raise GraphError(
                f"{path}: not a kg store record of format {STORE_FORMAT}; build into a new store"
            )
        records[aid] = data
        if digests is not None:
            digests[aid] = digest
        if files is not None:
            files.entries[aid] = (stat.st_size, stat.st_mtime_ns, digest, data)
    return records


def _unpack_or_none(packed: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return _unpack(packed)
    except ValueError:
        return None  # a damaged entry: its file is read


def save_record_files(store_dir: Path, files: RecordFiles) -> bool:
    """Write ``DIR/records.bin`` anew from what an update read and wrote, when more than a
    sixteenth of the records it holds were read from (or written to) their files: the next
    update then reads them from there. Whether it was written.

    Each entry is checked against its file first (size and modification time): the snapshot
    never holds a record other than its file's. Written atomically; a killed update leaves the
    old one, whose entries for the files it changed no longer match them.
    """
    import msgpack

    from kg.graph import atomic_write

    if files.from_files * 16 <= len(files.entries):
        return False
    folder = store_dir / RECORDS_DIR
    records: dict[str, list[Any]] = {}
    for aid, (size, mtime, digest, record) in sorted(files.entries.items()):
        try:
            stat = (folder / f"{aid}.json").stat()
        except OSError:
            continue  # removed
        if (stat.st_size, stat.st_mtime_ns) == (size, mtime):
            records[aid] = [size, mtime, digest, _pack(record)]
    try:
        payload = msgpack.packb({"stamp": _snapshot_stamp(), "records": records})
    except (TypeError, ValueError, OverflowError):
        (store_dir / SNAPSHOT_FILE).unlink(missing_ok=True)  # a record msgpack cannot hold
        return False

    def write(handle: BinaryIO) -> None:
        handle.write(payload)

    atomic_write(store_dir / SNAPSHOT_FILE, write)
    return True


def read_extraction(
    record: Mapping[str, Any], *, where: str | Callable[[], object] = "record"
) -> Extraction:
    """The Extraction held in one record from :func:`read_records` (``where``: what to name it
    by in an error, or a function that gives it, called only then).

    Raises:
        GraphError: The record does not hold a valid Extraction.
    """
    try:
        extraction = record["extraction"]
        if isinstance(extraction, Rows):  # from the snapshot: made from its rows directly
            return extraction.extraction()
        return extraction_from_json(extraction)
    except (KeyError, TypeError, ValueError) as err:
        named = where if isinstance(where, str) else where()
        raise GraphError(
            f"{named}: not a valid article record ({type(err).__name__}: {err}); "
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
