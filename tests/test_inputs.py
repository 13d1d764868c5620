"""The rows of issue 13 tried again as a user would: the real ``kg`` command on real files.

Each test runs ``python -m kg`` (or, where a moment inside a run matters, the library) and checks
that every good article is kept, that each failure is one line, and the exit code (0 all good,
1 error and nothing written, 2 some input skipped).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError

STORY = (
    "The mayor of Lyon, Claire Dubois, opened a new tram line on Monday. "
    "Dubois said the line would carry 40,000 passengers a day. "
    "The regional council of Auvergne-Rhone-Alpes paid half of its cost."
)
OTHER = (
    "Shares of Nordwind Energy rose 8 percent in Oslo on Tuesday after the company won a "
    "contract to build a wind farm off the coast of Norway, its chief executive Lars Berg said."
)


def run_kg(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> tuple[int, str]:
    """Run the kg command; its exit code and standard error."""
    done = subprocess.run(
        [sys.executable, "-m", "kg", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    return done.returncode, done.stderr.decode("utf-8", errors="replace")


def articles_in(store: Path) -> set[str]:
    return {path.stem for path in (store / "records").glob("*.json")}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


# --- nothing readable writes nothing --------------------------------------------------------


def test_a_typo_leaves_a_good_out_folder_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "graph.trig", "graph.html", "report.json"):
        (out / name).write_text(f"the good {name}\n")
    before = snapshot(out)
    code, err = run_kg("build", str(tmp_path / "artcles"), "-o", str(out), "--workers", "1")
    assert code == 1
    assert err.count("\n") == 1 and "artcles" in err and "nothing was written" in err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no litter beside it


def test_a_missing_input_into_a_new_store_is_one_line(tmp_path: Path) -> None:
    code, err = run_kg("build", "/nonexistent", "--store", str(tmp_path / "new"))
    assert code == 1
    assert err == (
        "kg: error: no article could be read: /nonexistent: no such file or directory; "
        "nothing was written\n"
    )
    assert not (tmp_path / "new").exists()


def test_file_names_with_newlines_and_escapes_stay_on_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "evil\n\x1b[2Jname.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    code, err = run_kg("build", str(bad), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.count("\n") == 1 and "\x1b" not in err
    assert "evil\\n\\x1b[2Jname.txt" in err


# --- bad input costs only itself --------------------------------------------------------------


@pytest.mark.integration
def test_every_bad_input_costs_only_itself(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "big.txt").write_text("word " * 240_000, encoding="utf-8")  # 1.2 M characters
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:  # not UTF-8
        handle.write(OTHER.encode())
    lines = [
        json.dumps({"text": "Turkish forces attacked on Tuesday.", "published": "0001-01-01"}),
        '{"text": "A number: ' + '", "n": ' + "9" * 5000 + "}",
        '{"text": "Deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": "a NUL \x00 here"}',
        json.dumps({"text": "The council met in Leeds on Friday.", "published": "soon"}),
    ]
    (folder / "feed.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, err = run_kg(
        "build", str(folder), "-o", str(out), "--max-chars", "2000000", "--workers", "1"
    )
    assert code == 2, err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles_read"] == 4  # good.txt, caf\xe9.txt, feed lines 1 and 5
    skipped = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {
        "big.txt",
        "feed.ndjson:1",
        "feed.ndjson:2",
        "feed.ndjson:3",
        "feed.ndjson:4",
        "feed.ndjson:5",
    }
    assert "kept without it" in skipped["feed.ndjson:1"]
    assert "kept without it" in skipped["feed.ndjson:5"]
    kept = {s["path"].rsplit("/", 1)[-1] for s in report["skipped"] if s.get("kept")}
    assert kept == {"feed.ndjson:1", "feed.ndjson:5"}
    assert "spaCy takes at most 1000000" in skipped["big.txt"]
    # One line per skipped input, the summary last.
    lines_out = err.splitlines()
    # An article kept without its unreadable date is a warning, not a skipped input.
    assert sum(line.startswith("kg: skipped ") for line in lines_out) == 4
    assert (
        sum(line.startswith("kg: warning: ") and "kept without it" in line for line in lines_out)
        == 2
    )
    graph = ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    texts = {q.object.value for q in graph if q.predicate.value.endswith("isString")}
    assert any("Nordwind" in t for t in texts) and any("Lyon" in t for t in texts)


# --- article identity -------------------------------------------------------------------------


@pytest.mark.integration
def test_the_same_folder_relative_and_absolute_is_the_same_articles(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    code, err = run_kg("build", "articles", str(folder), "--store", str(store), cwd=tmp_path)
    assert code == 0, err
    assert len(articles_in(store)) == 2
    assert err.count("the same article as") == 2
    code, err = run_kg("build", str(folder), "--store", str(store))
    assert code == 0, err
    assert "2 unchanged" in err and len(articles_in(store)) == 2


@pytest.mark.integration
def test_two_stories_on_stdin_are_two_articles(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_kg("build", "-", "--store", str(store), stdin=STORY.encode())[0] == 0
    assert run_kg("build", "-", "--store", str(store), stdin=OTHER.encode())[0] == 0
    assert len(articles_in(store)) == 2
    # The same story again is the same article.
    code, err = run_kg("build", "-", "--store", str(store), stdin=OTHER.encode())
    assert code == 0 and "1 unchanged" in err
    assert len(articles_in(store)) == 2


# --- stores under concurrency and kills -------------------------------------------------------


@pytest.mark.integration
def test_a_second_writer_creating_the_same_store_is_refused(tmp_path: Path) -> None:
    from kg.pipeline import build

    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    second: list[tuple[int, str]] = []

    def meanwhile(done: int, total: int) -> None:
        # While the first run extracts, a second run creates the same store.
        if not second:
            second.append(run_kg("build", str(tmp_path / "b.txt"), "--store", str(store)))

    build([tmp_path / "a.txt"], store=store, progress=meanwhile)
    ((code, err),) = second
    assert code == 1
    assert err.count("\n") == 1 and "is another kg build" in err
    assert f"process {os.getpid()} holds its lock" in err
    assert [name[:2] for name in articles_in(store)] == ["a-"]
    # Once the first is done, the second goes in.
    assert run_kg("build", str(tmp_path / "b.txt"), "--store", str(store))[0] == 0
    assert len(articles_in(store)) == 2


@pytest.mark.integration
def test_a_killed_removal_is_finished_by_running_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.store
    from kg.query import run_query

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(OTHER, encoding="utf-8")
    store = tmp_path / "store"
    kg.build([tmp_path / "in"], store=store)

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # as if the process died once the record was gone

    with monkeypatch.context() as patch:
        patch.setattr(kg.store, "sync_graphs", killed)
        with pytest.raises(KeyboardInterrupt):
            kg.store.remove_articles(store, ["in/a.txt"])
    assert len(articles_in(store)) == 1
    ask = "ASK { ?a kg:source 'a.txt' }"
    assert run_query(store, ask).boolean is True  # still in the graph
    code, err = run_kg("remove", str(store), "in/a.txt")
    assert code == 0, err
    assert run_query(store, ask).boolean is False
    assert not (store / "removing.json").exists()
    with pytest.raises(InputError):  # and now it is gone for good
        kg.store.remove_articles(store, ["in/a.txt"])


@pytest.mark.integration
@pytest.mark.parametrize("moment", ["first write", "graph written"])
def test_a_killed_build_leaves_the_four_files_all_old_or_all_new(
    tmp_path: Path, moment: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    assert run_kg("build", str(tmp_path / "in"), "-o", str(out), "--workers", "1")[0] == 0
    old = snapshot(out)
    assert set(old) == {"graph.ttl", "graph.trig", "graph.html", "report.json"}
    (tmp_path / "in" / "b.txt").write_text(OTHER, encoding="utf-8")
    command = [sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "-o", str(out)]
    process = subprocess.Popen([*command, "--workers", "1"], stderr=subprocess.DEVNULL)
    try:
        # Kill it at the first sign of writing: a new entry beside out/ or in it, or a file
        # of out/ replaced.
        def state() -> tuple[list[str], list[tuple[str, int]]]:
            return sorted(os.listdir(tmp_path)), [
                (e.name, e.stat().st_ino) for e in sorted(os.scandir(out), key=lambda e: e.name)
            ]

        def graph_written() -> bool:  # a whole new graph.ttl, in out/ or beside it
            fresh = [out, *(p for p in tmp_path.iterdir() if p.name.startswith("."))]
            return any(
                (p / "graph.ttl").exists() and (p / "graph.ttl").stat().st_ino != ttl for p in fresh
            )

        before, ttl = state(), (out / "graph.ttl").stat().st_ino
        done = (lambda: state() != before) if moment == "first write" else graph_written
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not done():
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    now = snapshot(out)
    assert set(now) == set(old)
    same = {name for name in now if now[name] == old[name]}
    assert same in (set(old), set()), f"a mix of old and new files: {same} old"
    # The next build clears what the killed one left beside out/.
    assert run_kg("build", str(tmp_path / "in"), "-o", str(out), "--workers", "1")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert json.loads((out / "report.json").read_text())["articles_read"] == 2
