"""Word lists as data: one place for every lexicon the rules use.

Each list is a UTF-8 text file beside this module, ``NAME.txt``: one entry per line, ``#`` starts a
comment. The file's first comment lines say where the list comes from (its source) or the criterion
an entry must meet. Rules read lists through :func:`words` (or :func:`entries` where order
matters), never from literals in code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["entries", "grammar", "words"]


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of the list ``NAME.txt``, in file order, comments and blank lines dropped.

    Read once a process (rules ask for some lists at every article).

    Raises:
        FileNotFoundError: there is no list of that name.
    """
    text = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    found: list[str] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            found.append(entry)
    return tuple(found)


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``NAME.txt`` as a set, lower-cased (for membership tests)."""
    return frozenset(entry.lower() for entry in entries(name))


@cache
def grammar(role: str) -> dict[str, str]:
    """The words of one role in ``attribution_grammar.txt``: word -> its value (or itself)."""
    out: dict[str, str] = {}
    for entry in entries("attribution_grammar"):
        parts = entry.split()
        if parts[0] == role:
            out[parts[1]] = parts[2] if len(parts) > 2 else parts[1]
    return out
