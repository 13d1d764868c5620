"""The gazetteer (kg/gazetteer.py): its lookups, and its cache file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg import gazetteer
from kg.gazetteer import build_gazetteer, load_gazetteer


def test_lookups_on_general_names() -> None:
    gaz = load_gazetteer()
    france = gaz.country("France")
    assert france is not None and france.iso == "FR"
    assert gaz.demonym("Brazilian") is not None and gaz.demonym("Brazilian").iso == "BR"  # type: ignore[union-attr]
    city = gaz.city("São Paulo")
    assert city is not None and city.country == "BR"
    assert gaz.country("Atlantis") is None


def test_cache_file_gives_the_same_indexes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    load_gazetteer.cache_clear()
    try:
        built = load_gazetteer()  # no cache yet: built, then written
        files = list((tmp_path / "cache").glob("gazetteer-*.json"))
        assert len(files) == 1
        load_gazetteer.cache_clear()
        cached = load_gazetteer()  # read back from the file
        assert cached == built == build_gazetteer()
        assert cached is not built
    finally:
        load_gazetteer.cache_clear()


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    path = gazetteer.cache_path()
    assert path is not None and path.parent == tmp_path
    path.write_text('{"countries": [', encoding="utf-8")  # cut short, as by a full disk
    load_gazetteer.cache_clear()
    try:
        gaz = load_gazetteer()
        assert gaz == build_gazetteer()
        assert json.loads(path.read_text(encoding="utf-8"))["countries"]  # written anew
    finally:
        load_gazetteer.cache_clear()


def test_an_unwritable_cache_folder_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    load_gazetteer.cache_clear()
    try:
        assert load_gazetteer().country("Japan") is not None
    finally:
        load_gazetteer.cache_clear()


def test_news_names_of_countries_the_data_lacks() -> None:
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    america, britain = gaz.country("America"), gaz.country("Britain")
    assert america is not None and america.iso == "US"
    assert britain is not None and britain.iso == "GB"
    assert gaz.named_country("UK") is None  # a short code is no name
    assert gaz.named_country("United Kingdom") is not None


def _one_country_gazetteer(iso: str, name: str) -> gazetteer.Gazetteer:
    country = gazetteer.Country(iso, name, None, None, 1)
    return gazetteer.Gazetteer({iso: country}, {name.lower(): iso}, {}, {}, {})


def test_only_codes_news_writes_for_countries_are_countries() -> None:
    gaz = load_gazetteer()
    for code, iso in (("US", "US"), ("U.S.", "US"), ("UK", "GB"), ("UAE", "AE"), ("NZ", "NZ")):
        found = gaz.country(code)
        assert found is not None and found.iso == iso, code
    # "AI demand", "LA traffic", "NC voters", "IT staff": ISO codes, but no country there
    for code in ("AI", "LA", "NC", "IT", "CAN", "IN"):
        assert gaz.country(code) is None, code
    assert gaz.country("Laos") is not None and gaz.country("Canada") is not None


def test_ministry_patterns_belong_to_their_gazetteer() -> None:
    # Patterns are held on the gazetteer, so a new gazetteer (which may reuse a freed object's
    # id()) never gets another one's patterns.
    from kg.patterns import _ministry_patterns

    for iso, name, other in [("PE", "Peru", "Chile"), ("CL", "Chile", "Peru")]:
        gaz = _one_country_gazetteer(iso, name)
        before, _after = _ministry_patterns(gaz)
        assert before.search(f"the {name} Health Ministry said")
        assert not before.search(f"the {other} Health Ministry said")
        assert _ministry_patterns(gaz)[0] is before
        del gaz


def test_country_names_grouped_by_first_letter_match_as_the_plain_alternation() -> None:
    # The ministry patterns' country names are gathered under their first letter (faster to
    # try): each name, and each name written before a longer one sharing its start, must match
    # the same text at the same offsets as the plain alternation, longest first, does.
    import re

    from kg.patterns import _country_alternation

    gaz = load_gazetteer()
    names = {n for n in gaz.country_names if len(n) > 2} | set(gaz.demonyms)
    written = [" ".join(w[:1].upper() + w[1:] for w in n.split()) for n in sorted(names)]
    plain = "|".join(
        r"\s+".join(re.escape(w[:1].upper() + w[1:]) for w in n.split())
        for n in sorted(names, key=len, reverse=True)
    )
    grouped = _country_alternation(gaz)
    assert grouped != plain and len(grouped) < len(plain)
    text = " ".join(f"the {w} Health Ministry, {w}'s envoy and {w}n talks." for w in written)
    for alternation in (plain, grouped):
        assert re.compile(rf"\b(?:{alternation})\b").search(text)
    found = [
        [m.span() for m in re.finditer(rf"\b(?:{alternation})(?:'s)?\s", text)]
        for alternation in (plain, grouped)
    ]
    assert found[1] == found[0] and len(found[0]) >= 2 * len(written)


def test_a_continent_or_region_is_never_a_city() -> None:
    gaz = load_gazetteer()
    for name in ("Asia", "Africa", "Europe", "Middle East", "Caribbean"):
        assert gaz.city(name) is None, name
        assert gazetteer.is_region(name)
    assert gaz.city("Lagos") is not None
    assert not gazetteer.is_region("Lagos")


def test_an_adopted_gazetteer_is_the_built_one() -> None:
    # What a build hands its workers (kg.parallel): the indexes as data, taken instead of built.
    built = load_gazetteer()
    data = gazetteer.gazetteer_data()
    load_gazetteer.cache_clear()
    try:
        gazetteer.adopt_gazetteer(data)
        adopted = load_gazetteer()
        assert adopted is not built
        assert adopted == built
        assert adopted.country("Kenya") == built.country("Kenya")
        assert not gazetteer._HANDED  # taken once, not kept
    finally:
        load_gazetteer.cache_clear()
        gazetteer._HANDED.clear()


@pytest.mark.parametrize("state", ["Maryland", "Virginia", "Missouri", "Brandenburg"])
def test_a_state_is_linked_to_no_small_or_foreign_city_of_its_name(state: str) -> None:
    gaz = load_gazetteer()
    assert gaz.city(state) is not None, "the test means little if no city carries the name"
    assert gaz.denoted_city(state) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [("Leeds", "GB"), ("Antalya", "TR"), ("Charlotte", "US"), ("New York", "US"), ("Berlin", "DE")],
)
def test_a_city_keeps_the_name_it_shares_with_a_province(name: str, country: str) -> None:
    city = load_gazetteer().denoted_city(name)
    assert city is not None and city.country == country


def test_the_divisions_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    path = gazetteer.cache_path()
    assert path is not None
    built = build_gazetteer()
    gazetteer._write_cache(path, built)
    read = gazetteer._from_json(json.loads(path.read_text(encoding="utf-8")))
    assert read.divisions == built.divisions and "maryland" in read.divisions


def test_a_name_several_cities_carry_keeps_them_all() -> None:
    gaz = load_gazetteer()
    assert gaz.city("Manchester") is None
    countries = [c.country for c in gaz.cities_named("Manchester")]
    assert countries[0] == "GB" and "US" in countries
    assert gaz.cities_named("Paris") == ()  # one city by far the biggest: no doubt to keep


def test_the_ambiguous_names_survive_the_cache(tmp_path: Path) -> None:
    built = build_gazetteer()
    path = tmp_path / "g.json"
    path.write_text(json.dumps(gazetteer._to_json(built)), encoding="utf-8")
    read = gazetteer._from_json(json.loads(path.read_text(encoding="utf-8")))
    assert read.ambiguous == built.ambiguous and read.cities_named("Geneva")


def _place(text: str, name: str, kind: str) -> Any:
    from kg.records import Mention

    s = text.index(name)
    return Mention(start=s, end=s + len(name), text=name, type=kind, sentence=0, extractor="t")


@pytest.mark.parametrize(
    ("text", "other", "kind", "country"),
    [
        ("Police in Manchester and Salford said", "Salford", "City", "GB"),
        ("Talks in Geneva, Switzerland went on", "Switzerland", "Country", "CH"),
        ("A fire in Manchester, in Ohio, United States", "United States", "Country", None),
    ],
)
def test_an_ambiguous_city_is_the_one_in_a_country_the_article_names(
    text: str, other: str, kind: str, country: str | None
) -> None:
    from kg.mention_rules import key_places

    gaz = load_gazetteer()
    name = text.split()[2].strip(",")
    got = key_places([_place(text, name, "Place"), _place(text, other, kind)], gaz)
    place = next(m for m in got if m.text == name)
    assert place.country == country
    assert (place.type == "City") is (country is not None)


def test_a_state_named_like_foreign_cities_stays_the_state() -> None:
    from kg.mention_rules import key_places

    text = "Schools in Victoria, Australia and the United States"
    gaz = load_gazetteer()
    mentions = [
        _place(text, "Victoria", "Place"),
        _place(text, "Australia", "Country"),
        _place(text, "United States", "Country"),
    ]
    assert next(m for m in key_places(mentions, gaz) if m.text == "Victoria").type == "Place"
