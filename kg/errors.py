"""Errors kg raises. The CLI turns each into a one-line message and a non-zero exit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class KGError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KGError):
    """An input file or argument cannot be used."""


class ModelError(KGError):
    """The spaCy pipeline named cannot be loaded."""


class GraphError(KGError):
    """A graph file or store cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or fails."""


class ValidationError(KGError):
    """A graph does not conform to the shapes."""


class EndpointError(KGError):
    """A SPARQL server cannot be reached, or answers a request with an error.

    Attributes:
        status: The HTTP status of the server's answer, if it answered.
        detail: The first lines of the server's message, on one line ("" if none).
    """

    def __init__(self, message: str, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


class LoadError(EndpointError):
    """Loading into a SPARQL server stopped part way.

    Attributes:
        loaded: The graphs sent before the failure, in the order they were sent; they are on the
            server, every other graph is as it was.
    """

    def __init__(
        self,
        message: str,
        *,
        loaded: tuple[str, ...] = (),
        status: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message, status=status, detail=detail)
        self.loaded = loaded


class ServeError(KGError):
    """The local SPARQL server cannot be started."""


#: Invisible characters that reorder text on a terminal (Unicode bidirectional controls).
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def one_line(text: str) -> str:
    r"""``text`` made safe to print as one line: control characters escaped.

    Newlines, tabs, terminal escapes (``\x1b[2J``), line and paragraph separators,
    bidirectional controls and lone surrogates (the undecodable bytes of a file name,
    ``\udce9``) are written as Python escapes (``\n``, ``\x1b``, ``\u2028``, ``\xe9``), so a
    file name or a server's message can neither break a one-line message nor drive the terminal.
    Printable text, accents and emoji included, is unchanged.

    Examples: ``one_line("a\nb.txt")`` is ``a\\nb.txt``; ``one_line("Zürich")`` is ``Zürich``.
    """
    return "".join(_escape(c) if _unsafe(c) else c for c in text)


def _unsafe(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs") or char in _BIDI_CONTROLS


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if char in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class StageError(KGError):
    """An unexpected failure inside a stage of a build, named."""


def run_stage(name: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)``, with any failure that is not a :class:`KGError` re-raised as a
    :class:`StageError` naming the stage (a bug or a library failure: say where it happened)."""
    try:
        return fn(*args, **kwargs)
    except KGError:
        raise
    except Exception as err:
        raise StageError(f"stage {name!r} failed: {type(err).__name__}: {err}") from err
