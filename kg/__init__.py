"""kg: build a provenance-rich RDF knowledge graph from news articles.

``kg.pipeline.build`` is the recipe (docs/architecture.md shows its stages, the records between
them and the sinks). The names below are imported on first use, so ``import kg`` stays instant;
type checkers see them as the real functions and classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kg.pipeline import analyse, build
    from kg.query import format_result, run_named_query, run_query
    from kg.records import BuildOptions, BuildReport, Corpus
    from kg.store import remove_articles
    from kg.validate import validate_graph
    from kg.viz import to_networkx, write_html

#: Each lazy name and the module that defines it.
_LAZY = {
    "build": "kg.pipeline",
    "analyse": "kg.pipeline",
    "BuildOptions": "kg.records",
    "BuildReport": "kg.records",
    "Corpus": "kg.records",
    "remove_articles": "kg.store",
    "run_query": "kg.query",
    "run_named_query": "kg.query",
    "format_result": "kg.query",
    "validate_graph": "kg.validate",
    "to_networkx": "kg.viz",
    "write_html": "kg.viz",
}

__all__ = [  # noqa: RUF022 (the order of _LAZY, which reads as a tour)
    "__version__",
    "build",
    "analyse",
    "BuildOptions",
    "BuildReport",
    "Corpus",
    "remove_articles",
    "run_query",
    "run_named_query",
    "format_result",
    "validate_graph",
    "to_networkx",
    "write_html",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
