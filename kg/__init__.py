"""kg: build a provenance-rich RDF knowledge graph from news articles.

The stages live in their own modules (``kg.ingest``, ``kg.clean``, ``kg.extract``,
``kg.resolve``, ``kg.graph``); ``kg.pipeline`` runs them. The names below are imported on first
use, so ``import kg`` stays instant.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "build": "kg.pipeline",
    "analyse": "kg.pipeline",
    "run_query": "kg.query",
    "format_result": "kg.query",
    "validate_graph": "kg.validate",
    "to_networkx": "kg.viz",
    "write_html": "kg.viz",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
