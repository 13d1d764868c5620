"""Tests of IRI minting (kg/iri.py): properties checked with hypothesis and a strict RDF parser."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pyoxigraph
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.iri import DEFAULT_BASE, check_base, encode_part, mint_iri, short_hash

# Any text, including slashes, percent signs, spaces, '#', '<>', accents, emoji and controls.
parts = st.text(min_size=1, max_size=30)
kinds = st.sampled_from(["article", "entity", "merge", "run", "graph"])
# A small alphabet of characters that matter to encoding, so that near-collisions are generated.
tricky_parts = st.text(alphabet="a/%2F_-.~ #é", min_size=1, max_size=6)
# Bases that check_base accepts: http(s) with a host and path segments, or a URN.
segments = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~", min_size=1, max_size=8)
bases = st.one_of(
    st.builds(
        lambda scheme, host, path: f"{scheme}://{host}.org/" + "".join(f"{p}/" for p in path),
        st.sampled_from(["http", "https"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
        st.lists(segments, max_size=3),
    ),
    st.builds(lambda nid: f"urn:{nid}:", st.text(alphabet="abcdefgh", min_size=1, max_size=8)),
)

UNRESERVED_OR_PERCENT = re.compile(r"(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})*")


@given(st.one_of(parts, tricky_parts, segments))
def test_encode_part_is_percent_encoding_of_every_character(part: str) -> None:
    """Each part is percent-encoded as quote() does, dot segments excepted (cache included)."""
    expected = part.replace(".", "%2E") if part in (".", "..") else quote(part, safe="")
    assert encode_part(part) == expected


def decode(iri: str, base: str) -> tuple[str, ...]:
    """The parts an IRI was minted from (the inverse of mint_iri, given its base)."""
    assert iri.startswith(base)
    return tuple(unquote(p, errors="strict") for p in iri[len(base) :].split("/"))


def parses_as_turtle(iri: str) -> bool:
    doc = f"<{iri}> <{iri}> <{iri}> .\n".encode()
    triples = list(pyoxigraph.parse(doc, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == 1
    return bool(triples[0].subject == pyoxigraph.NamedNode(iri))


@given(kinds, st.lists(parts, max_size=4))
def test_mint_iri_is_deterministic(kind: str, key: list[str]) -> None:
    assert mint_iri(DEFAULT_BASE, kind, *key) == mint_iri(DEFAULT_BASE, kind, *key)


@given(bases, kinds, st.lists(parts, max_size=4))
def test_mint_iri_decodes_back_to_its_parts(base: str, kind: str, key: list[str]) -> None:
    # An inverse exists, so minting is injective over (kind, *parts) for a given base.
    iri = mint_iri(base, kind, *key)
    assert decode(iri, base) == (kind, *key)


@given(
    st.lists(tricky_parts, min_size=1, max_size=3), st.lists(tricky_parts, min_size=1, max_size=3)
)
def test_different_parts_give_different_iris(a: list[str], b: list[str]) -> None:
    same_iri = mint_iri(DEFAULT_BASE, *a) == mint_iri(DEFAULT_BASE, *b)
    assert same_iri == (a == b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("entity", "a/b"), ("entity", "a", "b")),
        (("entity", "a%2Fb"), ("entity", "a/b")),
        (("entity", "a b"), ("entity", "a+b")),
        (("entity", "a_b"), ("entity", "a", "b")),
        (("entity", "É"), ("entity", "é")),
    ],
)
def test_known_near_collisions_stay_apart(a: tuple[str, ...], b: tuple[str, ...]) -> None:
    assert mint_iri(DEFAULT_BASE, *a) != mint_iri(DEFAULT_BASE, *b)


@given(bases, kinds, st.lists(parts, max_size=4))
def test_minted_iri_is_valid_rdf(base: str, kind: str, key: list[str]) -> None:
    iri = mint_iri(base, kind, *key)
    assert pyoxigraph.NamedNode(iri).value == iri
    assert parses_as_turtle(iri)


@given(bases, kinds, st.lists(parts, max_size=4))
def test_only_unreserved_or_percent_after_the_base(base: str, kind: str, key: list[str]) -> None:
    iri = mint_iri(base, kind, *key)
    rest = iri[len(base) :]
    assert UNRESERVED_OR_PERCENT.fullmatch(rest), rest
    assert rest.count("/") == len(key)


@given(parts)
def test_encode_part_keeps_no_reserved_character(part: str) -> None:
    encoded = encode_part(part)
    assert re.fullmatch(r"(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+", encoded)
    assert unquote(encoded, errors="strict") == part


def test_encode_part_examples() -> None:
    assert encode_part("hulusi_akar") == "hulusi_akar"
    assert encode_part("a b/c#d") == "a%20b%2Fc%23d"
    assert encode_part("Çavuşoğlu") == "%C3%87avu%C5%9Fo%C4%9Flu"
    assert mint_iri(DEFAULT_BASE, "entity", "person", "hulusi_akar") == (
        "https://w3id.org/kg-news/id/entity/person/hulusi_akar"
    )


@pytest.mark.parametrize("key", [("",), ("ok", ""), ("", "ok")])
def test_empty_part_raises(key: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="empty"):
        mint_iri(DEFAULT_BASE, "entity", *key)


def test_empty_kind_and_part_raise() -> None:
    with pytest.raises(ValueError, match="empty"):
        encode_part("")
    with pytest.raises(ValueError, match="empty"):
        mint_iri(DEFAULT_BASE, "")


def test_short_hash_is_stable_and_separates_values() -> None:
    assert short_hash("a", "b") == short_hash("a", "b")
    assert short_hash("a", "b") != short_hash("ab")
    assert len(short_hash("x")) == 12
    assert len(short_hash("x", length=8)) == 8
    assert re.fullmatch(r"[0-9a-f]{12}", short_hash("x"))


# check_base


@pytest.mark.parametrize(
    "base",
    [
        DEFAULT_BASE,
        "http://example.org/",
        "https://example.org/kg/id/",
        "https://example.org:8080/a/b/",
        "urn:kg:",
        "urn:example:news/",
    ],
)
def test_check_base_accepts_good_bases(base: str) -> None:
    assert check_base(base) == base
    assert pyoxigraph.NamedNode(mint_iri(base, "entity", "x"))


@given(bases)
def test_check_base_accepts_generated_bases(base: str) -> None:
    assert check_base(base) == base


@pytest.mark.parametrize(
    ("base", "why"),
    [
        ("https://example.org/my kg/", "not allowed"),
        ("https://example.org/kg#", "not allowed"),
        ("https://example.org/kg#/", "not allowed"),
        ("https://example.org/<kg>/", "not allowed"),
        ("https://example.org/kg\n/", "not allowed"),
        ("https://example.org/kg", "must end"),
        ("kg/id/", "must start"),
        ("/kg/id/", "must start"),
        ("example.org/kg/", "must start"),
        ("ftp://example.org/kg/", "must start"),
        ("", "must start"),
    ],
)
def test_check_base_rejects_bad_bases(base: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        check_base(base)
