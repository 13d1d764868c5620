"""kg as a library: no global state left behind, no files written unasked, importable from a plain
checkout, and a store build that runs each per-article stage once per new article."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

import kg
from kg import gazetteer
from kg.cli import main
from kg.errors import StageError
from kg.pipeline import frozen_gc

ROOT = Path(__file__).resolve().parent.parent


def test_frozen_gc_unfreezes_when_the_block_fails() -> None:
    before = gc.get_freeze_count()
    with pytest.raises(RuntimeError), frozen_gc():
        assert gc.get_freeze_count() > before or before > 0
        raise RuntimeError("a stage failed")
    assert gc.get_freeze_count() == 0


def test_a_failed_build_leaves_the_gc_unfrozen(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ankara is a city.", encoding="utf-8")

    class Broken:
        """A 'pipeline' whose every use fails: the build stops in the extract stage."""

        meta: ClassVar[dict[str, str]] = {}

        def pipe(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("broken pipeline")

    with pytest.raises(StageError, match="stage 'extract' failed"):
        kg.build([tmp_path / "a.txt"], tmp_path / "out", nlp=Broken())  # type: ignore[arg-type]
    assert gc.get_freeze_count() == 0
    assert not (tmp_path / "out").exists()  # nothing written


def test_paused_gc_freezes_what_it_made_when_asked() -> None:
    from kg.memory import paused_gc, unfrozen_after

    with unfrozen_after():
        with paused_gc():
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() == 0
        with paused_gc(freeze=True):
            kept = [[i] for i in range(100)]
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0


def test_store_builds_and_removals_leave_the_gc_unfrozen(tmp_path: Path) -> None:
    from test_store import blank_pipeline

    from kg.store import remove_articles

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"{name.upper()} Ankara is a city.", encoding="utf-8")
    store = tmp_path / "store"
    kg.build([tmp_path / "a.txt"], store=store, nlp=blank_pipeline())
    assert gc.get_freeze_count() == 0

    class Broken:
        """A 'pipeline' whose every use fails: the build stops after the store's records are
        read (and frozen), in the extract stage."""

        meta: ClassVar[dict[str, str]] = {"lang": "en", "name": "pipeline", "version": "0.0.0"}

        def pipe(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("broken pipeline")

    with pytest.raises(StageError, match="stage 'extract' failed"):
        kg.build([tmp_path / "b.txt"], store=store, nlp=Broken())  # type: ignore[arg-type]
    assert gc.get_freeze_count() == 0
    kg.build([tmp_path / "b.txt"], store=store, nlp=blank_pipeline())
    remove_articles(store, [str(tmp_path / "b.txt")])
    assert gc.get_freeze_count() == 0


def test_the_library_writes_no_cache_unasked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert gazetteer.cache_path() is None
    gazetteer.load_gazetteer.cache_clear()
    try:
        assert gazetteer.load_gazetteer().country("Japan") is not None
    finally:
        gazetteer.load_gazetteer.cache_clear()
    assert not any(tmp_path.rglob("*"))


def test_the_command_asks_for_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["query", "--list"]) == 0
    assert os.environ["KG_CACHE_DIR"] == str(tmp_path / "kg")
    assert "entities" in capsys.readouterr().out


def test_the_ontology_is_found_in_a_plain_checkout() -> None:
    # -S: no site-packages, so no installed kg (nor its editable finder): only the checkout.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import kg.shipped as s; "
        "print(s.ontology_path('roles.ttl')); print('kg.ontology' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-S", "-c", code, str(ROOT)], capture_output=True, text=True, check=True
    )
    path, imported = output.stdout.split()
    assert Path(path) == ROOT / "ontology" / "roles.ttl"
    assert imported == "False"


def test_lazy_exports_are_the_real_objects() -> None:
    from kg.pipeline import build
    from kg.records import BuildOptions

    assert kg.build is build
    assert kg.BuildOptions is BuildOptions
    assert set(kg.__all__) >= {"build", "analyse", "BuildOptions", "run_query", "write_html"}
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = kg.nothing  # type: ignore[attr-defined]


def test_a_store_build_finds_the_facts_of_each_new_article_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import spacy

    from kg import facts

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {
        "a.txt": "The mayor of Lyon met the minister in Geneva on Tuesday.",
        "b.txt": "A striker from Porto signed for a club in Milan, its coach said.",
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    seen: list[str] = []
    real = facts.extract_facts

    def counted(extraction: object, **kwargs: object) -> object:
        seen.append(extraction.article.id)  # type: ignore[attr-defined]
        return real(extraction, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facts, "extract_facts", counted)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    store = tmp_path / "store"
    report = kg.build([folder], store=store, nlp=nlp)
    assert report.store is not None and len(report.store.added) == 2
    assert sorted(seen) == sorted(report.store.added)  # once each, not twice
    seen.clear()
    (folder / "c.txt").write_text("Rain closed the port of Gdansk.", encoding="utf-8")
    report = kg.build([folder], store=store, nlp=nlp)
    assert report.store is not None and len(report.store.added) == 1
    # The new article once; the stored ones not at all: their facts are read back from
    # their records (decision 0011), not found again.
    assert report.store.articles == 3
    assert seen == list(report.store.added)
