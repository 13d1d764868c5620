"""IRI minting: the one function that makes every IRI kg writes.

IRIs are built from a base and a path of parts. Each part is percent-encoded so that only RFC 3986
unreserved characters remain: the result is valid in every RDF serialisation, the same parts always
give the same IRI, and different parts never give the same IRI.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import quote

from kg.errors import InputError

DEFAULT_BASE = "https://w3id.org/kg-news/id/"


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix kg's IRIs, else raise InputError saying why."""
    if not base.startswith(("http://", "https://", "urn:")):
        raise InputError(f"--base {base!r}: must start with http://, https:// or urn:")
    if any(c in base for c in ' <>"{}|\\^`#') or any(ord(c) < 33 for c in base):
        raise InputError(f"--base {base!r}: contains a character not allowed in an IRI (or '#')")
    if not base.endswith(("/", ":")):
        raise InputError(f"--base {base!r}: must end with '/' (or ':' for a URN)")
    return base


@lru_cache(maxsize=1 << 18)
def encode_part(part: str) -> str:
    """Percent-encode one path part, keeping only unreserved characters (injective).

    Remembered: a store's update mints the IRI of each of its tens of thousands of entities
    several times (their statements, their digests, the redirects), and ``quote`` is slow."""
    if not part:
        raise ValueError("an IRI part must not be empty")
    if part in (".", ".."):
        return part.replace(".", "%2E")  # dot segments would vanish in IRI normalisation
    return quote(part, safe="")


def mint_iri(base: str, kind: str, *parts: str) -> str:
    """Mint an IRI ``base + kind/part/part...``.

    Args:
        base: The namespace, from :func:`check_base`.
        kind: What the IRI names (``article``, ``entity``, ``merge``, ``run``, ``graph``).
        parts: The normalised key of the thing.

    Returns:
        The IRI as a string.
    """
    return base + "/".join([encode_part(kind), *(encode_part(p) for p in parts)])


def short_hash(*values: str, length: int = 12) -> str:
    """A short stable hex digest of ``values`` (for ids derived from long strings)."""
    digest = hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()
    return digest[:length]
