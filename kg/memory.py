"""Memory: the cyclic garbage collector paused over work that makes many objects and no cycles,
and kept off the records a build holds until it ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs, however it ends.

    For work that makes a great many small objects that live on and form next to no cycles:
    the gazetteer's indexes (a quarter of a million strings, tuples and lists), the corpus-wide
    stages (clusters, entities and the records they come from) and graph.html's page. Each of
    the collector's passes walks them all and frees nothing (half the time of building the
    gazetteer; resolution over 10,000 articles 10.2 -> 5.6 s CPU; 28% of the page's time at
    10,000 articles). What is no longer referenced is still freed at once, by reference
    counting. Nested use is safe: the collector is enabled again only if it was on before.

    Args:
        freeze: Also freeze, when the block ends, every object the collector tracks (those the
            block made among them), for blocks whose objects live until the end of a build: a
            store's records. Unfrozen, they are all in the youngest generation when the
            collector resumes, and its next pass walks every one of them (3 s after reading the
            records of 10,000 articles), as does the build's full pass before it freezes
            (:func:`frozen_gc`, 1.8 s). Only inside :func:`unfrozen_after` (or
            :func:`frozen_gc`), so that nothing stays frozen once the build ends.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()  # one splice of the collector's lists: no object is walked
        if was:
            gc.enable()


@contextmanager
def frozen_gc() -> Iterator[None]:
    """Keep the records made so far out of the cyclic garbage collector's view while the block
    runs, however it ends.

    They live until the end of the build: otherwise each of the collector's full passes over the
    later stages' many new objects walks them all again (it doubled the time of resolution at
    1,000 articles). Frozen objects are still freed when no longer referenced.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def unfrozen_after() -> Iterator[None]:
    """Unfreeze the collector when the block ends, however it ends: around a build or removal
    whose stages freeze what they made (``paused_gc(freeze=True)``)."""
    try:
        yield
    finally:
        gc.unfreeze()
