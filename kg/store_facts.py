"""The facts of a store's articles, kept in their records (decision 0011).

An article's positions, events and capitals standing for governments are a function of its
``Extraction`` and of kg's rules: a store keeps them in the article's record, next to the claims
(kept because they need the parse), so that an update finds the facts of the articles it
reuses without running the rules over every article again. They are trusted only from a
record that this kg version wrote; otherwise the rules run, as they did before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from kg import __version__
from kg.records import Claim, EventMention, Facts, Position


def facts_to_json(facts: Facts) -> dict[str, Any]:
    """The facts of an article but its claims (kept apart in its record), as JSON-able data."""
    return {
        "kg": __version__,
        "positions": [asdict(p) for p in facts.positions],
        "events": [asdict(e) for e in facts.events],
        "stands_for": [list(pair) for pair in facts.stands_for],
    }


def facts_from_json(
    data: Mapping[str, Any], *, article_id: str, claims: Sequence[Claim]
) -> Facts | None:
    """The facts back from :func:`facts_to_json`'s data and the record's claims; ``None`` when
    another kg version wrote them (its rules may differ).

    Raises:
        KeyError, TypeError, ValueError: The data is not facts of this kg's records.
    """
    if data.get("kg") != __version__:
        return None
    return Facts(
        article_id=article_id,
        positions=tuple(Position(**_tuples(p)) for p in data["positions"]),
        events=tuple(EventMention(**_tuples(e)) for e in data["events"]),
        claims=tuple(sorted(claims, key=lambda c: (c.start, c.end))),
        stands_for=tuple(((int(s), int(e)), str(iso)) for (s, e), iso in data["stands_for"]),
    )


def _tuples(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A record's fields with JSON's lists made tuples again, at every depth (offsets, lists
    of offsets, ISO codes)."""

    def tupled(value: Any) -> Any:
        return tuple(tupled(v) for v in value) if isinstance(value, list) else value

    return {name: tupled(value) for name, value in fields.items()}
